"""One table of every quality figure `make bench-quality` measures, each beside its
baseline and the best published result (issue 3 and 4 "Measure it").

    python -m benchmarks.quality_table build/quality

Reads the ``--json`` outputs of ``python -m benchmarks.quality`` from the folder given, and runs
the gold sets (tests/gold) in-process (``--no-gold``: not). Missing inputs become "—" rows,
never errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

QUALITY = Path("build/quality")


def _load(folder: Path, name: str) -> dict:
    path = folder / f"{name}.json"
    try:
        return json.loads(path.read_text().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return {}


def _pick(rows: dict, prefix: str) -> dict:
    return next((v for k, v in rows.items() if k.startswith(prefix)), {})


def _f(v, key: str = "f1") -> str:
    return f"{v[key]:.3f}" if isinstance(v, dict) and isinstance(v.get(key), int | float) else "—"


def rows(folder: Path, gold: bool = True) -> list[tuple[str, str, str, str, str]]:
    out = []
    ex = _load(folder, "extraction")
    pages = _pick(ex, "kb ").get("pages", "?")
    out.append(
        (
            f"main text (trafilatura-eval, {pages} pages)",
            "F1",
            _f(_pick(ex, "kb ")),
            _f(_pick(ex, "baseline")),
            "0.924 (trafilatura 2.2.0)",
        )
    )
    cw = _load(folder, "checkworthy")
    out.append(
        (
            "check-worthiness, default (CheckThat 2024 dev)",
            "F1 Yes",
            _f(_pick(cw, "kb default")),
            _f(_pick(cw, "baseline")) + " all-Yes",
            "0.80 (test split)",
        )
    )
    out.append(
        (
            "check-worthiness, trained on CT24 train",
            "F1 Yes",
            _f(_pick(cw, "kb trained")),
            _f(_pick(cw, "baseline")) + " all-Yes",
            "0.80 (test split)",
        )
    )
    fg = _load(folder, "figures")
    out.append(
        ("figures (quantulum3 cases)", "F1", _f(_pick(fg, "kb ")), _f(_pick(fg, "baseline")) + " bare numbers", "—")
    )
    rt = _load(folder, "retrieval")
    hybrid = {k: v for k, v in rt.items() if not k.startswith("_")}
    # the product's settings, not the best row on dev (older outputs lack that row)
    best = hybrid.get("hybrid (default settings)") or max(hybrid.values(), key=lambda v: v.get("map@5", 0), default={})
    bm25 = next((v for k, v in hybrid.items() if "bm25" in k.lower() and "+" not in k and "fused" not in k.lower()), {})
    out.append(
        (
            "claim retrieval (CLEF 2020 task 2 dev)",
            "MAP@5",
            _f(best, "map@5"),
            _f(bm25, "map@5") + " BM25",
            "0.929 (test split)",
        )
    )
    if "hybrid + cross-encoder reranker" in hybrid:
        out.append(
            (
                "claim retrieval, re-ranked (cross-encoder tuned on CLEF 2020 train)",
                "MAP@5",
                _f(hybrid["hybrid + cross-encoder reranker"], "map@5"),
                _f(best, "map@5") + " hybrid",
                "0.929 (test split)",
            )
        )
    mr = _load(folder, "paraphrase")
    rule = _pick(mr, "same_claim rule")
    base = _pick(mr, "baseline")
    out.append(
        (
            "same claim (MRPC train)",
            "acc / F1",
            f"{_f(rule, 'accuracy')} / {_f(rule)}",
            f"{_f(base, 'accuracy')} / {_f(base)} all-paraphrase",
            "—",
        )
    )
    if not gold:
        return out
    try:
        from kb.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
    except Exception as exc:  # noqa: BLE001 - a table row says what is missing
        return out + [("gold sets", "—", f"pipeline did not load: {exc}", "", "")]
    try:
        from tests.gold import score as gold

        for set_name, passages in getattr(gold, "SETS", {"regression": None}).items():
            fields = gold.score(nlp, passages) if passages is not None else gold.score(nlp)
            for name, prf in fields.items():
                out.append(
                    (
                        f"gold passages ({set_name}): {name}",
                        "P / R / F1",
                        f"{prf.precision:.2f} / {prf.recall:.2f} / {prf.f1:.2f}",
                        "—",
                        "floors: tests/gold/floors.json",
                    )
                )
    except Exception as exc:  # noqa: BLE001
        out.append(("gold passages", "—", f"not scored: {exc}", "", ""))
    try:
        from tests.gold import pairs_score

        for set_name, fields in pairs_score.score(nlp).items():
            for name, v in fields.items():
                label = f"claim pairs ({set_name}): {name}"
                if name == "false-flag rate":
                    out.append(
                        (
                            label,
                            "rate",
                            f"{v['rate']:.3f} ({v['flagged']}/{v['pairs']})",
                            "—",
                            "max: tests/gold/pairs_floors.json",
                        )
                    )
                else:
                    out.append(
                        (
                            label,
                            "P / R / F1",
                            f"{v['precision']:.2f} / {v['recall']:.2f} / {v['f1']:.2f}",
                            "—",
                            "floors: tests/gold/pairs_floors.json",
                        )
                    )
    except Exception as exc:  # noqa: BLE001
        out.append(("gold pairs", "—", f"not scored: {exc}", "", ""))
    return out


app = typer.Typer(add_completion=False)


@app.command()
def main(
    folder: Annotated[Path, typer.Argument(help="Folder of the --json outputs (extraction.json, ...).")] = QUALITY,
    gold: Annotated[bool, typer.Option("--gold/--no-gold", help="Also score the gold sets (tests/gold).")] = True,
) -> None:
    """One table of every quality figure, each beside its baseline and the best published result."""
    t = Table(title="kb quality (make bench-quality)")
    for col in ("measure", "metric", "kb", "baseline (same run)", "published best"):
        t.add_column(col)
    for r in rows(folder, gold):
        t.add_row(*r)
    Console(width=160).print(t)


if __name__ == "__main__":
    app()
