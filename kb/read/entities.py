"""People and organisations: who or what an entity is, what it said, what was said about
it, and the figures in those claims over time."""

from __future__ import annotations

import difflib

import duckdb

from kb.read.claims import hydrate
from kb.read.filters import _MATCHING_ENTITIES
from kb.read.types import ClaimHit, EntityFigure, EntityProfile
from kb.store.connection import scalar
from kb.store.schema import current_article, current_claim


def entity_profile(con: duckdb.DuckDBPyConnection, name: str) -> EntityProfile | None:
    """Who or what an entity is (best match for ``name``: exact, then alias, then the most
    mentioned containing it), its aliases and stated roles, and how often it speaks and is
    mentioned."""
    row = con.execute(
        """
        SELECT e.entity_id, e.name, e.type, e.aliases,
               (SELECT count(*) FROM mentions m WHERE m.entity_id = e.entity_id) AS mentions
        FROM entities e
        WHERE lower(e.name) = lower($n) OR list_contains(list_transform(e.aliases, x -> lower(x)), lower($n))
           OR e.name ILIKE '%' || $n || '%'
        ORDER BY lower(e.name) = lower($n) DESC, mentions DESC, e.entity_id LIMIT 1""",
        {"n": name},
    ).fetchone()
    if row is None:
        return None
    eid, ename, etype, aliases, mentions = row
    roles = con.execute(
        "SELECT DISTINCT r.role, o.name FROM entity_roles r LEFT JOIN entities o ON o.entity_id = r.org_entity_id "
        "WHERE r.entity_id = ? ORDER BY 1, 2",
        [eid],
    ).fetchall()
    said = scalar(con, f"SELECT count(*) FROM claims c WHERE speaker_entity_id = ? AND {current_claim('c')}", [eid])
    # claims naming it that it did not make itself (as entity_claims(made=False) lists them)
    about = scalar(
        con,
        f"SELECT count(*) FROM claim_entities ce JOIN claims c USING (claim_id) WHERE ce.entity_id = ? "
        f"AND c.speaker_entity_id IS DISTINCT FROM ? AND {current_claim('c')}",
        [eid, eid],
    )
    return EntityProfile(
        entity_id=eid,
        name=ename,
        type=etype,
        aliases=[a for a in (aliases or []) if a != ename],
        roles=[f"{r}, {o}" if o else r for r, o in roles],
        mentions=mentions,
        claims_made=said,
        claims_about=about,
    )


def entity_claims(con: duckdb.DuckDBPyConnection, entity_id: int, made: bool, limit: int = 50) -> list[ClaimHit]:
    """Claims the entity made (as speaker) or claims about it (it is named in them), newest first."""
    sql = (
        "SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) WHERE c.speaker_entity_id = ? "
        if made
        else "SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) WHERE c.claim_id IN "
        "(SELECT claim_id FROM claim_entities WHERE entity_id = ?) AND c.speaker_entity_id IS DISTINCT FROM ? "
    )
    params = [entity_id] if made else [entity_id, entity_id]
    ids = [
        r[0]
        for r in con.execute(
            sql + f"AND {current_claim('c')} ORDER BY a.published_at DESC NULLS LAST, c.claim_id LIMIT ?",
            params + [limit],
        ).fetchall()
    ]
    hits = hydrate(con, ids)
    return [hits[i] for i in ids]


def entity_figures(con: duckdb.DuckDBPyConnection, entity_id: int) -> list[EntityFigure]:
    """Every figure in claims the entity made or is named in, with the date it was published
    and what it measures: the data for "its figures over time"."""
    rows = con.execute(
        f"""
        SELECT f.kind, f.unit, f.value, f.raw, f.subject, f.year, a.published_at, a.source, c.claim_id, c.text
        FROM figures f JOIN claims c USING (claim_id) JOIN articles a ON a.article_id = c.article_id
        WHERE f.value IS NOT NULL AND (c.speaker_entity_id = $e
              OR c.claim_id IN (SELECT claim_id FROM claim_entities WHERE entity_id = $e))
          AND {current_article("a")}
        ORDER BY a.published_at, c.claim_id""",
        {"e": entity_id},
    ).fetchall()
    return [EntityFigure(*r) for r in rows]


def entity_matches(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the entity filter (kb/read/filters.py) finds any entity for ``name``: a part of
    a canonical name or a whole alias, any case."""
    return bool(scalar(con, f"SELECT EXISTS ({_MATCHING_ENTITIES})", [f"%{name}%", name]))


def near_entity_names(con: duckdb.DuckDBPyConnection, name: str, limit: int = 5) -> list[str]:
    """Canonical names of the entities whose name or an alias is spelled closest to ``name``
    (difflib, any case), closest first: what to suggest for a name that matches none."""
    spellings: dict[str, str] = {}  # a name or alias, lower case -> the canonical name
    for canonical, aliases in con.execute("SELECT name, aliases FROM entities ORDER BY entity_id").fetchall():
        for spelling in (canonical, *(aliases or [])):
            spellings.setdefault(spelling.lower(), canonical)
    close = difflib.get_close_matches(name.lower(), spellings, n=limit * 3, cutoff=0.6)
    return list(dict.fromkeys(spellings[s] for s in close))[:limit]
