"""What every index here shares: the fingerprint of the claims table that keys them, the
claim-id arrays they are made of (sorted int64, compared by binary search), the filters
as id arrays, the ranking of scored ids, and the per-process cache they live in."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import numpy as np

from kb.config import EMBED_DIM
from kb.store.schema import HIDDEN_CLAIMS_SQL

Fingerprint = tuple[int, ...]
# every claim, every copied article and every replaced version: any insert, delete or re-link changes it. One
# aggregate over two integer columns (cheap); never touch the 1.5 KB embedding column here.
# A claim id reused for another claim comes with another article_id (see stamps).
FINGERPRINT_SQL = (
    "SELECT count(*), coalesce(max(claim_id), 0), coalesce(sum(claim_id), 0), coalesce(sum(article_id), 0), "
    "(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL), "
    "(SELECT count(*) FROM articles WHERE superseded_by IS NOT NULL) FROM claims"
)


def fingerprint(con: duckdb.DuckDBPyConnection) -> Fingerprint:
    """Which state of the claims table an index was made from (one cheap aggregate)."""
    return tuple(con.execute(FINGERPRINT_SQL).fetchone() or ())


# -- the per-process cache -------------------------------------------------------------------
T = TypeVar("T")
LOCK = threading.Lock()  # guards every cache below; held by a side index's whole load cycle
_CACHES: list[dict[str, Any]] = []


def register_cache(cache: dict[str, T]) -> dict[str, T]:
    """``cache`` (indexes of one kind, keyed by :func:`db_key`) is emptied by :func:`clear_cache`."""
    _CACHES.append(cache)
    return cache


def db_key(db: Path) -> str:
    return str(db.resolve())


def clear_cache() -> None:
    """Forget every index this process holds (the next search loads them again)."""
    with LOCK:
        for cache in _CACHES:
            cache.clear()


# -- claim ids -------------------------------------------------------------------------------
def stamps(con: duckdb.DuckDBPyConnection) -> tuple[np.ndarray, np.ndarray]:
    """Every claim id (ascending) and its article id: an index entry whose article differs
    from the table's is a reused id and is replaced."""
    r = con.execute("SELECT claim_id, article_id FROM claims ORDER BY claim_id").fetchnumpy()
    return r["claim_id"].astype(np.int64), r["article_id"].astype(np.int64)


def same(ids: np.ndarray, articles: np.ndarray, now_ids: np.ndarray, now_articles: np.ndarray) -> np.ndarray:
    """Per entry (ids, articles): the table still has this claim id with this article."""
    if not len(now_ids):
        return np.zeros(len(ids), dtype=bool)
    pos = np.minimum(np.searchsorted(now_ids, ids), len(now_ids) - 1)
    return (now_ids[pos] == ids) & (now_articles[pos] == articles)


def articles_of(ids: np.ndarray, now_ids: np.ndarray, now_articles: np.ndarray) -> np.ndarray:
    return now_articles[np.searchsorted(now_ids, ids)] if len(ids) else np.zeros(0, np.int64)


def isin_sorted(values: np.ndarray, sorted_ids: np.ndarray) -> np.ndarray:
    """Per value: it is in ``sorted_ids`` (ascending)."""
    if not len(sorted_ids) or not len(values):
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return sorted_ids[pos] == values


def disallowed_ids(con: duckdb.DuckDBPyConnection) -> np.ndarray:
    """Claims the default filter hides (not current: kb.store.schema), ascending."""
    return con.execute(HIDDEN_CLAIMS_SQL).fetchnumpy()["claim_id"].astype(np.int64)


def allowed_ids(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> np.ndarray:
    """Claim ids passing ``where`` (over ``claims c JOIN articles a``), ascending: the
    ``allowed`` of a filtered search. A search under no filter passes None instead: the
    indexes keep the few ids the default hides."""
    return (
        con.execute(
            f"SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) WHERE {where} ORDER BY 1", params
        )
        .fetchnumpy()["claim_id"]
        .astype(np.int64)
    )


def embedding_batches(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None, rows: int = 65_536
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(ids, float32 matrix) batches of ``sql`` (claim_id, embedding), read through Arrow."""
    reader = con.execute(sql, params or []).fetch_record_batch(rows)
    for batch in reader:
        if not batch.num_rows:
            continue
        ids = batch.column(0).to_numpy().astype(np.int64)
        emb = batch.column(1)
        flat = (
            emb.values.to_numpy(zero_copy_only=False)
            if emb.offset == 0
            else emb.flatten().to_numpy(zero_copy_only=False)
        )
        yield ids, flat.astype(np.float32, copy=False).reshape(len(ids), EMBED_DIM)


# -- ranking ---------------------------------------------------------------------------------
_BLAS: Any = None


def one_blas_thread() -> AbstractContextManager[Any]:
    """A context that runs BLAS on one thread: a single query's matrix-vector product is
    memory-bound, and on a busy 2-core machine a second BLAS thread only waits for a core
    (docs/benchmarks.md, "One BLAS thread per query")."""
    global _BLAS
    if _BLAS is None:
        from threadpoolctl import ThreadpoolController

        _BLAS = ThreadpoolController()
    return _BLAS.limit(limits=1, user_api="blas")


def top_scored(ids: np.ndarray, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The ``k`` best (id, score) by score, ties by claim id (as the SQL legs ordered them)."""
    if len(ids) > k:
        part = np.argpartition(-scores, k - 1)[:k]
        cut = scores[part].min()  # keep every tie at the cut, then order exactly
        sel = scores >= cut
        ids, scores = ids[sel], scores[sel]
    order = np.lexsort((ids, -scores))[:k]
    return [(int(i), float(x)) for i, x in zip(ids[order], scores[order], strict=True)]


def top(ids: np.ndarray, scores: np.ndarray, k: int) -> list[int]:
    """The ``k`` best ids by score, ties by claim id."""
    return [i for i, _ in top_scored(ids, scores, k)]
