"""The ``kb`` command line: parse, call the library, present. Errors from kb become a
one-line message with their code and exit status 1 (2 for bad usage).

The command names and flags here are a contract other tools script against.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kb.config import SETTINGS, default_db_path
from kb.errors import KBError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="News and claims knowledge base.")
out = Console()
err = Console(stderr=True)

DbOpt = Annotated[Path | None, typer.Option("--db", help="DuckDB file (default data/kb.duckdb or $KB_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]


def _db(db: Path | None) -> Path:
    return db or default_db_path()


def _jsonable(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    return str(v)


def _print_json(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, default=_jsonable, ensure_ascii=False) + "\n")


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name) from exc


def _hits_table(hits, show_score: bool) -> Table:
    t = Table(show_lines=True, expand=True)
    if show_score:
        t.add_column("score", justify="right", no_wrap=True)
    t.add_column("claim", ratio=5)
    t.add_column("speaker", ratio=1)
    t.add_column("source · date", ratio=1)
    for h in hits:
        # crawled text is escaped: "[bold]" in an article stays text, never rich markup
        figs = escape(", ".join(f["raw"] for f in h.figures))
        claim = escape(h.text) + (f"\n[dim]figures: {figs}[/dim]" if figs else "")
        when = h.published_at.date().isoformat() if h.published_at else "—"
        who = escape(h.speaker or "—") + (f"\n[dim]{escape(h.speaker_role)}[/dim]" if h.speaker_role else "")
        row = [claim, f"{who}\n[dim]{escape(h.verb or '')}[/dim]", f"{escape(h.source or '')}\n{when}"]
        if show_score:
            row.insert(0, f"{h.score:.4f}")
        t.add_row(*row)
    return t


def _crawl_sample(sources: Path | None, warc_dir: Path, extra: dict[str, str], port: int = 0) -> dict:
    """Serve the bundled site on 127.0.0.1 for the length of one crawl through it."""
    from kb import sample_site
    from kb.crawl import crawl as run_crawl

    server, _thread, bound = sample_site.serve(Path("data/sample_site"), port=port)
    try:
        settings = {"AUTOTHROTTLE_START_DELAY": "0.05", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "WARNING", **extra}
        return run_crawl(sources or Path("data/sources.toml"), [], warc_dir, proxy=f"http://127.0.0.1:{bound}",
                         settings=settings)
    finally:
        server.shutdown()


@app.command()
def crawl(
    sources: Annotated[Path | None, typer.Option("--sources", help="Sources file (TOML).")] = None,
    url: Annotated[list[str] | None, typer.Option("--url", help="Extra article URL (repeatable).")] = None,
    warc_dir: Annotated[Path, typer.Option("--warc-dir", help="Where WARC files go.")] = Path("data/warc"),
    proxy: Annotated[str | None, typer.Option("--proxy", help="HTTP proxy, e.g. the sample site server.")] = None,
    setting: Annotated[list[str] | None, typer.Option("--set", "-s", help="Scrapy setting NAME=VALUE.")] = None,
    sample_site: Annotated[bool, typer.Option("--sample-site", help="Serve the bundled sample site on 127.0.0.1 and crawl through it.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Crawl the sources politely into WARC files; store the run summary."""
    from kb.crawl import crawl as run_crawl
    from kb.store import Store

    if sources is None and not url:
        sources = Path("data/sources.toml")
    extra = dict(s.split("=", 1) for s in (setting or []) if "=" in s)
    if sample_site:
        summary = _crawl_sample(sources, warc_dir, extra)
    else:
        summary = run_crawl(sources, url or [], warc_dir, proxy=proxy, settings=extra)
    Store(_db(db)).record_crawl_run(summary)
    if as_json:
        _print_json(summary)
        return
    t = Table(title=f"crawl {summary.get('run_id')}", show_header=False)
    for key in ("fetched", "articles", "skipped_robots", "failed", "http_errors", "bytes", "duration_s", "finish_reason"):
        t.add_row(key, str(summary.get(key)))
    for reason, n in (summary.get("failed_by_reason") or {}).items():
        t.add_row(f"  failed: {reason}", str(n))
    out.print(t)
    out.print(f"WARC files: {', '.join(summary.get('warc_files', [])) or 'none'}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="WARC files or folders.")],
    db: DbOpt = None,
    batch_size: Annotated[int, typer.Option(help="Captures per write transaction.")] = SETTINGS.ingest.batch_size,
    as_json: JsonOpt = False,
) -> None:
    """WARC -> main text -> claims, entities, figures, embeddings -> DuckDB (idempotent).
    SIGTERM / SIGINT roll back the batch in progress and exit 143 / 130; re-run to finish."""
    from dataclasses import replace

    from kb.config import SETTINGS
    from kb.ingest import ingest as run_ingest
    from kb.interrupt import Interrupted, stop_on_signals

    settings = replace(SETTINGS.ingest, batch_size=batch_size)
    try:
        with stop_on_signals("ingest"):
            if as_json:
                report = run_ingest(paths, _db(db), settings)
                _print_json(report.as_dict())
                return
            with err.status("ingesting ...") as status:
                report = run_ingest(paths, _db(db), settings,
                                    on_batch=lambda r: status.update(f"ingesting: {r.counters['records']} records, "
                                                                     f"{r.counters.get('claims', 0)} claims"))
    except Interrupted as exc:
        err.print(f"[red]stopped[/red] {exc}", highlight=False)
        raise typer.Exit(exc.exit_code) from None
    t = Table(title=f"ingest {report.run_id} ({report.seconds:.1f}s)", show_header=False)
    for key, value in sorted(report.counters.items()):
        t.add_row(key, str(value))
    out.print(t)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in plain words.")],
    limit: Annotated[int, typer.Option("--limit", "-n")] = 10,
    entity: Annotated[str | None, typer.Option("--entity", help="Only claims naming this entity.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Only this source (name or domain).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Published on/after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Published on/before YYYY-MM-DD.")] = None,
    reranker: Annotated[Path | None, typer.Option(help="Re-rank the best candidates with this cross-encoder "
                                                   "(`kb train-reranker`; default $KB_RERANKER).")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Hybrid search (BM25 + embeddings, fused) over claims."""
    from dataclasses import replace

    from kb.config import SETTINGS
    from kb.query import Filters
    from kb.search import search as run_search

    filters = Filters(entity=entity, source=source, since=_date(since, "--since"), until=_date(until, "--until"))
    settings = replace(SETTINGS.search, reranker=str(reranker)) if reranker else SETTINGS.search
    hits = run_search(query, _db(db), limit, filters, settings)
    if as_json:
        for h in hits:
            _print_json(h.to_json())
        return
    if not hits:
        out.print("no matching claims")
        return
    out.print(_hits_table(hits, show_score=True))


@app.command()
def claims(
    entity: Annotated[str | None, typer.Option("--entity")] = None,
    source: Annotated[str | None, typer.Option("--source")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="statistic, quote, prediction, attribution, event")] = None,
    since: Annotated[str | None, typer.Option("--since")] = None,
    until: Annotated[str | None, typer.Option("--until")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 50,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List claims, newest first, with filters."""
    from kb.query import Filters, list_claims
    from kb.store import Store

    filters = Filters(entity=entity, source=source, kind=kind, since=_date(since, "--since"), until=_date(until, "--until"))
    with Store(_db(db)).read() as con:
        hits = list_claims(con, filters, limit)
    if as_json:
        for h in hits:
            d = h.to_json()
            d.pop("score", None)
            _print_json(d)
        return
    out.print(_hits_table(hits, show_score=False) if hits else "no claims")


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A saved HTML page.")],
    url: Annotated[str | None, typer.Option("--url", help="The page's URL (for relative links).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Main text and metadata of one saved page."""
    from kb.errors import BadInput
    from kb.extract import Skip
    from kb.extract import extract as run_extract

    if not file.is_file():
        raise BadInput(f"{file} does not exist")
    try:
        ex = run_extract(file.read_bytes(), url or file.resolve().as_uri(), "text/html")
    except Skip as skip:
        if as_json:
            _print_json({"skipped": skip.reason, "detail": skip.detail})
        else:
            out.print(f"not an article: {skip.reason} {skip.detail}")
        raise typer.Exit(3) from None
    d = {k: v for k, v in vars(ex).items()}
    if as_json:
        _print_json(d)
        return
    for k, v in d.items():
        if k != "text":
            out.print(f"[bold]{k}[/bold]: {v}")
    out.print()
    out.print(ex.text, markup=False, highlight=False)


@app.command("repair-indexes")
def repair_indexes(db: DbOpt = None) -> None:
    """Re-create the database's secondary indexes (for a file written before the fix for
    DuckDB 1.5.5 losing index entries after a killed write: see docs/operations.md)."""
    from kb.store import Store

    t0 = time.perf_counter()
    names = Store(_db(db)).rebuild_indexes()
    out.print(f"re-created {len(names)} indexes ({', '.join(names)}) in {time.perf_counter() - t0:.1f}s")


@app.command()
def stats(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Counts of what the knowledge base holds."""
    from kb.query import stats as run_stats
    from kb.store import Store

    with Store(_db(db)).read() as con:
        s = run_stats(con)
    if as_json:
        _print_json(s)
        return
    t = Table(title=str(_db(db)), show_header=False)
    for key in ("captures", "articles", "duplicates", "sources", "claims", "figures", "entities", "mentions",
                "crawl_runs", "ingest_runs"):
        t.add_row(key, str(s[key]))
    for kind, n in s["claims_by_kind"].items():
        t.add_row(f"  claims: {kind}", str(n))
    for reason, n in s["skipped"].items():
        t.add_row(f"  skipped: {reason}", str(n))
    out.print(t)
    if s["top_entities"]:
        out.print("top entities: " + ", ".join(f"{n} ({t_}, {c})" for n, t_, c in s["top_entities"]))


@app.command("serve-sample")
def serve_sample(
    root: Annotated[Path, typer.Option(help="The sample site folder.")] = Path("data/sample_site"),
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8700,
) -> None:
    """Serve the bundled sample news site on 127.0.0.1 (also usable as an HTTP proxy)."""
    from kb import sample_site

    sample_site.main(["--root", str(root), "--port", str(port)])


@app.command()
def ui(port: Annotated[int, typer.Option()] = 8501, db: DbOpt = None) -> None:
    """Start the Streamlit app on 127.0.0.1."""
    argv, env = streamlit_command(_db(db), port)
    os.execvpe(argv[0], argv, env)


def streamlit_command(db: Path, port: int) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that serve the app over ``db`` on 127.0.0.1:``port``
    (`kb ui`; the browser tests and `make bench-ui` start it the same way)."""
    app_path = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    env = dict(os.environ, KB_DB=str(Path(db).resolve()), HF_HUB_OFFLINE="1")
    return [sys.executable, "-m", "streamlit", "run", str(app_path), "--server.address", "127.0.0.1",
            "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--client.toolbarMode", "minimal"], env


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="Port for the sample site server.")] = 8700,
    ui_port: Annotated[int, typer.Option("--ui-port")] = 8501,
    warc_dir: Annotated[Path, typer.Option("--warc-dir")] = Path("data/warc"),
    no_ui: Annotated[bool, typer.Option("--no-ui", help="Stop after ingesting.")] = False,
    db: DbOpt = None,
) -> None:
    """The main job on the bundled site: serve it, crawl it, ingest it, open the UI."""
    from kb.ingest import ingest as run_ingest
    from kb.store import Store

    out.print(f"[bold]1/3[/bold] crawling the sample site, served on 127.0.0.1:{port} (the crawler's HTTP proxy)")
    summary = _crawl_sample(Path("data/sources.toml"), warc_dir, {}, port=port)
    Store(_db(db)).record_crawl_run(summary)
    out.print(f"[bold]2/3[/bold] crawl: fetched {summary.get('fetched')}, skipped by robots {summary.get('skipped_robots')}, "
              f"failed {summary.get('failed')}, {summary.get('bytes')} bytes in {summary.get('duration_s')}s")
    with err.status("ingesting ..."):
        report = run_ingest([warc_dir], _db(db))
    c = report.counters
    out.print(f"[bold]3/3[/bold] ingest: {c.get('articles', 0)} articles, {c.get('claims', 0)} claims, "
              f"{c.get('duplicates', 0)} duplicates, {sum(v for k, v in c.items() if k.startswith('skipped/'))} skipped "
              f"({report.seconds:.1f}s)")
    flags = {k.split("/")[-1]: v for k, v in c.items() if k.startswith("tracking/flags/")}
    out.print(f"    tracking: {c.get('tracking/claims_joined_cluster', 0)} claims joined a claim from another source, "
              f"{c.get('tracking/near_duplicate_articles', 0)} near-duplicate articles, flags: "
              + (", ".join(f"{k} {v}" for k, v in sorted(flags.items())) or "none")
              + "  (kb contradictions, kb clusters)")
    if not no_ui:
        out.print(f"UI: http://127.0.0.1:{ui_port}  (Ctrl-C to stop)")
        ui(port=ui_port, db=db)


bench_app = typer.Typer(no_args_is_help=True, help="Quality benchmarks on third-party data (beside baselines).")
app.add_typer(bench_app, name="bench")


def _bench_table(title: str, rows: dict[str, dict], cols: list[str]) -> Table:
    t = Table(title=title)
    t.add_column("system")
    for c in cols:
        t.add_column(c, justify="right")
    for name, r in rows.items():
        t.add_row(name, *[str(r.get(c, "")) for c in cols])
    return t


@bench_app.command("extraction")
def bench_extraction(
    evaldata: Annotated[Path | None, typer.Option(help="trafilatura-eval evaldata.json")] = None,
    html_dir: Annotated[Path | None, typer.Option("--html-dir", help="Folder of the pages (.html or .html.gz).")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N pages.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Main-text extraction: snippet precision/recall/F1 vs trafilatura's defaults."""
    from kb import bench

    rows = bench.bench_extraction(evaldata or bench.TRAFILATURA_EVAL, html_dir or bench.TRAFILATURA_HTML, limit)
    if as_json:
        _print_json(rows)
        return
    out.print(_bench_table("extraction (trafilatura-eval; best published: trafilatura 2.2.0 F1 0.924)", rows,
                           ["precision", "recall", "f1", "pages", "seconds"]))


@bench_app.command("checkworthy")
def bench_checkworthy(
    tsv: Annotated[Path | None, typer.Option(help="CheckThat-format TSV (Text, class_label).")] = None,
    model: Annotated[Path | None, typer.Option(help="A scorer from `kb train-checkworthy`.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check-worthiness: F1 of the Yes class vs the all-Yes baseline."""
    from kb import bench

    rows = bench.bench_checkworthy(tsv or bench.CHECKTHAT_DEV, model=model)
    if as_json:
        _print_json(rows)
        return
    out.print(_bench_table("check-worthiness (F1 of Yes; best published on CheckThat 2024 test: 0.80)", rows,
                           ["precision", "recall", "f1", "n", "seconds"]))


@bench_app.command("figures")
def bench_figures(
    cases: Annotated[Path | None, typer.Option(help="quantulum3-format JSON (req, res[value, unit, surface]).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Figure parsing on quantulum3's regression sentences vs a bare-number baseline."""
    from kb import bench

    rows = bench.bench_figures(cases or bench.QUANTULUM)
    if as_json:
        _print_json(rows)
        return
    out.print(_bench_table("figures (quantulum3 regression cases; value + span match)", rows,
                           ["precision", "recall", "f1", "sentences", "ms"]))


@bench_app.command("retrieval")
def bench_retrieval(
    as_json: JsonOpt = False,
    claims: Annotated[Path | None, typer.Option(help="verified claims TSV (default: ../shared/eval/clef2020-checkthat-task2)")] = None,
    queries: Annotated[Path | None, typer.Option(help="queries TSV (default: the dev tweets)")] = None,
    qrels: Annotated[Path | None, typer.Option(help="qrels file (default: the dev qrels)")] = None,
    titles: Annotated[bool, typer.Option("--titles/--no-titles", help="index each claim's title with it for BM25")] = True,
    cache: Annotated[Path | None, typer.Option(help="folder to keep the claim embeddings in between runs")] = None,
    reranker: Annotated[Path | None, typer.Option(help="also the hybrid re-ranked by this cross-encoder (`kb train-reranker`)")] = None,
) -> None:
    """Claim retrieval (CLEF CheckThat 2020 task 2 dev): MAP@5 and MRR of BM25, vectors, fused, re-ranked."""
    from kb import bench

    paths = {k: v for k, v in (("claims_tsv", claims), ("queries_tsv", queries), ("qrels_path", qrels)) if v}
    rows = bench.bench_retrieval(**paths, titles=titles, cache_dir=cache, reranker=reranker)
    if as_json:
        _print_json(rows)
        return
    index = rows.pop("_index")
    out.print(_bench_table(f"retrieval (CLEF 2020 task 2; {index['claims']} verified claims, titles "
                           f"{'indexed' if index['titles'] else 'not indexed'}, in {index['seconds']}s; "
                           "MRR over the top 10)", rows, ["map@5", "mrr", "queries", "ms_per_query"]))


@app.command("train-reranker")
def train_reranker(
    out_path: Annotated[Path, typer.Option("--out", help="Directory to write the cross-encoder to.")] = Path("data/reranker"),
    claims: Annotated[Path | None, typer.Option(help="Verified claims TSV (vclaim_id, vclaim, title; default: CLEF 2020 task 2 in ../shared/eval).")] = None,
    queries: Annotated[Path | None, typer.Option(help="Training queries TSV (tweet_id, tweet_content; default: the CLEF 2020 train tweets).")] = None,
    qrels: Annotated[Path | None, typer.Option(help="TREC qrels of the queries (default: the CLEF 2020 train qrels).")] = None,
    epochs: Annotated[int, typer.Option(help="Passes over the training queries.")] = 3,
    titles: Annotated[bool, typer.Option("--titles/--no-titles", help="The model reads each claim with its document's title.")] = True,
    cache: Annotated[Path | None, typer.Option(help="Folder to keep the claim embeddings in between runs.")] = None,
) -> None:
    """Tune a cross-encoder that re-ranks search results; use it with KB_RERANKER=DIR.

    Each query is searched as `kb search` would; its relevant claims are the positives, the
    wrong ones among the best 20 the negatives. About 4 minutes an epoch for 800 queries on
    a quiet 2-core machine."""
    from dataclasses import replace

    from kb import bench
    from kb.errors import BadInput
    from kb.rerank import TrainSettings

    paths = {k: v for k, v in (("claims_tsv", claims), ("queries_tsv", queries), ("qrels_path", qrels)) if v}
    for p in paths.values():
        if not Path(p).is_file():
            raise BadInput(f"{p} does not exist")
    model = bench.train_reranker(out_path, **paths, doc_titles=titles, cache_dir=cache,
                                 settings=replace(TrainSettings(), epochs=epochs), progress=lambda m: err.print(m))
    out.print(f"wrote {out_path} ({model.meta['train']['queries']} queries, {model.meta['train']['seconds']} s); "
              f"use it with KB_RERANKER={out_path}")


@app.command("train-checkworthy")
def train_checkworthy(
    tsv: Annotated[Path, typer.Option(help="Labelled TSV with columns Text and class_label (Yes/No).")],
    out_path: Annotated[Path, typer.Option("--out", help="Where to write the scorer (JSON).")] = Path("data/checkworthy.json"),
) -> None:
    """Train a check-worthiness scorer; use it with KB_CHECKWORTHY_MODEL=FILE."""
    from kb.bench import read_checkworthy_tsv
    from kb.checkworthy import train
    from kb.errors import BadInput

    if not tsv.is_file():
        raise BadInput(f"{tsv} does not exist")
    rows = read_checkworthy_tsv(tsv)
    if len({y for _, y in rows}) < 2:
        raise BadInput(f"{tsv}: need rows labelled both Yes and No in column class_label")
    with err.status(f"training on {len(rows)} sentences ..."):
        scorer = train([t for t, _ in rows], [y for _, y in rows])
    scorer.meta["name"] = out_path.name
    out_path.parent.mkdir(parents=True, exist_ok=True)
    scorer.save(out_path)
    out.print(f"wrote {out_path} (threshold {scorer.threshold}, held-out F1 {scorer.meta['val_f1']}); "
              f"use it with KB_CHECKWORTHY_MODEL={out_path}")


# -- fact tracking: clusters, contradiction flags, reviews --------------------------------

def _print_flags(flags: list[dict]) -> None:
    """One block per flag. Crawled text is escaped: it never becomes rich markup."""
    def side(label: str, h) -> None:
        if h is None:
            out.print(f"   {label}  [dim]no later claim yet[/dim]")
            return
        when = h.published_at.date().isoformat() if h.published_at else "undated"
        out.print(f"   [bold]{label}[/bold]  {escape(h.text)}", highlight=False)
        out.print(f"      [dim]{escape(h.speaker or '—')} · {escape(h.source or '—')} · {when} · "
                  f"claim {h.claim_id} · {escape(h.article_url)}[/dim]", highlight=False)

    for f in flags:
        status = f["status"] + (f" ({escape(f['note'])})" if f["note"] else "")
        out.print(f"[bold]#{f['flag_id']} {f['reason']}[/bold] · score {f['score']:.2f} · {status}", highlight=False)
        out.print(f"   {escape(f['detail'])}", highlight=False)
        side("A", f["claim_a"])
        side("B", f["claim_b"])
        out.print()


def _flag_json(f: dict) -> dict:
    return {**f, "claim_a": f["claim_a"].to_json() if f["claim_a"] else None,
            "claim_b": f["claim_b"].to_json() if f["claim_b"] else None}


@app.command()
def track(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute every cluster and flag (reviews are kept).")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Cluster untracked claims and flag contradictions (ingest runs this itself)."""
    from kb import tracking
    from kb.store import Store

    report = tracking.track(Store(_db(db)), rebuild=rebuild)
    if as_json:
        _print_json(report.as_dict())
        return
    out.print(" · ".join(f"{k} {v}" for k, v in report.as_dict().items()))


@app.command()
def contradictions(
    status: Annotated[str | None, typer.Option("--status", help="open, confirmed, dismissed, needs-checking")] = None,
    reason: Annotated[str, typer.Option("--reason", help="contradiction (all pair reasons), figure_conflict, polarity, "
                                        "revision, nli, forecast_due")] = "contradiction",
    entity: Annotated[str | None, typer.Option("--entity")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 50,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Flagged pairs of claims that cannot both be true, with the reason and both sources."""
    from kb import tracking
    from kb.store import Store

    with Store(_db(db)).read() as con:
        flags = tracking.list_flags(con, status=status, reason=reason, entity=entity, limit=limit)
    if as_json:
        for f in flags:
            _print_json(_flag_json(f))
        return
    if not flags:
        out.print("no flags")
    _print_flags(flags)


@app.command()
def clusters(
    entity: Annotated[str | None, typer.Option("--entity")] = None,
    min_claims: Annotated[int, typer.Option("--min-claims", help="Claims plus copies, at least.")] = 2,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 20,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The same claim across sources: first seen, independent reports and copies."""
    from kb import tracking
    from kb.store import Store

    with Store(_db(db)).read() as con:
        found = tracking.list_clusters(con, entity=entity, min_claims=min_claims, limit=limit)
    if as_json:
        for c in found:
            _print_json({**c, "claim": c["claim"].to_json() if c["claim"] else None})
        return
    if not found:
        out.print("no clusters")
        return
    for c in found:
        head = c["claim"].text if c["claim"] else "?"
        out.print(f"[bold]cluster {c['cluster_id']}[/bold] · {c['independent']} independent, {c['copies']} copies, "
                  f"{c['n_sources']} outlets · speaker {escape(c['primary_speaker'] or '—')} · first "
                  f"{escape(c['first_outlet'] or '—')}"
                  + (f" · origin named: {escape(c['named_origin'])}" if c["named_origin"] else ""), highlight=False)
        out.print(f"  {head}", markup=False, highlight=False)
        for t in c["timeline"]:
            when = (t["published_at"] or t["captured_at"])
            mark = "first seen" if t["first_seen"] else ("copy" if t["copy"] else "")
            out.print(f"  [dim]{when.date() if when else '—'}[/dim] {escape(t['source'] or '—')} [bold]{mark}[/bold] "
                      f"[dim]{escape(t['url'])}[/dim]", highlight=False)
        out.print()


@app.command()
def history(
    url: Annotated[str | None, typer.Argument(help="An article URL. Without one: the latest edited articles.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Edited articles to list (without URL).")] = 20,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Versions of an article across crawls, and which claims appeared, went or changed."""
    from kb import history as hist
    from kb.store import Store

    with Store(_db(db)).read() as con:
        if url is None:
            edits = hist.recent_edits(con, limit)
            if not edits and not as_json:
                out.print("no article has changed between crawls yet")
            for e in edits:
                if as_json:
                    _print_json(e)
                    continue
                out.print(f"[dim]{e['captured_at']:%Y-%m-%d %H:%M}[/dim] {escape(e['source'] or '—')} · "
                          f"+{e['claims_added']} −{e['claims_removed']} ~{e['claims_changed']} claims"
                          + (" · title changed" if e["title_changed"] else "")
                          + f" · {escape(e['title'] or '')}", highlight=False)
                out.print(f"  {e['url']}", markup=False, highlight=False)
            return
        found = hist.history(con, url)
    if found is None:
        err.print(f"no article stored for {url!r}", markup=False, highlight=False)
        raise typer.Exit(1)
    if as_json:
        _print_json(found)
        return
    out.print(f"{found['url']}", markup=False, highlight=False)
    out.print(f"{len(found['versions'])} version(s) from {found['captures']} capture(s)", highlight=False)
    for v in found["versions"]:
        state = "current" if v["current"] else f"replaced by article {v['superseded_by']}"
        out.print(f"\n[bold]version {v['version']}[/bold] · article {v['article_id']} · captured "
                  f"{v['captured_at']:%Y-%m-%d %H:%M} · {v['claims']} claims · {state}", highlight=False)
        out.print(f"  {v['title'] or ''}", markup=False, highlight=False)
        d = v["diff"]
        if d is None:
            continue
        out.print(f"  [dim]vs version {v['version'] - 1}: +{d['claims_added']} −{d['claims_removed']} "
                  f"~{d['claims_changed']} ={d['claims_kept']} claims, text similarity {d['text_similarity']:.2f}"
                  + (", title changed" if d["title_changed"] else "") + "[/dim]", highlight=False)
        for ch in v["changes"]:
            if ch["change"] == "changed":
                out.print(f"  [yellow]~[/yellow] {escape(ch['detail'] or '')}", highlight=False)
                out.print(f"    was: {ch['previous_claim']['text']}", markup=False, highlight=False)
                out.print(f"    now: {ch['claim']['text']}", markup=False, highlight=False)
            elif ch["change"] == "added":
                out.print("  [green]+[/green] " + escape(ch["claim"]["text"]), highlight=False)
            else:
                out.print("  [red]−[/red] " + escape(ch["previous_claim"]["text"]), highlight=False)


@app.command()
def review(
    flag_id: Annotated[int, typer.Argument(help="The flag's id (see `kb contradictions`).")],
    status: Annotated[str, typer.Option("--status", help="confirmed, dismissed, needs-checking, open")],
    note: Annotated[str | None, typer.Option("--note")] = None,
    reviewer: Annotated[str | None, typer.Option("--reviewer")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Mark a flag confirmed, dismissed or needs-checking, with a note (kept across re-ingest)."""
    from kb import tracking
    from kb.store import Store

    done = tracking.review(Store(_db(db)), flag_id, status, note, reviewer or os.environ.get("USER"))
    if as_json:
        _print_json(done)
        return
    out.print(f"flag {flag_id}: {status}" + (f" ({note})" if note else ""), highlight=False)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="bibtex, ris, csl-json, csv, claimreview")] = "bibtex",
    query: Annotated[str | None, typer.Option("--query", "-q", help="Claims matching this search.")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Claims by or about this person/organisation.")] = None,
    claim_ids: Annotated[list[int] | None, typer.Option("--claim-id", help="A claim id (repeatable).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many claims (query/entity).")] = 50,
    out_path: Annotated[Path | None, typer.Option("--out", help="Write here instead of standard output.")] = None,
    db: DbOpt = None,
) -> None:
    """Citations of claims with provenance (outlet, authors, dates, URL, quote, speaker,
    span, SHA-256s, archived WARC record) as BibTeX, RIS, CSL-JSON, CSV or ClaimReview."""
    from kb import export
    from kb.errors import BadInput
    from kb.query import Filters, list_claims
    from kb.store import Store

    if fmt not in export.FORMATS:
        raise BadInput(f"unknown format {fmt!r}: choose from {', '.join(export.FORMATS)}")
    ids: list[int] = list(claim_ids or [])
    if query:
        from kb.search import search as run_search

        ids += [h.claim_id for h in run_search(query, _db(db), limit, Filters(entity=entity))]
    elif entity:
        with Store(_db(db)).read() as con:
            ids += [h.claim_id for h in list_claims(con, Filters(entity=entity), limit)]
    if not ids:
        raise BadInput("say which claims: --query, --entity or --claim-id")
    with Store(_db(db)).read() as con:
        cits = export.citations(con, list(dict.fromkeys(ids)))
    export.write(export.render(cits, fmt), out_path)
    if out_path:
        err.print(f"wrote {len(cits)} citation{'s' if len(cits) != 1 else ''} to {out_path}", highlight=False)


@bench_app.command("paraphrase")
def bench_paraphrase(
    mrpc: Annotated[Path | None, typer.Option(help="MRPC-format TSV (Quality, #1 ID, #2 ID, #1 String, #2 String).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The "same claim" threshold on MRPC: accuracy/F1 vs the all-paraphrase baseline."""
    from kb import bench

    rows = bench.bench_paraphrase(mrpc or bench.MRPC_TRAIN)
    if as_json:
        _print_json(rows)
        return
    out.print(_bench_table("same claim (MRPC train; paraphrase class)", rows,
                           ["accuracy", "precision", "recall", "f1", "pairs"]))


# -- kb nightly (issue 6: unattended crawl -> ingest -> report) -------------------------------
@app.command()
def nightly(
    sources: Annotated[Path, typer.Option(help="Sources file.")] = Path("data/sources.toml"),
    warc_dir: Annotated[Path, typer.Option(help="Where WARC files and the crawl state go.")] = Path("data/warc"),
    reports: Annotated[Path, typer.Option(help="Where run reports (JSON) go.")] = Path("data/reports"),
    lock: Annotated[Path | None, typer.Option(help="Lock file (default: next to the WARC folder).")] = None,
    sample_site: Annotated[bool, typer.Option("--sample-site", help="Serve the bundled sample site and crawl it.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Crawl all sources (only new or changed pages), ingest, track, report. Exit 0 ok, 1 failed, 75 busy."""
    from kb.nightly import EXIT_BUSY, NightlyBusy, format_report
    from kb.nightly import nightly as run_nightly

    try:
        report = run_nightly(sources, warc_dir, _db(db), reports, lock=lock, sample_site=sample_site)
    except NightlyBusy as exc:
        err.print(str(exc), highlight=False)
        raise typer.Exit(EXIT_BUSY) from None
    if as_json:
        _print_json(report)
    else:
        out.print(format_report(report), highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(report["exit_code"])


def main() -> None:
    logging.basicConfig(level=os.environ.get("KB_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except KBError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(1)
    finally:
        # the command has finished (or was stopped and said so): a stop signal arriving during
        # the slow interpreter shutdown (torch, spaCy) must not turn its exit status into -15
        import signal

        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    main()
