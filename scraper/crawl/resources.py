"""What a crawl cost: the reactor thread's busy share and the peak memory, in the stats and the summary.

The reactor runs every callback, middleware and the archive's writes in one thread; when it is busy
all the time it, not extraction, bounds the crawl. Its busy share is the part of the crawl's wall
time the event loop spent outside its wait for I/O (the asyncio selector's ``select``, timed): on a
machine whose other processes hold the cores, time the reactor waited for a core counts as busy, as
it should (it had work). The CPU time of that thread (:func:`time.thread_time`) is kept beside it.
Peak memory is the largest resident set of the crawl process and, once the
extraction workers have been shut down (the pipelines close before ``spider_closed``), of the
largest worker (``getrusage``; Linux reports kilobytes).
"""

from __future__ import annotations

import asyncio
import resource
import sys
import time
from typing import Any

from scrapy import signals

REACTOR_CPU = "resources/reactor_cpu_seconds"
REACTOR_IDLE = "resources/reactor_idle_seconds"
WALL = "resources/wall_seconds"
BUSY = "resources/reactor_busy_percent"
PEAK_RSS = "resources/peak_rss_mb"
PEAK_WORKER_RSS = "resources/peak_worker_rss_mb"


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """The peak resident set of this process (or of its largest waited-for child), in MB."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS


class CrawlResources:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.cpu = 0.0
        self.wall = 0.0
        self.idle = 0.0
        self.timed = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlResources:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        self.cpu, self.wall = time.thread_time(), time.monotonic()
        self.timed = self._time_the_wait()

    def _time_the_wait(self) -> bool:
        """Wrap the running event loop's selector so the time it waits for I/O is added up."""
        try:
            selector = asyncio.get_event_loop()._selector  # type: ignore[attr-defined]
        except (AttributeError, RuntimeError):
            return False  # not the asyncio reactor: busy is the thread's CPU share
        select = selector.select

        def timed(timeout: float | None = None) -> Any:
            start = time.monotonic()
            try:
                return select(timeout)
            finally:
                self.idle += time.monotonic() - start

        selector.select = timed
        return True

    def spider_closed(self, spider: Any, reason: str) -> None:
        cpu, wall = time.thread_time() - self.cpu, time.monotonic() - self.wall
        busy = wall - self.idle if self.timed else cpu
        stats = self.crawler.stats
        stats.set_value(REACTOR_CPU, round(cpu, 3))
        stats.set_value(REACTOR_IDLE, round(self.idle, 3))
        stats.set_value(WALL, round(wall, 3))
        stats.set_value(BUSY, round(100 * busy / wall, 1) if wall > 0 else 0.0)
        stats.set_value(PEAK_RSS, round(peak_rss_mb(), 1))
        stats.set_value(PEAK_WORKER_RSS, round(peak_rss_mb(resource.RUSAGE_CHILDREN), 1))


def summary_line(stats: dict[str, Any]) -> str | None:
    """``resources: ...`` for the crawl summary, or None when the crawl did not record them."""
    if BUSY not in stats:
        return None
    return (
        f"resources: {stats[WALL]:.1f} s wall, reactor thread busy {stats[BUSY]:.1f} %, "
        f"{stats[REACTOR_CPU]:.1f} s CPU, "
        f"peak RSS {stats[PEAK_RSS]:.1f} MB (crawl process), {stats[PEAK_WORKER_RSS]:.1f} MB (largest worker)"
    )
