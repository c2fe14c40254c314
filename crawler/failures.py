"""Why a request failed, as a short stable counter name (``kb/failed/<reason>``), and the
exception that fails a request whose host's robots.txt could not be fetched at all."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

# What a host that is down, absent or misconfigured gives: no answer was ever received.
NETWORK_REASONS = frozenset({"dns", "refused", "timeout", "tls", "dropped"})


class HostUnreachable(IgnoreRequest):
    """A request not sent because its host's robots.txt could not be fetched for a network
    reason (``reason``: dns, refused, timeout, tls, dropped): the host is down or absent,
    so the request is a failure of its source with that reason, not a robots.txt skip."""

    def __init__(self, reason: str, host: str, detail: str) -> None:
        super().__init__(f"kb: {host} unreachable ({reason}): {detail}")
        self.reason = reason


def tls_error(exc: BaseException | None) -> BaseException | None:
    """The OpenSSL error somewhere in the chain, if any: Scrapy 2.19 wraps Twisted's
    ``ResponseNeverReceived([Failure(SSL.Error)])`` in a DownloadFailedError carrying only
    its text, with the original as ``__cause__``."""
    from OpenSSL import SSL

    seen: set[int] = set()
    todo = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, SSL.Error):
            return e
        todo += [e.__cause__, e.__context__]
        todo += [r.value for r in getattr(e, "reasons", None) or [] if isinstance(r, Failure)]
    return None


def failure_reason(failure: Failure) -> str:
    """A short, stable counter name for a failed request."""
    if failure.check(HostUnreachable):
        return failure.value.reason
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "dns"
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return "refused"
    if tls_error(failure.value) is not None:
        return "tls"  # the handshake failed: not TLS on that port, or a certificate refused
    if failure.check(ResponseNeverReceived, ConnectionLost, ResponseFailed):
        return "dropped"
    message = str(failure.value).lower()
    if "redirect loop" in message:
        return "redirect_loop"  # crawler.middlewares.RedirectLoopMiddleware
    if "max redirections" in message:
        return "too_many_redirects"  # REDIRECT_MAX_TIMES reached
    if "larger than" in message or "maxsize" in message or "max size" in message:
        return "too_large"
    if failure.check(DownloadFailedError):
        return "dropped"  # Scrapy 2.19's wrapper of Twisted's ResponseFailed
    if failure.check(IgnoreRequest):
        return "ignored"
    name = (failure.type.__name__ if failure.type else "error").lower()
    if "timeout" in name or "timedout" in name:
        return "timeout"  # Scrapy 2.19's DownloadTimeoutError
    if "dataloss" in name or "connectionlost" in name or "neverreceived" in name:
        return "dropped"  # Scrapy 2.19's ResponseDataLossError
    return "too_large" if "cancel" in name else name
