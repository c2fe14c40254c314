"""A hostile outlet end to end: its pages are crawled by the real spider (through the sample
site server as HTTP proxy), ingested, and exported; nothing its authors wrote becomes a
spreadsheet formula, a BibTeX field, or a script; a WARC cut inside its article is skipped,
counted and stored whole later. The parts are tested one by one elsewhere
(tests/test_export_hostile.py, tests/test_archive_integrity.py, tests/test_crawler_scope.py);
this is the same attack as a page on the web would deliver it."""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import shutil
from pathlib import Path

import pytest

from kb.api import KB, Filters
from kb.config import IngestSettings, Settings
from kb.ops.crawl import crawl
from kb.ops.sample_site import serve

pytestmark = pytest.mark.integration

HOST = "pressure.example"
FORMULA = '=HYPERLINK("http://evil.example/steal","click")'
TITLE = "Breaking }, url = {http://evil.example/fake} chips"
SCRIPT = "</script><script>window.__pwned=1</script>"
AUTHOR = "=cmd|' /C calc'!A0"
ARTICLE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta property="og:type" content="article"><meta name="author" content="{html.escape(AUTHOR)}">
<meta property="article:published_time" content="2025-03-04T09:00:00+00:00">
<title>{html.escape(TITLE)}</title></head><body><article><h1>{html.escape(TITLE)}</h1>
<p>{html.escape(FORMULA)} is the formula that analysts at Quarry Partners said turned up in 40% of the finance teams they
surveyed in February, against 25% a year earlier.</p>
<p>The regulator said on Tuesday that the string {html.escape(SCRIPT)} appeared in 12% of the complaints it received
last year, up from 3% the year before, most of them sent through web forms.</p>
<p>Chip shipments rose 9% in the quarter to 1.2 billion units, the industry group said, as makers of
phones and laptops rebuilt their stocks ahead of the holiday season.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The outlet crawled and ingested: (KB, the WARC file)."""
    base = tmp_path_factory.mktemp("hostile")
    site = base / "site" / HOST
    (site / "news").mkdir(parents=True)
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (site / "index.html").write_text(f'<html><body><a href="http://{HOST}/news/formulas.html">story</a></body></html>')
    (site / "news" / "formulas.html").write_text(ARTICLE)
    sources = base / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "Pressure"\nstart_pages = ["http://{HOST}/"]\nallowed_domains = ["{HOST}"]\n'
    )
    server, _, port = serve(base / "site")
    try:
        summary = crawl(
            sources,
            [],
            base / "warc",
            proxy=f"http://127.0.0.1:{port}",
            settings={"AUTOTHROTTLE_START_DELAY": "0.05", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "WARNING"},
            quiet=True,
        )
    finally:
        server.shutdown()
    assert summary["finish_reason"] == "finished" and summary["failed"] == 0
    settings = Settings(db=base / "kb.duckdb", ingest=IngestSettings(nlp_processes=1))
    kb = KB(settings)
    report = kb.ingest([base / "warc"])
    assert report.counters["articles"] == 1
    (warc,) = (base / "warc").glob("*.warc.gz")
    return kb, warc


def test_hostile_claims_are_stored_as_written(hostile):
    kb, _ = hostile
    texts = [h.text for h in kb.claims(Filters(source="Pressure"))]
    assert any(t.startswith(FORMULA) for t in texts), texts
    assert any(SCRIPT in t for t in texts), texts


def test_hostile_csv_export_has_no_formula_cell(hostile):
    kb, _ = hostile
    ids = [h.claim_id for h in kb.claims(Filters(source="Pressure"))]
    text, n = kb.export(ids, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert n == len(ids) >= 3 and len(rows) == n + 1
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert f"'{FORMULA}" in {c[: len(FORMULA) + 1] for c in cells}  # kept, neutralised, readable
    assert f"'{AUTHOR}" in cells


def test_hostile_bibtex_keeps_the_title_inside_its_field(hostile):
    from pybtex.database import parse_string

    kb, _ = hostile
    ids = [h.claim_id for h in kb.claims(Filters(source="Pressure"))]
    text, _ = kb.export(ids, "bibtex")
    entries = parse_string(text, "bibtex").entries
    assert len(entries) == len(ids)
    for entry in entries.values():
        assert entry.fields["url"] == f"http://{HOST}/news/formulas.html"  # not the injected one


def test_hostile_claimreview_cannot_end_its_script_element(hostile):
    kb, _ = hostile
    ids = [h.claim_id for h in kb.claims(Filters(source="Pressure"))]
    text, _ = kb.export(ids, "claimreview")
    assert "</script" not in text.lower() and "<" not in text
    reviewed = json.dumps(json.loads(text))
    assert "window.__pwned" in reviewed  # the claim itself is intact once parsed


def test_hostile_cut_warc_is_skipped_then_stored_whole(hostile, tmp_path):
    """The crawl's WARC cut in the middle of the article's record: ingested, the article is
    skipped and counted, not stored; the whole file afterwards stores it."""
    _, warc = hostile
    raw = gzip.decompress(warc.read_bytes())
    at = raw.index(b"Chip shipments rose 9%")
    cut = tmp_path / "cut" / "cut.warc.gz"
    cut.parent.mkdir()
    cut.write_bytes(gzip.compress(raw[:at]))
    kb = KB(Settings(db=tmp_path / "kb.duckdb", ingest=IngestSettings(nlp_processes=1)))
    first = kb.ingest([cut])
    assert first.counters["skipped/record_short"] == 1 and first.counters.get("articles", 0) == 0
    whole = tmp_path / "whole" / warc.name
    whole.parent.mkdir()
    shutil.copy(warc, whole)
    second = kb.ingest([whole])
    assert second.counters["articles"] == 1
    (hit,) = [h for h in kb.claims(Filters(source="Pressure")) if "Chip shipments" in h.text]
    assert hit.text.startswith("Chip shipments rose 9% in the quarter to 1.2 billion units")
    assert Path(kb.claim(hit.claim_id).provenance.warc_file).is_absolute()
