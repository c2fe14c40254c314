"""Cluster figures, recounted from the claims: written by fact tracking
(:mod:`kb.tracking.pipeline`) and by the writer when claims move between articles or a
copy joins an original (:mod:`kb.store.writer`), each in its own transaction.

A cluster's sources count its claims' outlets and the outlets of stored copies
(``duplicate_of``) of its claims' articles; near-duplicates (``near_duplicate_of``) are
counted as copies, not independent origins. The first claim is the earliest published
(then earliest captured).
"""

from __future__ import annotations

import duckdb


def refresh_clusters(con: duckdb.DuckDBPyConnection, cluster_ids: list[int]) -> None:
    """Recount ``cluster_ids`` from their claims (first seen, sources, independent origins,
    copies, first claim); a cluster left with no claim is deleted."""
    if not cluster_ids:
        return
    con.execute(
        "DELETE FROM clusters WHERE cluster_id IN (SELECT unnest($ids)) "
        "AND cluster_id NOT IN (SELECT cluster_id FROM claims WHERE cluster_id IS NOT NULL)",
        {"ids": cluster_ids},
    )
    con.execute(
        """
        INSERT OR REPLACE INTO clusters (cluster_id, first_seen, n_claims, n_sources, n_origins, representative,
                                         n_copies, first_claim, updated_at)
        WITH m AS (
            SELECT c.cluster_id, c.claim_id, a.source, coalesce(a.published_at, cap.fetched_at) AS t,
                   a.near_duplicate_of IS NOT NULL AS is_copy
            FROM claims c JOIN articles a USING (article_id) JOIN captures cap ON cap.capture_id = a.capture_id
            WHERE c.cluster_id IN (SELECT unnest($ids))
        ), copies AS (
            SELECT DISTINCT c.cluster_id, d.article_id, d.source
            FROM claims c JOIN articles d ON d.duplicate_of = c.article_id
            WHERE c.cluster_id IN (SELECT unnest($ids))
        ), agg AS (
            SELECT cluster_id, min(t) AS first_seen, count(*) AS n_claims,
                   count(DISTINCT source) FILTER (WHERE NOT is_copy) AS n_origins,
                   count(*) FILTER (WHERE is_copy) AS n_copy_claims,
                   arg_min(claim_id, t) AS first_claim, list(DISTINCT source) AS sources
            FROM m GROUP BY cluster_id
        )
        SELECT agg.cluster_id, agg.first_seen, agg.n_claims,
               len(list_distinct(list_concat(agg.sources, coalesce((SELECT list(source) FROM copies
                                                                    WHERE copies.cluster_id = agg.cluster_id), [])))),
               agg.n_origins, agg.first_claim,
               agg.n_copy_claims + (SELECT count(*) FROM copies WHERE copies.cluster_id = agg.cluster_id),
               agg.first_claim, now()
        FROM agg
    """,
        {"ids": cluster_ids},
    )
