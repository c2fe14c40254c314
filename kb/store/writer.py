"""The batch writer: what ingest made of a batch of captures, stored in one transaction.

Idempotent: captures already stored (by WARC-Record-ID) are skipped; an article whose text
is already stored under the same URL adds only its capture; the same text under another
URL, or a page whose canonical link names an article already stored, is stored as a
duplicate (syndicated copy) without claims; new text at a stored URL is a new version
(the one before is marked ``superseded_by``). Ids are assigned inside the transaction
(``max(id) + 1``): DuckDB has one writer per file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb

from kb import PIPELINE_VERSION
from kb.config import EMBED_DIM
from kb.models import ArticleRows, CaptureRows
from kb.stats import Stats
from kb.store import rows
from kb.store.connection import Store, scalar
from kb.store.entities import EntityMerger

_ID_COLUMNS = (
    ("captures", "capture_id"),
    ("articles", "article_id"),
    ("claims", "claim_id"),
    ("figures", "figure_id"),
    ("entities", "entity_id"),
)


@dataclass
class _Batch:
    """The rows of one batch while they are assembled (inserted at the end, one statement a table)."""

    con: duckdb.DuckDBPyConnection
    now: datetime
    next_id: dict[str, int]
    entity_ids: dict[str, int]
    models: tuple[str, str]  # spaCy model, embedding model (recorded on every claim)
    stats: Stats
    captures: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    claim_entities: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)

    def take_id(self, table: str) -> int:
        n = self.next_id[table]
        self.next_id[table] += 1
        return n


class BatchWriter:
    """Stores batches into one database, keeping the entity-name index between batches."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.entities = EntityMerger()

    # -- look-ups before a batch is analysed ---------------------------------------------
    def known_record_ids(self, record_ids: Sequence[str]) -> set[str]:
        if not self.store.path.exists() or not record_ids:
            return set()
        with self.store.read() as con:
            if Store.schema_version(con) == 0:
                return set()
            found = con.execute(
                "SELECT warc_record_id FROM captures WHERE warc_record_id IN (SELECT unnest(?))", [list(record_ids)]
            ).fetchall()
        return {r[0] for r in found}

    def known_text_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Texts stored as a current version (their NLP can be skipped: they become duplicates)."""
        if not self.store.path.exists() or not hashes:
            return set()
        with self.store.read() as con:
            if Store.schema_version(con) == 0:
                return set()
            # an older version's text coming back (a revert) is a new version: it needs its claims again
            found = con.execute(
                "SELECT DISTINCT text_sha256 FROM articles WHERE text_sha256 IN (SELECT unnest(?)) "
                "AND superseded_by IS NULL",
                [list(hashes)],
            ).fetchall()
        return {r[0] for r in found}

    # -- the batch ------------------------------------------------------------------------
    def write(
        self, batch: Sequence[CaptureRows], nlp_model: str, embed_model: str, stats: Stats | None = None
    ) -> Stats:
        """Store one batch in one transaction; its counters are added to ``stats`` once it
        has committed (a rolled-back batch counts nothing). Returns ``stats``."""
        stats = stats if stats is not None else Stats()
        done = Stats()
        with self.store.write() as con:
            ids = [c.capture.record_id for c in batch]
            known = {
                r[0]
                for r in con.execute(
                    "SELECT warc_record_id FROM captures WHERE warc_record_id IN (SELECT unnest(?))", [ids]
                ).fetchall()
            }
            next_id = {t: scalar(con, f"SELECT coalesce(max({c}), 0) + 1 FROM {t}") for t, c in _ID_COLUMNS}
            b = _Batch(
                con, datetime.now(UTC), next_id, self.entities.ids(con, batch, next_id), (nlp_model, embed_model), done
            )
            seen_in_batch: set[str] = set()
            for item in batch:
                cap = item.capture
                if cap.record_id in known or cap.record_id in seen_in_batch:
                    done.inc("already_ingested")
                    continue
                seen_in_batch.add(cap.record_id)
                capture_id = b.take_id("captures")
                outcome, reason = item.outcome, item.skip_reason
                if item.article is not None:
                    outcome, reason = _add_article(b, item.article, capture_id)
                else:
                    done.inc(f"skipped/{reason}")
                b.captures.append(
                    {
                        "capture_id": capture_id,
                        "warc_record_id": cap.record_id,
                        "url": cap.url,
                        "final_url": cap.final_url,
                        "status": cap.status,
                        "headers": json.dumps(cap.headers),
                        "content_type": cap.content_type,
                        "fetched_at": cap.fetched_at,
                        "body_sha256": cap.body_sha256,
                        "body_bytes": len(cap.body),
                        "source": cap.source,
                        "role": cap.role,
                        "warc_file": cap.warc_file,
                        "warc_offset": cap.warc_offset,
                        "outcome": outcome,
                        "skip_reason": reason,
                        "ingested_at": b.now,
                    }
                )
            rows.insert(con, "captures", b.captures)
            rows.insert(con, "articles", b.articles)
            rows.insert(con, "claims", b.claims, casts={"embedding": f"FLOAT[{EMBED_DIM}]"})
            rows.insert(con, "figures", b.figures)
            rows.insert(con, "mentions", b.mentions)
            rows.insert(con, "claim_entities", b.claim_entities)
            rows.insert(con, "entity_roles", b.roles)
            done.inc("captures", len(b.captures))
        stats.counts.update(done.counts)
        return stats


def _add_article(b: _Batch, art: ArticleRows, capture_id: int) -> tuple[str, str | None]:
    """One article's rows into ``b``; returns the capture's (outcome, skip reason)."""
    ex, stats = art.extracted, b.stats
    pending = [(a["article_id"], a["url"], a["text_sha256"], a["duplicate_of"]) for a in b.articles]
    stored = b.con.execute(
        "SELECT article_id, url, text_sha256, duplicate_of FROM articles "
        "WHERE text_sha256 = ? OR url = ? OR url = ? ORDER BY article_id",
        [ex.text_sha256, ex.url, ex.canonical_url],
    ).fetchall()
    known = stored + pending
    # the current version of this URL: the newest row stored for it
    previous, previous_sha = max(((aid, sha) for aid, url, sha, _ in known if url == ex.url), default=(None, None))
    if previous_sha == ex.text_sha256:
        stats.inc("unchanged")
        return "unchanged", "same URL and text already stored"
    # a copy of another page (an older version of this same URL is a revert, not a copy)
    duplicate_of = next(
        (aid if dup is None else dup for aid, url, sha, dup in known if sha == ex.text_sha256 and url != ex.url), None
    )
    if duplicate_of is None and ex.canonical_url != ex.url:
        # the page names another URL as the original (a syndicated copy)
        duplicate_of = next(
            (aid if dup is None else dup for aid, url, _, dup in known if url == ex.canonical_url), None
        )
    article_id = b.take_id("articles")
    if previous is not None:
        _supersede(b, previous, article_id)
        stats.inc("new_versions")
    b.articles.append(
        {
            "article_id": article_id,
            "capture_id": capture_id,
            "url": ex.url,
            "canonical_url": ex.canonical_url,
            "source": art.source,
            "domain": art.domain,
            "title": ex.title,
            "authors": ex.authors,
            "published_at": ex.published_at,
            "published_source": ex.published_source,
            "updated_at": ex.updated_at,
            "language": ex.language,
            "description": ex.description,
            "text": ex.text,
            "text_sha256": ex.text_sha256,
            "extractor": ex.extractor,
            "pipeline_version": PIPELINE_VERSION,
            "duplicate_of": duplicate_of,
            "previous_version": previous,
            "ingested_at": b.now,
            "published_confidence": ex.published_confidence,
            "superseded_by": None,
        }
    )
    if duplicate_of is not None:
        stats.inc("duplicates")
        return "duplicate", f"copy of article {duplicate_of}"
    stats.inc("articles")
    _relink_earlier_copies(b, article_id, ex.url)
    _add_claims(b, art, article_id)
    return "article", None


def _add_claims(b: _Batch, art: ArticleRows, article_id: int) -> None:
    """The article's roles, mentions, claims, their entities and figures."""
    ids = b.entity_ids
    nlp_model, embed_model = b.models
    for r in art.roles:
        b.roles.append(
            {
                "entity_id": ids[r.person.key],
                "role": r.role,
                "org_entity_id": ids[r.org.key] if r.org else None,
                "article_id": article_id,
                "char_start": r.char_start,
                "char_end": r.char_end,
            }
        )
    for m in art.mentions:
        b.mentions.append(
            {
                "entity_id": ids[m.key],
                "article_id": article_id,
                "char_start": m.char_start,
                "char_end": m.char_end,
                "surface": m.surface,
            }
        )
    for c in art.claims:
        claim_id = b.take_id("claims")
        b.claims.append(
            {
                "claim_id": claim_id,
                "article_id": article_id,
                "char_start": c.char_start,
                "char_end": c.char_end,
                "text": c.text,
                "search_text": " ".join(x for x in (c.text, c.speaker.name if c.speaker else None, c.lemmas) if x),
                "kind": c.kind,
                "speaker_entity_id": ids[c.speaker.key] if c.speaker else None,
                "speaker_text": c.speaker_text,
                "verb": c.verb,
                "hedged": c.hedged,
                "negated": c.negated,
                "checkworthiness": c.checkworthiness,
                "features": json.dumps(c.features),
                "quote_spans": json.dumps(c.quote_spans),
                "embedding": c.embedding,
                "cluster_id": None,
                "pipeline_version": PIPELINE_VERSION,
                "nlp_model": nlp_model,
                "embed_model": embed_model,
            }
        )
        for eid in sorted({ids[e.key] for e in c.entities}):
            b.claim_entities.append({"claim_id": claim_id, "entity_id": eid})
        for f in c.figures:
            b.figures.append(
                {
                    "figure_id": b.take_id("figures"),
                    "claim_id": claim_id,
                    "article_id": article_id,
                    "kind": f.kind,
                    "value": f.value,
                    "unit": f.unit,
                    "lower": f.lower,
                    "upper": f.upper,
                    "approx": f.approx,
                    "time_ref": f.time_ref,
                    "raw": f.raw,
                    "char_start": f.char_start,
                    "char_end": f.char_end,
                    "subject": f.subject,
                    "year": f.year,
                }
            )
        b.stats.inc("claims")


def _supersede(b: _Batch, previous: int, article_id: int) -> None:
    """Mark the version ``previous`` as replaced by ``article_id`` (stored, or earlier in this batch)."""
    for a in b.articles:
        if a["article_id"] == previous:
            a["superseded_by"] = article_id
            return
    b.con.execute("UPDATE articles SET superseded_by = ? WHERE article_id = ?", [article_id, previous])


def _relink_earlier_copies(b: _Batch, article_id: int, url: str) -> None:
    """Copies stored before their original arrived (crawl order is arbitrary): pages whose
    canonical link names this URL become duplicates of it, and lose their claims; stored
    ones and ones earlier in this batch alike. Counters describe the end state."""
    con, stats = b.con, b.stats
    copies = [
        r[0]
        for r in con.execute(
            "SELECT article_id FROM articles WHERE canonical_url = ? AND url <> ? AND duplicate_of IS NULL", [url, url]
        ).fetchall()
    ]
    if copies:
        con.execute("UPDATE articles SET duplicate_of = ? WHERE article_id IN (SELECT unnest(?))", [article_id, copies])
        doomed = "SELECT claim_id FROM claims WHERE article_id IN (SELECT unnest(?))"
        con.execute(f"DELETE FROM figures WHERE claim_id IN ({doomed})", [copies])
        con.execute(f"DELETE FROM claim_entities WHERE claim_id IN ({doomed})", [copies])
        con.execute("DELETE FROM claims WHERE article_id IN (SELECT unnest(?))", [copies])
        stats.inc("duplicates_relinked", len(copies))
        stats.inc("articles", -len(copies))
        stats.inc("duplicates", len(copies))
    for a in b.articles:
        if a["canonical_url"] == url and a["url"] != url and a["duplicate_of"] is None:
            a["duplicate_of"] = article_id
            gone = {c["claim_id"] for c in b.claims if c["article_id"] == a["article_id"]}
            b.claims[:] = [c for c in b.claims if c["claim_id"] not in gone]
            b.figures[:] = [f for f in b.figures if f["claim_id"] not in gone]
            b.claim_entities[:] = [ce for ce in b.claim_entities if ce["claim_id"] not in gone]
            stats.inc("duplicates_relinked")
            stats.inc("articles", -1)
            stats.inc("duplicates")
            stats.inc("claims", -len(gone))


# -- run records ---------------------------------------------------------------------------
def record_crawl_run(store: Store, summary: dict[str, Any]) -> None:
    """A crawl's run summary (the crawler's JSON) into ``crawl_runs`` (replaced if recorded before)."""
    with store.write() as con:
        con.execute("DELETE FROM crawl_runs WHERE run_id = ?", [summary["run_id"]])
        con.execute(
            "INSERT INTO crawl_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                summary["run_id"],
                summary.get("started_at"),
                summary.get("finished_at"),
                summary.get("duration_s"),
                summary.get("fetched"),
                summary.get("articles"),
                summary.get("skipped_robots"),
                summary.get("failed"),
                summary.get("http_errors"),
                summary.get("bytes"),
                summary.get("finish_reason"),
                summary.get("warc_files", []),
                json.dumps(summary, default=str),
            ],
        )


def record_ingest_run(
    store: Store, run_id: str, started_at: datetime, warc_files: list[str], counters: dict[str, int]
) -> None:
    with store.write() as con:
        con.execute(
            "INSERT INTO ingest_runs VALUES (?, ?, ?, ?, ?)",
            [run_id, started_at, datetime.now(UTC), warc_files, json.dumps(counters)],
        )
