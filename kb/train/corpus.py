"""A claims database built straight from a labelled corpus (CLEF CheckThat! 2020 task 2's
verified claims), searchable through the real search path: what the reranker is trained
on, and what the retrieval benchmark scores. Each claim is the one claim of a synthetic
article (claim_id = article_id = its position + 1)."""

from __future__ import annotations

import contextlib
import hashlib
import random
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from kb import PIPELINE_VERSION
from kb.config import EMBED_DIM
from kb.store import rows
from kb.store.connection import Store
from kb.train.data import read_clef_claims


def cached_embeddings(texts: list[str], cache_dir: Path | None) -> np.ndarray:
    """``embed(texts)``, kept in ``cache_dir`` (keyed by model version and texts) when given:
    10k claims take minutes to embed on a loaded 2-core machine."""
    from kb.nlp.embed import embed, model_version

    if cache_dir is None:
        return embed(texts)
    key = hashlib.sha256("\x00".join([model_version(), *texts]).encode()).hexdigest()[:16]
    path = Path(cache_dir) / f"claims-{key}.npy"
    if path.is_file():
        return np.load(path)
    vecs = embed(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


def store_claims(
    store: Store, texts: list[str], embeddings: np.ndarray, lemmas: list[str], titles: list[str] | None = None
) -> None:
    """Each of ``texts`` as the one claim of a synthetic article. ``titles`` (one per claim)
    become the articles' titles and are indexed for BM25 with the claim, as a claim's speaker
    is at ingest: words of the claim's document that the text lacks."""
    titles = titles or [""] * len(texts)
    now = datetime.now(UTC)
    with store.write() as con:
        rows.insert(
            con,
            "articles",
            [
                {
                    "article_id": i + 1,
                    "capture_id": 0,
                    "url": f"bench:{i + 1}",
                    "canonical_url": f"bench:{i + 1}",
                    "source": "bench",
                    "domain": "bench",
                    "title": ti or None,
                    "text": t,
                    "text_sha256": "bench",
                    "extractor": "bench",
                    "pipeline_version": PIPELINE_VERSION,
                    "ingested_at": now,
                }
                for i, (t, ti) in enumerate(zip(texts, titles, strict=True))
            ],
        )
        rows.insert(
            con,
            "claims",
            [
                {
                    "claim_id": i + 1,
                    "article_id": i + 1,
                    "char_start": 0,
                    "char_end": len(t),
                    "text": t,
                    "search_text": " ".join(x for x in (t, ti, lem) if x),
                    "kind": "statement",
                    "hedged": False,
                    "negated": False,
                    "checkworthiness": 0.0,
                    "embedding": e.tolist(),
                    "pipeline_version": PIPELINE_VERSION,
                    "nlp_model": "-",
                    "embed_model": "-",
                }
                for i, (t, e, lem, ti) in enumerate(zip(texts, embeddings, lemmas, titles, strict=True))
            ],
            casts={"embedding": f"FLOAT[{EMBED_DIM}]"},
        )


@contextlib.contextmanager
def clef_database(
    claims_tsv: Path, titles: bool = True, cache_dir: Path | None = None
) -> Iterator[tuple[Store, list[str], float]]:
    """A temporary database of the verified claims; yields (store, vclaim id of claim_id - 1,
    seconds it took to build). With ``titles`` each claim's title is indexed for BM25 with it
    (in CLEF the title is part of the document)."""
    from kb.nlp.pipeline import load_lemmatizer

    ids, texts, title_texts = read_clef_claims(claims_tsv)
    t0 = time.perf_counter()
    vecs = cached_embeddings(texts, cache_dir)
    # Store the claims in a fixed shuffled order: search breaks score ties by claim id, and
    # in file order that tie-break favours low vclaim ids, which are relevant more often
    # (a dataset artefact worth a few points of MAP@5 to rank fusion on CLEF 2020).
    order = list(range(len(ids)))
    random.Random(0).shuffle(order)
    ids, texts, title_texts = ([xs[i] for i in order] for xs in (ids, texts, title_texts))
    vecs = vecs[order]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        docs = [f"{t} {ti}" for t, ti in zip(texts, title_texts, strict=True)] if titles else texts
        lemma_texts = [
            " ".join(t.lemma_.lower() for t in d if t.is_alpha) for d in load_lemmatizer().pipe(docs, batch_size=256)
        ]
        store_claims(store, texts, vecs, lemma_texts, title_texts if titles else None)
        yield store, ids, time.perf_counter() - t0
