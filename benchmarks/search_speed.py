"""Search speed (``make bench-search``): ``kb search`` latency at 10k/100k(/1M) claims, the
search path before the side indexes (commit 4406b33: DuckDB fts BM25, exact numpy over
a matrix keyed by a fingerprint that reads the embedding column) beside the current one
(bm25s and, from ``IndexSettings.ann_min_claims`` claims, usearch HNSW side indexes); each
leg alone; filtered searches; index build and load times; recall@10 of HNSW against exact
search; and the peak memory of a process that only searches, as the UI does. Prints
markdown tables; never asserts on time.

Claims at scale are synthetic: ``real`` CLEF 2020 verified claims are embedded with the real
model. Claim i (past the real ones) takes the text of real claim i mod ``real`` with one word
swapped for a word of another claim; its vector mixes two real claim vectors
(v_a + w v_b, w uniform in [0.3, 0.8]) plus Gaussian noise (sigma 0.03 per dimension),
renormalised: a spread-out cloud, like an archive of many different claims, where exact
top-10 scores still sit very close together (the 10th and 11th differ by ~0.001). Claims
are grouped 20 to an article over 50 sources and two years of dates, so filters select
something. Queries are real CLEF dev tweets, each embedded inside the timed search.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from benchmarks.quality import EVAL
from kb.config import EMBED_DIM

ROOT = Path(__file__).resolve().parent.parent
CLEF2020 = EVAL / "clef2020-checkthat-task2"
CLAIMS_TSV = CLEF2020 / "verified_claims.docs.tsv"
QUERIES_TSV = CLEF2020 / "dev" / "tweets.queries.tsv"
PER_ARTICLE = 20
SOURCES = 50
# the fingerprint of the path before (4406b33): it reads the embedding column on every search
BEFORE_FINGERPRINT_SQL = (
    "SELECT (SELECT count(*) FROM claims WHERE embedding IS NOT NULL), (SELECT max(claim_id) FROM claims), "
    "(SELECT sum(claim_id) FROM claims WHERE embedding IS NOT NULL), "
    "(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL)"
)


def _pct(ts: list[float], p: float) -> float:
    ts = sorted(ts)
    return 1000 * ts[min(len(ts) - 1, int(round(p * (len(ts) - 1))))]


def _status_mib() -> dict[str, float]:
    """This process's VmRSS (resident), VmHWM (its peak), RssAnon (its own memory) and RssFile
    (pages of mapped files, e.g. memory-mapped side indexes: page cache the kernel can take
    back), MiB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS", "VmHWM", "RssAnon", "RssFile")):
            k, v = line.split(":")
            fields[k] = int(v.split()[0]) / 1024
    return fields


def _load_text(claims_tsv: Path, queries_tsv: Path, real: int, n_queries: int) -> tuple[list[str], list[str]]:
    with open(claims_tsv, newline="", encoding="utf-8") as fh:
        texts = [r["vclaim"].strip() for r in csv.DictReader(fh, delimiter="\t") if r.get("vclaim")][:real]
    with open(queries_tsv, newline="", encoding="utf-8") as fh:
        queries = [r["tweet_content"] for r in csv.DictReader(fh, delimiter="\t")][:n_queries]
    return texts, queries


def synth(
    texts: list[str], vecs: np.ndarray, n: int, noise: float = 0.03, seed: int = 7
) -> tuple[list[str], np.ndarray]:
    """``n`` claims: the real ones first, then perturbations (text: one word swapped;
    vector: a mix of two real vectors plus noise, unit length)."""
    rng = np.random.default_rng(seed)
    words = [t.split() for t in texts]
    vocab = [w for ws in words for w in ws if w.isalpha() and len(w) > 3] or [w for ws in words for w in ws]
    out_t = []
    for i in range(n):
        ws = list(words[i % len(texts)])
        if i >= len(texts) and ws:
            ws[rng.integers(len(ws))] = vocab[rng.integers(len(vocab))]
        out_t.append(" ".join(ws))
    a = np.arange(n) % len(texts)
    b = rng.integers(0, len(texts), n)
    w = rng.uniform(0.3, 0.8, (n, 1)).astype(np.float32)
    out_v = vecs[a] + w * vecs[b] + rng.normal(0, noise, size=(n, vecs.shape[1])).astype(np.float32)
    out_v[: len(texts)] = vecs[: min(n, len(texts))]
    out_v /= np.linalg.norm(out_v, axis=1, keepdims=True)
    return out_t, out_v.astype(np.float32)


def build_db(path: Path, texts: list[str], vecs: np.ndarray, with_fts: bool = True) -> float:
    """A benchmark DB of ``texts`` as claims, ``PER_ARTICLE`` to an article over ``SOURCES``
    sources and two years (bulk Arrow inserts into the real schema); returns the seconds the
    DuckDB fts index took to build (0 without it)."""
    import pyarrow as pa

    from kb import PIPELINE_VERSION
    from kb.store.connection import Store

    store = Store(path)
    store.init()
    n = len(texts)
    art = np.arange(n) // PER_ARTICLE + 1
    n_art = int(art[-1]) if n else 0
    starts, ends, bodies, offset, body = np.zeros(n, np.int32), np.zeros(n, np.int32), [], 0, []
    for i, t in enumerate(texts):
        if i and art[i] != art[i - 1]:
            bodies.append("\n".join(body))
            body, offset = [], 0
        starts[i], ends[i] = offset, offset + len(t)
        body.append(t)
        offset += len(t) + 1
    if body:
        bodies.append("\n".join(body))
    aid = np.arange(1, n_art + 1, dtype=np.int64)
    day0 = datetime(2024, 1, 1, tzinfo=UTC)
    articles = pa.table(
        {
            "article_id": aid,
            "url": [f"https://source-{i % SOURCES}.example/{i}" for i in aid],
            "source": [f"source-{i % SOURCES}" for i in aid],
            "text": bodies,
            "published_at": pa.array(
                [day0 + timedelta(days=int(i * 37 % 730)) for i in aid], pa.timestamp("us", "UTC")
            ),
        }
    )
    claims = pa.table(
        {
            "claim_id": np.arange(1, n + 1, dtype=np.int64),
            "article_id": art.astype(np.int64),
            "char_start": starts,
            "char_end": ends,
            "text": texts,
            "kind": [("statement", "statistic", "quote", "prediction")[i % 4] for i in range(n)],
            "emb": pa.FixedSizeListArray.from_arrays(pa.array(vecs.reshape(-1)), EMBED_DIM),
        }
    )
    now = datetime.now(UTC)
    with store.write() as con:  # benchmark fixture only; real data goes through Store.write_batch
        con.register("bench_articles", articles)
        con.register("bench_claims", claims)
        con.execute(
            "INSERT INTO articles (article_id, capture_id, url, canonical_url, source, domain, title, published_at, text, "
            "text_sha256, extractor, pipeline_version, ingested_at) SELECT article_id, article_id, url, url, source, "
            "source || '.example', 'bench ' || article_id, published_at, text, 'bench' || article_id, 'bench', ?, ? "
            "FROM bench_articles",
            [PIPELINE_VERSION, now],
        )
        # one archived capture per article, so provenance and citations (the UI renders them
        # with every result list) cost what they cost on a crawled knowledge base
        con.execute(
            "INSERT INTO captures (capture_id, warc_record_id, url, final_url, status, content_type, fetched_at, "
            "body_sha256, body_bytes, source, role, warc_file, warc_offset, outcome, ingested_at) "
            "SELECT article_id, '<urn:uuid:bench-' || article_id || '>', url, url, 200, 'text/html', published_at, "
            "'bench' || article_id, strlen(text), source, 'article', 'bench-' || (article_id // 1000) || '.warc.gz', "
            "article_id * 4096, 'article', ? FROM bench_articles",
            [now],
        )
        con.execute(
            "INSERT INTO claims (claim_id, article_id, char_start, char_end, text, search_text, kind, hedged, negated, "
            "checkworthiness, embedding, pipeline_version, nlp_model, embed_model) "
            f"SELECT claim_id, article_id, char_start, char_end, text, text, kind, false, false, 0.0, "
            f"emb::FLOAT[{EMBED_DIM}], ?, '-', '-' FROM bench_claims",
            [PIPELINE_VERSION],
        )
    if not with_fts:
        return 0.0
    t0 = time.perf_counter()
    build_fts_index(db=path)
    return time.perf_counter() - t0


def build_fts_index(db: Path) -> None:
    """DuckDB's own FTS index over the claims (the "before" path's BM25; search never reads it)."""
    from kb.store.connection import Store, load_extension

    with Store(db).write() as con:
        load_extension(con, "fts")
        con.execute(
            "PRAGMA create_fts_index('claims', 'claim_id', 'search_text', stemmer = 'porter', "
            "stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)"
        )


def _fts_bm25(con, query: str, where: str, params: list, k: int) -> list[int]:
    """BM25 as it was: DuckDB fts (LOAD per connection, every document scanned)."""
    from kb.store.connection import load_extension

    load_extension(con, "fts")
    sql = (
        "SELECT claim_id FROM (SELECT c.claim_id, fts_main_claims.match_bm25(c.claim_id, ?) AS s "
        f"FROM claims c JOIN articles a USING (article_id) WHERE {where}) WHERE s IS NOT NULL "
        "ORDER BY s DESC, claim_id LIMIT ?"
    )
    return [r[0] for r in con.execute(sql, [query, *params, k]).fetchall()]


def _search_before(query: str, db: Path) -> list[int]:
    """The search path at 4406b33: fts BM25; the fingerprint query over the embedding column,
    then exact numpy over the cached matrix; RRF; hydrate."""
    from kb.config import SearchSettings
    from kb.nlp.embed import embed_query
    from kb.nlp.pipeline import lemmas
    from kb.read.claims import hydrate
    from kb.read.filters import Filters
    from kb.search.fusion import rrf
    from kb.search.index.exact import load_exact
    from kb.store.connection import Store

    s = SearchSettings()
    vec = embed_query(query)
    where, params = Filters().sql()
    with Store(db).read() as con:
        lexical = _fts_bm25(con, f"{query} {lemmas(query)}", where, params, s.candidates)
        con.execute(BEFORE_FINGERPRINT_SQL).fetchone()
        ex = load_exact(con, "before:" + str(db.resolve()))
        semantic = ex.query(vec, s.candidates, s.min_cosine, None)
        fused = rrf([lexical, semantic], s.rrf_k, [s.bm25_weight, s.vector_weight])
        ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))[:10]
        hydrate(con, ranked)
    return ranked


def _drop_side_files(db: Path) -> None:
    import shutil

    for p in db.parent.glob(db.name + ".*"):
        if p.name.endswith((".usearch", ".npz", ".json")):
            p.unlink()
        elif p.is_dir() and p.name.endswith(".bm25"):
            shutil.rmtree(p)


def searcher(db: Path, queries: list[str]) -> dict:
    """What a UI process does, in a fresh process: load the side indexes, answer queries.
    Returns its load time, latency and peak memory (run by ``bench_search`` in a child)."""
    from kb.read.filters import Filters
    from kb.search import search as S

    t0 = time.perf_counter()
    S.search(queries[0], db)
    first = time.perf_counter() - t0
    ts = []
    for q in queries:
        S.query_vector.cache_clear()
        S.query_lemmas.cache_clear()
        t0 = time.perf_counter()
        S.search(q, db)
        ts.append(time.perf_counter() - t0)
    for f in (Filters(source="source-7"), Filters(since=date(2025, 6, 1))):
        S.search(queries[1], db, filters=f)
    mem = _status_mib()
    return {
        "child_first_s": round(first, 2),
        "child_p50": _pct(ts, 0.5),
        "child_p95": _pct(ts, 0.95),
        "child_rss_mib": round(mem.get("VmRSS", 0)),
        "child_peak_mib": round(mem.get("VmHWM", 0)),
        "child_anon_mib": round(mem.get("RssAnon", 0)),
        "child_file_mib": round(mem.get("RssFile", 0)),
    }


def _progress(n: int, what: str) -> None:
    print(
        f"[{datetime.now():%H:%M:%S}] {n} claims: {what} (load {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True
    )


def _timed(fn, items) -> tuple[list[float], list]:
    ts, out = [], []
    for it in items:
        t0 = time.perf_counter()
        out.append(fn(it))
        ts.append(time.perf_counter() - t0)
    return ts, out


def _bench_size(
    n: int,
    tmp: str,
    texts: list[str],
    vecs: np.ndarray,
    queries: list[str],
    qvecs: np.ndarray,
    before_queries: int,
    n_queries: int,
    claims_tsv: Path = CLAIMS_TSV,
    queries_tsv: Path = QUERIES_TSV,
) -> dict:
    from kb.config import IndexSettings
    from kb.nlp.embed import embed_query
    from kb.read.filters import Filters
    from kb.search import index
    from kb.search import search as S
    from kb.search.index.ann import load_ann
    from kb.search.index.bm25 import load_bm25
    from kb.search.index.exact import load_exact
    from kb.store.connection import Store

    settings = IndexSettings()
    db = Path(tmp) / "bench.duckdb"
    row: dict = {"claims": n, "load": round(os.getloadavg()[0], 1)}
    if not db.exists():
        t_txt, t_vec = synth(texts, vecs, n)
        build_db(db, t_txt, t_vec, with_fts=False)
        del t_txt, t_vec
    _progress(n, "database ready")
    with Store(db).read() as con:
        has_fts = con.execute(
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'fts_main_claims'"
        ).fetchone()[0]
    if not has_fts:
        t0 = time.perf_counter()
        build_fts_index(db)
        row["fts_build_s"] = round(time.perf_counter() - t0, 1)
    ts, _ = _timed(embed_query, queries)
    row["embed_p50"] = _pct(ts, 0.5)
    # before: the path at 4406b33 (first call loads its matrix; not timed)
    bq = queries[:before_queries]
    _search_before(bq[0], db)
    ts, _ = _timed(lambda q: _search_before(q, db), bq)
    row["before_p50"], row["before_p95"] = _pct(ts, 0.5), _pct(ts, 0.95)
    _progress(n, f"before: p50 {row['before_p50']:.0f} ms")
    # after: build the side indexes as the first search would, timed per index
    index.clear_cache()
    _drop_side_files(db)
    with Store(db).read() as con:
        t0 = time.perf_counter()
        load_bm25(con, db)
        row["bm25_build_s"] = round(time.perf_counter() - t0, 1)
        _progress(n, f"bm25s built in {row['bm25_build_s']} s")
        if n >= settings.ann_min_claims:
            t0 = time.perf_counter()
            load_ann(con, db)
            row["hnsw_build_s"] = round(time.perf_counter() - t0, 1)
            _progress(n, f"HNSW built in {row['hnsw_build_s']} s")
    index.clear_cache()
    t0 = time.perf_counter()
    S.search(queries[0], db)
    row["first_s"] = round(time.perf_counter() - t0, 2)  # a new process: side files loaded, verified

    def after(q, filters=Filters()):
        S.query_vector.cache_clear()
        S.query_lemmas.cache_clear()
        return S.search(q, db, filters=filters)

    ts, _ = _timed(after, queries)
    row["after_p50"], row["after_p95"] = _pct(ts, 0.5), _pct(ts, 0.95)
    ts, _ = _timed(lambda q: after(q, Filters(source="source-7")), queries)
    row["source_p50"] = _pct(ts, 0.5)
    ts, _ = _timed(lambda q: after(q, Filters(since=date(2025, 6, 1))), queries)
    row["since_p50"] = _pct(ts, 0.5)
    # legs alone, on one open connection
    where, params = Filters().sql()
    lex = [f"{q} {S.query_lemmas(q)}" for q in queries]
    with Store(db).read() as con:
        ts, fts_hits = _timed(lambda q: _fts_bm25(con, q, where, params, 100), lex)
        row["fts_p50"] = _pct(ts, 0.5)
        ts, bm_hits = _timed(lambda q: index.bm25_search(con, db, q, index.allowed_ids(con, where, params), 100), lex)
        row["bm25s_p50"] = _pct(ts, 0.5)
        row["bm25_top10_same"] = round(
            statistics.mean(
                len(set(a[:10]) & set(b[:10])) / max(1, min(10, len(a))) for a, b in zip(fts_hits, bm_hits, strict=True)
            ),
            3,
        )
        ex = load_exact(con, "before:" + str(db.resolve()))
        ts, exact = _timed(lambda v: ex.query(v, 100, -1.0, None), qvecs)
        row["numpy_p50"] = _pct(ts, 0.5)
        if n >= settings.ann_min_claims:
            ann = load_ann(con, db)
            ts, approx = _timed(lambda v: ann.query(v, 100, -1.0, None), qvecs)
            row["hnsw_p50"] = _pct(ts, 0.5)
            row["hnsw_recall10"] = round(
                statistics.mean(len(set(a[:10]) & set(e[:10])) / 10 for a, e in zip(approx, exact, strict=True)), 3
            )
            row["hnsw_recall100"] = round(
                statistics.mean(len(set(a) & set(e)) / 100 for a, e in zip(approx, exact, strict=True)), 3
            )
            # the same side files, every stored vector scored (IndexSettings.exact_scan)
            scan = dataclasses.replace(ann, settings=dataclasses.replace(ann.settings, exact_scan=True))
            ts, scanned = _timed(lambda v: scan.query(v, 100, -1.0, None), qvecs)
            row["scan_p50"] = _pct(ts, 0.5)
            row["scan_recall10"] = round(
                statistics.mean(len(set(a[:10]) & set(e[:10])) / 10 for a, e in zip(scanned, exact, strict=True)), 3
            )
    index.clear_cache()
    # a process that only searches (the UI): loads the side files, answers, peak memory
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.search_speed",
            "--searcher",
            str(db),
            "--queries",
            str(n_queries),
            "--claims-tsv",
            str(claims_tsv),
            "--queries-tsv",
            str(queries_tsv),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    try:
        row.update(json.loads(out.stdout.strip().splitlines()[-1]))
    except (IndexError, json.JSONDecodeError):
        print(out.stderr[-2000:], file=sys.stderr)
    return row


def bench_search(
    sizes: tuple[int, ...] = (10_000, 100_000),
    real: int = 1000,
    n_queries: int = 30,
    claims_tsv: Path = CLAIMS_TSV,
    queries_tsv: Path = QUERIES_TSV,
    before_queries: int = 10,
    workdir: Path | None = None,
    keep: bool = False,
) -> list[dict]:
    from kb.nlp.embed import embed, embed_query

    texts, queries = _load_text(claims_tsv, queries_tsv, real, n_queries)
    vecs = embed(texts)
    qvecs = embed(queries)
    embed_query("warm-up")
    rows = []
    for n in sizes:
        if keep:  # a kept database is reused by the next run (its side indexes are rebuilt, timed)
            tmp = Path(workdir or tempfile.gettempdir()) / f"kb-perfbench-{n}"
            tmp.mkdir(parents=True, exist_ok=True)
            row = _bench_size(
                n, str(tmp), texts, vecs, queries, qvecs, before_queries, n_queries, claims_tsv, queries_tsv
            )
        else:
            with tempfile.TemporaryDirectory(dir=workdir) as tmp:
                row = _bench_size(
                    n, tmp, texts, vecs, queries, qvecs, before_queries, n_queries, claims_tsv, queries_tsv
                )
        rows.append(row)
        print(row, flush=True)
    return rows


COLUMNS = {
    "end to end (ms unless marked s)": [
        ("claims", "claims"),
        ("load", "load avg"),
        ("embed_p50", "query embed p50"),
        ("before_p50", "before p50"),
        ("before_p95", "before p95"),
        ("after_p50", "after p50"),
        ("after_p95", "after p95"),
        ("source_p50", "after, source filter p50"),
        ("since_p50", "after, date filter p50"),
        ("first_s", "first search, indexes loaded from side files, s"),
        ("child_first_s", "search-only process: first search (models + indexes), s"),
        ("child_p50", "search-only process p50"),
        ("child_p95", "its p95"),
        ("child_peak_mib", "its peak RSS MiB"),
        ("child_anon_mib", "of which its own (anon) MiB"),
        ("child_file_mib", "mapped side files (page cache) MiB"),
    ],
    "legs and indexes (ms unless marked s)": [
        ("claims", "claims"),
        ("fts_p50", "BM25 DuckDB fts p50"),
        ("bm25s_p50", "BM25 bm25s p50"),
        ("bm25_top10_same", "BM25 top-10 overlap"),
        ("numpy_p50", "vectors exact numpy p50"),
        ("hnsw_p50", "vectors HNSW (i8 graph, f16 re-scored) p50"),
        ("hnsw_recall10", "HNSW recall@10"),
        ("hnsw_recall100", "HNSW recall@100"),
        ("scan_p50", "vectors exact scan (exact_scan) p50"),
        ("scan_recall10", "its recall@10"),
        ("fts_build_s", "fts build s"),
        ("bm25_build_s", "bm25s build s"),
        ("hnsw_build_s", "HNSW build s"),
    ],
}


def table(rows: list[dict]) -> str:
    out = []
    for title, cols in COLUMNS.items():
        out += [f"{title}:", "", "| " + " | ".join(h for _, h in cols) + " |", "|" + "---|" * len(cols)]
        for r in rows:
            out.append(
                "| "
                + " | ".join(
                    (
                        f"{r[k]:.1f}"
                        if isinstance(r.get(k), float) and k.endswith(("p50", "p95"))
                        else str(r.get(k, "–"))
                    )
                    for k, _ in cols
                )
                + " |"
            )
        out.append("")
    return "\n".join(out)


app = typer.Typer(add_completion=False, help=__doc__.split("\n\n")[0])


@app.command()
def main(
    sizes: Annotated[
        str, typer.Option(help="Claim counts, comma-separated (add 1000000 for 1M: slow).")
    ] = "10000,100000",
    real: Annotated[int, typer.Option(help="Real claims embedded with the model.")] = 1000,
    queries: Annotated[int, typer.Option(help="Queries timed.")] = 30,
    before_queries: Annotated[int, typer.Option(help="Queries timed on the old path (slow at 1M).")] = 10,
    workdir: Annotated[Path | None, typer.Option(help="Where the temporary databases go.")] = None,
    keep: Annotated[
        bool, typer.Option("--keep", help="Keep each database in WORKDIR/kb-perfbench-N and reuse it.")
    ] = False,
    claims_tsv: Annotated[Path, typer.Option(help="CLEF-format verified claims TSV (vclaim).")] = CLAIMS_TSV,
    queries_tsv: Annotated[Path, typer.Option(help="CLEF-format queries TSV (tweet_content).")] = QUERIES_TSV,
    searcher_db: Annotated[Path | None, typer.Option("--searcher", hidden=True)] = None,
) -> None:
    """Search latency before/after, each leg alone, index build times, HNSW recall, search-only process memory."""
    if searcher_db:
        _, texts = _load_text(claims_tsv, queries_tsv, 1, queries)
        print(json.dumps(searcher(searcher_db, texts)))
        return
    rows = bench_search(
        tuple(int(s) for s in sizes.split(",") if s),
        real,
        queries,
        claims_tsv=claims_tsv,
        queries_tsv=queries_tsv,
        before_queries=before_queries,
        workdir=workdir,
        keep=keep,
    )
    print(table(rows))


if __name__ == "__main__":
    app()
