"""Main text and metadata of one HTML page: a cascade that never raises on junk.

``extract()`` returns :class:`Extracted` or raises :class:`Skip` with a short, stable
reason (``not_html``, ``too_large``, ``not_article``, ``too_short`` ...) that ingest
counts. Body text comes from trafilatura; dates, canonical URL and authors are read from
the page's own metadata first (meta tags, JSON-LD, ``<time>``) because trafilatura only
keeps the day, then from trafilatura/htmldate.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document
from w3lib.encoding import html_to_unicode

from kb.config import ExtractSettings
from kb.errors import Skip
from kb.models import Extracted

log = logging.getLogger(__name__)

EXTRACTOR = f"trafilatura/{trafilatura.__version__}"

#: How far a publication date can be trusted, by where it came from: structured data the
#: publisher wrote for machines first, a date guessed from the page text last.
DATE_CONFIDENCE = {"json-ld": 0.95, "meta": 0.9, "time": 0.75, "htmldate": 0.6, "url": 0.5}

_CONSENT = re.compile(
    r"\b(cookies?|consent|accept all|reject all|privacy settings|manage (?:your )?preferences|"
    r"partners process|legitimate interest)\b",
    re.I,
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)|/((?:19|20)\d{2})-(\d{2})-(\d{2})[/-]")


def _is_cookie_wall(text: str) -> bool:
    """A consent notice instead of an article: short, and mostly about cookies."""
    hits = {m.group(1).lower() for m in _CONSENT.finditer(text)}
    return len(text) < 2500 and len(hits) >= 3


def _date_in_url(url: str) -> datetime | None:
    m = _URL_DATE.search(url)
    if not m:
        return None
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    try:
        return datetime(int(y), int(mo), int(d), tzinfo=UTC)
    except ValueError:
        return None


@dataclass
class PageMeta:
    og_type: str | None = None
    # schema.org types the page declares (JSON-LD ``@type``, microdata ``itemtype``), bare names
    schema_types: tuple[str, ...] = ()
    published_meta: bool = False  # an article:published_time (or datePublished) meta tag
    canonical: str | None = None
    title: str | None = None
    site_name: str | None = None
    description: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    published_source: str | None = None
    modified: datetime | None = None


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode bytes using the HTTP charset, then the page's own declaration, then
    detection; NUL bytes are dropped (lxml refuses them)."""
    _, text = html_to_unicode(content_type, body)
    text = text.replace("\x00", "")
    # lxml refuses str input that still carries an XML encoding declaration (XHTML pages)
    return _XML_DECL.sub("", text, count=1)


def _parse_dt(value: str | None) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        if not m:
            return None
        try:
            dt = datetime(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def _jsonld_objects(tree: lxml.html.HtmlElement) -> list[dict]:
    out: list[dict] = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return out


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


#: schema.org types of a single story (their subtypes end in "Article": NewsArticle,
#: OpinionNewsArticle, ReportageNewsArticle, TechArticle ...)
ARTICLE_SCHEMA_TYPES = frozenset({"Article", "BlogPosting", "LiveBlogPosting", "Report"})
#: schema.org types of a page that lists other pages
LISTING_SCHEMA_TYPES = frozenset({"CollectionPage", "ProfilePage", "SearchResultsPage"})


def _bare_type(value: str) -> str:
    """``https://schema.org/NewsArticle`` and ``schema:NewsArticle`` -> ``NewsArticle``."""
    return re.split(r"[/#:]", value.strip().rstrip("/"))[-1]


def read_meta(tree: lxml.html.HtmlElement, base_url: str) -> PageMeta:
    """Metadata the page declares about itself."""

    def meta(*names: str) -> str | None:
        for name in names:
            for attr in ("property", "name", "itemprop"):
                vals = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
                if vals and vals[0].strip():
                    return vals[0].strip()
        return None

    m = PageMeta()
    m.og_type = (meta("og:type") or "").lower() or None
    canon = tree.xpath('//link[@rel="canonical"]/@href') or [meta("og:url") or ""]
    m.canonical = urljoin(base_url, canon[0].strip()) if canon[0].strip() else None
    m.title = meta("og:title", "twitter:title")
    m.site_name = meta("og:site_name")
    m.description = meta("description", "og:description")
    lang = tree.xpath("/html/@lang") or [meta("og:locale", "language") or ""]
    m.language = (lang[0].strip().replace("_", "-").split("-")[0].lower() or None) if lang else None

    authors: list[str] = []
    m.published_meta = bool(meta("article:published_time", "datePublished"))
    candidates: list[tuple[str | None, str]] = [
        (meta("article:published_time", "datePublished", "pubdate", "date"), "meta"),
    ]
    modified = meta("article:modified_time", "dateModified", "og:updated_time")
    types: dict[str, None] = {}
    for itemtype in tree.xpath("//@itemtype"):
        for t in str(itemtype).split():
            types.setdefault(_bare_type(t), None)
    for obj in _jsonld_objects(tree):
        kind = obj.get("@type")
        kinds = [_bare_type(k) for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
        types.update(dict.fromkeys(kinds))
        if any(k in ARTICLE_SCHEMA_TYPES or k.endswith(("Article", "BlogPosting", "Report")) for k in kinds):
            candidates.append((obj.get("datePublished"), "json-ld"))
            modified = modified or obj.get("dateModified")
            authors.extend(_names(obj.get("author")))
            if m.og_type is None:
                m.og_type = "article"
    candidates.append(
        ((tree.xpath("//article//time/@datetime") or tree.xpath("//time/@datetime") or [None])[0], "time")
    )
    for value, where in candidates:
        dt = _parse_dt(value)
        if dt is not None:
            m.published, m.published_source = dt, where
            break
    m.modified = _parse_dt(modified)
    m.schema_types = tuple(t for t in types if t)
    if not authors:
        authors = [a for a in (meta("author"),) if a]
        authors += [a.text_content().strip() for a in tree.xpath('//a[@rel="author"]')]
    seen: dict[str, None] = {}
    for a in authors:
        for part in re.split(r"\s+and\s+|,\s*|;\s*", a.strip()):
            part = re.sub(r"^by\s+", "", part.strip(), flags=re.I)
            if part and len(part) < 80:
                seen.setdefault(part, None)
    m.authors = tuple(seen)
    return m


def _max_depth(tree: lxml.html.HtmlElement, limit: int) -> int:
    """Deepest element nesting, counted in one pass; stops early past ``limit``."""
    depth = deepest = 0
    for event, _ in lxml.etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


# -- the article gate: evidence for and against the page being one story ----------------

#: How much each signal weighs: > 0 says "one story", < 0 says "a list of other pages".
#: A page is rejected as ``not_article`` only when the evidence against outweighs the
#: evidence for, so a non-article og:type (-1, -2) alone never rejects a page with any
#: article signal, and a page with no evidence either way is judged by its text.
#: Chosen on the tune half of trafilatura-eval (pages rejected: 65/485 with the og:type
#: gate, 15/485 with this one) and the blind pages of tests/fixtures/gate; the holdout half,
#: scored once: 55/505 -> 7/505 (``python -m benchmarks.article_gate --split holdout``).
GATE_WEIGHTS: dict[str, int] = {
    # for. What the page declares about itself (schema.org NewsArticle/Article/Report/
    # BlogPosting... in JSON-LD or microdata, an article:published_time / datePublished meta
    # tag, og:type=article) counts once: one CMS template writes all three, on every page.
    "declared": 3,
    "article_byline": 2,  # an <article> element with a byline or a date
    "url_date": 2,  # /2024/05/17/ or /2024/05/ in the URL
    "body_paragraphs": 2,  # several long <p>, mostly not link text
    "url_slug": 1,  # a last path segment of three or more words
    # against. A page that says what kind of page it is (its address or its schema.org
    # type names a listing or site furniture; its title says "not found") outweighs the
    # declared article metadata that CMSes put on every page.
    "listing_schema": -6,  # CollectionPage, ProfilePage, SearchResultsPage
    "listing_path": -6,  # /tag/x, /author/x, /people/x, /category/x, /section/x, /search, /page/2
    "search_query": -6,  # ?q=, ?s=, ?query=, ?search=
    "furniture_path": -6,  # /about, /contact, /privacy, /terms, /login, /newsletter ...
    "not_found": -8,  # a title or <h1> that says 404 / page not found: the story is not here
    "front_page": -3,  # the site's root
    "pagination": -2,  # rel=next / rel=prev to a numbered page
    "teasers": -2,  # many short <article> elements and no long one
    "link_heavy": -1,  # many links, little text per link, few body paragraphs
    "og:type": -1,  # website, video.other (profile, product: twice this)
}

_URL_MONTH = re.compile(r"/(?:19|20)\d{2}/(?:0?[1-9]|1[0-2])/")
_LISTING_PATH = re.compile(
    r"/(?:tags?|topics?|authors?|autor(?:en)?|auteurs?|people|staff|contributors?|profiles?|"
    r"category|categories|categorie|kategorie|"
    r"section|sections|rubrik|ressort|archives?|search|suche|recherche|buscar)(?:/[^/]*)?/?$"
    r"|/page/\d+/?$",
    re.I,
)
_PAGE_NUMBER = re.compile(r"[?&](?:page|paged|pg|seite|start|offset)=\d+|/(?:page|seite)/\d+|[-_]page[-_]?\d+", re.I)
_FURNITURE_PATH = re.compile(
    r"/(?:about|about-us|contact|contact-us|impressum|imprint|privacy|privacy-policy|datenschutz|"
    r"terms|terms-of-service|terms-of-use|legal|cookies|cookie-policy|login|log-in|signin|sign-in|"
    r"register|signup|sign-up|subscribe|newsletters?|account|my-account)(?:\.\w{2,5})?/?$",
    re.I,
)
_NOT_FOUND = re.compile(
    r"\b404\b|\bpage (?:was )?not found|seite nicht gefunden|page introuvable|p[aá]gina no encontrada", re.I
)
_SEARCH_QUERY = re.compile(r"(?:^|&)(?:q|s|query|search|keywords?)=[^&]", re.I)
_WORDS = re.compile(r"[^\W\d_]{2,}")
# the page's visible text outside links
_OUTSIDE_LINKS = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::a)]"


@dataclass
class GateEvidence:
    """The signals found on a page, each with its weight (see :data:`GATE_WEIGHTS`)."""

    signals: list[tuple[str, int]]

    @property
    def score(self) -> int:
        return sum(w for _, w in self.signals)

    @property
    def rejects(self) -> bool:
        return self.score < 0

    def detail(self) -> str:
        """What decided, e.g. ``against 4 (front_page -3, og:type=website -1) > for 0 (none)``."""

        def side(items: list[tuple[str, int]]) -> str:
            return ", ".join(f"{n} {w:+d}" for n, w in items) or "none"

        pro = [(n, w) for n, w in self.signals if w > 0]
        con = [(n, w) for n, w in self.signals if w < 0]
        total_con, total_pro = -sum(w for _, w in con), sum(w for _, w in pro)
        rel = ">" if total_con > total_pro else "<=" if total_con else "vs"
        return f"against {total_con} ({side(con)}) {rel} for {total_pro} ({side(pro)})"


def _url_slug(path: str) -> bool:
    last = [seg for seg in path.split("/") if seg][-1:] or [""]
    stem = re.sub(r"\.\w{2,5}$", "", last[0])
    return len(_WORDS.findall(stem)) >= 3 and bool(re.search(r"[-_+]", stem))


def _text_len(el: lxml.html.HtmlElement) -> int:
    return len(" ".join(el.text_content().split()))


def article_evidence(tree: lxml.html.HtmlElement, meta: PageMeta, url: str, settings: ExtractSettings) -> GateEvidence:
    """Evidence for and against ``tree`` being one story rather than a list of stories,
    read from the page's markup, its declared metadata and its URL (no main-text
    extraction needed, so a listing is skipped before trafilatura runs)."""
    found: list[str] = []
    types = set(meta.schema_types)
    declared = [
        name
        for name, present in (
            ("schema", any(t in ARTICLE_SCHEMA_TYPES or t.endswith("Article") for t in types)),
            ("published_time", meta.published_meta),
            ("og:type=article", meta.og_type == "article"),
        )
        if present
    ]
    articles = [(a, _text_len(a)) for a in tree.xpath("//article[not(ancestor::article)]")]
    byline = (
        ".//time | .//*[@rel='author' or @itemprop='author' or @itemprop='datePublished'"
        " or contains(@class,'byline') or contains(@class,'author')]"
    )
    if any(n >= settings.story_article_chars and a.xpath(byline) for a, n in articles):
        found.append("article_byline")
    parts = urlsplit(url)
    path = parts.path or "/"
    if _date_in_url(url) or _URL_MONTH.search(path):
        found.append("url_date")
    body = tree.find("body")
    body = body if body is not None else tree
    paragraphs = 0
    for p in body.iter("p"):
        n = _text_len(p)
        if n >= settings.body_paragraph_chars and sum(_text_len(a) for a in p.iter("a")) < 0.3 * n:
            paragraphs += 1
    if paragraphs >= settings.body_paragraphs:
        found.append("body_paragraphs")
    listing_path = bool(_LISTING_PATH.search(path))
    if _url_slug(path) and not listing_path:  # under /tag/ or /author/ the slug names the listing
        found.append("url_slug")

    if types & LISTING_SCHEMA_TYPES:
        found.append("listing_schema")
    if listing_path:
        found.append("listing_path")
    if _SEARCH_QUERY.search(parts.query):
        found.append("search_query")
    if _FURNITURE_PATH.search(path):
        found.append("furniture_path")
    titles = tree.xpath("//title//text() | //h1//text()")
    if _NOT_FOUND.search(" ".join(str(t) for t in titles)):
        found.append("not_found")
    if re.fullmatch(r"/(?:index\.\w+)?", path) and not parts.query:
        found.append("front_page")
    pages = tree.xpath("//link[@rel='next' or @rel='prev']/@href | //a[@rel='next' or @rel='prev']/@href")
    if any(_PAGE_NUMBER.search(str(href)) for href in pages):
        found.append("pagination")
    teasers = [a for a, n in articles if n < settings.story_article_chars]
    if len(teasers) >= settings.teaser_articles and len(teasers) == len(articles):
        found.append("teasers")
    links = [a for a in body.iter("a") if a.get("href")]
    if len(links) >= settings.link_heavy_links and paragraphs < settings.body_paragraphs:
        outside = len(" ".join(" ".join(body.xpath(_OUTSIDE_LINKS)).split()))
        if outside < settings.link_heavy_chars_per_link * len(links):
            found.append("link_heavy")

    signals = [(name, GATE_WEIGHTS[name]) for name in found]
    if declared:
        signals.insert(0, ("declared " + "/".join(declared), GATE_WEIGHTS["declared"]))
    if meta.og_type in settings.non_article_types:
        weight = GATE_WEIGHTS["og:type"] * (2 if meta.og_type in ("profile", "product") else 1)
        signals.append((f"og:type={meta.og_type}", weight))
    return GateEvidence(signals)


# Short lines that are page furniture in any of the languages news sites use: newsletter
# and subscription prompts, "related"/"read also" teasers, comment and share widgets.
_TEASERS = (
    r"related(?: articles| stories| posts| content)?|read (?:more|also|next)|see also|more from|recommended|"
    r"view comments|comments?|share (?:this|on)|follow us|lea (?:también|más)|lee también|notas relacionadas|"
    r"contenido relacionado|te puede interesar|auch interessant|weiterlesen|mehr zum thema|kommentare|bewerten|"
    r"teilen|pour (?:lire|accéder)|à lire aussi|lire aussi|leggi anche"
)
_FURNITURE = re.compile(
    rf"^(?:(?:{_TEASERS})\b(?::.*|[^.!?:]{{0,30}})"  # a teaser label, alone or introducing a headline
    r"|(?:sign up|subscribe|abonnez|suscr[ií]bete)\b.*"  # a subscription prompt
    r"|.{0,40}\b(?:newsletter|subscribe now|all rights reserved)\b.{0,20})$",
    re.I,
)
_BARE_TIME = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?|\d{1,2}\.\d{1,2}\.\d{2,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:, \d{4})?)$",
    re.I,
)


def _clean_text(text: str, title: str | None, authors: tuple[str, ...]) -> str:
    """Drop lines trafilatura keeps that are not body text: the headline repeated at the
    top, a bare byline, a bare time or date, and short page furniture (newsletter prompts,
    "related" and "read also" teasers, comment counters)."""
    lines = [ln.strip() for ln in text.split("\n")]
    out = []
    for i, ln in enumerate(lines):
        if not ln:
            continue
        if i < 3 and title and ln.casefold() == title.strip().casefold():
            continue
        if i < 4 and len(ln) < 80 and re.match(r"^(by|von|par)\s", ln, re.I):
            continue
        if len(ln) <= 160 and (_FURNITURE.match(ln) or _BARE_TIME.match(ln)):
            continue
        out.append(ln)
    return "\n".join(out)


def _bare_extraction(html: str, url: str, favor_recall: bool = False) -> Document | None:
    """trafilatura's main text and metadata (comments dropped, tables kept), or None."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        favor_recall=favor_recall,
    )
    return doc if isinstance(doc, Document) else None


def extract(
    body: bytes,
    url: str,
    content_type: str | None = "text/html",
    fetched_at: datetime | None = None,
    settings: ExtractSettings | None = None,
    require_article: bool = True,
) -> Extracted:
    """Extract one page. Raises :class:`Skip` for anything that is not a usable article.

    ``require_article=False`` keeps the main text of any page (index pages, short pages):
    the extraction benchmark scores text, not the article gate."""
    settings = settings or ExtractSettings()
    if content_type and "html" not in content_type and "xml" not in content_type and content_type != "":
        raise Skip("not_html", content_type)
    if not body or not body.strip():
        raise Skip("empty_body")
    if len(body) > settings.max_html_bytes:
        raise Skip("too_large", f"{len(body)} bytes > {settings.max_html_bytes}")
    html = decode_html(body, content_type)
    if not re.search(r"<\s*(html|body|p|div|article)\b", html[:200_000], re.I):
        raise Skip("not_html", "no HTML markup")
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise Skip("parse_error", str(exc)[:200]) from exc
    if _max_depth(tree, settings.max_tree_depth) > settings.max_tree_depth:
        raise Skip("too_deep", f"nesting deeper than {settings.max_tree_depth} levels")
    meta = read_meta(tree, url)
    if require_article:
        evidence = article_evidence(tree, meta, url, settings)
        if evidence.rejects:
            raise Skip("not_article", evidence.detail())
    try:
        doc = _bare_extraction(html, url)
        if doc is None or len(doc.text or "") < settings.recall_fallback_chars:
            # the cascade: a short or empty first pass gets a second, recall-oriented one
            again = _bare_extraction(html, url, favor_recall=True)
            if again is not None and len(again.text or "") > len((doc.text if doc else "") or ""):
                doc = again
    except Exception as exc:  # trafilatura raises assorted errors on hostile markup
        log.warning("extraction failed for %s: %r", url, exc)
        raise Skip("extract_error", repr(exc)[:200]) from exc
    if doc is None or not (doc.text or "").strip():
        raise Skip("no_main_text")
    title = meta.title or doc.title
    authors = meta.authors or tuple(a.strip() for a in re.split(r";|,", doc.author or "") if a.strip())
    text = _clean_text(doc.text or "", doc.title or title, authors)
    paragraphs = [p for p in text.split("\n") if len(p) > 40]
    published, published_source = meta.published, meta.published_source
    if published is None and doc.date:
        published, published_source = _parse_dt(doc.date), "htmldate"
    if published is None:
        published = _date_in_url(url)
        published_source = "url" if published else None
    ceiling = (fetched_at or datetime.now(UTC)) + timedelta(days=1)
    if published is not None and published > ceiling:
        log.info("%s: published date %s is in the future; dropped", url, published)
        published, published_source = None, None
    if require_article:
        too_short = f"{len(text)} chars, {len(paragraphs)} paragraphs"
        if len(text) < settings.min_text_chars:
            raise Skip("too_short", too_short)
        # a news brief is one paragraph: with a date and a headline it is a story
        headline = meta.title or tree.xpath("//h1 | //h2")
        brief = bool(paragraphs) and published is not None and bool(headline)
        if len(paragraphs) < settings.min_paragraphs and not brief:
            raise Skip("too_short", f"{too_short}, and not a dated brief with a headline")
        if _is_cookie_wall(text):
            raise Skip("cookie_wall", "the main text is a consent notice")
    updated = meta.modified if meta.modified and meta.modified <= ceiling else None
    if updated is not None and published is not None and updated <= published:
        updated = None
    return Extracted(
        published_confidence=DATE_CONFIDENCE.get(published_source or "", None),
        url=url,
        canonical_url=meta.canonical or url,
        title=title,
        authors=list(authors),
        published_at=published,
        published_source=published_source,
        updated_at=updated,
        language=meta.language or doc.language,
        description=meta.description or doc.description,
        site_name=meta.site_name or doc.sitename,
        text=text,
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        extractor=EXTRACTOR,
    )
