"""The crawler: a standard Scrapy project. It fetches politely and archives every
response as WARC; it does no NLP (that is ``kb ingest``)."""
