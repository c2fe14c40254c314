"""Quality gate on hand-labelled passages: per-field P/R/F1 must stay above the floors
pinned in tests/gold/floors.json (lowering one is a deliberate, visible change)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.gold.score import score, table

FLOORS = json.loads((Path(__file__).parent / "gold" / "floors.json").read_text())


@pytest.fixture(scope="module")
def fields(nlp):
    return score(nlp)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_gold_field_above_floor(fields, field):
    prf = fields[field]
    for metric, floor in FLOORS[field].items():
        assert getattr(prf, metric) >= floor, f"{field} {metric} below its floor\n" + table(fields, FLOORS)
