"""Check-worthiness scorers side by side on CheckThat! 2024 task 1 (English): F1 of the Yes
class on fit, held-out (both from train, split once: seed 0, stratified 80/20) and dev.

    python -m benchmarks.checkworthy_compare [--json]

Every learned candidate is fitted on fit, with C, class weights and threshold chosen on
held-out (kb/train/checkworthy.py); dev is scored once, at the end, and never chosen on.
The shipped default is the candidate with the best held-out F1. No test split is read.
Featurising train (spaCy + MiniLM, 22.5k sentences) takes ~30 minutes on 2 busy cores the
first time; the features are kept in /tmp/cw_cache (``KB_CW_CACHE``), not in the repo.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer

EVAL = Path(os.environ.get("KB_EVAL") or Path(__file__).resolve().parent.parent.parent / "shared" / "eval")
CT24 = EVAL / "checkthat2024-task1-en"
TRAIN = CT24 / "CT24_checkworthy_english_train.tsv"
DEV = CT24 / "CT24_checkworthy_english_dev.tsv"
CACHE = Path(os.environ.get("KB_CW_CACHE", "/tmp/cw_cache"))

HAND_TUNED_ON = "CheckThat! 2024 dev, by eye (before issue 16)"
LEARNED_TUNED_ON = "CT24 train{rows}: fit 80% (seed 0); C, class weight, threshold on held-out 20%"


def _learned(rows: int | None) -> str:
    return LEARNED_TUNED_ON.format(rows=f" (first {rows} rows)" if rows else "")


def _row(name: str, tuned_on: str, scores: dict[str, float], threshold: float | None, **extra: Any) -> dict:
    return {
        "name": name,
        "tuned_on": tuned_on,
        "fit_f1": scores.get("fit"),
        "heldout_f1": scores.get("heldout"),
        "dev_f1": scores.get("dev"),
        "threshold": threshold,
        **extra,
    }


def compare_rows(
    train: Path = TRAIN, dev: Path = DEV, cache: Path | None = CACHE, rows: int | None = None
) -> list[dict]:
    """One dict per candidate scorer: hand weights, the all-Yes baseline, logistic regression
    over the named features, over MiniLM embeddings, and over both. Keys: ``name``,
    ``tuned_on`` (what its weights and threshold were chosen on, in words), ``fit_f1``,
    ``heldout_f1``, ``dev_f1`` (F1 of the Yes class on each part), ``threshold`` (the
    decision cut on the candidate's probability; None for all-Yes), ``settings`` (C and
    class weight) and ``default`` (True for the candidate ingest ships: best held-out F1).
    ``rows``: train on the first N rows of train only (default: as many as the shipped model
    used, its meta's ``rows``)."""
    from kb.nlp.checkworthy import SHIPPED_MODEL, load_scorer
    from kb.train.checkworthy import all_yes_scores, compare, head, pick, read_labelled

    rows = rows if rows is not None else load_scorer(str(SHIPPED_MODEL)).meta.get("rows")
    train_data, dev_data = head(read_labelled(train), rows), read_labelled(dev)
    cands = compare(train_data, dev_data, cache, data_name=train.name)
    best = pick(cands)
    out = [_row("baseline: all Yes", "nothing", all_yes_scores(train_data, dev_data), None, settings="")]
    for c in cands:
        out.append(
            _row(
                c.name,
                HAND_TUNED_ON if c.scorer is None else _learned(rows),
                c.scores,
                c.threshold,
                settings="" if c.scorer is None else f"C={c.C}, class_weight={c.class_weight or 'none'}",
                default=c is best,
            )
        )
    return out


def default_scorer_rows(train: Path = TRAIN, dev: Path = DEV, cache: Path | None = CACHE) -> list[dict]:
    """Three rows shaped as :func:`compare_rows`'s: the hand weights, the all-Yes baseline
    and the shipped default (kb/nlp/checkworthy_model.json) as ingest applies it, scored on
    the split its meta records (checked against the recorded hash of the fit ids)."""
    from kb.nlp.checkworthy import SHIPPED_MODEL, default_score, load_scorer
    from kb.train.checkworthy import (
        all_yes_scores,
        cached_featurise,
        f1_yes,
        head,
        ids_hash,
        read_labelled,
        split_once,
    )

    scorer = load_scorer(str(SHIPPED_MODEL))
    train_data, dev_data = head(read_labelled(train), scorer.meta.get("rows")), read_labelled(dev)
    fit, held = split_once(train_data, int(scorer.meta["split_seed"]))
    if ids_hash([train_data.ids[i] for i in fit]) != scorer.meta["fit_ids_sha256"]:
        raise RuntimeError(f"{train} does not split into the fit part {SHIPPED_MODEL.name} was trained on")
    emb, feats = cached_featurise(train_data.texts, cache)
    dev_emb, dev_feats = cached_featurise(dev_data.texts, cache)
    y, dy = train_data.labels, dev_data.labels

    def scores(p: np.ndarray, dp: np.ndarray, t: float) -> dict[str, float]:
        return {
            "fit": f1_yes(y[fit], p[fit] >= t),
            "heldout": f1_yes(y[held], p[held] >= t),
            "dev": f1_yes(dy, dp >= t),
        }

    hand = [default_score(f) for f in feats], [default_score(f) for f in dev_feats]
    return [
        _row("hand weights", HAND_TUNED_ON, scores(np.array(hand[0]), np.array(hand[1]), 0.5), 0.5, settings=""),
        _row("baseline: all Yes", "nothing", all_yes_scores(train_data, dev_data), None, settings=""),
        _row(
            f"kb default ({scorer.meta.get('parts')}, shipped)",
            _learned(scorer.meta.get("rows")),
            scores(scorer.score(emb, feats), scorer.score(dev_emb, dev_feats), scorer.threshold),
            scorer.threshold,
            settings=f"C={scorer.meta.get('C')}, class_weight={scorer.meta.get('class_weight')}",
        ),
    ]


app = typer.Typer(add_completion=False)


@app.command()
def main(
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
    shipped: Annotated[bool, typer.Option(help="Only hand weights, all-Yes and the shipped default.")] = False,
) -> None:
    """Print the comparison table (F1 of the Yes class)."""
    rows = default_scorer_rows() if shipped else compare_rows()
    if as_json:
        print(json.dumps(rows, indent=1))
        return
    print(f"{'scorer':<34} {'fit':>6} {'held-out':>8} {'dev':>6} {'thr':>5}  settings / tuned on")
    for r in rows:
        thr = "" if r["threshold"] is None else f"{r['threshold']:.2f}"
        mark = " *" if r.get("default") else ""
        print(
            f"{r['name'] + mark:<34} {r['fit_f1']:>6.3f} {r['heldout_f1']:>8.3f} {r['dev_f1']:>6.3f} {thr:>5}  "
            f"{r['settings']} ({r['tuned_on']})"
        )


if __name__ == "__main__":
    app()
