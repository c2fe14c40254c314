#!/usr/bin/env python3
"""Validate data/sample_site/ (stdlib only). Exit status 0 when everything holds.

Checks: the generator is deterministic (rebuild -> identical bytes); every .xml parses;
every http:// link in feeds, sitemaps and HTML pages resolves to a file; no https links;
robots.txt shape and the disallowed pages (present, linked, absent from feeds/sitemaps);
article counts; required article metadata; the windows-1252 page; the syndicated copy;
the updated article; total size.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

SRC = Path(__file__).resolve().parent
SITE = SRC.parent / "sample_site"
problems: list[str] = []


def fail(msg: str) -> None:
    problems.append(msg)


def url_to_file(url: str) -> Path:
    u = urlsplit(url)
    path = u.path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return SITE / u.netloc / path


def snapshot() -> dict[str, str]:
    return {
        str(p.relative_to(SITE)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(SITE.rglob("*"))
        if p.is_file()
    }


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.charset: str | None = None
        self.in_p = False
        self.paras: list[str] = []
        self._buf: list[str] = []
        self.jsonld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "link" and a.get("href"):
            self.hrefs.append(a["href"])
            if a.get("rel") == "canonical":
                self.canonical = a["href"]
        if tag == "meta":
            if "charset" in a:
                self.charset = a["charset"]
            key = a.get("property") or a.get("name")
            if key and "content" in a:
                self.meta.setdefault(key, a["content"])
        if tag == "p":
            self.in_p, self._buf = True, []
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld, self._buf = True, []

    def handle_endtag(self, tag):
        if tag == "p" and self.in_p:
            self.in_p = False
            self.paras.append("".join(self._buf))
        if tag == "script" and self._in_ld:
            self._in_ld = False
            self.jsonld.append("".join(self._buf))

    def handle_data(self, data):
        if self.in_p or self._in_ld:
            self._buf.append(data)


def parse_html(path: Path) -> Links:
    raw = path.read_bytes()
    m = re.search(rb'<meta charset="([^"]+)"', raw)
    enc = m.group(1).decode() if m else "utf-8"
    p = Links()
    p.feed(raw.decode(enc))
    return p


def main() -> int:
    if "--no-rebuild" not in sys.argv:
        before = snapshot()
        subprocess.run([sys.executable, str(SRC / "build.py")], check=True, capture_output=True)
        after = snapshot()
        if before != after:
            diff = sorted(set(before.items()) ^ set(after.items()))
            fail(f"build is not deterministic (or the site was stale): {diff[:5]}")

    manifest = json.loads((SITE / "manifest.json").read_text(encoding="utf-8"))
    hosts = [o["host"] for o in manifest["outlets"]]
    articles = manifest["articles"]
    hidden = manifest["hidden"]

    # every XML file parses; collect feed / sitemap links
    listed: dict[str, set[str]] = {h: set() for h in hosts}
    for x in sorted(SITE.rglob("*.xml")):
        try:
            root = ET.parse(x)
        except ET.ParseError as e:
            fail(f"{x}: XML parse error {e}")
            continue
        host = x.relative_to(SITE).parts[0]
        for el in root.iter():
            tag = el.tag.split("}")[-1]
            vals = []
            if tag in ("loc", "link", "guid") and el.text and el.text.strip():
                vals.append(el.text.strip())
            if el.get("href"):
                vals.append(el.get("href"))
            for v in vals:
                listed[host].add(v)
                if not url_to_file(v).is_file():
                    fail(f"{x}: link does not resolve: {v}")

    # every link in every HTML page
    pages: dict[str, Links] = {}
    for h in sorted(SITE.rglob("*.html")):
        p = parse_html(h)
        pages[str(h.relative_to(SITE))] = p
        for href in p.hrefs:
            if href.startswith("https:"):
                fail(f"{h}: https link {href}")
            if href.startswith("http://") and urlsplit(href).netloc in hosts:
                if not url_to_file(href).is_file():
                    fail(f"{h}: link does not resolve: {href}")
            elif not href.startswith("http://"):
                fail(f"{h}: non-absolute link {href}")
    for f in sorted(SITE.rglob("*")):
        if f.is_file() and f.suffix in (".html", ".xml", ".txt") and b"https://" in f.read_bytes():
            fail(f"{f}: contains https://")

    # robots.txt and disallowed pages
    for o in manifest["outlets"]:
        host = o["host"]
        robots = (SITE / host / "robots.txt").read_text()
        dis = re.findall(r"^Disallow:\s*(\S+)", robots, re.M)
        if dis != [o["robots_disallow"]] or "User-agent: *" not in robots:
            fail(f"{host}: robots.txt Disallow lines {dis}")
        if f"Sitemap: http://{host}/sitemap.xml" not in robots:
            fail(f"{host}: robots.txt lacks Sitemap")
        hid = [h for h in hidden if h["host"] == host]
        if not hid:
            fail(f"{host}: no hidden page")
        listing_files = [f"{host}/index.html"] + [str(url_to_file(s).relative_to(SITE)) for s in o["sections"]]
        for h in hid:
            if not urlsplit(h["url"]).path.startswith(o["robots_disallow"]):
                fail(f"{h['url']} not under {o['robots_disallow']}")
            if not any(h["url"] in pages[lf].hrefs for lf in listing_files):
                fail(f"{h['url']} not linked from front or section page")
            if h["url"] in listed[host]:
                fail(f"{h['url']} is listed in a feed or sitemap")
        for lf in listing_files:
            if pages[lf].meta.get("og:type") != "website":
                fail(f"{lf}: og:type is not website")
            if "article:published_time" in pages[lf].meta:
                fail(f"{lf}: listing page has article:published_time")

    # article counts and metadata
    per_host = {h: 0 for h in hosts}
    for a in articles:
        per_host[a["host"]] += 1
        if a["url"] not in listed[a["host"]]:
            fail(f"{a['url']} missing from feed/sitemap")
        p = pages[a["file"]]
        for key in ("og:type", "og:title", "og:site_name", "article:published_time", "author", "description"):
            if key not in p.meta:
                fail(f"{a['file']}: missing meta {key}")
        if p.meta.get("og:type") != "article":
            fail(f"{a['file']}: og:type {p.meta.get('og:type')}")
        if not re.search(r"[+-]\d\d:\d\d$", p.meta.get("article:published_time", "")):
            fail(f"{a['file']}: published_time without offset")
        if p.canonical != a["canonical"]:
            fail(f"{a['file']}: canonical {p.canonical}")
        for para in a["paragraphs"]:
            if para not in p.paras:
                fail(f"{a['file']}: paragraph missing from page: {para[:60]}")
        for s in a["sidebar"]:
            if s["url"] not in p.hrefs:
                fail(f"{a['file']}: sidebar link missing {s['url']}")
            for line in (s["headline"], s["summary"]):
                if any(line in para for para in a["paragraphs"]):
                    fail(f"{a['file']}: sidebar line inside body: {line}")
        for ld in p.jsonld:
            d = json.loads(ld)
            if d.get("@type") == "NewsArticle" and not all(
                k in d for k in ("headline", "datePublished", "dateModified", "author")
            ):
                fail(f"{a['file']}: incomplete JSON-LD")
    for h, n in per_host.items():
        if n < 8:
            fail(f"{h}: only {n} articles")
    if len(articles) < 34:
        fail(f"only {len(articles)} articles")
    jsonld_hosts = {a["host"] for a in articles if pages[a["file"]].jsonld}
    if len(jsonld_hosts) < 2:
        fail(f"JSON-LD on fewer than two outlets: {jsonld_hosts}")

    # the windows-1252 page
    cp = [a for a in articles if a["charset"] == "windows-1252"]
    if len(cp) != 1:
        fail(f"expected one windows-1252 article, found {len(cp)}")
    for a in cp:
        raw = (SITE / a["file"]).read_bytes()
        try:
            raw.decode("utf-8")
            fail(f"{a['file']} decodes as UTF-8")
        except UnicodeDecodeError:
            pass
        text = raw.decode("cp1252")
        if '<meta charset="windows-1252">' not in text:
            fail(f"{a['file']}: missing windows-1252 declaration")
        for ch in "\u20ac\u201c\u201d\u2019":
            if ch not in text:
                fail(f"{a['file']}: lacks {ch!r}")

    # syndicated copy
    syn = [a for a in articles if a["syndicated_from"]]
    if len(syn) != 1:
        fail(f"expected one syndicated copy, found {len(syn)}")
    for a in syn:
        orig = next(x for x in articles if x["url"] == a["syndicated_from"])
        if a["paragraphs"] != orig["paragraphs"]:
            fail("syndicated paragraphs differ from the original")
        p = pages[a["file"]]
        if p.canonical != orig["url"]:
            fail("syndicated canonical does not point at the original")
        if not any(x.startswith("This article first appeared on TechWire Asia") for x in p.paras):
            fail("syndication note missing")

    # updated article
    upd = [a for a in articles if a["modified"]]
    if not upd:
        fail("no updated article")
    for a in upd:
        p = pages[a["file"]]
        if p.meta.get("article:modified_time") != a["modified"]:
            fail(f"{a['file']}: modified_time meta")
        if not a["paragraphs"][0].startswith("Updated "):
            fail(f"{a['file']}: no 'Updated <date>:' paragraph")
        if not any(json.loads(ld).get("dateModified") == a["modified"] for ld in p.jsonld):
            fail(f"{a['file']}: JSON-LD dateModified")

    size = sum(f.stat().st_size for f in SITE.rglob("*") if f.is_file())
    if size >= 2_000_000:
        fail(f"site is {size} bytes")

    for m in problems:
        print("FAIL", m)
    print(
        f"{len(articles)} articles ({', '.join(f'{h}: {n}' for h, n in per_host.items())}), "
        f"{len(hidden)} disallowed pages, {len(pages)} HTML pages, "
        f"{len(list(SITE.rglob('*.xml')))} XML files, {size} bytes; "
        f"{'OK' if not problems else f'{len(problems)} problem(s)'}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
