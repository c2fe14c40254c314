"""The DuckDB file: connections, migrations, extensions, repair.

DuckDB allows one writer per file and a writer blocks every other process, readers
included. So a writer holds the file only for one transaction (:meth:`Store.write`), and
readers take a cursor of the instance this process keeps open, which steps aside the moment
a writer asks (:mod:`kb.store.readpool`). Every change to the data happens inside
:meth:`Store.write`: ingest batches (:mod:`kb.store.writer`), fact tracking and article
diffs (:mod:`kb.tracking`), reviews. :meth:`Store.read` connections are read-only: DuckDB
refuses a write through them.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from kb import __version__
from kb.errors import DatabaseLocked, DatabaseMissing, ExtensionMissing, ForeignDatabase, NotADatabase, SchemaTooNew
from kb.store import readpool

log = logging.getLogger(__name__)

_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None) -> Any:
    """The single value a query returns (an aggregate, a count)."""
    row = con.execute(sql, params).fetchone() if params is not None else con.execute(sql).fetchone()
    if row is None:
        raise ValueError(f"no row from: {sql}")
    return row[0]


def _migrations() -> list[tuple[int, str]]:
    files = resources.files("kb.store.migrations")
    out = []
    for f in files.iterdir():
        if f.name.endswith(".sql") and f.name[:3].isdigit():
            out.append((int(f.name[:3]), f.read_text(encoding="utf-8")))
    return sorted(out)


SCHEMA_VERSION = max(v for v, _ in _migrations())


def extension_path(name: str) -> Path:
    """The extension file shipped inside ``duckdb-extension-<name>`` (pinned to duckdb)."""
    try:
        mod = __import__(f"duckdb_extension_{name}")
    except ImportError as exc:
        raise ExtensionMissing(
            f"duckdb-extension-{name}=={duckdb.__version__} is not installed: run `make install`"
        ) from exc
    root = Path(mod.__file__ or name).parent
    path = root / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.exists():
        found = sorted(root.rglob(f"{name}.duckdb_extension"))
        if not found:
            raise ExtensionMissing(f"no {name}.duckdb_extension for duckdb {duckdb.__version__} in {root}")
        path = found[0]
    return path


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load an extension from its pinned package, offline (no INSTALL from the network)."""
    con.execute(f"LOAD '{extension_path(name)}'")  # path comes from our own package, not input


_DUCKDB_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file
_SQLITE_MAGIC = b"SQLite format 3\x00"
_USE = "give --db a kb database or the name of a new file"


def _check_file(path: Path) -> bool:
    """Refuse, before DuckDB touches it, a path that is not a DuckDB database file: a folder,
    a text or SQLite file. Returns whether the file is there but empty (zero bytes: made by
    ``touch`` or ``mktemp``, to become a new database)."""
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a DuckDB database: {_USE}")
    if not path.exists():
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise NotADatabase(f"{path} cannot be read ({exc.strerror}): check its permissions or {_USE}") from exc
    if not head:
        return True
    if head.startswith(_SQLITE_MAGIC):
        raise NotADatabase(f"{path} is an SQLite file, not a DuckDB database: {_USE}")
    if head[8:12] != _DUCKDB_MAGIC:
        raise NotADatabase(f"{path} is not a DuckDB database: {_USE}")
    return False


def _has_marker(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the file has our schema marker: ``schema_info`` (version, applied_at, kb_version)."""
    n = scalar(
        con,
        "SELECT count(*) FROM information_schema.columns WHERE table_catalog = current_database() "
        "AND table_schema = 'main' AND table_name = 'schema_info' "
        "AND column_name IN ('version', 'applied_at', 'kb_version')",
    )
    return bool(n == 3)


def _is_lock_error(exc: Exception) -> bool:
    msg = str(exc)
    return "Could not set lock" in msg or "Conflicting lock" in msg


def _retrying_connect(path: Path, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout
    delay = 0.05
    try:
        while True:
            try:
                return duckdb.connect(str(path), read_only=read_only, config=_CONFIG)
            except duckdb.IOException as exc:
                if not _is_lock_error(exc) or time.monotonic() > deadline:
                    if _is_lock_error(exc):
                        raise DatabaseLocked(
                            f"{path} is locked by another process for {timeout:.0f}s; try again when the ingest batch ends"
                        ) from exc
                    # a DuckDB file DuckDB itself refuses (another storage version, damaged)
                    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                    raise NotADatabase(f"{path} cannot be opened as a DuckDB database ({first}): {_USE}") from exc
                if not read_only:  # readers keeping the file open step aside (kb/store/readpool.py)
                    readpool.want_write(path)
                time.sleep(delay + random.uniform(0, delay))
                delay = min(delay * 2, 1.0)
    finally:
        if not read_only:
            readpool.wrote(path)


class Store:
    """One DuckDB file: :meth:`write` transactions and :meth:`read` connections."""

    def __init__(self, path: Path | str, lock_timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout

    # -- connections ------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction; the file is released when the block ends.

        A path that is not a DuckDB file (:class:`NotADatabase`) or another application's
        DuckDB file (:class:`ForeignDatabase`) is refused before anything is created or
        changed; a new path, a zero-byte file or an empty DuckDB file becomes a kb database."""
        empty = _check_file(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with readpool.writing(self.path, self.lock_timeout):
            if empty:
                with contextlib.suppress(FileNotFoundError):
                    if self.path.stat().st_size == 0:
                        self.path.unlink()  # DuckDB refuses a zero-byte file; it creates the file anew
            con = _retrying_connect(self.path, read_only=False, timeout=self.lock_timeout)
            try:
                self._refuse_foreign(con)
                if self.path.with_name(self.path.name + ".wal").exists():
                    # Left by a writer killed between COMMIT and close: its commits were just
                    # replayed from the WAL. DuckDB 1.5.5's checkpoint on close then drops their
                    # entries from the non-unique indexes (claims_article, articles_text_sha,
                    # articles_canonical), so later look-ups and DELETEs miss those rows; an
                    # explicit CHECKPOINT first binds the indexes and keeps them
                    # (tests/test_store_kill.py; duckdb/duckdb#23788, see also #25771, merged upstream).
                    con.execute("CHECKPOINT")
                self._migrate(con)
                con.execute("BEGIN TRANSACTION")
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            finally:
                con.close()

    @contextlib.contextmanager
    def read(self, keep: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection: a cursor of the instance this process keeps open between
        reads, which steps aside when another process wants to write (kb/store/readpool.py); or,
        with ``keep=False`` or while a writer waits, a short-lived connection (retrying while
        a writer holds the file)."""
        if not self.path.exists():
            raise DatabaseMissing(f"no database at {self.path}: run `kb ingest data/warc` (or `make run`) first")
        with readpool.reading(self.path, self._open_read, self.lock_timeout, keep) as con:
            yield con

    def _open_read(self) -> duckdb.DuckDBPyConnection:
        if _check_file(self.path):
            raise DatabaseMissing(f"{self.path} is empty: run `kb ingest data/warc` (or `make run`) first")
        con = _retrying_connect(self.path, read_only=True, timeout=self.lock_timeout)
        try:
            self._refuse_foreign(con)
            version = self.schema_version(con)
            if version > SCHEMA_VERSION:
                raise SchemaTooNew(
                    f"database was written by a newer kb (schema {version} > {SCHEMA_VERSION}): upgrade kb"
                )
            if 0 < version < SCHEMA_VERSION:
                # written by an older kb: migrate once (briefly as a writer), then read
                con.close()
                self.init()
                con = _retrying_connect(self.path, read_only=True, timeout=self.lock_timeout)
        except BaseException:
            con.close()
            raise
        return con

    @staticmethod
    def schema_version(con: duckdb.DuckDBPyConnection) -> int:
        """The kb schema the file holds: the highest version in our marker table
        ``schema_info`` (version, applied_at, kb_version); 0 without it."""
        if not _has_marker(con):
            return 0
        return scalar(con, "SELECT coalesce(max(version), 0) FROM schema_info")

    def _refuse_foreign(self, con: duckdb.DuckDBPyConnection) -> None:
        """Another application's DuckDB file: tables, but not our schema marker (an empty
        file, or one holding only the marker of a kb stopped before its first migration, is ours)."""
        if self.schema_version(con) > 0:
            return
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables "
                "WHERE table_catalog = current_database() ORDER BY 1"
            ).fetchall()
        ]
        if not tables or (tables == ["main.schema_info"] and _has_marker(con)):
            return
        names = ", ".join(t.removeprefix("main.") for t in tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise ForeignDatabase(
            f"{self.path} is another application's DuckDB database (tables {names}; no kb schema): "
            "kb will not add its tables to it; give --db a kb database or the name of a new file"
        )

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        version = self.schema_version(con)
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(f"database was written by a newer kb (schema {version} > {SCHEMA_VERSION}): upgrade kb")
        if version == SCHEMA_VERSION:
            return
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_info (version INTEGER, applied_at TIMESTAMPTZ, kb_version VARCHAR)"
        )
        for number, sql in _migrations():
            if number <= version:
                continue
            con.execute("BEGIN TRANSACTION")
            con.execute(sql)
            con.execute("INSERT INTO schema_info VALUES (?, ?, ?)", [number, datetime.now(UTC), __version__])
            con.execute("COMMIT")
            log.info("migrated %s to schema %d", self.path, number)

    def init(self) -> None:
        with self.write():
            pass

    # -- repair ----------------------------------------------------------------------------
    def rebuild_indexes(self) -> list[str]:
        """Drop and re-create every secondary index (``CREATE INDEX`` ones; primary keys and
        unique constraints are kept). For a database written before the WAL fix in
        :meth:`write`: DuckDB 1.5.5 could drop replayed rows from these indexes, so look-ups and
        DELETEs by ``article_id``, ``text_sha256`` or ``canonical_url`` missed them. Returns
        the indexes rebuilt. Names and definitions come from DuckDB's catalogue (our schema)."""
        with self.read(keep=False) as con:
            found = con.execute(
                "SELECT index_name, sql FROM duckdb_indexes() WHERE NOT is_primary AND NOT is_unique "
                "AND sql IS NOT NULL ORDER BY 1"
            ).fetchall()
        for name, sql in found:
            # one transaction each: DuckDB 1.5.5 aborts the process on a drop and re-create of
            # a damaged index in one transaction ("pure virtual method called")
            with self.write() as con:
                con.execute(f'DROP INDEX "{name}"')
            with self.write() as con:
                con.execute(sql)
        return [name for name, _ in found]
