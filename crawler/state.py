"""What the crawler already captured: a small SQLite file next to the WARC files
(``<WARC_DIR>/crawl-state.sqlite3``), written by the crawler itself so it never needs
DuckDB (and never waits for DuckDB's single-writer lock).

One row per URL: ETag, Last-Modified, the feed/sitemap ``lastmod`` seen when it was
fetched, and the SHA-256 of the body. A row is written only *after* its WARC record has
been flushed, and each write is its own committed transaction in WAL mode, so a crawl
killed at any moment (even ``kill -9``) leaves a state that never claims more than the
WARC files hold: at worst a URL is fetched once more and archived as a revisit.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

STATE_NAME = "crawl-state.sqlite3"


@dataclass(frozen=True)
class Seen:
    url: str
    etag: str | None
    last_modified: str | None
    lastmod: str | None
    sha256: str | None


class CrawlState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process (not power loss)
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS seen (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, "
            "lastmod TEXT, sha256 TEXT, fetched_at TEXT, revisits INTEGER NOT NULL DEFAULT 0)"
        )

    @classmethod
    def for_crawler(cls, crawler) -> CrawlState:
        """One state per crawl, shared by the spider, the middleware and the pipeline."""
        state = getattr(crawler, "kb_state", None)
        if state is None:
            warc_dir = Path(crawler.settings.get("WARC_DIR", "data/warc"))
            state = cls(Path(crawler.settings.get("KB_STATE_PATH") or warc_dir / STATE_NAME))
            crawler.kb_state = state
        return state

    def get(self, url: str) -> Seen | None:
        row = self.db.execute(
            "SELECT url, etag, last_modified, lastmod, sha256 FROM seen WHERE url = ?", [url]
        ).fetchone()
        return Seen(*row) if row else None

    def record(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        lastmod: str | None,
        sha256: str | None,
        fetched_at: str,
        revisit: bool = False,
    ) -> None:
        old = self.get(url)
        if revisit and old is not None:
            self.db.execute(
                "UPDATE seen SET revisits = revisits + 1, fetched_at = ?, "
                "lastmod = COALESCE(?, lastmod), etag = COALESCE(?, etag), "
                "last_modified = COALESCE(?, last_modified) WHERE url = ?",
                [fetched_at, lastmod, etag, last_modified, url],
            )
            return
        self.db.execute(
            "INSERT INTO seen (url, etag, last_modified, lastmod, sha256, fetched_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, lastmod = COALESCE(excluded.lastmod, seen.lastmod), "
            "sha256 = excluded.sha256, fetched_at = excluded.fetched_at",
            [url, etag, last_modified, lastmod, sha256, fetched_at],
        )

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM seen").fetchone()[0]

    def close(self) -> None:
        self.db.close()
