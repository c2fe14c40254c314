"""``kb nightly``: the job an operator schedules and leaves alone.

crawl every source (incremental: only new or changed pages) -> ingest the WARC folder
(idempotent; fact tracking runs at the end of ingest) -> a run report, printed and written
as JSON to ``<reports>/nightly-<time>.json``; the crawl's summary is also stored in
``crawl_runs``.

A lock file (``flock``) stops two runs overlapping; the kernel drops it when the process
dies, even under ``kill -9``, so a killed run never leaves a stale lock. Exit status for
the scheduler: 0 done, 1 failed (crawl or ingest raised, the crawl stopped early, or no
source fetched anything: ``kb.ops.crawl.crawl_problems``; a source that fetched nothing
while others did is a warning naming it), 75 (EX_TEMPFAIL) another run holds the lock,
130 / 143 stopped by SIGINT / SIGTERM (the crawl child gets one SIGTERM and shuts down
cleanly; an ingest batch in progress is rolled back; the report says so; the next run
finishes the job). ``kb nightly`` exits 2 before any of this when the sources file is
missing or malformed.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kb.config import Settings
from kb.errors import KBError
from kb.ops.interrupt import Interrupted, stop_on_signals

EXIT_OK, EXIT_FAILED, EXIT_BUSY = 0, 1, 75


class NightlyBusy(KBError):
    code = "KB021"  # KB020 is CrawlFailed


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            fh.seek(0)
            raise NightlyBusy(
                f"another nightly run holds {path} ({fh.read().strip() or 'unknown pid'}): "
                "it will finish on its own; this run exits 75"
            ) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {datetime.now(UTC).isoformat(timespec='seconds')}\n")
        fh.flush()
        yield
    finally:
        fh.close()  # releases the flock


def crawl_report(crawl: dict[str, Any]) -> dict[str, Any]:
    """The crawl part of the report, from the crawler's run summary."""
    st = crawl.get("stats", {})
    return {
        "run_id": crawl.get("run_id"),
        "finish_reason": crawl.get("finish_reason"),
        "fetched": crawl.get("fetched", 0),
        "new_captures": crawl.get("archived", 0) - sum(v for k, v in st.items() if k.startswith("kb/revisit/")),
        "revisits": {k.split("/", 2)[2]: v for k, v in st.items() if k.startswith("kb/revisit/")},
        "skipped_already_captured": st.get("kb/skipped/already_captured", 0),
        "conditional_requests": st.get("kb/conditional/sent", 0),
        "skipped_robots": crawl.get("skipped_robots", 0),
        "robots_unreachable_hosts": st.get("kb/robots/unreachable_disallow_all", 0),
        "capped": {k.split("/", 2)[2]: v for k, v in st.items() if k.startswith("kb/capped/")},
        "retry_after": {k.split("/", 2)[2]: v for k, v in st.items() if k.startswith("kb/retry_after/")},
        "backed_off_hosts": {
            host: {
                "why": st.get(f"kb/backed_off_why/{host}"),
                "not_requested": n,
                "urls": st.get(f"kb/backed_off_urls/{host}", []),
            }
            for host, n in ((k.split("/", 2)[2], v) for k, v in st.items() if k.startswith("kb/backed_off/"))
        },
        "robots_sitemaps": st.get("kb/discovered/robots_sitemap", 0),
        "robots_sitemaps_offsite": st.get("kb/robots/sitemap_offsite", 0),
        "failed": crawl.get("failed", 0),
        "refused": crawl.get("refused", 0),
        "refused_by_reason": crawl.get("refused_by_reason", {}),
        "failed_by_reason": crawl.get("failed_by_reason", {}),
        "http_errors": crawl.get("http_errors", 0),
        "bytes": crawl.get("bytes", 0),
        "duration_s": crawl.get("duration_s"),
        "warc_files": crawl.get("warc_files", []),
    }


def _run(
    report: dict[str, Any],
    sources: Path,
    warc_dir: Path,
    db: Path,
    sample_site: Path | None,
    crawl_settings: dict[str, str],
    settings: Settings,
) -> None:
    """Crawl, then ingest; what fails goes to ``report['errors']`` (exit 1)."""
    from kb.ingest.run import ingest
    from kb.ops.crawl import crawl as run_crawl
    from kb.ops.crawl import crawl_problems, crawl_sample_site
    from kb.store.connection import Store
    from kb.store.writer import record_crawl_run

    crawl = None
    try:
        if sample_site is not None:
            crawl = crawl_sample_site(sample_site, sources, warc_dir, crawl_settings, quiet=True)
        else:
            crawl = run_crawl(sources, [], warc_dir, settings=crawl_settings, quiet=True)
        report["crawl"] = crawl_report(crawl)
        record_crawl_run(Store(db), crawl)
        if crawl.get("finish_reason") != "finished":  # e.g. "shutdown": stopped by a signal
            report["errors"].append(f"crawl: stopped early ({crawl.get('finish_reason')}); the next run finishes it")
    except Exception as exc:  # the report says what failed; the scheduler sees exit 1
        report["errors"].append(f"crawl: {exc}")
    try:
        ing = ingest([warc_dir], db, settings.ingest, tracking=settings.tracking, index=settings.index)
        report["ingest"] = {"run_id": ing.run_id, "seconds": round(ing.seconds, 1), **dict(ing.counters)}
    except Exception as exc:
        report["errors"].append(f"ingest: {exc}")
    if crawl is not None:
        warnings, failure = crawl_problems(crawl)
        report["warnings"] += warnings
        if failure:
            report["errors"].append(f"crawl: {failure}")


def nightly(
    sources: Path,
    warc_dir: Path,
    db: Path,
    reports: Path,
    lock: Path | None = None,
    sample_site: Path | None = None,
    crawl_settings: dict[str, str] | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """One unattended run; returns the report (``report['exit_code']`` is for the scheduler).
    ``sample_site``: serve that folder as the bundled demo site for the crawl."""
    settings = settings or Settings()
    started = datetime.now(UTC)
    report: dict[str, Any] = {
        "run_id": f"nightly-{started:%Y%m%dT%H%M%S}",
        "started_at": started.isoformat(),
        "sources": str(sources),
        "warc_dir": str(warc_dir),
        "db": str(db),
        "warnings": [],  # a source that fetched nothing
        "errors": [],
    }
    t0 = time.perf_counter()
    interrupted: Interrupted | None = None
    with run_lock(lock or warc_dir.parent / "nightly.lock"):
        try:
            with stop_on_signals(
                "nightly run", "a crawl in progress was shut down cleanly, an ingest batch in progress rolled back"
            ):
                _run(report, sources, warc_dir, db, sample_site, crawl_settings or {}, settings)
        except Interrupted as exc:
            interrupted = exc
            report["errors"].append(f"interrupted: {exc}")
    report["finished_at"] = datetime.now(UTC).isoformat()
    report["duration_s"] = round(time.perf_counter() - t0, 1)
    report["status"] = "interrupted" if interrupted else "failed" if report["errors"] else "ok"
    report["exit_code"] = interrupted.exit_code if interrupted else EXIT_FAILED if report["errors"] else EXIT_OK
    reports.mkdir(parents=True, exist_ok=True)
    path = reports / f"{report['run_id']}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, indent=1, default=str))
    tmp.replace(path)  # a report is whole or absent
    report["report_path"] = str(path)
    return report
