"""WARC files in, rows in DuckDB out.

    captures (kb.warc) -> main text (kb.extract) -> exact dedup -> spaCy (kb.nlp)
      -> embeddings (kb.embed) -> one transaction per batch (kb.store)

:func:`process_batch` is the pure per-batch step (captures in, rows out, no database),
the seam where a distributed runner would drop in. :func:`ingest` drives it over files,
keeps a counter for every skip, and is idempotent: a record already stored (by its
WARC-Record-ID) is not processed again, so a killed ingest re-runs to completion without
duplicates.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from kb.config import SETTINGS, IngestSettings
from kb.models import Capture
from kb.store import ArticleRows, CaptureRows, Store
from kb.warc import find_warc_files, read_captures

log = logging.getLogger(__name__)

NOT_PAGE_ROLES = {"feed", "sitemap", "robots"}
# seconds spent per stage of process_batch in this process (read by kb.ingestbench)
STAGE_SECONDS: Counter = Counter()


@dataclass
class IngestReport:
    files: list[str]
    counters: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    run_id: str = ""

    def as_dict(self) -> dict:
        return {"run_id": self.run_id, "files": self.files, "seconds": round(self.seconds, 2), **dict(sorted(self.counters.items()))}


def _source_of(cap: Capture) -> str:
    return cap.source or urlsplit(cap.final_url).hostname or "unknown"


def _prefilter(cap: Capture) -> str | None:
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


def process_batch(captures: Sequence[Capture], known_texts: Callable[[list[str]], set[str]] | None = None,
                  settings: IngestSettings = SETTINGS.ingest) -> list[CaptureRows]:
    """Extract, analyse and embed one batch. Pure apart from the optional ``known_texts``
    look-up, which lets texts already stored skip the NLP work (they become duplicates)."""
    from kb import checkworthy, embed
    from kb.nlp import figures, parallel

    slots: list[CaptureRows | None] = []
    jobs: list[tuple[int, Capture]] = []
    t0 = time.perf_counter()
    for cap in captures:
        reason = _prefilter(cap)
        slots.append(CaptureRows(cap, "skipped", reason) if reason else None)
        if not reason:
            jobs.append((len(slots) - 1, cap))
    pending: list[tuple[CaptureRows, str]] = []
    extracted = parallel.extract_all([(c.body, c.final_url, c.headers.get("content-type"), c.fetched_at) for _, c in jobs],
                                     settings.nlp_processes)
    for (i, cap), (ex, reason) in zip(jobs, extracted, strict=True):
        if ex is None:
            log.info("skip %s: %s", cap.final_url, reason)
            slots[i] = CaptureRows(cap, "skipped", reason)
            continue
        art = ArticleRows(ex, _source_of(cap), urlsplit(cap.final_url).hostname, [], [])
        slots[i] = CaptureRows(cap, "article", None, art)
        pending.append((slots[i], ex.text))
    rows: list[CaptureRows] = [r for r in slots if r is not None]
    already = known_texts([r.article.extracted.text_sha256 for r, _ in pending]) if known_texts and pending else set()
    seen: set[str] = set()
    todo = []
    for row, text in pending:
        sha = row.article.extracted.text_sha256
        if sha in already or sha in seen:
            continue  # the store records it as a duplicate or unchanged; no NLP needed
        seen.add(sha)
        todo.append((row, text))
    t1 = time.perf_counter()
    STAGE_SECONDS["extract (workers) + dedup look-up"] += t1 - t0
    # NLP and claim embeddings in worker processes (kb.nlp.parallel)
    results = parallel.analyse([t for _, t in todo], settings.nlp_processes, settings.embed_batch_size,
                               settings.embed_threads)
    claims: list = []
    for (row, _), (doc_claims, mentions, roles) in zip(todo, results, strict=True):
        row.article.claims = doc_claims
        row.article.mentions = mentions
        row.article.roles = roles
        pub = row.article.extracted.published_at
        for c in row.article.claims:
            for f in c.figures:
                f.year = figures.resolve_year(f.time_ref, pub.year if pub else None)
        _scope_bare_surnames(row.article)
        claims.extend(row.article.claims)
    vectors = (np.array([c.embedding for c in claims], dtype=np.float32) if claims
               else np.zeros((0, embed.EMBED_DIM), dtype=np.float32))
    t2 = time.perf_counter()
    STAGE_SECONDS["nlp + embeddings (waiting for workers)"] += t2 - t1
    scorer = checkworthy.configured_scorer()
    if scorer is not None and claims:
        for c, p in zip(claims, scorer.score(vectors, [c.features for c in claims]), strict=True):
            c.features["default_score"] = c.checkworthiness
            c.features["scorer"] = scorer.meta.get("name", "trained")
            c.checkworthiness = round(float(p), 3)
    STAGE_SECONDS["checkworthiness"] += time.perf_counter() - t2
    return rows


def _scope_bare_surnames(art: ArticleRows) -> None:
    """A one-word person name the article never expands ("Musk" alone) identifies no one
    beyond this article: scope it to the article, so two articles' bare "Cook"s do not
    merge. The store joins it to a known person only with evidence."""
    refs = list(art.mentions) + [c.speaker for c in art.claims if c.speaker]
    refs += [e for c in art.claims for e in c.entities] + [r.person for r in art.roles]
    for r in refs:
        if r.type == "PERSON" and " " not in r.name:
            r.scope = art.extracted.url


def _batches(files: Iterable[Path], size: int, counters: Counter) -> Iterator[list[Capture]]:
    batch: list[Capture] = []
    for path in files:
        counters["files"] += 1
        for cap in read_captures(path):
            counters["records"] += 1
            batch.append(cap)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def ingest(paths: Sequence[Path | str], db: Path | str | None = None, settings: IngestSettings = SETTINGS.ingest,
           on_batch: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Ingest WARC files/folders into the store. Returns the counters of what happened."""
    from kb import embed, nlp

    started = datetime.now(UTC)
    t0 = time.perf_counter()
    files = find_warc_files(paths)
    store = Store(db)
    store.init()
    report = IngestReport(files=[str(f) for f in files], run_id=f"ingest-{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}")
    for batch in _batches(files, settings.batch_size, report.counters):
        known = store.known_record_ids([c.record_id for c in batch])
        fresh = [c for c in batch if c.record_id not in known]
        report.counters["already_ingested"] += len(batch) - len(fresh)
        if not fresh:
            continue
        rows = process_batch(fresh, store.known_text_hashes, settings)
        result = store.write_batch(rows, nlp.model_version(), embed.model_version())
        report.counters.update(result.counters)
        if on_batch:
            on_batch(report)
    # articles re-crawled with new text: record which claims appeared, went or changed (every
    # run, not only when this one stored a version: a run killed here leaves the diff to the next)
    from kb import history

    report.counters.update({f"history/{k}": v for k, v in history.diff_versions(store).items() if v})
    # fact tracking: cluster the new claims with the stored ones and flag conflicts. A run
    # killed before this point leaves claims untracked; the next run (or `kb track`) places them.
    from kb import tracking

    tracked = tracking.track(store)
    report.counters.update({f"tracking/{k}": v for k, v in tracked.counters.items() if v})
    # the search side indexes (kb/index.py), caught up and saved, so the next search in any
    # process finds them ready; a run killed before this leaves the catch-up to that search
    from kb import index

    index.refresh(store.path)
    report.seconds = time.perf_counter() - t0
    store.record_ingest_run(report.run_id, started, report.files, dict(report.counters))
    return report
