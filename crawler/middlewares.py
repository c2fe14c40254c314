"""Downloader middlewares: robots.txt per RFC 9309, and incremental (conditional) fetching."""

from __future__ import annotations

import logging
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from crawler.state import CrawlState

log = logging.getLogger(__name__)


class _AllowAll:
    def allowed(self, url, user_agent) -> bool:
        return True


class _DisallowAll:
    def allowed(self, url, user_agent) -> bool:
        return False


class Rfc9309RobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy parses whatever body robots.txt returned and allows everything when it could
    not be fetched. RFC 9309 section 2.3.1 says: a 4xx ("unavailable") allows all; a 5xx or
    a network error ("unreachable") disallows all. This run then skips the host; the next
    run asks again. Counted as ``kb/robots/unreachable`` (per host) and the refused
    requests as ``robotstxt/forbidden``."""

    async def _parse_robots(self, response, netloc: str, request: Request) -> None:
        if 400 <= response.status < 500:
            self._stats.inc_value("kb/robots/unavailable_allow_all")
            return self._settle(netloc, _AllowAll())
        if response.status >= 500:
            self._unreachable(netloc, f"HTTP {response.status}")
            return None
        return await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._unreachable(netloc, repr(exc)[:200])

    def _unreachable(self, netloc: str, why: str) -> None:
        self._stats.inc_value("kb/robots/unreachable_disallow_all")
        log.warning("robots.txt of %s unreachable (%s): disallowing the whole host for this run (RFC 9309)", netloc, why)
        self._settle(netloc, _DisallowAll())

    def _settle(self, netloc: str, parser) -> None:
        pending = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(pending, "callback"):
            pending.callback(parser)


def _newer(lastmod: str | None, seen: str | None) -> bool:
    """Whether a feed/sitemap date says the page changed since it was captured."""
    if not lastmod:
        return False
    if not seen:
        return True
    from datetime import datetime

    def parse(v: str):
        try:
            d = datetime.fromisoformat(v.strip().replace("Z", "+00:00"))
        except ValueError:
            try:
                d = parsedate_to_datetime(v)
            except (TypeError, ValueError):
                return None
        return d if d.tzinfo else d.replace(tzinfo=datetime.now().astimezone().tzinfo)

    a, b = parse(lastmod), parse(seen)
    return (a > b) if a and b else lastmod.strip() != seen.strip()


class IncrementalMiddleware:
    """Only fetch what is new or changed. Feeds, sitemaps and a source's start pages are
    always fetched (they are how changes are discovered). Any other URL already in the
    crawl state is skipped (``kb/skipped/already_captured``) unless the feed or sitemap
    that linked it gives a newer ``lastmod``; then it is fetched with ``If-None-Match`` /
    ``If-Modified-Since`` (``kb/conditional/sent``). The pipeline turns a 304 or an
    identical body into a WARC ``revisit`` record."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.enabled = crawler.settings.getbool("KB_INCREMENTAL", True)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request: Request, spider=None):
        if not self.enabled or request.meta.get("dont_obey_robotstxt") or request.meta.get("kb_discovery"):
            return None
        if request.meta.get("redirect_times"):
            return None
        seen = CrawlState.for_crawler(self.crawler).get(request.url)
        if seen is None:
            return None
        if not _newer(request.meta.get("kb_lastmod"), seen.lastmod):
            self.stats.inc_value("kb/skipped/already_captured")
            raise IgnoreRequest("kb: already captured")
        if seen.etag:
            request.headers["If-None-Match"] = seen.etag
        if seen.last_modified:
            request.headers["If-Modified-Since"] = seen.last_modified
        self.stats.inc_value("kb/conditional/sent")
        request.meta["kb_seen_sha256"] = seen.sha256
        return None
