from __future__ import annotations

import shutil

from kb.read.export import citations
from kb.read.provenance import provenance, provenances
from kb.store.connection import Store


def test_provenances_match_one_at_a_time_with_duplicates_order_and_an_article_without_capture(sample_db, tmp_path):
    """The batched lookup answers what ``provenance`` answered claim by claim: a claim whose
    article has no archived capture has none, an id asked twice is cited twice, in the order asked."""
    db = tmp_path / "kb.duckdb"
    shutil.copy(sample_db, db)
    with Store(db).write() as con:
        first = con.execute(
            "SELECT article_id, min(claim_id) FROM claims GROUP BY article_id ORDER BY 1 LIMIT 3"
        ).fetchall()
        con.execute(
            "DELETE FROM captures WHERE capture_id = (SELECT capture_id FROM articles WHERE article_id = ?)",
            [first[2][0]],
        )  # as in a benchmark database: the capture row is not there
    a, b, uncaptured = (cid for _, cid in first)
    asked = [b, a, uncaptured, b, 10**9, a]
    with Store(db).read() as con:
        many = provenances(con, asked)
        one = {cid: provenance(con, cid) for cid in asked}
        cited = citations(con, asked)
    assert set(many) == {a, b} and one[uncaptured] is None and one[10**9] is None
    assert all(many[cid] == one[cid] for cid in (a, b))
    assert [c.claim_id for c in cited] == [b, a, b, a]
    assert [c.url for c in cited] == [one[cid].url for cid in (b, a, b, a)]
