"""One stats collector per run, passed to every stage (Scrapy's ``StatsCollector``).

Counters are named by path: ingest's own at the top (``articles``, ``skipped/not_article``),
each stage under its name (``tracking/flags/polarity``, ``history/versions_diffed``), so a
stage never re-prefixes another's counters. Timings (wall seconds per stage in this
process, CPU seconds per stage in the NLP workers) are kept apart from the counters: they
describe a machine, not the data, and are not stored with a run.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager


class Stats:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.seconds: dict[str, float] = {}  # wall seconds per stage (this process)
        self.cpu_seconds: dict[str, float] = {}  # CPU seconds per stage, summed over worker processes

    def inc(self, key: str, n: int = 1) -> None:
        if n:
            self.counts[key] += n

    def get(self, key: str, default: int = 0) -> int:
        return self.counts.get(key, default)

    def under(self, prefix: str) -> dict[str, int]:
        """The non-zero counters below ``prefix/``, with the prefix taken off."""
        head = prefix.rstrip("/") + "/"
        return {k[len(head) :]: v for k, v in sorted(self.counts.items()) if k.startswith(head) and v}

    @contextmanager
    def timer(self, stage: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - t0

    def add_cpu(self, seconds: dict[str, float]) -> None:
        """CPU seconds per stage reported by a worker process."""
        for stage, s in seconds.items():
            self.cpu_seconds[stage] = self.cpu_seconds.get(stage, 0.0) + s

    def as_dict(self) -> dict[str, int]:
        return dict(sorted(self.counts.items()))
