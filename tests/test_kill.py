"""kill -9 the real crawler mid-way, re-run it: no article lost, none archived twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from kb.crawl import crawl
from tests.conftest import SAMPLE_SITE

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parent.parent
SLOW = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0.05", "LOG_LEVEL": "WARNING"}


def _responses(warc_dir: Path) -> Counter:
    seen: Counter = Counter()
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            try:
                for rec in ArchiveIterator(fh):
                    if rec.rec_type == "response":
                        seen[rec.rec_headers.get_header("WARC-Target-URI")] += 1
            except Exception:  # a recovered file ends in a torn record: the ones before it count
                pass
    return seen


def test_kill_crawl_with_sigkill_and_rerun_loses_and_duplicates_nothing(tmp_path):
    from kb import sample_site

    server, _, port = sample_site.serve(SAMPLE_SITE)
    warc = tmp_path / "warc"
    sources = SAMPLE_SITE.parent / "sources.toml"
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="crawler.settings", PYTHONPATH=str(ROOT),
               http_proxy=f"http://127.0.0.1:{port}")
    env.pop("no_proxy", None)
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sources={sources}", "-s", f"WARC_DIR={warc}"]
    for k, v in SLOW.items():
        cmd += ["-s", f"{k}={v}"]
    try:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline and sum(_responses_open(warc).values()) < 20:
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert list(warc.glob("*.warc.gz.open")), "the kill should leave a file being written"
        s = crawl(sources, [], warc, proxy=f"http://127.0.0.1:{port}", settings={**SLOW, "DOWNLOAD_DELAY": "0"})
    finally:
        server.shutdown()
    assert s["stats"]["kb/warc/recovered_files"] == 1
    counts = _responses(warc)
    manifest = json.loads((SAMPLE_SITE / "manifest.json").read_text())
    articles = {a["url"] for a in manifest["articles"]}
    assert articles <= set(counts), f"lost: {sorted(articles - set(counts))}"
    assert [u for u in articles if counts[u] > 1] == [], "archived twice"
    assert s["stats"]["kb/skipped/already_captured"] >= 1  # the re-run did not start over


def _responses_open(warc_dir: Path) -> Counter:
    """Response records already flushed to the ``.open`` file (one gzip member per record)."""
    import zlib

    total = 0
    for path in warc_dir.glob("*.open"):
        data = path.read_bytes()
        while data:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                chunk = d.decompress(data)
            except zlib.error:
                break
            if not d.eof:
                break
            total += chunk.count(b"WARC-Type: response")
            data = d.unused_data
    return Counter({"records": total})
