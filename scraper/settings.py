"""Scrapy settings for muninews: polite defaults, each with the reason for its value.

Everything here can be overridden per run with ``muninews crawl -s KEY=VALUE`` (or
``scrapy crawl news -s KEY=VALUE``), following Scrapy's precedence. Project settings
are prefixed ``MUNINEWS_``.
"""

from scraper import __version__

BOT_NAME = "muninews"
SPIDER_MODULES = ["scraper.crawl.spiders"]
NEWSPIDER_MODULE = "scraper.crawl.spiders"

# An honest User-Agent that names the project and says where to read about it, so a
# municipality's web team can see who is calling and why.
USER_AGENT = (
    f"muninews/{__version__} (+https://github.com/muninews/muninews; archive of municipal news; "
    "obeys robots.txt)"
)

# Municipal servers are public infrastructure, often small: obey robots.txt, keep one or
# two requests in flight per site and let AutoThrottle slow down further when a site is slow.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Across all municipalities in one run: enough for every site of an --all run (290 kommuner) to have
# its CONCURRENT_REQUESTS_PER_DOMAIN in flight, so the run is bound by each site's delay, not by this
# cap. Scrapy counts a request waiting out its site's DOWNLOAD_DELAY as in flight: with the old 16, an
# --all run with a 1 s delay crawled at most ~16 pages/s however many sites waited.
CONCURRENT_REQUESTS = 640
# Hand the downloader the next request of the site with the fewest in flight (Scrapy's broad-crawl
# queue), not the newest request of whichever site yielded most: one big site's listing must not
# fill the queue while 289 others wait idle.
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"
# Scrapy hands a callback's output to CONCURRENT_ITEMS asyncio tasks, started for every response
# however little it yields (100 by default: 100 tasks and ~220 loop callbacks per page, a tenth of
# the crawl process's CPU on the generated Sweden). Our callbacks yield a few requests and at most
# an item or two, each item waiting for the extraction pool, so a handful is as parallel as it gets.
CONCURRENT_ITEMS = 4
DOWNLOAD_DELAY = 1.0  # seconds between requests to the same site
DOWNLOAD_DELAY_JITTER = 0.5  # ±50 %, so requests do not arrive on a fixed beat
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Municipal sites answer slowly under load: give them time, retry transient failures only.
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# A response cut short (the connection closed before its Content-Length) arrives with Scrapy's
# "dataloss" flag instead of failing, so the spider can say which page was cut, keep the version
# already archived and store nothing cut mid-sentence (page/cut_short, article/cut_short, the note).
DOWNLOAD_FAIL_ON_DATALOSS = False

# A news article is rarely above a few hundred KB; a 10 MB "page" is a trap or a file.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

# Redirects are followed (an old URL moved to a new one is the same article) as far as browsers
# follow them (Chrome and Firefox stop at 20): a municipal site behind a load balancer, a language
# switch and a CMS alias can chain a dozen hops. Every hop is counted (redirect/hops).
REDIRECT_MAX_TIMES = 20

# Calendars and faceted listings can generate endless URLs: no page deeper than this many
# links from the start page is fetched. News listings are paginated, hence a generous value;
# MUNINEWS_MAX_LISTING_PAGES below bounds pagination itself.
DEPTH_LIMIT = 60
DEPTH_PRIORITY = 0

# Cookies are not needed to read public news, and session cookies only make runs differ.
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Error responses are handled by the spider (counted per municipality) instead of being
# silently dropped by HttpErrorMiddleware.
HTTPERROR_ALLOW_ALL = False

ITEM_PIPELINES = {
    "scraper.pipelines.ExtractPipeline": 300,
    "scraper.pipelines.ArchivePipeline": 800,
}

EXTENSIONS = {
    "scraper.crawl.progress.CrawlProgress": 500,
    "scraper.crawl.stopping.CrawlStop": 510,
    "scraper.crawl.resources.CrawlResources": 520,
}

LOG_LEVEL = "INFO"
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# --- muninews settings ---------------------------------------------------------------

# Where the archive is written. `muninews crawl --db PATH` sets it.
MUNINEWS_DB = "archive.db"

# Stop a municipality after this many fetched pages (0 = no limit). `--max-pages N` sets it.
# Counted per municipality so one large site cannot starve the others in an --all run.
MUNINEWS_MAX_PAGES = 0

# Only archive articles published on or after this date (YYYY-MM-DD; empty = all).
# Listings are read newest first, so pagination stops once a whole page is older.
MUNINEWS_SINCE = ""

# How many pages of one news listing to follow. Real archives rarely go past a few
# hundred pages; a listing that keeps producing "next" links beyond that is a trap.
MUNINEWS_MAX_LISTING_PAGES = 500

# At most this many distinct URLs per URL template on one site (a URL with session-looking tokens,
# ``;k=v`` path parameters and long letter-and-digit runs folded; slugs, dates and ids kept). The
# known session ids are stripped from every URL; this bounds the ones nobody foresaw: one page
# reachable under 20 spellings is a trap, not 20 articles (each spelling minted by a visit).
MUNINEWS_MAX_URLS_PER_TEMPLATE = 20

# Retry-After (RFC 9110 10.2.3) on a 429 or 503 is obeyed, per host: the site's other requests
# wait too, and the answered request is asked again after the wait. Waits longer than this many
# seconds are cut to it (a server asking for an hour still gets asked again this run).
MUNINEWS_RETRY_AFTER_MAX = 600.0
# How many times one request is asked again after a Retry-After before it counts as lost.
MUNINEWS_RETRY_AFTER_TIMES = 5

# Loopback hosts (the bundled demo web and test servers) are crawled without delay and
# without AutoThrottle; everything else keeps the polite defaults above.
MUNINEWS_FAST_LOOPBACK = True

# Hosts (``host`` or ``host:port``) that serve a press-release service's newsrooms besides the
# service's own (mynewsdesk.com, news.cision.com, via.tt.se), mapped to its kind ("mynewsdesk",
# "cision", "via_tt"): how tests and generated webs point at a press room on 127.0.0.x. Empty: only
# the services' own hosts are press rooms. On the command line: -s MUNINEWS_PRESS_ROOM_HOSTS=h:p=mynewsdesk
MUNINEWS_PRESS_ROOM_HOSTS: dict[str, str] = {}

# Progress line interval in seconds (0 = off).
MUNINEWS_PROGRESS_INTERVAL = 5.0

# Ctrl-C (or an archive that cannot be written) stops the crawl: requests queued behind the download
# delay are not fetched, and the ones on the wire get this many seconds before their connections are
# closed, so a slow site cannot hold a stop for DOWNLOAD_TIMEOUT × retries.
MUNINEWS_STOP_GRACE = 3.0

# How long (seconds) a write waits for another writer's lock (a second crawl, a reextract run holds
# it for one article at a time) before the archive counts as unwritable and the crawl stops.
MUNINEWS_BUSY_TIMEOUT = 30.0

# Bytes set aside beside the archive while a crawl runs (scraper/archive/reserve.py) and freed just
# before the crawl record is written, so a crawl that fills the disk still leaves its record.
MUNINEWS_DISK_RESERVE = 128 * 1024

DOWNLOADER_MIDDLEWARES = {
    "scraper.crawl.middlewares.LoopbackMiddleware": 50,
    # With extraction workers and MUNINEWS_EXTRACT_GATE, a request waits here while they are behind.
    "scraper.crawl.middlewares.ExtractGateMiddleware": 60,
    # Nearer the downloader than RetryMiddleware (550): a 429/503 with Retry-After waits as asked.
    "scraper.crawl.middlewares.RetryAfterMiddleware": 560,
    # robots.txt is obeyed with the rules from the spider's own (conditional) robots.txt request, so a
    # site's robots.txt is fetched once per crawl, and a re-crawl gets a 304 instead of the file.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scraper.crawl.robots.SharedRobotsTxtMiddleware": 100,
    # On the downloader side of HttpCompressionMiddleware (590), RedirectMiddleware (600) and the
    # HTTP cache (900): it must see the bytes as received, before anything decompresses or
    # follows them, for the capture to be evidence rather than a re-rendering.
    "scraper.crawl.capture.CaptureMiddleware": 950,
    # Nearest the downloader: once the crawl is stopping, a request that was not fetched, or was cut
    # off, goes back to the scheduler (the saved queue with --jobdir) instead of counting as an error.
    "scraper.crawl.stopping.StopMiddleware": 990,
}
# The slot LoopbackMiddleware puts loopback requests in: no delay, more parallelism.
DOWNLOAD_SLOTS = {"loopback": {"delay": 0.0, "concurrency": 8, "jitter": 0}}

# An alternative registry file (JSON list of municipalities); empty = the bundled one.
MUNINEWS_REGISTRY = ""

# --- archive: captures, revisits --------------------------------------------------------

# Keep the raw HTTP response of every fetched article in WARC files beside the archive, so the
# archive can prove what a page said and re-extract without the network (`muninews reextract`).
MUNINEWS_CAPTURE = True

# Where the WARC files go; empty = "<archive stem>.captures/" next to the archive file
# (archive.db -> archive.captures/), so the two move and back up together.
MUNINEWS_CAPTURES_DIR = ""

# Which requests are captured (request kinds of the spider). Article candidates only: listings,
# feeds and sitemaps change on every publication and would fill the disk with little evidence.
MUNINEWS_CAPTURE_KINDS = ["candidate"]

# Start a new WARC file past this size: ~1 GB is the web-archiving convention (Heritrix, wget),
# small enough to copy and checksum, large enough not to scatter a crawl over thousands of files.
MUNINEWS_CAPTURE_MAX_BYTES = 1_000_000_000

# Which known articles a crawl fetches again: "due" (on the age-based schedule below), "all"
# (re-check everything now) or "none" (only look for new articles). `--revisit` sets it.
MUNINEWS_REVISIT = "due"

# The revisit schedule: interval = age x factor, clamped to [min, max] days. With 1/12, 1 and 30 a
# day-old article is checked daily, a quarter-old one weekly, a year-old one monthly — edits
# cluster in the first days, and a monthly check still finds a removed page within weeks.
MUNINEWS_REVISIT_AGE_FACTOR = 1 / 12
MUNINEWS_REVISIT_MIN_DAYS = 1.0
MUNINEWS_REVISIT_MAX_DAYS = 30.0

# Re-fetch known pages with If-None-Match / If-Modified-Since: a server that supports them
# answers 304 without a body, the cheapest possible re-check for both sides. Articles use the
# validators of their capture; robots.txt, homepages, sitemaps, feeds and listings those kept in
# the pages table, and on a 304 the spider follows the links they listed last time.
MUNINEWS_CONDITIONAL_REQUESTS = True

# Pages that are not articles (service and contact pages, broken links) are asked again only
# after this many days: they rarely turn into news, and each costs a request on every crawl.
# Server errors (5xx) are retried after MUNINEWS_REVISIT_MIN_DAYS instead: they are transient.
MUNINEWS_PAGE_RECHECK_DAYS = 7.0

# RFC 9309 (2.4) lets a crawler use a cached robots.txt for up to 24 hours: within that time a
# re-crawl obeys the stored robots.txt (and reads its sitemaps) without asking again. 0 = always ask.
MUNINEWS_ROBOTS_MAX_AGE_HOURS = 24.0

# In --revisit due/none, stop paging a news listing at the first page that lists only pages
# the archive already knows (what incremental news crawlers do: listings are newest first).
# --revisit all still pages through every listing. False = always page to the end.
MUNINEWS_STOP_AT_KNOWN = True

# Worker processes for extraction: a number, or "auto" = the cores this process may use minus one
# (0 on one core: a worker would only take turns with the crawl on that core). Extraction is
# CPU-bound and Scrapy runs in one thread, so spare cores extract while the reactor fetches and
# classifies. The pool starts with the first article (a crawl that stores nothing starts none).
MUNINEWS_EXTRACT_WORKERS = "auto"

# At most this many pages wait for the extraction workers; past it the engine stops scheduling
# requests (Scrapy's pause) until half of them are done. At a few hundred KB a page that bounds
# the crawl's memory, and 16 keep up to 8 workers fed.
MUNINEWS_EXTRACT_MAX_PENDING = 16

# Hold requests before their download slot while the extraction workers are behind, and let at most
# twice a slot's concurrency through otherwise (scraper.crawl.middlewares.ExtractGateMiddleware):
# without it the bound above does not hold on a fast site (a 600-article loopback crawl: 464 pages
# waiting, 645 MB; with it 37 and 204 MB). Off by default: the 30-site generated Sweden stalled with
# it on, five sites' requests held for ever (cause not found yet).
MUNINEWS_EXTRACT_GATE = False
