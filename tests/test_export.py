"""Citation export: real claims from the sample site in every format, each parsed back with
the library its readers use; round trips property-tested with hostile text."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kb.cli import app
from kb.read import export
from kb.read.export import Citation
from kb.store.connection import Store

# hostile: braces, quotes, backslashes, TeX and Markdown specials, every kind of line break
# (CR, NEL, VT, FF, U+2028/2029), the word "and", non-Latin scripts and emoji
HOSTILE = (
    st.lists(
        st.one_of(
            st.sampled_from(
                list("{}\\\"'%$&#_^~@,=\n\t\r\x85\x0b\x0c\u2028\u2029[]()<>*`|") + [" and ", " AND\n", "and "]
            ),
            st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), max_codepoint=0x1F9FF),
        ),
        min_size=1,
        max_size=60,
    )
    .map("".join)
    .filter(lambda s: s.strip())
)


def make_citation(**kw) -> Citation:
    """A citation with plain values; the keyword arguments replace them."""
    base = dict(
        claim_id=7,
        claim_text="Rates will rise.",
        speaker="Ann Lee",
        char_start=0,
        char_end=16,
        outlet="Daily Example",
        authors=["Ann Lee"],
        title="Rates",
        published_at=None,
        url="http://news.example/rates",
        accessed_at=None,
        text_sha256="a" * 64,
        capture_sha256="b" * 64,
        warc_file="w.warc.gz",
        warc_offset=0,
        warc_record_id="<urn:uuid:1>",
    )
    return Citation(**{**base, **kw})


def _norm(s: str) -> str:
    return " ".join(s.split())


@st.composite
def citations(draw) -> Citation:
    when = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1))).replace(tzinfo=UTC)
    return Citation(
        claim_id=draw(st.integers(1, 10**9)),
        claim_text=draw(HOSTILE),
        speaker=draw(st.one_of(st.none(), HOSTILE)),
        char_start=draw(st.integers(0, 10**6)),
        char_end=draw(st.integers(0, 10**6)),
        outlet=draw(st.one_of(st.none(), HOSTILE)),
        authors=draw(st.lists(HOSTILE, max_size=3)),
        title=draw(HOSTILE),
        published_at=when,
        url="http://example.org/" + draw(st.from_regex(r"[a-z0-9/_-]{0,20}", fullmatch=True)),
        accessed_at=when,
        text_sha256="a" * 64,
        capture_sha256="b" * 64,
        warc_file="data/warc/x.warc.gz",
        warc_offset=draw(st.integers(0, 10**9)),
        warc_record_id="<urn:uuid:1234>",
    )


@given(citations())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_export_bibtex_round_trips_every_field(c):
    text = export.to_bibtex([c])
    parsed = export.parse_bibtex(text)
    assert len(parsed) == 1
    assert parsed[0]["ID"] == c.key
    want = export.bibtex_fields(c)
    got = {k: v for k, v in parsed[0].items() if k not in ("ID", "ENTRYTYPE")}
    assert got == want
    # and as BibTeX itself reads it (pybtex: braces match regardless of backslashes, runs of
    # whitespace are one space): the same fields, nothing more
    (entry,) = parse_pybtex(text)
    assert entry["ID"] == c.key
    assert {k: v for k, v in entry.items() if k not in ("ID", "ENTRYTYPE")} == _bibtex_norm(want)


def parse_pybtex(text: str) -> list[dict[str, str | list[str]]]:
    """Entries of a BibTeX string the way BibTeX reads them, through pybtex (strict: an
    unbalanced brace, an undefined macro or a duplicate field is an error), values
    unescaped; ``author`` as the names pybtex split, each part rejoined in order."""
    from pybtex.database import parse_string

    out = []
    for key, e in parse_string(text, "bibtex").entries.items():
        d: dict[str, str | list[str]] = {"ID": key, "ENTRYTYPE": e.type}
        d.update({k: export.tex_unescape(v) for k, v in e.fields.items()})
        for role, people in e.persons.items():
            d[role] = [_pybtex_name(p) for p in people]
        out.append(d)
    return out


def _pybtex_name(person) -> str:
    name = " ".join(person.first_names + person.middle_names + person.prelast_names + person.last_names)
    if name.startswith("{") and name.endswith("}"):  # a byline we braced to keep it whole
        name = name[1:-1]
    return export.tex_unescape(name)


def _bibtex_norm(fields: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
    return {k: [_norm(x) for x in v] if isinstance(v, list) else _norm(v) for k, v in fields.items()}


@pytest.mark.parametrize(
    "authors",
    [
        ["Barnes and Noble"],
        ["Reuters, London"],
        ["Mei Ling Tan", "Simon AND\nSchuster", "and"],
        ["Ann {Lee}, \\and"],
    ],
)
def test_export_bibtex_keeps_bylines_whole(authors):
    c = make_citation(
        claim_id=1, claim_text="x", speaker=None, char_end=1, outlet="Out", authors=authors, title="t", url="http://x/"
    )
    import bibtexparser
    from bibtexparser.middlewares import SeparateCoAuthors

    text = export.to_bibtex([c])
    assert export.parse_bibtex(text)[0]["author"] == [" ".join(a.split()) for a in authors]
    assert parse_pybtex(text)[0]["author"] == [" ".join(a.split()) for a in authors]
    # and the way bibtexparser's own name middleware reads them: one name per byline
    lib = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors()])
    assert len(lib.entries[0]["author"]) == len(authors)


@given(citations())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_export_ris_round_trips_every_field(c):
    import rispy

    recs = rispy.loads(export.to_ris([c]))
    assert len(recs) == 1
    want = export.ris_record(c)
    for k, v in want.items():
        got = recs[0][k]
        if isinstance(v, list):
            assert [_norm(x) for x in got] == [_norm(x) for x in v], k
        else:
            assert _norm(got) == _norm(v), k  # RIS is line-based: line breaks become spaces


@given(citations())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_export_csl_json_csv_and_claimreview_round_trip(c):
    item = json.loads(export.to_csl_json([c]))[0]
    assert item["custom"]["claim"] == c.claim_text and item["URL"] == c.url and item["title"] == c.title
    assert item["issued"]["date-parts"] == [[c.published_at.year, c.published_at.month, c.published_at.day]]
    text = export.to_csv([c])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["claim"] == _csv_text(c.claim_text) and rows[0]["speaker"] == _csv_text(c.speaker or "")
    assert not any(cell.startswith(FORMULA_START) for row in csv.reader(io.StringIO(text)) for cell in row)
    assert rows[0]["warc_record_id"] == c.warc_record_id and int(rows[0]["char_end"]) == c.char_end
    text = export.to_claimreview([c])
    assert not any(ch in text for ch in "<>&\u2028\u2029")  # can go in a <script> element as it is
    review = json.loads(text)[0]
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == c.claim_text
    assert review["itemReviewed"]["appearance"]["url"] == c.url


# what a spreadsheet takes for the start of a formula (OWASP CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(s: str) -> str:
    """A CSV cell as we write it: a quote in front of what a spreadsheet would take for a
    formula, the text as it is otherwise."""
    return "'" + s if s.startswith(FORMULA_START) else s


def test_export_real_claims_carry_their_provenance(sample_db):
    with Store(sample_db).read() as con:
        ids = [r[0] for r in con.execute("SELECT claim_id FROM claims WHERE text LIKE 'Gartner estimated%'").fetchall()]
        cits = export.citations(con, ids)
        row = con.execute(
            "SELECT c.text, c.char_start, c.char_end, a.text_sha256, cap.body_sha256, cap.warc_record_id, "
            "a.url FROM claims c JOIN articles a USING (article_id) JOIN captures cap "
            "ON cap.capture_id = a.capture_id WHERE c.claim_id = ?",
            [ids[0]],
        ).fetchone()
    entry = export.parse_bibtex(export.to_bibtex(cits))[0]
    assert entry["claim"] == row[0] and entry["claimspan"] == f"{row[1]}-{row[2]}"
    assert entry["textsha256"] == row[3] and entry["capturesha256"] == row[4] and row[5] in entry["archive"]
    assert entry["url"] == row[6] and entry["speaker"] == "Gartner" and entry["author"] == cits[0].authors
    assert entry["urldate"] and entry["date"].startswith("2025-01")


def test_export_provenance_of_many_claims_is_each_claims_own(sample_db):
    """The batched lookup the citations use gives each claim the row of its own article and
    capture (claims of several articles, an unknown id skipped)."""
    from kb.read.provenance import provenances

    with Store(sample_db).read() as con:
        ids = [
            r[0]
            for r in con.execute("SELECT min(claim_id) FROM claims GROUP BY article_id ORDER BY 1 LIMIT 5").fetchall()
        ]
        many = provenances(con, [*ids, 10**9])
        truth = {
            cid: con.execute(
                "SELECT a.url, cap.warc_record_id, c.char_start, a.text FROM claims c JOIN articles a "
                "USING (article_id) JOIN captures cap ON cap.capture_id = a.capture_id "
                "WHERE c.claim_id = ?",
                [cid],
            ).fetchone()
            for cid in ids
        }
        assert provenances(con, []) == {}
    assert set(many) == set(ids) and len({p.url for p in many.values()}) == 5
    for cid, (url, record, start, text) in truth.items():
        p = many[cid]
        assert (p.claim_id, p.url, p.warc_record_id, p.char_start, p.article_text) == (cid, url, record, start, text)


def test_export_csl_json_renders_as_a_formatted_reference(sample_db):
    with Store(sample_db).read() as con:
        cid = con.execute("SELECT claim_id FROM claims WHERE text LIKE 'Gartner estimated%'").fetchone()[0]
        cit = export.citations(con, [cid])[0]
    ref = export.reference(cit)
    assert cit.title in ref and "2025" in ref and cit.url in ref and "Accessed" in ref


def test_export_cli_writes_a_bibtex_file_that_parses(sample_db, tmp_path):
    out = tmp_path / "gartner.bib"
    res = CliRunner().invoke(
        app, ["export", "--format", "bibtex", "--entity", "Gartner", "--out", str(out), "--db", str(sample_db)]
    )
    assert res.exit_code == 0, res.output
    entries = export.parse_bibtex(out.read_text())
    assert [e["ID"] for e in parse_pybtex(out.read_text())] == [e["ID"] for e in entries]
    assert len(entries) >= 3 and all(re.fullmatch(r"[a-z0-9]+\d{4}claim\d+", e["ID"]) for e in entries)
    assert any("75%" in e["claim"] for e in entries) and any("60%" in e["claim"] for e in entries)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "docx", "--claim-id", "1"], "unknown format"),
        (["--format", "ris"], "say which claims"),
        (["--format", "csv", "--claim-id", "987654321"], "[KB010] nothing to export"),
    ],
)
def test_export_cli_errors_are_coded(sample_db, args, message):
    res = CliRunner().invoke(app, ["export", *args, "--db", str(sample_db)])
    assert res.exit_code != 0
    assert message in str(res.exception)


def test_export_nothing_selected_is_an_error():
    from kb.errors import BadInput

    with pytest.raises(BadInput, match="nothing to export"):
        export.render([], "bibtex")
