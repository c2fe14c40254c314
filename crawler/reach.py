"""Where the crawler may connect. Crawled pages are written by strangers: a link, a feed
item or a redirect to ``http://127.0.0.1:8080/admin``, ``http://169.254.169.254/`` or a name
that resolves to one of them must not make the crawler fetch (and archive) something on the
crawler's own machine or network.

The addresses refused (:func:`address_kind`): loopback, private (RFC 1918, fc00::/7, and the
other ranges Python's :mod:`ipaddress` calls private), link-local (169.254/16, fe80::/10),
unspecified, multicast, cloud metadata (169.254.169.254, fd00:ec2::254, ...), and any other
address that is not globally reachable; also IPv4 addresses embedded in IPv6 ones
(``::ffff:127.0.0.1``, 6to4, NAT64) and the ``localhost`` names (RFC 6761).

Two checks, both needed:

* :class:`crawler.middlewares.ReachMiddleware` checks every request before anything is sent
  for it (its URL's host: an IP literal in any spelling, or every address the name resolves
  to here), with the context of its source, and counts refusals by reason;
* :class:`GuardedResolver` is the resolver the connections themselves use: it checks the
  address a connection is about to use, so a name that resolved to a public address when the
  request was checked and to 127.0.0.1 a moment later (DNS rebinding) is still refused.
  Fail-closed: it lets a non-public answer through only for hosts the middleware has allowed
  (a private source's own hosts, hosts of sources with ``allow_private``, the proxies).
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

log = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean ...
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS over IPv6
        "100.100.100.200",  # Alibaba Cloud
    )
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")
NUMERIC_HOST = re.compile(r"[0-9a-fx.]+", re.IGNORECASE)
REFUSED_URLS_KEPT = 100  # per reason, in the run summary (kb/refused_urls/<reason>)


class RefusedAddress(IgnoreRequest):
    """A request refused by the reach middleware (counted there)."""


def ip_literal(host: str) -> IPAddress | None:
    """The address an IP-literal host names, in any spelling a resolver would accept
    (``127.0.0.1``, ``::1``, ``127.1``, ``2130706433``, ``0x7f000001``, ``0177.0.0.1``);
    None for a name."""
    host = host.strip().strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if NUMERIC_HOST.fullmatch(host) and any(c.isdigit() for c in host):
        try:  # inet_aton reads the classic short, decimal, octal and hex forms, as getaddrinfo does
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def address_kind(ip: IPAddress) -> str | None:
    """Why the crawler may not connect to ``ip`` (``loopback``, ``private``, ``link-local``,
    ``metadata``, ``unspecified``, ``multicast``, ``reserved``); None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return address_kind(ip.ipv4_mapped)
        embedded = [ip.sixtofour, ip.teredo[1] if ip.teredo else None]
        if ip in NAT64:
            embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        for inner in embedded:
            if inner is not None and (kind := address_kind(inner)):
                return kind
        ip = ipaddress.IPv6Address(str(ip).split("%")[0])  # the zone of fe80::1%eth0 changes nothing
    if ip in METADATA:
        return "metadata"
    if ip.is_loopback:
        return "loopback"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "reserved"
    return None


def is_local_name(host: str) -> bool:
    """``localhost`` and ``*.localhost``: loopback by definition (RFC 6761 section 6.3),
    whatever a resolver says."""
    host = host.lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost")


def host_kind(host: str) -> tuple[str, str] | None:
    """``(kind, address)`` when a URL's host is not public without resolving anything (an IP
    literal or a ``localhost`` name); None for a public literal or any other name."""
    if is_local_name(host):
        return "loopback", host
    ip = ip_literal(host)
    if ip is None:
        return None
    kind = address_kind(ip)
    return (kind, str(ip)) if kind else None


def resolve_all(host: str) -> list[str]:
    """Every address ``host`` resolves to here (IPv4 and IPv6); empty when it does not
    resolve. Blocking: call it in a thread."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def resolved_kind(host: str) -> tuple[str, str] | None:
    """``(kind, address)`` for the first non-public address ``host`` resolves to here; None
    when all are public or it does not resolve. Blocking: call it in a thread."""
    for address in resolve_all(host):
        try:
            kind = address_kind(ipaddress.ip_address(address.split("%")[0]))
        except ValueError:
            continue
        if kind:
            return kind, address
    return None


def count_refusal(stats: Any, reason: str, url: str, why: str) -> None:
    """``kb/refused/<reason>`` and the first URLs in ``kb/refused_urls/<reason>``; logged (a
    warning for a private address, info for a redirect out of scope: an everyday thing)."""
    stats.inc_value(f"kb/refused/{reason}")
    urls = list(stats.get_value(f"kb/refused_urls/{reason}") or [])
    if len(urls) < REFUSED_URLS_KEPT:
        urls.append(url)
        stats.set_value(f"kb/refused_urls/{reason}", urls)
    log.log(logging.INFO if reason == "out_of_scope" else logging.WARNING, "refused %s (%s): %s", url, reason, why)


def _name(host: str) -> str:
    return host.lower().strip("[]").rstrip(".")


class PrivateAnswer(DNSLookupError):
    """Raised by :class:`GuardedResolver`. Twisted reports a failed lookup to the connection
    as "no results" and Scrapy as ``CannotResolveHostError``, so the reason is also kept in
    :attr:`GuardedResolver.refused` (see :func:`refused_at_connect`)."""


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's default resolver (cached, IPv4), which every connection goes through
    (``TWISTED_DNS_RESOLVER``: a target's host, by name or IPv4 literal, or the proxy's),
    checking each answer as it is handed to the connection. Fail-closed: a non-public
    address is refused unless the reach middleware has allowed that host (a private source's
    own host, a host of a source with ``allow_private``, a configured proxy). IPv6 literals
    are not resolved; the middleware has checked those."""

    def __init__(self, reactor: Any, cache_size: int, timeout: float) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.allowed: set[str] = set()
        self.refused: dict[str, str] = {}  # host -> why its connection was refused

    def allow_private(self, host: str) -> None:
        """Let ``host`` resolve to a non-public address (the middleware decided it may)."""
        self.allowed.add(_name(host))
        self.refused.pop(_name(host), None)

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:  # noqa: N802 - Twisted's interface
        d = super().getHostByName(name, timeout)
        d.addCallback(self._check, name)
        return d

    def _check(self, address: str, name: str) -> str:
        if _name(name) in self.allowed:
            return address
        try:
            kind = address_kind(ipaddress.ip_address(address))
        except ValueError:
            kind = "unreadable"
        if kind:
            why = f"{name} resolved to {address}, a {kind} address, when connecting"
            self.refused[_name(name)] = why
            raise PrivateAnswer(why)
        return address


def installed_guard() -> GuardedResolver | None:
    """The reactor's resolver if it is a :class:`GuardedResolver` (``TWISTED_DNS_RESOLVER``)."""
    from twisted.internet import reactor  # the installed one (asyncio): never import it early

    resolver = getattr(reactor, "resolver", None)
    return resolver if isinstance(resolver, GuardedResolver) else None


def refused_at_connect(url: str, proxy: str | None = None) -> str | None:
    """Why the guard refused the connection for ``url`` (to its host or its proxy); None if
    it did not."""
    guard = installed_guard()
    if guard is None or not guard.refused:
        return None
    for target in (url, proxy):
        host = urlsplit(target if "://" in (target or "") else f"http://{target}").hostname if target else None
        if host and _name(host) in guard.refused:
            return guard.refused[_name(host)]
    return None
