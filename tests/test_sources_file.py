"""A malformed ``sources.toml`` is one clear line from ``kb crawl`` / ``kb nightly`` (the
file, where, what, and for a misspelt key what was meant), exit status 2, and no crawl
started; never a Scrapy banner and a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from crawler.sources import SourcesError, load_sources
from tests.conftest import ROOT

GOOD = '[[source]]\nname = "Wire"\nfeeds = ["http://wire.example/feed.xml"]\n'

CASES = [
    # not TOML: the array is never closed
    pytest.param(
        '[[source]]\nname = "Wire"\nfeeds = ["http://wire.example/feed.xml"\n',
        ["line 4, column 1", "not valid TOML"],
        id="syntax",
    ),
    pytest.param('[[source]]\nname = "Wire" x\n', ["line 2, column 15", "not valid TOML"], id="syntax-column"),
    pytest.param(
        '[[source]]\nname = "Wire"\nfeed = ["http://wire.example/feed.xml"]\n',
        ["line 3", "source 'Wire'", "unknown key 'feed'", "did you mean 'feeds'?"],
        id="unknown-source-key",
    ),
    pytest.param(
        GOOD + 'allowed_domain = ["wire.example"]\n',
        ["line 4", "unknown key 'allowed_domain'", "did you mean 'allowed_domains'?"],
        id="unknown-second-key",
    ),
    pytest.param(
        '[[sources]]\nname = "Wire"\nfeeds = ["http://wire.example/feed.xml"]\n',
        ["line 1", "unknown key 'sources'", "did you mean 'source'?"],
        id="unknown-top-level-table",
    ),
    pytest.param(
        'user_agent = "me"\n' + GOOD,
        ["line 1", "unknown key 'user_agent' at the top level", "source"],
        id="unknown-top-level-key",
    ),
    pytest.param(
        '[[source]]\nname = "Wire"\nfeeds = "http://wire.example/feed.xml"\n',
        ["source 'Wire'", "feeds must be a list of strings", "a string", "line 3"],
        id="string-for-list",
    ),
    pytest.param(
        '[source]\nname = "Wire"\nfeeds = ["http://wire.example/feed.xml"]\n',
        ["[[source]]", "not [source]"],
        id="table-not-array",
    ),
    pytest.param(GOOD + "max_pages = true\n", ["source 'Wire'", "max_pages must be a positive integer"], id="bool-int"),
    pytest.param(GOOD + GOOD, ["two sources are named 'Wire'"], id="duplicate-name"),
]


def _kb(*args: str, cwd) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    return subprocess.run(
        [sys.executable, "-m", "kb.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(("toml", "expected"), CASES)
def test_sources_file_errors_say_where_and_what(tmp_path, toml, expected):
    path = tmp_path / "sources.toml"
    path.write_text(toml)
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    message = str(caught.value)
    assert message.startswith(f"{path}"), message
    assert "\n" not in message
    for part in expected:
        assert part in message, message


@pytest.mark.parametrize("command", ["crawl", "nightly"])
def test_kb_crawl_with_a_malformed_sources_file_is_one_line_and_starts_nothing(tmp_path, command):
    (tmp_path / "sources.toml").write_text('[[source]]\nname = "Wire"\nfeed = ["http://wire.example/feed.xml"]\n')
    extra = ["--reports", "reports"] if command == "nightly" else []
    proc = _kb(command, "--sources", "sources.toml", "--warc-dir", "warc", "--db", "kb.duckdb", *extra, cwd=tmp_path)
    shown = (proc.stdout + proc.stderr).strip().splitlines()
    assert proc.returncode == 2, shown
    assert len(shown) <= 3, shown
    assert "[KB010]" in shown[0] and "sources.toml, line 3" in shown[0] and "did you mean 'feeds'?" in shown[0]
    assert "Traceback" not in proc.stderr and "Scrapy" not in proc.stderr
    assert not (tmp_path / "warc").exists() and not (tmp_path / "reports").exists(), "no crawl started"


def test_kb_crawl_syntax_error_gives_line_and_column(tmp_path):
    (tmp_path / "sources.toml").write_text('[[source]]\nname = "Wire" x\n')
    proc = _kb("crawl", "--sources", "sources.toml", "--warc-dir", "warc", "--db", "kb.duckdb", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = (proc.stdout + proc.stderr).strip().splitlines()
    assert "sources.toml, line 2, column 15: not valid TOML" in line, line
