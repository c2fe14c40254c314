"""Read captures from WARC files: ours (written by ``crawler/``) or anyone's archives.

Only ``response`` records are captures. Bodies are read with a size bound: a record
larger than ``max_body_bytes`` is yielded with an empty body and ``truncated`` status so
ingest can count it instead of exhausting memory.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from kb.errors import BadInput
from kb.models import Capture

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc.gz", ".warc")


def find_warc_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and folders into a sorted list of WARC files (``*.warc.gz``/``*.warc``).

    Half-written files (``*.open``, as the crawler leaves them while writing) are ignored.
    """
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(f for f in sorted(p.rglob("*")) if f.name.endswith(WARC_SUFFIXES))
        elif p.is_file():
            if not p.name.endswith(WARC_SUFFIXES):
                raise BadInput(f"{p} is not a WARC file (expected *.warc.gz or *.warc)")
            found.append(p)
        else:
            raise BadInput(f"{p} does not exist")
    return found


def _parse_warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return None


def read_captures(path: Path, max_body_bytes: int = 16 * 1024 * 1024) -> Iterator[Capture]:
    """Yield every HTTP response in one WARC file, in file order.

    A file that is not a valid WARC raises :class:`BadInput`; a file cut short mid-record
    (a killed writer) yields the records before the cut and logs the rest as lost.
    """
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh, arc2warc=True)
        try:
            for record in it:
                if record.rec_type != "response":
                    continue
                target = record.rec_headers.get_header("WARC-Target-URI") or ""
                if not target.startswith(("http://", "https://")):
                    # warcio reads almost anything as an ARC record; a target that is not a
                    # URL means this is not an archive at all
                    raise BadInput(f"{path}: not a WARC/ARC file (record target {target[:60]!r} is not a URL)")
                h = record.rec_headers
                body = record.content_stream().read(max_body_bytes + 1)
                offset = it.get_record_offset()  # after reading: warcio reads to the end here
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
                    warc_file=str(path),
                    warc_offset=offset,
                    source=h.get_header("WARC-KB-Source"),
                    role=h.get_header("WARC-KB-Role"),
                )
        except ArchiveLoadFailed as exc:
            raise BadInput(f"{path}: not a readable WARC file ({exc})") from exc
        except (EOFError, OSError) as exc:  # gzip member cut short by a killed writer
            log.warning("%s: truncated after offset %s (%s); later records lost", path, it.offset, exc)
