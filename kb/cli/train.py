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
    tsv: Annotated[Path, typer.Option(help="Labelled TSV with columns Sentence_id, Text and class_label (Yes/No).")],
    out_path: Annotated[Path, typer.Option("--out", help="Where to write the scorer (JSON).")] = Path(
        "data/checkworthy.json"
    ),
    dev: Annotated[
        Path | None, typer.Option(help="A labelled TSV scored once at the end, only reported (never chosen on).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the one stratified 80/20 fit / held-out split.")] = 0,
    rows: Annotated[
        int | None,
        typer.Option(help="Train on the first N rows of the TSV only (a time budget; recorded in the meta)."),
    ] = None,
    cache: Annotated[
        Path | None, typer.Option(help="Folder to keep the sentence features in between runs (e.g. /tmp/cw_cache).")
    ] = None,
) -> None:
    """Train a check-worthiness scorer; use it with KB_CHECKWORTHY_MODEL=FILE.

    Splits the TSV once into fit and held-out (seeded, stratified 80/20); fits logistic
    regressions over the named features, the MiniLM embeddings and both; chooses C, class
    weights and the threshold on held-out, and the winner by held-out F1 (Yes). The shipped
    default, kb/nlp/checkworthy_model.json, is this run on CheckThat! 2024 task 1 train
    (--dev its dev). Featurising 22.5k sentences takes ~10 minutes on 2 busy cores."""
    from kb.train.checkworthy import all_yes_scores, compare, finish, head, pick, read_labelled, table

    for p in (tsv, dev):
        if p is not None and not p.is_file():
            raise BadInput(f"{p} does not exist")
    full = read_labelled(tsv)
    data = head(full, rows)
    if len(set(data.labels.tolist())) < 2:
        raise BadInput(f"{tsv}: need rows labelled both Yes and No in column class_label")
    dev_data = read_labelled(dev) if dev is not None else None
    cands = compare(data, dev_data, cache, seed, lambda m: err.print(m, markup=False), data_name=tsv.name)
    best = pick(cands)
    scorer = finish(best)
    scorer.meta["name"] = out_path.stem
    scorer.meta["rows_used"] = f"first {len(data.ids)} of {len(full.ids)} rows of {tsv.name}"
    scorer.meta["rows"] = len(data.ids)
    if dev is not None:
        scorer.meta["dev"] = dev.name
    scorer.meta["candidates"] = table(cands, all_yes_scores(data, dev_data, seed))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    scorer.save(out_path)
    for row in scorer.meta["candidates"]:
        out.print(
            f"{row['name']:<20} fit {row['fit_f1']}  held-out {row['heldout_f1']}  dev {row['dev_f1']}  "
            f"threshold {row['threshold']}  {row['settings']}",
            markup=False,
        )
    out.print(
        f"wrote {out_path} ({best.name}, held-out F1 {scorer.meta['val_f1']}); "
        f"use it with KB_CHECKWORTHY_MODEL={out_path}",
        markup=False,
    )
