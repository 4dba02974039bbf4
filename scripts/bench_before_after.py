#!/usr/bin/env python3
"""Search speed before and after a change: two checkouts' plugins on the same immutable file, one run.

    python scripts/bench_before_after.py /path/to/main-checkout 100000 9   # articles, runs

Generates the synthetic archive (``scripts/synthetic_archive.py``) with this checkout on first use,
starts ``datasette -i`` with each checkout's plugin and metadata (through ``PYTHONPATH``), and prints
each search's median in ms, the number of matches and the ratio after / before. Not a test.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

AFTER = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AFTER / "scripts"))
sys.path.insert(0, str(AFTER))

from synthetic_archive import COMMON_WORD, RARE_WORD, generate  # noqa: E402

from scraper.web.serve import datasette_argv  # noqa: E402

CASES = [
    f"/-/search?q={COMMON_WORD}&sort=newest",
    f"/-/search?q={COMMON_WORD}",
    f"/-/search?q={COMMON_WORD}&municipality=kommun001&sort=newest",
    f"/-/search?q={RARE_WORD}&sort=newest",
    "/-/search?q=skola&sort=newest",
    "/-/search?q=skola",
    "/-/search?q=kommun&sort=newest",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(checkout: Path, db: Path, port: int) -> subprocess.Popen:
    argv = datasette_argv(db, port=port, immutable=True)
    argv[argv.index("--metadata") + 1] = str(checkout / "scraper/web/datasette_metadata.json")
    env = dict(os.environ, PYTHONPATH=str(checkout))
    proc = subprocess.Popen(argv, env=env, cwd=checkout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"the server of {checkout} did not start")


def median_ms(client: httpx.Client, url: str, runs: int) -> tuple[float, int]:
    client.get(url)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.text[:300]
    return statistics.median(times), client.get(url + "&_format=json").json()["total"]


def main() -> int:
    before_checkout, articles = Path(sys.argv[1]).resolve(), int(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    db = Path(f"/tmp/muninews-bench-before-after/{articles}/archive.db")
    if not db.exists():
        generate(db, articles)
    ports = free_port(), free_port()
    servers = [start(before_checkout, db, ports[0]), start(AFTER, db, ports[1])]
    try:
        clients = [httpx.Client(base_url=f"http://127.0.0.1:{p}", timeout=120) for p in ports]
        for client in clients:
            client.get(f"/-/search?q={RARE_WORD}&_format=json")  # builds the facet arrays
        print(f"{articles:,} articles, median of {runs} runs (before = {before_checkout}, after = {AFTER})")
        for url in CASES:
            (b_ms, b_n), (a_ms, a_n) = (median_ms(c, url, runs) for c in clients)
            print(
                f"{url:<62} before {b_ms:6.0f} ms ({b_n:>6})  after {a_ms:6.0f} ms ({a_n:>6})  {a_ms / b_ms:.2f}"
            )
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
