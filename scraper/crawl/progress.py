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

logger = logging.getLogger("muninews.progress")


class CrawlProgress:
    def __init__(self, crawler: Any, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlProgress:
        ext = cls(crawler, crawler.settings.getfloat("MUNINEWS_PROGRESS_INTERVAL", 5.0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def line(self) -> str:
        get = self.crawler.stats.get_value
        errors = int(get("muninews/page/errors", 0)) + int(get("muninews/extract/failed", 0))
        return (
            f"progress: {int(get('muninews/page/fetched', 0))} pages fetched, "
            f"{int(get('muninews/article/found', 0))} articles found, "
            f"{int(get('muninews/article/stored', 0))} stored "
            f"({int(get('muninews/article/new', 0))} new, {int(get('muninews/article/updated', 0))} updated), "
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
