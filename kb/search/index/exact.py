"""The vector leg below ``IndexSettings.ann_min_claims`` claims: every claim's vector in one
numpy matrix held by the process, scored exactly (one matrix-vector product; no query vector
is ever bound as a DuckDB parameter). Nothing is saved: the matrix is read from DuckDB
again whenever the table's fingerprint changes."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from kb.config import EMBED_DIM
from kb.search.index.common import (
    LOCK,
    Fingerprint,
    disallowed_ids,
    embedding_batches,
    fingerprint,
    isin_sorted,
    one_blas_thread,
    register_cache,
    top,
)


@dataclass
class ExactIndex:
    fingerprint: Fingerprint
    ids: np.ndarray  # claim ids, ascending, int64
    matrix: np.ndarray  # (n, 384) float32 unit vectors, row i is claim ids[i]
    default_mask: np.ndarray  # rows allowed under the default filter (not in a duplicate article)

    def search(self, vec: np.ndarray, k: int, min_cosine: float, mask: np.ndarray | None = None) -> list[int]:
        """Claim ids of the ``k`` most similar rows with cosine >= ``min_cosine``, best first
        (ties by claim id, as the SQL version ordered them)."""
        if not len(self.ids):
            return []
        with one_blas_thread():
            scores = self.matrix @ vec.astype(np.float32, copy=False)
        keep = scores >= min_cosine
        if mask is not None:
            keep &= mask
        return top(self.ids[keep], scores[keep], k)

    def mask_for(self, allowed: np.ndarray) -> np.ndarray:
        """Row mask for an array of allowed claim ids."""
        return isin_sorted(self.ids, np.sort(np.asarray(allowed, dtype=np.int64)))

    def query(self, vec: np.ndarray, k: int, min_cosine: float, allowed: np.ndarray | None) -> list[int]:
        """The ``k`` best claims with cosine >= ``min_cosine`` among ``allowed`` (None: those
        the default filter keeps), best first."""
        return self.search(vec, k, min_cosine, self.default_mask if allowed is None else self.mask_for(allowed))

    def cosines(self, vec: np.ndarray, want: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(claim ids, cosines with ``vec``) of those of ``want`` (unique, ascending) that have a vector."""
        if not len(self.ids):
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        pos = np.minimum(np.searchsorted(self.ids, want), len(self.ids) - 1)
        found = self.ids[pos] == want
        with one_blas_thread():
            sims = self.matrix[pos[found]] @ vec.astype(np.float32, copy=False)
        return want[found], sims


_CACHE: dict[str, ExactIndex] = register_cache({})


def load_exact(con: duckdb.DuckDBPyConnection, key: str, fp: Fingerprint | None = None) -> ExactIndex:
    """The cached exact index for database ``key``, reloaded from ``con`` if stale."""
    fp = fp or fingerprint(con)
    with LOCK:
        idx = _CACHE.get(key)
    if idx is not None and idx.fingerprint == fp:
        return idx
    ids, mats = [np.zeros(0, np.int64)], [np.zeros((0, EMBED_DIM), np.float32)]
    for i, m in embedding_batches(
        con, "SELECT claim_id, embedding FROM claims WHERE embedding IS NOT NULL ORDER BY claim_id"
    ):
        ids.append(i)
        mats.append(m.copy())
    all_ids = np.concatenate(ids)
    idx = ExactIndex(
        fp, all_ids, np.ascontiguousarray(np.concatenate(mats)), ~isin_sorted(all_ids, disallowed_ids(con))
    )
    with LOCK:
        _CACHE[key] = idx
    return idx
