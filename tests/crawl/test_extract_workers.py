"""Extraction workers by default (issue 12 item 4): how many, and the bound on pages waiting for them."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.http import Request
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from scraper import settings as defaults
from scraper.config import CrawlConfig, extract_workers
from scraper.crawl import counters
from scraper.crawl.counters import Counter
from scraper.crawl.middlewares import ExtractGate, ExtractGateMiddleware, extract_gate
from scraper.items import Article, Page
from scraper.pipelines import ExtractPipeline
from tests.helpers import PAGES


@pytest.mark.parametrize(("cores", "workers"), [(1, 0), (2, 1), (8, 7)])
def test_auto_is_the_spare_cores(cores: int, workers: int) -> None:
    assert extract_workers("auto", cores) == workers
    assert extract_workers(" AUTO ", cores) == workers


def test_workers_default_to_auto_and_a_number_wins() -> None:
    assert defaults.MUNINEWS_EXTRACT_WORKERS == "auto"
    assert CrawlConfig.from_settings(get_crawler().settings).extract_workers == extract_workers("auto")
    settings = get_crawler(settings_dict={"MUNINEWS_EXTRACT_WORKERS": "3"}).settings
    assert CrawlConfig.from_settings(settings).extract_workers == 3
    with pytest.raises(ValueError, match="MUNINEWS_EXTRACT_WORKERS"):
        extract_workers("-1")


class _Engine:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def pause(self) -> None:
        self.calls.append("pause")

    def unpause(self) -> None:
        self.calls.append("unpause")


URL = "https://www.ekeby.se/nyheter/a"
GATED = {"MUNINEWS_EXTRACT_WORKERS": "1", "MUNINEWS_EXTRACT_GATE": True}


def test_the_gate_is_the_crawls_own_and_only_on_with_workers() -> None:
    crawler, other = (
        get_crawler(settings_dict={"MUNINEWS_EXTRACT_WORKERS": "1", "MUNINEWS_EXTRACT_GATE": True}),
        get_crawler(),
    )
    assert extract_gate(crawler) is build_from_crawler(ExtractPipeline, crawler).gate
    assert extract_gate(other) is not extract_gate(crawler)
    assert isinstance(ExtractGateMiddleware.from_crawler(crawler), ExtractGateMiddleware)
    with pytest.raises(NotConfigured):  # off by default (see settings.MUNINEWS_EXTRACT_GATE)
        ExtractGateMiddleware.from_crawler(get_crawler(settings_dict={"MUNINEWS_EXTRACT_WORKERS": "1"}))
    with pytest.raises(NotConfigured):  # no workers: extraction keeps pace with the crawl by itself
        ExtractGateMiddleware.from_crawler(
            get_crawler(settings_dict={**GATED, "MUNINEWS_EXTRACT_WORKERS": "0"})
        )


def test_closed_gate_holds_requests_and_opening_lets_them_all_through() -> None:
    async def run() -> list[str]:
        gate, order = ExtractGate(), []
        gate.close()

        async def request(name: str, key: str) -> None:
            while gate.closed:
                await gate.wait(key)
            order.append(name)

        tasks = [asyncio.ensure_future(request(n, k)) for n, k in (("a1", "a"), ("b1", "b"), ("a2", "a"))]
        await asyncio.sleep(0.05)
        assert order == []
        gate.open()
        await asyncio.wait_for(asyncio.gather(*tasks), 5)
        return order

    order = asyncio.run(run())
    assert sorted(order) == ["a1", "a2", "b1"] and order.index("a1") < order.index("a2")  # a slot's in order


def test_a_waiting_request_is_woken_one_at_a_time_per_slot_and_never_forgotten() -> None:
    async def run() -> tuple[list[str], list[str]]:
        gate, room, order = ExtractGate(), {"a": 0}, []

        async def request(name: str) -> None:
            while room["a"] <= 0:
                await gate.wait("a")
            room["a"] -= 1
            order.append(name)

        tasks = [asyncio.ensure_future(request(f"r{i}")) for i in range(3)]
        await asyncio.sleep(0.05)
        room["a"] = 1
        gate.wake("a")  # a request left slot "a": the first waiting one goes
        gate.wake("b")  # another slot's: nobody of "a" moves
        await asyncio.sleep(0.05)
        first = list(order)
        room["a"] = 2  # room appeared with no wake-up: the waiting ones look again within RECHECK
        await asyncio.wait_for(asyncio.gather(*tasks), 5 * ExtractGate.RECHECK)
        return first, order

    first, order = asyncio.run(run())
    assert first == ["r0"] and sorted(order) == ["r0", "r1", "r2"]


def test_the_middleware_lets_through_twice_a_slots_concurrency_and_the_next_when_one_leaves() -> None:
    from scrapy import signals
    from scrapy.core.downloader import Downloader

    crawler = get_crawler(
        settings_dict={
            "MUNINEWS_EXTRACT_WORKERS": "1",
            "MUNINEWS_EXTRACT_GATE": True,
            "DOWNLOAD_SLOTS": {"s": {"concurrency": 1}},
        }
    )
    engine = _Engine()
    engine.downloader = Downloader(crawler)  # type: ignore[attr-defined]  # Scrapy's own
    crawler.engine = engine
    middleware = ExtractGateMiddleware.from_crawler(crawler)

    async def run() -> tuple[int, int, int]:
        requests = [Request(f"{URL}-{n}", meta={"download_slot": "s"}) for n in range(4)]
        tasks = []
        for r in requests:
            engine.downloader.active.add(r)  # as Downloader.fetch does before the middlewares
            tasks.append(asyncio.ensure_future(middleware.process_request(r)))
        await asyncio.sleep(0.05)
        through = sum(t.done() for t in tasks)
        crawler.signals.send_catch_log(signals.request_left_downloader, request=requests[0], spider=None)
        engine.downloader.active.discard(requests[0])
        await asyncio.sleep(0.05)
        after_one = sum(t.done() for t in tasks)
        middleware.gate.close()
        for r in requests[1:3]:
            engine.downloader.active.discard(r)  # left by another path: no signal, gone from active
        await asyncio.sleep(2 * ExtractGate.RECHECK)
        closed = sum(t.done() for t in tasks)  # the gate closed: nothing more goes, room or not
        middleware.gate.open()
        await asyncio.wait_for(asyncio.gather(*tasks), 5 * ExtractGate.RECHECK)
        return through, after_one, closed

    assert asyncio.run(run()) == (2, 3, 3)


def test_robots_txt_is_never_held_the_requests_of_its_site_wait_for_it() -> None:
    from scrapy.core.downloader import Downloader

    crawler = get_crawler(settings_dict=GATED)
    engine = _Engine()
    engine.downloader = Downloader(crawler)  # type: ignore[attr-defined]
    crawler.engine = engine
    middleware = ExtractGateMiddleware.from_crawler(crawler)
    middleware.gate.close()
    robots = Request("https://www.ekeby.se/robots.txt", meta={"kind": "robots"})
    assert asyncio.run(asyncio.wait_for(middleware.process_request(robots), 5)) is None


def _page(n: int) -> Page:
    return Page(
        url=f"https://www.ekeby.se/2026/02/03/slug-{n}",
        fetched_url=f"https://www.ekeby.se/2026/02/03/slug-{n}/",
        body=(PAGES / "wordpress-article.html").read_bytes(),
        fetched_at="2026-03-10T12:00:00+00:00",
        municipality_id="ekeby",
    )


def test_pages_waiting_for_the_workers_pause_the_engine_until_half_are_done() -> None:
    crawler = get_crawler(
        settings_dict={"MUNINEWS_EXTRACT_WORKERS": "1", "MUNINEWS_EXTRACT_MAX_PENDING": "4"}
    )
    engine = _Engine()
    crawler.engine = engine
    pipeline = build_from_crawler(ExtractPipeline, crawler)
    gate = threading.Event()
    pool = ThreadPoolExecutor(1)  # stands in for the process pool: the bound is the pipeline's
    pool.submit(gate.wait)  # the worker is busy until the test lets it go
    pipeline.pool = pool

    async def crawl() -> list[Article]:
        tasks = [asyncio.ensure_future(pipeline.process_item(_page(n))) for n in range(6)]
        while pipeline.pending < 6:
            await asyncio.sleep(0.01)
        assert engine.calls == ["pause"]  # four waited: no new requests until half are done
        assert pipeline.gate.closed  # nor any the downloader has not started
        gate.set()
        return list(await asyncio.gather(*tasks))

    articles = asyncio.run(crawl())
    pool.shutdown()
    assert len(articles) == 6 and all(isinstance(a, Article) and a.body for a in articles)
    assert engine.calls == ["pause", "unpause"] and pipeline.pending == 0
    assert not pipeline.gate.closed
    assert crawler.stats.get_value(counters.key(Counter.EXTRACT_PENDING_MAX)) == 6
    assert counters.get(crawler.stats, Counter.EXTRACT_PAUSED) == 1


class _DiesInAWorker:
    """An extraction that kills the worker process it runs in (as the OOM killer would)."""

    def __call__(self) -> Article:
        import multiprocessing
        import os

        if multiprocessing.parent_process() is not None:
            os._exit(1)
        return Article(url="https://www.ekeby.se/nyheter/a", municipality_id="ekeby", title="Kept")


def test_a_page_whose_worker_dies_is_extracted_in_the_crawl_process() -> None:
    crawler = get_crawler(settings_dict={"MUNINEWS_EXTRACT_WORKERS": 1})
    pipeline = build_from_crawler(ExtractPipeline, crawler)
    try:
        article = asyncio.run(pipeline._extract(_DiesInAWorker()))
    finally:
        pipeline.close_spider()
    assert article.title == "Kept"
    assert counters.get(crawler.stats, Counter.EXTRACT_WORKER_LOST) == 1
    assert pipeline.pool is None  # the next page starts a new pool
