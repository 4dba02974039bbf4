"""Four workers on a network-bound web (200 ms added to every answer): no site is ever asked faster
than the configured politeness, as the servers' own request logs show (the bench's measurement)."""

from __future__ import annotations

import pytest

from scraper.cluster import bench
from scraper.cluster.local import redis_binary


def test_four_workers_never_ask_one_site_faster_than_the_politeness() -> None:
    if redis_binary() is None:
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server)")
    runs = bench.bench(sites=6, latency=0.2, rounds=1, counts=[4])
    (run,) = runs
    assert run.pages >= 6 * 5  # every site was crawled, not just its robots.txt
    assert run.min_gap is not None
    assert run.min_gap >= bench.DELAY * (1 - bench.JITTER)
