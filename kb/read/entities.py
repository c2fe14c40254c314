"""People and organisations: who or what an entity is, what it said, what was said about
it, and the figures in those claims over time.

Every count of an entity is defined once, in :data:`_COUNTS`, over current articles only
(kb.store.schema: not stored copies, not replaced versions), so that the list of the most
mentioned, the entity's page and its claim lists agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import duckdb

from kb.read.claims import hydrate
from kb.read.filters import _MATCHING_ENTITIES
from kb.read.types import ClaimHit, EntityCount, EntityFigure, EntityProfile, FigureSeries
from kb.store.connection import scalar
from kb.store.schema import CLAIM_NAMES, current_article, current_claim, speaker_id, speaker_join

# Per entity: mentions (times its name appears in current articles), articles (current
# articles naming it), made (current claims it is the speaker of), about (current claims
# whose text names it, its own included), by_others (those of them it did not make).
# Speakers and names as readers see them (kb.store.schema): a speaker correction moves a claim.
_COUNTS = f"""
    WITH cur AS (SELECT a.article_id FROM articles a WHERE {current_article("a")}),
    m AS (SELECT entity_id, count(*) AS mentions, count(DISTINCT article_id) AS articles
          FROM mentions WHERE article_id IN (SELECT article_id FROM cur) GROUP BY entity_id),
    spoken AS (SELECT c.claim_id, {speaker_id("c", "so")} AS speaker FROM claims c {speaker_join("c", "so")}
               WHERE c.article_id IN (SELECT article_id FROM cur)),
    made AS (SELECT speaker AS entity_id, count(*) AS made FROM spoken WHERE speaker IS NOT NULL GROUP BY 1),
    named AS (SELECT ce.entity_id, count(DISTINCT ce.claim_id) AS about,
                     count(DISTINCT ce.claim_id) FILTER (WHERE c.speaker IS DISTINCT FROM ce.entity_id) AS by_others
              FROM {CLAIM_NAMES} ce JOIN spoken c USING (claim_id) GROUP BY ce.entity_id),
    counted AS (
        SELECT e.entity_id, e.name, e.type, e.aliases, coalesce(m.mentions, 0) AS mentions,
               coalesce(m.articles, 0) AS articles, coalesce(made.made, 0) AS made, coalesce(named.about, 0) AS about,
               coalesce(named.by_others, 0) AS by_others
        FROM entities e LEFT JOIN m USING (entity_id) LEFT JOIN made USING (entity_id) LEFT JOIN named USING (entity_id))
"""


def entity_profile(con: duckdb.DuckDBPyConnection, name: str) -> EntityProfile | None:
    """Who or what an entity is (best match for ``name``: exact, then alias, then the most
    mentioned containing it), its aliases and stated roles, and its counts (EntityProfile)."""
    row = con.execute(
        _COUNTS
        + """
        SELECT entity_id, name, type, aliases, mentions, articles, made, about, by_others FROM counted e
        WHERE lower(e.name) = lower($n) OR list_contains(list_transform(e.aliases, x -> lower(x)), lower($n))
           OR e.name ILIKE '%' || $n || '%'
        ORDER BY lower(e.name) = lower($n) DESC, mentions DESC, e.entity_id LIMIT 1""",
        {"n": name},
    ).fetchone()
    if row is None:
        return None
    eid, ename, etype, aliases, mentions, articles, made, about, by_others = row
    roles = con.execute(
        "SELECT DISTINCT r.role, o.name FROM entity_roles r LEFT JOIN entities o ON o.entity_id = r.org_entity_id "
        "WHERE r.entity_id = ? ORDER BY 1, 2",
        [eid],
    ).fetchall()
    return EntityProfile(
        entity_id=eid,
        name=ename,
        type=etype,
        aliases=[a for a in (aliases or []) if a != ename],
        roles=[f"{r}, {o}" if o else r for r, o in roles],
        mentions=mentions,
        claims_made=made,
        claims_about=about,
        articles=articles,
        named_by_others=by_others,
    )


def entity_claims(con: duckdb.DuckDBPyConnection, entity_id: int, made: bool, limit: int = 50) -> list[ClaimHit]:
    """Claims the entity made (as speaker) or claims about it by others (naming it, another
    speaker or none), newest first: the first ``limit`` of ``claims_made`` and ``named_by_others``."""
    base = f"SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) {speaker_join('c', 'so')} WHERE "
    sql = (
        base + f"{speaker_id('c', 'so')} = ? "
        if made
        else base + f"c.claim_id IN (SELECT claim_id FROM {CLAIM_NAMES} n WHERE n.entity_id = ?) "
        f"AND {speaker_id('c', 'so')} IS DISTINCT FROM ? "
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
        SELECT f.kind, f.unit, f.value, f.raw, f.subject, f.year, a.published_at, a.source, c.claim_id, c.text,
               c.cluster_id
        FROM figures f JOIN claims c USING (claim_id) JOIN articles a ON a.article_id = c.article_id
          {speaker_join("c", "so")}
        WHERE f.value IS NOT NULL AND ({speaker_id("c", "so")} = $e
              OR c.claim_id IN (SELECT claim_id FROM {CLAIM_NAMES} n WHERE n.entity_id = $e))
          AND {current_article("a")}
        ORDER BY a.published_at, c.claim_id""",
        {"e": entity_id},
    ).fetchall()
    return [EntityFigure(*r) for r in rows]


def list_entities(
    con: duckdb.DuckDBPyConnection, types: Sequence[str] | None = None, limit: int | None = 50
) -> list[EntityCount]:
    """Entities (of ``types``, all when None) named in at least one current article, the
    most written about first: by articles naming them, then mentions, then name."""
    where, params = ["articles > 0"], list[Any]()
    if types:
        where.append("type IN (SELECT unnest(?))")
        params.append(list(types))
    sql = (
        _COUNTS
        + "SELECT entity_id, name, type, aliases, mentions, articles, made, about FROM counted "
        + f"WHERE {' AND '.join(where)} ORDER BY articles DESC, mentions DESC, name, entity_id"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [
        EntityCount(eid, name, type_, [a for a in (aliases or []) if a != name], *counts)
        for eid, name, type_, aliases, *counts in con.execute(sql, params).fetchall()
    ]


def near_entity_names(con: duckdb.DuckDBPyConnection, name: str, limit: int = 3) -> list[str]:
    """Names of entities whose name or an alias is spelt close to ``name`` (for "did you
    mean"), closest first; [] when none is close. Whole-name similarity, not partial: a
    part of a name already finds its entity (entity_profile), and "Elon Muks" should not
    suggest "UK"."""
    from rapidfuzz import fuzz, process, utils

    spellings: dict[str, str] = {}  # a name or alias -> the entity's name
    for e in list_entities(con, limit=None):
        for s in [e.name, *e.aliases]:
            spellings.setdefault(s, e.name)
    found = process.extract(
        name, list(spellings), scorer=fuzz.QRatio, processor=utils.default_process, score_cutoff=75, limit=None
    )
    out: list[str] = []
    for spelling, _score, _i in found:  # best first; ties keep the most written about first
        if spellings[spelling] not in out:
            out.append(spellings[spelling])
    return out[:limit]


# what a kind of figure measures, in words, with its unit and without
_MEASURES = {
    "percent": ("share (%)", "share (%)"),
    "count": ("number of {unit}", "number"),
    "money": ("amount ({unit})", "amount"),
}


def figure_series(figures: Sequence[EntityFigure]) -> list[FigureSeries]:
    """The figures grouped by measured quantity (FigureSeries), the largest first. Two
    figures are one quantity only when kind, unit (``GPU`` = ``GPUs``), year and stated
    subject agree; when no subject is stated, only within one claim's cluster (the same
    claim in several outlets), and only if no claim there holds two such figures (which
    would be which?). "100,000 GPUs" in one story and "two GPUs" in another, or "15
    kilowatts" and "120 kilowatts" in one sentence, are different things."""
    groups: dict[tuple, list[EntityFigure]] = {}
    for f in figures:
        subject = " ".join(f.subject.split()).casefold() if f.subject else None
        context = subject if subject else ("cluster", f.cluster_id if f.cluster_id is not None else -f.claim_id)
        unit = (f.unit or "").casefold()
        unit = unit[:-1] if f.kind == "count" and unit.endswith("s") and len(unit) > 3 else unit
        groups.setdefault((f.kind, unit, f.year, context), []).append(f)
    parts: list[list[EntityFigure]] = []
    for (_kind, _unit, _year, context), part in groups.items():
        per_claim = Counter(f.claim_id for f in part)
        if isinstance(context, tuple) and max(per_claim.values()) > 1:
            parts += [[f] for f in part]  # no subject tells them apart
        else:
            parts.append(part)
    series = [_series(part) for part in parts]
    return sorted(series, key=lambda s: (-len(s.figures), s.label))


def _series(figures: list[EntityFigure]) -> FigureSeries:
    first = figures[0]
    unit = next((f.unit for f in figures if f.unit), None)
    with_unit, without = _MEASURES.get(first.kind, (first.kind + " ({unit})", first.kind))
    label = with_unit.format(unit=unit) if unit else without
    if first.subject:
        label += f" · {' '.join(first.subject.split())}"
    if first.year is not None and str(first.year) not in (first.subject or ""):
        label += f" · {first.year}"
    return FigureSeries(label, first.kind, unit, first.subject, first.year, figures)


def entity_matches(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the entity filter (kb/read/filters.py) finds any entity for ``name``: a part of
    a canonical name or a whole alias, any case."""
    return bool(scalar(con, f"SELECT EXISTS ({_MATCHING_ENTITIES})", [f"%{name}%", name]))
