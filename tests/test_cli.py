from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.ingest.run import ingest
from kb.store.connection import Store
from tests.conftest import FIXTURES

runner = CliRunner()

# the fields README.md documents for a claim in --json output ("The command line")
CLAIM_FIELDS = {
    "claim_id",
    "text",
    "speaker",
    "verb",
    "entities",
    "figures",
    "article_url",
    "source",
    "title",
    "published_at",
    "char_start",
    "char_end",
}
FIGURE_FIELDS = {"kind", "value", "unit", "raw"}
STATS_FIELDS = {
    "captures",
    "articles",
    "earlier_versions",
    "duplicates",
    "sources",
    "claims",
    "figures",
    "entities",
    "mentions",
    "crawl_runs",
    "ingest_runs",
    "claims_by_kind",
    "skipped",
    "top_entities",
    "last_crawl",
}


@pytest.fixture(scope="module")
def db(fixture_warc, tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "kb.duckdb"
    ingest([fixture_warc], path)
    return path


@pytest.fixture(scope="module")
def article_texts(db) -> dict[str, str]:
    """URL -> stored article text, read with plain SQL (to check the spans the CLI prints)."""
    with Store(db).read() as con:
        return dict(con.execute("SELECT url, text FROM articles").fetchall())


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _run(*args: str, code: int = 0) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == code, (args, res.output, res.exception)
    return res.stdout


def _squeeze(text: str) -> str:
    """Text without whitespace: rich wraps lines at the console width, anywhere in a URL."""
    return "".join(text.split())


def _assert_documented_claim(row: dict, texts: dict[str, str]) -> None:
    assert CLAIM_FIELDS <= set(row), CLAIM_FIELDS - set(row)
    assert isinstance(row["claim_id"], int) and row["text"] and isinstance(row["entities"], list)
    assert all(isinstance(e, str) and e for e in row["entities"])
    for f in row["figures"]:
        assert FIGURE_FIELDS <= set(f) and f["raw"], f
    # char_start/char_end index the stored article text and hold the claim's words
    assert texts[row["article_url"]][row["char_start"] : row["char_end"]] == row["text"]


def test_cli_search_json_contract(db, article_texts):
    rows = _jsonl(_run("search", "cooling spending", "--db", str(db), "--json", "--limit", "3"))
    assert 1 <= len(rows) <= 3
    for row in rows:
        _assert_documented_claim(row, article_texts)
        assert isinstance(row["score"], float)
    assert any(row["figures"] for row in rows)  # the figure contract was checked on at least one
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_cli_search_entity_filter_keeps_only_claims_naming_the_entity(db):
    everything = _jsonl(_run("search", "liquid cooling", "--db", str(db), "--json"))
    filtered = _jsonl(_run("search", "liquid cooling", "--db", str(db), "--json", "--entity", "Jensen Huang"))

    def names_huang(r: dict) -> bool:
        return "Jensen Huang" in r["entities"] or r["speaker"] == "Jensen Huang"

    # without the filter the same query finds claims that do not name him: the filter removes them
    assert any(not names_huang(r) for r in everything)
    assert filtered and all(names_huang(r) for r in filtered)


def test_cli_claims_json_rows_carry_the_documented_fields_newest_first(db, article_texts):
    rows = _jsonl(_run("claims", "--db", str(db), "--json"))
    # 7 in the cooling article, 3 in the euro one; its syndicated copy adds none. ("The operator
    # did not say how many sites it would convert." is the reporter's narration, not a claim.)
    assert len(rows) == 10
    for row in rows:
        _assert_documented_claim(row, article_texts)
        assert "score" not in row  # a listing, not a search
    dates = [r["published_at"] for r in rows]
    assert dates == sorted(dates, reverse=True) and dates[0].startswith("2025-03-01")
    assert any(r["figures"] for r in rows)


def test_cli_claims_filters_by_source_and_kind(db):
    everything = _jsonl(_run("claims", "--db", str(db), "--json"))
    assert everything and {r["source"] for r in everything} == {"testwire.example"}
    # every claim is from testwire; the copy on herald has none of its own
    testwire = _jsonl(_run("claims", "--db", str(db), "--json", "--source", "testwire.example"))
    assert [r["claim_id"] for r in testwire] == [r["claim_id"] for r in everything]
    assert _run("claims", "--db", str(db), "--json", "--source", "herald.example") == ""
    kinds = Counter(r["kind"] for r in everything)
    assert len(kinds) > 1 and kinds["statistic"] > 0
    stats = _jsonl(_run("claims", "--db", str(db), "--json", "--kind", "statistic"))
    assert [r["claim_id"] for r in stats] == [r["claim_id"] for r in everything if r["kind"] == "statistic"]


def test_cli_claims_text_shows_the_filtered_claims_only(db):
    everything = _jsonl(_run("claims", "--db", str(db), "--json"))
    quotes = [r for r in everything if r["kind"] == "quote"]
    others = [r for r in everything if r["kind"] != "quote"]
    assert quotes and others
    text = _squeeze(_run("claims", "--db", str(db), "--kind", "quote"))
    # a table cell wraps the claim over lines: its first words stay together on the first one
    for r in quotes:
        assert _squeeze(r["text"])[:16] in text, r["text"]
    for r in others:
        assert _squeeze(r["text"])[:16] not in text, r["text"]
    assert _run("claims", "--db", str(db), "--source", "nowhere.example").strip() == "no claims"


def test_cli_stats_json_counts_what_was_ingested(db):
    (s,) = _jsonl(_run("stats", "--db", str(db), "--json"))
    assert set(s) == STATS_FIELDS
    # the fixture: 5 captures, an article, its syndicated copy, the cp1252 article, an index page
    # (not an article) and an RSS feed (not HTML); one ingest, no crawl
    assert (s["captures"], s["articles"], s["duplicates"], s["earlier_versions"], s["sources"]) == (5, 2, 1, 0, 2)
    assert s["skipped"] == {"not_article": 1, "not_html": 1}
    assert (s["ingest_runs"], s["crawl_runs"], s["last_crawl"]) == (1, 0, None)
    claims = _jsonl(_run("claims", "--db", str(db), "--json"))
    assert s["claims"] == len(claims) == 10
    assert s["claims_by_kind"] == dict(Counter(r["kind"] for r in claims))
    with Store(db).read() as con:
        figures, entities, mentions = con.execute(
            "SELECT (SELECT count(*) FROM figures), (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions)"
        ).fetchone()
    assert (s["figures"], s["entities"], s["mentions"]) == (figures, entities, mentions)
    assert figures > 0 and entities > 0 and mentions > 0
    assert ["Jensen Huang", "PERSON", 1] in s["top_entities"]


def test_cli_stats_text_shows_every_count(db):
    (s,) = _jsonl(_run("stats", "--db", str(db), "--json"))
    text = _squeeze(_run("stats", "--db", str(db)))
    for key in ("captures", "articles", "duplicates", "sources", "claims", "figures", "entities", "mentions"):
        assert f"│{key}│{s[key]}│" in text, key
    for kind, n in s["claims_by_kind"].items():
        assert f"│claims:{kind}│{n}│" in text, kind
    assert "│skipped:not_article│1│" in text and "│skipped:not_html│1│" in text
    assert "topentities:" in text and "JensenHuang(PERSON,1)" in text


def test_cli_clusters_text_shows_each_cluster_and_its_timeline(db):
    clusters = _jsonl(_run("clusters", "--db", str(db), "--json"))
    assert clusters
    text = _squeeze(_run("clusters", "--db", str(db)))
    for c in clusters:
        head = f"cluster{c['cluster_id']}·{c['independent']}independent,{c['copies']}copies,{c['n_sources']}outlets"
        assert head in text, head
        assert c["timeline"][0]["first_seen"] and not c["timeline"][0]["copy"]
        for t in c["timeline"]:
            line = re.escape(f"{t['published_at'][:10]}{t['source']}") + "(firstseen|copy|)" + re.escape(t["url"])
            found = re.search(line, text)
            assert found, (c["cluster_id"], t)
            want = "firstseen" if t["first_seen"] else ("copy" if t["copy"] else "")
            assert found.group(1) == want, (c["cluster_id"], t)
    assert text.count("firstseen") == len(clusters)  # one report per cluster is the first
    # the syndicated copy on herald.example is marked as one
    assert any(t["copy"] and t["source"] == "herald.example" for c in clusters for t in c["timeline"])


def test_cli_clusters_never_list_a_syndicated_copy_as_first_seen(db):
    for _ in range(20):
        for c in _jsonl(_run("clusters", "--db", str(db), "--json")):
            first = c["timeline"][0]
            assert not first["copy"] and first["source"] == "testwire.example", (c["cluster_id"], first)
            assert c["first_outlet"] == "testwire.example"
            assert all(t["copy"] for t in c["timeline"] if t["source"] == "herald.example")


def test_cli_contradictions_text_without_flags_says_so(db):
    assert _jsonl(_run("contradictions", "--db", str(db), "--json")) == []
    assert _run("contradictions", "--db", str(db)).strip() == "no flags"


def test_cli_extract_json():
    out = _run(
        "extract",
        str(FIXTURES / "pages" / "article.html"),
        "--url",
        "http://testwire.example/2025/02/cooling.html",
        "--json",
    )
    (d,) = _jsonl(out)
    assert d["title"] == "Chipmakers race to cool the data centre"
    assert d["authors"] == ["Priya Raman"]
    assert d["published_at"].startswith("2025-02-11")
    assert "Jensen Huang" in d["text"]


def test_cli_extract_non_article_exits_3():
    (d,) = _jsonl(_run("extract", str(FIXTURES / "pages" / "index.html"), "--json", code=3))
    assert d["skipped"] == "not_article"


def test_cli_ingest_json_is_idempotent(fixture_warc, tmp_path):
    db = tmp_path / "kb.duckdb"
    (first,) = _jsonl(_run("ingest", str(fixture_warc), "--db", str(db), "--json"))
    (second,) = _jsonl(_run("ingest", str(fixture_warc), "--db", str(db), "--json"))
    assert first["articles"] == 2
    assert second["already_ingested"] == 5 and "articles" not in second


def test_cli_errors_have_codes_and_exit_1(tmp_path):
    """Run the real console script: a missing database is a one-line error, not a traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "kb.cli", "stats", "--db", str(tmp_path / "none.duckdb")], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "[KB001]" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_db_from_environment(db, monkeypatch, tmp_path):
    expected = _jsonl(_run("stats", "--db", str(db), "--json"))
    monkeypatch.setenv("KB_DB", str(db))
    assert _jsonl(_run("stats", "--json")) == expected
    assert expected[0]["articles"] == 2
    # --db wins over $KB_DB
    monkeypatch.setenv("KB_DB", str(tmp_path / "none.duckdb"))
    assert _jsonl(_run("stats", "--db", str(db), "--json")) == expected
