"""The search page and the navigation between pages through Streamlit's AppTest (no
browser), and the pure helpers the pages show crawled text with (ui.safe, ui.format)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, fixture_pages
from ui.format import format_figure, format_number
from ui.safe import WORD_JOINER, escape_markdown, highlight, safe_url, unescape_markdown

APP = str(ROOT / "ui" / "app.py")
MUSK_QUERY = "running out of data to train AI"
HOSTILE = (
    b"Critics [click](javascript:alert(1)) ![x](http://evil.example/p.png) &lt;script&gt;alert(2)&lt;/script&gt; "
    b"**warned** `rm -rf` $x^2$ :red[red] www.evil.example on Tuesday that 40% of the rush"
)
HOSTILE_QUERY = "warned on Tuesday that 40% of the rush"  # every word in the claim: a strong match


def build_hostile_db(tmp: Path) -> Path:
    """A database whose only article has Markdown/HTML metacharacters in a claim and its title."""
    from kb.ingest.run import ingest
    from tests.warcs import write_warc

    url, body, ctype = fixture_pages()[0]
    body = body.replace(b"Critics warn that the rush", HOSTILE)
    body = body.replace(b"Chipmakers race to cool the data centre", b"[Chipmakers](javascript:alert(3)) <b>race</b>")
    db = tmp / "kb.duckdb"
    ingest([write_warc(tmp / "hostile.warc.gz", [(url, body, ctype)])], db)
    return db


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    return build_hostile_db(tmp_path_factory.mktemp("hostile"))


def _app(monkeypatch, db, q: str | None = None) -> AppTest:
    monkeypatch.setenv("KB_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    if q:
        at.query_params["q"] = q
    at.run()
    assert not at.exception, at.exception
    return at


def _headers(at: AppTest) -> list[str]:
    """The first line of each numbered result: rank, speaker, verb, source, date."""
    return [m.value for m in at.markdown if re.match(r"\d+\\\. ", m.value)]


def _cards(at: AppTest) -> list[str]:
    """The text of each result card (bordered container), in order."""
    cards = [
        "\n".join([m.value for m in b.markdown] + [c.value for c in b.caption])
        for b in at.main.children.values()
        if getattr(b, "type", None) == "flex_container"
    ]
    return [c for c in cards if c]  # the export controls' row has no text


def _text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


# -- the page -----------------------------------------------------------------------------


def test_ui_overview_without_query(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db)
    assert [m.label for m in at.metric] == ["Articles", "Claims", "Entities", "Sources"]
    assert all(int(m.value.replace(",", "")) > 0 for m in at.metric)
    assert "Recent claims" in [s.value for s in at.subheader]
    assert at.get("link_button"), "each recent claim links to its original page"


def test_ui_search_shows_musk_first(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db)
    at.text_input(key="query").input(MUSK_QUERY).run()
    assert not at.exception
    headers = _headers(at)
    assert headers and headers[0].startswith("1\\. **Elon Musk**"), headers[:3]
    assert at.query_params["q"] in (MUSK_QUERY, [MUSK_QUERY])  # linkable
    # the claim is highlighted inside its paragraph, and carries its badges
    assert any(m.value.startswith(":orange-background[") or ":orange-background[" in m.value for m in at.markdown)
    assert any(
        re.fullmatch(
            r":green-badge\[check-worthiness 0\.\d\d\]|:gray-badge\[check-worthiness 0\.\d\d\]",
            m.value,
        )
        for m in at.markdown
    )


def test_ui_query_from_url_runs_the_search(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db, q=MUSK_QUERY)
    assert at.text_input(key="query").value == MUSK_QUERY
    assert "Elon Musk" in _headers(at)[0]


def test_ui_source_filter_narrows(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db, q="synthetic data")
    everything = _headers(at)
    assert len({h.split(" · ")[-2] for h in everything}) > 1, "several sources before filtering"
    at.selectbox(key="source").select("datadispatch.example").run()
    narrowed = _headers(at)
    assert narrowed and all("datadispatch\\.example" in h for h in narrowed)
    assert narrowed != everything


def test_ui_kind_filter_shows_only_that_kind(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db, q="synthetic data")
    at.selectbox(key="kind").select("statistic").run()
    kinds = [
        m.value
        for m in at.markdown
        if re.fullmatch(r":\w+-badge\[(statistic|quote|prediction|attribution|event)\]", m.value)
    ]
    assert kinds and set(kinds) == {":blue-badge[statistic]"}


def test_ui_date_filter_includes_the_last_day(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db, q=MUSK_QUERY)
    at.checkbox(key="use_dates").check().run()
    at.date_input(key="since").set_value(date(2025, 1, 9))
    at.date_input(key="until").set_value(date(2025, 1, 9)).run()
    headers = _headers(at)
    assert headers and all(h.endswith("· 2025-01-09") for h in headers)
    assert "Elon Musk" in headers[0]


def test_ui_entity_filter(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db, q="synthetic data")
    at.text_input(key="entity").input("Gartner").run()
    cards = _cards(at)
    assert cards and all("Gartner" in card for card in cards)  # as speaker or among the entities
    at.text_input(key="entity").input("Nobody Atall").run()
    assert not _cards(at) and at.info


def test_ui_missing_database_is_an_error_with_code(monkeypatch, tmp_path):
    at = _app(monkeypatch, tmp_path / "none.duckdb")
    assert at.error and "KB001" in at.error[0].value
    assert at.info and "make run" in at.info[0].value
    assert not at.metric


def test_ui_hostile_claim_text_is_shown_literally(monkeypatch, hostile_db):
    at = _app(monkeypatch, hostile_db, q=HOSTILE_QUERY)
    shown = [m.value for m in at.markdown if "javascript" in m.value]
    assert shown, _text(at)
    for value in shown:
        assert "](javascript" not in value and "![x](" not in value and "<script>" not in value
        assert "\\[click\\]" in value and "\\*\\*warned\\*\\*" in value
        # unescaping gives back exactly the crawled characters
        plain = unescape_markdown(re.sub(r"(?<!\\)(:orange-background\[|\])", "", value))  # without the highlight
        assert HOSTILE.decode().replace("&lt;", "<").replace("&gt;", ">") in plain
    titles = [c.value for c in at.caption if c.value.startswith("**Article**")]
    assert titles and all("[Chipmakers](javascript:alert(3)) <b>race</b>" in unescape_markdown(t) for t in titles)
    assert all("](" not in t and "<b>" not in t for t in titles)


# -- ui.safe --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![img](http://evil)",
        "**bold**",
        "__bold__",
        "`code`",
        "```fence```",
        "$x^2$",
        "$$\\int$$",
        ":red[colour]",
        ":orange-background[x]",
        ":smile:",
        "<img src=x onerror=alert(1)>",
        "# heading",
        "1. list",
        "- item",
        "> quote",
        "| a | b |",
        "~~strike~~",
        "[ref]: http://evil",
        "http://evil.example",
        "www.evil.example",
        "a@evil.example",
        "&lt;b&gt;",
        "\\*",
        "line\nbreak",
        "    indented code",
        "https://evil.example/x",
        "HTTP://EVIL.EXAMPLE",
        "WWW.evil.example",
        "mailto:a@b.example",
        ":material/home:",
        ":material_home:",
        ":+1:",
        "<https://evil.example>",
    ],
)
def test_ui_escape_markdown_neutralises(evil):
    out = escape_markdown(evil)
    # every character Markdown/HTML/Streamlit could act on is backslash-escaped
    assert not re.search(r"(?<!\\)[<>\[\]()`*_$:#!~|&@.\-]", re.sub(r"\\\\", "", out)), out
    assert "\n" not in out
    # no autolink (scheme://, www., user@host) or shortcode (:material/x:, :smile:) survives in the shown text
    shown = re.sub(r"\\(.)", r"\1", out)
    assert not re.search(r"(?i)[a-z]://|www\.|@[\w.-]|:[a-z+-]", shown), shown
    assert unescape_markdown(out) == re.sub(r"\s+", " ", evil)  # and nothing else changes


def test_ui_highlight_marks_only_the_claim():
    out = highlight("Before. The claim [1]. After.", 8, 22)
    assert out == "Before\\. :orange-background[The claim \\[1\\]\\.] After\\."


def test_ui_escape_markdown_leaves_ordinary_text_alone():
    text = "Gartner said: 60% of data, at 10:30, by 2024 (est.)"
    assert unescape_markdown(escape_markdown(text)) == text
    assert WORD_JOINER not in escape_markdown(text)


def test_ui_highlight_escapes_a_closing_bracket_inside_the_claim():
    out = highlight("x] y", 0, 4)
    assert out == ":orange-background[x\\] y]"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("http://a.example/x", True),
        ("https://a.example", True),
        ("  https://a.example/p?q=1  ", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("//evil.example", False),
        ("http:///nohost", False),
        ("", False),
        (None, False),
    ],
)
def test_ui_safe_url(url, ok):
    assert (safe_url(url) is not None) == ok


# -- ui.format ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (60e9, "60,000,000,000"),
        (6.7, "6.7"),
        (1234.5, "1,234.5"),
        (0.0001234, "0.000123"),
        (-3.0, "-3"),
        (0.0, "0"),
    ],
)
def test_ui_format_number(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("fig", "text"),
    [
        ({"raw": "17%", "value": 17.0, "unit": "percent", "approx": "about"}, "17% → ≈17 percent"),
        (
            {
                "raw": "$38 billion to $40 billion",
                "value": 38e9,
                "unit": "USD",
                "lower": 38e9,
                "upper": 40e9,
            },
            "$38 billion to $40 billion → 38,000,000,000–40,000,000,000 USD",
        ),
        (
            {"raw": "$60 billion", "value": 60e9, "unit": "USD", "year": 2025},
            "$60 billion → 60,000,000,000 USD (2025)",
        ),
        (
            {
                "raw": "60%",
                "value": 60.0,
                "unit": "percent",
                "year": 2024,
                "subject": "the data used for AI in 2024",
            },
            "60% → 60 percent (of the data used for AI in 2024)",
        ),
        ({"raw": "6", "value": 6.0}, "6 → 6"),
        ({"raw": "a few"}, "a few"),
    ],
)
def test_ui_format_figure(fig, text):
    assert format_figure(fig) == text


# -- every page over hostile text ----------------------------------------------------------------

# Markup that would mean crawled text was rendered as Markdown or HTML: a link or image with an
# unescaped bracket, a raw tag, bold/code markers that were not escaped.
RENDERED = re.compile(
    r"(?<!\\)\]\((?:javascript|http)|(?<!\\)!\[|(?<!\\)<script|(?<!\\)<b>|(?<!\\)\*\*warned|(?<!\\)`rm"
)


def _hostile_claim_id(db: Path) -> int:
    from kb.store.connection import Store

    with Store(db).read() as con:
        return con.execute("SELECT claim_id FROM claims WHERE text LIKE '%<script>%'").fetchone()[0]


def _page(monkeypatch, db: Path, **params: str) -> AppTest:
    monkeypatch.setenv("KB_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def _assert_nothing_rendered(at: AppTest) -> None:
    """No Markdown or caption element carries live markup made of crawled text, and every
    link the page offers goes to an http(s) URL."""
    for value in [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]:
        assert not RENDERED.search(value), value
    for button in at.get("link_button"):
        assert safe_url(button.proto.url), button.proto.url


@pytest.mark.parametrize(
    ("params", "title", "shows_article"),
    [
        pytest.param({"q": HOSTILE_QUERY}, "Claims search", True, id="search"),
        pytest.param({"claim": "hostile"}, "Claim", True, id="claim"),
        pytest.param({"view": "contradictions"}, "Contradictions", False, id="contradictions"),
        pytest.param({"entity": "Jensen Huang"}, "People & organisations", True, id="entity"),
        pytest.param({"view": "crawl"}, "Crawl status", False, id="crawl-status"),
    ],
)
def test_ui_every_page_shows_hostile_text_as_text(monkeypatch, hostile_db, params, title, shows_article):
    if params.get("claim") == "hostile":
        params = {"claim": str(_hostile_claim_id(hostile_db))}
    at = _page(monkeypatch, hostile_db, **params)
    assert at.title[0].value == title
    assert not at.error, [e.value for e in at.error]
    _assert_nothing_rendered(at)
    if shows_article:  # the hostile headline is on screen, as the same characters
        assert "[Chipmakers](javascript:alert(3)) <b>race</b>" in unescape_markdown(_text(at))


def test_ui_claim_page_over_hostile_text_highlights_the_literal_claim(monkeypatch, hostile_db):
    at = _page(monkeypatch, hostile_db, claim=str(_hostile_claim_id(hostile_db)))
    assert at.title[0].value == "Claim"
    marked = [m.value for m in at.markdown if ":orange-background[" in m.value]
    assert marked, _text(at)
    claim = re.search(r"(?<!\\):orange-background\[(.*?)(?<!\\)\]", marked[0]).group(1)
    assert unescape_markdown(claim).startswith("<script>alert(2)</script> **warned** `rm -rf` $x^2$ :red[red]")
    shown = unescape_markdown(_text(at))
    assert "[Chipmakers](javascript:alert(3)) <b>race</b>" in shown  # the title, character for character
    # the article as captured is a code block: shown verbatim, never interpreted
    assert any("[click](javascript:alert(1))" in c.value for c in at.code)


def test_ui_search_on_an_empty_knowledge_base_says_nothing_matches(monkeypatch, tmp_path):
    from kb.store.connection import Store

    db = tmp_path / "empty.duckdb"
    Store(db).init()
    at = _app(monkeypatch, db, q=MUSK_QUERY)
    assert not at.error, [e.value for e in at.error]
    assert any("No claim matches" in i.value for i in at.info)


def test_ui_results_still_show_when_citations_cannot_be_made(monkeypatch, tmp_path):
    """Claims without an archived capture (here: loaded as a benchmark loads them) have no
    provenance to cite: the results list says so beside the export and still shows them."""
    from kb.nlp.embed import embed
    from kb.store.connection import Store
    from kb.train.corpus import store_claims

    texts = ["Analysts said AI labs are running out of training data.", "The chip plant will open in 2027."]
    db = tmp_path / "bare.duckdb"
    store_claims(Store(db), texts, embed(texts), ["", ""])
    at = _app(monkeypatch, db, q=MUSK_QUERY)
    assert not at.error, [e.value for e in at.error]
    assert any("No citations to download" in c.value and "KB010" in c.value for c in at.caption)
    assert _headers(at), "the results are listed"


def test_ui_search_uses_the_configured_reranker(monkeypatch, sample_db, loud_reranker):
    """KB_RERANKER reaches the app: the sidebar says so and the result groups come in the
    re-ranked order, which here differs from the plain one."""
    from kb.api import KB, Settings

    kb = KB(Settings(db=sample_db))

    def leads(reranker: str) -> list[str]:
        res = kb.search_groups(MUSK_QUERY, limit=10, reranker=reranker)
        return [g.hit.text for g in (res.groups + res.weak)[:10]]  # a page: the matches, then the closest weak ones

    reranked = leads(str(loud_reranker))
    assert reranked and reranked != leads("")
    monkeypatch.setenv("KB_RERANKER", str(loud_reranker))
    at = _app(monkeypatch, sample_db, q=MUSK_QUERY)
    assert any("Re-ranking" in c.value for c in at.sidebar.caption)
    shown = [re.sub(r"\\(.)", r"\1", c) for c in _cards(at)]
    order = [next(i for i, t in enumerate(reranked) if t in card) for card in shown if any(t in card for t in reranked)]
    assert order == list(range(len(reranked)))


# -- navigation: the menu, the pages' own URLs, the app's older links ---------------------------------

MENU = [  # the pages st.navigation lists, in order, and the title each shows
    ("views/search.py", "Claims search"),
    ("views/contradictions.py", "Contradictions"),
    ("views/people.py", "People & organisations"),
    ("views/edits.py", "Edited articles"),
    ("views/crawl.py", "Crawl status"),
]


@pytest.mark.parametrize(("page", "title"), MENU, ids=[p.split("/")[1][:-3] for p, _ in MENU])
def test_ui_navigation_opens_each_page(monkeypatch, sample_db, page, title):
    at = _app(monkeypatch, sample_db)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title[0].value == title and at.caption[0].value
    assert not at.error, [e.value for e in at.error]


def test_ui_claim_page_needs_a_claim_id(monkeypatch, sample_db):
    at = _app(monkeypatch, sample_db)
    at.switch_page("views/claim.py").run()  # its own URL without ?claim=: back to the search
    assert at.title[0].value == "Claims search"
    at.query_params["claim"] = "1"
    at.switch_page("views/claim.py").run()
    assert not at.exception and at.title[0].value == "Claim" and at.query_params["claim"] == "1"


@pytest.mark.parametrize(
    ("params", "title", "kept"),
    [
        pytest.param({"claim": "1"}, "Claim", {"claim": "1"}, id="claim"),
        pytest.param({"view": "contradictions"}, "Contradictions", {}, id="contradictions"),
        pytest.param(
            {"view": "edits", "url": "http://testwire.example/a.html"},
            "Edited articles",
            {"url": "http://testwire.example/a.html"},
            id="edits",
        ),
        pytest.param({"view": "crawl"}, "Crawl status", {}, id="crawl"),
        pytest.param({"entity": "Gartner"}, "People & organisations", {"entity": "Gartner"}, id="entity"),
        pytest.param({"view": "entity"}, "People & organisations", {}, id="people"),
        pytest.param({"claim": "7", "entity": "Gartner", "view": "crawl"}, "Claim", {"claim": "7"}, id="claim-first"),
        pytest.param({"view": "nowhere"}, "Claims search", {}, id="unknown-view"),
        pytest.param({"claim": "x1"}, "Claims search", {}, id="claim-not-a-number"),
    ],
)
def test_ui_old_links_open_their_page(monkeypatch, sample_db, params, title, kept):
    """The query-string links the app has always made (?claim=, ?entity=, ?view=) open their
    page, which keeps only the parameters it reads."""
    at = _page(monkeypatch, sample_db, **params)
    assert at.title[0].value == title
    assert not at.error, [e.value for e in at.error]
    assert at.query_params == kept


def test_ui_claim_page_back_returns_where_the_claim_was_opened(monkeypatch, sample_db):
    at = _page(monkeypatch, sample_db, view="contradictions")
    next(b for b in at.button if b.label == "Sources, flags, provenance").click().run()
    assert at.title[0].value == "Claim"
    next(b for b in at.button if b.label == "Back to search").click().run()
    assert not at.exception and at.title[0].value == "Contradictions" and not at.query_params
    at = _page(monkeypatch, sample_db, claim="1")  # opened by its link
    next(b for b in at.button if b.label == "Back to search").click().run()
    assert at.title[0].value == "Claims search" and not at.query_params


def test_ui_people_page_looks_up_a_typed_name(monkeypatch, sample_db):
    at = _page(monkeypatch, sample_db, view="entity")
    assert at.title[0].value == "People & organisations" and not at.subheader
    at.selectbox(key="entity_name").select("Gartner").run()
    assert "Gartner" in [h.value for h in at.subheader]
    assert at.query_params["entity"] == "Gartner"  # linkable
    at.query_params["entity"] = "Nobody Atall"  # a name the box does not list (typed, or linked)
    at.run()
    assert at.selectbox(key="entity_name").value == "Nobody Atall"
    assert any("No person or organisation" in w.value for w in at.warning)


# -- crawled text in widget labels, deep-link parameters, the query's length -----------------------

HOSTILE_SPEAKER = "![t](http://evil.example/p.png)"


def speaker_db(sample_db: Path, tmp: Path, speaker: str = HOSTILE_SPEAKER) -> tuple[Path, int]:
    """A copy of the sample database whose first attributed claim's speaker is named ``speaker``
    (written straight into the entity, as a crawled byline would arrive); and that claim's id."""
    import shutil

    from kb.store.connection import Store

    db = tmp / "speaker.duckdb"
    shutil.copy(sample_db, db)
    with Store(db).write() as con:
        cid, eid = con.execute(
            "SELECT claim_id, speaker_entity_id FROM claims WHERE speaker_entity_id IS NOT NULL ORDER BY claim_id LIMIT 1"
        ).fetchone()
        con.execute("UPDATE entities SET name = ? WHERE entity_id = ?", [speaker, eid])
    return db, cid


def test_ui_more_from_speaker_button_escapes_the_speaker(monkeypatch, sample_db, tmp_path):
    db, cid = speaker_db(sample_db, tmp_path)
    at = _page(monkeypatch, db, claim=str(cid))
    button = at.button(key="speaker-page")
    assert button.label == f"More from {escape_markdown(HOSTILE_SPEAKER)}"
    assert unescape_markdown(button.label) == f"More from {HOSTILE_SPEAKER}"
    button.click().run()  # still opens the speaker's page, under the name as stored
    assert at.title[0].value == "People & organisations" and at.query_params["entity"] in (
        HOSTILE_SPEAKER,
        [HOSTILE_SPEAKER],
    )


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("²", id="superscript-two"),
        pytest.param("١٢", id="arabic-indic-digits"),
        pytest.param("１２", id="fullwidth-digits"),
        pytest.param("1" * 5000, id="5000-digits"),
        pytest.param("9" * 4000, id="4000-digits"),
        pytest.param("9223372036854775808", id="bigint-max-plus-one"),
        pytest.param("-1", id="negative"),
        pytest.param("x1", id="not-a-number"),
    ],
)
def test_ui_bad_claim_link_is_a_message_not_a_traceback(monkeypatch, sample_db, value):
    at = _page(monkeypatch, sample_db, claim=value)  # asserts no exception
    assert at.title[0].value == "Claims search"
    assert not at.error, [e.value for e in at.error]
    warnings = [w.value for w in at.warning]
    assert any("not a claim id" in w for w in warnings), warnings
    assert all(len(w) < 400 for w in warnings), "the bad value is quoted short, not whole"
    assert "claim" not in at.query_params


def test_ui_largest_claim_id_is_looked_up(monkeypatch, sample_db):
    at = _page(monkeypatch, sample_db, claim="9223372036854775807")
    assert at.title[0].value == "Claim"
    assert any("no claim 9223372036854775807" in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("params", "title", "dropped", "message"),
    [
        pytest.param({"q": "data " * 300}, "Claims search", "q", "search", id="query"),
        pytest.param({"entity": "Gartner" * 100}, "Claims search", "entity", "name", id="entity"),
        pytest.param(
            {"view": "edits", "url": "http://a.example/" + "x" * 10_000}, "Edited articles", "url", "URL", id="url"
        ),
    ],
)
def test_ui_overlong_link_parameter_is_a_message(monkeypatch, sample_db, params, title, dropped, message):
    at = _page(monkeypatch, sample_db, **params)
    assert at.title[0].value == title
    assert not at.error, [e.value for e in at.error]
    warnings = [w.value for w in at.warning]
    assert any(message in w and "characters" in w for w in warnings), warnings
    assert dropped not in at.query_params
    assert not _headers(at), "nothing was searched"


def test_ui_search_box_caps_the_query(monkeypatch, sample_db):
    from kb.config import SearchSettings

    cap = SearchSettings().max_query_chars
    at = _app(monkeypatch, sample_db)
    box = at.text_input(key="query")
    assert box.max_chars == cap  # the browser stops typing and pasting there
    box.set_value("data " * 400).run()  # a client sending more anyway: the server cuts it to the cap
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert len(at.text_input(key="query").value) <= cap
    assert len(at.query_params.get("q", "")) <= cap


@pytest.mark.parametrize("key", ["entity"])
def test_ui_name_boxes_are_capped(monkeypatch, sample_db, key):
    # the people page's box is a selectbox (no max_chars): its callback cuts a typed name to
    # the cap a link has (ui.views.people.chosen), and a longer link is refused (ui.links)
    at = _page(monkeypatch, sample_db)
    assert at.text_input(key=key).max_chars


# -- people & organisations ---------------------------------------------------------------------

NAN_LABEL = re.compile(r"\b(nan|NaN|None|NaT)\b")


def _page_text(at: AppTest) -> list[str]:
    """Everything the page shows as text: Markdown, captions, headings, warnings, button
    labels, table cells and chart specs (titles, axis labels, data)."""
    texts = [e.value for kind in ("markdown", "caption", "subheader", "warning") for e in getattr(at, kind)]
    texts += [b.label for b in at.button]
    texts += [df.value.to_csv(index=False) for df in at.dataframe]
    texts += [c.proto.spec for c in at.get("vega_lite_chart")]
    return texts


def _chart_rows(chart) -> int:
    import pyarrow as pa

    (dataset,) = chart.proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().num_rows


def test_ui_people_page_opens_on_the_most_mentioned(monkeypatch, sample_db):
    at = _page(monkeypatch, sample_db, view="entity")
    text = "\n".join(_page_text(at))
    assert "People most written about" in text and "Organisations most written about" in text
    labels = [b.label for b in at.button]
    assert "Elon Musk" in labels and "Nvidia" in labels
    assert any(c.value.startswith("in ") and "claims made" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Elon Musk").click().run()  # a button opens its page
    assert not at.exception and [h.value for h in at.subheader] == ["Elon Musk"]
    assert at.query_params["entity"] == "Elon Musk"


def test_ui_people_page_box_lists_names_and_aliases(monkeypatch, sample_db):
    at = _page(monkeypatch, sample_db, view="entity")
    box = at.selectbox(key="entity_name")
    assert box.value is None and "Gartner" in box.options and "Elon Musk" in box.options
    box.select("Gartner").run()
    assert not at.exception and "Gartner" in [h.value for h in at.subheader]
    assert at.query_params["entity"] == "Gartner"


def test_ui_people_page_suggests_near_names(monkeypatch, sample_db):
    at = _page(monkeypatch, sample_db, entity="Gartnr")
    (warning,) = [w.value for w in at.warning]
    assert "No person or organisation named “Gartnr”" in warning and "did you mean Gartner?" in warning
    # a button opens the suggestion (clicked in tests/test_ui_people_browser.py: AppTest cannot
    # replay a selectbox holding a typed name that is not one of its options)
    assert at.button(key="near-Gartner").label == "Gartner"


def test_ui_people_page_gartner_counts_agree(monkeypatch, sample_db):
    at = _page(monkeypatch, sample_db, entity="Gartner")
    text = "\n".join(_page_text(at))
    # hand count: tests/test_entity_counts.py
    assert unescape_markdown(
        "mentioned 3 times in 3 articles · 3 claims made · named in 3 claims"
    ) in unescape_markdown(text)
    assert "**Claims by Gartner** (3)" in text and "by others** (0)" in text


def test_ui_people_pages_have_no_nan_labels(monkeypatch, sample_db):
    """Every entity's page, on the sample database: no "nan", "None" or "NaT" shown, and one
    chart per measured quantity (never a chart of one point)."""
    from kb.api import KB, Settings

    kb = KB(Settings(db=sample_db))
    # the labels come from the figures: the read side is checked for every entity, the page
    # (slow: ~0.5 s a run) for every entity that has a figure to label
    names = []
    for e in kb.entities(limit=None):
        page = kb.entity(e.name)
        assert page is not None, e.name
        labels = [s.label for s in page.series]
        assert not any(NAN_LABEL.search(label) for label in labels), (e.name, labels)
        if page.figures:
            names.append(e.name)
    at = _page(monkeypatch, sample_db, entity=names[0])
    charts = 0
    for name in names:
        at.query_params["entity"] = name
        at.run()
        assert not at.exception, (name, at.exception)
        for text in _page_text(at):
            assert not NAN_LABEL.search(text), (name, NAN_LABEL.search(text).group(), text[:300])
        for chart in at.get("vega_lite_chart"):
            charts += 1
            assert _chart_rows(chart) >= 2, name
    assert charts  # Gartner's three estimates at least


def test_ui_claim_page_cluster_header_counts_its_rows(monkeypatch, sample_db):
    """The header's "N independent reports, M copies" counts the table's rows: Musk's claim
    (hand count in tests/test_entity_counts.py: 4 outlets, 1 copy, bytebeacon stating it twice)."""
    from kb.api import KB, Settings

    widest = KB(Settings(db=sample_db)).clusters(min_claims=2, limit=1)[0]
    at = _page(monkeypatch, sample_db, claim=str(widest.claim.claim_id))
    assert any(c.value.startswith("4 independent reports, 1 copy ") for c in at.caption), [c.value for c in at.caption]
    (table,) = [df.value for df in at.dataframe if "status" in df.value.columns]
    statuses = table["status"].value_counts().to_dict()
    assert statuses == {"independent": 3, "first seen": 1, "same outlet again": 1, "copy": 1}
