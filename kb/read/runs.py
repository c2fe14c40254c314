"""For the operator: what the last crawl and ingest runs did, and each source's health."""

from __future__ import annotations

import json

import duckdb

from kb.read.types import CrawlRun, CrawlStatus, IngestRun, SourceHealth
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
    return CrawlStatus(
        crawls=[CrawlRun(*r) for r in crawls],
        ingests=[IngestRun(r[0], r[1], r[2], json.loads(r[3] or "{}")) for r in ingests],
        sources=[SourceHealth(src, a, c, last, sk, by_source.get(src, {})) for src, a, c, last, sk in per_source],
    )
