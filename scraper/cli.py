"""The ``muninews`` command: crawl, serve, demo, extract, municipalities.

Thin on purpose: each subcommand maps its options onto Scrapy settings or spider
arguments (``--db`` → ``MUNINEWS_DB``, ``-s KEY=VALUE`` passed straight through, as
``scrapy crawl -s`` does) and calls the module that does the work.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
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


#: ``muninews crawl --help`` ends with these (scraper/runner.py sets them; the README lists them too).
CRAWL_EXIT_CODES = """exit status:
  0  the crawl ran and every municipality stored articles
  1  the crawl could not run, or was interrupted (Ctrl-C, SIGTERM)
  2  usage error: unknown municipality, bad URL or option, a file that is not an archive
  3  the crawl ran, but some municipalities are failing (reasons in the summary and crawls.note)
  4  the archive could not be written (disk full, read-only, locked): fetching stopped,
     articles already committed are kept"""


def _date(text: str) -> str:
    """``--since``: a YYYY-MM-DD date (argparse reports anything else as a usage error)."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def cmd_crawl(args: argparse.Namespace) -> int:
    from scraper.runner import run_crawl, url_problem

    if not (args.names or args.all or args.url or args.county or args.platform):
        print(
            "muninews crawl: name municipalities, or --all, --county, --platform, or --url URL --name NAME",
            file=sys.stderr,
        )
        return 2
    if args.url and not args.name:
        print("muninews crawl: --url needs --name (the municipality's display name)", file=sys.stderr)
        return 2
    problem = url_problem(args.url) if args.url else None
    if problem:
        print(f"muninews crawl: --url {problem}", file=sys.stderr)
        return 2
    if refused := _refused_archive("crawl", args.db, args.init):
        return refused
    return run_crawl(
        db=args.db,
        names=args.names,
        all_=args.all,
        county=args.county,
        platform=args.platform,
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


def busy_ports(host: str, ports: list[int]) -> list[int]:
    """The ports of ``ports`` something already listens on (checked the way the servers bind)."""
    busy = []
    for port in ports:
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((host, port))
            except OSError:
                busy.append(port)
    return busy


def _demo_ports_problem(args: argparse.Namespace) -> str | None:
    """Why the demo cannot start on its ports (one line naming the flag that moves them), or None."""
    from scraper.demo.server import site_roots

    if args.web_port:
        ports = list(range(args.web_port, args.web_port + len(site_roots())))
        busy = busy_ports("127.0.0.1", ports)
        if busy:
            return (
                f"port {busy[0]} is in use (the demo web needs ports {ports[0]}-{ports[-1]}); "
                "move them with --web-port N"
            )
    if not args.no_serve and busy_ports(args.host, [args.port]):
        return f"port {args.port} is in use (Datasette would serve the archive there); choose another with --port N"
    return None


def _run_demo_crawl(argv: list[str], db: str) -> int | None:
    """The demo's crawl in a child process, its exit status; ``None`` after Ctrl-C, which stops the
    crawl cleanly (it writes its crawl record)."""
    proc = subprocess.Popen(argv)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        # The terminal sent Ctrl-C to the crawl as well: it is stopping and writing its crawl record.
        try:
            proc.wait(timeout=60)
        except (KeyboardInterrupt, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        print(f"muninews demo: interrupted; the crawl record is in {db}", file=sys.stderr)
        return None


def cmd_demo(args: argparse.Namespace) -> int:
    """Serve the bundled demo web on loopback, crawl it with the real spider, serve the archive."""
    from scraper.demo.server import DemoWeb

    problem = _demo_ports_problem(args)
    if problem:
        print(f"muninews demo: {problem}", file=sys.stderr)
        return 2
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
        argv = [sys.executable, "-m", "scraper", "crawl", "--all", "--db", args.db]
        argv += ["-s", f"MUNINEWS_REGISTRY={reg_path}"]
        for pair in args.set:
            argv += ["-s", pair]
        code = _run_demo_crawl(argv, args.db)
        if code is None:
            return 1
        if code not in (0, 3):  # 3: some site failing, the archive is still worth serving
            print(f"muninews demo: crawl failed (exit {code})", file=sys.stderr)
            return code
    if args.no_serve:
        return 0
    from scraper.web.serve import serve

    print(f"\nServing the archive at http://{args.host}:{args.port}/  (Ctrl-C to stop)")
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
    """One line per municipality (or a JSON list with --json), narrowed to a county and a platform."""
    entries = registry.load_registry(args.registry)
    try:
        chosen = registry.choose(entries, args.names, county=args.county, platform=args.platform)
    except registry.UnknownMunicipality as exc:
        print(f"muninews municipalities: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([m.to_dict() for m in chosen], ensure_ascii=False, indent=1))
        return 0
    for m in chosen:
        where = (
            f"{m.latitude:.4f},{m.longitude:.4f}"
            if m.latitude is not None and m.longitude is not None
            else "-"
        )
        print(
            f"{m.id:<18} {m.code or '-':<4} {m.country}  {m.name:<28} {m.county or '-':<24} "
            f"{m.platform or '-':<11} {m.homepage}  {where}"
        )
    return 0


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--county", metavar="X", help="only this county: its name ('Västra Götaland') or code (14)"
    )
    parser.add_argument("--platform", metavar="Y", help="only municipalities on this platform (sitevision)")


def _add_crawl(sub: Any) -> None:
    c = sub.add_parser(
        "crawl",
        help="crawl municipalities' news into the archive",
        epilog=CRAWL_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument(
        "names", nargs="*", metavar="NAME", help="municipality ids, names or codes (1493) from the registry"
    )
    c.add_argument("--all", action="store_true", help="crawl every municipality in the registry")
    _add_selection(c)
    c.add_argument("--url", help="crawl a site not in the registry, from its homepage URL")
    c.add_argument("--name", help="display name of the --url site, e.g. 'Aspviks kommun'")
    c.add_argument("--country", help="country of the --url site (ISO code; default from its domain, else SE)")
    c.add_argument("--db", default=DEFAULT_DB, help=f"archive file (default {DEFAULT_DB})")
    c.add_argument("--max-pages", type=int, help="fetch at most N pages per municipality")
    c.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        type=_date,
        help="only archive articles published on or after this date",
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
    m.add_argument("names", nargs="*", metavar="NAME", help="only these (ids, names or codes)")
    _add_selection(m)
    m.add_argument("--json", action="store_true", help="the entries as a JSON list, every field")
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
    from scraper.cluster.commands import add_commands  # enqueue, worker, writer, cluster status

    add_commands(sub, _add_selection, DEFAULT_DB)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print(f"muninews {args.command}: interrupted", file=sys.stderr)
        return 1
    except (OSError, ValueError, sqlite3.Error) as exc:
        # A missing or unreadable file, a bad value, a file that is not an archive: one line, no
        # traceback (MUNINEWS_TRACEBACK=1 shows it).
        if os.environ.get("MUNINEWS_TRACEBACK"):
            raise
        print(f"muninews {args.command}: {exc}", file=sys.stderr)
        return 2
