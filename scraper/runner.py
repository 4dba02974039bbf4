"""Running one crawl for ``muninews crawl``: settings, checks before it starts, the summary, the exit status.

Exit statuses (the README and ``muninews crawl --help`` list them):

* 0 — the crawl ran and every municipality stored something;
* 1 — the crawl could not run, or was interrupted (Ctrl-C, SIGTERM);
* 2 — a usage error found before anything was fetched (an unknown municipality, a bad URL, a file
  that is not an archive);
* 3 — the crawl ran, but some municipalities are ``failing`` (the reason is in the summary and in
  ``crawls.note``);
* 4 — the archive could not be written (disk full, read-only, locked): the crawl stopped fetching,
  what was committed before is kept.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper import registry
from scraper.crawl import resources
from scraper.crawl.losses import FAILING
from scraper.crawl.stopping import STOPPING, UNWRITABLE, storage_failure

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_FAILING, EXIT_UNWRITABLE = 0, 1, 2, 3, 4


def crawl_settings(
    db: str,
    *,
    max_pages: int | None = None,
    since: str | None = None,
    revisit: str | None = None,
    jobdir: str | None = None,
    settings: dict[str, str] | None = None,
) -> Any:
    """The project's Scrapy settings with the command line's choices on top (``cmdline`` priority)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
    from scrapy.utils.project import get_project_settings

    project = get_project_settings()
    chosen: dict[str, Any] = {
        "MUNINEWS_DB": db,
        "MUNINEWS_MAX_PAGES": max_pages,
        "MUNINEWS_SINCE": since or None,
        "MUNINEWS_REVISIT": revisit or None,
        # Scrapy's own pause/resume: the request queue and seen-set live in this directory; Ctrl-C
        # once (or SIGTERM) stops cleanly, and the same command with the same --jobdir resumes.
        "JOBDIR": jobdir or None,
        **(settings or {}),
    }
    for key, value in chosen.items():
        if value is not None:
            project.set(key, value, priority="cmdline")
    return project


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a homepage to crawl (``None``: it can): checked before anything starts."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as exc:
        return f"{url!r} is not a URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        scheme = f"scheme {parts.scheme!r}" if parts.scheme else "no scheme"
        return f"{url!r} has {scheme}; a homepage starts with http:// or https://"
    if not parts.hostname:
        return f"{url!r} has no host name"
    return None


def spider_arguments(
    project: Any,
    *,
    names: list[str] | None,
    all_: bool,
    url: str | None,
    name: str | None,
    country: str | None,
    county: str | None = None,
    platform: str | None = None,
) -> dict[str, Any]:
    """The news spider's ``-a`` arguments.

    KeyError names a municipality the registry does not know; ValueError says why a homepage
    cannot be crawled.
    """
    if url:
        chosen = [registry.Municipality(id="", name=name or url, homepage=url)]
        arguments = {"url": url, "municipality": name or url, "country": country or ""}
    else:
        reg = registry.load_registry(project.get("MUNINEWS_REGISTRY") or None)
        chosen = registry.choose(reg, names, all_, county=county, platform=platform)
        if not chosen:
            raise ValueError("no municipality in the registry matches --county/--platform")
        arguments = {"municipalities": ",".join(m.id for m in chosen)}
    for m in chosen:
        problem = url_problem(m.homepage)
        if problem:
            raise ValueError(f"{m.name}: {problem}" if not url else problem)
    return arguments


def preflight(db: str, busy_timeout: float) -> tuple[int, str] | None:
    """Open (and create or upgrade) the archive before the crawl starts; ``(status, message)`` if it
    cannot be, so a crawl never fetches for an archive it cannot write."""
    from scraper.archive import Archive

    try:
        Archive(db, busy_timeout=busy_timeout).close()
    except (sqlite3.Error, OSError) as exc:
        cause = storage_failure(exc)
        if cause:
            return EXIT_UNWRITABLE, f"archive unwritable: {cause} ({db}); nothing fetched"
        return EXIT_USAGE, f"{db} cannot be used as an archive: {exc}"
    return None


def _fail(message: str, status: int) -> int:
    print(f"muninews crawl: {message}", file=sys.stderr)
    return status


def run_crawl(*, db: str, settings: dict[str, str] | None = None, **choices: Any) -> int:
    """Run one crawl in this process (Scrapy's reactor runs once per process); the exit status.

    ``choices``: ``names``, ``all_``, ``county``, ``platform``, ``url``, ``name``, ``country`` (what to
    crawl) and ``max_pages``, ``since``, ``revisit``, ``jobdir`` (how).
    """
    from scrapy.crawler import CrawlerProcess

    from scraper.config import CrawlConfig

    how = {k: choices.pop(k, None) for k in ("max_pages", "since", "revisit", "jobdir")}
    project = crawl_settings(db, settings=settings, **how)
    what: dict[str, Any] = {"names": None, "all_": False, "url": None, "name": None, "country": None}
    what.update({"county": None, "platform": None, **choices})
    try:
        spider_args = spider_arguments(project, **what)
    except registry.UnknownMunicipality as exc:
        return _fail(str(exc), EXIT_USAGE)
    except KeyError as exc:
        known = ", ".join(m.id for m in registry.load_registry(project.get("MUNINEWS_REGISTRY") or None))
        return _fail(f"unknown municipality {exc.args[0]!r}; known: {known}", EXIT_USAGE)
    except (ValueError, OSError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    config = CrawlConfig.from_settings(project)
    refused = preflight(db, config.busy_timeout)
    if refused:
        return _fail(refused[1], refused[0])

    process = CrawlerProcess(project)
    crawler = process.create_crawler("news")
    failures: list[str] = []
    process.crawl(crawler, **spider_args).addErrback(lambda f: failures.append(f.getErrorMessage()))
    process.start()
    return _outcome(crawler, db, failures)


def _outcome(crawler: Any, db: str, failures: list[str]) -> int:
    """What the finished crawl says and exits with (see the module docstring)."""
    stats = crawler.stats
    reason = stats.get_value("finish_reason") if stats else None
    unwritable = stats.get_value(UNWRITABLE) if stats else None
    if unwritable:
        print_summary(db, stats.get_stats())
        return _fail(f"archive unwritable: {unwritable} ({db}); stopped fetching, committed articles kept", 4)
    if failures or reason is None:
        if stats and stats.get_value(STOPPING):
            return _fail("stopped before the crawl record was written", EXIT_FAILED)
        # The crawl never ran (a component failed to load, a bad setting): say so and fail,
        # so a cron job or CI does not mistake it for a quiet night.
        return _fail(f"the crawl did not run: {'; '.join(failures) or 'see the log above'}", EXIT_FAILED)
    print_summary(db, stats.get_stats())
    if reason != "finished":
        return _fail(f"interrupted ({reason}); the crawl record is in {db}", EXIT_FAILED)
    failing = int(stats.get_value(FAILING) or 0)
    if failing:
        return _fail(f"{failing} municipalities failing (the reasons are in the notes above)", EXIT_FAILING)
    return EXIT_OK


def print_summary(db: str, stats: dict[str, Any] | None = None) -> None:
    """One line per municipality from the crawls table: what the crawl just did, and what it cost."""
    if not Path(db).exists():
        print("no archive written", file=sys.stderr)
        return
    from scraper.archive.reads import ReadError, crawl_summary

    try:
        rows, total = crawl_summary(db)
    except ReadError as exc:
        print(f"could not read the crawl summary: {exc}", file=sys.stderr)
        return
    print()
    print(
        f"{'municipality':<20} {'status':<8} {'pages':>6} {'found':>6} {'new':>5} {'upd':>5} {'same':>5} {'err':>5}"
    )
    for r in rows:
        print(
            f"{r.municipality_id:<20} {r.status or '':<8} {r.pages_fetched:>6} {r.articles_found:>6} "
            f"{r.articles_new:>5} {r.articles_updated:>5} {r.articles_unchanged:>5} {r.errors:>5}"
        )
        if r.note:
            print(f"{'':<20} note: {r.note}")
    print(f"archive {db}: {total} articles")
    line = resources.summary_line(stats or {})
    if line:
        print(line)
