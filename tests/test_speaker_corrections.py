"""A journalist corrects a claim's speaker (kb correct-speaker, the claim page's form): the
correction is kept like a review (who, when, note; append-only, by the claim's stable key),
outlives re-ingestion and article versions, and every read of a speaker follows it: exports,
the --entity filter (listings and search), entity pages and their counts. Over private copies
of the sample-site database."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from kb.api import KB, Filters
from kb.cli import app
from kb.errors import BadInput
from kb.store.connection import Store
from tests.conftest import SAMPLE_SITE
from tests.test_ui_app import _page

runner = CliRunner()

# "…, said Elon Musk.": the text names Musk, so the claim is also "about" him until corrected
MUSK_SAID = "Artificial intelligence developers have already consumed all the human-generated knowledge%"
MUSK_SAID_PAGE = "datadispatch.example/articles/musk-ai-human-data-synthetic-fix.html"
SHOTS = Path("/tmp/shots")


@pytest.fixture
def db(sample_db, tmp_path) -> Path:
    """A private copy of the sample-site database (the shared one is read-only)."""
    path = tmp_path / "kb.duckdb"
    shutil.copy(sample_db, path)
    return path


def _claim_id(db: Path, like: str) -> int:
    with Store(db).read() as con:
        return con.execute(
            "SELECT claim_id FROM claims c JOIN articles a USING (article_id) "
            "WHERE c.text LIKE ? AND a.superseded_by IS NULL ORDER BY claim_id",
            [like],
        ).fetchone()[0]


def _run(*args: str) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, (args, res.output, res.exception)
    return res.stdout


def _exported(db: Path, entity: str) -> dict[int, str]:
    """`kb export --entity ENTITY --format csv`: claim id -> speaker."""
    text = _run("export", "--entity", entity, "--format", "csv", "--limit", "500", "--db", str(db))
    return {int(r["claim_id"]): r["speaker"] for r in csv.DictReader(io.StringIO(text))}


def _corrections(db: Path) -> list[tuple]:
    with Store(db).read() as con:
        return con.execute(
            "SELECT action, speaker_name, previous, note, corrector FROM speaker_corrections ORDER BY corrected_at"
        ).fetchall()


def test_correct_speaker_moves_the_claim_in_exports_entity_pages_and_counts(db):
    cid = _claim_id(db, MUSK_SAID)
    kb = KB(db=db)
    musk, ilya = kb.entity("Elon Musk").profile, kb.entity("Ilya Sutskever").profile
    assert _exported(db, "Elon Musk")[cid] == "Elon Musk" and cid not in _exported(db, "Ilya Sutskever")

    out = _run(
        "correct-speaker",
        str(cid),
        "--to",
        "Ilya Sutskever",
        "--note",
        "his NeurIPS talk",
        "--by",
        "alice",
        "--db",
        str(db),
    )
    assert "speaker corrected from Elon Musk to Ilya Sutskever by alice" in " ".join(out.split())

    assert cid not in _exported(db, "Elon Musk")  # though its text still says "said Elon Musk"
    assert _exported(db, "Ilya Sutskever")[cid] == "Ilya Sutskever"
    bibtex = _run("export", "--claim-id", str(cid), "--db", str(db))
    assert re.search(r"speaker = \{Ilya Sutskever\}", bibtex), bibtex
    for fmt, field in (("ris", "speaker: Ilya Sutskever"), ("csl-json", '"speaker": "Ilya Sutskever"')):
        assert field in _run("export", "--claim-id", str(cid), "--format", fmt, "--db", str(db))
    review = _run("export", "--claim-id", str(cid), "--format", "claimreview", "--db", str(db))
    assert '"name": "Ilya Sutskever"' in review and '"name": "Elon Musk"' not in review

    page, other = kb.entity("Ilya Sutskever"), kb.entity("Elon Musk")
    assert cid in [h.claim_id for h in page.made] and page.profile.claims_made == ilya.claims_made + 1
    assert cid not in [h.claim_id for h in other.made + other.about]
    assert other.profile.claims_made == musk.claims_made - 1 and other.profile.claims_about == musk.claims_about - 1
    listed = {e.name: e for e in kb.entities(limit=None)}
    assert listed["Ilya Sutskever"].claims_made == ilya.claims_made + 1
    (hit,) = kb.hits([cid])
    assert hit.speaker == "Ilya Sutskever" and hit.speaker_corrected and hit.extracted_speaker == "Elon Musk"
    assert "Elon Musk" not in hit.entities
    (c,) = kb.claim(cid).speaker_corrections
    assert (c.previous, c.speaker, c.extracted, c.note, c.corrector) == (
        "Elon Musk",
        "Ilya Sutskever",
        "Elon Musk",
        "his NeurIPS talk",
        "alice",
    )


def test_correct_speaker_to_none_then_revert_keeps_the_history_and_the_newest_wins(db):
    cid = _claim_id(db, MUSK_SAID)
    kb = KB(db=db)
    kb.correct_speaker(cid, "Sutskever", corrector="alice")  # an alias finds its entity
    kb.correct_speaker(cid, None, note="the reporter's own summary", corrector="bob")
    (hit,) = kb.hits([cid])
    assert hit.speaker is None and hit.speaker_corrected
    assert cid not in _exported(db, "Elon Musk") and cid not in _exported(db, "Ilya Sutskever")

    out = _run("correct-speaker", str(cid), "--revert", "--by", "carol", "--db", str(db))
    assert "speaker reverted to the extracted Elon Musk by carol" in " ".join(out.split())
    (hit,) = kb.hits([cid])
    assert hit.speaker == "Elon Musk" and not hit.speaker_corrected and hit.extracted_speaker is None
    assert _exported(db, "Elon Musk")[cid] == "Elon Musk"
    assert [c.action for c in kb.speaker_corrections(cid)] == ["revert", "none", "speaker"]  # newest first
    assert _corrections(db)[1] == ("none", None, "Ilya Sutskever", "the reporter's own summary", "bob")
    history = _run("correct-speaker", str(cid), "--history", "--db", str(db))
    assert " ".join(history.split()).count(f"claim {cid}: speaker") == 3


def test_correct_speaker_survives_reingest_and_follows_the_sentence_into_a_new_version(db, sample_warc, tmp_path):
    from kb.ingest.run import ingest
    from kb.tracking.pipeline import track
    from tests.warcs import write_warc

    cid = _claim_id(db, MUSK_SAID)
    kb = KB(db=db)
    kb.correct_speaker(cid, "Ilya Sutskever", note="checked the recording", corrector="alice")
    ingest([sample_warc], db)  # the same WARC again: nothing added, nothing undone
    track(Store(db), rebuild=True)
    assert kb.hits([cid])[0].speaker == "Ilya Sutskever" and cid not in _exported(db, "Elon Musk")

    # the page edited below the claim: a new version of the article, with new claim ids
    body = (SAMPLE_SITE / MUSK_SAID_PAGE).read_bytes()
    edited = body.replace(
        b"would gain bargaining power as a result.</p>",
        b"would gain bargaining power as a result.</p>\n<p>This article was updated with a comment from Novak.</p>",
    )
    assert edited != body
    ingest([write_warc(tmp_path / "edit.warc.gz", [(f"http://{MUSK_SAID_PAGE}", edited, "text/html")])], db)
    now = _claim_id(db, MUSK_SAID)
    assert now != cid  # the current version's claim
    (hit,) = kb.hits([now])
    assert hit.speaker == "Ilya Sutskever" and hit.extracted_speaker == "Elon Musk"
    assert now not in _exported(db, "Elon Musk") and _exported(db, "Ilya Sutskever")[now] == "Ilya Sutskever"
    assert [c.note for c in kb.speaker_corrections(now)] == ["checked the recording"]


def test_correct_speaker_search_entity_filter_follows_the_correction(db):
    cid = _claim_id(db, MUSK_SAID)
    kb = KB(db=db)
    query = "developers consumed all human-generated knowledge for training"
    assert cid in [h.claim_id for h in kb.search(query, Filters(entity="Elon Musk"), limit=20)]
    kb.correct_speaker(cid, "Ilya Sutskever", corrector="alice")
    assert cid not in [h.claim_id for h in kb.search(query, Filters(entity="Elon Musk"), limit=20)]
    found = {h.claim_id: h for h in kb.search(query, Filters(entity="Sutskever"), limit=20)}
    assert found[cid].speaker == "Ilya Sutskever"


def test_correct_speaker_new_names_near_names_and_coded_errors(db):
    cid = _claim_id(db, MUSK_SAID)
    kb = KB(db=db)
    with pytest.raises(BadInput, match=r"did you mean Ilya Sutskever\?.*--new person"):
        kb.correct_speaker(cid, "Ilya Sutskevar")  # a typo never becomes a new person silently
    with pytest.raises(BadInput, match="already Elon Musk"):
        kb.correct_speaker(cid, "elon musk")
    with pytest.raises(BadInput, match="not corrected: nothing to revert"):
        kb.revert_speaker(cid)
    new = "Wilhelmina Oakhurst"
    assert kb.entity(new) is None
    with pytest.raises(BadInput, match="--new person"):
        kb.correct_speaker(cid, new)
    assert kb.correct_speaker(cid, new, new="person", corrector="alice").speaker == new
    page = kb.entity(new)
    assert page.profile.type == "PERSON" and [h.claim_id for h in page.made] == [cid]
    assert _exported(db, new)[cid] == new

    res = runner.invoke(app, ["correct-speaker", "999999", "--none", "--db", str(db)])
    assert res.exit_code == 1 and isinstance(res.exception, BadInput)
    assert str(res.exception).startswith("[KB010] no claim 999999")
    res = runner.invoke(app, ["correct-speaker", str(cid), "--db", str(db)])
    assert isinstance(res.exception, BadInput) and "--to NAME, --none" in str(res.exception)
    assert len(_corrections(db)) == 1  # nothing recorded by the refusals


# -- the app --------------------------------------------------------------------------------------


def _submit(at: AppTest, cid: int, name: str, note: str) -> AppTest:
    at.radio(key=f"speaker-choice-{cid}").set_value("speaker")
    at.text_input(key=f"speaker-name-{cid}").input(name)
    at.text_input(key=f"speaker-note-{cid}").input(note)
    next(b for b in at.get("form_submit_button") if b.label == "Save speaker").click()
    return at.run()


def test_ui_claim_page_form_corrects_the_speaker_under_the_users_name(monkeypatch, db):
    monkeypatch.setenv("USER", "carol")
    cid = _claim_id(db, MUSK_SAID)
    at = _submit(_page(monkeypatch, db, claim=str(cid)), cid, "Ilya Sutskever", "his NeurIPS talk")
    assert not at.exception, at.exception
    assert _corrections(db) == [("speaker", "Ilya Sutskever", "Elon Musk", "his NeurIPS talk", "carol")]
    shown = [c.value for c in at.caption]
    line = r"\*\*speaker corrected\*\* from Elon Musk to Ilya Sutskever by carol · \d+ \w{3} \d{4}, \d\d:\d\d UTC"
    assert any(re.fullmatch(line + " · note: his NeurIPS talk", c) for c in shown), shown
    assert at.markdown[0].value.startswith("**Ilya Sutskever**")  # the card's speaker
    assert "More from Ilya Sutskever" in [b.label for b in at.button]
    person = _page(monkeypatch, db, entity="Ilya Sutskever")  # the person page lists it
    assert any(m.value.startswith("**Ilya Sutskever**") and "datadispatch" in m.value for m in person.markdown)


def test_ui_team_mode_refuses_a_speaker_correction_without_a_signed_in_user(monkeypatch, db):
    monkeypatch.setenv("KB_TEAM", "1")
    monkeypatch.setenv("USER", "server-account")
    cid = _claim_id(db, MUSK_SAID)
    at = _submit(_page(monkeypatch, db, claim=str(cid)), cid, "Ilya Sutskever", "no one signed in")
    assert not at.exception, at.exception
    assert any("Not saved" in e.value for e in at.error), [e.value for e in at.error]
    assert _corrections(db) == []


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed")
def test_browser_claim_page_corrects_the_speaker(monkeypatch, db):
    from playwright.sync_api import expect, sync_playwright

    from tests.test_ui_browser import ARGS, CHROMIUM, _serve

    monkeypatch.setenv("USER", "carol")
    cid = _claim_id(db, MUSK_SAID)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with _serve(db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1500})
        page.goto(f"{url}/?claim={cid}")
        expect(page.get_by_role("button", name="More from Elon Musk")).to_be_visible(timeout=90_000)
        page.get_by_role("button", name="Correct the speaker").click()
        form = page.locator("[data-testid=stForm]").filter(has=page.get_by_role("button", name="Save speaker"))
        form.get_by_placeholder("as stored, or an alias: Ilya Sutskever").fill("Ilya Sutskever")
        form.get_by_placeholder("how you know who said it").fill("his NeurIPS talk")
        page.screenshot(path=str(SHOTS / "correction-form.png"))
        form.get_by_role("button", name="Save speaker").click()
        expect(
            page.get_by_text(re.compile(r"^speaker corrected from Elon Musk to Ilya Sutskever by carol")).first
        ).to_be_visible(timeout=60_000)
        expect(page.get_by_role("button", name="More from Ilya Sutskever")).to_be_visible()
        page.wait_for_timeout(1000)  # let the toast and badges paint
        page.screenshot(path=str(SHOTS / "correction.png"))
        browser.close()
    assert _corrections(db)[0][:2] == ("speaker", "Ilya Sutskever")
