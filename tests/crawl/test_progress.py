"""The progress line of a many-site crawl: sites done / running / queued from Scrapy's request signals,
and an ETA from the pace sites finish at."""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.http import Request
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from scraper.crawl.progress import CrawlProgress, SiteProgress, duration


def test_a_site_is_queued_running_then_done() -> None:
    p = SiteProgress(["ekeby", "hemlunda", "aspvik"], now=0.0)
    assert p.counts() == (0, 0, 3)
    p.scheduled("ekeby")
    p.scheduled("ekeby")
    assert p.counts() == (0, 0, 3)  # asked, nothing answered yet: still queued
    p.finished("ekeby")
    assert p.counts() == (0, 1, 2)  # one answered, one still out
    p.finished("ekeby")
    assert p.counts() == (1, 0, 2)
    p.scheduled("ekeby")  # a callback found more links: running again
    assert p.counts() == (0, 1, 2)


def test_a_dropped_request_does_not_count_as_an_answer() -> None:
    p = SiteProgress(["ekeby"], now=0.0)
    p.scheduled("ekeby")
    p.finished("ekeby", answered=False)
    assert p.counts() == (0, 0, 1)
    p.finished("ekeby")  # more answers than requests (a request that skipped the scheduler): never below 0
    assert p.outstanding["ekeby"] == 0 and p.counts() == (1, 0, 0)


def test_eta_from_the_pace_requests_are_answered_and_the_size_of_finished_sites() -> None:
    p = SiteProgress(["a", "b", "c", "d"], now=100.0)
    assert p.eta(now=110.0) is None
    for _ in range(10):  # site a: ten requests, all answered
        p.scheduled("a")
        p.finished("a")
    p.scheduled("b")
    p.finished("b")  # b: one answered, three still out
    for _ in range(3):
        p.scheduled("b")
    assert p.eta(now=110.0) is not None
    # 11 answers in 11 s: one a second; b needs 9 more (a's 10 minus its 1), c and d 10 each.
    assert p.eta(now=111.0) == 29.0
    for _ in range(12):  # b turns out bigger than a: at least what it asked for counts
        p.scheduled("b")
    assert p.eta(now=111.0) == 15 + 10 + 10
    for mid in ("b", "c", "d"):
        for _ in range(p.outstanding[mid]):
            p.finished(mid)
    p.scheduled("c")
    p.finished("c")
    p.scheduled("d")
    p.finished("d")
    assert p.eta(now=140.0) == 0.0
    assert p.line(now=140.0) == "sites 4 done, 0 running, 0 queued; ETA 0 s"


def test_duration_words() -> None:
    assert duration(None) == "unknown"
    assert duration(42.4) == "42 s"
    assert duration(75) == "1 min 15 s"
    assert duration(3725) == "1 h 02 min"


class _Site:
    robots_unavailable: str | None = None


class _Spider:
    name = "news"

    def __init__(self) -> None:
        self.sites = {"ekeby": _Site(), "hemlunda": _Site()}


def _opened() -> tuple[Any, CrawlProgress, _Spider]:
    """A crawler with the progress extension, its spider opened."""
    crawler = get_crawler(settings_dict={"MUNINEWS_PROGRESS_INTERVAL": 0})
    progress = build_from_crawler(CrawlProgress, crawler)
    spider = _Spider()
    crawler.signals.send_catch_log(signals.spider_opened, spider=spider)
    return crawler, progress, spider


def test_the_extension_follows_the_request_signals() -> None:
    crawler, progress, spider = _opened()
    request = Request("https://www.ekeby.se/", meta={"municipality_id": "ekeby"})
    crawler.signals.send_catch_log(signals.request_scheduled, request=request, spider=spider)
    assert progress.line().endswith("sites 0 done, 0 running, 2 queued; ETA unknown")
    crawler.signals.send_catch_log(signals.request_left_downloader, request=request, spider=spider)
    assert "sites 1 done, 0 running, 1 queued" in progress.line()


def test_a_site_whose_robots_txt_is_unreachable_is_done_though_its_requests_never_left() -> None:
    crawler, progress, spider = _opened()
    robots = Request("https://www.hemlunda.se/robots.txt", meta={"municipality_id": "hemlunda"})
    home = Request("https://www.hemlunda.se/", meta={"municipality_id": "hemlunda"})
    for request in (robots, home):
        crawler.signals.send_catch_log(signals.request_scheduled, request=request, spider=spider)
    crawler.signals.send_catch_log(signals.request_left_downloader, request=robots, spider=spider)
    assert "sites 0 done, 1 running, 1 queued" in progress.line()  # the homepage waits for robots.txt
    spider.sites["hemlunda"].robots_unavailable = "robots.txt answered HTTP 503"
    assert "sites 1 done, 0 running, 1 queued" in progress.line()  # its homepage will be dropped
