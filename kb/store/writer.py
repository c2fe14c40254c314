"""The batch writer: what ingest made of a batch of captures, stored in one transaction.

Idempotent: captures already stored (by WARC-Record-ID) are skipped; an article whose text
is already stored under the same URL adds only its capture; new text at a stored URL is a
new version (the one before is marked ``superseded_by``). Ids are assigned inside the
transaction (``max(id) + 1``): DuckDB has one writer per file.

Syndicated copies: the same text under another URL, or a page whose canonical link names
another, is one group with one original that owns the claims; the others are stored with
``duplicate_of`` and no claims. The original does not depend on crawl order: a canonical
link decides, else the earlier published (undated: captured), else the one stored first
(:func:`_is_copy_of`). When a page arrives that is the original of a group already stored
(or earlier in the batch), the group becomes its copies and the claims move to it, with
their figures, mentions, roles, clusters, flags and reviews, in the batch's transaction
(:func:`_demote`).
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
from kb.store.clusters import refresh_clusters
from kb.store.connection import Store, scalar
from kb.store.entities import EntityMerger
from kb.store.keys import claim_key, flag_key_of

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
    when: dict[int, datetime | None] = field(default_factory=dict)  # pending article: published, else captured
    clusters: set[int] = field(default_factory=set)  # stored clusters to recount before commit

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
                    outcome, reason = _add_article(b, item.article, capture_id, cap.fetched_at)
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
            refresh_clusters(con, sorted(b.clusters))
            done.inc("captures", len(b.captures))
        stats.counts.update(done.counts)
        return stats


def _add_article(b: _Batch, art: ArticleRows, capture_id: int, fetched_at: datetime | None) -> tuple[str, str | None]:
    """One article's rows into ``b``; returns the capture's (outcome, skip reason).

    A page whose text is stored under another URL, or whose canonical link names a stored
    page, joins that page's group of copies. Which member is the original (the one that
    owns the claims) does not depend on crawl order; see :func:`_is_copy_of`."""
    ex, stats = art.extracted, b.stats
    known = _stored(b, "a.text_sha256 = ? OR a.url = ? OR a.url = ?", [ex.text_sha256, ex.url, ex.canonical_url])
    known += [p for p in _pending(b) if p.text_sha256 == ex.text_sha256 or p.url in (ex.url, ex.canonical_url)]
    # the current version of this URL: the newest row stored for it
    previous, previous_sha = max(
        ((k.article_id, k.text_sha256) for k in known if k.url == ex.url), default=(None, None)
    )
    if previous_sha == ex.text_sha256:
        stats.inc("unchanged")
        return "unchanged", "same URL and text already stored"
    when = ex.published_at or fetched_at
    root = _group_of(b, known, ex.url, ex.canonical_url, ex.text_sha256)
    duplicate_of = (
        root.article_id
        if root is not None and _is_copy_of(b, ex.url, ex.canonical_url, ex.text_sha256, when, root)
        else None
    )
    article_id = b.take_id("articles")
    if previous is not None:
        _supersede(b, previous, article_id)
        stats.inc("new_versions")
    b.when[article_id] = when
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
        _recount_clusters_of(b, duplicate_of)  # one more outlet carries its claims
        return "duplicate", f"copy of article {duplicate_of}"
    stats.inc("articles")
    got_claims = False
    if root is not None:  # published before the group's original: the group becomes its copies
        got_claims = _demote(b, root, article_id, ex.canonical_url, move=root.text_sha256 == ex.text_sha256)
    got_claims = _relink_earlier_copies(b, article_id, ex.url, ex.canonical_url, ex.text_sha256, got_claims)
    if not got_claims:
        _add_claims(b, art, article_id)
    return "article", None


@dataclass(frozen=True)
class _Article:
    """What deciding a copy's original needs to know of an article row (stored or pending)."""

    article_id: int
    url: str
    canonical_url: str
    text_sha256: str
    duplicate_of: int | None
    superseded_by: int | None
    when: datetime | None  # published, else captured


_ARTICLE_SQL = (
    "SELECT a.article_id, a.url, a.canonical_url, a.text_sha256, a.duplicate_of, a.superseded_by, "
    "coalesce(a.published_at, c.fetched_at) FROM articles a LEFT JOIN captures c ON c.capture_id = a.capture_id "
)


def _stored(b: _Batch, where: str, params: list[Any]) -> list[_Article]:
    return [
        _Article(*r) for r in b.con.execute(f"{_ARTICLE_SQL} WHERE {where} ORDER BY a.article_id", params).fetchall()
    ]


def _pending(b: _Batch) -> list[_Article]:
    return [
        _Article(
            a["article_id"],
            a["url"],
            a["canonical_url"],
            a["text_sha256"],
            a["duplicate_of"],
            a["superseded_by"],
            b.when[a["article_id"]],
        )
        for a in b.articles
    ]


def _article(b: _Batch, article_id: int) -> _Article:
    for p in _pending(b):
        if p.article_id == article_id:
            return p
    return _stored(b, "a.article_id = ?", [article_id])[0]


def _group_of(b: _Batch, known: list[_Article], url: str, canonical_url: str, sha: str) -> _Article | None:
    """The original (root) of the group a new page at ``url`` joins: the group of a stored
    page with its text (current rows first: a copy of an older version of a page stays a
    copy of that version, as before), else of the current page its canonical link names."""
    same = [k for k in known if k.text_sha256 == sha and k.url != url]
    match = min(same, key=lambda k: (k.superseded_by is not None, k.article_id), default=None)
    if match is None and canonical_url != url:
        match = max((k for k in known if k.url == canonical_url), key=lambda k: k.article_id, default=None)
    if match is None:
        return None
    return match if match.duplicate_of is None else _article(b, match.duplicate_of)


def _earlier(a: datetime | None, b: datetime | None) -> bool:
    """``a`` strictly before ``b`` (an unknown time is never earlier)."""
    return a is not None and b is not None and a < b


def _is_copy_of(b: _Batch, url: str, canonical_url: str, sha: str, when: datetime | None, root: _Article) -> bool:
    """Whether a new page (``url``, its canonical link, text hash ``sha``, published or else
    captured ``when``) is a copy of the group rooted at ``root`` (True), or its original (False).

    1. A canonical link decides, whatever the dates: a page whose canonical link names a
       page of the group (the original or a copy of it) is a copy; a page that the group's
       original names in its own canonical link is the original. The publisher's link says
       which page is the source; dates are guessed from the page (and a syndicated copy
       often carries the wire's time, or a time zone that makes it look earlier). Only
       when both pages name each other do the links cancel out and dates decide.
    2. A group whose original is an older version of its URL keeps it (the text the copy
       repeats is no longer current anywhere; its claims left tracking with it), and so
       does one whose original has other text (it was chosen by canonical links; this
       page repeats one of its copies).
    3. Otherwise (the same text) the earlier published is the original (undated pages:
       capture time); on a tie, or a time missing, the page stored first stays the original.
    """
    members = [root] + _stored(b, "a.duplicate_of = ?", [root.article_id])
    members += [p for p in _pending(b) if p.duplicate_of == root.article_id]
    names_group = canonical_url != url and any(m.url == canonical_url for m in members)
    named_by_root = root.canonical_url == url and root.url != url
    if names_group != named_by_root:
        return names_group
    if root.superseded_by is not None or root.text_sha256 != sha:
        return True
    return not _earlier(when, root.when)


def _demote(b: _Batch, old: _Article, article_id: int, canonical_url: str, move: bool) -> bool:
    """The group rooted at ``old`` (stored, or earlier in this batch) becomes copies of the
    new original ``article_id``, in this transaction, so a reader never sees both or neither
    holding the claims. With ``move`` (the same text, so the same offsets, and the new
    original has no claims yet) the claims move over with what hangs on them (figures,
    entities, mentions, roles; ids kept, so clusters, flags, article diffs and reviews stay
    attached; keys re-derived from the new canonical URL); otherwise
    they are deleted with their flags and the new original keeps its own analysis. Returns
    whether the claims moved (the new original then needs no claims of its own)."""
    con, stats = b.con, b.stats
    old_id = old.article_id
    con.execute(
        "UPDATE articles SET duplicate_of = ? WHERE article_id = ? OR duplicate_of = ?", [article_id, old_id, old_id]
    )
    for a in b.articles:
        if a["article_id"] == old_id or a["duplicate_of"] == old_id:
            a["duplicate_of"] = article_id
    stats.inc("duplicates_relinked")
    stats.inc("articles", -1)
    stats.inc("duplicates")
    stored = [r[0] for r in con.execute("SELECT claim_id FROM claims WHERE article_id = ?", [old_id]).fetchall()]
    b.clusters |= _clusters_of_claims(b, stored)
    if move:
        for table in ("claims", "figures", "mentions", "entity_roles"):
            con.execute(f"UPDATE {table} SET article_id = ? WHERE article_id = ?", [article_id, old_id])
        pending = [c for c in b.claims if c["article_id"] == old_id]
        for row in (*b.claims, *b.figures, *b.mentions, *b.roles):
            if row["article_id"] == old_id:
                row["article_id"] = article_id
        if old.canonical_url != canonical_url:
            _rekey_claims(b, stored, canonical_url)
        stats.inc("claims_moved", len(stored) + len(pending))
        return True
    if stored:
        doomed = "SELECT unnest(?)"
        con.execute(f"DELETE FROM figures WHERE claim_id IN ({doomed})", [stored])
        con.execute(f"DELETE FROM claim_entities WHERE claim_id IN ({doomed})", [stored])
        gone = con.execute(
            "DELETE FROM contradictions WHERE claim_a IN (SELECT unnest($ids)) OR claim_b IN (SELECT unnest($ids)) "
            "RETURNING flag_id",
            {"ids": stored},
        ).fetchall()
        stats.inc("flags_removed", len(gone))
        con.execute("DELETE FROM claims WHERE article_id = ?", [old_id])
    con.execute("DELETE FROM mentions WHERE article_id = ?", [old_id])
    con.execute("DELETE FROM entity_roles WHERE article_id = ?", [old_id])
    gone_ids = {c["claim_id"] for c in b.claims if c["article_id"] == old_id}
    b.claims[:] = [c for c in b.claims if c["claim_id"] not in gone_ids]
    b.figures[:] = [f for f in b.figures if f["claim_id"] not in gone_ids]
    b.claim_entities[:] = [ce for ce in b.claim_entities if ce["claim_id"] not in gone_ids]
    b.mentions[:] = [m for m in b.mentions if m["article_id"] != old_id]
    b.roles[:] = [r for r in b.roles if r["article_id"] != old_id]
    stats.inc("claims", -len(gone_ids))
    return False


def _rekey_claims(b: _Batch, claim_ids: list[int], canonical_url: str) -> None:
    """Moved claims take the keys they would have had on their new article; their flags'
    keys follow, and each review of a flag is copied to its new key (reviews are
    append-only: the rows under the old key stay as they were)."""
    con = b.con
    found = con.execute(
        "SELECT claim_id, char_start, char_end, text FROM claims "
        "WHERE claim_id IN (SELECT unnest(?)) AND claim_key IS NOT NULL",
        [claim_ids],
    ).fetchall()
    if not found:
        return  # not tracked yet: tracking derives the keys from the article they are on
    rows.update(
        con,
        "claims",
        "claim_id",
        [{"claim_id": c, "claim_key": claim_key(canonical_url, s, e, t)} for c, s, e, t in found],
    )
    flags = con.execute(
        "SELECT f.flag_id, f.flag_key, f.reason, ca.claim_key, cb.claim_key FROM contradictions f "
        "JOIN claims ca ON ca.claim_id = f.claim_a LEFT JOIN claims cb ON cb.claim_id = f.claim_b "
        "WHERE f.claim_a IN (SELECT unnest($ids)) OR f.claim_b IN (SELECT unnest($ids))",
        {"ids": claim_ids},
    ).fetchall()
    renamed = [(fid, old, flag_key_of(reason, ka, kb)) for fid, old, reason, ka, kb in flags]
    renamed = [r for r in renamed if r[1] != r[2]]
    if not renamed:
        return
    rows.update(con, "contradictions", "flag_id", [{"flag_id": fid, "flag_key": new} for fid, _, new in renamed])
    con.execute(
        "INSERT INTO reviews SELECT m.new, r.status, r.note, r.reviewer, r.reviewed_at "
        "FROM reviews r JOIN (SELECT unnest($old) AS old, unnest($new) AS new) m ON m.old = r.flag_key",
        {"old": [r[1] for r in renamed], "new": [r[2] for r in renamed]},
    )
    b.stats.inc("flags_rekeyed", len(renamed))


def _clusters_of_claims(b: _Batch, claim_ids: list[int]) -> set[int]:
    if not claim_ids:
        return set()
    return {
        r[0]
        for r in b.con.execute(
            "SELECT DISTINCT cluster_id FROM claims WHERE claim_id IN (SELECT unnest(?)) AND cluster_id IS NOT NULL",
            [claim_ids],
        ).fetchall()
    }


def _recount_clusters_of(b: _Batch, article_id: int) -> None:
    """The clusters of a stored article's claims, to recount before commit (a copy joined)."""
    b.clusters |= {
        r[0]
        for r in b.con.execute(
            "SELECT DISTINCT cluster_id FROM claims WHERE article_id = ? AND cluster_id IS NOT NULL", [article_id]
        ).fetchall()
    }


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


def _relink_earlier_copies(
    b: _Batch, article_id: int, url: str, canonical_url: str, sha: str, has_claims: bool
) -> bool:
    """Copies stored before their original arrived (crawl order is arbitrary): current
    originals whose canonical link names this URL become its copies, with their own copies
    (stored ones and ones earlier in this batch alike; a page this one names back is left
    to :func:`_is_copy_of`, which already decided). Claims move over from one with the
    same text unless the new original ``has_claims`` already; returns whether it has them
    now (:func:`_demote`). Counters describe the end state."""
    named = [
        k
        for k in _stored(
            b,
            "a.canonical_url = ? AND a.url <> ? AND a.duplicate_of IS NULL AND a.superseded_by IS NULL",
            [url, url],
        )
        + _pending(b)
        if k.canonical_url == url
        and k.url not in (url, canonical_url)
        and k.duplicate_of is None
        and k.superseded_by is None
        and k.article_id != article_id
    ]
    for k in named:
        has_claims = (
            _demote(b, k, article_id, canonical_url, move=k.text_sha256 == sha and not has_claims) or has_claims
        )
    return has_claims


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
