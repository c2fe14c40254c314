"""Article versions: what changed when a re-crawled article's text changed.

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
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import duckdb
import numpy as np

from kb.store import Store, _insert

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


def match_claims(old: list[tuple[int, str, np.ndarray | None]], new: list[tuple[int, str, np.ndarray | None]],
                 threshold: float = CHANGED_COSINE) -> tuple[list[tuple[int, int]], list[tuple[int, int, float]], list[int], list[int]]:
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
        sims = np.stack([n[2] for n in usable_new]) @ np.stack([o[2] for o in usable_old]).T
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
        [article_id]).fetchall()
    return [(cid, text, np.asarray(emb, dtype=np.float32) if emb is not None else None, neg, hedged)
            for cid, text, emb, neg, hedged in rows]


def _detail(old_text: str, new_text: str, old_flags: tuple[bool, bool], new_flags: tuple[bool, bool]) -> str:
    parts = []
    if old_flags[0] != new_flags[0]:
        parts.append("negation added" if new_flags[0] else "negation removed")
    if old_flags[1] != new_flags[1]:
        parts.append("hedged" if new_flags[1] else "hedge removed")
    parts += word_edits(old_text, new_text)
    return "; ".join(parts)


def diff_versions(store: Store) -> Counter:
    """Diff every new version against the one before it (once each). Returns counters."""
    counters: Counter = Counter()
    now = datetime.now(UTC)
    with store.write() as con:
        todo = con.execute(
            "SELECT a.article_id, a.previous_version, a.title, p.title, a.text, p.text FROM articles a "
            "JOIN articles p ON p.article_id = a.previous_version "
            "WHERE a.article_id NOT IN (SELECT article_id FROM version_diffs) ORDER BY a.article_id").fetchall()
        diffs, changes = [], []
        for aid, prev, title, prev_title, text, prev_text in todo:
            old, new = _claims_of(con, prev), _claims_of(con, aid)
            kept, changed, added, removed = match_claims([o[:3] for o in old], [n[:3] for n in new])
            old_by, new_by = {o[0]: o for o in old}, {n[0]: n for n in new}
            for o, n, cos in changed:
                changes.append({"article_id": aid, "previous_article_id": prev, "change": "changed", "claim_id": n,
                                "previous_claim_id": o, "similarity": round(cos, 4),
                                "detail": _detail(old_by[o][1], new_by[n][1], old_by[o][3:], new_by[n][3:])})
            changes += [{"article_id": aid, "previous_article_id": prev, "change": "added", "claim_id": n,
                         "previous_claim_id": None, "similarity": None, "detail": None} for n in added]
            changes += [{"article_id": aid, "previous_article_id": prev, "change": "removed", "claim_id": None,
                         "previous_claim_id": o, "similarity": None, "detail": None} for o in removed]
            diffs.append({"article_id": aid, "previous_article_id": prev, "claims_added": len(added),
                          "claims_removed": len(removed), "claims_changed": len(changed), "claims_kept": len(kept),
                          "title_changed": (title or "") != (prev_title or ""),
                          "text_similarity": round(text_similarity(prev_text, text), 4), "diffed_at": now})
            counters["versions_diffed"] += 1
            counters["claims_added"] += len(added)
            counters["claims_removed"] += len(removed)
            counters["claims_changed"] += len(changed)
        _insert(con, "version_diffs", diffs)
        _insert(con, "claim_changes", changes)
    return counters


# -- reads ---------------------------------------------------------------------------------

def _claim_text(con: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    return {cid: {"claim_id": cid, "text": text, "char_start": s, "char_end": e, "speaker": spk}
            for cid, text, s, e, spk in con.execute(
                "SELECT c.claim_id, c.text, c.char_start, c.char_end, coalesce(x.name, c.speaker_text) FROM claims c "
                "LEFT JOIN entities x ON x.entity_id = c.speaker_entity_id WHERE c.claim_id IN (SELECT unnest(?))",
                [ids]).fetchall()}


def history(con: duckdb.DuckDBPyConnection, url: str) -> dict[str, Any] | None:
    """Every stored version of the article at ``url`` (or whose canonical URL it is), oldest
    first, each with what changed from the version before. None if the URL is unknown."""
    seed = con.execute("SELECT url FROM articles WHERE url = ? OR canonical_url = ? ORDER BY article_id LIMIT 1",
                       [url, url]).fetchone()
    if seed is None:
        return None
    rows = con.execute(
        "SELECT a.article_id, a.title, a.text_sha256, a.previous_version, a.superseded_by, a.duplicate_of, "
        "       cap.fetched_at, a.published_at, a.updated_at, length(a.text), "
        "       (SELECT count(*) FROM claims c WHERE c.article_id = a.article_id), "
        "       d.claims_added, d.claims_removed, d.claims_changed, d.claims_kept, d.title_changed, d.text_similarity "
        "FROM articles a JOIN captures cap ON cap.capture_id = a.capture_id "
        "LEFT JOIN version_diffs d ON d.article_id = a.article_id WHERE a.url = ? ORDER BY a.article_id",
        [seed[0]]).fetchall()
    captures = con.execute(
        "SELECT count(*) FROM captures WHERE final_url = ? OR url = ?", [seed[0], seed[0]]).fetchone()[0]
    versions = []
    for n, r in enumerate(rows, start=1):
        (aid, title, sha, prev, sup, dup, fetched, pub, upd, length, n_claims,
         added, removed, changed, kept, title_changed, sim) = r
        v = {"version": n, "article_id": aid, "title": title, "text_sha256": sha, "captured_at": fetched,
             "published_at": pub, "updated_at": upd, "chars": length, "claims": n_claims,
             "previous_article_id": prev, "superseded_by": sup, "duplicate_of": dup, "current": sup is None,
             "diff": None, "changes": []}
        if prev is not None and added is not None:
            v["diff"] = {"claims_added": added, "claims_removed": removed, "claims_changed": changed,
                         "claims_kept": kept, "title_changed": title_changed, "text_similarity": sim}
            v["changes"] = changes(con, aid)
        versions.append(v)
    return {"url": seed[0], "captures": captures, "versions": versions}


def changes(con: duckdb.DuckDBPyConnection, article_id: int) -> list[dict[str, Any]]:
    """The claim changes recorded for version ``article_id``: changed first, then added, removed."""
    rows = con.execute(
        "SELECT change, claim_id, previous_claim_id, similarity, detail FROM claim_changes WHERE article_id = ? "
        "ORDER BY CASE change WHEN 'changed' THEN 0 WHEN 'added' THEN 1 ELSE 2 END, "
        "coalesce(claim_id, previous_claim_id)", [article_id]).fetchall()
    texts = _claim_text(con, sorted({i for r in rows for i in r[1:3] if i is not None}))
    return [{"change": ch, "claim": texts.get(cid), "previous_claim": texts.get(pid), "similarity": sim, "detail": det}
            for ch, cid, pid, sim, det in rows]


def recent_edits(con: duckdb.DuckDBPyConnection, limit: int = 50) -> list[dict[str, Any]]:
    """Articles whose text changed between crawls, newest edit first (a stealth-edit feed)."""
    rows = con.execute(
        "SELECT a.url, a.title, a.source, d.article_id, d.previous_article_id, pc.fetched_at, cap.fetched_at, "
        "       d.claims_added, d.claims_removed, d.claims_changed, d.title_changed, d.text_similarity "
        "FROM version_diffs d JOIN articles a ON a.article_id = d.article_id "
        "JOIN captures cap ON cap.capture_id = a.capture_id "
        "JOIN articles p ON p.article_id = d.previous_article_id JOIN captures pc ON pc.capture_id = p.capture_id "
        "ORDER BY cap.fetched_at DESC, d.article_id DESC LIMIT ?", [limit]).fetchall()
    keys = ("url", "title", "source", "article_id", "previous_article_id", "previous_captured_at", "captured_at",
            "claims_added", "claims_removed", "claims_changed", "title_changed", "text_similarity")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def claim_version(con: duckdb.DuckDBPyConnection, claim_id: int) -> dict[str, Any] | None:
    """Where a claim stands across its article's versions: None for an article never edited;
    otherwise whether its version is current, and what became of the claim (or where it came from)."""
    row = con.execute(
        "SELECT a.article_id, a.url, a.previous_version, a.superseded_by FROM claims c JOIN articles a USING (article_id) "
        "WHERE c.claim_id = ?", [claim_id]).fetchone()
    if row is None or (row[2] is None and row[3] is None):
        return None
    aid, url, prev, sup = row
    out: dict[str, Any] = {"url": url, "article_id": aid, "current": sup is None, "superseded_by": sup,
                           "became": None, "came_from": None}
    if sup is not None:
        later = con.execute("SELECT change, claim_id, detail FROM claim_changes WHERE article_id = ? AND previous_claim_id = ?",
                            [sup, claim_id]).fetchone()
        if later is None:
            diffed = con.execute("SELECT count(*) FROM version_diffs WHERE article_id = ?", [sup]).fetchone()[0]
            out["became"] = {"change": "kept" if diffed else "unknown"}
        else:
            out["became"] = {"change": later[0], "claim": _claim_text(con, [later[1]]).get(later[1]) if later[1] else None,
                             "detail": later[2]}
    if prev is not None:
        earlier = con.execute("SELECT change, previous_claim_id, detail FROM claim_changes WHERE article_id = ? AND claim_id = ?",
                              [aid, claim_id]).fetchone()
        if earlier is not None:
            out["came_from"] = {"change": earlier[0], "claim": _claim_text(con, [earlier[1]]).get(earlier[1]) if earlier[1] else None,
                                "detail": earlier[2]}
    return out
