"""The ``muninews`` command: crawl, serve, demo, extract, municipalities.

Thin on purpose: each subcommand maps its options onto Scrapy settings or spider
arguments (``--db`` → ``MUNINEWS_DB``, ``-s KEY=VALUE`` passed straight through, as
``scrapy crawl -s`` does) and calls the module that does the work.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from scraper import __version__, registry
from scraper.settings import MUNINEWS_DB

DEFAULT_DB = MUNINEWS_DB  # the one default lives in scraper/settings.py
INIT_HELP = "add the archive's tables to an SQLite database that is not yet a muninews archive"


def _settings_pairs(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise SystemExit(f"muninews: -s expects KEY=VALUE, got {pair!r}")
        out[key.strip()] = value
    return out


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


def spider_arguments(
    project: Any,
    *,
    names: list[str] | None,
    all_: bool,
    url: str | None,
    name: str | None,
    country: str | None,
) -> dict[str, Any]:
    """The news spider's ``-a`` arguments; KeyError names a municipality the registry does not know."""
    if url:
        return {"url": url, "municipality": name or url, "country": country or ""}
    reg = registry.load_registry(project.get("MUNINEWS_REGISTRY") or None)
    chosen = registry.select(reg, names, all_)
    return {"municipalities": ",".join(m.id for m in chosen)}


def run_crawl(
    *,
    db: str,
    names: list[str] | None = None,
    all_: bool = False,
    url: str | None = None,
    name: str | None = None,
    country: str | None = None,
    max_pages: int | None = None,
    since: str | None = None,
    revisit: str | None = None,
    jobdir: str | None = None,
    settings: dict[str, str] | None = None,
) -> int:
    """Run one crawl in this process (Scrapy's reactor runs once per process)."""
    from scrapy.crawler import CrawlerProcess

    project = crawl_settings(
        db, max_pages=max_pages, since=since, revisit=revisit, jobdir=jobdir, settings=settings
    )
    try:
        spider_args = spider_arguments(project, names=names, all_=all_, url=url, name=name, country=country)
    except KeyError as exc:
        known = ", ".join(m.id for m in registry.load_registry(project.get("MUNINEWS_REGISTRY") or None))
        print(f"muninews: unknown municipality {exc.args[0]!r}; known: {known}", file=sys.stderr)
        return 2

    process = CrawlerProcess(project)
    crawler = process.create_crawler("news")
    failures: list[str] = []
    process.crawl(crawler, **spider_args).addErrback(lambda f: failures.append(f.getErrorMessage()))
    process.start()
    reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
    if failures or reason is None:
        # The crawl never ran (a component failed to load, a bad setting): say so and fail,
        # so a cron job or CI does not mistake it for a quiet night.
        print(
            f"muninews crawl: the crawl did not run: {'; '.join(failures) or 'see the log above'}",
            file=sys.stderr,
        )
        return 1
    print_summary(db)
    return 0 if reason == "finished" else 1


def print_summary(db: str) -> None:
    """One line per municipality from the crawls table: what the crawl just did."""
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


def cmd_crawl(args: argparse.Namespace) -> int:
    if not (args.names or args.all or args.url):
        print("muninews crawl: name municipalities, or --all, or --url URL --name NAME", file=sys.stderr)
        return 2
    if args.url and not args.name:
        print("muninews crawl: --url needs --name (the municipality's display name)", file=sys.stderr)
        return 2
    if refused := _refused_archive("crawl", args.db, args.init):
        return refused
    return run_crawl(
        db=args.db,
        names=args.names,
        all_=args.all,
        url=args.url,
        name=args.name,
        country=args.country,
        max_pages=args.max_pages,
        since=args.since,
        revisit=args.revisit,
        jobdir=args.jobdir,
        settings=_settings_pairs(args.set),
    )


def _refused_archive(command: str, db: str, init: bool) -> int:
    """2 after one line when ``db`` is not SQLite, or another program's database (unless ``--init``)."""
    from scraper.archive.connection import refusal

    problem = refusal(Path(db), init=init)
    if problem:
        print(f"muninews {command}: {problem}", file=sys.stderr)
        return 2
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from scraper.web.serve import serve

    if not Path(args.db).exists():
        print(
            f"muninews serve: no archive at {args.db}; run `muninews crawl` or `muninews demo` first",
            file=sys.stderr,
        )
        return 2
    return serve(Path(args.db), host=args.host, port=args.port, immutable=args.immutable, init=args.init)


def cmd_demo(args: argparse.Namespace) -> int:
    """Serve the bundled demo web on loopback, crawl it with the real spider, serve the archive."""
    from scraper.demo.server import DemoWeb

    with DemoWeb(base_port=args.web_port) as web, tempfile.TemporaryDirectory() as tmp:
        demo_registry = [
            registry.Municipality(
                id=s.id,
                name=s.name,
                homepage=s.homepage,
                country=s.country,
                latitude=s.latitude,
                longitude=s.longitude,
            )
            for s in web.sites
        ]
        for m in demo_registry:
            print(f"demo site {m.name}: {m.homepage}")
        reg_path = Path(tmp) / "demo-registry.json"
        registry.save_registry(demo_registry, reg_path)
        # The crawl runs in a child process: Scrapy's reactor cannot restart, and the
        # demo web keeps serving from this one.
        argv = [
            sys.executable,
            "-m",
            "scraper",
            "crawl",
            "--all",
            "--db",
            args.db,
            "-s",
            f"MUNINEWS_REGISTRY={reg_path}",
        ]
        for pair in args.set:
            argv += ["-s", pair]
        code = subprocess.call(argv)
        if code != 0:
            print(f"muninews demo: crawl failed (exit {code})", file=sys.stderr)
            return code
    if args.no_serve:
        return 0
    from scraper.web.serve import serve

    print(f"\nServing the archive at http://{args.host}:{args.port}/archive  (Ctrl-C to stop)")
    return serve(Path(args.db), host=args.host, port=args.port)


def cmd_extract(args: argparse.Namespace) -> int:
    """Print what the extractor sees in one saved page (or URL): a debugging aid."""
    from dataclasses import asdict

    from scraper.clock import utc_now
    from scraper.extract import extract_article

    source = args.source
    encoding = None
    if source.startswith(("http://", "https://")):
        import urllib.request

        req = urllib.request.Request(source, headers={"User-Agent": f"muninews/{__version__} (extract)"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read()
            encoding = resp.headers.get_content_charset()
        url = args.url or source
    else:
        body = Path(source).read_bytes()
        url = args.url or Path(source).resolve().as_uri()
    article = extract_article(
        body, url, args.fetched_at or utc_now(), country=args.country, encoding=encoding
    )
    print(json.dumps(asdict(article), ensure_ascii=False, indent=2))
    return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    """Rebuild every extracted field from the stored captures, without the network."""
    from scraper.tools.reextract import reextract

    if not Path(args.db).exists():
        print(f"muninews reextract: no archive at {args.db}", file=sys.stderr)
        return 2
    report = reextract(args.db, args.captures)
    for line in report.lines():
        print(line)
    for error in report.errors[:20]:
        print(f"  {error}", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_export_wacz(args: argparse.Namespace) -> int:
    """Package the archive's WARC captures as one WACZ file (ReplayWeb.page opens it)."""
    from scraper.tools.wacz import export_wacz

    if not Path(args.db).exists():
        print(f"muninews export-wacz: no archive at {args.db}", file=sys.stderr)
        return 2
    out = Path(args.output or Path(args.db).with_suffix(".wacz"))
    summary = export_wacz(args.db, out, captures=args.captures)
    print(f"{out}: {summary['warcs']} WARC files, {summary['records']} records, {summary['pages']} pages")
    return 0


def cmd_municipalities(args: argparse.Namespace) -> int:
    for m in registry.load_registry(args.registry):
        print(f"{m.id:<16} {m.country}  {m.name:<28} {m.homepage}")
    return 0


def _add_crawl(sub: Any) -> None:
    c = sub.add_parser("crawl", help="crawl municipalities' news into the archive")
    c.add_argument("names", nargs="*", metavar="NAME", help="municipality ids or names from the registry")
    c.add_argument("--all", action="store_true", help="crawl every municipality in the registry")
    c.add_argument("--url", help="crawl a site not in the registry, from its homepage URL")
    c.add_argument("--name", help="display name of the --url site, e.g. 'Aspviks kommun'")
    c.add_argument("--country", help="country of the --url site (ISO code; default from its domain, else SE)")
    c.add_argument("--db", default=DEFAULT_DB, help=f"archive file (default {DEFAULT_DB})")
    c.add_argument("--max-pages", type=int, help="fetch at most N pages per municipality")
    c.add_argument(
        "--since", metavar="YYYY-MM-DD", help="only archive articles published on or after this date"
    )
    c.add_argument("-s", "--set", action="append", default=[], metavar="KEY=VALUE", help="Scrapy setting")
    c.add_argument(
        "--revisit",
        choices=["due", "all", "none"],
        help="known articles to fetch again: due on their age-based schedule (default), all now, or none",
    )
    c.add_argument("--jobdir", metavar="DIR", help="keep crawl state here to pause (Ctrl-C) and resume")
    c.add_argument("--init", action="store_true", help=INIT_HELP)
    c.set_defaults(func=cmd_crawl)


def _add_serve_and_demo(sub: Any) -> None:
    s = sub.add_parser("serve", help="serve the archive with Datasette")
    s.add_argument("--db", default=DEFAULT_DB)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8001)
    s.add_argument(
        "--immutable",
        action="store_true",
        help="serve a finished archive read-only and faster (no crawl may write it meanwhile)",
    )
    s.add_argument("--init", action="store_true", help=INIT_HELP)
    s.set_defaults(func=cmd_serve)

    d = sub.add_parser("demo", help="crawl the bundled demo web into the archive and serve it")
    d.add_argument("--db", default=DEFAULT_DB)
    d.add_argument("--host", default="127.0.0.1", help="where Datasette listens")
    d.add_argument("--port", type=int, default=8001, help="Datasette's port")
    d.add_argument(
        "--web-port",
        type=int,
        default=18401,
        help="first port of the demo web (fixed, so URLs stay the same)",
    )
    d.add_argument("--no-serve", action="store_true", help="build the archive and stop")
    d.add_argument("-s", "--set", action="append", default=[], metavar="KEY=VALUE", help="Scrapy setting")
    d.set_defaults(func=cmd_demo)


def _add_tools(sub: Any) -> None:
    e = sub.add_parser("extract", help="print what the extractor finds in a saved page or a URL")
    e.add_argument("source", help="an HTML file or an http(s) URL")
    e.add_argument("--url", help="the page's URL, when SOURCE is a file")
    e.add_argument("--country", default="SE", help="default region for phone numbers")
    e.add_argument("--fetched-at", help="fetch time (ISO 8601); dates after it are ignored")
    e.set_defaults(func=cmd_extract)

    m = sub.add_parser("municipalities", help="list the municipality registry")
    m.add_argument("--registry", help="another registry file")
    m.set_defaults(func=cmd_municipalities)

    r = sub.add_parser("reextract", help="rebuild every extracted field from the stored captures (offline)")
    r.add_argument("--db", default=DEFAULT_DB)
    r.add_argument("--captures", help="captures directory (default: <archive stem>.captures beside it)")
    r.set_defaults(func=cmd_reextract)

    w = sub.add_parser("export-wacz", help="package the archive's WARC captures as a WACZ file")
    w.add_argument("--db", default=DEFAULT_DB)
    w.add_argument("--captures", help="captures directory (default: <archive stem>.captures beside it)")
    w.add_argument("-o", "--output", help="the .wacz file (default: the archive's name with .wacz)")
    w.set_defaults(func=cmd_export_wacz)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="muninews", description="Scraper and archive of municipal news.")
    p.add_argument("--version", action="version", version=f"muninews {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    _add_crawl(sub)
    _add_serve_and_demo(sub)
    _add_tools(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
