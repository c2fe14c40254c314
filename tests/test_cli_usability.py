"""The command line as a new user meets it (issue 17): an empty query and a count below one
are usage errors, an unknown entity or article is a coded error that says so (with near
names), result tables show claim ids and whole sources and dates at 80 columns, and a cold
search says on a terminal what it is waiting for while its JSON stays clean."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import select
import subprocess
import sys

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kb.api import KB
from kb.cli import app
from kb.cli.search import hits_table
from kb.errors import BadInput
from tests.conftest import ROOT

runner = CliRunner()


def _env(**extra: str) -> dict[str, str]:
    """The environment of a console-script run: this checkout's kb, models offline."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", **extra}


def _kb(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kb.cli", *args], capture_output=True, text=True, timeout=300, env=_env(**env)
    )


@pytest.mark.parametrize("query", ["", "   ", "\t\n"], ids=["empty", "spaces", "whitespace"])
@pytest.mark.parametrize("where", [["search"], ["export", "--query"]], ids=["search", "export"])
def test_cli_blank_query_is_a_coded_usage_error(sample_db, where, query):
    res = runner.invoke(app, [*where, query, "--db", str(sample_db)])
    assert res.exit_code == 2, (res.output, res.exception)
    assert "[KB010]" in res.output and "empty" in res.output, res.output
    assert "no matching claims" not in res.output


COUNTED = [
    pytest.param(["search", "data"], id="search"),
    pytest.param(["claims"], id="claims"),
    pytest.param(["export", "--entity", "Musk"], id="export"),
    pytest.param(["contradictions"], id="contradictions"),
    pytest.param(["clusters"], id="clusters"),
    pytest.param(["history"], id="history"),
]


@pytest.mark.parametrize("value", ["-5", "0", "10001"])
@pytest.mark.parametrize("args", COUNTED)
def test_cli_limit_out_of_range_is_a_usage_error(sample_db, args, value):
    res = runner.invoke(app, [*args, "-n", value, "--db", str(sample_db)])
    assert res.exit_code == 2, (res.output, res.exception)
    shown = re.sub(r"[\s│]", "", res.output)
    bound = "lessthanorequalto10000" if value == "10001" else "greaterthanorequalto1"
    assert f"Invalidvaluefor'--limit'/'-n':Inputshouldbe{bound}" in shown, res.output


def test_cli_clusters_min_claims_below_one_is_a_usage_error(sample_db):
    res = runner.invoke(app, ["clusters", "--min-claims", "-3", "--db", str(sample_db)])
    assert res.exit_code == 2 and "--min-claims" in res.output, res.output


def test_cli_history_negative_limit_from_the_console_script_is_no_traceback(sample_db):
    proc = _kb("history", "-n", "-5", "--db", str(sample_db))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr.split("╭")[0]


def test_api_near_entities_reads_names_and_aliases(sample_db):
    kb = KB(db=sample_db)
    assert kb.near_entities("Elon Mosk")[0] == "Elon Musk"
    assert kb.near_entities("jensen hwang")[0] == "Jensen Huang"  # any case
    assert kb.near_entities("Zuckerburg")[0] == "Mark Zuckerberg"  # an alias, named by its canonical name
    assert kb.near_entities("Gartnr", limit=1) == ["Gartner"]
    assert kb.near_entities("qqqqqqqqqq") == []


def test_api_check_entity_accepts_what_the_entity_filter_matches(sample_db):
    kb = KB(db=sample_db)
    for name in ("Elon Musk", "musk", "Musk", "Huang", "Chips Act"):  # name, part of one, alias
        kb.check_entity(name)
    with pytest.raises(BadInput) as caught:
        kb.check_entity("Elon Mosk")
    assert "Elon Mosk" in caught.value.message and "did you mean Elon Musk" in caught.value.message


ENTITY_COMMANDS = [
    pytest.param(["export"], id="export"),
    pytest.param(["export", "--query", "data centres"], id="export-query"),
    pytest.param(["search", "data centres"], id="search"),
    pytest.param(["claims"], id="claims"),
    pytest.param(["contradictions"], id="contradictions"),
    pytest.param(["clusters"], id="clusters"),
]


@pytest.mark.parametrize("args", ENTITY_COMMANDS)
def test_cli_unknown_entity_is_a_coded_error_with_near_names(sample_db, args):
    res = runner.invoke(app, [*args, "--entity", "Elon Mosk", "--db", str(sample_db)])
    assert res.exit_code == 1, (res.output, res.exception)
    assert isinstance(res.exception, BadInput), res.exception
    message = str(res.exception)
    assert message.startswith("[KB010]") and "'Elon Mosk'" in message and "Elon Musk" in message, message
    assert res.stdout == ""


def test_cli_unknown_entity_without_near_names_says_there_is_none(sample_db):
    proc = _kb("export", "--entity", "Nobody Atall", "--db", str(sample_db))
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()  # one line, with its code
    assert "[KB010]" in line and "no person, organisation or other entity" in line and "'Nobody Atall'" in line
    assert "say which claims" not in line and proc.stdout == ""


def test_cli_known_entity_still_filters(sample_db):
    rows = [json.loads(x) for x in _run_ok("claims", "--entity", "Musk", "--json", "--db", str(sample_db)).splitlines()]
    assert rows and all("Elon Musk" in r["entities"] or r["speaker"] == "Elon Musk" for r in rows)
    bib = _run_ok("export", "--entity", "Musk", "-n", "2", "--db", str(sample_db))
    assert bib.count("@online{") == 2, bib[:300]


def _run_ok(*args: str) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, (args, res.output, res.exception)
    return res.stdout


def test_cli_history_of_an_unknown_url_is_a_coded_error(sample_db):
    res = runner.invoke(app, ["history", "http://nowhere.example/x", "--db", str(sample_db)])
    assert res.exit_code == 1 and isinstance(res.exception, BadInput), (res.output, res.exception)
    assert str(res.exception).startswith("[KB010] no article stored for 'http://nowhere.example/x'")
    proc = _kb("history", "http://nowhere.example/x", "--db", str(sample_db))
    (line,) = proc.stderr.strip().splitlines()
    assert proc.returncode == 1 and "[KB010]" in line and proc.stdout == ""


def _rows_uncut(text: str, hits) -> None:
    """Each hit's id, source and full date stand whole on one line of the rendered table."""
    lines = text.splitlines()
    assert "…" not in text, text
    assert all(len(line) <= 80 for line in lines), max(len(line) for line in lines)
    for h in hits:
        assert any(re.match(rf"│\s*{h.claim_id}\s*│", line) for line in lines), (h.claim_id, text)
        assert any(f" {h.source} " in line for line in lines), (h.source, text)
        if h.published_at:
            assert any(f" {h.published_at:%Y-%m-%d} " in line for line in lines), (h.published_at, text)


@pytest.mark.parametrize("show_score", [True, False], ids=["search", "claims"])
def test_cli_result_table_fits_80_columns_with_ids_sources_and_dates_whole(sample_db, show_score):
    hits = KB(db=sample_db).claims(limit=400)
    assert {len(h.source or "") for h in hits} >= {21}  # siliconherald.example
    for h in hits:
        h.score = 0.6706
    console = Console(file=io.StringIO(), width=80)
    console.print(hits_table(hits, show_score))
    _rows_uncut(console.file.getvalue(), hits)


def test_cli_claims_at_80_columns_shows_ids_sources_and_dates_whole(sample_db):
    proc = _kb("claims", "-n", "60", "--db", str(sample_db), COLUMNS="80")
    assert proc.returncode == 0, proc.stderr
    _rows_uncut(proc.stdout, KB(db=sample_db).claims(limit=60))


def test_cli_cold_search_says_on_a_terminal_what_it_waits_for_and_keeps_json_clean(sample_db):
    """stderr on a pseudo-terminal (as in a shell), stdout piped (as into jq)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kb.cli", "search", "Musk GPUs", "-n", "3", "--json", "--db", str(sample_db)],
        stdout=subprocess.PIPE,
        stderr=slave,
        env=_env(TERM="xterm", COLUMNS="80"),
    )
    os.close(slave)
    shown = b""
    while True:  # drain the terminal while the command runs (a full pty would block it)
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the command closed its end
                break
            if not chunk:
                break
            shown += chunk
        elif proc.poll() is not None:
            break
    stdout, _ = proc.communicate(timeout=300)
    os.close(master)
    assert proc.returncode == 0, shown
    assert b"loading the embedding model" in shown and b"searching" in shown, shown
    rows = [json.loads(line) for line in stdout.decode().splitlines()]
    assert len(rows) == 3 and all("claim_id" in r for r in rows)


def test_cli_search_with_stderr_not_a_terminal_prints_no_progress(sample_db):
    proc = _kb("search", "Musk GPUs", "-n", "2", "--json", "--db", str(sample_db))
    assert proc.returncode == 0, proc.stderr
    assert "loading" not in proc.stderr and "searching" not in proc.stderr, proc.stderr
    assert len([json.loads(line) for line in proc.stdout.splitlines()]) == 2
