"""A hostile outlet for crawler tests, served by the sample-site server on loopback:
``hostile.example`` answers slowly, with errors, drops connections, sends huge pages and
a gzip bomb, lies about its charset, and redirects."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from kb.sample_site import Handler, SampleSiteServer

HOST = "hostile.example"
ARTICLE = (
    b"<html lang='en'><head><meta property='og:type' content='article'><title>Fine page</title></head><body><article>"
    b"<h1>Fine page</h1><p>Analysts at Orbis Research said on Monday that server shipments rose 12% in the quarter, "
    b"driven by demand for AI accelerators in large data centres.</p><p>The firm expects growth of about 8% next year, "
    b"it said in a note to clients, citing orders from cloud providers.</p></article></body></html>"
)
PAGES = ["/slow", "/error500", "/drop", "/huge", "/bomb", "/badcharset", "/redirect", "/missing", "/private/secret.html"]


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
            return self._send(200, b"<html><body>" + b"<p>filler text</p>" * 200_000 + b"</body></html>", "text/html", head)
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
            body = ARTICLE.replace(b"<head>", b"<head><meta charset='utf-8'>").replace(b"12%", "12% \u2013 \u20ac5bn".encode("cp1252"))
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
