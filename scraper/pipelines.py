"""Thin adapters between Scrapy and the rest: ExtractPipeline → ArchivePipeline.

ExtractPipeline calls the pure :func:`scraper.extract.extract_article` on the page's
bytes; ArchivePipeline is the single writer of the archive. Keeping them apart is what
lets extraction move into a process pool, or crawling onto several machines, while one
process writes the SQLite file.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any

from scrapy.exceptions import DropItem

from scraper.archive import STATUS_FAILING, Archive, crawl_status, reserve
from scraper.clock import utc_now
from scraper.cms.detect import label as platform_label
from scraper.config import CrawlConfig
from scraper.crawl import counters
from scraper.crawl.counters import Counter
from scraper.crawl.frontier import Outcome, RequestKind
from scraper.crawl.losses import FAILING, ending_notes, failure_notes, loss_notes
from scraper.crawl.middlewares import extract_gate
from scraper.crawl.stopping import STOPPING, stop_for_storage, storage_failure
from scraper.extract import extract_article, extract_pdf_article, is_pdf
from scraper.items import Article, Page, PageGone, PageSeen, PageState

logger = logging.getLogger(__name__)


class _StatsMixin:
    crawler: Any

    def _inc(self, counter: Counter, mid: str | None = None) -> None:
        counters.inc(self.crawler.stats, counter, mid)


def _extractor(item: Page) -> partial[Article]:
    """The pure extraction of one page, ready to run here or in a worker process."""
    options: dict[str, Any] = {"municipality_id": item.municipality_id, "country": item.country}
    extract: Callable[..., Article] = extract_article
    if is_pdf(item.body):  # a PDF linked from a listing: a press release, or refused
        extract = extract_pdf_article
    else:
        options["encoding"] = item.encoding
    return partial(extract, item.body, item.fetched_url, item.fetched_at, **options)


def _worker_started() -> None:
    """In each extraction worker: leave Ctrl-C to the crawl. A terminal's Ctrl-C reaches
    the whole process group; the crawl stops cleanly and then shuts its pool down, while a worker
    that took the signal itself would die with a traceback and fail the pages it held."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # SIGTERM stays: the pool ends a broken worker with it
    # A crawl killed outright (kill -9) cannot shut its pool down, and a worker blocks for ever on its
    # queue (it holds both ends of the pipe): it leaves as soon as its parent is gone.
    parent = os.getppid()

    def leave_with_the_parent() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=leave_with_the_parent, name="parent-watch", daemon=True).start()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored in this process for a moment, on the main thread only (where signals go).

    A worker spawned while a terminal's Ctrl-C arrives would die mid-import with a traceback, before
    its initializer can ignore the signal; an ignored signal stays ignored across exec, so workers
    started inside this block never see it (the crawl stops them itself)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class ExtractPipeline(_StatsMixin):
    """Page (bytes) → Article, or a counted drop when the page holds no article text.

    Extraction is CPU-bound (trafilatura takes tens of milliseconds on a real page) and
    Scrapy runs in one thread, so with ``MUNINEWS_EXTRACT_WORKERS`` > 0 (``auto``: the spare
    cores) pages are extracted in a pool of worker processes while the crawl goes on; the result
    is the same Article. The pool starts with the first page (a crawl that stores nothing starts
    none). At most ``MUNINEWS_EXTRACT_MAX_PENDING`` pages wait for the workers: beyond that the
    engine pauses (no new requests) until half of them are done.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        config = CrawlConfig.from_settings(crawler.settings)
        self.since = config.since
        self.workers = config.extract_workers
        self.max_pending = config.extract_max_pending
        self.pool: Executor | None = None
        self.starting = 0  # submits left that may start a worker (SIGINT is ignored around them)
        self.pending = 0
        self.paused = False
        self.gate = extract_gate(crawler)  # holds the requests the downloader has not started too

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.since = getattr(spider, "since", "") or self.since

    def _pool(self) -> Executor | None:
        """The worker pool, started by the first page; None with 0 workers (extract here)."""
        if self.workers > 0 and self.pool is None:
            # spawn, not fork: the crawl process runs a reactor and threads a fork would copy.
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_started
            )
            logger.info("extracting in %d worker processes", self.workers)
            self.starting = self.workers  # each of the first submits may spawn one worker
        return self.pool

    def close_spider(self) -> None:
        self.gate.open()
        if self.pool is not None:
            self.pool.shutdown(wait=True)

    def _waiting(self, change: int) -> None:
        """Count the pages waiting for the workers; pause the engine at the bound, go on at half."""
        self.pending += change
        stats = self.crawler.stats
        stats.max_value(counters.key(Counter.EXTRACT_PENDING_MAX), self.pending)
        try:
            engine = self.crawler.engine
        except RuntimeError:  # a crawler that never started (a test's get_crawler)
            return
        if not self.paused and self.pending >= self.max_pending:
            self.paused = True
            self._inc(Counter.EXTRACT_PAUSED)
            engine.pause()
            self.gate.close()
        elif self.paused and self.pending <= self.max_pending // 2:
            self.paused = False
            engine.unpause()
            self.gate.open()
            slot = getattr(engine, "_slot", None)
            if slot is not None and getattr(slot, "nextcall", None) is not None:
                slot.nextcall.schedule()  # pick up the scheduler's requests now, not at the next heartbeat

    async def _extract(self, extract: Callable[[], Article]) -> Article:
        pool = self._pool()
        if pool is None:
            return extract()
        self._waiting(+1)
        try:
            if self.starting:  # a submit may start a worker: it inherits the ignored SIGINT
                self.starting -= 1
                with _sigint_ignored():
                    future = asyncio.get_running_loop().run_in_executor(pool, extract)
            else:
                future = asyncio.get_running_loop().run_in_executor(pool, extract)
            return await future
        except BrokenProcessPool:
            # A worker died (killed, out of memory): the page is extracted here, never lost, and the
            # next pages go to a new pool.
            self._inc(Counter.EXTRACT_WORKER_LOST)
            logger.warning("an extraction worker died; extracting this page in the crawl process")
            self.pool = None
            return extract()
        finally:
            self._waiting(-1)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Page):
            return item
        extract = _extractor(item)
        try:
            article = await self._extract(extract)
        except Exception as exc:  # one bad page must not stop a crawl; count and go on
            self._inc(Counter.EXTRACT_FAILED, item.municipality_id)
            logger.exception("%s: extraction failed for %s", item.municipality_id, item.url)
            raise DropItem(f"extraction failed: {item.url}") from exc
        if article.garbled:
            counters.inc(
                self.crawler.stats, Counter.EXTRACT_GARBLED, item.municipality_id, len(article.garbled)
            )
            logger.warning(
                "%s: dropped garbled values in %s: %s", item.municipality_id, item.url, article.garbled
            )
        if article.not_article:
            self._inc(Counter.EXTRACT_NOT_RELEASE, item.municipality_id)
            logger.info(
                "%s: not a press release (%s): %s", item.municipality_id, article.not_article, item.url
            )
            # Remembered as a page that is not news, so the next crawls leave it alone until a recheck.
            return _not_news(item)
        article.source = item.source  # the site, or the press room it was published in
        article.capture = item.capture  # the raw response this version was read from
        # Stored under the URL that served it; found again by the canonical key.
        article.url, article.canonical_url = item.fetched_url, item.url
        if not article.title or not article.body:
            self._inc(Counter.EXTRACT_EMPTY, item.municipality_id)
            logger.info("%s: no article text in %s", item.municipality_id, item.url)
            raise DropItem(f"no article text: {item.url}")
        if not article.published:
            self._inc(Counter.EXTRACT_MISSING_PUBLISHED, item.municipality_id)
        if self.since and article.published and article.published[:10] < self.since:
            self._inc(Counter.EXTRACT_SKIPPED_BEFORE_SINCE, item.municipality_id)
            raise DropItem(f"published {article.published} before {self.since}: {item.url}")
        return article


def _not_news(page: Page) -> PageState:
    """A fetched candidate the extraction turned down (a PDF agenda, say), as a ``pages`` row."""
    capture = page.capture
    return PageState(
        url=page.fetched_url,
        municipality_id=page.municipality_id,
        kind=str(RequestKind.CANDIDATE),
        fetched_at=page.fetched_at,
        status=page.status,
        outcome=str(Outcome.NOT_NEWS),
        etag=capture.etag if capture else None,
        last_modified=capture.last_modified if capture else None,
        payload_sha256=capture.payload_sha256 if capture else hashlib.sha256(page.body).hexdigest(),
        links=[],
    )


class ArchivePipeline(_StatsMixin):
    """The single writer: saves articles, then one crawl record per municipality.

    An archive that cannot be written (disk full, read-only, locked too long) stops the crawl at the
    first failed write (:mod:`scraper.crawl.stopping`): what was committed stays, later items are not
    tried, and the crawl record is still attempted at the end.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        config = CrawlConfig.from_settings(crawler.settings)
        self.path = config.db_path
        self.busy_timeout = config.busy_timeout
        self.disk_reserve = config.disk_reserve
        self.archive: Archive | None = None
        self.started = ""
        self.unwritable: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchivePipeline:
        return cls(crawler)

    def _failed(self, exc: BaseException) -> bool:
        """Whether ``exc`` means the archive is unwritable; if so, stop the crawl (once)."""
        cause = storage_failure(exc)
        if cause is None:
            return False
        self.unwritable = self.unwritable or cause
        stop_for_storage(self.crawler, cause)
        return True

    def open_spider(self) -> None:
        self.started = utc_now()
        try:
            self.archive = Archive(self.path, busy_timeout=self.busy_timeout)
            reserve.set_aside(self.path, self.disk_reserve)
            spider = self.crawler.spider
            self.archive.save_municipalities(m.to_dict() for m in getattr(spider, "municipalities", []))
        except (sqlite3.Error, OSError) as exc:
            if not self._failed(exc):
                raise
            return
        logger.info("archive: writing to %s", self.path)

    def process_item(self, item: Any) -> Any:
        if self.archive is None or self.unwritable:
            return item  # not stored: the crawl is stopping because the archive cannot be written
        try:
            self._store(self.archive, item)
        except (sqlite3.Error, OSError) as exc:
            if not self._failed(exc):
                raise
        return item

    def _store(self, archive: Archive, item: Any) -> None:
        if isinstance(item, PageSeen):
            # A 304 or the same bytes again: the article is still there, nothing to re-extract.
            if archive.touch_article(item.url, item.fetched_at):
                self._inc(Counter.ARTICLE_FOUND, item.municipality_id)
                self._inc(Counter.ARTICLE_UNCHANGED, item.municipality_id)
                self._inc(Counter.ARTICLE_STORED)
        elif isinstance(item, PageGone):
            if archive.mark_removed(item.url, item.found_at, item.reason):
                self._inc(Counter.ARTICLE_REMOVED, item.municipality_id)
                logger.info("%s: article removed (%s): %s", item.municipality_id, item.reason, item.url)
        elif isinstance(item, PageState):
            # Not an article: its validators and links, for the next crawl's conditional requests.
            archive.save_page(item)
            self._inc(Counter.PAGE_REMEMBERED, item.municipality_id)
        elif isinstance(item, Article):
            status = archive.save_article(item)  # 'new' | 'updated' | 'unchanged'
            self._inc(Counter(f"article/{status}"), item.municipality_id)
            self._inc(Counter.ARTICLE_STORED)

    def _platform_notes(self, archive: Archive, mid: str, finished: str) -> list[str]:
        """Store the platform the crawl saw on the site; a note when it is not the one seen before."""
        site = getattr(self.crawler.spider, "sites", {}).get(mid)
        if site is None or not site.platform:
            return []
        before = archive.record_platform(mid, site.platform, finished)
        return (
            [f"platform changed from {platform_label(before)} to {platform_label(site.platform)}"]
            if before
            else []
        )

    def _note(self, mid: str, reason: str, failing: bool, first: list[str] | None = None) -> str | None:
        """``crawls.note``: how the crawl ended if not normally, and every loss the spider saw."""
        spider = self.crawler.spider
        notes = ending_notes(reason, self.unwritable)
        site = getattr(spider, "sites", {}).get(mid)
        if site is not None:
            notes += loss_notes(site, set(spider.memory.known))
        if failing and not notes:
            notes += failure_notes(mid, self.crawler.stats.get_stats())
        return "; ".join((first or []) + notes) or None

    def close_spider(self) -> None:
        if self.archive is None:
            return
        reserve.release(self.path)  # its room is what the crawl record needs when the disk is full
        try:
            self._record_crawls(self.archive)
        except (sqlite3.Error, OSError) as exc:
            if not self._failed(exc):
                raise
            logger.error("archive: could not write the crawl record: %s", self.unwritable)
        try:
            self.archive.checkpoint()
        except (sqlite3.Error, OSError) as exc:  # the WAL keeps what was committed
            logger.warning("archive: WAL checkpoint failed: %s", exc)
        self.archive.close()

    def _record_crawls(self, archive: Archive) -> None:
        stats = self.crawler.stats
        finished = utc_now()
        # Scrapy sets finish_reason only after the pipelines closed; a stop says its reason earlier.
        reason = stats.get_value(STOPPING) or stats.get_value("finish_reason") or ""
        failing = 0
        for m in getattr(self.crawler.spider, "municipalities", []):

            def get(counter: Counter, mid: str = m.id) -> int:
                return counters.get(stats, counter, mid)

            # Known articles listed again but not due a re-check count as unchanged: the site still
            # lists them, and the revisit schedule says they need no fetch yet.
            # A release merged into a stored article (another source's copy) is that article seen again.
            unchanged = (
                get(Counter.ARTICLE_UNCHANGED) + get(Counter.ARTICLE_NOT_DUE) + get(Counter.ARTICLE_MERGED)
            )
            new, updated = get(Counter.ARTICLE_NEW), get(Counter.ARTICLE_UPDATED)
            expected = crawl_status(articles_new=new, articles_updated=updated, articles_unchanged=unchanged)
            errors = get(Counter.PAGE_ERRORS) + get(Counter.EXTRACT_FAILED)
            platform = self._platform_notes(archive, m.id, finished)
            status = archive.record_crawl(
                m.id,
                started=self.started,
                finished=finished,
                pages_fetched=get(Counter.PAGE_FETCHED),
                articles_found=get(Counter.ARTICLE_FOUND),
                articles_new=new,
                articles_updated=updated,
                articles_unchanged=unchanged,
                errors=errors,
                note=self._note(m.id, reason, expected == STATUS_FAILING, platform),
            )
            failing += status == STATUS_FAILING
            logger.info(
                "%s: %s — %d pages fetched, %d articles found (%d new, %d updated, %d unchanged), %d errors",
                m.id,
                status,
                get(Counter.PAGE_FETCHED),
                get(Counter.ARTICLE_FOUND),
                new,
                updated,
                get(Counter.ARTICLE_UNCHANGED),
                errors,
            )
        stats.set_value(FAILING, failing)
