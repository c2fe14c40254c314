"""Operations: launching the Scrapy crawl (``crawl``), the unattended nightly run
(``nightly``), stop signals for in-process jobs (``interrupt``), and the bundled sample
news site server (``sample_site``)."""
