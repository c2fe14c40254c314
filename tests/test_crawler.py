"""The real spider in a subprocess against local servers: the sample site, and a hostile
outlet. Never touches the internet."""

from __future__ import annotations

import hashlib
import threading

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.sources import SourcesError, load_sources
from kb.errors import BadInput
from kb.ops.crawl import crawl
from tests.conftest import SAMPLE_SITE, SAMPLE_SOURCES
from tests.mockserver import HOST, HostileServer

FAST = {
    "AUTOTHROTTLE_START_DELAY": "0.01",
    "AUTOTHROTTLE_MAX_DELAY": "0.2",
    "DOWNLOAD_DELAY": "0",
    "RETRY_TIMES": "0",
    "DOWNLOAD_TIMEOUT": "1",
    "DOWNLOAD_MAXSIZE": str(1024 * 1024),
    "DOWNLOAD_WARNSIZE": str(512 * 1024),
    "LOG_LEVEL": "WARNING",
}


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    sources = base / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "Hostile"\nstart_pages = ["http://{HOST}/"]\nallowed_domains = ["{HOST}"]\n'
    )
    server = HostileServer(("127.0.0.1", 0), SAMPLE_SITE)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        summary = crawl(sources, [], base / "warc", proxy=f"http://127.0.0.1:{server.server_address[1]}", settings=FAST)
    finally:
        server.shutdown()
    return base, summary


def _records(warc_dir):
    out = []
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "response":
                    out.append((rec.rec_headers, rec.http_headers, rec.content_stream().read()))
    return out


def test_crawler_survives_hostile_endpoints(hostile_crawl):
    _, s = hostile_crawl
    assert s["finish_reason"] == "finished"
    reasons = s["failed_by_reason"]
    assert reasons.get("timeout", 0) >= 1  # /slow
    assert reasons.get("dropped", 0) >= 1  # /drop
    # /huge and the gzip bomb are cut at the size limit; on a loaded machine the 1 s timeout
    # can fire first, which is an equally bounded failure
    assert reasons.get("too_large", 0) >= 1
    assert reasons.get("too_large", 0) + reasons.get("timeout", 0) >= 3
    assert s["failed"] == sum(reasons.values())
    assert s["http_errors"] >= 2  # 500 and 404 are archived and counted
    assert s["skipped_robots"] >= 1  # /private/


def test_crawler_archives_responses_with_provenance(hostile_crawl):
    base, s = hostile_crawl
    records = _records(base / "warc")
    by_url = {h.get_header("WARC-Target-URI"): (h, http, body) for h, http, body in records}
    h, http, body = by_url[f"http://{HOST}/article"]
    assert h.get_header("WARC-KB-Requested-URI") == f"http://{HOST}/redirect"
    assert h.get_header("WARC-KB-Source") == "Hostile"
    assert h.get_header("WARC-KB-Payload-SHA256") == hashlib.sha256(body).hexdigest()
    assert http.get_statuscode() == "200" and b"Orbis Research" in body
    assert by_url[f"http://{HOST}/error500"][1].get_statuscode() == "500"
    assert f"http://{HOST}/badcharset" in by_url
    assert f"http://{HOST}/private/secret.html" not in by_url
    assert not list((base / "warc").glob("*.open"))
    assert s["bytes"] == sum(len(b) for _, _, b in records)


def test_crawler_sample_site_once_each(tmp_path):
    from kb.ops import sample_site

    server, _, port = sample_site.serve(SAMPLE_SITE)
    try:
        s = crawl(SAMPLE_SOURCES, [], tmp_path / "warc", proxy=f"http://127.0.0.1:{port}", settings=FAST)
    finally:
        server.shutdown()
    urls = [h.get_header("WARC-Target-URI") for h, _, _ in _records(tmp_path / "warc")]
    assert len(urls) == len(set(urls))  # the dupe filter: every URL fetched once
    import json

    manifest = json.loads((SAMPLE_SITE / "manifest.json").read_text())
    assert {a["url"] for a in manifest["articles"]} <= set(urls)
    assert s["skipped_robots"] == len(manifest["hidden"])
    assert s["failed"] == 0


def test_crawler_sources_file_errors_are_clear(tmp_path):
    bad = tmp_path / "s.toml"
    bad.write_text("[[source]]\nname = 'x'\nfeeds = 'not a list'\n")
    with pytest.raises(SourcesError, match="feeds must be a list"):
        load_sources(bad)
    bad.write_text("this is not toml = = =")
    with pytest.raises(SourcesError, match="not valid TOML"):
        load_sources(bad)
    with pytest.raises(SourcesError, match="no such sources file"):
        load_sources(tmp_path / "missing.toml")
    with pytest.raises(BadInput):
        crawl(tmp_path / "missing.toml", [], tmp_path / "warc")


def test_crawler_recovers_warc_left_open_by_a_killed_crawl(tmp_path):
    """A killed crawl leaves a half-written ``.open`` file; the next crawl renames it so
    ingest reads its complete records."""
    from kb.ingest.warc import read_captures
    from kb.ops import sample_site
    from tests.conftest import fixture_pages
    from tests.warcs import write_warc

    warc_dir = tmp_path / "warc"
    full = write_warc(tmp_path / "full.warc.gz", fixture_pages())
    data = full.read_bytes()
    orphan = warc_dir / "crawl-20250101T000000-999999-00001.warc.gz.open"  # pid 999999: not running
    warc_dir.mkdir()
    orphan.write_bytes(data[: int(len(data) * 0.8)])
    server, _, port = sample_site.serve(SAMPLE_SITE)
    try:
        sources = tmp_path / "s.toml"
        sources.write_text('[[source]]\nname = "TW"\nstart_pages = ["http://techwire.example/about.html"]\n')
        s = crawl(sources, [], warc_dir, proxy=f"http://127.0.0.1:{port}", settings=FAST)
    finally:
        server.shutdown()
    recovered = warc_dir / "crawl-20250101T000000-999999-00001.recovered.warc.gz"
    assert recovered.exists() and not orphan.exists()
    assert s["stats"]["kb/warc/recovered_files"] == 1
    assert 1 <= len(list(read_captures(recovered))) < len(fixture_pages())


def test_crawler_host_asking_to_back_off_for_too_long_is_left_alone_for_the_run(tmp_path):
    """One host answers 503 + Retry-After: 3600 (over RETRY_AFTER_MAX) to everything but its
    robots.txt; another outlet is fine. The busy host gets its robots.txt and one more
    request: its other queued URLs are dropped, not requested, and counted; the fine outlet
    is crawled completely; the next run asks the busy host again (once)."""
    import json

    from tests.mockserver import BUSY, FaultServer

    sources = tmp_path / "sources.toml"  # three discovery URLs for the busy host, queued at the start
    sources.write_text(
        f'[[source]]\nname = "Busy"\nfeeds = ["http://{BUSY}/feed.xml"]\n'
        f'sitemaps = ["http://{BUSY}/sitemap.xml"]\nstart_pages = ["http://{BUSY}/"]\n'
        '[[source]]\nname = "TechWire Asia"\nfeeds = ["http://techwire.example/feed.xml"]\n'
        'sitemaps = ["http://techwire.example/sitemap.xml"]\nstart_pages = ["http://techwire.example/"]\n'
        'allowed_domains = ["techwire.example"]\n'
    )
    server = FaultServer(("127.0.0.1", 0), SAMPLE_SITE)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy, settings = f"http://127.0.0.1:{server.server_address[1]}", {**FAST, "RETRY_TIMES": "2"}
    try:
        first = crawl(sources, [], tmp_path / "warc", proxy=proxy, settings=settings, quiet=True)
        hits_first = dict(server.hits)
        second = crawl(sources, [], tmp_path / "warc", proxy=proxy, settings=settings, quiet=True)
        hits_second = dict(server.hits)
    finally:
        server.shutdown()

    def pages(hits: dict) -> int:
        return sum(n for k, n in hits.items() if k.startswith(BUSY) and k != f"{BUSY}/robots.txt")

    assert hits_first[f"{BUSY}/robots.txt"] == 1
    assert pages(hits_first) == 1, f"the busy host was asked {pages(hits_first)} times: {hits_first}"
    st = first["stats"]
    assert st["kb/retry_after/too_long"] == 1 and st["kb/retry_after/host_given_up"] == 1
    assert st["kb/retry_after/skipped"] == 2 and st[f"kb/backed_off/{BUSY}"] == 2  # the other two discovery URLs
    assert "ignored" not in first["failed_by_reason"], "a skip is not a failure"
    archived = {h.get_header("WARC-Target-URI"): http.get_statuscode() for h, http, _ in _records(tmp_path / "warc")}
    assert [s for u, s in archived.items() if BUSY in u] == ["503"], "the one answer is archived, as it was"
    manifest = json.loads((SAMPLE_SITE / "manifest.json").read_text())
    fine = {a["url"] for a in manifest["articles"] if a["url"].startswith("http://techwire.example/")}
    assert fine and all(archived.get(u) == "200" for u in fine), "the other outlet is crawled completely"
    from kb.cli.crawl import render_nightly_report  # what the nightly report says about it
    from kb.ops.nightly import crawl_report

    report = {
        "run_id": "r",
        "status": "ok",
        "duration_s": 0,
        "exit_code": 0,
        "errors": [],
        "crawl": crawl_report(first),
    }
    busy = report["crawl"]["backed_off_hosts"][BUSY]
    assert busy["not_requested"] == 2 and "503 with Retry-After 3600s" in busy["why"]
    assert sorted(busy["urls"]) == sorted(
        f"http://{BUSY}{p}" for p in ("/", "/feed.xml", "/sitemap.xml") if hits_first.get(f"{BUSY}{p}", 0) == 0
    ), "the URLs not requested"
    assert f"backing us off: {busy['why']}; left alone for this run (2 URLs not requested" in render_nightly_report(
        report
    )
    assert pages(hits_second) - pages(hits_first) == 1, "the next run asks the busy host again, once"
    assert second["stats"]["kb/retry_after/host_given_up"] == 1


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("CannotResolveHostError", "dns"),
        ("DownloadConnectionRefusedError", "refused"),
        ("DownloadTimeoutError", "timeout"),
    ],
)
def test_crawler_failure_reasons_of_scrapys_own_errors(error, reason):
    """Scrapy 2.19 raises its own exceptions for DNS, refused and timed-out connections: they
    are counted under the documented reasons, not the exception's class name."""
    import scrapy.exceptions
    from twisted.python.failure import Failure

    from crawler.spiders.news import failure_reason

    assert failure_reason(Failure(getattr(scrapy.exceptions, error)("x"))) == reason


def test_crawler_failure_reason_of_a_failed_tls_handshake():
    """Scrapy 2.19 wraps Twisted's ResponseNeverReceived([Failure(SSL.Error)]) in a
    DownloadFailedError that keeps the original only as its cause: still ``tls``, not ``dropped``."""
    from OpenSSL import SSL
    from scrapy.exceptions import DownloadFailedError
    from twisted.python.failure import Failure
    from twisted.web._newclient import ResponseNeverReceived

    from crawler.spiders.news import failure_reason

    never = ResponseNeverReceived([Failure(SSL.Error([("SSL routines", "", "wrong version number")]))])
    try:
        raise DownloadFailedError(str(never)) from never
    except DownloadFailedError:
        assert failure_reason(Failure()) == "tls"
    assert failure_reason(Failure(DownloadFailedError("connection lost"))) == "dropped"
