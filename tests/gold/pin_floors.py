"""Print floors.json from a fresh measurement: each metric rounded down to two decimals,
minus 0.02 (tests/gold/README.md). Writing it over floors.json is a deliberate edit."""

from __future__ import annotations

import json
import math

from kb.nlp.pipeline import load_pipeline
from tests.gold.score import SETS, score

if __name__ == "__main__":
    nlp = load_pipeline()
    floors = {}
    for name, passages in SETS.items():
        fields = score(nlp, passages)
        floors[name] = {
            f: {
                m: round(max(0.0, math.floor(getattr(prf, m) * 100) / 100 - 0.02), 2)
                for m in ("precision", "recall", "f1")
            }
            for f, prf in sorted(fields.items())
        }
    print(json.dumps(floors, indent=1))
