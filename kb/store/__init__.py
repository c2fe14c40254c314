"""The DuckDB store: the file and its connections (``connection``), the read pool that lets
readers step aside for writers (``readpool``), the batch writer ingest stores through
(``writer``), entity merging across articles (``entities``), bulk row writes (``rows``),
what "current" means (``schema``), and the numbered migrations (``migrations/``)."""
