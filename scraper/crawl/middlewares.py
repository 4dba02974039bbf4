"""Downloader middlewares: no delay for loopback hosts (robots.txt: :mod:`scraper.crawl.robots`).

:class:`LoopbackMiddleware`: the bundled demo web and the test servers run on 127.0.0.1; waiting a
second between requests to them only slows tests and the demo. Requests to loopback addresses go to
a download slot named ``loopback`` (configured in ``DOWNLOAD_SLOTS`` without delay) and
AutoThrottle leaves that slot alone. Real municipal sites never match.
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Request

from scraper.config import CrawlConfig
from scraper.crawl.urls import is_loopback

LOOPBACK_SLOT = "loopback"


class LoopbackMiddleware:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    @classmethod
    def from_crawler(cls, crawler: Any) -> LoopbackMiddleware:
        return cls(CrawlConfig.from_settings(crawler.settings).fast_loopback)

    def process_request(self, request: Request) -> None:
        if self.enabled and is_loopback(request.url):
            request.meta.setdefault("download_slot", LOOPBACK_SLOT)
            request.meta["autothrottle_dont_adjust_delay"] = True
