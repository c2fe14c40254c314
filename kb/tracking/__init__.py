"""Fact tracking, run at the end of every ingest: near-duplicate articles (``neardup``),
which claims to compare (``blocking``), whether two claims say the same thing or cannot
both be true (``contradict``), stable keys (``keys``), the run itself (``pipeline``),
journalists' reviews of flags (``reviews``), and what changed between an article's
versions (``versions``)."""
