"""Kill bench (``make bench-kill``): N random ``kill -9`` during crawl and ingest of the
bundled sample site, then one clean re-run; reports lost / duplicated articles and claims
(target 0 and 0) and the time the final re-run took to recover.

After every killed ingest the database is checked for half-written batches (rows that
point at nothing). Claims are compared with a reference: the same final WARC folder
ingested once, without kills, into a fresh database (skip with ``--no-reference``).

    python -m benchmarks.killbench --kills 20 [--seed 1] [--workdir build/killbench] [--signals KILL,TERM,INT]

``--signals``: each stop picks one at random (default KILL only). A SIGTERM / SIGINT is
given 60 s to stop the process (Scrapy's graceful shutdown; ingest rolls back its batch)
before a SIGKILL; the exit statuses seen are reported.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "data" / "sample_site"
SOURCES = ROOT / "data" / "sample_site_demo" / "sources.toml"
WORKDIR = ROOT / "build" / "killbench"

app = typer.Typer(add_completion=False)


@app.command()
def main(
    kills: Annotated[
        int, typer.Option(help="Crawl and ingest runs, alternately, each stopped at a random moment unless done first.")
    ] = 20,
    seed: Annotated[int, typer.Option(help="Seed of the stop times and signals.")] = 1,
    workdir: Annotated[Path, typer.Option(help="Emptied first; then holds the WARCs and databases.")] = WORKDIR,
    signals: Annotated[str, typer.Option(help="Comma-separated: KILL, TERM, INT (one picked per stop).")] = "KILL",
    no_reference: Annotated[
        bool, typer.Option("--no-reference", help="Skip the clean reference ingest (saves ~1 min).")
    ] = False,
) -> None:
    """Random kills during crawl and ingest of the sample site: lost / duplicated articles and claims, recovery time."""
    from kb.ops import sample_site
    from kb.store.connection import Store

    rng = random.Random(seed)
    workdir = workdir.resolve()
    shutil.rmtree(workdir, ignore_errors=True)
    warc, db = workdir / "warc", workdir / "kb.duckdb"
    warc.mkdir(parents=True)
    server, _, port = sample_site.serve(SITE)
    env = dict(
        os.environ,
        SCRAPY_SETTINGS_MODULE="crawler.settings",
        PYTHONPATH=str(ROOT),
        HF_HUB_OFFLINE="1",
        http_proxy=f"http://127.0.0.1:{port}",
    )
    env.pop("no_proxy", None)
    crawl_cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "news",
        "-a",
        f"sources={SOURCES}",
        "-s",
        f"WARC_DIR={warc}",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "DOWNLOAD_DELAY=0.05",
        "-s",
        "LOG_LEVEL=ERROR",
    ]
    ingest_cmd = [sys.executable, "-m", "kb.cli", "ingest", str(warc), "--db", str(db), "--batch-size", "8", "--json"]
    stops = []
    half_batches = 0
    sigs = [getattr(signal, f"SIG{n.strip().upper()}") for n in signals.split(",")]
    exits: dict[str, list[int]] = {}
    try:
        for i in range(kills):
            # even kills hit the crawl, odd ones the ingest of whatever the crawls have archived so far
            phase = "ingest" if i % 2 and list(warc.glob("*.warc.gz*")) else "crawl"
            # a first crawl takes ~6 s here, an incremental one ~2 s; an ingest ~60 s (models load in ~10 s)
            delay = rng.uniform(0.5, 4.0) if phase == "crawl" else rng.uniform(10.0, 25.0)
            proc = subprocess.Popen(
                crawl_cmd if phase == "crawl" else ingest_cmd,
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                proc.wait(timeout=delay)
                done = True
            except subprocess.TimeoutExpired:
                sig = rng.choice(sigs)
                os.kill(proc.pid, sig)
                try:
                    code = proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.kill(proc.pid, signal.SIGKILL)
                    code = proc.wait()
                exits.setdefault(f"{phase} {sig.name}", []).append(code)
                done = False
            stops.append((phase, round(delay, 1), "finished first" if done else f"{sig.name}, exit {code}"))
            note = ""
            if phase == "ingest" and not done and db.exists():
                half = orphans(Store(db))
                half_batches += half
                note = f" (rows pointing at nothing: {half})"
            print(f"{i + 1:2d}/{kills} {phase:6s} after {delay:5.1f}s: {stops[-1][2]}{note}", flush=True)
        t0 = time.perf_counter()
        subprocess.run(crawl_cmd, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(ingest_cmd, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        recover = time.perf_counter() - t0
    finally:
        server.shutdown()
    manifest = json.loads((SITE / "manifest.json").read_text())
    expected = {x["url"] for x in manifest["articles"]}
    with Store(db).read() as con:
        rows = con.execute("SELECT url, count(*), count(DISTINCT text_sha256) FROM articles GROUP BY url").fetchall()
        dup_claims = con.execute(
            "SELECT count(*) FROM (SELECT a.url, c.char_start, c.char_end, a.text_sha256, count(*) n FROM claims c "
            "JOIN articles a USING (article_id) GROUP BY ALL HAVING n > 1)"
        ).fetchone()[0]
        n_claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        untracked = con.execute("SELECT count(*) FROM claims WHERE cluster_id IS NULL").fetchone()[0]
    final_orphans = orphans(Store(db))
    lost_claims = ref_claims = None
    if not no_reference:
        ref_db = workdir / "reference.duckdb"
        subprocess.run(
            [*ingest_cmd[:5], "--db", str(ref_db), *ingest_cmd[7:]],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        got, ref = claim_set(Store(db)), claim_set(Store(ref_db))
        ref_claims, lost_claims = sum(ref.values()), sum((ref - got).values())
    stored = {u for u, _, _ in rows}
    lost = sorted(u for u in expected if u not in stored and not any(u.rstrip("/") == s.rstrip("/") for s in stored))
    dup_articles = sum(n - d for _, n, d in rows)
    stopped = [k for k in stops if k[2] != "finished first"]
    result = {
        "kills": len(stopped),
        "runs": len(stops),
        "killed_in_crawl": sum(k[0] == "crawl" for k in stopped),
        "killed_in_ingest": sum(k[0] == "ingest" for k in stopped),
        "exit_codes": {k: sorted(v) for k, v in sorted(exits.items())},
        "articles_expected": len(expected),
        "articles_lost": len(lost),
        "articles_duplicated": dup_articles,
        "claims": n_claims,
        "claims_reference": ref_claims,
        "claims_lost": lost_claims,
        "claims_duplicated": dup_claims,
        "claims_untracked": untracked,
        "half_written_rows_after_ingest_kills": half_batches,
        "orphan_rows_at_end": final_orphans,
        "recover_s": round(recover, 1),
        "lost": lost,
    }
    print(json.dumps(result, indent=1))


def orphans(store) -> int:
    """Rows a half-written batch would leave: claims without their article, articles
    without their capture, captures marked 'article' without the article."""
    with store.read() as con:
        return con.execute(
            "SELECT (SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT article_id FROM articles))"
            " + (SELECT count(*) FROM articles WHERE capture_id NOT IN (SELECT capture_id FROM captures))"
            " + (SELECT count(*) FROM captures WHERE outcome = 'article' AND capture_id NOT IN "
            "(SELECT capture_id FROM articles))"
        ).fetchone()[0]


def claim_set(store):
    from collections import Counter

    with store.read() as con:
        return Counter(
            con.execute(
                "SELECT a.url, c.char_start, c.char_end, c.text FROM claims c JOIN articles a USING (article_id)"
            ).fetchall()
        )


if __name__ == "__main__":
    app()
