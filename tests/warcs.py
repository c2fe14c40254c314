"""Build WARC files for tests from HTML on disk, without a crawl (the integration test
does the real crawl). The records look like the crawler's: same custom headers."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_warc(path: Path, pages: Iterable[tuple[str, bytes, str]], status: str = "200 OK") -> Path:
    """``pages``: (url, body, content type) -> one response record each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype in pages:
            http = StatusAndHeaders(
                status, [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            host = url.split("/")[2]
            rec = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={
                    "WARC-KB-Source": host,
                    "WARC-KB-Role": "article",
                    "WARC-KB-Payload-SHA256": hashlib.sha256(body).hexdigest(),
                },
            )
            writer.write_record(rec)
    return path


def site_pages(root: Path) -> list[tuple[str, bytes, str]]:
    """Every HTML file of the sample site as (url, body, content type)."""
    pages = []
    for host_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(host_dir.rglob("*.html")):
            rel = f.relative_to(host_dir).as_posix()
            if rel.endswith("index.html"):
                rel = rel[: -len("index.html")]
            pages.append((f"http://{host_dir.name}/{rel}", f.read_bytes(), "text/html"))
    return pages
