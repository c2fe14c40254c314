"""Plain records passed between stages. No behaviour beyond small conveniences."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


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
        from kb.entities import entity_key

        key = entity_key(self.name, self.type)
        if self.scope:
            import hashlib

            key += "@" + hashlib.sha1(self.scope.encode()).hexdigest()[:12]
        return key


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
class ClaimHit:
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

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["published_at"] = self.published_at.isoformat() if self.published_at else None
        return d
