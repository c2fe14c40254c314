"""The vector leg from ``IndexSettings.ann_min_claims`` claims on: a usearch HNSW graph in i8
whose candidates are re-scored from the f16 vectors of a side file (:class:`FullVectors`),
saved next to the database (``kb.duckdb.vectors.usearch`` + ``.f16`` + ``.npz`` + ``.json``).

A new process maps the saved graph read-only when it is up to date with the table
(``IndexSettings.mmap``: not copied into its memory) and reads a copy when it is behind (a
mapped graph cannot change). Catching up drops removed claims and adds new ones; past
``rebuild_fraction`` of the index the caught-up graph is saved again. A graph whose sampled
vectors disagree with DuckDB is rebuilt (:func:`verify`).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

import duckdb
import numpy as np

from kb.config import EMBED_DIM, IndexSettings
from kb.search.index.common import (
    Fingerprint,
    articles_of,
    disallowed_ids,
    embedding_batches,
    fingerprint,
    isin_sorted,
    one_blas_thread,
    same,
    stamps,
    top,
)
from kb.search.index.sidefile import FORMAT, Meta, SideFile, side, write_atomic

if TYPE_CHECKING:
    from usearch.index import Index

log = logging.getLogger(__name__)

GRAPH, ARRAYS, ROWS, META = ".vectors.usearch", ".vectors.npz", ".vectors.f16", ".vectors.json"


def signature(s: IndexSettings) -> Meta:
    """What a saved vector index must have been built with to be used."""
    return {
        "format": FORMAT,
        "dim": EMBED_DIM,
        "dtype": s.ann_dtype,
        "connectivity": s.connectivity,
        "expansion_add": s.expansion_add,
    }


def quantised(s: IndexSettings) -> bool:
    return s.ann_dtype not in ("f16", "f32", "f64")


def _graph_vectors(index: Index, keys: np.ndarray) -> np.ndarray:
    """float32 vectors the graph itself stores for ``keys`` (all in it)."""
    return np.vstack(cast("tuple[np.ndarray, ...]", index.get(keys.astype(np.uint64)))).astype(np.float32)


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

    def __del__(self) -> None:
        if getattr(self, "fd", None) is not None:
            os.close(cast(int, self.fd))

    def add(self, ids: np.ndarray, mat: np.ndarray) -> None:
        """Claims added to the graph since the rows were written (an id seen again replaces its row)."""
        extra_ids, extra = self._extra
        keep = ~isin_sorted(extra_ids, np.sort(ids))
        all_ids = np.concatenate([extra_ids[keep], ids])
        order = np.argsort(all_ids, kind="stable")
        self._extra = (all_ids[order], np.concatenate([extra[keep], mat.astype(np.float16)])[order])

    def _rows(self, pos: np.ndarray) -> np.ndarray:
        if self.matrix is not None:
            return self.matrix[pos]
        assert self.fd is not None  # a FullVectors has a matrix or a file
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
        SIMD brute force over the memory-mapped rows: exact), best first; rows of claims
        removed since are among them (the caller keeps the ones still indexed)."""
        from usearch.index import search as brute_force

        if self.matrix is not None:
            rows = self.matrix
        elif not len(self.ids):  # an empty file cannot be mapped
            rows = np.zeros((0, EMBED_DIM), np.float16)
        else:
            if self._mapped is None:  # mapped from the open file: the rows read, even if renamed or replaced since
                import mmap

                assert self.fd is not None
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
        new = isin_sorted(keys, extra_ids)
        if new.any():
            out[new] = extra[np.searchsorted(extra_ids, keys[new])]
        old = ~new
        if old.any():
            out[old] = self._rows(np.searchsorted(self.ids, keys[old]))
        return out


@dataclass
class AnnIndex:
    fingerprint: Fingerprint
    index: Index  # keys = claim ids
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
        return _graph_vectors(self.index, keys)

    def scores(self, vec: np.ndarray, keys: np.ndarray, chunk: int = 32_768) -> np.ndarray:
        """Cosine of ``vec`` with the stored vectors of ``keys``, a chunk at a time (an exact
        pass over 1M claims would otherwise hold 1.5 GB of float32 at once)."""
        out = np.empty(len(keys), dtype=np.float32)
        vec = vec.astype(np.float32, copy=False)
        with one_blas_thread():
            for i in range(0, len(keys), chunk):
                part = keys[i : i + chunk]
                out[i : i + len(part)] = self.vectors(part) @ vec
        return out

    def cosines(self, vec: np.ndarray, want: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(claim ids, cosines with ``vec``) of those of ``want`` (unique, ascending) in the index."""
        keys = want[isin_sorted(want, self.ids)]
        return keys, self.scores(vec, keys) if len(keys) else np.zeros(0, np.float32)

    def exact(self, vec: np.ndarray, k: int, min_cosine: float, allowed: np.ndarray) -> list[int]:
        """Exact ranking over ``allowed`` (the stored f16 vectors, every one scored)."""
        keys = allowed[isin_sorted(allowed, self.ids)]
        if not len(keys):
            return []
        scores = self.scores(vec, keys)
        keep = scores >= min_cosine
        return top(keys[keep], scores[keep], k)

    def query(self, vec: np.ndarray, k: int, min_cosine: float, allowed: np.ndarray | None) -> list[int]:
        """The ``k`` best claims with cosine >= ``min_cosine`` among ``allowed`` (None: those the
        default filter keeps): HNSW candidates, over-fetched and post-filtered; a selective
        filter (or a search the graph cannot satisfy) falls back to exact scoring over the
        filtered claims."""
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
                keys = keys[isin_sorted(keys, self.ids)]  # rows of removed claims out
                keys = keys[np.sort(np.unique(keys, return_index=True)[1])]  # a re-added id: its old row too
                walked = sims = self.scores(vec, keys) if len(keys) else np.zeros(0, np.float32)
            else:
                m = self.index.search(vec.astype(np.float32, copy=False), want, threads=1, exact=s.exact_scan)
                keys = np.asarray(m.keys, dtype=np.int64)
                walked = 1.0 - np.asarray(m.distances, dtype=np.float32)  # the graph's (maybe quantised) cosines
                sims = walked
            ok = isin_sorted(keys, allowed) if allowed is not None else ~isin_sorted(keys, self.disallowed)
            if self.full is not None and not s.exact_scan:
                # a quantised graph only proposes: the candidates that pass the filter are ranked
                # by their full vectors (i8 cosines are off by up to ~0.02)
                sims = np.full(len(keys), -2.0, np.float32)
                if ok.any():
                    sims[ok] = self.scores(vec, keys[ok])
            ok &= sims >= min_cosine
            margin = 0.02 if self.full is not None else 0.0
            done = ok.sum() >= k or len(keys) >= n or (len(walked) and walked[-1] < min_cosine - margin)
            if done:
                return top(keys[ok], sims[ok], k)
            if want >= n or want >= 16 * s.exact_max:  # the graph keeps missing: score everything allowed
                everything = np.setdiff1d(self.ids, self.disallowed) if allowed is None else allowed
                return self.exact(vec, k, min_cosine, everything)
            want = min(n, want * 4)


def _new_usearch(s: IndexSettings) -> Index:
    from usearch.index import Index

    return Index(
        ndim=EMBED_DIM,
        metric="cos",
        dtype=s.ann_dtype,
        connectivity=s.connectivity,
        expansion_add=s.expansion_add,
        expansion_search=s.expansion_search,
    )


def build(con: duckdb.DuckDBPyConnection, fp: Fingerprint, s: IndexSettings) -> AnnIndex:
    """The graph (and f16 rows) of every claim's vector in the table."""
    index = _new_usearch(s)
    ids, full = [], []
    rng = np.random.default_rng(0)
    for i, m in embedding_batches(
        con, "SELECT claim_id, embedding FROM claims WHERE embedding IS NOT NULL ORDER BY claim_id", rows=262_144
    ):
        # inserted in shuffled order: claims of one article or one day next to each other
        # make a worse graph (recall: docs/benchmarks.md)
        order = rng.permutation(len(i))
        index.add(i[order].astype(np.uint64), m[order], threads=s.threads)
        ids.append(i)
        if quantised(s):
            full.append(m.astype(np.float16))
    ids_arr = np.concatenate(ids) if ids else np.zeros(0, np.int64)  # batches come in claim id order
    now_ids, now_articles = stamps(con)
    no_emb = np.setdiff1d(now_ids, ids_arr, assume_unique=True)
    vectors = (
        FullVectors(ids_arr, matrix=np.concatenate(full) if full else np.zeros((0, EMBED_DIM), np.float16))
        if quantised(s)
        else None
    )
    return AnnIndex(
        fp, index, ids_arr, no_emb, disallowed_ids(con), articles_of(ids_arr, now_ids, now_articles), s, full=vectors
    )


def save(db: Path, ann: AnnIndex) -> None:
    """Write the side files. Afterwards the f16 rows of ``ann`` are read from the file just
    written (not held in memory: 768 MB at 1M claims right after a build)."""
    graph, arrays, meta, flat = side(db, GRAPH), side(db, ARRAYS), side(db, META), side(db, ROWS)
    ids, full, written = ann.ids, ann.full, {}
    try:
        meta.unlink(missing_ok=True)  # nothing vouches for the files while they change
        write_atomic(graph, lambda p: ann.index.save(str(p)))
        write_atomic(
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

            write_atomic(flat, rows)
        else:
            flat.unlink(missing_ok=True)
        body = {
            **signature(ann.settings),
            "fingerprint": list(ann.fingerprint),
            "n": int(len(ids)),
            "graph_bytes": graph.stat().st_size,
            "arrays_bytes": arrays.stat().st_size,
            "full_bytes": flat.stat().st_size if full is not None else 0,
        }
        write_atomic(meta, lambda p: p.write_text(json.dumps(body)))
    except OSError as exc:  # a read-only data directory: the index lives in this process only
        log.warning("could not save the vector index next to %s (%s); it stays in memory", db, exc)
        return
    if "full" in written and ann.full is full and ann.ids is ids:  # nothing caught up meanwhile
        ann.full = written["full"]


def open_files(con: duckdb.DuckDBPyConnection, db: Path, body: Meta, s: IndexSettings, view: bool) -> AnnIndex:
    """The saved graph, ids and f16 rows that ``body`` vouches for, checked against DuckDB
    (raises if anything differs). ``view``: memory-map the graph instead of reading it into
    the process (read-only)."""
    graph, arrays = side(db, GRAPH), side(db, ARRAYS)
    if graph.stat().st_size != body["graph_bytes"] or arrays.stat().st_size != body["arrays_bytes"]:
        raise ValueError("file sizes differ from its metadata")
    with np.load(arrays) as z:
        ids, no_emb, arts = (z[k].astype(np.int64) for k in ("ids", "no_embedding", "articles"))
    index = _new_usearch(s)
    index.view(str(graph)) if view else index.load(str(graph))
    if len(index) != len(ids) or len(ids) != body["n"]:
        raise ValueError(f"{len(index)} vectors in the graph, {len(ids)} ids")
    full = None
    if quantised(s):
        flat = side(db, ROWS)
        if flat.stat().st_size != body.get("full_bytes") or body["full_bytes"] != len(ids) * FullVectors.ROW:
            raise ValueError("the f16 vector file differs from its metadata")
        full = FullVectors(ids, path=flat)
    verify(con, index, ids, s, full)
    return AnnIndex(
        tuple(body["fingerprint"]), index, ids, no_emb, np.zeros(0, np.int64), arts, s, viewed=view, full=full
    )


def verify(
    con: duckdb.DuckDBPyConnection, index: Index, ids: np.ndarray, s: IndexSettings, full: FullVectors | None = None
) -> None:
    """A run of consecutive stored vectors (one cheap DuckDB range read) must match the table:
    the f16 rows to f16 precision, a quantised graph's own vectors in direction."""
    if not len(ids) or not s.verify_samples:
        return
    start = int(np.random.default_rng().integers(0, max(1, len(ids) - s.verify_samples + 1)))
    sample = ids[start : start + s.verify_samples]
    for got_ids, truth in embedding_batches(
        con,
        "SELECT claim_id, embedding FROM claims WHERE claim_id BETWEEN ? AND ? AND embedding IS NOT NULL "
        "ORDER BY claim_id",
        [int(sample[0]), int(sample[-1])],
    ):
        keep = isin_sorted(got_ids, sample)
        got_ids, truth = got_ids[keep], truth[keep]
        if not len(got_ids):
            continue
        if not np.array_equal(got_ids, sample[isin_sorted(sample, got_ids)]):
            raise ValueError("ids differ from the table")
        graph = _graph_vectors(index, got_ids)
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


def catch_up(con: duckdb.DuckDBPyConnection, ann: AnnIndex, fp: Fingerprint) -> int:
    """Bring ``ann`` in line with the table: drop removed claims, add new ones. Returns how
    many claims changed."""
    if ann.viewed:  # usearch would crash on a change to a memory-mapped graph
        raise RuntimeError("a memory-mapped vector index cannot be changed: load it to catch up")
    now, now_articles = stamps(con)
    removed = ann.ids[~same(ann.ids, ann.articles, now, now_articles)]
    known = np.union1d(np.setdiff1d(ann.ids, removed, assume_unique=True), ann.no_embedding)
    added = np.setdiff1d(now, known, assume_unique=True)
    if len(removed):
        ann.index.remove(removed.astype(np.uint64))
        ann.ids = np.setdiff1d(ann.ids, removed, assume_unique=True)
    ann.no_embedding = np.intersect1d(ann.no_embedding, now, assume_unique=True)
    if len(added):
        got = []
        for i, m in embedding_batches(
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
    ann.articles = articles_of(ann.ids, now, now_articles)
    ann.fingerprint = fp
    return len(removed) + len(added)


SIDE: SideFile[AnnIndex] = SideFile(
    what="vector index",
    suffix=GRAPH,
    meta_suffix=META,
    signature=signature,
    open_files=open_files,
    build=build,
    save=save,
    catch_up=catch_up,
    rebuild_when_drifted=False,  # catching up a graph is cheap, building one is not: save it caught up
)


def load_ann(
    con: duckdb.DuckDBPyConnection, db: Path, fp: Fingerprint | None = None, settings: IndexSettings | None = None
) -> AnnIndex:
    """The HNSW index of database ``db``, up to date with the table (:meth:`SideFile.load`)."""
    return SIDE.load(con, db, fp or fingerprint(con), settings or IndexSettings())
