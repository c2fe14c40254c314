"""HNSW recall@10 against exact search on the search benchmark's synthetic claims, for graph
settings and sizes that `make bench` does not build (no DuckDB: the vectors only).

    .venv/bin/python scripts/hnsw_recall.py --claims 300000 --bases 1000 --graphs 16/128,32/256
    .venv/bin/python scripts/hnsw_recall.py --claims 1000000 --bases all --graphs 32/256
    .venv/bin/python scripts/hnsw_recall.py --claims 300000 --graphs 32/256 --dtypes i8,f16

Vectors come from ``kb.perfbench.synth`` (mixtures of two real CLEF 2020 claim vectors plus
noise) over the first ``--bases`` real claims (``all``: every one of the 10,375); queries are
CLEF 2020 dev tweets. The truth is numpy over the float32 vectors; the graph is usearch
(``--dtypes``: f16, or i8 with its candidates re-scored from f16 copies as kb/index.py does),
built in shuffled order on 2 threads as kb/index.py builds it. Prints one line per graph,
dtype and expansion_search. Needs ~4 KB of memory per claim (1M: ~4 GB).
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np


def main() -> None:
    from usearch.index import Index

    from benchmarks.search_speed import CLEF2020, _load_text, synth
    from kb.nlp.embed import embed

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=300_000)
    ap.add_argument("--bases", default="1000", help="real claims the synthetic ones mix ('all': every one)")
    ap.add_argument("--graphs", default="16/128,32/256", help="connectivity/expansion_add, comma-separated")
    ap.add_argument("--searches", default="256,1024", help="expansion_search values")
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--dtypes", default="i8", help="graph storage: i8 (re-scored from f16, as shipped), f16")
    a = ap.parse_args()
    texts, queries = _load_text(
        CLEF2020 / "verified_claims.docs.tsv",
        CLEF2020 / "dev" / "tweets.queries.tsv",
        10**6 if a.bases == "all" else int(a.bases),
        a.queries,
    )
    vecs, q = embed(texts), embed(queries)
    _, x = synth(texts, vecs, a.claims)
    x = x.astype(np.float32)
    truth = np.argsort(-(q @ x.T), axis=1)[:, :10]
    order = np.random.default_rng(0).permutation(a.claims)
    x16 = x.astype(np.float16)
    for graph, dtype in ((g, d) for g in a.graphs.split(",") for d in a.dtypes.split(",")):
        conn, ea = (int(v) for v in graph.split("/"))
        idx = Index(ndim=x.shape[1], metric="cos", dtype=dtype, connectivity=conn, expansion_add=ea)
        t0 = time.perf_counter()
        idx.add(order.astype(np.uint64), x[order], threads=2)
        built = time.perf_counter() - t0
        for es in (int(v) for v in a.searches.split(",")):
            idx.expansion_search = es
            keys = idx.search(q, 401, threads=1).keys.astype(np.int64)  # as search: 100 candidates x overfetch 4 + 1
            if dtype == "i8":  # the graph proposes, the f16 copies rank
                keys = np.stack(
                    [
                        k[np.argsort(-(x16[k].astype(np.float32) @ v), kind="stable")]
                        for k, v in zip(keys, q, strict=True)
                    ]
                )
            found = keys[:, :10]
            recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)])
            print(
                f"claims {a.claims} bases {a.bases} graph {conn}/{ea} {dtype} built in {built:.0f} s, expansion_search "
                f"{es}: recall@10 {recall:.3f}, graph {idx.memory_usage / 2**20:.0f} MiB (load {os.getloadavg()[0]:.1f})",
                flush=True,
            )


if __name__ == "__main__":
    main()
