"""One table of every quality figure `make bench-quality` measures (issue 16, "honest
measurement"): for each part, the figure on the data it was tuned on, on a held-out part
of the training data no rule or threshold was chosen on, and on dev (scored once, with
everything chosen before), each beside a named baseline.

    python -m benchmarks.quality_table build/quality

Reads the ``--json`` outputs of ``python -m benchmarks.quality`` (and of
``benchmarks.search_cutoff`` / ``benchmarks.article_gate`` when present) from the folder
given, and runs the gold sets (tests/gold) in-process (``--no-gold``: not). A figure that
cannot be honest under its heading is printed "—" with a numbered footnote saying why
(and, where one exists, what the tuned figure is): never a tuned figure under the
held-out or dev heading. Missing inputs become "—" rows too, never errors. Below the
table: the splits (seed, sizes, fingerprint of the held-out part) and the unseen-data
figures the project is measured against (docs/benchmarks.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

QUALITY = Path("build/quality")

#: Issue 16's table: measured by a third party on held-back data (2026-12-04, code at
#: 1e0d182). Quoted, not reproduced: the project is measured against these.
UNSEEN_REFERENCE: list[tuple[str, str, str, str]] = [
    ("check-worthiness, default scorer (hand weights)", "F1 Yes", "dev 0.791, unseen 0.451", "all-Yes 0.410"),
    ("check-worthiness, kb train-checkworthy on CT24 train", "F1 Yes", "dev 0.840, unseen 0.607", "all-Yes 0.410"),
    (
        "main text of real news pages, as ingest runs it",
        "F1",
        "dev 0.926, unseen 0.923; gate off 0.963",
        "trafilatura defaults 0.953",
    ),
]

NO_DEV_TRAFILATURA = (
    "trafilatura-eval has no dev split: it is the set the cascade was tuned on (the issue's "
    "'dev 0.926' is this set, so a tuning figure); the unseen figures below are the reference"
)
NO_DEV_QUANTULUM = "quantulum3's cases are regression sentences with no dev split"
NO_DEV_MRPC = "MRPC has no dev split here (its test split is held back)"
GOLD_NOTE = (
    "the gold sets measure regressions: rules were fixed looking at their errors (tests/gold/README.md); "
    "no held-out or dev part"
)


@dataclass
class Cell:
    """One figure: ``value`` printed, or "—" when None; ``note`` becomes a footnote."""

    value: str | None = None
    note: str = ""


@dataclass
class Row:
    part: str
    metric: str
    tuned: Cell = field(default_factory=Cell)
    heldout: Cell = field(default_factory=Cell)
    dev: Cell = field(default_factory=Cell)
    baseline: str = "—"


def _load(folder: Path, name: str) -> dict:
    path = folder / f"{name}.json"
    try:
        obj = json.loads(path.read_text().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return {}
    return obj if isinstance(obj, dict) else {}


def _pick(rows: dict, prefix: str) -> dict:
    return next((v for k, v in rows.items() if k.startswith(prefix) and isinstance(v, dict)), {})


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _f(v: Any, key: str = "f1") -> str:
    x = _num(v.get(key)) if isinstance(v, dict) else None
    return f"{x:.3f}" if x is not None else "—"


def _part(v: dict, part: str) -> dict:
    p = v.get("parts", {}) if isinstance(v, dict) else {}
    return p.get(part, {}) if isinstance(p, dict) else {}


def _split_words(res: dict) -> str:
    sp = res.get("_split", {})
    if not sp:
        return "the split in benchmarks/quality.py SPLITS"
    return f"split seed {sp.get('seed')!r}, held out {sp.get('heldout_fraction')}"


def _tuned_before(res: dict, metric_of: Any, system: dict) -> Cell:
    """The held-out cell of a data set tuned on whole before its split was made: "—", with
    the held-out part's figure in the note as what it is (a tuning figure)."""
    sp = res.get("_split", {})
    held = metric_of(_part(system, "heldout"))
    before = sp.get("tuned_before_split", "rules were tuned on the whole set before the split")
    extra = f"; its held-out part scores {held} today, a tuning figure" if any(c.isdigit() for c in held) else ""
    return Cell(None, f"{before} ({_split_words(res)}): no part is unseen{extra}")


def _baseline(name: str, *figs: str) -> str:
    return f"{name}: " + " | ".join(figs)


# -- one function per part -----------------------------------------------------------------


def extraction_rows(ex: dict) -> list[Row]:
    base = _pick(ex, "baseline")
    out = []
    for label, system in (
        ("main text as ingest runs it (article gate on)", _pick(ex, "kb extract as ingest")),
        ("main text, article gate off (the cascade)", ex.get("kb extract", {})),
    ):
        tune = _part(system, "tune")
        pages = ex.get("_split", {}).get("tune", "?")
        out.append(
            Row(
                f"{label}; trafilatura-eval, tune half ({pages} pages)",
                "F1 snippets",
                Cell(_f(tune)) if tune else Cell(None, "not run (extraction.json missing or old)"),
                _tuned_before(ex, _f, system),
                Cell(None, NO_DEV_TRAFILATURA),
                _baseline("trafilatura defaults", _f(_part(base, "tune")), _f(_part(base, "heldout")), "—"),
            )
        )
    return out


def gate_rows(tune: dict, holdout: dict) -> list[Row]:
    """Real pages the article gate rejects (``benchmarks/article_gate.py --json``, one file
    per half): its rules were chosen on the tune half only, so the holdout half is unseen."""
    if not tune and not holdout:
        return []

    def rate(res: dict, system: str) -> str:
        pages = _num(res.get("pages"))
        counts = res.get(system, {})
        if not pages or not isinstance(counts, dict):
            return "—"
        kept = _num(counts.get("kept")) or 0.0
        return f"{(pages - kept) / pages:.1%} ({int(pages - kept)}/{int(pages)})"

    return [
        Row(
            "article gate: trafilatura-eval pages rejected (almost all are articles)",
            "rejected",
            Cell(rate(tune, "gate")),
            Cell(rate(holdout, "gate")),
            Cell(
                None, "no dev split of pages; unseen: the issue's 8 of 181 real articles rejected (4.4%) before the fix"
            ),
            _baseline("og:type gate (before issue 16)", rate(tune, "baseline"), rate(holdout, "baseline"), "—"),
        )
    ]


def _tuned_flags(r: dict) -> tuple[bool, bool]:
    """(tuned on dev, tuned on the held-out part) of a check-worthiness row: its explicit
    ``tuned_on_dev`` / ``tuned_on_heldout`` when given, else read from ``tuned_on``."""
    words = str(r.get("tuned_on", "")).lower()
    dev = r.get("tuned_on_dev")
    held = r.get("tuned_on_heldout")
    return (
        bool(dev) if dev is not None else "dev" in words,
        bool(held) if held is not None else ("held" in words),
    )


def checkworthy_rows(rows: list[dict], data: str = "CheckThat 2024") -> list[Row]:
    """Table rows from rows shaped as ``benchmarks.checkworthy_compare`` returns them
    (name, tuned_on, fit_f1, heldout_f1, dev_f1, threshold). The all-Yes row is the
    baseline of every other. A scorer tuned on dev shows its dev figure under "tuned on"
    and "—" under dev; one whose threshold was chosen on the held-out part shows "—" there."""

    def fig(v: Any) -> str:
        x = _num(v)
        return f"{x:.3f}" if x is not None else "—"

    def is_base(r: dict) -> bool:
        n = str(r.get("name", "")).lower().replace("-", " ")
        return "all yes" in n or n.startswith("baseline")

    base = next((r for r in rows if is_base(r)), {})
    base_s = _baseline("all-Yes", fig(base.get("fit_f1")), fig(base.get("heldout_f1")), fig(base.get("dev_f1")))
    out = []
    for r in rows:
        if r is base:
            continue
        name, tuned_on = str(r.get("name", "?")), str(r.get("tuned_on", "?"))
        on_dev, on_held = _tuned_flags(r)
        fit, held, dev = fig(r.get("fit_f1")), fig(r.get("heldout_f1")), fig(r.get("dev_f1"))
        if on_dev:
            tuned = Cell(f"{dev} (dev)", f"{name}: tuned on {tuned_on}; so its dev figure is a tuning figure")
            dev_cell = Cell(None, f"{name} was tuned on dev: its dev figure is under 'tuned on'")
        else:
            tuned = Cell(fit if fit != "—" else None, f"{name}: tuned on {tuned_on}")
            dev_cell = Cell(dev if dev != "—" else None, "" if dev != "—" else "not scored")
        if on_held:
            extra = f" ({held} there, a tuning figure)" if held != "—" else ""
            held_cell = Cell(None, f"{name}: its threshold or weights were chosen on the held-out part{extra}")
        else:
            held_cell = Cell(held if held != "—" else None, "" if held != "—" else "not scored")
        threshold = _num(r.get("threshold"))
        label = f"check-worthiness: {name}" + (f" (>= {threshold:g})" if threshold is not None else "")
        out.append(Row(f"{label}; {data}", "F1 Yes", tuned, held_cell, dev_cell, base_s))
    return out


def figures_rows(fg: dict) -> list[Row]:
    ours, base = _pick(fg, "kb "), _pick(fg, "baseline")
    n = fg.get("_split", {}).get("tune", "?")
    return [
        Row(
            f"figures: value + span; quantulum3 cases, tune part ({n} sentences)",
            "F1",
            Cell(_f(_part(ours, "tune"))) if ours else Cell(None, "not run (figures.json missing)"),
            _tuned_before(fg, _f, ours),
            Cell(None, NO_DEV_QUANTULUM),
            _baseline("bare numbers", _f(_part(base, "tune")), _f(_part(base, "heldout")), "—"),
        )
    ]


def retrieval_rows(train: dict, dev: dict) -> list[Row]:
    """Hybrid search (the product's settings) beside BM25, and the reranked hybrid beside
    the hybrid: train's tune part, its held-out part ("—": everything was chosen on all of
    train), dev."""
    out = []
    for label, key, base_key, base_name in (
        ("claim retrieval, hybrid (default settings)", "hybrid (default settings)", "BM25 only", "BM25 only"),
        (
            "claim retrieval, hybrid + cross-encoder reranker",
            "hybrid + cross-encoder reranker",
            "hybrid (default settings)",
            "hybrid",
        ),
    ):
        if key not in train and key not in dev:
            continue
        tr, dv = train.get(key, {}), dev.get(key, {})
        btr, bdv = train.get(base_key, {}), dev.get(base_key, {})

        def m(v: dict) -> str:
            return _f(v, "map@5")

        n = train.get("_split", {}).get("tune", "?")
        out.append(
            Row(
                f"{label}; CLEF 2020 task 2, train tune part ({n} queries) / dev ({dv.get('queries', '?')})",
                "MAP@5",
                Cell(m(_part(tr, "tune"))) if tr else Cell(None, "train not run (retrieval-train.json missing)"),
                _tuned_before(train, m, tr) if tr else Cell(None, "train not run"),
                Cell(m(dv)) if dv else Cell(None, "dev not run (retrieval.json missing)"),
                _baseline(base_name, m(_part(btr, "tune")), m(_part(btr, "heldout")), m(bdv)),
            )
        )
    return out


def cutoff_rows(train: dict, dev: dict) -> list[Row]:
    """The search's weak-match cut-off (benchmarks/search_cutoff.py): chosen on all of CLEF
    train; balanced accuracy of answered against unanswered and gibberish queries. With no
    cut-off everything passes: balanced accuracy 0.5 by construction."""
    if not train and not dev:
        return []
    cut = train.get("cutoff", dev.get("cutoff", "?"))
    return [
        Row(
            f"search close-match cut-off {cut}; CLEF 2020 task 2 train (all) / dev",
            "balanced acc.",
            Cell(_f(train, "balanced_accuracy")) if train else Cell(None, "train not run"),
            Cell(None, "the cut-off was chosen on all of CLEF 2020 train (12d291b): no part of it is unseen"),
            Cell(_f(dev, "balanced_accuracy")) if dev else Cell(None, "dev not run"),
            _baseline("no cut-off", "0.500", "—", "0.500"),
        )
    ]


def paraphrase_rows(mr: dict) -> list[Row]:
    def m(v: dict) -> str:
        return f"{_f(v, 'accuracy')} / {_f(v)}"

    base = _pick(mr, "baseline")
    n = mr.get("_split", {}).get("tune", "?")
    base_s = _baseline("all paraphrase", m(_part(base, "tune")), m(_part(base, "heldout")), "—")
    rule = _pick(mr, "same_claim rule")
    procedure = next((v for k, v in mr.items() if k.endswith("(best on the tune part)") and isinstance(v, dict)), {})
    out = [
        Row(
            f"same claim: the rule (cosine >= configured, vetoes); MRPC train, tune part ({n} pairs)",
            "acc / F1",
            Cell(m(_part(rule, "tune"))) if rule else Cell(None, "not run (paraphrase.json missing)"),
            _tuned_before(mr, m, rule),
            Cell(None, NO_DEV_MRPC),
            base_s,
        )
    ]
    if procedure:
        t = procedure.get("threshold", "?")
        out.append(
            Row(
                f"same claim: cosine >= {t}, chosen now on the tune part only (checks the choosing)",
                "acc / F1",
                Cell(m(_part(procedure, "tune"))),
                Cell(m(_part(procedure, "heldout"))),
                Cell(None, NO_DEV_MRPC),
                base_s,
            )
        )
    return out


def gold_rows() -> list[Row]:
    try:
        from kb.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
    except Exception as exc:  # noqa: BLE001 - a table row says what is missing
        return [Row("gold sets", "—", Cell(None, f"pipeline did not load: {exc}"))]
    out = []
    no = Cell(None, GOLD_NOTE)
    try:
        from tests.gold import score as gold

        for set_name, passages in getattr(gold, "SETS", {"regression": None}).items():
            fields = gold.score(nlp, passages) if passages is not None else gold.score(nlp)
            for name, prf in fields.items():
                out.append(
                    Row(
                        f"gold passages ({set_name}): {name}",
                        "P / R / F1",
                        Cell(f"{prf.precision:.2f} / {prf.recall:.2f} / {prf.f1:.2f}", GOLD_NOTE),
                        no,
                        no,
                        "floors: tests/gold/floors.json",
                    )
                )
    except Exception as exc:  # noqa: BLE001
        out.append(Row("gold passages", "—", Cell(None, f"not scored: {exc}")))
    try:
        from tests.gold import pairs_score

        for set_name, fields in pairs_score.score(nlp).items():
            for name, v in fields.items():
                label = f"claim pairs ({set_name}): {name}"
                if name == "false-flag rate":
                    value = f"{v['rate']:.3f} ({v['flagged']}/{v['pairs']})"
                    out.append(Row(label, "rate", Cell(value, GOLD_NOTE), no, no, "max: tests/gold/pairs_floors.json"))
                else:
                    value = f"{v['precision']:.2f} / {v['recall']:.2f} / {v['f1']:.2f}"
                    out.append(
                        Row(label, "P / R / F1", Cell(value, GOLD_NOTE), no, no, "floors: tests/gold/pairs_floors.json")
                    )
    except Exception as exc:  # noqa: BLE001
        out.append(Row("gold pairs", "—", Cell(None, f"not scored: {exc}")))
    return out


def rows(folder: Path, gold: bool = True) -> list[Row]:
    """Every row of the table, from the JSON outputs in ``folder``."""
    out = extraction_rows(_load(folder, "extraction"))
    out += gate_rows(_load(folder, "gate-tune"), _load(folder, "gate-holdout"))
    cw = _load(folder, "checkworthy")
    cw_rows = cw.get("rows") if isinstance(cw.get("rows"), list) else []
    out += checkworthy_rows(cw_rows) if cw_rows else [Row("check-worthiness", "F1 Yes", Cell(None, "not run"))]
    if isinstance(cw.get("candidates"), list):
        for r in checkworthy_rows(cw["candidates"]):
            r.part = r.part.replace("check-worthiness:", "check-worthiness candidate:")
            out.append(r)
    out += figures_rows(_load(folder, "figures"))
    out += retrieval_rows(_load(folder, "retrieval-train"), _load(folder, "retrieval"))
    out += cutoff_rows(_load(folder, "cutoff-train"), _load(folder, "cutoff-dev"))
    out += paraphrase_rows(_load(folder, "paraphrase"))
    if gold:
        out += gold_rows()
    return out


def splits(folder: Path) -> list[dict]:
    """The splits the JSON outputs were scored on, as they recorded them."""
    seen, out = set(), []
    for path in sorted(folder.glob("*.json")):
        sp = _load(folder, path.stem).get("_split")
        if isinstance(sp, dict) and (key := json.dumps(sp, sort_keys=True)) not in seen:
            seen.add(key)
            out.append(sp)
    return out


def render(table_rows: list[Row]) -> tuple[list[tuple[str, ...]], list[str]]:
    """The printed cells and the numbered footnotes (one number per distinct note)."""
    notes: list[str] = []

    def cell(c: Cell) -> str:
        text = c.value if c.value is not None else "—"
        if c.note:
            if c.note not in notes:
                notes.append(c.note)
            text += f" [{notes.index(c.note) + 1}]"
        return text

    printed = [(r.part, r.metric, cell(r.tuned), cell(r.heldout), cell(r.dev), r.baseline) for r in table_rows]
    return printed, notes


COLUMNS = (
    "part",
    "metric",
    "tuned on (figure on tuned data)",
    "held-out (nothing chosen on it)",
    "dev (scored once)",
    "baseline: tuned | held-out | dev",
)

app = typer.Typer(add_completion=False)


@app.command()
def main(
    folder: Annotated[Path, typer.Argument(help="Folder of the --json outputs (extraction.json, ...).")] = QUALITY,
    gold: Annotated[bool, typer.Option("--gold/--no-gold", help="Also score the gold sets (tests/gold).")] = True,
) -> None:
    """One table: each part on its tuned-on data, a held-out part and dev, beside a baseline."""
    printed, notes = render(rows(folder, gold))
    t = Table(title="kb quality (make bench-quality): tuned-on, held-out and dev figures, each beside its baseline")
    for col in COLUMNS:
        t.add_column(col)
    for r in printed:
        t.add_row(*r)
    console = Console(width=200)
    console.print(t)
    for i, note in enumerate(notes, 1):
        console.print(f"[{i}] {note}", markup=False, highlight=False)
    console.print("\nSplits (made once, seeded; benchmarks/quality.py SPLITS):", markup=False)
    for sp in splits(folder):
        console.print("  " + json.dumps(sp), markup=False, highlight=False)
    ref = Table(title="Reference: unseen data (third party, held-back, 2026-12-04, code at 1e0d182; quoted)")
    for col in ("part", "metric", "figures", "baseline"):
        ref.add_column(col)
    for r in UNSEEN_REFERENCE:
        ref.add_row(*r)
    console.print(ref)


if __name__ == "__main__":
    app()
