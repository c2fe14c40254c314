"""kill -9 between a write batch's COMMIT and the connection's close (DuckDB checkpoints on
close): the batch lives only in the WAL. DuckDB 1.5.5 was seen to lose ART index entries
when a WAL is replayed and then checkpointed (docs/benchmarks.md); this checks the paths
that delete and update rows the killed batch wrote: a new version of an article from it
(``articles.superseded_by``) and the originals of copies stored in it (``duplicate_of``,
their claims deleted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_SITE
from tests.warcs import site_pages, write_warc

pytestmark = pytest.mark.integration

KILLED_AFTER_COMMIT = """
import contextlib, os, signal, sys
from pathlib import Path
from kb.config import Settings
from kb.store.connection import Store
from kb.store.writer import BatchWriter

write, write_batch, in_batch = Store.write, BatchWriter.write, []

@contextlib.contextmanager
def commit_then_die(self):
    with write(self) as con:
        yield con
        if in_batch:  # what Store.write does next is COMMIT, then close (the checkpoint): die between them
            con.execute("COMMIT")
            os.kill(os.getpid(), signal.SIGKILL)

def batch(self, *args, **kwargs):
    in_batch.append(1)
    return write_batch(self, *args, **kwargs)

Store.write, BatchWriter.write = commit_then_die, batch
from kb.ingest.run import ingest
ingest([Path(sys.argv[1])], Path(sys.argv[2]), Settings.from_env().ingest)
"""


def _warcs(tmp: Path) -> dict[str, Path]:
    pages = {p[0]: p for p in site_pages(SAMPLE_SITE)}
    urls = [a["url"] for a in json.loads((SAMPLE_SITE / "manifest.json").read_text())["articles"]]
    a = [pages[u] for u in urls if b"</article>" in pages[u][1]][:6]

    def add(p, paragraph: bytes):  # a paragraph after the last one of the article's text
        at = p[1].rindex(b"</p>", 0, p[1].index(b"</article>")) + 4
        return p[1][:at] + b"<p>" + paragraph + b"</p>" + p[1][at:]

    def copy(p):  # the same article at another URL, its canonical link naming the original
        note = b"This article first appeared elsewhere and is republished here with permission of its publisher."
        return (p[0].replace("http://", "http://mirror.example/"), add(p, note), p[2])

    edited = (
        a[2][0],
        add(
            a[2],
            b"Update: the company later said the figure had risen by 7% since the report, "
            b"a spokesperson told reporters on Friday.",
        ),
        a[2][2],
    )
    return {
        "first": write_warc(tmp / "first.warc.gz", a[:2]),
        "killed": write_warc(tmp / "killed.warc.gz", [a[2], copy(a[3]), copy(a[4]), a[5]]),
        "after": write_warc(tmp / "after.warc.gz", [edited, a[3], a[4]]),
    }


def _ingest_killed_after_commit(warc: Path, db: Path) -> None:
    """Ingest ``warc`` into ``db`` in a child killed (SIGKILL) right after its batch's COMMIT."""
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_COMMIT, str(warc), str(db)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", KB_NLP_PROCESSES="1"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == -9, proc.stderr[-2000:]


def _state(db: Path) -> dict:
    from kb.store.connection import Store

    with Store(db).read(keep=False) as con:
        q = lambda sql, *p: con.execute(sql, list(p)).fetchall()  # noqa: E731
        url = {i: u for i, u in q("SELECT article_id, url FROM articles")}
        rows = {
            "articles": Counter(
                (u, url.get(prev), url.get(sup), url.get(dup))
                for _, u, prev, sup, dup in q(
                    "SELECT article_id, url, previous_version, superseded_by, duplicate_of FROM articles"
                )
            ),
            "claims": Counter(
                q("SELECT a.url, c.char_start, c.char_end, c.text FROM claims c JOIN articles a USING (article_id)")
            ),
            "figures": q("SELECT count(*) FROM figures")[0][0],
            "orphans": q(
                "SELECT (SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT article_id FROM articles))"
                " + (SELECT count(*) FROM figures WHERE claim_id NOT IN (SELECT claim_id FROM claims))"
            )[0][0],
        }
        # every row is found through each index on its table (a lost ART entry would not be):
        # an equality look-up counts as many rows as a scan that cannot use the index
        lost = []
        for t, c in (
            ("articles", "article_id"),
            ("claims", "claim_id"),
            ("captures", "capture_id"),
            ("captures", "warc_record_id"),
            ("claims", "article_id"),
            ("articles", "text_sha256"),
            ("articles", "canonical_url"),
        ):
            for v, n in q(f"SELECT {c}, count(*) FROM {t} GROUP BY 1"):
                if v is not None and q(f"SELECT count(*) FROM {t} WHERE {c} = ?", v)[0][0] != n:
                    lost.append((t, c, v))
        rows["not_found_by_index"] = lost
    return rows


def test_kill_between_commit_and_checkpoint_then_versions_and_relinks_of_that_batch(tmp_path):
    from kb.ingest.run import ingest

    warcs = _warcs(tmp_path)
    ref = tmp_path / "ref.duckdb"  # the same three ingests, uninterrupted
    for name in ("first", "killed", "after"):
        ingest([warcs[name]], ref)
    expected = _state(ref)
    assert expected["not_found_by_index"] == [] and expected["orphans"] == 0
    dup = [a for a in expected["articles"] if a[3]]
    assert len(dup) == 2 and sum(1 for a in expected["articles"] if a[2]) == 1, "the paths under test were taken"

    db = tmp_path / "kb.duckdb"
    ingest([warcs["first"]], db)
    _ingest_killed_after_commit(warcs["killed"], db)
    wal = db.with_name(db.name + ".wal")
    assert wal.exists() and wal.stat().st_size > 0, "the killed batch is in the WAL only"

    again = ingest([warcs["killed"]], db)  # the re-run: WAL replayed, nothing new, checkpointed on close
    assert again.counters["already_ingested"] == 4
    after = ingest([warcs["after"]], db)  # updates and deletes rows of the killed batch
    assert after.counters["new_versions"] == 1 and after.counters["duplicates_relinked"] == 2
    got = _state(db)
    assert got["not_found_by_index"] == [], "rows the indexes no longer find"
    assert got["orphans"] == 0
    assert got["articles"] == expected["articles"]
    lost, extra = expected["claims"] - got["claims"], got["claims"] - expected["claims"]
    assert not lost and not extra, f"claims lost {sum(lost.values())}, duplicated {sum(extra.values())}"
    assert got["figures"] == expected["figures"]


def test_repair_indexes_restores_entries_lost_before_the_fix(tmp_path):
    """A database checkpointed the old way after a killed write (a plain connect and close
    replays the WAL, and DuckDB 1.5.5 drops the replayed rows from the secondary indexes) is
    mended by `kb repair-indexes`: every row found through every index again, and the next
    ingest gives what an uninterrupted run gives."""
    import duckdb
    from typer.testing import CliRunner

    from kb.cli import app
    from kb.ingest.run import ingest

    warcs = _warcs(tmp_path)
    ref = tmp_path / "ref.duckdb"
    for name in ("first", "killed", "after"):
        ingest([warcs[name]], ref)
    expected = _state(ref)

    db = tmp_path / "kb.duckdb"
    ingest([warcs["first"]], db)
    _ingest_killed_after_commit(warcs["killed"], db)
    duckdb.connect(str(db)).close()  # what a writer did before the fix: replay, checkpoint on close
    assert _state(db)["not_found_by_index"], "the old checkpoint lost index entries (nothing to repair otherwise)"

    res = CliRunner().invoke(app, ["repair-indexes", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "claims_article" in res.output and "articles_text_sha" in res.output
    assert _state(db)["not_found_by_index"] == []
    ingest([warcs["killed"]], db)
    ingest([warcs["after"]], db)
    got = _state(db)
    assert got["not_found_by_index"] == [] and got["articles"] == expected["articles"]
    assert got["claims"] == expected["claims"] and got["figures"] == expected["figures"]
