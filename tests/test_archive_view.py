"""The archived view of a claim's capture (kb/read/archive.py, ui/sandbox.py, ui/views/archive.py):
the record read back from the WARC is the one archived, the text view marks exactly the claim's
characters, crawled text and HTML never run or fetch anything, and a gone WARC file is said."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from kb.api import KB
from tests.conftest import fixture_pages
from ui.sandbox import _SCROLL, PAGE_CSP, TEXT_CSP, page_document, text_document

HOSTILE_TEXT = (
    'Before <script>window.__kbPwned = 1</script> and <img src=x onerror="window.__kbPwned = 2"> '
    "[link](javascript:alert(1)) ![i](http://127.0.0.1:9/p.png) :material/warning: :red[red] {{ x }} "
    "& &amp; \"quoted\" 'single'\n\nsecond paragraph ends"
)


class _Doc(HTMLParser):
    """Tags, text and the text inside <mark> of an HTML document, as a browser parses it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.marked: list[str] = []
        self.scripts: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta",):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        where = self._in[-1] if self._in else ""
        if where == "script":
            self.scripts.append(data)
        elif where == "style":
            return
        else:
            self.text.append(data)
            if where == "mark":
                self.marked.append(data)


def _parse(document: str) -> _Doc:
    doc = _Doc()
    doc.feed(document)
    doc.close()
    return doc


# -- the read side ------------------------------------------------------------------------------


def _record_in(warc: Path, record_id: str) -> bytes:
    """The response body of ``record_id``, found by reading the whole file with warcio."""
    with open(warc, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_headers.get_header("WARC-Record-ID") == record_id:
                return record.content_stream().read()
    raise AssertionError(f"{record_id} not in {warc}")


def _claim_ids(db: Path, n: int) -> list[int]:
    with KB(db=db)._read() as con:
        return [r[0] for r in con.execute("SELECT claim_id FROM claims ORDER BY claim_id LIMIT ?", [n]).fetchall()]


def test_archive_record_of_a_claim_is_the_bytes_in_the_warc(sample_db, sample_warc):
    kb = KB(db=sample_db)
    for cid in _claim_ids(sample_db, 40)[::8]:
        cap = kb.archived(cid)
        assert cap is not None and cap.problem is None, cap and cap.problem
        assert Path(cap.warc_file) == sample_warc.resolve()
        assert cap.body == _record_in(sample_warc, cap.warc_record_id)
        assert cap.html is not None and cap.html == cap.body.decode("utf-8")  # the sample site is UTF-8
        prov = kb.claim(cid).provenance
        assert (cap.char_start, cap.char_end, cap.article_text) == (prov.char_start, prov.char_end, prov.article_text)


def test_archive_unknown_claim_is_none(sample_db):
    assert KB(db=sample_db).archived(987_654_321) is None


def test_archive_text_view_marks_exactly_the_claims_characters(sample_db):
    kb = KB(db=sample_db)
    for cid in _claim_ids(sample_db, 60)[::6]:
        cap = kb.archived(cid)
        doc = _parse(text_document(cap.article_text, cap.char_start, cap.char_end))
        assert "".join(doc.marked) == cap.article_text[cap.char_start : cap.char_end]
        assert "".join(doc.text) == cap.article_text  # every character, line breaks included
        assert [t for t, a in doc.tags if t == "mark"] == ["mark"]


def _gone_db(sample_db: Path, tmp: Path, **capture: object) -> tuple[Path, int]:
    """A copy of the sample database whose first claim's capture row says ``capture``."""
    from kb.store.connection import Store

    db = tmp / "gone.duckdb"
    shutil.copy(sample_db, db)
    with Store(db).write() as con:
        cid, cap_id = con.execute(
            "SELECT c.claim_id, a.capture_id FROM claims c JOIN articles a USING (article_id) "
            "JOIN captures p ON p.capture_id = a.capture_id WHERE p.warc_offset > 0 ORDER BY c.claim_id LIMIT 1"
        ).fetchone()
        for column, value in capture.items():
            con.execute(f"UPDATE captures SET {column} = ? WHERE capture_id = ?", [value, cap_id])
    return db, cid


@pytest.mark.parametrize(
    ("capture", "said"),
    [
        pytest.param(
            {"warc_file": "/nowhere/moved.warc.gz"}, r"the WARC file /nowhere/moved\.warc\.gz is gone", id="gone"
        ),
        pytest.param({"warc_offset": 0}, r"holds another record at offset 0 .* the file was rewritten", id="rewritten"),
        pytest.param({"body_sha256": "0" * 64}, r"differs from the one ingested", id="digest"),
    ],
)
def test_archive_record_that_cannot_be_read_back_is_said_and_the_text_stays(sample_db, tmp_path, capture, said):
    db, cid = _gone_db(sample_db, tmp_path, **capture)
    cap = KB(db=db).archived(cid)
    assert cap.body is None and cap.html is None
    assert re.search(said, cap.problem), cap.problem
    assert cap.article_text[cap.char_start : cap.char_end].strip()  # the text view still has its claim


# -- the documents the app frames -----------------------------------------------------------------


def test_archive_text_view_escapes_hostile_text():
    start = HOSTILE_TEXT.index("[link]")
    end = HOSTILE_TEXT.index("{{")
    document = text_document(HOSTILE_TEXT, start, end)
    doc = _parse(document)
    assert "".join(doc.text) == HOSTILE_TEXT
    assert "".join(doc.marked) == HOSTILE_TEXT[start:end]
    assert [t for t, _ in doc.tags] == ["html", "head", "meta", "meta", "style", "body", "div", "mark", "script"]
    assert doc.scripts == [_SCROLL]  # ours alone, and the CSP allows only it (by hash)
    assert ("meta", {"http-equiv": "Content-Security-Policy", "content": TEXT_CSP}) in doc.tags
    assert "default-src 'none'" in TEXT_CSP and "img-src" not in TEXT_CSP


@pytest.mark.parametrize(("start", "end"), [(-5, 3), (10, 5), (len(HOSTILE_TEXT) - 2, 10_000)])
def test_archive_text_view_clamps_offsets(start, end):
    doc = _parse(text_document(HOSTILE_TEXT, start, end))
    assert "".join(doc.text) == HOSTILE_TEXT


def test_archive_page_document_frames_the_html_sandboxed_with_a_csp():
    hostile = "<html><body><script>alert(1)</script>\"'><iframe src=x></iframe>&quot;</body></html>"
    doc = _parse(page_document(hostile))
    frames = [a for t, a in doc.tags if t == "iframe"]
    assert len(frames) == 1 and not doc.scripts  # the archived HTML is an attribute value, not markup
    frame = frames[0]
    assert frame["sandbox"] == ""  # no allow-scripts, no allow-same-origin, nothing
    srcdoc = frame["srcdoc"]
    assert srcdoc.endswith(hostile)
    head = srcdoc[: srcdoc.index(hostile)]
    assert f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">' in head
    assert PAGE_CSP == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


# -- the app -------------------------------------------------------------------------------------


def test_archive_page_opens_by_link_and_says_when_the_warc_is_gone(monkeypatch, sample_db, tmp_path):
    from streamlit.testing.v1 import AppTest

    from tests.test_ui_app import APP

    db, cid = _gone_db(sample_db, tmp_path, warc_file="/nowhere/moved.warc.gz")
    monkeypatch.setenv("KB_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["view"] = "archive"
    at.query_params["claim"] = str(cid)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Archived copy"
    assert any("is gone" in w.value and "text as captured is below" in w.value for w in at.warning)
    assert [b.label for b in at.button][:1] == ["Back to the claim"]
    at.button[0].click().run()
    assert at.title[0].value == "Claim"
    archived = next(b for b in at.button if b.label.startswith("Archived copy (captured "))
    archived.click().run()
    assert at.title[0].value == "Archived copy"


# -- the browser ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _listener() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server on a free port that records every path asked of it."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], seen
    finally:
        server.shutdown()
        server.server_close()


FILLER = "<p>Paragraph {n} of the background: the hall was quiet and the visitors read the notices on the wall.</p>\n"


def _hostile_capture_db(tmp: Path, port: int) -> tuple[Path, int]:
    """A database of one article whose captured HTML tries to run scripts and fetch from
    127.0.0.1:``port``, and whose claim ("Critics ...") comes after forty paragraphs and
    carries HTML, Markdown and shortcodes in its text; and that claim's id."""
    from kb.ingest.run import ingest
    from tests.warcs import write_warc

    here = f"http://127.0.0.1:{port}"
    url, body, ctype = fixture_pages()[0]
    attack = (
        f"<script>window.__kbPwned = 1; document.documentElement.dataset.pwned = '1'; "
        f"new Image().src = '{here}/script';</script>"
        f'<img src="{here}/img.png" onerror="window.__kbPwned = 2">'
        f'<link rel="stylesheet" href="{here}/style.css"><link rel="prefetch" href="{here}/prefetch">'
        f'<meta http-equiv="refresh" content="1;url={here}/refresh">'
        f'<iframe src="{here}/frame"></iframe><a id="out" href="{here}/link">Read more</a>'
        f'<div style="background-image: url({here}/bg.png)">styled</div>'
    ).encode()
    text_attack = (  # the sentence splitter keeps this one whole, so the claim carries it all
        f"Critics &lt;script&gt;window.__kbPwned=3&lt;/script&gt; &lt;img src={here}/text.png "
        f"onerror=window.__kbPwned=4&gt; :material/warning: **warned** on Tuesday that 40% of the rush"
    ).encode()
    markdown = f"<p>Elsewhere ![x]({here}/md.png) and :red[red] and [a link]({here}/md-link) were said.</p>".encode()
    filler = "".join(FILLER.format(n=n) for n in range(40)).encode()
    body = body.replace(b"<body>", b"<body>" + attack, 1)
    body = body.replace(b"<p>Server racks", filler + markdown + b"<p>Server racks", 1)
    body = body.replace(b"Critics warn that the rush", text_attack, 1)
    db = tmp / "hostile.duckdb"
    ingest([write_warc(tmp / "hostile.warc.gz", [(url, body, ctype)])], db)
    with KB(db=db)._read() as con:
        row = con.execute(
            "SELECT claim_id FROM claims WHERE text LIKE 'Critics <script>%warned%' ORDER BY claim_id LIMIT 1"
        ).fetchone()
    assert row, "the hostile claim was not extracted"
    return db, row[0]


@pytest.mark.browser
def test_browser_archived_view_runs_nothing_fetches_nothing_and_shows_the_claim(tmp_path):
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright

    from tests.test_ui_browser import ARGS, CHROMIUM, _serve

    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (run `make browser`)")
    with _listener() as (port, seen), sync_playwright() as p:
        db, cid = _hostile_capture_db(tmp_path, port)
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        with _serve(db) as url:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{url}/?view=archive&claim={cid}")
            expect(page.get_by_role("heading", name="Archived copy")).to_be_visible(timeout=90_000)
            assert page.url.startswith(f"{url}/archive?")
            expect(page.get_by_role("link", name="Original (live site)")).to_have_attribute(
                "href",
                "http://testwire.example/2025/02/cooling.html",
                timeout=60_000,  # the page draws in pieces: on a loaded machine the buttons come late
            )
            text_frame = page.frame_locator("iframe[title^='The article text']")
            mark = text_frame.locator("mark#claim")
            expect(mark).to_contain_text("Critics <script>window.__kbPwned=3</script> <img src=", timeout=60_000)
            expect(mark).to_contain_text(":material/warning: **warned** on Tuesday")
            expect(
                text_frame.get_by_text(f"Elsewhere ![x](http://127.0.0.1:{port}/md.png) and :red[red]")
            ).to_be_visible()
            page.wait_for_timeout(1500)
            # scrolled to: the mark is inside its frame's box and inside the window
            box, frame_box = mark.bounding_box(), page.locator("iframe[title^='The article text']").bounding_box()
            assert box and frame_box, (box, frame_box)
            assert frame_box["y"] <= box["y"] and box["y"] + box["height"] <= frame_box["y"] + frame_box["height"]
            assert 0 <= box["y"] and box["y"] + box["height"] <= 900, box
            assert text_frame.locator("img, a, iframe").count() == 0 and text_frame.locator("script").count() == 1
            shots = Path(os.environ.get("KB_SHOTS_DIR") or tmp_path)
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "archive-text.png"))

            page.get_by_role("tab", name=re.compile("Archived page")).click()
            archived = page.frame_locator("iframe[title='The archived page']").frame_locator("iframe")
            expect(archived.get_by_role("heading", name=re.compile("Chipmakers race"))).to_be_visible(timeout=30_000)
            archived.locator("#out").click()  # a link goes nowhere: a popup the sandbox refuses
            page.wait_for_timeout(2500)  # past the page's 1 s meta refresh
            expect(archived.get_by_role("heading", name=re.compile("Chipmakers race"))).to_be_visible()
            page.screenshot(path=str(shots / "archive-page.png"))

            for frame in page.frames:  # no script of the capture ran anywhere
                assert frame.locator("html[data-pwned]").count() == 0, frame.url
                marker = None
                with contextlib.suppress(PlaywrightError):  # a frame without scripts may refuse evaluation
                    marker = frame.evaluate("() => window.__kbPwned")
                assert marker is None, frame.url
            assert seen == [], seen
            # the app, the text view, the archived page's frame, its sandbox, and the page's own iframe
            # (CSP-blocked: an error frame, no request)
            assert len(page.frames) == 5, [f.url for f in page.frames]
            page.close()
        browser.close()
