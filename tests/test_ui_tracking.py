"""The fact-tracking views of the app: the claim page (provenance, other outlets, flags,
review) and the contradictions queue, through AppTest and in a real Chromium. Screenshots
go to $KB_SCREENSHOTS (default tests/artifacts/, git-ignored) for a person to look at."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kb.store.connection import Store
from tests.conftest import ROOT
from tests.test_ui_app import _page as _app
from ui.safe import unescape_markdown

APP = str(ROOT / "ui" / "app.py")
SHOTS = Path(os.environ.get("KB_SCREENSHOTS", ROOT / "tests" / "artifacts"))


@pytest.fixture
def db(sample_db, tmp_path) -> Path:
    path = tmp_path / "kb.duckdb"
    shutil.copy(sample_db, path)
    return path


def _claim_id(db: Path, like: str) -> int:
    with Store(db).read() as con:
        return con.execute("SELECT claim_id FROM claims WHERE text LIKE ? ORDER BY claim_id", [like]).fetchone()[0]


def _text(at: AppTest) -> str:
    return unescape_markdown("\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]))


def test_ui_claim_page_shows_provenance_sources_and_flags(monkeypatch, db):
    cid = _claim_id(db, "Gartner estimated that 60%%")
    at = _app(monkeypatch, db, claim=str(cid))
    text = _text(at)
    assert at.title[0].value == "Claim"
    assert "Gartner estimated that 60% of the data used for AI" in text
    assert "1 independent report" in text or "2 independent reports" in text
    assert "Gartner: 60% (" in text and "vs 75% (" in text  # the flag's reason, in words
    provenance = at.dataframe[0].value
    assert {"text SHA-256", "WARC record", "WARC file"} <= set(provenance["field"])
    timeline = at.dataframe[1].value
    assert "first seen" in set(timeline["status"]) and "copy" in set(timeline["status"])


def test_ui_review_from_the_claim_page_is_stored(monkeypatch, db):
    from kb.read.flags import list_flags
    from kb.store.connection import Store

    cid = _claim_id(db, "In a report, Gartner estimates that 75%%")
    at = _app(monkeypatch, db, claim=str(cid))
    next(b for b in at.selectbox if (b.key or "").startswith("status-")).select("confirmed")
    next(t for t in at.text_input if (t.key or "").startswith("note-")).input("Gartner's own release says 60%")
    next(b for b in at.get("form_submit_button") if b.label == "Save").click()  # the first flag's Save
    at.run()
    assert not at.exception, at.exception
    with Store(db).read() as con:
        flags = [f for f in list_flags(con, claim_id=cid) if f.status == "confirmed"]
    assert flags and flags[0].note == "Gartner's own release says 60%"


def test_ui_contradictions_queue_lists_the_flags_and_filters(monkeypatch, db):
    at = _app(monkeypatch, db, view="contradictions")
    text = _text(at)
    assert at.title[0].value == "Contradictions"
    assert "4 flags" in [h.value for h in at.subheader]
    assert "Writer: US$700,000" in text and "Canalys: 7%" in text
    at.selectbox(key="reason").select("forecast_due").run()
    assert not at.exception
    assert "target 2024 has passed" in _text(at)
    at.selectbox(key="reason").select("contradiction")
    at.selectbox(key="status").select("dismissed").run()
    assert "0 flags" in [h.value for h in at.subheader]


def test_ui_unknown_claim_is_a_message_not_an_error(monkeypatch, db):
    at = _app(monkeypatch, db, claim="999999")
    assert any("no claim 999999" in w.value for w in at.warning)


def test_ui_search_results_link_to_the_claim_page(monkeypatch, db):
    at = _app(monkeypatch, db)
    buttons = [b for b in at.button if b.label == "Sources, flags, provenance"]
    assert buttons
    buttons[0].click().run()
    assert not at.exception
    assert at.title[0].value == "Claim" and at.query_params["claim"]


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed")
def test_browser_claim_page_flag_and_review(db):
    from playwright.sync_api import expect, sync_playwright

    from tests.test_ui_browser import ARGS, CHROMIUM, _serve

    SHOTS.mkdir(parents=True, exist_ok=True)
    cid = _claim_id(db, "In a report, Gartner estimates that 75%%")
    with _serve(db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 2400})
        page.goto(f"{url}/?claim={cid}")
        expect(page.get_by_text("Figures disagree").first).to_be_visible(timeout=90_000)
        expect(page.get_by_text("In a report, Gartner estimates that 75%").first).to_be_visible()
        expect(page.get_by_text("Gartner estimated that 60%").first).to_be_visible()  # the other side
        page.screenshot(path=str(SHOTS / "claim.png"))
        with page.expect_download() as dl:
            page.get_by_role("button", name="Download 1 citation").click()
        from kb.read.export import parse_bibtex

        entry = parse_bibtex(Path(dl.value.path()).read_text(encoding="utf-8"))[0]
        assert entry["claim"].startswith("In a report, Gartner estimates that 75%") and entry["speaker"] == "Gartner"
        assert entry["archive"].startswith("data/warc/") or ".warc" in entry["archive"]
        form = (
            page.locator("[data-testid=stForm]")
            .filter(has=page.get_by_placeholder("what you checked, with whom"))
            .first
        )
        form.get_by_placeholder("what you checked, with whom").fill("called Gartner")
        form.locator("[data-testid=stSelectbox]").first.click()
        page.get_by_role("option", name="dismissed").click()
        form.get_by_role("button", name="Save").click()
        expect(page.get_by_text(re.compile(r"^dismissed by .+ · note: called Gartner$")).first).to_be_visible(
            timeout=60_000
        )
        page.goto(f"{url}/?view=contradictions")
        expect(page.get_by_text("3 flags")).to_be_visible(timeout=60_000)  # the dismissed one left the open queue
        expect(page.get_by_text("Writer: US$700,000").first).to_be_visible()
        expect(page.get_by_role("button", name="Save").nth(2)).to_be_visible()
        page.wait_for_timeout(1000)  # let the last widgets paint before the screenshot
        page.screenshot(path=str(SHOTS / "contradictions.png"))
        page.goto(f"{url}/?entity=Gartner")
        expect(page.get_by_text("Figures over time").first).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SHOTS / "entity.png"))
        page.goto(f"{url}/?view=crawl")
        expect(page.get_by_text("Sources", exact=True)).to_be_visible(timeout=60_000)
        page.screenshot(path=str(SHOTS / "crawl-status.png"))
        browser.close()


def test_ui_entity_page_shows_profile_claims_and_figures_over_time(monkeypatch, db):
    at = _app(monkeypatch, db, entity="Gartner")
    assert not at.exception
    assert at.title[0].value == "People & organisations"
    text = _text(at)
    assert "Gartner" in [h.value for h in at.subheader]
    assert "Figures over time" in text and "Claims by Gartner" in text
    frame = at.dataframe[0].value
    assert {"60%", "75%"} <= set(frame["figure"])  # the figures as written


def test_ui_claim_page_links_to_the_speaker(monkeypatch, db):
    cid = _claim_id(db, "Gartner estimated that 60%%")
    at = _app(monkeypatch, db, claim=str(cid))
    at.button(key="speaker-page").click().run()
    assert not at.exception
    assert at.title[0].value == "People & organisations" and at.query_params["entity"] == "Gartner"


def test_ui_crawl_status_lists_runs_and_sources(monkeypatch, db):
    at = _app(monkeypatch, db, view="crawl")
    assert not at.exception
    assert at.title[0].value == "Crawl status"
    assert "not scheduled" in _text(at)
    sources = at.dataframe[-1].value
    with Store(db).read() as con:
        articles = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
    assert len(sources) == 4 and sources["articles"].sum() == articles


def test_ui_search_filters_flagged_and_with_figures(monkeypatch, db):
    at = _app(monkeypatch, db, q="synthetic data")
    at.checkbox(key="flagged").check().run()
    assert not at.exception
    cards = [m.value for m in at.markdown if "·" in m.value and m.value[:1].isdigit()]
    assert cards and len(cards) <= 7  # only the flagged claims
    at.checkbox(key="has_figure").check().run()
    at.radio(key="sort").set_value("newest first").run()
    assert not at.exception


def _badges(at: AppTest, prefix: str) -> list[str]:
    """The badges' labels that start with ``prefix``, in page order (st.badge is Markdown)."""
    found = [re.fullmatch(r":\w+-badge\[(?::material/\w+: )?(.*)\]", m.value) for m in at.markdown]
    return [m.group(1) for m in found if m and m.group(1).startswith(prefix)]


def test_ui_forecast_queue_is_ranked_and_labelled_forecast_and_latest_figure(monkeypatch, db):
    at = _app(monkeypatch, db, view="contradictions", reason="Forecast due")
    assert at.selectbox(key="reason").value == "forecast_due"
    n = int(at.subheader[0].value.split()[0])
    priorities = [float(p.split()[1]) for p in _badges(at, "priority ")]
    assert len(priorities) == n > 5
    assert priorities == sorted(priorities, reverse=True) and len(set(priorities)) >= 4
    text = _text(at)
    assert text.index("Meta plans to spend between $60 billion") < text.index("Meta said it would select partners")
    labels = [c.value for c in at.caption]
    assert labels.count("**Forecast**") == n and "**Earlier claim**" not in labels
    assert 1 <= labels.count("**Latest figure**") < n and "No later figure on it yet." in labels
    # the claim page labels a forecast flag the same way, and a pair flag as before
    cid = _claim_id(db, "In a report, Gartner estimates that 75%%")
    page = [c.value for c in _app(monkeypatch, db, claim=str(cid)).caption]
    assert {"**Forecast**", "**Latest figure**", "**Earlier claim**", "**Later claim**"} <= set(page)


def test_ui_flag_cards_show_their_number_the_cli_hint_and_who_reviewed(monkeypatch, db):
    from kb.tracking.reviews import review

    at = _app(monkeypatch, db, view="contradictions")
    numbers = [int(b.removeprefix("Flag #")) for b in _badges(at, "Flag #")]
    assert len(numbers) == 4
    hints = [c.value for c in at.caption if "kb review" in c.value]
    assert [int(re.search(r"kb review (\d+) ", h).group(1)) for h in hints] == numbers
    assert [c.value for c in at.caption].count("Not reviewed yet") == 4
    review(Store(db), numbers[0], "needs-checking", note="asked the outlet", reviewer="dana")
    latest = r"\*\*needs\\-checking\*\* by dana · \d+ \w{3} \d{4}, \d\d:\d\d UTC · note: asked the outlet"
    queue = _app(monkeypatch, db, view="contradictions", status="needs-checking")
    assert _badges(queue, "Flag #") == [f"Flag #{numbers[0]}"]
    assert any(re.fullmatch("Latest review · " + latest, c.value) for c in queue.caption), [
        c.value for c in queue.caption
    ]
    cid = _claim_id(db, "In a report, Gartner estimates that 75%%")
    page = _app(monkeypatch, db, claim=str(cid))
    assert f"Flag #{numbers[0]}" in _badges(page, "Flag #")
    assert any(re.fullmatch(latest, c.value) for c in page.caption)


def test_ui_contradictions_filters_are_read_from_the_url(monkeypatch, db):
    """A link opens the queue filtered (the browser test checks that choosing a filter
    writes it to the URL and a reload keeps it); a value that is not an option is dropped."""
    at = _app(monkeypatch, db, view="contradictions", status="dismissed")
    assert at.selectbox(key="status").value == "dismissed" and "0 flags" in [h.value for h in at.subheader]
    at = _app(monkeypatch, db, view="contradictions", status="any", reason="Forecast due")
    assert at.selectbox(key="status").value == "any" and at.selectbox(key="reason").value == "forecast_due"
    assert _badges(at, "Forecast due") and not _badges(at, "Figures disagree")
    bogus = _app(monkeypatch, db, view="contradictions", status="<b>", reason="everything")
    assert bogus.selectbox(key="status").value == "open" and bogus.selectbox(key="reason").value == "contradiction"
    assert "status" not in bogus.query_params and "reason" not in bogus.query_params


def test_ui_crawl_status_in_plain_words_with_why_articles_differ_and_progress(
    monkeypatch, sample_db, sample_warc, tmp_path
):
    from datetime import UTC, datetime

    from crawler.state import STATE_NAME, CrawlState
    from tests.test_ui_offline import crawled_db

    db = crawled_db(sample_db, sample_warc, tmp_path)
    # a crawl running now: the crawler's state file beside the database, as `make run` lays it out
    state = CrawlState(db.parent / "warc" / STATE_NAME)
    for i in range(3):
        state.record(f"http://techwire.example/new-{i}.html", None, None, None, "0" * 64, datetime.now(UTC).isoformat())
    at = _app(monkeypatch, db, view="crawl")
    text = _text(at) + unescape_markdown("\n".join(i.value for i in at.info))
    with Store(db).read() as con:
        stored, skipped = con.execute(
            "SELECT count(*) FILTER (WHERE outcome = 'article'), count(*) FILTER (WHERE skip_reason = 'not_article') "
            "FROM captures"
        ).fetchone()
    assert (
        f"Of the latest crawl's {stored + skipped + 2} article pages: {stored} stored as articles; "
        f"{skipped} skipped: not an article; 1 unchanged since an earlier crawl "
        "(nothing new to ingest); 1 not ingested into this database yet." in text
    )
    assert "3 pages fetched since the last recorded crawl" in text
    assert "not_article" not in text and "not_page_" not in text
    labels = [c["label"] for c in json.loads(at.dataframe[0].proto.columns).values() if "label" in c]
    assert "Article pages" in labels and "Took (s)" in labels and all("_" not in label for label in labels)
    sources = at.dataframe[-1].value
    assert all("not_" not in r for r in sources["skipped by reason"])
    assert any("not an article" in r for r in sources["skipped by reason"])


def test_ui_edits_page_when_empty_says_what_fills_it(monkeypatch, db):
    at = _app(monkeypatch, db, view="edits")
    text = _text(at) + unescape_markdown("\n".join(i.value for i in at.info))
    assert "No article has changed between crawls yet" in text
    assert "make nightly" in text and "text changed" in text
