"""A claim's archived capture, read back from the WARC file ingest took it from: the response
body exactly as archived (for the app's archived view, where the live page may be gone), beside
the stored article text the claim's character offsets index.

The record is found by the capture's ``warc_file`` and ``warc_offset`` and checked to be the
one ingested: the same ``WARC-Record-ID`` and a body with the same SHA-256 as at ingest. A
file moved, deleted or rewritten since is not an error but a ``problem`` in words; the text
view still works from the database.

Only warcio is used here: the read side sits below :mod:`kb.ingest` (pyproject's layer
contract), and one record at a known offset needs none of the ingest reader's bookkeeping.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
from w3lib.encoding import html_to_unicode
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from kb.read.provenance import provenance
from kb.read.types import ArchivedCapture


class RecordUnreadable(Exception):
    """The record cannot be read back as ingested; the message says why, for a reader."""


def read_response(path: Path, offset: int, record_id: str, max_bytes: int) -> tuple[bytes, str | None]:
    """The body and Content-Type of the ``response`` record ``record_id`` at ``offset`` of
    ``path``. Raises :class:`RecordUnreadable` when the file is gone or unreadable, when the
    record there is another one, or when its body is larger than ``max_bytes``."""
    if not path.is_file():
        raise RecordUnreadable(f"the WARC file {path} is gone (moved or deleted since ingest)")
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)), None)
            if record is None or record.rec_type != "response":
                raise RecordUnreadable(f"{path} holds no response record at offset {offset}: the file was rewritten")
            found = record.rec_headers.get_header("WARC-Record-ID")
            if found != record_id:
                raise RecordUnreadable(
                    f"{path} holds another record at offset {offset} ({found}, not {record_id}): the file was rewritten"
                )
            body = record.content_stream().read(max_bytes + 1)
            http = record.http_headers
            ctype = http.get_header("Content-Type") if http else None
    except (OSError, EOFError, ArchiveLoadFailed) as exc:
        raise RecordUnreadable(f"{path} cannot be read at offset {offset}: {exc}") from exc
    if len(body) > max_bytes:
        raise RecordUnreadable(f"the archived page is larger than {max_bytes:,} bytes: too large to show")
    return body, ctype


def archived(con: duckdb.DuckDBPyConnection, claim_id: int, max_bytes: int) -> ArchivedCapture | None:
    """The claim's archived capture (None for an unknown claim). ``body`` and ``html`` are None
    when the record cannot be read back as ingested, and ``problem`` says why."""
    prov = provenance(con, claim_id)
    if prov is None:
        return None
    body: bytes | None = None
    ctype: str | None = None
    html: str | None = None
    problem: str | None = None
    try:
        body, ctype = read_response(Path(prov.warc_file), prov.warc_offset, prov.warc_record_id, max_bytes)
    except RecordUnreadable as exc:
        problem = str(exc)
    if body is not None and hashlib.sha256(body).hexdigest() != prov.body_sha256:
        body, problem = None, f"the archived record in {prov.warc_file} differs from the one ingested (SHA-256)"
    if body is not None:
        _, html = html_to_unicode(ctype, body)  # as ingest decoded it: HTTP charset, the page's own, detection
    return ArchivedCapture(
        claim_id=claim_id,
        char_start=prov.char_start,
        char_end=prov.char_end,
        url=prov.url,
        final_url=prov.final_url,
        source=prov.source,
        title=prov.title,
        captured_at=prov.captured_at,
        warc_file=prov.warc_file,
        warc_offset=prov.warc_offset,
        warc_record_id=prov.warc_record_id,
        http_status=prov.http_status,
        content_type=ctype,
        article_text=prov.article_text,
        body=body,
        html=html,
        problem=problem,
    )
