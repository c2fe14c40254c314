"""What a person sees: the Streamlit app in a real Chromium (Debian's package, driven by
Playwright; never `playwright install`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(sample_db):
    port = _free_port()
    env = dict(os.environ, KB_DB=str(sample_db), HF_HUB_OFFLINE="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make browser)")
def test_browser_search_shows_the_claim_in_context(app_url, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.goto(app_url)
        expect(page.get_by_text("Recent claims")).to_be_visible(timeout=60_000)
        box = page.get_by_label("Search claims")
        box.fill("running out of data to train AI")
        box.press("Enter")
        first = page.get_by_text("1. Elon Musk")
        expect(first).to_be_visible(timeout=90_000)
        expect(page.get_by_text("ran out of real-world training data").first).to_be_visible()
        assert "q=running" in page.url
        # crawled text is text: no link into the claim body, one "Original" button per result
        expect(page.get_by_role("link", name="Original ↗").first).to_be_visible()
        shot = tmp_path / "search.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
        os.environ.get("KB_SCREENSHOT") and Path(os.environ["KB_SCREENSHOT"]).write_bytes(shot.read_bytes())
        browser.close()
