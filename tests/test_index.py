from __future__ import annotations

import shutil
from dataclasses import replace

import numpy as np
import pytest

from benchmarks.search_speed import build_db, synth
from kb.config import IndexSettings
from kb.search import index
from kb.search.index import ann as ann_index
from kb.search.index.ann import load_ann
from kb.search.index.bm25 import load_bm25, stopwords, tokens
from kb.search.index.common import embedding_batches
from kb.search.index.exact import load_exact
from kb.store.connection import Store, load_extension

WORDS = [
    "chips",
    "cooling",
    "water",
    "budget",
    "election",
    "vaccine",
    "tariff",
    "drought",
    "rates",
    "housing",
    "running",
    "ran",
    "strikes",
    "Zürich",
    "exports",
]
# force the HNSW path on a small DB, over-fetching every claim (so answers are exact and do not
# depend on the graph, which a 2-thread build makes differently each time); check every
# stored vector when a side file loads. Recall is measured by make bench, not here.
ANN = replace(IndexSettings(), ann_min_claims=0, exact_max=0, verify_samples=10_000, overfetch=100)


def _unit(rng, n):
    v = rng.normal(size=(n, 384)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _texts(n, seed=1):
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(WORDS, 5)) + f" claim {i}" for i in range(n)]


@pytest.fixture()
def db(tmp_path):
    rng = np.random.default_rng(1)
    texts = [f"claim number {i} about chips" for i in range(50)]
    path = tmp_path / "kb.duckdb"
    build_db(path, texts, _unit(rng, 50), with_fts=False)
    index.clear_cache()
    return path


@pytest.fixture()
def big(tmp_path):
    """300 claims over 15 articles (articles 1-15, sources source-1..source-15)."""
    path = tmp_path / "big.duckdb"
    build_db(path, _texts(300), _unit(np.random.default_rng(4), 300))
    index.clear_cache()
    yield path
    index.clear_cache()


def _replace_claims(db, delete: list[int], ids: list[int], vecs, article_id: int = 1, text: str = "new") -> None:
    """Delete claims ``delete`` and insert claims ``ids`` (embeddings ``vecs``) into article
    ``article_id``, in one write, as an ingest that re-links or replaces claims does."""
    with Store(db).write() as con:
        if delete:
            con.execute("DELETE FROM claims WHERE claim_id IN (SELECT unnest(?))", [delete])
        con.execute(
            "INSERT INTO claims (claim_id, article_id, char_start, char_end, text, search_text, kind, hedged, "
            "negated, checkworthiness, embedding, pipeline_version, nlp_model, embed_model) "
            "SELECT i, ?, 0, 0, ?, ?, 'statement', false, false, 0, e::FLOAT[384], '-', '-', '-' "
            "FROM (SELECT unnest(?) AS i, unnest(?) AS e)",
            [article_id, text, text, list(ids), [list(map(float, v)) for v in vecs]],
        )


def _sql_topk(con, vec, k):
    return [
        r[0]
        for r in con.execute(
            "SELECT claim_id FROM claims ORDER BY array_cosine_similarity(embedding, ?::FLOAT[384]) DESC, claim_id LIMIT ?",
            [vec.tolist(), k],
        ).fetchall()
    ]


def test_index_exact_matches_duckdb_brute_force(db):
    rng = np.random.default_rng(2)
    with Store(db).read() as con:
        idx = load_exact(con, str(db))
        for q in _unit(rng, 5):
            assert idx.search(q, 10, -1.0) == _sql_topk(con, q, 10)


def test_index_reloads_when_claims_change(db):
    with Store(db).read() as con:
        first = load_exact(con, str(db))
    with Store(db).write() as con:
        con.execute("DELETE FROM claims WHERE claim_id = 7")
    with Store(db).read() as con:
        second = load_exact(con, str(db))
    assert second is not first and 7 not in second.ids and len(second.ids) == len(first.ids) - 1


def test_index_is_reused_while_fresh(db):
    with Store(db).read() as con:
        assert load_exact(con, str(db)) is load_exact(con, str(db))


def test_index_mask_keeps_only_allowed_ids(db):
    with Store(db).read() as con:
        idx = load_exact(con, str(db))
    mask = idx.mask_for(np.array([3, 5, 999]))
    assert idx.ids[mask].tolist() == [3, 5]
    assert set(idx.search(idx.matrix[10], 10, -1.0, mask)) == {3, 5}


def test_index_min_cosine_cuts_hits(db):
    with Store(db).read() as con:
        idx = load_exact(con, str(db))
    assert idx.search(idx.matrix[0], 10, 0.99) == [int(idx.ids[0])]


def test_perfbench_synth_keeps_real_claims_first():
    rng = np.random.default_rng(3)
    vecs = _unit(rng, 4)
    texts, out = synth(["a b c d", "e f g h", "i j k l", "m n o p"], vecs, 10)
    assert len(texts) == 10 and texts[:4] == ["a b c d", "e f g h", "i j k l", "m n o p"]
    assert np.allclose(out[:4], vecs, atol=1e-6) and np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5)


def test_perfbench_db_offsets_point_at_claim_text(big):
    with Store(big).read() as con:
        bad = con.execute(
            "SELECT count(*) FROM claims c JOIN articles a USING (article_id) "
            "WHERE substr(a.text, c.char_start + 1, c.char_end - c.char_start) <> c.text"
        ).fetchone()[0]
        n_articles = con.execute("SELECT count(DISTINCT article_id) FROM claims").fetchone()[0]
    assert bad == 0 and n_articles == 15


# -- approximate vectors (usearch side file) ---------------------------------------------------
def _allowed(con, where="a.duplicate_of IS NULL", params=()):
    """The ``allowed`` of a search under ``where``, as kb.search.search computes it."""
    return index.allowed_ids(con, where, list(params))


def _exact(con, vec, k, where="a.duplicate_of IS NULL", params=()):
    return [
        r[0]
        for r in con.execute(
            "SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) WHERE "
            + where
            + " ORDER BY array_cosine_similarity(c.embedding, ?::FLOAT[384]) DESC, c.claim_id LIMIT ?",
            [*params, vec.tolist(), k],
        ).fetchall()
    ]


def _like_exact(con, got, vec, k, where="a.duplicate_of IS NULL", params=()):
    """HNSW may miss a claim (a node its graph does not reach), never answer wrongly: every hit
    passes the filter, hits come in exact score order, and most of the exact top k is there."""
    allowed = set(_exact(con, vec, 10_000, where, params))
    want = _exact(con, vec, k, where, params)
    exact_order = [c for c in _exact(con, vec, 10_000, where, params) if c in set(got)]
    return set(got) <= allowed and got == exact_order and len(set(got) & set(want)) >= 0.8 * len(want)


def test_index_ann_matches_exact_on_small_db(big):
    rng = np.random.default_rng(5)
    with Store(big).read() as con:
        for q in _unit(rng, 5):
            got = index.vector_search(con, big, q, _allowed(con), 10, -1.0, settings=ANN)
            assert _like_exact(con, got, q, 10)


@pytest.mark.parametrize(
    ("where", "params", "exact_max"),
    [
        ("a.duplicate_of IS NULL AND a.source = ?", ["source-3"], 0),  # 5% of claims: over-fetch and post-filter
        ("a.duplicate_of IS NULL AND a.source = ?", ["source-3"], 10_000),  # selective: exact over the subset
        ("a.duplicate_of IS NULL AND c.kind = ?", ["quote"], 0),
    ],
)
def test_index_ann_filters_like_exact(big, where, params, exact_max):
    rng = np.random.default_rng(6)
    settings = replace(ANN, exact_max=exact_max)
    with Store(big).read() as con:
        for q in _unit(rng, 3):
            got = index.vector_search(con, big, q, _allowed(con, where, params), 10, -1.0, settings=settings)
            assert _like_exact(con, got, q, 10, where, params)


def test_index_ann_side_file_is_reused_by_a_new_process(big):
    with Store(big).read() as con:
        load_ann(con, big, settings=ANN)
    graph = big.with_name(big.name + ".vectors.usearch")
    stamp = graph.stat().st_mtime_ns
    index.clear_cache()  # as a new process
    with Store(big).read() as con:
        ann = load_ann(con, big, settings=ANN)
    assert graph.stat().st_mtime_ns == stamp and len(ann.ids) == 300


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other_db", "f16_truncate", "f16_garbage"])
def test_index_ann_damaged_side_file_is_rebuilt(big, tmp_path, damage):
    q = _unit(np.random.default_rng(7), 1)[0]
    with Store(big).read() as con:
        load_ann(con, big, settings=ANN)
        want = _exact(con, q, 10)
    graph = big.with_name(big.name + ".vectors.usearch")
    if damage == "truncate":  # a crash half-way through a write
        graph.write_bytes(graph.read_bytes()[: graph.stat().st_size // 2])
    elif damage == "garbage":
        raw = bytearray(graph.read_bytes())
        raw[-5000:] = b"\x7f" * 5000
        graph.write_bytes(bytes(raw))
    elif damage.startswith("f16_"):  # the full-precision rows beside the i8 graph
        flat = big.with_name(big.name + ".vectors.f16")
        raw = bytearray(flat.read_bytes())
        if damage == "f16_truncate":
            raw = raw[: len(raw) - 768]
        else:  # same size, every row's values changed
            raw = bytearray(np.frombuffer(bytes(raw), np.float16)[::-1].tobytes())
        flat.write_bytes(bytes(raw))
    else:  # a whole side file, but of another database with the same claim ids
        other = tmp_path / "other.duckdb"
        build_db(other, _texts(300), _unit(np.random.default_rng(99), 300), with_fts=False)
        with Store(other).read() as con:
            load_ann(con, other, settings=ANN)
        for suffix in (".vectors.usearch", ".vectors.npz", ".vectors.json", ".vectors.f16"):
            shutil.copy(other.with_name(other.name + suffix), big.with_name(big.name + suffix))
    index.clear_cache()
    with Store(big).read() as con:
        got = index.vector_search(con, big, q, _allowed(con), 10, -1.0, settings=ANN)
        assert want and _like_exact(con, got, q, 10)


def test_index_ann_catches_up_with_new_and_deleted_claims(big):
    rng = np.random.default_rng(8)
    with Store(big).read() as con:
        load_ann(con, big, settings=ANN)
    new = _unit(rng, 2)
    _replace_claims(big, [10, 11], [301, 302], new)
    with Store(big).read() as con:
        assert index.vector_search(con, big, new[0], _allowed(con), 1, -1.0, settings=ANN) == [301]
        ann = load_ann(con, big, settings=ANN)
        assert 10 not in ann.ids and 11 not in ann.ids and len(ann.ids) == 300
        for q in _unit(rng, 3):
            assert _like_exact(con, index.vector_search(con, big, q, _allowed(con), 10, -1.0, settings=ANN), q, 10)


def test_index_ann_side_file_is_mapped_then_copied_to_catch_up(big):
    """A new process maps the saved graph (not copied into its memory); once the table moves
    on, a mapped graph cannot change (usearch would crash), so it is loaded and caught up."""
    with Store(big).read() as con:
        load_ann(con, big, settings=ANN)
    index.clear_cache()  # as a new process
    with Store(big).read() as con:
        assert load_ann(con, big, settings=ANN).viewed
    new = _unit(np.random.default_rng(11), 1)
    _replace_claims(big, [10], [301], new)
    with Store(big).read() as con:
        assert index.vector_search(con, big, new[0], _allowed(con), 1, -1.0, settings=ANN) == [301]
        ann = load_ann(con, big, settings=ANN)
        assert not ann.viewed and 10 not in ann.ids and len(ann.ids) == 300


def test_index_ann_exact_scan_is_exact_where_the_graph_misses(big):
    """``exact_scan`` scores every stored vector: exact even over a graph built too thin to
    find the true neighbours (which the graph search then visibly misses)."""
    thin = replace(ANN, connectivity=2, expansion_add=2, expansion_search=1, overfetch=1)
    queries = _unit(np.random.default_rng(12), 20)
    with Store(big).read() as con:
        truth = [_exact(con, q, 10) for q in queries]
        graph = [index.vector_search(con, big, q, _allowed(con), 10, -1.0, settings=thin) for q in queries]
        index.clear_cache()
        scan = [
            index.vector_search(con, big, q, _allowed(con), 10, -1.0, settings=replace(thin, exact_scan=True))
            for q in queries
        ]
    assert any(set(g) != set(t) for g, t in zip(graph, truth, strict=True))  # the thin graph misses
    assert [set(x) for x in scan] == [set(t) for t in truth]  # the scan does not


@pytest.mark.parametrize("filtered", [True, False])  # the filter's ids / None: the ids the index keeps hidden
def test_index_legs_hide_claims_of_copied_articles(big, filtered):
    q = _unit(np.random.default_rng(9), 1)[0]
    with Store(big).write() as con:
        con.execute("UPDATE articles SET duplicate_of = 1 WHERE article_id = 2")
    with Store(big).read() as con:
        allowed = _allowed(con) if filtered else None
        vectors = index.vector_search(con, big, q, allowed, 300, -1.0, settings=ANN)
        words = index.bm25_search(con, big, " ".join(WORDS), allowed, 300)
        hidden = {r[0] for r in con.execute("SELECT claim_id FROM claims WHERE article_id = 2").fetchall()}
    assert not hidden & set(vectors) and len(vectors) == 280
    assert not hidden & set(words) and len(words) == 280


# -- BM25 (bm25s side index) ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Running ran runs",
        "The Zürich water-cooling budget, 2024's 60%!",
        "He said that it was NOT about the U.S. economy's exports",
    ],
)
def test_index_tokens_are_duckdb_fts_terms(text):
    import duckdb

    con = duckdb.connect()
    load_extension(con, "fts")
    con.execute("CREATE TABLE t (id INTEGER, s VARCHAR)")
    con.execute("INSERT INTO t VALUES (1, ?)", [text])
    con.execute(
        "PRAGMA create_fts_index('t', 'id', 's', stemmer = 'porter', stopwords = 'english', "
        "strip_accents = 1, lower = 1)"
    )
    want = [
        r[0]
        for r in con.execute(
            "SELECT stem(w, 'porter') FROM (SELECT unnest(fts_main_t.tokenize(s)) AS w FROM t) "
            "WHERE w <> '' AND w NOT IN (SELECT sw FROM fts_main_t.stopwords)"
        ).fetchall()
    ]
    assert tokens(text) == want


def test_index_stopwords_file_is_the_fts_extension_list():
    """The stop words BM25 drops ship as a file: the pinned fts extension's English list."""
    from importlib import resources

    import duckdb

    con = duckdb.connect()
    load_extension(con, "fts")
    con.execute("CREATE TABLE t (id INTEGER, s VARCHAR); INSERT INTO t VALUES (1, 'x')")
    con.execute("PRAGMA create_fts_index('t', 'id', 's', stopwords = 'english')")
    theirs = [r[0] for r in con.execute("SELECT sw FROM fts_main_t.stopwords").fetchall()]
    shipped = resources.files("kb.search.index").joinpath("stopwords_en.txt").read_text().splitlines()
    assert sorted(shipped) == sorted(theirs) and len(theirs) == 571
    assert stopwords() == frozenset(theirs)


@pytest.mark.parametrize("query", ["cooling water", "election tariff", "drought housing rates", "vaccine"])
def test_index_bm25_agrees_with_duckdb_fts(big, query):
    from benchmarks.search_speed import _fts_bm25

    with Store(big).read() as con:
        ours = index.bm25_search(con, big, query, _allowed(con), 20)
        theirs = _fts_bm25(con, query, "a.duplicate_of IS NULL", [], 20)
    assert ours and set(ours) <= set(_all_matches(big, query))
    assert len(set(ours[:10]) & set(theirs[:10])) >= 8


def _all_matches(db, query):
    terms = set(tokens(query))
    with Store(db).read() as con:
        rows = con.execute("SELECT claim_id, search_text FROM claims").fetchall()
    return [cid for cid, text in rows if terms & set(tokens(text))]


def test_index_bm25_filters(big):
    with Store(big).read() as con:
        got = index.bm25_search(
            con, big, "cooling", _allowed(con, "a.duplicate_of IS NULL AND a.source = ?", ["source-3"]), 50
        )
        allowed = {
            r[0]
            for r in con.execute(
                "SELECT claim_id FROM claims c JOIN articles a USING (article_id) WHERE a.source = 'source-3' "
                "AND c.search_text ILIKE '%cooling%'"
            ).fetchall()
        }
    assert got and set(got) == allowed


def test_index_bm25_catches_up_and_rebuilds(big):
    with Store(big).read() as con:
        first = load_bm25(con, big)
    with Store(big).write() as con:
        con.execute("DELETE FROM claims WHERE claim_id = 5")
        con.execute(
            "INSERT INTO claims (claim_id, article_id, char_start, char_end, text, search_text, kind, hedged, "
            "negated, checkworthiness, pipeline_version, nlp_model, embed_model) VALUES "
            "(400, 1, 0, 0, 'x', 'quokka sightings rose', 'statement', false, false, 0, '-', '-', '-')"
        )
    with Store(big).read() as con:
        assert index.bm25_search(con, big, "quokkas", _allowed(con), 10) == [400]
        bm = load_bm25(con, big)
        assert bm is first and 400 in bm.delta_ids  # a small change: scored as a delta
        assert 5 not in index.bm25_search(con, big, " ".join(WORDS), _allowed(con), 400)
    with Store(big).write() as con:
        con.execute("DELETE FROM claims WHERE claim_id > 250")
    with Store(big).read() as con:
        bm = load_bm25(con, big)
        assert bm is not first and len(bm.ids) == 249 and not len(bm.delta_ids)  # a big change: rebuilt


def test_index_bm25_damaged_side_folder_is_rebuilt(big):
    with Store(big).read() as con:
        want = index.bm25_search(con, big, "cooling water", _allowed(con), 20)
    folder = big.with_name(big.name + ".bm25")
    victim = max(folder.iterdir(), key=lambda p: p.stat().st_size)
    victim.write_bytes(victim.read_bytes()[:10])
    index.clear_cache()
    with Store(big).read() as con:
        assert index.bm25_search(con, big, "cooling water", _allowed(con), 20) == want


def test_index_refresh_saves_what_a_new_process_then_reuses(big):
    with Store(big).read() as con:
        load_bm25(con, big)
        load_ann(con, big, settings=ANN)
    with Store(big).write() as con:
        con.execute("DELETE FROM claims WHERE claim_id = 1")
    assert index.refresh(big, ANN) == {"bm25": "rebuilt", "vectors": "saved"}
    assert index.refresh(big, ANN) == {}
    index.clear_cache()  # a new process: both side files are current, nothing to catch up
    with Store(big).read() as con:
        fp = index.fingerprint(con)
        assert load_bm25(con, big).fingerprint == fp and 1 not in load_bm25(con, big).ids
        assert 1 not in load_ann(con, big, settings=ANN).ids


def test_index_notices_a_reused_claim_id(big):
    """Claim 300 deleted and its id given to a new claim of another article, between two
    searches: both legs must answer from the new claim, not the indexed one."""
    q = _unit(np.random.default_rng(10), 1)[0]
    with Store(big).read() as con:
        load_ann(con, big, settings=ANN)
        load_bm25(con, big)
    _replace_claims(big, [300], [300], [q], article_id=3, text="wombat census")
    with Store(big).read() as con:
        assert index.vector_search(con, big, q, _allowed(con), 1, -1.0, settings=ANN) == [300]
        assert index.bm25_search(con, big, "wombat", _allowed(con), 5) == [300]
        old_words = " ".join(_texts(300)[299].split()[:5])
        assert 300 not in index.bm25_search(con, big, old_words, _allowed(con), 400)


def test_index_ann_quantised_graph_keeps_full_vectors_through_catch_up_and_save(big):
    """The i8 graph only proposes; its candidates are ranked by their f16 rows. Claims added
    since the side file was written are scored from memory, and the next save writes every
    row: a new process then reads, for each claim, the vector DuckDB has."""
    assert IndexSettings().ann_dtype == "i8"
    eager = replace(ANN, rebuild_fraction=0.0)  # every change re-saves
    with Store(big).read() as con:
        load_ann(con, big, settings=eager)
    new = _unit(np.random.default_rng(13), 3)
    _replace_claims(big, [5, 6], [301, 302, 303], new)
    with Store(big).read() as con:
        ann = load_ann(con, big, settings=eager)  # caught up, then saved: rows from the new file
        assert ann.full.matrix is None and not len(ann.full.extra_ids) and len(ann.ids) == 301
        got = index.cosines(con, big, new[1], [302, 1], settings=eager)
        assert got[302] == pytest.approx(1.0, abs=2e-3)
        # the exact scan reads the saved rows and the new ones; removed claims stay out
        scan = replace(eager, exact_scan=True)
        old = ann.full.get(np.array([5]))[0]
        assert index.vector_search(con, big, new[2], _allowed(con), 1, -1.0, settings=scan) == [303]
        assert 5 not in index.vector_search(con, big, old, _allowed(con), 300, -1.0, settings=scan)
    index.clear_cache()  # as a new process: everything from the side files
    with Store(big).read() as con:
        ann = load_ann(con, big, settings=eager)
        ids, vecs = next(embedding_batches(con, "SELECT claim_id, embedding FROM claims ORDER BY claim_id"))
        assert ann.full.matrix is None and not len(ann.full.extra_ids) and np.array_equal(ann.ids, ids)
        assert np.allclose(ann.full.get(ids), vecs, atol=2e-3)
        for q in [*new, *_unit(np.random.default_rng(14), 3)]:
            assert _like_exact(con, index.vector_search(con, big, q, _allowed(con), 10, -1.0, settings=eager), q, 10)


class _SearchAfterAdd:
    """The real usearch index, with a search by another thread scheduled right after each
    ``add`` returns: the moment a Streamlit thread may search while another catches up."""

    def __init__(self, real, during):
        self.real, self.during = real, during

    def __getattr__(self, name):
        return getattr(self.real, name)

    def add(self, *args, **kwargs):
        out = self.real.add(*args, **kwargs)
        self.during()
        return out


@pytest.mark.parametrize("rows", ["file", "memory"])  # rows saved beside the graph / kept in memory (save failed)
def test_index_ann_search_during_a_catch_up_scores_each_candidate_by_its_own_vector(big, rows, monkeypatch):
    """A claim the graph already proposes must already have its f16 row: a search between
    the two would read a row past the end of the file (new id) or another claim's (reused id)."""
    settings = replace(ANN, mmap=False)
    if rows == "memory":  # a data directory the process cannot write: the built rows stay in memory

        def read_only(path, write):
            raise OSError(30, "Read-only file system", str(path))

        monkeypatch.setattr(ann_index, "write_atomic", read_only)
    with Store(big).read() as con:
        ann = load_ann(con, big, settings=settings)
    assert (ann.full.matrix is None) == (rows == "file") and not ann.viewed
    new = _unit(np.random.default_rng(15), 2)
    _replace_claims(big, [300], [300, 301], new, article_id=3, text="x")
    seen = []
    ann.index = _SearchAfterAdd(ann.index, lambda: seen.append([ann.query(v, 1, 0.9, None) for v in new]))
    with Store(big).read() as con:
        assert load_ann(con, big, settings=settings) is ann  # caught up in place
    assert seen == [[[300], [301]]]
