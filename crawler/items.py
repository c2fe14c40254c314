"""Items: one per archived response."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Capture:
    """A fetched response as it goes into the WARC file.

    ``body`` is what Scrapy hands over: already decoded from any Content-Encoding.
    """

    url: str  # first URL requested, before redirects
    final_url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: str  # ISO 8601, UTC
    source: str
    role: str  # feed, sitemap, page, article
    redirects: list[str] = field(default_factory=list)
    lastmod: str | None = None  # what the feed or sitemap that linked it said
