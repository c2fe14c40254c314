"""``sources.toml``: what to crawl. One ``[[source]]`` table per outlet."""

from __future__ import annotations

import difflib
import re
import sys
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


SOURCE_KEYS = ("name", "feeds", "sitemaps", "start_pages", "allowed_domains", "max_pages", "allow_private")
TOP_LEVEL_KEYS = ("source",)
TOML_POSITION = re.compile(r"^(?P<what>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.S)
HEADER = re.compile(r"^\s*(\[\[?)\s*([\"']?)([^\]\"']+)\2\s*\]")
ASSIGNMENT = re.compile(r"^\s*([\"']?)([A-Za-z0-9_-]+)\1\s*=")


def _kind(value: object) -> str:
    """What a TOML value is, as a person writing the file would call it."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a date"


def _key_lines(text: str) -> dict[tuple[int | None, str], int]:
    """Best-effort line numbers (1-based) of keys and table headers: ``(None, key)`` at the
    top level (``[[source]]`` headers included, as key ``source``), ``(i, key)`` in the i-th
    ``[[source]]`` table (1-based). tomllib keeps no positions; the first line that assigns
    the key in that table wins. A key not found has no entry (the message then names no line)."""
    out: dict[tuple[int | None, str], int] = {}
    table: int | None = None
    sources = 0
    for n, line in enumerate(text.splitlines(), start=1):
        header = HEADER.match(line)
        if header:
            name = header.group(3).strip()
            out.setdefault((None, name), n)
            if header.group(1) == "[[" and name == "source":
                sources += 1
                table = sources
            else:
                table = -1  # another table: its keys are not ours to place
            continue
        key = ASSIGNMENT.match(line)
        if key and table != -1:
            out.setdefault((table, key.group(2)), n)
    return out


def _did_you_mean(key: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else "known keys: " + ", ".join(known)


def load_sources(path: str | Path) -> list[Source]:
    """The sources of a ``sources.toml``; :class:`SourcesError` with one line saying where
    (file, line, column when known) and what is wrong: not TOML, an unknown key (with the
    nearest known one), a value of the wrong type, a URL that is not http(s)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SourcesError(f"{path}: no such sources file") from exc
    except UnicodeDecodeError as exc:
        raise SourcesError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise SourcesError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = TOML_POSITION.match(message)
        if m:
            raise SourcesError(f"{path}, line {m['line']}, column {m['column']}: not valid TOML: {m['what']}") from exc
        if message.endswith(" (at end of document)"):  # where the file ends
            last = text.split("\n")[-1]
            raise SourcesError(
                f"{path}, line {text.count(chr(10)) + 1}, column {len(last) + 1} (the end): not valid TOML: "
                f"{message.removesuffix(' (at end of document)')}"
            ) from exc
        raise SourcesError(f"{path}: not valid TOML: {message}") from exc
    lines = _key_lines(text)

    def at(table: int | None, key: str) -> str:
        n = lines.get((table, key))
        return f"{path}, line {n}" if n else f"{path}"

    for key in data:
        if key not in TOP_LEVEL_KEYS:
            raise SourcesError(
                f"{at(None, key)}: unknown key {key!r} at the top level ({_did_you_mean(key, TOP_LEVEL_KEYS)}); "
                "each outlet is a [[source]] table"
            )
    tables = data.get("source")
    if isinstance(tables, dict):
        raise SourcesError(f"{at(None, 'source')}: write each source as [[source]] (a list of tables), not [source]")
    if not isinstance(tables, list) or not tables:
        raise SourcesError(f"{path}: expected one or more [[source]] tables")
    out = []
    names: set[str] = set()
    for i, t in enumerate(tables, start=1):
        if not isinstance(t, dict) or not isinstance(t.get("name"), str) or not t["name"].strip():
            raise SourcesError(f'{at(i, "name")}: source #{i} has no name (name = "...")')
        name = t["name"].strip()
        if name in names:
            raise SourcesError(f"{at(i, 'name')}: two sources are named {name!r}: give each its own name")
        names.add(name)
        for key in t:
            if key not in SOURCE_KEYS:
                raise SourcesError(
                    f"{at(i, key)}: source {name!r}: unknown key {key!r} ({_did_you_mean(key, SOURCE_KEYS)})"
                )
        lists = {}
        for key in ("feeds", "sitemaps", "start_pages", "allowed_domains"):
            value = t.get(key, [])
            if not isinstance(value, list):
                raise SourcesError(
                    f"{at(i, key)}: source {name!r}: {key} must be a list of strings, not {_kind(value)} "
                    f'(write {key} = ["..."])'
                )
            for v in value:
                if not isinstance(v, str):
                    raise SourcesError(
                        f"{at(i, key)}: source {name!r}: {key} must be a list of strings, not a list with {_kind(v)}"
                    )
            lists[key] = tuple(value)
        for key in ("feeds", "sitemaps", "start_pages"):
            for url in lists[key]:
                if urlsplit(url).scheme not in ("http", "https"):
                    raise SourcesError(f"{at(i, key)}: source {name!r}: {url!r} in {key} is not an http(s) URL")
                if origin(url) is None:
                    raise SourcesError(
                        f"{at(i, key)}: source {name!r}: {url!r} in {key} has no host, a bad port, or credentials"
                    )
        if not (lists["feeds"] or lists["sitemaps"] or lists["start_pages"]):
            raise SourcesError(f"{at(i, 'name')}: source {name!r} has no feeds, sitemaps or start_pages")
        domains = []
        for entry in lists["allowed_domains"]:
            scope = _scope_entry(entry)
            if scope is None:
                raise SourcesError(
                    f"{at(i, 'allowed_domains')}: source {name!r}: allowed_domains entry {entry!r} is neither a "
                    f"host name (news.example) nor an origin (http://{entry.split('://')[-1].split('/')[0]}): "
                    "give a port together with its scheme"
                )
            domains.append(scope)
        if not domains:
            domains = sorted({o[1] for k in ("feeds", "sitemaps", "start_pages") for o in map(origin, lists[k]) if o})
        max_pages = t.get("max_pages")
        if max_pages is not None and (isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1):
            raise SourcesError(f"{at(i, 'max_pages')}: source {name!r}: max_pages must be a positive integer")
        allow_private = t.get("allow_private", False)
        if not isinstance(allow_private, bool):
            raise SourcesError(f"{at(i, 'allow_private')}: source {name!r}: allow_private must be true or false")
        out.append(
            Source(
                name=name,
                feeds=lists["feeds"],
                sitemaps=lists["sitemaps"],
                start_pages=lists["start_pages"],
                allowed_domains=tuple(domains),
                max_pages=max_pages,
                allow_private=allow_private,
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m crawler.sources FILE``: check a sources file without starting a crawl
    (``kb crawl`` runs this first). Exit 0 when it is good; 2 with the one-line reason on
    stderr when it is not."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m crawler.sources FILE", file=sys.stderr)
        return 2
    try:
        load_sources(args[0])
    except SourcesError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
