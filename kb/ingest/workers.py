"""Extraction and the spaCy pipeline over many articles, in worker processes.

spaCy's own ``nlp.pipe(n_process=...)`` ships Docs back through ``Doc.to_bytes``, which
cannot carry our Python results (``doc._.claims`` are dataclasses), so ingest uses a small
pool of its own: each worker loads :func:`kb.nlp.pipeline.load_pipeline` once and returns, per
article, the plain results ingest stores (claims with their embeddings, entity mentions,
roles). Extraction (trafilatura, pure Python) and the claim embeddings (MiniLM, one torch
thread per worker) run in the same workers: on two cores, embedding in the main process
while two workers parse left the workers idle half of the time. Workers are
started with ``spawn`` (never ``fork`` a process that holds torch's thread pool) and end
with the run that started them (:func:`for_run`): a process that goes on after ingest
(``kb demo`` becomes the app) must not keep ~800 MB per worker alive for nothing.

:func:`analyse` yields results in input order as they arrive.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from kb.config import IngestSettings
from kb.models import Claim, EntityRef, Extracted, Role
from kb.stats import Stats

log = logging.getLogger(__name__)

Result = tuple[list[Claim], list[EntityRef], list[Role]]  # claims (embedded), mentions, roles
CHUNK = 8  # articles per task: small enough to balance two workers, large enough to batch

_pool: ProcessPoolExecutor | None = None
_pool_key: tuple[int, int] = (0, 0)  # (processes, embed threads) of the running pool


def _analyse_local(
    texts: Sequence[str], embed_batch_size: int = 64, embed_threads: int | None = 1
) -> tuple[list[Result], dict[str, float]]:
    """NLP, then the embeddings of every claim found (``claim.embedding``), in this process."""
    from kb.nlp import embed
    from kb.nlp.pipeline import load_pipeline

    t0 = time.process_time()
    out = [
        (list(doc._.claims), list(doc._.entity_refs), list(doc._.roles or []))
        for doc in load_pipeline().pipe(texts, batch_size=16)
    ]
    t1 = time.process_time()
    claims = [c for r in out for c in r[0]]
    for c, v in zip(claims, embed.embed([c.text for c in claims], embed_batch_size, embed_threads), strict=True):
        c.embedding = v.tolist()
    return out, {"spaCy": t1 - t0, "embeddings": time.process_time() - t1}


def _extract_local(jobs: Sequence[tuple]) -> tuple[list[tuple[Extracted | None, str | None]], dict[str, float]]:
    """(extracted, None) or (None, skip reason) per (body, url, content type, fetched_at)."""
    from kb.ingest.extract import Skip, extract

    t0 = time.process_time()
    out: list[tuple[Extracted | None, str | None]] = []
    for body, url, ctype, fetched_at in jobs:
        try:
            out.append((extract(body, url, ctype, fetched_at), None))
        except Skip as skip:
            out.append((None, skip.reason))
    return out, {"extraction": time.process_time() - t0}


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent is gone (``kill -9`` of the ingest) exits instead of holding
    a model's memory for ever: the pool's queues would otherwise block it indefinitely."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="kb-parent-watch", daemon=True).start()


def warm(parent: int, embed_threads: int = 1) -> None:
    """A worker's start: both models loaded, torch on ``embed_threads`` threads."""
    _exit_with_parent(parent)  # first: importing torch alone takes seconds on a loaded machine

    import torch

    from kb.nlp import embed
    from kb.nlp.pipeline import load_pipeline

    load_pipeline()
    embed.load_model()
    torch.set_num_threads(embed_threads or torch.get_num_threads())


def start(processes: int, embed_threads: int = 1) -> ProcessPoolExecutor:
    """The worker pool (started once; a pool of another size is replaced)."""
    global _pool, _pool_key
    if _pool is None or _pool_key != (processes, embed_threads):
        shutdown()
        _pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm,
            initargs=(os.getpid(), embed_threads),
        )
        _pool_key = (processes, embed_threads)
    return _pool


def shutdown() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


atexit.register(shutdown)


@contextlib.contextmanager
def for_run() -> Iterator[None]:
    """The workers a run starts end when it returns, raises or is interrupted. A pool
    that was up before (started and warmed by its caller, as the ingest benchmark does)
    stays: whoever starts the pool ends it."""
    owned = _pool is None
    try:
        yield
    finally:
        if owned:
            shutdown()


def _map(
    fn: Callable[..., tuple[list[Any], dict[str, float]]],
    items: Sequence,
    settings: IngestSettings,
    stats: Stats | None,
    *args: Any,
) -> Iterator:
    if settings.nlp_processes <= 1 or (len(items) <= CHUNK and _pool is None):
        # a small batch runs here, unless the workers are up already: then loading the
        # models in this process too would only add their memory (~1 GiB) to it
        futures: list[Any] = [fn(items, *args)]
    else:
        pool = start(settings.nlp_processes, settings.embed_threads)
        futures = [pool.submit(fn, list(items[i : i + CHUNK]), *args) for i in range(0, len(items), CHUNK)]
    for fut in futures:
        out, cpu = fut.result() if isinstance(fut, Future) else fut
        if stats is not None:
            stats.add_cpu(cpu)
        yield from out


def extract_all(
    jobs: Sequence[tuple], settings: IngestSettings | None = None, stats: Stats | None = None
) -> Iterator[tuple[Extracted | None, str | None]]:
    """Main text per (body, url, content type, fetched_at), in order, in the workers
    (trafilatura is pure Python: it parallelises only across processes)."""
    yield from _map(_extract_local, jobs, settings or IngestSettings(), stats)


def analyse(
    texts: Sequence[str], settings: IngestSettings | None = None, stats: Stats | None = None
) -> Iterator[Result]:
    """(claims, mentions, roles) per text, in order, every claim embedded; in
    ``settings.nlp_processes`` worker processes (1: here). CPU seconds per stage go to ``stats``."""
    settings = settings or IngestSettings()
    yield from _map(_analyse_local, texts, settings, stats, settings.embed_batch_size, settings.embed_threads)
