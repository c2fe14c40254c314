"""What the knowledge base holds, in counts (``kb stats``, the app's overview)."""

from __future__ import annotations

import duckdb

from kb.read.types import KBStats
from kb.store.connection import scalar
from kb.store.schema import current_article


def stats(con: duckdb.DuckDBPyConnection) -> KBStats:
    def one(sql: str) -> int:
        return scalar(con, sql)

    return KBStats(
        captures=one("SELECT count(*) FROM captures"),
        articles=one(f"SELECT count(*) FROM articles a WHERE {current_article('a')}"),
        earlier_versions=one("SELECT count(*) FROM articles WHERE superseded_by IS NOT NULL"),
        duplicates=one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        sources=one("SELECT count(DISTINCT source) FROM articles"),
        claims=one("SELECT count(*) FROM claims"),
        figures=one("SELECT count(*) FROM figures"),
        entities=one("SELECT count(*) FROM entities"),
        mentions=one("SELECT count(*) FROM mentions"),
        crawl_runs=one("SELECT count(*) FROM crawl_runs"),
        ingest_runs=one("SELECT count(*) FROM ingest_runs"),
        claims_by_kind=dict(con.execute("SELECT kind, count(*) FROM claims GROUP BY 1 ORDER BY 2 DESC").fetchall()),
        skipped=dict(
            con.execute(
                "SELECT skip_reason, count(*) FROM captures WHERE outcome = 'skipped' GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()
        ),
        top_entities=con.execute(
            "SELECT e.name, e.type, count(*) AS n FROM mentions m JOIN entities e USING (entity_id) "
            "GROUP BY 1, 2 ORDER BY n DESC, 1 LIMIT 10"
        ).fetchall(),
        last_crawl=con.execute(
            "SELECT run_id, fetched, skipped_robots, failed, bytes, duration_s FROM crawl_runs "
            "ORDER BY finished_at DESC LIMIT 1"
        ).fetchone(),
    )


def sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        r[0] for r in con.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1").fetchall()
    ]
