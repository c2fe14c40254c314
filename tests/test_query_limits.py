"""The query's length is capped everywhere a query comes in: the facade (``KB.search``), the
command line (``kb search``, ``kb export --query``) and the app (tests/test_ui_app.py). A
289,000-character query once grew the app's server by 640 MB; now it is refused, with the
cap in the message, before any model or index is touched."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kb.api import KB
from kb.cli import app
from kb.config import SearchSettings
from kb.errors import BadInput

CAP = SearchSettings().max_query_chars
runner = CliRunner()


def test_search_settings_cap_the_query_at_a_thousand_characters():
    assert CAP == 1000


def test_api_search_refuses_an_overlong_query(sample_db):
    kb = KB(db=sample_db)
    with pytest.raises(BadInput) as caught:
        kb.search("data " * 1000)  # 5,000 characters
    assert caught.value.code == "KB010"
    assert "5,000 characters" in caught.value.message and f"{CAP:,}" in caught.value.message
    assert kb.search(("data " * CAP)[:CAP], limit=3)  # exactly at the cap: searched


def test_api_search_refuses_a_huge_query_without_searching(sample_db, monkeypatch):
    import kb.search.search as search_module

    def never(*args, **kwargs):
        raise AssertionError("searched")

    monkeypatch.setattr(search_module, "search", never)
    with pytest.raises(BadInput):
        KB(db=sample_db).search("x" * 289_000)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["search", "data " * 300], id="search"),
        pytest.param(["export", "--query", "data " * 300], id="export"),
    ],
)
def test_cli_overlong_query_is_a_coded_usage_error(sample_db, args):
    res = runner.invoke(app, [*args, "--db", str(sample_db)])
    assert res.exit_code == 2, (res.output, res.exception)
    shown = re.sub(r"[\s│]", "", res.output)  # the message, however the usage box wraps it
    assert "[KB010]thequeryis1,500characterslong:searchwithatmost1,000" in shown, res.output


def test_cli_overlong_query_from_the_console_script_is_one_line(sample_db):
    proc = subprocess.run(
        [sys.executable, "-m", "kb.cli", "search", "x" * 5000, "--db", str(sample_db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "[KB010]" in proc.stderr and "Traceback" not in proc.stderr
