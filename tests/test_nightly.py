"""kb nightly: the lock, the exit status a scheduler sees, the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.ops.nightly import EXIT_FAILED, NightlyBusy, nightly, run_lock


def test_nightly_lock_stops_a_second_run(tmp_path):
    lock = tmp_path / "nightly.lock"
    with run_lock(lock):
        with pytest.raises(NightlyBusy, match="another nightly run holds"):
            nightly(
                tmp_path / "sources.toml", tmp_path / "warc", tmp_path / "kb.duckdb", tmp_path / "reports", lock=lock
            )
    with run_lock(lock):  # released: a killed holder's flock goes with its process
        pass


def test_nightly_failure_is_reported_and_exits_nonzero(tmp_path):
    r = nightly(tmp_path / "missing.toml", tmp_path / "warc", tmp_path / "kb.duckdb", tmp_path / "reports")
    assert r["exit_code"] == EXIT_FAILED and r["status"] == "failed"
    assert any(e.startswith("crawl:") and "does not exist" in e for e in r["errors"])
    assert (tmp_path / "reports" / f"{r['run_id']}.json").exists()


@pytest.mark.integration
def test_nightly_sigterm_during_the_crawl_stops_cleanly_and_reports_it(tmp_path):
    """SIGTERM to `kb nightly` (a systemd stop): the crawl child gets one SIGTERM and closes
    its WARC, the report says "interrupted", the exit status is 143, the lock is free."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parent.parent
    warc, reports, lock = tmp_path / "warc", tmp_path / "reports", tmp_path / "nightly.lock"
    cmd = [
        sys.executable,
        "-m",
        "kb.cli",
        "nightly",
        "--sample-site",
        "--sources",
        str(root / "data" / "sample_site_demo" / "sources.toml"),
        "--warc-dir",
        str(warc),
        "--reports",
        str(reports),
        "--lock",
        str(lock),
        "--db",
        str(tmp_path / "kb.duckdb"),
    ]
    proc = subprocess.Popen(
        cmd,
        cwd=root,
        env=dict(os.environ, PYTHONPATH=str(root), HF_HUB_OFFLINE="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None and not list(warc.glob("*.warc.gz.open")):
        time.sleep(0.05)
    assert proc.poll() is None, "the crawl did not start"
    os.kill(proc.pid, signal.SIGTERM)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM, out
    assert "interrupted" in out and "stopped by SIGTERM" in out
    (report,) = reports.glob("nightly-*.json")
    r = json.loads(report.read_text())
    assert r["status"] == "interrupted" and r["exit_code"] == 143 and "ingest" not in r
    assert not list(warc.glob("*.warc.gz.open")), "the crawl child shut down cleanly and closed its WARC"
    assert list(warc.glob("*.summary.json")), "the crawl child wrote its summary"
    with run_lock(lock):  # free again
        pass


def test_stop_on_signals_turns_sigterm_into_interrupted_and_restores_handlers():
    import os
    import signal

    from kb.ops.interrupt import Interrupted, stop_on_signals

    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Interrupted, match="stopped by SIGTERM.*run it again") as info:
        with stop_on_signals("ingest"):
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(10**6):
                pass
    assert info.value.exit_code == 143
    assert signal.getsignal(signal.SIGTERM) is before


def test_stop_on_signals_a_query_interrupted_by_the_signal_is_still_the_stop():
    """DuckDB turns what a handler raises mid-query into RuntimeError("Query interrupted")."""
    import os
    import signal

    from kb.ops.interrupt import Interrupted, stop_on_signals

    with pytest.raises(Interrupted) as info:
        with stop_on_signals("ingest"):
            try:
                os.kill(os.getpid(), signal.SIGINT)
                for _ in range(10**6):
                    pass
            except Interrupted:
                raise RuntimeError("Query interrupted") from None
    assert info.value.exit_code == 130


@pytest.mark.integration
def test_searches_keep_answering_while_an_ingest_writes(tmp_path, sample_db, sample_warc):
    """DuckDB allows one writer process: an ingest in another process holds the file only
    per batch, and a reader retries in between. Every search made while the ingest runs
    answers (with the claims already there), and the ingest finishes as if alone."""
    import os
    import shutil
    import subprocess
    import sys
    import time

    from kb.search.search import search
    from tests.conftest import ROOT, fixture_pages
    from tests.warcs import write_warc

    db = tmp_path / "kb.duckdb"
    shutil.copy(sample_db, db)
    # new captures of new pages: the ingest has real work (batches of 2 = many short write transactions)
    url, body, ctype = fixture_pages()[0]
    pages = [
        (
            url.replace("cooling", f"cooling-{i}"),
            body.replace(b"cooling.html", f"cooling-{i}.html".encode()).replace(
                b"rose 18%", f"rose {20 + i}%".encode()
            ),
            ctype,
        )
        for i in range(12)
    ]
    warc = write_warc(tmp_path / "new.warc.gz", pages)
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kb.cli", "ingest", str(warc), "--db", str(db), "--batch-size", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    answered, during = 0, 0
    try:
        deadline = time.time() + 240
        while proc.poll() is None and time.time() < deadline:
            hits = search("exhausted human knowledge to train AI", db, limit=3)
            assert hits, "a search during the ingest came back empty"
            answered += 1
            during += proc.poll() is None
            time.sleep(0.2)
        _, err = proc.communicate(timeout=240)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-2000:]
    assert during >= 3, f"only {during} searches overlapped the ingest: nothing was tested"
    from kb.store.connection import Store

    with Store(db).read() as con:  # the ingest finished as if alone: every new page stored with its claims
        stored = con.execute(
            "SELECT count(DISTINCT a.url) FROM articles a JOIN claims c USING (article_id) "
            "WHERE a.url LIKE 'http://testwire.example/2025/02/cooling-%'"
        ).fetchone()[0]
    assert stored == 12
