from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date

import pytest

from kb.config import SearchSettings
from kb.ingest.run import ingest
from kb.read.claims import list_claims, paragraph_of
from kb.read.filters import Filters
from kb.search.search import rrf, score_fusion, search, search_groups
from kb.store.connection import Store


@pytest.fixture(scope="module")
def db(fixture_warc, tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "kb.duckdb"
    ingest([fixture_warc], path)
    return path


def test_search_rrf_rewards_agreement():
    scores = rrf([[1, 2, 3], [3, 1, 4]], k=60)
    assert max(scores, key=scores.get) == 1
    assert scores[4] == pytest.approx(1 / 63)


def test_score_fusion_normalises_bm25_by_the_best_hit():
    fused = score_fusion([(1, 12.0), (2, 6.0)], {1: 0.2, 2: 0.9, 3: 0.5}, bm25_weight=1.0, vector_weight=1.0)
    assert fused == pytest.approx({1: 1.2, 2: 1.4, 3: 0.5})
    # a weight of 0 leaves the other leg's order
    only_bm25 = score_fusion([(1, 12.0), (2, 6.0)], {1: 0.2, 2: 0.9}, bm25_weight=1.0, vector_weight=0.0)
    assert max(only_bm25, key=only_bm25.get) == 1
    assert score_fusion([], {}, 1.0, 1.0) == {}


@pytest.mark.parametrize("fusion", ["score", "rrf"])
def test_search_legs_alone_and_fused(db, fusion):
    base = replace(SearchSettings(), fusion=fusion)
    words = search("Omdia cooling spending", db, limit=5, settings=replace(base, vector_weight=0.0))
    assert words and all(h.vector_rank is None and h.bm25_rank for h in words)
    meaning = search("how hot can the cooling water be", db, limit=5, settings=replace(base, bm25_weight=0.0))
    assert meaning and all(h.bm25_rank is None and h.vector_rank for h in meaning)
    assert [h.vector_rank for h in meaning] == sorted(h.vector_rank for h in meaning)
    both = search("how hot can the cooling water be", db, limit=5, settings=base)
    assert "45°C" in both[0].text
    assert [h.score for h in both] == sorted((h.score for h in both), reverse=True)


def test_search_cleans_a_pasted_tweet(db):
    tweet = (
        "Omdia says #CoolingSpending is up https://t.co/xYz123 pic.twitter.com/AbC — "
        "Some Body 🔥 (@somebody) February 11, 2025"
    )
    hits = search(tweet, db, limit=3)
    assert "Omdia" in hits[0].text
    raw = search(tweet, db, limit=3, settings=replace(SearchSettings(), clean_queries=False))
    assert raw  # the raw text still searches; cleaning only drops noise words


def test_search_finds_claim_by_meaning(db):
    hits = search("how hot can the cooling water be", db, limit=3)
    assert hits and "45°C" in hits[0].text
    assert hits[0].vector_rank == 1


def test_search_finds_claim_by_words(db):
    hits = search("Omdia cooling spending", db, limit=3)
    assert "Omdia" in hits[0].text
    assert hits[0].bm25_rank == 1
    assert hits[0].speaker == "Omdia"
    assert any(f["unit"] == "USD" and f["value"] == 9.4e9 for f in hits[0].figures)


def test_search_hit_carries_speaker_role(db):
    hit = search("liquid cooling standard within two years", db, limit=1)[0]
    assert hit.speaker == "Jensen Huang"
    assert hit.speaker_role == "chief executive, Nvidia"


def test_search_hit_carries_provenance(db):
    hit = search("liquid cooling standard within two years", db, limit=1)[0]
    with Store(db).read() as con:
        text = con.execute("SELECT text FROM articles WHERE article_id = ?", [hit.article_id]).fetchone()[0]
    assert text[hit.char_start : hit.char_end] == hit.text
    assert hit.paragraph[hit.char_start - hit.paragraph_start : hit.char_end - hit.paragraph_start] == hit.text
    assert hit.article_url == "http://testwire.example/2025/02/cooling.html"
    assert hit.source == "testwire.example"
    assert hit.published_at.date() == date(2025, 2, 11)


@pytest.mark.parametrize(
    ("filters", "expect_any"),
    [
        (Filters(entity="Huang"), True),
        (Filters(entity="Jensen Huang"), True),
        (Filters(entity="Nobody Atall"), False),
        (Filters(source="testwire"), True),
        (Filters(source="herald"), False),  # the syndicated copy has no claims of its own
        (Filters(since=date(2025, 3, 1)), False),
        (Filters(until=date(2025, 2, 28)), True),
    ],
)
def test_search_filters(db, filters, expect_any):
    hits = search("liquid cooling", db, limit=5, filters=filters)
    assert bool(hits) == expect_any


HOSTILE = ["O'Brien", 'the "quoted" one', "100% owned", "x'; DROP TABLE claims; --", "a') OR (1=1"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_search_filter_values_reach_sql_only_as_parameters(db, tmp_path, hostile):
    """An entity and a source whose names contain ``hostile`` are found by exactly that text
    (it was compared, not run), and every table is still whole afterwards."""
    copy = tmp_path / "kb.duckdb"
    shutil.copy(db, copy)
    tables = ("claims", "articles", "entities", "claim_entities")
    with Store(copy).write() as con:
        before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        con.execute("UPDATE entities SET name = ? WHERE name = 'Jensen Huang'", [f"Jensen {hostile} Huang"])
        con.execute("UPDATE articles SET source = ? WHERE domain = 'testwire.example'", [f"wire {hostile}"])
        (huang,) = con.execute("SELECT entity_id FROM entities WHERE name = ?", [f"Jensen {hostile} Huang"]).fetchone()
        of_huang = {
            r[0]
            for r in con.execute(
                "SELECT claim_id FROM claims WHERE speaker_entity_id = ? "
                "UNION SELECT claim_id FROM claim_entities WHERE entity_id = ?",
                [huang, huang],
            ).fetchall()
        }
    by_entity = search("liquid cooling", copy, limit=10, filters=Filters(entity=hostile))
    assert by_entity and {h.claim_id for h in by_entity} <= of_huang
    assert any(h.speaker == f"Jensen {hostile} Huang" for h in by_entity)
    by_source = search("liquid cooling", copy, limit=10, filters=Filters(source=hostile))
    assert by_source and all(h.source == f"wire {hostile}" for h in by_source)
    assert search("liquid cooling", copy, limit=10, filters=Filters(entity=hostile + " nobody")) == []
    with Store(copy).read() as con:
        assert {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables} == before


def test_search_empty_query_returns_nothing(db):
    assert search("   ", db) == []


def test_claims_listing_filters_by_kind(db):
    with Store(db).read() as con:
        stats = list_claims(con, Filters(kind="statistic"), limit=100)
    assert stats and all(h.kind == "statistic" for h in stats)
    assert all(h.figures for h in stats)


def test_paragraph_of():
    text = "first para.\nsecond one here.\nthird."
    assert paragraph_of(text, 12, 18) == ("second one here.", 12)
    assert paragraph_of(text, 0, 5) == ("first para.", 0)


def test_search_hit_says_why_it_is_checkworthy(db):
    hit = search("Omdia cooling spending", db, limit=1)[0]
    assert "+ has a figure" in hit.checkworthiness_reasons
    assert hit.checkworthiness_reasons[0].startswith(("+", "−"))


@pytest.mark.parametrize(
    "filters", [Filters(), Filters(source="testwire"), Filters(until=date(2025, 2, 28)), Filters(entity="Huang")]
)
def test_search_hnsw_path_gives_the_exact_answers(db, filters):
    from dataclasses import replace

    from kb.config import IndexSettings
    from kb.search import index
    from kb.search.index import ann

    queries = ["how hot can the cooling water be", "liquid cooling standard within two years", "Omdia spending"]
    exact = [[h.claim_id for h in search(q, db, limit=5, filters=filters)] for q in queries]
    hnsw = replace(IndexSettings(), ann_min_claims=0, exact_max=0)
    index.clear_cache()
    try:
        got = [[h.claim_id for h in search(q, db, limit=5, filters=filters, index_settings=hnsw)] for q in queries]
        # the graph may miss a claim, never add a wrong one: the same hits, give or take one
        assert all(len(set(g) & set(e)) >= len(e) - 1 and len(g) >= len(e) - 1 for g, e in zip(got, exact, strict=True))
        assert got[0][:1] == exact[0][:1]
        assert ann.SIDE.cached(db) is not None  # the HNSW leg answered
    finally:
        index.clear_cache()


def test_search_on_an_empty_knowledge_base_finds_nothing(tmp_path):
    """Before the first ingest (a fresh install opens the UI on an empty database), a
    search answers "nothing" with both legs on, and keeps doing so once side files exist."""
    db = tmp_path / "empty.duckdb"
    Store(db).init()
    for _ in range(2):
        assert search("running out of training data", db) == []


# -- grouped search: one result per cluster, weak matches apart, totals -------------------------

MUSK_QUERY = "running out of data to train AI"


def test_search_repeats_one_claim_across_outlets_and_grouping_makes_it_one_result(sample_db):
    """The sample site reports Musk's "ran out of training data" in several outlets: the plain
    search lists several of them in its top 10, the grouped search one group holding them all."""
    plain = search(MUSK_QUERY, sample_db, limit=10)
    with Store(sample_db).read() as con:
        cluster_of = dict(con.execute("SELECT claim_id, cluster_id FROM claims").fetchall())
    top = [cluster_of[h.claim_id] for h in plain if cluster_of[h.claim_id] is not None]
    assert len(top) > len(set(top)), "some cluster fills more than one of the plain top 10"
    res = search_groups(MUSK_QUERY, sample_db, limit=10)
    kids = [g.cluster_id for g in res.groups if g.cluster_id is not None]
    assert len(kids) == len(set(kids)), "a cluster is one result"
    first = res.groups[0]
    assert first.hit.speaker == "Elon Musk" and first.hit.claim_id == plain[0].claim_id
    assert first.outlets > 1 and len({t.source for t in first.reports}) == first.outlets
    assert {c for c in first.matched} <= {t.claim_id for t in first.reports}
    assert all(t.url.startswith("http://") for t in first.reports)


def test_search_groups_total_counts_matches_not_the_page(sample_db):
    res = search_groups("synthetic data", sample_db, limit=2)
    assert len(res.groups) == 2 and res.total_groups > 2
    assert res.total_claims >= res.total_groups + sum(len(g.matched) - 1 for g in res.groups)
    more = search_groups("synthetic data", sample_db, limit=2, offset=2)
    assert more.total_groups == res.total_groups
    assert not {g.hit.claim_id for g in more.groups} & {g.hit.claim_id for g in res.groups}
    assert all(g.strong and (g.cosine or 0) >= res.cutoff for g in res.groups)
    assert all(not g.strong and (g.cosine or 0) < res.cutoff for g in res.weak)


@pytest.mark.parametrize("gibberish", ["asdfgh qwerty", "zxqv plmokn", "qqqq"])
def test_search_groups_gibberish_has_no_strong_match(sample_db, gibberish):
    """Nonsense is not a match: the plain search still fills a page with its nearest claims,
    the grouped one counts none and keeps them apart as weak."""
    assert len(search(gibberish, sample_db, limit=10)) == 10
    res = search_groups(gibberish, sample_db, limit=10)
    assert res.groups == [] and res.total_claims == 0 and res.total_groups == 0
    assert res.weak and res.best_cosine is not None and res.best_cosine < res.cutoff


def test_search_groups_cutoff_is_the_setting(sample_db):
    res = search_groups(MUSK_QUERY, sample_db, limit=50, settings=replace(SearchSettings(), weak_cosine=2.0))
    assert res.groups == [] and res.cutoff == 2.0 and res.weak
    res = search_groups("asdfgh qwerty", sample_db, limit=50, settings=replace(SearchSettings(), weak_cosine=-1.0))
    assert res.groups and not res.weak


def test_search_groups_empty_query_and_empty_knowledge_base(tmp_path):
    db = tmp_path / "empty.duckdb"
    Store(db).init()
    for q in ("   ", MUSK_QUERY):
        res = search_groups(q, db)
        assert res.groups == [] and res.weak == [] and res.total_claims == 0 and res.best_cosine is None
