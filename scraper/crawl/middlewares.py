"""Downloader middlewares: no delay for loopback hosts, Retry-After obeyed, redirect hops counted
(robots.txt: :mod:`scraper.crawl.robots`).

:class:`LoopbackMiddleware`: the bundled demo web and the test servers run on 127.0.0.1; waiting a
second between requests to them only slows tests and the demo. Requests to loopback addresses go to
a download slot named ``loopback`` (configured in ``DOWNLOAD_SLOTS`` without delay) and
AutoThrottle leaves that slot alone. Real municipal sites never match.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections import deque
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from scraper.config import CrawlConfig
from scraper.crawl import counters as stats
from scraper.crawl.counters import Counter
from scraper.crawl.frontier import RequestKind
from scraper.crawl.stopping import stopping
from scraper.crawl.urls import is_loopback

logger = logging.getLogger(__name__)

LOOPBACK_SLOT = "loopback"
ROBOTS = str(RequestKind.ROBOTS)


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


class ExtractGate:
    """Where requests wait, per download slot, before the downloader takes them: closed while the
    extraction workers are behind (the pipeline closes and opens it), and in any case until their
    slot has room in its queue.

    The pipeline also pauses the engine at ``MUNINEWS_EXTRACT_MAX_PENDING`` pages, but a paused
    engine only stops taking requests from the scheduler. The downloader takes up to
    ``CONCURRENT_REQUESTS`` (640, for 290 sites at once) and queues them in its slots, so on one fast
    site it had every article queued and fetched them all whatever the workers did: 464 pages waiting
    for one worker (the bound is 16) and 645 MB in a 600-article crawl. Held here, a request costs a
    Request object, not a response, and its download timeout has not started."""

    #: A waiting request looks again after this long even if nothing woke it: no request can be
    #: forgotten here, whatever path the one before it took out of the downloader.
    RECHECK = 1.0

    def __init__(self) -> None:
        self.closed = False
        self._waiting: dict[str, deque[asyncio.Future[None]]] = {}

    def close(self) -> None:
        self.closed = True

    def open(self) -> None:
        self.closed = False
        for key in list(self._waiting):
            self.wake(key, every=True)

    def wake(self, key: str, every: bool = False) -> None:
        """Let the next request waiting for ``key`` look again (all of them with ``every``)."""
        waiting = self._waiting.get(key)
        while waiting:
            future = waiting.popleft()
            if not future.done():
                future.set_result(None)
                if not every:
                    break
        if not waiting:
            self._waiting.pop(key, None)

    async def wait(self, key: str) -> None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._waiting.setdefault(key, deque()).append(future)
        recheck = loop.call_later(self.RECHECK, _release, future)
        try:
            await future
        finally:
            recheck.cancel()


def _release(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


_GATES: weakref.WeakKeyDictionary[Any, ExtractGate] = weakref.WeakKeyDictionary()


def extract_gate(crawler: Any) -> ExtractGate:
    """The crawl's one gate, shared by the extraction pipeline and :class:`ExtractGateMiddleware`."""
    gate = _GATES.get(crawler)
    if gate is None:
        gate = _GATES[crawler] = ExtractGate()
    return gate


class ExtractGateMiddleware:
    """Holds each request at the :class:`ExtractGate` while it is closed or while its download slot
    already has twice as many requests let through as it transfers at once (those transferring and as
    many queued behind them); on with extraction workers only, where pages can pile up behind the
    crawl. A request leaving the downloader wakes the next of its slot.

    The count is of requests let through here and still in the downloader (``downloader.active``), not
    the slot's queue: many requests woken at once all saw an empty queue before any reached it, and a
    600-article crawl fetched 415 pages in one burst that way. A request that leaves by another path
    (dropped by a later middleware, sent back to the scheduler) leaves ``active`` too, so it cannot
    hold its slot's place."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.gate = extract_gate(crawler)
        self.through: dict[str, list[Request]] = {}  # per slot: let through, maybe still downloading
        crawler.signals.connect(self._left, signal=signals.request_left_downloader)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractGateMiddleware:
        if CrawlConfig.from_settings(crawler.settings).extract_workers <= 0:
            raise NotConfigured("no extraction workers: pages are extracted as they come")
        if not crawler.settings.getbool("MUNINEWS_EXTRACT_GATE"):
            raise NotConfigured("MUNINEWS_EXTRACT_GATE is off")
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        if request.meta.get("kind") == ROBOTS:
            # Never held nor counted: the requests let through before it wait for it in the robots.txt
            # middleware, so holding it behind them would hold their site for ever (a 30-site crawl
            # stopped with 5 sites in that wait).
            return
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        while True:
            if stopping(self.crawler):
                # The stop took the downloader's queued requests off their slots (back to the
                # scheduler, kept by --jobdir); one held here is one of them, not one to fetch now.
                raise IgnoreRequest("the crawl is stopping")
            if not (self.gate.closed or self._full(downloader, key)):
                break
            await self.gate.wait(key)
        self.through.setdefault(key, []).append(request)  # no await between the test and this

    def _full(self, downloader: Any, key: str) -> bool:
        through = self.through.get(key)
        if not through:
            return False
        active = downloader.active
        through[:] = [r for r in through if r in active]
        slot = downloader.slots.get(key)
        return len(through) >= 2 * (slot.concurrency if slot is not None else 1)

    def _left(self, request: Request, spider: Any = None) -> None:
        key = request.meta.get("download_slot")
        if key is None:
            return
        through = self.through.get(key)
        if through and request in through:  # still in ``active`` for a moment: not counted now
            through.remove(request)
        self.gate.wake(key)


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (RFC 9110 10.2.3): delay-seconds or an HTTP-date."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


class RetryAfterMiddleware:
    """429 and 503 with Retry-After: wait as asked (capped), per host, and ask again; nothing dropped.

    Scrapy's RetryMiddleware retries such answers at once and drops them after RETRY_TIMES. Here
    the host is paused until the time the server named: the answered request goes back to the
    scheduler and every request to that host waits in :meth:`process_request` until then, so the
    site's other pages are slowed, not lost. Sits nearer the downloader than RetryMiddleware (550),
    so it sees the answer first; answers without Retry-After are left to RetryMiddleware.
    """

    STATUSES = (429, 503)

    def __init__(self, crawler: Any, max_wait: float, times: int) -> None:
        self.crawler = crawler
        self.max_wait = max_wait
        self.times = times
        self.paused_until: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        config = CrawlConfig.from_settings(crawler.settings)
        return cls(crawler, config.retry_after_max, config.retry_after_times)

    async def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).netloc
        wait = self.paused_until.get(host, 0.0) - time.time()
        if wait > 0:
            from twisted.internet import reactor  # the one Scrapy installed; not at import time

            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in self.STATUSES or request.meta.get("dont_retry"):
            return response
        now = time.time()
        wait = retry_after_seconds((response.headers.get(b"Retry-After") or b"").decode("latin-1"), now)
        if wait is None:
            return response
        mid = request.meta.get("municipality_id")
        tries = int(request.meta.get("retry_after_times", 0)) + 1
        if tries > self.times:
            stats.inc(self.crawler.stats, Counter.RETRY_AFTER_GAVE_UP, mid)
            return response
        wait = min(wait, self.max_wait)
        host = urlsplit(request.url).netloc
        self.paused_until[host] = max(self.paused_until.get(host, 0.0), now + wait)
        stats.inc(self.crawler.stats, Counter.RETRY_AFTER, mid)
        logger.info("%s: HTTP %d, Retry-After %.0f s: %s waits", mid, response.status, wait, host)
        retry = request.replace(dont_filter=True)
        retry.meta["retry_after_times"] = tries
        retry.priority = request.priority + 1
        return retry
