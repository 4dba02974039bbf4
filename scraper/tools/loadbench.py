"""Does a served archive hold many readers while a crawl writes to it?

``python -m scraper.tools.loadbench [--db archive.db] [--articles 100000] [--clients 50] [--seconds 30]``
starts ``muninews serve`` (the real command, in a subprocess) on a free loopback port, then runs
``--clients`` concurrent clients for ``--seconds``, each looping over what visitors ask for (an
article page, the search page, the canned ``search`` query, a CSV export, the front page), while a
writer in this process saves new articles into the same file through the archive writer, as a crawl
does. It prints the error count (any answer other than 200, or none), requests per second, and the
p50/p95 of each kind of page. Without ``--db`` it builds a synthetic archive of ``--articles``
fictional articles first (see :func:`scraper.tools.servebench.build_archive`).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from scraper.tools.servebench import (
    WORDS,
    build_archive,
    get,
    percentile,
    served,
    synthetic_article,
)
from scraper.tools.server import free_port

#: What the clients ask for, by kind: (kind, path template); ``{id}`` and ``{word}`` are drawn per request.
PAGES = (
    ("article", "/archive/articles/{id}"),
    ("search page", "/-/search?q={word}"),
    ("canned search", "/archive/search.json?q={word}"),
    ("search csv", "/archive/search.csv?q={word}"),
    ("front page", "/"),
)


@dataclass
class Load:
    """What the clients saw: seconds per kind of page, and the failures as (kind, status)."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[tuple[str, int]] = field(default_factory=list)
    written: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.seconds.values())


def _client(port: int, ids: int, until: float, load: Load, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        kind, template = rng.choice(PAGES)
        path = template.format(id=rng.randint(1, ids), word=quote(rng.choice(WORDS)))
        status, seconds = get(port, path)
        with load.lock:
            load.seconds[kind].append(seconds)
            if status != 200:
                load.errors.append((f"{kind} {path}", status))


def _writer(db: Path, until: float, load: Load, start: int) -> None:
    """New articles into the served file through the archive writer, one transaction each."""
    from scraper.archive import Archive

    rng = random.Random(start)
    with Archive(db) as archive:
        n = start
        while time.monotonic() < until:
            article = synthetic_article(
                rng, n, slug=f"crawl-{n}", published="2026-11-30", fetched_at="2026-12-01T00:00:00Z"
            )
            archive.save_article(article)
            n += 1
            load.written += 1
            time.sleep(0.01)


def run_load(db: Path, port: int, *, clients: int, seconds: float, ids: int) -> Load:
    """``clients`` readers and one writer on the served ``db`` for ``seconds``."""
    load = Load()
    get(port, "/-/search?q=skola")  # warm up: facet arrays, templates
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(port, ids, until, load, i)) for i in range(clients)]
    threads.append(threading.Thread(target=_writer, args=(db, until, load, ids + 1)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load


def report(load: Load, seconds: float) -> list[str]:
    lines = [
        f"{load.requests} requests in {seconds:.0f} s ({load.requests / seconds:.1f}/s), "
        f"{len(load.errors)} errors, {load.written} articles written meanwhile"
    ]
    for kind, _ in PAGES:
        values = load.seconds.get(kind, [])
        lines.append(
            f"  {kind:14} n {len(values):5}   p50 {percentile(values, 50) * 1000:7.1f} ms   "
            f"p95 {percentile(values, 95) * 1000:7.1f} ms"
        )
    lines += [f"  error: {what} -> {status}" for what, status in load.errors[:10]]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scraper.tools.loadbench", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--db", type=Path, help="an archive to serve (default: a synthetic one; it is written to)"
    )
    parser.add_argument("--articles", type=int, default=100_000, help="size of the synthetic archive")
    parser.add_argument("--clients", type=int, default=50, help="concurrent reading clients")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the load runs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="loadbench-") as tmp:
        db = args.db or build_archive(Path(tmp) / "archive.db", args.articles)
        port = free_port()
        with served(db, port):
            load = run_load(db, port, clients=args.clients, seconds=args.seconds, ids=args.articles)
    print("\n".join(report(load, args.seconds)))
    return 1 if load.errors else 0


if __name__ == "__main__":
    sys.exit(main())
