"""Check-worthiness: how much a sentence asserts something a fact-checker could verify.

The default scorer needs no training data: a handful of named features, each with a
hand-set weight, summed and squashed into [0, 1]. The features are stored with every
claim so the UI can say *why* a claim scored high ("has a figure", "compares", ...).

``kb train-checkworthy`` (kb/train/checkworthy.py) fits a logistic regression on any
labelled TSV (``Text``, ``class_label`` Yes/No) over sentence embeddings plus these
features; :class:`TrainedScorer` applies it at ingest when ``KB_CHECKWORTHY_MODEL`` names it.

No spaCy import here: the read side explains stored features with :func:`explain`, and a
read must not load the NLP stack.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kb.errors import BadInput

if TYPE_CHECKING:
    from spacy.tokens import Span

#: feature -> weight of the default scorer (logit units). Positive: checkable content;
#: negative: opinion, intention, exhortation, questions.
WEIGHTS: dict[str, float] = {
    "bias": -1.6,
    "figure": 1.9,  # a number with a unit, currency or percent; a spelled-out quantity
    "number": 0.8,  # any other number
    "comparative": 0.7,  # more/less than, largest, record, doubled ...
    "named_entities": 0.45,  # per distinct named entity, at most 2
    "time_reference": 0.5,  # last year, since 2019, in the last eight years
    "past_or_present_fact": 0.6,  # a finite verb in past/present tense, not a modal
    "speaker": 0.6,  # attributed to a named source
    "reporting_verb": 0.3,
    "opinion": -1.1,  # I think, I believe, we need to, we have to, should
    "future_intent": -0.7,  # I will, we're going to, I want to
    "question": -2.0,
    "short": -1.2,  # fewer than 6 words
    "hedged": -0.2,
}

OPINION_PATTERNS = (
    "i think",
    "i believe",
    "i feel",
    "in my opinion",
    "we need to",
    "we have to",
    "we've got to",
    "we must",
    "you need to",
    "we should",
    "i'd like",
    "let me",
    "let's",
    "i hope",
    "i know how",
)
FUTURE_PATTERNS = (
    "i will",
    "i'll",
    "we will",
    "we'll",
    "i'm going to",
    "we're going to",
    "i want to",
    "we want to",
    "i'm gonna",
    "we're gonna",
)
COMPARATIVE_WORDS = {
    "more",
    "less",
    "fewer",
    "higher",
    "lower",
    "most",
    "least",
    "largest",
    "biggest",
    "smallest",
    "record",
    "double",
    "doubled",
    "tripled",
    "half",
    "fastest",
    "slowest",
    "cheaper",
    "than",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "rose",
    "fell",
    "grew",
    "cut",
    "dropped",
}
QUANTITY_WORDS = {
    "percent",
    "per",
    "cent",
    "million",
    "billion",
    "trillion",
    "thousand",
    "hundred",
    "dollars",
    "times",
    "half",
    "third",
    "quarter",
    "twice",
    "%",
}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "LOC", "FAC", "EVENT", "LAW"}
TIME_LABELS = {"DATE", "TIME"}


def sentence_features(span: Span | Sequence, figures: int = 0) -> dict[str, Any]:
    """Features of one sentence (or a run of sentences) from spaCy tokens."""
    tokens = [t for t in span if not t.is_space]
    words = [t for t in tokens if not t.is_punct]
    lower = " ".join(t.lower_ for t in tokens)
    names = {t.ent_type_ + ":" + t.text for t in tokens if t.ent_type_ in ENTITY_LABELS and t.ent_iob_ == "B"}
    has_time = any(t.ent_type_ in TIME_LABELS for t in tokens)
    numbers = [t for t in tokens if t.like_num and t.ent_type_ not in TIME_LABELS]
    spelled_quantity = any(t.like_num and t.i + 1 < len(t.doc) and t.nbor(1).lower_ in QUANTITY_WORDS for t in tokens)
    finite = [t for t in tokens if t.tag_ in ("VBD", "VBZ", "VBP", "VBN") and t.dep_ in ("ROOT", "ccomp", "conj")]
    modal_root = any(t.tag_ == "MD" and t.head.dep_ == "ROOT" for t in tokens)
    return {
        "figure": bool(figures) or spelled_quantity,
        "number": bool(numbers) and not (figures or spelled_quantity),
        "comparative": any(t.lower_ in COMPARATIVE_WORDS or t.tag_ in ("JJR", "JJS", "RBR", "RBS") for t in tokens),
        "named_entities": min(len(names), 2),
        "time_reference": has_time,
        "past_or_present_fact": bool(finite) and not modal_root,
        "opinion": any(p in lower for p in OPINION_PATTERNS),
        "future_intent": any(p in lower for p in FUTURE_PATTERNS),
        "question": lower.rstrip(" \"”'").endswith("?"),
        "short": len(words) < 6,
    }


def default_score(features: dict[str, Any]) -> float:
    """Weighted sum of the features, squashed to [0, 1] with the logistic function."""
    z = WEIGHTS["bias"]
    for name, value in features.items():
        w = WEIGHTS.get(name)
        if w is not None:
            z += w * float(value)
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def explain(features: dict[str, Any]) -> list[str]:
    """The features that raised or lowered a score, strongest first, in words."""
    labels = {
        "figure": "has a figure",
        "number": "has a number",
        "comparative": "compares or measures change",
        "named_entities": "names people or organisations",
        "time_reference": "refers to a time",
        "past_or_present_fact": "states a fact",
        "speaker": "attributed to a named source",
        "reporting_verb": "reported speech",
        "opinion": "opinion or exhortation",
        "future_intent": "states an intention",
        "question": "a question",
        "short": "very short",
        "hedged": "hedged",
    }
    parts = [
        (WEIGHTS.get(k, 0) * float(v), k)
        for k, v in features.items()
        if v and k in labels and WEIGHTS.get(k, 0) != 0 and not isinstance(v, str)
    ]
    return [("+ " if w > 0 else "− ") + labels[k] for w, k in sorted(parts, key=lambda p: -abs(p[0]))]


# -- trained scorer -------------------------------------------------------------------

FEATURE_ORDER = [k for k in WEIGHTS if k != "bias"]


def feature_vector(features: dict[str, Any]) -> np.ndarray:
    return np.array([float(features.get(k, 0)) for k in FEATURE_ORDER], dtype=np.float32)


class TrainedScorer:
    """Logistic regression over [embedding, features]; stored as plain JSON."""

    def __init__(self, coef: np.ndarray, intercept: float, threshold: float, meta: dict[str, Any]) -> None:
        self.coef, self.intercept, self.threshold, self.meta = coef, intercept, threshold, meta

    def score(self, embeddings: np.ndarray, features: list[dict[str, Any]]) -> np.ndarray:
        x = np.hstack([embeddings, np.stack([feature_vector(f) for f in features])]) if len(features) else embeddings
        z = x @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def save(self, path: Path) -> None:
        path.write_text(
            json.dumps(
                {
                    "coef": self.coef.tolist(),
                    "intercept": self.intercept,
                    "threshold": self.threshold,
                    "features": FEATURE_ORDER,
                    "meta": self.meta,
                }
            )
        )

    @classmethod
    def load(cls, path: Path) -> TrainedScorer:
        d = json.loads(Path(path).read_text())
        if d.get("features") != FEATURE_ORDER:
            raise BadInput(f"{path} was trained with other features: retrain with `kb train-checkworthy`")
        return cls(np.array(d["coef"], dtype=np.float32), float(d["intercept"]), float(d["threshold"]), d["meta"])


@functools.lru_cache(maxsize=4)
def load_scorer(path: str) -> TrainedScorer:
    """The trained scorer saved at ``path`` (read once per process)."""
    return TrainedScorer.load(Path(path))
