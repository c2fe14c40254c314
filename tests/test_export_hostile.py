"""Exports of hostile crawled text: what a stranger's page says cannot become a spreadsheet
formula, a BibTeX field of its own, a script on the page that embeds our ClaimReview, or
an overwritten file."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.read import export
from tests.test_export import FORMULA_START, make_citation, parse_pybtex

FORMULAS = [
    '=HYPERLINK("http://evil.example/steal","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
]
CSV_TEXT_COLUMNS = ["claim", "speaker", "outlet", "authors", "title", "url", "warc_file", "warc_record_id"]


# -- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("formula", FORMULAS)
def test_export_csv_neutralises_formula_cells(formula):
    c = make_citation(
        claim_text=formula,
        speaker=formula,
        outlet=formula,
        authors=[formula],
        title=formula,
        url=formula,
        warc_file=formula,
        warc_record_id=formula,
    )
    rows = list(csv.reader(io.StringIO(export.to_csv([c]), newline="")))
    assert len(rows) == 2
    cells = dict(zip(rows[0], rows[1], strict=True))
    for cell in rows[1]:
        assert not cell.startswith(FORMULA_START), cell
    for col in CSV_TEXT_COLUMNS:  # one quote in front, the text itself kept
        assert cells[col] == "'" + formula, col


def test_export_csv_leaves_ordinary_cells_alone():
    c = make_citation(claim_text="Rates rose 2% - or -3 by some counts", title="'Quoted' title", authors=["A", "=B"])
    (row,) = csv.DictReader(io.StringIO(export.to_csv([c]), newline=""))
    assert row["claim"] == c.claim_text and row["title"] == c.title and row["authors"] == "A; =B"
    assert row["claim_id"] == "7" and row["char_end"] == "16" and row["url"] == c.url


# -- BibTeX -------------------------------------------------------------------------------------

BRACE_BREAKERS = [
    "Breaking }, url = {http://evil.example/fake}",
    "Breaking \\}, url = \\{http://evil.example/fake\\}",
    "}}}} @misc{evil, title={x}",
    "{{{{ open",
    "a } b { c",
    "Line\n@misc{evil, url = {http://evil.example/fake}}",
    "Line\n@ (",
]


@pytest.mark.parametrize("title", BRACE_BREAKERS)
def test_export_bibtex_braces_stay_inside_the_field(title):
    c = make_citation(title=title, claim_text=title, speaker=title, authors=[title, "Ann Lee"])
    text = export.to_bibtex([c])
    for entries in (parse_pybtex(text), export.parse_bibtex(text)):  # BibTeX's own rules, then bibtexparser's
        assert len(entries) == 1, text
        (e,) = entries
        assert e["url"] == c.url, text  # no field injected
        assert " ".join(e["title"].split()) == " ".join(title.split())
        assert " ".join(e["claim"].split()) == " ".join(title.split())
        assert e["author"] == [" ".join(title.split()), "Ann Lee"]
    # braces balance in every field, counted the way BibTeX counts them (backslash or not)
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0


# -- ClaimReview / JSON for embedding -----------------------------------------------------------

SCRIPT_BREAKER = "</script><script>window.__pwned=1</script>"
EMBED_HOSTILE = [
    SCRIPT_BREAKER,
    "<!--<script>window.__pwned=1</script>",
    "</SCRIPT ><img src=x onerror=window.__pwned=1>",
    "a & b > c \u2028 d \u2029 e",
]


@pytest.mark.parametrize("fmt", ["claimreview", "csl-json"])
@pytest.mark.parametrize("claim", EMBED_HOSTILE)
def test_export_json_escapes_what_ends_a_script_element(fmt, claim):
    c = make_citation(claim_text=claim, title=claim, speaker=claim, authors=[claim])
    text = export.render([c], fmt)
    for ch in "<>&\u2028\u2029":
        assert ch not in text
    doc = json.loads(text)[0]
    got = doc["claimReviewed"] if fmt == "claimreview" else doc["custom"]["claim"]
    assert got == claim


@pytest.mark.parametrize("title", EMBED_HOSTILE + ["Breaking }, url = {http://evil.example/fake}"])
def test_export_hostile_csl_json_round_trips_through_citeproc(title):
    """The escaped CSL-JSON a reference manager imports renders through citeproc-py with the
    title as the page wrote it (escaping is for the embedding, not a change to the data)."""
    c = make_citation(title=title)
    item = json.loads(export.to_csl_json([c]))[0]
    assert item["title"] == title
    assert title.strip() in export.reference(c)


CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (run `make browser`)")
def test_export_claimreview_embedded_in_a_page_runs_no_script():
    """What ClaimReview is for: a fact-checker pastes it into their article page. In Chromium
    no script of the claim runs, and the JSON the page reads is the claim as said."""
    from playwright.sync_api import sync_playwright

    claims = [make_citation(claim_id=i + 1, claim_text=t, title=t, speaker=t) for i, t in enumerate(EMBED_HOSTILE)]
    jsonld = export.to_claimreview(claims)
    page_html = (
        "<!doctype html><html><head><title>check</title>"
        f'<script type="application/ld+json">{jsonld}</script>'
        "</head><body><p>article</p></body></html>"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            page.set_content(page_html)
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.locator("script").count() == 1 and page.locator("img").count() == 0
            parsed = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').text)")
        finally:
            browser.close()
    assert [r["claimReviewed"] for r in parsed] == EMBED_HOSTILE
    assert [r["itemReviewed"]["appearance"]["headline"] for r in parsed] == EMBED_HOSTILE


# -- kb export --out ----------------------------------------------------------------------------


def _kb(*args: str) -> subprocess.CompletedProcess:
    """The real console script (its error handler turns a KBError into one line; wide
    COLUMNS, as rich wraps a long line at 80 columns when stderr is not a terminal)."""
    env = {**os.environ, "COLUMNS": "1000"}
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], capture_output=True, text=True, timeout=300, env=env)


def test_export_cli_refuses_to_overwrite_a_file_without_force(sample_db, tmp_path):
    out = tmp_path / "thesis.bib"
    out.write_text("my own bibliography\n")
    proc = _kb("export", "--format", "bibtex", "--entity", "Gartner", "--out", str(out), "--db", str(sample_db))
    assert proc.returncode == 1, proc.stderr
    assert "[KB010]" in proc.stderr and "--force" in proc.stderr and str(out) in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert proc.stdout == ""
    assert out.read_text() == "my own bibliography\n"


def test_export_cli_overwrites_with_force(sample_db, tmp_path):
    out = tmp_path / "thesis.bib"
    out.write_text("my own bibliography\n")
    args = ["export", "--format", "bibtex", "--entity", "Gartner", "--out", str(out), "--db", str(sample_db)]
    res = CliRunner().invoke(app, [*args, "--force"])
    assert res.exit_code == 0, res.output
    assert len(export.parse_bibtex(out.read_text())) >= 3


def test_export_cli_out_onto_a_directory_is_a_one_line_error(sample_db, tmp_path):
    folder = tmp_path / "exports"
    (folder / "keep.txt").parent.mkdir()
    (folder / "keep.txt").write_text("x")
    for extra in ([], ["--force"]):
        proc = _kb("export", "-f", "csv", "--entity", "Gartner", "--out", str(folder), "--db", str(sample_db), *extra)
        assert proc.returncode == 1, proc.stderr
        assert "[KB010]" in proc.stderr and "is a directory" in proc.stderr
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]


def test_export_cli_out_under_a_file_is_a_one_line_error(sample_db, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    res = CliRunner().invoke(
        app, ["export", "-f", "ris", "--entity", "Gartner", "--out", str(blocker / "a.ris"), "--db", str(sample_db)]
    )
    assert res.exit_code == 1
    assert str(res.exception).startswith("[KB010] cannot write") and "\n" not in str(res.exception)
    assert blocker.read_text() == "x"
