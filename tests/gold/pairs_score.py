"""Score the fact-tracking detectors on the hand-labelled claim pairs (tests/gold/pairs.py).

Each side of a pair goes through the real pipeline (spaCy claims, speakers, figures with
their years resolved against the side's publication date, MiniLM embeddings) and becomes
the :class:`kb.contradict.ClaimView` tracking would see; then the detectors and
:func:`kb.contradict.same_claim` judge the pair.

- flags, per reason: a predicted reason matching the gold one is a true positive; a
  predicted flag with another reason (or on a pair labelled None) is a false positive for
  the predicted reason, and a missed gold reason a false negative.
- any flag: the same, ignoring which reason.
- false-flag rate: share of pairs labelled None that got any flag.
- same claim: P/R/F1 of ``same``.
- forecasts: P/R/F1 of ``due``.

Run: ``python -m tests.gold.pairs_score``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from benchmarks.quality import PRF
from kb.tracking.contradict import ClaimView, FigureView, detect_pair, forecast_due, same_claim

REASONS = ("figure_conflict", "revision", "polarity")


def _view(nlp, side: dict, cid: int, ids: dict[str, int]):
    from kb.nlp import embed
    from kb.nlp import figures as figmod

    text = side["text"]
    published = datetime.fromisoformat(side["published"]).replace(tzinfo=UTC)
    doc = nlp(text)
    claims = list(doc._.claims)
    c = max(claims, key=lambda x: x.char_end - x.char_start) if claims else None

    def eid(ref) -> int:
        return ids.setdefault(ref.key, len(ids) + 1)

    figs = []
    for i, f in enumerate(c.figures if c else figmod.find_figures(text)):
        year = figmod.resolve_year(f.time_ref, published.year)
        figs.append(
            FigureView(
                cid * 100 + i, f.kind, f.value, f.unit, f.raw, f.lower, f.upper, f.approx, f.time_ref, year, f.subject
            )
        )
    return ClaimView(
        claim_id=cid,
        text=text,
        article_id=cid,
        source=side.get("source"),
        published=published,
        kind=c.kind if c else "statistic",
        speaker_id=eid(c.speaker) if c and c.speaker else None,
        speaker=c.speaker.name if c and c.speaker else None,
        entity_ids=frozenset(eid(e) for e in c.entities) if c else frozenset(),
        negated=c.negated if c else False,
        hedged=c.hedged if c else False,
        figures=figs,
        claim_key=f"gold{cid}",
        vec=embed.embed([text])[0],
    )


def judge_pairs(nlp, pairs: list[dict]) -> list[tuple[dict, str | None, bool, float]]:
    """(pair, predicted reason or None, predicted same, cosine) for every pair."""
    ids: dict[str, int] = {}
    out = []
    for i, p in enumerate(pairs):
        a, b = _view(nlp, p["a"], 2 * i + 1, ids), _view(nlp, p["b"], 2 * i + 2, ids)
        cos = float(a.vec @ b.vec)
        flag = detect_pair(a, b, cos)
        out.append((p, flag.reason if flag else None, same_claim(a, b, cos), cos))
    return out


def gold_sets() -> dict[str, tuple[list[dict], list[dict]]]:
    """Every labelled set present, by name: pairs (independent) and pairs_lead."""
    import importlib

    sets = {}
    for name in ("pairs", "pairs_lead", "pairs_holdout"):
        try:
            mod = importlib.import_module(f"tests.gold.{name}")
        except ModuleNotFoundError:
            continue
        sets[name] = (mod.PAIRS, getattr(mod, "FORECASTS", []))
    return sets


def _count(prf: PRF, want: bool, got: bool) -> None:
    """One binary decision into ``prf``."""
    if want and got:
        prf.tp += 1
    elif got:
        prf.fp += 1
    elif want:
        prf.fn += 1


def score_set(nlp, pairs: list[dict], forecasts: list[dict]) -> dict[str, dict]:
    fields: dict[str, PRF] = defaultdict(PRF)
    none_pairs = flagged_none = 0
    for p, got, same, _ in judge_pairs(nlp, pairs):
        want = p["flag"]
        if want is not None or got is not None:
            if want == got:
                fields[want].tp += 1
            else:
                if got is not None:
                    fields[got].fp += 1
                if want is not None:
                    fields[want].fn += 1
        _count(fields["any flag"], bool(want), bool(got))
        if want is None:
            none_pairs += 1
            flagged_none += got is not None
        _count(fields["same claim"], p["same"], same)
    ids: dict[str, int] = {}
    for i, f in enumerate(forecasts):
        v = _view(nlp, {"text": f["text"], "published": f["published"]}, 10_000 + i, ids)
        _count(fields["forecast due"], f["due"], forecast_due(v, date.fromisoformat(f["today"])) is not None)
    out = {name: fields[name].as_dict() for name in (*REASONS, "any flag", "same claim", "forecast due")}
    out["false-flag rate"] = {
        "rate": round(flagged_none / none_pairs, 3) if none_pairs else 0.0,
        "pairs": none_pairs,
        "flagged": flagged_none,
    }
    return out


def score(nlp) -> dict[str, dict[str, dict]]:
    """Per set: per field P/R/F1 (and the false-flag rate)."""
    return {name: score_set(nlp, pairs, forecasts) for name, (pairs, forecasts) in gold_sets().items()}


def table(fields: dict[str, dict], floors: dict | None = None) -> str:
    lines = [f"{'field':<16}{'precision':>10}{'recall':>8}{'f1':>7}   floors (p/r)"]
    for name, v in fields.items():
        if name == "false-flag rate":
            fl = (floors or {}).get(name, {})
            lines.append(
                f"{name:<16}{v['rate']:>10.3f}   ({v['flagged']} of {v['pairs']} unflagged pairs)   "
                f"max {fl.get('max', '-')}"
            )
            continue
        fl = (floors or {}).get(name, {})
        lines.append(
            f"{name:<16}{v['precision']:>10.3f}{v['recall']:>8.3f}{v['f1']:>7.3f}   "
            f"{fl.get('precision', '-')}/{fl.get('recall', '-')}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import json
    from pathlib import Path

    from kb.nlp.pipeline import load_pipeline

    floors_path = Path(__file__).with_name("pairs_floors.json")
    floors = json.loads(floors_path.read_text()) if floors_path.exists() else {}
    for name, fields in score(load_pipeline()).items():
        n = len(gold_sets()[name][0])
        print(f"\n{name}.py: {n} pairs")
        print(table(fields, floors.get(name)))
