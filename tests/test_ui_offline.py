"""The app stays on this machine: a real Chromium visits every page (a search, a claim, a
person, the contradictions queue, edited articles, crawl status) and every request it
makes, of any kind (page, script, font, image, websocket), goes to 127.0.0.1 or localhost.
On the way it checks what only a browser shows: the queue's filters survive a reload, and
the crawl tables fit a 1280-pixel window. Screenshots go to $KB_SCREENSHOTS (default
tests/artifacts/)."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kb.store.connection import Store
from kb.store.writer import record_crawl_run
from tests.conftest import ROOT
from tests.test_ui_browser import ARGS, CHROMIUM, _serve

SHOTS = Path(os.environ.get("KB_SCREENSHOTS", ROOT / "tests" / "artifacts"))
LOCAL = {"127.0.0.1", "localhost"}
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (run `make browser`)"),
]


def crawled_db(sample_db: Path, sample_warc: Path, tmp_path: Path) -> Path:
    """The sample database with a crawl recorded over its WARC file (as `kb crawl` records
    the crawler's summary), so the crawl page has a run to show and explain."""
    db = tmp_path / "kb.duckdb"
    shutil.copy(sample_db, db)
    now = datetime.now(UTC)
    with Store(db).read() as con:
        articles = con.execute("SELECT count(*) FROM captures WHERE role = 'article'").fetchone()[0]
    record_crawl_run(
        Store(db),
        {
            "run_id": "crawl-20261207T120000-0a1b2c",
            "started_at": (now - timedelta(hours=1, seconds=70)).isoformat(),
            "finished_at": (now - timedelta(hours=1)).isoformat(),
            "duration_s": 70.2,
            "fetched": articles + 12,
            "articles": articles + 2,  # one page unchanged since an earlier crawl, one not ingested
            "skipped_robots": 4,
            "failed": 0,
            "http_errors": 0,
            "bytes": 441707,
            "finish_reason": "finished",
            "warc_files": [f"data/warc/{sample_warc.name}"],
            "stats": {"kb/revisit/etag": 1},
        },
    )
    return db


def test_browser_every_page_stays_on_this_machine(sample_db, sample_warc, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    db = crawled_db(sample_db, sample_warc, tmp_path)
    with Store(db).read() as con:
        cid = con.execute("SELECT claim_id FROM claims WHERE text LIKE 'In a report, Gartner estimates%'").fetchone()[0]
    with _serve(db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        context.on("websocket", lambda ws: requests.append(ws.url))
        # a request elsewhere is recorded, then dropped: the test never leaks what it found
        context.route(lambda u: urlsplit(u).hostname not in LOCAL, lambda route: route.abort())
        page = context.new_page()

        def visit(path: str, shows: str, shot: str) -> None:
            page.goto(f"{url}{path}")
            expect(page.get_by_text(shows).first).to_be_visible(timeout=240_000)  # the first search loads the models
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)  # let the last widgets paint (and fetch whatever they fetch)
            page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)

        visit("/?q=synthetic+data+Gartner", "check-worthiness", "offline-search")
        visit(f"/?claim={cid}", "Contradiction flags", "offline-claim")
        visit("/?entity=Gartner", "Figures over time", "offline-people")
        visit("/?view=edits", "No article has changed between crawls yet", "offline-edits")
        visit("/?view=crawl", "Of the latest crawl's", "offline-crawl")
        # the crawl tables fit: no horizontal scrollbar in a 1280-pixel window
        for grid in page.locator("[data-testid=stDataFrame] .dvn-scroller").all():
            overflow = grid.evaluate("e => e.scrollWidth - e.clientWidth")
            assert overflow <= 0, f"a crawl table is {overflow}px wider than its box"

        # the contradictions queue: a filter chosen goes into the URL and survives a reload
        visit("/contradictions", "Flag #", "offline-contradictions")
        reason = page.get_by_role("combobox", name="Reason")
        reason.click()
        page.get_by_role("option", name="Forecast due").click()
        expect(page.get_by_text("Forecast", exact=True).first).to_be_visible(timeout=60_000)
        page.wait_for_url("**reason=Forecast*", timeout=30_000)
        page.reload()
        expect(reason).to_have_value("Forecast due", timeout=90_000)
        expect(page.get_by_text("Latest figure", exact=True).first).to_be_visible(timeout=60_000)
        assert "reason=Forecast" in page.url
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SHOTS / "offline-forecasts.png"), full_page=True)
        browser.close()
    outside = sorted({r for r in requests if urlsplit(r).hostname not in LOCAL})
    assert requests and not outside, outside
