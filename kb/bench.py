"""Quality benchmarks on third-party data, each beside its baseline in the same run.

Dataset paths are arguments (defaults point to ``../shared/eval``), so the same commands
run on other splits. Tests never depend on this data.
"""

from __future__ import annotations

import csv
import gzip
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
TRAFILATURA_EVAL = EVAL / "trafilatura-eval" / "evaldata.json"
TRAFILATURA_HTML = EVAL / "trafilatura-eval" / "html"
CHECKTHAT_DEV = EVAL / "checkthat2024-task1-en" / "CT24_checkworthy_english_dev.tsv"


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _read_html(html_dir: Path, name: str) -> bytes | None:
    for candidate in (html_dir / name, html_dir / f"{name}.gz"):
        if candidate.exists():
            data = candidate.read_bytes()
            return gzip.decompress(data) if candidate.suffix == ".gz" else data
    return None


def bench_extraction(evaldata: Path = TRAFILATURA_EVAL, html_dir: Path = TRAFILATURA_HTML,
                     limit: int | None = None) -> dict[str, dict]:
    """Snippet precision/recall/F1 (trafilatura's evaluation): every ``with`` snippet found
    in the text is a true positive, every ``without`` snippet found is a false positive."""
    import trafilatura

    from kb.extract import Skip, extract

    def ours(html: bytes, url: str) -> str:
        try:
            return extract(html, url, None, require_article=False).text
        except Skip:
            return ""

    systems: dict[str, Callable[[bytes, str], str]] = {
        f"baseline: trafilatura {trafilatura.__version__} defaults": lambda h, u: trafilatura.extract(h, url=u) or "",
        "kb extract": ours,
    }
    items = list(json.loads(Path(evaldata).read_text()).items())[:limit]
    out = {}
    for name, fn in systems.items():
        prf, t0, pages = PRF(), time.perf_counter(), 0
        for url, item in items:
            html = _read_html(Path(html_dir), item["file"])
            if html is None:
                continue
            pages += 1
            text = fn(html, url)
            for s in item.get("with", []):
                if s in text:
                    prf.tp += 1
                else:
                    prf.fn += 1
            for s in item.get("without", []):
                if s in text:
                    prf.fp += 1
        out[name] = {**prf.as_dict(), "pages": pages, "seconds": round(time.perf_counter() - t0, 1)}
    return out


def read_checkworthy_tsv(path: Path) -> list[tuple[str, bool]]:
    rows = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = (row.get("class_label") or "").strip()
            if label not in ("Yes", "No"):
                continue  # e.g. the malformed "No29286" row in the 2024 train split
            rows.append((row["Text"].strip().strip('"').replace('""', '"'), label == "Yes"))
    return rows


def checkworthy_scores(texts: list[str]) -> list[float]:
    """The default, explainable scorer on free sentences (each text scored as a whole)."""
    from kb.checkworthy import default_score, sentence_features
    from kb.nlp import load_pipeline

    nlp = load_pipeline()
    return [default_score(sentence_features(doc[:], len(doc._.figures))) for doc in nlp.pipe(texts, batch_size=64)]


def bench_checkworthy(tsv: Path = CHECKTHAT_DEV, threshold: float = 0.5,
                      model: Path | None = None) -> dict[str, dict]:
    """F1 of the Yes class: all-Yes baseline, the default scorer, and a trained scorer
    (``model``, from ``kb train-checkworthy``) when given."""
    rows = read_checkworthy_tsv(Path(tsv))
    gold = [y for _, y in rows]
    t0 = time.perf_counter()
    scores = checkworthy_scores([t for t, _ in rows])
    seconds = time.perf_counter() - t0

    def prf(pred: list[bool]) -> PRF:
        p = PRF()
        for yhat, y in zip(pred, gold, strict=True):
            p.tp += yhat and y
            p.fp += yhat and not y
            p.fn += (not yhat) and y
        return p

    out = {
        "baseline: all Yes": {**prf([True] * len(gold)).as_dict(), "n": len(gold)},
        f"kb default (score >= {threshold})": {**prf([s >= threshold for s in scores]).as_dict(), "n": len(gold),
                                               "seconds": round(seconds, 1)},
    }
    if model is not None:
        from kb.checkworthy import TrainedScorer, featurise

        scorer = TrainedScorer.load(Path(model))
        t0 = time.perf_counter()
        emb, feats = featurise([t for t, _ in rows])
        probs = scorer.score(emb, feats)
        out[f"kb trained ({Path(model).name}, >= {scorer.threshold})"] = {
            **prf([bool(p >= scorer.threshold) for p in probs]).as_dict(), "n": len(gold),
            "seconds": round(time.perf_counter() - t0, 1)}
    return out
