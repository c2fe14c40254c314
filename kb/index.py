"""In-process vector index over the claims table, rebuilt from DuckDB when it is stale.

DuckDB stays the system of record. A long-lived process (the UI) keeps the claim
embeddings as one numpy matrix, keyed by a fingerprint of the claims table; every search
re-reads the fingerprint (one cheap aggregate) and reloads the matrix when it changed, so
a stale cache can never give a wrong answer. Scoring is exact: one matrix-vector product,
which avoids binding a 384-float query vector as a DuckDB parameter (60-80 ms alone).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import duckdb
import numpy as np

from kb.config import EMBED_DIM

# claims with an embedding, articles that are copies or replaced versions: any change invalidates the cache
FINGERPRINT_SQL = (
    "SELECT (SELECT count(*) FROM claims WHERE embedding IS NOT NULL), (SELECT max(claim_id) FROM claims), "
    "(SELECT sum(claim_id) FROM claims WHERE embedding IS NOT NULL), "
    "(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL), "
    "(SELECT count(*) FROM articles WHERE superseded_by IS NOT NULL)"
)
DEFAULT_WHERE = "a.duplicate_of IS NULL AND a.superseded_by IS NULL"


@dataclass
class ExactIndex:
    fingerprint: tuple
    ids: np.ndarray  # claim ids, ascending, int64
    matrix: np.ndarray  # (n, 384) float32 unit vectors, row i is claim ids[i]
    default_mask: np.ndarray  # rows allowed under the default filter (not in a duplicate article)

    def search(self, vec: np.ndarray, k: int, min_cosine: float, mask: np.ndarray | None = None) -> list[int]:
        """Claim ids of the ``k`` most similar rows with cosine >= ``min_cosine``, best first
        (ties by claim id, as the SQL version ordered them)."""
        if not len(self.ids):
            return []
        scores = self.matrix @ vec.astype(np.float32, copy=False)
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[scores[top] >= min_cosine]
        # float32 scores, ordered like the SQL leg: score descending, then claim id
        order = np.lexsort((self.ids[top], -scores[top]))
        return [int(i) for i in self.ids[top[order]]]

    def mask_for(self, allowed: np.ndarray) -> np.ndarray:
        """Row mask for an array of allowed claim ids."""
        mask = np.zeros(len(self.ids), dtype=bool)
        allowed = np.asarray(allowed, dtype=np.int64)
        if len(allowed) and len(self.ids):
            pos = np.searchsorted(self.ids, allowed)
            valid = pos < len(self.ids)
            pos, allowed = pos[valid], allowed[valid]
            mask[pos[self.ids[pos] == allowed]] = True
        return mask


_CACHE: dict[str, ExactIndex] = {}
_LOCK = threading.Lock()


def fingerprint(con: duckdb.DuckDBPyConnection) -> tuple:
    return tuple(con.execute(FINGERPRINT_SQL).fetchone())


def load_exact(con: duckdb.DuckDBPyConnection, key: str) -> ExactIndex:
    """The cached exact index for database ``key``, reloaded from ``con`` if stale."""
    fp = fingerprint(con)
    with _LOCK:
        idx = _CACHE.get(key)
        if idx is not None and idx.fingerprint == fp:
            return idx
    tbl = con.execute(
        "SELECT c.claim_id, c.embedding, a.duplicate_of IS NULL AND a.superseded_by IS NULL AS ok FROM claims c JOIN articles a USING (article_id) "
        "WHERE c.embedding IS NOT NULL ORDER BY c.claim_id").arrow()
    if hasattr(tbl, "read_all"):  # a RecordBatchReader in newer DuckDB
        tbl = tbl.read_all()
    ids = tbl.column("claim_id").to_numpy().astype(np.int64)
    emb = tbl.column("embedding").combine_chunks()
    matrix = emb.values.to_numpy(zero_copy_only=False).astype(np.float32).reshape(len(ids), EMBED_DIM) if len(ids) \
        else np.zeros((0, EMBED_DIM), dtype=np.float32)
    ok = tbl.column("ok").to_numpy(zero_copy_only=False).astype(bool)
    idx = ExactIndex(fp, ids, np.ascontiguousarray(matrix), ok)
    with _LOCK:
        _CACHE[key] = idx
    return idx


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()
