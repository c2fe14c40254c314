"""Read captures from WARC files: ours (written by ``crawler/``) or anyone's archives.

Only ``response`` records are captures. Bodies are read with a size bound: a record
larger than ``max_body_bytes`` is yielded with an empty body and ``truncated`` status so
ingest can count it instead of exhausting memory.

Every record is checked whole before it is yielded: a record with fewer bytes than its
``Content-Length`` (a file cut by a killed writer or an interrupted copy) or whose payload
does not match its own digest (``WARC-Payload-Digest``/``WARC-Block-Digest`` as warcio
writes them, our crawler's ``WARC-KB-Payload-SHA256``; whichever the record carries) is
not yielded but counted (``skipped/record_short``, ``skipped/digest_mismatch``) and logged,
so ingest never marks it ingested and a whole copy of the file stores it later.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from kb.errors import BadInput
from kb.models import Capture
from kb.stats import Stats

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc.gz", ".warc")


def _usable(p: Path) -> Path:
    """``p`` if it can be opened for reading; a symlink loop, a dangling link or an
    unreadable file is :class:`BadInput` (before any database is touched)."""
    try:
        p.resolve(strict=True)
    except RuntimeError as exc:  # Python < 3.13 reports a symlink loop so
        raise BadInput(f"{p} is a symbolic link loop: fix or remove the link") from exc
    except OSError as exc:
        if p.is_symlink():
            what = "a symbolic link loop" if exc.errno == errno.ELOOP else "a symbolic link to nothing"
            raise BadInput(f"{p} is {what}: fix or remove the link") from exc
        raise BadInput(f"{p} does not exist") from exc
    if p.is_file() and not os.access(p, os.R_OK):
        raise BadInput(f"{p} is not readable: check its permissions")
    return p


def find_warc_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and folders into a sorted list of WARC files (``*.warc.gz``/``*.warc``).

    Half-written files (``*.open``, as the crawler leaves them while writing) are ignored.
    A path that does not exist, a symlink loop, or finding no WARC file at all is
    :class:`BadInput`.
    """
    given = [Path(p) for p in paths]
    found: list[Path] = []
    for p in map(_usable, given):
        if p.is_dir():
            named = (_usable(f) for f in sorted(p.rglob("*")) if f.name.endswith(WARC_SUFFIXES))
            found.extend(f for f in named if f.is_file())
        elif p.is_file():
            if not p.name.endswith(WARC_SUFFIXES):
                raise BadInput(f"{p} is not a WARC file (expected *.warc.gz or *.warc)")
            found.append(p)
        else:
            raise BadInput(f"{p} is neither a file nor a folder")
    if not found:
        where = ", ".join(str(p) for p in given)
        raise BadInput(f"no WARC files (*.warc.gz, *.warc) in {where}: give the folder the crawler writes to")
    return found


def _parse_warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return None


class _Hashed:
    """The record's raw payload stream, hashed (sha256) as it is read (for WARC-KB-Payload-SHA256)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.sha256 = hashlib.sha256()

    def _seen(self, data: bytes) -> bytes:
        self.sha256.update(data)
        return data

    def read(self, length: int | None = None) -> bytes:
        return self._seen(self.stream.read(length))

    def readline(self, length: int | None = None) -> bytes:
        return self._seen(self.stream.readline(length))

    def drain(self) -> None:
        while self.read(1 << 16):
            pass

    def missing(self) -> int:
        """Bytes the record's Content-Length promised that the file did not have."""
        return self.stream.limit if isinstance(self.stream, LimitReader) else 0

    def close(self) -> None:
        self.stream.close()


def _damage(record: Any, raw: _Hashed) -> str | None:
    """Why a fully read record cannot be trusted (a skip reason), or None."""
    if raw.missing():
        return "record_short"
    checker = record.digest_checker
    if checker is not None and any("digest failed" in p for p in checker.problems):
        return "digest_mismatch"
    ours = record.rec_headers.get_header("WARC-KB-Payload-SHA256")
    if ours and ours.strip().lower() != raw.sha256.hexdigest():
        return "digest_mismatch"
    return None


def _has_length(record: Any) -> bool:
    """Whether the record's headers carry a whole ``Content-Length`` (WARC requires one; a
    file cut inside the headers leaves it missing or empty)."""
    if record.format != "warc":
        return True
    value = (record.rec_headers.get_header("Content-Length") or "").strip()
    return value.isdigit()


def _starts_like_warc(path: Path) -> bool:
    """Whether the file (gunzipped) begins as a WARC does, or as much of it as is there."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            return False
    head = head.lstrip()[:5]
    return bool(head) and b"WARC/".startswith(head)


def _skipped(stats: Stats, path: Path, offset: int, what: str, reason: str, detail: str) -> None:
    stats.inc(f"skipped/{reason}")
    log.warning(
        "%s: record at offset %s (%s) skipped, %s: %s; not marked ingested, ingest a whole copy of the file to store it",
        path,
        offset,
        what,
        reason,
        detail,
    )


def read_captures(path: Path, max_body_bytes: int = 16 * 1024 * 1024, stats: Stats | None = None) -> Iterator[Capture]:
    """Yield every intact HTTP response in one WARC file, in file order.

    ``stats`` counts the response records read (``records``) and those not yielded because
    they are short or fail their digest (``skipped/record_short``, ``skipped/digest_mismatch``).
    ``Capture.warc_file`` is the file's absolute path, so provenance resolves wherever a later
    command runs.

    A file that is not a valid WARC raises :class:`BadInput`; a file cut short mid-record
    (a killed writer, an interrupted copy) yields the records before the cut and counts and
    logs the cut one.
    """
    stats = stats if stats is not None else Stats()
    warc_file = str(path.resolve())
    end = 0  # where the last record read ends
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh, arc2warc=True, check_digests=True)
        try:
            for record in it:
                if record.rec_type is None or not _has_length(record):
                    # the file ends inside this record's WARC headers: type or length never came
                    if end == 0 and not _starts_like_warc(path):
                        raise BadInput(f"{path}: not a WARC/ARC file (no record type or length)")
                    stats.inc("records")
                    _skipped(stats, path, it.get_record_offset(), "headers incomplete", "record_short", "file ends")
                    end = it.get_record_offset() + it.get_record_length()
                    continue
                if record.rec_type != "response":
                    end = it.get_record_offset() + it.get_record_length()
                    continue
                target = record.rec_headers.get_header("WARC-Target-URI") or ""
                if not target.startswith(("http://", "https://")):
                    # warcio reads almost anything as an ARC record; a target that is not a
                    # URL means this is not an archive at all
                    raise BadInput(f"{path}: not a WARC/ARC file (record target {target[:60]!r} is not a URL)")
                stats.inc("records")
                h = record.rec_headers
                raw = record.raw_stream = _Hashed(record.raw_stream)
                undecodable: Exception | None = None
                try:
                    body = record.content_stream().read(max_body_bytes + 1)
                except (EOFError, OSError) as exc:  # the payload's own gzip or chunking cut short
                    body, undecodable = b"", exc
                raw.drain()  # the rest of the record, through the digests
                offset = it.get_record_offset()  # after reading: warcio reads to the end here
                end = offset + it.get_record_length()
                reason = _damage(record, raw)
                if reason == "record_short":
                    _skipped(stats, path, offset, target, reason, f"{raw.missing()} bytes missing")
                    continue
                if reason is not None:
                    _skipped(stats, path, offset, target, reason, "the payload differs from its digest")
                    continue
                if undecodable is not None:
                    raise undecodable
                truncated = len(body) > max_body_bytes
                if truncated:
                    body = b""
                http = record.http_headers
                status = int(http.get_statuscode() or 0) if http else 0
                headers = {k.lower(): v for k, v in (http.headers if http else [])}
                if truncated:
                    headers["x-kb-truncated"] = "1"
                yield Capture(
                    record_id=h.get_header("WARC-Record-ID") or f"{path.name}#{offset}",
                    url=h.get_header("WARC-KB-Requested-URI") or target,
                    final_url=target,
                    status=status,
                    headers=headers,
                    fetched_at=_parse_warc_date(h.get_header("WARC-Date")),
                    body=body,
                    body_sha256=hashlib.sha256(body).hexdigest(),
                    warc_file=warc_file,
                    warc_offset=offset,
                    source=h.get_header("WARC-KB-Source"),
                    role=h.get_header("WARC-KB-Role"),
                )
        except (ArchiveLoadFailed, AttributeError) as exc:
            # warcio fails on a record header cut before its first line or its target URI ends
            # (AttributeError: it reads the missing URI); a file that never was a WARC fails here too
            if end == 0 and not _starts_like_warc(path):
                raise BadInput(f"{path}: not a readable WARC file ({exc})") from exc
            stats.inc("records")
            _skipped(stats, path, end, "headers unreadable", "record_short", "file ends or is damaged here")
            return
        except (EOFError, OSError) as exc:  # gzip member cut short by a killed writer
            stats.inc("records")
            _skipped(stats, path, end, f"{exc}", "record_short", "file ends; later records lost")
            return
        fh.seek(end)
        if fh.read(1 << 16).strip(b"\r\n"):
            # a cut gzip member too short to decompress to anything: warcio sees no record
            stats.inc("records")
            _skipped(stats, path, end, "nothing readable", "record_short", "file ends inside a record")
