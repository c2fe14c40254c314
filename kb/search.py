"""Hybrid claim search: BM25 (DuckDB fts) + cosine similarity over claim embeddings,
fused with reciprocal rank fusion, under the same filters on both legs.

Exact (brute-force) vector search: at the sizes measured so far it is fast enough, and
it has no index to corrupt on a crash (DESIGN.md).
"""

from __future__ import annotations

import functools
import logging

import duckdb
import numpy as np

from kb.config import SETTINGS, SearchSettings
from kb.index import DEFAULT_WHERE, load_exact
from kb.models import ClaimHit
from kb.query import Filters, hydrate
from kb.store import Store, load_extension

log = logging.getLogger(__name__)


def _bm25(con: duckdb.DuckDBPyConnection, query: str, where: str, params: list, k: int) -> list[int]:
    has_index = con.execute(
        "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'fts_main_claims'").fetchone()[0]
    if not has_index:
        return []
    load_extension(con, "fts")
    sql = (
        "SELECT claim_id FROM (SELECT c.claim_id, fts_main_claims.match_bm25(c.claim_id, ?) AS s "
        f"FROM claims c JOIN articles a USING (article_id) WHERE {where}) WHERE s IS NOT NULL "
        "ORDER BY s DESC, claim_id LIMIT ?"
    )
    return [r[0] for r in con.execute(sql, [query, *params, k]).fetchall()]


def _vector(con: duckdb.DuckDBPyConnection, vec: np.ndarray, where: str, params: list, k: int,
            min_cosine: float, key: str) -> list[int]:
    """Exact cosine over the cached embedding matrix (kb/index.py), under the same filters as BM25."""
    idx = load_exact(con, key)
    if where == DEFAULT_WHERE and not params:
        mask = idx.default_mask
    else:
        allowed = con.execute(
            f"SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) WHERE {where} "
            "AND c.embedding IS NOT NULL", params).fetchnumpy()["claim_id"]
        mask = idx.mask_for(allowed)
    return idx.search(vec, k, min_cosine, mask)


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
        lexical = _bm25(con, f"{query} {_query_lemmas(query)}", where, params, settings.candidates)
        semantic = _vector(con, vec, where, params, settings.candidates, settings.min_cosine, str(store.path.resolve()))
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
