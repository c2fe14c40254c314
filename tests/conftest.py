"""Shared fixtures. Models load once per session; the sample-site database is built once
(from the bundled site's files, without HTTP) and shared read-only by the tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SITE = ROOT / "data" / "sample_site"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    from kb.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_warc(tmp_path_factory) -> Path:
    from tests.warcs import site_pages, write_warc

    return write_warc(tmp_path_factory.mktemp("warc") / "sample.warc.gz", site_pages(SAMPLE_SITE))


@pytest.fixture(scope="session")
def sample_db(sample_warc, tmp_path_factory) -> Path:
    """The bundled sample site ingested into a fresh DuckDB file (treat as read-only)."""
    from kb.ingest import ingest

    db = tmp_path_factory.mktemp("db") / "kb.duckdb"
    ingest([sample_warc], db)
    return db
