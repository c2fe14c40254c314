"""Crawling: ``kb crawl``, ``kb nightly``, ``kb serve-sample``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from kb.cli._app import DbOpt, JsonOpt, app, err, open_kb, out, print_json
from kb.config import Settings
from kb.errors import BadInput, CrawlFailed, KBError

DEFAULT_SOURCES = Path("data/sources.toml")


@app.command("crawl")
def crawl_cli(
    sources: Annotated[Path | None, typer.Option("--sources", help="Sources file (TOML).")] = None,
    url: Annotated[list[str] | None, typer.Option("--url", help="Extra article URL (repeatable).")] = None,
    warc_dir: Annotated[Path, typer.Option("--warc-dir", help="Where WARC files go.")] = Path("data/warc"),
    proxy: Annotated[str | None, typer.Option("--proxy", help="HTTP proxy, e.g. the sample site server.")] = None,
    setting: Annotated[list[str] | None, typer.Option("--set", "-s", help="Scrapy setting NAME=VALUE.")] = None,
    sample_site: Annotated[
        bool, typer.Option("--sample-site", help="Serve the bundled sample site on 127.0.0.1 and crawl through it.")
    ] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Crawl the sources politely into WARC files; store the run summary. Exit 0 when
    something was fetched (a source that fetched nothing is a warning naming it), 1 when
    nothing was, 2 when the sources file is missing or malformed (nothing started)."""
    from kb.ops.crawl import crawl, crawl_problems, crawl_sample_site

    kb = open_kb(db)
    extra = dict(s.split("=", 1) for s in (setting or []) if "=" in s)
    try:
        if sample_site:
            summary = crawl_sample_site(kb.settings.sample_site, sources or kb.settings.sample_sources, warc_dir, extra)
        else:
            summary = crawl(
                sources or (None if url else DEFAULT_SOURCES), url or [], warc_dir, proxy=proxy, settings=extra
            )
    except BadInput as exc:  # the sources file or the arguments: checked before the crawl starts
        usage_error(exc)
    kb.record_crawl(summary)
    warnings, failure = crawl_problems(summary)
    if as_json:
        print_json(summary)
    else:
        summary_table(summary)
    for warning in warnings:
        err.print(f"[yellow]warning[/yellow] {escape(warning)}", highlight=False, soft_wrap=True)
    if failure:
        raise CrawlFailed(failure)


def usage_error(exc: KBError) -> NoReturn:
    """A bad sources file or argument: one line with its code, exit status 2 (as Typer's
    own usage errors), never a traceback."""
    err.print(f"[red]error[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def summary_table(summary: dict[str, Any]) -> None:
    """The crawl's run summary as a table, failures and refusals by reason."""
    t = Table(title=f"crawl {summary.get('run_id')}", show_header=False)
    for key in (
        "fetched",
        "articles",
        "skipped_robots",
        "failed",
        "http_errors",
        "bytes",
        "duration_s",
        "finish_reason",
    ):
        t.add_row(key, str(summary.get(key)))
    for reason, n in (summary.get("failed_by_reason") or {}).items():
        t.add_row(f"  failed: {reason}", str(n))
    for reason, n in (summary.get("refused_by_reason") or {}).items():
        t.add_row(f"  refused: {reason}", str(n))
    out.print(t)
    out.print(f"WARC files: {', '.join(summary.get('warc_files', [])) or 'none'}", markup=False)


def nightly_report(r: dict[str, Any]) -> list[str]:
    """The run report as the lines an operator reads (rich markup; crawled text escaped)."""
    c, i = r.get("crawl", {}), r.get("ingest", {})
    colour = {"ok": "green", "failed": "red"}.get(r["status"], "yellow")
    lines = [
        f"[bold]{escape(r['run_id'])}[/bold]: [{colour}]{r['status']}[/{colour}] in {r['duration_s']}s "
        f"(exit {r['exit_code']})"
    ]
    if c:
        lines.append(
            f"  crawl  fetched {c['fetched']}, new captures {c['new_captures']}, revisits "
            f"{sum(c['revisits'].values())} {escape(str(c['revisits'] or ''))}, already captured (not fetched) "
            f"{c['skipped_already_captured']}, conditional requests {c['conditional_requests']}"
        )
        lines.append(
            f"         robots.txt refused {c['skipped_robots']} (hosts with robots unreachable: "
            f"{c['robots_unreachable_hosts']}), failed {c['failed']} {escape(str(c['failed_by_reason'] or ''))}, "
            f"http errors {c['http_errors']}, capped {escape(str(c['capped'] or 0))}, {c['bytes']} bytes in "
            f"{c['duration_s']}s"
        )
        lines.append(
            f"         Retry-After {escape(str(c.get('retry_after') or 0))}, sitemaps from robots.txt "
            f"{c.get('robots_sitemaps', 0)} (off-site refused {c.get('robots_sitemaps_offsite', 0)})"
        )
        if c.get("refused"):
            lines.append(
                f"         refused to fetch {c['refused']} {escape(str(c.get('refused_by_reason') or ''))} "
                "(out of the source's scope, or a private address: docs/operations.md)"
            )
        for b in (c.get("backed_off_hosts") or {}).values():
            lines.append(
                f"         backing us off: {escape(str(b['why']))}; left alone for this run ({b['not_requested']} "
                "URLs not requested, listed in the report), asked again next run"
            )
    if i:
        keys = ("records", "already_ingested", "articles", "new_versions", "claims", "duplicates")
        lines.append(
            "  ingest "
            + ", ".join(f"{k.replace('_', ' ')} {i.get(k, 0)}" for k in keys)
            + f" ({i.get('seconds')}s); tracking: "
            + ", ".join(f"{k.split('/', 1)[1]} {v}" for k, v in i.items() if k.startswith("tracking/"))
        )
    if i and i.get("history/versions_diffed"):
        lines.append(
            f"  edits  {i['history/versions_diffed']} article(s) changed since their last capture: claims "
            f"changed {i.get('history/claims_changed', 0)}, added {i.get('history/claims_added', 0)}, "
            f"removed {i.get('history/claims_removed', 0)} (kb history)"
        )
    lines += [f"  [yellow]WARNING[/yellow] {escape(w)}" for w in r.get("warnings", [])]
    lines += [f"  [red]ERROR[/red] {escape(e)}" for e in r["errors"]]
    lines.append(f"  report: {escape(str(r.get('report_path')))}")
    return lines


def render_nightly_report(r: dict[str, Any], width: int = 200) -> str:
    """The report as plain text, as a terminal shows it."""
    from io import StringIO

    from rich.console import Console

    buf = StringIO()
    console = Console(file=buf, width=width, color_system=None)
    for line in nightly_report(r):
        console.print(line, highlight=False, soft_wrap=True)
    return buf.getvalue()


@app.command("nightly")
def nightly_cli(
    sources: Annotated[
        Path | None, typer.Option(help="Sources file (default data/sources.toml; with --sample-site, the bundled one).")
    ] = None,
    warc_dir: Annotated[Path, typer.Option(help="Where WARC files and the crawl state go.")] = Path("data/warc"),
    reports: Annotated[Path, typer.Option(help="Where run reports (JSON) go.")] = Path("data/reports"),
    lock: Annotated[Path | None, typer.Option(help="Lock file (default: next to the WARC folder).")] = None,
    sample_site: Annotated[
        bool, typer.Option("--sample-site", help="Serve the bundled sample site and crawl it.")
    ] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Crawl all sources (only new or changed pages), ingest, track, report. Exit 0 ok, 1 failed
    (nothing fetched among others), 2 bad sources file (nothing ran), 75 busy."""
    from kb.ops.crawl import check_sources
    from kb.ops.nightly import EXIT_BUSY, NightlyBusy, nightly

    kb = open_kb(db)
    sources = sources or (kb.settings.sample_sources if sample_site else DEFAULT_SOURCES)
    try:
        check_sources(sources)
    except BadInput as exc:
        usage_error(exc)
    try:
        report = nightly(
            sources,
            warc_dir,
            kb.db,
            reports,
            lock=lock,
            sample_site=kb.settings.sample_site if sample_site else None,
            settings=kb.settings,
        )
    except NightlyBusy as exc:
        err.print(str(exc), highlight=False, markup=False)
        raise typer.Exit(EXIT_BUSY) from None
    if as_json:
        print_json(report)
    else:
        for line in nightly_report(report):
            out.print(line, highlight=False, soft_wrap=True)
    raise typer.Exit(report["exit_code"])


@app.command("serve-sample")
def serve_sample_cli(
    root: Annotated[Path | None, typer.Option(help="The sample site folder (default: the bundled one).")] = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8700,
) -> None:
    """Serve the bundled sample news site on 127.0.0.1 (also usable as an HTTP proxy)."""
    from kb.ops import sample_site

    sample_site.main(["--root", str(root or Settings.from_env().sample_site), "--port", str(port)])
