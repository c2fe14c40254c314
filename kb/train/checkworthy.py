"""Training the check-worthiness scorer (``kb train-checkworthy``) and the comparison of
candidate scorers it chooses from.

Protocol (issue 16): the labelled *train* file is split once (seeded, stratified 80/20)
into *fit* and *held-out*. Every candidate is fitted on fit; its hyperparameters (C,
class weights) and its decision threshold are chosen on held-out only; the winner is the
candidate with the best held-out F1 of the Yes class. A dev file, when given, is scored
once at the end and only reported. The shipped default (``kb/nlp/checkworthy_model.json``)
was made this way from CheckThat! 2024 task 1 (English) train; its meta records the data,
the split seed, a hash of the fit ids, the settings and the scores.

Candidates: the hand weights (no fitting), logistic regression over the named features,
over MiniLM sentence embeddings, and over both (features standardised on fit).

A sentence is featurised as ingest does a claim: the spaCy pipeline's named features (with
the claim component's speaker, reporting verb and hedging when it reads the sentence as a
claim) and the MiniLM embedding of the text.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kb.nlp.checkworthy import (
    FEATURE_ORDER,
    TrainedScorer,
    default_score,
    feature_vector,
    sentence_features,
)

SPLIT_SEED = 0
HELDOUT_FRACTION = 0.2
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
# unweighted only: the threshold chosen on held-out already sets the balance of the classes
CLASS_WEIGHTS: tuple[str | None, ...] = (None,)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.10, 0.91, 0.01))
CACHE_VERSION = "cw-feat-1"


# -- data -----------------------------------------------------------------------------


@dataclass
class Labelled:
    ids: list[str]
    texts: list[str]
    labels: np.ndarray  # bool


_MERGED = re.compile(r"^(Yes|No)(\d+)$")


def read_labelled(path: Path) -> Labelled:
    """Sentence ids, texts and Yes/No labels of a CheckThat! TSV (Sentence_id, Text,
    class_label). The one malformed row of CT24 train ("No29286": two rows on one line,
    the newline lost) is read back as the two rows it holds."""
    ids: list[str] = []
    texts: list[str] = []
    labels: list[bool] = []

    def add(sid: str, text: str, label: str) -> None:
        ids.append(sid.strip())
        texts.append(text.strip().strip('"').replace('""', '"'))
        labels.append(label.strip() == "Yes")

    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        i_id, i_text, i_label = header.index("Sentence_id"), header.index("Text"), header.index("class_label")
        for row in reader:
            if len(row) <= i_label:
                continue
            label = row[i_label].strip()
            merged = _MERGED.match(label)
            if merged and len(row) >= i_label + 3:
                add(row[i_id], row[i_text], merged.group(1))
                add(merged.group(2), row[i_label + 1], row[i_label + 2])
            elif label in ("Yes", "No"):
                add(row[i_id], row[i_text], label)
    return Labelled(ids, texts, np.array(labels, dtype=bool))


def head(data: Labelled, rows: int | None) -> Labelled:
    """The first ``rows`` rows (all with None): a budget on featurising, in file order."""
    if rows is None or rows >= len(data.ids):
        return data
    return Labelled(data.ids[:rows], data.texts[:rows], data.labels[:rows])


def split_once(data: Labelled, seed: int = SPLIT_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Indices of fit and held-out: one seeded, stratified 80/20 split."""
    from sklearn.model_selection import train_test_split

    idx = np.arange(len(data.labels))
    fit, held = train_test_split(idx, test_size=HELDOUT_FRACTION, random_state=seed, stratify=data.labels)
    return np.sort(fit), np.sort(held)


def ids_hash(ids: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:16]


# -- features ---------------------------------------------------------------------------


def featurise(texts: list[str]) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """MiniLM embeddings and named features of free sentences, as ingest makes them for a
    claim: the claim component's speaker / reporting verb / hedging where it reads the text
    as a claim (hedging from the same word list where it does not)."""
    from kb.nlp.claims import HEDGES
    from kb.nlp.embed import embed
    from kb.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    feats = []
    for doc in nlp.pipe(texts, batch_size=128):
        f = sentence_features(doc[:], len(doc._.figures))
        claims = doc._.claims
        f["speaker"] = any(c.features.get("speaker") for c in claims)
        f["reporting_verb"] = any(c.features.get("reporting_verb") for c in claims)
        f["hedged"] = any(c.hedged for c in claims) or bool({t.lemma_.lower() for t in doc} & HEDGES)
        feats.append(f)
    return embed(texts, batch_size=64, threads=1), feats


def cached_featurise(
    texts: list[str], cache_dir: Path | None, progress: Callable[[str], None] = lambda m: None
) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """:func:`featurise`, kept in ``cache_dir`` (keyed by the texts) between runs."""
    key = hashlib.sha256((CACHE_VERSION + "\x00" + "\x00".join(texts)).encode()).hexdigest()[:20]
    if cache_dir is not None:
        npz, js = cache_dir / f"{key}.npz", cache_dir / f"{key}.json"
        if npz.is_file() and js.is_file():
            return np.load(npz)["emb"], json.loads(js.read_text())
    t0 = time.perf_counter()
    progress(f"featurising {len(texts)} sentences (spaCy + MiniLM) ...")
    emb, feats = featurise(texts)
    progress(f"featurised in {time.perf_counter() - t0:.0f} s")
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        np.savez(cache_dir / f"{key}.npz", emb=emb)
        (cache_dir / f"{key}.json").write_text(json.dumps(feats))
    return emb, feats


# -- candidates -------------------------------------------------------------------------


def f1_yes(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = int(np.sum(gold & pred))
    fp = int(np.sum(~gold & pred))
    fn = int(np.sum(gold & ~pred))
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0


def best_threshold(gold: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    """(threshold, F1) maximising F1 of the Yes class; ties go to the threshold nearest 0.5."""
    scored = [(f1_yes(gold, probs >= t), -abs(t - 0.5), t) for t in THRESHOLDS]
    f1, _, t = max(scored)
    return t, f1


@dataclass
class Candidate:
    name: str
    parts: str  # "hand", "features", "embedding", "both"
    scorer: TrainedScorer | None = None  # None: the hand weights
    threshold: float = 0.5
    C: float | None = None
    class_weight: str | None = None
    scores: dict[str, float] = field(default_factory=dict)  # fit, heldout, dev F1

    def probs(self, emb: np.ndarray, feats: list[dict[str, Any]]) -> np.ndarray:
        if self.scorer is None:
            return np.array([default_score(f) for f in feats])
        return self.scorer.score(emb, feats)


def _design(parts: str, emb: np.ndarray, fv: np.ndarray) -> np.ndarray:
    if parts == "features":
        return fv
    if parts == "embedding":
        return emb
    return np.hstack([emb, fv])


def fit_candidate(
    parts: str,
    emb: np.ndarray,
    feats: list[dict[str, Any]],
    y: np.ndarray,
    fit: np.ndarray,
    held: np.ndarray,
    meta: dict[str, Any],
) -> Candidate:
    """Logistic regression over ``parts`` fitted on ``fit``; C, class weights and the
    threshold chosen by F1 on ``held``. Named features are standardised with fit's mean and
    spread; embeddings (unit vectors) are used as they are."""
    from sklearn.linear_model import LogisticRegression

    fv_all = np.stack([feature_vector(f) for f in feats]).astype(np.float64)
    mean = fv_all[fit].mean(axis=0)
    scale = fv_all[fit].std(axis=0)
    scale[scale == 0] = 1.0
    fv = (fv_all - mean) / scale
    x = _design(parts, emb.astype(np.float64), fv)
    best: tuple[float, float, float, str | None, Any] | None = None
    for cw in CLASS_WEIGHTS:
        for c in C_GRID:
            model = LogisticRegression(C=c, class_weight=cw, max_iter=3000)
            model.fit(x[fit], y[fit])
            t, f1 = best_threshold(y[held], model.predict_proba(x[held])[:, 1])
            if best is None or f1 > best[0]:
                best = (f1, t, c, cw, model)
    assert best is not None
    _, threshold, c, cw, model = best
    coef = model.coef_[0]
    n_emb = emb.shape[1] if parts in ("embedding", "both") else 0
    emb_coef = coef[:n_emb] if n_emb else np.zeros(0)
    feat_coef = coef[n_emb:] if parts in ("features", "both") else np.zeros(len(FEATURE_ORDER))
    emb_mean = emb[fit].mean(axis=0) if n_emb else np.zeros(0)
    scorer = TrainedScorer(
        emb_coef=emb_coef,
        feat_coef=feat_coef,
        feat_mean=mean,
        feat_scale=scale,
        intercept=float(model.intercept_[0]),
        threshold=threshold,
        emb_mean=emb_mean,
        meta={**meta, "parts": parts, "C": c, "class_weight": cw or "none"},
    )
    return Candidate(f"LR {parts}", parts, scorer, threshold, c, cw)


def compare(
    train: Labelled,
    dev: Labelled | None = None,
    cache_dir: Path | None = None,
    seed: int = SPLIT_SEED,
    progress: Callable[[str], None] = lambda m: None,
    data_name: str = "",
) -> list[Candidate]:
    """Every candidate fitted and chosen as the module docstring says, with F1 (Yes) on fit,
    held-out and (when given) dev. The first LR candidate with the best held-out F1 is the
    one :func:`pick` returns."""
    emb, feats = cached_featurise(train.texts, cache_dir, progress)
    y = train.labels
    fit, held = split_once(train, seed)
    meta = {
        "data": data_name,
        "n_train": int(len(y)),
        "n_fit": int(len(fit)),
        "n_heldout": int(len(held)),
        "positives_fit": int(y[fit].sum()),
        "split": f"stratified {1 - HELDOUT_FRACTION:.0%}/{HELDOUT_FRACTION:.0%}, seed {seed}",
        "split_seed": seed,
        "fit_ids_sha256": ids_hash([train.ids[i] for i in fit]),
        "heldout_ids_sha256": ids_hash([train.ids[i] for i in held]),
        "grid": {
            "C": list(C_GRID),
            "class_weight": [w or "none" for w in CLASS_WEIGHTS],
            "threshold": "0.10..0.90 by 0.01",
        },
    }
    cands = [Candidate("hand weights", "hand")]  # its own cut: 0.5, a logit of 0
    for parts in ("features", "embedding", "both"):
        progress(f"fitting LR over {parts} ...")
        cands.append(fit_candidate(parts, emb, feats, y, fit, held, meta))
    dev_x = cached_featurise(dev.texts, cache_dir, progress) if dev is not None else None
    for cand in cands:
        p = cand.probs(emb, feats)
        cand.scores["fit"] = f1_yes(y[fit], p[fit] >= cand.threshold)
        cand.scores["heldout"] = f1_yes(y[held], p[held] >= cand.threshold)
        if dev is not None and dev_x is not None:
            cand.scores["dev"] = f1_yes(dev.labels, cand.probs(*dev_x) >= cand.threshold)
    return cands


def all_yes_scores(train: Labelled, dev: Labelled | None, seed: int = SPLIT_SEED) -> dict[str, float]:
    fit, held = split_once(train, seed)
    out = {
        "fit": f1_yes(train.labels[fit], np.ones(len(fit), bool)),
        "heldout": f1_yes(train.labels[held], np.ones(len(held), bool)),
    }
    if dev is not None:
        out["dev"] = f1_yes(dev.labels, np.ones(len(dev.labels), bool))
    return out


def pick(cands: list[Candidate]) -> Candidate:
    """The learned candidate with the best held-out F1 (never chosen on dev)."""
    learned = [c for c in cands if c.scorer is not None]
    return max(learned, key=lambda c: c.scores["heldout"])


def train(texts: list[str], labels: list[bool], seed: int = SPLIT_SEED) -> TrainedScorer:
    """The chosen scorer for any labelled sentences (their ids: row numbers)."""
    data = Labelled([str(i) for i in range(len(texts))], list(texts), np.array(labels, dtype=bool))
    return finish(pick(compare(data, seed=seed)))


def finish(best: Candidate) -> TrainedScorer:
    """The winning candidate's scorer, its held-out threshold folded into the intercept (a
    score >= 0.5 is then "check-worthy", as with the hand weights) and its scores in the meta."""
    assert best.scorer is not None
    scorer = best.scorer
    t = min(max(best.threshold, 1e-6), 1 - 1e-6)
    scorer.intercept -= math.log(t / (1 - t))
    scorer.threshold = 0.5
    scorer.meta["threshold_heldout"] = best.threshold
    scorer.meta["threshold_note"] = "chosen on held-out, folded into the intercept: score >= 0.5 is Yes"
    scorer.meta["scores"] = {k + "_f1": v for k, v in best.scores.items()}
    scorer.meta["val_f1"] = best.scores["heldout"]
    return scorer


def table(cands: list[Candidate], all_yes: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """One row per candidate (and the all-Yes baseline): name, F1 (Yes) on fit, held-out,
    dev (None when not scored), threshold and settings."""
    rows = []
    if all_yes is not None:
        rows.append(
            {
                "name": "baseline: all Yes",
                "fit_f1": all_yes["fit"],
                "heldout_f1": all_yes["heldout"],
                "dev_f1": all_yes.get("dev"),
                "threshold": None,
                "settings": "",
            }
        )
    for c in cands:
        settings = "" if c.scorer is None else f"C={c.C}, class_weight={c.class_weight or 'none'}"
        rows.append(
            {
                "name": c.name,
                "fit_f1": c.scores.get("fit"),
                "heldout_f1": c.scores.get("heldout"),
                "dev_f1": c.scores.get("dev"),
                "threshold": c.threshold,
                "settings": settings,
            }
        )
    return rows
