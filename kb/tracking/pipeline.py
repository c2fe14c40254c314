"""Fact tracking over the store: the same claim across sources, copies, and flags.

Runs after each ingest (and on demand: ``kb track``), in one write transaction:

1. **Near-duplicate articles**: each new article gets a SimHash; candidates a few bits
   away are confirmed on their shingles; the later one is marked a copy of the earlier
   (:mod:`kb.tracking.neardup`). Exact copies were already caught at ingest (``duplicate_of``).
2. **Clusters**: each new claim is compared with stored claims that share its speaker,
   one of its entities, or a figure's metric and subject (blocking: never every pair), and
   joins the cluster of the most similar one that states the same thing
   (:func:`kb.tracking.contradict.same_claim`); otherwise it starts its own (candidates:
   :mod:`kb.tracking.blocking`).
3. **Flags**: the same candidate pairs go through the contradiction detectors; predictions
   whose target year has passed are listed for checking. Each flag has a key derived from
   the claims' stable keys (:mod:`kb.tracking.keys`), so a journalist's review (table
   ``reviews``, :mod:`kb.tracking.reviews`) outlives re-ingestion and ``kb track --rebuild``.
4. **Cluster figures**: first seen, sources, independent reports vs copies.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from kb.config import TrackingSettings
from kb.stats import Stats
from kb.store import rows
from kb.store.clusters import refresh_clusters as _refresh_clusters
from kb.store.connection import Store, scalar
from kb.store.schema import current_article, current_claim
from kb.tracking import neardup
from kb.tracking.blocking import CandidatePairs, load_blocked, load_views
from kb.tracking.contradict import (
    ClaimView,
    Flag,
    detect_pair,
    forecast_due,
    forecast_priority,
    forecast_target,
    forecast_year,
    same_claim,
)
from kb.tracking.keys import claim_key, flag_key, origin_of

log = logging.getLogger(__name__)


@dataclass
class TrackReport:
    """What one tracking run did: its counters live in the run's stats under ``tracking/``."""

    stats: Stats = field(default_factory=Stats)
    seconds: float = 0.0

    @property
    def counters(self) -> dict[str, int]:
        return self.stats.under("tracking")

    def as_dict(self) -> dict[str, Any]:
        return {"seconds": round(self.seconds, 2), **dict(sorted({"claims_tracked": 0, **self.counters}.items()))}


def track(
    store: Store,
    rebuild: bool = False,
    today: date | None = None,
    settings: TrackingSettings | None = None,
    stats: Stats | None = None,
) -> TrackReport:
    """Place every untracked claim (all of them with ``rebuild``) and flag what conflicts.
    Counters (``tracking/...``) go to ``stats`` once the transaction has committed."""
    settings = settings or TrackingSettings()
    t0 = time.perf_counter()
    report = TrackReport(stats if stats is not None else Stats())
    done = Stats()
    today = today or datetime.now(UTC).date()
    with store.write() as con:
        if rebuild:
            _reset(con)
        _retire_superseded(con, done)
        touched = _forget_removed_claims(con, done)
        _fingerprint_articles(con, done)
        _claim_keys_and_origins(con)
        new_ids = [r[0] for r in con.execute("SELECT claim_id FROM claims WHERE tracked_at IS NULL").fetchall()]
        if new_ids:
            views, blocks = load_blocked(con, new_ids)
            floor = min(settings.topic_cosine, settings.same_claim_cosine - settings.same_speaker_bonus)
            candidates = CandidatePairs(views, blocks, floor, settings.max_candidates, settings.block_window)
            del blocks
            assignments, flags = _place(con, views, candidates, new_ids, settings, done)
            touched |= set(assignments.values())
            _store_flags(con, flags, done)
        _flag_forecasts(con, today, settings, done)  # before tracked_at is set: it looks for new claims
        _rank_forecasts(con, today)
        if new_ids:
            _write_assignments(con, assignments)
        if touched:
            _refresh_clusters(con, sorted(touched))
        done.inc("tracking/claims_tracked", len(new_ids))
    report.stats.counts.update(done.counts)
    report.seconds = time.perf_counter() - t0
    return report


# -- 0. reset ----------------------------------------------------------------------------


def _reset(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE claims SET cluster_id = NULL, tracked_at = NULL")
    con.execute("DELETE FROM clusters")
    con.execute("DELETE FROM contradictions")
    con.execute("UPDATE articles SET simhash = NULL, near_duplicate_of = NULL")


def _forget_removed_claims(con: duckdb.DuckDBPyConnection, stats: Stats) -> set[int]:
    """Claims can disappear after tracking (a page stored first turns out to be a copy of
    one ingested later): drop their flags, and return the clusters to recount."""
    gone = con.execute(
        "DELETE FROM contradictions WHERE claim_a NOT IN (SELECT claim_id FROM claims) "
        "OR (claim_b IS NOT NULL AND claim_b NOT IN (SELECT claim_id FROM claims)) RETURNING flag_id"
    ).fetchall()
    stats.inc("tracking/flags_removed", len(gone))
    stale = con.execute(
        "SELECT k.cluster_id, m.n FROM clusters k LEFT JOIN (SELECT cluster_id, count(*) AS n FROM claims "
        "WHERE cluster_id IS NOT NULL GROUP BY cluster_id) m USING (cluster_id) WHERE m.n IS NULL OR m.n <> k.n_claims"
    ).fetchall()
    empty = [k for k, n in stale if n is None]
    if empty:
        con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT unnest(?))", [empty])
    return {k for k, n in stale if n is not None}


_CURRENT = current_claim("claims")  # kb.store.schema: claims of current articles


def _retire_superseded(con: duckdb.DuckDBPyConnection, stats: Stats) -> None:
    """Claims of a replaced article version leave tracking: their flags go, their clusters
    are recounted (by :func:`_forget_removed_claims`, which runs next). They stay stored and
    citable; they are no longer what the outlet says, and the diff records the change."""
    old = [
        r[0]
        for r in con.execute(
            f"SELECT claim_id FROM claims WHERE NOT ({_CURRENT}) AND (cluster_id IS NOT NULL OR tracked_at IS NULL)"
        ).fetchall()
    ]
    if not old:
        return
    gone = con.execute(
        "DELETE FROM contradictions WHERE claim_a IN (SELECT unnest($ids)) OR claim_b IN (SELECT unnest($ids)) "
        "RETURNING flag_id",
        {"ids": old},
    ).fetchall()
    stats.inc("tracking/flags_removed", len(gone))
    con.execute("UPDATE claims SET cluster_id = NULL, tracked_at = now() WHERE claim_id IN (SELECT unnest(?))", [old])
    stats.inc("tracking/claims_superseded", len(old))


# -- 1. near-duplicate articles ------------------------------------------------------------


def _fingerprint_articles(con: duckdb.DuckDBPyConnection, stats: Stats) -> None:
    todo = con.execute(
        f"SELECT article_id, text FROM articles a WHERE simhash IS NULL AND {current_article('a')}"
    ).fetchall()
    if not todo:
        return
    rows.update(
        con, "articles", "article_id", [{"article_id": aid, "simhash": neardup.simhash(text)} for aid, text in todo]
    )
    new = [aid for aid, _ in todo]
    pairs = con.execute(
        "SELECT n.article_id, o.article_id, coalesce(n.published_at, nc.fetched_at), coalesce(o.published_at, oc.fetched_at),"
        "       o.near_duplicate_of "
        "FROM articles n JOIN captures nc ON nc.capture_id = n.capture_id, articles o JOIN captures oc ON oc.capture_id = o.capture_id "
        f"WHERE n.article_id IN (SELECT unnest(?)) AND o.article_id <> n.article_id AND {current_article('o')} "
        "  AND o.simhash IS NOT NULL AND n.simhash IS NOT NULL AND bit_count(xor(n.simhash, o.simhash)) <= ? "
        "ORDER BY n.article_id, bit_count(xor(n.simhash, o.simhash)), o.article_id",
        [new, neardup.MAX_DISTANCE],
    ).fetchall()
    if not pairs:
        return
    checked: Counter = Counter()
    involved = sorted({p[0] for p in pairs} | {p[1] for p in pairs})
    texts = dict(
        con.execute(
            "SELECT article_id, text FROM articles WHERE article_id IN (SELECT unnest(?))", [involved]
        ).fetchall()
    )
    when = {}
    earlier: dict[int, int] = {}  # copy -> the earliest article it repeats
    for a, b, wa, wb, b_root in pairs:
        if checked[a] >= 10:
            continue  # the nearest ten fingerprints are enough to find an original
        checked[a] += 1
        if neardup.jaccard(texts[a], texts[b]) < neardup.MIN_JACCARD:
            continue
        when[a], when[b] = wa, wb
        first, copy = sorted([a, b], key=lambda x: (when[x] is None, when[x].timestamp() if when[x] else 0.0, x))
        if b_root is not None and copy == a:
            first = b_root  # b is itself a copy: point at its original
        if copy not in earlier or first < earlier[copy]:
            earlier[copy] = first
    marks = {copy: earlier.get(first, first) for copy, first in earlier.items() if earlier.get(first, first) != copy}
    if marks:
        rows.update(
            con, "articles", "article_id", [{"article_id": k, "near_duplicate_of": v} for k, v in marks.items()]
        )
        stats.inc("tracking/near_duplicate_articles", len(marks))


# -- keys and origins ----------------------------------------------------------------------


def _claim_keys_and_origins(con: duckdb.DuckDBPyConnection) -> None:
    found = con.execute(
        "SELECT c.claim_id, a.canonical_url, c.char_start, c.char_end, c.text FROM claims c JOIN articles a USING (article_id) "
        "WHERE c.claim_key IS NULL"
    ).fetchall()
    rows.update(
        con,
        "claims",
        "claim_id",
        [
            {"claim_id": cid, "claim_key": claim_key(url, s, e, t), "origin": origin_of(t)}
            for cid, url, s, e, t in found
        ],
    )


def _order(v: ClaimView) -> tuple:
    w = v.when
    return (w is None, w.timestamp() if w else 0.0, v.claim_id)


# -- 2. clusters -------------------------------------------------------------------------


def _place(
    con: duckdb.DuckDBPyConnection,
    views: dict[int, ClaimView],
    candidates: CandidatePairs,
    new_ids: list[int],
    s: TrackingSettings,
    stats: Stats,
) -> tuple[dict[int, int], list[Flag]]:
    """Clusters and flags for the new claims. In time order, each claim joins the cluster
    of its most similar candidate that states the same thing (ties: the lower claim id)
    among the claims already placed (stored ones, and new ones before it in time);
    otherwise it starts a cluster. Every candidate pair above ``topic_cosine`` goes
    through the detectors once (a pair of new claims from the lower id's side)."""
    next_cluster = scalar(con, "SELECT coalesce(max(cluster_id), 0) + 1 FROM clusters")
    assigned: dict[int, int] = {cid: v.cluster_id for cid, v in views.items() if v.cluster_id is not None}
    pairs = candidates.for_claims(new_ids)
    stats.inc("tracking/candidate_pairs", pairs.n_pairs())
    for cid in sorted(new_ids, key=lambda i: _order(views[i])):
        v = views[cid]
        # the first that passes, most similar first, is the best (same_claim is the costly part)
        best = next(
            (
                c
                for c, cos in sorted(pairs.get(cid, ()), key=lambda p: (-p[1], p[0]))
                if c in assigned and same_claim(v, views[c], cos, s)
            ),
            None,
        )
        if best is None:
            assigned[cid] = next_cluster
            next_cluster += 1
            stats.inc("tracking/clusters_new", 1)
        else:
            assigned[cid] = assigned[best]
            stats.inc("tracking/claims_joined_cluster", 1)
    new = set(new_ids)
    flags: list[Flag] = []
    for cid in new_ids:
        for c, cos in pairs.get(cid, ()):
            if (c in new and c > cid) or cos < s.topic_cosine:
                continue  # each pair of new claims once
            flag = detect_pair(views[cid], views[c], cos, s)
            if flag is not None:
                flags.append(flag)
    return {cid: assigned[cid] for cid in new_ids}, flags


def _write_assignments(con: duckdb.DuckDBPyConnection, assignments: dict[int, int]) -> None:
    now = datetime.now(UTC)
    rows.update(
        con, "claims", "claim_id", [{"claim_id": c, "cluster_id": k, "tracked_at": now} for c, k in assignments.items()]
    )


# -- 3. flags ----------------------------------------------------------------------------


def _store_flags(con: duckdb.DuckDBPyConnection, flags: list[Flag], stats: Stats, replace: bool = False) -> None:
    if not flags:
        return
    now = datetime.now(UTC)
    next_id = scalar(con, "SELECT coalesce(max(flag_id), 0) + 1 FROM contradictions")
    existing = {
        r[0]: r[1]
        for r in con.execute(
            "SELECT flag_key, flag_id FROM contradictions WHERE flag_key IN (SELECT unnest(?))",
            [[flag_key(f) for f in flags]],
        ).fetchall()
    }
    new_rows, updates = [], []
    for f in flags:
        key = flag_key(f)
        row = {
            "flag_key": key,
            "reason": f.reason,
            "claim_a": f.a.claim_id,
            "claim_b": f.b.claim_id if f.b else None,
            "figure_a": f.figure_a,
            "figure_b": f.figure_b,
            "detail": f.detail,
            "score": f.score,
            "detector": f.detector,
            "detected_at": now,
        }
        if key in existing:
            if replace:
                updates.append({"flag_id": existing[key], **{k: row[k] for k in ("claim_b", "figure_b", "detail")}})
            continue
        existing[key] = next_id
        new_rows.append({"flag_id": next_id, **row})
        next_id += 1
        stats.inc(f"tracking/flags/{f.reason}")
    if new_rows:
        rows.insert(con, "contradictions", new_rows)
    if updates:
        rows.update(con, "contradictions", "flag_id", updates)


def _flag_forecasts(con: duckdb.DuckDBPyConnection, today: date, s: TrackingSettings, stats: Stats) -> None:
    """Predictions whose target year has ended, each with the newest later claim on the
    same metric by the same speaker (re-checked every run: "today" moves)."""
    # In SQL, only claims whose latest stated year has ended, and that are either not
    # flagged yet or are flagged with a speaker who has just said something new.
    ids = [
        r[0]
        for r in con.execute(
            "WITH y AS (SELECT claim_id, speaker_entity_id, tracked_at, list_max(list_transform(regexp_extract_all(text, "
            "'(?i)\\b(?:by|in|until|before|through|during)\\s+(?:the end of\\s+|early\\s+|late\\s+|mid-?)?((?:19|20)[0-9]{2})\\b', 1), "
            f"x -> CAST(x AS INTEGER))) AS target FROM claims WHERE {_CURRENT}) "
            "SELECT y.claim_id FROM y LEFT JOIN contradictions f ON f.claim_a = y.claim_id AND f.reason = 'forecast_due' "
            "WHERE y.target < ? AND (f.flag_id IS NULL OR y.speaker_entity_id IN "
            "  (SELECT speaker_entity_id FROM claims WHERE tracked_at IS NULL))",
            [today.year],
        ).fetchall()
    ]
    if not ids:
        return
    views = load_views(con, ids)
    due = [(v, t) for v in views.values() if (t := forecast_target(v)) is not None and t[0] < today.year]
    if not due:
        return
    speakers = sorted({v.speaker_id for v, _ in due if v.speaker_id is not None})
    same_speaker = (
        [
            r[0]
            for r in con.execute(
                f"SELECT claim_id FROM claims WHERE speaker_entity_id IN (SELECT unnest(?)) AND {_CURRENT}", [speakers]
            ).fetchall()
        ]
        if speakers
        else []
    )
    pool = load_views(con, same_speaker) if same_speaker else {}
    flags = []
    for v, (year, fig) in due:
        later = []
        if fig is not None and v.speaker_id is not None:
            for o in pool.values():
                if (
                    o.speaker_id == v.speaker_id
                    and o.root != v.root
                    and o.when
                    and v.when
                    and o.when > v.when
                    and any(f.metric == fig.metric and f.year == year for f in o.figures)
                ):
                    later.append(o)
        flag = forecast_due(v, today, later)
        if flag is not None:
            flags.append(flag)
    _store_flags(con, flags, stats, replace=True)


def _rank_forecasts(con: duckdb.DuckDBPyConnection, today: date) -> None:
    """Re-score every forecast flag by :func:`forecast_priority`: how overdue a forecast is
    changes with "today", and flags stored before the ranking existed all scored 0.5."""
    updates = []
    for fid, score, cw, text in con.execute(
        "SELECT f.flag_id, f.score, c.checkworthiness, c.text FROM contradictions f "
        "JOIN claims c ON c.claim_id = f.claim_a WHERE f.reason = 'forecast_due'"
    ).fetchall():
        year = forecast_year(text)
        new = forecast_priority(cw, year, today) if year is not None else score
        if new != score:
            updates.append({"flag_id": fid, "score": new})
    if updates:
        rows.update(con, "contradictions", "flag_id", updates)
