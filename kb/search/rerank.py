"""Cross-encoder re-ranking: the best fused candidates of a search, read together with the
query by a small transformer and reordered.

The two legs of :func:`kb.search.search.search` see the query and a claim apart (BM25 terms, one
vector each), so they cannot tell near misses apart: "the drug cuts deaths by half" and
"the drug cuts hospital stays by half" sit side by side. A cross-encoder reads the pair
as one input and scores how well the claim answers the query. Ours is all-MiniLM-L6-v2 (the
pinned embedding package's weights, no download) with a one-unit head, tuned on pairs of
(query, relevant claim) against the search's own best wrong candidates: ``kb train-reranker``
(kb/train/reranker.py). Nothing ships trained: set ``KB_RERANKER=DIR`` (or
``kb search --reranker DIR``) to use one.

Re-scoring keeps the fused evidence: the top ``depth`` candidates get
``fused + blend * sigmoid(logit)``; everything below them keeps its fused score, which is
never above theirs, so only the top ``depth`` reorder. Costs one transformer pass over
``depth`` pairs a query (docs/benchmarks.md, "Retrieval quality").
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kb.errors import BadInput

if TYPE_CHECKING:
    from sentence_transformers import CrossEncoder as SentenceTransformersCrossEncoder

META_FILE = "kb-reranker.json"
FORMAT = 1


@dataclass
class CrossEncoder:
    """A tuned model directory: transformers weights and tokenizer plus :data:`META_FILE`,
    read by ``sentence_transformers.CrossEncoder``."""

    path: Path
    meta: dict[str, Any]
    model: SentenceTransformersCrossEncoder = field(repr=False)

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
            raise BadInput(
                f"{path} is a reranker of format {meta.get('format')!r}, this version reads {FORMAT}: "
                "retrain with `kb train-reranker`"
            )
        bad = [k for k in ("blend", "depth", "max_length") if not isinstance(meta.get(k), int | float) or meta[k] < 0]
        if bad:
            raise BadInput(f"{meta_path}: {', '.join(bad)} missing or not a number: retrain with `kb train-reranker`")
        from sentence_transformers import CrossEncoder as SentenceTransformersCrossEncoder

        try:
            model = SentenceTransformersCrossEncoder(
                str(path), max_length=int(meta["max_length"]), device="cpu", local_files_only=True
            )
        except (OSError, ValueError) as e:
            raise BadInput(f"{path}: the reranker's weights do not load ({e}): retrain with `kb train-reranker`") from e
        return cls(path, meta, model)

    def logits(self, query: str, docs: Sequence[str]) -> np.ndarray:
        """One score per doc (higher: the doc answers the query better), one forward pass. The
        raw logit of the one-unit head: ``predict`` would apply the model's activation, a
        float32 sigmoid, and :meth:`rerank` takes the sigmoid of the logit in float64."""
        if not docs:
            return np.zeros(0, dtype=np.float32)
        import torch

        return self.model.predict(
            [(query, d) for d in docs],
            batch_size=len(docs),
            activation_fn=torch.nn.Identity(),
            show_progress_bar=False,
        )

    def rerank(self, query: str, fused: dict[int, float], texts: dict[int, str]) -> dict[int, float]:
        """``fused`` with the best ``depth`` candidates (those in ``texts``) re-scored."""
        top = [cid for cid in sorted(fused, key=lambda c: (-fused[c], c))[: self.depth] if cid in texts]
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
