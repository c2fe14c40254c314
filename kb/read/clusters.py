"""The same claim across sources: who said it first, who repeated it, which are copies."""

from __future__ import annotations

import duckdb

from kb.read.claims import hydrate
from kb.read.filters import entity_filter
from kb.read.types import Cluster, TimelineEntry


def _mark_repeats(timeline: list[TimelineEntry]) -> None:
    """Mark the rows, in time order, that add no report: a further row of an outlet that
    already has an independent one, or of a copy article already listed (a copy of an
    article holding two of the cluster's claims is listed once per claim)."""
    outlets: set[str | int] = set()
    copies: set[int] = set()
    for t in timeline:
        if t.copy:
            t.repeat = t.article_id in copies
            copies.add(t.article_id)
        else:
            outlet = t.source if t.source is not None else t.article_id  # no source: its own outlet
            t.repeat = outlet in outlets
            outlets.add(outlet)


def list_clusters(
    con: duckdb.DuckDBPyConnection, entity: str | None = None, min_claims: int = 2, limit: int = 50
) -> list[Cluster]:
    """Clusters stated by at least ``min_claims`` claims (copies included), most widely reported first."""
    where, params = ["k.n_claims + k.n_copies >= ?"], [min_claims]
    if entity:
        clause, args = entity_filter(entity, "c")
        where.append(f"EXISTS (SELECT 1 FROM claims c WHERE c.cluster_id = k.cluster_id AND {clause})")
        params += args
    ids = [
        r[0]
        for r in con.execute(
            f"SELECT k.cluster_id FROM clusters k WHERE {' AND '.join(where)} "
            "ORDER BY k.n_origins DESC, k.n_sources DESC, k.first_seen LIMIT ?",
            params + [limit],
        ).fetchall()
    ]
    return [c for c in (cluster(con, i) for i in ids) if c is not None]


def cluster(con: duckdb.DuckDBPyConnection, cluster_id: int) -> Cluster | None:
    """One cluster: what it says, who said it first, and every source in time order, each
    marked original or copy (near-duplicate articles, and syndicated copies stored
    without claims of their own).

    Its counts: ``independent`` is the number of outlets with a report that is not a copy
    (an outlet that states the claim twice, in one article or two, reports it once);
    ``copies`` the number of copy articles. A row that repeats an outlet's report (or a
    copy article already listed) is marked ``repeat`` and counted in neither."""
    row = con.execute(
        "SELECT cluster_id, first_seen, n_claims, n_sources, n_origins, n_copies, first_claim "
        "FROM clusters WHERE cluster_id = ?",
        [cluster_id],
    ).fetchone()
    if row is None:
        return None
    timeline = cluster_reports(con, [cluster_id]).get(cluster_id, [])
    first = hydrate(con, [row[6]]).get(row[6]) if row[6] is not None else None
    origins = [t.origin for t in timeline if t.origin]
    return Cluster(
        cluster_id=row[0],
        first_seen=row[1],
        n_claims=row[2],
        n_sources=row[3],
        # counted from the rows the reader sees, so that the header and the table agree
        independent=sum(1 for t in timeline if not t.copy and not t.repeat),
        copies=sum(1 for t in timeline if t.copy and not t.repeat),
        claim=first,
        primary_speaker=first.speaker if first else None,
        first_outlet=timeline[0].source if timeline else None,
        named_origin=origins[0] if origins else None,
        timeline=timeline,
    )


def cluster_reports(con: duckdb.DuckDBPyConnection, cluster_ids: list[int]) -> dict[int, list[TimelineEntry]]:
    """Per cluster, every report of its claim as :func:`cluster` lists it (first seen first,
    copies marked), read for many clusters at once: a page of grouped search results."""
    if not cluster_ids:
        return {}
    rows = con.execute(
        """
        SELECT * FROM (
        SELECT c.cluster_id, c.claim_id, c.origin, a.article_id, a.source, a.url, a.title, a.published_at,
               cap.fetched_at, a.near_duplicate_of, 0 AS stored_copy, c.text
        FROM claims c JOIN articles a USING (article_id) JOIN captures cap ON cap.capture_id = a.capture_id
        WHERE c.cluster_id IN (SELECT unnest($ids))
        UNION ALL
        SELECT c.cluster_id, c.claim_id, NULL, d.article_id, d.source, d.url, d.title, d.published_at,
               dc.fetched_at, c.article_id, 1, c.text
        FROM claims c JOIN articles a USING (article_id) JOIN articles d ON d.duplicate_of = c.article_id
        JOIN captures dc ON dc.capture_id = d.capture_id
        WHERE c.cluster_id IN (SELECT unnest($ids))
        ) ORDER BY cluster_id, coalesce(published_at, fetched_at), claim_id, stored_copy, article_id
    """,
        {"ids": list(cluster_ids)},
    ).fetchall()
    out: dict[int, list[TimelineEntry]] = {}
    for kid, cid, origin, aid, source, url, title, pub, cap, copy_of, _stored, text in rows:
        entries = out.setdefault(kid, [])
        entries.append(
            TimelineEntry(
                claim_id=cid,
                article_id=aid,
                source=source,
                url=url,
                title=title,
                published_at=pub,
                captured_at=cap,
                copy=copy_of is not None,
                copy_of=copy_of,
                first_seen=not entries,
                origin=origin,
                text=text,
            )
        )
    for entries in out.values():
        _mark_repeats(entries)
    return out
