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
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

from kb.config import IndexSettings, SearchSettings
from kb.read.claims import hydrate
from kb.read.clusters import cluster_reports
from kb.read.filters import Filters
from kb.read.types import ClaimHit, SearchGroup, SearchResults
from kb.search import index
from kb.search.fusion import rrf, score_fusion
from kb.search.index.bm25 import tokens as bm25_tokens
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


@dataclass
class _Candidates:
    """What the legs found for one query: every candidate's fused score and cosine, and each
    leg's ranking (claim ids, best first)."""

    query: str  # as cleaned
    fused: dict[int, float]
    cosines: dict[int, float]
    lexical: list[int]
    semantic: list[int]


def _candidates(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    query: str,
    filters: Filters,
    settings: SearchSettings,
    index_settings: IndexSettings | None,
    all_cosines: bool = False,
) -> _Candidates:
    """Both legs under one filter evaluation, fused. ``all_cosines``: every candidate's cosine
    even when the fusion does not need it (rank fusion), for judging how strong a match is."""
    # one fingerprint (which index state) and one filter evaluation for every leg; no
    # filter at all is answered from the ids the indexes keep
    fp = index.fingerprint(con)
    allowed = None if filters.is_default else index.allowed_ids(con, *filters.sql())
    lexical_q = f"{query} {query_lemmas(query)}"
    lexical: list[int] = []
    semantic: list[int] = []
    cosines: dict[int, float] = {}
    if settings.fusion == "score":
        scored = (
            index.bm25_search_scored(con, db, lexical_q, allowed, settings.candidates, settings=index_settings, fp=fp)
            if settings.bm25_weight
            else []
        )
        lexical = [cid for cid, _ in scored]
        if settings.vector_weight:
            vec = query_vector(query)
            semantic = index.vector_search(
                con, db, vec, allowed, settings.candidates, settings.min_cosine, settings=index_settings, fp=fp
            )
            cosines = index.cosines(con, db, vec, list({*lexical, *semantic}), settings=index_settings, fp=fp)
        fused = score_fusion(scored, cosines, settings.bm25_weight, settings.vector_weight)
    else:
        if settings.bm25_weight:
            lexical = index.bm25_search(
                con, db, lexical_q, allowed, settings.candidates, settings=index_settings, fp=fp
            )
        if settings.vector_weight:
            semantic = index.vector_search(
                con,
                db,
                query_vector(query),
                allowed,
                settings.candidates,
                settings.min_cosine,
                settings=index_settings,
                fp=fp,
            )
        fused = rrf([lexical, semantic], settings.rrf_k, [settings.bm25_weight, settings.vector_weight])
    if all_cosines and not cosines and fused:
        cosines = index.cosines(con, db, query_vector(query), list(fused), settings=index_settings, fp=fp)
    return _Candidates(query, fused, cosines, lexical, semantic)


def _clean(query: str, settings: SearchSettings) -> str:
    query = query.strip()
    return clean_query(query) if settings.clean_queries else query


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
    query = _clean(query, settings)
    if not query:
        return []
    store = Store(db)
    with store.read() as con:
        found = _candidates(con, store.path, query, filters, settings, index_settings)
        fused, lexical, semantic = found.fused, found.lexical, found.semantic
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


def _every_word(con: duckdb.DuckDBPyConnection, query: str, claim_ids: list[int]) -> set[int]:
    """The claims among ``claim_ids`` whose BM25 text holds every BM25 term of ``query``."""
    terms = set(bm25_tokens(query))
    if not terms or not claim_ids:
        return set()
    rows = con.execute(
        "SELECT claim_id, search_text FROM claims WHERE claim_id IN (SELECT unnest(?))", [claim_ids]
    ).fetchall()
    return {cid for cid, text in rows if terms <= set(bm25_tokens(text or ""))}


def search_groups(
    query: str,
    db: Path | str,
    limit: int = 10,
    offset: int = 0,
    filters: Filters | None = None,
    settings: SearchSettings | None = None,
    index_settings: IndexSettings | None = None,
) -> SearchResults:
    """Every candidate of :func:`search`, grouped by cluster (the same claim in several
    outlets and its copies make one group, led by its best-ranked claim), split into matches
    and weak ones. A group matches when its best cosine with the query reaches
    ``settings.weak_cosine`` or one of its claims holds every word of the query (a name
    searched alone, "Gartner", is far from any whole sentence in meaning, yet found).
    Matches are counted and paged by ``offset`` and ``limit``; of the weak, the first ``limit``."""
    settings = settings or SearchSettings()
    filters = filters or Filters()
    query = _clean(query, settings)
    cut = settings.weak_cosine
    if not query:
        return SearchResults(query, [], [], 0, 0, False, None, cut)
    store = Store(db)
    with store.read() as con:
        found = _candidates(con, store.path, query, filters, settings, index_settings, all_cosines=True)
        fused, cos = found.fused, found.cosines
        reranker = _reranker(settings)
        if reranker:  # as in search(): only the best reranker.depth move
            top = sorted(fused, key=lambda cid: (-fused[cid], cid))[: reranker.depth]
            texts = hydrate(con, top)
            fused = reranker.rerank(query, fused, {c: reranker.doc(texts[c].text, texts[c].title) for c in top})
        ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))
        clusters = dict(
            con.execute(
                "SELECT claim_id, cluster_id FROM claims WHERE claim_id IN (SELECT unnest(?))", [ranked]
            ).fetchall()
        )
        members: dict[tuple[str, int], list[int]] = {}
        for cid in ranked:  # a group's first claim is its best-ranked
            kid = clusters.get(cid)
            members.setdefault(("cluster", kid) if kid is not None else ("claim", cid), []).append(cid)

        whole = _every_word(con, query, found.lexical)

        def best_cosine(ids: list[int]) -> float | None:
            return max((cos[c] for c in ids if c in cos), default=None)

        def matches(ids: list[int]) -> bool:
            return (best_cosine(ids) or 0.0) >= cut or any(c in whole for c in ids)

        strong = [ids for ids in members.values() if matches(ids)]
        weak = [ids for ids in members.values() if not matches(ids)]
        page, weak_page = strong[offset : offset + limit], weak[:limit]
        shown = [ids[0] for ids in page + weak_page]
        hits = hydrate(con, shown)
        reports = cluster_reports(con, [k for c in shown if (k := clusters.get(c)) is not None])
    lexical, semantic = found.lexical, found.semantic

    def group(ids: list[int], is_strong: bool) -> SearchGroup:
        hit = hits[ids[0]]
        hit.score = round(fused[ids[0]], 6)
        hit.bm25_rank = lexical.index(ids[0]) + 1 if ids[0] in lexical else None
        hit.vector_rank = semantic.index(ids[0]) + 1 if ids[0] in semantic else None
        kid = clusters.get(ids[0])
        told = reports.get(kid, []) if kid is not None else []
        best = best_cosine(ids)
        return SearchGroup(
            hit=hit,
            cluster_id=kid,
            cosine=round(best, 6) if best is not None else None,
            strong=is_strong,
            matched=ids,
            outlets=len({t.source for t in told}) or 1,
            reports=told,
        )

    # the vector leg stops at settings.candidates: if its last candidate still matches, more may
    at_least = len(semantic) >= settings.candidates and cos.get(semantic[-1], 0.0) >= cut
    return SearchResults(
        query=query,
        groups=[group(ids, True) for ids in page],
        weak=[group(ids, False) for ids in weak_page],
        total_claims=sum(len(ids) for ids in strong),
        total_groups=len(strong),
        at_least=at_least,
        best_cosine=round(max(cos.values()), 6) if cos else None,
        cutoff=cut,
    )
