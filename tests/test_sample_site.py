from __future__ import annotations

import gzip
import http.client
import threading

import pytest

from kb.ops.sample_site import SampleSiteServer
from tests.conftest import SAMPLE_SITE


@pytest.fixture(scope="module")
def port():
    server = SampleSiteServer(("127.0.0.1", 0), SAMPLE_SITE)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def get(port, target, headers=None):
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    con.request("GET", target, headers=headers or {})
    resp = con.getresponse()
    return resp.status, dict(resp.getheaders()), resp.read()


def test_sample_site_proxy_form_request(port):
    status, headers, body = get(port, "http://techwire.example/robots.txt")
    assert status == 200 and b"Disallow: /drafts/" in body


def test_sample_site_host_header_dispatch(port):
    status, headers, body = get(port, "/feed.xml", {"Host": "techwire.example"})
    assert status == 200 and headers["Content-Type"] == "application/rss+xml" and b"<rss" in body


def test_sample_site_direct_browsing(port):
    status, _, body = get(port, "/")
    assert status == 200 and b"techwire.example" in body
    status, _, body = get(port, "/techwire.example/")
    assert status == 200 and b"TechWire" in body


@pytest.mark.parametrize(
    "target",
    [
        "http://techwire.example/nope.html",
        "http://techwire.example/../../../etc/passwd",
        "/techwire.example/%2e%2e/%2e%2e/etc/passwd",
    ],
)
def test_sample_site_missing_and_traversal_are_404(port, target):
    assert get(port, target)[0] == 404


def test_sample_site_unknown_proxy_host_is_502(port):
    assert get(port, "http://elsewhere.example/")[0] == 502


def test_sample_site_conditional_requests(port):
    status, headers, _ = get(port, "http://techwire.example/")
    assert get(port, "http://techwire.example/", {"If-None-Match": headers["ETag"]})[0] == 304
    assert get(port, "http://techwire.example/", {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert get(port, "http://techwire.example/", {"If-None-Match": '"other"'})[0] == 200


def test_sample_site_gzip(port):
    status, headers, body = get(port, "http://techwire.example/", {"Accept-Encoding": "gzip"})
    assert headers.get("Content-Encoding") == "gzip"
    assert b"TechWire" in gzip.decompress(body)
