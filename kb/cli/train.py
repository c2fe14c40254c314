"""Training the learned parts: ``kb train-checkworthy``, ``kb train-reranker``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from kb.cli._app import app, err, out
from kb.errors import BadInput


@app.command("train-reranker")
def train_reranker_cli(
    out_path: Annotated[Path, typer.Option("--out", help="Directory to write the cross-encoder to.")] = Path(
        "data/reranker"
    ),
    clef: Annotated[
        Path | None,
        typer.Option(
            help="A folder shaped like CLEF CheckThat! 2020 task 2 (verified_claims.docs.tsv, "
            "train/tweets.queries.tsv, train/tweet-vclaim-pairs.qrels)."
        ),
    ] = None,
    claims: Annotated[
        Path | None, typer.Option(help="Verified claims TSV (vclaim_id, vclaim, title); overrides --clef's.")
    ] = None,
    queries: Annotated[
        Path | None, typer.Option(help="Training queries TSV (tweet_id, tweet_content); overrides --clef's.")
    ] = None,
    qrels: Annotated[Path | None, typer.Option(help="TREC qrels of the queries; overrides --clef's.")] = None,
    epochs: Annotated[int, typer.Option(help="Passes over the training queries.")] = 3,
    titles: Annotated[
        bool, typer.Option("--titles/--no-titles", help="The model reads each claim with its document's title.")
    ] = True,
    cache: Annotated[Path | None, typer.Option(help="Folder to keep the claim embeddings in between runs.")] = None,
) -> None:
    """Tune a cross-encoder that re-ranks search results; use it with KB_RERANKER=DIR.

    Each query is searched as `kb search` would; its relevant claims are the positives, the
    wrong ones among the best 20 the negatives. About 4 minutes an epoch for 800 queries on
    a quiet 2-core machine."""
    from kb.train.reranker import TrainSettings, train_on_clef

    paths = {
        "claims_tsv": claims or (clef / "verified_claims.docs.tsv" if clef else None),
        "queries_tsv": queries or (clef / "train" / "tweets.queries.tsv" if clef else None),
        "qrels_path": qrels or (clef / "train" / "tweet-vclaim-pairs.qrels" if clef else None),
    }
    for p in paths.values():
        if p is not None and not Path(p).is_file():
            raise BadInput(f"{p} does not exist")
    claims_tsv, queries_tsv, qrels_path = paths.values()
    if claims_tsv is None or queries_tsv is None or qrels_path is None:
        missing = [name.split("_")[0] for name, p in paths.items() if p is None]
        raise BadInput(
            f"no {', '.join(missing)} file: give --clef DIR (e.g. ../shared/eval/clef2020-checkthat-task2) "
            "or --claims, --queries and --qrels"
        )
    model = train_on_clef(
        out_path,
        claims_tsv,
        queries_tsv,
        qrels_path,
        doc_titles=titles,
        cache_dir=cache,
        settings=replace(TrainSettings(), epochs=epochs),
        progress=lambda m: err.print(m, markup=False),
    )
    out.print(
        f"wrote {out_path} ({model.meta['train']['queries']} queries, {model.meta['train']['seconds']} s); "
        f"use it with KB_RERANKER={out_path}",
        markup=False,
    )


@app.command("train-checkworthy")
def train_checkworthy_cli(
    tsv: Annotated[Path, typer.Option(help="Labelled TSV with columns Text and class_label (Yes/No).")],
    out_path: Annotated[Path, typer.Option("--out", help="Where to write the scorer (JSON).")] = Path(
        "data/checkworthy.json"
    ),
) -> None:
    """Train a check-worthiness scorer; use it with KB_CHECKWORTHY_MODEL=FILE."""
    from kb.train.checkworthy import train
    from kb.train.data import read_checkworthy_tsv

    if not tsv.is_file():
        raise BadInput(f"{tsv} does not exist")
    rows = read_checkworthy_tsv(tsv)
    if len({y for _, y in rows}) < 2:
        raise BadInput(f"{tsv}: need rows labelled both Yes and No in column class_label")
    with err.status(f"training on {len(rows)} sentences ..."):
        scorer = train([t for t, _ in rows], [y for _, y in rows])
    scorer.meta["name"] = out_path.name
    out_path.parent.mkdir(parents=True, exist_ok=True)
    scorer.save(out_path)
    out.print(
        f"wrote {out_path} (threshold {scorer.threshold}, held-out F1 {scorer.meta['val_f1']}); "
        f"use it with KB_CHECKWORTHY_MODEL={out_path}",
        markup=False,
    )
