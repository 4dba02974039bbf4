"""``muninews cluster status``: the queue, the jobs, the workers and the writer at a glance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from redis import Redis
from redis.exceptions import ResponseError
from rq import Queue, Worker
from rq.registry import FailedJobRegistry, StartedJobRegistry

from scraper import cluster


@dataclass
class WorkerState:
    name: str
    state: str
    job: str | None
    heartbeat_age: float | None  # seconds since its last heartbeat


@dataclass
class ClusterStatus:
    queued: int = 0
    running: list[str] = field(default_factory=list)
    scheduled: int = 0  # retries waiting for their back-off
    failed: list[tuple[str, str]] = field(default_factory=list)  # job id, last line of the reason
    workers: list[WorkerState] = field(default_factory=list)
    writer_pending: int = 0  # delivered to the writer, not yet committed and acknowledged
    writer_lag: int | None = None  # entries in the stream the writer has not read yet
    writer_consumers: list[dict[str, Any]] = field(default_factory=list)


def _reason(conn: Redis, queue: Queue, job_id: str) -> str:
    job = queue.fetch_job(job_id)
    if job is None:
        return "expired"
    info = job.latest_result()
    text = (info.exc_string if info and info.exc_string else "") or ""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "failed"


def read_status(conn: Redis) -> ClusterStatus:
    queue = Queue(cluster.QUEUE, connection=conn)
    status = ClusterStatus(queued=queue.count)
    status.running = StartedJobRegistry(queue=queue).get_job_ids()
    status.scheduled = queue.scheduled_job_registry.count
    status.failed = [(j, _reason(conn, queue, j)) for j in FailedJobRegistry(queue=queue).get_job_ids()]
    now = dt.datetime.now(dt.UTC)
    for w in Worker.all(connection=conn):
        beat = w.last_heartbeat
        age = (now - beat.replace(tzinfo=dt.UTC)).total_seconds() if beat else None
        status.workers.append(WorkerState(w.name, w.get_state(), w.get_current_job_id(), age))
    try:
        for group in conn.xinfo_groups(cluster.STREAM):
            if group["name"].decode() == cluster.GROUP:
                status.writer_pending = int(group["pending"])
                status.writer_lag = group.get("lag")
        status.writer_consumers = [
            {"name": c["name"].decode(), "pending": c["pending"], "idle_ms": c["idle"]}
            for c in conn.xinfo_consumers(cluster.STREAM, cluster.GROUP)
        ]
    except ResponseError:  # no stream or no group yet: no writer ever ran
        pass
    return status


def format_status(s: ClusterStatus) -> str:
    lines = [
        f"queued {s.queued}, running {len(s.running)}, retry waiting {s.scheduled}, failed {len(s.failed)}"
    ]
    lines += [f"  running  {j}" for j in s.running]
    lines += [f"  failed   {j}: {why}" for j, why in s.failed]
    lines.append(f"workers {len(s.workers)}")
    for w in s.workers:
        age = f"{w.heartbeat_age:.0f} s ago" if w.heartbeat_age is not None else "never"
        lines.append(f"  {w.name:<32} {w.state:<10} heartbeat {age:<12} {w.job or ''}")
    lag = "unknown" if s.writer_lag is None else str(s.writer_lag)
    lines.append(f"writer: {lag} results not yet read, {s.writer_pending} read but not committed")
    for c in s.writer_consumers:
        lines.append(f"  {c['name']:<32} pending {c['pending']}, idle {c['idle_ms'] / 1000:.0f} s")
    return "\n".join(lines)
