"""Extensions: the run summary every crawl prints and writes as JSON."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path

from scrapy import signals

log = logging.getLogger(__name__)


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


def by_source(stats: dict) -> dict[str, dict]:
    """Per source (by name, in sources.toml order): responses fetched, failures by reason,
    requests skipped by robots.txt and refused (crawler.spiders.news counts them)."""
    out: dict[str, dict] = {
        name: {"fetched": 0, "failed": {}, "skipped_robots": 0, "refused": 0} for name in stats.get("kb/sources", [])
    }

    def entry(name: str) -> dict:
        return out.setdefault(name, {"fetched": 0, "failed": {}, "skipped_robots": 0, "refused": 0})

    for key, value in stats.items():
        if key.startswith("kb/source_fetched/"):
            entry(key.split("/", 2)[2])["fetched"] += value
        elif key.startswith("kb/source_robots/"):
            entry(key.split("/", 2)[2])["skipped_robots"] += value
        elif key.startswith("kb/source_refused/"):
            entry(key.split("/", 2)[2])["refused"] += value
        elif key.startswith("kb/source_failed/"):
            _, _, reason, name = key.split("/", 3)  # a source name may contain "/"; a reason never does
            failed = entry(name)["failed"]
            failed[reason] = failed.get(reason, 0) + value
    return out


class RunSummary:
    """On spider close: what was fetched, skipped by robots.txt, failed (by reason), refused
    (by reason: out of scope, private address; crawler.reach), the same per source
    (``by_source``), how many bytes were archived and how long it took; printed and written to ``KB_SUMMARY_PATH`` (default
    ``<WARC_DIR>/crawl-<time>.summary.json``)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.started = datetime.now(UTC)
        self.run_id = f"crawl-{self.started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def summary(self, reason: str) -> dict:
        stats = self.crawler.stats.get_stats()
        finished = datetime.now(UTC)
        failed_by_reason = {k.split("/", 2)[2]: v for k, v in stats.items() if k.startswith("kb/failed/")}
        refused_by_reason = {k.split("/", 2)[2]: v for k, v in stats.items() if k.startswith("kb/refused/")}
        http_errors = sum(
            v
            for k, v in stats.items()
            if k.startswith("downloader/response_status_count/") and int(k.rsplit("/", 1)[1]) >= 400
        )
        captures = {k.split("/", 2)[2]: v for k, v in stats.items() if k.startswith("kb/captures/")}
        return {
            "run_id": self.run_id,
            "started_at": self.started.isoformat(),
            "finished_at": finished.isoformat(),
            "duration_s": round((finished - self.started).total_seconds(), 2),
            "fetched": stats.get("downloader/response_count", 0),
            "archived": stats.get("kb/warc/records", 0),
            "articles": captures.get("article", 0),
            "captures_by_role": captures,
            "skipped_robots": stats.get("robotstxt/forbidden", 0),
            "failed": sum(failed_by_reason.values()),
            "failed_by_reason": failed_by_reason,
            "refused": sum(refused_by_reason.values()),
            "refused_by_reason": refused_by_reason,
            "http_errors": http_errors,
            "bytes": stats.get("kb/warc/body_bytes", 0),
            "warc_files": list(stats.get("kb/warc_files", [])),
            "by_source": by_source(stats),
            "finish_reason": reason,
            "stats": {k: _jsonable(v) for k, v in stats.items()},
        }

    def spider_closed(self, spider, reason) -> None:
        s = self.summary(reason)
        settings = self.crawler.settings
        path = settings.get("KB_SUMMARY_PATH") or str(
            Path(settings.get("WARC_DIR", "data/warc")) / f"{self.run_id}.summary.json"
        )
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(s, indent=1, default=str))
        lines = [
            f"crawl {s['run_id']} finished ({reason}) in {s['duration_s']}s",
            f"  fetched {s['fetched']}  archived {s['archived']}  skipped by robots.txt {s['skipped_robots']}  "
            f"failed {s['failed']}  refused {s['refused']}  http errors {s['http_errors']}  bytes {s['bytes']}",
        ]
        lines += [f"  failed: {k} {v}" for k, v in sorted(s["failed_by_reason"].items())]
        lines += [f"  refused: {k} {v}" for k, v in sorted(s["refused_by_reason"].items())]
        lines.append(f"  summary: {path}")
        print("\n".join(lines), flush=True)
