"""Building the knowledge base: ``kb ingest``, ``kb extract``, ``kb track``, ``kb repair-indexes``."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from kb.cli._app import DbOpt, JsonOpt, app, err, open_kb, out, print_json
from kb.config import IngestSettings
from kb.errors import BadInput, Skip


@app.command("ingest")
def ingest_cli(
    paths: Annotated[list[Path], typer.Argument(help="WARC files or folders.")],
    db: DbOpt = None,
    batch_size: Annotated[int, typer.Option(help="Captures per write transaction.")] = IngestSettings().batch_size,
    as_json: JsonOpt = False,
) -> None:
    """WARC -> main text -> claims, entities, figures, embeddings -> DuckDB (idempotent).
    SIGTERM / SIGINT roll back the batch in progress and exit 143 / 130; re-run to finish."""
    from kb.ops.interrupt import Interrupted, stop_on_signals

    kb = open_kb(db)
    kb.settings = replace(kb.settings, ingest=replace(kb.settings.ingest, batch_size=batch_size))
    try:
        with stop_on_signals("ingest"):
            if as_json:
                report = kb.ingest(paths)
                print_json(report.as_dict())
                return
            with err.status("ingesting ...") as status:
                report = kb.ingest(
                    paths,
                    on_batch=lambda r: status.update(
                        f"ingesting: {r.counters['records']} records, {r.counters.get('claims', 0)} claims"
                    ),
                )
    except Interrupted as exc:
        err.print(f"[red]stopped[/red] {exc}", highlight=False)
        raise typer.Exit(exc.exit_code) from None
    t = Table(title=f"ingest {report.run_id} ({report.seconds:.1f}s)", show_header=False)
    for key, value in sorted(report.counters.items()):
        t.add_row(key, str(value))
    out.print(t)


@app.command("extract")
def extract_cli(
    file: Annotated[Path, typer.Argument(help="A saved HTML page.")],
    url: Annotated[str | None, typer.Option("--url", help="The page's URL (for relative links).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Main text and metadata of one saved page (exit 3 if it is not an article)."""
    from kb.api import extract_page

    if not file.is_file():
        raise BadInput(f"{file} does not exist")
    try:
        ex = extract_page(file.read_bytes(), url or file.resolve().as_uri())
    except Skip as skip:
        if as_json:
            print_json({"skipped": skip.reason, "detail": skip.detail})
        else:
            out.print(f"not an article: {skip.reason} {skip.detail}", markup=False, highlight=False)
        raise typer.Exit(3) from None
    fields = dict(vars(ex))
    if as_json:
        print_json(fields)
        return
    for k, v in fields.items():
        if k != "text":
            out.print(f"[bold]{k}[/bold]: {escape(str(v))}")
    out.print()
    out.print(ex.text, markup=False, highlight=False)


@app.command("track")
def track_cli(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Recompute every cluster and flag (reviews are kept).")
    ] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Cluster untracked claims and flag contradictions (ingest runs this itself)."""
    report = open_kb(db).track(rebuild=rebuild)
    if as_json:
        print_json(report.as_dict())
        return
    out.print(" · ".join(f"{k} {v}" for k, v in report.as_dict().items()))


@app.command("repair-indexes")
def repair_indexes_cli(db: DbOpt = None) -> None:
    """Re-create the database's secondary indexes (for a file written before the fix for
    DuckDB 1.5.5 losing index entries after a killed write: see docs/operations.md)."""
    t0 = time.perf_counter()
    names = open_kb(db).repair_indexes()
    out.print(f"re-created {len(names)} indexes ({', '.join(names)}) in {time.perf_counter() - t0:.1f}s")
