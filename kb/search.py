"""Hybrid claim search: BM25 + cosine similarity over claim embeddings, under the same
filters on both legs, fused by a weighted sum of the normalised scores (or reciprocal rank
fusion; ``SearchSettings.fusion``). Queries pasted from social media are cleaned first
(kb/querytext.py). With a cross-encoder configured (``KB_RERANKER``, kb/rerank.py), the best
fused candidates are then read together with the query and reordered.

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
from kb.querytext import clean_query
from kb.rerank import CrossEncoder, configured_path, load_reranker
from kb.store import Store

log = logging.getLogger(__name__)


def _bm25(con: duckdb.DuckDBPyConnection, query: str, where: str, params: list, k: int, db: Path, **once) -> list[int]:
    """BM25 over claims.search_text (bm25s side index, kb/index.py), under the filters.
    ``once``: the fingerprint and allowed ids, computed once per search for every leg."""
    return index.bm25_search(con, db, query, where, params, k, **once)


def _vector(con: duckdb.DuckDBPyConnection, vec: np.ndarray, where: str, params: list, k: int,
            min_cosine: float, db: Path, **once) -> list[int]:
    """Cosine over the claim embeddings (exact, or HNSW at scale: kb/index.py), under the filters."""
    return index.vector_search(con, db, vec, where, params, k, min_cosine, **once)


def _bm25_scored(con: duckdb.DuckDBPyConnection, query: str, where: str, params: list, k: int,
                 db: Path, **once) -> list[tuple[int, float]]:
    """The BM25 leg with its scores, best first, for score fusion (same query as :func:`_bm25`)."""
    return index.bm25_search_scored(con, db, query, where, params, k, **once)


def _cosines(con: duckdb.DuckDBPyConnection, vec: np.ndarray, claim_ids: list[int], db: Path,
             fp: tuple | None = None, **_) -> dict[int, float]:
    """Cosine of ``vec`` with each of ``claim_ids`` that has an embedding."""
    return index.cosines(con, db, vec, claim_ids, fp=fp)


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


def score_fusion(lexical: list[tuple[int, float]], cosines: dict[int, float], bm25_weight: float = 1.0,
                 vector_weight: float = 1.0) -> dict[int, float]:
    """Normalised score combination over the union of both legs' candidates:
    ``bm25_weight * bm25 / max_bm25 + vector_weight * cosine``. BM25 is divided by the
    query's best BM25 score (its scale grows with query length; cosine's does not); a
    candidate the BM25 leg did not return counts 0 there, one without a cosine counts 0."""
    top = max((s for _, s in lexical), default=0.0)
    bm25 = {cid: s / top for cid, s in lexical} if top > 0 else {}
    return {cid: bm25_weight * bm25.get(cid, 0.0) + vector_weight * cosines.get(cid, 0.0)
            for cid in {*bm25, *cosines}}


def _reranker(settings: SearchSettings) -> CrossEncoder | None:
    path = configured_path() if settings.reranker is None else settings.reranker
    if not path or settings.fusion != "score":  # its blend is on the scale of fused scores
        return None
    return load_reranker(path)


def search(query: str, db=None, limit: int = 10, filters: Filters = Filters(),
           settings: SearchSettings = SETTINGS.search) -> list[ClaimHit]:
    """Claims best matching ``query``, best first, each with its fused ``score``."""
    query = query.strip()
    if settings.clean_queries:
        query = clean_query(query)
    if not query:
        return []
    where, params = filters.sql()
    store = Store(db)
    with store.read() as con:
        # one fingerprint (which index state) and one filter evaluation for every leg
        once = {"fp": index.fingerprint(con), "allowed": index.allowed_ids(con, where, params)}
        # claims are indexed with their lemmas too, so "running" finds "ran"
        lexical_q = f"{query} {_query_lemmas(query)}"
        lexical: list[int] = []
        semantic: list[int] = []
        if settings.fusion == "score":
            scored = _bm25_scored(con, lexical_q, where, params, settings.candidates, store.path, **once) if settings.bm25_weight else []
            lexical = [cid for cid, _ in scored]
            if settings.vector_weight:
                vec = _query_vector(query)
                semantic = _vector(con, vec, where, params, settings.candidates, settings.min_cosine, store.path, **once)
                cosines = _cosines(con, vec, list({*lexical, *semantic}), store.path, **once)
            else:
                cosines = {}
            fused = score_fusion(scored, cosines, settings.bm25_weight, settings.vector_weight)
        else:
            if settings.bm25_weight:
                lexical = _bm25(con, lexical_q, where, params, settings.candidates, store.path, **once)
            if settings.vector_weight:
                semantic = _vector(con, _query_vector(query), where, params, settings.candidates, settings.min_cosine,
                                   store.path, **once)
            fused = rrf([lexical, semantic], settings.rrf_k, [settings.bm25_weight, settings.vector_weight])
        reranker = _reranker(settings)
        ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))[:max(limit, reranker.depth) if reranker else limit]
        hits = hydrate(con, ranked)
    if reranker:  # reads query and claim together; reorders the best reranker.depth
        fused = reranker.rerank(query, fused, {cid: reranker.doc(hits[cid].text, hits[cid].title) for cid in ranked})
        ranked = sorted(ranked, key=lambda cid: (-fused[cid], cid))[:limit]
    out = []
    for cid in ranked:
        hit = hits[cid]
        hit.score = round(fused[cid], 6)
        hit.bm25_rank = lexical.index(cid) + 1 if cid in lexical else None
        hit.vector_rank = semantic.index(cid) + 1 if cid in semantic else None
        out.append(hit)
    return out
