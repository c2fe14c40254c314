from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.errors import Skip
from kb.ingest.extract import extract
from tests.conftest import FIXTURES

PAGES = FIXTURES / "pages"
URL = "http://testwire.example/2025/02/cooling.html"


@pytest.fixture(scope="module")
def article():
    return extract((PAGES / "article.html").read_bytes(), URL, "text/html; charset=utf-8")


def test_extract_keeps_body_and_drops_boilerplate(article):
    assert "Jensen Huang told analysts" in article.text
    assert "between 20% and 30%" in article.text
    for boilerplate in ("Most read", "memory prices will climb", "All rights reserved", "Accept all cookies", "Home"):
        assert boilerplate not in article.text


def test_extract_drops_repeated_headline_and_byline(article):
    assert not article.text.startswith("Chipmakers race")
    assert "By Priya Raman" not in article.text


def test_extract_reads_metadata(article):
    assert article.title == "Chipmakers race to cool the data centre"
    assert article.authors == ["Priya Raman"]
    assert article.published_at == datetime(2025, 2, 11, 0, 30, tzinfo=UTC)
    assert article.published_source == "meta"
    assert article.updated_at == datetime(2025, 2, 12, 2, 0, tzinfo=UTC)
    assert article.canonical_url == URL
    assert article.language == "en"
    assert article.site_name == "Test Wire"
    assert len(article.text_sha256) == 64


def test_extract_skips_index_page():
    with pytest.raises(Skip) as exc:
        extract((PAGES / "index.html").read_bytes(), "http://testwire.example/", "text/html")
    assert exc.value.reason == "not_article"


def test_extract_decodes_declared_windows_1252():
    ex = extract((PAGES / "cp1252.html").read_bytes(), "http://testwire.example/euro.html", "text/html")
    assert "€2bn" in ex.text
    assert "“We cannot depend" in ex.text
    assert "Europe’s share" in ex.text


def test_extract_wrong_http_charset_falls_back_to_content():
    body = (PAGES / "article.html").read_bytes()
    ex = extract(body, URL, "text/html; charset=utf-8")
    assert "“Every rack" in ex.text  # curly quotes survive


def test_extract_survives_nul_bytes():
    body = (PAGES / "article.html").read_bytes().replace(b"Server racks", b"Server\x00 racks")
    ex = extract(body, URL, "text/html")
    assert "Server racks" in ex.text


def test_extract_future_date_is_dropped():
    body = (PAGES / "article.html").read_bytes().replace(b"2025-02-11T08:30", b"2031-02-11T08:30")
    ex = extract(body, URL, "text/html", fetched_at=datetime(2025, 3, 1, tzinfo=UTC))
    assert ex.published_at is None or ex.published_at <= datetime(2025, 3, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "ctype", "reason"),
    [
        (b"", "text/html", "empty_body"),
        (b"   \n", "text/html", "empty_body"),
        (b"%PDF-1.7 binary", "application/pdf", "not_html"),
        (b"just some words, no markup at all", "text/html", "not_html"),
        (b"<html><body><p>Too short.</p></body></html>", "text/html", "too_short"),
    ],
)
def test_extract_skips_junk_with_reason(body, ctype, reason):
    with pytest.raises(Skip) as exc:
        extract(body, "http://x.example/story", ctype)  # a site's root page counts as a listing
    assert exc.value.reason == reason


def test_extract_skips_huge_page():
    body = b"<html><body>" + b"<p>word </p>" * 1_200_000 + b"</body></html>"
    with pytest.raises(Skip) as exc:
        extract(body, "http://x.example/huge", "text/html")
    assert exc.value.reason == "too_large"


def test_extract_deep_nesting_is_skipped_not_crashed():
    body = b"<html><body>" + b"<div>" * 5000 + b"<p>deep text here</p>" + b"</div>" * 5000 + b"</body></html>"
    with pytest.raises(Skip) as exc:
        extract(body, "http://x.example/deep", "text/html")
    assert exc.value.reason in {"too_deep", "too_short", "no_main_text"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=3000) | st.text(max_size=3000).map(lambda s: f"<html><body><p>{s}</p></body></html>".encode())
)
def test_extract_never_raises_anything_but_skip(body):
    try:
        ex = extract(body, "http://x.example/p", "text/html")
    except Skip:
        return
    assert ex.text.strip()


def test_extract_cookie_wall_is_not_an_article():
    wall = (
        b"<html><body><div class='consent'><h1>We value your privacy</h1>"
        b"<p>We and our partners use cookies to store and access information on your device. With your consent, "
        b"our partners process personal data for personalised ads and content measurement.</p>"
        b"<p>You can accept all, reject all or manage your preferences at any time in the privacy settings "
        b"at the bottom of every page. Some partners process data on the basis of legitimate interest.</p>"
        b"</div></body></html>"
    )
    with pytest.raises(Skip) as exc:
        extract(wall, "http://x.example/story", "text/html")
    assert exc.value.reason == "cookie_wall"


def test_extract_date_from_url_when_the_page_has_none():
    paras = "".join(
        f"<p>Paragraph {i}: the operator said demand for cooling capacity kept rising across the region "
        "as new racks arrived.</p>"
        for i in range(4)
    )
    body = (
        f"<html><head><meta property='og:type' content='article'></head><body><article>{paras}</article></body></html>"
    )
    ex = extract(body.encode(), "http://testwire.example/2024/11/05/cooling.html", "text/html")
    assert ex.published_at.date().isoformat() == "2024-11-05"  # htmldate reads URLs too; ours is the fallback
    assert (ex.published_source, ex.published_confidence) in {("htmldate", 0.6), ("url", 0.5)}


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://a.example/2025/01/09/story.html", "2025-01-09"),
        ("http://a.example/news/2024-12-31-year.html", "2024-12-31"),
        ("http://a.example/2025/13/40/bad.html", None),
        ("http://a.example/story.html", None),
    ],
)
def test_extract_date_in_url(url, day):
    from kb.ingest.extract import _date_in_url

    got = _date_in_url(url)
    assert (got.date().isoformat() if got else None) == day


@pytest.mark.parametrize(
    "line, kept",
    [
        ("Sign up to get the best content of the week, and great gaming deals.", False),
        ("Lea también: Impiden ingreso a Nicaragua a reportero", False),
        ("NOTAS RELACIONADAS", False),
        ("Auch interessant", False),
        ("View Comments", False),
        ("3:59 PM", False),
        ("January 13", False),
        ("PC Gamer Newsletter", False),
        (
            "The newsletter business grew 40% last year, according to Substack, which said it now has 4 million paying subscribers.",
            True,
        ),
        ("Related parties must disclose the transaction, the regulator said on Tuesday.", True),
        ("Shipments rose 7% in 2024.", True),
    ],
)
def test_extract_drops_page_furniture_lines_only(line, kept):
    from kb.ingest.extract import _clean_text

    body = "Chipmakers reported record demand for AI accelerators in the quarter, the company said on Monday."
    out = _clean_text(f"{body}\n{line}\n{body}", "Title", ())
    assert (line in out.split("\n")) is kept


# -- the article gate: evidence for and against, not one tag ----------------------------------
_PARA = (
    "<p>The regulator said on Tuesday that the merger would cut competition in the regional market "
    "for cloud storage, and that it would publish its full reasoning within a month. {i}</p>"
)


def _page(head: str = "", body: str = "", paragraphs: int = 4) -> bytes:
    paras = "".join(_PARA.format(i=i) for i in range(paragraphs))
    return (
        f"<html lang='en'><head><title>Regulator blocks cloud merger</title>{head}</head>"
        f"<body><h1>Regulator blocks cloud merger</h1>{body}{paras}</body></html>"
    ).encode()


_WEBSITE = "<meta property='og:type' content='website'>"
_NEWS_JSONLD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
    ' "headline": "Regulator blocks cloud merger", "datePublished": "2025-03-04T10:00:00Z"}</script>'
)


@pytest.mark.parametrize(
    ("head", "url"),
    [
        (_WEBSITE + _NEWS_JSONLD, "http://x.example/news/12345"),  # schema.org NewsArticle
        (_WEBSITE + "<meta property='article:published_time' content='2025-03-04T10:00:00Z'>", "http://x.example/n"),
        (_WEBSITE, "http://x.example/2025/03/04/regulator-blocks-merger.html"),  # a date in the URL
        (_WEBSITE, "http://x.example/markets/regulator-blocks-cloud-merger"),  # a slug and body paragraphs
        ("<meta property='og:type' content='video.other'>" + _NEWS_JSONLD, "http://x.example/v/1"),
    ],
)
def test_extract_og_type_alone_never_rejects_a_page_with_article_signals(head, url):
    ex = extract(_page(head), url, "text/html")
    assert "publish its full reasoning" in ex.text


_ARTICLE_META = (
    "<meta property='og:type' content='article'>"
    "<meta property='og:title' content='Regulator blocks cloud merger'>"
    "<meta property='article:published_time' content='2025-03-04T10:00:00Z'>" + _NEWS_JSONLD
)


@pytest.mark.parametrize(
    ("head", "body", "url", "evidence"),
    [
        (_WEBSITE, "", "http://x.example/about", "og:type=website -1"),
        ("", "", "http://x.example/tag/cloud/", "listing_path -6"),
        ("", "", "http://x.example/author/jane-doe/", "listing_path -6"),
        ("", "", "http://x.example/find?q=cloud+merger", "search_query -6"),
        (
            '<script type="application/ld+json">{"@type": "CollectionPage"}</script>',
            "",
            "http://x.example/cloud",
            "listing_schema -6",
        ),
        # article metadata on every page of the CMS does not outweigh what the page says it is
        (_ARTICLE_META, "", "http://x.example/tag/cloud/", "listing_path -6"),
        (_ARTICLE_META, "", "http://x.example/about/", "furniture_path -6"),
        (_ARTICLE_META, "<h1>Page not found</h1>", "http://x.example/reviews/x2-long-term-review/", "not_found -8"),
        (
            "<link rel='next' href='/cloud?page=2'>",
            "".join(f"<article><a href='/s{i}'>Story {i}</a><time>2025-03-0{i}</time></article>" for i in range(1, 6)),
            "http://x.example/cloud",
            "pagination -2, teasers -2",
        ),
    ],
)
def test_extract_gate_skips_listing_pages_and_says_what_decided(head, body, url, evidence):
    with pytest.raises(Skip) as exc:
        extract(_page(head, body, paragraphs=1 if url.endswith("/about") else 4), url)
    assert exc.value.reason == "not_article"
    assert evidence in exc.value.detail and "> for" in exc.value.detail


def test_extract_gate_link_heavy_page_is_a_listing():
    links = "".join(f"<li><a href='/story-{i}'>Headline number {i} of the day</a></li>" for i in range(60))
    with pytest.raises(Skip) as exc:
        extract(_page("", f"<ul>{links}</ul>", paragraphs=1), "http://x.example/latest")
    assert exc.value.reason == "not_article" and "link_heavy -1" in exc.value.detail


_BRIEF = (
    "<p>Shares of the chipmaker fell 8% in early trading on Wednesday after the company cut its revenue "
    "forecast for the year, citing weaker demand from data centre customers in Europe and Asia. Analysts at "
    "two banks lowered their price targets, and the company said it would give more detail at its investor "
    "day next month.</p>"
)


def test_extract_short_brief_with_date_and_headline_is_an_article():
    body = (
        f"<html><head><meta property='og:type' content='website'>"
        f"<meta property='article:published_time' content='2025-03-05T07:00:00Z'></head>"
        f"<body><h1>Chipmaker shares fall after forecast cut</h1>{_BRIEF}</body></html>"
    ).encode()
    ex = extract(body, "http://x.example/markets/chipmaker-shares-fall", "text/html")
    assert ex.text.startswith("Shares of the chipmaker fell 8%")
    assert ex.published_at == datetime(2025, 3, 5, 7, 0, tzinfo=UTC)


def test_extract_one_paragraph_without_a_date_is_still_too_short():
    body = f"<html><body><h1>Chipmaker shares fall</h1>{_BRIEF}</body></html>".encode()
    with pytest.raises(Skip) as exc:
        extract(body, "http://x.example/markets/chipmaker-shares-fall", "text/html")
    assert exc.value.reason == "too_short" and "not a dated brief" in exc.value.detail
