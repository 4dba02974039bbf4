"""Stopping a crawl promptly and saying why: Ctrl-C (SIGINT/SIGTERM) and an archive that cannot be written.

Scrapy's own graceful stop waits for every request already handed to the downloader, including the
ones still queued behind the download delay of a slow site: tens of seconds of fetching after
Ctrl-C, with nothing said. :class:`CrawlStop` makes a stop prompt and visible:

* it prints ``stopping: N requests in flight`` (stderr, not only the log);
* requests waiting in the downloader's queues are not fetched: with ``JOBDIR`` they go back to the
  scheduler (so ``--jobdir`` still resumes them), otherwise they are dropped;
* requests on the wire get ``MUNINEWS_STOP_GRACE`` seconds, then their connections are closed;
* the spider closes normally, so the archive pipeline still writes the crawl record.

The same stop is used when the archive becomes unwritable (disk full, read-only, locked for longer
than ``MUNINEWS_BUSY_TIMEOUT``): :func:`storage_failure` names the cause, :func:`stop_crawl` stops
fetching, and the CLI exits 4 with that cause on one line (``muninews/archive_unwritable`` in stats).
"""

from __future__ import annotations

import errno
import logging
import signal
import sqlite3
import sys
from typing import Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest

from scraper.config import CrawlConfig

logger = logging.getLogger(__name__)

#: Stats key holding the cause of an unwritable archive (read by the CLI: exit status 4).
UNWRITABLE = "muninews/archive_unwritable"
#: Stats key set once a stop was asked for (Ctrl-C or an unwritable archive).
STOPPING = "muninews/stopping"
#: ``finish_reason`` of a crawl stopped because the archive could not be written.
REASON_UNWRITABLE = "archive_unwritable"

#: errno values of an OSError that mean the storage itself refuses writes, in words.
_STORAGE_ERRNOS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "disk I/O error",
}
#: SQLite messages (lowercase fragments) that mean the same, and the words we say for them.
_SQLITE_CAUSES = (
    ("disk is full", "disk full"),
    ("readonly database", "read-only"),
    ("database is locked", "database is locked by another process"),
    ("disk i/o error", "disk I/O error"),
    ("unable to open database", "cannot open the database file"),
)


class CrawlStopping(IgnoreRequest):
    """A request not fetched because the crawl is stopping (not an error of the site)."""


def storage_failure(exc: BaseException) -> str | None:
    """The cause, in words, when ``exc`` means the archive cannot be written; ``None`` otherwise."""
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        return next((words for fragment, words in _SQLITE_CAUSES if fragment in text), None)
    if isinstance(exc, OSError) and exc.errno in _STORAGE_ERRNOS:
        return _STORAGE_ERRNOS[exc.errno]
    return None


def stopping(crawler: Any) -> bool:
    """Whether a stop was asked for: failures after it are the stop's, not the site's."""
    return bool(crawler.stats and crawler.stats.get_value(STOPPING))


def in_flight(crawler: Any) -> int:
    """Requests handed to the downloader and not answered yet (queued or on the wire)."""
    downloader = getattr(crawler.engine, "downloader", None)
    return len(getattr(downloader, "active", ()))


def _drain_queues(crawler: Any) -> int:
    """Take the requests still waiting in the downloader's slots off their queues; returns how many.

    Each fails with :class:`CrawlStopping`, which :class:`StopMiddleware` turns back into a
    scheduled request: not fetched now, not an error, and kept in the ``JOBDIR`` queue for a resume.
    """
    drained = 0
    for slot in list(getattr(crawler.engine.downloader, "slots", {}).values()):
        while slot.queue:
            _request, deferred = slot.queue.popleft()
            deferred.errback(CrawlStopping("the crawl is stopping"))
            drained += 1
    return drained


def _reactor() -> Any:
    """The reactor Scrapy installed (imported late: importing it installs the default one)."""
    from twisted.internet import reactor

    return reactor


def _abort_connections() -> int:
    """Close the crawl's open client connections (requests past their grace): they fail at once."""
    from twisted.internet import tcp

    reactor = _reactor()

    aborted = 0
    for selectable in {*reactor.getReaders(), *reactor.getWriters()}:
        if isinstance(selectable, tcp.Client):
            selectable.abortConnection()  # type: ignore[no-untyped-call]
            aborted += 1
    return aborted


def stop_crawl(crawler: Any, reason: str) -> None:
    """Stop fetching now and close the spider (its pipelines still run their ``close_spider``)."""
    if stopping(crawler):
        return
    crawler.stats.set_value(STOPPING, reason)
    _drain_queues(crawler)
    grace = CrawlConfig.from_settings(crawler.settings).stop_grace
    _reactor().callLater(grace, _abort_connections)
    if reason != "shutdown":  # Scrapy's own signal handler closes the spider on Ctrl-C
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(crawler.engine.close_spider_async(reason=reason))


def stop_for_storage(crawler: Any, cause: str) -> None:
    """The archive cannot be written: remember the cause (first one wins), say it once, stop."""
    if crawler.stats.get_value(UNWRITABLE):
        return
    crawler.stats.set_value(UNWRITABLE, cause)
    logger.error("archive unwritable: %s; stopping the crawl", cause)
    stop_crawl(crawler, REASON_UNWRITABLE)


class StopMiddleware:
    """Downloader middleware: while the crawl stops, a failed request goes back to the scheduler.

    A request taken off a queue by the stop, or cut off after its grace, would otherwise reach the
    spider as an error of the site (and be counted and remembered as one). Back in the scheduler it
    is simply not fetched this run; with ``JOBDIR`` the saved queue keeps it for the resumed crawl.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> StopMiddleware:
        return cls(crawler)

    def process_exception(self, request: Any, exception: BaseException) -> Any:
        if stopping(self.crawler):
            return request.replace(dont_filter=True)
        return None


class CrawlStop:
    """Extension: Ctrl-C (or SIGTERM) stops the crawl promptly and says so (see the module)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlStop:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        return ext

    def spider_opened(self, spider: Any) -> None:
        # Scrapy installed its own handlers when the reactor started (before any spider opened):
        # ours runs first, then hands over (Scrapy's then makes a second Ctrl-C force the exit).
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous = signal.getsignal(signum)
            if callable(previous):
                signal.signal(signum, self._handler(previous))

    def _handler(self, previous: Any) -> Any:
        def handle(signum: int, frame: Any) -> None:
            _reactor().callFromThread(self.stop)
            previous(signum, frame)

        return handle

    def stop(self) -> None:
        if stopping(self.crawler):
            return
        print(f"stopping: {in_flight(self.crawler)} requests in flight", file=sys.stderr, flush=True)
        stop_crawl(self.crawler, "shutdown")
