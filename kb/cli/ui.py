"""The app: ``kb ui``, and ``kb demo`` (what ``make run`` runs)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from kb.cli._app import DbOpt, app, err, open_kb, out
from kb.errors import BadInput


@app.command("ui")
def ui_cli(
    port: Annotated[int, typer.Option()] = 8501,
    db: DbOpt = None,
    team: Annotated[
        bool,
        typer.Option(
            "--team",
            envvar="KB_TEAM",
            help="Team mode, behind an authenticating proxy: the reviewer is the user it names in "
            "--user-header; reviews without one are refused (docs/operations.md, 'Team deployment').",
        ),
    ] = False,
    address: Annotated[
        str | None, typer.Option("--address", help="Listen on this address (team mode only; default 127.0.0.1).")
    ] = None,
    allowed_hosts: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A host name browsers reach the app by (repeatable; default the address, and localhost on "
            "127.0.0.1). Other Host headers are refused.",
        ),
    ] = None,
    user_header: Annotated[
        str | None,
        typer.Option(
            "--user-header",
            help="The header the proxy names the signed-in user in (team mode; default X-Forwarded-User).",
        ),
    ] = None,
) -> None:
    """Start the Streamlit app: on 127.0.0.1 for one person, or with --team behind a proxy."""
    from kb.ops.webapp import LOOPBACK, USER_HEADER, check_port, streamlit_command

    if not team and (address is not None or user_header is not None):
        flag = "--address" if address is not None else "--user-header"
        message = BadInput(f"{flag} is for team mode: add --team (docs/operations.md, 'Team deployment')")
        raise typer.BadParameter(str(message), param_hint=flag)
    check_port(port, address or LOOPBACK)
    argv, env = streamlit_command(
        open_kb(db).db,
        port,
        address=address or LOOPBACK,
        team=team,
        user_header=user_header or USER_HEADER,
        hosts=allowed_hosts or (),
    )
    os.execvpe(argv[0], argv, env)


@app.command("demo")
def demo_cli(
    port: Annotated[int, typer.Option(help="Port for the sample site server.")] = 8700,
    ui_port: Annotated[int, typer.Option("--ui-port", help="Port for the app (make run PORT=...).")] = 8501,
    warc_dir: Annotated[Path, typer.Option("--warc-dir")] = Path("data/warc"),
    no_ui: Annotated[bool, typer.Option("--no-ui", help="Stop after ingesting.")] = False,
    db: DbOpt = None,
) -> None:
    """The main job on the bundled site: serve it, crawl it, crawl it again after one of its
    outlets edited an article, ingest it all, open the UI."""
    from kb.ops.crawl import crawl_sample_site
    from kb.ops.webapp import check_port

    kb = open_kb(db)
    if not no_ui:
        check_port(ui_port)  # before minutes of crawling and ingesting, not after
    s = kb.settings
    out.print(f"[bold]1/4[/bold] crawling the sample site, served on 127.0.0.1:{port} (the crawler's HTTP proxy)")
    summary = crawl_sample_site(s.sample_site, s.sample_sources, warc_dir, port=port)
    kb.record_crawl(summary)
    out.print(
        f"[bold]2/4[/bold] crawl: fetched {summary.get('fetched')}, skipped by robots {summary.get('skipped_robots')}, "
        f"failed {summary.get('failed')}, {summary.get('bytes')} bytes in {summary.get('duration_s')}s"
    )
    # an outlet edits an article after the first crawl (data/sample_site_demo/edits.toml): the
    # re-crawl fetches only what changed, and ingest stores the article's new version, which
    # is what the Edited articles page and `kb history` show
    again = crawl_sample_site(s.sample_site, s.sample_sources, warc_dir, port=port, quiet=True, edits=s.sample_edits)
    kb.record_crawl(again)
    out.print(
        f"[bold]3/4[/bold] re-crawl after an outlet edited an article: fetched {again.get('fetched')} pages, "
        f"{again.get('articles')} article{'' if again.get('articles') == 1 else 's'} changed, {again.get('duration_s')}s"
    )
    with err.status("ingesting ..."):
        report = kb.ingest([warc_dir])
    c = report.counters
    out.print(
        f"[bold]4/4[/bold] ingest: {c.get('articles', 0)} articles, {c.get('claims', 0)} claims, "
        f"{c.get('duplicates', 0)} duplicates, {sum(v for k, v in c.items() if k.startswith('skipped/'))} skipped "
        f"({report.seconds:.1f}s)"
    )
    flags = report.stats.under("tracking/flags")
    out.print(
        f"    tracking: {c.get('tracking/claims_joined_cluster', 0)} claims joined a claim from another source, "
        f"{c.get('tracking/near_duplicate_articles', 0)} near-duplicate articles, flags: "
        + (", ".join(f"{k} {v}" for k, v in sorted(flags.items())) or "none")
        + "  (kb contradictions, kb clusters)"
    )
    if c.get("history/versions_diffed"):
        out.print(
            f"    edits: {c['history/versions_diffed']} article(s) changed since their last capture: claims changed "
            f"{c.get('history/claims_changed', 0)}, added {c.get('history/claims_added', 0)}, removed "
            f"{c.get('history/claims_removed', 0)}  (Edited articles, kb history)"
        )
    if not no_ui:
        out.print(f"UI: http://127.0.0.1:{ui_port}  (Ctrl-C to stop)")
        ui_cli(port=ui_port, db=kb.db, team=False, address=None, allowed_hosts=None, user_header=None)
