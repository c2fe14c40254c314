"""``sources.toml``: what to crawl. One ``[[source]]`` table per outlet."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


class SourcesError(ValueError):
    """The sources file is missing or malformed; the message names the file and the problem."""


DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> tuple[str, str, int] | None:
    """``(scheme, host, port)`` of an http(s) URL, the port made explicit and the host
    lowercased without a trailing dot; None for anything else, including a URL with
    credentials (``http://user@host/``: parsers disagree on which host such a URL names)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a port out of range or not a number
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in DEFAULT_PORTS or not host or "@" in parts.netloc:
        return None
    return scheme, host, port if port is not None else DEFAULT_PORTS[scheme]


@dataclass(frozen=True)
class Source:
    name: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_pages: tuple[str, ...] = ()
    # A bare domain covers it and its subdomains on the schemes and ports of the source's own
    # URLs; an origin ("https://host:8443") covers exactly that scheme, host and port.
    allowed_domains: tuple[str, ...] = field(default_factory=tuple)
    max_pages: int | None = None  # per run; None: the crawler's KB_MAX_PAGES_PER_SOURCE
    # Whether the crawler may connect to loopback, private, link-local or metadata addresses
    # in this source's scope even though the source's own URLs are not on one (crawler.reach).
    allow_private: bool = False

    @property
    def seeds(self) -> tuple[str, ...]:
        """The URLs the operator wrote for this source (where it is)."""
        return self.feeds + self.sitemaps + self.start_pages

    def allows(self, url: str) -> bool:
        """Whether ``url`` is in this source's scope: its scheme, host and port. Another port
        or scheme on an allowed host is out unless listed as an origin in allowed_domains."""
        target = origin(url)
        if target is None:
            return False
        scheme, host, port = target
        own = None  # the (scheme, port) pairs of the source's own URLs, worked out when needed
        for entry in self.allowed_domains:
            if "://" in entry:
                if origin(entry) == target:
                    return True
            elif host == entry or host.endswith("." + entry):
                own = own if own is not None else {(o[0], o[2]) for o in map(origin, self.seeds) if o}
                if (scheme, port) in own:
                    return True
        return False


def _scope_entry(entry: str) -> str | None:
    """An allowed_domains entry, normalised: a bare host (``news.example``, ``127.0.0.1``,
    ``[::1]`` as ``::1``) or an origin (``https://news.example:8443``); None if neither."""
    entry = entry.strip().lower()
    if "://" in entry:
        o = origin(entry)
        rest = urlsplit(entry)
        if o is None or rest.path not in ("", "/") or rest.query or rest.fragment:
            return None
        scheme, host, port = o
        shown = f"[{host}]" if ":" in host else host
        return f"{scheme}://{shown}:{port}"
    if entry.startswith("[") and entry.endswith("]"):
        entry = entry[1:-1]
    entry = entry.rstrip(".")
    if not entry or "/" in entry or "@" in entry or (":" in entry and entry.count(":") < 2):
        return None  # a path, credentials, or host:port (which needs a scheme: an origin)
    return entry


def load_sources(path: str | Path) -> list[Source]:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SourcesError(f"{path}: no such sources file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML ({exc})") from exc
    tables = data.get("source")
    if not isinstance(tables, list) or not tables:
        raise SourcesError(f"{path}: expected one or more [[source]] tables")
    out = []
    for i, t in enumerate(tables, start=1):
        if not isinstance(t, dict) or not isinstance(t.get("name"), str) or not t["name"].strip():
            raise SourcesError(f"{path}: source #{i} has no name")
        lists = {}
        for key in ("feeds", "sitemaps", "start_pages", "allowed_domains"):
            value = t.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SourcesError(f"{path}: source {t['name']!r}: {key} must be a list of strings")
            lists[key] = tuple(value)
        for key in ("feeds", "sitemaps", "start_pages"):
            for url in lists[key]:
                if urlsplit(url).scheme not in ("http", "https"):
                    raise SourcesError(f"{path}: source {t['name']!r}: {url!r} in {key} is not an http(s) URL")
                if origin(url) is None:
                    raise SourcesError(
                        f"{path}: source {t['name']!r}: {url!r} in {key} has no host, a bad port, or credentials"
                    )
        if not (lists["feeds"] or lists["sitemaps"] or lists["start_pages"]):
            raise SourcesError(f"{path}: source {t['name']!r} has no feeds, sitemaps or start_pages")
        domains = []
        for entry in lists["allowed_domains"]:
            scope = _scope_entry(entry)
            if scope is None:
                raise SourcesError(
                    f"{path}: source {t['name']!r}: allowed_domains entry {entry!r} is neither a host name "
                    f"(news.example) nor an origin (http://{entry.split('://')[-1].split('/')[0]}): "
                    "give a port together with its scheme"
                )
            domains.append(scope)
        if not domains:
            domains = sorted({o[1] for k in ("feeds", "sitemaps", "start_pages") for o in map(origin, lists[k]) if o})
        max_pages = t.get("max_pages")
        if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
            raise SourcesError(f"{path}: source {t['name']!r}: max_pages must be a positive integer")
        allow_private = t.get("allow_private", False)
        if not isinstance(allow_private, bool):
            raise SourcesError(f"{path}: source {t['name']!r}: allow_private must be true or false")
        out.append(
            Source(
                name=t["name"].strip(),
                feeds=lists["feeds"],
                sitemaps=lists["sitemaps"],
                start_pages=lists["start_pages"],
                allowed_domains=tuple(domains),
                max_pages=max_pages,
                allow_private=allow_private,
            )
        )
    return out
