"""The ``news`` spider: discovers article URLs from each source's feeds (RSS 2.0, Atom),
sitemaps (urlset, sitemapindex, .xml.gz) and start/section pages, and hands every
response it receives to the WARC pipeline as a :class:`~crawler.items.Capture`.

    scrapy crawl news -a sources=data/sources.toml [-a urls=URL1,URL2] -s WARC_DIR=data/warc
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import logging
import os
import re
import signal
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import etree
from scrapy.http import Request, Response
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawler.failures import failure_reason
from crawler.items import Capture
from crawler.reach import RefusedAddress, count_refusal, refused_at_connect
from crawler.sources import Source, load_sources, origin

log = logging.getLogger(__name__)

SKIP_SUFFIXES = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".svg",
    ".ico",
    ".css",
    ".js",
    ".pdf",
    ".zip",
    ".mp3",
    ".mp4",
    ".woff",
    ".woff2",
    ".ttf",
    ".xlsx",
    ".docx",
)

ROBOTS_SITEMAP = re.compile(rb"(?im)^[ \t]*sitemap[ \t]*:[ \t]*(\S+)")
CHARSET = re.compile(rb"(?i)charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)")


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
PARENT_GONE = signal.SIGHUP  # "the line hung up": sent by the kernel, never a terminal (own session)


def stop_with_parent(parent: int, crawler=None) -> bool:
    """Stop this crawl gracefully when ``parent`` dies, whatever kills it (``kill -9``, the
    OOM killer): the kernel sends SIGHUP (``prctl(PR_SET_PDEATHSIG)``, which survives the
    ``exec`` of this process), and the handler turns the first one into exactly one SIGTERM
    to itself, Scrapy's graceful shutdown (requests in flight finish, the WARC is closed,
    the summary says ``shutdown`` and counts ``kb/stopped/launcher_gone``), as for a
    ``kill -TERM``. Linux only; elsewhere it returns False and an orphaned crawl runs to
    its end, as before.

    Why not PDEATHSIG=SIGTERM directly: the kernel signals once per *thread* of the dying
    parent (the child is handed to the next living thread of that process, which then dies
    too), and a second SIGTERM makes Scrapy stop uncleanly. The thread that forks is
    ``kb.crawl``'s caller, which then waits for the crawl, so the signal cannot come while
    the parent lives. If the parent died before this call (a kill during the seconds Scrapy
    takes to import), no signal will ever come: the crawl exits at once, before it has
    opened anything."""
    if not sys.platform.startswith("linux"):
        log.warning("not Linux: this crawl will not stop by itself if its launcher (pid %d) is killed", parent)
        return False

    def parent_gone(signum, _frame) -> None:
        signal.signal(PARENT_GONE, signal.SIG_IGN)  # the kernel's further ones
        if crawler is not None:
            with contextlib.suppress(RuntimeError):  # no stats yet: the crawl has not started
                crawler.stats.set_value("kb/stopped/launcher_gone", 1)
        os.kill(os.getpid(), signal.SIGTERM)

    signal.signal(PARENT_GONE, parent_gone)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(PARENT_GONE), 0, 0, 0) != 0:
        log.warning(
            "prctl(PR_SET_PDEATHSIG) failed (%s): this crawl will not stop by itself if its launcher "
            "(pid %d) is killed",
            os.strerror(ctypes.get_errno()),
            parent,
        )
        return False
    if os.getppid() != parent:
        log.error("the launcher of this crawl (pid %d) is gone: not crawling", parent)
        os._exit(1)
    return True


class NewsSpider(scrapy.Spider):
    name = "news"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        """``KB_PARENT_PID`` (set by ``kb crawl`` / ``kb nightly``): the crawl stops when
        that process dies (:func:`stop_with_parent`); a crawl started by hand is unaffected."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        parent = crawler.settings.getint("KB_PARENT_PID", 0)
        if parent:
            stop_with_parent(parent, crawler)
        return spider

    def __init__(self, sources: str | None = None, urls: str | None = None, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sources: list[Source] = load_sources(sources) if sources else []
        self.extra_urls = [u.strip() for u in (urls or "").split(",") if u.strip()]
        if not self.sources and not self.extra_urls:
            raise ValueError("give -a sources=FILE and/or -a urls=URL1,URL2")
        # each -a urls= URL is a source of its own: its scope is its origin (scheme, host, port)
        self.url_sources = [
            Source(name=urlsplit(u).hostname or u, start_pages=(u,), allowed_domains=(o[1],))
            for u in self.extra_urls
            if (o := origin(u))
        ]
        self._reported: set[str] = set()
        self._scheduled: dict[str, int] = {}

    # -- discovery ----------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        # every source by name, so that the run summary can name one that fetched nothing
        names = [s.name for s in self.sources] + [s.name for s in self.url_sources]
        self.crawler.stats.set_value("kb/sources", list(dict.fromkeys(names)))
        for source in self.sources:
            for url in source.feeds:
                yield self._request(url, source.name, "feed", self.parse_feed, discovery=True)
            for url in source.sitemaps:
                yield self._request(url, source.name, "sitemap", self.parse_sitemap, discovery=True)
            for url in source.start_pages:
                yield self._request(url, source.name, "page", self.parse_page, discovery=True)
        for url in self.extra_urls:
            yield self._request(url, urlsplit(url).hostname or url, "article", self.parse_page, follow=False)

    def _request(
        self,
        url: str,
        source: str,
        role: str,
        callback,
        follow: bool = True,
        discovery: bool = False,
        lastmod: str | None = None,
        **kw,
    ) -> Request:
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta={
                "kb_source": source,
                "kb_role": role,
                "kb_follow": follow,
                "kb_discovery": discovery,
                "kb_lastmod": lastmod,
            },
            **kw,
        )

    def _capped(self, source_name: str) -> bool:
        """The per-source cap on pages per run (``max_pages`` in sources.toml, else
        ``KB_MAX_PAGES_PER_SOURCE``); counted as ``kb/capped/<source>``."""
        source = self._source(source_name)
        cap = source.max_pages if source and source.max_pages else self.settings.getint("KB_MAX_PAGES_PER_SOURCE", 0)
        n = self._scheduled.get(source_name, 0)
        if cap and n >= cap:
            self.crawler.stats.inc_value(f"kb/capped/{source_name}")
            return True
        self._scheduled[source_name] = n + 1
        return False

    def _source(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None) or next(
            (s for s in self.url_sources if s.name == name), None
        )

    def reach_sources(self, request: Request) -> list[Source]:
        """The sources whose scope includes ``request`` (crawler.middlewares.ReachMiddleware):
        its own (``kb_source``), or for a request without one (robots.txt) any source."""
        name = request.meta.get("kb_source")
        if name:
            mine = [s for s in self.sources if s.name == name] or [s for s in self.url_sources if s.name == name]
        else:
            mine = self.sources + self.url_sources
        return [s for s in mine if s.allows(request.url)]

    def _allowed(self, source_name: str, url: str, count_offsite: bool = False) -> bool:
        if urlsplit(url).scheme not in ("http", "https"):
            return False
        if urlsplit(url).path.lower().endswith(SKIP_SUFFIXES):
            return False
        source = self._source(source_name)
        ok = source is not None and source.allows(url)
        if not ok and count_offsite:  # a feed or sitemap naming another site's URL
            self.crawler.stats.inc_value("kb/skipped/offsite")
        return ok

    def sitemaps_from_robots(self, robots_url: str, body: bytes) -> list[Request]:
        """``Sitemap:`` lines of a robots.txt the robots middleware fetched: requests for
        the ones inside the host's source (``kb/discovered/robots_sitemap``); any other is
        refused (``kb/robots/sitemap_offsite``). A sitemap already listed in sources.toml
        is dropped by Scrapy's duplicate filter."""
        source = next((s for s in self.sources if s.allows(robots_url)), None)
        if source is None:
            return []
        out = []
        for raw in ROBOTS_SITEMAP.findall(body or b""):
            url = urljoin(robots_url, raw.decode("latin-1"))
            if urlsplit(url).scheme not in ("http", "https") or not source.allows(url):
                self.crawler.stats.inc_value("kb/robots/sitemap_offsite")
                log.warning(
                    "robots.txt %s names a sitemap outside source %r: %s (refused)", robots_url, source.name, url
                )
                continue
            self.crawler.stats.inc_value("kb/discovered/robots_sitemap")
            out.append(self._request(url, source.name, "sitemap", self.parse_sitemap, discovery=True))
        return out

    def capture(self, response: Response) -> Capture:
        redirects = list(response.request.meta.get("redirect_urls", []))
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, vs in response.headers.items() for v in vs]
        self.crawler.stats.inc_value(f"kb/captures/{response.meta.get('kb_role', 'page')}")
        self.crawler.stats.inc_value(f"kb/source_fetched/{response.meta.get('kb_source', '')}")
        self._check_charset(response)
        return Capture(
            url=redirects[0] if redirects else response.url,
            final_url=response.url,
            status=response.status,
            reason=getattr(response, "reason", "") or "",
            headers=headers,
            body=response.body,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            source=response.meta.get("kb_source", ""),
            role=response.meta.get("kb_role", "page"),
            redirects=redirects,
            lastmod=response.meta.get("kb_lastmod"),
        )

    def _check_charset(self, response: Response) -> None:
        """A page whose bytes do not decode in the charset its Content-Type names is
        archived byte for byte anyway (ingest sniffs); counted as ``kb/charset/mismatch``
        (or ``kb/charset/unknown`` for a charset Python does not know)."""
        m = CHARSET.search(response.headers.get("Content-Type") or b"")
        if not m:
            return
        name = m.group(1).decode("latin-1")
        try:
            codecs.lookup(name)
        except LookupError:
            self.crawler.stats.inc_value("kb/charset/unknown")
            return
        try:
            response.body.decode(name)
        except UnicodeDecodeError:
            self.crawler.stats.inc_value("kb/charset/mismatch")
            log.info("%s: body is not valid %s as its Content-Type says", response.url, name)

    def parse_feed(self, response: Response) -> Iterator:
        yield self.capture(response)
        if response.status != 200:
            return
        try:
            etree.fromstring(response.body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            # lxml's recovering parser below still salvages what links it can
            self.crawler.stats.inc_value("kb/feed/broken_xml")
            log.warning("broken XML in feed %s: reading what can be recovered", response.url)
        sel = scrapy.Selector(text=response.text, type="xml")
        sel.remove_namespaces()
        links = [(i.xpath("string(link)").get(), i.xpath("string(pubDate)").get()) for i in sel.xpath("//item")]
        links += [
            (
                e.xpath("link[not(@rel) or @rel='alternate']/@href").get(),
                e.xpath("string(updated)").get() or e.xpath("string(published)").get(),
            )
            for e in sel.xpath("//entry")
        ]
        links = [(link, lastmod) for link, lastmod in links if link and link.strip()]
        if not links and not sel.xpath("/rss|/feed|/RDF"):
            self._count_failure(response, "not a feed (broken or unknown XML)", "bad_feed")
            return
        self.crawler.stats.inc_value("kb/discovered/feed", len(links))
        source = response.meta["kb_source"]
        for link, lastmod in links:
            url = urljoin(response.url, link.strip())
            if self._allowed(source, url, count_offsite=True) and not self._capped(source):
                yield self._request(url, source, "article", self.parse_page, lastmod=(lastmod or "").strip() or None)

    def parse_sitemap(self, response: Response) -> Iterator:
        yield self.capture(response)
        if response.status != 200:
            return
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # lxml raises XMLSyntaxError and friends on junk
            self._count_failure(response, f"bad_sitemap: {exc}", "bad_sitemap")
            return
        source = response.meta["kb_source"]
        for entry in sitemap:
            url = urljoin(response.url, entry.get("loc", "").strip())
            if sitemap.type == "sitemapindex":
                if self._allowed(source, url, count_offsite=True):
                    yield self._request(url, source, "sitemap", self.parse_sitemap, discovery=True)
            elif self._allowed(source, url, count_offsite=True) and not self._capped(source):
                self.crawler.stats.inc_value("kb/discovered/sitemap")
                lastmod = entry.get("lastmod")
                yield self._request(url, source, "article", self.parse_page, lastmod=lastmod)

    def parse_page(self, response: Response) -> Iterator:
        yield self.capture(response)
        if response.status != 200 or not response.meta.get("kb_follow", True):
            return
        if not hasattr(response, "text") or b"html" not in (response.headers.get("Content-Type") or b"html").lower():
            return
        source = response.meta["kb_source"]
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip()).split("#")[0]
            if self._allowed(source, url) and not self._capped(source):
                yield self._request(url, source, "page", self.parse_page)

    # -- failures ------------------------------------------------------------------------
    def on_error(self, failure) -> None:
        """Every request that got no response is counted once, per source (``kb_source``):
        refused (``kb/source_refused/<source>``), forbidden by robots.txt
        (``kb/source_robots/<source>``), or failed by reason (``kb/source_failed/<reason>/<source>``)."""
        request = failure.request
        source = request.meta.get("kb_source", "")
        if failure.check(RefusedAddress):  # counted by crawler.middlewares.ReachMiddleware
            self.crawler.stats.inc_value(f"kb/source_refused/{source}")
            return
        refused = refused_at_connect(request.url, request.meta.get("proxy"))
        if refused:  # the resolver guarding the connections refused it (crawler.reach)
            count_refusal(self.crawler.stats, "private_address", request.url, refused)
            self.crawler.stats.inc_value(f"kb/source_refused/{source}")
            return
        reason = failure_reason(failure)
        if reason == "ignored" and "robots" in str(failure.value).lower():
            self.crawler.stats.inc_value(f"kb/source_robots/{source}")
            return  # counted by Scrapy as robotstxt/forbidden
        if reason == "ignored" and "already captured" in str(failure.value):
            return  # counted as kb/skipped/already_captured
        if reason == "ignored" and "kb: backed off" in str(failure.value):
            return  # counted as kb/retry_after/skipped and kb/backed_off/<host>, logged with the reason
        self._count_failure(request, repr(failure.value)[:200], reason)

    def _count_failure(self, request_or_response: Request | Response, detail: str, reason: str) -> None:
        url = request_or_response.url
        self.crawler.stats.inc_value(f"kb/failed/{reason}")
        self.crawler.stats.inc_value(f"kb/source_failed/{reason}/{request_or_response.meta.get('kb_source', '')}")
        if url not in self._reported:
            self._reported.add(url)
            log.warning("failed %s (%s): %s", url, reason, detail)
