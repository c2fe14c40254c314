"""The search page through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from kb.ingest import ingest
from tests.conftest import ROOT, fixture_pages
from tests.warcs import write_warc
from ui.safe import escape_markdown, highlight, safe_url

APP = str(ROOT / "ui" / "app.py")


def _app(monkeypatch, db) -> AppTest:
    monkeypatch.setenv("KB_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    return at


def _text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_ui_overview_without_query(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db)
    assert not at.exception
    assert [m.label for m in at.metric] == ["Articles", "Claims", "Entities", "Sources"]
    assert "Recent claims" in [s.value for s in at.subheader]


def test_ui_search_shows_musk_first(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db)
    at.text_input(key="query").input("running out of data to train AI").run()
    assert not at.exception
    first = at.markdown[0].value if at.markdown else ""
    headers = [m.value for m in at.markdown if m.value.startswith("1\\. ")]
    assert headers and "Elon Musk" in headers[0], first
    assert at.query_params["q"] == ["running out of data to train AI"] or at.query_params["q"] == "running out of data to train AI"


def test_ui_source_filter_narrows(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db)
    at.text_input(key="query").input("synthetic data").run()
    everything = _text(at)
    at.selectbox(key="source").select("datadispatch.example").run()
    narrowed = [m.value for m in at.markdown if re.match(r"\d+\\\. ", m.value)]
    assert narrowed and all("datadispatch" in v for v in narrowed)
    assert everything != _text(at)


def test_ui_missing_database_is_an_error_with_code(monkeypatch, tmp_path):
    at = _app(monkeypatch, tmp_path / "none.duckdb")
    assert not at.exception
    assert at.error and "KB001" in at.error[0].value


def test_ui_hostile_claim_text_is_shown_literally(monkeypatch, tmp_path):
    url, body, ctype = fixture_pages()[0]
    evil = body.replace(b"Critics warn that the rush",
                        b"Critics [click](javascript:alert(1)) ![x](http://evil.example/p.png) <script>alert(2)</script> "
                        b"**warned** on Tuesday that 40% of the rush")
    db = tmp_path / "kb.duckdb"
    ingest([write_warc(tmp_path / "e.warc.gz", [(url, evil, ctype)])], db)
    at = _app(monkeypatch, db)
    at.text_input(key="query").input("critics warned 40% of the rush").run()
    shown = [m.value for m in at.markdown if "javascript" in m.value]
    assert shown
    for value in shown:
        assert "](javascript" not in value and "![x](" not in value and "<script>" not in value
        assert "\\[click\\]" in value


@pytest.mark.parametrize(
    "evil",
    ["<script>alert(1)</script>", "[x](javascript:alert(1))", "![img](http://evil)", "**bold**", "`code`",
     "$x^2$", ":red[colour]", "<img src=x onerror=alert(1)>", "# heading", "line\nbreak"],
)
def test_ui_escape_markdown_neutralises(evil):
    out = escape_markdown(evil)
    # every character Markdown/HTML/Streamlit could act on is backslash-escaped
    assert not re.search(r"(?<!\\)[<>\[\]()`*_$:#!]", out), out
    assert "\n" not in out
    assert re.sub(r"\\(.)", r"\1", out) == evil.replace("\n", " ")  # and nothing else changes


def test_ui_highlight_marks_only_the_claim():
    out = highlight("Before. The claim [1]. After.", 8, 22)
    assert out.startswith("Before\\. :orange-background[The claim \\[1\\]\\.]")


@pytest.mark.parametrize(("url", "ok"), [("http://a.example/x", True), ("https://a.example", True),
                                          ("javascript:alert(1)", False), ("data:text/html,x", False),
                                          ("file:///etc/passwd", False), ("", False)])
def test_ui_safe_url(url, ok):
    assert (safe_url(url) is not None) == ok
