"""`kb crawl --sample-site` from any working directory: the bundled site and its sources are
found beside the package, not relative to where the command runs."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kb.cli import app

pytestmark = pytest.mark.integration


def test_cli_crawl_sample_site_from_another_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no data/ here
    res = CliRunner().invoke(app, ["crawl", "--sample-site", "--warc-dir", "warc", "--db", "kb.duckdb", "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output.strip().splitlines()[-1])
    assert summary["finish_reason"] == "finished" and summary["fetched"] > 40
    assert list((tmp_path / "warc").glob("*.warc.gz"))
