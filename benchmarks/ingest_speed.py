"""Ingest benchmark: articles per second end to end and peak memory, ours beside a naive
baseline, each run in its own process.

    python -m benchmarks.ingest_speed --sizes 1000,10000 [--naive-size 200] [--before-src DIR]

End to end = :func:`kb.ingest.run.ingest` over WARC files made by ``benchmarks/gen_corpus.py``
(WARC -> trafilatura -> spaCy -> embeddings -> DuckDB -> search index -> fact tracking),
into a fresh DuckDB file. Models are loaded (and NLP workers started) before the clock
starts; their load time is reported on its own. Configurations:

- ``naive``: one full ``nlp(text)`` call per article (every component), one ``encode``
  call per claim sentence (torch defaults), one ``INSERT`` per row; same extraction,
  store logic and tracking. It may run on fewer articles (``--naive-size``): the table
  says so, and compares articles per second.
- ``ours``: ``kb.ingest.run.ingest`` as it is.
- ``before``: the ingest of another source tree (``--before-src``, e.g.
  ``git archive <commit> | tar -x -C DIR``), to compare with an earlier commit.

Peak memory is ``ru_maxrss`` of the run's process (``RUSAGE_SELF``) and of its largest
NLP worker (``RUSAGE_CHILDREN``); their sum bounds the run's peak from above. Timings on
a shared machine are noisy: the load average is printed beside them. Prints tables; never
asserts on time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "build" / "ingest-corpus"


# -- the naive baseline (installed by monkeypatching, in its own process only) ------------
def _naive_process_batch(captures, known_texts=None, settings=None, stats=None):
    from urllib.parse import urlsplit

    from kb.config import IngestSettings
    from kb.errors import Skip
    from kb.ingest import batch
    from kb.ingest.extract import extract
    from kb.models import ArticleRows, CaptureRows
    from kb.nlp import embed, figures
    from kb.nlp import pipeline as nlp

    pipeline = nlp.load_pipeline()
    rows = []
    for cap in captures:
        reason = batch.prefilter(cap)
        if reason:
            rows.append(CaptureRows(cap, "skipped", reason))
            continue
        try:
            ex = extract(cap.body, cap.final_url, cap.headers.get("content-type"), cap.fetched_at)
        except Skip as skip:
            rows.append(CaptureRows(cap, "skipped", skip.reason))
            continue
        art = ArticleRows(ex, batch.source_of(cap), urlsplit(cap.final_url).hostname, [], [])
        rows.append(CaptureRows(cap, "article", None, art))
        if known_texts and known_texts([ex.text_sha256]):
            continue
        doc = pipeline(ex.text)
        art.claims, art.mentions, art.roles = list(doc._.claims), list(doc._.entity_refs), list(doc._.roles or [])
        pub = ex.published_at
        for c in art.claims:
            for f in c.figures:
                f.year = figures.resolve_year(f.time_ref, pub.year if pub else None)
            vec = embed.embed([c.text])
            c.embedding = vec[0].tolist()
        batch.rescore(art.claims, settings or IngestSettings())
        batch.scope_bare_surnames(art)
    return rows


def _row_insert(con, table: str, rows: list[dict[str, Any]], casts: dict[str, str] | None = None) -> None:
    if not rows:
        return
    cols = list(rows[0])
    marks = ", ".join(f"CAST(? AS {casts[c]})" if casts and c in casts else "?" for c in cols)
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})"
    for r in rows:
        con.execute(sql, [r[c] for c in cols])


# -- one run, in its own process -------------------------------------------------------------
def _child(config: str, warc: str, db: str) -> dict[str, Any]:
    import resource

    import kb
    from kb.config import Settings
    from kb.ingest import run, workers
    from kb.nlp import embed
    from kb.nlp import pipeline as nlp
    from kb.store import rows

    settings = Settings.from_env()
    t = time.perf_counter()
    if config == "naive":
        run.process_batch = _naive_process_batch  # the baseline, in this process only
        rows.insert = _row_insert
    warm_cpu = 0.0
    pool_up = config == "ours" and settings.ingest.nlp_processes > 1
    if pool_up:
        n = settings.ingest.nlp_processes
        for attempt in range(2):  # first: the CPU cost of starting workers alone, subtracted below; then for real
            pool = workers.start(n, settings.ingest.embed_threads)  # workers load both models
            for f in [pool.submit(workers.warm, os.getpid(), settings.ingest.embed_threads) for _ in range(n)]:
                f.result()
            if attempt == 0:
                workers.shutdown()
                warm = os.times()
                warm_cpu = warm.children_user + warm.children_system
    else:
        embed.load_model()
        nlp.load_pipeline()
    load_s = time.perf_counter() - t
    cpu0 = os.times()
    t = time.perf_counter()
    report = run.ingest([warc], db, settings.ingest, tracking=settings.tracking, index=settings.index)
    seconds = time.perf_counter() - t
    if pool_up:
        workers.shutdown()  # reaps the workers: their CPU time and peak RSS count from here
    cpu1 = os.times()
    c = report.counters
    return {
        "config": config,
        "kb": str(Path(kb.__file__).parent),
        "seconds": seconds,
        "load_seconds": load_s,
        "articles": c.get("articles", 0),
        "claims": c.get("claims", 0),
        "records": c.get("records", 0),
        "stages": dict(report.stats.seconds),
        "worker_cpu": dict(report.stats.cpu_seconds),
        "cpu_main": (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system),
        # children CPU counts whole worker lives: minus the cost of starting a pool (measured alone)
        "cpu_workers": max(
            0.0, (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system) - warm_cpu
        ),
        "rss_main_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def run(config: str, warc: Path, src: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kb-ingestbench-") as tmp:
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        if src is not None:  # an older tree runs its own child (the layout before benchmarks/ had kb/ingestbench.py)
            src = src.resolve()
            env["PYTHONPATH"] = str(src)
            old = src / "kb" / "ingestbench.py"
            script = (
                old if old.exists() and not (src / "benchmarks").exists() else src / "benchmarks" / "ingest_speed.py"
            )
            if not script.is_file():
                raise SystemExit(
                    f"{src} has neither benchmarks/ingest_speed.py nor kb/ingestbench.py: give --before-src the "
                    "tree of a commit that has one (git archive COMMIT | tar -x -C DIR)"
                )
            cmd = [sys.executable, str(script), "--child", "ours"]
        else:
            cmd = [sys.executable, "-m", "benchmarks.ingest_speed", "--child", config]
        load0 = _loadavg()
        out = subprocess.run(
            cmd + ["--warc", str(warc.resolve()), "--db", str(Path(tmp) / "kb.duckdb")],
            env=env,
            capture_output=True,
            text=True,
            cwd=tmp if src is not None else ROOT,
        )
        if out.returncode != 0:
            raise SystemExit(f"{config} run failed:\n{out.stderr[-3000:]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        result["config"] = config
        result["load_avg"] = f"{load0} → {_loadavg()}"
        return result


def _loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def corpus(n: int, base: Path, seed: int) -> Path:
    out = base / f"{n}-seed{seed}"
    if not (out / ".complete").exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.gen_corpus",
                "--articles",
                str(n),
                "--out",
                str(out),
                "--seed",
                str(seed),
            ],
            check=True,
            cwd=ROOT,
        )
        (out / ".complete").write_text("ok\n")
    return out


def table(results: list[dict[str, Any]]) -> str:
    naive = next((r for r in results if r["config"] == "naive"), None)
    lines = [
        "| run | articles | claims | seconds | articles/s | × naive | CPU s main + workers | CPU s per article"
        " | peak RSS main MiB | peak RSS largest worker MiB | model load s | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        rate = r["articles"] / r["seconds"] if r["seconds"] else 0.0
        ratio = f"{rate / (naive['articles'] / naive['seconds']):.1f}×" if naive and naive["articles"] else "–"
        name = r["config"] + (
            " (smaller corpus)" if naive and r is naive and len({x["articles"] for x in results}) > 1 else ""
        )
        cpu = r["cpu_main"] + r["cpu_workers"]
        lines.append(
            f"| {name} | {r['articles']} | {r['claims']} | {r['seconds']:.1f} | {rate:.2f} | {ratio} | "
            f"{r['cpu_main']:.0f} + {r['cpu_workers']:.0f} | {cpu / max(r['articles'], 1):.3f} | "
            f"{r['rss_main_mib']:.0f} | {r['rss_worker_mib']:.0f} | {r['load_seconds']:.1f} | {r['load_avg']} |"
        )
    return "\n".join(lines)


def stage_table(results: list[dict[str, Any]]) -> str:
    names = list(dict.fromkeys(k for r in results for k in r["stages"]))
    head = "| stage (seconds, main process) | " + " | ".join(f"{r['config']} ({r['articles']})" for r in results) + " |"
    lines = [head, "|---|" + "---|" * len(results)]
    wnames = list(dict.fromkeys(k for r in results for k in r.get("worker_cpu", {})))
    for n in wnames:
        cells = [f"{r['worker_cpu'][n]:.1f}" if n in r.get("worker_cpu", {}) else "–" for r in results]
        lines.append(f"| workers' CPU seconds: {n} | " + " | ".join(cells) + " |")
    for n in names + ["other (WARC read, dedup look-ups, ...)"]:
        cells = []
        for r in results:
            if n.startswith("other"):
                v = r["seconds"] - sum(r["stages"].values())
            else:
                v = r["stages"].get(n)
            cells.append("–" if v is None else f"{v:.1f}")
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


app = typer.Typer(add_completion=False)


@app.command()
def main(
    sizes: Annotated[str, typer.Option(help="Comma-separated corpus sizes (articles).")] = "1000",
    naive_size: Annotated[int, typer.Option(help="Articles for the naive baseline (0: skip it).")] = 200,
    before_src: Annotated[
        Path | None, typer.Option(help="A source tree of an earlier commit, run as 'before'.")
    ] = None,
    corpus_dir: Annotated[Path, typer.Option(help="Where generated corpora are kept.")] = CORPUS_DIR,
    seed: Annotated[int, typer.Option(help="Corpus generator seed.")] = 7,
    configs: Annotated[str, typer.Option(help="Which runs (before needs --before-src).")] = "naive,before,ours",
    child: Annotated[str | None, typer.Option(hidden=True)] = None,
    warc: Annotated[str | None, typer.Option(hidden=True)] = None,
    db: Annotated[str | None, typer.Option(hidden=True)] = None,
) -> None:
    """Ingest speed: articles/s, CPU s/article and peak memory, ours beside a naive baseline (and an earlier tree)."""
    if child:
        print(json.dumps(_child(child, warc, db)))
        return
    print(f"load average at start: {_loadavg()} ({os.cpu_count()} cores)", flush=True)
    wanted = configs.split(",")
    for n in [int(s) for s in sizes.split(",") if s]:
        results = []
        if naive_size and "naive" in wanted:
            m = min(n, naive_size)
            results.append(run("naive", corpus(m, corpus_dir, seed)))
            print(f"  naive on {m}: {results[-1]['seconds']:.1f}s (kb from {results[-1]['kb']})", flush=True)
        warc_dir = corpus(n, corpus_dir, seed)
        if before_src and "before" in wanted:
            results.append(run("before", warc_dir, before_src))
            print(f"  before on {n}: {results[-1]['seconds']:.1f}s (kb from {results[-1]['kb']})", flush=True)
        if "ours" in wanted:
            results.append(run("ours", warc_dir))
            print(f"  ours on {n}: {results[-1]['seconds']:.1f}s (kb from {results[-1]['kb']})", flush=True)
        print(f"\n### {n} articles\n\n{table(results)}\n\n{stage_table(results)}\n", flush=True)


if __name__ == "__main__":
    app()
