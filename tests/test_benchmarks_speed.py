"""The speed benchmarks' entry points (`python -m benchmarks.search_speed`, `.ingest_speed`,
`.gen_corpus`) on tiny inputs written here (never ../shared/eval). What they measure is not
asserted: only that they run, take the options the Makefile passes and print their tables."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from benchmarks import gen_corpus, ingest_speed, search_speed
from tests.test_bench_retrieval import CLAIMS, QUERIES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def clef_text(tmp_path) -> tuple[Path, Path]:
    claims = tmp_path / "claims.tsv"
    claims.write_text("vclaim_id\tvclaim\ttitle\n" + "".join(f"{i}\t{c}\t{t}\n" for i, c, t in CLAIMS))
    queries = tmp_path / "queries.tsv"
    queries.write_text("tweet_id\ttweet_content\n" + "".join(f"{i}\t{q}\n" for i, q in QUERIES))
    return claims, queries


def test_search_speed_runs_on_tiny_claims(clef_text, tmp_path):
    """40 synthetic claims from 5 real ones: the before and after paths, the legs and the
    search-only child process (the hidden --searcher option) all report."""
    claims, queries = clef_text
    args = ["--sizes", "40", "--real", "5", "--queries", "3", "--before-queries", "2", "--workdir", str(tmp_path)]
    res = CliRunner().invoke(
        search_speed.app, [*args, "--claims-tsv", str(claims), "--queries-tsv", str(queries)], catch_exceptions=False
    )
    assert res.exit_code == 0, res.output
    row = next(ast.literal_eval(line) for line in res.output.splitlines() if line.startswith("{"))
    assert row["claims"] == 40 and row["bm25_top10_same"] == 1.0
    for key in ("before_p50", "after_p50", "fts_p50", "bm25s_p50", "numpy_p50", "child_p50", "child_peak_mib"):
        assert row[key] > 0, key
    assert "end to end (ms unless marked s):" in res.output and "| 40 |" in res.output


def _result(config: str, articles: int) -> dict:
    return {
        "config": config,
        "kb": "/src/kb",
        "seconds": 2.0,
        "load_seconds": 1.0,
        "articles": articles,
        "claims": 3 * articles,
        "stages": {"nlp": 1.0},
        "worker_cpu": {},
        "cpu_main": 1.5,
        "cpu_workers": 0.0,
        "rss_main_mib": 900.0,
        "rss_worker_mib": 0.0,
        "load_avg": "1.0 → 1.0",
    }


def test_ingest_speed_runs_each_config_and_prints_tables(monkeypatch, tmp_path):
    runs = []
    monkeypatch.setattr(ingest_speed, "corpus", lambda n, base, seed: base / f"{n}-seed{seed}")

    def fake_run(config, warc, src=None):
        runs.append((config, warc.name, src))
        return _result(config, int(warc.name.split("-")[0]))

    monkeypatch.setattr(ingest_speed, "run", fake_run)
    args = ["--sizes", "5", "--naive-size", "2", "--corpus-dir", str(tmp_path), "--before-src", str(tmp_path / "old")]
    res = CliRunner().invoke(ingest_speed.app, args)
    assert res.exit_code == 0, res.output
    assert runs == [("naive", "2-seed7", None), ("before", "5-seed7", tmp_path / "old"), ("ours", "5-seed7", None)]
    assert "### 5 articles" in res.output
    assert "| naive (smaller corpus) | 2 | 6 | 2.0 | 1.00 | 1.0× |" in res.output
    assert "| ours | 5 | 15 | 2.0 | 2.50 | 2.5× |" in res.output
    assert "| nlp | 1.0 | 1.0 | 1.0 |" in res.output


@pytest.mark.parametrize(
    ("layout", "script"),
    [
        ("kb/ingestbench.py", "kb/ingestbench.py"),  # before the benchmarks moved out of kb/
        ("benchmarks/ingest_speed.py", "benchmarks/ingest_speed.py"),
        (None, None),  # this tree: the module, from the repository root
    ],
)
def test_ingest_speed_runs_a_child_of_the_right_tree(monkeypatch, tmp_path, layout, script):
    src = None
    if layout:
        src = tmp_path / "src"
        (src / layout).parent.mkdir(parents=True)
        (src / layout).write_text("")
    calls = []

    def fake_subprocess_run(cmd, env, capture_output, text, cwd):
        calls.append((cmd, env, cwd))
        return subprocess.CompletedProcess(cmd, 0, stdout="loading\n" + json.dumps(_result("ours", 3)) + "\n")

    monkeypatch.setattr(ingest_speed.subprocess, "run", fake_subprocess_run)
    result = ingest_speed.run("before" if src else "ours", tmp_path / "warc", src)
    cmd, env, cwd = calls[0]
    assert cmd[0] == sys.executable and cmd[-4:] == ["--warc", str(tmp_path / "warc"), "--db", cmd[-1]]
    if src is None:
        assert cmd[1:5] == ["-m", "benchmarks.ingest_speed", "--child", "ours"] and cwd == ingest_speed.ROOT
    else:
        assert cmd[1:4] == [str(src / script), "--child", "ours"] and env["PYTHONPATH"] == str(src)
        assert result["config"] == "before"


def test_ingest_speed_refuses_a_tree_without_a_harness(tmp_path):
    (tmp_path / "kb").mkdir()
    with pytest.raises(SystemExit, match="neither benchmarks/ingest_speed.py nor kb/ingestbench.py"):
        ingest_speed.run("before", tmp_path / "warc", tmp_path)


def test_ingest_speed_reports_a_failed_child(monkeypatch, tmp_path):
    monkeypatch.setattr(
        ingest_speed.subprocess, "run", lambda cmd, **kw: subprocess.CompletedProcess(cmd, 1, stdout="", stderr="boom")
    )
    with pytest.raises(SystemExit, match="ours run failed:\nboom"):
        ingest_speed.run("ours", tmp_path / "warc")


def test_gen_corpus_writes_warc_records_as_the_crawler_does(tmp_path):
    res = CliRunner().invoke(
        gen_corpus.app, ["--articles", "3", "--out", str(tmp_path), "--seed", "1", "--per-file", "2"]
    )
    assert res.exit_code == 0, res.output
    files = sorted(tmp_path.glob("*.warc.gz"))
    assert [f.name for f in files] == ["corpus-1-00000.warc.gz", "corpus-1-00001.warc.gz"]
    records = [r for f in files for r in ArchiveIterator(f.open("rb"))]
    assert [r.rec_type for r in records] == ["response"] * 3
    urls = {r.rec_headers.get_header("WARC-Target-URI") for r in records}
    assert len(urls) == 3
    for r in records:
        assert r.rec_headers.get_header("WARC-KB-Role") == "article"
        assert r.rec_headers.get_header("WARC-KB-Source")


def test_gen_corpus_articles_are_deterministic():
    templates = gen_corpus.load_templates()
    people, orgs = ["Jensen Huang", "Priya Raman"], ["Omdia"]
    a = gen_corpus.make_article(4, 7, templates, people, orgs)
    assert a == gen_corpus.make_article(4, 7, templates, people, orgs)
    assert a[0] != gen_corpus.make_article(5, 7, templates, people, orgs)[0]
