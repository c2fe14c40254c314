"""Fault injection: the real spider (subprocess) against a hostile server (subprocess,
free loopback port). Each case asserts what happened and the counter that recorded it, and
adds a row to the results table written to ``tests/artifacts/faults.md``
(case | expected | observed | counter | result)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from kb.ops.crawl import crawl
from tests.conftest import SAMPLE_SITE
from tests.mockserver import BUSY, FAULTS, GONE_ROBOTS, NOROBOTS

pytestmark = pytest.mark.integration
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ROWS: list[tuple[str, ...]] = []

FAST = {
    "AUTOTHROTTLE_START_DELAY": "0.01",
    "AUTOTHROTTLE_MAX_DELAY": "0.2",
    "DOWNLOAD_DELAY": "0",
    "RETRY_TIMES": "1",
    "DOWNLOAD_TIMEOUT": "2",
    "DOWNLOAD_MAXSIZE": str(1024 * 1024),
    "DOWNLOAD_WARNSIZE": str(512 * 1024),
    "REDIRECT_MAX_TIMES": "3",
    "LOG_LEVEL": "WARNING",
}


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.mockserver", str(SAMPLE_SITE), "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    port = int(proc.stdout.readline())
    proxy = f"http://127.0.0.1:{port}"
    sources = base / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "Faults"\nfeeds = ["http://{FAULTS}/feed.xml", "http://{FAULTS}/broken.xml"]\n'
        f'sitemaps = ["http://{FAULTS}/sitemap.xml"]\nallowed_domains = ["{FAULTS}"]\n'
        f'[[source]]\nname = "NoRobots"\nstart_pages = ["http://{NOROBOTS}/a.html"]\n'
        f'[[source]]\nname = "GoneRobots"\nstart_pages = ["http://{GONE_ROBOTS}/a.html"]\n'
        f'[[source]]\nname = "Busy"\nfeeds = ["http://{BUSY}/feed.xml"]\nstart_pages = ["http://{BUSY}/"]\n'
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy}))

    def hits() -> dict:
        return json.loads(opener.open(f"http://{FAULTS}/__hits", timeout=5).read())

    def times() -> dict:
        return json.loads(opener.open(f"http://{FAULTS}/__times", timeout=5).read())

    try:
        first = crawl(sources, [], base / "warc", proxy=proxy, settings=FAST, quiet=True)
        hits_first, times_first = hits(), times()
        second = crawl(sources, [], base / "warc", proxy=proxy, settings=FAST, quiet=True)
        opener.open(f"http://{FAULTS}/__bump", timeout=5).read()
        third = crawl(sources, [], base / "warc", proxy=proxy, settings=FAST, quiet=True)
        yield {
            "base": base,
            "first": first,
            "second": second,
            "third": third,
            "hits_first": hits_first,
            "times_first": times_first,
            "hits": hits(),
        }
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module", autouse=True)
def results_table():
    """Write the results table once the module's cases ran (pass or fail)."""
    ROWS.clear()
    yield
    if not ROWS:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    lines = ["| case | expected | observed | counter | result |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(c.replace("|", "/") for c in r) + " |" for r in ROWS]
    (ARTIFACTS / "faults.md").write_text("\n".join(lines) + "\n")


def check(case: str, expected: str, observed: str, counter: str, ok: bool) -> None:
    """One row of the table; fails the test when the case did not behave."""
    ROWS.append((case, expected, observed, counter, "pass" if ok else "FAIL"))
    assert ok, f"{case}: expected {expected}; observed {observed}; {counter}"


def _gap(times: dict, key: str) -> float:
    t = times.get(key, [])
    return t[1] - t[0] if len(t) >= 2 else 0.0


def _records(warc_dir, summary) -> list:
    out = []
    for path in summary["warc_files"]:
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type in ("response", "revisit"):
                    out.append(
                        (
                            rec.rec_type,
                            rec.rec_headers.get_header("WARC-Target-URI"),
                            rec.http_headers.get_statuscode(),
                            rec.content_stream().read(),
                        )
                    )
    return out


def _urls(records, kind="response") -> dict:
    return {u: (status, body) for t, u, status, body in records if t == kind}


@pytest.fixture(scope="module")
def first(faults) -> dict:
    """What the first crawl did: its summary, stats, failures by reason, requests the server
    counted (and when), and the archived responses by URL."""
    s = faults["first"]
    return {
        "summary": s,
        "st": s["stats"],
        "reasons": s["failed_by_reason"],
        "hits": faults["hits_first"],
        "times": faults["times_first"],
        "got": _urls(_records(faults["base"], s)),
    }


# each case of the first crawl: (case, expected, observed, counter, ok), from what `first` recorded


def _retry_after(path: str, status: str, wait: str):
    def case(f: dict) -> tuple[str, str, str, str, bool]:
        st, hits, times, got = f["st"], f["hits"], f["times"], f["got"]
        honoured, max_reached = st.get("kb/retry_after/honoured", 0), st.get("retry/max_reached", 0)
        n, gap = hits.get(f"{FAULTS}{path}", 0), _gap(times, f"{FAULTS}{path}")
        archived = got.get(f"http://{FAULTS}{path}", ("-",))[0]
        # 503 / 429 with Retry-After (seconds, HTTP-date): retried once (RETRY_TIMES=1) after the
        # delay asked for, then archived as the error it is
        return (
            f"{status} Retry-After: {wait}",
            "2 hits >= 0.9 s apart, archived as the error",
            f"{n} hits {gap:.1f} s apart, archived {archived}",
            f"kb/retry_after/honoured={honoured} (all three), retry/max_reached={max_reached}",
            n == 2 and gap >= 0.9 and archived == status and honoured == 3 and max_reached >= 3,
        )

    return case


def _retry_after_too_long(f: dict):
    st, hits, got = f["st"], f["hits"], f["got"]
    n = sum(v for k, v in hits.items() if k.startswith(BUSY) and k != f"{BUSY}/robots.txt")
    busy = sorted(status for u, (status, _) in got.items() if BUSY in u)
    too_long, given_up, skipped = (st.get(f"kb/retry_after/{k}", 0) for k in ("too_long", "host_given_up", "skipped"))
    return (
        "503 Retry-After: 3600 (> RETRY_AFTER_MAX 60), 2 URLs of that host",
        "1 hit, archived; host given up for this run, its other URL not requested",
        f"{n} hit(s), archived {busy}",
        f"kb/retry_after/too_long={too_long}, host_given_up={given_up}, skipped={skipped}",
        n == 1 and busy == ["503"] and too_long == 1 and given_up == 1 and skipped == 1,
    )


def _stalled(f: dict):
    reasons, got = f["reasons"], f["got"]
    return (
        "stalled server (4 s, timeout 2 s)",
        "given up, not archived",
        f"archived: {f'http://{FAULTS}/stall' in got}",
        f"kb/failed/timeout={reasons.get('timeout', 0)}",
        reasons.get("timeout", 0) >= 1 and f"http://{FAULTS}/stall" not in got,
    )


def _dropped(f: dict):
    reasons, got = f["reasons"], f["got"]
    return (
        "partial body / dropped connection",
        "not archived",
        f"archived: {f'http://{FAULTS}/partial' in got}",
        f"kb/failed/dropped={reasons.get('dropped', 0)}",
        reasons.get("dropped", 0) >= 1 and f"http://{FAULTS}/partial" not in got,
    )


def _redirect_loop(f: dict):
    reasons, hits, got = f["reasons"], f["hits"], f["got"]
    loop_hits = hits.get(f"{FAULTS}/loop", 0) + hits.get(f"{FAULTS}/loop2", 0)
    return (
        "redirect loop /loop -> /loop2 -> /loop",
        "refused when it comes back, nothing archived",
        f"{loop_hits} hits, archived: {any('/loop' in u for u in got)}",
        f"kb/failed/redirect_loop={reasons.get('redirect_loop', 0)}",
        reasons.get("redirect_loop", 0) == 1 and loop_hits == 2 and not any("/loop" in u for u in got),
    )


def _redirect_chain(f: dict):
    reasons, hits, got = f["reasons"], f["hits"], f["got"]
    chain_hits = sum(v for k, v in hits.items() if k.startswith(f"{FAULTS}/chain/"))
    return (
        "endless redirect chain /chain/0 -> /chain/1 -> ...",
        "stopped at REDIRECT_MAX_TIMES=3, nothing archived",
        f"{chain_hits} hits, archived: {any('/chain/' in u for u in got)}",
        f"kb/failed/too_many_redirects={reasons.get('too_many_redirects', 0)}",
        reasons.get("too_many_redirects", 0) == 1 and chain_hits == 4 and not any("/chain/" in u for u in got),
    )


def _too_large(f: dict):
    reasons, got = f["reasons"], f["got"]
    big = [u for u in (f"http://{FAULTS}/brbomb", f"http://{FAULTS}/big50") if u in got]
    return (
        "brotli bomb (60 MB of zeros), 50 MB page",
        "cut at DOWNLOAD_MAXSIZE 1 MB, not archived",
        f"archived: {big or 'neither'}",
        f"kb/failed/too_large={reasons.get('too_large', 0)}",
        reasons.get("too_large", 0) == 2 and not big,
    )


def _wrong_charset(f: dict):
    st, got = f["st"], f["got"]
    latin = got.get(f"http://{FAULTS}/latin1", ("-", b""))
    return (
        "wrong charset (cp1252 bytes labelled utf-8)",
        "archived byte for byte, counted",
        f"archived {latin[0]}, cp1252 euro byte kept: {chr(0x20AC).encode('cp1252') in latin[1]}",
        f"kb/charset/mismatch={st.get('kb/charset/mismatch', 0)}",
        "\u20ac".encode("cp1252") in latin[1] and st.get("kb/charset/mismatch", 0) == 1,
    )


def _broken_feed(f: dict):
    st, got = f["st"], f["got"]
    return (
        "feed with broken XML",
        "recoverable link followed, crawl goes on",
        f"/ok archived {got.get(f'http://{FAULTS}/ok', ('-',))[0]}",
        f"kb/feed/broken_xml={st.get('kb/feed/broken_xml', 0)}",
        st.get("kb/feed/broken_xml", 0) == 1 and got.get(f"http://{FAULTS}/ok", ("-",))[0] == "200",
    )


def _sitemap_offsite(f: dict):
    st, got = f["st"], f["got"]
    return (
        "sitemap pointing off-domain",
        "off-domain URL never requested",
        f"requested: {any('elsewhere.example' in u for u in got)}",
        f"kb/skipped/offsite={st.get('kb/skipped/offsite', 0)}",
        st.get("kb/skipped/offsite", 0) == 1 and not any("elsewhere.example" in u for u in got),
    )


def _robots_sitemap(f: dict):
    st, hits, got = f["st"], f["hits"], f["got"]
    from_robots = got.get(f"http://{FAULTS}/from-robots", ("-",))[0]
    return (
        "robots.txt Sitemap: line",
        "sitemap read, its article archived",
        f"sitemap hits {hits.get(f'{FAULTS}/robots-sitemap.xml', 0)}, /from-robots archived {from_robots}",
        f"kb/discovered/robots_sitemap={st.get('kb/discovered/robots_sitemap', 0)}",
        st.get("kb/discovered/robots_sitemap", 0) == 1 and from_robots == "200",
    )


def _robots_sitemap_offsite(f: dict):
    st, got = f["st"], f["got"]
    return (
        "robots.txt Sitemap: line off-domain",
        "refused, never requested",
        f"requested: {any('elsewhere.example' in u for u in got)}",
        f"kb/robots/sitemap_offsite={st.get('kb/robots/sitemap_offsite', 0)}",
        st.get("kb/robots/sitemap_offsite", 0) == 1,
    )


def _robots_500(f: dict):
    st, got = f["st"], f["got"]
    norobots = f"http://{NOROBOTS}/a.html" in got
    return (
        "robots.txt answers 500",
        "whole host disallowed for the run (RFC 9309)",
        f"page archived: {norobots}",
        f"kb/robots/unreachable_disallow_all={st.get('kb/robots/unreachable_disallow_all', 0)}, "
        f"robotstxt/forbidden={st.get('robotstxt/forbidden', 0)}",
        st.get("kb/robots/unreachable_disallow_all", 0) == 1 and st.get("robotstxt/forbidden", 0) == 1 and not norobots,
    )


def _robots_404(f: dict):
    st, got = f["st"], f["got"]
    gone = f"http://{GONE_ROBOTS}/a.html" in got
    return (
        "robots.txt answers 404",
        "everything allowed (RFC 9309)",
        f"page archived: {gone}",
        f"kb/robots/unavailable_allow_all={st.get('kb/robots/unavailable_allow_all', 0)}",
        st.get("kb/robots/unavailable_allow_all", 0) == 1 and gone,
    )


FIRST_CRAWL_CASES = [
    pytest.param(_retry_after("/e503", "503", "1"), id="503-retry-after-seconds"),
    pytest.param(_retry_after("/e429", "429", "1"), id="429-retry-after-seconds"),
    pytest.param(_retry_after("/e503date", "503", "date +2 s"), id="503-retry-after-http-date"),
    pytest.param(_retry_after_too_long, id="retry-after-too-long-gives-up-host"),
    pytest.param(_stalled, id="stalled-server-times-out"),
    pytest.param(_dropped, id="dropped-connection"),
    pytest.param(_redirect_loop, id="redirect-loop"),
    pytest.param(_redirect_chain, id="endless-redirect-chain"),
    pytest.param(_too_large, id="brotli-bomb-and-huge-page"),
    pytest.param(_wrong_charset, id="wrong-charset"),
    pytest.param(_broken_feed, id="feed-with-broken-xml"),
    pytest.param(_sitemap_offsite, id="sitemap-off-domain"),
    pytest.param(_robots_sitemap, id="robots-sitemap-line"),
    pytest.param(_robots_sitemap_offsite, id="robots-sitemap-line-off-domain"),
    pytest.param(_robots_500, id="robots-500-disallows-host"),
    pytest.param(_robots_404, id="robots-404-allows-all"),
]


@pytest.mark.parametrize("case", FIRST_CRAWL_CASES)
def test_faults_first_crawl_survives(first, case):
    check(*case(first))


def test_faults_first_crawl_finishes(first):
    assert first["summary"]["finish_reason"] == "finished"


def test_faults_first_crawl_counts_every_failure_under_a_reason(first):
    s, reasons = first["summary"], first["reasons"]
    assert s["failed"] == sum(reasons.values())
    # the cases above fail at least: timeout, dropped, redirect loop, too many redirects, 2 x too large
    assert s["failed"] >= 6


def test_faults_second_crawl_skips_what_is_captured(faults):
    s = faults["second"]
    st = s["stats"]
    recs = _records(faults["base"], s)
    # the feed, the sitemap and the start page are re-read (revisits: same bytes); articles are skipped
    refetched = [u for t, u, *_ in recs if t == "response" and u.endswith(("/ok", "/etag", "/latin1", "/from-robots"))]
    check(
        "second crawl, nothing changed",
        "captured articles skipped, feed/sitemaps re-read as revisits",
        f"articles re-archived: {refetched or 'none'}",
        f"kb/skipped/already_captured={st.get('kb/skipped/already_captured', 0)}, "
        f"kb/revisit/identical-payload-digest={st.get('kb/revisit/identical-payload-digest', 0)}, "
        f"kb/conditional/sent={st.get('kb/conditional/sent', 0)}",
        st.get("kb/skipped/already_captured", 0) >= 4
        and not refetched
        and st.get("kb/revisit/identical-payload-digest", 0) >= 1
        and st.get("kb/conditional/sent", 0) == 0,
    )


@pytest.fixture(scope="module")
def third(faults) -> dict:
    """The third crawl, after the feed said its items changed (``/__bump``)."""
    s = faults["third"]
    recs = _records(faults["base"], s)
    return {"st": s["stats"], "revisits": _urls(recs, "revisit"), "responses": _urls(recs)}


def test_faults_changed_lastmod_sends_conditional_request_and_304_is_a_revisit(third):
    st, revisits = third["st"], third["revisits"]
    check(
        "feed says items changed; /etag answers 304",
        "conditional requests; 304 -> revisit record",
        f"/etag revisit {revisits.get(f'http://{FAULTS}/etag', ('-',))[0]}",
        f"kb/conditional/sent={st.get('kb/conditional/sent', 0)}, "
        f"kb/revisit/server-not-modified={st.get('kb/revisit/server-not-modified', 0)}",
        st.get("kb/conditional/sent", 0) >= 3
        and st.get("kb/revisit/server-not-modified", 0) == 1
        and revisits.get(f"http://{FAULTS}/etag", ("-",))[0] == "304",
    )


def test_faults_changed_lastmod_with_identical_bytes_is_a_revisit_not_a_new_capture(third):
    # /ok has no ETag and the same bytes: a revisit too, never a new capture
    st, revisits, responses = third["st"], third["revisits"], third["responses"]
    check(
        "changed lastmod, identical bytes (/ok)",
        "revisit record, not a new capture",
        f"revisit: {f'http://{FAULTS}/ok' in revisits}, new capture: {f'http://{FAULTS}/ok' in responses}",
        f"kb/revisit/identical-payload-digest={st.get('kb/revisit/identical-payload-digest', 0)}",
        f"http://{FAULTS}/ok" in revisits and f"http://{FAULTS}/ok" not in responses,
    )


def test_faults_user_agent_names_the_project_and_a_contact():
    from crawler import settings

    assert "newsclaims-kb" in settings.USER_AGENT and settings.KB_CONTACT_URL in settings.USER_AGENT
    assert settings.CONCURRENT_REQUESTS_PER_DOMAIN == 1
    assert settings.RETRY_AFTER_MAX == 60
