"""Archive integrity (issue 22): a damaged WARC record is not stored and does not block its
whole copy; provenance points at the WARC wherever the command runs; `kb ingest` refuses
inputs and databases it cannot use with one coded line, leaving the filesystem as it was."""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from warcio.archiveiterator import ArchiveIterator

from kb.api import KB, extract_page
from kb.ingest.run import ingest
from kb.store.connection import Store
from tests.conftest import ROOT, fixture_pages
from tests.warcs import write_warc

ARTICLE_URL = "http://testwire.example/2025/02/cooling.html"


def _pages() -> list[tuple[str, bytes, str]]:
    """The index page, then the article: the article is the file's last record."""
    pages = fixture_pages()
    return [pages[2], pages[0]]


def _record_spans(path: Path) -> list[tuple[str, int, int]]:
    """(WARC-Type, offset, length) of every record, in file order."""
    out = []
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        for rec in it:
            rec.content_stream().read()
            out.append((rec.rec_type, it.get_record_offset(), it.get_record_length()))
    return out


def cut_last_record(full: Path, out: Path, fraction: float = 0.5) -> Path:
    """A copy of ``full`` cut ``fraction`` of the way into its last record (a killed writer,
    an interrupted copy)."""
    _, offset, length = _record_spans(full)[-1]
    out.write_bytes(full.read_bytes()[: offset + int(length * fraction)])
    return out


def alter_body(full: Path, out: Path, old: bytes, new: bytes) -> Path:
    """An uncompressed copy of ``full`` with ``old`` replaced by ``new`` (same length) in a
    body: every length still matches, only the digests tell."""
    assert len(old) == len(new)
    raw = gzip.decompress(full.read_bytes())
    assert raw.count(old) == 1
    out.write_bytes(raw.replace(old, new))
    return out


def _captured_urls(db: Path) -> set[str]:
    with Store(db).read(keep=False) as con:
        return {r[0] for r in con.execute("SELECT final_url FROM captures").fetchall()}


def _article_text(db: Path, url: str) -> str | None:
    with Store(db).read(keep=False) as con:
        row = con.execute("SELECT text FROM articles WHERE url = ? OR canonical_url = ?", [url, url]).fetchone()
    return row[0] if row else None


# -- 1. damaged records -----------------------------------------------------------------------
def test_cut_record_is_skipped_counted_and_stored_whole_from_the_full_file(tmp_path, caplog):
    full = write_warc(tmp_path / "full" / "crawl.warc.gz", _pages())
    (tmp_path / "cut").mkdir()
    cut = cut_last_record(full, tmp_path / "cut" / "crawl.warc.gz")
    db = tmp_path / "kb.duckdb"

    with caplog.at_level(logging.WARNING, logger="kb.ingest.warc"):
        report = ingest([cut], db)
    c = report.counters
    assert c["skipped/record_short"] == 1
    assert c["records"] == 2 and c["skipped/not_article"] == 1 and c.get("articles", 0) == 0
    assert ARTICLE_URL not in _captured_urls(db)  # not marked ingested
    assert _article_text(db, ARTICLE_URL) is None
    assert any("record_short" in r.getMessage() and ARTICLE_URL in r.getMessage() for r in caplog.records)
    with Store(db).read(keep=False) as con:  # the run's report keeps the reason
        counters = con.execute("SELECT counters FROM ingest_runs").fetchone()[0]
    assert '"skipped/record_short": 1' in counters

    again = ingest([full], db)
    assert again.counters["articles"] == 1 and again.counters["already_ingested"] == 1
    whole = extract_page(_pages()[1][1], ARTICLE_URL).text
    assert _article_text(db, ARTICLE_URL) == whole


def test_altered_body_is_a_digest_mismatch_and_the_original_is_stored_later(tmp_path):
    full = write_warc(tmp_path / "full" / "crawl.warc.gz", _pages())
    (tmp_path / "bad").mkdir()
    altered = alter_body(full, tmp_path / "bad" / "crawl.warc", b"9.4 billion", b"1.4 billion")
    db = tmp_path / "kb.duckdb"

    c = ingest([altered], db).counters
    assert c["skipped/digest_mismatch"] == 1 and c.get("articles", 0) == 0
    assert ARTICLE_URL not in _captured_urls(db)

    assert ingest([full], db).counters["articles"] == 1
    text = _article_text(db, ARTICLE_URL)
    assert text is not None and "9.4 billion" in text and "1.4 billion" not in text


# -- 2. provenance resolves from anywhere -----------------------------------------------------
def test_warc_file_is_stored_absolute_and_resolves_from_another_cwd(tmp_path, monkeypatch):
    here, elsewhere = tmp_path / "here", tmp_path / "elsewhere"
    elsewhere.mkdir()
    write_warc(here / "warc" / "a.warc.gz", [fixture_pages()[0]])
    db = tmp_path / "kb.duckdb"
    monkeypatch.chdir(here)
    ingest([Path("warc")], db)  # a relative path, as `kb ingest data/warc` gives it
    monkeypatch.chdir(elsewhere)
    kb = KB(db=db)
    claim_id = kb.claims(limit=1)[0].claim_id
    prov = kb.claim(claim_id).provenance
    assert prov is not None
    assert Path(prov.warc_file).is_absolute() and Path(prov.warc_file).is_file()
    assert Path(prov.warc_file) == (here / "warc" / "a.warc.gz").resolve()
    with Store(db).read(keep=False) as con:
        files = con.execute("SELECT warc_files FROM ingest_runs").fetchone()[0]
    assert files == [str((here / "warc" / "a.warc.gz").resolve())]


# -- 3. inputs and databases `kb ingest` cannot use -------------------------------------------
def _snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root``: a file's sha256, a symlink's target, a folder."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        if p.is_symlink():
            out[rel] = "-> " + str(p.readlink())
        elif p.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _kb(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kb.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        # COLUMNS: wide enough that rich does not wrap the one line
        env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "COLUMNS": "1000"},
        timeout=300,
    )


def _assert_one_line_error(proc: subprocess.CompletedProcess[str], code: str, *words: str) -> None:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert f"[{code}]" in lines[0]
    for w in words:
        assert w in lines[0], lines[0]


@pytest.fixture
def workdir(tmp_path) -> Path:
    write_warc(tmp_path / "good" / "a.warc.gz", [fixture_pages()[0]])
    return tmp_path


def test_cli_ingest_symlink_loop_in_a_folder_is_one_error_and_no_database(workdir):
    (workdir / "loops").mkdir()
    (workdir / "loops" / "l1.warc.gz").symlink_to("l2.warc.gz")
    (workdir / "loops" / "l2.warc.gz").symlink_to("l1.warc.gz")
    before = _snapshot(workdir)
    proc = _kb("ingest", "loops", "--db", "kb.duckdb", cwd=workdir)
    _assert_one_line_error(proc, "KB010", "symbolic link")
    assert _snapshot(workdir) == before


def test_cli_ingest_symlink_loop_given_as_the_path_is_one_error(workdir):
    (workdir / "self.warc.gz").symlink_to("self.warc.gz")
    before = _snapshot(workdir)
    proc = _kb("ingest", "self.warc.gz", "--db", "kb.duckdb", cwd=workdir)
    _assert_one_line_error(proc, "KB010", "symbolic link")
    assert _snapshot(workdir) == before


def test_cli_ingest_folder_without_warc_files_is_one_error_and_no_database(workdir):
    (workdir / "empty").mkdir()
    (workdir / "empty" / "notes.txt").write_text("x")
    (workdir / "empty" / "half.warc.gz.open").write_bytes(b"partial")
    before = _snapshot(workdir)
    proc = _kb("ingest", "empty", "--db", "kb.duckdb", cwd=workdir)
    _assert_one_line_error(proc, "KB010", "no WARC files")
    assert _snapshot(workdir) == before


@pytest.mark.parametrize("kind", ["text", "sqlite", "folder"])
def test_cli_ingest_db_that_is_not_duckdb_is_one_error_and_left_alone(workdir, kind):
    db = workdir / "target.db"
    if kind == "text":
        db.write_text("my notes\n")
    elif kind == "sqlite":
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    else:
        db.mkdir()
    before = _snapshot(workdir)
    proc = _kb("ingest", "good", "--db", db, cwd=workdir)
    _assert_one_line_error(proc, "KB006", "not a DuckDB database")
    assert _snapshot(workdir) == before
    # the read side says the same
    _assert_one_line_error(_kb("stats", "--db", db, cwd=workdir), "KB006", "not a DuckDB database")


def test_cli_ingest_into_another_applications_duckdb_is_refused_and_left_alone(workdir):
    db = workdir / "theirs.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE orders (id INTEGER, total DECIMAL(10, 2))")
    con.execute("INSERT INTO orders VALUES (1, 9.99)")
    con.close()
    before = _snapshot(workdir)
    proc = _kb("ingest", "good", "--db", db, cwd=workdir)
    _assert_one_line_error(proc, "KB007", "orders")
    assert _snapshot(workdir) == before
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT table_name FROM information_schema.tables").fetchall() == [("orders",)]
    _assert_one_line_error(_kb("stats", "--db", db, cwd=workdir), "KB007")
