"""``kb ingest``: WARC files in, rows in DuckDB out, then fact tracking and the search
side indexes brought up to date.

    WARC records (kb.ingest.warc) -> process_batch (kb.ingest.batch) -> one transaction
    per batch (kb.store.writer) -> article diffs (kb.tracking.versions) -> clusters and
    flags (kb.tracking.pipeline) -> side indexes saved (kb.search.index)

Idempotent: a record already stored (by its WARC-Record-ID) is not processed again, so a
killed ingest re-runs to completion without duplicates. Every skip bumps a counter of the
run's one :class:`kb.stats.Stats`.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kb.config import IndexSettings, IngestSettings, TrackingSettings
from kb.ingest import workers
from kb.ingest.batch import process_batch
from kb.ingest.warc import find_warc_files, read_captures
from kb.models import Capture
from kb.stats import Stats
from kb.store.connection import Store
from kb.store.writer import BatchWriter, record_ingest_run


@dataclass
class IngestReport:
    files: list[str]
    stats: Stats = field(default_factory=Stats)
    seconds: float = 0.0
    run_id: str = ""

    @property
    def counters(self) -> Counter[str]:
        return self.stats.counts

    def as_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "files": self.files, "seconds": round(self.seconds, 2), **self.stats.as_dict()}


def _batches(files: Iterable[Path], size: int, stats: Stats) -> Iterator[list[Capture]]:
    """Intact captures in batches. ``read_captures`` counts every record; the short or
    mismatched ones it counts and leaves out never reach the store (no captures row), so a
    whole copy of the file ingested later stores them."""
    batch: list[Capture] = []
    for path in files:
        stats.inc("files")
        for cap in read_captures(path, stats=stats):
            batch.append(cap)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def ingest(
    paths: Sequence[Path | str],
    db: Path | str,
    settings: IngestSettings | None = None,
    on_batch: Callable[[IngestReport], None] | None = None,
    tracking: TrackingSettings | None = None,
    index: IndexSettings | None = None,
) -> IngestReport:
    """Ingest WARC files/folders into the store. Returns what happened (``report.stats``).

    Inputs that cannot be read (nothing found, a symlink loop) and a ``db`` that is not a kb
    database raise a :class:`kb.errors.KBError` before anything is created or changed."""
    settings = settings or IngestSettings()
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    files = find_warc_files(paths)
    store = Store(db)
    store.init()

    from kb.nlp import embed, pipeline
    from kb.search.index import refresh
    from kb.tracking.pipeline import track
    from kb.tracking.versions import diff_versions

    writer = BatchWriter(store)
    report = IngestReport(
        files=[str(f.resolve()) for f in files], run_id=f"ingest-{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    )
    stats = report.stats
    # the worker processes (started by the first batch big enough) end with the batches, on
    # error and Ctrl-C too: tracking and the indexes below do not use them
    with workers.for_run():
        for batch in _batches(files, settings.batch_size, stats):
            known = writer.known_record_ids([c.record_id for c in batch])
            fresh = [c for c in batch if c.record_id not in known]
            stats.inc("already_ingested", len(batch) - len(fresh))
            if not fresh:
                continue
            rows = process_batch(fresh, writer.known_text_hashes, settings, stats)
            with stats.timer("store (write_batch)"):
                writer.write(rows, pipeline.model_version(), embed.model_version(), stats)
            if on_batch:
                on_batch(report)
    # articles re-crawled with new text: record which claims appeared, went or changed (every
    # run, not only when this one stored a version: a run killed here leaves the diff to the next)
    with stats.timer("article diffs"):
        diff_versions(store, stats)
    # fact tracking: cluster the new claims with the stored ones and flag conflicts. A run
    # killed before this point leaves claims untracked; the next run (or `kb track`) places them.
    with stats.timer("fact tracking"):
        track(store, settings=tracking, stats=stats)
    # the search side indexes, caught up and saved, so the next search in any process finds
    # them ready; a run killed before this leaves the catch-up to that search
    with stats.timer("search side indexes"):
        refresh(store.path, index)
    report.seconds = time.perf_counter() - t0
    record_ingest_run(store, report.run_id, started, report.files, stats.as_dict())
    return report
