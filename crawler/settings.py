"""Scrapy settings for the ``news`` spider. Polite by default; tests and the demo lower
the delays for the local sample site with ``-s``."""

BOT_NAME = "newsclaims"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# The user agent names the project and a contact URL (override KB_CONTACT_URL per deployment).
KB_CONTACT_URL = "https://github.com/newsclaims-kb/newsclaims-kb#crawler"
USER_AGENT = f"newsclaims-kb/0.1 (+{KB_CONTACT_URL})"
ROBOTSTXT_OBEY = True

# Politeness: AutoThrottle adapts the delay to each host's latency; never more than two
# request in flight per host.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 0.5
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1

# Tight limits: a page is text, not a download.
DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # also bounds decompression (gzip bombs)
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 2
RETRY_AFTER_MAX = 60  # seconds; a 429/503 asking for longer leaves its host alone for this run (counted)
DEPTH_LIMIT = 3
REDIRECT_MAX_TIMES = 5

# Error pages are archived and counted too (they are part of what a crawl saw).
HTTPERROR_ALLOW_ALL = True

TELNETCONSOLE_ENABLED = False
COOKIES_ENABLED = False
LOG_LEVEL = "INFO"

# Where the crawler may connect (crawler.reach): the reach middleware checks every request's
# scope (scheme, host, port of its source) and address before anything is sent for it,
# replacing Scrapy's host-only offsite filter; the resolver checks each address a connection
# uses. RFC 9309 robots.txt (5xx/unreachable disallows all) replaces Scrapy's fail-open one;
# the incremental middleware skips what the crawl state says is already captured.
TWISTED_DNS_RESOLVER = "crawler.reach.GuardedResolver"
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.middlewares.ReachMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.Rfc9309RobotsTxtMiddleware": 100,
    "crawler.middlewares.IncrementalMiddleware": 120,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    "crawler.middlewares.RedirectLoopMiddleware": 610,  # sees 3xx before RedirectMiddleware (600)
}
KB_INCREMENTAL = True
KB_STATE_PATH = None  # default <WARC_DIR>/crawl-state.sqlite3
KB_MAX_PAGES_PER_SOURCE = 500  # per run; a source's max_pages in sources.toml overrides it

ITEM_PIPELINES = {"crawler.pipelines.WarcWriterPipeline": 300}
EXTENSIONS = {"crawler.extensions.RunSummary": 500}

# Where the WARC files and the run summary go (kb crawl passes both).
WARC_DIR = "data/warc"
WARC_MAX_BYTES = 200 * 1024 * 1024
KB_SUMMARY_PATH = None
