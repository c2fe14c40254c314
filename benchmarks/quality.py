"""Quality benchmarks on third-party data, each beside its baseline in the same run.

    python -m benchmarks.quality extraction|checkworthy|figures|retrieval|paraphrase [--json]

Dataset paths are options (defaults under ``$KB_EVAL``, else ``../shared/eval`` beside the
checkout), so the same commands run on other splits. Tests never depend on this data.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kb.config import SearchSettings
from kb.train.data import read_checkworthy_tsv, read_clef_queries

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Quality benchmarks on third-party data (beside baselines)."
)
out = Console()
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]


def print_json(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, default=str, ensure_ascii=False) + "\n")


EVAL = Path(os.environ.get("KB_EVAL") or Path(__file__).resolve().parent.parent.parent / "shared" / "eval")
TRAFILATURA_EVAL = EVAL / "trafilatura-eval" / "evaldata.json"
TRAFILATURA_HTML = EVAL / "trafilatura-eval" / "html"
CHECKTHAT_DEV = EVAL / "checkthat2024-task1-en" / "CT24_checkworthy_english_dev.tsv"


@dataclass
class PRF:
    """Precision, recall and F1 from match counts, for the span-matching benchmarks
    (extraction snippets, figures) and the gold sets. sklearn.metrics scores aligned label
    vectors (one gold and one predicted label per item); a span benchmark has no such items:
    a predicted span that matches nothing has no gold counterpart, a ``with`` snippet missing
    from the text has no prediction, and nothing is ever a true negative. Only the counts
    exist, so the formulas are applied to them directly."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def label_scores(gold: Sequence[bool], pred: Sequence[bool]) -> dict[str, float]:
    """Precision, recall and F1 of the positive class (sklearn.metrics), rounded as
    :meth:`PRF.as_dict` rounds, with the counts behind them. sklearn's F1 is
    2·tp / (2·tp + fp + fn): :class:`PRF`'s 2·P·R / (P + R) up to float rounding."""
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    p, r, f, _ = precision_recall_fscore_support(gold, pred, average="binary", zero_division=0)
    _, fp, fn, tp = confusion_matrix(gold, pred, labels=[False, True]).ravel()
    return {
        "precision": round(float(p), 4),
        "recall": round(float(r), 4),
        "f1": round(float(f), 4),
        "tp": int(tp),
        "fp": int(fp),
        "fn": int(fn),
    }


def _read_html(html_dir: Path, name: str) -> bytes | None:
    for candidate in (html_dir / name, html_dir / f"{name}.gz"):
        if candidate.exists():
            data = candidate.read_bytes()
            return gzip.decompress(data) if candidate.suffix == ".gz" else data
    return None


def bench_extraction(
    evaldata: Path = TRAFILATURA_EVAL, html_dir: Path = TRAFILATURA_HTML, limit: int | None = None
) -> dict[str, dict]:
    """Snippet precision/recall/F1 (trafilatura's evaluation): every ``with`` snippet found
    in the text is a true positive, every ``without`` snippet found is a false positive."""
    import trafilatura

    from kb.errors import Skip
    from kb.ingest.extract import extract

    def ours(html: bytes, url: str) -> str:
        try:
            return extract(html, url, None, require_article=False).text
        except Skip:
            return ""

    systems: dict[str, Callable[[bytes, str], str]] = {
        f"baseline: trafilatura {trafilatura.__version__} defaults": lambda h, u: trafilatura.extract(h, url=u) or "",
        "kb extract": ours,
    }
    items = list(json.loads(Path(evaldata).read_text()).items())[:limit]
    out = {}
    for name, fn in systems.items():
        prf, t0, pages = PRF(), time.perf_counter(), 0
        for url, item in items:
            html = _read_html(Path(html_dir), item["file"])
            if html is None:
                continue
            pages += 1
            text = fn(html, url)
            for s in item.get("with", []):
                if s in text:
                    prf.tp += 1
                else:
                    prf.fn += 1
            for s in item.get("without", []):
                if s in text:
                    prf.fp += 1
        out[name] = {**prf.as_dict(), "pages": pages, "seconds": round(time.perf_counter() - t0, 1)}
    return out


def checkworthy_scores(texts: list[str]) -> list[float]:
    """The default, explainable scorer on free sentences (each text scored as a whole)."""
    from kb.nlp.checkworthy import default_score, sentence_features
    from kb.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    return [default_score(sentence_features(doc[:], len(doc._.figures))) for doc in nlp.pipe(texts, batch_size=64)]


def bench_checkworthy(tsv: Path = CHECKTHAT_DEV, threshold: float = 0.5, model: Path | None = None) -> dict[str, dict]:
    """F1 of the Yes class: all-Yes baseline, the default scorer, and a trained scorer
    (``model``, from ``kb train-checkworthy``) when given."""
    rows = read_checkworthy_tsv(Path(tsv))
    gold = [y for _, y in rows]
    t0 = time.perf_counter()
    scores = checkworthy_scores([t for t, _ in rows])
    seconds = time.perf_counter() - t0

    out = {
        "baseline: all Yes": {**label_scores(gold, [True] * len(gold)), "n": len(gold)},
        f"kb default (score >= {threshold})": {
            **label_scores(gold, [s >= threshold for s in scores]),
            "n": len(gold),
            "seconds": round(seconds, 1),
        },
    }
    if model is not None:
        from kb.nlp.checkworthy import TrainedScorer
        from kb.train.checkworthy import featurise

        scorer = TrainedScorer.load(Path(model))
        t0 = time.perf_counter()
        emb, feats = featurise([t for t, _ in rows])
        probs = scorer.score(emb, feats)
        out[f"kb trained ({Path(model).name}, >= {scorer.threshold})"] = {
            **label_scores(gold, [bool(p >= scorer.threshold) for p in probs]),
            "n": len(gold),
            "seconds": round(time.perf_counter() - t0, 1),
        }
    return out


CLEF2020 = EVAL / "clef2020-checkthat-task2"


def _map_at_k(ranked: dict[str, list[str]], qrels: dict[str, set[str]], k: int = 5) -> float:
    total = 0.0
    for qid, rel in qrels.items():
        hits, ap = 0, 0.0
        for i, doc in enumerate(ranked.get(qid, [])[:k], start=1):
            if doc in rel:
                hits += 1
                ap += hits / i
        total += ap / min(len(rel), k) if rel else 0.0
    return total / len(qrels) if qrels else 0.0


def _mrr(ranked: dict[str, list[str]], qrels: dict[str, set[str]]) -> float:
    """Mean reciprocal rank of the first relevant document (0 when none is in the list)."""
    total = 0.0
    for qid, rel in qrels.items():
        total += next((1 / i for i, doc in enumerate(ranked.get(qid, []), start=1) if doc in rel), 0.0)
    return total / len(qrels) if qrels else 0.0


def retrieval_configs() -> dict[str, SearchSettings]:
    """The search settings compared by ``python -m benchmarks.quality retrieval``: each leg
    alone and the hybrid under the defaults, then the defaults with one change undone
    (ablation), then the search as it was before score fusion and query cleaning (RRF 1:1 on
    the raw text)."""
    from dataclasses import replace

    s = SearchSettings()
    return {
        "BM25 only": replace(s, vector_weight=0.0),
        "vectors only": replace(s, bm25_weight=0.0),
        "hybrid (default settings)": s,
        "hybrid, raw query (no cleaning)": replace(s, clean_queries=False),
        "hybrid, RRF 1:1 instead of score fusion": replace(s, fusion="rrf", bm25_weight=1.0, vector_weight=1.0),
        "before: BM25 only, raw query": replace(s, clean_queries=False, vector_weight=0.0),
        "before: vectors only, raw query": replace(s, clean_queries=False, bm25_weight=0.0),
        "before: hybrid RRF 1:1, raw query": replace(
            s, clean_queries=False, fusion="rrf", bm25_weight=1.0, vector_weight=1.0
        ),
    }


def bench_retrieval(
    claims_tsv: Path = CLEF2020 / "verified_claims.docs.tsv",
    queries_tsv: Path = CLEF2020 / "dev" / "tweets.queries.tsv",
    qrels_path: Path = CLEF2020 / "dev" / "tweet-vclaim-pairs.qrels",
    titles: bool = True,
    cache_dir: Path | None = None,
    configs: dict[str, SearchSettings] | None = None,
    reranker: Path | None = None,
) -> dict[str, dict]:
    """Claim retrieval (CLEF CheckThat 2020 task 2): MAP@5 and MRR (over the top 10) of BM25
    alone, vectors alone and the hybrid under several settings, all through the real
    search path (kb.search.search) over a temporary DB. With ``titles`` each verified
    claim's title is indexed for BM25 with it (in CLEF the title is part of the document).
    No row uses ``KB_RERANKER``; with ``reranker`` (a `kb train-reranker` directory) one row
    more: the default hybrid re-ranked by it."""
    from dataclasses import replace

    from kb.search.search import search
    from kb.train.corpus import clef_database

    queries, qrels = read_clef_queries(queries_tsv, qrels_path)
    configs = {name: replace(s, reranker="") for name, s in (configs or retrieval_configs()).items()}
    if reranker:
        configs["hybrid + cross-encoder reranker"] = SearchSettings(reranker=str(reranker))
    out: dict[str, dict] = {}
    with clef_database(claims_tsv, titles, cache_dir) as (store, ids, index_s):
        for name, settings in configs.items():
            if settings.reranker:
                search("warm-up", store.path, limit=1, settings=settings)  # load the model off the clock
            ranked, t0 = {}, time.perf_counter()
            for qid in qrels:
                hits = search(queries[qid], store.path, limit=10, settings=settings)
                ranked[qid] = [ids[h.claim_id - 1] for h in hits]
            out[name] = {
                "map@5": round(_map_at_k(ranked, qrels), 4),
                "mrr": round(_mrr(ranked, qrels), 4),
                "queries": len(qrels),
                "ms_per_query": round(1000 * (time.perf_counter() - t0) / max(len(qrels), 1), 1),
            }
        out["_index"] = {"claims": len(ids), "titles": titles, "seconds": round(index_s, 1)}
    return out


QUANTULUM = EVAL / "quantulum3-tests" / "quantities.json"


def bench_figures(path: Path = QUANTULUM) -> dict[str, dict]:
    """Figure parsing on quantulum3's regression sentences: a predicted figure is right
    when its normalised value equals an expected one (relative tolerance 1e-6) and its
    span overlaps that quantity's surface. Baseline: every bare number, unscaled."""
    import re

    from kb.nlp.figures import NUM, find_figures, to_number

    cases = json.loads(Path(path).read_text())

    def baseline(text: str):
        return [(to_number(m.group(0)), m.start(), m.end()) for m in re.finditer(NUM, text)]

    def ours(text: str):
        return [(f.value, f.char_start, f.char_end) for f in find_figures(text) if f.value is not None]

    out = {}
    for name, fn in (("baseline: bare numbers", baseline), ("kb figures", ours)):
        prf, t0 = PRF(), time.perf_counter()
        for case in cases:
            text = case["req"]
            gold = []
            for q in case["res"]:
                start = text.find(q.get("surface", ""))
                gold.append((float(q["value"]), start, start + len(q.get("surface", ""))))
            pred = fn(text)
            used: set[int] = set()
            for value, s, e in pred:
                hit = next(
                    (
                        i
                        for i, (gv, gs, ge) in enumerate(gold)
                        if i not in used
                        and gs >= 0
                        and s < ge
                        and e > gs
                        and abs(value - gv) <= 1e-6 * max(1.0, abs(gv))
                    ),
                    None,
                )
                if hit is None:
                    prf.fp += 1
                else:
                    used.add(hit)
                    prf.tp += 1
            prf.fn += len(gold) - len(used)
        out[name] = {**prf.as_dict(), "sentences": len(cases), "ms": round(1000 * (time.perf_counter() - t0), 1)}
    return out


MRPC_TRAIN = EVAL / "mrpc" / "msr_paraphrase_train.txt"


def read_mrpc(path: Path) -> list[tuple[bool, str, str]]:
    """MRPC pairs (label, sentence 1, sentence 2). Read as raw tab-separated lines (the text
    has quote characters, so no CSV quoting); a line that merges two pairs (the label of the
    second glued to the end of the first's last sentence) is split back into both."""
    pairs = []
    for line in Path(path).read_text(encoding="utf-8-sig").split("\n")[1:]:
        fields = line.rstrip("\r").split("\t")
        if len(fields) == 9 and fields[4][-1:] in "01":
            pairs.append((fields[0] == "1", fields[3], fields[4][:-1]))
            pairs.append((fields[4][-1] == "1", fields[7], fields[8]))
        elif len(fields) == 5:
            pairs.append((fields[0] == "1", fields[3], fields[4]))
    return pairs


def bench_paraphrase(path: Path = MRPC_TRAIN, thresholds: list[float] | None = None) -> dict[str, dict]:
    """The "same claim" decision on MRPC: accuracy and F1 of the paraphrase class for the
    all-paraphrase baseline, for embedding cosine at the configured threshold and at the
    best threshold on this file, and for the full rule (cosine plus the figure and negation
    vetoes of :func:`kb.tracking.contradict.same_claim`, speakers unknown)."""
    import re

    import numpy as np
    from sklearn.metrics import accuracy_score

    from kb.nlp import embed
    from kb.nlp.figures import find_figures
    from kb.tracking.contradict import TRACKING, ClaimView, FigureView, same_claim

    pairs = read_mrpc(path)
    t0 = time.perf_counter()
    a = embed.embed([p[1] for p in pairs])
    b = embed.embed([p[2] for p in pairs])
    cos = (a * b).sum(axis=1)
    y = np.array([p[0] for p in pairs])
    embed_s = time.perf_counter() - t0

    def score(pred) -> dict:
        pred = np.asarray(pred, dtype=bool)
        return {"accuracy": round(float(accuracy_score(y, pred)), 3), **label_scores(y, pred), "pairs": len(pairs)}

    grid = thresholds or [round(0.5 + 0.025 * i, 3) for i in range(17)]
    best = max(grid, key=lambda t: float(accuracy_score(y, cos >= t)))
    negation = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)

    def view(i: int, text: str) -> ClaimView:
        figs = [
            FigureView(j, f.kind, f.value, f.unit, f.raw, f.lower, f.upper, f.approx, f.time_ref, None, f.subject)
            for j, f in enumerate(find_figures(text))
        ]
        return ClaimView(claim_id=i, text=text, article_id=i, negated=bool(negation.search(text)), figures=figs)

    rule = [
        same_claim(view(2 * i, p[1]), view(2 * i + 1, p[2]), float(c))
        for i, (p, c) in enumerate(zip(pairs, cos, strict=True))
    ]
    return {
        "baseline: all paraphrase": score(np.ones_like(y)),
        f"cosine >= {TRACKING.same_claim_cosine} (configured)": score(cos >= TRACKING.same_claim_cosine),
        f"cosine >= {best} (best on this file)": score(cos >= best),
        "same_claim rule (cosine + figure/negation vetoes)": {**score(rule), "seconds": round(embed_s, 1)},
    }


# -- the command line ------------------------------------------------------------------------


def _bench_table(title: str, rows: dict[str, dict], cols: list[str]) -> Table:
    t = Table(title=title)
    t.add_column("system")
    for c in cols:
        t.add_column(c, justify="right")
    for name, r in rows.items():
        t.add_row(name, *[str(r.get(c, "")) for c in cols])
    return t


@app.command("extraction")
def extraction_cli(
    evaldata: Annotated[Path | None, typer.Option(help="trafilatura-eval evaldata.json")] = None,
    html_dir: Annotated[
        Path | None, typer.Option("--html-dir", help="Folder of the pages (.html or .html.gz).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N pages.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Main-text extraction: snippet precision/recall/F1 vs trafilatura's defaults."""
    rows = bench_extraction(evaldata or TRAFILATURA_EVAL, html_dir or TRAFILATURA_HTML, limit)
    if as_json:
        print_json(rows)
        return
    out.print(
        _bench_table(
            "extraction (trafilatura-eval; best published: trafilatura 2.2.0 F1 0.924)",
            rows,
            ["precision", "recall", "f1", "pages", "seconds"],
        )
    )


@app.command("checkworthy")
def checkworthy_cli(
    tsv: Annotated[Path | None, typer.Option(help="CheckThat-format TSV (Text, class_label).")] = None,
    model: Annotated[Path | None, typer.Option(help="A scorer from `kb train-checkworthy`.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check-worthiness: F1 of the Yes class vs the all-Yes baseline."""
    rows = bench_checkworthy(tsv or CHECKTHAT_DEV, model=model)
    if as_json:
        print_json(rows)
        return
    out.print(
        _bench_table(
            "check-worthiness (F1 of Yes; best published on CheckThat 2024 test: 0.80)",
            rows,
            ["precision", "recall", "f1", "n", "seconds"],
        )
    )


@app.command("figures")
def figures_cli(
    cases: Annotated[Path | None, typer.Option(help="quantulum3-format JSON (req, res[value, unit, surface]).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Figure parsing on quantulum3's regression sentences vs a bare-number baseline."""
    rows = bench_figures(cases or QUANTULUM)
    if as_json:
        print_json(rows)
        return
    out.print(
        _bench_table(
            "figures (quantulum3 regression cases; value + span match)",
            rows,
            ["precision", "recall", "f1", "sentences", "ms"],
        )
    )


@app.command("retrieval")
def retrieval_cli(
    as_json: JsonOpt = False,
    claims: Annotated[
        Path | None, typer.Option(help="verified claims TSV (default: ../shared/eval/clef2020-checkthat-task2)")
    ] = None,
    queries: Annotated[Path | None, typer.Option(help="queries TSV (default: the dev tweets)")] = None,
    qrels: Annotated[Path | None, typer.Option(help="qrels file (default: the dev qrels)")] = None,
    titles: Annotated[
        bool, typer.Option("--titles/--no-titles", help="index each claim's title with it for BM25")
    ] = True,
    cache: Annotated[Path | None, typer.Option(help="folder to keep the claim embeddings in between runs")] = None,
    reranker: Annotated[
        Path | None, typer.Option(help="also the hybrid re-ranked by this cross-encoder (`kb train-reranker`)")
    ] = None,
) -> None:
    """Claim retrieval (CLEF CheckThat 2020 task 2 dev): MAP@5 and MRR of BM25, vectors, fused, re-ranked."""
    paths = {k: v for k, v in (("claims_tsv", claims), ("queries_tsv", queries), ("qrels_path", qrels)) if v}
    rows = bench_retrieval(**paths, titles=titles, cache_dir=cache, reranker=reranker)
    if as_json:
        print_json(rows)
        return
    index = rows.pop("_index")
    out.print(
        _bench_table(
            f"retrieval (CLEF 2020 task 2; {index['claims']} verified claims, titles "
            f"{'indexed' if index['titles'] else 'not indexed'}, in {index['seconds']}s; "
            "MRR over the top 10)",
            rows,
            ["map@5", "mrr", "queries", "ms_per_query"],
        )
    )


@app.command("paraphrase")
def paraphrase_cli(
    mrpc: Annotated[
        Path | None, typer.Option(help="MRPC-format TSV (Quality, #1 ID, #2 ID, #1 String, #2 String).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The "same claim" threshold on MRPC: accuracy/F1 vs the all-paraphrase baseline."""
    rows = bench_paraphrase(mrpc or MRPC_TRAIN)
    if as_json:
        print_json(rows)
        return
    out.print(
        _bench_table(
            "same claim (MRPC train; paraphrase class)", rows, ["accuracy", "precision", "recall", "f1", "pairs"]
        )
    )


if __name__ == "__main__":
    app()
