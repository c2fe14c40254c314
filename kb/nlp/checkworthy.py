"""Check-worthiness: how much a sentence asserts something a fact-checker could verify.

Named features of a sentence ("has a figure", "compares", "a question", ...) are computed
by the claim component and stored with every claim. Two scorers read them:

- the hand weights (:data:`WEIGHTS`, :func:`default_score`): summed and squashed into
  [0, 1]; the claim component's score, and what ingest keeps with
  ``KB_CHECKWORTHY_MODEL=hand``;
- a learned :class:`TrainedScorer`, logistic regression over [MiniLM embedding of the
  claim, standardised features]. Ingest applies the shipped one
  (``checkworthy_model.json``, trained on CheckThat! 2024 train by ``kb train-checkworthy``;
  its meta records data, split, settings and scores) unless ``KB_CHECKWORTHY_MODEL`` names
  another file. Its score replaces the hand one (kept as ``features["default_score"]``)
  and its reasons are stored as ``features["contributions"]``: each feature's
  ``coef x standardised value`` and the wording (embedding) part, in logit units.

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
    learned = features.get("contributions")
    if isinstance(learned, dict):  # a learned scorer's own reasons (see TrainedScorer.contributions)
        parts = [(float(w), k) for k, w in learned.items() if (k in labels or k == WORDING) and w]
    else:
        parts = [
            (WEIGHTS.get(k, 0) * float(v), k)
            for k, v in features.items()
            if v and k in labels and WEIGHTS.get(k, 0) != 0 and not isinstance(v, str)
        ]
    return [_reason(w, k, labels) for w, k in sorted(parts, key=lambda p: -abs(p[0]))]


def _reason(weight: float, key: str, labels: dict[str, str]) -> str:
    if key == WORDING:
        return "+ wording like check-worthy sentences" if weight > 0 else "− wording unlike check-worthy sentences"
    return ("+ " if weight > 0 else "− ") + labels[key]


# -- trained scorer -------------------------------------------------------------------

FEATURE_ORDER = [k for k in WEIGHTS if k != "bias"]

#: the learned scorer shipped with kb (CheckThat! 2024 train; ``kb train-checkworthy``):
#: ingest uses it unless ``KB_CHECKWORTHY_MODEL`` names another file, or ``hand``
SHIPPED_MODEL = Path(__file__).with_name("checkworthy_model.json")
#: the ``KB_CHECKWORTHY_MODEL`` value that keeps the hand weights
HAND = "hand"
WORDING = "wording"  # the embedding part of a learned score, in explanations
MIN_CONTRIBUTION = 0.05  # logit: smaller contributions are not worth a reason


def feature_vector(features: dict[str, Any]) -> np.ndarray:
    return np.array([float(features.get(k, 0)) for k in FEATURE_ORDER], dtype=np.float32)


class TrainedScorer:
    """Logistic regression over [sentence embedding, standardised named features];
    stored as plain JSON.

    ``score`` is the probability of check-worthy; ``threshold`` the decision cut (the
    shipped model has its held-out threshold folded into the intercept, so 0.5).
    ``contributions`` says why: each named feature's ``coef x standardised value`` and the
    embedding's ``coef . (embedding - mean embedding of the fit data)`` ("wording")."""

    def __init__(
        self,
        emb_coef: np.ndarray,
        feat_coef: np.ndarray,
        feat_mean: np.ndarray,
        feat_scale: np.ndarray,
        intercept: float,
        threshold: float,
        meta: dict[str, Any],
        emb_mean: np.ndarray | None = None,
    ) -> None:
        self.emb_coef = np.asarray(emb_coef, dtype=np.float64)
        self.feat_coef = np.asarray(feat_coef, dtype=np.float64)
        self.feat_mean = np.asarray(feat_mean, dtype=np.float64)
        self.feat_scale = np.asarray(feat_scale, dtype=np.float64)
        self.intercept, self.threshold, self.meta = float(intercept), float(threshold), meta
        self.emb_mean = np.asarray(emb_mean if emb_mean is not None else np.zeros(len(self.emb_coef)), np.float64)

    @property
    def name(self) -> str:
        return str(self.meta.get("name", "trained"))

    def _feature_part(self, features: list[dict[str, Any]]) -> np.ndarray:
        if not features:
            return np.zeros((0, len(FEATURE_ORDER)))
        fv = np.stack([feature_vector(f) for f in features]).astype(np.float64)
        return (fv - self.feat_mean) / self.feat_scale * self.feat_coef

    def _wording_part(self, embeddings: np.ndarray, n: int) -> np.ndarray:
        if not len(self.emb_coef):
            return np.zeros(n)
        return (np.asarray(embeddings, dtype=np.float64) - self.emb_mean) @ self.emb_coef

    def logits(self, embeddings: np.ndarray, features: list[dict[str, Any]]) -> np.ndarray:
        n = len(features)
        base = self.intercept + (self.emb_mean @ self.emb_coef if len(self.emb_coef) else 0.0)
        return base + self._feature_part(features).sum(axis=1) + self._wording_part(embeddings, n)

    def score(self, embeddings: np.ndarray, features: list[dict[str, Any]]) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(embeddings, features)))

    def contributions(self, embeddings: np.ndarray, features: list[dict[str, Any]]) -> list[dict[str, float]]:
        """Per sentence, the signed logit contribution of each named feature present and of
        the wording, rounded; the ones under :data:`MIN_CONTRIBUTION` left out."""
        feat = self._feature_part(features)
        wording = self._wording_part(embeddings, len(features))
        out = []
        for f, row, w in zip(features, feat, wording, strict=True):
            parts = {k: round(float(v), 2) for k, v in zip(FEATURE_ORDER, row, strict=True) if f.get(k)}
            parts[WORDING] = round(float(w), 2)
            out.append({k: v for k, v in parts.items() if abs(v) >= MIN_CONTRIBUTION})
        return out

    def save(self, path: Path) -> None:
        path.write_text(
            json.dumps(
                {
                    "format": 2,
                    "features": FEATURE_ORDER,
                    "intercept": round(self.intercept, 6),
                    "threshold": self.threshold,
                    "feature_coef": [round(float(v), 6) for v in self.feat_coef],
                    "feature_mean": [round(float(v), 6) for v in self.feat_mean],
                    "feature_scale": [round(float(v), 6) for v in self.feat_scale],
                    "embedding_coef": [round(float(v), 6) for v in self.emb_coef],
                    "embedding_mean": [round(float(v), 6) for v in self.emb_mean],
                    "meta": self.meta,
                },
                indent=1,
            )
            + "\n"
        )

    @classmethod
    def load(cls, path: Path) -> TrainedScorer:
        try:
            d = json.loads(Path(path).read_text())
        except (OSError, ValueError) as exc:
            raise BadInput(f"cannot read check-worthiness model {path}: {exc}") from exc
        if d.get("features") != FEATURE_ORDER:
            raise BadInput(f"{path} was trained with other features: retrain with `kb train-checkworthy`")
        n = len(FEATURE_ORDER)
        if d.get("format") != 2:  # the first format: one coef over [embedding, raw features]
            coef = np.array(d["coef"], dtype=np.float64)
            return cls(coef[:-n], coef[-n:], np.zeros(n), np.ones(n), d["intercept"], d["threshold"], d["meta"])
        return cls(
            np.array(d["embedding_coef"]),
            np.array(d["feature_coef"]),
            np.array(d["feature_mean"]),
            np.array(d["feature_scale"]),
            d["intercept"],
            d["threshold"],
            d["meta"],
            np.array(d["embedding_mean"]),
        )


@functools.lru_cache(maxsize=4)
def load_scorer(path: str) -> TrainedScorer:
    """The trained scorer saved at ``path`` (read once per process)."""
    return TrainedScorer.load(Path(path))


def scorer_for(setting: str | None) -> TrainedScorer | None:
    """The scorer ingest applies for a ``KB_CHECKWORTHY_MODEL`` value: unset, the shipped
    learned model; ``hand``, none (the hand weights' score stands); else the file named."""
    if setting is not None and setting.strip().lower() == HAND:
        return None
    return load_scorer(str(SHIPPED_MODEL) if not setting else setting)
