"""The fact-tracking commands as a script or a person uses them: kb contradictions,
kb clusters, kb review, kb track (over a private copy of the sample-site database)."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.errors import BadInput

runner = CliRunner()

CLAIM_SIDE_FIELDS = {"claim_id", "text", "article_url", "source", "published_at", "char_start", "char_end"}


@pytest.fixture
def db(sample_db, tmp_path):
    path = tmp_path / "kb.duckdb"
    shutil.copy(sample_db, path)
    return path


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _run(*args: str) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, (args, res.output, res.exception)
    return res.stdout


def _squeeze(text: str) -> str:
    """Text without whitespace: rich wraps lines at the console width, anywhere in a URL."""
    return "".join(text.split())


def test_cli_contradictions_json_carries_both_claims_with_provenance(db):
    flags = _jsonl(_run("contradictions", "--db", str(db), "--json"))
    assert len(flags) == 4 and {f["reason"] for f in flags} == {"figure_conflict"}
    for f in flags:
        assert f["status"] == "open" and 0 < f["score"] <= 1 and f["detail"]
        for side in ("claim_a", "claim_b"):
            assert CLAIM_SIDE_FIELDS <= set(f[side])
        assert (f["claim_a"]["published_at"] or "") <= (f["claim_b"]["published_at"] or "")
    # Gartner's 60% against 75%, in three outlets
    gartner = [f for f in flags if f["detail"].startswith("Gartner:")]
    assert len(gartner) == 2 and all("60%" in f["detail"] and "75%" in f["detail"] for f in gartner)


def test_cli_contradictions_text_shows_each_flag_with_both_claims(db):
    flags = _jsonl(_run("contradictions", "--db", str(db), "--json"))
    assert len(flags) == 4
    text = _squeeze(_run("contradictions", "--db", str(db)))
    for f in flags:
        assert f"#{f['flag_id']}{f['reason']}·score{f['score']:.2f}·open" in text, f["flag_id"]
        assert _squeeze(f["detail"]) in text
        for label, side in (("A", f["claim_a"]), ("B", f["claim_b"])):
            c = _squeeze(f"{label} {side['text']}")
            assert c in text, (f["flag_id"], label)
            assert f"·claim{side['claim_id']}·{side['article_url']}" in text, (f["flag_id"], label)
    # flags come in the order of the JSON listing (highest score first)
    at = [text.index(f"#{f['flag_id']}{f['reason']}") for f in flags]
    assert at == sorted(at)


def test_cli_review_then_filter_by_status(db):
    flags = _jsonl(_run("contradictions", "--db", str(db), "--json"))
    assert len(flags) == 4
    first = flags[0]
    out = _run(
        "review",
        str(first["flag_id"]),
        "--status",
        "needs-checking",
        "--note",
        "call Gartner",
        "--reviewer",
        "mei",
        "--db",
        str(db),
    )
    assert out.strip() == f"flag {first['flag_id']}: needs-checking (call Gartner)"
    text = " ".join(_run("contradictions", "--status", "needs-checking", "--db", str(db)).split())
    assert f"#{first['flag_id']} " in text and "needs-checking (call Gartner) · reviewed by mei, " in text
    rows = _jsonl(_run("contradictions", "--status", "needs-checking", "--db", str(db), "--json"))
    assert [(r["flag_id"], r["status"], r["note"]) for r in rows] == [
        (first["flag_id"], "needs-checking", "call Gartner")
    ]
    still_open = _jsonl(_run("contradictions", "--status", "open", "--db", str(db), "--json"))
    assert sorted(r["flag_id"] for r in still_open) == sorted(f["flag_id"] for f in flags[1:])
    assert _jsonl(_run("contradictions", "--status", "dismissed", "--db", str(db), "--json")) == []


def test_cli_review_of_an_unknown_flag_is_a_coded_error(db):
    res = runner.invoke(app, ["review", "9999", "--status", "confirmed", "--db", str(db)])
    assert res.exit_code == 1
    assert isinstance(res.exception, BadInput) and "9999" in str(res.exception)
    assert "[KB010]" in str(res.exception)


def test_cli_forecasts_due_are_listed_apart_from_contradictions(db):
    rows = _jsonl(_run("contradictions", "--reason", "forecast_due", "--db", str(db), "--json"))
    assert rows and all(r["reason"] == "forecast_due" for r in rows)
    assert any("Gartner" in (r["claim_a"]["speaker"] or "") for r in rows)
    pairs = _jsonl(_run("contradictions", "--db", str(db), "--json"))
    assert pairs and not {r["flag_id"] for r in rows} & {r["flag_id"] for r in pairs}


def test_cli_clusters_text_marks_first_seen_and_copies(db):
    clusters = _jsonl(_run("clusters", "--entity", "Musk", "--db", str(db), "--json"))
    assert clusters
    out = _run("clusters", "--entity", "Musk", "--db", str(db))
    assert "first seen" in out and "copy" in out and "independent" in out
    text = _squeeze(out)
    for c in clusters:
        head = f"cluster{c['cluster_id']}·{c['independent']}independent,{c['copies']}copies,{c['n_sources']}outlets"
        assert head in text and f"speaker{_squeeze(c['primary_speaker'])}" in text, head
        for t in c["timeline"]:
            mark = "firstseen" if t["first_seen"] else ("copy" if t["copy"] else "")
            assert f"{t['published_at'][:10]}{t['source']}{mark}{t['url']}" in text, (c["cluster_id"], t)
    # a cluster with a copy and one reported independently by several outlets
    assert any(c["copies"] >= 1 and c["independent"] >= 3 for c in clusters)


def test_cli_track_rebuild_keeps_the_same_flags(db):
    before = {f["flag_key"] for f in _jsonl(_run("contradictions", "--db", str(db), "--json"))}
    assert len(before) == 4
    (report,) = _jsonl(_run("track", "--rebuild", "--db", str(db), "--json"))
    assert report["flags/figure_conflict"] == 4
    after = {f["flag_key"] for f in _jsonl(_run("contradictions", "--db", str(db), "--json"))}
    assert before == after


def test_cli_contradictions_rejects_an_unknown_reason(db):
    res = runner.invoke(app, ["contradictions", "--reason", "vibes", "--db", str(db)])
    assert res.exit_code == 1
    assert isinstance(res.exception, BadInput) and "vibes" in str(res.exception)
