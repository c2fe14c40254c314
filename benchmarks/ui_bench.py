"""The UI process at scale: start the Streamlit app over a kb database as `kb ui` does,
drive it from a real Chromium (Debian's, through Playwright), and report what a person
waits for and what the app's server process holds in memory.

    python -m benchmarks.ui_bench DB [--queries 30] [--source NAME] [--claims N]

With ``--claims N`` and no file at DB, the search benchmark's database of N claims is built
there first (benchmarks/search_speed.py: real CLEF claims and mixtures of them, 50 sources, one
archived capture per article) and its side indexes with it, so the app only loads them.

Each timed step is a page load with ``?q=...`` (a linkable search) until the results
heading and the citation button are on screen: the query embedding, both search legs,
hydration, the tracking badges and the citations, plus Streamlit's round trips. The first
load (models, side indexes) is reported apart. Queries: CLEF 2020 dev tweets, cleaned as
search cleans them. Memory is read from /proc for the server process after each step:
VmRSS, its anonymous part (what the process allocated itself) and its file-mapped part
(memory-mapped side indexes and libraries: page cache the kernel can take back), and the
peak (VmHWM).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Annotated

import typer

CHROMIUM = Path("/usr/bin/chromium")
FAILED_SHOT = Path(tempfile.gettempdir()) / "ui_bench-failed.png"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def memory(pid: int) -> dict[str, int]:
    """MiB of VmRSS, VmHWM, RssAnon and RssFile of ``pid``."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            out[key] = int(value.split()[0]) // 1024
    return out


def build(db: Path, n: int) -> None:
    from benchmarks import search_speed
    from kb.nlp.embed import embed
    from kb.search.search import search

    texts, _ = search_speed._load_text(search_speed.CLAIMS_TSV, search_speed.QUERIES_TSV, 1000, 0)
    texts, vecs = search_speed.synth(texts, embed(texts), n)
    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    search_speed.build_db(db, texts, vecs, with_fts=False)
    search("warm up", db)  # builds and saves the side indexes (BM25, and HNSW from 50k claims)
    print(f"built {db} ({n:,} claims) in {time.perf_counter() - t0:.0f} s", flush=True)


app = typer.Typer(add_completion=False)


@app.command()
def main(
    db: Annotated[Path, typer.Argument(help="The kb database the app serves.")],
    n_queries: Annotated[int, typer.Option("--queries", help="Searches timed (CLEF 2020 dev tweets).")] = 30,
    source: Annotated[str | None, typer.Option(help="Also time searches filtered to this source.")] = None,
    claims: Annotated[
        int | None, typer.Option(help="Build a benchmark database of this many claims at DB if missing.")
    ] = None,
) -> None:
    """The Streamlit app in Chromium over DB: type-to-results ms and the server's memory."""
    if not db.exists():
        if not claims:
            raise SystemExit(f"{db} does not exist (give --claims N to build a benchmark database there)")
        build(db, claims)

    from playwright.sync_api import sync_playwright

    from benchmarks.quality import CLEF2020, read_clef_queries
    from kb.ops.webapp import running
    from kb.search.querytext import clean_query

    tweets, _ = read_clef_queries(
        CLEF2020 / "dev" / "tweets.queries.tsv", CLEF2020 / "dev" / "tweet-vclaim-pairs.qrels"
    )
    queries = [clean_query(t) for t in tweets.values()][: n_queries + 1]
    rows: dict[str, list[float]] = {}
    mem: dict[str, dict[str, int]] = {}
    with running(db.resolve()) as (url, proc), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1400})

        def idle(check: str = "true") -> None:
            """Wait until the app's script run is over (and ``check``, a JS expression, holds)."""
            try:
                page.wait_for_function(
                    "() => { const a = document.querySelector('[data-testid=stApp]');"
                    f" return a && a.dataset.testScriptState === 'notRunning' && ({check}); }}",
                    timeout=120_000,
                )
            except Exception:
                page.screenshot(path=str(FAILED_SHOT))
                raise SystemExit(f"the app did not finish within 2 min (screenshot: {FAILED_SHOT})") from None

        def step(row: str, t0: float) -> None:
            rows.setdefault(row, []).append(1000 * (time.perf_counter() - t0))
            mem[row] = memory(proc.pid)

        def open_page(path: str, row: str, text: str) -> None:
            t0 = time.perf_counter()
            page.goto(url + path)
            idle(f"document.body.innerText.includes({text!r})")
            step(row, t0)

        def search(q: str, row: str) -> None:
            """Type the query and press Enter, as a person does: until the new results are shown."""
            box = page.get_by_label("Search claims")
            box.fill(q)
            # done when a run started after Enter (seen by an observer: a short run can start
            # and end between two polls of the state) is over and the address holds the query
            page.evaluate("""() => { window.__ran = false;
                new MutationObserver(() => {
                    const a = document.querySelector('[data-testid=stApp]');
                    if (a && a.dataset.testScriptState === 'running') window.__ran = true;
                }).observe(document.body, {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']}); }""")
            t0 = time.perf_counter()
            box.press("Enter")
            idle(f"window.__ran && new URLSearchParams(location.search).get('q') === {q!r}")
            step(row, t0)

        open_page("/", "first load: overview (models, indexes)", "Recent claims")
        open_page("/", "page load: overview", "Recent claims")
        search(queries[0], "first search (models, side indexes)")
        for q in queries[1:]:
            search(q, "search (type, Enter, results shown)")
        open_page("/?q=" + urllib.parse.quote(queries[1]), "page load: linked search", "Cite as")
        if source:
            page.get_by_label("Source").first.click()
            page.keyboard.type(source)
            page.keyboard.press("Enter")
            idle()
            for q in queries[2:12]:
                search(q, f"search, source {source}")
        browser.close()
        final = memory(proc.pid)

    print(f"\nUI over {db} (load average {os.getloadavg()[0]:.1f} at the end)\n")
    print("| step | n | p50 ms | p95 ms | server VmRSS MiB | anon | file-mapped | peak (VmHWM) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, ts in rows.items():
        ts = sorted(ts)
        p95 = ts[min(len(ts) - 1, round(0.95 * (len(ts) - 1)))]
        m = mem[name]
        print(
            f"| {name} | {len(ts)} | {statistics.median(ts):.0f} | {p95:.0f} | {m['VmRSS']:,} | {m['RssAnon']:,} | "
            f"{m['RssFile']:,} | {m['VmHWM']:,} |"
        )
    print(f"\nserver at the end: {final}")


if __name__ == "__main__":
    app()
