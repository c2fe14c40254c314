"""Speed benchmarks (``make bench``): search latency at 10k/100k(/1M) claims, the search
path as it was (vector bound as a DuckDB parameter, brute force in SQL) beside the current
one (cached numpy matrix), and an approximate index (usearch HNSW) with its recall@10
against exact search. Prints markdown tables; never asserts on time.

Claims at scale are synthetic: ``real`` CLEF 2020 verified claims are embedded with the real
model; claim i is real claim i mod ``real`` with one word swapped for a word of another claim,
and its vector is the real vector plus Gaussian noise, renormalised. Queries are real CLEF
dev tweets, each embedded inside the timed search (caches cleared per query).
"""

from __future__ import annotations

import csv
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from kb.config import EMBED_DIM

CLEF2020 = Path(__file__).resolve().parents[2] / "shared" / "eval" / "clef2020-checkthat-task2"


def _pct(ts: list[float], p: float) -> float:
    ts = sorted(ts)
    return 1000 * ts[min(len(ts) - 1, int(round(p * (len(ts) - 1))))]


def _load_text(claims_tsv: Path, queries_tsv: Path, real: int, n_queries: int) -> tuple[list[str], list[str]]:
    with open(claims_tsv, newline="", encoding="utf-8") as fh:
        texts = [r["vclaim"].strip() for r in csv.DictReader(fh, delimiter="\t") if r.get("vclaim")][:real]
    with open(queries_tsv, newline="", encoding="utf-8") as fh:
        queries = [r["tweet_content"] for r in csv.DictReader(fh, delimiter="\t")][:n_queries]
    return texts, queries


def synth(texts: list[str], vecs: np.ndarray, n: int, noise: float = 0.02, seed: int = 7) -> tuple[list[str], np.ndarray]:
    """``n`` claims perturbed from the real ones (text: one word swapped; vector: + noise)."""
    rng = np.random.default_rng(seed)
    words = [t.split() for t in texts]
    vocab = [w for ws in words for w in ws if w.isalpha() and len(w) > 3] or [w for ws in words for w in ws]
    out_t = []
    for i in range(n):
        ws = list(words[i % len(texts)])
        if i >= len(texts) and ws:
            ws[rng.integers(len(ws))] = vocab[rng.integers(len(vocab))]
        out_t.append(" ".join(ws))
    base = vecs[np.arange(n) % len(texts)]
    out_v = base + rng.normal(0, noise, size=base.shape).astype(np.float32)
    out_v[: len(texts)] = vecs[: min(n, len(texts))]
    out_v /= np.linalg.norm(out_v, axis=1, keepdims=True)
    return out_t, out_v.astype(np.float32)


def build_db(path: Path, texts: list[str], vecs: np.ndarray) -> float:
    """A benchmark DB of ``texts`` as claims (bulk Arrow insert); returns the FTS build seconds."""
    import pyarrow as pa

    from kb.store import Store

    store = Store(path)
    store.load_benchmark_claims(texts[:1], vecs[:1], [""])
    n = len(texts)
    tbl = pa.table({
        "claim_id": pa.array(np.arange(2, n + 1, dtype=np.int64)),
        "text": pa.array(texts[1:]),
        "emb": pa.FixedSizeListArray.from_arrays(pa.array(vecs[1:].reshape(-1)), EMBED_DIM),
    })
    with store.write() as con:  # benchmark fixture only; real data goes through Store.write_batch
        con.register("bench_claims", tbl)
        con.execute(
            "INSERT INTO claims (claim_id, article_id, char_start, char_end, text, search_text, kind, hedged, negated, "
            "checkworthiness, embedding, pipeline_version, nlp_model, embed_model) "
            f"SELECT claim_id, 1, 0, 0, text, text, 'statement', false, false, 0.0, emb::FLOAT[{EMBED_DIM}], "
            "(SELECT pipeline_version FROM claims WHERE claim_id = 1), '-', '-' FROM bench_claims")
    t0 = time.perf_counter()
    store.rebuild_search_index()
    return time.perf_counter() - t0


def _search_before(query: str, db: Path, limit: int = 10) -> list[int]:
    """The search path before issue 7 (commit e8ca2b9): a fresh embedding per call and the
    query vector bound as a FLOAT[384] parameter of a brute-force SQL scan."""
    from kb.config import SETTINGS
    from kb.embed import embed
    from kb.nlp import lemmas
    from kb.query import Filters, hydrate
    from kb.search import _bm25, rrf
    from kb.store import Store

    s = SETTINGS.search
    vec = embed([query])[0].tolist()
    where, params = Filters().sql()
    with Store(db).read() as con:
        lexical = _bm25(con, f"{query} {lemmas(query)}", where, params, s.candidates)
        semantic = [r[0] for r in con.execute(
            f"SELECT claim_id FROM (SELECT c.claim_id, array_cosine_similarity(c.embedding, ?::FLOAT[{EMBED_DIM}]) AS s "
            f"FROM claims c JOIN articles a USING (article_id) WHERE {where} AND c.embedding IS NOT NULL) "
            "WHERE s >= ? ORDER BY s DESC, claim_id LIMIT ?", [vec, *params, s.min_cosine, s.candidates]).fetchall()]
        fused = rrf([lexical, semantic], s.rrf_k, [s.bm25_weight, s.vector_weight])
        ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))[:limit]
        hydrate(con, ranked)
    return ranked


def bench_search(sizes: tuple[int, ...] = (10_000, 100_000), real: int = 1000, n_queries: int = 30,
                 claims_tsv: Path = CLEF2020 / "verified_claims.docs.tsv",
                 queries_tsv: Path = CLEF2020 / "dev" / "tweets.queries.tsv", before_max: int = 100_000) -> list[dict]:
    from kb import index
    from kb import search as S
    from kb.embed import embed
    from kb.store import Store

    texts, queries = _load_text(claims_tsv, queries_tsv, real, n_queries)
    vecs = embed(texts)
    qvecs = embed(queries)
    embed(["warm-up"])
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.duckdb"
            t_txt, t_vec = synth(texts, vecs, n)
            fts_s = build_db(db, t_txt, t_vec)
            row: dict = {"claims": n, "fts_build_s": round(fts_s, 1)}
            # embedding the query alone
            ts = []
            for q in queries:
                t0 = time.perf_counter()
                embed([q])
                ts.append(time.perf_counter() - t0)
            row["embed_p50"] = _pct(ts, .5)
            if n <= before_max:
                ts = []
                for q in queries:
                    t0 = time.perf_counter()
                    _search_before(q, db)
                    ts.append(time.perf_counter() - t0)
                row["before_p50"], row["before_p95"] = _pct(ts, .5), _pct(ts, .95)
            index.clear_cache()
            t0 = time.perf_counter()
            S.search(queries[0], db)
            row["cold_first_s"] = round(time.perf_counter() - t0, 2)
            ts = []
            for q in queries:
                S._query_vector.cache_clear()
                S._query_lemmas.cache_clear()
                t0 = time.perf_counter()
                S.search(q, db)
                ts.append(time.perf_counter() - t0)
            row["after_p50"], row["after_p95"] = _pct(ts, .5), _pct(ts, .95)
            # legs alone
            from kb.query import Filters
            where, params = Filters().sql()
            ts = []
            for q in queries:
                t0 = time.perf_counter()
                with Store(db).read() as con:
                    S._bm25(con, q, where, params, 100)
                ts.append(time.perf_counter() - t0)
            row["bm25_p50"], row["bm25_p95"] = _pct(ts, .5), _pct(ts, .95)
            with Store(db).read() as con:
                ex = index.load_exact(con, str(db.resolve()))
            ts, exact = [], []
            for qv in qvecs:
                t0 = time.perf_counter()
                exact.append(ex.search(qv, 10, -1.0))
                ts.append(time.perf_counter() - t0)
            row["numpy_p50"] = _pct(ts, .5)
            row.update(_bench_usearch(ex.ids, ex.matrix, qvecs, exact))
            rows.append(row)
            print(row, flush=True)
    return rows


def _bench_usearch(ids: np.ndarray, matrix: np.ndarray, qvecs: np.ndarray, exact: list[list[int]]) -> dict:
    try:
        from usearch.index import Index
    except ImportError:
        return {}
    idx = Index(ndim=EMBED_DIM, metric="ip", dtype="f32", connectivity=16, expansion_add=128, expansion_search=128)
    t0 = time.perf_counter()
    idx.add(ids, matrix, threads=2)
    build = time.perf_counter() - t0
    ts, rec = [], []
    for qv, ex in zip(qvecs, exact, strict=True):
        t0 = time.perf_counter()
        m = idx.search(qv, 10)
        ts.append(time.perf_counter() - t0)
        rec.append(len(set(int(k) for k in m.keys) & set(ex)) / max(1, len(ex)))
    return {"hnsw_build_s": round(build, 1), "hnsw_p50": _pct(ts, .5), "hnsw_recall10": round(statistics.mean(rec), 3)}


def table(rows: list[dict]) -> str:
    cols = [("claims", "claims"), ("embed_p50", "query embed p50"), ("before_p50", "search before p50"),
            ("before_p95", "before p95"), ("after_p50", "search after p50"), ("after_p95", "after p95"),
            ("cold_first_s", "first search (loads cache), s"), ("bm25_p50", "BM25 leg p50"), ("bm25_p95", "BM25 p95"),
            ("numpy_p50", "exact numpy p50"), ("hnsw_p50", "usearch HNSW p50"), ("hnsw_recall10", "HNSW recall@10"),
            ("hnsw_build_s", "HNSW build s"), ("fts_build_s", "fts build s")]
    out = ["| " + " | ".join(h for _, h in cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        out.append("| " + " | ".join(
            (f"{r[k]:.1f}" if isinstance(r.get(k), float) and k.endswith(("p50", "p95")) else str(r.get(k, "–")))
            for k, _ in cols) + " |")
    return "\n".join(out) + "\n\n(times in ms unless marked s)"


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m kb.perfbench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="claim counts, comma-separated (add 1000000 for 1M: slow)")
    ap.add_argument("--real", type=int, default=1000, help="real claims embedded with the model")
    ap.add_argument("--queries", type=int, default=30)
    a = ap.parse_args(argv)
    rows = bench_search(tuple(int(s) for s in a.sizes.split(",")), a.real, a.queries)
    print(table(rows))


if __name__ == "__main__":
    main()
