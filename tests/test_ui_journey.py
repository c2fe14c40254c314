"""A journalist's minute, in a real Chromium: from a question typed into the search box to a
cited, archived quote. Search, open the claim from its result card, see the claim highlighted
in its paragraph and the contradiction flag beside it, download the BibTeX citation and parse
it with bibtexparser. Screenshots go to $KB_SCREENSHOTS (default tests/artifacts/, git-ignored)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import bibtexparser
import pytest

from tests.conftest import ROOT
from tests.test_ui_browser import ARGS, CHROMIUM, _serve

SHOTS = Path(os.environ.get("KB_SCREENSHOTS", ROOT / "tests" / "artifacts"))
QUESTION = "Gartner estimate share of synthetic training data 2024"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (run `make browser`)"),
]


def test_browser_question_to_cited_archived_quote(sample_db):
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with _serve(sample_db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(url)
        box = page.get_by_label("Search claims")
        expect(box).to_be_visible(timeout=60_000)
        started = time.monotonic()  # the journalist's clock starts with the question
        box.fill(QUESTION)
        box.press("Enter")
        main = page.locator("[data-testid=stMain]")
        claim = main.get_by_text("Gartner estimates that 75%").first  # a result card's claim
        expect(claim).to_be_visible(timeout=90_000)
        # the result list's citation button is the last thing the script draws above the cards
        cite_all = page.get_by_role("button", name=re.compile(r"^Download \d+ citations?$")).first
        expect(cite_all).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SHOTS / "search.png"))
        # the card's own button: the first one after the claim's text
        claim.locator("xpath=following::button[.//p[text()='Sources, flags, provenance']][1]").click()

        # the claim page: the claim marked inside its paragraph, the flag with its reason
        expect(page.get_by_role("heading", name="Claim", exact=True)).to_be_visible(timeout=60_000)
        para = main.locator("[data-testid=stMarkdownContainer] p", has_text="Gartner estimates that 75%").first
        expect(para).to_be_visible(timeout=30_000)
        marked = para.evaluate(
            "p => [...p.querySelectorAll('span')].filter(s => getComputedStyle(s).backgroundColor"
            " !== 'rgba(0, 0, 0, 0)').map(s => s.innerText)"
        )
        assert any("Gartner estimates that 75%" in m for m in marked), marked  # the claim, highlighted in its paragraph
        expect(page.get_by_text("Figures disagree").first).to_be_visible(timeout=30_000)
        expect(page.get_by_text("vs 75% (").first).to_be_visible()
        download = page.get_by_role("button", name="Download 1 citation")
        expect(download).to_be_visible(timeout=30_000)
        with page.expect_download() as dl:
            download.click()
        elapsed = time.monotonic() - started
        name, bib = dl.value.suggested_filename, Path(dl.value.path()).read_text(encoding="utf-8")
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / "claim-from-search.png"))
        browser.close()

    assert name.endswith(".bib")
    lib = bibtexparser.parse_string(bib)
    assert not lib.failed_blocks and len(lib.entries) == 1
    fields = {f.key: f.value for f in lib.entries[0].fields}
    assert "Gartner estimates that 75" in fields["claim"] and fields["speaker"] == "Gartner"
    assert fields["url"].startswith("http://") and len(fields["textsha256"]) == 64
    assert ".warc" in fields["archive"] and "record=" in fields["archive"]  # the archived capture
    # measured, not asserted (STYLE.md: no timed assertions in tests): kept beside the screenshots
    (SHOTS / "journey-seconds.txt").write_text(f"{elapsed:.1f}\n")
    print(f"question to downloaded citation: {elapsed:.1f} s")
