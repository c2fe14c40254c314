"""Search: the hybrid query (``search``), score fusion (``fusion``), cleaning pasted queries
(``querytext``), the optional cross-encoder reranker (``rerank``), and the side indexes
kept beside the database (``index/``)."""
