"""Side indexes: files kept next to the database, each a cache of the claims table that a
new process reads instead of building again.

A side index is files plus a JSON metadata file that vouches for them: the settings it
was built with (its *signature*), the fingerprint of the table it was built from, and
what the files should look like. Files are written under a temporary name and renamed;
the metadata is removed first and written last, so a crash leaves no metadata and the
files are rebuilt, never trusted.

:class:`SideFile` is the one cycle every side index goes through, from this process's
cache, else its side file, else built: read -> verify -> catch up with the table ->
rebuild or re-save when it drifted too far. What differs between the indexes is given to
it as hooks (:class:`SideFile` fields).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import duckdb
import numpy as np

from kb.config import IndexSettings
from kb.search.index.common import LOCK, Fingerprint, db_key, disallowed_ids, register_cache

log = logging.getLogger(__name__)

FORMAT = 2  # bump when the side files change shape


def side(db: Path, suffix: str) -> Path:
    """The side file ``suffix`` of database ``db`` (``kb.duckdb`` -> ``kb.duckdb.bm25``)."""
    return db.with_name(db.name + suffix)


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """``write`` to a temporary name, synced, then renamed to ``path``: a reader sees the
    old file or the whole new one."""
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


class SideIndex(Protocol):
    """What the cycle reads and sets on an index."""

    fingerprint: Fingerprint  # the table state it answers for
    settings: IndexSettings
    ids: np.ndarray  # the claim ids it holds (its size, for rebuild_fraction)
    disallowed: np.ndarray  # claim ids the default filter hides, set at each load
    viewed: bool  # a read-only view of its files: cannot catch up, read a copy instead


IndexT = TypeVar("IndexT", bound=SideIndex)

Meta = dict[str, Any]


@dataclass(frozen=True)
class SideFile(Generic[IndexT]):
    """The load cycle of one kind of side index, and the hooks that make it that kind."""

    what: str  # named in log messages ("vector index")
    suffix: str  # its main file (or folder), named in log messages
    meta_suffix: str  # its metadata file
    signature: Callable[[IndexSettings], Meta]  # what the saved files must have been built with
    # the saved files, vouched for by metadata ``Meta`` whose signature matched: raises if any
    # is damaged or disagrees with the table; ``view``: map them read-only, if it can
    open_files: Callable[[duckdb.DuckDBPyConnection, Path, Meta, IndexSettings, bool], IndexT]
    build: Callable[[duckdb.DuckDBPyConnection, Fingerprint, IndexSettings], IndexT]
    save: Callable[[Path, IndexT], None]  # never raises: an index it cannot save stays in memory
    # brings the index in line with the table (at the given fingerprint); returns how many claims changed
    catch_up: Callable[[duckdb.DuckDBPyConnection, IndexT, Fingerprint], int]
    # past IndexSettings.rebuild_fraction changed claims: build again (True), or save the
    # caught-up index so that the next process need not catch up as far (False)
    rebuild_when_drifted: bool
    cache: dict[str, IndexT] = field(default_factory=dict)  # this process's, by db_key

    def __post_init__(self) -> None:
        register_cache(self.cache)

    def load(self, con: duckdb.DuckDBPyConnection, db: Path, fp: Fingerprint, settings: IndexSettings) -> IndexT:
        """The index of ``db`` at table state ``fp``: from this process, else its side file
        (a read-only view when ``settings.mmap`` and it is up to date), else built; brought
        up to date with the table either way."""
        key = db_key(db)
        with LOCK:  # one builder per process; other threads wait for it rather than build twice
            idx = self.cache.get(key)
            if idx is not None and idx.fingerprint == fp and idx.settings == settings:
                return idx
            if idx is None or idx.settings != settings or idx.viewed:
                # the side file first (the ingest that changed the table saved it at its end)
                idx = self.read(con, db, settings, view=settings.mmap)
                if idx is not None and idx.viewed and idx.fingerprint != fp:
                    idx = self.read(con, db, settings, view=False)  # behind the table: a view cannot catch up
                if idx is None:
                    idx = self.build(con, fp, settings)
                    self.save(db, idx)
            if idx.fingerprint != fp:
                changed = self.catch_up(con, idx, fp)
                if changed > settings.rebuild_fraction * max(1, len(idx.ids)):
                    if self.rebuild_when_drifted:
                        idx = self.build(con, fp, settings)
                    self.save(db, idx)
            idx.disallowed = disallowed_ids(con)
            self.cache[key] = idx
            return idx

    def read(self, con: duckdb.DuckDBPyConnection, db: Path, settings: IndexSettings, view: bool) -> IndexT | None:
        """The saved index if its metadata is there, from ``settings``, and its files are
        whole and agree with the table; else None (logged): any damage means rebuild, never
        a wrong answer."""
        meta = side(db, self.meta_suffix)
        if not meta.exists():
            return None
        try:
            text = meta.read_text()
            body = json.loads(text)
            if any(body.get(k) != v for k, v in self.signature(settings).items()):
                log.info("%s %s was built with other settings: rebuilding", self.what, side(db, self.suffix))
                return None
            idx = self.open_files(con, db, body, settings, view)
            if meta.read_text() != text:  # another process saved while these files were read: they may not match
                raise ValueError("saved again while loading")
        except Exception as exc:  # noqa: BLE001 - any damage means rebuild, never a wrong answer
            log.warning(
                "%s %s is unusable (%s): rebuilding it from the database", self.what, side(db, self.suffix), exc
            )
            return None
        return idx

    def rebuild(self, con: duckdb.DuckDBPyConnection, db: Path, fp: Fingerprint, settings: IndexSettings) -> IndexT:
        """Build the index from the table, save it and keep it for this process."""
        idx = self.build(con, fp, settings)
        idx.disallowed = disallowed_ids(con)
        self.save(db, idx)
        with LOCK:
            self.cache[db_key(db)] = idx
        return idx

    def saved_fingerprint(self, db: Path) -> Fingerprint:
        """The table state the saved side file is from (() when there is none)."""
        meta = side(db, self.meta_suffix)
        return tuple(json.loads(meta.read_text()).get("fingerprint", ())) if meta.exists() else ()

    def cached(self, db: Path) -> IndexT | None:
        """The index this process holds for ``db``, as it is."""
        with LOCK:
            return self.cache.get(db_key(db))
