"""A progress line during a crawl: pages fetched, articles stored, errors, sites done, an ETA.

Scrapy's LogStats reports pages and items per minute; a journalist running a crawl of 290 kommuner
wants the numbers that matter here, at a steady interval — how many sites are done, running and
still queued, the articles so far, the errors and when it will be over — and a summary at the end
(written by the archive pipeline, one line per municipality).

A site is *queued* until one of its requests has come back from the downloader, *running* while
any of its requests is scheduled or in the downloader, and *done* when none is (a callback that
finds more links makes it running again). :class:`SiteProgress` keeps that from Scrapy's request
signals; the requests name their site in ``meta["municipality_id"]``.
"""

from __future__ import annotations

import logging
import time
from collections import Counter as Tally
from typing import Any

from scrapy import signals
from twisted.internet import task

from scraper.config import CrawlConfig
from scraper.crawl import counters
from scraper.crawl.counters import Counter

logger = logging.getLogger("muninews.progress")


class SiteProgress:
    """Which sites are done, running or queued, from the requests scheduled and answered."""

    def __init__(self, sites: list[str] | tuple[str, ...] = (), now: float | None = None) -> None:
        self.sites = list(sites)
        self.outstanding: Tally[str] = Tally()  # requests scheduled, not yet out of the downloader
        self.answered: Tally[str] = Tally()  # requests that came back from the downloader
        self.started = time.monotonic() if now is None else now

    def scheduled(self, mid: str | None) -> None:
        if mid:
            self.outstanding[mid] += 1

    def finished(self, mid: str | None, answered: bool = True) -> None:
        """A request left the downloader (``answered``) or was dropped before it."""
        if mid:
            self.outstanding[mid] = max(0, self.outstanding[mid] - 1)
            if answered:
                self.answered[mid] += 1

    def given_up(self, mid: str) -> None:
        """The crawl stopped asking this site (robots.txt unreachable): its requests left in the
        queue are dropped by a middleware, which no signal reports, so it is done now."""
        self.outstanding[mid] = 0
        self.answered[mid] = max(self.answered[mid], 1)

    def counts(self) -> tuple[int, int, int]:
        """(done, running, queued) over the crawl's sites."""
        done = sum(1 for m in self.sites if self.answered[m] and not self.outstanding[m])
        queued = sum(1 for m in self.sites if not self.answered[m])
        return done, len(self.sites) - done - queued, queued

    def eta(self, now: float | None = None) -> float | None:
        """Seconds left: the requests still to come at the pace they are answered so far. A site still
        running or queued is taken to need as many as the finished ones needed on average (at least
        what it has asked for); None before the first site is done."""
        done = [m for m in self.sites if self.answered[m] and not self.outstanding[m]]
        if not done:
            return None
        typical = sum(self.answered[m] for m in done) / len(done)
        left = sum(max(typical - self.answered[m], self.outstanding[m]) for m in self.sites if m not in done)
        elapsed = (time.monotonic() if now is None else now) - self.started
        answered = sum(self.answered.values())
        return left * elapsed / answered if answered and elapsed > 0 else None

    def line(self, now: float | None = None) -> str:
        done, running, queued = self.counts()
        eta = self.eta(now)
        return f"sites {done} done, {running} running, {queued} queued; ETA {duration(eta)}"


def duration(seconds: float | None) -> str:
    """``None`` → "unknown", 75 → "1 min 15 s", 3725 → "1 h 02 min"."""
    if seconds is None:
        return "unknown"
    s = round(seconds)
    if s >= 3600:
        return f"{s // 3600} h {s % 3600 // 60:02d} min"
    return f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


class CrawlProgress:
    def __init__(self, crawler: Any, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None
        self.sites = SiteProgress()
        self.spider: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlProgress:
        ext = cls(crawler, CrawlConfig.from_settings(crawler.settings).progress_interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(ext.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(ext.request_left_downloader, signal=signals.request_left_downloader)
        return ext

    def line(self) -> str:
        for mid, site in (getattr(self.spider, "sites", None) or {}).items():
            if getattr(site, "robots_unavailable", None):
                self.sites.given_up(mid)

        def get(counter: Counter) -> int:
            return counters.get(self.crawler.stats, counter)

        errors = get(Counter.PAGE_ERRORS) + get(Counter.EXTRACT_FAILED)
        return (
            f"progress: {get(Counter.PAGE_FETCHED)} pages fetched, "
            f"{get(Counter.ARTICLE_FOUND)} articles found, "
            f"{get(Counter.ARTICLE_STORED)} stored "
            f"({get(Counter.ARTICLE_NEW)} new, {get(Counter.ARTICLE_UPDATED)} updated), "
            f"{errors} errors; {self.sites.line()}"
        )

    def log(self) -> None:
        logger.info(self.line())

    def request_scheduled(self, request: Any, spider: Any = None) -> None:
        self.sites.scheduled(request.meta.get("municipality_id"))

    def request_dropped(self, request: Any, spider: Any = None) -> None:
        self.sites.finished(request.meta.get("municipality_id"), answered=False)

    def request_left_downloader(self, request: Any, spider: Any = None) -> None:
        self.sites.finished(request.meta.get("municipality_id"))

    def spider_opened(self, spider: Any) -> None:
        self.spider = spider
        self.sites = SiteProgress(list(getattr(spider, "sites", None) or ()))
        if self.interval > 0:
            self.loop = task.LoopingCall(self.log)
            self.loop.start(self.interval, now=False)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        logger.info("done (%s): %s", reason, self.line().removeprefix("progress: "))
