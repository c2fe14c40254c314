"""The BM25 leg: bm25s (sparse matrices) over ``claims.search_text``, tokenised as a DuckDB
fts index tokenises (lower case, accents stripped, ``[a-z]+`` words, DuckDB's English stop
words, Porter stems), saved next to the database (``kb.duckdb.bm25/`` + ``.bm25.json``).

The saved index is never changed: claims removed since are masked, claims added since are
scored against the index's statistics (a small delta); past ``rebuild_fraction`` of the
index it is built again.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import duckdb
import numpy as np

from kb.config import IndexSettings
from kb.search.index.common import (
    Fingerprint,
    articles_of,
    fingerprint,
    isin_sorted,
    same,
    stamps,
    top_scored,
)
from kb.search.index.sidefile import FORMAT, Meta, SideFile, side, write_atomic

log = logging.getLogger(__name__)

FOLDER, META = ".bm25", ".bm25.json"
_WORD = re.compile(r"[a-z]+")
_LOCAL = threading.local()


@cache
def stopwords() -> frozenset[str]:
    """DuckDB fts's English stop words (``stopwords_en.txt``: the pinned extension's list,
    571 entries), so that BM25 terms are the terms of a DuckDB fts index."""
    return frozenset(resources.files("kb.search.index").joinpath("stopwords_en.txt").read_text().split())


def tokens(text: str) -> list[str]:
    """BM25 terms of ``text``, as DuckDB fts made them: lower case, accents stripped, runs of
    a-z (digits and punctuation split words), English stop words dropped, Porter stems."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:  # PyStemmer objects are not thread-safe: one per thread
        import Stemmer

        stemmer = _LOCAL.stemmer = Stemmer.Stemmer("porter")
    text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")
    stop = stopwords()
    return stemmer.stemWords([w for w in _WORD.findall(text) if w not in stop])


class Retriever(Protocol):
    """What is used of a ``bm25s.BM25``: document i of its matrix is claim ``Bm25Index.ids[i]``."""

    vocab_dict: dict[str, int]  # term -> vocabulary id
    scores: dict[str, Any]  # the sparse score matrix: "indptr" (CSC, per term), "num_docs", ...

    def get_scores_from_ids(self, query_tokens_ids: list[int]) -> np.ndarray: ...

    def save(self, save_dir: str) -> None: ...


@dataclass
class Bm25Index:
    fingerprint: Fingerprint
    retriever: Retriever
    ids: np.ndarray  # ascending
    alive: np.ndarray  # per document: still in the table
    df: np.ndarray  # documents per vocabulary id
    avgdl: float
    articles: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # per document
    disallowed: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    delta_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # newer claims, ascending
    delta_tokens: list[list[str]] = field(default_factory=list)
    delta_articles: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    settings: IndexSettings = field(default_factory=IndexSettings)
    # the saved matrices may be memory-mapped, but are never changed (new claims are a delta):
    # it can always catch up
    viewed: bool = False

    def _idf(self, df: np.ndarray) -> np.ndarray:
        n = len(self.ids)
        return np.log(1 + (n - df + 0.5) / (df + 0.5))

    def query(self, text: str, k: int, allowed: np.ndarray | None) -> list[int]:
        """Claim ids with a positive BM25 score for ``text``, best first (ties by claim id)."""
        return [i for i, _ in self.query_scored(text, k, allowed)]

    def query_scored(self, text: str, k: int, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        """(claim id, BM25 score) with a positive score for ``text`` among ``allowed`` (None:
        the claims the default filter keeps), best first."""
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
        ok &= isin_sorted(ids, allowed) if allowed is not None else ~isin_sorted(ids, self.disallowed)
        return top_scored(ids[ok], scores[ok], k)

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


def _texts(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> Iterator[tuple[np.ndarray, list[str | None]]]:
    for batch in con.execute(sql, params or []).fetch_record_batch(65_536):
        yield batch.column(0).to_numpy().astype(np.int64), batch.column(1).to_pylist()


def _bm25s() -> Any:
    """The bm25s module, its logger back under the application's logging configuration:
    importing bm25s sets that logger to DEBUG, which put "Building index from tokens" into
    every ingest's normal output."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.NOTSET)
    return bm25s


def build(con: duckdb.DuckDBPyConnection, fp: Fingerprint, s: IndexSettings) -> Bm25Index:
    """The index of every claim's search text in the table."""
    bm25s = _bm25s()

    ids: list[np.ndarray] = [np.zeros(0, np.int64)]
    docs: list[list[str]] = []
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
    now_ids, now_articles = stamps(con)
    return Bm25Index(
        fp,
        retriever,
        all_ids,
        np.ones(len(all_ids), bool),
        df,
        avgdl,
        articles_of(all_ids, now_ids, now_articles),
        settings=s,
    )


def signature(s: IndexSettings) -> Meta:
    """What a saved BM25 index must have been built with to be used."""
    return {"format": FORMAT, "k1": s.bm25_k1, "b": s.bm25_b, "tokens": "duckdb-fts-porter-english"}


def _dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.iterdir())


def save(db: Path, bm: Bm25Index) -> None:
    """Write the side folder (bm25s's files and the claim ids), then its metadata."""
    folder, meta = side(db, FOLDER), side(db, META)
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
            **signature(bm.settings),
            "fingerprint": list(bm.fingerprint),
            "n": int(len(bm.ids)),
            "avgdl": bm.avgdl,
            "bytes": _dir_bytes(folder),
        }
        write_atomic(meta, lambda p: p.write_text(json.dumps(body)))
    except OSError as exc:
        log.warning("could not save the BM25 index next to %s (%s); it stays in memory", db, exc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def open_files(_con: duckdb.DuckDBPyConnection, db: Path, body: Meta, s: IndexSettings, view: bool) -> Bm25Index:
    """The saved folder that ``body`` vouches for (raises if it differs). ``view``:
    memory-map bm25s's arrays (read-only: new claims are scored as a delta)."""
    bm25s = _bm25s()

    folder = side(db, FOLDER)
    if _dir_bytes(folder) != body["bytes"]:
        raise ValueError("file sizes differ from its metadata")
    retriever = bm25s.BM25.load(str(folder), mmap=view)
    with np.load(folder / "kb_ids.npz") as z:
        ids, df, arts = (z[k].astype(np.int64) for k in ("ids", "df", "articles"))
    if (
        len(ids) != body["n"]
        or retriever.scores["num_docs"] != len(ids)
        or len(df) != len(retriever.scores["indptr"]) - 1
    ):
        raise ValueError("document counts differ")
    return Bm25Index(
        tuple(body["fingerprint"]), retriever, ids, np.ones(len(ids), bool), df, float(body["avgdl"]), arts, settings=s
    )


def catch_up(con: duckdb.DuckDBPyConnection, bm: Bm25Index, fp: Fingerprint) -> int:
    """Mask removed claims and score new ones as a delta. Returns how many changed."""
    now, now_articles = stamps(con)
    bm.alive = same(bm.ids, bm.articles, now, now_articles)
    keep = same(bm.delta_ids, bm.delta_articles, now, now_articles)
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
    bm.delta_articles = articles_of(bm.delta_ids, now, now_articles)
    bm.fingerprint = fp
    return int((~bm.alive).sum()) + len(bm.delta_ids)


SIDE: SideFile[Bm25Index] = SideFile(
    what="BM25 index",
    suffix=FOLDER,
    meta_suffix=META,
    signature=signature,
    open_files=open_files,
    build=build,
    save=save,
    catch_up=catch_up,
    # a delta is scored claim by claim and masked claims still count in the statistics: build again
    rebuild_when_drifted=True,
)


def load_bm25(
    con: duckdb.DuckDBPyConnection, db: Path, fp: Fingerprint | None = None, settings: IndexSettings | None = None
) -> Bm25Index:
    """The BM25 index of database ``db``, up to date with the table (:meth:`SideFile.load`)."""
    return SIDE.load(con, db, fp or fingerprint(con), settings or IndexSettings())
