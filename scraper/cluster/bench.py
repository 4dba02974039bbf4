"""Scale of the cluster: ``python -m scraper.cluster.bench [--sites 16] [--latency 0.2] [--rounds 1]``.

Generates ``--sites`` sites (:mod:`scraper.demo.sitegen`), serves each on its own loopback port with
``--latency`` seconds added to every answer (so the crawl is network-bound, as on the real web),
and crawls them all with 1, 2 and 4 workers in turn (interleaved over ``--rounds``), each time from
an empty archive on a fresh private Redis. Throughput is pages answered by the servers per second
from the first enqueue to the writer's last commit; the figures are medians over the rounds, with
each worker count's ratio to one worker's. Every server logs the arrival time of every request:
the smallest gap between two requests to one site must not be below the configured politeness
(``DOWNLOAD_DELAY`` × (1 − ``DOWNLOAD_DELAY_JITTER``)). Exit status 1 if a floor is missed.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scraper.cluster.local import LocalCluster, RedisServer
from scraper.demo.sitegen import GeneratedWeb, generate
from scraper.registry import Municipality, save_registry

#: Floors from the issue: 2 workers at least 1.8×, 4 workers at least 3.2× one worker's throughput.
FLOORS = {2: 1.8, 4: 3.2}
DELAY, JITTER = 1.0, 0.5  # the politeness of a real crawl (scraper/settings.py): DOWNLOAD_DELAY, its jitter


class LatencyLog:
    """Wraps a site server's app: sleeps ``latency`` before each answer, logs each arrival time."""

    def __init__(self, app: Any, latency: float) -> None:
        self.handle_inner = app.handle
        self.latency = latency
        self.arrivals: list[float] = []
        self.lock = threading.Lock()
        app.handle = self.handle

    def handle(self, target: str) -> Any:
        with self.lock:
            self.arrivals.append(time.monotonic())
        time.sleep(self.latency)
        return self.handle_inner(target)

    def min_gap(self) -> float | None:
        times = sorted(self.arrivals)
        gaps = [b - a for a, b in itertools.pairwise(times)]
        return min(gaps) if gaps else None


@dataclass
class Run:
    workers: int
    seconds: float
    pages: int
    min_gap: float | None

    @property
    def throughput(self) -> float:
        return self.pages / self.seconds


def crawl_once(workers: int, web: GeneratedWeb, logs: list[LatencyLog], registry: Path, work: Path) -> Run:
    for log in logs:
        log.arrivals.clear()
    # MUNINEWS_FAST_LOOPBACK=0: the delay applies to these loopback sites as to real ones.
    settings = [f"MUNINEWS_REGISTRY={registry}", "MUNINEWS_PROGRESS_INTERVAL=0", f"DOWNLOAD_DELAY={DELAY}",
                f"DOWNLOAD_DELAY_JITTER={JITTER}", "MUNINEWS_FAST_LOOPBACK=0", "MUNINEWS_CAPTURE=0",
                "LOG_LEVEL=WARNING"]  # fmt: skip
    with RedisServer() as redis:
        cluster = LocalCluster(redis.url, work / "bench.db", work, settings)
        try:
            cluster.start_writer()
            for _ in range(workers):
                cluster.start_worker()
            time.sleep(3)  # the workers are up (importing RQ) before the clock starts
            start = time.monotonic()
            cluster.enqueue("--all")
            cluster.wait_idle(3600)
            seconds = time.monotonic() - start
        finally:
            cluster.stop()
    gaps = [g for g in (log.min_gap() for log in logs) if g is not None]
    return Run(workers, seconds, sum(len(log.arrivals) for log in logs), min(gaps) if gaps else None)


def bench(sites: int, latency: float, rounds: int, counts: Sequence[int]) -> list[Run]:
    generated = [generate(seed, "dev") for seed in range(sites)]
    runs = []
    with GeneratedWeb(generated) as web, tempfile.TemporaryDirectory(prefix="muninews-bench-") as tmp:
        logs = [LatencyLog(server.app, latency) for server in web.servers]
        registry = Path(tmp) / "registry.json"
        save_registry([Municipality(id=s.id, name=s.name, homepage=srv.homepage, country=s.country)
                       for s, srv in zip(generated, web.servers, strict=True)], registry)  # fmt: skip
        for r in range(rounds):
            for n in counts:
                work = Path(tmp) / f"r{r}-w{n}"
                work.mkdir()
                run = crawl_once(n, web, logs, registry, work)
                print(f"round {r + 1}: {n} workers: {run.pages} pages in {run.seconds:.1f} s "
                      f"({run.throughput:.2f} pages/s), smallest gap at one site {run.min_gap or 0:.3f} s",
                      flush=True)  # fmt: skip
                runs.append(run)
    return runs


def report(runs: list[Run]) -> int:
    counts = sorted({r.workers for r in runs})
    median = {n: statistics.median(r.throughput for r in runs if r.workers == n) for n in counts}
    base = median[counts[0]]
    failed = 0
    for n in counts:
        ratio = median[n] / base
        floor = FLOORS.get(n)
        verdict = "" if floor is None else (" ok" if ratio >= floor else f" BELOW the floor {floor}")
        failed += bool(floor and ratio < floor)
        print(f"{n} workers: median {median[n]:.2f} pages/s, {ratio:.2f}× one worker{verdict}")
    allowed = DELAY * (1 - JITTER)
    smallest = min((r.min_gap for r in runs if r.min_gap is not None), default=None)
    polite = smallest is None or smallest >= allowed
    print(f"smallest gap between two requests to one site: {smallest or 0:.3f} s (politeness {allowed:.3f} s)"
          f"{'' if polite else ' — TOO FAST'}")  # fmt: skip
    return 1 if failed or not polite else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scraper.cluster.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sites", type=int, default=12)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds added to every answer")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workers", default="1,2,4", help="worker counts, the first is the baseline")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    return report(bench(args.sites, args.latency, args.rounds, counts))


if __name__ == "__main__":
    sys.exit(main())
