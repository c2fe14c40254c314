"""Quality gate on hand-labelled passages: per set and per field, P/R/F1 must stay above
the floors pinned in tests/gold/floors.json (lowering one is a deliberate, visible change).
Sets: "regression" (tests/gold/passages.py, written by the rules' author) and
"independent" (tests/gold/passages_news.py, written and labelled without the pipeline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.gold.score import SETS, score, table

FLOORS = json.loads((Path(__file__).parent / "gold" / "floors.json").read_text())


@pytest.fixture(scope="module")
def measured(nlp):
    return {name: score(nlp, passages) for name, passages in SETS.items()}


def test_gold_every_set_has_floors():
    assert set(FLOORS) == set(SETS)


@pytest.mark.parametrize("set_name,field", [(s, f) for s in sorted(FLOORS) for f in sorted(FLOORS[s])])
def test_gold_field_above_floor(measured, set_name, field):
    prf = measured[set_name][field]
    for metric, floor in FLOORS[set_name][field].items():
        assert getattr(prf, metric) >= floor, f"{set_name}: {field} {metric} below its floor\n" + table(
            measured[set_name], FLOORS[set_name]
        )


def test_gold_independent_set_is_large_enough():
    from tests.gold.passages_news import PASSAGES

    assert len(PASSAGES) >= 150
