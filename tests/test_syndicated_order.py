"""The original of a syndicated text is the copy published first, whatever the crawl order
(issue 16): it owns the claims, the later-published one is stored as its copy
(``duplicate_of``), and what hangs on the claims (figures, mentions, roles, clusters,
flags, reviews) follows them. Real pipeline, real DuckDB files."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kb.ingest.run import ingest
from kb.store.connection import Store
from kb.store.schema import current_claim
from kb.tracking.reviews import review
from tests.conftest import FIXTURES

A_URL = "http://wire-a.example/cooling.html"
B_URL = "http://paper-b.example/cooling.html"
C_URL = "http://daily-c.example/cooling.html"
RIVAL_URL = "http://rival.example/cooling-spend.html"

_ARTICLE = (FIXTURES / "pages" / "article.html").read_text(encoding="utf-8")


def _story(published: str | None, canonical: str | None = None) -> bytes:
    """The fixture article with no canonical link of its own, published on ``published``
    (None: no date anywhere in the page), optionally naming ``canonical`` as the original."""
    html = _ARTICLE.replace('<link rel="canonical" href="http://testwire.example/2025/02/cooling.html">\n', "")
    html = html.replace('<meta property="article:modified_time" content="2025-02-12T10:00:00+08:00">\n', "")
    if published is None:
        html = html.replace('<meta property="article:published_time" content="2025-02-11T08:30:00+08:00">\n', "")
        html = html.replace(' · <time datetime="2025-02-11T08:30:00+08:00">11 February 2025</time>', "")
        html = html.replace("© 2025 ", "")
    else:
        html = html.replace("2025-02-11T08:30:00+08:00", published)
    if canonical:
        html = html.replace("<head>\n", f'<head>\n<link rel="canonical" href="{canonical}">\n')
    return html.encode()


def _rival() -> bytes:
    """Another outlet's report with a different figure for the same spending (a flag)."""
    return (
        b"<html lang='en'><head><title>Cooling spend</title><meta property='og:type' content='article'>"
        b"<meta property='article:published_time' content='2025-01-12T09:00:00+00:00'></head><body><article>"
        b"<h1>Cooling spend</h1>"
        b"<p>According to the research firm Omdia, spending on data-centre cooling rose 25% last year to about "
        b"US$9.4 billion, as operators replaced fans with pumps.</p>"
        b"<p>The company gave no further details about the plan, and analysts said they expected more news soon. "
        b"Shares were little changed in early trading, and the firm declined to comment beyond its statement.</p>"
        b"</article></body></html>"
    )


A = (A_URL, _story("2025-01-09T08:00:00+00:00"))
B = (B_URL, _story("2025-01-10T08:00:00+00:00"))
C = (C_URL, _story("2025-01-11T08:00:00+00:00"))
RIVAL = (RIVAL_URL, _rival())


def _warc(path: Path, pages: list[tuple[str, bytes]], dates: list[str] | None = None) -> Path:
    """One response record per page; ``dates`` sets each record's capture time (WARC-Date)."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (url, body) in enumerate(pages):
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            headers = {
                "WARC-KB-Source": url.split("/")[2],
                "WARC-KB-Role": "article",
                "WARC-KB-Payload-SHA256": hashlib.sha256(body).hexdigest(),
            }
            if dates:
                headers["WARC-Date"] = dates[i]
            rec = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers
            )
            writer.write_record(rec)
    return path


def _runs(tmp_path: Path, db: Path, runs: list[list[tuple[str, bytes]]]) -> list[Path]:
    files = []
    for i, pages in enumerate(runs):
        files.append(_warc(tmp_path / f"run{i}.warc.gz", pages))
        ingest([files[-1]], db)
    return files


def _state(db: Path) -> dict:
    """What a reader sees, independent of ids and storage order."""
    with Store(db).read() as con:
        articles = con.execute("SELECT article_id, url, duplicate_of FROM articles ORDER BY article_id").fetchall()
        url_of = {aid: url for aid, url, _ in articles}
        claims = con.execute(
            "SELECT a.url, c.text, c.char_start, coalesce(e.name, ''), "
            "       (SELECT list(f.raw ORDER BY f.char_start) FROM figures f WHERE f.claim_id = c.claim_id), "
            "       (SELECT count(*) FROM figures f WHERE f.claim_id = c.claim_id AND f.article_id <> c.article_id), "
            "       c.claim_key, c.cluster_id "
            "FROM claims c JOIN articles a USING (article_id) LEFT JOIN entities e ON e.entity_id = c.speaker_entity_id "
            "ORDER BY a.url, c.char_start"
        ).fetchall()
        clusters = {k: sorted(t for t, kk in ((c[1], c[7]) for c in claims) if kk == k) for k in {c[7] for c in claims}}
        cluster_rows = con.execute(
            "SELECT n_claims, n_sources, n_origins, n_copies, first_seen FROM clusters ORDER BY ALL"
        ).fetchall()
        flags = con.execute(
            "SELECT f.reason, ca.text, cb.text, aa.url, ab.url, f.flag_key FROM contradictions f "
            "JOIN claims ca ON ca.claim_id = f.claim_a JOIN articles aa ON aa.article_id = ca.article_id "
            "LEFT JOIN claims cb ON cb.claim_id = f.claim_b LEFT JOIN articles ab ON ab.article_id = cb.article_id "
            "ORDER BY ALL"
        ).fetchall()
        mentions = con.execute(
            "SELECT a.url, count(*) FROM mentions m JOIN articles a USING (article_id) GROUP BY 1 ORDER BY 1"
        ).fetchall()
        roles = con.execute(
            "SELECT a.url, count(*) FROM entity_roles r JOIN articles a USING (article_id) GROUP BY 1 ORDER BY 1"
        ).fetchall()
        current = con.execute(f"SELECT count(*) FROM claims c WHERE {current_claim('c')}").fetchone()[0]
        dangling = con.execute(
            "SELECT (SELECT count(*) FROM figures WHERE claim_id NOT IN (SELECT claim_id FROM claims)) "
            "     + (SELECT count(*) FROM claim_entities WHERE claim_id NOT IN (SELECT claim_id FROM claims)) "
            "     + (SELECT count(*) FROM contradictions WHERE claim_a NOT IN (SELECT claim_id FROM claims))"
        ).fetchone()[0]
    return {
        "copies": sorted((url, url_of[dup]) for _, url, dup in articles if dup is not None),
        "originals": sorted(url for _, url, dup in articles if dup is None),
        "claims": [c[:5] for c in claims],
        "figures_elsewhere": sum(c[5] for c in claims),
        "claim_keys": sorted(c[6] or "" for c in claims),
        "clusters": sorted(clusters.values()),
        "cluster_rows": cluster_rows,
        "flags": flags,
        "mentions": mentions,
        "roles": roles,
        "current_claims": current,
        "dangling": dangling,
    }


@pytest.fixture(scope="module")
def a_first(tmp_path_factory) -> dict:
    """The reference: A (published Jan 9) ingested before B (Jan 10), then a rival report."""
    tmp = tmp_path_factory.mktemp("a_first")
    db = tmp / "kb.duckdb"
    _runs(tmp, db, [[A], [B], [RIVAL]])
    return _state(db)


def test_reference_order_keeps_the_first_published_as_original(a_first):
    assert a_first["copies"] == [(B_URL, A_URL)]
    assert a_first["claims"] and {c[0] for c in a_first["claims"]} == {A_URL, RIVAL_URL}
    assert any(c[3] == "Jensen Huang" for c in a_first["claims"]) and any(c[4] for c in a_first["claims"])
    assert a_first["flags"], "the rival's 25% should be flagged against A's 18%"
    assert a_first["dangling"] == 0


@pytest.mark.parametrize(
    "runs",
    [
        pytest.param([[B, A], [RIVAL]], id="B-then-A-one-batch"),
        pytest.param([[B], [A], [RIVAL]], id="B-then-A-two-runs"),
        pytest.param([[B], [RIVAL], [A]], id="B-then-rival-then-A"),
        pytest.param([[A, B], [RIVAL]], id="A-then-B-one-batch"),
    ],
)
def test_syndicated_order_original_is_first_published_whatever_the_crawl_order(tmp_path, a_first, runs):
    db = tmp_path / "kb.duckdb"
    _runs(tmp_path, db, runs)
    assert _state(db) == a_first


def test_syndicated_order_review_follows_the_flag_when_claims_move(tmp_path, a_first):
    """B (the later copy) ingested first and its flag reviewed; A arrives: the flag, now on
    A's claim, keeps the journalist's verdict."""
    db = tmp_path / "kb.duckdb"
    _runs(tmp_path, db, [[B, RIVAL]])
    with Store(db).read() as con:
        flag_id = con.execute("SELECT min(flag_id) FROM contradictions").fetchone()[0]
    assert flag_id is not None
    review(Store(db), flag_id, "confirmed", note="checked with Omdia")
    ingest([_warc(tmp_path / "late.warc.gz", [A])], db)
    assert _state(db) == a_first
    with Store(db).read() as con:
        status = con.execute(
            "SELECT r.status FROM reviews r JOIN contradictions f USING (flag_key) "
            "JOIN claims c ON c.claim_id IN (f.claim_a, f.claim_b) JOIN articles a USING (article_id) "
            "WHERE a.url = ? ORDER BY r.reviewed_at DESC LIMIT 1",
            [A_URL],
        ).fetchone()
    assert status == ("confirmed",)


def test_syndicated_order_three_copies_and_rerun_add_nothing(tmp_path):
    """C (Jan 11), B (Jan 10), then A (Jan 9): each arrival takes the group over; a re-run of
    every WARC changes nothing."""
    db = tmp_path / "kb.duckdb"
    files = _runs(tmp_path, db, [[C], [B], [A]])
    first = _state(db)
    assert first["copies"] == sorted([(B_URL, A_URL), (C_URL, A_URL)])
    assert {c[0] for c in first["claims"]} == {A_URL}
    for f in files:
        ingest([f], db)
    assert _state(db) == first
    with Store(db).read() as con:
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert n == 3


def test_syndicated_order_undated_copies_fall_back_to_capture_time(tmp_path):
    db = tmp_path / "kb.duckdb"
    a, b = (A_URL, _story(None)), (B_URL, _story(None))
    # B captured a day after A, but crawled (ingested) first
    ingest([_warc(tmp_path / "b.warc.gz", [b], ["2025-01-13T10:00:00Z"])], db)
    ingest([_warc(tmp_path / "a.warc.gz", [a], ["2025-01-12T10:00:00Z"])], db)
    state = _state(db)
    with Store(db).read() as con:
        dated = con.execute("SELECT count(*) FROM articles WHERE published_at IS NOT NULL").fetchone()[0]
    assert dated == 0
    assert state["copies"] == [(B_URL, A_URL)]
    assert {c[0] for c in state["claims"]} == {A_URL}


def test_syndicated_order_tie_keeps_the_one_stored_first(tmp_path):
    db = tmp_path / "kb.duckdb"
    same_day = _story("2025-01-09T08:00:00+00:00")
    _runs(tmp_path, db, [[(B_URL, same_day)], [(A_URL, same_day)]])
    assert _state(db)["copies"] == [(A_URL, B_URL)]


def test_syndicated_order_canonical_link_outweighs_an_earlier_date(tmp_path):
    """B names A as canonical: it is A's copy even though B's date is earlier."""
    db = tmp_path / "kb.duckdb"
    b = (B_URL, _story("2025-01-08T08:00:00+00:00", canonical=A_URL))
    _runs(tmp_path, db, [[b], [A]])
    state = _state(db)
    assert state["copies"] == [(B_URL, A_URL)]
    assert {c[0] for c in state["claims"]} == {A_URL}


def test_syndicated_order_edited_copy_becomes_its_own_version(tmp_path):
    """B stored first, A (earlier) takes over; then B's page is edited: the new B version
    is an article of its own, diffed against what B said (A's claims)."""
    db = tmp_path / "kb.duckdb"
    edited = (B_URL, _story("2025-01-10T08:00:00+00:00").replace(b"rose 18% last year", b"rose 19% last year"))
    _runs(tmp_path, db, [[B], [A], [edited]])
    with Store(db).read() as con:
        rows = con.execute(
            "SELECT url, duplicate_of IS NOT NULL, superseded_by IS NOT NULL, previous_version IS NOT NULL, "
            "(SELECT count(*) FROM claims c WHERE c.article_id = a.article_id) > 0 FROM articles a ORDER BY article_id"
        ).fetchall()
        changed = con.execute("SELECT detail FROM claim_changes WHERE change = 'changed'").fetchall()
    assert rows == [
        (B_URL, True, True, False, False),  # the first B: a copy of A, replaced by its edit
        (A_URL, False, False, False, True),
        (B_URL, False, False, True, True),
    ]
    assert changed and "'18%' -> '19%'" in changed[0][0]


def test_syndicated_order_crash_mid_batch_moves_nothing_and_rerun_completes(tmp_path, a_first, monkeypatch):
    """The batch that makes A the original dies just before commit: B keeps its claims (no
    half-moved state), and the re-run moves them."""
    import kb.store.writer as writer

    db = tmp_path / "kb.duckdb"
    _runs(tmp_path, db, [[B]])
    before = _state(db)

    def dies(*args, **kwargs):
        raise KeyboardInterrupt("killed mid-batch")

    late = _warc(tmp_path / "late.warc.gz", [A])
    monkeypatch.setattr(writer, "refresh_clusters", dies)
    with pytest.raises(KeyboardInterrupt):
        ingest([late], db)
    monkeypatch.undo()
    assert _state(db) == before and before["originals"] == [B_URL]
    ingest([late], db)
    ingest([_warc(tmp_path / "rival.warc.gz", [RIVAL])], db)
    assert _state(db) == a_first
