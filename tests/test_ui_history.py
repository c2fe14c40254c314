"""The app's view of article versions: the edited-articles list, one article's history,
and the claim page of a claim an edit replaced (AppTest, real database, real models)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.ingest.run import ingest
from kb.store.connection import Store
from tests.conftest import fixture_pages
from tests.test_history import URL, _edit
from tests.test_ui_app import _page
from tests.warcs import write_warc
from ui.safe import unescape_markdown


@pytest.fixture(scope="module")
def edited_db(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("edited")
    _, body, ctype = fixture_pages()[0]
    ingest([write_warc(d / "v1.warc.gz", [(URL, body, ctype)])], d / "kb.duckdb")
    ingest([write_warc(d / "v2.warc.gz", [(URL, _edit(body), ctype)])], d / "kb.duckdb")
    return d / "kb.duckdb"


def _claim(db: Path, article_id: int, like: str) -> int:
    with Store(db).read() as con:
        return con.execute(
            "SELECT claim_id FROM claims WHERE article_id = ? AND text LIKE ?", [article_id, like]
        ).fetchone()[0]


def test_edited_articles_lists_the_edit_and_opens_its_history(monkeypatch, edited_db):
    at = _page(monkeypatch, edited_db, view="edits")
    assert at.title[0].value == "Edited articles"
    assert any("claims +1 −1 changed 1" in m.value for m in at.markdown)
    at.button(key="edit0").click().run()
    assert at.query_params["url"] == [URL] or at.query_params["url"] == URL
    tables = [t.value for t in at.dataframe]
    changes = next(t for t in tables if "change" in t.columns)
    row = changes[changes["change"] == "changed"].iloc[0]
    assert "18%" in row["before"] and "21%" in row["after"] and "'18%' -> '21%'" in row["what changed"]
    assert set(changes["change"]) == {"changed", "added", "removed"}


def test_claim_from_an_earlier_version_says_so_and_links_the_current_text(monkeypatch, edited_db):
    old = _claim(edited_db, 1, "%rose 18%%")
    at = _page(monkeypatch, edited_db, claim=str(old))
    assert any("earlier version" in w.value and "was edited" in w.value for w in at.warning)
    at.button(key="newer-claim").click().run()
    new = _claim(edited_db, 2, "%rose 21%%")
    assert at.query_params["claim"] in (str(new), [str(new)])
    assert any("edited since" in i.value for i in at.info)
    assert any("It read:" in t.value and "18%" in t.value for t in at.text)


def test_search_hides_earlier_versions_unless_asked(monkeypatch, edited_db):
    at = _page(monkeypatch, edited_db, q="spending on data-centre cooling")
    shown = unescape_markdown("\n".join(m.value for m in at.markdown))
    assert "rose 21%" in shown and "rose 18%" not in shown
    at.checkbox(key="earlier_versions").check().run()
    shown = unescape_markdown("\n".join(m.value for m in at.markdown))
    assert "rose 21%" in shown and "rose 18%" in shown
