"""``python -m scraper.tools.bench quotes|sites|real|body|speed|pool|crawl|sweden``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import scraper.tools.bench as bench

from .body import format_body, format_lost, format_rules, load_web_eval, rule_effects, score_body
from .crawl import format_crawl, measure_crawl
from .paths import GOLD_DIR, REAL_TEXTS_DIR, SPLITS, WEB_EVAL_DIR
from .pool import measure_pool
from .quotes import format_errors, format_table, score_gold
from .real import format_by_language, load_real_texts, score_real
from .sites import score_sites
from .speed import corpus_pages, format_speed, measure_speed


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scraper.tools.bench", description=(bench.__doc__ or "").split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    quotes = sub.add_parser("quotes", help="score quotes and contacts on the gold set")
    quotes.add_argument("--split", choices=("dev", "held_out", "all"), default="all")
    quotes.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder with labels.json and pages/")
    quotes.add_argument("--verbose", "-v", action="store_true", help="list the errors page by page")
    pool = sub.add_parser("pool", help="pages per second with MUNINEWS_EXTRACT_WORKERS")
    pool.add_argument("--corpus", type=Path, default=None, help="folder of .html pages")
    pool.add_argument("--workers", type=int, default=2)
    crawl = sub.add_parser("crawl", help="articles/s of a real crawl of a large local site, with workers")
    crawl.add_argument("--articles", type=int, default=2000)
    crawl.add_argument("--page-kb", type=int, default=100, help="size an article page is padded to")
    crawl.add_argument("--workers", default="0,1,2", help="worker counts, the first is the baseline")
    crawl.add_argument("--rounds", type=int, default=1, help="interleaved rounds (medians)")
    sites = sub.add_parser("sites", help="score quotes and contacts on the demo and held-out sites")
    sites.add_argument("--verbose", "-v", action="store_true", help="list the errors page by page")
    speed = sub.add_parser("speed", help="time extraction against trafilatura alone, on real pages")
    speed.add_argument("--corpus", type=Path, default=WEB_EVAL_DIR, help="folder of .html pages")
    speed.add_argument("--rounds", type=int, default=3)
    speed.add_argument("--limit", type=int, default=None, help="time only the first N pages")
    speed.add_argument(
        "--before-src", type=Path, default=None, help="another checkout's code to time in the same rounds"
    )
    body = sub.add_parser("body", help="body text on web-eval: with/without against trafilatura's default")
    body.add_argument("--corpus", type=Path, default=WEB_EVAL_DIR, help="folder with evaldata.json")
    body.add_argument("--held-out", action="store_true", help="also score the held-out half (odd indexes)")
    body.add_argument("--verbose", "-v", action="store_true", help="list the lost 'with' segments")
    body.add_argument(
        "--rules", action="store_true", help="what each prune rule removes: wanted and boilerplate"
    )
    real = sub.add_parser("real", help="score quotes and contacts on the real texts of real-texts-dev")
    real.add_argument("--corpus", type=Path, default=REAL_TEXTS_DIR, help="folder with texts.jsonl")
    real.add_argument("--held-out", action="store_true", help="also score the held-out half (odd ids)")
    real.add_argument("--verbose", "-v", action="store_true", help="list the errors of the dev half")
    sweden = sub.add_parser("sweden", help="crawl a generated Sweden: 290 kommun sites on loopback addresses")
    sweden.add_argument("--sites", type=int, default=None, help="only the first N kommuner (default: all)")
    sweden.add_argument("--delay", type=float, default=0.25, help="per-site download delay D in seconds")
    sweden.add_argument("--workers", type=int, default=None, help="extraction workers (default: cores)")
    sweden.add_argument("--workdir", type=Path, default=None, help="keep the archive, registry and logs here")
    sweden.add_argument("--log", action="store_true", help="print the first crawl's log")
    sweden.add_argument("--first-only", action="store_true", help="only the first crawl (no health figures)")
    sweden.add_argument(
        "--only", default="", help="comma-separated ids: just these sites, as Sweden plans them"
    )
    sweden.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="a Scrapy setting for the crawls"
    )
    return parser


def _sweden(args: argparse.Namespace) -> int:
    import tempfile

    from .sweden import format_sweden, run_sweden

    with tempfile.TemporaryDirectory() as tmp:
        r = run_sweden(
            args.sites,
            delay=args.delay,
            workers=args.workers,
            workdir=args.workdir or Path(tmp),
            second=not args.first_only,
            settings=tuple(args.set),
            only=tuple(i for i in args.only.split(",") if i),
        )
    if args.log:
        print(r.first.log)
    print(format_sweden(r))
    return 1 if r.problems() else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "sweden":
        return _sweden(args)
    if args.command == "real":
        return _real(args.corpus, args.held_out, args.verbose)
    if args.command == "body":
        return _body(args.corpus, args.held_out, args.verbose, args.rules)
    if args.command == "quotes":
        report = score_gold(args.gold, args.split)
        splits = [*SPLITS, "all"] if args.split == "all" else [args.split]
        print(format_table(report, splits))
        if args.verbose:
            print(format_errors(report, args.split))
        return 0
    if args.command == "pool":
        corpus, files = corpus_pages(args.corpus)
        if not files and args.corpus is None:  # the pool's overhead shows on the gold pages too
            corpus, files = corpus_pages(GOLD_DIR / "pages")
        inline_rate, pool_rate = measure_pool(files, args.workers)
        print(f"corpus: {corpus} — {len(files)} pages")
        print(f"  extract in the crawl process      {inline_rate:6.1f} pages/s   1.00")
        ratio = pool_rate / inline_rate
        print(f"  extract in {args.workers} worker processes     {pool_rate:6.1f} pages/s   {ratio:.2f} ×")
        return 0
    if args.command == "crawl":
        workers = [int(w) for w in args.workers.split(",")]
        print(format_crawl(measure_crawl(args.articles, args.page_kb, workers, args.rounds), workers))
        return 0
    if args.command == "sites":
        report = score_sites()
        print(format_table(report, ["demo", "sites", "all"]))
        if args.verbose:
            print(format_errors(report, "all"))
        return 0
    return _speed(args.corpus, args.rounds, args.limit, args.before_src)


def _speed(corpus: Path, rounds: int, limit: int | None, before_src: Path | None = None) -> int:
    corpus, files = corpus_pages(corpus, limit)
    if not files:
        print(
            f"bench speed: no .html pages in {corpus} (real pages are needed: --corpus DIR)", file=sys.stderr
        )
        return 2
    print(format_speed(measure_speed(files, rounds=max(rounds, 1), before_src=before_src), corpus))
    if load_web_eval(corpus):
        print(format_body(score_body(corpus, SPLITS), ["all"], corpus))
    return 0


def _real(corpus: Path, held_out: bool, verbose: bool) -> int:
    if not load_real_texts(corpus):
        print(f"bench real: no texts.jsonl in {corpus}, skipped")
        return 0
    report = score_real(corpus, SPLITS if held_out else ["dev"])
    print(f"corpus: {corpus} (real texts; a record's own split, else even ids dev, odd ids held_out)")
    for split in [*SPLITS, "all"] if held_out else ["dev"]:
        print(format_table(report, [split]))
        print(format_by_language(report, split))
    if verbose:  # the held-out half is scored, never studied
        print(format_errors(report, "dev"))
    return 0


def _body(corpus: Path, held_out: bool, verbose: bool, rules: bool = False) -> int:
    if not load_web_eval(corpus):
        print(f"bench body: no evaldata.json in {corpus}, skipped")
        return 0
    splits = [*SPLITS, "all"] if held_out else ["dev"]
    report = score_body(corpus, SPLITS if held_out else ["dev"])
    print(format_body(report, splits, corpus))
    if rules:
        print(format_rules(rule_effects(corpus, SPLITS if held_out else ["dev"])))
    if verbose:
        print(format_lost(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
