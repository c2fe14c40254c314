"""The whole data path, for real: the bundled site served over HTTP on 127.0.0.1, the
real Scrapy spider (a subprocess) writing WARCs, the real ingest into a DuckDB file, the
real search. Slower than the unit tests (about a minute)."""

from __future__ import annotations

import json

import pytest

from kb.ingest.run import ingest
from kb.ops import sample_site
from kb.ops.crawl import crawl
from kb.read.claims import list_claims
from kb.read.filters import Filters
from kb.search.search import search
from kb.store.connection import Store
from kb.store.writer import record_crawl_run
from tests.conftest import SAMPLE_SITE, SAMPLE_SOURCES

pytestmark = pytest.mark.integration

MANIFEST = json.loads((SAMPLE_SITE / "manifest.json").read_text())
MUSK_URL = "http://techwire.example/2025/01/musk-training-data.html"
COPY_URL = "http://siliconherald.example/news/2025/01/10/musk-ai-training-data-exhausted.html"
FAST = {"AUTOTHROTTLE_START_DELAY": "0.01", "AUTOTHROTTLE_MAX_DELAY": "0.5", "DOWNLOAD_DELAY": "0"}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Crawl the sample site twice (the second run must add nothing new) and ingest."""
    base = tmp_path_factory.mktemp("e2e")
    server, _thread, port = sample_site.serve(SAMPLE_SITE, port=0)
    try:
        first = crawl(SAMPLE_SOURCES, [], base / "warc", proxy=f"http://127.0.0.1:{port}", settings=FAST)
        db = base / "kb.duckdb"
        record_crawl_run(Store(db), first)
        report = ingest([base / "warc"], db)
        again = ingest([base / "warc"], db)
        second = crawl(SAMPLE_SOURCES, [], base / "warc2", proxy=f"http://127.0.0.1:{port}", settings=FAST)
        recrawl = ingest([base / "warc2"], db)
    finally:
        server.shutdown()
    return {"db": db, "summary": first, "report": report, "again": again, "second": second, "recrawl": recrawl}


def test_e2e_crawl_summary(crawled):
    s = crawled["summary"]
    articles = [a for a in MANIFEST["articles"]]
    assert s["fetched"] >= len(articles)
    assert s["skipped_robots"] >= 4  # one linked page under each outlet's disallowed path
    assert s["failed"] == 0
    assert s["bytes"] > 100_000
    assert s["warc_files"]
    with Store(crawled["db"]).read() as con:
        assert con.execute("SELECT count(*) FROM crawl_runs").fetchone()[0] == 1


def test_e2e_ingest_counts(crawled):
    c = crawled["report"].counters
    n_articles = len(MANIFEST["articles"])
    assert c["articles"] + c["duplicates"] == n_articles
    assert c["duplicates"] == 1  # the syndicated copy
    assert c["skipped/not_article"] >= 16  # 4 front pages + 12 section pages
    assert c["claims"] > 150


def test_e2e_reingest_and_recrawl_add_nothing(crawled):
    assert crawled["again"].counters["already_ingested"] == crawled["report"].counters["records"]
    assert crawled["again"].counters.get("claims", 0) == 0
    r = crawled["recrawl"].counters
    assert r.get("articles", 0) == 0 and r.get("claims", 0) == 0
    assert r["unchanged"] >= len(MANIFEST["articles"]) - 1


def test_e2e_robots_disallowed_pages_never_stored(crawled):
    with Store(crawled["db"]).read() as con:
        urls = {r[0] for r in con.execute("SELECT final_url FROM captures").fetchall()}
    for hidden in MANIFEST["hidden"]:
        assert hidden["url"] not in urls


def test_e2e_search_ranks_musk_first(crawled):
    hits = search("running out of data to train AI", crawled["db"], limit=5)
    assert hits[0].speaker == "Elon Musk"
    assert sum(h.speaker == "Elon Musk" for h in hits) >= 3  # the same claim, reported by several outlets
    assert len({h.source for h in hits}) >= 2


def test_e2e_gartner_claim_carries_60_percent(crawled):
    with Store(crawled["db"]).read() as con:
        hits = list_claims(con, Filters(entity="Gartner", source="TechWire"), limit=50)
    figs = [f for h in hits for f in h.figures if f["kind"] == "percent"]
    assert any(f["value"] == 60.0 and f["unit"] == "percent" for f in figs)
    assert any(h.speaker == "Gartner" for h in hits)


def test_e2e_sidebar_headlines_are_not_claims(crawled):
    article = next(a for a in MANIFEST["articles"] if a["url"] == MUSK_URL)
    with Store(crawled["db"]).read() as con:
        text, claims = con.execute(
            "SELECT a.text, list(c.text) FROM articles a JOIN claims c USING (article_id) WHERE a.url = ? GROUP BY 1",
            [MUSK_URL],
        ).fetchone()
    for headline in article["sidebar"]:
        headline = headline if isinstance(headline, str) else headline.get("text") or headline.get("headline")
        assert headline not in text
        assert not any(headline in c for c in claims)


def test_e2e_syndicated_copy_has_no_claims_of_its_own(crawled):
    with Store(crawled["db"]).read() as con:
        row = con.execute(
            "SELECT duplicate_of, (SELECT count(*) FROM claims c WHERE c.article_id = a.article_id) "
            "FROM articles a WHERE url = ?",
            [COPY_URL],
        ).fetchone()
        original = con.execute("SELECT article_id FROM articles WHERE url = ?", [MUSK_URL]).fetchone()[0]
    assert row == (original, 0)


def test_e2e_windows_1252_page_decoded(crawled):
    with Store(crawled["db"]).read() as con:
        text = con.execute("SELECT text FROM articles WHERE url LIKE '%eu-ai-act-first-bans-fines%'").fetchone()[0]
    assert "€35 million" in text and "\ufffd" not in text


def test_e2e_updated_article_keeps_both_dates(crawled):
    with Store(crawled["db"]).read() as con:
        pub, upd = con.execute(
            "SELECT published_at, updated_at FROM articles WHERE url LIKE '%stratocloud-outage%'"
        ).fetchone()
    assert pub.isoformat().startswith("2025-02-11T08:15") and upd.isoformat().startswith("2025-02-12T16:40")
