"""The crawler's reach: a source's scope is the scheme, host and port of its own URLs, and
connections to loopback, private, link-local and metadata addresses are refused unless the
source itself is on such an address or its settings allow it (``allow_private``); checked
after name resolution and on every redirect. The real spider (subprocess) against servers on
free loopback ports; the internal service on the other port records every request it gets."""

from __future__ import annotations

import contextlib
import json
import os
import threading

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.sources import Source, SourcesError, load_sources
from kb.ops.crawl import crawl
from tests.mockserver import PUBLIC, REACH_PATHS, ReachOutletServer, RecordingServer

FAST = {
    "AUTOTHROTTLE_START_DELAY": "0.01",
    "AUTOTHROTTLE_MAX_DELAY": "0.2",
    "DOWNLOAD_DELAY": "0",
    "RETRY_TIMES": "0",
    "DOWNLOAD_TIMEOUT": "3",
    "LOG_LEVEL": "WARNING",
}
PROXY_VARS = (
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
)


@contextlib.contextmanager
def _no_ambient_proxy():
    """The crawl sees only the proxy the test gives it (none, or the outlet)."""
    saved = {k: os.environ.pop(k) for k in PROXY_VARS if k in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def _serve(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _archived(warc_dir) -> dict[str, str]:
    out = {}
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type in ("response", "revisit"):
                    out[rec.rec_headers.get_header("WARC-Target-URI")] = rec.http_headers.get_statuscode()
    return out


def _crawl(base, toml: str, internal: RecordingServer, proxy: str | None = None, settings=None) -> dict:
    base.mkdir(parents=True, exist_ok=True)
    (base / "sources.toml").write_text(toml)
    before = len(internal.requests)
    with _no_ambient_proxy():
        summary = crawl(
            base / "sources.toml", [], base / "warc", proxy=proxy, settings={**FAST, **(settings or {})}, quiet=True
        )
    return {
        "summary": summary,
        "stats": summary["stats"],
        "archived": _archived(base / "warc"),
        "hits": internal.requests[before:],
    }


@pytest.fixture(scope="module")
def internal():
    server = _serve(RecordingServer())
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def local_source(tmp_path_factory, internal):
    """A source on 127.0.0.1:A (no proxy) whose page links to, feed lists, and redirects
    (302 and meta refresh) to 127.0.0.1:B and localhost:B, where the internal service is."""
    b = internal.server_address[1]
    targets = [f"http://127.0.0.1:{b}", f"http://localhost:{b}"]
    outlet = _serve(ReachOutletServer(targets))
    a = outlet.server_address[1]
    try:
        run = _crawl(
            tmp_path_factory.mktemp("local"),
            f'[[source]]\nname = "Local"\nstart_pages = ["http://127.0.0.1:{a}/"]\n'
            f'feeds = ["http://127.0.0.1:{a}/feed.xml"]\n',
            internal,
        )
    finally:
        outlet.shutdown()
    return {**run, "a": a, "b": b, "targets": targets}


@pytest.fixture(scope="module")
def public_source(tmp_path_factory, internal):
    """A public source (``public.example``, reached through the outlet as an HTTP proxy that
    can also reach this machine's loopback) that sends the crawler to 127.0.0.1:B and
    localhost:B. Both are in its scope: the bare hosts (the old host-only scope) and the
    origins with port B (the new scope), so only the address check stands in the way."""
    b = internal.server_address[1]
    targets = [f"http://127.0.0.1:{b}", f"http://localhost:{b}"]
    outlet = _serve(ReachOutletServer(targets))
    try:
        run = _crawl(
            tmp_path_factory.mktemp("public"),
            f'[[source]]\nname = "Public"\nstart_pages = ["http://{PUBLIC}/"]\nfeeds = ["http://{PUBLIC}/feed.xml"]\n'
            f'allowed_domains = ["{PUBLIC}", "127.0.0.1", "localhost", "http://127.0.0.1:{b}", "http://localhost:{b}"]\n',
            internal,
            proxy=f"http://127.0.0.1:{outlet.server_address[1]}",
        )
    finally:
        outlet.shutdown()
    return {**run, "b": b, "targets": targets}


def test_source_on_loopback_never_reaches_another_local_port(local_source):
    """Same host, other port: out of the source's scope. Links and feed items are skipped at
    discovery, the redirects refused before anything is sent (not even robots.txt)."""
    run, b = local_source, local_source["b"]
    assert run["hits"] == [], f"the internal service on port {b} was asked for {run['hits']}"
    assert not [u for u in run["archived"] if f":{b}/" in u], run["archived"]
    st = run["stats"]
    redirected = {t + p for t in run["targets"] for p in (REACH_PATHS[2], REACH_PATHS[3])}  # 302 and meta refresh
    assert st.get("kb/refused/out_of_scope") == len(redirected)
    assert set(st["kb/refused_urls/out_of_scope"]) == redirected
    assert st.get("kb/skipped/offsite") == len(run["targets"])  # the feed's items on port B
    assert run["summary"]["refused_by_reason"] == {"out_of_scope": len(redirected)}
    assert run["summary"]["failed"] == 0, "a refusal is not a failure"


def test_source_on_loopback_still_crawls_its_own_origin(local_source):
    """The source is on 127.0.0.1, so loopback is allowed for it: on its own origin."""
    run, a = local_source, local_source["a"]
    own = f"http://127.0.0.1:{a}"
    assert run["archived"].get(f"{own}/article") == "200"
    assert run["archived"].get(f"{own}/") == "200" and run["archived"].get(f"{own}/feed.xml") == "200"
    assert "kb/refused/private_address" not in run["stats"], "allowed: the source itself is on loopback"
    assert run["summary"]["refused"] == run["stats"]["kb/refused/out_of_scope"]


def test_public_source_is_refused_a_loopback_address_in_its_scope(public_source):
    """127.0.0.1:B listed in the public source's scope: links, feed items and redirects to it
    are refused by address (the proxy itself, also on 127.0.0.1, is the operator's choice)."""
    run, b = public_source, public_source["b"]
    assert run["hits"] == [], f"the internal service on port {b} was asked for {run['hits']}"
    assert not [u for u in run["archived"] if f":{b}/" in u], run["archived"]
    refused = set(run["stats"]["kb/refused_urls/private_address"])
    assert {f"http://127.0.0.1:{b}{p}" for p in REACH_PATHS} <= refused
    assert run["archived"].get(f"http://{PUBLIC}/article") == "200", "the public source itself is crawled"


def test_public_source_is_refused_a_name_resolving_to_loopback(public_source):
    """``localhost`` resolves to 127.0.0.1 here: refused like the address itself."""
    run, b = public_source, public_source["b"]
    assert not [h for h in run["hits"] if h[0].startswith("localhost")]
    assert {f"http://localhost:{b}{p}" for p in REACH_PATHS} <= set(run["stats"]["kb/refused_urls/private_address"])
    assert run["stats"]["kb/refused/private_address"] == 2 * len(REACH_PATHS)


def test_public_redirect_to_loopback_is_refused_on_the_redirect(public_source):
    """``http://public.example/redirect/0`` answers 302 to 127.0.0.1:B: the redirect is
    checked like any request and refused; nothing of the chain is archived, nothing failed."""
    run, b = public_source, public_source["b"]
    assert f"http://127.0.0.1:{b}{REACH_PATHS[2]}" in run["stats"]["kb/refused_urls/private_address"]
    assert f"http://{PUBLIC}/redirect/0" not in run["archived"]
    assert run["summary"]["failed"] == 0 and run["summary"]["refused_by_reason"] == {"private_address": 8}


def test_allow_private_lets_an_operator_reach_a_listed_private_origin(tmp_path, internal):
    """``allow_private = true`` lets a public source reach private addresses in its scope;
    it does not widen the scope (localhost:B, not listed, stays out)."""
    b = internal.server_address[1]
    outlet = _serve(ReachOutletServer([f"http://127.0.0.1:{b}", f"http://localhost:{b}"]))
    try:
        run = _crawl(
            tmp_path,
            f'[[source]]\nname = "Intranet"\nstart_pages = ["http://{PUBLIC}/"]\nfeeds = ["http://{PUBLIC}/feed.xml"]\n'
            f'allowed_domains = ["{PUBLIC}", "http://127.0.0.1:{b}"]\nallow_private = true\n',
            internal,
            proxy=f"http://127.0.0.1:{outlet.server_address[1]}",
        )
    finally:
        outlet.shutdown()
    assert sorted(p for h, p in run["hits"] if h == f"127.0.0.1:{b}") == sorted(["/robots.txt", *REACH_PATHS])
    assert not [h for h in run["hits"] if h[0] != f"127.0.0.1:{b}"], run["hits"]
    for p in REACH_PATHS:
        assert run["archived"].get(f"http://127.0.0.1:{b}{p}") == "200"
    assert "kb/refused/private_address" not in run["stats"]
    assert set(run["stats"]["kb/refused_urls/out_of_scope"]) == {
        f"http://localhost:{b}{p}" for p in (REACH_PATHS[2], REACH_PATHS[3])
    }


def test_connections_are_checked_again_by_the_resolver(tmp_path, internal):
    """The second line: every connection goes through a resolver that checks the address it
    is about to use (so a name that passed the request check and then resolves to 127.0.0.1,
    DNS rebinding, is still refused). It fails closed: with the request check switched off,
    nothing reaches a private address it was not told to allow, not even the source on
    127.0.0.1, and each refusal is counted."""
    from crawler import settings as crawler_settings

    b = internal.server_address[1]
    outlet = _serve(ReachOutletServer([f"http://localhost:{b}"]))
    a = outlet.server_address[1]
    middlewares = {**crawler_settings.DOWNLOADER_MIDDLEWARES, "crawler.middlewares.ReachMiddleware": None}
    try:
        run = _crawl(
            tmp_path,
            f'[[source]]\nname = "Local"\nstart_pages = ["http://127.0.0.1:{a}/", "http://localhost:{b}/direct"]\n',
            internal,
            settings={"DOWNLOADER_MIDDLEWARES": json.dumps(middlewares), "ROBOTSTXT_OBEY": "False"},
        )
    finally:
        outlet.shutdown()
    assert outlet.requests == [] and run["hits"] == [], (outlet.requests, run["hits"])
    assert run["archived"] == {}
    assert set(run["stats"]["kb/refused_urls/private_address"]) == {
        f"http://127.0.0.1:{a}/",
        f"http://localhost:{b}/direct",
    }
    assert run["summary"]["refused_by_reason"] == {"private_address": 2} and run["summary"]["failed"] == 0


# -- the rules themselves -------------------------------------------------------------------
def test_scope_is_scheme_host_and_port():
    s = Source(
        name="s",
        start_pages=("http://news.example/",),
        allowed_domains=("news.example", "https://secure.news.example:8443"),
    )
    assert s.allows("http://news.example/a") and s.allows("http://www.news.example:80/a")
    assert not s.allows("http://news.example:8080/a"), "another port"
    assert not s.allows("https://news.example/a"), "another scheme"
    assert s.allows("https://secure.news.example:8443/x"), "an origin listed explicitly"
    assert not s.allows("https://secure.news.example/x") and not s.allows("https://a.secure.news.example:8443/")
    assert not s.allows("http://evil.example@news.example/a"), "credentials in a URL: never"
    local = Source(name="l", start_pages=("http://127.0.0.1:8001/",), allowed_domains=("127.0.0.1",))
    assert local.allows("http://127.0.0.1:8001/x") and not local.allows("http://127.0.0.1:8002/x")


def test_sources_file_reach_settings(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text('[[source]]\nname = "x"\nstart_pages = ["http://127.0.0.1:9000/"]\nallow_private = true\n')
    (src,) = load_sources(f)
    assert src.allow_private and src.allowed_domains == ("127.0.0.1",)
    f.write_text('[[source]]\nname = "x"\nstart_pages = ["http://a.example/"]\nallow_private = "yes"\n')
    with pytest.raises(SourcesError, match="allow_private must be true or false"):
        load_sources(f)
    f.write_text('[[source]]\nname = "x"\nstart_pages = ["http://a.example/"]\nallowed_domains = ["a.example:8080"]\n')
    with pytest.raises(SourcesError, match="http://a.example:8080"):
        load_sources(f)
    f.write_text(
        '[[source]]\nname = "x"\nstart_pages = ["http://a.example/"]\nallowed_domains = ["http://a.example/p"]\n'
    )
    with pytest.raises(SourcesError, match="origin"):
        load_sources(f)


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.1", "loopback"),
        ("2130706433", "loopback"),
        ("0x7f000001", "loopback"),
        ("0177.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("localhost", "loopback"),
        ("api.localhost", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fd12::1", "private"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("2002:7f00:1::", "loopback"),
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
        ("news.example", None),
    ],
)
def test_address_kinds(host, kind):
    from crawler.reach import host_kind

    found = host_kind(host)
    assert (found[0] if found else None) == kind
