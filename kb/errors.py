"""Domain errors. Each carries a stable code and says what to do; the CLI and UI only
format them (see STYLE.md: spaCy ``errors.py``)."""

from __future__ import annotations


class KBError(Exception):
    """Base class: ``code`` is stable, the message tells the user what to do."""

    code = "KB000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class DatabaseMissing(KBError):
    code = "KB001"


class DatabaseLocked(KBError):
    code = "KB002"


class SchemaTooNew(KBError):
    code = "KB003"


class ExtensionMissing(KBError):
    code = "KB004"


class ModelMissing(KBError):
    code = "KB005"


class NotADatabase(KBError):
    """``--db`` names something DuckDB cannot open as a database (a text or SQLite file, a folder)."""

    code = "KB006"


class ForeignDatabase(KBError):
    """``--db`` names another application's DuckDB file (tables, but not our schema marker)."""

    code = "KB007"


class BadInput(KBError):
    code = "KB010"


class CrawlFailed(KBError):
    code = "KB020"


class Skip(Exception):  # noqa: N818 - a verdict on a page, not an error of ours
    """A page that is not (usable as) an article: the extraction cascade's one exception,
    caught by ingest and counted. ``reason`` is a stable counter name."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
