"""Citations: ``kb export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kb.api import EXPORT_FORMATS, Filters
from kb.cli._app import DbOpt, app, err, limit_option, open_kb
from kb.cli.search import check_query, run_search
from kb.errors import BadInput


@app.command("export")
def export_cli(
    fmt: Annotated[str, typer.Option("--format", "-f", help="bibtex, ris, csl-json, csv, claimreview")] = "bibtex",
    query: Annotated[str | None, typer.Option("--query", "-q", help="Claims matching this search.")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Claims by or about this person/organisation.")] = None,
    claim_ids: Annotated[list[int] | None, typer.Option("--claim-id", help="A claim id (repeatable).")] = None,
    limit: Annotated[int, limit_option("At most this many claims (query/entity).")] = 50,
    out_path: Annotated[Path | None, typer.Option("--out", help="Write here instead of standard output.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --out file if it exists.")] = False,
    db: DbOpt = None,
) -> None:
    """Citations of claims with provenance (outlet, authors, dates, URL, quote, speaker,
    span, SHA-256s, archived WARC record) as BibTeX, RIS, CSL-JSON, CSV or ClaimReview."""
    if fmt not in EXPORT_FORMATS:
        raise BadInput(f"unknown format {fmt!r}: choose from {', '.join(EXPORT_FORMATS)}")
    if out_path is not None:
        _check_out(out_path, force)  # before any work: a refusal changes nothing
    if query is None and entity is None and not claim_ids:
        raise BadInput("say which claims: --query, --entity or --claim-id")
    kb = open_kb(db)
    if query is not None:
        check_query(kb, query, "--query")
    if entity is not None:
        kb.check_entity(entity)
    ids: list[int] = list(claim_ids or [])
    if query is not None:
        ids += [h.claim_id for h in run_search(kb, query, Filters(entity=entity), limit)]
    elif entity is not None:
        ids += [h.claim_id for h in kb.claims(Filters(entity=entity), limit)]
    if not ids:
        raise BadInput("no claims match --query/--entity: nothing to export")
    text, n = kb.export(list(dict.fromkeys(ids)), fmt)
    if out_path is None:
        typer.echo(text, nl=False)
        return
    _write(out_path, text, force)
    err.print(f"wrote {n} citation{'s' if n != 1 else ''} to {out_path}", highlight=False, markup=False)


def _check_out(path: Path, force: bool) -> None:
    if path.is_dir():
        raise BadInput(f"--out {path} is a directory: give a file name in it")
    if not force and (path.exists() or path.is_symlink()):
        raise BadInput(f"--out {path} exists: pass --force to overwrite it, or choose another file")


def _write(path: Path, text: str, force: bool) -> None:
    """``text`` into ``path``; without ``force`` the file must not exist when it is created
    (O_EXCL), so a file that appeared since the check is not overwritten either."""
    _check_out(path, force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"cannot write --out {path}: {exc.strerror or exc} ({path.parent})") from None
    try:
        with path.open("w" if force else "x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        raise BadInput(f"--out {path} exists: pass --force to overwrite it, or choose another file") from None
    except OSError as exc:
        raise BadInput(f"cannot write --out {path}: {exc.strerror or exc}") from None
