"""The read instance a process keeps open between reads (kb/readpool.py): reused, and out of
the way of writers in other processes and in this one."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from kb.store import readpool
from kb.store.connection import Store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kb.duckdb"
    with Store(path).write() as con:
        con.execute("CREATE TABLE notes (n INTEGER)")
        con.execute("INSERT INTO notes VALUES (1)")
    yield path
    readpool.close_all()


def _count(path) -> int:
    with Store(path).read() as con:
        return con.execute("SELECT count(*) FROM notes").fetchone()[0]


def _write_in_other_process(path, timeout: float) -> subprocess.CompletedProcess:
    code = textwrap.dedent(f"""
        from kb.store.connection import Store
        with Store({str(path)!r}, lock_timeout={timeout}).write() as con:
            con.execute("INSERT INTO notes VALUES (2)")
        print("wrote")
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_reads_reuse_one_instance(db):
    opened = []
    store = Store(db)
    real = store._open_read
    store._open_read = lambda: opened.append(1) or real()
    for _ in range(5):
        with store.read() as con:
            assert con.execute("SELECT count(*) FROM notes").fetchone() == (1,)
    assert len(opened) == 1
    with store.read(keep=False) as con:  # opt out: a connection of its own
        assert con.execute("SELECT count(*) FROM notes").fetchone() == (1,)
    assert len(opened) == 2


def test_another_process_can_write_while_this_one_keeps_the_file_open(db):
    assert _count(db) == 1  # this process now keeps a read instance open, idle
    done = _write_in_other_process(db, timeout=15)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "wrote" in done.stdout
    assert _count(db) == 2  # the next read sees the write (a fresh instance)
    assert not readpool.flag_path(db).exists()


def test_a_writer_waits_for_a_read_in_flight_then_gets_in(db):
    with Store(db).read() as con:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                textwrap.dedent(f"""
            from kb.store.connection import Store
            with Store({str(db)!r}, lock_timeout=15).write() as con:
                con.execute("INSERT INTO notes VALUES (2)")
        """),
            ],
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while not readpool.writer_waiting(db) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert readpool.writer_waiting(db)
        # the read in flight still works: the instance is not closed under it
        assert con.execute("SELECT count(*) FROM notes").fetchone() == (1,)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()[-2000:]
    assert _count(db) == 2


def test_a_write_in_this_process_after_reads(db):
    assert _count(db) == 1
    with Store(db).write() as con:  # DuckDB refuses this while a read-only instance is open
        con.execute("INSERT INTO notes VALUES (3)")
    assert _count(db) == 2


def test_a_file_replaced_under_the_same_path_is_read_anew(db, tmp_path):
    assert _count(db) == 1
    other = tmp_path / "other.duckdb"
    with Store(other).write() as con:
        con.execute("CREATE TABLE notes (n INTEGER)")
        con.execute("INSERT INTO notes VALUES (1), (2), (3)")
    os.replace(other, db)
    assert _count(db) == 3


def test_a_stale_flag_from_a_killed_writer_is_ignored(db):
    flag = readpool.flag_path(db)
    flag.write_text("999999")
    old = time.time() - readpool.STALE_S - 1
    os.utime(flag, (old, old))
    t0 = time.monotonic()
    assert _count(db) == 1
    assert _count(db) == 1
    assert time.monotonic() - t0 < readpool.DEFER_S  # did not wait for a writer that is gone
    assert readpool._key(db) in readpool._KEPT


def test_reads_from_many_threads_at_once(db):
    errors, counts = [], []

    def reader():
        try:
            for _ in range(20):
                counts.append(_count(db))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert counts == [1] * 80
