"""A progress line during a crawl: pages fetched, articles stored, errors.

Scrapy's LogStats reports pages and items per minute; a journalist running a crawl
wants the numbers that matter here, at a steady interval, and a summary at the end
(written by the archive pipeline, one line per municipality).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from twisted.internet import task

from scraper.config import CrawlConfig
from scraper.crawl import counters
from scraper.crawl.counters import Counter

logger = logging.getLogger("muninews.progress")


class CrawlProgress:
    def __init__(self, crawler: Any, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlProgress:
        ext = cls(crawler, CrawlConfig.from_settings(crawler.settings).progress_interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def line(self) -> str:
        def get(counter: Counter) -> int:
            return counters.get(self.crawler.stats, counter)

        errors = get(Counter.PAGE_ERRORS) + get(Counter.EXTRACT_FAILED)
        return (
            f"progress: {get(Counter.PAGE_FETCHED)} pages fetched, "
            f"{get(Counter.ARTICLE_FOUND)} articles found, "
            f"{get(Counter.ARTICLE_STORED)} stored "
            f"({get(Counter.ARTICLE_NEW)} new, {get(Counter.ARTICLE_UPDATED)} updated), "
            f"{errors} errors"
        )

    def log(self) -> None:
        logger.info(self.line())

    def spider_opened(self, spider: Any) -> None:
        if self.interval > 0:
            self.loop = task.LoopingCall(self.log)
            self.loop.start(self.interval, now=False)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        logger.info("done (%s): %s", reason, self.line().removeprefix("progress: "))
