"""What the read side returns: typed records, one per thing a reader looks at.

Plain dataclasses, no behaviour beyond :meth:`Record.to_json` (the ``--json`` shape of the
CLI and the HTTP API: the fields in this order, nested records as objects, datetimes as
ISO 8601 strings).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class Record:
    def to_json(self) -> dict[str, Any]:
        return _plain(asdict(self))  # type: ignore[call-overload]


@dataclass
class ClaimHit(Record):
    """A claim as the CLI and UI show it (search results and listings)."""

    claim_id: int
    text: str
    kind: str
    speaker: str | None
    verb: str | None
    hedged: bool
    negated: bool
    checkworthiness: float
    entities: list[str]
    figures: list[dict[str, Any]]
    article_id: int
    article_url: str
    source: str | None
    title: str | None
    published_at: datetime | None
    char_start: int
    char_end: int
    paragraph: str  # the paragraph around the claim, from the article text
    paragraph_start: int  # offset of ``paragraph`` in the article text
    speaker_role: str | None = None  # "CEO, Apple", as the article states it
    checkworthiness_reasons: list[str] = field(default_factory=list)  # "+ has a figure", "− hedged" ...
    score: float | None = None
    bm25_rank: int | None = None
    vector_rank: int | None = None
    speaker_corrected: bool = False  # ``speaker`` is a journalist's correction (SpeakerCorrection)
    extracted_speaker: str | None = None  # when corrected: the speaker the pipeline read


@dataclass
class ClaimTrack(Record):
    """A claim's place in fact tracking, for the badges on a result: its cluster's size and
    how many contradiction flags involve it."""

    cluster_id: int | None
    n_claims: int
    n_sources: int
    independent: int
    copies: int
    flags: int


@dataclass
class FlagRecord(Record):
    """A contradiction flag with both claims and its latest review."""

    flag_id: int
    flag_key: str
    reason: str
    detail: str
    score: float
    detector: str | None
    detected_at: datetime | None
    status: str
    note: str | None
    reviewed_at: datetime | None
    reviewer: str | None  # who made the latest review (None: not reviewed, or nobody named)
    claim_a: ClaimHit | None
    claim_b: ClaimHit | None


@dataclass
class Review(Record):
    """One verdict on a flag, as recorded: reviews are appended, the newest counts."""

    flag_id: int
    flag_key: str
    status: str
    note: str | None
    reviewed_at: datetime
    reviewer: str | None = None


@dataclass
class SpeakerCorrection(Record):
    """One correction of a claim's speaker, as recorded: corrections are appended (keyed by the
    claim's stable key, so they outlive re-ingestion), the newest counts. ``action``: "speaker"
    (set to ``speaker``, a named person or organisation), "none" (no speaker: the reporter's
    own sentence) or "revert" (back to the speaker the pipeline read, ``extracted``)."""

    claim_id: int
    claim_key: str
    action: str
    speaker: str | None  # the speaker set ("speaker" only)
    previous: str | None  # the speaker shown before this correction (None: none)
    extracted: str | None  # the speaker the pipeline read from the text
    note: str | None
    corrector: str | None
    corrected_at: datetime

    @property
    def summary(self) -> str:
        """In words: "speaker corrected from Elon Musk to Ilya Sutskever by alice, 2026-12-07 15:40 UTC: note"."""
        to = {"speaker": self.speaker or "?", "none": "no speaker (narration)"}.get(self.action)
        what = (
            f"speaker reverted to the extracted {self.extracted or 'no speaker'}"
            if to is None
            else f"speaker corrected from {self.previous or 'no speaker'} to {to}"
        )
        line = (
            f"{what} by {self.corrector or 'someone unnamed'}, {self.corrected_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        )
        return line + (f": {self.note}" if self.note else "")


@dataclass
class TimelineEntry(Record):
    """One report of a cluster's claim: an outlet, when, and whether it is a copy."""

    claim_id: int
    article_id: int
    source: str | None
    url: str
    title: str | None
    published_at: datetime | None
    captured_at: datetime | None
    copy: bool
    copy_of: int | None
    first_seen: bool
    origin: str | None
    text: str
    repeat: bool = False  # not a report of its own: its outlet's report is an earlier row (kb.read.clusters)

    @property
    def when(self) -> datetime | None:
        return self.published_at or self.captured_at

    @property
    def status(self) -> str:
        """What the row counts as in its cluster's header: "same outlet again" (not counted),
        "copy" (a copy), else "first seen" or "independent" (an independent report)."""
        if self.repeat:
            return "same outlet again"
        if self.copy:
            return "copy"
        return "first seen" if self.first_seen else "independent"


@dataclass
class Cluster(Record):
    """The same claim across sources: what it says, who said it first, every report in time order."""

    cluster_id: int
    first_seen: datetime | None
    n_claims: int
    n_sources: int
    independent: int
    copies: int
    claim: ClaimHit | None
    primary_speaker: str | None
    first_outlet: str | None
    named_origin: str | None
    timeline: list[TimelineEntry]


@dataclass
class Provenance(Record):
    """Where a claim's words come from, exactly: the stored article and its archived capture."""

    claim_id: int
    char_start: int
    char_end: int
    claim_key: str | None
    article_id: int
    url: str
    canonical_url: str | None
    source: str | None
    title: str | None
    authors: list[str] | None
    published_at: datetime | None
    published_source: str | None
    updated_at: datetime | None
    text_sha256: str
    extractor: str | None
    pipeline_version: str | None
    captured_at: datetime | None
    warc_file: str
    warc_offset: int
    warc_record_id: str
    body_sha256: str
    http_status: int
    final_url: str
    cluster_id: int | None
    article_text: str


@dataclass
class EntityProfile(Record):
    """Who or what an entity is, and its counts, each defined once (kb.read.entities, over
    current articles only): ``mentions`` times its name appears in their text, ``articles``
    how many of them name it, ``claims_made`` claims it is the speaker of, ``claims_about``
    claims whose text names it (its own included), ``named_by_others`` those of them it did
    not make (another speaker, or none found)."""

    entity_id: int
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    mentions: int
    claims_made: int
    claims_about: int
    articles: int = 0
    named_by_others: int = 0


@dataclass
class EntityFigure(Record):
    """A figure in a claim an entity made or is named in, with when and where it was published."""

    kind: str
    unit: str | None
    value: float
    raw: str
    subject: str | None
    year: int | None
    published_at: datetime | None
    source: str | None
    claim_id: int
    claim: str
    cluster_id: int | None = None  # the claim's cluster: the same claim in other outlets


@dataclass
class EntityPage(Record):
    profile: EntityProfile
    made: list[ClaimHit]
    about: list[ClaimHit]
    figures: list[EntityFigure]
    series: list[FigureSeries] = field(default_factory=list)  # the figures, one measured quantity each


@dataclass
class ClaimRef(Record):
    """A claim named in an article's history (its text, span and speaker)."""

    claim_id: int
    text: str
    char_start: int
    char_end: int
    speaker: str | None


@dataclass
class ClaimChange(Record):
    change: str  # changed, added, removed
    claim: ClaimRef | None
    previous_claim: ClaimRef | None
    similarity: float | None
    detail: str | None


@dataclass
class VersionDiff(Record):
    claims_added: int
    claims_removed: int
    claims_changed: int
    claims_kept: int
    title_changed: bool
    text_similarity: float


@dataclass
class ArticleVersion(Record):
    version: int
    article_id: int
    title: str | None
    text_sha256: str
    captured_at: datetime | None
    published_at: datetime | None
    updated_at: datetime | None
    chars: int
    claims: int
    previous_article_id: int | None
    superseded_by: int | None
    duplicate_of: int | None
    current: bool
    diff: VersionDiff | None = None
    changes: list[ClaimChange] = field(default_factory=list)


@dataclass
class ArticleHistory(Record):
    url: str
    captures: int
    versions: list[ArticleVersion]


@dataclass
class Edit(Record):
    """An article whose text changed between crawls (one new version)."""

    url: str
    title: str | None
    source: str | None
    article_id: int
    previous_article_id: int
    previous_captured_at: datetime | None
    captured_at: datetime | None
    claims_added: int
    claims_removed: int
    claims_changed: int
    title_changed: bool
    text_similarity: float


@dataclass
class VersionLink(Record):
    """What became of a claim in the next version, or where it came from in the one before."""

    change: str  # kept, changed, removed, added, unknown
    claim: ClaimRef | None = None
    detail: str | None = None


@dataclass
class ClaimVersion(Record):
    """Where a claim stands across its article's versions."""

    url: str
    article_id: int
    current: bool
    superseded_by: int | None
    became: VersionLink | None
    came_from: VersionLink | None


@dataclass
class KBStats(Record):
    """What the knowledge base holds."""

    captures: int
    articles: int
    earlier_versions: int
    duplicates: int
    sources: int
    claims: int
    figures: int
    entities: int
    mentions: int
    crawl_runs: int
    ingest_runs: int
    claims_by_kind: dict[str, int]
    skipped: dict[str, int]
    top_entities: list[tuple[str, str, int]]
    last_crawl: tuple | None


@dataclass
class CrawlRun(Record):
    run_id: str
    started_at: datetime | None
    finished_at: datetime | None
    duration_s: float | None
    fetched: int | None
    articles: int | None
    skipped_robots: int | None
    failed: int | None
    http_errors: int | None
    bytes: int | None
    finish_reason: str | None
    # what became of the pages the crawler took for articles, from the captures its WARC
    # files left in this database: "article", "duplicate", a skip reason, "unchanged"
    # (archived as a revisit: nothing new to ingest) or "not_ingested" (not in this database)
    article_outcomes: dict[str, int] = field(default_factory=dict)


@dataclass
class IngestRun(Record):
    run_id: str
    started_at: datetime | None
    finished_at: datetime | None
    counters: dict[str, int]


@dataclass
class SourceHealth(Record):
    source: str | None
    articles: int
    claims: int
    last_capture: datetime | None
    skipped: int
    skip_reasons: dict[str, int]


@dataclass
class CrawlStatus(Record):
    crawls: list[CrawlRun]
    ingests: list[IngestRun]
    sources: list[SourceHealth]
    in_progress: CrawlProgress | None = None  # pages archived since the newest recorded crawl


@dataclass
class Article(Record):
    article_id: int
    url: str
    canonical_url: str | None
    source: str | None
    title: str | None
    authors: list[str] | None
    published_at: datetime | None
    published_source: str | None
    updated_at: datetime | None
    language: str | None
    text: str


@dataclass
class EntityCount(Record):
    """An entity with how much the knowledge base says of it, counted over current articles
    only (not stored copies, not replaced versions), as :class:`EntityProfile` counts."""

    entity_id: int
    name: str
    type: str
    aliases: list[str]
    mentions: int  # times its name (or an alias) appears in the text of current articles
    articles: int  # current articles whose text names it
    claims_made: int  # current claims it is the speaker of
    claims_about: int  # current claims whose text names it, its own included


@dataclass
class FigureSeries(Record):
    """One measured quantity of an entity's figures: the same kind, unit, stated subject and
    year; without a stated subject, only the same claim as reported across outlets (its
    cluster). ``label`` says what it measures in words, without empty parts."""

    label: str
    kind: str
    unit: str | None
    subject: str | None
    year: int | None
    figures: list[EntityFigure]


@dataclass
class ArchivedCapture(Record):
    """A claim's capture as archived: the response body read back from its WARC record (None
    when it cannot be, ``problem`` says why) and the stored article text its offsets index."""

    claim_id: int
    char_start: int
    char_end: int
    url: str
    final_url: str
    source: str | None
    title: str | None
    captured_at: datetime | None
    warc_file: str
    warc_offset: int
    warc_record_id: str
    http_status: int
    content_type: str | None
    article_text: str
    body: bytes | None
    html: str | None  # the body decoded as ingest decoded it
    problem: str | None


@dataclass
class CrawlProgress(Record):
    """A crawl not recorded in the database yet (running, or finished but not stored): the
    pages the crawler has archived since the newest recorded crawl, from its state file."""

    state_file: str
    pages: int
    first_at: datetime | None
    latest_at: datetime | None


@dataclass
class SearchGroup(Record):
    """One result of a grouped search: a claim, and every report of it (its cluster: the same
    claim in other outlets, syndicated and near-duplicate copies), shown as one card."""

    hit: ClaimHit  # the group's best-ranked claim
    cluster_id: int | None  # None: a claim in no cluster (no other report of it)
    cosine: float | None  # the best cosine of the group's found claims with the query
    strong: bool  # a match: cosine >= SearchSettings.weak_cosine, or a claim holding every query word
    matched: list[int]  # the group's claims the search found, best first
    outlets: int  # distinct outlets among the reports (1 for a claim in no cluster)
    reports: list[TimelineEntry] = field(default_factory=list)  # every report, first seen first


@dataclass
class SearchResults(Record):
    """A grouped search: a page of strong matches, the weak ones apart, and how many there are."""

    query: str
    groups: list[SearchGroup]  # the page of strong matches, best first
    weak: list[SearchGroup]  # matches below the cut-off, best first (at most a page)
    total_claims: int  # claims matching strongly
    total_groups: int  # groups (clusters) among them
    at_least: bool  # the legs stopped while matches were still strong: the totals are lower bounds
    best_cosine: float | None  # the best cosine of any candidate with the query
    cutoff: float  # SearchSettings.weak_cosine
