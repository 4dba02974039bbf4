"""Do slow hand-written queries starve the pages most visitors read?

``python -m scraper.tools.servebench [--db archive.db] [--articles 20000] [--slow 4] [--rounds 40]``
starts ``muninews serve`` on a free loopback port (the real command, in a subprocess), times the
normal pages (an article page, the search page, the canned ``search`` query) while nothing else
runs, then again while ``--slow`` clients keep sending a ``?sql=`` query that runs until Datasette's
time limit stops it, and prints the p50/p95 of both and the ratio of the p95s (target ≤ 2).
Without ``--db`` it builds a synthetic archive of ``--articles`` fictional articles first.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from scraper.items import Article
from scraper.tools import server
from scraper.tools.server import free_port

#: A query that only the time limit ends: a recursive count with no useful stopping point.
SLOW_SQL = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
WORDS = ("förskola", "budget", "väg", "skola", "bygglov", "vatten", "park", "nämnd", "taxa", "bibliotek")


@dataclass(frozen=True)
class Figures:
    idle_p50: float
    idle_p95: float
    loaded_p50: float
    loaded_p95: float
    slow_answered: int

    @property
    def ratio(self) -> float:
        return self.loaded_p95 / self.idle_p95 if self.idle_p95 else float("inf")


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0.0


def build_archive(path: Path, articles: int, seed: int = 7) -> Path:
    """A synthetic archive of fictional articles (three municipalities, words from :data:`WORDS`)."""
    from scraper.archive import Archive

    rng = random.Random(seed)
    with Archive(path) as archive:
        archive.save_municipalities(
            [{"id": f"m{i}", "name": f"Kommun {i}", "country": "SE"} for i in range(3)]
        )
        for n in range(articles):
            archive.save_article(
                synthetic_article(
                    rng, n, slug=str(n), published=f"20{20 + n % 6}-{1 + n % 12:02d}-{1 + n % 28:02d}"
                )
            )
    return path


def synthetic_article(
    rng: random.Random, n: int, *, slug: str, published: str, fetched_at: str = "2026-01-01T00:00:00Z"
) -> Article:
    """Fictional article ``n`` of municipality ``m{n % 3}``: 60 words drawn from :data:`WORDS`."""
    words = [rng.choice(WORDS) for _ in range(60)]
    return Article(
        url=f"https://kommun{n % 3}.example/nyheter/{slug}",
        municipality_id=f"m{n % 3}",
        title=" ".join(words[:5]).capitalize(),
        lead=" ".join(words[5:15]),
        body=" ".join(words[15:]),
        published=published,
        language="sv",
        fetched_at=fetched_at,
    )


def serve_argv(db: Path, port: int) -> list[str]:
    """``muninews serve --db DB --port PORT``, the real command."""
    return [sys.executable, "-m", "scraper", "serve", "--db", str(db), "--port", str(port)]


@contextmanager
def served(db: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """``muninews serve --db DB --port PORT`` until the block ends (:func:`scraper.tools.server.served`)."""
    with server.served(serve_argv(db, port), port) as proc:
        yield proc


def get(port: int, path: str, timeout: float = 60) -> tuple[int, float]:
    """(status, seconds) of one GET; status 0 when the server did not answer."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    except OSError:
        return 0, time.perf_counter() - started
    finally:
        conn.close()


def normal_pages(port: int) -> list[str]:
    status, _ = get(port, "/archive/articles.json?_size=1&_shape=array")
    first = 1
    if status == 200:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/archive/articles.json?_size=1&_shape=array&_col=id")
        first = json.loads(conn.getresponse().read())[0]["id"]
        conn.close()
    return [f"/archive/articles/{first}", "/-/search?q=f%C3%B6rskola", "/archive/search?q=budget"]


def timings(port: int, pages: list[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for path in pages:
            status, seconds = get(port, path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            out.append(seconds)
    return out


def measure(port: int, *, slow: int = 4, rounds: int = 40) -> Figures:
    """Idle timings of the normal pages, then the same with ``slow`` clients sending :data:`SLOW_SQL`."""
    pages = normal_pages(port)
    timings(port, pages, 3)  # warm up: facet arrays, templates, connections
    idle = timings(port, pages, rounds)
    stop = threading.Event()
    answered = [0]

    def slow_client() -> None:
        while not stop.is_set():
            get(port, f"/archive.json?sql={quote(SLOW_SQL)}")
            answered[0] += 1

    clients = [threading.Thread(target=slow_client, daemon=True) for _ in range(slow)]
    for client in clients:
        client.start()
    time.sleep(0.5)  # let the slow queries take their threads
    try:
        loaded = timings(port, pages, rounds)
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=60)
    return Figures(
        percentile(idle, 50),
        percentile(idle, 95),
        percentile(loaded, 50),
        percentile(loaded, 95),
        answered[0],
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scraper.tools.servebench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--db", type=Path, help="an archive to serve (default: a synthetic one)")
    parser.add_argument("--articles", type=int, default=20_000, help="size of the synthetic archive")
    parser.add_argument("--slow", type=int, default=4, help="clients sending slow ?sql= queries")
    parser.add_argument("--rounds", type=int, default=40, help="timings of each normal page per phase")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="servebench-") as tmp:
        db = args.db or build_archive(Path(tmp) / "archive.db", args.articles)
        port = free_port()
        with served(db, port):
            figures = measure(port, slow=args.slow, rounds=args.rounds)
    print(f"normal pages (article, /-/search, canned search), {args.rounds} rounds each phase")
    print(
        f"idle:                 p50 {figures.idle_p50 * 1000:7.1f} ms   p95 {figures.idle_p95 * 1000:7.1f} ms"
    )
    print(
        f"{args.slow} slow ?sql= running: p50 {figures.loaded_p50 * 1000:7.1f} ms   "
        f"p95 {figures.loaded_p95 * 1000:7.1f} ms   ({figures.slow_answered} slow answers)"
    )
    print(f"p95 ratio loaded/idle: {figures.ratio:.2f} (target <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
