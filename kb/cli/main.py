"""``kb``: the command line. One module per command group (``search``, ``ingest``,
``tracking``, ``export``, ``crawl``, ``ui``, ``train``), each a thin Typer wrapper over
:mod:`kb.api` and a plain function that presents the result. Errors from kb become one
line with their code and exit status 1 (2 for bad usage).

The command names and flags are a contract other tools script against.
"""

from __future__ import annotations

import logging
import os
import signal
import sys

from rich.markup import escape

from kb.cli import crawl, export, ingest, search, tracking, train, ui  # noqa: F401  (importing registers the commands)
from kb.cli._app import app, err
from kb.errors import KBError

__all__ = ["app", "main"]


def main() -> None:
    logging.basicConfig(level=os.environ.get("KB_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except KBError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    finally:
        # the command has finished (or was stopped and said so): a stop signal arriving during
        # the slow interpreter shutdown (torch, spaCy) must not turn its exit status into -15
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
