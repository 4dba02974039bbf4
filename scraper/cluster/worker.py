"""``muninews worker --redis URL``: runs crawl jobs, one at a time per worker process.

Each job runs the news spider in a subprocess (:mod:`scraper.cluster.child`); the subprocess is
killed with its worker's job process (``PR_SET_PDEATHSIG``), so a job never crawls on after its
worker died and its retry started. Politeness per site holds with any number of workers because a
job is one host and RQ runs a job on one worker at a time (the job id is per municipality, source
and day), and a lock per site or press-room host (:func:`site_lock`) keeps a second job off it:
yesterday's crawl of a site still running, or another municipality's press room on the same host
(all Mynewsdesk newsrooms are on one), which waits its turn.

A dead worker's job is found by RQ's maintenance in the other workers: its heartbeat lapses after
``JOB_MONITORING_INTERVAL + HEARTBEAT_GRACE`` seconds, and maintenance (every
``MAINTENANCE_INTERVAL`` seconds) moves it back to the queue while it has retries left.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redis import Redis
from rq import Queue, Worker, get_current_job
from rq.job import Job

from scraper import cluster
from scraper.clock import utc_now
from scraper.cluster.results import ResultSender
from scraper.crawl.press_rooms import PressRoom

logger = logging.getLogger(__name__)
#: Set by ``muninews worker`` for its jobs: where results go and where captures are written.
REDIS_ENV, CAPTURES_ENV = "MUNINEWS_CLUSTER_REDIS", "MUNINEWS_CLUSTER_CAPTURES"
_PR_SET_PDEATHSIG = 1
_STDERR_TAIL = 2000  # characters of a failed crawl's stderr kept as the job's failure reason


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    with contextlib.suppress(OSError):  # not Linux: the subprocess may outlive a killed worker's crawl
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class SiteBusy(RuntimeError):
    """Another job (yesterday's, still running) crawls this site: this one waits for a retry."""


def lock_key(payload: dict[str, Any]) -> str:
    """What a job holds while it crawls: its site (``website:<municipality>``), or its press room's
    host (``press:<host[:port]>``): press rooms of several municipalities may share one host."""
    room = payload.get("press_room")
    if room:
        return f"muninews:site:press:{PressRoom(**room).host}"
    return f"muninews:site:{payload['source']}:{payload['municipality']['id']}"


@contextlib.contextmanager
def site_lock(
    conn: Redis, payload: dict[str, Any], job_id: str, seconds: int, wait: float = 0.0
) -> Iterator[None]:
    """One crawl per site (or press-room host) at a time, across days too: the lock is the job's (its
    retry takes it over) and expires with the job timeout, so a dead worker's lock does not outlive
    its job. A job whose lock another holds waits up to ``wait`` seconds, then fails (SiteBusy)."""
    key = lock_key(payload)
    deadline = time.monotonic() + wait
    while not conn.set(key, job_id, nx=True, ex=seconds):
        holder = _text(conn.get(key))
        if not holder or holder == job_id:
            conn.set(key, job_id, ex=seconds)
            break
        if time.monotonic() >= deadline:
            raise SiteBusy(f"{key} is being crawled by {holder}")
        time.sleep(min(cluster.LOCK_POLL, max(0.0, deadline - time.monotonic())))
    try:
        yield
    finally:
        if _text(conn.get(key)) == job_id:
            conn.delete(key)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value or "")


def crawl_job(payload: dict[str, Any]) -> dict[str, Any]:
    """The RQ job: crawl one source of one municipality in a subprocess; raise if it failed."""
    job = get_current_job()
    if job is None:
        return _crawl(payload, "local")
    wait = cluster.PRESS_HOST_WAIT if payload.get("press_room") else 0.0
    with site_lock(job.connection, payload, job.id, int(job.timeout or cluster.JOB_TIMEOUT), wait):
        return _crawl(payload, result_tag(job))


def _crawl(payload: dict[str, Any], jid: str) -> dict[str, Any]:
    spec = {"id": jid, "payload": {**payload, "memory": payload["memory"].hex()},
            "redis": os.environ[REDIS_ENV], "captures": os.environ.get(CAPTURES_ENV, "")}  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="muninews-job-", delete=False) as f:
        json.dump(spec, f, ensure_ascii=False)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "scraper.cluster.child", f.name],
            preexec_fn=_die_with_parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        Path(f.name).unlink(missing_ok=True)
    if proc.returncode != 0:
        tail = proc.stderr[-_STDERR_TAIL:].strip().splitlines()
        raise RuntimeError(f"crawl exited with status {proc.returncode}: {tail[-1] if tail else 'no output'}")
    return {"municipality": payload["municipality"]["id"], "source": payload["source"]}


def result_tag(job: Job) -> str:
    """What a job's results are tagged with: its id and creation time (the same for every retry of
    one enqueued job, new when the same id is enqueued again), so its crawl record is written once."""
    return f"{job.id}@{job.created_at.isoformat() if job.created_at else ''}"


def job_failed(job: Job, connection: Redis, exc_type: Any, exc_value: Any, traceback: Any) -> None:
    """RQ's failure callback: once no retry is left, a crawl row that says why (crawl_health)."""
    if job.retries_left:
        return  # RQ retries it
    payload = job.args[0]
    mid = payload["municipality"]["id"]
    reason = f"{exc_type.__name__}: {exc_value}" if exc_type else "failed"
    now = utc_now()
    sender = ResultSender(os.environ.get(REDIS_ENV) or _url_of(connection), result_tag(job) + ":failed")
    try:
        sender.send(
            "record_crawl",
            {"municipality_id": mid, "started": (job.started_at.isoformat() if job.started_at else now),
             "finished": now, "pages_fetched": 0, "articles_found": 0, "articles_new": 0,
             "articles_updated": 0, "articles_unchanged": 0, "errors": 1,
             "note": f"cluster job {job.id} failed ({_describe(payload)}): {reason}"},
        )  # fmt: skip
    finally:
        sender.close()


def _describe(payload: dict[str, Any]) -> str:
    room = payload.get("press_room")
    return f"press room {PressRoom(**room).key}" if room else str(payload["source"])


def _url_of(connection: Redis) -> str:
    kw = connection.connection_pool.connection_kwargs
    return f"redis://{kw.get('host', 'localhost')}:{kw.get('port', 6379)}/{kw.get('db', 0)}"


class ClusterWorker(Worker):
    """RQ's forking worker with a shorter heartbeat grace than RQ's hard-coded 60 s."""

    heartbeat_grace = cluster.HEARTBEAT_GRACE

    def get_heartbeat_ttl(self, job: Job) -> int:
        ttl = super().get_heartbeat_ttl(job)
        return int(ttl - 60 + self.heartbeat_grace)


def run_worker(
    url: str,
    captures: str,
    *,
    name: str | None = None,
    burst: bool = False,
    maintenance_interval: int = cluster.MAINTENANCE_INTERVAL,
    monitoring_interval: int = cluster.JOB_MONITORING_INTERVAL,
    heartbeat_grace: int = cluster.HEARTBEAT_GRACE,
) -> int:
    """Work the queue until stopped (SIGTERM/Ctrl-C: RQ lets the running job finish first)."""
    os.environ[REDIS_ENV] = url
    os.environ[CAPTURES_ENV] = str(Path(captures).resolve())
    Path(captures).mkdir(parents=True, exist_ok=True)
    conn = Redis.from_url(url)
    worker = ClusterWorker(
        [Queue(cluster.QUEUE, connection=conn)],
        connection=conn,
        name=name,
        maintenance_interval=maintenance_interval,
        job_monitoring_interval=monitoring_interval,
    )
    worker.heartbeat_grace = heartbeat_grace
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
    return 0
