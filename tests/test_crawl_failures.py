"""Failures that must not look like success: hosts that do not resolve (``*.invalid``, RFC
2606), a refused port and a TLS handshake that fails are failures counted by reason per
source, never robots.txt skips (their robots.txt could not be fetched either); a source
that fetched nothing is a warning naming it; a run that fetched nothing fails (``kb crawl``
and ``kb nightly`` exit 1 with the reason). The real spider in a subprocess, no internet."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading

import pytest

from kb.ops.nightly import EXIT_FAILED, nightly
from tests.conftest import ROOT
from tests.mockserver import RecordingServer
from tests.test_crawler_scope import FAST, _no_ambient_proxy

pytestmark = pytest.mark.integration


def _closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on: bound, then closed (connections are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live():
    """A plain-HTTP server on 127.0.0.1 that answers everything (robots.txt allows all)."""
    server = RecordingServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def _dead_sources(live_port: int) -> str:
    return (
        '[[source]]\nname = "Nowhere News"\nfeeds = ["http://nowhere-news.invalid/feed.xml"]\n'
        'start_pages = ["http://nowhere-news.invalid/"]\n\n'
        f'[[source]]\nname = "Closed Port"\nstart_pages = ["http://127.0.0.1:{_closed_port()}/"]\n\n'
        # TLS spoken to a plain-HTTP server: the handshake fails
        f'[[source]]\nname = "Bad TLS"\nstart_pages = ["https://127.0.0.1:{live_port}/"]\n'
    )


def _kb(args: list[str]) -> subprocess.CompletedProcess:
    """``kb`` as a user runs it (its entry point turns a KBError into one line and exit 1)."""
    settings = [a for k, v in FAST.items() for a in ("--set", f"{k}={v}")]
    with _no_ambient_proxy():
        env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    return subprocess.run(
        [sys.executable, "-m", "kb.cli", *args, *settings], env=env, capture_output=True, text=True, timeout=300
    )


def test_crawl_dead_hosts_are_failures_by_reason_and_the_run_fails(tmp_path, live):
    (tmp_path / "sources.toml").write_text(_dead_sources(live))
    res = _kb(["crawl", "--sources", str(tmp_path / "sources.toml"), "--warc-dir", str(tmp_path / "warc"),
               "--db", str(tmp_path / "kb.duckdb")])  # fmt: skip
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr, "a dead host is a warning with its reason, not a traceback"
    assert "[KB020] nothing was fetched from any source: failed 4 (dns 2, refused 1, tls 1)" in res.stderr
    (path,) = (tmp_path / "warc").glob("*.summary.json")
    s = json.loads(path.read_text())
    assert s["skipped_robots"] == 0, "a dead host's robots.txt is no robots.txt skip"
    assert s["failed_by_reason"].get("dns", 0) >= 2  # the feed and the start page
    assert s["failed_by_reason"].get("refused", 0) >= 1
    assert s["failed_by_reason"].get("tls", 0) >= 1
    assert s["failed"] == sum(s["failed_by_reason"].values())
    by_source = s["by_source"]
    assert by_source["Nowhere News"]["fetched"] == 0 and by_source["Nowhere News"]["failed"] == {"dns": 2}
    assert set(by_source["Closed Port"]["failed"]) == {"refused"}
    assert set(by_source["Bad TLS"]["failed"]) == {"tls"}
    for name in ("Nowhere News", "Closed Port", "Bad TLS"):
        assert f"warning source {name!r} fetched nothing" in res.stderr


def test_crawl_a_dead_source_beside_a_live_one_is_a_warning(tmp_path, live):
    (tmp_path / "sources.toml").write_text(
        f'[[source]]\nname = "Live Local"\nstart_pages = ["http://127.0.0.1:{live}/"]\n\n'
        '[[source]]\nname = "Nowhere News"\nstart_pages = ["http://nowhere-news.invalid/"]\n'
    )
    res = _kb(["crawl", "--sources", str(tmp_path / "sources.toml"), "--warc-dir", str(tmp_path / "warc"),
               "--db", str(tmp_path / "kb.duckdb")])  # fmt: skip
    assert res.returncode == 0, res.stderr
    warnings = [line for line in res.stderr.splitlines() if line.startswith("warning")]
    assert warnings == ["warning source 'Nowhere News' fetched nothing: failed 1 (dns 1)"], res.stderr
    (path,) = (tmp_path / "warc").glob("*.summary.json")
    s = json.loads(path.read_text())
    assert s["by_source"]["Live Local"]["fetched"] >= 1 and not s["by_source"]["Live Local"]["failed"]


def test_nightly_with_every_source_dead_fails_with_the_reason(tmp_path, live):
    (tmp_path / "sources.toml").write_text(_dead_sources(live))
    with _no_ambient_proxy():
        r = nightly(
            tmp_path / "sources.toml",
            tmp_path / "warc",
            tmp_path / "kb.duckdb",
            tmp_path / "reports",
            crawl_settings=FAST,
        )
    assert r["exit_code"] == EXIT_FAILED and r["status"] == "failed", r
    (error,) = [e for e in r["errors"] if e.startswith("crawl:")]
    assert "nothing was fetched" in error and "dns" in error and "refused" in error and "tls" in error
    assert len(r["warnings"]) == 3 and any("Nowhere News" in w for w in r["warnings"])
    assert r["crawl"]["skipped_robots"] == 0
