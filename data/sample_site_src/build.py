#!/usr/bin/env python3
"""Generate the bundled demo news site (data/sample_site/) from data/sample_site_src/.

Stdlib only (Python 3.11+). Deterministic: the output depends only on the TOML sources
in ``outlets/`` and on this script, so running it twice yields byte-identical files.

    python data/sample_site_src/build.py            # (re)write data/sample_site/
    python data/sample_site_src/build.py --check    # build, then run check_site.py

Four fictional outlets, each under its own hostname directory. URL -> file mapping used by
the local test server: "/" -> index.html; a path ending in "/" -> that directory's
index.html; otherwise the file itself.

Source format (one TOML file per outlet): ``[outlet]`` settings and sections,
``[[article]]`` entries (published in feeds/sitemaps/listings) and ``[[hidden]]`` entries
(pages under the robots.txt-disallowed path). Article bodies are blank-line separated
blocks: ``## heading`` / ``### heading``, ``> quote -- cite`` (a pull-quote, rendered as
<blockquote>, NOT repeated in the paragraphs) and plain paragraphs, which may contain
``[text](ref:article-id)`` links to other articles of the same outlet.
"""

from __future__ import annotations

import html
import json
import math
import re
import shutil
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent / "sample_site"

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE_MIN = datetime.fromisoformat("2024-12-01T00:00:00+00:00")
DATE_MAX = datetime.fromisoformat("2025-04-01T00:00:00+00:00")
SIDEBAR_SIZE = 6
RELATED_SIZE = 3
LINK_RE = re.compile(r"\[([^\]]+)\]\(ref:([a-z0-9-]+)\)")


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def smarten(s: str) -> str:
    """Straight quotes -> typographic quotes (deterministic, good enough for prose)."""
    out = []
    for i, ch in enumerate(s):
        prev = s[i - 1] if i > 0 else " "
        if ch == '"':
            out.append("\u201c" if (prev.isspace() or prev in "([{\u2014\u2013/") else "\u201d")
        elif ch == "'":
            out.append("\u2019" if (prev.isalnum() or prev in ".,!?;:%") else "\u2018")
        else:
            out.append(ch)
    return "".join(out)


def plain(s: str) -> str:
    """Paragraph source text -> the text a reader sees (links reduced to their text)."""
    return LINK_RE.sub(lambda m: m.group(1), s)


# --------------------------------------------------------------------------- model


@dataclass
class Block:
    kind: str  # "p", "h", "quote"
    text: str
    cite: str = ""


@dataclass
class Article:
    outlet: Outlet
    id: str
    slug: str
    section: str
    title: str
    summary: str
    authors: list[str]
    published: datetime
    modified: datetime | None
    tags: list[str]
    trending: str
    trending_summary: str
    blocks: list[Block]
    facts: list[dict]
    charset: str
    hidden: bool = False
    syndicated_from: Article | None = None
    url: str = ""
    path: str = ""
    sidebar: list[Article] = field(default_factory=list)
    related: list[Article] = field(default_factory=list)

    @property
    def canonical(self) -> str:
        return self.syndicated_from.url if self.syndicated_from else self.url

    @property
    def paragraphs(self) -> list[str]:
        return [plain(b.text) for b in self.blocks if b.kind == "p"]

    @property
    def word_count(self) -> int:
        return sum(len(plain(b.text).split()) for b in self.blocks)

    @property
    def lastmod(self) -> datetime:
        return self.modified or self.published


@dataclass
class Outlet:
    host: str
    name: str
    template: str
    tagline: str
    feed_path: str
    feed_type: str
    disallow: str
    typography: str
    charset: str
    publisher: str
    sections: list[dict]
    raw_articles: list[dict]
    raw_hidden: list[dict]
    articles: list[Article] = field(default_factory=list)
    hidden: list[Article] = field(default_factory=list)

    @property
    def home(self) -> str:
        return f"http://{self.host}/"

    def abs(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def section_url(self, slug: str) -> str:
        return self.abs(f"/section/{slug}/")

    def section_name(self, slug: str) -> str:
        return next(s["name"] for s in self.sections if s["slug"] == slug)

    @property
    def feed_url(self) -> str:
        return self.abs(self.feed_path)

    def typo(self, s: str) -> str:
        return smarten(s) if self.typography == "curly" else s


# --------------------------------------------------------------------------- loading


def parse_body(text: str, typo) -> list[Block]:
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        chunk = " ".join(line.strip() for line in chunk.splitlines()).strip()
        if not chunk:
            continue
        if chunk.startswith("#"):
            blocks.append(Block("h", typo(chunk.lstrip("#").strip())))
        elif chunk.startswith("> "):
            quote, _, cite = chunk[2:].partition(" -- ")
            blocks.append(Block("quote", typo(quote.strip()), typo(cite.strip())))
        else:
            blocks.append(Block("p", typo(chunk)))
    return blocks


def article_path(o: Outlet, slug: str, pub: datetime, hidden: bool) -> str:
    if hidden:
        return o.disallow + (slug if slug.endswith(".html") else slug + ".html")
    if o.template == "techwire":
        return f"/{pub.year}/{pub.month:02d}/{slug}.html"
    if o.template == "bytebeacon":
        return f"/posts/{slug}/"
    if o.template == "siliconherald":
        return f"/news/{pub.year}/{pub.month:02d}/{pub.day:02d}/{slug}.html"
    if o.template == "datadispatch":
        return f"/articles/{slug}.html"
    raise ValueError(o.template)


def url_to_file(path: str) -> str:
    path = path.lstrip("/")
    return path + "index.html" if (path == "" or path.endswith("/")) else path


def make_article(o: Outlet, d: dict, hidden: bool) -> Article:
    pub = datetime.fromisoformat(d["published"])
    mod = datetime.fromisoformat(d["modified"]) if d.get("modified") else None
    a = Article(
        outlet=o,
        id=d["id"],
        slug=d["slug"],
        section=d["section"],
        title=o.typo(d.get("title", "")),
        summary=o.typo(d.get("summary", "")),
        authors=list(d.get("authors", [])),
        published=pub,
        modified=mod,
        tags=list(d.get("tags", [])),
        trending=o.typo(d.get("trending", "")),
        trending_summary=o.typo(d.get("trending_summary", "")),
        blocks=parse_body(d.get("body", ""), o.typo),
        facts=[dict(f, sentence=o.typo(f["sentence"])) for f in d.get("facts", [])],
        charset=d.get("charset", o.charset),
        hidden=hidden,
    )
    a.path = article_path(o, a.slug, pub, hidden)
    a.url = o.abs(a.path)
    return a


def load() -> list[Outlet]:
    outlets = []
    for f in sorted((SRC / "outlets").glob("*.toml")):
        d = tomllib.loads(f.read_text(encoding="utf-8"))
        od = d["outlet"]
        o = Outlet(
            sections=od["sections"],
            raw_articles=d.get("article", []),
            raw_hidden=d.get("hidden", []),
            **{
                k: od[k]
                for k in (
                    "host",
                    "name",
                    "template",
                    "tagline",
                    "feed_path",
                    "feed_type",
                    "disallow",
                    "typography",
                    "charset",
                    "publisher",
                )
            },
        )
        outlets.append(o)
    by_key: dict[str, Article] = {}
    pending: list[tuple[Article, str]] = []
    for o in outlets:
        for d in o.raw_articles:
            a = make_article(o, d, hidden=False)
            if d.get("syndicated_from"):
                pending.append((a, d["syndicated_from"]))
            o.articles.append(a)
            by_key[f"{o.host}:{a.id}"] = a
        o.hidden = [make_article(o, d, hidden=True) for d in o.raw_hidden]
    for a, key in pending:  # syndicated copies: body, title, summary, authors verbatim
        src = by_key[key]
        a.syndicated_from = src
        a.title, a.summary, a.authors = src.title, src.summary, list(src.authors)
        a.blocks = [Block(b.kind, b.text, b.cite) for b in src.blocks]
        a.facts = [dict(f) for f in src.facts]
    for o in outlets:
        o.articles.sort(key=lambda a: (a.published, a.id), reverse=True)
        n = len(o.articles)
        for i, a in enumerate(o.articles):
            a.sidebar = [o.articles[(i + k) % n] for k in range(1, n)][:SIDEBAR_SIZE]
            others = [b for b in o.articles if b is not a]
            others.sort(key=lambda b: (b.section != a.section, abs((b.published - a.published).total_seconds()), b.id))
            a.related = others[:RELATED_SIZE]
        for h in o.hidden:
            h.sidebar = o.articles[:SIDEBAR_SIZE]
            h.related = [b for b in o.articles if b.section == h.section][:RELATED_SIZE]
    return outlets


# --------------------------------------------------------------------------- validation


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?\u201d\"])\s+", text) if s]


def words(s: str) -> set[str]:
    return set(re.findall(r"[a-z0-9$%€£]+", s.lower()))


def validate(outlets: list[Outlet]) -> None:
    errors = []
    urls = set()
    all_articles = [a for o in outlets for a in o.articles]
    for o in outlets:
        if len(o.articles) < 8:
            errors.append(f"{o.host}: only {len(o.articles)} articles")
        if not o.hidden:
            errors.append(f"{o.host}: no page under {o.disallow}")
        for a in o.articles + o.hidden:
            if a.url in urls:
                errors.append(f"duplicate url {a.url}")
            urls.add(a.url)
            if not (DATE_MIN <= a.published < DATE_MAX):
                errors.append(f"{a.url}: published {a.published} out of range")
            if a.modified and a.modified <= a.published:
                errors.append(f"{a.url}: modified not after published")
            if a.section not in {s["slug"] for s in o.sections}:
                errors.append(f"{a.url}: unknown section {a.section}")
            np = len(a.paragraphs)
            if not a.hidden:
                if not 300 <= a.word_count <= 900:
                    errors.append(f"{a.url}: {a.word_count} words")
                if not 5 <= np <= 12:
                    errors.append(f"{a.url}: {np} paragraphs")
                if not a.trending or not a.trending_summary:
                    errors.append(f"{a.url}: missing trending headline")
            elif np < 5:
                errors.append(f"{a.url}: hidden page has {np} paragraphs")
            for f in a.facts:
                if not any(f["sentence"] in p for p in a.paragraphs):
                    errors.append(f"{a.url}: fact sentence not found: {f['sentence'][:70]}")
            for b in a.blocks:
                for m in LINK_RE.finditer(b.text):
                    if not any(x.id == m.group(2) for x in o.articles):
                        errors.append(f"{a.url}: bad ref {m.group(2)}")
            # Sidebar wording must not coincide with any sentence of this page's body.
            body_sents = [s for p in a.paragraphs for s in sentences(p)]
            for s in a.sidebar:
                for line in (s.trending, s.trending_summary):
                    for bs in body_sents:
                        w1, w2 = words(line), words(bs)
                        jac = len(w1 & w2) / max(1, len(w1 | w2))
                        if line.lower() in bs.lower() or jac > 0.5:
                            errors.append(f"{a.url}: sidebar line too close to body: {line!r}")
    # Sidebar lines must not appear verbatim in ANY article body.
    for o in outlets:
        for a in o.articles:
            for line in (a.trending, a.trending_summary):
                for b in all_articles:
                    if any(line.lower().rstrip(".") in p.lower() for p in b.paragraphs):
                        errors.append(f"trending line of {a.url} occurs in body of {b.url}")
    if errors:
        raise SystemExit("validation failed:\n  " + "\n  ".join(errors))


# --------------------------------------------------------------------------- helpers


def render_inline(a: Article, text: str) -> str:
    o = a.outlet

    def repl(m: re.Match) -> str:
        target = next(x for x in o.articles if x.id == m.group(2))
        return f'<a href="{esc(target.url)}">{m.group(1)}</a>'

    return LINK_RE.sub(repl, esc(text))


def body_html(a: Article, h_tag: str, p_attr: str = "", quote_cls: str = "pull-quote") -> str:
    out = []
    for b in a.blocks:
        if b.kind == "h":
            out.append(f"<{h_tag}>{esc(b.text)}</{h_tag}>")
        elif b.kind == "quote":
            out.append(f'<blockquote class="{quote_cls}"><p>{esc(b.text)}</p><cite>{esc(b.cite)}</cite></blockquote>')
        else:
            out.append(f"<p{p_attr}>{render_inline(a, b.text)}</p>")
    return "\n".join(out)


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def reading_minutes(a: Article) -> int:
    return max(1, math.ceil(a.word_count / 220))


def head_html(
    *,
    charset: str,
    title: str,
    description: str,
    canonical: str,
    og_type: str,
    og_title: str,
    og_url: str,
    site_name: str,
    feed: tuple[str, str, str],
    article: Article | None = None,
    jsonld: dict | None = None,
    style: str = "",
) -> str:
    lines = [
        f'<meta charset="{charset}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f'<meta name="description" content="{esc(description)}">',
        f'<link rel="canonical" href="{esc(canonical)}">',
        f'<link rel="alternate" type="{feed[0]}" title="{esc(feed[1])}" href="{esc(feed[2])}">',
        f'<meta property="og:type" content="{og_type}">',
        f'<meta property="og:title" content="{esc(og_title)}">',
        f'<meta property="og:description" content="{esc(description)}">',
        f'<meta property="og:url" content="{esc(og_url)}">',
        f'<meta property="og:site_name" content="{esc(site_name)}">',
        '<meta property="og:locale" content="en_GB">',
    ]
    if article is not None:
        a = article
        lines.append(f'<meta name="author" content="{esc(", ".join(a.authors))}">')
        lines.append(f'<meta property="article:published_time" content="{a.published.isoformat()}">')
        if a.modified:
            lines.append(f'<meta property="article:modified_time" content="{a.modified.isoformat()}">')
        lines.append(f'<meta property="article:section" content="{esc(a.outlet.section_name(a.section))}">')
        for t in a.tags:
            lines.append(f'<meta property="article:tag" content="{esc(t)}">')
    if jsonld is not None:
        data = json.dumps(jsonld, ensure_ascii=False, indent=2).replace("</", "<\\/")
        lines.append(f'<script type="application/ld+json">\n{data}\n</script>')
    if style:
        lines.append(f"<style>{style}</style>")
    return "\n".join(lines)


def news_jsonld(a: Article) -> dict:
    o = a.outlet
    d = {
        "@context": "http://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "description": a.summary,
        "datePublished": a.published.isoformat(),
        "dateModified": a.lastmod.isoformat(),
        "author": [{"@type": "Person", "name": n} for n in a.authors],
        "publisher": {"@type": "Organization", "name": o.name, "url": o.home},
        "mainEntityOfPage": {"@type": "WebPage", "@id": a.url},
        "articleSection": o.section_name(a.section),
        "keywords": a.tags,
        "inLanguage": "en",
        "wordCount": a.word_count,
    }
    if a.syndicated_from:
        d["isBasedOn"] = a.syndicated_from.url
        d["sourceOrganization"] = {"@type": "Organization", "name": a.syndicated_from.outlet.name}
    return d


def feed_tuple(o: Outlet) -> tuple[str, str, str]:
    t = "application/atom+xml" if o.feed_type == "atom" else "application/rss+xml"
    return (t, f"{o.name} feed", o.feed_url)


def clock12(dt: datetime) -> tuple[int, int, str]:
    h = dt.hour % 12 or 12
    return h, dt.minute, "am" if dt.hour < 12 else "pm"


# --------------------------------------------------------------------------- TechWire Asia

TW_CSS = (
    "body{font-family:Georgia,serif;margin:0}.cookie-banner{background:#222;color:#fff;"
    "padding:1em}.site-header{border-bottom:3px solid #c00}.tw-main{float:left;width:68%}"
    ".tw-rail{float:right;width:28%}.site-footer{clear:both}"
)


def tw_date(dt: datetime) -> str:
    h, m, ap = clock12(dt)
    return f"{dt.day} {MONTHS[dt.month - 1]} {dt.year}, {h}:{m:02d} {ap} SGT"


def tw_chrome_top(o: Outlet, current: str = "") -> str:
    active = ' class="active"'
    nav = "\n".join(
        f"    <li{active if s['slug'] == current else ''}>"
        f'<a href="{o.section_url(s["slug"])}">{esc(s["name"])}</a></li>'
        for s in o.sections
    )
    return f"""<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">
  <p>We use cookies and similar technologies to personalise content and advertising, to provide social media features and to analyse our traffic. By clicking \u201cAccept all\u201d you agree to our use of cookies. You can change your choice at any time under Cookie settings.</p>
  <button type="button" class="cookie-accept">Accept all</button>
  <button type="button" class="cookie-settings">Cookie settings</button>
</div>
<header class="site-header">
  <div class="topline"><span class="edition">Asia edition</span> <span class="weather">Singapore 31\u00b0C \u00b7 Kuala Lumpur 33\u00b0C \u00b7 Jakarta 30\u00b0C</span></div>
  <div class="logo"><a href="{o.home}">TechWire Asia</a></div>
  <nav class="main-nav" aria-label="Sections">
  <ul>
    <li><a href="{o.home}">Home</a></li>
{nav}
  </ul>
  </nav>
</header>
<div class="ad-slot leaderboard">Advertisement</div>"""


def tw_footer(o: Outlet) -> str:
    return f"""<footer class="site-footer">
  <ul class="footer-links">
    <li><a href="{o.abs("/about.html")}">About us</a></li>
    <li><a href="{o.abs("/contact.html")}">Contact</a></li>
    <li><a href="{o.feed_url}">RSS</a></li>
  </ul>
  <p class="copyright">\u00a9 2025 {esc(o.publisher)}. All rights reserved. Reproduction in whole or in part without permission is prohibited.</p>
</footer>"""


def tw_article(a: Article) -> str:
    o = a.outlet
    head = head_html(
        charset=a.charset,
        title=f"{a.title} | TechWire Asia",
        description=a.summary,
        canonical=a.canonical,
        og_type="article",
        og_title=a.title,
        og_url=a.url,
        site_name=o.name,
        feed=feed_tuple(o),
        article=a,
        style=TW_CSS,
    )
    byline = " and ".join(f'<a class="author" rel="author">{esc(n)}</a>' for n in a.authors)
    rail = "\n".join(
        f'    <li><a href="{s.url}">{esc(s.trending)}</a><p>{esc(s.trending_summary)}</p></li>' for s in a.sidebar
    )
    related = "\n".join(f'    <li><a href="{r.url}">{esc(r.title)}</a></li>' for r in a.related)
    tags = " ".join(f'<span class="tag">{esc(t)}</span>' for t in a.tags)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head}
</head>
<body class="tw-article">
{tw_chrome_top(o, a.section)}
<main class="tw-main">
  <article class="story">
    <p class="story-kicker"><a href="{o.section_url(a.section)}">{esc(o.section_name(a.section))}</a></p>
    <h1 class="story-title">{esc(a.title)}</h1>
    <p class="story-dek">{esc(a.summary)}</p>
    <div class="byline">By {byline} <span class="sep">|</span> <time datetime="{a.published.isoformat()}">{tw_date(a.published)}</time></div>
    <div class="share-tools"><span>Share this story</span> <button type="button">X</button> <button type="button">LinkedIn</button> <button type="button">WhatsApp</button> <button type="button">Copy link</button></div>
    <div class="story-body">
{body_html(a, "h2")}
    </div>
    <div class="story-tags">Topics: {tags}</div>
  </article>
  <section class="related">
    <h2>Related articles</h2>
    <ul>
{related}
    </ul>
  </section>
  <section class="newsletter">
    <h2>Get the TechWire Asia Daily</h2>
    <p>Our editors\u2019 pick of the day\u2019s most important technology stories, delivered every weekday morning.</p>
    <form action="/newsletter/subscribe" method="post"><input type="email" name="email" placeholder="Your work email"> <button type="submit">Sign up</button></form>
  </section>
</main>
<aside class="tw-rail most-read">
  <h2>Most read</h2>
  <ol>
{rail}
  </ol>
  <div class="ad-slot mpu">Advertisement</div>
</aside>
{tw_footer(o)}
</body>
</html>
"""


def tw_listing(
    o: Outlet,
    *,
    title: str,
    heading: str,
    intro: str,
    canonical: str,
    items: list[Article],
    current: str = "",
    extra: str = "",
) -> str:
    head = head_html(
        charset="utf-8",
        title=title,
        description=intro,
        canonical=canonical,
        og_type="website",
        og_title=heading,
        og_url=canonical,
        site_name=o.name,
        feed=feed_tuple(o),
        style=TW_CSS,
    )
    lis = "\n".join(
        f'    <li class="teaser"><span class="teaser-section">{esc(o.section_name(a.section))}</span>'
        f' <a class="teaser-link" href="{a.url}">{esc(a.title)}</a>'
        f'<p class="teaser-summary">{esc(a.summary)}</p>'
        f'<time datetime="{a.published.isoformat()}">{a.published.day} {MONTHS[a.published.month - 1]} {a.published.year}</time></li>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head}
</head>
<body class="tw-listing">
{tw_chrome_top(o, current)}
<main class="tw-main">
  <h1 class="page-title">{esc(heading)}</h1>
  <p class="page-intro">{esc(intro)}</p>
  <ul class="teaser-list">
{lis}
  </ul>
{extra}
</main>
{tw_footer(o)}
</body>
</html>
"""


# --------------------------------------------------------------------------- Byte Beacon

BB_CSS = (
    ".topbar{background:#0b2545;color:#fff}.layout-2col{display:flex;flex-direction:row-reverse}"
    ".widget-area{width:30%}#content{width:70%}.breadcrumb ol{list-style:none;display:flex}"
)


def bb_date(dt: datetime) -> str:
    return f"{MONTHS[dt.month - 1][:3]} {dt.day}, {dt.year}"


def bb_topbar(o: Outlet, crumbs: list[tuple[str, str | None]]) -> str:
    nav = " ".join(f'<a href="{o.section_url(s["slug"])}">{esc(s["name"])}</a>' for s in o.sections)
    items = []
    for label, href in crumbs:
        if href:
            items.append(f'<li><a href="{href}">{esc(label)}</a></li>')
        else:
            items.append(f'<li aria-current="page">{esc(label)}</li>')
    return f"""<div class="topbar">
  <a class="brand" href="{o.home}">Byte Beacon</a>
  <nav id="primary-menu">{nav}</nav>
  <form class="search-form" action="/search" method="get"><input type="search" name="q" placeholder="Search Byte Beacon"></form>
</div>
<nav class="breadcrumb" aria-label="Breadcrumb"><ol>{"".join(items)}</ol></nav>"""


def bb_footer(o: Outlet) -> str:
    return f"""<footer id="colophon" class="site-footer">
  <div class="footer-widgets">
    <p><a href="{o.abs("/about.html")}">About Byte Beacon</a> \u00b7 <a href="{o.abs("/contact.html")}">Contact the newsroom</a> \u00b7 <a href="{o.feed_url}">Atom feed</a></p>
  </div>
  <p class="site-info">Copyright \u00a9 2025 {esc(o.publisher)}. Byte Beacon is an independent publication.</p>
</footer>"""


def bb_trending(a: Article) -> str:
    items = "\n".join(
        f'      <li><a href="{s.url}">{esc(s.trending)}</a> <span class="excerpt">{esc(s.trending_summary)}</span></li>'
        for s in a.sidebar
    )
    return f"""  <aside id="secondary" class="widget-area">
    <section class="widget widget-trending">
      <h3 class="widget-title">Trending</h3>
      <ul>
{items}
      </ul>
    </section>
    <section class="widget widget-sponsored"><p>Sponsored: Try our partners\u2019 zero-trust toolkit free for 30 days.</p></section>
  </aside>"""


def bb_article(a: Article) -> str:
    o = a.outlet
    head = head_html(
        charset=a.charset,
        title=f"{a.title} \u2013 Byte Beacon",
        description=a.summary,
        canonical=a.canonical,
        og_type="article",
        og_title=a.title,
        og_url=a.url,
        site_name=o.name,
        feed=feed_tuple(o),
        article=a,
        jsonld=None if a.hidden else news_jsonld(a),
        style=BB_CSS,
    )
    crumbs = [("Home", o.home), (o.section_name(a.section), o.section_url(a.section)), (a.title, None)]
    updated = ""
    if a.modified:
        updated = (
            f' <span class="updated">Updated <time class="updated" datetime="{a.modified.isoformat()}">'
            f"{bb_date(a.modified)}</time></span>"
        )
    authors = " and ".join(f'<span class="author vcard"><a class="url fn n">{esc(n)}</a></span>' for n in a.authors)
    related = "\n".join(
        f'      <li><a href="{r.url}">{esc(r.title)}</a> <time datetime="{r.published.isoformat()}">{bb_date(r.published)}</time></li>'
        for r in a.related
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head}
</head>
<body class="single single-post">
{bb_topbar(o, crumbs)}
<div id="page" class="layout-2col">
{bb_trending(a)}
  <div id="content" class="site-content">
    <div class="post type-post">
      <div class="post-meta-top"><time class="entry-date published" datetime="{a.published.isoformat()}">{bb_date(a.published)}</time>{updated} \u00b7 <span class="reading-time">{reading_minutes(a)} min read</span></div>
      <h1 class="entry-title">{esc(a.title)}</h1>
      <div class="entry-summary"><p>{esc(a.summary)}</p></div>
      <section class="entry-content">
{body_html(a, "h2")}
      </section>
      <footer class="entry-footer">
        <p class="author-line">Written by {authors}</p>
        <p class="cat-links">Filed under <a href="{o.section_url(a.section)}">{esc(o.section_name(a.section))}</a></p>
      </footer>
    </div>
    <div class="related-posts">
      <h3>Related stories</h3>
      <ul>
{related}
      </ul>
    </div>
    <div class="newsletter-box">
      <h3>The Beacon Brief</h3>
      <p>One email every Friday with the week\u2019s cloud, AI and security news that actually matters. No spam, unsubscribe any time.</p>
      <form action="/newsletter" method="post"><input type="email" name="email" placeholder="you@example.com"> <button type="submit">Subscribe</button></form>
    </div>
    <div class="comments-area"><h3>Comments</h3><p>Comments are closed for this article.</p></div>
  </div>
</div>
{bb_footer(o)}
</body>
</html>
"""


def bb_listing(
    o: Outlet,
    *,
    title: str,
    heading: str,
    intro: str,
    canonical: str,
    items: list[Article],
    crumbs: list[tuple[str, str | None]],
    extra: str = "",
) -> str:
    head = head_html(
        charset="utf-8",
        title=title,
        description=intro,
        canonical=canonical,
        og_type="website",
        og_title=heading,
        og_url=canonical,
        site_name=o.name,
        feed=feed_tuple(o),
        style=BB_CSS,
    )
    cards = "\n".join(
        f"""    <article class="card">
      <p class="card-meta"><a href="{o.section_url(a.section)}">{esc(o.section_name(a.section))}</a> \u00b7 <time datetime="{a.published.isoformat()}">{bb_date(a.published)}</time></p>
      <h2 class="card-title"><a href="{a.url}">{esc(a.title)}</a></h2>
      <p class="card-excerpt">{esc(a.summary)}</p>
    </article>"""
        for a in items
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head}
</head>
<body class="archive">
{bb_topbar(o, crumbs)}
<div id="page">
  <header class="page-header"><h1 class="page-title">{esc(heading)}</h1><p class="archive-description">{esc(intro)}</p></header>
  <div class="card-grid">
{cards}
  </div>
{extra}
</div>
{bb_footer(o)}
</body>
</html>
"""


# --------------------------------------------------------------------------- The Silicon Herald

SH_CSS = (
    ".masthead{text-align:center;border-bottom:1px solid #000}.container{display:grid;"
    "grid-template-columns:3fr 1fr;gap:2em}.pull-quote{font-size:1.4em;border-left:4px solid #900}"
)


def sh_date(dt: datetime) -> str:
    h, m, ap = clock12(dt)
    ap = "a.m." if ap == "am" else "p.m."
    return f"{MONTHS[dt.month - 1]} {dt.day}, {dt.year} {h}:{m:02d} {ap} ET"


def sh_masthead(o: Outlet, current: str = "") -> str:
    cur = ' aria-current="page"'
    nav = "\n".join(
        f'      <li><a href="{o.section_url(s["slug"])}"{cur if s["slug"] == current else ""}>{esc(s["name"])}</a></li>'
        for s in o.sections
    )
    return f"""<header class="masthead">
  <p class="masthead-tagline">{esc(o.tagline)}</p>
  <a class="nameplate" href="{o.home}">The Silicon Herald</a>
  <nav class="sections-nav" aria-label="Main">
    <ul>
      <li><a href="{o.home}">Front page</a></li>
{nav}
      <li><a href="{o.hidden[0].url}">Premium</a></li>
    </ul>
  </nav>
  <p class="subscribe-cta">Subscribe for $1 a week. Cancel anytime.</p>
</header>"""


def sh_footer(o: Outlet) -> str:
    return f"""<footer class="site-footer">
  <nav class="footer-nav"><a href="{o.abs("/about.html")}">About the Herald</a> | <a href="{o.abs("/contact.html")}">Contact</a> | <a href="{o.feed_url}">RSS</a></nav>
  <p>\u00a9 2009\u20132025 {esc(o.publisher)}. The Silicon Herald\u00ae is a registered trademark.</p>
</footer>"""


def sh_most_read(a: Article) -> str:
    items = "\n".join(
        f'        <li><a href="{s.url}">{esc(s.trending)}</a><span class="mr-summary">{esc(s.trending_summary)}</span></li>'
        for s in a.sidebar
    )
    return f"""    <div class="most-read">
      <h2>Most read</h2>
      <ol>
{items}
      </ol>
    </div>"""


def sh_article(a: Article) -> str:
    o = a.outlet
    head = head_html(
        charset=a.charset,
        title=f"{a.title} - The Silicon Herald",
        description=a.summary,
        canonical=a.canonical,
        og_type="article",
        og_title=a.title,
        og_url=a.url,
        site_name=o.name,
        feed=feed_tuple(o),
        article=a,
        jsonld=None if a.hidden else news_jsonld(a),
        style=SH_CSS,
    )
    label = esc(o.section_name(a.section))
    synd = ""
    if a.syndicated_from:
        src = a.syndicated_from
        label = "Partner content"
        synd = (
            f'\n<p class="article-note">This article first appeared on {esc(src.outlet.name)} '
            f"and is republished here under a content-sharing agreement.</p>"
        )
    related = "\n".join(f'      <li><a href="{r.url}">{esc(r.title)}</a></li>' for r in a.related)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head}
</head>
<body class="article-page">
{sh_masthead(o, a.section)}
<div class="container">
  <main id="main-content">
  <article class="news-article">
    <header class="article-header">
      <p class="article-meta"><a class="section-label" href="{o.section_url(a.section)}">{label}</a> <span class="by">By <span class="author-name">{esc(join_names(a.authors))}</span></span> <time datetime="{a.published.isoformat()}">{sh_date(a.published)}</time></p>
      <h1 class="headline">{esc(a.title)}</h1>
      <p class="standfirst">{esc(a.summary)}</p>
    </header>
    <div class="listen-widget"><button type="button">Listen to this article</button> <span>{reading_minutes(a)} min</span></div>
    <div class="article-body">
{body_html(a, "h2")}{synd}
    </div>
  </article>
  <section class="related-coverage">
    <h2>Related coverage</h2>
    <ul>
{related}
    </ul>
  </section>
  </main>
  <aside class="sidebar">
{sh_most_read(a)}
    <div class="newsletter-signup">
      <h2>The Morning Herald</h2>
      <p>Start every weekday with the five stories Silicon Valley is talking about.</p>
      <form action="/newsletters/morning" method="post"><input type="email" name="email" placeholder="Email address"> <button type="submit">Get the newsletter</button></form>
    </div>
  </aside>
</div>
{sh_footer(o)}
</body>
</html>
"""


def sh_listing(
    o: Outlet,
    *,
    title: str,
    heading: str,
    intro: str,
    canonical: str,
    items: list[Article],
    current: str = "",
    extra: str = "",
) -> str:
    head = head_html(
        charset="utf-8",
        title=title,
        description=intro,
        canonical=canonical,
        og_type="website",
        og_title=heading,
        og_url=canonical,
        site_name=o.name,
        feed=feed_tuple(o),
        style=SH_CSS,
    )
    stories = "\n".join(
        f"""    <div class="story">
      <h3><a href="{a.url}">{esc(a.title)}</a></h3>
      <p class="dek">{esc(a.summary)}</p>
      <p class="story-meta">{esc(join_names(a.authors))} \u00b7 {MONTHS[a.published.month - 1]} {a.published.day}</p>
    </div>"""
        for a in items
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head}
</head>
<body class="front">
{sh_masthead(o, current)}
<div class="container">
  <main id="main-content">
  <h1 class="section-title">{esc(heading)}</h1>
  <p class="section-intro">{esc(intro)}</p>
  <div class="story-list">
{stories}
  </div>
  </main>
  <aside class="sidebar">
{extra}
  </aside>
</div>
{sh_footer(o)}
</body>
</html>
"""


# --------------------------------------------------------------------------- Data Dispatch

DD_CSS = ".dd-wrap{max-width:760px;margin:auto}.dd-trending{border-top:2px solid #036}"


def dd_date(dt: datetime) -> str:
    return f"{dt.day} {MONTHS[dt.month - 1]} {dt.year} at {dt.hour:02d}:{dt.minute:02d} CET"


def dd_header(o: Outlet) -> str:
    nav = " | ".join(f'<a href="{o.section_url(s["slug"])}">{esc(s["name"])}</a>' for s in o.sections)
    return f"""<div class="dd-header">
  <div class="dd-brand"><a href="{o.home}">Data Dispatch</a> <span class="dd-tagline">{esc(o.tagline)}</span></div>
  <div class="dd-nav">{nav}</div>
</div>"""


def dd_footer(o: Outlet) -> str:
    return f"""<div class="dd-footer">
  <p><a href="{o.abs("/about.html")}">About</a> \u00b7 <a href="{o.abs("/contact.html")}">Contact</a> \u00b7 <a href="{o.feed_url}">RSS feed</a></p>
  <p>\u00a9 2025 {esc(o.publisher)}, Berlin. All figures checked by our data desk.</p>
</div>"""


def dd_article(a: Article) -> str:
    o = a.outlet
    head = head_html(
        charset=a.charset,
        title=f"Data Dispatch: {a.title}",
        description=a.summary,
        canonical=a.canonical,
        og_type="article",
        og_title=a.title,
        og_url=a.url,
        site_name=o.name,
        feed=feed_tuple(o),
        article=a,
        style=DD_CSS,
    )
    trending = "\n".join(
        f'  <li><a href="{s.url}">{esc(s.trending)}</a> \u2014 {esc(s.trending_summary)}</li>' for s in a.sidebar
    )
    related = "\n".join(f'  <li><a href="{r.url}">{esc(r.title)}</a></li>' for r in a.related)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head}
</head>
<body>
{dd_header(o)}
<div class="dd-wrap">
<div class="dd-story">
  <div class="dd-kicker"><a href="{o.section_url(a.section)}">{esc(o.section_name(a.section))}</a></div>
  <h1>{esc(a.title)}</h1>
  <div class="dd-standfirst">{esc(a.summary)}</div>
  <div class="dd-author">Words by <b>{esc(join_names(a.authors))}</b></div>
  <div class="dd-tools"><a href="{a.url}">Permalink</a> \u00b7 <span>Print this story</span> \u00b7 <span>Send a correction</span></div>
  <div class="dd-text">
{body_html(a, "h3")}
  </div>
  <div class="dd-dateline">Published <time datetime="{a.published.isoformat()}">{dd_date(a.published)}</time></div>
</div>
<div class="dd-related">
<h4>Related articles</h4>
<ul>
{related}
</ul>
</div>
<div class="dd-signup">
<h4>The Friday Figure</h4>
<p>One chart and one number, every Friday. Join 40,000 readers.</p>
<form action="/signup" method="post"><input type="email" name="email"> <input type="submit" value="Join"></form>
</div>
<aside class="dd-trending">
<h4>Trending now</h4>
<ul>
{trending}
</ul>
</aside>
</div>
{dd_footer(o)}
</body>
</html>
"""


def dd_listing(
    o: Outlet,
    *,
    title: str,
    heading: str,
    intro: str,
    canonical: str,
    items: list[Article],
    current: str = "",
    extra: str = "",
) -> str:
    head = head_html(
        charset="utf-8",
        title=title,
        description=intro,
        canonical=canonical,
        og_type="website",
        og_title=heading,
        og_url=canonical,
        site_name=o.name,
        feed=feed_tuple(o),
        style=DD_CSS,
    )
    lis = "\n".join(
        f'  <li><a href="{a.url}">{esc(a.title)}</a> \u2014 <span class="dd-sum">{esc(a.summary)}</span> '
        f'<span class="dd-when">{a.published.day} {MONTHS[a.published.month - 1][:3]}</span></li>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head}
</head>
<body>
{dd_header(o)}
<div class="dd-wrap">
<h1>{esc(heading)}</h1>
<p class="dd-intro">{esc(intro)}</p>
<ol class="dd-list">
{lis}
</ol>
{extra}
</div>
{dd_footer(o)}
</body>
</html>
"""


# --------------------------------------------------------------------------- per-outlet pages


def render_article(a: Article) -> str:
    return {"techwire": tw_article, "bytebeacon": bb_article, "siliconherald": sh_article, "datadispatch": dd_article}[
        a.outlet.template
    ](a)


def hidden_teaser(o: Outlet) -> str:
    h = o.hidden[0]
    label = {
        "techwire": "Editors\u2019 preview",
        "bytebeacon": "For members",
        "siliconherald": "Premium",
        "datadispatch": "Embargoed preview",
    }[o.template]
    return (
        f'  <div class="restricted-box"><h2>{esc(label)}</h2>'
        f'<p><a href="{h.url}">{esc(h.title)}</a></p><p>{esc(h.summary)}</p></div>'
    )


def render_listing(o: Outlet, *, section: dict | None) -> str:
    if section is None:
        items = o.articles
        title = f"{o.name} \u2013 {o.tagline}"
        heading = "Latest stories" if o.template != "siliconherald" else "Today\u2019s front page"
        intro = f"{o.name}: {o.tagline.lower()}."
        canonical = o.home
        current = ""
    else:
        items = [a for a in o.articles if a.section == section["slug"]]
        title = f"{section['name']} news | {o.name}"
        heading = section["name"]
        intro = section["description"]
        canonical = o.section_url(section["slug"])
        current = section["slug"]
    # Where the link to the robots-disallowed page sits: front page (techwire, herald) or a
    # section page (bytebeacon: that page's section; datadispatch: energy).
    h = o.hidden[0]
    on_front = o.template in ("techwire", "siliconherald")
    show_hidden = (section is None and on_front) or (
        section is not None and not on_front and section["slug"] == h.section
    )
    extra = hidden_teaser(o) if show_hidden else ""
    if o.template == "techwire":
        return tw_listing(
            o, title=title, heading=heading, intro=intro, canonical=canonical, items=items, current=current, extra=extra
        )
    if o.template == "bytebeacon":
        crumbs = [("Home", o.home)] if section is None else [("Home", o.home), (heading, None)]
        return bb_listing(
            o, title=title, heading=heading, intro=intro, canonical=canonical, items=items, crumbs=crumbs, extra=extra
        )
    if o.template == "siliconherald":
        return sh_listing(
            o, title=title, heading=heading, intro=intro, canonical=canonical, items=items, current=current, extra=extra
        )
    return dd_listing(
        o, title=title, heading=heading, intro=intro, canonical=canonical, items=items, current=current, extra=extra
    )


def render_static(o: Outlet, kind: str) -> str:
    if kind == "about":
        heading = f"About {o.name}"
        text = (
            f"{o.name} is a fictional publication that exists only as test data for the "
            "newsclaims knowledge base. Its outlets, staff and several companies quoted on it "
            "are invented."
        )
    else:
        heading = f"Contact {o.name}"
        text = f"Send tips and corrections to the newsroom at newsroom@{o.host}."
    canonical = o.abs(f"/{kind}.html")
    head = head_html(
        charset="utf-8",
        title=heading,
        description=text,
        canonical=canonical,
        og_type="website",
        og_title=heading,
        og_url=canonical,
        site_name=o.name,
        feed=feed_tuple(o),
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head}
</head>
<body class="static-page">
<header><a href="{o.home}">{esc(o.name)}</a></header>
<main>
<h1>{esc(heading)}</h1>
<p>{esc(text)}</p>
</main>
<footer><p>\u00a9 2025 {esc(o.publisher)}</p></footer>
</body>
</html>
"""


def xesc(s: str) -> str:
    return html.escape(s, quote=False)


def render_rss(o: Outlet) -> str:
    items = []
    for a in o.articles:
        cat = xesc(o.section_name(a.section))
        items.append(f"""    <item>
      <title>{xesc(a.title)}</title>
      <link>{a.url}</link>
      <guid isPermaLink="true">{a.url}</guid>
      <pubDate>{format_datetime(a.published)}</pubDate>
      <author>newsroom@{o.host} ({xesc(", ".join(a.authors))})</author>
      <dc:creator>{xesc(", ".join(a.authors))}</dc:creator>
      <category>{cat}</category>
      <description>{xesc(a.summary)}</description>
    </item>""")
    last = max(a.lastmod for a in o.articles)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{xesc(o.name)}</title>
    <link>{o.home}</link>
    <description>{xesc(o.tagline)}</description>
    <language>en</language>
    <atom:link href="{o.feed_url}" rel="self" type="application/rss+xml"/>
    <lastBuildDate>{format_datetime(last)}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""


def render_atom(o: Outlet) -> str:
    entries = []
    for a in o.articles:
        authors = "".join(f"<author><name>{xesc(n)}</name></author>" for n in a.authors)
        entries.append(f"""  <entry>
    <title>{xesc(a.title)}</title>
    <link rel="alternate" type="text/html" href="{a.url}"/>
    <id>{a.url}</id>
    <published>{a.published.isoformat()}</published>
    <updated>{a.lastmod.isoformat()}</updated>
    {authors}
    <category term="{xesc(a.section)}" label="{esc(o.section_name(a.section))}"/>
    <summary type="text">{xesc(a.summary)}</summary>
  </entry>""")
    last = max(a.lastmod for a in o.articles)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>{xesc(o.name)}</title>
  <subtitle>{xesc(o.tagline)}</subtitle>
  <id>{o.home}</id>
  <link rel="self" type="application/atom+xml" href="{o.feed_url}"/>
  <link rel="alternate" type="text/html" href="{o.home}"/>
  <updated>{last.isoformat()}</updated>
{chr(10).join(entries)}
</feed>
"""


def render_sitemap(o: Outlet) -> str:
    last = max(a.lastmod for a in o.articles)
    rows = [(o.home, last)]
    for s in o.sections:
        sec = [a for a in o.articles if a.section == s["slug"]]
        rows.append((o.section_url(s["slug"]), max(a.lastmod for a in sec)))
    rows += [(a.url, a.lastmod) for a in o.articles]
    urls = "\n".join(f"  <url>\n    <loc>{u}</loc>\n    <lastmod>{d.isoformat()}</lastmod>\n  </url>" for u, d in rows)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>
"""


def render_robots(o: Outlet) -> str:
    return f"User-agent: *\nDisallow: {o.disallow}\n\nSitemap: {o.abs('/sitemap.xml')}\n"


# --------------------------------------------------------------------------- README + manifest


def find(outlets: list[Outlet], host: str, aid: str) -> Article:
    o = next(o for o in outlets if o.host == host)
    return next(a for a in o.articles + o.hidden if a.id == aid)


def article_record(a: Article) -> dict:
    return {
        "url": a.url,
        "file": f"{a.outlet.host}/{url_to_file(a.path)}",
        "host": a.outlet.host,
        "id": a.id,
        "kind": "hidden" if a.hidden else "article",
        "title": a.title,
        "summary": a.summary,
        "authors": a.authors,
        "section": a.section,
        "published": a.published.isoformat(),
        "modified": a.modified.isoformat() if a.modified else None,
        "canonical": a.canonical,
        "syndicated_from": a.syndicated_from.url if a.syndicated_from else None,
        "charset": a.charset,
        "word_count": a.word_count,
        "headings": [b.text for b in a.blocks if b.kind == "h"],
        "pull_quotes": [b.text for b in a.blocks if b.kind == "quote"],
        "paragraphs": a.paragraphs,
        "sidebar": [{"headline": s.trending, "summary": s.trending_summary, "url": s.url} for s in a.sidebar],
        "related": [r.url for r in a.related],
        "facts": a.facts,
    }


def render_manifest(outlets: list[Outlet], files: dict[str, bytes]) -> str:
    data = {
        "generator": "data/sample_site_src/build.py",
        "url_to_file": "'/' -> index.html; path ending in '/' -> <dir>/index.html; else the file",
        "outlets": [
            {
                "host": o.host,
                "name": o.name,
                "feed": o.feed_url,
                "feed_type": o.feed_type,
                "sitemap": o.abs("/sitemap.xml"),
                "robots_disallow": o.disallow,
                "sections": [o.section_url(s["slug"]) for s in o.sections],
                "front_page": o.home,
            }
            for o in outlets
        ],
        "articles": [article_record(a) for o in outlets for a in o.articles],
        "hidden": [article_record(a) for o in outlets for a in o.hidden],
        "files": sorted(files),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def md_table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(out)


def render_readme(outlets: list[Outlet], files: dict[str, bytes]) -> str:
    F = lambda host, aid: find(outlets, host, aid)  # noqa: E731
    tw_musk = F("techwire.example", "musk-training-data")
    bb_musk = F("bytebeacon.example", "musk-ai-data-peak")
    dd_musk = F("datadispatch.example", "musk-synthetic-data")
    sh_peak = F("siliconherald.example", "peak-data-sutskever")
    sh_copy = F("siliconherald.example", "musk-ai-training-data-syndicated")
    tw_phones = F("techwire.example", "smartphone-shipments-2024")
    sh_phones = F("siliconherald.example", "smartphone-market-2024")
    bb_outage = F("bytebeacon.example", "stratocloud-outage")
    dd_eu = F("datadispatch.example", "eu-ai-act-bans")
    n_articles = sum(len(o.articles) for o in outlets)

    outlet_rows = []
    for o in outlets:
        n_files = sum(1 for f in files if f.startswith(o.host + "/"))
        features = {
            "techwire": "cookie-consent banner; byline under headline; no JSON-LD; curly quotes; sidebar 'Most read' (aside, after main)",
            "bytebeacon": "breadcrumb; JSON-LD NewsArticle; date above headline, byline at bottom; 'Trending' aside BEFORE the article in source order; /posts/<slug>/ directory URLs",
            "siliconherald": "JSON-LD NewsArticle; byline above headline; pull-quote <blockquote class=\"pull-quote\">; 'Most read' aside; syndicated copy",
            "datadispatch": "no JSON-LD; author near top, date at the END; <h3> sub-headings; 'Trending now' aside at the bottom; one windows-1252 page",
        }[o.template]
        outlet_rows.append(
            [
                f"`{o.host}`",
                o.name,
                f"{o.feed_url} ({o.feed_type.upper()})",
                f"`{o.disallow}`",
                str(len(o.articles)),
                str(len(o.sections)),
                str(len(o.hidden)),
                str(n_files),
                features,
            ]
        )

    lines = [
        "# Demo news site (generated)",
        "",
        "**Do not edit by hand.** Everything in this directory is written by",
        "`python data/sample_site_src/build.py` from the TOML sources in",
        "`data/sample_site_src/outlets/`; re-running it yields byte-identical files.",
        "`python data/sample_site_src/check_site.py` validates the result (XML, links, encodings,",
        "counts, determinism).",
        "",
        "Four fictional tech-news outlets, one directory per hostname. A local server dispatches on",
        "the request's Host header: `/` -> `index.html`; a path ending in `/` -> that directory's",
        "`index.html`; anything else -> the file itself. Content types by extension (`.html`, `.xml`,",
        "`.txt`). Every link is an absolute `http://<host>/...` URL (never https).",
        "`manifest.json` (not served: it sits above the host directories) lists every article with its",
        "paragraphs, sidebar headlines, related links and the facts below, for tests.",
        "",
        "All outlets, their staff and some companies and analysts (Orbis Research, Fernhill Labs,",
        "Kestrel Security, Brightwater Securities, Northlight Energy Analytics, Stratocloud, Meranti",
        "Data Centres, Velmora Semiconductor, Vantor Cells, Cascade Plains Power, ...) are invented.",
        "Real-world facts and short public quotes are paraphrased from public reporting; a few",
        "figures are deliberately wrong (see *Deliberate cases*).",
        "",
        "## Outlets",
        "",
        md_table(
            ["host", "name", "feed", "robots Disallow", "articles", "sections", "hidden pages", "files", "template"],
            outlet_rows,
        ),
        "",
        f"Total: **{n_articles} articles** (including 1 syndicated copy), "
        f"{sum(len(o.sections) for o in outlets)} section pages, 4 front pages, "
        f"{sum(len(o.hidden) for o in outlets)} pages under disallowed paths, 8 about/contact pages, "
        "4 feeds, 4 sitemaps, 4 robots.txt.",
        "",
        "Per outlet: `robots.txt` (one `Disallow:` + `Sitemap:`), `index.html` (front page, og:type",
        "website), `section/<slug>/index.html` (og:type website), the feed, `sitemap.xml` (front page,",
        "section pages and every article with `<lastmod>`), `about.html`, `contact.html`, articles.",
        "Feeds and sitemaps list every article of the outlet (the syndicated copy included) and never",
        "the disallowed pages.",
        "",
        'Every article page has: `<html lang="en">`, `<title>`, `<meta charset>`, `<meta name=',
        '"description">`, `<link rel="canonical">`, `og:type=article`, `og:title`, `og:site_name`,',
        '`article:published_time` (ISO 8601 with offset), `<meta name="author">` (comma-separated),',
        "a nav of section links, `<h1>`, a byline, `<time datetime>`, 5-12 body paragraphs, an",
        "`<aside>` with 6 claim-like headlines of OTHER articles (their `trending` line, never their",
        "title), a related-articles block, a newsletter form and a footer with about/contact links.",
        "",
        "## Deliberate cases",
        "",
        md_table(
            ["case", "where", "detail"],
            [
                [
                    "same claim, several outlets (Musk)",
                    f"{tw_musk.url}<br>{bb_musk.url}<br>{dd_musk.url}<br>{sh_peak.url}<br>(+ syndicated copy {sh_copy.url})",
                    "Musk (Penn/Stagwell livestream on X): AI training exhausted the cumulative sum of human knowledge, last year. Four independent write-ups in different words.",
                ],
                [
                    "same claim, several outlets (Gartner)",
                    f"{tw_musk.url}<br>{bb_musk.url}<br>{dd_musk.url}",
                    "Gartner estimate of the share of synthetic data in AI/analytics projects in 2024.",
                ],
                [
                    "conflicting figure: Gartner 60% vs 75%",
                    f"60%: {tw_musk.url}, {dd_musk.url} (and the copy {sh_copy.url})<br>75%: {bb_musk.url}",
                    "75% is deliberately wrong.",
                ],
                [
                    "conflicting figure: Palmyra X 004 cost",
                    f"US$700,000: {tw_musk.url} (and copy)<br>US$750,000: {dd_musk.url}",
                    "Both keep the US$4.6 million comparison for a similar OpenAI model. US$750,000 is deliberately wrong.",
                ],
                [
                    "conflicting figure (non-AI): 2024 smartphone shipment growth per Canalys",
                    f"7%: {tw_phones.url}<br>9%: {sh_phones.url}",
                    "Both say 1.22 billion units. 9% is deliberately wrong. techwire also cites IDC 6.4% / 1.24 billion (a different source, not a conflict).",
                ],
                [
                    "syndicated copy",
                    f"copy: {sh_copy.url}<br>original: {tw_musk.url}",
                    'Identical title, summary, authors and body paragraphs (byte-identical text, curly quotes); different template/sidebar; `<link rel="canonical">` -> the TechWire URL; one extra LAST paragraph inside the body container, `<p class="article-note">This article first appeared on TechWire Asia and is republished here under a content-sharing agreement.</p>`, so the extracted text is the original\'s text plus that line (an exact text hash differs; the canonical URL and near-duplicate detection identify it); JSON-LD `isBasedOn`; published one day later; section label \'Partner content\'.',
                ],
                [
                    "updated article",
                    bb_outage.url,
                    f"published {bb_outage.published.isoformat()}, article:modified_time and JSON-LD dateModified {bb_outage.modified.isoformat()}; first body paragraph starts 'Updated 12 February 2025:'; visible 'Updated' time above the headline; the Atom entry's <updated> and the sitemap <lastmod> use the modified time.",
                ],
                [
                    "index pages (not articles)",
                    "; ".join(o.home for o in outlets) + "; and every /section/<slug>/",
                    "og:type website, teaser lists (title + one-line summary), no article:published_time.",
                ],
                [
                    "pages under robots-disallowed paths",
                    "<br>".join(
                        f"{h.url} (linked from {'the front page' if o.template in ('techwire', 'siliconherald') else o.section_url(h.section)})"
                        for o in outlets
                        for h in o.hidden
                    ),
                    "Not in feeds or sitemaps. Their sentences must never reach the knowledge base (see below). The Silicon Herald also links its premium page from the nav of every page.",
                ],
                [
                    "non-UTF-8 page",
                    f"{dd_eu.url}<br>file `{dd_eu.outlet.host}/{url_to_file(dd_eu.path)}`",
                    'Encoded windows-1252, declared `<meta charset="windows-1252">`; contains curly quotes (0x93/0x94, 0x92) and the euro sign (0x80), so it is NOT valid UTF-8. Served by extension as text/html (no charset from the server).',
                ],
                [
                    "pull-quotes",
                    ", ".join(a.url for o in outlets for a in o.articles if any(b.kind == "quote" for b in a.blocks)),
                    '`<blockquote class="pull-quote"><p>...</p><cite>Name, title, org</cite></blockquote>` inside the body. The quoted words do NOT also appear in the paragraphs.',
                ],
                [
                    "two authors",
                    bb_musk.url,
                    "Sam Okafor and Lena Fischer (meta author 'Sam Okafor, Lena Fischer'; JSON-LD author list of two; two Atom <author>s).",
                ],
                [
                    "in-body link",
                    F("bytebeacon.example", "meta-capex-2025").url,
                    "A paragraph links to another Byte Beacon article (Stargate).",
                ],
            ],
        ),
        "",
        "## Facts tests can rely on",
        "",
        "Each sentence below occurs verbatim (after HTML unescaping) inside one `<p>` of the body of",
        "the given page. Sentences on curly-quote outlets (techwire, datadispatch, and the",
        "syndicated copy) use \u2019 \u201c \u201d.",
        "",
    ]
    for o in outlets:
        for a in o.articles:
            if a.syndicated_from:
                continue
            for f in a.facts:
                lines.append(f"- {a.url}")
                lines.append(f"  - sentence: {f['sentence']}")
                lines.append(f"  - speaker: {f['speaker'] or '(none)'}; figure: {f['figure'] or '(none)'}; {f['kind']}")
    lines += [
        "",
        f"The syndicated copy {sh_copy.url} contains exactly the same sentences as {tw_musk.url}",
        "(plus the closing line 'This article first appeared on TechWire Asia and is republished here under a",
        "content-sharing agreement.'). trafilatura keeps that line (it would drop it if the <p> had a",
        "class containing 'syndication').",
        "",
        "## Sentences that must NOT be in the knowledge base (robots-disallowed pages)",
        "",
    ]
    for o in outlets:
        for h in o.hidden:
            lines.append(f"- {h.url}: \u201c{h.paragraphs[1]}\u201d")
    lines += [
        "",
        f"## Sidebar headlines of {tw_musk.url}",
        "",
        "The 'Most read' aside of this article lists these lines (headline, then its one-line summary).",
        "They look like claims but none of them is part of the article, so none may become a claim of",
        "it. No sidebar line on any page occurs in any article body (build.py checks this). The",
        "sidebars of every other article are in `manifest.json` (key `sidebar`).",
        "",
    ]
    for s in tw_musk.sidebar:
        lines.append(f"- {s.trending} \u2014 {s.trending_summary} ({s.url})")
    lines += [
        "",
        f"## Sidebar headlines of {bb_musk.url}",
        "",
        "(Byte Beacon puts its 'Trending' aside before the article in source order.)",
        "",
    ]
    for s in bb_musk.sidebar:
        lines.append(f"- {s.trending} \u2014 {s.trending_summary} ({s.url})")
    lines += [
        "",
        "## Extraction notes",
        "",
        "When this site was written it was checked against trafilatura 2.3.1 (`bare_extraction`, and",
        "the project's `kb.extract.extract`): for every article the extracted text contains every",
        "body paragraph and none of the sidebar lines, cookie banner, newsletter, related links or",
        "footer; authors, canonical URL and published time come out as in `manifest.json`; the",
        "front and section pages are rejected as `not_article` (og:type website). Body paragraphs",
        "keep straight quotes on bytebeacon/siliconherald and curly quotes on techwire/datadispatch.",
        "Sub-headings (`<h2>`/`<h3>`) are part of the body; the pull-quotes are too.",
        "",
        "Fictional people and organisations that recur across articles (for entity resolution):",
        "Orbis Research (techwire, 5 articles), Fernhill Labs (bytebeacon, incl. Henrik Dahl twice),",
        "Rachel Adeyemi of Kestrel Security (bytebeacon, 2 articles), Marcus Feld of Brightwater",
        "Securities (siliconherald, 3 articles), Ingrid Solberg of Northlight Energy Analytics",
        "(datadispatch, 4 articles).",
    ]
    lines += ["", "## All articles", ""]
    rows = []
    for o in outlets:
        for a in o.articles:
            rows.append([a.published.date().isoformat(), a.url, a.title, ", ".join(a.authors), str(a.word_count)])
    lines.append(md_table(["published", "url", "title", "authors", "words"], rows))
    lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def build_files(outlets: list[Outlet]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}

    def put(host: str, path: str, text: str, charset: str = "utf-8") -> None:
        key = f"{host}/{url_to_file(path)}"
        assert key not in files, key
        files[key] = text.encode(charset)  # strict: fails on characters the charset lacks

    for o in outlets:
        put(o.host, "/", render_listing(o, section=None))
        for s in o.sections:
            put(o.host, f"/section/{s['slug']}/", render_listing(o, section=s))
        for a in o.articles + o.hidden:
            put(o.host, a.path, render_article(a), a.charset)
        put(o.host, "/about.html", render_static(o, "about"))
        put(o.host, "/contact.html", render_static(o, "contact"))
        put(o.host, o.feed_path, render_atom(o) if o.feed_type == "atom" else render_rss(o))
        put(o.host, "/sitemap.xml", render_sitemap(o))
        put(o.host, "/robots.txt", render_robots(o))
    files["manifest.json"] = render_manifest(outlets, files).encode("utf-8")
    files["README.md"] = render_readme(outlets, files).encode("utf-8")
    return files


def main(argv: list[str]) -> int:
    outlets = load()
    validate(outlets)
    files = build_files(outlets)
    if OUT.exists():
        shutil.rmtree(OUT)
    for rel, data in sorted(files.items()):
        p = OUT / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    n = sum(len(o.articles) for o in outlets)
    print(f"wrote {len(files)} files, {n} articles, {sum(len(d) for d in files.values())} bytes -> {OUT}")
    if "--check" in argv:
        import subprocess

        return subprocess.call([sys.executable, str(SRC / "check_site.py")])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
