"""Training of the learned parts, never imported at run time: the check-worthiness scorer
(``checkworthy``), the search reranker (``reranker``), their data readers (``data``) and
the claims database a labelled corpus is searched in (``corpus``)."""
