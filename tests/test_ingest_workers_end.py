"""The ingest worker processes (~800 MB each) end when ingest ends: `make run` goes on to
become the app (kb demo execs kb ui in the same process), which must not keep them alive,
and at its exit multiprocessing must not find leaked semaphores."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_SITE

pytestmark = pytest.mark.integration


def workers_of(pid: int) -> list[str]:
    """Command lines of the multiprocessing workers among the children of ``pid`` (/proc;
    multiprocessing's resource tracker is a child too, and legitimately lives on)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue  # gone meanwhile
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z" and "spawn_main" in cmdline:
            found.append(cmdline)
    return found


@pytest.fixture(scope="module")
def outlet_warc(tmp_path_factory) -> Path:
    """One outlet's pages: more than one chunk of articles, so ingest starts its workers."""
    from tests.warcs import site_pages, write_warc

    pages = [p for p in site_pages(SAMPLE_SITE) if p[0].startswith("http://techwire.example/")]
    return write_warc(tmp_path_factory.mktemp("warc") / "techwire.warc.gz", pages)


def test_no_worker_process_outlives_kb_ingest(outlet_warc, tmp_path):
    from kb.api import KB
    from kb.config import IngestSettings, Settings

    kb = KB(Settings(db=tmp_path / "kb.duckdb", ingest=IngestSettings(nlp_processes=2)))
    during: list[int] = []
    report = kb.ingest([outlet_warc], on_batch=lambda r: during.append(len(workers_of(os.getpid()))))
    assert max(during) == 2  # the workers did run
    assert report.counters["articles"] >= 9
    assert workers_of(os.getpid()) == []


def test_a_process_that_goes_on_after_ingest_has_no_workers_and_leaks_nothing(outlet_warc, tmp_path):
    """As `kb demo` does: ingest, then exec into something else in the same process."""
    # the program exec'd into: counts the multiprocessing workers among its own children
    after = textwrap.dedent("""
        import os, pathlib
        def child_worker(p):
            try:
                ppid = p.joinpath("stat").read_text().rsplit(")", 1)[1].split()[1]
                return ppid == str(os.getpid()) and b"spawn_main" in p.joinpath("cmdline").read_bytes()
            except (OSError, IndexError):
                return False  # gone meanwhile
        print("workers after exec:", sum(map(child_worker, pathlib.Path("/proc").glob("[0-9]*"))))
    """)
    script = textwrap.dedent(f"""
        import os, sys
        from kb.api import KB
        from kb.config import IngestSettings, Settings
        KB(Settings(db={str(tmp_path / "kb.duckdb")!r}, ingest=IngestSettings(nlp_processes=2))).ingest([{str(outlet_warc)!r}])
        sys.stdout.flush()
        os.execv(sys.executable, [sys.executable, "-c", {after!r}])
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "workers after exec: 0" in done.stdout, done.stdout
    assert "leaked semaphore" not in done.stderr, done.stderr[-3000:]


def test_kb_ingest_command_leaks_no_semaphores(outlet_warc, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, "-m", "kb.cli", "ingest", str(outlet_warc), "--db", str(tmp_path / "kb.duckdb"), "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert '"articles"' in done.stdout
    assert "leaked semaphore" not in done.stderr, done.stderr[-3000:]
    # bm25s set its own logger to DEBUG: "DEBUG bm25s: Building index from tokens" in every ingest
    assert "DEBUG" not in done.stderr, done.stderr[-3000:]
