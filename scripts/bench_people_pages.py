#!/usr/bin/env python3
"""The pages for people (front page, contact directory, date filters, chart of a search, zero-result
help) against the search pages, before and after a change, on the same immutable file, interleaved.

    python scripts/bench_people_pages.py /path/to/main-checkout /path/to/archive.db 9   # runs

Starts ``datasette -i`` with each checkout's plugin (``scripts/bench_before_after.py``'s ``start``),
warms both, then times each URL on both servers in turn (one request before, one after, ``runs``
times) and prints the medians and the ratio; a page the old checkout does not have shows ``-``.
Not a test: the figures depend on the machine (report the ratio, measured in the same run).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_before_after import AFTER, free_port, start
from synthetic_archive import COMMON_WORD, RARE_WORD

CASES = [
    "/",
    f"/-/search?q={COMMON_WORD}&sort=newest",
    f"/-/search?q={COMMON_WORD}",
    f"/-/search?q={COMMON_WORD}&municipality=kommun001&sort=newest",
    f"/-/search?q={RARE_WORD}&sort=newest",
    "/-/search?q=skola&sort=newest",
    "/-/search?sort=newest",
    f"/-/search?q={COMMON_WORD}&from=2018&to=2020-06&sort=newest",
    f"/-/search?q={COMMON_WORD}&from=2019-03&to=2019-03",
    f"/-/search?q={COMMON_WORD}&municipality=kommun001&year=1999",
    f"/-/search?q={COMMON_WORD}&page=9999&sort=newest",
    "/-/contacts",
    "/-/contacts?q=an",
    f"/-/contacts?topic={COMMON_WORD}",
    "/-/contacts?topic=skola&municipality=kommun001",
    "/-/chart",
    f"/-/chart?q={COMMON_WORD}",
    f"/archive/search.json?q={COMMON_WORD}&from=2018&to=2020-06",
]


def once(client: httpx.Client, url: str) -> float | None:
    started = time.perf_counter()
    response = client.get(url)
    seconds = (time.perf_counter() - started) * 1000
    return seconds if response.status_code == 200 else None


def main() -> int:
    before_checkout, db = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    ports = free_port(), free_port()
    servers = [start(before_checkout, db, ports[0]), start(AFTER, db, ports[1])]
    try:
        clients = [httpx.Client(base_url=f"http://127.0.0.1:{p}", timeout=300) for p in ports]
        for client in clients:
            for url in CASES:  # warm: facet, day and people arrays, counts, templates
                client.get(url)
        print(f"{db} · median of {runs} interleaved runs · before = {before_checkout}, after = {AFTER}")
        for url in CASES:
            times: list[list[float]] = [[], []]
            missing = [False, False]
            for _ in range(runs):
                for i, client in enumerate(clients):
                    ms = once(client, url)
                    if ms is None:
                        missing[i] = True
                    else:
                        times[i].append(ms)
            b = "     -" if missing[0] else f"{statistics.median(times[0]):6.0f}"
            a = "     -" if missing[1] else f"{statistics.median(times[1]):6.0f}"
            ratio = (
                ""
                if missing[0] or missing[1]
                else f"{statistics.median(times[1]) / statistics.median(times[0]):.2f}"
            )
            print(f"{url:<66} before {b} ms  after {a} ms  {ratio}", flush=True)
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
