"""For the operator: what the last crawl and ingest runs did, and each source's health."""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from kb.read.types import CrawlProgress, CrawlRun, CrawlStatus, IngestRun, SourceHealth
from kb.store.connection import scalar
from kb.store.schema import current_article


def crawl_status(con: duckdb.DuckDBPyConnection, runs: int = 10) -> CrawlStatus:
    """The last crawl and ingest runs, and per source: articles, claims, last capture, and
    captures skipped or failed by reason."""
    crawls = con.execute(
        "SELECT run_id, started_at, finished_at, duration_s, fetched, articles, skipped_robots, failed, http_errors, "
        "bytes, finish_reason FROM crawl_runs ORDER BY started_at DESC NULLS LAST LIMIT ?",
        [runs],
    ).fetchall()
    ingests = con.execute(
        "SELECT run_id, started_at, finished_at, counters FROM ingest_runs ORDER BY started_at DESC NULLS LAST LIMIT ?",
        [runs],
    ).fetchall()
    per_source = con.execute(f"""
        SELECT coalesce(a.source, cap.source) AS source,
               count(DISTINCT a.article_id) FILTER (WHERE {current_article("a")}) AS articles,
               count(DISTINCT c.claim_id) AS claims, max(cap.fetched_at) AS last_capture,
               count(DISTINCT cap.capture_id) FILTER (WHERE cap.outcome = 'skipped') AS skipped
        FROM captures cap LEFT JOIN articles a ON a.capture_id = cap.capture_id
        LEFT JOIN claims c ON c.article_id = a.article_id
        GROUP BY 1 ORDER BY 1""").fetchall()
    reasons = con.execute(
        "SELECT source, skip_reason, count(*) FROM captures WHERE outcome = 'skipped' GROUP BY 1, 2 ORDER BY 1, 3 DESC"
    ).fetchall()
    by_source: dict[str, dict[str, int]] = {}
    for src, reason, n in reasons:
        by_source.setdefault(src or "unknown", {})[reason or "unknown"] = n
    runs_ = [CrawlRun(*r) for r in crawls]
    for run in runs_:
        run.article_outcomes = article_outcomes(con, run.run_id)
    return CrawlStatus(
        crawls=runs_,
        ingests=[IngestRun(r[0], r[1], r[2], json.loads(r[3] or "{}")) for r in ingests],
        sources=[SourceHealth(src, a, c, last, sk, by_source.get(src, {})) for src, a, c, last, sk in per_source],
        in_progress=crawl_in_progress(con),
    )


log = logging.getLogger(__name__)

STATE_NAME = "crawl-state.sqlite3"  # the crawler's own state file beside its WARC files (crawler/state.py)
_BASENAME = "regexp_extract({}, '[^/]+$')"  # WARC files by name: a summary may list them relative


def article_outcomes(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """What became of the pages crawl ``run_id`` took for articles (its ``articles`` count):
    how many were stored as articles, were copies of a stored page ("duplicate"), turned out
    not to be articles (by skip reason), were unchanged since an earlier crawl ("unchanged",
    archived as revisits) or are not in this database ("not_ingested")."""
    row = con.execute("SELECT articles, warc_files, summary FROM crawl_runs WHERE run_id = ?", [run_id]).fetchone()
    if row is None or not row[0]:
        return {}
    total, files, summary = row[0], row[1] or [], json.loads(row[2] or "{}")
    found = dict(
        con.execute(
            "SELECT CASE WHEN outcome = 'skipped' THEN coalesce(skip_reason, outcome) ELSE outcome END, count(*) "
            f"FROM captures WHERE role = 'article' "
            f"AND {_BASENAME.format('warc_file')} IN (SELECT {_BASENAME.format('f')} FROM unnest(?) AS t(f)) "
            f"GROUP BY 1 ORDER BY 2 DESC",
            [files],
        ).fetchall()
    )
    rest = total - sum(found.values())
    # revisits are not counted by role: at most the pages left over were revisits
    revisits = sum(v for k, v in (summary.get("stats") or {}).items() if k.startswith("kb/revisit/"))
    unchanged = min(max(rest, 0), revisits)
    out = {**found, "unchanged": unchanged, "not_ingested": max(rest - unchanged, 0)}
    return {k: v for k, v in out.items() if v}


def crawl_in_progress(con: duckdb.DuckDBPyConnection) -> CrawlProgress | None:
    """Pages the crawler archived after the newest crawl this database records, read from
    its state file beside the WARC files (``crawl-state.sqlite3``, written as each page is
    archived): a crawl running now, or one that ended but is not recorded yet. The WARC
    folders looked in: those this database's captures and crawls name, and ``warc/`` beside
    the database file (``data/kb.duckdb``, ``data/warc/``: the first crawl, into an empty
    database). None when there is none, or no state file is found."""
    dirs = [
        Path(r[0])
        for r in con.execute(
            "SELECT DISTINCT regexp_replace(f, '/[^/]+$', '') FROM ("
            "  SELECT unnest(warc_files) AS f FROM crawl_runs UNION SELECT warc_file FROM captures) WHERE f LIKE '/%'"
        ).fetchall()
    ]
    db_file = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    if db_file and db_file[0]:
        dirs.append(Path(db_file[0]).resolve().parent / "warc")
    since = scalar(
        con, "SELECT coalesce((SELECT max(finished_at) FROM crawl_runs), (SELECT max(fetched_at) FROM captures))"
    )
    for d in dict.fromkeys(dirs):
        path = d / STATE_NAME
        if not path.is_file():
            continue
        threshold = since.astimezone(UTC).isoformat() if since else ""
        try:
            state = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
            try:
                n, first, latest = state.execute(
                    "SELECT count(*), min(fetched_at), max(fetched_at) FROM seen WHERE fetched_at > ?",
                    [threshold],
                ).fetchone()
            finally:
                state.close()
        except sqlite3.Error as exc:  # being created, or not the crawler's file: no progress to show
            log.info("crawl state %s not readable: %s", path, exc)
            continue
        if n:
            return CrawlProgress(str(path), n, _when(first), _when(latest))
    return None


def _when(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
