from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.ingest.run import ingest
from tests.conftest import FIXTURES

runner = CliRunner()

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


@pytest.fixture(scope="module")
def db(fixture_warc, tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "kb.duckdb"
    ingest([fixture_warc], path)
    return path


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_cli_search_json_contract(db):
    res = runner.invoke(app, ["search", "cooling spending", "--db", str(db), "--json", "--limit", "3"])
    assert res.exit_code == 0, res.output
    rows = _jsonl(res.output)
    assert 1 <= len(rows) <= 3
    for row in rows:
        assert CLAIM_FIELDS | {"score"} <= set(row)
        for f in row["figures"]:
            assert {"kind", "value", "unit", "raw"} <= set(f)


def test_cli_search_entity_filter(db):
    res = runner.invoke(app, ["search", "liquid cooling", "--db", str(db), "--json", "--entity", "Jensen Huang"])
    rows = _jsonl(res.output)
    assert rows and all("Jensen Huang" in r["entities"] or r["speaker"] == "Jensen Huang" for r in rows)


def test_cli_claims_json_and_filters(db):
    res = runner.invoke(app, ["claims", "--db", str(db), "--json", "--source", "testwire.example"])
    rows = _jsonl(res.output)
    assert rows and all(r["source"] == "testwire.example" for r in rows)
    assert CLAIM_FIELDS <= set(rows[0])
    res = runner.invoke(app, ["claims", "--db", str(db), "--json", "--kind", "statistic"])
    assert all(r["kind"] == "statistic" for r in _jsonl(res.output))


def test_cli_stats(db):
    res = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    (s,) = _jsonl(res.output)
    assert s["articles"] == 2 and s["duplicates"] == 1 and s["claims"] > 0
    res = runner.invoke(app, ["stats", "--db", str(db)])
    assert "claims" in res.output


def test_cli_extract_json():
    res = runner.invoke(
        app,
        [
            "extract",
            str(FIXTURES / "pages" / "article.html"),
            "--url",
            "http://testwire.example/2025/02/cooling.html",
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    (d,) = _jsonl(res.output)
    assert d["title"] == "Chipmakers race to cool the data centre"
    assert d["authors"] == ["Priya Raman"]
    assert d["published_at"].startswith("2025-02-11")
    assert "Jensen Huang" in d["text"]


def test_cli_extract_non_article_exits_3():
    res = runner.invoke(app, ["extract", str(FIXTURES / "pages" / "index.html"), "--json"])
    assert res.exit_code == 3
    assert _jsonl(res.output)[0]["skipped"] == "not_article"


def test_cli_ingest_json_is_idempotent(fixture_warc, tmp_path):
    db = tmp_path / "kb.duckdb"
    first = _jsonl(runner.invoke(app, ["ingest", str(fixture_warc), "--db", str(db), "--json"]).output)[0]
    second = _jsonl(runner.invoke(app, ["ingest", str(fixture_warc), "--db", str(db), "--json"]).output)[0]
    assert first["articles"] == 2
    assert second["already_ingested"] == 5 and "articles" not in second


def test_cli_errors_have_codes_and_exit_1(tmp_path):
    """Run the real console script: a missing database is a one-line error, not a traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "kb.cli", "stats", "--db", str(tmp_path / "none.duckdb")], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "[KB001]" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_db_from_environment(db, monkeypatch):
    monkeypatch.setenv("KB_DB", str(db))
    res = runner.invoke(app, ["stats", "--json"])
    assert _jsonl(res.output)[0]["articles"] == 2
