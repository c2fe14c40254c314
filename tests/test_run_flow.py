"""What `make run` runs (`kb demo`): the app's port checked before any crawl; the sample's
sources kept apart from the user's; a second crawl of the sample site after one of its
outlets edited an article, so that Edited articles has an entry."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kb.config import Settings
from kb.ops.sample_site import load_edits, serve
from tests.conftest import ROOT, SAMPLE_SITE, SAMPLE_SOURCES

CANALYS = "http://techwire.example/2025/01/smartphone-shipments-2024-canalys.html"
ENV = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")


def kb_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kb.cli", *args], env=ENV, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def busy_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def test_make_run_refuses_a_busy_port_before_it_crawls(busy_port, tmp_path):
    warc = tmp_path / "warc"
    done = kb_cli(
        "demo", "--ui-port", str(busy_port), "--warc-dir", str(warc), "--db", str(tmp_path / "kb.duckdb"), timeout=60
    )
    assert done.returncode == 1, done.stdout + done.stderr
    message = " ".join(done.stderr.split())  # rich wraps long lines
    assert f"port {busy_port} on 127.0.0.1 is not free" in message
    assert "make run PORT=" in message and "--ui-port" in message
    assert "crawling" not in done.stdout and not warc.exists()


def test_kb_ui_refuses_a_busy_port_in_one_line(busy_port, tmp_path):
    done = kb_cli("ui", "--port", str(busy_port), "--db", str(tmp_path / "kb.duckdb"), timeout=60)
    assert done.returncode == 1
    assert f"port {busy_port} on 127.0.0.1 is not free" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr


def test_make_passes_port_to_the_app():
    dry = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed-stamp", "run", "ui", "PORT=8555"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "demo --ui-port 8555" in dry and "ui --port 8555" in dry
    shown = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "PORT=" in next(line for line in shown.splitlines() if line.split()[1:2] == ["run"])


def test_the_users_sources_are_not_the_samples():
    """`make crawl` / `make nightly` read data/sources.toml: it lists none of the sample's
    fictional hosts, and they do not go through the sample site server."""
    users = ROOT / "data" / "sources.toml"
    assert tomllib.loads(users.read_text()).get("source") is None  # comments and an example only
    assert Settings().sample_sources == SAMPLE_SOURCES != users
    sample = tomllib.loads(SAMPLE_SOURCES.read_text())["source"]
    assert {s["name"] for s in sample} == {"TechWire Asia", "Byte Beacon", "The Silicon Herald", "Data Dispatch"}
    dry = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed-stamp", "crawl", "nightly"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--sample-site" not in dry and ".example" not in dry


def test_the_edited_sample_site_serves_the_edit_and_a_newer_lastmod():
    import http.client

    s = Settings()
    edits = load_edits(s.sample_edits, SAMPLE_SITE)
    assert len(edits) == 3  # the article, its sitemap entry and its feed item

    def get(port: int, url: str) -> bytes:
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        con.request("GET", url)
        return con.getresponse().read()

    plain, _, p1 = serve(SAMPLE_SITE)
    edited, _, p2 = serve(SAMPLE_SITE, edits=s.sample_edits)
    try:
        assert b"6.4%" in get(p1, CANALYS) and b"6.4%" not in get(p2, CANALYS) and b"6.8%" in get(p2, CANALYS)
        assert b"2025-01-16T11:00" in get(p1, "http://techwire.example/sitemap.xml")
        assert b"2025-01-17T09:00" in get(p2, "http://techwire.example/sitemap.xml")
        assert get(p1, "http://techwire.example/about.html") == get(p2, "http://techwire.example/about.html")
    finally:
        plain.shutdown()
        edited.shutdown()


def test_an_edit_that_no_longer_applies_is_an_error(tmp_path):
    bad = tmp_path / "edits.toml"
    bad.write_text(f'[[edit]]\nurl = "{CANALYS}"\nreplace = [["growth of 99%", "growth of 98%"]]\n')
    with pytest.raises(ValueError, match="0 times, not once"):
        load_edits(bad, SAMPLE_SITE)


@pytest.mark.integration
def test_make_run_shows_an_edited_article(tmp_path: Path):
    """`kb demo --no-ui` (make run without the app): crawl, re-crawl after the edit, ingest;
    the edits read API (the Edited articles page) then lists the edited article."""
    from kb.api import KB

    db = tmp_path / "kb.duckdb"
    done = kb_cli("demo", "--no-ui", "--port", "0", "--warc-dir", str(tmp_path / "warc"), "--db", str(db), timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    printed = " ".join(done.stdout.split())
    assert "re-crawl after an outlet edited an article: fetched" in printed and "1 article changed" in printed
    assert "edits: 1 article(s) changed since their last capture" in printed
    assert "DEBUG" not in done.stderr and "leaked semaphore" not in done.stderr
    edits = KB(Settings(db=db)).edits()
    assert [e.url for e in edits] == [CANALYS]
    assert edits[0].claims_changed + edits[0].claims_removed >= 1
