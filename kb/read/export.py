"""Citations of claims, for journalists, researchers and fact-checkers.

Every citation carries the outlet, author(s), title, publication date, URL, access date (when
we captured the page), the quoted claim, its speaker, its character span in the stored text,
the SHA-256 of that text and of the captured response, and a pointer to the archived capture
(WARC file, offset and WARC-Record-ID), so a reader can check exactly what the page said.

Formats, each written with the library its readers use and parsed back in the tests:
BibTeX (bibtexparser; read back with pybtex too), RIS (rispy), CSL-JSON (the input of
citeproc processors and Zotero; rendered with citeproc-py), CSV, and schema.org ClaimReview
JSON-LD drafts (no verdict is invented: the rating is left for the fact-checker).

Every field is text a stranger wrote, so each format is written so that text stays text where
the file is opened: BibTeX braces are written as commands, CSV cells cannot start a formula,
and the JSON can be pasted into a ``<script>`` element.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime

import duckdb

from kb.errors import BadInput
from kb.read.claims import hydrate
from kb.read.provenance import provenances


@dataclass
class Citation:
    claim_id: int
    claim_text: str
    speaker: str | None
    char_start: int
    char_end: int
    outlet: str | None
    authors: list[str]
    title: str | None
    published_at: datetime | None
    url: str
    accessed_at: datetime | None
    text_sha256: str
    capture_sha256: str
    warc_file: str
    warc_offset: int
    warc_record_id: str
    claim_key: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        """A stable citation key: outlet, year, claim id ("techwireasia2025claim8")."""
        outlet = re.sub(r"[^a-z0-9]", "", (self.outlet or "source").casefold())[:24] or "source"
        year = self.published_at.year if self.published_at else "nd"
        return f"{outlet}{year}claim{self.claim_id}"

    @property
    def archive(self) -> str:
        """The pointer to the archived capture: WARC file, offset and record id."""
        return f"{self.warc_file}#offset={self.warc_offset};record={self.warc_record_id}"


def citations(con: duckdb.DuckDBPyConnection, claim_ids: list[int]) -> list[Citation]:
    """Citations for the given claims, in the order given; unknown ids are skipped."""
    hits = hydrate(con, list(claim_ids))
    found = provenances(con, list(claim_ids))
    out = []
    for cid in claim_ids:
        prov = found.get(cid)
        if prov is None or cid not in hits:
            continue
        out.append(
            Citation(
                claim_id=cid,
                claim_text=hits[cid].text,
                speaker=hits[cid].speaker,
                char_start=prov.char_start,
                char_end=prov.char_end,
                outlet=prov.source,
                authors=list(prov.authors or []),
                title=prov.title,
                published_at=prov.published_at,
                url=prov.url,
                accessed_at=prov.captured_at,
                text_sha256=prov.text_sha256,
                capture_sha256=prov.body_sha256,
                warc_file=prov.warc_file,
                warc_offset=prov.warc_offset,
                warc_record_id=prov.warc_record_id,
                claim_key=prov.claim_key or "",
            )
        )
    return out


# -- BibTeX ---------------------------------------------------------------------------------

# BibTeX matches braces whatever precedes them (``\}`` closes a field), so a brace is written as
# a braced command: every escape is balanced on its own and nothing can end a field early
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_IN = re.compile(r"[\\{}%&#$_^~]")
# bibtexparser takes an "@" that begins a line (after any whitespace) and is followed by "name{"
# or "(" for the start of a new entry, even inside a field: such an "@" is written braced
_LINE_START_AT = re.compile(r"(\n\s*)@")
_TEX_BACK = {v: k for k, v in _TEX.items()} | {"{@}": "@"}
_TEX_OUT = re.compile("|".join(re.escape(v) for v in sorted(_TEX_BACK, key=len, reverse=True)))


def tex_escape(text: str) -> str:
    """LaTeX-safe field text: the ten special characters become their standard commands (braces
    as ``{\\textbraceleft}`` / ``{\\textbraceright}``) and an ``@`` that begins a line is braced,
    so braces balance under BibTeX's own rules and nothing in crawled text can end a field,
    start an entry or run a macro. Unicode stays as it is (biber and Zotero read UTF-8)."""
    return _LINE_START_AT.sub(r"\1{@}", _TEX_IN.sub(lambda m: _TEX[m.group(0)], text))


def tex_unescape(text: str) -> str:
    """The inverse of :func:`tex_escape`."""
    return _TEX_OUT.sub(lambda m: _TEX_BACK[m.group(0)], text)


def _date(dt: datetime | None) -> str | None:
    return dt.date().isoformat() if dt else None


def bibtex_fields(c: Citation) -> dict[str, str | list[str]]:
    """The BibTeX (biblatex @online) fields of a citation, unescaped; ``author`` is a list of
    names (whitespace runs collapsed, as BibTeX reads them)."""
    fields = {
        "title": c.title or "Untitled",
        "author": [n for n in (" ".join(a.split()) for a in c.authors) if n],
        "organization": c.outlet,
        "journaltitle": c.outlet,
        "date": _date(c.published_at),
        "year": str(c.published_at.year) if c.published_at else None,
        "url": c.url,
        "urldate": _date(c.accessed_at),
        "note": f"Claim by {c.speaker}: “{c.claim_text}”" if c.speaker else f"Claim: “{c.claim_text}”",
        "claim": c.claim_text,
        "speaker": c.speaker,
        "claimspan": f"{c.char_start}-{c.char_end}",
        "textsha256": c.text_sha256,
        "capturesha256": c.capture_sha256,
        "archive": c.archive,
    }
    return {k: v for k, v in fields.items() if v}


def to_bibtex(cits: list[Citation]) -> str:
    import bibtexparser
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field

    # the writer encloses each value in braces; escaping keeps them balanced
    lib = Library(
        [
            Entry(
                "online",
                c.key,
                [
                    Field(k, _bib_names(v) if isinstance(v, list) else tex_escape(v))
                    for k, v in bibtex_fields(c).items()
                ],
            )
            for c in cits
        ]
    )
    fmt = bibtexparser.BibtexFormat()
    fmt.indent = "  "
    return bibtexparser.write_string(lib, bibtex_format=fmt)


# BibTeX splits a name list at the word "and" and reads a comma as "Family, Given": a byline
# such as "Barnes and Noble" or "Reuters, London" is braced, i.e. kept whole as a literal name.
# So is one with an escaped special (AT\&T, {@}): bibtexparser's splitter loses its place after an
# escape, and a name read back is unbraced only when it is braced as a whole
_BIB_SPLITS = re.compile(r"(?:^|[ \t\r\n])and(?:[ \t\r\n]|$)|[,\\{]", re.IGNORECASE)


def _bib_names(names: list[str]) -> str:
    return " and ".join(f"{{{n}}}" if _BIB_SPLITS.search(n) else n for n in map(tex_escape, names))


def parse_bibtex(text: str) -> list[dict[str, str | list[str]]]:
    """Entries of a BibTeX string as {field: text} (with "ID"), values unescaped; ``author``
    is a list of names, split the way BibTeX splits them."""
    import bibtexparser
    from bibtexparser.middlewares.names import split_multiple_persons_names

    lib = bibtexparser.parse_string(text)
    if lib.failed_blocks:
        raise BadInput(f"{len(lib.failed_blocks)} BibTeX blocks failed to parse")
    out = []
    for e in lib.entries:
        d: dict[str, str | list[str]] = {"ID": e.key, "ENTRYTYPE": e.entry_type}
        for f in e.fields:
            if f.key == "author":
                d[f.key] = [
                    tex_unescape(n[1:-1] if n.startswith("{") and n.endswith("}") else n)
                    for n in split_multiple_persons_names(f.value)
                ]
            else:
                d[f.key] = tex_unescape(f.value)
        out.append(d)
    return out


# -- RIS ------------------------------------------------------------------------------------


def ris_record(c: Citation) -> dict:
    rec = {
        "type_of_reference": "NEWS",
        "id": c.key,
        "title": c.title or "Untitled",
        "authors": list(c.authors),
        "secondary_title": c.outlet,  # the newspaper
        "publisher": c.outlet,
        "date": c.published_at.strftime("%Y/%m/%d") if c.published_at else None,
        "year": str(c.published_at.year) if c.published_at else None,
        "urls": [c.url],
        "access_date": c.accessed_at.strftime("%Y/%m/%d") if c.accessed_at else None,
        "abstract": c.claim_text,
        "notes": [
            f"speaker: {c.speaker or ''}",
            f"span: {c.char_start}-{c.char_end}",
            f"text sha256: {c.text_sha256}",
            f"capture sha256: {c.capture_sha256}",
            f"archive: {c.archive}",
        ],
    }
    return {k: v for k, v in rec.items() if v not in (None, [], "")}


def to_ris(cits: list[Citation]) -> str:
    import rispy

    # RIS is line-based: a line break inside a value would start a new, broken tag
    recs = [{k: _one_line(v) for k, v in ris_record(c).items()} for c in cits]
    return rispy.dumps(recs)


def _one_line(v):
    if isinstance(v, list):
        return [_one_line(x) for x in v]
    return re.sub(r"[\r\n]+", " ", v) if isinstance(v, str) else v


# -- CSL-JSON, CSV, ClaimReview ---------------------------------------------------------------


def _csl_date(dt: datetime | None) -> dict | None:
    return {"date-parts": [[dt.year, dt.month, dt.day]]} if dt else None


def csl_item(c: Citation) -> dict:
    item = {
        "id": c.key,
        "type": "article-newspaper",
        "title": c.title or "Untitled",
        "author": [_csl_name(a) for a in c.authors],
        "container-title": c.outlet,
        "publisher": c.outlet,
        "issued": _csl_date(c.published_at),
        "accessed": _csl_date(c.accessed_at),
        "URL": c.url,
        "note": f"Claim ({c.speaker or 'unattributed'}, characters {c.char_start}-{c.char_end}): {c.claim_text}\n"
        f"text sha256: {c.text_sha256}\ncapture sha256: {c.capture_sha256}\narchive: {c.archive}",
        "custom": {
            "claim_id": c.claim_id,
            "claim": c.claim_text,
            "speaker": c.speaker,
            "char_start": c.char_start,
            "char_end": c.char_end,
            "text_sha256": c.text_sha256,
            "capture_sha256": c.capture_sha256,
            "warc_file": c.warc_file,
            "warc_offset": c.warc_offset,
            "warc_record_id": c.warc_record_id,
        },
    }
    return {k: v for k, v in item.items() if v not in (None, [], "")}


def _csl_name(name: str) -> dict:
    parts = name.strip().rsplit(" ", 1)
    return {"family": parts[-1], "given": parts[0]} if len(parts) == 2 else {"literal": name}


def to_csl_json(cits: list[Citation]) -> str:
    return json_for_html([csl_item(c) for c in cits])


# the characters that let text inside a <script> element end it or open a comment (<, >, &),
# and the two line separators that end a JavaScript string literal
_HTML_UNSAFE_JSON = {c: f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}
_HTML_UNSAFE_JSON_RE = re.compile("[<>&\u2028\u2029]")


def json_for_html(obj: object) -> str:
    """JSON that can be embedded as it is in an HTML page (``<script type="application/ld+json">``):
    ``<``, ``>``, ``&``, U+2028 and U+2029 are written as ``\\u003c``-style escapes, which
    every JSON parser reads back as the same characters. They can only occur inside strings."""
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    return _HTML_UNSAFE_JSON_RE.sub(lambda m: _HTML_UNSAFE_JSON[m.group(0)], text)


CSV_COLUMNS = [
    "claim_id",
    "claim",
    "speaker",
    "char_start",
    "char_end",
    "outlet",
    "authors",
    "title",
    "published",
    "url",
    "accessed",
    "text_sha256",
    "capture_sha256",
    "warc_file",
    "warc_offset",
    "warc_record_id",
    "citation_key",
]


# OWASP CSV injection: a spreadsheet reads a cell that begins with one of these as a formula
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: one that would start a formula gets a
    single quote in front (OWASP's advice); the text after it is kept as it was."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(cits: list[Citation]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for c in cits:
        w.writerow(
            csv_cell(v)
            for v in [
                c.claim_id,
                c.claim_text,
                c.speaker or "",
                c.char_start,
                c.char_end,
                c.outlet or "",
                "; ".join(c.authors),
                c.title or "",
                _date(c.published_at) or "",
                c.url,
                _date(c.accessed_at) or "",
                c.text_sha256,
                c.capture_sha256,
                c.warc_file,
                c.warc_offset,
                c.warc_record_id,
                c.key,
            ]
        )
    return buf.getvalue()


def claimreview(c: Citation) -> dict:
    """A schema.org ClaimReview draft: the claim, who made it and where it appeared. The
    rating is deliberately empty: a fact-checker fills it in."""
    appearance = {
        "@type": "NewsArticle",
        "url": c.url,
        "headline": c.title,
        "datePublished": c.published_at.isoformat() if c.published_at else None,
        "publisher": {"@type": "Organization", "name": c.outlet} if c.outlet else None,
        "author": [{"@type": "Person", "name": a} for a in c.authors] or None,
        "archivedAt": c.archive,
    }
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": c.claim_text,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Thing", "name": c.speaker} if c.speaker else None,
            "datePublished": c.published_at.date().isoformat() if c.published_at else None,
            "appearance": {k: v for k, v in appearance.items() if v is not None},
        },
        "reviewRating": {"@type": "Rating", "alternateName": "DRAFT: not yet rated"},
        "identifier": c.claim_key or str(c.claim_id),
    }


def to_claimreview(cits: list[Citation]) -> str:
    return json_for_html([claimreview(c) for c in cits])


# -- dispatch ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    render: Callable[[list[Citation]], str]
    extension: str
    media_type: str


FORMATS: dict[str, Format] = {
    "bibtex": Format(to_bibtex, ".bib", "application/x-bibtex"),
    "ris": Format(to_ris, ".ris", "application/x-research-info-systems"),
    "csl-json": Format(to_csl_json, ".json", "application/vnd.citationstyles.csl+json"),
    "csv": Format(to_csv, ".csv", "text/csv"),
    "claimreview": Format(to_claimreview, ".jsonld", "application/ld+json"),
}


def render(cits: list[Citation], fmt: str) -> str:
    if fmt not in FORMATS:
        raise BadInput(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    if not cits:
        raise BadInput("nothing to export: the selection matched no claims")
    return FORMATS[fmt].render(cits)


def reference(cit: Citation, style: str = "harvard-cite-them-right") -> str:
    """The citation as a formatted reference (plain text), rendered from its CSL-JSON with
    citeproc-py and a CSL style it ships (no network)."""
    from citeproc import Citation as CiteprocCitation
    from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    item = csl_item(cit)
    item.pop("custom", None)  # ours, for machines; citeproc does not read it
    source = CiteProcJSON([item])
    bib = CitationStylesBibliography(CitationStylesStyle(style, validate=False), source, formatter.plain)
    bib.register(CiteprocCitation([CitationItem(cit.key)]))
    return "".join(str(x) for x in bib.bibliography()[0])


def citation_as_dict(c: Citation) -> dict:
    d = asdict(c)
    for k in ("published_at", "accessed_at"):
        d[k] = d[k].isoformat() if d[k] else None
    return d
