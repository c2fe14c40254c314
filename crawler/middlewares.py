"""Downloader middlewares: where the crawler may connect (scope and addresses), robots.txt per
RFC 9309, Retry-After (and hosts backing us off), redirect loops, and incremental
(conditional) fetching."""

from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime
from typing import NoReturn

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.failures import NETWORK_REASONS, HostUnreachable, failure_reason, tls_error
from crawler.reach import RefusedAddress, count_refusal, host_kind, installed_guard, ip_literal, resolved_kind
from crawler.sources import origin
from crawler.state import CrawlState

log = logging.getLogger(__name__)


class ReachMiddleware:
    """Where the crawler may connect. First in the downloader chain, so every request passes
    here before anything is sent for it (not even its host's robots.txt): start URLs, links,
    feed and sitemap items, redirects (HTTP and meta refresh), robots.txt and its sitemaps.

    1. Scope: the request's source must allow its URL (scheme, host and port:
       :meth:`crawler.sources.Source.allows`); a request without a source (robots.txt) needs
       one source that does. Otherwise refused as ``out_of_scope``. (Links out of scope are
       already skipped when discovered; what arrives here out of scope is mostly a redirect.)
    2. Address: the host must be public (:mod:`crawler.reach`): an IP literal as it is, a
       name by every address it resolves to here. A non-public one is refused as
       ``private_address`` unless the source is itself on such an address (one of its own
       URLs in sources.toml is) or has ``allow_private = true``; then the name is allowed in
       the resolver that guards the connections (:class:`crawler.reach.GuardedResolver`).

    Refusals are counted in ``kb/refused/<reason>``, the first 100 URLs of each in
    ``kb/refused_urls/<reason>``, logged, and never archived; they are not failures.

    Through a proxy (``kb crawl --proxy``, ``http_proxy``; the sample site is crawled
    through one on 127.0.0.1): the proxy is the operator's choice and is not checked; the
    target hosts are, the same way. A name that does not resolve here is left to the proxy,
    which resolves it itself (the sample site's ``techwire.example``); one that resolves here
    to a non-public address is refused, since the proxy would most likely get the same
    answer. (So with a proxy, names are also looked up here.)"""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self._kinds: dict[str, tuple[str, str] | None] = {}  # host -> (kind, address) or None
        self._waiters: dict[str, list[Deferred]] = {}  # host -> requests waiting for its lookup
        self._on_private: dict[object, bool] = {}  # source -> whether its own URLs are on one
        self._proxies: set[str] = set()  # hosts of the configured proxies
        if crawler.settings.getbool("HTTPPROXY_ENABLED", True):
            from urllib.request import getproxies

            for url in getproxies().values():
                self._proxies.add(self._host_of(url))

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @staticmethod
    def _host_of(proxy: str) -> str:
        from urllib.parse import urlsplit

        try:
            return urlsplit(proxy if "://" in proxy else f"http://{proxy}").hostname or ""
        except ValueError:
            return ""

    def _allow(self, *hosts: str) -> None:
        """Tell the resolver guarding the connections that these hosts may be non-public."""
        guard = installed_guard()
        if guard is not None:
            for host in filter(None, hosts):
                guard.allow_private(host)

    async def _kind(self, host: str) -> tuple[str, str] | None:
        """``(kind, address)`` when ``host`` is, or resolves here to, a non-public address.
        A name is looked up once per run, in a thread; the requests waiting for it go on in
        the order they came (feed before sitemap, as without the lookup)."""
        if host not in self._kinds:
            found = host_kind(host)
            if found is not None or ip_literal(host) is not None:
                self._kinds[host] = found
            else:
                waiter: Deferred = Deferred()
                self._waiters.setdefault(host, []).append(waiter)
                if len(self._waiters[host]) == 1:
                    from twisted.internet import threads

                    lookup = threads.deferToThread(resolved_kind, host)
                    lookup.addErrback(lambda _failure: None)  # the lookup itself broke: as unresolvable
                    lookup.addCallback(self._resolved, host)
                await maybe_deferred_to_future(waiter)
        return self._kinds[host]

    def _resolved(self, found: tuple[str, str] | None, host: str) -> None:
        self._kinds[host] = found
        for waiter in self._waiters.pop(host, []):
            waiter.callback(found)

    async def _private_ok(self, source) -> bool:
        """Whether ``source`` may reach non-public addresses in its scope: it allows them, or
        it is on one itself (a host of its own URLs is)."""
        if source.allow_private:
            return True
        if source not in self._on_private:
            hosts = dict.fromkeys(o[1] for o in map(origin, source.seeds) if o)
            self._on_private[source] = any([await self._kind(h) for h in hosts])
        return self._on_private[source]

    def _refuse(self, request: Request, reason: str, why: str) -> NoReturn:
        count_refusal(self.stats, reason, request.url, why)
        raise RefusedAddress(f"kb: refused ({reason}): {why}")

    async def process_request(self, request: Request, spider=None):
        sources_for = getattr(self.crawler.spider, "reach_sources", None)
        if sources_for is None:
            return None
        sources = sources_for(request)
        if not sources:
            name = request.meta.get("kb_source")
            owner = f"source {name!r}" if name else "any source"
            self._refuse(request, "out_of_scope", f"outside the scheme, host and port of {owner}")
        # the proxy is the operator's choice: its host may be anything
        self._allow(*self._proxies, self._host_of(request.meta.get("proxy") or ""))
        host = urlparse_cached(request).hostname or ""
        found = await self._kind(host)
        if found is None:
            return None
        for source in sources:
            if await self._private_ok(source):
                self._allow(host)
                return None
        kind, address = found
        shown = host if host == address else f"{host} ({address})"
        self._refuse(
            request,
            "private_address",
            f"{shown} is a {kind} address; allow_private = true in the source's settings would allow it",
        )


class _AllowAll:
    def allowed(self, url, user_agent) -> bool:
        return True


class _DisallowAll:
    def allowed(self, url, user_agent) -> bool:
        return False


class _Unreachable:
    """The host's robots.txt got no answer at all: every request to the host fails with
    the network reason (``dns``, ``refused``, ``timeout``, ``tls``, ``dropped``)."""

    def __init__(self, reason: str, host: str, detail: str) -> None:
        self.reason, self.host, self.detail = reason, host, detail

    def allowed(self, url, user_agent) -> bool:
        raise HostUnreachable(self.reason, self.host, self.detail)


class _QuietNetworkErrors(logging.Filter):
    """Scrapy logs a traceback for every robots.txt that could not be downloaded; a network
    failure is reported once, as a warning with its reason (``_unreachable``), instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return exc is None or failure_reason(Failure(exc)) not in NETWORK_REASONS


class Rfc9309RobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy parses whatever body robots.txt returned and allows everything when it could
    not be fetched. RFC 9309 section 2.3.1 says: a 4xx ("unavailable") allows all; a 5xx or
    a network error ("unreachable") disallows all. This run then skips the host; the next
    run asks again. Counted as ``kb/robots/unreachable_disallow_all`` (per host). A 5xx
    host answered and its requests count as ``robotstxt/forbidden``; a host that gave no
    answer (it does not resolve, refuses the connection, times out, fails the TLS
    handshake) is down or absent, not forbidding: its requests are failures of their
    source with that reason (``kb/failed/dns`` ...; :class:`crawler.failures.HostUnreachable`)."""

    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        quiet = logging.getLogger("scrapy.downloadermiddlewares.robotstxt")
        if not any(isinstance(f, _QuietNetworkErrors) for f in quiet.filters):
            quiet.addFilter(_QuietNetworkErrors())

    async def _parse_robots(self, response, netloc: str, request: Request) -> None:
        if 400 <= response.status < 500:
            self._stats.inc_value("kb/robots/unavailable_allow_all")
            return self._settle(netloc, _AllowAll())
        if response.status >= 500:
            self._unreachable(netloc, f"HTTP {response.status}")
            return None
        await super()._parse_robots(response, netloc, request)
        self._sitemaps(response)
        return None

    def _sitemaps(self, response) -> None:
        """``Sitemap:`` lines are discovery: the spider turns the ones inside the host's
        source into sitemap requests (``kb/discovered/robots_sitemap``) and refuses the
        others (``kb/robots/sitemap_offsite``)."""
        hook = getattr(self.crawler.spider, "sitemaps_from_robots", None)
        if hook is None or not (200 <= response.status < 300):
            return
        for req in hook(response.url, response.body):
            self.crawler.engine.crawl(req)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        reason = failure_reason(Failure(exc))
        if reason not in NETWORK_REASONS:
            self._unreachable(netloc, repr(exc)[:200])
            return
        self._stats.inc_value("kb/robots/unreachable_disallow_all")
        detail = str(tls_error(exc) if reason == "tls" else exc)[:200]
        log.warning("%s unreachable (%s: %s): its requests fail for this run", netloc, reason, detail)
        self._settle(netloc, _Unreachable(reason, netloc, detail))

    def _unreachable(self, netloc: str, why: str) -> None:
        self._stats.inc_value("kb/robots/unreachable_disallow_all")
        log.warning(
            "robots.txt of %s unreachable (%s): disallowing the whole host for this run (RFC 9309)", netloc, why
        )
        self._settle(netloc, _DisallowAll())

    def _settle(self, netloc: str, parser) -> None:
        pending = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(pending, "callback"):
            pending.callback(parser)


def retry_after_seconds(value: str | bytes | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds to wait: delta-seconds or an HTTP-date (RFC 9110
    10.2.3); None when absent or unreadable. A date in the past means 0."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


BACKED_OFF_URLS_KEPT = 100


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retry middleware, plus ``Retry-After`` on 429 and 503: the retry waits the
    delay the server asked for (``kb/retry_after/honoured``, total seconds in
    ``kb/retry_after/waited_s``), holding that request's slot, so with one request per host
    the host is left alone meanwhile. An unreadable header counts
    ``kb/retry_after/unreadable`` and falls back to the ordinary retry. The usual
    ``RETRY_TIMES`` cap still applies.

    A delay above ``RETRY_AFTER_MAX`` (default 60 s) means the host is backing us off:
    that response is archived (``kb/retry_after/too_long``) and the host is given up for
    the rest of this run (``kb/retry_after/host_given_up``). Its requests waiting in the
    downloader are dropped and any later one is refused, never sent; each counts in
    ``kb/retry_after/skipped`` and ``kb/backed_off/<host>`` and is logged with the reason;
    the run summary also has the reason (``kb/backed_off_why/<host>``) and the first
    100 URLs not requested (``kb/backed_off_urls/<host>``). Requests to other hosts go on;
    the next run asks the host again."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 60.0)
        self.backed_off: dict[str, str] = {}  # host -> why it is left alone for this run

    @classmethod
    def from_crawler(cls, crawler):
        mw = super().from_crawler(crawler)
        crawler.signals.connect(mw.response_downloaded, signal=signals.response_downloaded)
        return mw

    def _too_long(self, response) -> float | None:
        if response.status not in (429, 503):
            return None
        delay = retry_after_seconds(response.headers.get("Retry-After"))
        return delay if delay is not None and delay > self.retry_after_max else None

    def response_downloaded(self, response, request, spider=None) -> None:
        """Sent by the downloader as the response arrives, before it takes the host's next
        queued request (process_response would be too late for that one)."""
        delay = self._too_long(response)
        if delay is None:
            return
        self.crawler.stats.inc_value("kb/retry_after/too_long")
        host = urlparse_cached(request).hostname or ""
        if host in self.backed_off:
            return
        self.backed_off[host] = (
            f"{host} answered {response.status} with Retry-After {delay:.0f}s "
            f"(> RETRY_AFTER_MAX {self.retry_after_max:.0f}s)"
        )
        self.crawler.stats.inc_value("kb/retry_after/host_given_up")
        self.crawler.stats.set_value(f"kb/backed_off/{host}", 0)
        self.crawler.stats.set_value(f"kb/backed_off_why/{host}", self.backed_off[host])
        self.crawler.stats.set_value(f"kb/backed_off_urls/{host}", [])
        log.warning("%s: no more requests to this host in this run (the next run asks again)", self.backed_off[host])
        self._drop_queued(host)

    def _drop_queued(self, host: str) -> None:
        """Requests for ``host`` already handed to the downloader wait in its slot's queue
        (up to CONCURRENT_REQUESTS of them): fail them there, unsent. (Scrapy's own
        AutoThrottle works on the same ``downloader.slots``.)"""
        dropped = []
        for slot in list(self.crawler.engine.downloader.slots.values()):
            keep = [(r, d) for r, d in slot.queue if urlparse_cached(r).hostname != host]
            dropped += [(r, d) for r, d in slot.queue if urlparse_cached(r).hostname == host]
            slot.queue.clear()
            slot.queue.extend(keep)
        for req, deferred in dropped:
            deferred.errback(IgnoreRequest(self._skip(req)))

    def _skip(self, request: Request) -> str:
        host = urlparse_cached(request).hostname or ""
        self.crawler.stats.inc_value("kb/retry_after/skipped")
        self.crawler.stats.inc_value(f"kb/backed_off/{host}")
        urls = self.crawler.stats.get_value(f"kb/backed_off_urls/{host}")
        if len(urls) < BACKED_OFF_URLS_KEPT:  # the run summary names them (the first ones)
            urls.append(request.url)
        why = f"kb: backed off: {self.backed_off[host]}"
        log.info("not requested %s (%s)", request.url, why)
        return why

    def process_request(self, request: Request, spider=None):
        if (urlparse_cached(request).hostname or "") in self.backed_off:
            raise IgnoreRequest(self._skip(request))
        return None

    async def process_response(self, request: Request, response, spider=None):
        header = response.headers.get("Retry-After")
        if response.status not in (429, 503) or header is None or request.meta.get("dont_retry", False):
            return super().process_response(request, response)
        stats = self.crawler.stats
        delay = retry_after_seconds(header)
        if delay is None:
            stats.inc_value("kb/retry_after/unreadable")
            return super().process_response(request, response)
        if delay > self.retry_after_max:  # counted and the host given up in response_downloaded
            return response  # archived, not retried
        if request.meta.get("retry_times", 0) + 1 > request.meta.get("max_retry_times", self.max_retry_times):
            return super().process_response(request, response)  # counted as retry/max_reached
        if delay > 0:
            from twisted.internet import (  # the installed one (asyncio): never import it early
                reactor,
                task,
            )

            await maybe_deferred_to_future(task.deferLater(reactor, delay, lambda: None))
        stats.inc_value("kb/retry_after/honoured")
        stats.inc_value("kb/retry_after/waited_s", round(delay, 1))
        return super().process_response(request, response)


class RedirectLoopMiddleware:
    """A redirect back to a URL already in this chain is a loop: refused at once
    (``kb/failed/redirect_loop``) rather than left to Scrapy's duplicate filter, which
    drops it silently. Endless chains of new URLs stop at ``REDIRECT_MAX_TIMES``
    (``kb/failed/too_many_redirects``). Sits just outside Scrapy's redirect middleware."""

    def process_response(self, request: Request, response, spider=None):
        location = response.headers.get("Location")
        if not (300 <= response.status < 400) or not location:
            return response
        from urllib.parse import urljoin

        target = urljoin(request.url, location.decode("latin-1")).split("#")[0]
        if target == request.url or target in request.meta.get("redirect_urls", []):
            raise IgnoreRequest(f"redirect loop: {request.url} -> {target}")
        return response


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
