"""Fact tracking at scale: candidate pairs by block with a cap, placed slice by slice,
decide what the one-pass, uncapped version decides wherever the cap does not bind."""

from __future__ import annotations

import dataclasses
import shutil
from collections import defaultdict

import numpy as np
import pytest

from kb import tracking
from kb.config import SETTINGS
from kb.contradict import ClaimView
from kb.store import Store


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


def _brute(views, blocks, new_ids, floor, cap):
    """Every pair sharing a block, from other articles, above the floor; the cap keeps the
    most similar (ties by claim id)."""
    found = defaultdict(dict)
    for members in blocks.values():
        for a in members:
            if a not in new_ids:
                continue
            for b in members:
                if views[a].article_id != views[b].article_id:
                    cos = float(views[a].vec @ views[b].vec)
                    if cos >= floor:
                        found[a][b] = cos
    out = {}
    for a, d in found.items():
        items = sorted(d.items(), key=lambda p: (-p[1], p[0]))[:cap] if cap else d.items()
        out[a] = sorted(items)
    return out


@pytest.mark.parametrize("cap", [None, 5, 40])
def test_tracking_candidate_pairs_equal_every_blocked_pair_up_to_the_cap(cap):
    views, blocks = _views()
    new_ids = set(range(100, 300))
    want = _brute(views, blocks, new_ids, 0.3, cap)
    candidates = tracking.CandidatePairs(views, blocks, 0.3, cap)
    for budget in (4_000_000, 50):  # one product per block, or many small slices
        got = candidates.for_claims(sorted(new_ids), budget=budget)
        assert got.keys() == want.keys()
        for a in want:
            assert [b for b, _ in got[a]] == [b for b, _ in want[a]], a
            assert np.allclose([c for _, c in got[a]], [c for _, c in want[a]], atol=1e-5)
    assert cap is None or max(len(p) for p in want.values()) == cap  # the cap binds in this set


def _state(db):
    with Store(db).read() as con:
        members = defaultdict(set)
        for cid, k in con.execute("SELECT claim_id, cluster_id FROM claims WHERE cluster_id IS NOT NULL").fetchall():
            members[k].add(cid)
        flags = con.execute("SELECT flag_id, flag_key, reason, claim_a, claim_b, detail FROM contradictions "
                            "ORDER BY flag_id").fetchall()
    return {frozenset(m) for m in members.values()}, flags


def test_tracking_sample_site_same_clusters_and_flags_in_slices_and_without_the_cap(sample_db, tmp_path, monkeypatch):
    runs = {}
    for name, cap, slice_size in (("uncapped, one pass", None, 10**9), ("capped, slices of 7", SETTINGS.tracking.max_candidates, 7)):
        db = tmp_path / f"{len(runs)}.duckdb"
        shutil.copy(sample_db, db)
        monkeypatch.setattr(tracking._place, "__defaults__", (slice_size,))
        report = tracking.track(Store(db), rebuild=True, settings=dataclasses.replace(SETTINGS.tracking, max_candidates=cap))
        runs[name] = (_state(db), report.counters["candidate_pairs"], report.counters["clusters_new"])
    assert runs["uncapped, one pass"] == runs["capped, slices of 7"]
    (clusters, flags), pairs, _ = runs["uncapped, one pass"]
    assert pairs > 0 and any(len(m) > 1 for m in clusters) and flags
