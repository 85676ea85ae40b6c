# Scrapy settings for the bevakning crawler.
#
# Kept in the shape of Scrapy's project template so that anyone who knows
# Scrapy finds things where they expect. Values here are the polite
# production defaults; `crawler.run.run_crawl` may override a few for local
# fixture sites (tests, the demo, benchmarks).
#
#     https://docs.scrapy.org/en/latest/topics/settings.html

BOT_NAME = "bevakning"

SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Crawl responsibly by identifying yourself (and your website) on the user-agent.
# Override with BEVAKNING_USER_AGENT in the environment.
USER_AGENT = "bevakning/0.1 (+https://github.com/bevakning/bevakning; media monitoring of Swedish local press)"

# Obey robots.txt rules
ROBOTSTXT_OBEY = True

# Configure maximum concurrent requests performed by Scrapy
CONCURRENT_REQUESTS = 16
# At most two requests at a time to any one newspaper.
CONCURRENT_REQUESTS_PER_DOMAIN = 2

# Configure a delay for requests for the same website
DOWNLOAD_DELAY = 1.0
# Vary each delay by ±50 % so requests do not arrive in a fixed rhythm.
DOWNLOAD_DELAY_JITTER = 0.5

# Do not hang forever on a slow server, and cap page size (a 20 MB page is not an article).
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

# Retry transient failures (5xx, timeouts) a few times.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Retry what may pass in seconds, but not a failed DNS lookup: a name that does not
# resolve now will not resolve on the retry either, and without network every
# source would wait through each retry in turn.
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadConnectionRefusedError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectError",
    "twisted.internet.error.ConnectionLost",
    OSError,
    "scrapy.core.downloader.handlers.http11.TunnelError",
]
# Give up on a name server that does not answer after this many seconds (Scrapy: 60).
DNS_TIMEOUT = 10

# Disable cookies (enabled by default): articles do not need sessions.
COOKIES_ENABLED = False

# Disable Telnet Console (enabled by default)
TELNETCONSOLE_ENABLED = False

# Disable Scrapy's remote-control HTTP server (enabled by default since 2.19): it runs
# arbitrary Python sent to it and writes a token file into the user's profile.
REMOTE_CONTROL_ENABLED = False

# Override the default request headers:
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,*/*;q=0.8",
    "Accept-Language": "sv,en;q=0.5",
}

# Enable or disable downloader middlewares
# robots.txt with Crawl-delay honoured (Scrapy's own middleware ignores Crawl-delay).
# The host guard refuses other hosts, non-HTTP schemes and private addresses (redirects too).
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.HostGuardMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.PoliteRobotsTxtMiddleware": 100,
}
# Only http(s) is ever fetched: no file://, ftp://, s3:// or data: download handlers.
DOWNLOAD_HANDLERS = {"file": None, "ftp": None, "s3": None, "data": None}
# Allow private, loopback and link-local addresses for every source (fixture sites on
# 127.0.0.1); per source, `allow_private = true` in sources.toml. Env BEVAKNING_ALLOW_PRIVATE=1.
BEVAKNING_ALLOW_PRIVATE = False
# Never wait longer than this between requests, whatever a robots.txt asks.
BEVAKNING_MAX_CRAWL_DELAY = 30.0

# Enable or disable extensions
EXTENSIONS = {
    "crawler.extensions.ProgressLog": 500,
}
# Seconds between progress lines on stderr (0 turns them off).
BEVAKNING_PROGRESS_INTERVAL = 10.0

# Which items the spiders follow
# Sitemap items older than this many days are ignored unless --since says otherwise.
BEVAKNING_SITEMAP_DAYS = 3
BEVAKNING_SITEMAP_MAX_URLS = 2000
# Section-page fallback: link depth below a section page and pages per outlet per crawl.
BEVAKNING_SECTION_DEPTH = 2
BEVAKNING_SECTION_MAX_PAGES = 30
# Near-duplicate stories are matched against articles fetched in this many days.
BEVAKNING_STORY_WINDOW_DAYS = 30

# Configure item pipelines: normalise → dedupe → store
ITEM_PIPELINES = {
    "crawler.pipelines.NormalisePipeline": 100,
    "crawler.pipelines.DedupePipeline": 200,
    "crawler.pipelines.StorePipeline": 300,
}

# Enable and configure the AutoThrottle extension
#     https://docs.scrapy.org/en/latest/topics/autothrottle.html
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Enable and configure HTTP caching (development only: BEVAKNING_HTTPCACHE=1)
HTTPCACHE_ENABLED = False
HTTPCACHE_EXPIRATION_SECS = 3600
HTTPCACHE_DIR = "httpcache"

# Redirect loops end after this many hops.
REDIRECT_MAX_TIMES = 5

# Set settings whose default value is deprecated to a future-proof value
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
