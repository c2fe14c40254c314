"""Fusing the two legs of a search: BM25 and cosine similarity see different evidence, and
their scores live on different scales."""

from __future__ import annotations


def rrf(rankings: list[list[int]], k: int = 60, weights: list[float] | None = None) -> dict[int, float]:
    """Reciprocal rank fusion: score(d) = sum over rankings of w / (k + rank)."""
    scores: dict[int, float] = {}
    for ranking, w in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, cid in enumerate(ranking, start=1):
            scores[cid] = scores.get(cid, 0.0) + w / (k + rank)
    return scores


def score_fusion(
    lexical: list[tuple[int, float]], cosines: dict[int, float], bm25_weight: float = 1.0, vector_weight: float = 1.0
) -> dict[int, float]:
    """Normalised score combination over the union of both legs' candidates:
    ``bm25_weight * bm25 / max_bm25 + vector_weight * cosine``. BM25 is divided by the
    query's best BM25 score (its scale grows with query length; cosine's does not); a
    candidate the BM25 leg did not return counts 0 there, one without a cosine counts 0."""
    top = max((s for _, s in lexical), default=0.0)
    bm25 = {cid: s / top for cid, s in lexical} if top > 0 else {}
    return {cid: bm25_weight * bm25.get(cid, 0.0) + vector_weight * cosines.get(cid, 0.0) for cid in {*bm25, *cosines}}
