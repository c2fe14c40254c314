"""Fact tracking at scale: candidate pairs by block with a cap, placed slice by slice,
decide what the one-pass, uncapped version decides wherever the cap does not bind."""

from __future__ import annotations

import dataclasses
import shutil
from collections import defaultdict

import numpy as np
import pytest

from kb.config import TrackingSettings
from kb.store.connection import Store
from kb.tracking.blocking import CandidatePairs
from kb.tracking.contradict import ClaimView
from kb.tracking.pipeline import track


def _views(n: int = 300, seed: int = 5) -> tuple[dict[int, ClaimView], dict[str, list[int]]]:
    rng = np.random.default_rng(seed)
    topics = rng.normal(size=(6, 16))
    views, blocks = {}, defaultdict(list)
    for cid in range(1, n + 1):
        v = topics[cid % 6] + 0.6 * rng.normal(size=16)
        view = ClaimView(claim_id=cid, text=f"claim {cid}", article_id=cid // 3, source="s", claim_key=f"k{cid}")
        view.vec = (v / np.linalg.norm(v)).astype(np.float32)
        views[cid] = view
        for b in {f"e:{cid % 7}", f"e:{cid % 11}", f"r:{cid // 3}"}:
            blocks[b].append(cid)
    return views, dict(blocks)


def _brute(views, blocks, new_ids, floor, cap, window=None):
    """Every pair sharing a block, from other articles, above the floor; the cap keeps the
    most similar (ties by claim id); in a block over 2 x window + 1, only members at most
    ``window`` places away (in claim id order) pair."""
    found = defaultdict(dict)
    for members in blocks.values():
        members = sorted(members)
        for i, a in enumerate(members):
            if a not in new_ids:
                continue
            for j, b in enumerate(members):
                if window is not None and len(members) > 2 * window + 1 and abs(i - j) > window:
                    continue
                if views[a].article_id != views[b].article_id:
                    cos = float(views[a].vec @ views[b].vec)
                    if cos >= floor:
                        found[a][b] = cos
    out = {}
    for a, d in found.items():
        items = sorted(d.items(), key=lambda p: (-p[1], p[0]))[:cap] if cap else d.items()
        out[a] = sorted(items)
    return out


@pytest.mark.parametrize(("cap", "window"), [(None, None), (5, None), (40, None), (None, 10), (5, 30)])
def test_tracking_candidate_pairs_equal_every_blocked_pair_up_to_the_cap(cap, window):
    views, blocks = _views()
    new_ids = set(range(100, 300))
    want = _brute(views, blocks, new_ids, 0.3, cap, window)
    candidates = CandidatePairs(views, blocks, 0.3, cap, window)
    for budget in (4_000_000, 50):  # one product per block, or many small slices
        got = candidates.for_claims(sorted(new_ids), budget=budget)
        assert got.keys() == sorted(want)
        for a in want:
            assert [b for b, _ in got[a]] == [b for b, _ in want[a]], a
            assert np.allclose([c for _, c in got[a]], [c for _, c in want[a]], atol=1e-5)
    assert cap is None or max(len(p) for p in want.values()) == cap  # the cap binds in this set


def _state(db):
    with Store(db).read() as con:
        members = defaultdict(set)
        for cid, k in con.execute("SELECT claim_id, cluster_id FROM claims WHERE cluster_id IS NOT NULL").fetchall():
            members[k].add(cid)
        flags = con.execute(
            "SELECT flag_id, flag_key, reason, claim_a, claim_b, detail FROM contradictions ORDER BY flag_id"
        ).fetchall()
    return {frozenset(m) for m in members.values()}, flags


def test_tracking_sample_site_same_clusters_and_flags_without_the_cap_and_window(sample_db, tmp_path):
    runs = {}
    for name, cap, window in (
        ("uncapped", None, None),
        ("capped", TrackingSettings().max_candidates, TrackingSettings().block_window),
    ):
        db = tmp_path / f"{len(runs)}.duckdb"
        shutil.copy(sample_db, db)
        settings = dataclasses.replace(TrackingSettings(), max_candidates=cap, block_window=window)
        report = track(Store(db), rebuild=True, settings=settings)
        runs[name] = (_state(db), report.counters["candidate_pairs"], report.counters["clusters_new"])
    assert runs["uncapped"] == runs["capped"]
    (clusters, flags), pairs, _ = runs["uncapped"]
    assert pairs > 0 and any(len(m) > 1 for m in clusters) and flags
