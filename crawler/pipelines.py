"""Item pipelines. One job each (STYLE.md)."""

from __future__ import annotations

import hashlib
import io
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

from itemadapter import ItemAdapter
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.items import Capture
from crawler.state import CrawlState

log = logging.getLogger(__name__)

# Scrapy hands over the decoded body, so these no longer describe it.
DROPPED_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class WarcWriterPipeline:
    """Writes every :class:`Capture` as a WARC ``response`` record (gzip per record).

    Files are written as ``<name>.warc.gz.open`` and renamed to ``<name>.warc.gz`` when
    closed (at rotation or spider close), so ``kb ingest`` never reads a file in progress;
    each record is flushed, so a killed crawl loses at most the record being written.
    """

    def __init__(self, warc_dir: Path, max_bytes: int, stats, state: CrawlState | None = None) -> None:
        self.state = state
        self.warc_dir = warc_dir
        self.max_bytes = max_bytes
        self.stats = stats
        self.seq = 0
        self.fh = None
        self.writer: WARCWriter | None = None
        self.path: Path | None = None
        self.files: list[str] = []
        self.stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(
            Path(crawler.settings.get("WARC_DIR", "data/warc")),
            crawler.settings.getint("WARC_MAX_BYTES"),
            crawler.stats,
            CrawlState.for_crawler(crawler),
        )

    def open_spider(self, spider=None) -> None:
        self.warc_dir.mkdir(parents=True, exist_ok=True)
        self._recover_orphans()

    def _recover_orphans(self) -> None:
        """A crawl that was killed leaves ``*.warc.gz.open``. Its complete records are
        good (each is flushed), so when the writing process is gone the file is renamed
        for ingest, which reads up to the last whole record."""
        for orphan in sorted(self.warc_dir.glob("*.warc.gz.open")):
            try:
                pid = int(orphan.name.split("-")[-2])
            except (IndexError, ValueError):
                continue
            if _alive(pid):
                continue
            target = orphan.with_name(orphan.name.removesuffix(".open").replace(".warc.gz", ".recovered.warc.gz"))
            orphan.rename(target)
            self.stats.inc_value("kb/warc/recovered_files")
            log.warning("recovered %s from a crawl that did not finish (process %d is gone)", target.name, pid)

    def _open(self) -> None:
        self.seq += 1
        self.path = self.warc_dir / f"crawl-{self.stamp}-{os.getpid()}-{self.seq:05d}.warc.gz"
        self.fh = open(self.path.with_name(self.path.name + ".open"), "wb")
        self.writer = WARCWriter(self.fh, gzip=True)
        info = self.writer.create_warcinfo_record(
            self.path.name,
            {
                "software": "newsclaims-kb crawler (Scrapy + warcio)",
                "format": "WARC File Format 1.1",
                "robots": "obey",
            },
        )
        self.writer.write_record(info)

    def _close(self) -> None:
        if self.fh is None:
            return
        self.fh.close()
        self.path.with_name(self.path.name + ".open").rename(self.path)
        self.files.append(str(self.path.resolve()))
        self.stats.set_value("kb/warc_files", list(self.files))
        self.fh = self.writer = None

    def process_item(self, item, spider=None):
        if not isinstance(item, Capture):
            return item
        if self.fh is None:
            self._open()
        cap = ItemAdapter(item).item
        headers = [(k, v) for k, v in cap.headers if k.lower() not in DROPPED_HEADERS]
        headers += [(f"X-KB-Original-{k}", v) for k, v in cap.headers if k.lower() == "content-encoding"]
        headers.append(("Content-Length", str(len(cap.body))))
        http = StatusAndHeaders(f"{cap.status} {cap.reason or 'OK'}".strip(), headers, protocol="HTTP/1.1")
        warc_headers = {
            "WARC-Date": cap.fetched_at.replace("+00:00", "Z"),
            "WARC-KB-Source": cap.source,
            "WARC-KB-Role": cap.role,
            "WARC-KB-Requested-URI": cap.url,
            "WARC-KB-Payload-SHA256": hashlib.sha256(cap.body).hexdigest(),
        }
        sha = warc_headers["WARC-KB-Payload-SHA256"]
        seen = self.state.get(cap.url) if self.state else None
        revisit = seen is not None and (cap.status == 304 or (cap.status == 200 and seen.sha256 == sha))
        if revisit:
            http.replace_header("Content-Length", "0")
            # Unchanged: a WARC revisit record (no payload), not a new capture. Ingest skips it.
            profile = "server-not-modified" if cap.status == 304 else "identical-payload-digest"
            warc_headers.update(
                {
                    "WARC-Profile": f"http://netpreserve.org/warc/1.1/revisit/{profile}",
                    "WARC-Refers-To-Target-URI": seen.url,
                    "WARC-KB-Refers-To-Payload-SHA256": seen.sha256 or "",
                }
            )
            record = self.writer.create_warc_record(
                cap.final_url, "revisit", payload=io.BytesIO(b""), http_headers=http, warc_headers_dict=warc_headers
            )
            self.stats.inc_value(f"kb/revisit/{profile}")
        else:
            record = self.writer.create_warc_record(
                cap.final_url,
                "response",
                payload=io.BytesIO(cap.body),
                http_headers=http,
                warc_headers_dict=warc_headers,
            )
        self.writer.write_record(record)
        self.fh.flush()
        # Only now, with the record on disk, does the crawl state learn the URL (kill -9 safe).
        if self.state is not None and cap.status in (200, 304):
            hdr = {k.lower(): v for k, v in cap.headers}
            for url in dict.fromkeys([cap.url, cap.final_url]):
                self.state.record(
                    url,
                    hdr.get("etag"),
                    hdr.get("last-modified"),
                    cap.lastmod,
                    None if revisit else sha,
                    cap.fetched_at,
                    revisit=revisit,
                )
        self.stats.inc_value("kb/warc/records")
        self.stats.inc_value("kb/warc/body_bytes", 0 if revisit else len(cap.body))
        if self.fh.tell() >= self.max_bytes:
            self._close()
        return item

    def close_spider(self, spider=None) -> None:
        self._close()
