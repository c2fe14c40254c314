"""Article versions: a re-crawled article with new text is a new version, and the claims
that appeared, disappeared or changed between versions are recorded (kb.history)."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.ingest.run import ingest
from kb.read import history
from kb.read.claims import list_claims
from kb.read.filters import Filters
from kb.search.search import search
from kb.store.connection import Store
from kb.tracking import versions
from tests.conftest import fixture_pages
from tests.warcs import write_warc

URL = "http://testwire.example/2025/02/cooling.html"
FIGURE = b"rose 18% last year"
HEDGE = b"Critics warn that the rush could lock in designs before standards settle. "
ADDED = b"<p>Meta said on Tuesday it will open two liquid-cooled data centres in Texas next year.</p>"


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_word_edits_say_what_changed_in_words():
    assert versions.word_edits("spending rose 18% last year", "spending rose 21% last year") == ["'18%' -> '21%'"]
    assert versions.word_edits("it will ship", "it will not ship") == ["added 'not'"]
    assert versions.word_edits("it reportedly will ship", "it will ship") == ["removed 'reportedly'"]
    many = versions.word_edits("a b c d e f g h", "A b C d E f G h", limit=2)
    assert many == ["'a' -> 'A'", "'c' -> 'C'", "and 2 more edits"]


def test_match_claims_pairs_exact_then_nearest_and_leaves_the_rest():
    old = [
        (1, "Kept  sentence.", _unit(1, 0, 0, 0)),
        (2, "Spending rose 18%.", _unit(0, 1, 0, 0)),
        (3, "Gone sentence.", _unit(0, 0, 1, 0)),
    ]
    new = [
        (10, "Kept sentence.", _unit(1, 0, 0, 0)),
        (11, "Spending rose 21%.", _unit(0, 1, 0.1, 0)),
        (12, "Brand new.", _unit(0, 0, 0, 1)),
    ]
    kept, changed, added, removed = versions.match_claims(old, new)
    assert kept == [(1, 10)]
    assert [(o, n) for o, n, _ in changed] == [(2, 11)] and changed[0][2] > 0.99
    assert added == [12] and removed == [3]
    # below the threshold two claims are different claims, not an edit
    _, changed, added, removed = versions.match_claims(old[1:2], [(11, "x", _unit(0, 1, 1.5, 0))])
    assert changed == [] and added == [11] and removed == [2]


def _edit(body: bytes) -> bytes:
    assert FIGURE in body and HEDGE in body
    return body.replace(FIGURE, b"rose 21% last year").replace(HEDGE, b"").replace(b"</article>", ADDED + b"</article>")


def test_edited_article_is_a_new_version_with_claim_diffs(tmp_path, fresh_db):
    _, body, ctype = fixture_pages()[0]
    first = ingest([write_warc(tmp_path / "v1.warc.gz", [(URL, body, ctype)])], fresh_db)
    assert first.counters.get("new_versions", 0) == 0
    second = ingest([write_warc(tmp_path / "v2.warc.gz", [(URL, _edit(body), ctype)])], fresh_db)
    assert second.counters["new_versions"] == 1 and second.counters["history/versions_diffed"] == 1
    with Store(fresh_db).read() as con:
        assert con.execute(
            "SELECT article_id, previous_version, superseded_by FROM articles ORDER BY 1"
        ).fetchall() == [(1, None, 2), (2, 1, None)]
        found = history.history(con, URL)
        v1_claims = {r[0] for r in con.execute("SELECT claim_id FROM claims WHERE article_id = 1").fetchall()}
        # the default listing shows what the outlet says now; earlier versions on request
        now = list_claims(con, Filters(), limit=100)
        all_versions = list_claims(con, Filters(earlier_versions=True), limit=100)
    assert {h.article_id for h in now} == {2}
    assert v1_claims <= {h.claim_id for h in all_versions}
    assert [v.current for v in found.versions] == [False, True]
    changes = found.versions[1].changes
    by_kind = {k: [c for c in changes if c.change == k] for k in ("changed", "added", "removed")}
    assert len(by_kind["changed"]) == 1
    edit = by_kind["changed"][0]
    assert "18%" in edit.previous_claim.text and "21%" in edit.claim.text
    assert "'18%' -> '21%'" in edit.detail
    assert any("Meta" in c.claim.text for c in by_kind["added"])
    assert any("lock in designs" in c.previous_claim.text for c in by_kind["removed"])
    diff = found.versions[1].diff
    assert (diff.claims_changed, diff.claims_added, diff.claims_removed) == (
        1,
        len(by_kind["added"]),
        len(by_kind["removed"]),
    )
    assert diff.claims_kept >= 2 and 0.8 < diff.text_similarity < 1.0


def test_edit_diff_is_written_once_and_survives_reingest(tmp_path, fresh_db):
    _, body, ctype = fixture_pages()[0]
    v1, v2 = (write_warc(tmp_path / f"v{i}.warc.gz", [(URL, b, ctype)]) for i, b in ((1, body), (2, _edit(body))))
    ingest([v1], fresh_db)
    ingest([v2], fresh_db)
    again = ingest([v1, v2], fresh_db)  # the same captures again: nothing new
    assert again.counters["already_ingested"] == 2 and not again.counters.get("history/versions_diffed")
    with Store(fresh_db).read() as con:
        assert con.execute("SELECT count(*) FROM version_diffs").fetchone()[0] == 1
        n = con.execute("SELECT count(*) FROM claim_changes").fetchone()[0]
    assert n >= 3


def test_revert_to_earlier_text_is_a_version_with_its_claims(tmp_path, fresh_db):
    _, body, ctype = fixture_pages()[0]
    for i, b in enumerate((body, _edit(body), body), start=1):
        ingest([write_warc(tmp_path / f"v{i}.warc.gz", [(URL, b, ctype)])], fresh_db)
    with Store(fresh_db).read() as con:
        rows = con.execute(
            "SELECT article_id, previous_version, superseded_by, duplicate_of, "
            "(SELECT count(*) FROM claims c WHERE c.article_id = a.article_id) FROM articles a "
            "ORDER BY 1"
        ).fetchall()
        found = history.history(con, URL)
    assert [r[:4] for r in rows] == [(1, None, 2, None), (2, 1, 3, None), (3, 2, None, None)]
    assert rows[2][4] == rows[0][4] > 0  # the reverted text was analysed again, not taken for a copy
    back = {c.change for c in found.versions[2].changes}
    assert back == {"changed", "added", "removed"}


def test_search_and_tracking_see_only_the_current_version(tmp_path, fresh_db):
    _, body, ctype = fixture_pages()[0]
    ingest([write_warc(tmp_path / "v1.warc.gz", [(URL, body, ctype)])], fresh_db)
    ingest([write_warc(tmp_path / "v2.warc.gz", [(URL, _edit(body), ctype)])], fresh_db)
    hits = search("data-centre cooling spending", fresh_db, limit=20)
    assert hits and {h.article_id for h in hits} == {2}
    with Store(fresh_db).read() as con:
        # the old version's claims left tracking: no clusters, no flags against the new text
        assert (
            con.execute("SELECT count(*) FROM claims WHERE article_id = 1 AND cluster_id IS NOT NULL").fetchone()[0]
            == 0
        )
        assert (
            con.execute(
                "SELECT count(*) FROM contradictions x JOIN claims c ON c.claim_id IN (x.claim_a, x.claim_b) "
                "WHERE c.article_id = 1"
            ).fetchone()[0]
            == 0
        )
        old = con.execute("SELECT claim_id FROM claims WHERE article_id = 1 AND text LIKE '%18%%'").fetchone()[0]
        status = history.claim_version(con, old)
    assert status.current is False and status.became.change == "changed"
    assert "21%" in status.became.claim.text


def test_cli_history_lists_versions_and_edits(tmp_path, fresh_db):
    _, body, ctype = fixture_pages()[0]
    ingest([write_warc(tmp_path / "v1.warc.gz", [(URL, body, ctype)])], fresh_db)
    ingest([write_warc(tmp_path / "v2.warc.gz", [(URL, _edit(body), ctype)])], fresh_db)
    runner = CliRunner()
    text = runner.invoke(app, ["history", URL, "--db", str(fresh_db)])
    assert text.exit_code == 0, text.output
    assert "2 version(s)" in text.output and "'18%' -> '21%'" in text.output
    assert "was:" in text.output and "now:" in text.output
    one = runner.invoke(app, ["history", URL, "--db", str(fresh_db), "--json"])
    assert one.exit_code == 0, one.output
    assert [v["version"] for v in json.loads(one.output)["versions"]] == [1, 2]
    feed = runner.invoke(app, ["history", "--db", str(fresh_db), "--json"])
    assert feed.exit_code == 0, feed.output
    assert [json.loads(line)["url"] for line in feed.output.splitlines()] == [URL]
    missing = runner.invoke(app, ["history", "http://nowhere.example/x", "--db", str(fresh_db)])
    assert missing.exit_code == 1 and missing.stdout == ""
    assert "[KB010] no article stored for 'http://nowhere.example/x'" in str(missing.exception)


CANALYS = "http://techwire.example/2025/01/smartphone-shipments-2024-canalys.html"


@pytest.mark.integration
def test_recrawl_of_an_edited_page_records_the_edit_end_to_end(tmp_path):
    """The real spider crawls the sample outlet, the outlet edits an article and bumps its
    sitemap lastmod, the nightly re-crawl fetches only that, and ingest records the edit."""
    from kb.ops import sample_site
    from kb.ops.crawl import crawl
    from tests.conftest import SAMPLE_SITE

    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE / "techwire.example", site / "techwire.example")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "TechWire Asia"\nsitemaps = ["http://techwire.example/sitemap.xml"]\n'
        'allowed_domains = ["techwire.example"]\n'
    )
    warc, db = tmp_path / "warc", tmp_path / "kb.duckdb"
    fast = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "WARNING"}
    server, _, port = sample_site.serve(site)
    try:
        crawl(sources, [], warc, proxy=f"http://127.0.0.1:{port}", settings=fast, quiet=True)
        ingest([warc], db)
        page = site / "techwire.example" / "2025" / "01" / "smartphone-shipments-2024-canalys.html"
        html = page.read_text(encoding="utf-8")
        edited = html.replace("growth for the year at 6.4%", "growth for the year at 6.8%").replace(
            " Foldable phones remained a niche, at less than 2% of the total.", ""
        )
        assert edited.count("6.8%") == 1 and "Foldable" not in edited
        page.write_text(edited, encoding="utf-8")
        smap = site / "techwire.example" / "sitemap.xml"
        text = smap.read_text(encoding="utf-8")
        loc = f"<loc>{CANALYS}</loc>\n    <lastmod>2025-01-16T11:00:00+08:00</lastmod>"
        assert loc in text
        smap.write_text(text.replace(loc, loc.replace("2025-01-16T11:00", "2025-01-17T09:00")), encoding="utf-8")
        crawl(sources, [], warc, proxy=f"http://127.0.0.1:{port}", settings=fast, quiet=True)
    finally:
        server.shutdown()
    report = ingest([warc], db)
    assert report.counters["new_versions"] == 1 and report.counters["history/claims_changed"] >= 1
    with Store(db).read() as con:
        found = history.history(con, CANALYS)
        articles = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE superseded_by IS NULL) FROM articles"
        ).fetchone()
    assert articles[0] == articles[1] + 1  # one article gained a version; nothing else was re-stored
    edit = next(c for c in found.versions[1].changes if c.change == "changed")
    assert "'6.4%' -> '6.8%'" in edit.detail
