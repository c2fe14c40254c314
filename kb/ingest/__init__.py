"""Ingest: WARC records (``warc``) -> main text and metadata (``extract``) -> spaCy and
embeddings in worker processes (``workers``) -> rows for the store (``batch``, the pure
per-batch step) -> the run over files, then tracking and indexes (``run``)."""
