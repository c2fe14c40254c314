"""Training a check-worthiness scorer (``kb train-checkworthy``): a logistic regression over
[sentence embedding, the default scorer's named features], applied at ingest by
:class:`kb.nlp.checkworthy.TrainedScorer`."""

from __future__ import annotations

from typing import Any

import numpy as np

from kb.nlp.checkworthy import TrainedScorer, feature_vector, sentence_features


def featurise(texts: list[str]) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """Embeddings and default features of free sentences (each text scored as a whole)."""
    from kb.nlp.embed import embed
    from kb.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    feats = [sentence_features(doc[:], len(doc._.figures)) for doc in nlp.pipe(texts, batch_size=128)]
    return embed(texts), feats


def train(texts: list[str], labels: list[bool], seed: int = 13) -> TrainedScorer:
    """Fit a logistic regression on [embedding, features]; the decision threshold is the
    one that maximises F1 on a held-out fifth of the training data."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import train_test_split

    emb, feats = featurise(texts)
    x = np.hstack([emb, np.stack([feature_vector(f) for f in feats])])
    y = np.array(labels, dtype=int)
    x_fit, x_val, y_fit, y_val = train_test_split(x, y, test_size=0.2, random_state=seed, stratify=y)
    model = LogisticRegression(max_iter=2000, C=1.0, class_weight="balanced")
    model.fit(x_fit, y_fit)
    p_val = model.predict_proba(x_val)[:, 1]

    def f1(threshold: float) -> float:
        return float(f1_score(y_val == 1, p_val >= threshold, zero_division=0))

    best = max(np.arange(0.2, 0.9, 0.02), key=f1)
    model.fit(x, y)
    return TrainedScorer(
        model.coef_[0].astype(np.float32),
        float(model.intercept_[0]),
        float(round(best, 2)),
        {"n": int(len(y)), "positives": int(y.sum()), "val_f1": round(f1(best), 4)},
    )
