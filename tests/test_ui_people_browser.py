"""The People & organisations page in a real Chromium: the opening list, searching names
as you type, near names for one with no entity, and an entity's figures. Set
KB_SCREENSHOT_DIR=path to keep the screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.test_ui_browser import CHROMIUM, _serve, browser  # noqa: F401  (the fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (run `make browser`)"),
]


def _shot(page, tmp_path: Path, name: str) -> None:
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("KB_SCREENSHOT_DIR"):
        out = Path(os.environ["KB_SCREENSHOT_DIR"])
        out.mkdir(parents=True, exist_ok=True)
        (out / shot.name).write_bytes(shot.read_bytes())


def test_browser_people_page_list_search_and_near_names(browser, sample_db, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    with _serve(sample_db) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 1200})
        page.goto(url + "/people")
        expect(page.get_by_text("People most written about")).to_be_visible(timeout=60_000)
        expect(page.get_by_role("button", name="Elon Musk")).to_be_visible()
        _shot(page, tmp_path, "people-list")

        box = page.get_by_role("combobox").first
        box.click()
        page.keyboard.type("Gartnr")  # as you type: the list narrows; Enter takes the typed name
        page.keyboard.press("Enter")
        expect(page.get_by_text("did you mean Gartner?")).to_be_visible(timeout=30_000)
        assert "entity=Gartnr" in page.url
        _shot(page, tmp_path, "people-near-names")

        page.get_by_role("button", name="Gartner").click()
        expect(page.get_by_text("named in 3 claims (0 by others)")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Claims about Gartner by others")).to_be_visible(timeout=30_000)
        expect(page.locator("[data-testid='stVegaLiteChart']")).to_have_count(1)
        _shot(page, tmp_path, "people-gartner")

        page.goto(url + "/people?entity=Nvidia")
        expect(page.get_by_text("Figures stated once")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Claims about Nvidia by others")).to_be_visible(timeout=60_000)
        assert "nan" not in page.inner_text("body").split()
        _shot(page, tmp_path, "people-nvidia")
        page.close()
