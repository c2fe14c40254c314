"""Claims as readers see them: each with its speaker, role, entities, figures, article and
the paragraph around it (:func:`hydrate`), and listings under :class:`Filters`."""

from __future__ import annotations

import json

import duckdb

from kb.nlp.checkworthy import explain
from kb.read.filters import Filters
from kb.read.types import Article, ClaimHit
from kb.store.schema import speaker_id, speaker_join, speaker_text


def paragraph_of(text: str, start: int, end: int) -> tuple[str, int]:
    """The paragraph (line) of ``text`` holding [start, end), and its offset."""
    p0 = text.rfind("\n", 0, start) + 1
    p1 = text.find("\n", end)
    p1 = len(text) if p1 < 0 else p1
    return text[p0:p1], p0


# Two look-ups by key, not one join: joining claims to articles made DuckDB scan every
# article's text (about 190 ms of a search at 1M claims); the claims by id, then only their
# articles, take a few ms. The speaker is the one readers see (kb.store.schema: a journalist's
# correction in force, else the extracted one); ``extracted`` is what the pipeline read.
_HIT_SQL = f"""
SELECT c.claim_id, c.text, c.kind, s.name AS speaker, {speaker_text("c", "so")} AS speaker_text, c.verb, c.hedged,
       c.negated, c.checkworthiness, c.article_id, c.char_start, c.char_end, c.features,
       (SELECT r.role || coalesce(', ' || o.name, '') FROM entity_roles r LEFT JOIN entities o ON o.entity_id = r.org_entity_id
         WHERE r.entity_id = {speaker_id("c", "so")} ORDER BY (r.article_id = c.article_id) DESC, r.article_id DESC
         LIMIT 1) AS speaker_role,
       (SELECT list(e.name ORDER BY e.name) FROM claim_entities ce JOIN entities e USING (entity_id)
         WHERE ce.claim_id = c.claim_id
           AND NOT (so.claim_key IS NOT NULL AND so.entity_id IS DISTINCT FROM c.speaker_entity_id
                    AND ce.entity_id = c.speaker_entity_id)) AS entities,
       (SELECT to_json(list({{'kind': f.kind, 'value': f.value, 'unit': f.unit, 'raw': f.raw, 'lower': f.lower,
                             'upper': f.upper, 'approx': f.approx, 'time_ref': f.time_ref, 'year': f.year, 'subject': f.subject,
                             'char_start': f.char_start, 'char_end': f.char_end}} ORDER BY f.char_start))
          FROM figures f WHERE f.claim_id = c.claim_id) AS figures,
       so.claim_key IS NOT NULL AS corrected, coalesce(x.name, c.speaker_text) AS extracted
FROM claims c {speaker_join("c", "so")}
  LEFT JOIN entities s ON s.entity_id = {speaker_id("c", "so")}
  LEFT JOIN entities x ON x.entity_id = c.speaker_entity_id
WHERE c.claim_id IN (SELECT unnest(?))
"""
_ARTICLE_SQL = (
    "SELECT article_id, url, source, title, published_at, text FROM articles WHERE article_id IN (SELECT unnest(?))"
)


def hydrate(con: duckdb.DuckDBPyConnection, claim_ids: list[int]) -> dict[int, ClaimHit]:
    """Full :class:`ClaimHit` records for the given claim ids."""
    if not claim_ids:
        return {}
    rows = con.execute(_HIT_SQL, [list(claim_ids)]).fetchall()
    articles = (
        {r[0]: r[1:] for r in con.execute(_ARTICLE_SQL, [sorted({r[9] for r in rows})]).fetchall()} if rows else {}
    )
    out: dict[int, ClaimHit] = {}
    for row in rows:
        (
            cid,
            text,
            kind,
            speaker,
            speaker_text,
            verb,
            hedged,
            negated,
            cw,
            article_id,
            start,
            end,
            features,
            speaker_role,
            entities,
            figures,
            corrected,
            extracted,
        ) = row
        url, source, title, published_at, article_text = articles[article_id]
        para, p0 = paragraph_of(article_text, start, end)
        out[cid] = ClaimHit(
            claim_id=cid,
            text=text,
            kind=kind,
            speaker=speaker or speaker_text,
            verb=verb,
            hedged=hedged,
            negated=negated,
            checkworthiness=cw,
            entities=list(entities or []),
            figures=[{k: v for k, v in f.items() if v is not None} for f in json.loads(figures or "[]")],
            article_id=article_id,
            article_url=url,
            source=source,
            title=title,
            published_at=published_at,
            char_start=start,
            char_end=end,
            paragraph=para,
            paragraph_start=p0,
            speaker_role=speaker_role,
            checkworthiness_reasons=explain(json.loads(features or "{}")),
            speaker_corrected=bool(corrected),
            extracted_speaker=extracted if corrected else None,
        )
    return out


def list_claims(
    con: duckdb.DuckDBPyConnection, filters: Filters | None = None, limit: int = 50, offset: int = 0
) -> list[ClaimHit]:
    """Claims under ``filters``, newest article first, in text order within an article."""
    where, params = (filters or Filters()).sql()
    ids = [
        r[0]
        for r in con.execute(
            f"SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) WHERE {where} "
            "ORDER BY a.published_at DESC NULLS LAST, c.article_id, c.char_start LIMIT ? OFFSET ?",
            params + [limit, offset],
        ).fetchall()
    ]
    hits = hydrate(con, ids)
    return [hits[i] for i in ids]


def article(con: duckdb.DuckDBPyConnection, article_id: int) -> Article | None:
    row = con.execute(
        "SELECT article_id, url, canonical_url, source, title, authors, published_at, published_source, updated_at, "
        "language, text FROM articles WHERE article_id = ?",
        [article_id],
    ).fetchone()
    return Article(*row) if row is not None else None
