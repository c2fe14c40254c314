"""Plain records passed between stages. No behaviour beyond small conveniences."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kb.names import entity_key


@dataclass
class Capture:
    """One archived HTTP response, as read from a WARC record."""

    record_id: str
    url: str  # first URL requested (before redirects)
    final_url: str
    status: int
    headers: dict[str, str]
    fetched_at: datetime | None
    body: bytes
    body_sha256: str
    warc_file: str
    warc_offset: int
    source: str | None = None
    role: str | None = None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class Extracted:
    """Main text and metadata of one page."""

    url: str
    canonical_url: str
    title: str | None
    authors: list[str]
    published_at: datetime | None
    published_source: str | None  # where the date came from: meta, json-ld, time, htmldate, url
    updated_at: datetime | None
    language: str | None
    description: str | None
    site_name: str | None
    text: str
    text_sha256: str
    extractor: str
    published_confidence: float | None = None


@dataclass
class Figure:
    kind: str  # percent, money, count, temperature, quantity, multiplier
    value: float | None
    unit: str | None  # "percent", "USD", "GPUs", "°C" ...
    raw: str
    char_start: int  # into the article text
    char_end: int
    lower: float | None = None
    upper: float | None = None
    approx: str | None = None  # "about", "more than" ... or None
    time_ref: str | None = None  # "by 2024", "last year" ...
    subject: str | None = None  # what it measures: "the data used for AI and analytics projects"
    year: int | None = None  # the year time_ref resolves to (relative ones against the publication date)


@dataclass
class EntityRef:
    """An entity as one article names it, resolved within that article."""

    name: str  # canonical name within the article ("Elon Musk")
    type: str  # PERSON, ORG, PRODUCT, GPE, ...
    surface: str  # as written ("Musk's")
    char_start: int
    char_end: int
    scope: str | None = None  # set for names that identify no one beyond their article (a bare surname)

    @property
    def key(self) -> str:
        key = entity_key(self.name, self.type)
        if self.scope:
            key += "@" + hashlib.sha1(self.scope.encode()).hexdigest()[:12]
        return key


@dataclass
class Role:
    """ "Apple CEO Tim Cook": a person's role at an organisation, as one article states it."""

    person: EntityRef
    role: str
    org: EntityRef | None
    char_start: int
    char_end: int


@dataclass
class Claim:
    text: str
    char_start: int
    char_end: int
    kind: str  # statistic, quote, prediction, attribution, event
    speaker: EntityRef | None
    speaker_text: str | None
    verb: str | None
    hedged: bool
    negated: bool
    checkworthiness: float
    features: dict[str, Any] = field(default_factory=dict)
    entities: list[EntityRef] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quote_spans: list[tuple[int, int]] = field(default_factory=list)
    lemmas: str = ""  # lemmatised words, indexed for BM25 beside the text ("ran" -> "run")
    embedding: list[float] | None = None


@dataclass
class ArticleRows:
    """What ingest made of one article: pure data, no ids yet (the store assigns them)."""

    extracted: Extracted
    source: str | None
    domain: str | None
    claims: list[Claim]
    mentions: list[EntityRef]
    roles: list[Role] = field(default_factory=list)


@dataclass
class CaptureRows:
    """One capture as the batch writer stores it: skipped (with the reason) or an article."""

    capture: Capture
    outcome: str  # article, skipped
    skip_reason: str | None = None
    article: ArticleRows | None = None


#: Why fact tracking flags a pair of claims (``contradictions.reason``), and a journalist's
#: verdicts on a flag (``reviews.status``).
CONTRADICTION_REASONS = ("figure_conflict", "polarity", "revision", "nli")
FLAG_REASONS = CONTRADICTION_REASONS + ("forecast_due",)
REVIEW_STATUSES = ("open", "confirmed", "dismissed", "needs-checking")
