"""The DuckDB store: schema, migrations, batch writes, short-lived reads.

DuckDB allows one writer per file and a writer blocks every other process, readers
included. So a writer holds the file only for one batch transaction; readers open
short-lived read-only connections and retry with back-off on the lock error. This is the
only module that writes SQL that changes data.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from kb import PIPELINE_VERSION, __version__, readpool
from kb.config import EMBED_DIM, default_db_path
from kb.entities import NameIndex, clean_name
from kb.errors import DatabaseLocked, DatabaseMissing, ExtensionMissing, SchemaTooNew
from kb.models import Capture, Claim, EntityRef, Extracted

log = logging.getLogger(__name__)

_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def _migrations() -> list[tuple[int, str]]:
    files = resources.files("kb.migrations")
    out = []
    for f in files.iterdir():
        if f.name.endswith(".sql") and f.name[:3].isdigit():
            out.append((int(f.name[:3]), f.read_text(encoding="utf-8")))
    return sorted(out)


SCHEMA_VERSION = max(v for v, _ in _migrations())


def extension_path(name: str) -> Path:
    """The extension file shipped inside ``duckdb-extension-<name>`` (pinned to duckdb)."""
    try:
        mod = __import__(f"duckdb_extension_{name}")
    except ImportError as exc:
        raise ExtensionMissing(f"duckdb-extension-{name}=={duckdb.__version__} is not installed: run `make install`") from exc
    root = Path(mod.__file__).parent
    path = root / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.exists():
        found = sorted(root.rglob(f"{name}.duckdb_extension"))
        if not found:
            raise ExtensionMissing(f"no {name}.duckdb_extension for duckdb {duckdb.__version__} in {root}")
        path = found[0]
    return path


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load an extension from its pinned package, offline (no INSTALL from the network)."""
    con.execute(f"LOAD '{extension_path(name)}'")  # path comes from our own package, not input


def _is_lock_error(exc: Exception) -> bool:
    msg = str(exc)
    return "Could not set lock" in msg or "Conflicting lock" in msg


def _retrying_connect(path: Path, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout
    delay = 0.05
    try:
        while True:
            try:
                return duckdb.connect(str(path), read_only=read_only, config=_CONFIG)
            except duckdb.IOException as exc:
                if not _is_lock_error(exc) or time.monotonic() > deadline:
                    if _is_lock_error(exc):
                        raise DatabaseLocked(f"{path} is locked by another process for {timeout:.0f}s; try again when the ingest batch ends") from exc
                    raise
                if not read_only:  # readers keeping the file open step aside (kb/readpool.py)
                    readpool.want_write(path)
                time.sleep(delay + random.uniform(0, delay))
                delay = min(delay * 2, 1.0)
    finally:
        if not read_only:
            readpool.wrote(path)


@dataclass
class ArticleRows:
    """What ingest made of one article: pure data, no IDs yet (the store assigns them)."""

    extracted: Extracted
    source: str | None
    domain: str | None
    claims: list[Claim]
    mentions: list[EntityRef]
    roles: list = field(default_factory=list)  # kb.nlp.entity_fixes.Role


@dataclass
class CaptureRows:
    capture: Capture
    outcome: str  # article, skipped
    skip_reason: str | None = None
    article: ArticleRows | None = None


@dataclass
class BatchResult:
    counters: dict[str, int] = field(default_factory=dict)

    def bump(self, name: str, n: int = 1) -> None:
        self.counters[name] = self.counters.get(name, 0) + n


@dataclass
class _StoredNames:
    """Stored entity names, indexed for merging (:meth:`Store._entity_ids`)."""

    orgs: dict[str, NameIndex] = field(default_factory=dict)  # ORG / PRODUCT -> names
    surnames: dict[str, list[int]] = field(default_factory=dict)  # lower-cased surname -> people (id order)
    count: int = 0  # rows read (ORG, PRODUCT, PERSON)
    last_id: int = 0


class Store:
    def __init__(self, path: Path | str | None = None, lock_timeout: float = 30.0) -> None:
        self.path = Path(path) if path else default_db_path()
        self.lock_timeout = lock_timeout
        self._names = _StoredNames()

    # -- connections ------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction; the file is released when the block ends."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with readpool.writing(self.path, self.lock_timeout):
            con = _retrying_connect(self.path, read_only=False, timeout=self.lock_timeout)
            try:
                if self.path.with_name(self.path.name + ".wal").exists():
                    # Left by a writer killed between COMMIT and close: its commits were just
                    # replayed from the WAL. DuckDB 1.5.5's checkpoint on close then drops their
                    # entries from the non-unique indexes (claims_article, articles_text_sha,
                    # articles_canonical), so later look-ups and DELETEs miss those rows; an
                    # explicit CHECKPOINT first binds the indexes and keeps them
                    # (tests/test_store_kill.py; duckdb/duckdb#23788, see also #25771, merged upstream).
                    con.execute("CHECKPOINT")
                self._migrate(con)
                con.execute("BEGIN TRANSACTION")
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            finally:
                con.close()

    @contextlib.contextmanager
    def read(self, keep: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection: a cursor of the instance this process keeps open between
        reads, which steps aside when another process wants to write (kb/readpool.py); or,
        with ``keep=False`` or while a writer waits, a short-lived connection (retrying while
        a writer holds the file)."""
        if not self.path.exists():
            raise DatabaseMissing(f"no database at {self.path}: run `kb ingest data/warc` (or `make run`) first")
        with readpool.reading(self.path, self._open_read, self.lock_timeout, keep) as con:
            yield con

    def _open_read(self) -> duckdb.DuckDBPyConnection:
        con = _retrying_connect(self.path, read_only=True, timeout=self.lock_timeout)
        try:
            version = self._version(con)
            if version > SCHEMA_VERSION:
                raise SchemaTooNew(f"database was written by a newer kb (schema {version} > {SCHEMA_VERSION}): upgrade kb")
            if 0 < version < SCHEMA_VERSION:
                # written by an older kb: migrate once (briefly as a writer), then read
                con.close()
                self.init()
                con = _retrying_connect(self.path, read_only=True, timeout=self.lock_timeout)
        except BaseException:
            con.close()
            raise
        return con

    @staticmethod
    def _version(con: duckdb.DuckDBPyConnection) -> int:
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_info'"
        ).fetchone()[0]
        if not exists:
            return 0
        return con.execute("SELECT coalesce(max(version), 0) FROM schema_info").fetchone()[0]

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        version = self._version(con)
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(f"database was written by a newer kb (schema {version} > {SCHEMA_VERSION}): upgrade kb")
        if version == SCHEMA_VERSION:
            return
        con.execute("CREATE TABLE IF NOT EXISTS schema_info (version INTEGER, applied_at TIMESTAMPTZ, kb_version VARCHAR)")
        for number, sql in _migrations():
            if number <= version:
                continue
            con.execute("BEGIN TRANSACTION")
            con.execute(sql)
            con.execute("INSERT INTO schema_info VALUES (?, ?, ?)", [number, datetime.now(UTC), __version__])
            con.execute("COMMIT")
            log.info("migrated %s to schema %d", self.path, number)

    def init(self) -> None:
        with self.write():
            pass

    # -- reads used by ingest -----------------------------------------------------------
    def known_record_ids(self, record_ids: Sequence[str]) -> set[str]:
        if not self.path.exists() or not record_ids:
            return set()
        with self.read() as con:
            if self._version(con) == 0:
                return set()
            rows = con.execute(
                "SELECT warc_record_id FROM captures WHERE warc_record_id IN (SELECT unnest(?))", [list(record_ids)]
            ).fetchall()
        return {r[0] for r in rows}

    def known_text_hashes(self, hashes: Sequence[str]) -> set[str]:
        if not self.path.exists() or not hashes:
            return set()
        with self.read() as con:
            if self._version(con) == 0:
                return set()
            # an older version's text coming back (a revert) is a new version: it needs its claims again
            rows = con.execute("SELECT DISTINCT text_sha256 FROM articles WHERE text_sha256 IN (SELECT unnest(?)) "
                               "AND superseded_by IS NULL", [list(hashes)]).fetchall()
        return {r[0] for r in rows}

    # -- the batch write ----------------------------------------------------------------
    def write_batch(self, batch: Sequence[CaptureRows], nlp_model: str, embed_model: str) -> BatchResult:
        """Store one batch in one transaction. Idempotent: captures already stored (by
        WARC-Record-ID) are skipped; an article whose text is already stored under the same
        URL adds only its capture; the same text under another URL, or a page whose
        canonical link names an article already stored, is stored as a duplicate
        (syndicated copy) without claims; new text at a stored URL is a new version."""
        result = BatchResult()
        now = datetime.now(UTC)
        with self.write() as con:
            ids = [c.capture.record_id for c in batch]
            known = {r[0] for r in con.execute(
                "SELECT warc_record_id FROM captures WHERE warc_record_id IN (SELECT unnest(?))", [ids]).fetchall()}
            next_id = {t: con.execute(f"SELECT coalesce(max({c}), 0) + 1 FROM {t}").fetchone()[0]
                       for t, c in (("captures", "capture_id"), ("articles", "article_id"), ("claims", "claim_id"),
                                    ("figures", "figure_id"), ("entities", "entity_id"))}
            captures, articles, claims, figures, mentions, claim_entities, roles = [], [], [], [], [], [], []
            entity_ids = self._entity_ids(con, batch, next_id)
            seen_in_batch: set[str] = set()
            for item in batch:
                cap = item.capture
                if cap.record_id in known or cap.record_id in seen_in_batch:
                    result.bump("already_ingested")
                    continue
                seen_in_batch.add(cap.record_id)
                capture_id = next_id["captures"]
                next_id["captures"] += 1
                outcome, reason = item.outcome, item.skip_reason
                if item.article is not None:
                    outcome, reason = self._add_article(con, item.article, capture_id, now, next_id, entity_ids,
                                                        articles, claims, figures, mentions, claim_entities,
                                                        roles, nlp_model, embed_model, result)
                else:
                    result.bump(f"skipped/{reason}")
                captures.append({
                    "capture_id": capture_id, "warc_record_id": cap.record_id, "url": cap.url,
                    "final_url": cap.final_url, "status": cap.status, "headers": json.dumps(cap.headers),
                    "content_type": cap.content_type, "fetched_at": cap.fetched_at, "body_sha256": cap.body_sha256,
                    "body_bytes": len(cap.body), "source": cap.source, "role": cap.role, "warc_file": cap.warc_file,
                    "warc_offset": cap.warc_offset, "outcome": outcome, "skip_reason": reason, "ingested_at": now,
                })
            _insert(con, "captures", captures)
            _insert(con, "articles", articles)
            _insert(con, "claims", claims, casts={"embedding": f"FLOAT[{EMBED_DIM}]"})
            _insert(con, "figures", figures)
            _insert(con, "mentions", mentions)
            _insert(con, "claim_entities", claim_entities)
            _insert(con, "entity_roles", roles)
            result.bump("captures", len(captures))
        return result

    def _entity_ids(self, con, batch: Sequence[CaptureRows], next_id: dict[str, int]) -> dict[str, int]:
        """Canonical entity per key: existing rows reused (exactly, or by alias merge),
        new ones inserted, aliases kept."""
        wanted: dict[str, tuple[str, str, set[str]]] = {}
        context: dict[str, set[str]] = {}  # key -> organisations named in the same articles
        for item in batch:
            if item.article is None:
                continue
            refs = list(item.article.mentions) + [c.speaker for c in item.article.claims if c.speaker]
            refs += [r.org for r in item.article.roles if r.org] + [r.person for r in item.article.roles]
            orgs = {r.key for r in refs if r.type == "ORG"}
            for r in refs:
                k = r.key
                name, type_, aliases = wanted.setdefault(k, (r.name, r.type, set()))
                context.setdefault(k, set()).update(orgs)
                alias = clean_name(r.surface)
                if alias and alias != name:
                    aliases.add(alias)
        if not wanted:
            return {}
        rows = con.execute("SELECT key, entity_id, aliases FROM entities WHERE key IN (SELECT unnest(?))",
                           [list(wanted)]).fetchall()
        ids = {k: i for k, i, _ in rows}
        stored_names = self._stored_names(con)
        merged: dict[int, set[str]] = {}
        for k, (name, type_, aliases) in wanted.items():
            if k not in ids:
                target = self._merge_target(con, name, type_, context.get(k, set()), stored_names)
                if target is not None:
                    ids[k] = target
                    merged.setdefault(target, set()).update(aliases | {name})
        for k, i, _ in rows:
            merged.setdefault(i, set()).update(wanted[k][2])
        for i, extra in merged.items():
            old = con.execute("SELECT aliases, name FROM entities WHERE entity_id = ?", [i]).fetchone()
            if old is None:
                continue
            new = sorted((set(old[0] or []) | extra) - {old[1]})
            if new != sorted(old[0] or []):
                con.execute("UPDATE entities SET aliases = ? WHERE entity_id = ?", [new, i])
        # the same merges among names new in this batch: an organisation/product joins the
        # first earlier new name it is another spelling of (itself not merged away); a bare
        # surname joins the one new full name with that surname, with evidence (a shared
        # organisation). Indexed, not pairwise: the same decisions as comparing every pair.
        alias_of: dict[str, str] = {}
        new_keys = [k for k in wanted if k not in ids]
        batch_names: dict[str, NameIndex] = {}
        full_names: dict[str, list[str]] = {}  # surname (casefolded) -> new full-name people
        for k in new_keys:
            name, type_, _ = wanted[k]
            if type_ == "PERSON" and " " in name:
                full_names.setdefault(name.casefold().split()[-1], []).append(k)
        for pos, k in enumerate(new_keys):
            name, type_, _ = wanted[k]
            if type_ in ("ORG", "PRODUCT"):
                index = batch_names.setdefault(type_, NameIndex())
                first = index.first_match(name)
                if first is not None:
                    alias_of[k] = new_keys[first]
                else:
                    index.add(name, pos)
            elif type_ == "PERSON" and " " not in name:
                people = full_names.get(name.casefold(), [])
                if len(people) == 1 and people[0] != k and context.get(k, set()) & context.get(people[0], set()):
                    alias_of[k] = people[0]
        fresh = []
        for k, (name, type_, aliases) in wanted.items():
            if k not in ids and k not in alias_of:
                ids[k] = next_id["entities"]
                next_id["entities"] += 1
                extra = {n for a, t in alias_of.items() if t == k for n in wanted[a][2] | {wanted[a][0]}}
                fresh.append({"entity_id": ids[k], "key": k, "name": name, "type": type_,
                              "aliases": sorted((aliases | extra) - {name})})
        for k, target in alias_of.items():
            ids[k] = ids[target]
        _insert(con, "entities", fresh)
        return ids

    def _stored_names(self, con) -> _StoredNames:
        """The stored organisation and product names (indexed for fuzzy_same) and people's
        surnames, kept between batches and caught up from the table: entities are only ever
        added, with growing ids; read inside the batch's transaction, so a rolled-back
        batch leaves nothing behind."""
        names = self._names
        if names.count and con.execute(
                "SELECT count(*) FROM entities WHERE type IN ('ORG', 'PRODUCT', 'PERSON') AND entity_id <= ?",
                [names.last_id]).fetchone()[0] != names.count:
            names = self._names = _StoredNames()  # not the table this was read from (another file)
        for eid, type_, name, lowered in con.execute(
                "SELECT entity_id, type, name, lower(name) FROM entities "
                "WHERE type IN ('ORG', 'PRODUCT', 'PERSON') AND entity_id > ? ORDER BY entity_id",
                [names.last_id]).fetchall():
            names.count += 1
            names.last_id = eid
            if type_ == "PERSON":
                if " " in lowered:  # lowered by DuckDB, as the look-up it replaces did
                    names.surnames.setdefault(lowered.rsplit(" ", 1)[1], []).append(eid)
            else:
                names.orgs.setdefault(type_, NameIndex()).add(name, eid)
        return names

    @staticmethod
    def _merge_target(con, name: str, type_: str, orgs: set[str], stored: _StoredNames) -> int | None:
        """An existing entity this new name is another spelling of, or None.

        Organisations and products: the same name up to case, punctuation, spacing and
        corporate suffixes, or a near-identical spelling (rapidfuzz); the first stored one.
        People: a bare surname joins the one known person with that surname only with
        evidence, an organisation named in this article that was also named beside that
        person elsewhere."""
        if type_ in ("ORG", "PRODUCT"):
            index = stored.orgs.get(type_)
            return index.first_match(name) if index else None
        if type_ != "PERSON" or " " in name:
            return None
        if name.isascii() and "%" not in name and "_" not in name:
            # people whose (lower-cased) name ends in " " + this surname, from the index
            candidates = stored.surnames.get(name.lower(), [])
        else:  # DuckDB's own lower() and LIKE decide, as before
            candidates = [r[0] for r in con.execute(
                "SELECT entity_id FROM entities WHERE type = 'PERSON' AND lower(name) LIKE '% ' || lower(?)", [name]
            ).fetchall()]
        if len(candidates) != 1 or not orgs:
            return None
        eid = candidates[0]
        together = {r[0] for r in con.execute(
            "SELECT DISTINCT e.key FROM mentions m1 JOIN mentions m2 ON m1.article_id = m2.article_id "
            "JOIN entities e ON e.entity_id = m2.entity_id WHERE m1.entity_id = ? AND e.type = 'ORG'", [eid]).fetchall()}
        return eid if together & orgs else None

    def _add_article(self, con, art: ArticleRows, capture_id: int, now: datetime, next_id: dict[str, int],
                     entity_ids: dict[str, int], articles: list, claims: list, figures: list, mentions: list,
                     claim_entities: list, roles: list, nlp_model: str, embed_model: str, result: BatchResult) -> tuple[str, str | None]:
        ex = art.extracted
        pending = [(a["article_id"], a["url"], a["text_sha256"], a["duplicate_of"]) for a in articles]
        stored = con.execute(
            "SELECT article_id, url, text_sha256, duplicate_of FROM articles "
            "WHERE text_sha256 = ? OR url = ? OR url = ? ORDER BY article_id",
            [ex.text_sha256, ex.url, ex.canonical_url]).fetchall()
        known = stored + pending
        # the current version of this URL: the newest row stored for it
        previous, previous_sha = max(((aid, sha) for aid, url, sha, _ in known if url == ex.url), default=(None, None))
        if previous_sha == ex.text_sha256:
            result.bump("unchanged")
            return "unchanged", "same URL and text already stored"
        # a copy of another page (an older version of this same URL is a revert, not a copy)
        duplicate_of = next((aid if dup is None else dup for aid, url, sha, dup in known
                             if sha == ex.text_sha256 and url != ex.url), None)
        if duplicate_of is None and ex.canonical_url != ex.url:
            # the page names another URL as the original (a syndicated copy)
            duplicate_of = next((aid if dup is None else dup for aid, url, _, dup in known if url == ex.canonical_url), None)
        article_id = next_id["articles"]
        next_id["articles"] += 1
        if previous is not None:
            self._supersede(con, previous, article_id, articles)
            result.bump("new_versions")
        articles.append({
            "article_id": article_id, "capture_id": capture_id, "url": ex.url, "canonical_url": ex.canonical_url,
            "source": art.source, "domain": art.domain, "title": ex.title, "authors": ex.authors,
            "published_at": ex.published_at, "published_source": ex.published_source, "updated_at": ex.updated_at,
            "language": ex.language, "description": ex.description, "text": ex.text, "text_sha256": ex.text_sha256,
            "extractor": ex.extractor, "pipeline_version": PIPELINE_VERSION, "duplicate_of": duplicate_of,
            "previous_version": previous, "ingested_at": now, "published_confidence": ex.published_confidence,
            "superseded_by": None,
        })
        if duplicate_of is not None:
            result.bump("duplicates")
            return "duplicate", f"copy of article {duplicate_of}"
        result.bump("articles")
        self._relink_earlier_copies(con, article_id, ex.url, result)
        # ... and copies earlier in this same batch, not yet inserted
        for a in articles:
            if a["canonical_url"] == ex.url and a["url"] != ex.url and a["duplicate_of"] is None:
                a["duplicate_of"] = article_id
                gone = {c["claim_id"] for c in claims if c["article_id"] == a["article_id"]}
                claims[:] = [c for c in claims if c["claim_id"] not in gone]
                figures[:] = [f for f in figures if f["claim_id"] not in gone]
                claim_entities[:] = [ce for ce in claim_entities if ce["claim_id"] not in gone]
                result.bump("duplicates_relinked")
                result.bump("articles", -1)
                result.bump("duplicates")
                result.bump("claims", -len(gone))
        for r in art.roles:
            roles.append({"entity_id": entity_ids[r.person.key], "role": r.role,
                          "org_entity_id": entity_ids[r.org.key] if r.org else None,
                          "article_id": article_id, "char_start": r.char_start, "char_end": r.char_end})
        for m in art.mentions:
            mentions.append({"entity_id": entity_ids[m.key], "article_id": article_id,
                             "char_start": m.char_start, "char_end": m.char_end, "surface": m.surface})
        for c in art.claims:
            claim_id = next_id["claims"]
            next_id["claims"] += 1
            speaker_id = entity_ids[c.speaker.key] if c.speaker else None
            claims.append({
                "claim_id": claim_id, "article_id": article_id, "char_start": c.char_start, "char_end": c.char_end,
                "text": c.text, "search_text": " ".join(x for x in (c.text, c.speaker.name if c.speaker else None, c.lemmas) if x),
                "kind": c.kind, "speaker_entity_id": speaker_id, "speaker_text": c.speaker_text, "verb": c.verb,
                "hedged": c.hedged, "negated": c.negated, "checkworthiness": c.checkworthiness,
                "features": json.dumps(c.features), "quote_spans": json.dumps(c.quote_spans),
                "embedding": c.embedding, "cluster_id": None, "pipeline_version": PIPELINE_VERSION,
                "nlp_model": nlp_model, "embed_model": embed_model,
            })
            for eid in sorted({entity_ids[e.key] for e in c.entities}):
                claim_entities.append({"claim_id": claim_id, "entity_id": eid})
            for f in c.figures:
                figures.append({
                    "figure_id": next_id["figures"], "claim_id": claim_id, "article_id": article_id, "kind": f.kind,
                    "value": f.value, "unit": f.unit, "lower": f.lower, "upper": f.upper, "approx": f.approx,
                    "time_ref": f.time_ref, "raw": f.raw, "char_start": f.char_start, "char_end": f.char_end,
                    "subject": f.subject, "year": f.year,
                })
                next_id["figures"] += 1
            result.bump("claims")
        return "article", None

    @staticmethod
    def _supersede(con, previous: int, article_id: int, pending: list[dict[str, Any]]) -> None:
        """Mark the version ``previous`` as replaced by ``article_id`` (stored, or earlier in this batch)."""
        for a in pending:
            if a["article_id"] == previous:
                a["superseded_by"] = article_id
                return
        con.execute("UPDATE articles SET superseded_by = ? WHERE article_id = ?", [article_id, previous])

    @staticmethod
    def _relink_earlier_copies(con, article_id: int, url: str, result: BatchResult) -> None:
        """Copies stored before their original arrived (crawl order is arbitrary): pages
        whose canonical link names this URL become duplicates of it, and lose their claims."""
        copies = [r[0] for r in con.execute(
            "SELECT article_id FROM articles WHERE canonical_url = ? AND url <> ? AND duplicate_of IS NULL",
            [url, url]).fetchall()]
        if not copies:
            return
        con.execute("UPDATE articles SET duplicate_of = ? WHERE article_id IN (SELECT unnest(?))", [article_id, copies])
        doomed = "SELECT claim_id FROM claims WHERE article_id IN (SELECT unnest(?))"
        con.execute(f"DELETE FROM figures WHERE claim_id IN ({doomed})", [copies])
        con.execute(f"DELETE FROM claim_entities WHERE claim_id IN ({doomed})", [copies])
        con.execute("DELETE FROM claims WHERE article_id IN (SELECT unnest(?))", [copies])
        result.bump("duplicates_relinked", len(copies))
        result.bump("articles", -len(copies))  # counters describe the end state
        result.bump("duplicates", len(copies))

    def load_benchmark_claims(self, texts: list[str], embeddings, lemmas: list[str],
                              titles: list[str] | None = None) -> None:
        """Benchmarks only: store each of ``texts`` as the one claim of a synthetic article
        (claim_id = article_id = position + 1), so retrieval can be measured through the real
        search path. ``titles`` (optional, one per claim) become the articles' titles and are
        indexed for BM25 with the claim, as a claim's speaker is at ingest: words of the
        claim's document that the text lacks."""
        titles = titles or [""] * len(texts)
        now = datetime.now(UTC)
        with self.write() as con:
            _insert(con, "articles", [{
                "article_id": i + 1, "capture_id": 0, "url": f"bench:{i + 1}", "canonical_url": f"bench:{i + 1}",
                "source": "bench", "domain": "bench", "title": ti or None, "text": t, "text_sha256": "bench",
                "extractor": "bench", "pipeline_version": PIPELINE_VERSION, "ingested_at": now}
                for i, (t, ti) in enumerate(zip(texts, titles, strict=True))])
            _insert(con, "claims", [{
                "claim_id": i + 1, "article_id": i + 1, "char_start": 0, "char_end": len(t), "text": t,
                "search_text": " ".join(x for x in (t, ti, lem) if x),
                "kind": "statement", "hedged": False, "negated": False, "checkworthiness": 0.0,
                "embedding": e.tolist(), "pipeline_version": PIPELINE_VERSION, "nlp_model": "-", "embed_model": "-"}
                for i, (t, e, lem, ti) in enumerate(zip(texts, embeddings, lemmas, titles, strict=True))], casts={"embedding": f"FLOAT[{EMBED_DIM}]"})

    # -- repair ----------------------------------------------------------------------------
    def rebuild_indexes(self) -> list[str]:
        """Drop and re-create every secondary index (``CREATE INDEX`` ones; primary keys and
        unique constraints are kept). For a database written before the WAL fix in
        :meth:`write`: DuckDB 1.5.5 could drop replayed rows from these indexes, so look-ups and
        DELETEs by ``article_id``, ``text_sha256`` or ``canonical_url`` missed them. Returns
        the indexes rebuilt. Names and definitions come from DuckDB's catalogue (our schema)."""
        with self.read(keep=False) as con:
            found = con.execute("SELECT index_name, sql FROM duckdb_indexes() WHERE NOT is_primary AND NOT is_unique "
                                "AND sql IS NOT NULL ORDER BY 1").fetchall()
        for name, sql in found:
            # one transaction each: DuckDB 1.5.5 aborts the process on a drop and re-create of
            # a damaged index in one transaction ("pure virtual method called")
            with self.write() as con:
                con.execute(f'DROP INDEX "{name}"')
            with self.write() as con:
                con.execute(sql)
        return [name for name, _ in found]

    # -- search index, runs ---------------------------------------------------------------
    def rebuild_search_index(self) -> None:
        """(Re)build the BM25 index over claims. DuckDB's FTS index is static, so this runs
        once after each ingest (a few ms per thousand claims)."""
        with self.write() as con:
            load_extension(con, "fts")
            con.execute(
                "PRAGMA create_fts_index('claims', 'claim_id', 'search_text', stemmer = 'porter', "
                "stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)"
            )

    def record_crawl_run(self, summary: dict[str, Any]) -> None:
        with self.write() as con:
            con.execute("DELETE FROM crawl_runs WHERE run_id = ?", [summary["run_id"]])
            con.execute(
                "INSERT INTO crawl_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [summary["run_id"], summary.get("started_at"), summary.get("finished_at"), summary.get("duration_s"),
                 summary.get("fetched"), summary.get("articles"), summary.get("skipped_robots"), summary.get("failed"),
                 summary.get("http_errors"), summary.get("bytes"), summary.get("finish_reason"),
                 summary.get("warc_files", []), json.dumps(summary, default=str)],
            )

    def record_ingest_run(self, run_id: str, started_at: datetime, warc_files: list[str], counters: dict[str, int]) -> None:
        with self.write() as con:
            con.execute("INSERT INTO ingest_runs VALUES (?, ?, ?, ?, ?)",
                        [run_id, started_at, datetime.now(UTC), warc_files, json.dumps(counters)])


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], casts: dict[str, str] | None = None) -> None:
    """Bulk insert through Arrow (one statement per table per batch). Values are data,
    never SQL: the table and column names here are ours."""
    if not rows:
        return
    data = pa.Table.from_pylist(rows)
    cols = list(rows[0])
    select = ", ".join(f"CAST({c} AS {casts[c]})" if casts and c in casts else c for c in cols)
    con.register("_kb_rows", data)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM _kb_rows")
    finally:
        con.unregister("_kb_rows")
