from __future__ import annotations

import numpy as np
import pytest

from kb import index
from kb.perfbench import build_db, synth
from kb.store import Store


def _unit(rng, n):
    v = rng.normal(size=(n, 384)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture()
def db(tmp_path):
    rng = np.random.default_rng(1)
    texts = [f"claim number {i} about chips" for i in range(50)]
    path = tmp_path / "kb.duckdb"
    build_db(path, texts, _unit(rng, 50))
    index.clear_cache()
    return path


def _sql_topk(con, vec, k):
    return [r[0] for r in con.execute(
        "SELECT claim_id FROM claims ORDER BY array_cosine_similarity(embedding, ?::FLOAT[384]) DESC, claim_id LIMIT ?",
        [vec.tolist(), k]).fetchall()]


def test_index_exact_matches_duckdb_brute_force(db):
    rng = np.random.default_rng(2)
    with Store(db).read() as con:
        idx = index.load_exact(con, str(db))
        for q in _unit(rng, 5):
            assert idx.search(q, 10, -1.0) == _sql_topk(con, q, 10)


def test_index_reloads_when_claims_change(db):
    with Store(db).read() as con:
        first = index.load_exact(con, str(db))
    with Store(db).write() as con:
        con.execute("DELETE FROM claims WHERE claim_id = 7")
    with Store(db).read() as con:
        second = index.load_exact(con, str(db))
    assert second is not first and 7 not in second.ids and len(second.ids) == len(first.ids) - 1


def test_index_is_reused_while_fresh(db):
    with Store(db).read() as con:
        assert index.load_exact(con, str(db)) is index.load_exact(con, str(db))


def test_index_mask_keeps_only_allowed_ids(db):
    with Store(db).read() as con:
        idx = index.load_exact(con, str(db))
    mask = idx.mask_for(np.array([3, 5, 999]))
    assert idx.ids[mask].tolist() == [3, 5]
    assert set(idx.search(idx.matrix[10], 10, -1.0, mask)) == {3, 5}


def test_index_min_cosine_cuts_hits(db):
    with Store(db).read() as con:
        idx = index.load_exact(con, str(db))
    assert idx.search(idx.matrix[0], 10, 0.99) == [int(idx.ids[0])]


def test_perfbench_synth_keeps_real_claims_first():
    rng = np.random.default_rng(3)
    vecs = _unit(rng, 4)
    texts, out = synth(["a b c d", "e f g h", "i j k l", "m n o p"], vecs, 10)
    assert len(texts) == 10 and texts[:4] == ["a b c d", "e f g h", "i j k l", "m n o p"]
    assert np.allclose(out[:4], vecs, atol=1e-6) and np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5)
