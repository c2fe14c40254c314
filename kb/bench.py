"""Quality benchmarks on third-party data, each beside its baseline in the same run.

Dataset paths are arguments (defaults point to ``../shared/eval``), so the same commands
run on other splits. Tests never depend on this data.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kb.config import SearchSettings

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
TRAFILATURA_EVAL = EVAL / "trafilatura-eval" / "evaldata.json"
TRAFILATURA_HTML = EVAL / "trafilatura-eval" / "html"
CHECKTHAT_DEV = EVAL / "checkthat2024-task1-en" / "CT24_checkworthy_english_dev.tsv"


@dataclass
class PRF:
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
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _read_html(html_dir: Path, name: str) -> bytes | None:
    for candidate in (html_dir / name, html_dir / f"{name}.gz"):
        if candidate.exists():
            data = candidate.read_bytes()
            return gzip.decompress(data) if candidate.suffix == ".gz" else data
    return None


def bench_extraction(evaldata: Path = TRAFILATURA_EVAL, html_dir: Path = TRAFILATURA_HTML,
                     limit: int | None = None) -> dict[str, dict]:
    """Snippet precision/recall/F1 (trafilatura's evaluation): every ``with`` snippet found
    in the text is a true positive, every ``without`` snippet found is a false positive."""
    import trafilatura

    from kb.extract import Skip, extract

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


def read_checkworthy_tsv(path: Path) -> list[tuple[str, bool]]:
    rows = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = (row.get("class_label") or "").strip()
            if label not in ("Yes", "No"):
                continue  # e.g. the malformed "No29286" row in the 2024 train split
            rows.append((row["Text"].strip().strip('"').replace('""', '"'), label == "Yes"))
    return rows


def checkworthy_scores(texts: list[str]) -> list[float]:
    """The default, explainable scorer on free sentences (each text scored as a whole)."""
    from kb.checkworthy import default_score, sentence_features
    from kb.nlp import load_pipeline

    nlp = load_pipeline()
    return [default_score(sentence_features(doc[:], len(doc._.figures))) for doc in nlp.pipe(texts, batch_size=64)]


def bench_checkworthy(tsv: Path = CHECKTHAT_DEV, threshold: float = 0.5,
                      model: Path | None = None) -> dict[str, dict]:
    """F1 of the Yes class: all-Yes baseline, the default scorer, and a trained scorer
    (``model``, from ``kb train-checkworthy``) when given."""
    rows = read_checkworthy_tsv(Path(tsv))
    gold = [y for _, y in rows]
    t0 = time.perf_counter()
    scores = checkworthy_scores([t for t, _ in rows])
    seconds = time.perf_counter() - t0

    def prf(pred: list[bool]) -> PRF:
        p = PRF()
        for yhat, y in zip(pred, gold, strict=True):
            p.tp += yhat and y
            p.fp += yhat and not y
            p.fn += (not yhat) and y
        return p

    out = {
        "baseline: all Yes": {**prf([True] * len(gold)).as_dict(), "n": len(gold)},
        f"kb default (score >= {threshold})": {**prf([s >= threshold for s in scores]).as_dict(), "n": len(gold),
                                               "seconds": round(seconds, 1)},
    }
    if model is not None:
        from kb.checkworthy import TrainedScorer, featurise

        scorer = TrainedScorer.load(Path(model))
        t0 = time.perf_counter()
        emb, feats = featurise([t for t, _ in rows])
        probs = scorer.score(emb, feats)
        out[f"kb trained ({Path(model).name}, >= {scorer.threshold})"] = {
            **prf([bool(p >= scorer.threshold) for p in probs]).as_dict(), "n": len(gold),
            "seconds": round(time.perf_counter() - t0, 1)}
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


def read_clef_claims(path: Path) -> tuple[list[str], list[str], list[str]]:
    """Verified claims TSV (vclaim_id, vclaim, title): ids, claim texts, titles."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("vclaim")]
    return ([(r.get("vclaim_id") or r.get("") or "").strip() for r in rows], [r["vclaim"].strip() for r in rows],
            [(r.get("title") or "").strip() for r in rows])


def read_clef_queries(queries_tsv: Path, qrels_path: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Tweets TSV (tweet_id, tweet_content) and TREC qrels: queries and relevant claim ids."""
    with open(queries_tsv, newline="", encoding="utf-8") as fh:
        queries = {(r.get("tweet_id") or r.get("") or "").strip(): r["tweet_content"] for r in csv.DictReader(fh, delimiter="\t")}
    qrels: dict[str, set[str]] = {}
    for line in Path(qrels_path).read_text().splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] != "0":
            qrels.setdefault(parts[0], set()).add(parts[2])
    return queries, {q: r for q, r in qrels.items() if q in queries}


def _cached_embeddings(texts: list[str], cache_dir: Path | None):
    """``embed(texts)``, kept in ``cache_dir`` (keyed by model version and texts) when given:
    10k claims take minutes to embed on a loaded 2-core machine."""
    import hashlib

    import numpy as np

    from kb.embed import embed, model_version

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


def retrieval_configs() -> dict[str, SearchSettings]:
    """The search settings compared by ``kb bench retrieval``: each leg alone and the hybrid
    under the defaults, then the defaults with one change undone (ablation), then the
    search as it was before score fusion and query cleaning (RRF 1:1 on the raw text)."""
    from dataclasses import replace

    from kb.config import SETTINGS

    s = SETTINGS.search
    return {
        "BM25 only": replace(s, vector_weight=0.0),
        "vectors only": replace(s, bm25_weight=0.0),
        "hybrid (default settings)": s,
        "hybrid, raw query (no cleaning)": replace(s, clean_queries=False),
        "hybrid, RRF 1:1 instead of score fusion": replace(s, fusion="rrf", bm25_weight=1.0, vector_weight=1.0),
        "before: BM25 only, raw query": replace(s, clean_queries=False, vector_weight=0.0),
        "before: vectors only, raw query": replace(s, clean_queries=False, bm25_weight=0.0),
        "before: hybrid RRF 1:1, raw query": replace(s, clean_queries=False, fusion="rrf", bm25_weight=1.0,
                                                     vector_weight=1.0),
    }


@contextlib.contextmanager
def _clef_db(claims_tsv: Path, titles: bool, cache_dir: Path | None):
    """A temporary DB holding the CLEF verified claims, searchable through the real path;
    yields (store, vclaim ids by claim_id - 1, seconds it took to build)."""
    import tempfile

    from kb.nlp import load_lemmatizer
    from kb.store import Store

    ids, texts, title_texts = read_clef_claims(claims_tsv)
    t0 = time.perf_counter()
    vecs = _cached_embeddings(texts, cache_dir)
    # Store the claims in a fixed shuffled order: search breaks score ties by claim id, and
    # in file order that tie-break favours low vclaim ids, which are relevant more often
    # (worth +0.015 to +0.03 MAP@5 to rank fusion on CLEF 2020): a dataset artefact.
    order = list(range(len(ids)))
    random.Random(0).shuffle(order)
    ids, texts, title_texts = ([xs[i] for i in order] for xs in (ids, texts, title_texts))
    vecs = vecs[order]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        docs = [f"{t} {ti}" for t, ti in zip(texts, title_texts, strict=True)] if titles else texts
        lemma_texts = [" ".join(t.lemma_.lower() for t in d if t.is_alpha) for d in load_lemmatizer().pipe(docs, batch_size=256)]
        store.load_benchmark_claims(texts, vecs, lemma_texts,
                                    title_texts if titles else None)
        store.rebuild_search_index()
        yield store, ids, time.perf_counter() - t0


def bench_retrieval(claims_tsv: Path = CLEF2020 / "verified_claims.docs.tsv",
                    queries_tsv: Path = CLEF2020 / "dev" / "tweets.queries.tsv",
                    qrels_path: Path = CLEF2020 / "dev" / "tweet-vclaim-pairs.qrels",
                    titles: bool = True, cache_dir: Path | None = None,
                    configs: dict[str, SearchSettings] | None = None,
                    reranker: Path | None = None) -> dict[str, dict]:
    """Claim retrieval (CLEF CheckThat 2020 task 2): MAP@5 and MRR (over the top 10) of BM25
    alone, vectors alone and the hybrid under several settings, all through the real
    search path (kb.search.search) over a temporary DB. With ``titles`` each verified
    claim's title is indexed for BM25 with it (in CLEF the title is part of the document).
    No row uses ``KB_RERANKER``; with ``reranker`` (a `kb train-reranker` directory) one row
    more: the default hybrid re-ranked by it."""
    from dataclasses import replace

    from kb.config import SETTINGS
    from kb.search import search

    queries, qrels = read_clef_queries(queries_tsv, qrels_path)
    configs = {name: replace(s, reranker="") for name, s in (configs or retrieval_configs()).items()}
    if reranker:
        configs["hybrid + cross-encoder reranker"] = replace(SETTINGS.search, reranker=str(reranker))
    out: dict[str, dict] = {}
    with _clef_db(claims_tsv, titles, cache_dir) as (store, ids, index_s):
        for name, settings in configs.items():
            if settings.reranker:
                search("warm-up", store.path, limit=1, settings=settings)  # load the model off the clock
            ranked, t0 = {}, time.perf_counter()
            for qid in qrels:
                hits = search(queries[qid], store.path, limit=10, settings=settings)
                ranked[qid] = [ids[h.claim_id - 1] for h in hits]
            out[name] = {"map@5": round(_map_at_k(ranked, qrels), 4), "mrr": round(_mrr(ranked, qrels), 4),
                         "queries": len(qrels), "ms_per_query": round(1000 * (time.perf_counter() - t0) / max(len(qrels), 1), 1)}
        out["_index"] = {"claims": len(ids), "titles": titles, "seconds": round(index_s, 1)}
    return out


def reranker_examples(claims_tsv: Path = CLEF2020 / "verified_claims.docs.tsv",
                      queries_tsv: Path = CLEF2020 / "train" / "tweets.queries.tsv",
                      qrels_path: Path = CLEF2020 / "train" / "tweet-vclaim-pairs.qrels",
                      titles: bool = True, cache_dir: Path | None = None,
                      depth: int = 20, doc_titles: bool = True) -> list:
    """Training queries for ``kb train-reranker``: each query (cleaned, as search sees it) with
    its relevant claims and the wrong ones among the default search's best ``depth``: the
    near misses the reranker is there to sort out. ``doc_titles``: claims carry their titles
    (:func:`kb.rerank.doc_text`)."""
    from dataclasses import replace

    from kb.config import SETTINGS
    from kb.querytext import clean_query
    from kb.rerank import Example, doc_text
    from kb.search import search

    queries, qrels = read_clef_queries(queries_tsv, qrels_path)
    vclaim_ids, texts, title_texts = read_clef_claims(claims_tsv)
    doc_of = {d: doc_text(t, ti, doc_titles) for d, t, ti in zip(vclaim_ids, texts, title_texts, strict=True)}
    settings = replace(SETTINGS.search, reranker="")
    out = []
    with _clef_db(claims_tsv, titles, cache_dir) as (store, ids, _):
        for qid, rel in qrels.items():
            hits = search(queries[qid], store.path, limit=depth, settings=settings)
            out.append(Example(clean_query(queries[qid]), [doc_of[d] for d in sorted(rel) if d in doc_of],
                               [doc_of[ids[h.claim_id - 1]] for h in hits if ids[h.claim_id - 1] not in rel]))
    return out


def train_reranker(out: Path, claims_tsv: Path = CLEF2020 / "verified_claims.docs.tsv",
                   queries_tsv: Path = CLEF2020 / "train" / "tweets.queries.tsv",
                   qrels_path: Path = CLEF2020 / "train" / "tweet-vclaim-pairs.qrels",
                   doc_titles: bool = True, cache_dir: Path | None = None, settings=None,
                   progress: Callable[[str], None] = lambda _msg: None):
    """``kb train-reranker``: :func:`reranker_examples`, then :func:`kb.rerank.train`; the
    data files are recorded in the model's meta."""
    from kb.rerank import TrainSettings, train

    settings = settings or TrainSettings()
    progress(f"searching the training queries of {queries_tsv} ...")
    examples = reranker_examples(claims_tsv, queries_tsv, qrels_path, cache_dir=cache_dir, depth=settings.depth,
                                 doc_titles=doc_titles)
    data = {"claims_tsv": claims_tsv, "queries_tsv": queries_tsv, "qrels_path": qrels_path}
    return train(examples, out, settings, doc_titles, meta={"data": {k: str(Path(v).resolve()) for k, v in data.items()}},
                 progress=progress)


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
                hit = next((i for i, (gv, gs, ge) in enumerate(gold) if i not in used and gs >= 0 and s < ge and e > gs
                            and abs(value - gv) <= 1e-6 * max(1.0, abs(gv))), None)
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
    vetoes of :func:`kb.contradict.same_claim`, speakers unknown)."""
    import re

    import numpy as np

    from kb import embed
    from kb.contradict import TRACKING, ClaimView, FigureView, same_claim
    from kb.nlp.figures import find_figures

    pairs = read_mrpc(path)
    t0 = time.perf_counter()
    a = embed.embed([p[1] for p in pairs])
    b = embed.embed([p[2] for p in pairs])
    cos = (a * b).sum(axis=1)
    y = np.array([p[0] for p in pairs])
    embed_s = time.perf_counter() - t0

    def score(pred) -> dict:
        pred = np.asarray(pred, dtype=bool)
        prf = PRF(tp=int((pred & y).sum()), fp=int((pred & ~y).sum()), fn=int((~pred & y).sum()))
        return {"accuracy": round(float((pred == y).mean()), 3), **prf.as_dict(), "pairs": len(pairs)}

    grid = thresholds or [round(0.5 + 0.025 * i, 3) for i in range(17)]
    best = max(grid, key=lambda t: float(((cos >= t) == y).mean()))
    negation = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)

    def view(i: int, text: str) -> ClaimView:
        figs = [FigureView(j, f.kind, f.value, f.unit, f.raw, f.lower, f.upper, f.approx, f.time_ref, None, f.subject)
                for j, f in enumerate(find_figures(text))]
        return ClaimView(claim_id=i, text=text, article_id=i, negated=bool(negation.search(text)), figures=figs)

    rule = [same_claim(view(2 * i, p[1]), view(2 * i + 1, p[2]), float(c)) for i, (p, c) in enumerate(zip(pairs, cos, strict=True))]
    return {
        "baseline: all paraphrase": score(np.ones_like(y)),
        f"cosine >= {TRACKING.same_claim_cosine} (configured)": score(cos >= TRACKING.same_claim_cosine),
        f"cosine >= {best} (best on this file)": score(cos >= best),
        "same_claim rule (cosine + figure/negation vetoes)": {**score(rule), "seconds": round(embed_s, 1)},
    }
