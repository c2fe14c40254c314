"""Search indexes over the claims table, kept beside DuckDB and rebuilt from it.

DuckDB stays the system of record; every index here is a cache of it, keyed by a
fingerprint of the claims table (one cheap aggregate, re-read on every search):

- **Vectors.** Below ``IndexSettings.ann_min_claims`` claims an exact numpy matrix in the
  process (``exact``); from there on a usearch HNSW graph saved next to the database
  (``ann``).
- **BM25.** bm25s over ``claims.search_text``, tokenised like DuckDB fts, saved next to the
  database (``bm25``).

The two saved indexes share one load cycle (``sidefile``): read, verify, catch up with the
table, rebuild or re-save. ``common`` holds the fingerprint, the claim-id arrays and the
per-process cache they all use. This module is what the rest of kb calls: one search
computes :func:`fingerprint` and :func:`allowed_ids` once and passes them to each leg.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import duckdb
import numpy as np

from kb.config import IndexSettings
from kb.search.index import ann, bm25
from kb.search.index.common import Fingerprint, allowed_ids, clear_cache, db_key, fingerprint
from kb.search.index.exact import load_exact

__all__ = [
    "allowed_ids",
    "bm25_search",
    "bm25_search_scored",
    "clear_cache",
    "cosines",
    "fingerprint",
    "refresh",
    "vector_search",
]


class VectorIndex(Protocol):
    def query(self, vec: np.ndarray, k: int, min_cosine: float, allowed: np.ndarray | None) -> list[int]: ...

    def cosines(self, vec: np.ndarray, want: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...


def _vectors(con: duckdb.DuckDBPyConnection, db: Path, fp: Fingerprint, settings: IndexSettings) -> VectorIndex:
    """The vector index that serves ``db`` at its size: HNSW from ``ann_min_claims`` on, else exact."""
    if fp[0] >= settings.ann_min_claims:
        return ann.load_ann(con, db, fp, settings)
    return load_exact(con, db_key(db), fp)


def vector_search(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    vec: np.ndarray,
    allowed: np.ndarray | None,
    k: int,
    min_cosine: float,
    *,
    settings: IndexSettings | None = None,
    fp: Fingerprint | None = None,
) -> list[int]:
    """The vector leg: the ``k`` claim ids most similar to ``vec`` with cosine >= ``min_cosine``,
    best first, among ``allowed`` (:func:`allowed_ids`; None: no filter, every claim the
    default hides left out)."""
    settings = settings or IndexSettings()
    fp = fp or fingerprint(con)
    return _vectors(con, db, fp, settings).query(vec, k, min_cosine, allowed)


def bm25_search(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    query: str,
    allowed: np.ndarray | None,
    k: int,
    *,
    settings: IndexSettings | None = None,
    fp: Fingerprint | None = None,
) -> list[int]:
    """The BM25 leg: claim ids matching ``query`` among ``allowed`` (as for
    :func:`vector_search`), best first."""
    return [i for i, _ in bm25_search_scored(con, db, query, allowed, k, settings=settings, fp=fp)]


def bm25_search_scored(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    query: str,
    allowed: np.ndarray | None,
    k: int,
    *,
    settings: IndexSettings | None = None,
    fp: Fingerprint | None = None,
) -> list[tuple[int, float]]:
    """The BM25 leg with its scores (for score fusion), best first."""
    settings = settings or IndexSettings()
    fp = fp or fingerprint(con)
    return bm25.load_bm25(con, db, fp, settings).query_scored(query, k, allowed)


def cosines(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    vec: np.ndarray,
    claim_ids: list[int],
    *,
    settings: IndexSettings | None = None,
    fp: Fingerprint | None = None,
) -> dict[int, float]:
    """Cosine of ``vec`` with each of ``claim_ids`` that has an embedding, from whichever
    vector index serves this database (exact matrix, or the HNSW index's stored vectors)."""
    settings = settings or IndexSettings()
    if not claim_ids:
        return {}
    fp = fp or fingerprint(con)
    keys, sims = _vectors(con, db, fp, settings).cosines(vec, np.unique(np.asarray(claim_ids, dtype=np.int64)))
    return {int(c): float(x) for c, x in zip(keys, sims, strict=True)}


def refresh(db: Path, settings: IndexSettings | None = None) -> dict[str, str]:
    """Bring the side indexes of ``db`` up to date with the table and save them: for the end
    of an ingest run, so that the next search (in any process) finds them ready. Returns
    what it did."""
    from kb.store.connection import Store

    settings = settings or IndexSettings()
    db = Path(db)
    out: dict[str, str] = {}
    with Store(db).read() as con:
        fp = fingerprint(con)
        bm = bm25.load_bm25(con, db, fp, settings)
        if len(bm.delta_ids) or not bm.alive.all():  # a new process would have to catch up: save it whole
            bm25.SIDE.rebuild(con, db, fp, settings)
            out["bm25"] = "rebuilt"
        if fp[0] >= settings.ann_min_claims:
            vectors = ann.load_ann(con, db, fp, settings)
            if ann.SIDE.saved_fingerprint(db) != fp:
                ann.save(db, vectors)
                out["vectors"] = "saved"
    return out
