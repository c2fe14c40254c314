"""Citations: ``kb export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kb.api import EXPORT_FORMATS, Filters
from kb.cli._app import DbOpt, app, err, open_kb
from kb.errors import BadInput


@app.command("export")
def export_cli(
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
    if fmt not in EXPORT_FORMATS:
        raise BadInput(f"unknown format {fmt!r}: choose from {', '.join(EXPORT_FORMATS)}")
    kb = open_kb(db)
    ids: list[int] = list(claim_ids or [])
    if query:
        ids += [h.claim_id for h in kb.search(query, Filters(entity=entity), limit)]
    elif entity:
        ids += [h.claim_id for h in kb.claims(Filters(entity=entity), limit)]
    if not ids:
        raise BadInput("say which claims: --query, --entity or --claim-id")
    text, n = kb.export(list(dict.fromkeys(ids)), fmt)
    if out_path is None:
        typer.echo(text, nl=False)
        return
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    err.print(f"wrote {n} citation{'s' if n != 1 else ''} to {out_path}", highlight=False, markup=False)
