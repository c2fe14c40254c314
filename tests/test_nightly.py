"""kb nightly: the lock, the exit status a scheduler sees, the report."""

from __future__ import annotations

import pytest

from kb.nightly import EXIT_FAILED, NightlyBusy, nightly, run_lock


def test_nightly_lock_stops_a_second_run(tmp_path):
    lock = tmp_path / "nightly.lock"
    with run_lock(lock):
        with pytest.raises(NightlyBusy, match="another nightly run holds"):
            nightly(tmp_path / "sources.toml", tmp_path / "warc", tmp_path / "kb.duckdb", tmp_path / "reports", lock=lock)
    with run_lock(lock):  # released: a killed holder's flock goes with its process
        pass


def test_nightly_failure_is_reported_and_exits_nonzero(tmp_path):
    r = nightly(tmp_path / "missing.toml", tmp_path / "warc", tmp_path / "kb.duckdb", tmp_path / "reports")
    assert r["exit_code"] == EXIT_FAILED and r["status"] == "failed"
    assert any(e.startswith("crawl:") and "does not exist" in e for e in r["errors"])
    assert (tmp_path / "reports" / f"{r['run_id']}.json").exists()
