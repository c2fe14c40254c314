"""Check-worthiness: the shipped learned scorer is ingest's default, its reasons are stored
and explained without the NLP stack, and training chooses on held-out, never on dev."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kb.config import EMBED_DIM, IngestSettings
from kb.nlp import checkworthy
from kb.nlp.checkworthy import FEATURE_ORDER, SHIPPED_MODEL, TrainedScorer, explain

TEXT = (
    "In a report, Gartner estimates that by 2024, 60% of the data used for AI will be synthetic.\n"
    "According to IDC, smartphone shipments rose 7% in the quarter.\n"
    "“I think we need to work together on this,” said Maria Lopez, the mayor of Springfield.\n"
    "“We will fight for you every single day,” Senator Tom Reed told the crowd on Tuesday."
)


@pytest.fixture(scope="module")
def embedded_claims(nlp):
    from kb.nlp.embed import embed

    claims = nlp(TEXT)._.claims
    for c, v in zip(claims, embed([c.text for c in claims]), strict=True):
        c.embedding = v.tolist()
    return claims


def _copies(claims):
    import copy

    return [copy.deepcopy(c) for c in claims]


def test_checkworthy_shipped_model_is_small_and_records_its_protocol():
    assert SHIPPED_MODEL.stat().st_size < 1_000_000
    meta = json.loads(SHIPPED_MODEL.read_text())["meta"]
    assert meta["data"] == "CT24_checkworthy_english_train.tsv" and meta["dev"] == "CT24_checkworthy_english_dev.tsv"
    assert meta["split_seed"] == 0 and len(meta["fit_ids_sha256"]) == 16
    assert meta["n_fit"] + meta["n_heldout"] == meta["n_train"] == meta["rows"] >= 5000
    assert {"fit_f1", "heldout_f1", "dev_f1"} <= set(meta["scores"])
    # the default was chosen by held-out F1, over every learned candidate
    learned = [r for r in meta["candidates"] if r["name"].startswith("LR ")]
    assert meta["scores"]["heldout_f1"] == max(r["heldout_f1"] for r in learned)


def test_checkworthy_ingest_uses_the_shipped_model_by_default(embedded_claims):
    from kb.ingest.batch import rescore

    claims = _copies(embedded_claims)
    hand = [c.checkworthiness for c in claims]
    rescore(claims, IngestSettings())
    assert all(c.features["scorer"] == "checkworthy_model" for c in claims)
    assert [c.features["default_score"] for c in claims] == hand
    assert [c.checkworthiness for c in claims] != hand
    stat = next(c for c in claims if "smartphone shipments" in c.text)
    opinion = next(c for c in claims if "I think" in c.text)
    intention = next(c for c in claims if "We will fight" in c.text)
    # the hand weights put the promise above 0.5; the learned model reads it as not checkable
    assert intention.features["default_score"] >= 0.5 > intention.checkworthiness
    assert stat.checkworthiness >= 0.5 > opinion.checkworthiness
    assert "+ has a figure" in explain(stat.features)
    assert any(r.endswith("opinion or exhortation") and r.startswith("−") for r in explain(opinion.features))
    assert any("wording" in r for c in claims for r in explain(c.features))


def test_checkworthy_hand_setting_keeps_the_hand_weights(embedded_claims):
    from kb.ingest.batch import rescore

    claims = _copies(embedded_claims)
    hand = [c.checkworthiness for c in claims]
    rescore(claims, IngestSettings(checkworthy_model="hand"))
    assert [c.checkworthiness for c in claims] == hand
    assert not any("scorer" in c.features for c in claims)


def test_checkworthy_contributions_add_up_to_the_score():
    rng = np.random.default_rng(0)
    n = len(FEATURE_ORDER)
    scorer = TrainedScorer(
        rng.normal(size=EMBED_DIM),
        rng.normal(size=n),
        rng.random(n),
        rng.random(n) + 0.5,
        -0.3,
        0.5,
        {},
        rng.normal(size=EMBED_DIM) / 20,
    )
    emb = rng.normal(size=(3, EMBED_DIM))
    feats = [{k: 1 for k in FEATURE_ORDER}] * 3
    logits = scorer.logits(emb, feats)
    base = scorer.intercept + scorer.emb_mean @ scorer.emb_coef
    for lo, why in zip(logits, scorer.contributions(emb, feats), strict=True):
        assert sum(why.values()) + base == pytest.approx(lo, abs=0.01 * len(why))


def test_checkworthy_model_round_trips_through_json(tmp_path):
    scorer = checkworthy.load_scorer(str(SHIPPED_MODEL))
    path = tmp_path / "m.json"
    scorer.save(path)
    again = TrainedScorer.load(path)
    emb = np.random.default_rng(1).normal(size=(2, EMBED_DIM))
    feats = [{"figure": True, "question": False}, {"opinion": True, "short": True}]
    assert np.allclose(again.score(emb, feats), scorer.score(emb, feats), atol=1e-5)


@pytest.mark.parametrize(
    ("features", "expected"),
    [
        (
            {"figure": True, "contributions": {"figure": 0.9, "wording": 1.4}},
            ["+ wording like check-worthy sentences", "+ has a figure"],
        ),
        (
            {"question": True, "contributions": {"question": -1.2, "wording": -0.3}},
            ["− a question", "− wording unlike check-worthy sentences"],
        ),
        ({"figure": True, "hedged": True}, ["+ has a figure", "− hedged"]),  # hand weights: as before
    ],
)
def test_checkworthy_explain_reads_stored_reasons(features, expected):
    assert explain(features) == expected


def test_checkworthy_reads_the_merged_row_as_two(tmp_path):
    from kb.train.checkworthy import read_labelled

    tsv = tmp_path / "t.tsv"
    tsv.write_text(
        "Sentence_id\tText\tclass_label\n1\tWe cut taxes by 10%.\tYes\n"
        "24098\tWe've got to invest and grow.\tNo29286\tYou can't bring back jobs.\tNo\n"
    )
    data = read_labelled(tsv)
    assert data.ids == ["1", "24098", "29286"]
    assert data.texts[2] == "You can't bring back jobs." and data.labels.tolist() == [True, False, False]


def test_checkworthy_training_never_chooses_on_dev(tmp_path):
    from kb.train.checkworthy import Labelled, compare, pick

    yes = [f"Unemployment fell to {n}% in {2000 + n}, the lowest rate in a decade." for n in range(3, 23)]
    no = [f"Thank you so much, it is great to be here with you number {n} tonight." for n in range(20)]
    odd = [f"We will fight for you every single day, number {n}." for n in range(10)]
    texts = yes + no + odd
    train = Labelled([str(i) for i in range(len(texts))], texts, np.array([True] * 20 + [False] * 30))
    dev = Labelled(["a", "b"], [yes[0], no[0]], np.array([True, False]))
    flipped = Labelled(["a", "b"], [yes[0], no[0]], np.array([False, True]))
    one, two = compare(train, dev, tmp_path), compare(train, flipped, tmp_path)
    assert [(c.name, c.threshold, c.C, c.class_weight) for c in one] == [
        (c.name, c.threshold, c.C, c.class_weight) for c in two
    ]
    assert pick(one).name == pick(two).name
    assert pick(one).scores["dev"] != pick(two).scores["dev"]
