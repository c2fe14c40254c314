"""Contradiction flags as a journalist reviews them: the reason, both claims, the latest
review; and per claim, the badges a result list shows (cluster size, flags)."""

from __future__ import annotations

from typing import Any

import duckdb

from kb.errors import BadInput
from kb.models import CONTRADICTION_REASONS, FLAG_REASONS, REVIEW_STATUSES
from kb.read.claims import hydrate
from kb.read.filters import entity_filter
from kb.read.types import ClaimTrack, FlagRecord, Review

# arg_max_null, not arg_max: arg_max skips rows whose value is NULL, so a newest review
# without a note (or a reviewer) would show an older review's
_LATEST_REVIEW = """
    SELECT flag_key, arg_max(status, reviewed_at) AS status, arg_max_null(note, reviewed_at) AS note,
           max(reviewed_at) AS reviewed_at, arg_max_null(reviewer, reviewed_at) AS reviewer
    FROM reviews GROUP BY flag_key
"""


def check_status(status: str) -> None:
    if status not in REVIEW_STATUSES:
        raise BadInput(f"unknown status {status!r}: choose from {', '.join(REVIEW_STATUSES)}")


def list_flags(
    con: duckdb.DuckDBPyConnection,
    status: str | None = None,
    reason: str | None = None,
    entity: str | None = None,
    claim_id: int | None = None,
    limit: int = 100,
) -> list[FlagRecord]:
    """Flags with both claims (full provenance) and their review status, best first.
    ``reason`` "contradiction" means every pair reason (all but forecast_due)."""
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if status:
        check_status(status)
        where.append("coalesce(r.status, 'open') = ?")
        params.append(status)
    if reason:
        if reason not in FLAG_REASONS and reason != "contradiction":
            raise BadInput(f"unknown reason {reason!r}: choose from {', '.join(FLAG_REASONS)} or 'contradiction'")
        if reason == "contradiction":
            where.append("f.reason IN (SELECT unnest(?))")
            params.append(list(CONTRADICTION_REASONS))
        else:
            where.append("f.reason = ?")
            params.append(reason)
    if claim_id is not None:
        where.append("(f.claim_a = ? OR f.claim_b = ?)")
        params += [claim_id, claim_id]
    if entity:
        clause, args = entity_filter(entity, "c")
        where.append(f"EXISTS (SELECT 1 FROM claims c WHERE c.claim_id IN (f.claim_a, f.claim_b) AND {clause})")
        params += args
    rows = con.execute(
        f"SELECT f.flag_id, f.flag_key, f.reason, f.claim_a, f.claim_b, f.detail, f.score, f.detector, f.detected_at, "
        f"       coalesce(r.status, 'open'), r.note, r.reviewed_at, r.reviewer "
        f"FROM contradictions f LEFT JOIN ({_LATEST_REVIEW}) r USING (flag_key) "
        f"WHERE {' AND '.join(where)} ORDER BY f.score DESC, f.flag_id LIMIT ?",
        params + [limit],
    ).fetchall()
    hits = hydrate(con, sorted({r[3] for r in rows} | {r[4] for r in rows if r[4] is not None}))
    return [
        FlagRecord(
            flag_id=fid,
            flag_key=key,
            reason=reason_,
            detail=detail,
            score=score,
            detector=det,
            detected_at=at,
            status=st,
            note=note,
            reviewed_at=rat,
            reviewer=who,
            claim_a=hits.get(a),
            claim_b=hits.get(b) if b is not None else None,
        )
        for fid, key, reason_, a, b, detail, score, det, at, st, note, rat, who in rows
    ]


def list_reviews(con: duckdb.DuckDBPyConnection, flag_ids: list[int]) -> dict[int, list[Review]]:
    """Every review of these flags, newest first: who said what, and when."""
    if not flag_ids:
        return {}
    rows = con.execute(
        "SELECT f.flag_id, r.flag_key, r.status, r.note, r.reviewed_at, r.reviewer "
        "FROM reviews r JOIN contradictions f USING (flag_key) "
        "WHERE f.flag_id IN (SELECT unnest(?)) ORDER BY f.flag_id, r.reviewed_at DESC",
        [list(flag_ids)],
    ).fetchall()
    out: dict[int, list[Review]] = {}
    for fid, key, status, note, at, who in rows:
        out.setdefault(fid, []).append(Review(fid, key, status, note, at, who))
    return out


def claim_tracking(con: duckdb.DuckDBPyConnection, claim_ids: list[int]) -> dict[int, ClaimTrack]:
    """Per claim: its cluster's size (claims, outlets, independent reports, copies) and how
    many contradiction flags involve it (for badges on result lists)."""
    if not claim_ids:
        return {}
    params: dict[str, Any] = {"ids": list(claim_ids), "reasons": list(CONTRADICTION_REASONS)}
    rows = con.execute(
        """
        SELECT c.claim_id, c.cluster_id, coalesce(k.n_claims, 1), coalesce(k.n_sources, 1), coalesce(k.n_origins, 1),
               coalesce(k.n_copies, 0),
               (SELECT count(*) FROM contradictions f WHERE (f.claim_a = c.claim_id OR f.claim_b = c.claim_id)
                  AND f.reason IN (SELECT unnest($reasons))) AS flags
        FROM claims c LEFT JOIN clusters k USING (cluster_id)
        WHERE c.claim_id IN (SELECT unnest($ids))
    """,
        params,
    ).fetchall()
    return {cid: ClaimTrack(cl, n, ns, ni, nc, nf) for cid, cl, n, ns, ni, nc, nf in rows}
