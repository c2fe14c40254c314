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


# -- damaged records (issue 22): a record shorter than its Content-Length or whose payload
# does not match its own digest is skipped and counted, never yielded -------------------------
def _last_record_span(path):
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        for rec in it:
            rec.content_stream().read()
            span = (it.get_record_offset(), it.get_record_length())
    return span


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.6, 0.8, 0.95])  # headers, payload, end
def test_warc_record_cut_short_is_skipped_and_counted(tmp_path, gz, fraction):
    from kb.stats import Stats

    pages = fixture_pages()
    full = write_warc(tmp_path / "a.warc.gz", pages)
    data = full.read_bytes()
    if not gz:
        full = tmp_path / "a.warc"
        full.write_bytes(gzip.decompress(data))
        data = full.read_bytes()
    offset, length = _last_record_span(full)
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: offset + int(length * fraction)])
    stats = Stats()
    caps = list(read_captures(cut, stats=stats))
    assert [c.final_url for c in caps] == [u for u, _, _ in pages[:-1]]
    assert [c.body for c in caps] == [b for _, b, _ in pages[:-1]]
    assert stats.get("skipped/record_short") == 1
    assert stats.get("records") == len(pages)


def _uncompressed(path, out):
    out.write_bytes(gzip.decompress(path.read_bytes()))
    return out


def _drop_header(raw: bytes, name: bytes) -> bytes:
    lines = raw.split(b"\r\n")
    return b"\r\n".join(ln for ln in lines if not ln.startswith(name + b": "))


@pytest.mark.parametrize(
    "keep",
    ["both", "warc_payload_digest", "kb_payload_sha256"],
)
def test_warc_altered_body_is_a_digest_mismatch(tmp_path, keep):
    """warcio's WARC-Payload-Digest (sha1, base32) and our WARC-KB-Payload-SHA256 are each
    checked when present: a body changed in place (same length) is caught by either."""
    from kb.stats import Stats

    pages = fixture_pages()[:2]
    raw = gzip.decompress(write_warc(tmp_path / "a.warc.gz", pages).read_bytes())
    if keep == "kb_payload_sha256":
        raw = _drop_header(_drop_header(raw, b"WARC-Payload-Digest"), b"WARC-Block-Digest")
    elif keep == "warc_payload_digest":
        raw = _drop_header(_drop_header(raw, b"WARC-KB-Payload-SHA256"), b"WARC-Block-Digest")
    ok = tmp_path / "ok.warc"
    ok.write_bytes(raw)
    assert len(list(read_captures(ok))) == 2  # untouched, the headers that are left check out
    first = raw.index(b"9.4 billion")  # in the first record only
    bad = tmp_path / "bad.warc"
    bad.write_bytes(raw[:first] + b"1.4 billion" + raw[first + len(b"9.4 billion") :])
    stats = Stats()
    caps = list(read_captures(bad, stats=stats))
    assert [c.final_url for c in caps] == [pages[1][0]]
    assert stats.get("skipped/digest_mismatch") == 1


def test_warc_record_without_any_digest_is_read(tmp_path):
    """Records from other archives may carry no payload digest: only the length is checked."""
    raw = gzip.decompress(write_warc(tmp_path / "a.warc.gz", fixture_pages()[:1]).read_bytes())
    for name in (b"WARC-Payload-Digest", b"WARC-Block-Digest", b"WARC-KB-Payload-SHA256"):
        raw = _drop_header(raw, name)
    plain = tmp_path / "plain.warc"
    plain.write_bytes(raw)
    caps = list(read_captures(plain))
    assert [c.body for c in caps] == [fixture_pages()[0][1]]


def test_warc_oversized_record_is_still_checked_whole(tmp_path):
    """A body over ``max_body_bytes`` is not kept, but its digest is still checked over all of it."""
    from kb.stats import Stats

    pages = fixture_pages()[:1]
    raw = gzip.decompress(write_warc(tmp_path / "a.warc.gz", pages).read_bytes())
    i = raw.index(b"9.4 billion")
    bad = tmp_path / "bad.warc"
    bad.write_bytes(raw[:i] + b"1.4 billion" + raw[i + len(b"9.4 billion") :])
    stats = Stats()
    assert list(read_captures(bad, max_body_bytes=100, stats=stats)) == []
    assert stats.get("skipped/digest_mismatch") == 1
    ok = tmp_path / "ok.warc"
    ok.write_bytes(raw)
    (cap,) = read_captures(ok, max_body_bytes=100)
    assert cap.body == b"" and cap.headers["x-kb-truncated"] == "1"


def test_warc_file_is_recorded_absolute(tmp_path, monkeypatch):
    write_warc(tmp_path / "w" / "a.warc.gz", fixture_pages()[:1])
    monkeypatch.chdir(tmp_path)
    (cap,) = read_captures(find_warc_files(["w"])[0])
    assert cap.warc_file == str((tmp_path / "w" / "a.warc.gz").resolve())


def test_warc_find_files_refuses_loops_and_empty_folders(tmp_path):
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "a.warc.gz").symlink_to("b.warc.gz")
    (tmp_path / "loop" / "b.warc.gz").symlink_to("a.warc.gz")
    with pytest.raises(BadInput, match="symbolic link"):
        find_warc_files([tmp_path / "loop"])
    with pytest.raises(BadInput, match="symbolic link"):
        find_warc_files([tmp_path / "loop" / "a.warc.gz"])
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "x.warc.gz.open").write_bytes(b"partial")
    with pytest.raises(BadInput, match="no WARC files"):
        find_warc_files([tmp_path / "empty"])
