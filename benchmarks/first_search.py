"""The first search a person makes on a freshly started app, timed in a real Chromium.

    python -m benchmarks.first_search DB [--pause 3]

Starts the app over DB as `kb ui` does, opens its home page, waits for it (the recent
claims), waits ``--pause`` seconds (a person reading and typing), then types a query and
times Enter → the first result on screen. Then, on another freshly started server, a link
with ``?q=`` opened straight away (nobody typing: the worst case). Before the models were
loaded at start-up, both paid for loading them.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from benchmarks.ui_bench import ARGS, CHROMIUM

QUERY = "running out of data to train AI"
FIRST = "1. Elon Musk"


def main(
    db: Path,
    pause: Annotated[float, typer.Option(help="seconds between the home page showing and the query typed")] = 3.0,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from kb.ops.webapp import running

    out: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        with running(db, timeout_s=120) as (url, _):
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            t0 = time.perf_counter()
            page.goto(url)
            expect(page.get_by_text("Recent claims")).to_be_visible(timeout=120_000)
            out["home_page_s"] = round(time.perf_counter() - t0, 2)
            page.wait_for_timeout(pause * 1000)
            box = page.get_by_label("Search claims")
            box.fill(QUERY)
            t0 = time.perf_counter()
            box.press("Enter")
            expect(page.get_by_text(FIRST)).to_be_visible(timeout=120_000)
            out["typed_first_search_s"] = round(time.perf_counter() - t0, 2)
            page.close()
        with running(db, timeout_s=120) as (url, _):
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            t0 = time.perf_counter()
            page.goto(f"{url}/?q={QUERY.replace(' ', '+')}")
            expect(page.get_by_text(FIRST)).to_be_visible(timeout=120_000)
            out["linked_first_search_s"] = round(time.perf_counter() - t0, 2)
            page.close()
        browser.close()
    print(json.dumps({"pause_s": pause, **out}))


if __name__ == "__main__":
    typer.run(main)
