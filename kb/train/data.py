"""Readers of the labelled data formats training reads (and the benchmarks score on):
CheckThat! check-worthiness TSVs and CLEF CheckThat! 2020 task 2 claim retrieval
(verified claims, queries, TREC qrels). Paths are always given by the caller."""

from __future__ import annotations

import csv
from pathlib import Path


def read_checkworthy_tsv(path: Path) -> list[tuple[str, bool]]:
    """(sentence, check-worthy) per row of a TSV with columns ``Text`` and ``class_label`` (Yes/No)."""
    rows = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = (row.get("class_label") or "").strip()
            if label not in ("Yes", "No"):
                continue  # e.g. the malformed "No29286" row in the 2024 train split
            rows.append((row["Text"].strip().strip('"').replace('""', '"'), label == "Yes"))
    return rows


def read_clef_claims(path: Path) -> tuple[list[str], list[str], list[str]]:
    """Verified claims TSV (vclaim_id, vclaim, title): ids, claim texts, titles."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("vclaim")]
    return (
        [(r.get("vclaim_id") or r.get("") or "").strip() for r in rows],
        [r["vclaim"].strip() for r in rows],
        [(r.get("title") or "").strip() for r in rows],
    )


def read_clef_queries(queries_tsv: Path, qrels_path: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Tweets TSV (tweet_id, tweet_content) and TREC qrels: queries and relevant claim ids."""
    with open(queries_tsv, newline="", encoding="utf-8") as fh:
        queries = {
            (r.get("tweet_id") or r.get("") or "").strip(): r["tweet_content"]
            for r in csv.DictReader(fh, delimiter="\t")
        }
    qrels: dict[str, set[str]] = {}
    for line in Path(qrels_path).read_text().splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] != "0":
            qrels.setdefault(parts[0], set()).add(parts[2])
    return queries, {q: r for q, r in qrels.items() if q in queries}
