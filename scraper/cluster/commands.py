"""The cluster's subcommands of ``muninews``: enqueue, worker, writer, cluster status."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scraper import cluster

REDIS_HELP = "Redis URL, e.g. redis://archive-host:6379/0"


def _redis(url: str) -> Any:
    """A connection to ``url``, tried at once: an unreachable Redis is one line, not a traceback."""
    from redis import Redis
    from redis.exceptions import RedisError

    connection = Redis.from_url(url)
    try:
        connection.ping()
    except RedisError as exc:
        raise ConnectionError(f"cannot reach Redis at {url}: {exc}") from None
    return connection


def _intervals(text: str) -> list[int]:
    try:
        return [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds like 60,300,900, got {text!r}") from None


def cmd_enqueue(args: argparse.Namespace) -> int:
    from scraper import registry
    from scraper.cli import _settings_pairs
    from scraper.cluster.jobs import CrawlOptions, enqueue

    if not (args.names or args.all or args.county or args.platform):
        print("muninews enqueue: name municipalities, or --all, --county, --platform", file=sys.stderr)
        return 2
    settings = _settings_pairs(args.set)
    try:
        reg = registry.load_registry(settings.get("MUNINEWS_REGISTRY") or None)
        chosen = registry.choose(reg, args.names, args.all, county=args.county, platform=args.platform)
    except KeyError as exc:
        print(f"muninews enqueue: unknown municipality {exc.args[0]!r}", file=sys.stderr)
        return 2
    if not chosen:
        print("muninews enqueue: no municipality in the registry matches", file=sys.stderr)
        return 2
    options = CrawlOptions(args.max_pages, args.since, args.revisit, settings)
    done = enqueue(
        _redis(args.redis),
        chosen,
        db=args.db if Path(args.db).exists() else None,
        options=options,
        day=args.day,
        force=args.force,
        retry_intervals=args.retry_intervals,
        job_timeout=args.job_timeout,
    )
    for e in done:
        print(f"{e.municipality_id:<20} {e.status:<16} {e.job_id}")
    print(f"{sum(e.status == 'queued' for e in done)} of {len(done)} jobs queued")
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from scraper.cluster.worker import run_worker

    _redis(args.redis).close()  # reachable at all: else one line, not RQ's traceback
    return run_worker(
        args.redis, args.captures, name=args.name, burst=args.burst,
        maintenance_interval=args.maintenance_interval, monitoring_interval=args.heartbeat_interval,
        heartbeat_grace=args.heartbeat_grace,
    )  # fmt: skip


def cmd_writer(args: argparse.Namespace) -> int:
    import logging
    import signal

    from scraper.cluster.writer import Writer

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    writer = Writer(_redis(args.redis), args.db, consumer=args.name)
    # SIGTERM (systemd stop, docker stop): finish the entry in hand, checkpoint, close.
    signal.signal(signal.SIGTERM, lambda *_: writer.stop.set())
    return writer.run(until_idle=args.until_idle)


def cmd_status(args: argparse.Namespace) -> int:
    from scraper.cluster.status import format_status, read_status

    print(format_status(read_status(_redis(args.redis))))
    return 0


def _add_enqueue(sub: Any, add_selection: Callable[[argparse.ArgumentParser], None], db: str) -> None:
    e = sub.add_parser("enqueue", help="put crawl jobs on the cluster's queue (one per municipality and day)")
    e.add_argument("names", nargs="*", metavar="NAME", help="municipality ids, names or codes")
    e.add_argument("--all", action="store_true", help="every municipality in the registry")
    add_selection(e)
    e.add_argument("--redis", required=True, help=REDIS_HELP)
    e.add_argument("--db", default=db, help=f"archive whose crawl memory the jobs carry (default {db})")
    e.add_argument("--max-pages", type=int, help="fetch at most N pages per municipality")
    e.add_argument("--since", metavar="YYYY-MM-DD", help="only articles published on or after this date")
    e.add_argument("--revisit", choices=["due", "all", "none"], help="as for muninews crawl")
    e.add_argument("-s", "--set", action="append", default=[], metavar="KEY=VALUE", help="Scrapy setting")
    e.add_argument("--day", metavar="YYYY-MM-DD", help="the day in the job ids (default today)")
    e.add_argument("--force", action="store_true", help="crawl again what finished today")
    e.add_argument("--retry-intervals", type=_intervals, default=list(cluster.RETRY_INTERVALS),
                   metavar="S,S,…", help="seconds before each retry of a failed job")  # fmt: skip
    e.add_argument("--job-timeout", type=int, default=cluster.JOB_TIMEOUT, help="seconds one crawl may run")
    e.set_defaults(func=cmd_enqueue)


def add_commands(sub: Any, add_selection: Callable[[argparse.ArgumentParser], None], db: str) -> None:
    _add_enqueue(sub, add_selection, db)
    w = sub.add_parser("worker", help="run crawl jobs from the cluster's queue")
    w.add_argument("--redis", required=True, help=REDIS_HELP)
    w.add_argument("--captures", default=str(Path(db).with_suffix(".captures")),
                   help="the shared directory the WARC captures go to (the writer's machine must see it "
                        "under the same path)")  # fmt: skip
    w.add_argument("--name", help="worker name (default host and pid)")
    w.add_argument("--burst", action="store_true", help="stop when the queue is empty")
    w.add_argument("--maintenance-interval", type=int, default=cluster.MAINTENANCE_INTERVAL, help="seconds")
    w.add_argument("--heartbeat-interval", type=int, default=cluster.JOB_MONITORING_INTERVAL, help="seconds")
    w.add_argument("--heartbeat-grace", type=int, default=cluster.HEARTBEAT_GRACE, help="seconds")
    w.set_defaults(func=cmd_worker)
    r = sub.add_parser("writer", help="apply the workers' results to the archive (run exactly one)")
    r.add_argument("--redis", required=True, help=REDIS_HELP)
    r.add_argument("--db", default=db, help=f"archive file (default {db})")
    r.add_argument("--name", help="consumer name (default writer@host: a restarted writer resumes its own)")
    r.add_argument("--until-idle", action="store_true", help="stop when no result is waiting")
    r.set_defaults(func=cmd_writer)
    c = sub.add_parser("cluster", help="the cluster's state")
    csub = c.add_subparsers(dest="cluster_command", required=True)
    s = csub.add_parser("status", help="queued, running and failed jobs, workers' heartbeats, writer lag")
    s.add_argument("--redis", required=True, help=REDIS_HELP)
    s.set_defaults(func=cmd_status)
