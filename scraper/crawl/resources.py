"""What a crawl cost: the reactor thread's busy share and the peak memory, in the stats and the summary.

The reactor runs every callback, middleware and the archive's writes in one thread; when it is busy
all the time it, not extraction, bounds the crawl. Its busy share is the CPU time of that thread
(:func:`time.thread_time`, read in the reactor thread when the spider opens and closes) over the
crawl's wall time. Peak memory is the largest resident set of the crawl process and, once the
extraction workers have been shut down (the pipelines close before ``spider_closed``), of the
largest worker (``getrusage``; Linux reports kilobytes).
"""

from __future__ import annotations

import resource
import sys
import time
from typing import Any

from scrapy import signals

REACTOR_CPU = "resources/reactor_cpu_seconds"
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

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlResources:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        self.cpu, self.wall = time.thread_time(), time.monotonic()

    def spider_closed(self, spider: Any, reason: str) -> None:
        cpu, wall = time.thread_time() - self.cpu, time.monotonic() - self.wall
        stats = self.crawler.stats
        stats.set_value(REACTOR_CPU, round(cpu, 3))
        stats.set_value(WALL, round(wall, 3))
        stats.set_value(BUSY, round(100 * cpu / wall, 1) if wall > 0 else 0.0)
        stats.set_value(PEAK_RSS, round(peak_rss_mb(), 1))
        stats.set_value(PEAK_WORKER_RSS, round(peak_rss_mb(resource.RUSAGE_CHILDREN), 1))


def summary_line(stats: dict[str, Any]) -> str | None:
    """``resources: ...`` for the crawl summary, or None when the crawl did not record them."""
    if BUSY not in stats:
        return None
    return (
        f"resources: {stats[WALL]:.1f} s wall, reactor thread busy {stats[BUSY]:.1f} %, "
        f"peak RSS {stats[PEAK_RSS]:.1f} MB (crawl process), {stats[PEAK_WORKER_RSS]:.1f} MB (largest worker)"
    )
