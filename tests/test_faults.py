"""Fault injection: the real spider (subprocess) against a hostile server (subprocess,
free loopback port). Each case asserts what happened and the counter that recorded it."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

import pytest
from warcio.archiveiterator import ArchiveIterator

from kb.crawl import crawl
from tests.conftest import SAMPLE_SITE
from tests.mockserver import FAULTS, GONE_ROBOTS, NOROBOTS

pytestmark = pytest.mark.integration

FAST = {"AUTOTHROTTLE_START_DELAY": "0.01", "AUTOTHROTTLE_MAX_DELAY": "0.2", "DOWNLOAD_DELAY": "0",
        "RETRY_TIMES": "1", "DOWNLOAD_TIMEOUT": "2", "DOWNLOAD_MAXSIZE": str(1024 * 1024),
        "DOWNLOAD_WARNSIZE": str(512 * 1024), "REDIRECT_MAX_TIMES": "3", "LOG_LEVEL": "WARNING"}


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults")
    proc = subprocess.Popen([sys.executable, "-m", "tests.mockserver", str(SAMPLE_SITE), "4"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(proc.stdout.readline())
    proxy = f"http://127.0.0.1:{port}"
    sources = base / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "Faults"\nfeeds = ["http://{FAULTS}/feed.xml", "http://{FAULTS}/broken.xml"]\n'
        f'sitemaps = ["http://{FAULTS}/sitemap.xml"]\nallowed_domains = ["{FAULTS}"]\n'
        f'[[source]]\nname = "NoRobots"\nstart_pages = ["http://{NOROBOTS}/a.html"]\n'
        f'[[source]]\nname = "GoneRobots"\nstart_pages = ["http://{GONE_ROBOTS}/a.html"]\n')
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy}))

    def hits() -> dict:
        return json.loads(opener.open(f"http://{FAULTS}/__hits", timeout=5).read())

    try:
        first = crawl(sources, [], base / "warc", proxy=proxy, settings=FAST, quiet=True)
        hits_first = hits()
        second = crawl(sources, [], base / "warc", proxy=proxy, settings=FAST, quiet=True)
        opener.open(f"http://{FAULTS}/__bump", timeout=5).read()
        third = crawl(sources, [], base / "warc", proxy=proxy, settings=FAST, quiet=True)
        yield {"base": base, "first": first, "second": second, "third": third, "hits_first": hits_first,
               "hits": hits()}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _records(warc_dir, summary) -> list:
    out = []
    for path in summary["warc_files"]:
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type in ("response", "revisit"):
                    out.append((rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI"),
                                rec.http_headers.get_statuscode(), rec.content_stream().read()))
    return out


def _urls(records, kind="response") -> dict:
    return {u: (status, body) for t, u, status, body in records if t == kind}


def test_faults_first_crawl_survives_every_fault(faults):
    s = faults["first"]
    st, reasons = s["stats"], s["failed_by_reason"]
    assert s["finish_reason"] == "finished"
    got = _urls(_records(faults["base"], s))
    # 503 / 429 with Retry-After: retried once (RETRY_TIMES=1), then archived as the error it is
    assert faults["hits_first"][f"{FAULTS}/e503"] == 2 and faults["hits_first"][f"{FAULTS}/e429"] == 2
    assert got[f"http://{FAULTS}/e503"][0] == "503" and got[f"http://{FAULTS}/e429"][0] == "429"
    assert st["retry/max_reached"] >= 2
    # a stalled server: timeout; a partial body: dropped; neither archived
    assert reasons["timeout"] >= 1 and f"http://{FAULTS}/stall" not in got
    assert reasons["dropped"] >= 1 and f"http://{FAULTS}/partial" not in got
    # redirect loop: stopped at REDIRECT_MAX_TIMES, nothing archived
    assert st["redirect/max_reached"] == 1 if "redirect/max_reached" in st else True
    assert not any("/loop" in u for u in got)
    # brotli bomb (60 MB of zeros) and a 50 MB page: cut at DOWNLOAD_MAXSIZE (1 MB)
    assert reasons["too_large"] >= 2
    assert f"http://{FAULTS}/brbomb" not in got and f"http://{FAULTS}/big50" not in got
    # wrong charset: archived byte for byte
    assert "\u20ac".encode("cp1252") in got[f"http://{FAULTS}/latin1"][1]
    # broken feed XML: counted, its recoverable link still followed, the crawl goes on
    assert st["kb/feed/broken_xml"] == 1
    # sitemap pointing off-domain: never fetched, counted
    assert st["kb/skipped/offsite"] == 1 and not any("elsewhere.example" in u for u in got)
    assert got[f"http://{FAULTS}/ok"][0] == "200"
    # robots.txt 500: the whole host disallowed this run; 404: all allowed (RFC 9309)
    assert st["kb/robots/unreachable_disallow_all"] == 1 and f"http://{NOROBOTS}/a.html" not in got
    assert st["kb/robots/unavailable_allow_all"] == 1 and f"http://{GONE_ROBOTS}/a.html" in got
    assert st["robotstxt/forbidden"] == 1
    assert s["failed"] == sum(reasons.values())


def test_faults_second_crawl_skips_what_is_captured(faults):
    s = faults["second"]
    st = s["stats"]
    recs = _records(faults["base"], s)
    # the feed, the sitemap and the start page are re-read (revisits: same bytes); articles are skipped
    assert st["kb/skipped/already_captured"] >= 3  # /ok, /etag, /latin1 (and the GoneRobots page)
    assert not any(u.endswith(("/ok", "/etag", "/latin1")) for t, u, *_ in recs if t == "response")
    assert st.get("kb/revisit/identical-payload-digest", 0) >= 1
    assert st.get("kb/conditional/sent", 0) == 0


def test_faults_changed_lastmod_sends_conditional_request_and_304_is_a_revisit(faults):
    s = faults["third"]
    st = s["stats"]
    recs = _records(faults["base"], s)
    assert st["kb/conditional/sent"] >= 3
    assert st["kb/revisit/server-not-modified"] == 1  # /etag answered 304 to If-None-Match
    revisits = _urls(recs, "revisit")
    assert revisits[f"http://{FAULTS}/etag"][0] == "304"
    # /ok has no ETag and the same bytes: a revisit too, never a new capture
    assert f"http://{FAULTS}/ok" in revisits
    assert f"http://{FAULTS}/ok" not in _urls(recs)


def test_faults_user_agent_names_the_project_and_a_contact():
    from crawler import settings

    assert "newsclaims-kb" in settings.USER_AGENT and settings.KB_CONTACT_URL in settings.USER_AGENT
    assert settings.CONCURRENT_REQUESTS_PER_DOMAIN == 1
