"""``python -m scraper.tools.bench sweden``: crawl a generated Sweden (:mod:`scraper.tools.sweden_web`).

Two crawls of the real CLI, in a subprocess, over one registry file pointing at the loopback sites:

1. everything is new: recall and precision of the articles (canonical URLs against the generator's
   ground truth), wall time, pages/s, the crawl process's peak RSS, and the wall time against the
   bound 1.5 × max(largest site's requests × D, extraction CPU-seconds / cores) + 30 s — a run bound by
   politeness toward each site or by extraction, never by the scheduler;
2. every site that is not quiet has published more articles, quiet sites nothing
   (``--revisit all``, so the new article is found wherever it is listed): sites ok / failing /
   quiet, every broken site failing with a reason, every quiet site quiet, the platform the crawl
   saw against the planned one, articles stored twice; and across sources (the press rooms and PDF
   releases of :data:`~scraper.tools.sweden_web.OPTION_SHARES`, scored as
   :mod:`scraper.tools.secondbench` scores them): press copies of a site article merged into it or
   stored twice, press-only releases stored or wrongly merged, PDF releases stored, agendas refused.

Recall and precision count a site's articles, its PDF releases and its press room's own releases; a
press copy merged into its site article counts as that article (under either URL).

The extraction CPU-seconds are measured in this process on up to :data:`CPU_SAMPLE` article pages
per site, scaled to the site's articles.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from scraper.crawl.urls import canonical_url
from scraper.registry import load_registry, save_registry
from scraper.tools.crawlbench import SiteScore, Tally
from scraper.tools.secondbench import SecondScore, score_site
from scraper.tools.sweden_web import LATER_ARTICLES, SitePlan, SwedenWeb, plan_sweden

CPU_SAMPLE = 3  # article pages per site timed for the extraction CPU figure
FETCHED_AT = "2026-01-01T00:00:00Z"


@dataclass
class Crawl:
    seconds: float
    returncode: int
    pages: int
    peak_rss_mb: float
    cpu: float = 0.0  # CPU-seconds of the crawl process and its extraction workers
    runnable: float = 0.0  # share of samples the crawl process was running or waiting for a core
    log: str = ""


@dataclass
class SwedenResult:
    plans: list[SitePlan]
    delay: float
    cores: int
    workers: int
    first: Crawl
    second: Crawl | None
    tally: Tally
    max_requests: int
    extract_cpu: float
    status: dict[str, str] = field(default_factory=dict)  # municipality id → last_status
    notes: dict[str, str] = field(default_factory=dict)  # municipality id → latest crawl note
    platforms: dict[str, str | None] = field(default_factory=dict)  # municipality id → platform seen
    duplicates: int = 0
    second_sources: SecondScore = field(default_factory=SecondScore)
    missed: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, list[str]] = field(default_factory=dict)

    @property
    def bound(self) -> float:
        return 1.5 * max(self.max_requests * self.delay, self.extract_cpu / self.cores) + 30

    def working(self) -> list[SitePlan]:
        return [p for p in self.plans if not p.broken]

    def problems(self) -> list[str]:
        """What the generated Sweden says is wrong with the crawl (empty: all as it should be)."""
        out = []
        for p in self.plans:
            mid, got = p.municipality.id, self.status.get(p.municipality.id)
            if p.broken and (got != "failing" or not self.notes.get(mid)):
                out.append(f"{mid}: broken ({p.broken}) but {got} (note {self.notes.get(mid)!r})")
            elif not p.broken and self.second is not None and p.quiet != (got == "quiet"):
                out.append(f"{mid}: {'quiet' if p.quiet else 'active'} but {got} ({self.notes.get(mid)!r})")
            if not p.broken and self.platforms.get(mid) != p.platform:
                out.append(f"{mid}: platform {p.platform} seen as {self.platforms.get(mid)}")
        s = self.second_sources
        for count, what in ((s.stored_twice, "press copies stored twice"), (s.only_merged,
                            "press-only releases merged into another article"),
                            (s.pdf_agendas_stored, "PDF agendas stored"), (s.missed, "releases missed")):  # fmt: skip
            if count:
                out.append(f"{what}: {count}")
        return out


def _state(pid: int) -> str:
    """The scheduler state of a process (R running or runnable, S sleeping, ...); "?" off Linux."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "?"


def _run(argv: list[str], log: Path, timeout: int) -> tuple[int, float]:
    """Run ``argv`` with its output in ``log``; its exit status and the share of samples in which it
    was runnable (1.0: it wanted the CPU all along, so it waited for cores, not for sites)."""
    states: Counter[str] = Counter()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while proc.poll() is None:
            if time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                raise subprocess.TimeoutExpired(argv, timeout)
            states[_state(proc.pid)] += 1
            time.sleep(0.25)
    return proc.returncode, states["R"] / max(1, sum(states.values()) - states["?"])


def _crawl(registry: Path, db: Path, delay: float, workers: int, timeout: int, *extra: str) -> Crawl:
    """One crawl of the CLI; ``extra``: more arguments (``--revisit all``, ``-s KEY=VALUE``)."""
    argv = [sys.executable, "-m", "scraper", "crawl", "--all", "--db", str(db), *extra,
            "-s", f"MUNINEWS_REGISTRY={registry}", "-s", "MUNINEWS_PROGRESS_INTERVAL=10",
            "-s", "MUNINEWS_CAPTURE=0", "-s", "LOG_LEVEL=INFO", "-s", "MUNINEWS_FAST_LOOPBACK=0",
            "-s", f"DOWNLOAD_DELAY={delay}", "-s", f"AUTOTHROTTLE_START_DELAY={delay}",
            "-s", f"MUNINEWS_EXTRACT_WORKERS={workers}"]  # fmt: skip
    log = db.with_name(f"crawl{len(list(db.parent.glob('crawl*.log'))) + 1}.log")
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    returncode, runnable = _run(argv, log, timeout)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = after.ru_maxrss / 1024  # kB on Linux: the largest process of the crawl's
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    conn = sqlite3.connect(db)
    try:
        latest = "select max(id) from crawls c2 where c2.municipality_id = c.municipality_id"
        pages = conn.execute(f"select coalesce(sum(pages_fetched), 0) from crawls c where id = ({latest})")
        count = int(pages.fetchone()[0])
    finally:
        conn.close()
    return Crawl(seconds, returncode, count, rss, cpu, runnable, log.read_text(encoding="utf-8"))


def _score(web: SwedenWeb, db: Path, result: SwedenResult) -> None:
    conn = sqlite3.connect(db)
    try:
        stored: dict[str, list[str]] = {}
        for mid, url in conn.execute("select municipality_id, url from articles"):
            stored.setdefault(mid, []).append(url)
    finally:
        conn.close()
    for p in result.working():
        mid, site = p.municipality.id, web.sites[p.municipality.id]
        origin = web.homepage(p).rstrip("/")
        truth = {canonical_url(origin + path): path for path in site.articles}
        press, alias = web.press_servers.get(mid), {}  # a press copy's URL → its site article's
        if press is not None and site.press_room is not None:
            truth |= {canonical_url(press.url(path)): press.url(path) for path in site.press_room.articles}
            alias = {
                canonical_url(press.url(c)): canonical_url(origin + a) for c, a in site.press_copies.items()
            }
        got: dict[str, str] = {}
        extra = []
        for u in stored.get(mid, []):
            key = alias.get(canonical_url(u), canonical_url(u))
            if key in got:  # a press copy and its site article both stored: one of them is extra
                extra.append(u)
            got[key] = u
        s = SiteScore(site, found=len(truth.keys() & got.keys()))
        s.missed = sorted(truth[k] for k in truth.keys() - got.keys())
        s.extra = sorted([*extra, *(got[k] for k in got.keys() - truth.keys())])
        result.tally.add(s)
        if site.press_room is not None or any(kind == "pdf" for kind in site.articles.values()):
            result.second_sources.add(score_site(site, web.servers[mid], press, db))
        if s.missed:
            result.missed[mid] = s.missed
        if s.extra:
            result.extra[mid] = s.extra


def extraction_cpu(web: SwedenWeb, plans: list[SitePlan]) -> float:
    """CPU-seconds extraction takes for every article of the working sites (sampled, scaled)."""
    from scraper.extract import extract_article

    total = 0.0
    for p in plans:
        site = web.sites[p.municipality.id]
        origin = web.homepage(p).rstrip("/")
        paths = list(site.articles)[:CPU_SAMPLE]
        start = time.process_time()
        for path in paths:
            body = site.pages[path].body.replace("{{origin}}", origin)
            extract_article(body.encode(), origin + path, FETCHED_AT, municipality_id=p.municipality.id)
        total += (time.process_time() - start) / max(len(paths), 1) * len(site.articles)
    return total


def _health(db: Path, result: SwedenResult) -> None:
    conn = sqlite3.connect(db)
    try:
        for mid, status, platform in conn.execute("select id, last_status, platform from municipalities"):
            result.status[mid], result.platforms[mid] = status, platform
        for mid, note in conn.execute(
            "select municipality_id, note from crawls c where id = "
            "(select max(id) from crawls c2 where c2.municipality_id = c.municipality_id)"
        ):
            result.notes[mid] = note or ""
        # Within one source: across a site and its press room the generated Sweden has a release
        # with a site article's headline and date but another text (two articles, rightly), and
        # copies stored twice are counted against the generator's truth (``second_sources``).
        twice = conn.execute(
            "select count(*) - count(distinct municipality_id || char(0) || source || char(0) || "
            "lower(title) || char(0) || coalesce(published, '')) from articles"
        )
        result.duplicates = int(twice.fetchone()[0])
    finally:
        conn.close()


def run_sweden(
    count: int | None = None,
    *,
    delay: float = 0.25,
    workers: int | None = None,
    workdir: Path,
    timeout: int = 3600,
    second: bool = True,
    settings: tuple[str, ...] = (),
    only: tuple[str, ...] = (),
) -> SwedenResult:
    """Plan, serve, crawl (twice, or once without ``second``) and score the first ``count`` kommuner
    of the registry (all: None), or only the ids in ``only``; ``settings``: ``KEY=VALUE`` Scrapy
    settings for both crawls."""
    extra = [arg for kv in settings for arg in ("-s", kv)]
    plans = plan_sweden(load_registry()[:count])
    if only:  # these sites as all of Sweden plans them (same seed, address, faults)
        plans = [p for p in plans if p.municipality.id in only]
    cores = os.cpu_count() or 1
    workers = cores if workers is None else workers
    workdir.mkdir(parents=True, exist_ok=True)
    db, registry = workdir / "sweden.db", workdir / "registry.json"
    for stale in [*workdir.glob("sweden.db*"), *workdir.glob("crawl*.log")]:
        stale.unlink()
    with SwedenWeb(plans) as web:
        save_registry(web.registry(), registry)
        extra += ["-s", f"MUNINEWS_PRESS_ROOM_HOSTS={web.press_room_hosts_setting()}"]
        first = _crawl(registry, db, delay, workers, timeout, *extra)
        # A press room is a host of its own (its own slot, its own delay), so it is a "site" here too.
        largest = max(
            max(web.requests(p.municipality.id), web.press_requests(p.municipality.id)) for p in plans
        )
        result = SwedenResult(plans, delay, cores, workers, first, None, Tally(), largest, 0.0)
        _score(web, db, result)
        result.extract_cpu = extraction_cpu(web, result.working())
        ports = web.ports
    if second:
        with SwedenWeb(plans, extra_articles=LATER_ARTICLES, ports=ports):
            result.second = _crawl(registry, db, delay, workers, timeout, "--revisit", "all", *extra)
    _health(db, result)
    return result


def _platforms(plans: list[SitePlan]) -> str:
    return ", ".join(f"{n} {k}" for k, n in Counter(p.platform for p in plans).most_common())


def format_sweden(r: SwedenResult) -> str:
    t, c1 = r.tally, r.first
    statuses = Counter(r.status.get(p.municipality.id) for p in r.plans)
    broken = [p for p in r.plans if p.broken]
    quiet = [p for p in r.plans if p.quiet]
    seen_right = sum(1 for p in r.working() if r.platforms.get(p.municipality.id) == p.platform)
    lines = [
        f"generated Sweden: {len(r.plans)} sites ({_platforms(r.plans)}); {t.truth} articles on the "
        f"{len(r.working())} working sites; {len(broken)} broken, {len(quiet)} quiet",
        f" per-site delay D {r.delay} s, {r.cores} cores, {r.workers} extraction workers (the machine may be shared)",
        f" crawl 1 (all new): wall {c1.seconds:.1f} s, {c1.pages} pages, {c1.pages / c1.seconds:.1f} pages/s, "
        f"peak RSS {c1.peak_rss_mb:.0f} MB, exit {c1.returncode}",
        f"  {c1.cpu:.1f} CPU-s (crawl process and workers); the crawl process was runnable (on a core or "
        f"waiting for one) in {c1.runnable:.0%} of samples",
        *(
            f"  crawl process {line.split('resources: ', 1)[1]}"
            for line in c1.log.splitlines()[-40:]
            if "resources: " in line
        ),  # its reactor thread's own CPU: the spider's work per page
        f"  bound 1.5 × max(largest site {r.max_requests} requests × D = {r.max_requests * r.delay:.1f} s, "
        f"extraction {r.extract_cpu:.1f} CPU-s / {r.cores} cores = {r.extract_cpu / r.cores:.1f} s) + 30 s = "
        f"{r.bound:.1f} s: {'within' if c1.seconds <= r.bound else 'OVER'} ({c1.seconds / r.bound:.2f} of it)",
        f"  recall {t.recall:.3f} ({t.found}/{t.truth})  precision {t.precision:.3f} ({t.found}/{t.stored})",
    ]
    if r.second:
        c2 = r.second
        lines.append(f" crawl 2 (--revisit all; quiet sites published nothing): wall {c2.seconds:.1f} s, "
                     f"{c2.pages} pages, peak RSS {c2.peak_rss_mb:.0f} MB, exit {c2.returncode}")  # fmt: skip
    lines += [
        f" sites: {statuses['ok']} ok, {statuses['failing']} failing, {statuses['quiet']} quiet"
        + (f", {statuses[None]} never crawled" if statuses[None] else ""),
        f" broken sites failing with a reason: "
        f"{sum(1 for p in broken if r.status.get(p.municipality.id) == 'failing' and r.notes.get(p.municipality.id))}"
        f"/{len(broken)}; quiet sites quiet: "
        + (
            f"{sum(1 for p in quiet if r.status.get(p.municipality.id) == 'quiet')}/{len(quiet)}"
            if r.second
            else "(needs the second crawl)"
        ),
        f" platform detected right: {seen_right}/{len(r.working())}",
        f" articles stored twice (same municipality, source, title and date): {r.duplicates}",
        f" second sources ({sum(1 for p in r.plans if p.options.get('press_room'))} press rooms, "
        f"{sum(1 for p in r.plans if p.options.get('pdf_releases'))} sites with PDF releases): "
        f"press copies {r.second_sources.copies}, merged into the site article {r.second_sources.merged}, "
        f"stored twice {r.second_sources.stored_twice}; press-only releases {r.second_sources.only}, "
        f"stored {r.second_sources.only_stored}, wrongly merged {r.second_sources.only_merged}; "
        f"PDF releases {r.second_sources.pdf_releases}, stored {r.second_sources.pdf_stored}; "
        f"PDF agendas {r.second_sources.pdf_agendas}, stored {r.second_sources.pdf_agendas_stored}",
    ]
    for p in broken:
        lines.append(f"  {p.municipality.id} ({p.broken}): {r.notes.get(p.municipality.id)}")
    for what, found in (("missed", r.missed), ("extra", r.extra)):
        lines += [f"  {mid}: {what} {' '.join(urls[:5])}" for mid, urls in found.items()]
    problems = r.problems()
    lines.append(f" problems ({len(problems)}):" + "".join(f"\n  {p}" for p in problems))
    return "\n".join(lines)
