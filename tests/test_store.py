from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from kb.errors import DatabaseLocked, DatabaseMissing, SchemaTooNew
from kb.store.connection import SCHEMA_VERSION, Store, extension_path, load_extension
from kb.store.writer import record_crawl_run


def test_store_creates_schema_once(fresh_db):
    store = Store(fresh_db)
    store.init()
    store.init()
    with store.read() as con:
        versions = [r[0] for r in con.execute("SELECT version FROM schema_info ORDER BY 1").fetchall()]
        assert versions == list(range(1, SCHEMA_VERSION + 1))
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {
        "captures",
        "articles",
        "entities",
        "mentions",
        "claims",
        "figures",
        "clusters",
        "contradictions",
        "crawl_runs",
    } <= tables


def test_store_read_missing_db_says_what_to_do(fresh_db):
    with pytest.raises(DatabaseMissing, match="kb ingest") as exc:
        with Store(fresh_db).read():
            pass
    assert str(exc.value).startswith("[KB001]")


def test_store_refuses_newer_schema(fresh_db):
    Store(fresh_db).init()
    con = duckdb.connect(str(fresh_db))
    con.execute("INSERT INTO schema_info VALUES (?, now(), 'future')", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(SchemaTooNew, match="upgrade kb"):
        with Store(fresh_db).read():
            pass
    with pytest.raises(SchemaTooNew):
        Store(fresh_db).init()


def test_store_extensions_load_offline_from_package(fresh_db):
    for name in ("fts", "vss"):
        assert extension_path(name).is_file()
    Store(fresh_db).init()
    with Store(fresh_db).write() as con:  # both load from the pinned packages and work, offline
        load_extension(con, "fts")
        load_extension(con, "vss")
        con.execute("CREATE TABLE t (id INTEGER, s VARCHAR); INSERT INTO t VALUES (1, 'cooling water'), (2, 'chips')")
        con.execute("PRAGMA create_fts_index('t', 'id', 's')")
        assert con.execute(
            "SELECT id FROM (SELECT id, fts_main_t.match_bm25(id, 'water') AS s FROM t) WHERE s IS NOT NULL"
        ).fetchall() == [(1,)]
        assert (
            con.execute("SELECT array_cosine_distance([1.0, 0.0]::FLOAT[2], [1.0, 0.0]::FLOAT[2])").fetchone()[0] == 0.0
        )


def _hold_write_lock(db, seconds: float) -> subprocess.Popen:
    code = textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(db)!r})
        con.execute("BEGIN TRANSACTION")
        print("locked", flush=True)
        time.sleep({seconds})
        con.execute("COMMIT")
        con.close()
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_store_reader_gives_up_with_clear_error_while_writer_holds_lock(fresh_db):
    Store(fresh_db).init()
    proc = _hold_write_lock(fresh_db, 3)
    try:
        with pytest.raises(DatabaseLocked, match="locked"):
            with Store(fresh_db, lock_timeout=0.3).read():
                pass
    finally:
        proc.wait()


def test_store_reader_retries_until_writer_lets_go(fresh_db):
    Store(fresh_db).init()
    proc = _hold_write_lock(fresh_db, 1.0)
    t0 = time.monotonic()
    with Store(fresh_db, lock_timeout=20).read() as con:
        assert con.execute("SELECT count(*) FROM claims").fetchone() == (0,)
    assert time.monotonic() - t0 >= 0.5
    proc.wait()


def test_store_crawl_run_recorded_idempotently(fresh_db):
    store = Store(fresh_db)
    summary = {
        "run_id": "r1",
        "fetched": 10,
        "skipped_robots": 1,
        "failed": 2,
        "bytes": 1234,
        "warc_files": ["a.warc.gz"],
        "duration_s": 1.5,
    }
    record_crawl_run(store, summary)
    record_crawl_run(store, summary)
    with store.read() as con:
        assert con.execute("SELECT run_id, fetched, skipped_robots, failed FROM crawl_runs").fetchall() == [
            ("r1", 10, 1, 2)
        ]


def test_store_migrates_an_older_database_in_place(fresh_db):
    """A schema-1 file (as an earlier kb wrote it) is upgraded on first write; rows survive."""
    from importlib import resources

    sql = resources.files("kb.store.migrations").joinpath("001_initial.sql").read_text()
    con = duckdb.connect(str(fresh_db))
    con.execute(sql)
    con.execute("CREATE TABLE schema_info (version INTEGER, applied_at TIMESTAMPTZ, kb_version VARCHAR)")
    con.execute("INSERT INTO schema_info VALUES (1, now(), 'old')")
    con.execute("INSERT INTO entities VALUES (1, 'PERSON:elon musk', 'Elon Musk', 'PERSON', ['Musk'])")
    con.close()
    with Store(fresh_db).read() as con:  # a reader migrates an older file before reading
        assert con.execute("SELECT max(version) FROM schema_info").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("SELECT name, aliases FROM entities").fetchall() == [("Elon Musk", ["Musk"])]
        assert con.execute("SELECT count(*) FROM entity_roles").fetchone()[0] == 0
        con.execute("SELECT published_confidence FROM articles").fetchall()


def test_schema_5_marks_versions_stored_before_it_as_superseded(fresh_db):
    """Versions stored by a schema-4 kb (linked only by previous_version) get superseded_by."""
    from importlib import resources

    con = duckdb.connect(str(fresh_db))
    for name in (
        "001_initial.sql",
        "002_roles_and_date_confidence.sql",
        "003_figure_subject_and_year.sql",
        "004_fact_tracking.sql",
    ):
        con.execute(resources.files("kb.store.migrations").joinpath(name).read_text())
    con.execute("CREATE TABLE schema_info (version INTEGER, applied_at TIMESTAMPTZ, kb_version VARCHAR)")
    con.execute("INSERT INTO schema_info VALUES (4, now(), 'old')")
    for aid, prev in ((1, None), (2, 1), (3, 2), (4, None)):
        con.execute(
            "INSERT INTO articles (article_id, capture_id, url, canonical_url, text, text_sha256, extractor, "
            "pipeline_version, previous_version, ingested_at) VALUES (?, ?, ?, ?, 't', ?, 'x', 'p', ?, now())",
            [
                aid,
                aid,
                "http://a.example/x" if aid < 4 else "http://a.example/y",
                "http://a.example/x",
                f"sha{aid}",
                prev,
            ],
        )
    con.close()
    with Store(fresh_db).read() as con:
        rows = con.execute("SELECT article_id, superseded_by FROM articles ORDER BY 1").fetchall()
        assert con.execute("SELECT count(*) FROM version_diffs").fetchone()[0] == 0
    assert rows == [(1, 2), (2, 3), (3, None), (4, None)]


# -- what a Store will open (issue 22): nothing created or changed when it refuses ---------------
def _tables(path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return sorted(r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall())


def test_store_takes_an_empty_new_file(tmp_path):
    """A zero-byte file (``touch``, ``mktemp``) and an empty DuckDB file both become a kb database."""
    zero = tmp_path / "zero.duckdb"
    zero.write_bytes(b"")
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    for path in (zero, empty):
        Store(path).init()
        assert "schema_info" in _tables(path) and "claims" in _tables(path)


@pytest.mark.parametrize("kind", ["text", "sqlite", "folder"])
def test_store_refuses_what_is_not_a_duckdb_file(tmp_path, kind):
    import sqlite3

    from kb.errors import NotADatabase

    path = tmp_path / "x.db"
    if kind == "text":
        path.write_text("hello\n")
    elif kind == "sqlite":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    else:
        path.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    for attempt in (Store(path).init, lambda: Store(path).read(keep=False).__enter__()):
        with pytest.raises(NotADatabase, match="not a DuckDB database") as exc:
            attempt()
        assert str(exc.value).startswith("[KB006]")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("marker", ["none", "someone_elses_schema_info", "empty_schema_info"])
def test_store_refuses_another_applications_duckdb_file(tmp_path, marker):
    """Tables without our schema marker (schema_info with kb's versions) belong to someone
    else: no table is added, no byte changes."""
    from kb.errors import ForeignDatabase

    path = tmp_path / "theirs.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE orders (id INTEGER)")
        if marker == "someone_elses_schema_info":
            con.execute("CREATE TABLE schema_info (name VARCHAR, value VARCHAR)")
        elif marker == "empty_schema_info":
            con.execute("CREATE TABLE schema_info (version INTEGER, applied_at TIMESTAMPTZ, kb_version VARCHAR)")
    tables, data = _tables(path), path.read_bytes()
    with pytest.raises(ForeignDatabase, match="orders") as exc:
        Store(path).init()
    assert str(exc.value).startswith("[KB007]")
    with pytest.raises(ForeignDatabase):
        with Store(path).read(keep=False):
            pass
    assert _tables(path) == tables and path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs.duckdb"]
