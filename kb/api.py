"""The knowledge base as its users' programs see it: the one facade the CLI and the app
import. Every method returns typed records (:mod:`kb.read.types`), raises only
:class:`kb.errors.KBError` subclasses for what a user can fix, and takes its settings from
the :class:`kb.config.Settings` it was made with (resolved once, at the edge).

Reads open the database read-only through the process's read pool (they step aside for a
writer in another process); writes are short transactions. Nothing here imports spaCy or
torch until a method needs them (search, ingest, training): a listing or a count starts in
well under a second.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb

from kb.config import Settings
from kb.errors import BadInput, Skip
from kb.models import FLAG_REASONS, REVIEW_STATUSES, Extracted
from kb.read.export import FORMATS as EXPORT_FORMATS
from kb.read.export import Citation
from kb.read.filters import Filters
from kb.read.types import (
    ArchivedCapture,
    ArticleHistory,
    ClaimHit,
    ClaimTrack,
    ClaimVersion,
    Cluster,
    CrawlProgress,
    CrawlStatus,
    Edit,
    EntityCount,
    EntityFigure,
    EntityPage,
    FigureSeries,
    FlagRecord,
    KBStats,
    Provenance,
    Review,
    SearchGroup,
    SearchResults,
    SpeakerCorrection,
)
from kb.store.connection import Store
from kb.tracking.corrections import NEW_SPEAKER_TYPES

__all__ = [
    "KB",
    "EXPORT_FORMATS",
    "FLAG_REASONS",
    "REVIEW_STATUSES",
    "ClaimDetail",
    "Citation",
    "Extracted",
    "Filters",
    "Skip",
    "extract_page",
    "Settings",
    "ArticleHistory",
    "ClaimHit",
    "ClaimTrack",
    "ClaimVersion",
    "Cluster",
    "CrawlProgress",
    "CrawlStatus",
    "Edit",
    "EntityPage",
    "FlagRecord",
    "KBStats",
    "Provenance",
    "Review",
    "EntityCount",
    "FigureSeries",
    "EntityFigure",
    "ArchivedCapture",
    "SearchGroup",
    "SearchResults",
    "SpeakerCorrection",
    "NEW_SPEAKER_TYPES",
]


@dataclass
class ClaimDetail:
    """Everything a claim's page shows: the claim, where its words come from, who else
    reported it, the flags against it, and where it stands across its article's versions."""

    hit: ClaimHit
    provenance: Provenance | None
    cluster: Cluster | None
    flags: list[FlagRecord]
    version: ClaimVersion | None
    reviews: dict[int, list[Review]] = field(default_factory=dict)  # per flag id, every review, newest first
    speaker_corrections: list[SpeakerCorrection] = field(default_factory=list)  # every one, newest first


class KB:
    """One knowledge base (a DuckDB file and its side indexes)."""

    def __init__(self, settings: Settings | None = None, db: Path | str | None = None) -> None:
        self.settings = settings or Settings()
        if db is not None:
            self.settings = replace(self.settings, db=Path(db))
        self.store = Store(self.settings.db)

    @property
    def db(self) -> Path:
        return self.store.path

    @contextmanager
    def _read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.store.read() as con:
            yield con

    # -- reads ------------------------------------------------------------------------------
    def stats(self) -> KBStats:
        from kb.read.overview import stats

        with self._read() as con:
            return stats(con)

    def sources(self) -> list[str]:
        from kb.read.overview import sources

        with self._read() as con:
            return sources(con)

    def claims(self, filters: Filters | None = None, limit: int = 50, offset: int = 0) -> list[ClaimHit]:
        """Claims under ``filters``, newest first."""
        from kb.read.claims import list_claims

        _check_limit(limit)
        with self._read() as con:
            return list_claims(con, filters, limit, offset)

    def hits(self, claim_ids: Sequence[int]) -> list[ClaimHit]:
        """The claims with these ids, in the order given (unknown ids left out)."""
        from kb.read.claims import hydrate

        with self._read() as con:
            found = hydrate(con, list(claim_ids))
        return [found[i] for i in claim_ids if i in found]

    def search(
        self, query: str, filters: Filters | None = None, limit: int = 10, reranker: str | None = None
    ) -> list[ClaimHit]:
        """Hybrid search (BM25 + embeddings, fused; re-ranked when a reranker is configured or
        given as ``reranker``, a directory; "" for none)."""
        from kb.search.search import search

        self.check_query(query)
        _check_limit(limit)
        settings = self.settings.search if reranker is None else replace(self.settings.search, reranker=reranker)
        return search(query, self.db, limit, filters, settings, self.settings.index)

    def check_query(self, query: str) -> None:
        """:class:`BadInput` for a query longer than ``settings.search.max_query_chars``: a
        search's memory and time grow with its query, and nobody asks in a thousand words."""
        cap = self.settings.search.max_query_chars
        if len(query) > cap:
            raise BadInput(
                f"the query is {len(query):,} characters long: search with at most {cap:,} "
                "(a sentence or two, not a document)"
            )

    def claim(self, claim_id: int) -> ClaimDetail | None:
        from kb.read.claims import hydrate
        from kb.read.clusters import cluster
        from kb.read.corrections import speaker_corrections
        from kb.read.flags import list_flags, list_reviews
        from kb.read.history import claim_version
        from kb.read.provenance import provenance

        with self._read() as con:
            hit = hydrate(con, [claim_id]).get(claim_id)
            if hit is None:
                return None
            prov = provenance(con, claim_id)
            clus = cluster(con, prov.cluster_id) if prov is not None and prov.cluster_id is not None else None
            flags = list_flags(con, claim_id=claim_id)
            reviews = list_reviews(con, [f.flag_id for f in flags])
            corrections = speaker_corrections(con, [claim_id]).get(claim_id, [])
            return ClaimDetail(hit, prov, clus, flags, claim_version(con, claim_id), reviews, corrections)

    def tracking(self, claim_ids: Sequence[int]) -> dict[int, ClaimTrack]:
        """Per claim, the cluster and flag counts its result card shows."""
        from kb.read.flags import claim_tracking

        with self._read() as con:
            return claim_tracking(con, list(claim_ids))

    def flags(
        self,
        status: str | None = None,
        reason: str | None = "contradiction",
        entity: str | None = None,
        claim_id: int | None = None,
        limit: int = 100,
    ) -> list[FlagRecord]:
        from kb.read.flags import list_flags

        _check_limit(limit)
        with self._read() as con:
            return list_flags(con, status=status, reason=reason, entity=entity, claim_id=claim_id, limit=limit)

    def clusters(self, entity: str | None = None, min_claims: int = 2, limit: int = 50) -> list[Cluster]:
        from kb.read.clusters import list_clusters

        _check_limit(limit)
        with self._read() as con:
            return list_clusters(con, entity=entity, min_claims=min_claims, limit=limit)

    def entity(self, name: str, limit: int = 50) -> EntityPage | None:
        """Who or what ``name`` is (best match), its claims, claims about it, its figures."""
        from kb.read.entities import entity_claims, entity_figures, entity_profile, figure_series

        with self._read() as con:
            prof = entity_profile(con, name)
            if prof is None:
                return None
            eid = prof.entity_id
            figures = entity_figures(con, eid)
            return EntityPage(
                prof,
                entity_claims(con, eid, made=True, limit=limit),
                entity_claims(con, eid, made=False, limit=limit),
                figures,
                figure_series(figures),
            )

    def history(self, url: str) -> ArticleHistory | None:
        from kb.read.history import history

        with self._read() as con:
            return history(con, url)

    def edits(self, limit: int = 50) -> list[Edit]:
        from kb.read.history import recent_edits

        with self._read() as con:
            return recent_edits(con, limit)

    def crawl_status(self, runs: int = 10) -> CrawlStatus:
        from kb.read.runs import crawl_status

        with self._read() as con:
            return crawl_status(con, runs)

    def citations(self, claim_ids: Sequence[int]) -> list[Citation]:
        """Citations of the claims, in the order given (unknown ids and claims without an
        archived capture left out)."""
        from kb.read.export import citations

        with self._read() as con:
            return citations(con, list(claim_ids))

    def export(self, claim_ids: Sequence[int], fmt: str) -> tuple[str, int]:
        """The claims as a citations file in ``fmt`` (bibtex, ris, csl-json, csv,
        claimreview) and how many it cites (claims without an archived capture are left out)."""
        from kb.read.export import FORMATS, render

        if fmt not in FORMATS:
            raise BadInput(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
        cits = self.citations(claim_ids)
        return render(cits, fmt), len(cits)

    # -- writes -----------------------------------------------------------------------------
    def ingest(self, paths: Sequence[Path | str], on_batch: Callable[[Any], None] | None = None) -> Any:
        """WARC files or folders into the knowledge base (idempotent); returns the
        :class:`kb.ingest.run.IngestReport`."""
        from kb.ingest.run import ingest

        s = self.settings
        return ingest(paths, self.db, s.ingest, on_batch=on_batch, tracking=s.tracking, index=s.index)

    def track(self, rebuild: bool = False) -> Any:
        """Cluster and flag untracked claims (all with ``rebuild``; reviews are kept)."""
        from kb.tracking.pipeline import track

        return track(self.store, rebuild=rebuild, settings=self.settings.tracking)

    def review(self, flag_id: int, status: str, note: str | None = None, reviewer: str | None = None) -> Review:
        from kb.tracking.reviews import review

        return review(self.store, flag_id, status, note, reviewer)

    def correct_speaker(
        self,
        claim_id: int,
        to: str | None,
        note: str | None = None,
        corrector: str | None = None,
        new: str | None = None,
    ) -> SpeakerCorrection:
        """Correct a claim's speaker: ``to`` a stored person's or organisation's name or alias
        (``new`` "person" or "org" adds a name not stored yet), or None for no speaker (the
        reporter's own sentence). Kept across re-ingest; the newest correction counts."""
        from kb.tracking.corrections import correct_speaker

        return correct_speaker(self.store, claim_id, to, note, corrector, new)

    def revert_speaker(self, claim_id: int, note: str | None = None, corrector: str | None = None) -> SpeakerCorrection:
        """Back to the speaker the pipeline read (the corrections stay in the claim's history)."""
        from kb.tracking.corrections import revert_speaker

        return revert_speaker(self.store, claim_id, note, corrector)

    def speaker_corrections(self, claim_id: int) -> list[SpeakerCorrection]:
        """Every correction of the claim's speaker, newest first."""
        from kb.read.corrections import speaker_corrections

        with self._read() as con:
            return speaker_corrections(con, [claim_id]).get(claim_id, [])

    def record_crawl(self, summary: dict[str, Any]) -> None:
        from kb.store.writer import record_crawl_run

        record_crawl_run(self.store, summary)

    def repair_indexes(self) -> list[str]:
        return self.store.rebuild_indexes()

    def entities(self, types: Sequence[str] | None = None, limit: int | None = 50) -> list[EntityCount]:
        """Entities (of ``types``: "PERSON", "ORG" ...; all when None) named in current
        articles, the most written about first, with their counts (EntityCount)."""
        from kb.read.entities import list_entities

        with self._read() as con:
            return list_entities(con, types, limit)

    def near_entities(self, name: str, limit: int = 3) -> list[str]:
        """Entity names spelt close to ``name`` (a name with no entity: "did you mean")."""
        from kb.read.entities import near_entity_names

        with self._read() as con:
            return near_entity_names(con, name, limit)

    def archived(self, claim_id: int) -> ArchivedCapture | None:
        """The claim's capture read back from its WARC record, beside the stored article text
        (None for an unknown claim; a record that cannot be read back is a ``problem``)."""
        from kb.read.archive import archived

        with self._read() as con:
            return archived(con, claim_id, self.settings.extract.max_html_bytes)

    def check_entity(self, name: str) -> None:
        """:class:`BadInput` when the entity filter finds no entity for ``name``, with the near
        names: an unknown name must not pass for "no claims"."""
        from kb.read.entities import entity_matches, near_entity_names

        if not name.strip():  # would match every entity
            raise BadInput("the entity name is empty: give a name, part of one or an alias")
        with self._read() as con:
            if entity_matches(con, name):
                return
            near = near_entity_names(con, name)
        hint = f"did you mean {', '.join(near)}?" if near else "`kb stats` lists the most mentioned"
        raise BadInput(f"no person, organisation or other entity is called {name!r} (by name or alias): {hint}")

    def load_search_models(self, reranker: str | None = None, on_step: Callable[[str], None] | None = None) -> None:
        """Load what :meth:`search` will (the same arguments), calling ``on_step`` with what
        each step loads first, so that a caller can say what a cold search waits for."""
        from kb.nlp.embed import load_model
        from kb.nlp.pipeline import load_lemmatizer

        say = on_step or (lambda _: None)
        settings = self.settings.search if reranker is None else replace(self.settings.search, reranker=reranker)
        if settings.vector_weight:
            say("loading the embedding model")
            load_model()
        say("loading spaCy's lemmatizer")
        load_lemmatizer()
        if settings.reranker and settings.fusion == "score":
            from kb.search.rerank import load_reranker

            say("loading the reranker")
            load_reranker(settings.reranker)

    def search_groups(
        self,
        query: str,
        filters: Filters | None = None,
        limit: int = 10,
        offset: int = 0,
        reranker: str | None = None,
    ) -> SearchResults:
        """:meth:`search` grouped by cluster (one result per claim however many outlets report
        it), the weak matches apart, with the total number of matches."""
        from kb.search.search import search_groups

        self.check_query(query)
        _check_limit(limit)
        if offset < 0:
            raise BadInput(f"offset {offset} is negative")
        settings = self.settings.search if reranker is None else replace(self.settings.search, reranker=reranker)
        return search_groups(query, self.db, limit, offset, filters, settings, self.settings.index)


def extract_page(body: bytes, url: str, settings: Settings | None = None) -> Extracted:
    """Main text and metadata of one saved HTML page, as ingest would extract it. Raises
    :class:`Skip` (its ``reason``) for a page that is not an article."""
    from kb.ingest.extract import extract

    return extract(body, url, "text/html", settings=(settings or Settings()).extract)


MAX_LIMIT = 10_000  # results one call returns at most


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadInput(f"limit {limit} is out of range: give a number from 1 to {MAX_LIMIT}")
