"""Pages before and after a change: two checkouts' plugins on the same immutable file, one run.

    python -m scraper.tools.checkoutbench /path/to/main-checkout --articles 100000 --runs 9
    python -m scraper.tools.checkoutbench /path/to/main-checkout --db archive.db --pages people

Starts ``datasette -i`` with each checkout's plugin and metadata (through ``PYTHONPATH``) on the
same file (without ``--db``, the synthetic archive of :mod:`.synthetic_archive`, generated with this
checkout on first use), warms both, then times each URL on both servers in turn (one request
before, one after, ``--runs`` times) and prints the medians, the number of matches of a search and
the ratio after / before; a page the old checkout does not have shows ``-``. ``--pages search``
times the search pages, ``--pages people`` the pages for people (front page, contact directory,
date filters, chart of a search, zero-result help), ``all`` (the default) both. Not a test: the
figures depend on the machine (report the ratio, measured in the same run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import httpx

from scraper.tools.server import free_port, served
from scraper.tools.synthetic_archive import COMMON_WORD, RARE_WORD, generate
from scraper.web.serve import datasette_argv

AFTER = Path(__file__).resolve().parents[2]

SEARCH_PAGES = [
    f"/-/search?q={COMMON_WORD}&sort=newest",
    f"/-/search?q={COMMON_WORD}",
    f"/-/search?q={COMMON_WORD}&municipality=kommun001&sort=newest",
    f"/-/search?q={RARE_WORD}&sort=newest",
    "/-/search?q=skola&sort=newest",
    "/-/search?q=skola",
    "/-/search?q=kommun&sort=newest",
]
PEOPLE_PAGES = [
    "/",
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
PAGES = {"search": SEARCH_PAGES, "people": PEOPLE_PAGES, "all": SEARCH_PAGES + PEOPLE_PAGES}


def checkout_argv(checkout: Path, db: Path, port: int) -> list[str]:
    """``datasette -i`` as ``muninews serve`` runs it, with ``checkout``'s metadata."""
    argv = datasette_argv(db, port=port, immutable=True)
    argv[argv.index("--metadata") + 1] = str(checkout / "scraper/web/datasette_metadata.json")
    return argv


def once(client: httpx.Client, url: str) -> float | None:
    """Milliseconds of one GET, None if it did not answer 200."""
    started = time.perf_counter()
    response = client.get(url)
    ms = (time.perf_counter() - started) * 1000
    return ms if response.status_code == 200 else None


def matches(client: httpx.Client, url: str) -> str:
    """How many a search page finds (its JSON's total), blank for other pages."""
    if not url.startswith("/-/search"):
        return ""
    response = client.get(url + "&_format=json")
    return f"{response.json()['total']:>7}" if response.status_code == 200 else "      -"


def compare(clients: Sequence[httpx.Client], url: str, runs: int) -> str:
    """One line: each server's median, interleaved one request each per round, and the ratio."""
    times: list[list[float]] = [[], []]
    missing = [False, False]
    for _ in range(runs):
        for i, client in enumerate(clients):
            ms = once(client, url)
            if ms is None:
                missing[i] = True
            else:
                times[i].append(ms)
    shown = ["     -" if missing[i] else f"{statistics.median(times[i]):6.0f}" for i in (0, 1)]
    counts = [matches(c, url) for c in clients]
    ratio = "" if any(missing) else f"{statistics.median(times[1]) / statistics.median(times[0]):.2f}"
    return f"{url:<66} before {shown[0]} ms {counts[0]}  after {shown[1]} ms {counts[1]}  {ratio}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scraper.tools.checkoutbench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("before", type=Path, help="the checkout to compare with (e.g. main)")
    parser.add_argument("--articles", type=int, default=100_000, help="size of the synthetic archive")
    parser.add_argument("--db", type=Path, help="an archive to serve instead of the synthetic one")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", choices=sorted(PAGES), default="all")
    args = parser.parse_args(argv)
    before = args.before.resolve()
    db = (args.db or Path(f"/tmp/muninews-bench-before-after/{args.articles}/archive.db")).resolve()
    if not db.exists():
        generate(db, args.articles)
    ports = free_port(), free_port()
    with ExitStack() as stack:
        for checkout, port in zip((before, AFTER), ports, strict=True):
            env = dict(os.environ, PYTHONPATH=str(checkout))
            stack.enter_context(
                served(checkout_argv(checkout, db, port), port, timeout=600, cwd=checkout, env=env)
            )
        clients = [
            stack.enter_context(httpx.Client(base_url=f"http://127.0.0.1:{p}", timeout=300)) for p in ports
        ]
        for client in clients:
            for url in PAGES[args.pages]:  # warm: facet, day and people arrays, counts, templates
                client.get(url)
        print(f"{db} · median of {args.runs} interleaved runs · before = {before}, after = {AFTER}")
        print(f"load average (1, 5, 15 min): {', '.join(f'{a:.1f}' for a in os.getloadavg())}")
        for url in PAGES[args.pages]:
            print(compare(clients, url, args.runs), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
