"""``bench crawl``: articles per second of a real crawl, single-process against extraction workers.

One large SiteVision-like site from the generated test web (:mod:`scraper.demo.sitegen`): ``--articles``
news pages (2,000 by default) behind a paged listing and a sitemap, every page padded to about
``--page-kb`` KB (100 by default) with what makes real municipal pages heavy: a mega menu of a few
hundred links, an inline script, a long footer. It is served by the strict loopback server and
crawled by the real CLI in a subprocess, once per worker count and round, interleaved (``0, 1, 2,
0, 1, 2, ...``), so a busy machine slows all of them alike. Printed per worker count (medians over
the rounds): articles/s and its ratio to 0 workers, the reactor thread's busy share (CPU time of
the crawl's main thread over the crawl's wall time, from the crawl's resource line), CPU seconds per
stored article (the crawl process and its workers) against ``extract_article`` alone on the same
pages in this process, and the peak RSS of the crawl process and of its largest worker.
"""

from __future__ import annotations

import dataclasses
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scraper.demo.sitegen import GeneratedSite, GeneratedWeb, choose, generate
from scraper.demo.sitegen.markup import ORIGIN
from scraper.registry import Municipality, save_registry

from .paths import DEFAULT_FETCHED_AT

#: The crawl's resource line (scraper/crawl/resources.py), as the runner prints it.
RESOURCES = re.compile(
    r"resources: (?P<wall>[\d.]+) s wall, reactor thread busy (?P<busy>[\d.]+) %, (?P<cpu>[\d.]+) s CPU, "
    r"peak RSS (?P<rss>[\d.]+) MB \(crawl process\), (?P<worker_rss>[\d.]+) MB \(largest worker\)"
)


def bench_site(articles: int, page_kb: int) -> GeneratedSite:
    """The generated SiteVision site with ``articles`` news pages, every HTML page padded to ~``page_kb`` KB."""
    options = dataclasses.replace(
        choose(0, "dev"), family="sitevision", shape="html", slash="strict", links="root",
        pager="numbers", page_param="page1", canonical="self", lang="sv", date_style="iso",
        time_tag=True, sitemap=True, feed=False, widget=True, short_share=0.0, articles=articles,
        page_size=20, notices_in_news=False, facets=False, sitemap_index=False, orphans="none",
        slugs="ascii", case_links=False, base_href=False, link_form="served", archive="pages",
        tabs=False, pager_form=False, session=False, tracking=False, hub=False, press_listing=False,
        visible_date=True, pager_js=False, section_pages=False,
    )  # fmt: skip
    site = generate(0, "dev", options=options)
    for page in site.pages.values():
        if page.ctype.startswith("text/html") and "</body>" in page.body:
            page.body = pad(page.body, site.non_news, page_kb * 1024)
    return site


def pad(html: str, targets: Sequence[str], size: int) -> str:
    """``html`` grown to about ``size`` bytes with a mega menu, an inline script and a long footer.

    The menu links the site's own non-news pages (as a real menu links the site's sections), so the
    crawl's behaviour is unchanged: chrome links are navigation, never candidates."""
    room = size - len(html.encode("utf-8"))
    if room <= 0 or not targets:
        return html
    items: list[str] = []
    n = 0
    while sum(len(item) for item in items) < room * 0.4:
        path = targets[n % len(targets)]
        items.append(
            f'<li class="sv-menu-item"><a class="sv-menu-link" href="{ORIGIN}{path}">Område {n} '
            f'för invånare</a><ul class="sv-submenu"><li><a href="{ORIGIN}{path}">Undersida {n}</a></li></ul></li>'
        )
        n += 1
    menu = f'<nav class="sv-mega-menu" aria-label="Huvudmeny"><ul>{"".join(items)}</ul></nav>'
    script = '<script>window.svDocReady = {"portlets": [' + ",".join(
        f'{{"id": "12.{i}", "type": "text", "state": "ready"}}' for i in range(int(room * 0.35 / 44))
    ) + "]};</script>"  # fmt: skip
    footer_text = "Kommunens växel har öppet vardagar och svarar på frågor om våra verksamheter. "
    footer = '<div class="sv-footer-text">' + footer_text * int(room * 0.25 / len(footer_text)) + "</div>"
    return html.replace("</body>", f"<header>{menu}</header>{script}<footer>{footer}</footer></body>", 1)


@dataclass
class Run:
    workers: int
    seconds: float
    stored: int
    cpu: float  # seconds, the crawl process and its workers
    busy: float  # percent of the crawl's wall time the reactor was not waiting for I/O
    reactor_cpu: float  # seconds of CPU of the reactor thread
    rss_mb: float
    worker_rss_mb: float

    @property
    def rate(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0


def crawl_once(site: GeneratedSite, homepage: str, workers: int, work: Path) -> Run:
    """One crawl of the served site by the real CLI, with ``workers`` extraction processes."""
    db, registry = work / f"crawl-{workers}.db", work / "registry.json"
    for path in (db, db.with_suffix(".db-wal"), db.with_suffix(".db-shm")):
        path.unlink(missing_ok=True)
    save_registry(
        [Municipality(id=site.id, name=site.name, homepage=homepage, country=site.country)], registry
    )
    argv = [sys.executable, "-m", "scraper", "crawl", "--all", "--db", str(db),
            "-s", f"MUNINEWS_REGISTRY={registry}", "-s", "MUNINEWS_PROGRESS_INTERVAL=0",
            "-s", f"MUNINEWS_EXTRACT_WORKERS={workers}", "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=3600)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = RESOURCES.search(proc.stdout + proc.stderr)
    if proc.returncode != 0 or found is None:
        raise RuntimeError(f"crawl with {workers} workers: exit {proc.returncode}\n{proc.stderr[-3000:]}")
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    worker_rss = float(found["worker_rss"]) if workers else 0.0
    return Run(
        workers,
        seconds,
        stored,
        cpu,
        float(found["busy"]),
        float(found["cpu"]),
        float(found["rss"]),
        worker_rss,
    )


def extraction_cpu(site: GeneratedSite, origin: str, sample: int) -> float:
    """CPU seconds per article of ``extract_article`` alone, on the site's article pages as served."""
    from scraper.extract import extract_article

    paths = sorted(site.articles)[:sample]
    bodies = [site.pages[p].body.replace(ORIGIN, origin).encode("utf-8") for p in paths]
    start = time.process_time()
    for path, body in zip(paths, bodies, strict=True):
        extract_article(body, origin + path, DEFAULT_FETCHED_AT, municipality_id=site.id, country="SE")
    return (time.process_time() - start) / len(paths)


@dataclass
class CrawlBench:
    runs: list[Run]
    extract_cpu: float  # median seconds per article
    articles: int
    page_bytes: int
    cores: int
    load: tuple[float, float, float]

    def of(self, workers: int) -> list[Run]:
        return [r for r in self.runs if r.workers == workers]

    def median(self, workers: int, attr: str) -> float:
        return float(statistics.median(float(getattr(r, attr)) for r in self.of(workers)))


def measure_crawl(
    articles: int, page_kb: int, workers: Sequence[int], rounds: int, sample: int = 200
) -> CrawlBench:
    site = bench_site(articles, page_kb)
    sizes = [len(site.pages[p].body.encode("utf-8")) for p in site.articles]
    runs, extract = [], []
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp, GeneratedWeb([site]) as web:
        server = web.servers[0]
        for _ in range(rounds):
            extract.append(extraction_cpu(site, server.url(""), sample))
            for w in workers:
                runs.append(crawl_once(site, server.homepage, w, Path(tmp)))
    return CrawlBench(runs, statistics.median(extract), len(site.articles), int(statistics.median(sizes)),
                      os.cpu_count() or 1, os.getloadavg())  # fmt: skip


def format_crawl(b: CrawlBench, workers: Sequence[int]) -> str:
    base = b.median(workers[0], "rate")
    lines = [
        f"site: {b.articles} articles, median article page {b.page_bytes / 1024:.0f} KB; {b.cores} cores, "
        f"load average {b.load[0]:.1f} {b.load[1]:.1f} {b.load[2]:.1f} at the end; "
        f"{len(b.of(workers[0]))} round(s), medians",
        f"extract_article alone: {b.extract_cpu * 1000:.1f} ms CPU per article",
        f"{'workers':>7} {'stored':>6} {'seconds':>8} {'art/s':>7} {'ratio':>6} {'reactor busy':>12} {'its CPU':>7} "
        f"{'CPU/article':>11} {'vs extract':>10} {'peak RSS':>9} {'worker RSS':>10}",
    ]
    for w in workers:
        cpu = statistics.median(r.cpu / r.stored for r in b.of(w) if r.stored)
        lines.append(
            f"{w:>7} {b.median(w, 'stored'):>6.0f} {b.median(w, 'seconds'):>8.1f} {b.median(w, 'rate'):>7.1f} "
            f"{b.median(w, 'rate') / base:>5.2f}× {b.median(w, 'busy'):>11.0f} % "
            f"{statistics.median(100 * r.reactor_cpu / r.seconds for r in b.of(w)):>5.0f} % {cpu * 1000:>8.1f} ms "
            f"{cpu / b.extract_cpu:>9.2f}× {b.median(w, 'rss_mb'):>6.0f} MB {b.median(w, 'worker_rss_mb'):>7.0f} MB"
        )
    return "\n".join(lines)
