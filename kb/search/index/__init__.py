"""Search indexes over the claims table, kept beside DuckDB and rebuilt from it.

DuckDB stays the system of record; every index here is a cache of it, keyed by a
fingerprint of the claims table (one cheap aggregate, re-read on every search):

- **Vectors.** Below ``IndexSettings.ann_min_claims`` claims: an exact numpy matrix in the
  process (one matrix-vector product; no query vector is ever bound as a DuckDB parameter,
  which alone costs 60-80 ms). From there on: a usearch HNSW graph in i8 whose candidates
  are re-scored from the f16 vectors of a side file (:class:`FullVectors`), saved next to the
  database (``kb.duckdb.vectors.usearch`` + ``.f16`` + ``.npz`` + ``.json``).
- **BM25.** bm25s (sparse matrices) over ``claims.search_text``, tokenised like the DuckDB
  fts index it replaces (lower case, accents stripped, ``[a-z]+`` words, DuckDB's English
  stop words, Porter stems), saved next to the database (``kb.duckdb.bm25/``).

When the fingerprint changes, an index catches up with the table: removed claims are
dropped (vectors) or masked (BM25), new claims are added (vectors) or scored against the
index's statistics (BM25: a small delta); past ``rebuild_fraction`` of the index it is
rebuilt. A side file that is missing, from other settings, cut short by a crash, or whose
sampled vectors disagree with DuckDB is rebuilt, never trusted: files are written under a
temporary name and renamed, and the metadata that vouches for them is written last.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np

from kb.config import EMBED_DIM, IndexSettings
from kb.store.schema import HIDDEN_CLAIMS_SQL

log = logging.getLogger(__name__)

FORMAT = 2  # bump when the side files change shape
# every claim, every copied article and every replaced version: any insert, delete or re-link changes it. One
# aggregate over two integer columns (cheap); never touch the 1.5 KB embedding column here.
# A claim id reused for another claim comes with another article_id (see _stamps).
FINGERPRINT_SQL = (
    "SELECT count(*), coalesce(max(claim_id), 0), coalesce(sum(claim_id), 0), coalesce(sum(article_id), 0), "
    "(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL), "
    "(SELECT count(*) FROM articles WHERE superseded_by IS NOT NULL) FROM claims"
)


def ann_signature(s: IndexSettings) -> dict:
    """What a saved vector index must have been built with to be used."""
    return {
        "format": FORMAT,
        "dim": EMBED_DIM,
        "dtype": s.ann_dtype,
        "connectivity": s.connectivity,
        "expansion_add": s.expansion_add,
    }


_CACHE: dict[tuple[str, str], object] = {}
_LOCK = threading.Lock()


def fingerprint(con: duckdb.DuckDBPyConnection) -> tuple:
    return tuple(con.execute(FINGERPRINT_SQL).fetchone())


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def _cached(kind: str, key: str):
    with _LOCK:
        return _CACHE.get((kind, key))


def _remember(kind: str, key: str, value) -> None:
    with _LOCK:
        _CACHE[(kind, key)] = value


def _stamps(con: duckdb.DuckDBPyConnection) -> tuple[np.ndarray, np.ndarray]:
    """Every claim id (ascending) and its article id: an index entry whose article differs
    from the table's is a reused id and is replaced."""
    r = con.execute("SELECT claim_id, article_id FROM claims ORDER BY claim_id").fetchnumpy()
    return r["claim_id"].astype(np.int64), r["article_id"].astype(np.int64)


def _same(ids: np.ndarray, articles: np.ndarray, now_ids: np.ndarray, now_articles: np.ndarray) -> np.ndarray:
    """Per entry (ids, articles): the table still has this claim id with this article."""
    if not len(now_ids):
        return np.zeros(len(ids), dtype=bool)
    pos = np.minimum(np.searchsorted(now_ids, ids), len(now_ids) - 1)
    return (now_ids[pos] == ids) & (now_articles[pos] == articles)


def _articles_of(ids: np.ndarray, now_ids: np.ndarray, now_articles: np.ndarray) -> np.ndarray:
    return now_articles[np.searchsorted(now_ids, ids)] if len(ids) else np.zeros(0, np.int64)


def disallowed_ids(con: duckdb.DuckDBPyConnection) -> np.ndarray:
    """Claims the default filter hides (not current: kb.store.schema), ascending."""
    return con.execute(HIDDEN_CLAIMS_SQL).fetchnumpy()["claim_id"].astype(np.int64)


def allowed_ids(con: duckdb.DuckDBPyConnection, where: str, params: list) -> np.ndarray:
    """Claim ids passing ``where`` (over ``claims c JOIN articles a``), ascending. A search
    under no filter passes None instead: the indexes keep the few ids the default hides."""
    return (
        con.execute(
            f"SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) WHERE {where} ORDER BY 1", params
        )
        .fetchnumpy()["claim_id"]
        .astype(np.int64)
    )


def _isin_sorted(values: np.ndarray, sorted_ids: np.ndarray) -> np.ndarray:
    if not len(sorted_ids) or not len(values):
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return sorted_ids[pos] == values


_BLAS = None


def _one_blas_thread():
    """A context that runs BLAS on one thread: a single query's matrix-vector product is
    memory-bound, and on a busy 2-core machine a second BLAS thread only waits for a core
    (measured: 50k x 384 in 24-48 ms with 2 threads, 2.3 ms with 1)."""
    global _BLAS
    if _BLAS is None:
        from threadpoolctl import ThreadpoolController

        _BLAS = ThreadpoolController()
    return _BLAS.limit(limits=1, user_api="blas")


def _top_scored(ids: np.ndarray, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The ``k`` best (id, score) by score, ties by claim id (as the SQL legs ordered them)."""
    if len(ids) > k:
        part = np.argpartition(-scores, k - 1)[:k]
        cut = scores[part].min()  # keep every tie at the cut, then order exactly
        sel = scores >= cut
        ids, scores = ids[sel], scores[sel]
    order = np.lexsort((ids, -scores))[:k]
    return [(int(i), float(x)) for i, x in zip(ids[order], scores[order], strict=True)]


def _top(ids: np.ndarray, scores: np.ndarray, k: int) -> list[int]:
    """The ``k`` best ids by score, ties by claim id."""
    return [i for i, _ in _top_scored(ids, scores, k)]


# -- vectors: exact ------------------------------------------------------------------------
@dataclass
class ExactIndex:
    fingerprint: tuple
    ids: np.ndarray  # claim ids, ascending, int64
    matrix: np.ndarray  # (n, 384) float32 unit vectors, row i is claim ids[i]
    default_mask: np.ndarray  # rows allowed under the default filter (not in a duplicate article)

    def search(self, vec: np.ndarray, k: int, min_cosine: float, mask: np.ndarray | None = None) -> list[int]:
        """Claim ids of the ``k`` most similar rows with cosine >= ``min_cosine``, best first
        (ties by claim id, as the SQL version ordered them)."""
        if not len(self.ids):
            return []
        with _one_blas_thread():
            scores = self.matrix @ vec.astype(np.float32, copy=False)
        keep = scores >= min_cosine
        if mask is not None:
            keep &= mask
        return _top(self.ids[keep], scores[keep], k)

    def mask_for(self, allowed: np.ndarray) -> np.ndarray:
        """Row mask for an array of allowed claim ids."""
        return _isin_sorted(self.ids, np.sort(np.asarray(allowed, dtype=np.int64)))

    def query(self, vec: np.ndarray, k: int, min_cosine: float, allowed: np.ndarray | None) -> list[int]:
        return self.search(vec, k, min_cosine, self.default_mask if allowed is None else self.mask_for(allowed))


def _embedding_batches(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None, rows: int = 65_536):
    """(ids, float32 matrix) batches of ``sql`` (claim_id, embedding), read through Arrow."""
    reader = con.execute(sql, params or []).fetch_record_batch(rows)
    for batch in reader:
        if not batch.num_rows:
            continue
        ids = batch.column(0).to_numpy().astype(np.int64)
        emb = batch.column(1)
        flat = (
            emb.values.to_numpy(zero_copy_only=False)
            if emb.offset == 0
            else emb.flatten().to_numpy(zero_copy_only=False)
        )
        yield ids, flat.astype(np.float32, copy=False).reshape(len(ids), EMBED_DIM)


def load_exact(con: duckdb.DuckDBPyConnection, key: str, fp: tuple | None = None) -> ExactIndex:
    """The cached exact index for database ``key``, reloaded from ``con`` if stale."""
    fp = fp or fingerprint(con)
    idx = _cached("exact", key)
    if idx is not None and idx.fingerprint == fp:
        return idx
    ids, mats = [np.zeros(0, np.int64)], [np.zeros((0, EMBED_DIM), np.float32)]
    for i, m in _embedding_batches(
        con, "SELECT claim_id, embedding FROM claims WHERE embedding IS NOT NULL ORDER BY claim_id"
    ):
        ids.append(i)
        mats.append(m.copy())
    all_ids = np.concatenate(ids)
    idx = ExactIndex(
        fp, all_ids, np.ascontiguousarray(np.concatenate(mats)), ~_isin_sorted(all_ids, disallowed_ids(con))
    )
    _remember("exact", key, idx)
    return idx


# -- vectors: approximate (usearch HNSW side file) ----------------------------------------------
def _side(db: Path, suffix: str) -> Path:
    return db.with_name(db.name + suffix)


def _write_atomic(path: Path, write) -> None:
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


@dataclass
class AnnIndex:
    fingerprint: tuple
    index: object  # usearch.index.Index, keys = claim ids
    ids: np.ndarray  # claim ids in the index, ascending
    no_embedding: np.ndarray  # claim ids known to have no embedding, ascending
    disallowed: np.ndarray  # claim ids hidden by the default filter, ascending
    articles: np.ndarray  # article id of each entry of ids
    settings: IndexSettings = field(default_factory=IndexSettings)
    viewed: bool = False  # memory-mapped side file: read-only (usearch crashes on a change to a view)
    full: FullVectors | None = None  # f16 vectors beside a quantised (i8) graph; None: the graph's own

    def vectors(self, keys: np.ndarray) -> np.ndarray:
        """float32 vectors of ``keys`` (all in the index): full precision when the graph is quantised."""
        if self.full is not None:
            return self.full.get(keys)
        return np.vstack(self.index.get(keys.astype(np.uint64))).astype(np.float32)

    def _scores(self, vec: np.ndarray, keys: np.ndarray, chunk: int = 32_768) -> np.ndarray:
        """Cosine of ``vec`` with the stored vectors of ``keys``, a chunk at a time (an exact
        pass over 1M claims would otherwise hold 1.5 GB of float32 at once)."""
        out = np.empty(len(keys), dtype=np.float32)
        vec = vec.astype(np.float32, copy=False)
        with _one_blas_thread():
            for i in range(0, len(keys), chunk):
                part = keys[i : i + chunk]
                out[i : i + len(part)] = self.vectors(part) @ vec
        return out

    def exact(self, vec: np.ndarray, k: int, min_cosine: float, allowed: np.ndarray) -> list[int]:
        """Exact ranking over ``allowed`` (the stored f16 vectors, every one scored)."""
        keys = allowed[_isin_sorted(allowed, self.ids)]
        if not len(keys):
            return []
        scores = self._scores(vec, keys)
        keep = scores >= min_cosine
        return _top(keys[keep], scores[keep], k)

    def query(self, vec: np.ndarray, k: int, min_cosine: float, allowed: np.ndarray | None) -> list[int]:
        """The ``k`` best claims with cosine >= ``min_cosine``: HNSW candidates, over-fetched
        and post-filtered; a selective filter (or a search the graph cannot satisfy) falls
        back to exact scoring over the filtered claims."""
        s, n = self.settings, len(self.ids)
        if not n:
            return []
        if allowed is not None and len(allowed) <= s.exact_max:
            return self.exact(vec, k, min_cosine, allowed)
        fraction = 1.0 if allowed is None else max(len(allowed) / n, 1e-6)
        want = min(n, int(k * s.overfetch / fraction) + 1)
        while True:
            if s.exact_scan and self.full is not None:  # a quantised graph's own scan is not exact: its f16 rows are
                keys = self.full.scan(vec, want)
                keys = keys[_isin_sorted(keys, self.ids)]  # rows of removed claims out
                keys = keys[np.sort(np.unique(keys, return_index=True)[1])]  # a re-added id: its old row too
                walked = sims = self._scores(vec, keys) if len(keys) else np.zeros(0, np.float32)
            else:
                m = self.index.search(vec.astype(np.float32, copy=False), want, threads=1, exact=s.exact_scan)
                keys = np.asarray(m.keys, dtype=np.int64)
                walked = 1.0 - np.asarray(m.distances, dtype=np.float32)  # the graph's (maybe quantised) cosines
                sims = walked
            ok = _isin_sorted(keys, allowed) if allowed is not None else ~_isin_sorted(keys, self.disallowed)
            if self.full is not None and not s.exact_scan:
                # a quantised graph only proposes: the candidates that pass the filter are ranked
                # by their full vectors (i8 cosines are off by up to ~0.02)
                sims = np.full(len(keys), -2.0, np.float32)
                if ok.any():
                    sims[ok] = self._scores(vec, keys[ok])
            ok &= sims >= min_cosine
            margin = 0.02 if self.full is not None else 0.0
            done = ok.sum() >= k or len(keys) >= n or (len(walked) and walked[-1] < min_cosine - margin)
            if done:
                return _top(keys[ok], sims[ok], k)
            if want >= n or want >= 16 * s.exact_max:  # the graph keeps missing: score everything allowed
                everything = np.setdiff1d(self.ids, self.disallowed) if allowed is None else allowed
                return self.exact(vec, k, min_cosine, everything)
            want = min(n, want * 4)


class FullVectors:
    """The claims' vectors in f16 beside a quantised (i8) graph, to re-score its candidates and
    for exact passes. Row i is claim ``ids[i]``: a side file read with ``pread`` (its pages stay
    in the page cache, outside the process: a search reads a few hundred rows) or, right after a
    build, a matrix in memory; claims added since then are kept in memory until the next save."""

    ROW = EMBED_DIM * 2

    def __init__(self, ids: np.ndarray, path: Path | None = None, matrix: np.ndarray | None = None):
        self.ids = ids
        self.matrix = matrix
        self.fd = os.open(path, os.O_RDONLY) if path is not None else None
        self._mapped: np.ndarray | None = None
        # (ids ascending, f16 rows), replaced as one: a search in another thread reads both together
        self._extra = (np.zeros(0, np.int64), np.zeros((0, EMBED_DIM), np.float16))

    @property
    def extra_ids(self) -> np.ndarray:
        return self._extra[0]

    def __del__(self):
        if getattr(self, "fd", None) is not None:
            os.close(self.fd)

    def add(self, ids: np.ndarray, mat: np.ndarray) -> None:
        """Claims added to the graph since the rows were written (an id seen again replaces its row)."""
        extra_ids, extra = self._extra
        keep = ~_isin_sorted(extra_ids, np.sort(ids))
        all_ids = np.concatenate([extra_ids[keep], ids])
        order = np.argsort(all_ids, kind="stable")
        self._extra = (all_ids[order], np.concatenate([extra[keep], mat.astype(np.float16)])[order])

    def _rows(self, pos: np.ndarray) -> np.ndarray:
        if self.matrix is not None:
            return self.matrix[pos]
        out = np.empty((len(pos), EMBED_DIM), np.float16)
        order = np.argsort(pos, kind="stable")
        sp = pos[order]
        breaks = np.flatnonzero(np.diff(sp) != 1) + 1  # runs of consecutive rows: one read each
        for run in np.split(np.arange(len(sp)), breaks):
            if not len(run):
                continue
            first, n = int(sp[run[0]]), len(run)
            buf = os.pread(self.fd, n * self.ROW, first * self.ROW)
            if len(buf) != n * self.ROW:
                raise OSError(f"vector file cut short at row {first}")
            out[order[run]] = np.frombuffer(buf, np.float16).reshape(n, EMBED_DIM)
        return out

    def scan(self, vec: np.ndarray, count: int) -> np.ndarray:
        """Claim ids of the ``count`` rows most similar to ``vec``, every row scored (usearch's
        SIMD brute force over the memory-mapped rows: exact, ~100 ms at 1M), best first; rows
        of claims removed since are among them (the caller keeps the ones still indexed)."""
        from usearch.index import search as brute_force

        if self.matrix is not None:
            rows = self.matrix
        elif not len(self.ids):  # an empty file cannot be mapped
            rows = np.zeros((0, EMBED_DIM), np.float16)
        else:
            if self._mapped is None:  # mapped from the open file: the rows read, even if renamed or replaced since
                import mmap

                self._mapped = np.frombuffer(mmap.mmap(self.fd, 0, access=mmap.ACCESS_READ), dtype=np.float16).reshape(
                    -1, EMBED_DIM
                )
            rows = self._mapped
        found = [np.zeros(0, np.int64)]
        scores = [np.zeros(0, np.float32)]
        if len(rows):
            m = brute_force(rows, vec.astype(np.float16), min(count, len(rows)), "cos", exact=True, threads=1)
            found.append(self.ids[np.asarray(m.keys, dtype=np.int64)])
            scores.append(1.0 - np.asarray(m.distances, dtype=np.float32))
        extra_ids, extra = self._extra
        if len(extra_ids):
            found.append(extra_ids)
            scores.append(extra.astype(np.float32) @ vec.astype(np.float32))
        ids, sims = np.concatenate(found), np.concatenate(scores)
        return ids[np.argsort(-sims, kind="stable")[:count]]

    def get(self, keys: np.ndarray) -> np.ndarray:
        """float32 vectors of ``keys`` (each must be in ``ids`` or added since)."""
        keys = np.asarray(keys, dtype=np.int64)
        out = np.empty((len(keys), EMBED_DIM), np.float32)
        extra_ids, extra = self._extra
        new = _isin_sorted(keys, extra_ids)
        if new.any():
            out[new] = extra[np.searchsorted(extra_ids, keys[new])]
        old = ~new
        if old.any():
            out[old] = self._rows(np.searchsorted(self.ids, keys[old]))
        return out


def _new_usearch(s: IndexSettings):
    from usearch.index import Index

    return Index(
        ndim=EMBED_DIM,
        metric="cos",
        dtype=s.ann_dtype,
        connectivity=s.connectivity,
        expansion_add=s.expansion_add,
        expansion_search=s.expansion_search,
    )


def _build_ann(con: duckdb.DuckDBPyConnection, fp: tuple, s: IndexSettings) -> AnnIndex:
    index = _new_usearch(s)
    ids, full = [], []
    rng = np.random.default_rng(0)
    for i, m in _embedding_batches(
        con, "SELECT claim_id, embedding FROM claims WHERE embedding IS NOT NULL ORDER BY claim_id", rows=262_144
    ):
        # inserted in shuffled order: claims of one article or one day next to each other
        # make a worse graph (100k benchmark claims: recall@10 0.88 in id order, 0.92 shuffled)
        order = rng.permutation(len(i))
        index.add(i[order].astype(np.uint64), m[order], threads=s.threads)
        ids.append(i)
        if _quantised(s):
            full.append(m.astype(np.float16))
    ids_arr = np.concatenate(ids) if ids else np.zeros(0, np.int64)  # batches come in claim id order
    now_ids, now_articles = _stamps(con)
    no_emb = np.setdiff1d(now_ids, ids_arr, assume_unique=True)
    vectors = (
        FullVectors(ids_arr, matrix=np.concatenate(full) if full else np.zeros((0, EMBED_DIM), np.float16))
        if _quantised(s)
        else None
    )
    return AnnIndex(
        fp, index, ids_arr, no_emb, disallowed_ids(con), _articles_of(ids_arr, now_ids, now_articles), s, full=vectors
    )


def _quantised(s: IndexSettings) -> bool:
    return s.ann_dtype not in ("f16", "f32", "f64")


def _save_ann(db: Path, ann: AnnIndex) -> None:
    """Write the side files. Afterwards the f16 rows of ``ann`` are read from the file just
    written (not held in memory: 768 MB at 1M claims right after a build)."""
    graph, arrays, meta = _side(db, ".vectors.usearch"), _side(db, ".vectors.npz"), _side(db, ".vectors.json")
    flat = _side(db, ".vectors.f16")
    ids, full, written = ann.ids, ann.full, {}
    try:
        meta.unlink(missing_ok=True)  # nothing vouches for the files while they change
        _write_atomic(graph, lambda p: ann.index.save(str(p)))
        _write_atomic(
            arrays, lambda p: np.savez(open(p, "wb"), ids=ids, no_embedding=ann.no_embedding, articles=ann.articles)
        )
        if full is not None:

            def rows(p: Path) -> None:
                with open(p, "wb") as fh:
                    for i in range(0, len(ids), 65_536):
                        fh.write(full.get(ids[i : i + 65_536]).astype(np.float16).tobytes())
                    fh.flush()
                    os.fsync(fh.fileno())
                # opened before the rename: these rows, whatever another process saves later
                written["full"] = FullVectors(ids, path=p)

            _write_atomic(flat, rows)
        else:
            flat.unlink(missing_ok=True)
        body = {
            **ann_signature(ann.settings),
            "fingerprint": list(ann.fingerprint),
            "n": int(len(ids)),
            "graph_bytes": graph.stat().st_size,
            "arrays_bytes": arrays.stat().st_size,
            "full_bytes": flat.stat().st_size if full is not None else 0,
        }
        _write_atomic(meta, lambda p: p.write_text(json.dumps(body)))
    except OSError as exc:  # a read-only data directory: the index lives in this process only
        log.warning("could not save the vector index next to %s (%s); it stays in memory", db, exc)
        return
    if "full" in written and ann.full is full and ann.ids is ids:  # nothing caught up meanwhile
        ann.full = written["full"]


def _load_ann(con: duckdb.DuckDBPyConnection, db: Path, s: IndexSettings, view: bool = False) -> AnnIndex | None:
    """The side file if it is whole, from these settings and agrees with DuckDB; else None.
    ``view``: memory-map the graph instead of reading it into the process (read-only)."""
    graph, arrays, meta = _side(db, ".vectors.usearch"), _side(db, ".vectors.npz"), _side(db, ".vectors.json")
    if not meta.exists():
        return None
    try:
        text = meta.read_text()
        body = json.loads(text)
        if any(body.get(k) != v for k, v in ann_signature(s).items()):
            log.info("vector index %s was built with other settings: rebuilding", graph)
            return None
        if graph.stat().st_size != body["graph_bytes"] or arrays.stat().st_size != body["arrays_bytes"]:
            raise ValueError("file sizes differ from its metadata")
        with np.load(arrays) as z:
            ids, no_emb, arts = (z[k].astype(np.int64) for k in ("ids", "no_embedding", "articles"))
        index = _new_usearch(s)
        index.view(str(graph)) if view else index.load(str(graph))
        if len(index) != len(ids) or len(ids) != body["n"]:
            raise ValueError(f"{len(index)} vectors in the graph, {len(ids)} ids")
        full = None
        if _quantised(s):
            flat = _side(db, ".vectors.f16")
            if flat.stat().st_size != body.get("full_bytes") or body["full_bytes"] != len(ids) * FullVectors.ROW:
                raise ValueError("the f16 vector file differs from its metadata")
            full = FullVectors(ids, path=flat)
        _verify(con, index, ids, s, full)
        if meta.read_text() != text:  # another process saved while these files were read: they may not match
            raise ValueError("saved again while loading")
    except Exception as exc:  # noqa: BLE001 - any damage means rebuild, never a wrong answer
        log.warning("vector index %s is unusable (%s): rebuilding it from the database", graph, exc)
        return None
    return AnnIndex(
        tuple(body["fingerprint"]), index, ids, no_emb, np.zeros(0, np.int64), arts, s, viewed=view, full=full
    )


def _verify(
    con: duckdb.DuckDBPyConnection, index, ids: np.ndarray, s: IndexSettings, full: FullVectors | None = None
) -> None:
    """A run of consecutive stored vectors (one cheap DuckDB range read) must match the table:
    the f16 rows to f16 precision, a quantised graph's own vectors in direction."""
    if not len(ids) or not s.verify_samples:
        return
    start = int(np.random.default_rng().integers(0, max(1, len(ids) - s.verify_samples + 1)))
    sample = ids[start : start + s.verify_samples]
    for got_ids, truth in _embedding_batches(
        con,
        "SELECT claim_id, embedding FROM claims WHERE claim_id BETWEEN ? AND ? AND embedding IS NOT NULL "
        "ORDER BY claim_id",
        [int(sample[0]), int(sample[-1])],
    ):
        keep = _isin_sorted(got_ids, sample)
        got_ids, truth = got_ids[keep], truth[keep]
        if not len(got_ids):
            continue
        if not np.array_equal(got_ids, sample[_isin_sorted(sample, got_ids)]):
            raise ValueError("ids differ from the table")
        graph = np.vstack(index.get(got_ids.astype(np.uint64))).astype(np.float32)
        if graph.shape != truth.shape:
            raise ValueError("stored vectors differ from the table")
        if full is not None:
            if not np.allclose(full.get(got_ids), truth, atol=2e-3):
                raise ValueError("stored f16 vectors differ from the table")
            graph /= np.maximum(np.linalg.norm(graph, axis=1, keepdims=True), 1e-9)
            if np.min(np.sum(graph * truth, axis=1)) < 0.98:
                raise ValueError("the graph's quantised vectors differ from the table")
        elif not np.allclose(graph, truth, atol=2e-3):
            raise ValueError("stored vectors differ from the table")


def _catch_up_ann(con: duckdb.DuckDBPyConnection, ann: AnnIndex, fp: tuple) -> int:
    """Bring ``ann`` in line with the table: drop removed claims, add new ones. Returns how
    many claims changed."""
    if ann.viewed:  # usearch would crash on a change to a memory-mapped graph
        raise RuntimeError("a memory-mapped vector index cannot be changed: load it to catch up")
    now, now_articles = _stamps(con)
    removed = ann.ids[~_same(ann.ids, ann.articles, now, now_articles)]
    known = np.union1d(np.setdiff1d(ann.ids, removed, assume_unique=True), ann.no_embedding)
    added = np.setdiff1d(now, known, assume_unique=True)
    if len(removed):
        ann.index.remove(removed.astype(np.uint64))
        ann.ids = np.setdiff1d(ann.ids, removed, assume_unique=True)
    ann.no_embedding = np.intersect1d(ann.no_embedding, now, assume_unique=True)
    if len(added):
        got = []
        for i, m in _embedding_batches(
            con,
            "SELECT claim_id, embedding FROM claims WHERE claim_id >= ? AND claim_id IN (SELECT unnest(?)) "
            "AND embedding IS NOT NULL ORDER BY claim_id",
            [int(added[0]), added.tolist()],
        ):
            if ann.full is not None:  # first: a search in another thread may find them in the graph at once
                ann.full.add(i, m)
            ann.index.add(i.astype(np.uint64), m, threads=ann.settings.threads)
            got.append(i)
        got_ids = np.concatenate(got) if got else np.zeros(0, np.int64)
        ann.ids = np.union1d(ann.ids, got_ids)
        ann.no_embedding = np.union1d(ann.no_embedding, np.setdiff1d(added, got_ids, assume_unique=True))
    ann.articles = _articles_of(ann.ids, now, now_articles)
    ann.fingerprint = fp
    return len(removed) + len(added)


def load_ann(
    con: duckdb.DuckDBPyConnection, db: Path, fp: tuple | None = None, settings: IndexSettings | None = None
) -> AnnIndex:
    """The HNSW index of database ``db``: from this process, else its side file (memory-mapped
    when it is up to date, ``IndexSettings.mmap``), else built; brought up to date with
    the table either way."""
    settings = settings or IndexSettings()
    fp = fp or fingerprint(con)
    key = str(db.resolve())
    with _LOCK:  # one builder per process; other threads wait for it rather than build twice
        ann = _CACHE.get(("ann", key))
        if ann is not None and ann.fingerprint == fp and ann.settings == settings:
            return ann
        if ann is None or ann.settings != settings or ann.viewed:
            # the side file first (the ingest that changed the table saved it at its end)
            ann = _load_ann(con, db, settings, view=settings.mmap)
            if ann is not None and ann.viewed and ann.fingerprint != fp:
                ann = _load_ann(con, db, settings)  # behind the table: a view cannot catch up, a copy can
            if ann is None:
                ann = _build_ann(con, fp, settings)
                _save_ann(db, ann)
        changed = _catch_up_ann(con, ann, fp) if ann.fingerprint != fp else 0
        ann.disallowed = disallowed_ids(con)
        if changed > settings.rebuild_fraction * max(1, len(ann.ids)):
            _save_ann(db, ann)
        _CACHE[("ann", key)] = ann
        return ann


def vector_search(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    vec: np.ndarray,
    where: str,
    params: list,
    k: int,
    min_cosine: float,
    settings: IndexSettings | None = None,
    fp: tuple | None = None,
    allowed: np.ndarray | None | bool = False,
) -> list[int]:
    """The vector leg: claim ids by cosine to ``vec`` under the filter ``where``, best first.
    ``fp`` and ``allowed`` (:func:`fingerprint`, :func:`allowed_ids`) may be passed in when
    the caller has them already: one search computes them once for all its legs."""
    settings = settings or IndexSettings()
    fp = fp or fingerprint(con)
    if allowed is False:
        allowed = allowed_ids(con, where, params)
    if fp[0] >= settings.ann_min_claims:
        return load_ann(con, db, fp, settings).query(vec, k, min_cosine, allowed)
    return load_exact(con, str(db.resolve()), fp).query(vec, k, min_cosine, allowed)


# -- BM25 (bm25s side index) ---------------------------------------------------------------
_WORD = re.compile(r"[a-z]+")
_STOP: frozenset[str] | None = None
_LOCAL = threading.local()


def _stopwords() -> frozenset[str]:
    """DuckDB fts's English stop words (571 words), read from the pinned extension itself so
    that BM25 drops the same words it always did."""
    global _STOP
    if _STOP is None:
        from kb.store.connection import load_extension

        con = duckdb.connect()
        try:
            load_extension(con, "fts")
            con.execute("CREATE TABLE t (id INTEGER, s VARCHAR); INSERT INTO t VALUES (1, 'x')")
            con.execute("PRAGMA create_fts_index('t', 'id', 's', stopwords = 'english')")
            _STOP = frozenset(r[0] for r in con.execute("SELECT sw FROM fts_main_t.stopwords").fetchall())
        finally:
            con.close()
    return _STOP


def tokens(text: str) -> list[str]:
    """BM25 terms of ``text``, as DuckDB fts made them: lower case, accents stripped, runs of
    a-z (digits and punctuation split words), English stop words dropped, Porter stems."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:  # PyStemmer objects are not thread-safe: one per thread
        import Stemmer

        stemmer = _LOCAL.stemmer = Stemmer.Stemmer("porter")
    text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")
    stop = _stopwords()
    return stemmer.stemWords([w for w in _WORD.findall(text) if w not in stop])


@dataclass
class Bm25Index:
    fingerprint: tuple
    retriever: object  # bm25s.BM25; document i is claim ids[i]
    ids: np.ndarray  # ascending
    alive: np.ndarray  # per document: still in the table
    df: np.ndarray  # documents per vocabulary id
    avgdl: float
    articles: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # per document
    disallowed: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    delta_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # newer claims, ascending
    delta_tokens: list = field(default_factory=list)
    delta_articles: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    settings: IndexSettings = field(default_factory=IndexSettings)

    def _idf(self, df: np.ndarray) -> np.ndarray:
        n = len(self.ids)
        return np.log(1 + (n - df + 0.5) / (df + 0.5))

    def query(self, text: str, k: int, allowed: np.ndarray | None) -> list[int]:
        """Claim ids with a positive BM25 score for ``text``, best first (ties by claim id)."""
        return [i for i, _ in self.query_scored(text, k, allowed)]

    def query_scored(self, text: str, k: int, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        """(claim id, BM25 score) with a positive score for ``text``, best first."""
        terms = list(dict.fromkeys(tokens(text)))  # each query term counts once, as in DuckDB fts
        vocab = self.retriever.vocab_dict
        tids = [vocab[t] for t in terms if t in vocab and vocab[t] < len(self.df)]
        out_ids, out_scores = [np.zeros(0, np.int64)], [np.zeros(0, np.float32)]
        if tids and len(self.ids):
            scores = self.retriever.get_scores_from_ids(tids)
            hit = np.flatnonzero(scores > 0)
            hit = hit[self.alive[hit]]
            out_ids.append(self.ids[hit])
            out_scores.append(scores[hit].astype(np.float32))
        if len(self.delta_ids) and terms:
            out_ids.append(self.delta_ids)
            out_scores.append(self._delta_scores(terms))
        ids, scores = np.concatenate(out_ids), np.concatenate(out_scores)
        ok = scores > 0
        ok &= _isin_sorted(ids, allowed) if allowed is not None else ~_isin_sorted(ids, self.disallowed)
        return _top_scored(ids[ok], scores[ok], k)

    def _delta_scores(self, terms: list[str]) -> np.ndarray:
        """BM25 of the claims newer than the index, with the index's statistics (Lucene
        variant, as bm25s scores)."""
        s, vocab = self.settings, self.retriever.vocab_dict
        df = np.array([self.df[vocab[t]] if t in vocab else 0 for t in terms], dtype=np.float64)
        idf = self._idf(df)
        out = np.zeros(len(self.delta_ids), dtype=np.float32)
        for j, doc in enumerate(self.delta_tokens):
            if not doc:
                continue
            norm = s.bm25_k1 * (1 - s.bm25_b + s.bm25_b * len(doc) / max(self.avgdl, 1e-9))
            for t, w in zip(terms, idf, strict=True):
                tf = doc.count(t)
                if tf:
                    out[j] += w * tf / (tf + norm)
        return out


def _texts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    for batch in con.execute(sql, params or []).fetch_record_batch(65_536):
        yield batch.column(0).to_numpy().astype(np.int64), batch.column(1).to_pylist()


def _build_bm25(con: duckdb.DuckDBPyConnection, fp: tuple, s: IndexSettings) -> Bm25Index:
    import bm25s

    ids, docs = [np.zeros(0, np.int64)], []
    for i, texts in _texts(con, "SELECT claim_id, search_text FROM claims ORDER BY claim_id"):
        ids.append(i)
        docs.extend(tokens(t or "") for t in texts)
    retriever = bm25s.BM25(k1=s.bm25_k1, b=s.bm25_b, method="lucene")
    all_ids = np.concatenate(ids)
    if docs:
        retriever.index(docs, show_progress=False)
        df = np.diff(np.asarray(retriever.scores["indptr"])).astype(np.int64)
    else:
        retriever.vocab_dict, df = {}, np.zeros(0, np.int64)
    avgdl = float(np.mean([len(d) for d in docs])) if docs else 0.0
    now_ids, now_articles = _stamps(con)
    return Bm25Index(
        fp,
        retriever,
        all_ids,
        np.ones(len(all_ids), bool),
        df,
        avgdl,
        _articles_of(all_ids, now_ids, now_articles),
        settings=s,
    )


def _bm25_signature(s: IndexSettings) -> dict:
    return {"format": FORMAT, "k1": s.bm25_k1, "b": s.bm25_b, "tokens": "duckdb-fts-porter-english"}


def _dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.iterdir())


def _save_bm25(db: Path, bm: Bm25Index) -> None:
    import shutil

    folder, meta = _side(db, ".bm25"), _side(db, ".bm25.json")
    tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}")
    try:
        meta.unlink(missing_ok=True)
        if not len(bm.ids):  # no claims yet: bm25s has nothing to save, and a rebuild costs nothing
            return
        shutil.rmtree(tmp, ignore_errors=True)
        bm.retriever.save(str(tmp))
        np.savez(open(tmp / "kb_ids.npz", "wb"), ids=bm.ids, df=bm.df, articles=bm.articles)
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
        body = {
            **_bm25_signature(bm.settings),
            "fingerprint": list(bm.fingerprint),
            "n": int(len(bm.ids)),
            "avgdl": bm.avgdl,
            "bytes": _dir_bytes(folder),
        }
        _write_atomic(meta, lambda p: p.write_text(json.dumps(body)))
    except OSError as exc:
        log.warning("could not save the BM25 index next to %s (%s); it stays in memory", db, exc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _load_bm25(db: Path, s: IndexSettings) -> Bm25Index | None:
    import bm25s

    folder, meta = _side(db, ".bm25"), _side(db, ".bm25.json")
    if not meta.exists():
        return None
    try:
        body = json.loads(meta.read_text())
        if any(body.get(k) != v for k, v in _bm25_signature(s).items()):
            return None
        if _dir_bytes(folder) != body["bytes"]:
            raise ValueError("file sizes differ from its metadata")
        retriever = bm25s.BM25.load(str(folder), mmap=s.mmap)  # read-only: new claims are scored as a delta
        with np.load(folder / "kb_ids.npz") as z:
            ids, df, arts = (z[k].astype(np.int64) for k in ("ids", "df", "articles"))
        if (
            len(ids) != body["n"]
            or retriever.scores["num_docs"] != len(ids)
            or len(df) != len(retriever.scores["indptr"]) - 1
        ):
            raise ValueError("document counts differ")
    except Exception as exc:  # noqa: BLE001 - any damage means rebuild, never a wrong answer
        log.warning("BM25 index %s is unusable (%s): rebuilding it from the database", folder, exc)
        return None
    return Bm25Index(
        tuple(body["fingerprint"]), retriever, ids, np.ones(len(ids), bool), df, float(body["avgdl"]), arts, settings=s
    )


def _catch_up_bm25(con: duckdb.DuckDBPyConnection, bm: Bm25Index, fp: tuple) -> int:
    """Mask removed claims and score new ones as a delta. Returns how many changed."""
    now, now_articles = _stamps(con)
    bm.alive = _same(bm.ids, bm.articles, now, now_articles)
    keep = _same(bm.delta_ids, bm.delta_articles, now, now_articles)
    bm.delta_ids = bm.delta_ids[keep]
    bm.delta_tokens = [t for t, k in zip(bm.delta_tokens, keep, strict=True) if k]
    added = np.setdiff1d(now, np.union1d(bm.ids[bm.alive], bm.delta_ids), assume_unique=True)
    if len(added):
        new_ids, new_tokens = [bm.delta_ids], list(bm.delta_tokens)
        for i, texts in _texts(
            con,
            "SELECT claim_id, search_text FROM claims WHERE claim_id >= ? "
            "AND claim_id IN (SELECT unnest(?)) ORDER BY claim_id",
            [int(added[0]), added.tolist()],
        ):
            new_ids.append(i)
            new_tokens.extend(tokens(t or "") for t in texts)
        merged = np.concatenate(new_ids)
        order = np.argsort(merged, kind="stable")
        bm.delta_ids = merged[order]
        bm.delta_tokens = [new_tokens[j] for j in order]
    bm.delta_articles = _articles_of(bm.delta_ids, now, now_articles)
    bm.fingerprint = fp
    return int((~bm.alive).sum()) + len(bm.delta_ids)


def load_bm25(
    con: duckdb.DuckDBPyConnection, db: Path, fp: tuple | None = None, settings: IndexSettings | None = None
) -> Bm25Index:
    """The BM25 index of database ``db``: from this process, else its side folder, else
    built; brought up to date with the table (rebuilt when the delta grows too big)."""
    settings = settings or IndexSettings()
    fp = fp or fingerprint(con)
    key = str(db.resolve())
    with _LOCK:
        bm = _CACHE.get(("bm25", key))
        if bm is None or bm.settings != settings:
            bm = _load_bm25(db, settings)
            if bm is None:
                bm = _build_bm25(con, fp, settings)
                _save_bm25(db, bm)
        elif bm.fingerprint == fp:
            return bm
        if bm.fingerprint != fp:
            changed = _catch_up_bm25(con, bm, fp)
            if changed > settings.rebuild_fraction * max(1, len(bm.ids)):
                bm = _build_bm25(con, fp, settings)
                _save_bm25(db, bm)
        bm.disallowed = disallowed_ids(con)
        _CACHE[("bm25", key)] = bm
        return bm


def bm25_search(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    query: str,
    where: str,
    params: list,
    k: int,
    settings: IndexSettings | None = None,
    fp: tuple | None = None,
    allowed: np.ndarray | None | bool = False,
) -> list[int]:
    """The BM25 leg: claim ids matching ``query`` under the filter ``where``, best first."""
    return [i for i, _ in bm25_search_scored(con, db, query, where, params, k, settings, fp, allowed)]


def bm25_search_scored(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    query: str,
    where: str,
    params: list,
    k: int,
    settings: IndexSettings | None = None,
    fp: tuple | None = None,
    allowed: np.ndarray | None | bool = False,
) -> list[tuple[int, float]]:
    """The BM25 leg with its scores (for score fusion), best first (``fp``, ``allowed``: as
    for :func:`vector_search`)."""
    settings = settings or IndexSettings()
    fp = fp or fingerprint(con)
    if allowed is False:
        allowed = allowed_ids(con, where, params)
    return load_bm25(con, db, fp, settings).query_scored(query, k, allowed)


def cosines(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    vec: np.ndarray,
    claim_ids: list[int],
    settings: IndexSettings | None = None,
    fp: tuple | None = None,
) -> dict[int, float]:
    """Cosine of ``vec`` with each of ``claim_ids`` that has an embedding, from whichever
    vector index serves this database (exact matrix, or the HNSW index's stored vectors)."""
    settings = settings or IndexSettings()
    if not claim_ids:
        return {}
    fp = fp or fingerprint(con)
    want = np.unique(np.asarray(claim_ids, dtype=np.int64))
    if fp[0] >= settings.ann_min_claims:
        ann = load_ann(con, db, fp, settings)
        keys = want[_isin_sorted(want, ann.ids)]
        sims = ann._scores(vec, keys) if len(keys) else np.zeros(0, np.float32)
    else:
        idx = load_exact(con, str(db.resolve()), fp)
        if not len(idx.ids):
            return {}
        pos = np.minimum(np.searchsorted(idx.ids, want), len(idx.ids) - 1)
        found = idx.ids[pos] == want
        keys = want[found]
        with _one_blas_thread():
            sims = idx.matrix[pos[found]] @ vec.astype(np.float32, copy=False)
    return {int(c): float(x) for c, x in zip(keys, sims, strict=True)}


def refresh(db: Path, settings: IndexSettings | None = None) -> dict:
    """Bring the side indexes of ``db`` up to date with the table and save them: for the end
    of an ingest run, so that the next search (in any process) finds them ready. Returns
    what it did."""
    from kb.store.connection import Store

    settings = settings or IndexSettings()
    db = Path(db)
    out: dict = {}
    with Store(db).read() as con:
        fp = fingerprint(con)
        bm = load_bm25(con, db, fp, settings)
        if len(bm.delta_ids) or not bm.alive.all():
            bm = _build_bm25(con, fp, settings)
            bm.disallowed = disallowed_ids(con)
            _save_bm25(db, bm)
            _remember("bm25", str(db.resolve()), bm)
            out["bm25"] = "rebuilt"
        if fp[0] >= settings.ann_min_claims:
            ann = load_ann(con, db, fp, settings)
            meta = _side(db, ".vectors.json")
            saved_fp = tuple(json.loads(meta.read_text()).get("fingerprint", ())) if meta.exists() else ()
            if saved_fp != fp:
                _save_ann(db, ann)
                out["vectors"] = "saved"
    return out
