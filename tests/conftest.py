"""Shared fixtures. Models load once per session; the sample-site database is built once
(from the bundled site's files, without HTTP) and shared read-only by the tests."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from kb.search.rerank import META_FILE
from kb.train.reranker import Example, TrainSettings, train

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SITE = ROOT / "data" / "sample_site"
SAMPLE_SOURCES = ROOT / "data" / "sample_site_demo" / "sources.toml"  # the sample's outlets (not data/sources.toml)
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    from kb.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_warc(tmp_path_factory) -> Path:
    from tests.warcs import site_pages, write_warc

    return write_warc(tmp_path_factory.mktemp("warc") / "sample.warc.gz", site_pages(SAMPLE_SITE))


@pytest.fixture(scope="session")
def sample_db(sample_warc, tmp_path_factory) -> Path:
    """The bundled sample site ingested into a fresh DuckDB file (treat as read-only)."""
    from kb.ingest.run import ingest

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
        (
            "http://testwire.example/feed.xml",
            b"<?xml version='1.0'?><rss><channel></channel></rss>",
            "application/rss+xml",
        ),
    ]


@pytest.fixture(scope="session")
def fixture_warc(tmp_path_factory) -> Path:
    from tests.warcs import write_warc

    return write_warc(tmp_path_factory.mktemp("fwarc") / "fixture.warc.gz", fixture_pages())


@pytest.fixture
def fresh_db(tmp_path) -> Path:
    return tmp_path / "kb.duckdb"


# -- a cross-encoder reranker tuned on four made-up queries (tests/test_rerank.py) ------------
RERANK_EXAMPLES = [
    Example(
        "chip maker says its new fab doubles output",
        ["The company said the new plant will double its chip output by 2027."],
        [
            "The company said its new plant will employ 3,000 people.",
            "Chip prices fell 8% in the quarter.",
            "The rival firm plans to close two older plants.",
        ],
    ),
    Example(
        "regulator fines the social network over data transfers",
        ["The regulator fined the social network 1.2 billion euros for moving user data abroad."],
        [
            "The social network said it would appeal any ruling.",
            "User numbers grew 4% last year.",
            "The regulator opened an inquiry into a search engine.",
        ],
    ),
    Example(
        "startup claims its battery charges in five minutes",
        ["The startup claims its battery reaches a full charge in five minutes."],
        [
            "Battery costs have fallen by 90% in a decade.",
            "The startup raised $40 million in March.",
            "Its rival says fast charging shortens battery life.",
        ],
    ),
    Example(
        "analysts expect smartphone shipments to fall",
        ["Analysts expect global smartphone shipments to fall 5% this year."],
        [
            "Smartphone makers are adding AI features.",
            "Shipments of tablets rose 2%.",
            "The analyst firm counted 1.2 billion phones sold in 2023.",
        ],
    ),
]
TINY_RERANKER = TrainSettings(epochs=1, batch=2, negatives=2)


@pytest.fixture(scope="session")
def reranker_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("reranker")
    train(RERANK_EXAMPLES, out, TINY_RERANKER, meta={"data": "made-up examples"}, threads=2)
    return out


@pytest.fixture(scope="session")
def loud_reranker(reranker_dir, tmp_path_factory):
    """The same model with blend 100: four made-up queries barely move its scores, and the
    search tests must see it reorder."""
    out = tmp_path_factory.mktemp("loud") / "reranker"
    shutil.copytree(reranker_dir, out)
    meta = json.loads((out / META_FILE).read_text())
    (out / META_FILE).write_text(json.dumps({**meta, "blend": 100.0}))
    return out
