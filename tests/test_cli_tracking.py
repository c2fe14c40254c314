"""The fact-tracking commands as a script or a person uses them: kb contradictions,
kb clusters, kb review, kb track (over a private copy of the sample-site database)."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from kb.cli import app

runner = CliRunner()


@pytest.fixture
def db(sample_db, tmp_path):
    path = tmp_path / "kb.duckdb"
    shutil.copy(sample_db, path)
    return path


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_cli_contradictions_json_carries_both_claims_with_provenance(db):
    res = runner.invoke(app, ["contradictions", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    flags = _jsonl(res.output)
    assert len(flags) == 4 and {f["reason"] for f in flags} == {"figure_conflict"}
    for f in flags:
        assert f["status"] == "open" and 0 < f["score"] <= 1 and f["detail"]
        for side in ("claim_a", "claim_b"):
            c = f[side]
            assert {"claim_id", "text", "article_url", "source", "published_at", "char_start", "char_end"} <= set(c)
        assert (f["claim_a"]["published_at"] or "") <= (f["claim_b"]["published_at"] or "")


def test_cli_review_then_filter_by_status(db):
    first = _jsonl(runner.invoke(app, ["contradictions", "--db", str(db), "--json"]).output)[0]
    res = runner.invoke(
        app, ["review", str(first["flag_id"]), "--status", "needs-checking", "--note", "call Gartner", "--db", str(db)]
    )
    assert res.exit_code == 0, res.output
    rows = _jsonl(
        runner.invoke(app, ["contradictions", "--status", "needs-checking", "--db", str(db), "--json"]).output
    )
    assert [(r["flag_id"], r["note"]) for r in rows] == [(first["flag_id"], "call Gartner")]
    assert (
        _jsonl(runner.invoke(app, ["contradictions", "--status", "dismissed", "--db", str(db), "--json"]).output) == []
    )


def test_cli_review_of_an_unknown_flag_is_a_coded_error(db):
    res = runner.invoke(app, ["review", "9999", "--status", "confirmed", "--db", str(db)])
    assert res.exit_code != 0
    assert "KB010" in str(res.exception) or "KB010" in res.output


def test_cli_forecasts_due_are_listed_apart_from_contradictions(db):
    rows = _jsonl(runner.invoke(app, ["contradictions", "--reason", "forecast_due", "--db", str(db), "--json"]).output)
    assert rows and all(r["reason"] == "forecast_due" for r in rows)
    assert any("Gartner" in (r["claim_a"]["speaker"] or "") for r in rows)


def test_cli_clusters_text_marks_first_seen_and_copies(db):
    res = runner.invoke(app, ["clusters", "--entity", "Musk", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "first seen" in res.output and "copy" in res.output and "independent" in res.output


def test_cli_track_rebuild_keeps_the_same_flags(db):
    before = {f["flag_key"] for f in _jsonl(runner.invoke(app, ["contradictions", "--db", str(db), "--json"]).output)}
    res = runner.invoke(app, ["track", "--rebuild", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    assert _jsonl(res.output)[0]["flags/figure_conflict"] == 4
    after = {f["flag_key"] for f in _jsonl(runner.invoke(app, ["contradictions", "--db", str(db), "--json"]).output)}
    assert before == after


def test_cli_contradictions_rejects_an_unknown_reason(db):
    res = runner.invoke(app, ["contradictions", "--reason", "vibes", "--db", str(db)])
    assert res.exit_code != 0
