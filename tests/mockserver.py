"""A hostile outlet for crawler tests, served by the sample-site server on loopback:
``hostile.example`` answers slowly, with errors, drops connections, sends huge pages and
a gzip bomb, lies about its charset, and redirects. ``faults.example`` and friends inject
faults (tests/test_faults.py); ``ReachOutletServer`` and ``RecordingServer`` try to send the
crawler to other local ports and private addresses (tests/test_crawler_scope.py)."""

from __future__ import annotations

import gzip
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kb.ops.sample_site import Handler, SampleSiteServer

HOST = "hostile.example"
ARTICLE = (
    b"<html lang='en'><head><meta property='og:type' content='article'><title>Fine page</title></head><body><article>"
    b"<h1>Fine page</h1><p>Analysts at Orbis Research said on Monday that server shipments rose 12% in the quarter, "
    b"driven by demand for AI accelerators in large data centres.</p><p>The firm expects growth of about 8% next year, "
    b"it said in a note to clients, citing orders from cloud providers.</p></article></body></html>"
)
PAGES = [
    "/slow",
    "/error500",
    "/drop",
    "/huge",
    "/bomb",
    "/badcharset",
    "/redirect",
    "/missing",
    "/private/secret.html",
]


class HostileHandler(Handler):
    def _serve(self, head: bool) -> None:
        host, path = self._route()
        if host != HOST:
            return super()._serve(head)
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain", head)
        if path == "/":
            links = "".join(f'<a href="http://{HOST}{p}">{p}</a> ' for p in PAGES)
            return self._send(200, f"<html><body>{links}</body></html>".encode(), "text/html", head)
        if path == "/slow":
            time.sleep(self.server.slow_seconds)
            return self._send(200, ARTICLE, "text/html", head)
        if path == "/error500":
            return self._send(500, b"<html><body>boom</body></html>", "text/html", head)
        if path == "/drop":
            self.close_connection = True
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\npartial")
            self.wfile.flush()
            self.connection.shutdown(2)
            return None
        if path == "/huge":
            return self._send(
                200, b"<html><body>" + b"<p>filler text</p>" * 200_000 + b"</body></html>", "text/html", head
            )
        if path == "/bomb":
            bomb = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(bomb)))
            self.end_headers()
            self.wfile.write(bomb)
            return None
        if path == "/badcharset":
            body = ARTICLE.replace(b"<head>", b"<head><meta charset='utf-8'>").replace(
                b"12%", "12% \u2013 \u20ac5bn".encode("cp1252")
            )
            return self._send(200, body, "text/html; charset=utf-8", head)
        if path == "/redirect":
            self.send_response(302)
            self.send_header("Location", f"http://{HOST}/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if path == "/article":
            return self._send(200, ARTICLE, "text/html", head)
        if path.startswith("/private/"):
            return self._send(200, ARTICLE, "text/html", head)
        return self._send(404, b"<html><body>not here</body></html>", "text/html", head)


class HostileServer(SampleSiteServer):
    slow_seconds = 3.0

    def __init__(self, address, root: Path) -> None:
        super().__init__(address, root)
        self.RequestHandlerClass = HostileHandler
        self.hosts = [*self.hosts, HOST]


# -- the fault-injection outlet (tests/test_faults.py) -------------------------------------
FAULTS = "faults.example"
NOROBOTS = "norobots.example"  # robots.txt answers 500: the whole host is off limits (RFC 9309)
GONE_ROBOTS = "gonerobots.example"  # robots.txt answers 404: everything allowed
BUSY = "busy.example"  # robots.txt fine, every other URL 503 + Retry-After: 3600 (backing us off)
FAULT_PAGES = [
    "/e503",
    "/e429",
    "/e503date",
    "/etag",
    "/loop",
    "/chain/0",
    "/brbomb",
    "/big50",
    "/partial",
    "/latin1",
    "/stall",
    "/ok",
]


def _feed(host: str, paths: list[str], version: str) -> bytes:
    items = "".join(
        f"<item><title>{p}</title><link>http://{host}{p}</link><pubDate>{version}</pubDate></item>" for p in paths
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>f</title>{items}</channel></rss>".encode()


class FaultHandler(HostileHandler):
    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _serve(self, head: bool) -> None:
        host, path = self._route()
        if host not in (FAULTS, NOROBOTS, GONE_ROBOTS, BUSY):
            return super()._serve(head)
        hits = self.server.hits
        hits[f"{host}{path}"] = hits.get(f"{host}{path}", 0) + 1
        self.server.hit_times.setdefault(f"{host}{path}", []).append(time.time())
        if path == "/__bump":  # the feed now says every item changed
            self.server.feed_version = "Tue, 07 Jan 2025 10:00:00 GMT"
            return self._send(200, b"ok", "text/plain", head)
        if path == "/__hits":
            import json

            return self._send(200, json.dumps(hits).encode(), "application/json", head)
        if path == "/__times":  # when each URL was hit (epoch seconds): Retry-After delays
            import json

            return self._send(200, json.dumps(self.server.hit_times).encode(), "application/json", head)
        if host == BUSY:
            if path == "/robots.txt":
                return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain", head)
            return self._send(503, b"overloaded: come back in an hour", "text/plain", head, {"Retry-After": "3600"})
        if host == NOROBOTS:
            if path == "/robots.txt":
                return self._send(500, b"robots broke", "text/plain", head)
            return self._send(200, ARTICLE, "text/html", head)
        if host == GONE_ROBOTS:
            if path == "/robots.txt":
                return self._send(404, b"no robots here", "text/plain", head)
            return self._send(200, ARTICLE, "text/html", head)
        if path == "/robots.txt":  # one Sitemap: line on the site, one off it (refused)
            return self._send(
                200,
                b"User-agent: *\nAllow: /\n\nSitemap: http://faults.example/robots-sitemap.xml\n"
                b"Sitemap: http://elsewhere.example/sitemap.xml\n",
                "text/plain",
                head,
            )
        if path == "/robots-sitemap.xml":
            return self._send(
                200,
                b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                b"<url><loc>http://faults.example/from-robots</loc></url></urlset>",
                "application/xml",
                head,
            )
        if path == "/from-robots":
            return self._send(200, ARTICLE, "text/html", head)
        if path == "/feed.xml":
            return self._send(200, _feed(FAULTS, FAULT_PAGES, self.server.feed_version), "application/rss+xml", head)
        if path == "/broken.xml":
            return self._send(
                200,
                b"<?xml version='1.0'?><rss><channel><item><link>http://faults.example/ok",
                "application/rss+xml",
                head,
            )
        if path == "/sitemap.xml":
            body = (
                b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                b"<url><loc>http://elsewhere.example/steal.html</loc></url>"
                b"<url><loc>http://faults.example/ok</loc></url></urlset>"
            )
            return self._send(200, body, "application/xml", head)
        if path == "/e503":
            return self._send(503, b"busy", "text/plain", head, {"Retry-After": "1"})
        if path == "/e429":
            return self._send(429, b"slow down", "text/plain", head, {"Retry-After": "1"})
        if path == "/e503date":  # Retry-After as an HTTP-date, 2 s ahead
            from email.utils import formatdate

            return self._send(
                503, b"busy", "text/plain", head, {"Retry-After": formatdate(time.time() + 2, usegmt=True)}
            )
        if path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return None
            return self._send(200, ARTICLE, "text/html", head, {"ETag": '"v1"'})
        if path == "/loop":
            return self._redirect(f"http://{FAULTS}/loop2")
        if path == "/loop2":
            return self._redirect(f"http://{FAULTS}/loop")
        if path.startswith("/chain/") and path[7:].isdigit():  # an endless chain of new URLs
            return self._redirect(f"http://{FAULTS}/chain/{int(path[7:]) + 1}")
        if path == "/brbomb":
            import brotli

            bomb = brotli.compress(b"\0" * (60 * 1024 * 1024), quality=5)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "br")
            self.send_header("Content-Length", str(len(bomb)))
            self.end_headers()
            self.wfile.write(bomb)
            return None
        if path == "/big50":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            try:
                chunk = b"<p>" + b"x" * 65530 + b"</p>"
                for _ in range(50 * 1024 * 1024 // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the crawler hung up at its size limit, as it should
            return None
        if path == "/partial":
            self.close_connection = True
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n" + ARTICLE)
            self.wfile.flush()
            self.connection.shutdown(2)
            return None
        if path == "/latin1":
            body = ARTICLE.replace(b"12%", "12% \u2013 caf\u00e9 \u20ac5bn".encode("cp1252"))
            return self._send(200, body, "text/html; charset=utf-8", head)
        if path == "/stall":
            time.sleep(self.server.slow_seconds)
            return self._send(200, ARTICLE, "text/html", head)
        if path == "/ok":
            return self._send(200, ARTICLE, "text/html", head)
        return self._send(404, b"not here", "text/plain", head)


class FaultServer(HostileServer):
    def __init__(self, address, root: Path) -> None:
        super().__init__(address, root)
        self.RequestHandlerClass = FaultHandler
        self.hosts = [*self.hosts, FAULTS, NOROBOTS, GONE_ROBOTS, BUSY]
        self.hits: dict[str, int] = {}
        self.hit_times: dict[str, list[float]] = {}
        self.feed_version = "Mon, 06 Jan 2025 10:00:00 GMT"


# -- the crawler's reach (tests/test_crawler_scope.py) -------------------------------------
PUBLIC = "public.example"  # never resolves here: reached only through ReachOutletServer as a proxy
SECRET = b"<html lang='en'><body><h1>INTERNAL SECRET</h1><p>admin token 0xDEADBEEF</p></body></html>"
REACH_PATHS = ("/secret-link", "/secret-feed", "/secret-redirect", "/secret-refresh")


class RecordingHandler(BaseHTTPRequestHandler):
    """An internal service on another loopback port: answers everything, records every
    request as ``(Host header, path)``."""

    server: RecordingServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:
        self.server.requests.append((self.headers.get("Host", ""), self.path))
        body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else SECRET
        self.send_response(200)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class RecordingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.requests: list[tuple[str, str]] = []


class ReachOutletHandler(BaseHTTPRequestHandler):
    """An outlet that tries to send the crawler elsewhere: its front page links to, its feed
    lists, and its ``/redirect/<i>`` (HTTP 302) and ``/refresh/<i>`` (meta refresh) pages
    send it to each origin in ``server.targets`` (one path per way, ``REACH_PATHS``). Served
    on its own port (``http://127.0.0.1:PORT/``) and, as a forward proxy, as
    ``http://public.example/``; a proxy-form request for a loopback host is forwarded there
    (an egress proxy that can reach the crawler's own machine), any other host gets 502."""

    server: ReachOutletServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html", extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        from urllib.parse import urlsplit

        self.server.requests.append((self.headers.get("Host", ""), self.path))
        if self.path.startswith("http://"):
            parts = urlsplit(self.path)
            if parts.hostname in ("127.0.0.1", "localhost"):
                return self._forward(parts)
            if parts.hostname != PUBLIC:
                return self._send(502, b"no such host", "text/plain")
            base, path = f"http://{PUBLIC}", parts.path or "/"
        else:
            base, path = f"http://127.0.0.1:{self.server.server_address[1]}", urlsplit(self.path).path
        targets = self.server.targets
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if path == "/":
            links = ['<a href="/article">our article</a>']
            links += [f'<a href="{t}{REACH_PATHS[0]}">t{i}</a>' for i, t in enumerate(targets)]
            links += [f'<a href="/redirect/{i}">r{i}</a> <a href="/refresh/{i}">m{i}</a>' for i in range(len(targets))]
            return self._send(200, f"<html><body>{' '.join(links)}</body></html>".encode())
        if path == "/feed.xml":
            items = "".join(
                f"<item><title>x</title><link>{u}</link></item>"
                for u in [f"{base}/article", *(t + REACH_PATHS[1] for t in targets)]
            )
            rss = f"<?xml version='1.0'?><rss version='2.0'><channel><title>f</title>{items}</channel></rss>"
            return self._send(200, rss.encode(), "application/rss+xml")
        if path.startswith("/redirect/"):
            return self._send(302, b"", "text/plain", {"Location": targets[int(path[10:])] + REACH_PATHS[2]})
        if path.startswith("/refresh/"):
            url = targets[int(path[9:])] + REACH_PATHS[3]
            return self._send(
                200, f'<html><head><meta http-equiv="refresh" content="0; url={url}"></head></html>'.encode()
            )
        if path == "/article":
            return self._send(200, ARTICLE)
        return self._send(404, b"not here", "text/plain")

    def _forward(self, parts) -> None:
        import http.client

        conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=5)
        try:
            conn.request("GET", parts.path or "/", headers={"Host": parts.netloc})
            resp = conn.getresponse()
            self._send(resp.status, resp.read(), resp.getheader("Content-Type") or "text/html")
        finally:
            conn.close()


class ReachOutletServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, targets: list[str]) -> None:
        super().__init__(("127.0.0.1", 0), ReachOutletHandler)
        self.targets = targets
        self.requests: list[tuple[str, str]] = []


def main() -> None:
    """Serve the hostile and fault outlets on a free loopback port; print the port."""
    import sys

    root = Path(sys.argv[1])
    server = FaultServer(("127.0.0.1", 0), root)
    server.slow_seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
