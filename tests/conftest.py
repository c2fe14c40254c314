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


def fixture_pages() -> list[tuple[str, bytes, str]]:
    """Small hand-written pages: an article, its syndicated copy, an index page, a
    windows-1252 article and an RSS feed."""
    pages = FIXTURES / "pages"
    article = (pages / "article.html").read_bytes()
    return [
        ("http://testwire.example/2025/02/cooling.html", article, "text/html; charset=utf-8"),
        ("http://herald.example/2025/02/cooling-copy.html", article, "text/html"),
        ("http://testwire.example/", (pages / "index.html").read_bytes(), "text/html"),
        ("http://testwire.example/euro.html", (pages / "cp1252.html").read_bytes(), "text/html"),
        ("http://testwire.example/feed.xml", b"<?xml version='1.0'?><rss><channel></channel></rss>", "application/rss+xml"),
    ]


@pytest.fixture(scope="session")
def fixture_warc(tmp_path_factory) -> Path:
    from tests.warcs import write_warc

    return write_warc(tmp_path_factory.mktemp("fwarc") / "fixture.warc.gz", fixture_pages())


@pytest.fixture
def fresh_db(tmp_path) -> Path:
    return tmp_path / "kb.duckdb"
