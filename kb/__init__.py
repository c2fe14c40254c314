"""kb: a news and claims knowledge base.

The library behind the ``kb`` CLI and the Streamlit app. It never imports Scrapy or
Streamlit: crawling happens in ``crawler/`` (a Scrapy project) and hands over WARC files.
"""

__version__ = "0.1.0"

#: Recorded on every article and claim row, so a better pipeline can re-ingest and the
#: rows it replaces are identifiable.
PIPELINE_VERSION = "kb-pipeline/1"
