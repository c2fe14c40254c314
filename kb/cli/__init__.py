"""The ``kb`` command line (:mod:`kb.cli.main`)."""

from kb.cli.main import app, main

__all__ = ["app", "main"]
