"""The bundled sample news site, served on 127.0.0.1 (stdlib only).

``data/sample_site/<host>/...`` holds one folder per fictional outlet. The server answers
both as an ordinary web server (``http://127.0.0.1:PORT/<host>/...`` for a person, with a
list of outlets at ``/``) and as a plain HTTP forward proxy: a crawler with
``http_proxy=http://127.0.0.1:PORT`` fetches ``http://techwire.example/...`` exactly as it
would a real outlet (per-host robots.txt and politeness, absolute URLs in feeds), with
every byte over loopback HTTP.

It supports what a polite crawler uses: ETag / Last-Modified with 304 answers, and gzip.

``edits`` (``data/sample_site_demo/edits.toml``) make it serve the site as its outlets
later changed it: text replaced in an article and its sitemap ``lastmod`` moved on, so that
a second crawl (``kb demo``) fetches the edited article and ingest records a new version.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import html
import logging
import threading
import tomllib
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)

Edits = Mapping[Path, list[tuple[str, str]]]  # a file of the site -> (old, new) text replacements

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".gz": "application/gzip",
}
FEED_NAMES = {"atom.xml": "application/atom+xml", "rss.xml": "application/rss+xml", "feed.xml": "application/rss+xml"}


class SampleSiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: Path, edits: Path | None = None) -> None:
        self.root = Path(root).resolve()
        self.hosts = sorted(p.name for p in self.root.iterdir() if p.is_dir() and "." in p.name)
        self.edits: Edits = load_edits(edits, self.root) if edits is not None else {}
        self.edits_mtime = Path(edits).stat().st_mtime if edits is not None else 0.0
        super().__init__(address, Handler)


def site_file(root: Path, host: str, path: str) -> Path | None:
    """The file under ``root`` that answers ``http://host/path``, or None (missing, or a
    path that leaves the host's folder)."""
    base = (root / host).resolve()
    rel = path.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    target = (base / rel).resolve()
    if not target.is_relative_to(base):  # path traversal
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def load_edits(path: Path, root: Path) -> dict[Path, list[tuple[str, str]]]:
    """The ``[[edit]]`` tables of ``path`` (``url``, ``replace = [[old, new], ...]``) as
    replacements per file of the site under ``root``. ValueError for a URL the site does
    not serve or an ``old`` text that is not in its file exactly once: an edit that
    silently stopped applying would leave the demo without its edited article."""
    out: dict[Path, list[tuple[str, str]]] = {}
    for entry in tomllib.loads(Path(path).read_text(encoding="utf-8")).get("edit", []):
        url = urlsplit(entry["url"])
        target = site_file(Path(root).resolve(), url.hostname or "", unquote(url.path or "/"))
        if target is None:
            raise ValueError(f"{path}: the sample site has no page {entry['url']}")
        text = target.read_text(encoding="utf-8")
        pairs = [(str(old), str(new)) for old, new in entry["replace"]]
        for old, _new in pairs:
            if text.count(old) != 1:
                raise ValueError(f"{path}: {entry['url']} contains {old!r} {text.count(old)} times, not once")
        out.setdefault(target, []).extend(pairs)
    return out


class Handler(BaseHTTPRequestHandler):
    server: SampleSiteServer
    protocol_version = "HTTP/1.1"
    server_version = "kb-sample-site/1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        log.debug("%s " + format, self.address_string(), *args)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    # -- routing ----------------------------------------------------------------------
    def _route(self) -> tuple[str | None, str]:
        """(host, path): proxy-form requests and Host headers name an outlet; otherwise
        the first path segment does (browsing at http://127.0.0.1:PORT/<host>/...)."""
        if self.path.startswith(("http://", "https://")):
            parts = urlsplit(self.path)
            return parts.hostname, unquote(parts.path or "/")
        path = unquote(urlsplit(self.path).path or "/")
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        if host in self.server.hosts:
            return host, path
        segments = path.lstrip("/").split("/", 1)
        if segments[0] in self.server.hosts:
            return segments[0], "/" + (segments[1] if len(segments) > 1 else "")
        return None, path

    def _file(self, host: str, path: str) -> Path | None:
        return site_file(self.server.root, host, path)

    # -- answering --------------------------------------------------------------------
    def _send(self, status: int, body: bytes, ctype: str, head: bool, extra: dict[str, str] | None = None) -> None:
        gz = "gzip" in (self.headers.get("Accept-Encoding") or "") and len(body) > 512 and status == 200
        if gz:
            body = gzip.compress(body, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if gz:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _serve(self, head: bool) -> None:
        host, path = self._route()
        if host is None:
            if path == "/":
                return self._send(200, self._listing(), "text/html; charset=utf-8", head)
            return self._send(404, b"unknown host\n", "text/plain; charset=utf-8", head)
        if host not in self.server.hosts:
            return self._send(502, f"no such host: {host}\n".encode(), "text/plain; charset=utf-8", head)
        target = self._file(host, path)
        if target is None:
            return self._send(
                404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html; charset=utf-8", head
            )
        body = target.read_bytes()
        mtime = target.stat().st_mtime
        if target in self.server.edits:
            text = body.decode("utf-8")
            for old, new in self.server.edits[target]:
                text = text.replace(old, new)
            body, mtime = text.encode("utf-8"), max(mtime, self.server.edits_mtime)
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        validators = {"ETag": etag, "Last-Modified": last_modified}
        if self.headers.get("If-None-Match") == etag:
            return self._not_modified(validators)
        since = self.headers.get("If-Modified-Since")
        if since and not self.headers.get("If-None-Match"):
            try:
                if email.utils.parsedate_to_datetime(since).timestamp() >= int(mtime):
                    return self._not_modified(validators)
            except (TypeError, ValueError):
                pass  # an unparseable date means "send it"
        ctype = FEED_NAMES.get(target.name) or CONTENT_TYPES.get(target.suffix, "application/octet-stream")
        self._send(200, body, ctype, head, validators)

    def _not_modified(self, validators: dict[str, str]) -> None:
        self.send_response(304)
        for k, v in validators.items():
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _listing(self) -> bytes:
        items = "".join(f'<li><a href="/{html.escape(h)}/">{html.escape(h)}</a></li>' for h in self.server.hosts)
        return (
            f"<!doctype html><html lang=en><title>Sample news site</title><h1>Sample outlets</h1><ul>{items}</ul>"
            "<p>Also an HTTP proxy: <code>http_proxy=http://127.0.0.1:PORT</code>.</p></html>"
        ).encode()


def serve(
    root: Path, host: str = "127.0.0.1", port: int = 0, edits: Path | None = None
) -> tuple[SampleSiteServer, threading.Thread, int]:
    """Start serving in a daemon thread (as edited by ``edits``); returns (server, thread, bound port)."""
    server = SampleSiteServer((host, port), root, edits)
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    return server, thread, server.server_address[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("data/sample_site"))
    parser.add_argument("--port", type=int, default=8700)
    args = parser.parse_args(argv)
    server = SampleSiteServer(("127.0.0.1", args.port), args.root)
    print(
        f"serving {len(server.hosts)} hosts on http://127.0.0.1:{server.server_address[1]} "
        f"(use it as http_proxy); Ctrl-C to stop",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
