"""The pure per-batch step of ingest: captures in, rows for the store out, no database.

    captures -> skip what is not a page -> main text (kb.ingest.extract) -> texts already
    stored skip the NLP -> spaCy + claim embeddings (kb.ingest.workers) -> figure years,
    scoped surnames, check-worthiness -> CaptureRows

This is the seam a distributed runner drops in at: any process with the models can run it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

import numpy as np

from kb.config import EMBED_DIM, IngestSettings
from kb.models import ArticleRows, Capture, CaptureRows, Claim
from kb.nlp import checkworthy
from kb.nlp.figures import resolve_year
from kb.stats import Stats

log = logging.getLogger(__name__)

NOT_PAGE_ROLES = {"feed", "sitemap", "robots"}


def source_of(cap: Capture) -> str:
    return cap.source or urlsplit(cap.final_url).hostname or "unknown"


def prefilter(cap: Capture) -> str | None:
    """A skip reason decided from the capture alone, before any parsing."""
    if cap.status != 200:
        return f"http_{cap.status}"
    if cap.headers.get("x-kb-truncated"):
        return "too_large"
    if cap.role in NOT_PAGE_ROLES:
        return f"not_page_{cap.role}"
    ctype = cap.content_type
    if ctype and "html" not in ctype:
        return "not_html"
    return None


def process_batch(
    captures: Sequence[Capture],
    known_texts: Callable[[list[str]], set[str]] | None = None,
    settings: IngestSettings | None = None,
    stats: Stats | None = None,
) -> list[CaptureRows]:
    """Extract, analyse and embed one batch. Pure apart from the optional ``known_texts``
    look-up, which lets texts already stored skip the NLP work (they become duplicates).
    Time per stage goes to ``stats``."""
    from kb.ingest import workers

    settings = settings or IngestSettings()
    stats = stats if stats is not None else Stats()
    slots: list[CaptureRows | None] = []
    jobs: list[tuple[int, Capture]] = []
    pending: list[ArticleRows] = []
    with stats.timer("extract (workers) + dedup look-up"):
        for cap in captures:
            reason = prefilter(cap)
            slots.append(CaptureRows(cap, "skipped", reason) if reason else None)
            if not reason:
                jobs.append((len(slots) - 1, cap))
        extracted = workers.extract_all(
            [(c.body, c.final_url, c.headers.get("content-type"), c.fetched_at) for _, c in jobs], settings, stats
        )
        for (i, cap), (ex, reason) in zip(jobs, extracted, strict=True):
            if ex is None:
                log.info("skip %s: %s", cap.final_url, reason)
                slots[i] = CaptureRows(cap, "skipped", reason)
                continue
            art = ArticleRows(ex, source_of(cap), urlsplit(cap.final_url).hostname, [], [])
            slots[i] = CaptureRows(cap, "article", None, art)
            pending.append(art)
        shas = [art.extracted.text_sha256 for art in pending]
        already = known_texts(shas) if known_texts and pending else set()
        seen: set[str] = set()
        todo = []
        for art in pending:
            sha = art.extracted.text_sha256
            if sha in already or sha in seen:
                continue  # the store records it as a duplicate or unchanged; no NLP needed
            seen.add(sha)
            todo.append(art)
    claims: list[Claim] = []
    with stats.timer("nlp + embeddings (waiting for workers)"):
        results = workers.analyse([art.extracted.text for art in todo], settings, stats)
        for art, (doc_claims, mentions, roles) in zip(todo, results, strict=True):
            art.claims, art.mentions, art.roles = doc_claims, mentions, roles
            pub = art.extracted.published_at
            for c in art.claims:
                for f in c.figures:
                    f.year = resolve_year(f.time_ref, pub.year if pub else None)
            scope_bare_surnames(art)
            claims.extend(art.claims)
    with stats.timer("checkworthiness"):
        rescore(claims, settings)
    return [r for r in slots if r is not None]


def rescore(claims: list[Claim], settings: IngestSettings) -> None:
    """The learned check-worthiness scorer (the shipped one, or ``KB_CHECKWORTHY_MODEL``'s)
    replaces the hand-weighted score, which stays in the claim's features beside the
    scorer's name and its reasons; ``KB_CHECKWORTHY_MODEL=hand`` keeps the hand score."""
    scorer = checkworthy.scorer_for(settings.checkworthy_model)
    if scorer is None or not claims:
        return
    vectors = np.array([c.embedding for c in claims], dtype=np.float32).reshape(len(claims), EMBED_DIM)
    feats = [c.features for c in claims]
    probs = scorer.score(vectors, feats)
    for c, p, why in zip(claims, probs, scorer.contributions(vectors, feats), strict=True):
        c.features["default_score"] = c.checkworthiness
        c.features["scorer"] = scorer.name
        c.features["contributions"] = why
        c.checkworthiness = round(float(p), 3)


def scope_bare_surnames(art: ArticleRows) -> None:
    """A one-word person name the article never expands ("Musk" alone) identifies no one
    beyond this article: scope it to the article, so two articles' bare "Cook"s do not
    merge. The store joins it to a known person only with evidence."""
    refs = list(art.mentions) + [c.speaker for c in art.claims if c.speaker]
    refs += [e for c in art.claims for e in c.entities] + [r.person for r in art.roles]
    for r in refs:
        if r.type == "PERSON" and " " not in r.name:
            r.scope = art.extracted.url
