"""Read-side queries shared by search, the CLI and the UI: claims with their provenance,
filters, article text, and counts. Every value from a user reaches SQL as a parameter."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from kb.checkworthy import explain
from kb.models import ClaimHit

# claims of the current version of an article that is not a copy (copies hold no claims)
CURRENT = "c.article_id IN (SELECT article_id FROM articles WHERE superseded_by IS NULL AND duplicate_of IS NULL)"


@dataclass(frozen=True)
class Filters:
    entity: str | None = None  # canonical name or alias, case-insensitive substring
    source: str | None = None  # source name or domain, case-insensitive substring
    since: date | datetime | None = None
    until: date | datetime | None = None
    kind: str | None = None
    has_figure: bool = False  # only claims that state a figure
    flagged: bool = False  # only claims in a contradiction flag
    earlier_versions: bool = False  # also claims of article versions a later crawl replaced (kb.history)

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE fragment over ``claims c JOIN articles a`` and its parameters."""
        where, params = ["a.duplicate_of IS NULL"], []
        if not self.earlier_versions:
            where.append("a.superseded_by IS NULL")
        if self.entity:
            where.append(
                "(c.claim_id IN (SELECT ce.claim_id FROM claim_entities ce JOIN entities e USING (entity_id)"
                " WHERE e.name ILIKE ? OR list_contains(list_transform(e.aliases, x -> lower(x)), lower(?)))"
                " OR c.speaker_entity_id IN (SELECT entity_id FROM entities e WHERE e.name ILIKE ?))"
            )
            like = f"%{self.entity}%"
            params += [like, self.entity, like]
        if self.source:
            where.append("(a.source ILIKE ? OR a.domain ILIKE ?)")
            params += [f"%{self.source}%", f"%{self.source}%"]
        if self.since:
            where.append("a.published_at >= ?")
            params.append(self.since)
        if self.until:
            if isinstance(self.until, datetime):
                where.append("a.published_at <= ?")
            else:  # a day counts in full: "until 2025-01-09" keeps that afternoon's articles
                where.append("a.published_at < CAST(? AS DATE) + INTERVAL 1 DAY")
            params.append(self.until)
        if self.kind:
            where.append("c.kind = ?")
            params.append(self.kind)
        if self.has_figure:
            where.append("EXISTS (SELECT 1 FROM figures f WHERE f.claim_id = c.claim_id)")
        if self.flagged:
            where.append("EXISTS (SELECT 1 FROM contradictions x WHERE (x.claim_a = c.claim_id OR x.claim_b = c.claim_id)"
                         " AND x.reason <> 'forecast_due')")
        return " AND ".join(where), params


def paragraph_of(text: str, start: int, end: int) -> tuple[str, int]:
    """The paragraph (line) of ``text`` holding [start, end), and its offset."""
    p0 = text.rfind("\n", 0, start) + 1
    p1 = text.find("\n", end)
    p1 = len(text) if p1 < 0 else p1
    return text[p0:p1], p0


# Two look-ups by key, not one join: joining claims to articles made DuckDB scan every
# article's text (about 190 ms of a search at 1M claims); the claims by id, then only their
# articles, take a few ms.
_HIT_SQL = """
SELECT c.claim_id, c.text, c.kind, s.name AS speaker, c.speaker_text, c.verb, c.hedged, c.negated,
       c.checkworthiness, c.article_id, c.char_start, c.char_end, c.features,
       (SELECT r.role || coalesce(', ' || o.name, '') FROM entity_roles r LEFT JOIN entities o ON o.entity_id = r.org_entity_id
         WHERE r.entity_id = c.speaker_entity_id ORDER BY (r.article_id = c.article_id) DESC, r.article_id DESC
         LIMIT 1) AS speaker_role,
       (SELECT list(e.name ORDER BY e.name) FROM claim_entities ce JOIN entities e USING (entity_id)
         WHERE ce.claim_id = c.claim_id) AS entities,
       (SELECT to_json(list({'kind': f.kind, 'value': f.value, 'unit': f.unit, 'raw': f.raw, 'lower': f.lower,
                             'upper': f.upper, 'approx': f.approx, 'time_ref': f.time_ref, 'year': f.year, 'subject': f.subject,
                             'char_start': f.char_start, 'char_end': f.char_end} ORDER BY f.char_start))
          FROM figures f WHERE f.claim_id = c.claim_id) AS figures
FROM claims c LEFT JOIN entities s ON s.entity_id = c.speaker_entity_id
WHERE c.claim_id IN (SELECT unnest(?))
"""
_ARTICLE_SQL = "SELECT article_id, url, source, title, published_at, text FROM articles WHERE article_id IN (SELECT unnest(?))"


def hydrate(con: duckdb.DuckDBPyConnection, claim_ids: list[int]) -> dict[int, ClaimHit]:
    """Full :class:`ClaimHit` records for the given claim ids."""
    if not claim_ids:
        return {}
    rows = con.execute(_HIT_SQL, [list(claim_ids)]).fetchall()
    articles = {r[0]: r[1:] for r in con.execute(_ARTICLE_SQL, [sorted({r[9] for r in rows})]).fetchall()} if rows else {}
    out: dict[int, ClaimHit] = {}
    for row in rows:
        (cid, text, kind, speaker, speaker_text, verb, hedged, negated, cw, article_id, start, end, features,
         speaker_role, entities, figures) = row
        url, source, title, published_at, article_text = articles[article_id]
        para, p0 = paragraph_of(article_text, start, end)
        out[cid] = ClaimHit(
            claim_id=cid, text=text, kind=kind, speaker=speaker or speaker_text, verb=verb, hedged=hedged,
            negated=negated, checkworthiness=cw, entities=list(entities or []),
            figures=[{k: v for k, v in f.items() if v is not None} for f in json.loads(figures or "[]")],
            article_id=article_id, article_url=url, source=source, title=title, published_at=published_at,
            char_start=start, char_end=end, paragraph=para, paragraph_start=p0, speaker_role=speaker_role,
            checkworthiness_reasons=explain(json.loads(features or "{}")),
        )
    return out


def list_claims(con: duckdb.DuckDBPyConnection, filters: Filters = Filters(), limit: int = 50,
                offset: int = 0) -> list[ClaimHit]:
    where, params = filters.sql()
    ids = [r[0] for r in con.execute(
        f"SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) WHERE {where} "
        "ORDER BY a.published_at DESC NULLS LAST, c.article_id, c.char_start LIMIT ? OFFSET ?",
        params + [limit, offset]).fetchall()]
    hits = hydrate(con, ids)
    return [hits[i] for i in ids]


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    out: dict[str, Any] = {
        "captures": one("SELECT count(*) FROM captures"),
        "articles": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL AND superseded_by IS NULL"),
        "earlier_versions": one("SELECT count(*) FROM articles WHERE superseded_by IS NOT NULL"),
        "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "sources": one("SELECT count(DISTINCT source) FROM articles"),
        "claims": one("SELECT count(*) FROM claims"),
        "figures": one("SELECT count(*) FROM figures"),
        "entities": one("SELECT count(*) FROM entities"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "crawl_runs": one("SELECT count(*) FROM crawl_runs"),
        "ingest_runs": one("SELECT count(*) FROM ingest_runs"),
    }
    out["claims_by_kind"] = dict(con.execute("SELECT kind, count(*) FROM claims GROUP BY 1 ORDER BY 2 DESC").fetchall())
    out["skipped"] = dict(con.execute(
        "SELECT skip_reason, count(*) FROM captures WHERE outcome = 'skipped' GROUP BY 1 ORDER BY 2 DESC").fetchall())
    out["top_entities"] = con.execute(
        "SELECT e.name, e.type, count(*) AS n FROM mentions m JOIN entities e USING (entity_id) "
        "GROUP BY 1, 2 ORDER BY n DESC, 1 LIMIT 10").fetchall()
    out["last_crawl"] = con.execute(
        "SELECT run_id, fetched, skipped_robots, failed, bytes, duration_s FROM crawl_runs ORDER BY finished_at DESC LIMIT 1"
    ).fetchone()
    return out


def article(con: duckdb.DuckDBPyConnection, article_id: int) -> dict[str, Any] | None:
    row = con.execute(
        "SELECT article_id, url, canonical_url, source, title, authors, published_at, published_source, updated_at, "
        "language, text FROM articles WHERE article_id = ?", [article_id]).fetchone()
    if row is None:
        return None
    keys = ["article_id", "url", "canonical_url", "source", "title", "authors", "published_at", "published_source",
            "updated_at", "language", "text"]
    return dict(zip(keys, row, strict=True))


def sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1").fetchall()]


def entity_profile(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, Any] | None:
    """Who or what an entity is (best match for ``name``: exact, then alias, then the most
    mentioned containing it), its aliases and stated roles, and how often it speaks and is
    mentioned."""
    row = con.execute("""
        SELECT e.entity_id, e.name, e.type, e.aliases,
               (SELECT count(*) FROM mentions m WHERE m.entity_id = e.entity_id) AS mentions
        FROM entities e
        WHERE lower(e.name) = lower($n) OR list_contains(list_transform(e.aliases, x -> lower(x)), lower($n))
           OR e.name ILIKE '%' || $n || '%'
        ORDER BY lower(e.name) = lower($n) DESC, mentions DESC, e.entity_id LIMIT 1""", {"n": name}).fetchone()
    if row is None:
        return None
    eid, ename, etype, aliases, mentions = row
    roles = con.execute(
        "SELECT DISTINCT r.role, o.name FROM entity_roles r LEFT JOIN entities o ON o.entity_id = r.org_entity_id "
        "WHERE r.entity_id = ? ORDER BY 1, 2", [eid]).fetchall()
    said = con.execute(f"SELECT count(*) FROM claims c WHERE speaker_entity_id = ? AND {CURRENT}", [eid]).fetchone()[0]
    # claims naming it that it did not make itself (as entity_claims(made=False) lists them)
    about = con.execute(f"SELECT count(*) FROM claim_entities ce JOIN claims c USING (claim_id) WHERE ce.entity_id = ? "
                        f"AND c.speaker_entity_id IS DISTINCT FROM ? AND {CURRENT}", [eid, eid]).fetchone()[0]
    return {"entity_id": eid, "name": ename, "type": etype, "aliases": [a for a in (aliases or []) if a != ename],
            "roles": [f"{r}, {o}" if o else r for r, o in roles], "mentions": mentions, "claims_made": said,
            "claims_about": about}


def entity_claims(con: duckdb.DuckDBPyConnection, entity_id: int, made: bool, limit: int = 50) -> list[ClaimHit]:
    """Claims the entity made (as speaker) or claims about it (it is named in them), newest first."""
    sql = ("SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) WHERE c.speaker_entity_id = ? "
           if made else
           "SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) WHERE c.claim_id IN "
           "(SELECT claim_id FROM claim_entities WHERE entity_id = ?) AND c.speaker_entity_id IS DISTINCT FROM ? ")
    params = [entity_id] if made else [entity_id, entity_id]
    ids = [r[0] for r in con.execute(sql + f"AND {CURRENT} ORDER BY a.published_at DESC NULLS LAST, c.claim_id LIMIT ?",
                                     params + [limit]).fetchall()]
    hits = hydrate(con, ids)
    return [hits[i] for i in ids]


def entity_figures(con: duckdb.DuckDBPyConnection, entity_id: int) -> list[dict[str, Any]]:
    """Every figure in claims the entity made or is named in, with the date it was published
    and what it measures: the data for "its figures over time"."""
    rows = con.execute("""
        SELECT f.kind, f.unit, f.value, f.raw, f.subject, f.year, a.published_at, a.source, c.claim_id, c.text
        FROM figures f JOIN claims c USING (claim_id) JOIN articles a ON a.article_id = c.article_id
        WHERE f.value IS NOT NULL AND (c.speaker_entity_id = $e
              OR c.claim_id IN (SELECT claim_id FROM claim_entities WHERE entity_id = $e))
          AND a.superseded_by IS NULL AND a.duplicate_of IS NULL
        ORDER BY a.published_at, c.claim_id""", {"e": entity_id}).fetchall()
    keys = ["kind", "unit", "value", "raw", "subject", "year", "published_at", "source", "claim_id", "claim"]
    return [dict(zip(keys, r, strict=True)) for r in rows]


def crawl_status(con: duckdb.DuckDBPyConnection, runs: int = 10) -> dict[str, Any]:
    """The last crawl and ingest runs, and per source: articles, claims, last capture, and
    captures skipped or failed by reason."""
    crawls = con.execute(
        "SELECT run_id, started_at, finished_at, duration_s, fetched, articles, skipped_robots, failed, http_errors, "
        "bytes, finish_reason FROM crawl_runs ORDER BY started_at DESC NULLS LAST LIMIT ?", [runs]).fetchall()
    ingests = con.execute(
        "SELECT run_id, started_at, finished_at, counters FROM ingest_runs ORDER BY started_at DESC NULLS LAST LIMIT ?",
        [runs]).fetchall()
    per_source = con.execute("""
        SELECT coalesce(a.source, cap.source) AS source,
               count(DISTINCT a.article_id) FILTER (WHERE a.duplicate_of IS NULL AND a.superseded_by IS NULL) AS articles,
               count(DISTINCT c.claim_id) AS claims, max(cap.fetched_at) AS last_capture,
               count(DISTINCT cap.capture_id) FILTER (WHERE cap.outcome = 'skipped') AS skipped
        FROM captures cap LEFT JOIN articles a ON a.capture_id = cap.capture_id
        LEFT JOIN claims c ON c.article_id = a.article_id
        GROUP BY 1 ORDER BY 1""").fetchall()
    reasons = con.execute(
        "SELECT source, skip_reason, count(*) FROM captures WHERE outcome = 'skipped' GROUP BY 1, 2 ORDER BY 1, 3 DESC"
    ).fetchall()
    by_source: dict[str, dict[str, int]] = {}
    for src, reason, n in reasons:
        by_source.setdefault(src or "unknown", {})[reason or "unknown"] = n
    return {
        "crawls": [dict(zip(["run_id", "started_at", "finished_at", "duration_s", "fetched", "articles", "skipped_robots",
                             "failed", "http_errors", "bytes", "finish_reason"], r, strict=True)) for r in crawls],
        "ingests": [{"run_id": r[0], "started_at": r[1], "finished_at": r[2], **json.loads(r[3] or "{}")} for r in ingests],
        "sources": [{"source": src, "articles": a, "claims": c, "last_capture": last, "skipped": sk,
                     "skip_reasons": by_source.get(src, {})} for src, a, c, last, sk in per_source],
    }
