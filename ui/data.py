"""What the app reads and writes, through :mod:`kb.api` only, cached per database version.

Every cached answer is keyed on the database file's version (its and its write-ahead log's
mtime and size), so an ingest that commits shows at once; the TTL only bounds memory.
Settings come from the ``KB_*`` environment variables.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import streamlit as st

from kb.api import (
    KB,
    ArchivedCapture,
    ArticleHistory,
    ClaimDetail,
    ClaimHit,
    ClaimTrack,
    CrawlStatus,
    Edit,
    EntityCount,
    EntityPage,
    Filters,
    FlagRecord,
    KBStats,
    SearchResults,
    Settings,
    SpeakerCorrection,
)

CACHE_TTL = 60  # seconds


def settings() -> Settings:
    """Resolved on every run of the script (cheap): a test or a restarted server with another
    ``KB_DB`` gets its own database, never a cached one."""
    return Settings.from_env()


def kb() -> KB:
    return KB(settings())


def db_path() -> Path:
    return settings().db


def reranker() -> str:
    """The cross-encoder directory search re-ranks with ("" for none)."""
    return settings().search.reranker


def version() -> tuple[float, ...]:
    """Changes whenever an ingest commits (to the file or its write-ahead log)."""
    db = db_path()
    out: list[float] = []
    for p in (db, db.with_name(db.name + ".wal")):
        try:
            s = p.stat()
            out += [s.st_mtime, s.st_size]
        except OSError:
            out += [0.0, 0]
    return tuple(out)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _search(db: str, v: tuple, query: str, filters: Filters, limit: int, reranker: str) -> list[ClaimHit]:
    return kb().search(query, filters, limit, reranker=reranker)


def search(query: str, filters: Filters, limit: int) -> list[ClaimHit]:
    return _search(str(db_path()), version(), query, filters, limit, reranker())


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _overview(db: str, v: tuple) -> tuple[KBStats, list[ClaimHit]]:
    k = kb()
    return k.stats(), k.claims(Filters(), limit=8)


def overview() -> tuple[KBStats, list[ClaimHit]]:
    return _overview(str(db_path()), version())


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _sources(db: str, v: tuple) -> list[str]:
    return kb().sources()


def sources() -> list[str]:
    return _sources(str(db_path()), version())


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _tracking(db: str, v: tuple, claim_ids: tuple[int, ...]) -> dict[int, ClaimTrack]:
    return kb().tracking(list(claim_ids))


def tracking(claim_ids: list[int] | tuple[int, ...]) -> dict[int, ClaimTrack]:
    return _tracking(str(db_path()), version(), tuple(claim_ids))


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _claim(db: str, v: tuple, claim_id: int) -> ClaimDetail | None:
    return kb().claim(claim_id)


def claim(claim_id: int) -> ClaimDetail | None:
    return _claim(str(db_path()), version(), claim_id)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _edits(db: str, v: tuple) -> list[Edit]:
    return kb().edits(limit=200)


def edits() -> list[Edit]:
    return _edits(str(db_path()), version())


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _history(db: str, v: tuple, url: str) -> ArticleHistory | None:
    return kb().history(url)


def history(url: str) -> ArticleHistory | None:
    return _history(str(db_path()), version(), url)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _flags(db: str, v: tuple, status: str | None, reason: str) -> list[FlagRecord]:
    return kb().flags(status=status, reason=reason, limit=200)


def flags(status: str | None, reason: str) -> list[FlagRecord]:
    return _flags(str(db_path()), version(), status, reason)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _entity(db: str, v: tuple, name: str) -> EntityPage | None:
    return kb().entity(name)


def entity(name: str) -> EntityPage | None:
    return _entity(str(db_path()), version(), name)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _crawl_status(db: str, v: tuple) -> CrawlStatus:
    return kb().crawl_status()


def crawl_status() -> CrawlStatus:
    return _crawl_status(str(db_path()), version())


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _export(db: str, v: tuple, claim_ids: tuple[int, ...], fmt: str) -> tuple[str, int]:
    return kb().export(list(claim_ids), fmt)


def export(claim_ids: list[int], fmt: str) -> tuple[str, int]:
    """The citations file and how many claims it cites (those without an archived capture are left out)."""
    return _export(str(db_path()), version(), tuple(claim_ids), fmt)


def review(flag_id: int, status: str, note: str | None, reviewer: str | None) -> None:
    """Record a review by ``reviewer`` (ui.identity), then forget every cached answer (the
    flag's status shows at once)."""
    kb().review(flag_id, status, note, reviewer)
    st.cache_data.clear()


def correct_speaker(
    claim_id: int, to: str | None, note: str | None, corrector: str | None, new: str | None
) -> SpeakerCorrection:
    """Correct a claim's speaker as ``corrector`` (ui.identity), then forget every cached answer."""
    done = kb().correct_speaker(claim_id, to, note, corrector, new)
    st.cache_data.clear()
    return done


def revert_speaker(claim_id: int, note: str | None, corrector: str | None) -> SpeakerCorrection:
    done = kb().revert_speaker(claim_id, note, corrector)
    st.cache_data.clear()
    return done


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _entities(db: str, v: tuple) -> list[EntityCount]:
    return kb().entities(limit=None)


def entities() -> list[EntityCount]:
    """Every entity a current article names, the most written about first, with its counts."""
    return _entities(str(db_path()), version())


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _near_entities(db: str, v: tuple, name: str) -> list[str]:
    return kb().near_entities(name)


def near_entities(name: str) -> list[str]:
    return _near_entities(str(db_path()), version(), name)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=8)  # a page can be megabytes
def _archived(db: str, v: tuple, claim_id: int) -> ArchivedCapture | None:
    return kb().archived(claim_id)


def archived(claim_id: int) -> ArchivedCapture | None:
    """The claim's capture read back from the WARC (``problem`` when it cannot be)."""
    return _archived(str(db_path()), version(), claim_id)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _search_groups(db: str, v: tuple, query: str, filters: Filters, limit: int, reranker: str) -> SearchResults:
    return kb().search_groups(query, filters, limit, reranker=reranker)


def search_groups(query: str, filters: Filters, limit: int) -> SearchResults:
    """The first ``limit`` result groups (one per cluster), the weak ones apart, and the totals."""
    return _search_groups(str(db_path()), version(), query, filters, limit, reranker())


class WarmUp:
    """The models a search needs, loading in a background thread from the app's first run:
    a first search then waits for what is left of it, not for all of it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.error: Exception | None = None
        self.seconds: float | None = None
        threading.Thread(target=self._load, name="kb-warm-up", daemon=True).start()

    def _load(self) -> None:
        t0 = time.perf_counter()
        try:
            kb().load_search_models()
        except Exception as exc:  # kept for the page to show; a search then loads the models itself
            self.error = exc
        finally:
            self.seconds = time.perf_counter() - t0
            self.done.set()


@st.cache_resource(show_spinner=False)
def warm_up() -> WarmUp:
    """Started once per server process, by the app's first run (ui/app.py)."""
    return WarmUp()
