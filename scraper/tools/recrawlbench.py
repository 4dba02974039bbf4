"""Benchmark: how much a re-crawl of the unchanged demo web costs compared with the first crawl.

    .venv/bin/python -m scraper.tools.recrawlbench [--runs 5] [--latency-ms 0 50]

Serves the bundled demo web on loopback, crawls it into a fresh archive with the real CLI, then
crawls it again twice: with the default ``--revisit due`` (the everyday re-crawl: nothing is due
yet) and with ``--revisit all`` (every known article re-checked now, conditionally). Each crawl is
reported with

* **crawl time**: Scrapy's own ``elapsed_time_seconds`` (engine start to close), the measure the
  target is stated in, and **wall time** of the ``muninews crawl`` process (adds Python and Scrapy
  start-up, ~1 s, the same for every crawl);
* **requests** the demo server answered, how many with a body (200) and how many 304 Not Modified,
  the **bytes** Scrapy downloaded (``downloader/response_bytes``: headers and bodies), and how many
  article bodies were downloaded again.

On loopback with no latency a request costs well under a millisecond, which hides what a re-crawl
saves on a real network; ``--latency-ms 50`` makes every answer of the demo server wait 50 ms first
(a subclass of the server's request handler, in this script only; ``scraper/demo`` is unchanged).
Several latencies can be given; each is reported on its own, medians of ``--runs`` runs. The
servers' listen backlog is raised to 128 (see :func:`tune_servers`). Not a timed test: machines
differ; the README quotes a run.
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
from typing import Any
from urllib.parse import urlsplit

from scraper import registry
from scraper.demo.server import DemoWeb

ROOT = Path(__file__).resolve().parents[2]

CRAWLS = (
    ("first", "first crawl (fresh archive)", ()),
    ("due", "re-crawl, default `--revisit due`", ()),
    ("all", "re-crawl, `--revisit all` (every article re-checked)", ("--revisit", "all")),
)


def tune_servers(web: DemoWeb, seconds: float) -> None:
    """A listen backlog like a real server's, and ``seconds`` of latency before every answer.

    ``http.server`` listens with a backlog of 5: with the crawler's 8 parallel connections the
    kernel drops a SYN now and then and the client resends it after 1 s (TCP's initial
    retransmission timeout), a stall no real web server (backlog 128 and more) would add. Measured
    here, it made the same re-crawl take 0.13 s or 1.13 s at random.
    """
    for server in web.servers:
        httpd = server._httpd
        assert httpd is not None
        httpd.socket.listen(128)
        if seconds <= 0:
            continue
        base: Any = httpd.RequestHandlerClass

        def _answer(self: Any, with_body: bool, _base: Any = base) -> None:
            time.sleep(seconds)
            _base._answer(self, with_body)

        httpd.RequestHandlerClass = type("SlowSiteHandler", (base,), {"_answer": _answer})


def stat(log: str, key: str) -> float:
    m = re.search(rf"'{re.escape(key)}': ([\d.]+)", log)
    return float(m.group(1)) if m else float("nan")


def crawl(db: Path, reg: Path, *args: str) -> tuple[float, str]:
    """(wall seconds, log) of one `muninews crawl --all`."""
    argv = [sys.executable, "-m", "scraper", "crawl", "--all", "--db", str(db)]
    argv += ["-s", f"MUNINEWS_REGISTRY={reg}", "-s", "MUNINEWS_PROGRESS_INTERVAL=0", *args]
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stdout[-3000:] + proc.stderr[-3000:])
    return wall, proc.stdout + proc.stderr


def one_run(latency_ms: float) -> dict[str, dict[str, float]]:
    with DemoWeb(base_port=0) as web, tempfile.TemporaryDirectory() as tmp:
        tune_servers(web, latency_ms / 1000)
        reg = Path(tmp) / "registry.json"
        registry.save_registry(
            [
                registry.Municipality(id=s.id, name=s.name, homepage=s.homepage, country=s.country)
                for s in web.sites
            ],
            reg,
        )
        db = Path(tmp) / "archive.db"
        results: dict[str, dict[str, float]] = {}
        articles: set[tuple[int | None, str]] = set()
        for key, _label, args in CRAWLS:
            marks = [len(server.requests) for server in web.servers]
            wall, log = crawl(db, reg, *args)
            if not articles:
                conn = sqlite3.connect(db)
                # Paths without a trailing slash: WordPress serves /slug/ where the archive keys /slug.
                articles = {
                    (urlsplit(u).port, urlsplit(u).path.rstrip("/"))
                    for (u,) in conn.execute("SELECT url FROM articles")
                }
                conn.close()
            row = {
                "wall": wall,
                "crawl": stat(log, "elapsed_time_seconds"),
                "bytes": stat(log, "downloader/response_bytes"),
                "requests": 0,
                "ok": 0,
                "not_modified": 0,
                "bodies": 0,
                "articles": len(articles),
            }
            for server, mark in zip(web.servers, marks, strict=True):
                port = server._httpd.server_address[1] if server._httpd else None
                for target, status in server.requests[mark:]:
                    row["requests"] += 1
                    row["ok"] += status == 200
                    row["not_modified"] += status == 304
                    if status == 200 and (port, urlsplit(target).path.rstrip("/")) in articles:
                        row["bodies"] += 1
            results[key] = row
        return results


def report(latency_ms: float, runs: list[dict[str, dict[str, float]]]) -> None:
    def med(crawl_key: str, field: str) -> float:
        return statistics.median(r[crawl_key][field] for r in runs)

    def spread(crawl_key: str, field: str) -> str:
        ratios = [r[crawl_key][field] / r["first"][field] for r in runs]
        return f"{min(ratios):.2f}–{max(ratios):.2f}"

    first_crawl, first_wall = med("first", "crawl"), med("first", "wall")
    print(
        f"\n### latency {latency_ms:g} ms per request — {int(med('first', 'articles'))} articles, "
        f"median of {len(runs)} runs\n"
    )
    print("| crawl | crawl time | wall time | requests (200 / 304) | downloaded | article bodies |")
    print("|---|---|---|---|---|---|")
    for key, label, _args in CRAWLS:
        crawl_s, wall_s = med(key, "crawl"), med(key, "wall")
        ratio = "" if key == "first" else f" ({crawl_s / first_crawl:.2f}×)"
        wall_ratio = "" if key == "first" else f" ({wall_s / first_wall:.2f}×)"
        print(
            f"| {label} | {crawl_s:.2f} s{ratio} | {wall_s:.2f} s{wall_ratio} | "
            f"{med(key, 'requests'):.0f} ({med(key, 'ok'):.0f} / {med(key, 'not_modified'):.0f}) | "
            f"{med(key, 'bytes') / 1024:.0f} KB | {med(key, 'bodies'):.0f} |"
        )
    for key in ("due", "all"):
        print(
            f"\nratio {key}/first: crawl time {med(key, 'crawl') / first_crawl:.2f} "
            f"(runs {spread(key, 'crawl')}), wall time {med(key, 'wall') / first_wall:.2f} "
            f"(runs {spread(key, 'wall')})",
            end="",
        )
    print()


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scraper.tools.recrawlbench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per latency; medians are reported")
    parser.add_argument(
        "--latency-ms",
        type=float,
        nargs="+",
        default=[0.0, 50.0],
        help="delay before every answer of the demo server, in ms (several values: one report each)",
    )
    args = parser.parse_args()
    for latency in args.latency_ms:
        report(latency, [one_run(latency) for _ in range(args.runs)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
