"""Which stored claims a new claim is compared with (blocking), and the candidate pairs.

A new claim meets only claims that share a block with it: its speaker or one of its
entities (one key space), a figure's metric + year + stated subject, or its article's
near-copy root; then only those whose embedding cosine clears a floor, at most a few dozen
per claim. One matrix product per block, never every pair.
"""

from __future__ import annotations

import re
from collections import defaultdict

import duckdb
import numpy as np
import pyarrow as pa

from kb.config import EMBED_DIM
from kb.store.schema import current_claim
from kb.tracking.contradict import ClaimView, FigureView


def subject_key(subject: str | None) -> str | None:
    if not subject:
        return None
    words = [
        w
        for w in re.findall(r"[a-z0-9]+", subject.casefold())
        if w not in {"the", "of", "a", "an", "its", "their", "in", "for"}
    ]
    return " ".join(words[:4]) or None


_VIEW_SQL = """
SELECT c.claim_id, c.text, c.article_id, a.source, a.published_at, cap.fetched_at, c.kind, c.speaker_entity_id,
       s.name, c.negated, c.hedged, c.claim_key, a.near_duplicate_of, c.cluster_id, c.checkworthiness
FROM claims c JOIN articles a USING (article_id) JOIN captures cap ON cap.capture_id = a.capture_id
LEFT JOIN entities s ON s.entity_id = c.speaker_entity_id
WHERE c.claim_id IN (SELECT unnest(?))
"""


def load_views(con: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, ClaimView]:
    """ClaimViews (with embeddings, entities, figures) for the given claim ids."""
    views: dict[int, ClaimView] = {}
    clusters: dict[int, int | None] = {}
    for cid, text, aid, source, pub, cap, kind, spk, spk_name, neg, hedged, key, near, cluster, cw in con.execute(
        _VIEW_SQL, [ids]
    ).fetchall():
        views[cid] = ClaimView(
            claim_id=cid,
            text=text,
            article_id=aid,
            source=source,
            published=pub,
            captured=cap,
            kind=kind,
            speaker_id=spk,
            speaker=spk_name,
            negated=neg,
            hedged=hedged,
            claim_key=key or "",
            root_article=near if near is not None else aid,
            checkworthiness=cw,
        )
        clusters[cid] = cluster
    for cid, eids in con.execute(
        "SELECT claim_id, list(entity_id) FROM claim_entities WHERE claim_id IN (SELECT unnest(?)) GROUP BY claim_id",
        [ids],
    ).fetchall():
        views[cid].entity_ids = frozenset(eids)
    for fid, cid, kind, value, unit, raw, lo, hi, approx, tref, year, subject in con.execute(
        "SELECT figure_id, claim_id, kind, value, unit, raw, lower, upper, approx, time_ref, year, subject FROM figures "
        "WHERE claim_id IN (SELECT unnest(?)) ORDER BY claim_id, char_start",
        [ids],
    ).fetchall():
        views[cid].figures.append(FigureView(fid, kind, value, unit, raw, lo, hi, approx, tref, year, subject))
    table = con.execute("SELECT claim_id, embedding FROM claims WHERE claim_id IN (SELECT unnest(?))", [ids]).arrow()
    if not isinstance(table, pa.Table):
        table = table.read_all()
    emb_ids = table.column("claim_id").to_pylist()
    flat = table.column("embedding").combine_chunks()
    vectors = (
        np.asarray(flat.flatten().to_numpy(zero_copy_only=False), dtype=np.float32).reshape(len(emb_ids), -1)
        if len(emb_ids)
        else np.zeros((0, EMBED_DIM), dtype=np.float32)
    )
    for cid, vec in zip(emb_ids, vectors, strict=True):
        views[cid].vec = vec
    for cid, view in views.items():
        view.cluster_id = clusters[cid]
    return views


def block_keys(v: ClaimView) -> set[str]:
    keys = {f"e:{e}" for e in v.entity_ids} | {f"r:{v.root}"}  # r: an article and its near-copies
    if v.speaker_id is not None:
        keys.add(f"e:{v.speaker_id}")
    for f in v.figures:
        sk = subject_key(f.subject)
        if sk:
            keys.add(f"m:{f.metric}:{f.year}:{sk}")
    return keys


def load_blocked(
    con: duckdb.DuckDBPyConnection, new_ids: list[int]
) -> tuple[dict[int, ClaimView], dict[str, list[int]]]:
    """The new claims and every stored claim sharing a block with one of them."""
    new_views = load_views(con, new_ids)
    entity_keys = sorted({int(k[2:]) for v in new_views.values() for k in block_keys(v) if k.startswith("e:")})
    metric_keys = {k for v in new_views.values() for k in block_keys(v) if k.startswith("m:")}
    ids = {
        r[0]
        for r in con.execute(
            "SELECT claim_id FROM claims WHERE speaker_entity_id IN (SELECT unnest(?)) "
            "UNION SELECT claim_id FROM claim_entities WHERE entity_id IN (SELECT unnest(?))",
            [entity_keys, entity_keys],
        ).fetchall()
    }
    if metric_keys:
        subjects = sorted(
            {
                r[0]
                for r in con.execute("SELECT DISTINCT subject FROM figures WHERE subject IS NOT NULL").fetchall()
                if subject_key(r[0]) in {k.rsplit(":", 1)[1] for k in metric_keys}
            }
        )
        ids |= {
            r[0]
            for r in con.execute(
                "SELECT claim_id FROM figures WHERE subject IN (SELECT unnest(?))", [subjects]
            ).fetchall()
        }
    roots = sorted({v.root for v in new_views.values()})
    ids |= {
        r[0]
        for r in con.execute(
            "SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) "
            "WHERE coalesce(a.near_duplicate_of, a.article_id) IN (SELECT unnest(?))",
            [roots],
        ).fetchall()
    }
    if ids:
        ids &= {
            r[0]
            for r in con.execute(
                f"SELECT claim_id FROM claims WHERE claim_id IN (SELECT unnest(?)) AND {current_claim('claims')}",
                [sorted(ids)],
            ).fetchall()
        }
    old_ids = sorted(ids - set(new_ids))
    views = {**load_views(con, old_ids), **new_views} if old_ids else new_views
    blocks: dict[str, list[int]] = defaultdict(list)
    for cid, v in views.items():
        for k in block_keys(v):
            blocks[k].append(cid)
    return views, blocks


class PairTable:
    """Candidate pairs as arrays sorted by (claim, other claim): ``table[claim]`` is the
    list of ``(other claim, cosine)``. Compact (no Python object per pair until asked)."""

    def __init__(self, a: np.ndarray, b: np.ndarray, sim: np.ndarray) -> None:
        order = np.lexsort((b, a))
        self.a, self.b, self.sim = a[order], b[order], sim[order]
        self.claims, self.starts = np.unique(self.a, return_index=True)
        self.ends = np.r_[self.starts[1:], len(self.a)].astype(np.int64)

    def __len__(self) -> int:
        return len(self.claims)

    def n_pairs(self) -> int:
        return len(self.a)

    def keys(self) -> list[int]:
        return self.claims.tolist()

    def get(self, claim: int, default=()) -> list[tuple[int, float]]:
        i = int(np.searchsorted(self.claims, claim))
        if i == len(self.claims) or self.claims[i] != claim:
            return list(default)
        lo, hi = self.starts[i], self.ends[i]
        return list(zip(self.b[lo:hi].tolist(), self.sim[lo:hi].tolist(), strict=True))

    def __getitem__(self, claim: int) -> list[tuple[int, float]]:
        if claim not in self:
            raise KeyError(claim)
        return self.get(claim)

    def __contains__(self, claim: object) -> bool:
        if not isinstance(claim, int | np.integer):
            return False
        i = int(np.searchsorted(self.claims, claim))
        return i < len(self.claims) and self.claims[i] == claim


class CandidatePairs:
    """Candidate pairs for fact tracking: for a claim, the claims of other articles that
    share a block with it and whose cosine is at least ``floor``; at most ``cap`` of them
    (the most similar; ties by claim id); and in a block larger than ``2 * window + 1``,
    only the ``window`` members on either side of it in the order claims were stored.

    One matrix product per block and group of claims (a block of 10,000 claims costs a few
    BLAS calls, not 10,000 Python loops). The cap and the window keep very dense blocks (a
    story repeated by hundreds of outlets, an entity named in every article, a backfill)
    from growing the pairs, and the work on them, quadratically; the pairs are reduced to
    the cap as they are found, so memory stays bounded by claims x cap."""

    def __init__(
        self,
        views: dict[int, ClaimView],
        blocks: dict[str, list[int]],
        floor: float,
        cap: int | None = None,
        window: int | None = None,
    ) -> None:
        self.ids = np.array(list(views), dtype=np.int64)
        self.row = {cid: i for i, cid in enumerate(views)}
        self.matrix = (
            np.stack([v.vec for v in views.values() if v.vec is not None]).astype(np.float32, copy=False)
            if views
            else np.zeros((0, EMBED_DIM), dtype=np.float32)
        )
        self.articles = np.array([v.article_id for v in views.values()], dtype=np.int64)
        self.floor, self.cap, self.window = floor, cap, window
        self.blocks: dict[str, np.ndarray] = {}
        self.keys_of: dict[int, list[str]] = defaultdict(list)
        for k, members in blocks.items():
            if len(members) < 2:
                continue
            self.blocks[k] = np.unique(np.array([self.row[m] for m in members], dtype=np.int64))  # storage order
            for m in members:
                self.keys_of[m].append(k)

    def for_claims(self, claim_ids: list[int], budget: int = 4_000_000) -> PairTable:
        """The candidate pairs of ``claim_ids`` (see :class:`PairTable`)."""
        by_block: dict[str, list[int]] = defaultdict(list)
        for cid in claim_ids:
            for k in self.keys_of.get(cid, ()):
                by_block[k].append(self.row[cid])
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        held = 0
        for k, fresh_rows in by_block.items():
            members = self.blocks[k]
            fresh = np.sort(np.array(fresh_rows, dtype=np.int64))
            pos = np.searchsorted(members, fresh)
            w = self.window if self.window is not None and len(members) > 2 * self.window + 1 else None
            step = max(1, budget // (len(members) if w is None else min(len(members), 2 * w + 1)))
            for i in range(0, len(fresh), step):
                part, ppos = fresh[i : i + step], pos[i : i + step]
                lo, hi = (
                    (0, len(members))
                    if w is None
                    else (max(0, int(ppos[0]) - w), min(len(members), int(ppos[-1]) + w + 1))
                )
                cols = members[lo:hi]
                sims = self.matrix[part] @ self.matrix[cols].T
                sims[self.articles[part][:, None] == self.articles[cols][None, :]] = -2.0  # same article: never a pair
                if w is not None:
                    sims[np.abs(ppos[:, None] - np.arange(lo, hi)[None, :]) > w] = -2.0
                found.append(self._top(part, cols, sims))
                held += len(found[-1][0])
                if held > 4 * budget:
                    found = [self._reduce(*map(np.concatenate, zip(*found, strict=True)))]
                    held = len(found[0][0])
        if not found:
            return PairTable(*(np.zeros(0, t) for t in (np.int64, np.int64, np.float32)))
        a, b, sim = self._reduce(*map(np.concatenate, zip(*found, strict=True)))
        return PairTable(self.ids[a], self.ids[b], sim)

    def _top(self, part: np.ndarray, cols: np.ndarray, sims: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, row, cosine) above the floor, at most ``cap`` per row of ``sims``."""
        cap = self.cap
        if cap is not None and sims.shape[1] > cap:
            idx = np.argpartition(-sims, cap - 1, axis=1)[:, :cap]
            vals = np.take_along_axis(sims, idx, axis=1)
            r = np.repeat(np.arange(len(part)), cap).reshape(len(part), cap)
            keep = vals >= self.floor
            rows, c, v = r[keep], idx[keep], vals[keep]
        else:
            rows, c = np.nonzero(sims >= self.floor)
            v = sims[rows, c]
        return part[rows], cols[c], v.astype(np.float32, copy=False)

    def _reduce(self, a: np.ndarray, b: np.ndarray, sim: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each pair once (met in several blocks), and at most ``cap`` per claim (the most
        similar; ties by claim id)."""
        order = np.lexsort((-sim, b, a))
        a, b, sim = a[order], b[order], sim[order]
        first = np.ones(len(a), dtype=bool)
        first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
        a, b, sim = a[first], b[first], sim[first]
        if self.cap is not None and len(a):
            order = np.lexsort((self.ids[b], -sim, a))
            a, b, sim = a[order], b[order], sim[order]
            starts = np.flatnonzero(np.r_[True, a[1:] != a[:-1]])
            rank = np.arange(len(a)) - np.repeat(starts, np.diff(np.r_[starts, len(a)]))
            keep = rank < self.cap
            a, b, sim = a[keep], b[keep], sim[keep]
        return a, b, sim


def similar_pairs(
    views: dict[int, ClaimView],
    blocks: dict[str, list[int]],
    new_ids: list[int],
    floor: float,
    cap: int | None = None,
    window: int | None = None,
) -> PairTable:
    """For each new claim, the claims of other articles that share a block with it and
    whose cosine is at least ``floor`` (at most ``cap``, the most similar): see
    :class:`CandidatePairs`."""
    return CandidatePairs(views, blocks, floor, cap, window).for_claims(list(new_ids))
