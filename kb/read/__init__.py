"""The read side: typed records (``types``), filters (``filters``), claims (``claims``),
entities, flags, clusters, provenance, article history, runs, the overview counts, and
citation exports (``export``). Read-only: every function takes a connection from
``Store.read()``, which DuckDB opens read-only."""
