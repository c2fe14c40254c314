"""Read connections kept open between reads, that step aside for writers.

Opening a DuckDB file and closing it again costs 14-60 ms at 1M claims (the close frees the
database instance): more than a whole search. So a process keeps one read-only instance per
database file and gives each read its own cursor (0.2 ms; cursors of one instance may be used
from several threads at once, as the app's sessions do).

DuckDB's file lock is per process: while the kept instance is open, no other process can
write. A writer that finds the file locked therefore leaves a flag file next to it
(``kb.duckdb.write-wanted``, its pid inside, touched on every retry) and keeps retrying; a
process holding a kept instance looks for the flag 20 times a second and closes the instance
as soon as no read is using it. While the flag is fresh, new reads wait for the writer (up
to ``DEFER_S``) and then use a short-lived connection, as every read did before. A flag
left by a killed writer goes stale after ``STALE_S`` and is ignored.

Inside one process, DuckDB refuses a read-write instance of a file while a read-only one is
open: a writer in this process closes the kept instance first (waiting for reads in
flight), and reads in this process wait while it writes. A file replaced under the same path
(another inode) is noticed on the next read; an instance idle for ``IDLE_S`` is closed to
give its memory back.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

POLL_S = 0.05  # how often a process with a kept instance looks for a writer's flag
DEFER_S = 2.0  # how long a new read waits for a waiting writer before it competes for the file
STALE_S = 5.0  # a flag not touched for this long was left by a writer that is gone
IDLE_S = 120.0  # a kept instance unused this long is closed

_COND = threading.Condition()
_KEPT: dict[str, _Kept] = {}
_WRITING: dict[str, int] = {}  # database -> writes in progress in this process
_WATCHER: threading.Thread | None = None


@dataclass
class _Kept:
    con: duckdb.DuckDBPyConnection
    inode: tuple[int, int] | None  # None: the file was gone when it was opened
    users: int = 0
    last_used: float = field(default_factory=time.monotonic)


def _key(db: Path) -> str:
    return str(Path(db).resolve())


def flag_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".write-wanted")


def _inode(db: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(db)
    except OSError:
        return None
    return st.st_dev, st.st_ino


# -- the writer's side ---------------------------------------------------------------------
def want_write(db: Path) -> None:
    """Ask the processes keeping ``db`` open to let go (called by a writer that found it locked)."""
    with contextlib.suppress(OSError):  # a read-only directory: the writer just waits, as before
        flag_path(db).write_text(str(os.getpid()))


def wrote(db: Path) -> None:
    """The writer has the file (or gave up): withdraw its flag if it is still its own."""
    flag = flag_path(db)
    with contextlib.suppress(OSError, ValueError):
        if int(flag.read_text() or 0) == os.getpid():
            flag.unlink()


def writer_waiting(db: Path) -> bool:
    try:
        return time.time() - flag_path(db).stat().st_mtime < STALE_S
    except OSError:
        return False


@contextlib.contextmanager
def writing(db: Path, timeout: float = 30.0) -> Iterator[None]:
    """Around a write in this process: close this process's kept instance of ``db`` (after
    the reads using it finish, at most ``timeout`` s) and hold new reads until the write ends."""
    key = _key(db)
    with _COND:
        _WRITING[key] = _WRITING.get(key, 0) + 1
        kept = _KEPT.get(key)
        if kept is not None:
            _COND.wait_for(lambda: kept.users == 0, timeout=timeout)
            _close(key)
    try:
        yield
    finally:
        with _COND:
            _WRITING[key] -= 1
            if not _WRITING[key]:
                del _WRITING[key]
            _COND.notify_all()


# -- the reader's side ---------------------------------------------------------------------
@contextlib.contextmanager
def reading(
    db: Path, connect: Callable[[], duckdb.DuckDBPyConnection], timeout: float = 30.0, keep: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read of ``db``: a cursor of this process's kept instance, or (while a writer waits,
    or with ``keep=False``) a short-lived connection from ``connect``."""
    key = _key(db)
    deadline = time.monotonic() + DEFER_S
    while keep and writer_waiting(db) and time.monotonic() < deadline:
        time.sleep(POLL_S / 2)
    with _COND:
        _COND.wait_for(lambda: key not in _WRITING, timeout=timeout)
        inode, waiting = _inode(db), writer_waiting(db)
        kept = _KEPT.get(key)
        if kept is not None and (kept.inode != inode or waiting) and not kept.users:
            _close(key)
            kept = None
        if keep and not waiting:
            if kept is None:  # a failed connect raises: nothing is kept
                kept = _KEPT[key] = _Kept(connect(), inode)
                _start_watcher()
            if kept.inode == inode:
                kept.users += 1
                cursor = kept.con.cursor()
            else:  # the file was replaced while reads of the old one are in flight
                kept = None
        else:
            kept = None
    if kept is None:
        con = connect()
        try:
            yield con
        finally:
            con.close()
        return
    try:
        yield cursor
    finally:
        with contextlib.suppress(duckdb.Error):
            cursor.close()
        with _COND:
            kept.users -= 1
            kept.last_used = time.monotonic()
            _COND.notify_all()


def _close(key: str) -> None:
    kept = _KEPT.pop(key, None)
    if kept is not None:
        with contextlib.suppress(duckdb.Error):
            kept.con.close()


def close_all() -> None:
    with _COND:
        for key in list(_KEPT):
            _close(key)


def _watch() -> None:
    global _WATCHER
    while True:
        time.sleep(POLL_S)
        with _COND:
            now = time.monotonic()
            for key, kept in list(_KEPT.items()):
                if kept.users:
                    continue
                db = Path(key)
                if writer_waiting(db) or now - kept.last_used > IDLE_S or kept.inode != _inode(db):
                    _close(key)
            if not _KEPT:
                _WATCHER = None
                return


def _start_watcher() -> None:
    global _WATCHER
    if _WATCHER is None:
        _WATCHER = threading.Thread(target=_watch, name="kb-readpool", daemon=True)
        _WATCHER.start()


atexit.register(close_all)
