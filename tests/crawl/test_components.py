"""Pipelines, middlewares, the progress line and the config, built the way Scrapy builds them."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.http import Request
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from scraper import settings as defaults
from scraper.config import CrawlConfig
from scraper.crawl import counters
from scraper.crawl.counters import Counter
from scraper.crawl.memory import CrawlMemory
from scraper.crawl.middlewares import LOOPBACK_SLOT, LoopbackMiddleware
from scraper.crawl.progress import CrawlProgress
from scraper.crawl.spiders.news import NewsSpider
from scraper.items import Article, Page
from scraper.pipelines import ArchivePipeline, ExtractPipeline
from tests.helpers import PAGES


def test_config_defaults_come_from_settings_py() -> None:
    config = CrawlConfig.from_settings(get_crawler().settings)
    assert config.db_path == defaults.MUNINEWS_DB
    assert config.revisit.age_factor == defaults.MUNINEWS_REVISIT_AGE_FACTOR
    assert config.max_listing_pages == defaults.MUNINEWS_MAX_LISTING_PAGES


def test_config_reads_overrides_and_spider_arguments() -> None:
    settings = get_crawler(
        settings_dict={"MUNINEWS_MAX_PAGES": "7", "MUNINEWS_CONDITIONAL_REQUESTS": "False"}
    ).settings
    assert CrawlConfig.from_settings(settings).max_pages == 7
    assert not CrawlConfig.from_settings(settings).revisit.conditional
    assert CrawlConfig.from_settings(settings, max_pages="3", since="2026-01-01").max_pages == 3


def test_bad_revisit_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="MUNINEWS_REVISIT"):
        CrawlConfig.from_settings(get_crawler(settings_dict={"MUNINEWS_REVISIT": "sometimes"}).settings)


def test_counter_keys_are_the_documented_stats_keys() -> None:
    assert counters.key(Counter.PAGE_FETCHED) == "muninews/page/fetched"
    assert counters.key(Counter.PAGE_FETCHED, "ekeby") == "muninews/municipality/ekeby/page/fetched"


def test_loopback_requests_get_the_fast_slot() -> None:
    middleware = build_from_crawler(LoopbackMiddleware, get_crawler())
    local, remote = Request("http://127.0.0.1:8000/"), Request("https://www.ekeby.se/")
    middleware.process_request(local)
    middleware.process_request(remote)
    assert local.meta["download_slot"] == LOOPBACK_SLOT
    assert "download_slot" not in remote.meta


def test_progress_line_reads_the_counters() -> None:
    crawler = get_crawler()
    progress = build_from_crawler(CrawlProgress, crawler)
    counters.inc(crawler.stats, Counter.PAGE_FETCHED, "ekeby", 3)
    counters.inc(crawler.stats, Counter.ARTICLE_NEW)
    assert progress.line().startswith(
        "progress: 3 pages fetched, 0 articles found, 0 stored (1 new, 0 updated)"
    )


def _article_page() -> Page:
    body = (PAGES / "wordpress-article.html").read_bytes()
    return Page(
        url="https://www.ekeby.se/2026/02/03/slug",
        fetched_url="https://www.ekeby.se/2026/02/03/slug/",
        body=body,
        fetched_at="2026-03-10T12:00:00+00:00",
        municipality_id="ekeby",
    )


def test_extract_pipeline_turns_a_page_into_an_article() -> None:
    crawler = get_crawler()
    pipeline = build_from_crawler(ExtractPipeline, crawler)
    article = asyncio.run(pipeline.process_item(_article_page()))
    assert isinstance(article, Article) and article.title and article.body


def test_archive_pipeline_stores_and_records_the_crawl(tmp_path) -> None:
    crawler = get_crawler(NewsSpider, {"MUNINEWS_DB": str(tmp_path / "archive.db")})
    crawler.spider = NewsSpider.from_crawler(
        crawler, url="https://www.ekeby.se/", municipality="Ekeby", id="ekeby"
    )
    pipeline = build_from_crawler(ArchivePipeline, crawler)
    pipeline.open_spider()
    article = asyncio.run(build_from_crawler(ExtractPipeline, crawler).process_item(_article_page()))
    pipeline.process_item(article)
    counters.inc(crawler.stats, Counter.PAGE_FETCHED, "ekeby")
    pipeline.close_spider()
    assert counters.get(crawler.stats, Counter.ARTICLE_NEW, "ekeby") == 1
    memory = NewsSpider.load_memory(
        str(tmp_path / "archive.db"), ["ekeby"], CrawlMemory().policy, CrawlMemory().clock
    )
    assert list(memory.known) == ["https://www.ekeby.se/2026/02/03/slug"]


# --- Retry-After (issue 9) ---------------------------------------------------------------


def test_retry_after_seconds_reads_both_forms() -> None:
    from email.utils import formatdate

    from scraper.crawl.middlewares import retry_after_seconds

    assert retry_after_seconds("120", now=0.0) == 120.0
    assert retry_after_seconds(formatdate(1000.0 + 30, usegmt=True), now=1000.0) == 30.0
    assert retry_after_seconds(formatdate(500.0, usegmt=True), now=1000.0) == 0.0
    assert retry_after_seconds("soon", now=0.0) is None
    assert retry_after_seconds(None, now=0.0) is None


def test_retry_after_pauses_the_host_capped_and_gives_up() -> None:
    from scrapy.http import Request, Response
    from scrapy.utils.test import get_crawler

    from scraper.crawl.middlewares import RetryAfterMiddleware

    crawler = get_crawler(settings_dict={"MUNINEWS_RETRY_AFTER_MAX": 5, "MUNINEWS_RETRY_AFTER_TIMES": 1})
    mw = RetryAfterMiddleware.from_crawler(crawler)
    request = Request("https://x.se/a", meta={"municipality_id": "x"})
    answer = Response("https://x.se/a", status=429, headers={"Retry-After": "3600"})
    retry = mw.process_response(request, answer)
    assert isinstance(retry, Request) and retry.dont_filter and retry.meta["retry_after_times"] == 1
    assert 0 < mw.paused_until["x.se"] - __import__("time").time() <= 5  # capped
    assert mw.process_response(retry, answer) is answer  # given up: RetryMiddleware's turn
    plain = Response("https://x.se/b", status=503)
    assert mw.process_response(Request("https://x.se/b"), plain) is plain  # no Retry-After
