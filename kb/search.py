"""Hybrid claim search: BM25 + cosine similarity over claim embeddings, fused with
reciprocal rank fusion, under the same filters on both legs.

The legs run over indexes kept beside DuckDB and rebuilt from it (kb/index.py): BM25 in
bm25s; vectors exact in numpy, or in a usearch HNSW graph from ``IndexSettings.ann_min_claims``
claims on (measured in docs/benchmarks.md). A stale or damaged side file is rebuilt, never
trusted.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import duckdb
import numpy as np

from kb import index
from kb.config import SETTINGS, SearchSettings
from kb.models import ClaimHit
from kb.query import Filters, hydrate
from kb.store import Store

log = logging.getLogger(__name__)


def _bm25(con: duckdb.DuckDBPyConnection, query: str, where: str, params: list, k: int, db: Path) -> list[int]:
    """BM25 over claims.search_text (bm25s side index, kb/index.py), under the filters."""
    return index.bm25_search(con, db, query, where, params, k)


def _vector(con: duckdb.DuckDBPyConnection, vec: np.ndarray, where: str, params: list, k: int,
            min_cosine: float, db: Path) -> list[int]:
    """Cosine over the claim embeddings (exact, or HNSW at scale: kb/index.py), under the filters."""
    return index.vector_search(con, db, vec, where, params, k, min_cosine)


@functools.lru_cache(maxsize=256)
def _query_vector(query: str) -> np.ndarray:
    from kb.embed import embed_query

    vec = embed_query(query)
    vec.setflags(write=False)
    return vec


@functools.lru_cache(maxsize=256)
def _query_lemmas(query: str) -> str:
    from kb.nlp import lemmas

    return lemmas(query)


def rrf(rankings: list[list[int]], k: int = 60, weights: list[float] | None = None) -> dict[int, float]:
    """Reciprocal rank fusion: score(d) = sum over rankings of w / (k + rank)."""
    scores: dict[int, float] = {}
    for ranking, w in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, cid in enumerate(ranking, start=1):
            scores[cid] = scores.get(cid, 0.0) + w / (k + rank)
    return scores


def search(query: str, db=None, limit: int = 10, filters: Filters = Filters(),
           settings: SearchSettings = SETTINGS.search) -> list[ClaimHit]:
    """Claims best matching ``query``, best first, each with its fused ``score``."""
    query = query.strip()
    if not query:
        return []
    vec = _query_vector(query)
    where, params = filters.sql()
    store = Store(db)
    with store.read() as con:
        # claims are indexed with their lemmas too, so "running" finds "ran"
        lexical = _bm25(con, f"{query} {_query_lemmas(query)}", where, params, settings.candidates, store.path)
        semantic = _vector(con, vec, where, params, settings.candidates, settings.min_cosine, store.path)
        fused = rrf([lexical, semantic], settings.rrf_k, [settings.bm25_weight, settings.vector_weight])
        ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))[:limit]
        hits = hydrate(con, ranked)
    out = []
    for cid in ranked:
        hit = hits[cid]
        hit.score = round(fused[cid], 6)
        hit.bm25_rank = lexical.index(cid) + 1 if cid in lexical else None
        hit.vector_rank = semantic.index(cid) + 1 if cid in semantic else None
        out.append(hit)
    return out
