from __future__ import annotations

import gzip
import hashlib

import pytest

from kb.errors import BadInput
from kb.ingest.warc import find_warc_files, read_captures
from tests.conftest import fixture_pages
from tests.warcs import write_warc


def test_warc_reads_back_every_response(tmp_path):
    pages = fixture_pages()
    path = write_warc(tmp_path / "a.warc.gz", pages)
    caps = list(read_captures(path))
    assert [c.final_url for c in caps] == [u for u, _, _ in pages]
    for cap, (_, body, ctype) in zip(caps, pages, strict=True):
        assert cap.body == body
        assert cap.body_sha256 == hashlib.sha256(body).hexdigest()
        assert cap.status == 200
        assert cap.content_type == ctype.split(";")[0]
        assert cap.source == cap.final_url.split("/")[2]
        assert cap.record_id.startswith("<urn:uuid:")
    assert len({c.warc_offset for c in caps}) == len(caps)


def test_warc_truncated_file_keeps_records_before_the_cut(tmp_path):
    path = write_warc(tmp_path / "a.warc.gz", fixture_pages())
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.7)])
    caps = list(read_captures(cut))
    assert 1 <= len(caps) < len(fixture_pages())


def test_warc_not_a_warc_is_bad_input(tmp_path):
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(gzip.compress(b"hello, this is not a WARC file at all\r\n\r\n"))
    with pytest.raises(BadInput):
        list(read_captures(bad))


def test_warc_find_files_skips_half_written(tmp_path):
    write_warc(tmp_path / "a.warc.gz", fixture_pages()[:1])
    (tmp_path / "b.warc.gz.open").write_bytes(b"partial")
    (tmp_path / "notes.txt").write_text("x")
    assert [p.name for p in find_warc_files([tmp_path])] == ["a.warc.gz"]
    with pytest.raises(BadInput):
        find_warc_files([tmp_path / "missing"])
    with pytest.raises(BadInput):
        find_warc_files([tmp_path / "notes.txt"])
