"""Benchmark: how much a re-crawl of the unchanged demo web costs compared with the first crawl.

    .venv/bin/python scripts/bench_recrawl.py [--runs 3]

Serves the bundled demo web on loopback, crawls it into a fresh archive with the real CLI, then
crawls it again with ``--revisit all`` (every known article re-checked now, conditionally), and
prints both times, their ratio and how many article bodies the second crawl downloaded again. Times
are the crawl's own ``elapsed_time_seconds`` (Scrapy's stats, from engine start to close) and the
wall-clock time of the ``muninews crawl`` process (which adds Python and Scrapy start-up). Not a
timed test: machines differ; the README quotes a run.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper import registry  # noqa: E402
from scraper.demo.server import DemoWeb  # noqa: E402


def crawl(db: Path, reg: Path, *args: str) -> tuple[float, float]:
    """(wall seconds, Scrapy elapsed_time_seconds) of one `muninews crawl --all`."""
    argv = [sys.executable, "-m", "scraper", "crawl", "--all", "--db", str(db)]
    argv += ["-s", f"MUNINEWS_REGISTRY={reg}", "-s", "MUNINEWS_PROGRESS_INTERVAL=0", *args]
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stdout[-3000:] + proc.stderr[-3000:])
    m = re.search(r"'elapsed_time_seconds': ([\d.]+)", proc.stdout + proc.stderr)
    return wall, float(m.group(1)) if m else float("nan")


def one_run() -> dict[str, float]:
    with DemoWeb(base_port=0) as web, tempfile.TemporaryDirectory() as tmp:
        reg = Path(tmp) / "registry.json"
        registry.save_registry(
            [
                registry.Municipality(id=s.id, name=s.name, homepage=s.homepage, country=s.country)
                for s in web.sites
            ],
            reg,
        )
        db = Path(tmp) / "archive.db"
        first_wall, first_elapsed = crawl(db, reg)
        conn = sqlite3.connect(db)
        # Paths without a trailing slash: WordPress serves /slug/ where the archive keys /slug.
        articles = {
            (urlsplit(u).port, urlsplit(u).path.rstrip("/"))
            for (u,) in conn.execute("SELECT url FROM articles")
        }
        conn.close()
        marks = [len(server.requests) for server in web.servers]
        second_wall, second_elapsed = crawl(db, reg, "--revisit", "all")
        bodies = not_modified = 0
        for server, mark in zip(web.servers, marks, strict=True):
            port = server._httpd.server_address[1] if server._httpd else None
            for target, status in server.requests[mark:]:
                if (port, urlsplit(target).path.rstrip("/")) in articles and status != 301:
                    bodies += status == 200
                    not_modified += status == 304
        third_wall, third_elapsed = crawl(db, reg)  # default --revisit due: nothing is due yet
        return {
            "third_wall": third_wall,
            "third_elapsed": third_elapsed,
            "articles": len(articles),
            "first_wall": first_wall,
            "second_wall": second_wall,
            "first_elapsed": first_elapsed,
            "second_elapsed": second_elapsed,
            "bodies_refetched": bodies,
            "not_modified": not_modified,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [one_run() for _ in range(args.runs)]

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    print(f"demo web: {int(med('articles'))} articles, median of {args.runs} runs")
    print(f"first crawl      : {med('first_elapsed'):6.2f} s crawl, {med('first_wall'):6.2f} s wall")
    print(f"re-crawl (--revisit all): {med('second_elapsed'):6.2f} s crawl, {med('second_wall'):6.2f} s wall")
    print(f"re-crawl (--revisit due): {med('third_elapsed'):6.2f} s crawl, {med('third_wall'):6.2f} s wall")
    print(
        f"ratio re-crawl/first: {med('second_elapsed') / med('first_elapsed'):.2f} (crawl), "
        f"{med('second_wall') / med('first_wall'):.2f} (wall)"
    )
    print(
        f"article bodies fetched again: {int(med('bodies_refetched'))}; "
        f"answered 304 Not Modified: {int(med('not_modified'))}"
    )
    print(
        f"ratio --revisit due/first: {med('third_elapsed') / med('first_elapsed'):.2f} (crawl), "
        f"{med('third_wall') / med('first_wall'):.2f} (wall)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
