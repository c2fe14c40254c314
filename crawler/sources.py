"""``sources.toml``: what to crawl. One ``[[source]]`` table per outlet."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


class SourcesError(ValueError):
    """The sources file is missing or malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Source:
    name: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_pages: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = field(default_factory=tuple)
    max_pages: int | None = None  # per run; None: the crawler's KB_MAX_PAGES_PER_SOURCE

    def allows(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)


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
        domains = lists["allowed_domains"] or tuple(
            sorted({urlsplit(u).hostname for k in ("feeds", "sitemaps", "start_pages") for u in lists[k]})
        )
        if not (lists["feeds"] or lists["sitemaps"] or lists["start_pages"]):
            raise SourcesError(f"{path}: source {t['name']!r} has no feeds, sitemaps or start_pages")
        max_pages = t.get("max_pages")
        if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
            raise SourcesError(f"{path}: source {t['name']!r}: max_pages must be a positive integer")
        out.append(
            Source(
                name=t["name"].strip(),
                feeds=lists["feeds"],
                sitemaps=lists["sitemaps"],
                start_pages=lists["start_pages"],
                allowed_domains=tuple(d.lower() for d in domains),
                max_pages=max_pages,
            )
        )
    return out
