"""The Typer app every command module registers on, and what the commands share: the
``--db``/``--json``/``--limit`` options, the knowledge base they open, JSON lines, consoles,
dates, and the note on stderr of what a slow step waits for."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from kb.api import MAX_LIMIT

if TYPE_CHECKING:
    from kb.api import KB

app = typer.Typer(add_completion=False, no_args_is_help=True, help="News and claims knowledge base.")
out = Console()
err = Console(stderr=True)

DbOpt = Annotated[Path | None, typer.Option("--db", help="DuckDB file (default data/kb.duckdb or $KB_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]


def limit_option(help: str = "At most this many.") -> Any:
    """``--limit``/``-n``: a count from 1 to the facade's cap, checked as a usage error
    before any work (a negative one once reached SQL as ``LIMIT -5``)."""
    return typer.Option("--limit", "-n", min=1, max=MAX_LIMIT, help=help)


def open_kb(db: Path | None) -> KB:
    """The knowledge base a command works on: settings from the environment (``KB_*``),
    ``--db`` over ``$KB_DB``. Resolved once per command, passed down from here."""
    from kb.api import KB
    from kb.config import Settings

    return KB(Settings.from_env(), db=db)


def _jsonable(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    return str(v)


def print_json(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, default=_jsonable, ensure_ascii=False) + "\n")


def parse_date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name) from exc


@contextmanager
def waiting(what: str) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr saying what a slow step waits for (``what``, then whatever the
    yielded function is given), only when stderr is a terminal, as git shows progress: a
    script's stderr stays quiet and stdout is never touched."""
    if not err.is_terminal:
        yield lambda _: None
        return
    with err.status(f"{what}…") as status:
        yield lambda text: status.update(f"{text}…")
