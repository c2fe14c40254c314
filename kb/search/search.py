"""Hybrid claim search: BM25 + cosine similarity over claim embeddings, under the same
filters on both legs, fused by a weighted sum of the normalised scores (or reciprocal rank
fusion; ``SearchSettings.fusion``, kb/search/fusion.py). Queries pasted from social media
are cleaned first (kb/search/querytext.py). With a cross-encoder configured
(``SearchSettings.reranker``, kb/search/rerank.py), the best fused candidates are then read
together with the query and reordered.

The legs run over indexes kept beside DuckDB and rebuilt from it (kb/search/index/): BM25 in
bm25s; vectors exact in numpy, or in a usearch HNSW graph from ``IndexSettings.ann_min_claims``
claims on (measured in docs/benchmarks.md). A stale or damaged side file is rebuilt, never
trusted.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import numpy as np

from kb.config import IndexSettings, SearchSettings
from kb.read.claims import hydrate
from kb.read.filters import Filters
from kb.read.types import ClaimHit
from kb.search import index
from kb.search.fusion import rrf, score_fusion
from kb.search.querytext import clean_query
from kb.search.rerank import CrossEncoder, load_reranker
from kb.store.connection import Store

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=256)
def query_vector(query: str) -> np.ndarray:
    """The query's unit vector (cached: a page of results asks for it more than once)."""
    from kb.nlp.embed import embed_query

    vec = embed_query(query)
    vec.setflags(write=False)
    return vec


@functools.lru_cache(maxsize=256)
def query_lemmas(query: str) -> str:
    """The query's lemmas: claims are indexed with theirs, so "running" finds "ran"."""
    from kb.nlp.pipeline import lemmas

    return lemmas(query)


def _reranker(settings: SearchSettings) -> CrossEncoder | None:
    if not settings.reranker or settings.fusion != "score":  # its blend is on the scale of fused scores
        return None
    return load_reranker(settings.reranker)


def search(
    query: str,
    db: Path | str,
    limit: int = 10,
    filters: Filters | None = None,
    settings: SearchSettings | None = None,
    index_settings: IndexSettings | None = None,
) -> list[ClaimHit]:
    """Claims best matching ``query``, best first, each with its fused ``score``."""
    settings = settings or SearchSettings()
    filters = filters or Filters()
    query = query.strip()
    if settings.clean_queries:
        query = clean_query(query)
    if not query:
        return []
    store = Store(db)
    with store.read() as con:
        # one fingerprint (which index state) and one filter evaluation for every leg; no
        # filter at all is answered from the ids the indexes keep
        fp = index.fingerprint(con)
        allowed = None if filters.is_default else index.allowed_ids(con, *filters.sql())
        lexical_q = f"{query} {query_lemmas(query)}"
        lexical: list[int] = []
        semantic: list[int] = []
        if settings.fusion == "score":
            scored = (
                index.bm25_search_scored(
                    con, store.path, lexical_q, allowed, settings.candidates, settings=index_settings, fp=fp
                )
                if settings.bm25_weight
                else []
            )
            lexical = [cid for cid, _ in scored]
            cosines: dict[int, float] = {}
            if settings.vector_weight:
                vec = query_vector(query)
                semantic = index.vector_search(
                    con,
                    store.path,
                    vec,
                    allowed,
                    settings.candidates,
                    settings.min_cosine,
                    settings=index_settings,
                    fp=fp,
                )
                cosines = index.cosines(
                    con, store.path, vec, list({*lexical, *semantic}), settings=index_settings, fp=fp
                )
            fused = score_fusion(scored, cosines, settings.bm25_weight, settings.vector_weight)
        else:
            if settings.bm25_weight:
                lexical = index.bm25_search(
                    con, store.path, lexical_q, allowed, settings.candidates, settings=index_settings, fp=fp
                )
            if settings.vector_weight:
                semantic = index.vector_search(
                    con,
                    store.path,
                    query_vector(query),
                    allowed,
                    settings.candidates,
                    settings.min_cosine,
                    settings=index_settings,
                    fp=fp,
                )
            fused = rrf([lexical, semantic], settings.rrf_k, [settings.bm25_weight, settings.vector_weight])
        reranker = _reranker(settings)
        ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))[: max(limit, reranker.depth) if reranker else limit]
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
