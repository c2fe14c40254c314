"""HNSW recall@10 against exact search on the search benchmark's synthetic claims, for graph
settings and sizes that `make bench` does not build (no DuckDB: the vectors only).

    .venv/bin/python -m benchmarks.hnsw_recall --claims 300000 --bases 1000 --graphs 16/128,32/256
    .venv/bin/python -m benchmarks.hnsw_recall --claims 1000000 --bases all --graphs 32/256
    .venv/bin/python -m benchmarks.hnsw_recall --claims 300000 --graphs 32/256 --dtypes i8,f16

Vectors come from ``benchmarks.search_speed.synth`` (mixtures of two real CLEF 2020 claim vectors plus
noise) over the first ``--bases`` real claims (``all``: every one of the 10,375); queries are
CLEF 2020 dev tweets. The truth is numpy over the float32 vectors; the graph is usearch
(``--dtypes``: f16, or i8 with its candidates re-scored from f16 copies as kb/search/index/ does),
built in shuffled order on 2 threads as kb/search/index/ builds it. Prints one line per graph,
dtype and expansion_search. Needs ~4 KB of memory per claim (1M: ~4 GB).
"""

from __future__ import annotations

import os
import time
from typing import Annotated

import numpy as np
import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(
    claims: Annotated[int, typer.Option(help="Synthetic claims in the graph.")] = 300_000,
    bases: Annotated[str, typer.Option(help="Real claims the synthetic ones mix ('all': every one).")] = "1000",
    graphs: Annotated[str, typer.Option(help="connectivity/expansion_add, comma-separated.")] = "16/128,32/256",
    searches: Annotated[str, typer.Option(help="expansion_search values, comma-separated.")] = "256,1024",
    queries: Annotated[int, typer.Option(help="CLEF 2020 dev tweets searched.")] = 100,
    dtypes: Annotated[str, typer.Option(help="Graph storage: i8 (re-scored from f16, as shipped), f16.")] = "i8",
) -> None:
    """HNSW recall@10 against exact search on the search benchmark's synthetic claims (vectors only)."""
    from usearch.index import Index

    from benchmarks.search_speed import CLAIMS_TSV, QUERIES_TSV, _load_text, synth
    from kb.nlp.embed import embed

    texts, tweets = _load_text(CLAIMS_TSV, QUERIES_TSV, 10**6 if bases == "all" else int(bases), queries)
    vecs, q = embed(texts), embed(tweets)
    _, x = synth(texts, vecs, claims)
    x = x.astype(np.float32)
    truth = np.argsort(-(q @ x.T), axis=1)[:, :10]
    order = np.random.default_rng(0).permutation(claims)
    x16 = x.astype(np.float16)
    for graph, dtype in ((g, d) for g in graphs.split(",") for d in dtypes.split(",")):
        conn, ea = (int(v) for v in graph.split("/"))
        idx = Index(ndim=x.shape[1], metric="cos", dtype=dtype, connectivity=conn, expansion_add=ea)
        t0 = time.perf_counter()
        idx.add(order.astype(np.uint64), x[order], threads=2)
        built = time.perf_counter() - t0
        for es in (int(v) for v in searches.split(",")):
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
                f"claims {claims} bases {bases} graph {conn}/{ea} {dtype} built in {built:.0f} s, expansion_search "
                f"{es}: recall@10 {recall:.3f}, graph {idx.memory_usage / 2**20:.0f} MiB (load {os.getloadavg()[0]:.1f})",
                flush=True,
            )


if __name__ == "__main__":
    app()
