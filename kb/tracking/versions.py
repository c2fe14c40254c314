"""Article versions: what changed when a re-crawled article's text changed (the write half;
the history a reader sees is :mod:`kb.read.history`).

The store keeps every version of a URL as its own article row (``previous_version`` links
back, ``superseded_by`` forward), with its own claims and character offsets, so a claim is
always cited against the text it was read from. After each ingest, :func:`diff_versions`
compares each new version with the one before it, claim by claim:

- *kept*: the same sentence (whitespace aside) is in both;
- *changed*: a claim of the new version is the nearest (cosine of the claim embeddings at
  least :data:`CHANGED_COSINE`) to one of the old that has no exact twin: "rose 18%" edited
  to "rose 21%", a hedge added, a speaker renamed. ``detail`` says what, in words;
- *added* / *removed*: the rest.

Pairs are matched greedily by descending cosine, so a paragraph rewritten into two
sentences pairs its closest half and reports the other as added. The diff is written once
per version (``version_diffs``, ``claim_changes``) and never recomputed: the rows are
evidence of what a page said on the day it was captured.
"""

from __future__ import annotations

import difflib
import re
from datetime import UTC, datetime

import duckdb
import numpy as np

from kb.stats import Stats
from kb.store import rows
from kb.store.connection import Store

CHANGED_COSINE = 0.80  # below this, an old and a new claim are different claims (removed + added)
MAX_DETAIL_EDITS = 3

_WORD = re.compile(r"\S+")


def _norm(text: str) -> str:
    return " ".join(text.split())


def word_edits(old: str, new: str, limit: int = MAX_DETAIL_EDITS) -> list[str]:
    """The word-level edits turning ``old`` into ``new``, in words a reader follows:
    ``'18%' -> '21%'``, ``removed 'reportedly'``, ``added 'not'``."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        was, now = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        out.append({"replace": f"'{was}' -> '{now}'", "delete": f"removed '{was}'", "insert": f"added '{now}'"}[op])
    if len(out) > limit:
        out = out[:limit] + [f"and {len(out) - limit} more edits"]
    return out


def text_similarity(old: str, new: str) -> float:
    """Word-level similarity of two texts, 0..1 (difflib ratio over words)."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_claims(
    old: list[tuple[int, str, np.ndarray | None]],
    new: list[tuple[int, str, np.ndarray | None]],
    threshold: float = CHANGED_COSINE,
) -> tuple[list[tuple[int, int]], list[tuple[int, int, float]], list[int], list[int]]:
    """Pair the claims of two versions. Each side: ``(claim_id, text, unit vector)`` in text
    order. Returns (kept pairs, changed pairs with cosine, added new ids, removed old ids)."""
    kept: list[tuple[int, int]] = []
    by_text: dict[str, list[int]] = {}
    for cid, text, _ in old:
        by_text.setdefault(_norm(text), []).append(cid)
    rest_new = []
    for cid, text, vec in new:
        twins = by_text.get(_norm(text))
        if twins:
            kept.append((twins.pop(0), cid))
        else:
            rest_new.append((cid, text, vec))
    taken_old = {o for o, _ in kept}
    rest_old = [o for o in old if o[0] not in taken_old]
    changed: list[tuple[int, int, float]] = []
    usable_old = [o for o in rest_old if o[2] is not None]
    usable_new = [n for n in rest_new if n[2] is not None]
    if usable_old and usable_new:
        sims = (
            np.stack([n[2] for n in usable_new if n[2] is not None])
            @ np.stack([o[2] for o in usable_old if o[2] is not None]).T
        )
        used_new, used_old = set(), set()
        for flat in np.argsort(-sims, axis=None, kind="stable"):
            i, j = divmod(int(flat), sims.shape[1])
            if sims[i, j] < threshold:
                break
            if i in used_new or j in used_old:
                continue
            used_new.add(i)
            used_old.add(j)
            changed.append((usable_old[j][0], usable_new[i][0], float(sims[i, j])))
    paired_old = {o for o, _, _ in changed}
    paired_new = {n for _, n, _ in changed}
    added = [cid for cid, _, _ in rest_new if cid not in paired_new]
    removed = [cid for cid, _, _ in rest_old if cid not in paired_old]
    changed.sort(key=lambda t: t[1])
    return kept, changed, added, removed


def _claims_of(con: duckdb.DuckDBPyConnection, article_id: int) -> list[tuple[int, str, np.ndarray | None, bool, bool]]:
    rows = con.execute(
        "SELECT claim_id, text, embedding, negated, hedged FROM claims WHERE article_id = "
        "(SELECT coalesce(duplicate_of, article_id) FROM articles WHERE article_id = ?) ORDER BY char_start, claim_id",
        [article_id],
    ).fetchall()
    return [
        (cid, text, np.asarray(emb, dtype=np.float32) if emb is not None else None, neg, hedged)
        for cid, text, emb, neg, hedged in rows
    ]


def _detail(old_text: str, new_text: str, old_flags: tuple[bool, bool], new_flags: tuple[bool, bool]) -> str:
    parts = []
    if old_flags[0] != new_flags[0]:
        parts.append("negation added" if new_flags[0] else "negation removed")
    if old_flags[1] != new_flags[1]:
        parts.append("hedged" if new_flags[1] else "hedge removed")
    parts += word_edits(old_text, new_text)
    return "; ".join(parts)


def diff_versions(store: Store, stats: Stats | None = None) -> Stats:
    """Diff every new version against the one before it (once each). Counters
    (``history/...``) go to ``stats`` once the transaction has committed; returns ``stats``."""
    stats = stats if stats is not None else Stats()
    done = Stats()
    now = datetime.now(UTC)
    with store.write() as con:
        todo = con.execute(
            "SELECT a.article_id, a.previous_version, a.title, p.title, a.text, p.text FROM articles a "
            "JOIN articles p ON p.article_id = a.previous_version "
            "WHERE a.article_id NOT IN (SELECT article_id FROM version_diffs) ORDER BY a.article_id"
        ).fetchall()
        diffs, changes = [], []
        for aid, prev, title, prev_title, text, prev_text in todo:
            old, new = _claims_of(con, prev), _claims_of(con, aid)
            kept, changed, added, removed = match_claims([o[:3] for o in old], [n[:3] for n in new])
            old_by, new_by = {o[0]: o for o in old}, {n[0]: n for n in new}
            for o, n, cos in changed:
                changes.append(
                    {
                        "article_id": aid,
                        "previous_article_id": prev,
                        "change": "changed",
                        "claim_id": n,
                        "previous_claim_id": o,
                        "similarity": round(cos, 4),
                        "detail": _detail(old_by[o][1], new_by[n][1], old_by[o][3:], new_by[n][3:]),
                    }
                )
            changes += [
                {
                    "article_id": aid,
                    "previous_article_id": prev,
                    "change": "added",
                    "claim_id": n,
                    "previous_claim_id": None,
                    "similarity": None,
                    "detail": None,
                }
                for n in added
            ]
            changes += [
                {
                    "article_id": aid,
                    "previous_article_id": prev,
                    "change": "removed",
                    "claim_id": None,
                    "previous_claim_id": o,
                    "similarity": None,
                    "detail": None,
                }
                for o in removed
            ]
            diffs.append(
                {
                    "article_id": aid,
                    "previous_article_id": prev,
                    "claims_added": len(added),
                    "claims_removed": len(removed),
                    "claims_changed": len(changed),
                    "claims_kept": len(kept),
                    "title_changed": (title or "") != (prev_title or ""),
                    "text_similarity": round(text_similarity(prev_text, text), 4),
                    "diffed_at": now,
                }
            )
            done.inc("history/versions_diffed")
            done.inc("history/claims_added", len(added))
            done.inc("history/claims_removed", len(removed))
            done.inc("history/claims_changed", len(changed))
        rows.insert(con, "version_diffs", diffs)
        rows.insert(con, "claim_changes", changes)
    stats.counts.update(done.counts)
    return stats
