"""Corrections of claims' speakers as a reader sees them: every correction of a claim,
newest first (the claim page's history), and which stored entity a name given as the new
speaker is. The corrected speaker itself is read wherever a speaker is read, through
kb.store.schema (``speaker_join``, ``speaker_id``, ``speaker_in``, ``CLAIM_NAMES``)."""

from __future__ import annotations

import duckdb

from kb.read.types import SpeakerCorrection


def speaker_corrections(con: duckdb.DuckDBPyConnection, claim_ids: list[int]) -> dict[int, list[SpeakerCorrection]]:
    """Every speaker correction of these claims (by their stable key, so made on an earlier
    version or before a re-ingest too), newest first."""
    if not claim_ids:
        return {}
    rows = con.execute(
        "SELECT c.claim_id, k.claim_key, k.action, k.speaker_name, k.previous, coalesce(x.name, c.speaker_text), "
        "k.note, k.corrector, k.corrected_at "
        "FROM claims c JOIN speaker_corrections k USING (claim_key) LEFT JOIN entities x ON x.entity_id = c.speaker_entity_id "
        "WHERE c.claim_id IN (SELECT unnest(?)) ORDER BY c.claim_id, k.corrected_at DESC",
        [list(claim_ids)],
    ).fetchall()
    out: dict[int, list[SpeakerCorrection]] = {}
    for cid, *rest in rows:
        out.setdefault(cid, []).append(SpeakerCorrection(cid, *rest))
    return out


def entity_named(con: duckdb.DuckDBPyConnection, name: str) -> tuple[int, str, str] | None:
    """The stored entity whose name or an alias is ``name`` exactly (any case), as (id, key,
    name): a name known across articles before one scoped to a single article (a bare
    surname), its own name before an alias, a person or organisation before other kinds,
    then the most mentioned. None when no entity has it."""
    row = con.execute(
        "SELECT e.entity_id, e.key, e.name FROM entities e "
        "WHERE lower(e.name) = lower($n) OR list_contains(list_transform(e.aliases, x -> lower(x)), lower($n)) "
        "ORDER BY contains(e.key, '@'), lower(e.name) = lower($n) DESC, e.type IN ('PERSON', 'ORG') DESC, "
        "(SELECT count(*) FROM mentions m WHERE m.entity_id = e.entity_id) DESC, e.entity_id LIMIT 1",
        {"n": name},
    ).fetchone()
    return (row[0], row[1], row[2]) if row is not None else None
