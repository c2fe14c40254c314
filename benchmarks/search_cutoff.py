"""Where a search's best match stops being a match: the weak-match cut-off
(``SearchSettings.weak_cosine``), chosen on CLEF CheckThat! 2020 task 2 TRAIN only.

    python -m benchmarks.search_cutoff [--split train|dev] [--cache DIR]

The score is the one the search reports and the app compares: the best cosine of any
candidate with the query (``SearchResults.best_cosine``), comparable across queries (the
fused score is not: its BM25 part is divided by the query's own best BM25). Three kinds of
query, all searched through the real path (kb.search.search.search_groups) over the 10.4k
verified claims:

- **answered**: a tweet whose top-1 result is one of its relevant claims (the qrels): the
  best cosine of that search;
- **unanswered**: the same tweets with their relevant claims taken out of the knowledge
  base: the best cosine among the other candidates (what the search would report if the
  claim were not stored);
- **gibberish**: random keyboard strings ("asdfgh qwerty"), seeded.

The cut-off maximises balanced accuracy of answered against the two others (each of the two
weighted equally). Dev is scored once, with the cut-off chosen on train.
"""

from __future__ import annotations

import json
import random
import string
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from benchmarks.quality import CLEF2020
from kb.config import SearchSettings
from kb.train.data import read_clef_queries

KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def gibberish(n: int, seed: int) -> list[str]:
    """``n`` nonsense queries: keyboard runs ("asdfgh") and random letters, 1-3 words."""
    rnd = random.Random(seed)

    def word() -> str:
        if rnd.random() < 0.5:
            row = rnd.choice(KEYBOARD)
            i = rnd.randrange(len(row) - 3)
            return row[i : i + rnd.randint(3, len(row) - i)]
        return "".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(3, 9)))

    return [" ".join(word() for _ in range(rnd.randint(1, 3))) for _ in range(n)]


def scores(split: str, cache_dir: Path | None, seed: int) -> dict[str, list[float]]:
    """Best cosine per query, by kind (answered, unanswered, gibberish); answered also lists
    the tweets whose top-1 was not relevant (``missed``), which are in neither class."""
    from kb.search.search import search_groups
    from kb.train.corpus import clef_database

    queries, qrels = read_clef_queries(
        CLEF2020 / split / "tweets.queries.tsv", CLEF2020 / split / "tweet-vclaim-pairs.qrels"
    )
    settings = replace(SearchSettings(), weak_cosine=-1.0, reranker="")  # every candidate in `groups`
    out: dict[str, list[float]] = {"answered": [], "missed": [], "unanswered": [], "gibberish": []}
    with clef_database(CLEF2020 / "verified_claims.docs.tsv", True, cache_dir) as (store, ids, _):
        for qid, rel in qrels.items():
            res = search_groups(queries[qid], store.path, limit=1000, settings=settings)
            if not res.groups:
                continue
            top = res.groups[0]
            kind = "answered" if ids[top.hit.claim_id - 1] in rel else "missed"
            out[kind].append(res.best_cosine or 0.0)
            others = [g.cosine or 0.0 for g in res.groups if ids[g.hit.claim_id - 1] not in rel]
            out["unanswered"].append(max(others, default=0.0))
        for q in gibberish(len(qrels), seed):
            res = search_groups(q, store.path, limit=1, settings=settings)
            out["gibberish"].append(res.best_cosine or 0.0)
    return out


def balanced_accuracy(s: dict[str, list[float]], t: float) -> float:
    tpr = sum(x >= t for x in s["answered"]) / len(s["answered"])
    tnr = [sum(x < t for x in s[k]) / len(s[k]) for k in ("unanswered", "gibberish")]
    return (tpr + sum(tnr) / 2) / 2


def choose(s: dict[str, list[float]]) -> float:
    """The cut-off (two decimals) with the best balanced accuracy; the lowest of ties."""
    grid = [i / 100 for i in range(10, 91)]
    return max(grid, key=lambda t: (balanced_accuracy(s, t), -t))


def summary(s: dict[str, list[float]], t: float) -> dict[str, float]:
    def above(kind: str) -> float:
        return round(sum(x >= t for x in s[kind]) / max(len(s[kind]), 1), 3)

    return {
        "cutoff": t,
        "balanced_accuracy": round(balanced_accuracy(s, t), 3),
        "answered_at_or_above": above("answered"),
        "unanswered_at_or_above": above("unanswered"),
        "gibberish_at_or_above": above("gibberish"),
        **{f"n_{k}": len(v) for k, v in s.items()},
    }


def main(
    split: Annotated[str, typer.Option(help="train (choose the cut-off) or dev (score a given one, once)")] = "train",
    cutoff: Annotated[float | None, typer.Option(help="score this cut-off instead of choosing one")] = None,
    cache: Annotated[Path | None, typer.Option(help="folder to keep the claim embeddings in between runs")] = None,
    seed: Annotated[int, typer.Option(help="seed of the gibberish queries")] = 0,
    dump: Annotated[Path | None, typer.Option(help="also write every query's score here (JSON)")] = None,
) -> None:
    if split not in ("train", "dev"):
        raise typer.BadParameter("train or dev (the test split is held out)", param_hint="--split")
    s = scores(split, cache, seed)
    if dump:
        dump.write_text(json.dumps(s))
    t = choose(s) if cutoff is None else cutoff
    print(json.dumps({"split": split, "seed": seed, **summary(s, t)}))


if __name__ == "__main__":
    typer.run(main)
