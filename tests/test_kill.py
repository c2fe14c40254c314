"""Kill the real crawler and the real ingest mid-way (SIGKILL, SIGTERM, SIGINT), re-run:
no article lost, none archived or stored twice, no half-written ingest batch visible."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from kb.ops.crawl import crawl
from tests.conftest import SAMPLE_SITE, SAMPLE_SOURCES
from tests.warcs import site_pages, write_warc

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parent.parent
SLOW = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0.05", "LOG_LEVEL": "WARNING"}


def _responses(warc_dir: Path) -> Counter:
    seen: Counter = Counter()
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            try:
                for rec in ArchiveIterator(fh):
                    if rec.rec_type == "response":
                        seen[rec.rec_headers.get_header("WARC-Target-URI")] += 1
            except Exception:  # a recovered file ends in a torn record: the ones before it count
                pass
    return seen


def test_kill_crawl_with_sigkill_and_rerun_loses_and_duplicates_nothing(tmp_path):
    from kb.ops import sample_site

    server, _, port = sample_site.serve(SAMPLE_SITE)
    warc = tmp_path / "warc"
    sources = SAMPLE_SOURCES
    env = dict(
        os.environ,
        SCRAPY_SETTINGS_MODULE="crawler.settings",
        PYTHONPATH=str(ROOT),
        http_proxy=f"http://127.0.0.1:{port}",
    )
    env.pop("no_proxy", None)
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sources={sources}", "-s", f"WARC_DIR={warc}"]
    for k, v in SLOW.items():
        cmd += ["-s", f"{k}={v}"]
    try:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline and sum(_responses_open(warc).values()) < 20:
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert list(warc.glob("*.warc.gz.open")), "the kill should leave a file being written"
        s = crawl(sources, [], warc, proxy=f"http://127.0.0.1:{port}", settings={**SLOW, "DOWNLOAD_DELAY": "0"})
    finally:
        server.shutdown()
    assert s["stats"]["kb/warc/recovered_files"] == 1
    counts = _responses(warc)
    manifest = json.loads((SAMPLE_SITE / "manifest.json").read_text())
    articles = {a["url"] for a in manifest["articles"]}
    assert articles <= set(counts), f"lost: {sorted(articles - set(counts))}"
    assert [u for u in articles if counts[u] > 1] == [], "archived twice"
    assert s["stats"]["kb/skipped/already_captured"] >= 1  # the re-run did not start over


def _responses_open(warc_dir: Path) -> Counter:
    """Response records already flushed to the ``.open`` file (one gzip member per record)."""
    import zlib

    total = 0
    for path in warc_dir.glob("*.open"):
        data = path.read_bytes()
        while data:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                chunk = d.decompress(data)
            except zlib.error:
                break
            if not d.eof:
                break
            total += chunk.count(b"WARC-Type: response")
            data = d.unused_data
    return Counter({"records": total})


# -- crawl: SIGINT / SIGTERM stop it gracefully; the re-run finishes the job ------------------
def _crawl_cmd(sources: Path, warc: Path, summary: Path) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "news",
        "-a",
        f"sources={sources}",
        "-s",
        f"WARC_DIR={warc}",
        "-s",
        f"KB_SUMMARY_PATH={summary}",
    ]
    for k, v in SLOW.items():
        cmd += ["-s", f"{k}={v}"]
    return cmd


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_crawl_stops_cleanly_on_signal_and_rerun_finishes(tmp_path, sig):
    from kb.ops import sample_site

    server, _, port = sample_site.serve(SAMPLE_SITE)
    warc, summary = tmp_path / "warc", tmp_path / "stopped.summary.json"
    sources = SAMPLE_SOURCES
    env = dict(
        os.environ,
        SCRAPY_SETTINGS_MODULE="crawler.settings",
        PYTHONPATH=str(ROOT),
        http_proxy=f"http://127.0.0.1:{port}",
    )
    env.pop("no_proxy", None)
    try:
        proc = subprocess.Popen(
            _crawl_cmd(sources, warc, summary), env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.time() + 60
        while time.time() < deadline and sum(_responses_open(warc).values()) < 10:
            time.sleep(0.1)
        assert proc.poll() is None, "the crawl finished before the signal: nothing was tested"
        os.kill(proc.pid, sig)
        proc.wait(timeout=60)  # Scrapy's graceful shutdown: in-flight requests finish, the spider closes
        stopped = json.loads(summary.read_text())
        assert stopped["finish_reason"] == "shutdown"
        assert not list(warc.glob("*.warc.gz.open")), "the WARC being written was closed, not left open"
        assert stopped["archived"] >= 10 and stopped["warc_files"]
        s = crawl(
            sources, [], warc, proxy=f"http://127.0.0.1:{port}", settings={**SLOW, "DOWNLOAD_DELAY": "0"}, quiet=True
        )
    finally:
        server.shutdown()
    assert "kb/warc/recovered_files" not in s["stats"]  # nothing torn to recover
    assert s["finish_reason"] == "finished" and s["stats"]["kb/skipped/already_captured"] >= 1
    counts = _responses(warc)
    articles = {a["url"] for a in json.loads((SAMPLE_SITE / "manifest.json").read_text())["articles"]}
    assert articles <= set(counts), f"lost: {sorted(articles - set(counts))}"
    assert [u for u in articles if counts[u] > 1] == [], "archived twice"


# -- ingest: SIGKILL / SIGTERM / SIGINT mid-way, then the re-run ------------------------------
BATCH = 2
N_ARTICLES = 8


@pytest.fixture(scope="module")
def kill_warc(tmp_path_factory) -> Path:
    """Eight sample-site articles (four batches of two) in one WARC."""
    manifest = json.loads((SAMPLE_SITE / "manifest.json").read_text())
    wanted = {a["url"] for a in manifest["articles"][:N_ARTICLES]}
    pages = [p for p in site_pages(SAMPLE_SITE) if p[0] in wanted]
    assert len(pages) == N_ARTICLES
    return write_warc(tmp_path_factory.mktemp("killwarc") / "kill.warc.gz", pages)


def _snapshot(db: Path) -> dict:
    """What a reader sees: captures, articles per URL, claims (url, span, text) as multisets,
    and rows that point at nothing."""
    from kb.store.connection import Store

    with Store(db).read(keep=False) as con:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        return {
            "captures": q("SELECT count(*) FROM captures")[0][0],
            "articles": Counter(u for (u,) in q("SELECT url FROM articles")),
            "claims": Counter(
                q("SELECT a.url, c.char_start, c.char_end, c.text FROM claims c JOIN articles a USING (article_id)")
            ),
            "orphans": q(
                "SELECT (SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT article_id FROM articles))"
                " + (SELECT count(*) FROM articles WHERE capture_id NOT IN (SELECT capture_id FROM captures))"
                " + (SELECT count(*) FROM captures WHERE outcome = 'article' AND capture_id NOT IN "
                "(SELECT capture_id FROM articles))"
            )[0][0],
        }


@pytest.fixture(scope="module")
def reference(kill_warc, tmp_path_factory) -> dict:
    """The same WARC ingested without interruption (in this process)."""
    from dataclasses import replace

    from kb.config import IngestSettings
    from kb.ingest.run import ingest

    db = tmp_path_factory.mktemp("refdb") / "kb.duckdb"
    ingest([kill_warc], db, replace(IngestSettings(), batch_size=BATCH))
    snap = _snapshot(db)
    assert sum(snap["articles"].values()) == N_ARTICLES and snap["claims"]
    return snap


def _committed(db: Path) -> int:
    import duckdb

    try:
        con = duckdb.connect(str(db), read_only=True)
    except (duckdb.Error, OSError):
        return 0  # not created yet, or the writer holds it right now
    try:
        return con.execute("SELECT count(*) FROM captures").fetchone()[0]
    except duckdb.Error:
        return 0
    finally:
        con.close()


def _ingest_cmd(warc: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "kb.cli", "ingest", str(warc), "--db", str(db), "--batch-size", str(BATCH), "--json"]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["SIGKILL", "SIGTERM", "SIGINT"])
def test_ingest_interrupted_midway_then_rerun_loses_and_duplicates_nothing(tmp_path, kill_warc, reference, sig):
    db, log = tmp_path / "kb.duckdb", tmp_path / "ingest.stderr"
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    with open(log, "w") as err:
        proc = subprocess.Popen(_ingest_cmd(kill_warc, db), env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None and _committed(db) < BATCH:
            time.sleep(0.05)
        assert proc.poll() is None, "the ingest finished before the signal: nothing was tested"
        os.kill(proc.pid, sig)
        code = proc.wait(timeout=60)
    message = log.read_text()
    if sig == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:  # stopped by its handler: 128 + signal, a message that says what to do
        assert code == 128 + sig, f"exit {code}: {message[-2000:]}"
        assert f"stopped by {signal.Signals(sig).name}" in message and "run it again" in message

    # what a reader sees after the interruption: whole batches only, every one complete
    mid = _snapshot(db)
    assert 0 < mid["captures"] < N_ARTICLES, "interrupted mid-way"
    assert mid["captures"] % BATCH == 0, "half a batch is visible"
    assert mid["orphans"] == 0
    for url, n in mid["articles"].items():
        assert n == 1 and sum(v for k, v in mid["claims"].items() if k[0] == url) == sum(
            v for k, v in reference["claims"].items() if k[0] == url
        ), f"{url}: claims of a half-written batch"

    # the re-run (in this process: the models are loaded already; the code is the CLI's)
    from dataclasses import replace

    from kb.config import IngestSettings
    from kb.ingest.run import ingest

    rerun = ingest([kill_warc], db, replace(IngestSettings(), batch_size=BATCH))
    assert rerun.counters["already_ingested"] == mid["captures"]  # it did not start over
    final = _snapshot(db)
    assert final["orphans"] == 0
    assert final["articles"] == reference["articles"], "an article lost or stored twice"
    lost, dup = reference["claims"] - final["claims"], final["claims"] - reference["claims"]
    assert not lost and not dup, f"claims lost {sum(lost.values())}, duplicated {sum(dup.values())}"


def test_rerun_after_a_kill_between_commit_and_index_rebuild_indexes_every_claim(tmp_path, kill_warc):
    """The state a kill leaves when it lands after the last batch commit and before the
    search index rebuild, built deterministically; the re-run must leave every claim in
    the BM25 index."""
    from dataclasses import replace

    from kb.config import IndexSettings, IngestSettings
    from kb.ingest.batch import process_batch
    from kb.ingest.run import ingest
    from kb.ingest.warc import read_captures
    from kb.nlp import embed, pipeline
    from kb.store.connection import Store
    from kb.store.writer import BatchWriter

    settings = replace(IngestSettings(), batch_size=BATCH)
    urls = [c.url for c in read_captures(kill_warc)]
    pages = {p[0]: p for p in site_pages(SAMPLE_SITE)}
    first = write_warc(tmp_path / "w" / "first.warc.gz", [pages[urls[0]]])
    second = write_warc(tmp_path / "w" / "second.warc.gz", [pages[u] for u in urls[1:3]])
    db = tmp_path / "kb.duckdb"
    ingest([first], db, settings)  # an earlier, complete run: the index exists
    writer = BatchWriter(Store(db))
    writer.write(
        process_batch(list(read_captures(second)), writer.known_text_hashes, settings),
        pipeline.model_version(),
        embed.model_version(),
    )  # committed; then "killed" before the rebuild
    ingest([tmp_path / "w"], db, settings)  # the re-run: nothing new to add
    with Store(db).read() as con:
        claims = {r[0] for r in con.execute("SELECT claim_id FROM claims").fetchall()}
    # the BM25 side file the re-run saved (read from disk, not this process's cache) covers every claim
    from kb.search import index
    from kb.search.index import bm25

    index.clear_cache()
    with Store(db).read() as con:
        saved = bm25.SIDE.read(con, db, IndexSettings(), view=False)
    assert saved is not None, "the re-run saved no search index"
    assert {int(i) for i in saved.ids[saved.alive]} | {int(i) for i in saved.delta_ids} == claims


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_ingest_workers_exit_when_the_ingest_is_killed(tmp_path, sample_warc):
    """kill -9 of an ingest whose NLP runs in worker processes (kb.nlp.parallel) leaves no
    worker behind holding a model in memory."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", KB_NLP_PROCESSES="2")
    cmd = [
        sys.executable,
        "-m",
        "kb.cli",
        "ingest",
        str(sample_warc),
        "--db",
        str(tmp_path / "kb.duckdb"),
        "--batch-size",
        "32",
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, workers = time.time() + 120, set()
        while time.time() < deadline and proc.poll() is None and len(workers) < 2:
            workers = (
                {
                    p
                    for p in _children(proc.pid)
                    if "multiprocessing.spawn" in Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace")
                }
                if Path(f"/proc/{proc.pid}").exists()
                else set()
            )
            time.sleep(0.1)
        assert len(workers) >= 2, "the ingest finished or never started its workers: nothing was tested"
        everything = _descendants(proc.pid)  # the workers and multiprocessing's resource tracker
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    left = _outlived(everything, 15)
    assert not left, f"processes outlived the killed ingest: {left}"


# -- kill -9 of the launcher: its crawl child (and every other descendant) goes too ----------
def _descendants(pid: int) -> set[int]:
    out, todo = set(), [pid]
    while todo:
        kids = _children(todo.pop()) - out
        out |= kids
        todo += kids
    return out


def _outlived(pids: set[int], seconds: float) -> list[int]:
    """The pids still alive ``seconds`` later; those are then killed, so that a failing test
    leaves nothing crawling behind it."""
    deadline = time.time() + seconds
    while time.time() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    left = sorted(p for p in pids if _alive(p))
    for p in left:
        os.kill(p, signal.SIGKILL)
    return left


# One request per second per host, at most two in the downloader: the whole crawl takes
# 20-40 s, so an orphaned crawler would still be fetching well after the 8 s the tests give
# the children to go, while a graceful shutdown (which lets the requests already in the
# downloader go out, each after its host's delay) takes 1-3 s.
VERY_SLOW = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "1",
    "DOWNLOAD_DELAY_JITTER": "0",
    "CONCURRENT_REQUESTS": "2",
    "LOG_LEVEL": "WARNING",
}
GONE_WITHIN_S = 8


def _kill_launcher_mid_crawl(proc: subprocess.Popen, warc: Path, records: int) -> set[int]:
    """Wait until the crawl archived ``records`` responses, SIGKILL the launcher (``proc``);
    return its descendants as they were just before the kill."""
    deadline = time.time() + 90
    while time.time() < deadline and proc.poll() is None and sum(_responses_open(warc).values()) < records:
        time.sleep(0.1)
    kids = _descendants(proc.pid)
    assert proc.poll() is None, "the launcher finished before the kill: nothing was tested"
    assert kids, "no crawl child found"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    return kids


def test_kill9_of_kb_crawl_stops_its_scrapy_child_cleanly_and_rerun_finishes(tmp_path):
    """``kill -9`` of ``kb crawl`` gives the launcher no chance to stop its Scrapy child
    (which runs in its own session); the child must notice and shut down by itself
    (Scrapy's graceful shutdown: WARC closed, summary written), not crawl on."""
    from kb.ops import sample_site

    server, _, port = sample_site.serve(SAMPLE_SITE)
    warc = tmp_path / "warc"
    sources = SAMPLE_SOURCES
    proxy = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "kb.cli",
        "crawl",
        "--sources",
        str(sources),
        "--warc-dir",
        str(warc),
        "--proxy",
        proxy,
        "--db",
        str(tmp_path / "kb.duckdb"),
    ]
    for k, v in VERY_SLOW.items():
        cmd += ["-s", f"{k}={v}"]
    try:
        proc = subprocess.Popen(
            cmd,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        kids = _kill_launcher_mid_crawl(proc, warc, 5)
        left = _outlived(kids, GONE_WITHIN_S)
        assert not left, f"processes of the killed `kb crawl` still running: {left}"
        (summary,) = warc.glob("*.summary.json")
        stopped = json.loads(summary.read_text())
        assert stopped["finish_reason"] == "shutdown", "stopped cleanly, by Scrapy"
        assert stopped["stats"]["kb/stopped/launcher_gone"] == 1
        assert not list(warc.glob("*.warc.gz.open")), "the WARC being written was closed"
        s = crawl(sources, [], warc, proxy=proxy, settings={**SLOW, "DOWNLOAD_DELAY": "0"}, quiet=True)
    finally:
        server.shutdown()
    assert s["finish_reason"] == "finished" and s["stats"]["kb/skipped/already_captured"] >= 1
    counts = _responses(warc)
    articles = {a["url"] for a in json.loads((SAMPLE_SITE / "manifest.json").read_text())["articles"]}
    assert articles <= set(counts), f"lost: {sorted(articles - set(counts))}"
    assert [u for u in articles if counts[u] > 1] == [], "archived twice"


NIGHTLY = """
import sys
from pathlib import Path
from kb.config import Settings
from kb.ops.nightly import nightly
nightly(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), sample_site=Settings().sample_site,
        crawl_settings=dict(arg.split("=", 1) for arg in sys.argv[5:]))
"""


def test_kill9_of_kb_nightly_mid_crawl_leaves_no_process_and_rerun_stores_each_article_once(tmp_path):
    """``kb nightly`` (its crawl slowed down: the CLI has no setting for it, so the same
    function is run with ``python -c``) killed with SIGKILL mid-crawl: nothing it started
    survives it, and the next nightly run crawls and ingests the rest, every article once."""
    from kb.ops.nightly import nightly

    sources = tmp_path / "sources.toml"  # one outlet of the sample site: 9 articles, a short ingest
    sources.write_text(
        '[[source]]\nname = "TechWire Asia"\nfeeds = ["http://techwire.example/feed.xml"]\n'
        'start_pages = ["http://techwire.example/"]\nallowed_domains = ["techwire.example"]\n'
    )
    warc, db, reports = tmp_path / "warc", tmp_path / "kb.duckdb", tmp_path / "reports"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            NIGHTLY,
            str(sources),
            str(warc),
            str(db),
            str(reports),
            *(f"{k}={v}" for k, v in VERY_SLOW.items()),
        ],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    kids = _kill_launcher_mid_crawl(proc, warc, 3)
    left = _outlived(kids, GONE_WITHIN_S)
    assert not left, f"processes of the killed `kb nightly` still running: {left}"

    r = nightly(sources, warc, db, reports, sample_site=SAMPLE_SITE)
    assert r["exit_code"] == 0, r["errors"]
    counts = _responses(warc)
    manifest = json.loads((SAMPLE_SITE / "manifest.json").read_text())
    articles = {a["url"] for a in manifest["articles"] if a["url"].startswith("http://techwire.example/")}
    assert articles and articles <= set(counts), f"lost: {sorted(articles - set(counts))}"
    assert [u for u in articles if counts[u] > 1] == [], "archived twice"
    snap = _snapshot(db)
    assert set(snap["articles"]) == articles and set(snap["articles"].values()) == {1}
    assert snap["orphans"] == 0


def test_crawl_whose_launcher_is_already_gone_does_not_start(tmp_path):
    """A launcher killed in the seconds before the crawl asked for the kernel's signal: the
    kernel will never send it, so the crawl sees that its parent is not the launcher and
    exits before opening anything (here the launcher is "gone" because the pid given is not
    the parent's)."""
    not_the_parent = os.getppid()  # alive, but not the crawl's parent (that is this process)
    warc = tmp_path / "warc"
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "news",
        "-a",
        "urls=http://127.0.0.1:9/never.html",
        "-s",
        f"WARC_DIR={warc}",
        "-s",
        f"KB_PARENT_PID={not_the_parent}",
    ]
    proc = subprocess.run(
        cmd,
        env=dict(os.environ, SCRAPY_SETTINGS_MODULE="crawler.settings", PYTHONPATH=str(ROOT)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert f"the launcher of this crawl (pid {not_the_parent}) is gone: not crawling" in proc.stderr
    assert not list(warc.glob("*.warc.gz*")), "nothing was opened"
