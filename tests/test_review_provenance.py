"""The batched provenance lookup (kb.read.provenance.provenances) and the citations built on it,
checked against ground truth computed apart from production code: one plain SQL join written
here, and the archived capture read back with warcio at the stored file and offset."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import asdict

import pytest
from warcio.archiveiterator import ArchiveIterator

from kb.read.export import citations
from kb.read.provenance import provenance, provenances
from kb.store.connection import Store

MISSING = 10**9

# every field of Provenance, straight from the tables (claims c, articles a, captures cap)
TRUTH_SQL = """
SELECT c.claim_id, c.char_start, c.char_end, c.claim_key, c.article_id, a.url, a.canonical_url, a.source,
       a.title, a.authors, a.published_at, a.published_source, a.updated_at, a.text_sha256, a.extractor,
       a.pipeline_version, cap.fetched_at AS captured_at, cap.warc_file, cap.warc_offset, cap.warc_record_id,
       cap.body_sha256, cap.status AS http_status, cap.final_url, c.cluster_id, a.text AS article_text
FROM claims c, articles a, captures cap
WHERE a.article_id = c.article_id AND cap.capture_id = a.capture_id AND c.claim_id = ?
"""


@pytest.fixture(scope="module")
def case(sample_db, tmp_path_factory):
    """A copy of the sample database with the capture row of one article deleted (as in a
    benchmark database), and the claim ids the tests ask about."""
    db = tmp_path_factory.mktemp("prov") / "kb.duckdb"
    shutil.copy(sample_db, db)
    with Store(db).write() as con:
        # three articles with at least two claims each: the first gives two claims (one article
        # looked up for both), the second one, the third loses its capture
        rows = con.execute(
            "SELECT article_id, list(claim_id ORDER BY claim_id) FROM claims GROUP BY article_id "
            "HAVING count(*) >= 2 ORDER BY article_id LIMIT 3"
        ).fetchall()
        assert len(rows) == 3
        con.execute(
            "DELETE FROM captures WHERE capture_id = (SELECT capture_id FROM articles WHERE article_id = ?)",
            [rows[2][0]],
        )
    (a, a2), b, uncaptured = rows[0][1][:2], rows[1][1][-1], rows[2][1][0]
    with Store(db).read() as con:
        truth = {}
        for cid in (a, a2, b, uncaptured):
            cur = con.execute(TRUTH_SQL, [cid])
            names = [d[0] for d in cur.description]
            found = cur.fetchall()
            truth[cid] = dict(zip(names, found[0], strict=True)) if found else None
    assert truth[uncaptured] is None and all(truth[c] for c in (a, a2, b))
    return {"db": db, "a": a, "a2": a2, "b": b, "uncaptured": uncaptured, "truth": truth}


def test_provenances_equal_a_plain_join_of_claims_articles_and_captures(case):
    a, a2, b, uncaptured, truth = (case[k] for k in ("a", "a2", "b", "uncaptured", "truth"))
    asked = [b, a, uncaptured, a2, b, MISSING, a]
    with Store(case["db"]).read() as con:
        many = provenances(con, asked)
        one = {cid: provenance(con, cid) for cid in (a, b, uncaptured, MISSING)}
    # a claim whose article has no capture, and an unknown id, have no provenance
    assert set(many) == {a, a2, b}
    assert one[uncaptured] is None and one[MISSING] is None
    for cid in (a, a2, b):
        assert asdict(many[cid]) == truth[cid], cid
    for cid in (a, b):
        assert asdict(one[cid]) == truth[cid], cid
    # two claims of one article share its capture, not its span
    assert many[a].warc_record_id == many[a2].warc_record_id and many[a].char_start != many[a2].char_start


def test_provenances_point_at_the_archived_capture_and_the_stored_text(case):
    """Read the record back from the WARC file at the stored offset: it is the capture cited
    (record id, URL, status), its payload hashes to body_sha256, and the stored text to text_sha256."""
    a, a2, b = case["a"], case["a2"], case["b"]
    with Store(case["db"]).read() as con:
        many = provenances(con, [a, a2, b])
        claim_text = dict(
            con.execute("SELECT claim_id, text FROM claims WHERE claim_id IN (?, ?, ?)", [a, a2, b]).fetchall()
        )
    assert len(many) == 3
    for cid, p in many.items():
        with open(p.warc_file, "rb") as fh:
            fh.seek(p.warc_offset)
            rec = next(iter(ArchiveIterator(fh)))
            payload = rec.content_stream().read()
        assert rec.rec_type == "response"
        assert rec.rec_headers.get_header("WARC-Record-ID") == p.warc_record_id
        assert rec.rec_headers.get_header("WARC-Target-URI") == p.final_url
        assert int(rec.http_headers.get_statuscode()) == p.http_status
        assert hashlib.sha256(payload).hexdigest() == p.body_sha256
        assert hashlib.sha256(p.article_text.encode("utf-8")).hexdigest() == p.text_sha256
        assert 0 <= p.char_start < p.char_end <= len(p.article_text)
        # the span holds the claim's words (spacing may differ from the stored claim text)
        assert " ".join(p.article_text[p.char_start : p.char_end].split()) == " ".join(claim_text[cid].split()), cid


def test_citations_keep_order_and_duplicates_and_skip_claims_without_capture(case):
    a, b, uncaptured, truth = case["a"], case["b"], case["uncaptured"], case["truth"]
    asked = [b, a, uncaptured, b, MISSING, a]
    with Store(case["db"]).read() as con:
        cited = citations(con, asked)
    assert [c.claim_id for c in cited] == [b, a, b, a]
    for c in cited:
        t = truth[c.claim_id]
        assert (c.url, c.char_start, c.char_end, c.capture_sha256, c.text_sha256) == (
            t["url"],
            t["char_start"],
            t["char_end"],
            t["body_sha256"],
            t["text_sha256"],
        )
        assert (c.warc_file, c.warc_offset, c.warc_record_id, c.accessed_at) == (
            t["warc_file"],
            t["warc_offset"],
            t["warc_record_id"],
            t["captured_at"],
        )
