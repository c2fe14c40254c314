"""Article versions as a reader sees them: every version of a URL and which claims appeared,
went or changed (written by :mod:`kb.tracking.versions`), the latest edits, and where one
claim stands across its article's versions."""

from __future__ import annotations

import duckdb

from kb.read.types import (
    ArticleHistory,
    ArticleVersion,
    ClaimChange,
    ClaimRef,
    ClaimVersion,
    Edit,
    VersionDiff,
    VersionLink,
)
from kb.store.connection import scalar
from kb.store.schema import speaker_id, speaker_join, speaker_text


def _claim_refs(con: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, ClaimRef]:
    if not ids:
        return {}
    return {
        r[0]: ClaimRef(*r)
        for r in con.execute(
            f"SELECT c.claim_id, c.text, c.char_start, c.char_end, coalesce(x.name, {speaker_text('c', 'so')}) "
            f"FROM claims c {speaker_join('c', 'so')} LEFT JOIN entities x ON x.entity_id = {speaker_id('c', 'so')} "
            "WHERE c.claim_id IN (SELECT unnest(?))",
            [ids],
        ).fetchall()
    }


def history(con: duckdb.DuckDBPyConnection, url: str) -> ArticleHistory | None:
    """Every stored version of the article at ``url`` (or whose canonical URL it is), oldest
    first, each with what changed from the version before. None if the URL is unknown."""
    seed = con.execute(
        "SELECT url FROM articles WHERE url = ? OR canonical_url = ? ORDER BY article_id LIMIT 1", [url, url]
    ).fetchone()
    if seed is None:
        return None
    rows = con.execute(
        "SELECT a.article_id, a.title, a.text_sha256, a.previous_version, a.superseded_by, a.duplicate_of, "
        "       cap.fetched_at, a.published_at, a.updated_at, length(a.text), "
        "       (SELECT count(*) FROM claims c WHERE c.article_id = a.article_id), "
        "       d.claims_added, d.claims_removed, d.claims_changed, d.claims_kept, d.title_changed, d.text_similarity "
        "FROM articles a JOIN captures cap ON cap.capture_id = a.capture_id "
        "LEFT JOIN version_diffs d ON d.article_id = a.article_id WHERE a.url = ? ORDER BY a.article_id",
        [seed[0]],
    ).fetchall()
    captures = scalar(con, "SELECT count(*) FROM captures WHERE final_url = ? OR url = ?", [seed[0], seed[0]])
    versions = []
    for n, r in enumerate(rows, start=1):
        (
            aid,
            title,
            sha,
            prev,
            sup,
            dup,
            fetched,
            pub,
            upd,
            length,
            n_claims,
            added,
            removed,
            changed,
            kept,
            title_changed,
            sim,
        ) = r
        v = ArticleVersion(
            version=n,
            article_id=aid,
            title=title,
            text_sha256=sha,
            captured_at=fetched,
            published_at=pub,
            updated_at=upd,
            chars=length,
            claims=n_claims,
            previous_article_id=prev,
            superseded_by=sup,
            duplicate_of=dup,
            current=sup is None,
        )
        if prev is not None and added is not None:
            v.diff = VersionDiff(added, removed, changed, kept, title_changed, sim)
            v.changes = changes(con, aid)
        versions.append(v)
    return ArticleHistory(url=seed[0], captures=captures, versions=versions)


def changes(con: duckdb.DuckDBPyConnection, article_id: int) -> list[ClaimChange]:
    """The claim changes recorded for version ``article_id``: changed first, then added, removed."""
    rows = con.execute(
        "SELECT change, claim_id, previous_claim_id, similarity, detail FROM claim_changes WHERE article_id = ? "
        "ORDER BY CASE change WHEN 'changed' THEN 0 WHEN 'added' THEN 1 ELSE 2 END, "
        "coalesce(claim_id, previous_claim_id)",
        [article_id],
    ).fetchall()
    refs = _claim_refs(con, sorted({i for r in rows for i in r[1:3] if i is not None}))
    return [
        ClaimChange(
            ch, refs.get(cid) if cid is not None else None, refs.get(pid) if pid is not None else None, sim, det
        )
        for ch, cid, pid, sim, det in rows
    ]


def recent_edits(con: duckdb.DuckDBPyConnection, limit: int = 50) -> list[Edit]:
    """Articles whose text changed between crawls, newest edit first (a stealth-edit feed)."""
    rows = con.execute(
        "SELECT a.url, a.title, a.source, d.article_id, d.previous_article_id, pc.fetched_at, cap.fetched_at, "
        "       d.claims_added, d.claims_removed, d.claims_changed, d.title_changed, d.text_similarity "
        "FROM version_diffs d JOIN articles a ON a.article_id = d.article_id "
        "JOIN captures cap ON cap.capture_id = a.capture_id "
        "JOIN articles p ON p.article_id = d.previous_article_id JOIN captures pc ON pc.capture_id = p.capture_id "
        "ORDER BY cap.fetched_at DESC, d.article_id DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [Edit(*r) for r in rows]


def claim_version(con: duckdb.DuckDBPyConnection, claim_id: int) -> ClaimVersion | None:
    """Where a claim stands across its article's versions: None for an article never edited;
    otherwise whether its version is current, and what became of the claim (or where it came from)."""
    row = con.execute(
        "SELECT a.article_id, a.url, a.previous_version, a.superseded_by FROM claims c JOIN articles a USING (article_id) "
        "WHERE c.claim_id = ?",
        [claim_id],
    ).fetchone()
    if row is None or (row[2] is None and row[3] is None):
        return None
    aid, url, prev, sup = row
    out = ClaimVersion(url=url, article_id=aid, current=sup is None, superseded_by=sup, became=None, came_from=None)
    if sup is not None:
        later = con.execute(
            "SELECT change, claim_id, detail FROM claim_changes WHERE article_id = ? AND previous_claim_id = ?",
            [sup, claim_id],
        ).fetchone()
        if later is None:
            diffed = scalar(con, "SELECT count(*) FROM version_diffs WHERE article_id = ?", [sup])
            out.became = VersionLink("kept" if diffed else "unknown")
        else:
            out.became = VersionLink(
                later[0], _claim_refs(con, [later[1]]).get(later[1]) if later[1] else None, later[2]
            )
    if prev is not None:
        earlier = con.execute(
            "SELECT change, previous_claim_id, detail FROM claim_changes WHERE article_id = ? AND claim_id = ?",
            [aid, claim_id],
        ).fetchone()
        if earlier is not None:
            out.came_from = VersionLink(
                earlier[0], _claim_refs(con, [earlier[1]]).get(earlier[1]) if earlier[1] else None, earlier[2]
            )
    return out
