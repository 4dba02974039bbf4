"""The crawl jobs: one RQ job per municipality (and source kind) and day.

The job id is ``crawl-<source>-<municipality>-<day>``, so enqueueing the same selection twice on one
day never puts a second crawl of a kommun on the queue while the first is queued, scheduled or
running, and one finished today is not crawled again unless asked (``--force``). One job crawls one
site, and a job runs on one worker at a time: that is what keeps politeness per site with any
number of workers (DOWNLOAD_DELAY and AutoThrottle act inside the job's spider).

A job carries everything its worker needs: the registry entry, the crawl options and the archive's
memory of that municipality (:mod:`scraper.cluster.memory`); workers never read the archive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from redis import Redis
from rq import Callback, Queue, Retry
from rq.job import Job, JobStatus

from scraper import cluster
from scraper.cluster.memory import read_memory
from scraper.registry import Municipality

#: The source kind of a municipality's own website; press rooms get their own kind (and job).
WEBSITE = "website"
#: Where the job runs (a worker imports it by this name).
CRAWL_FUNCTION = "scraper.cluster.worker.crawl_job"
FAILURE_CALLBACK = "scraper.cluster.worker.job_failed"
_WAITING = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}


def job_id(municipality_id: str, day: str, source: str = WEBSITE) -> str:
    """The stable id of a municipality's crawl on ``day`` (RQ ids are letters, digits, - and _)."""
    return f"crawl-{source}-{municipality_id}-{day}"


@dataclass
class CrawlOptions:
    """How a job crawls: the options of ``muninews crawl`` that make sense on a worker."""

    max_pages: int | None = None
    since: str | None = None
    revisit: str | None = None
    settings: dict[str, str] = field(default_factory=dict)  # -s KEY=VALUE

    def to_dict(self) -> dict[str, Any]:
        return {"max_pages": self.max_pages, "since": self.since, "revisit": self.revisit,
                "settings": dict(self.settings)}  # fmt: skip


@dataclass
class Enqueued:
    municipality_id: str
    job_id: str
    status: str  # "queued", or why not: "already queued", "already running", "done today"


def payload(m: Municipality, db: str | None, options: CrawlOptions, source: str = WEBSITE) -> dict[str, Any]:
    """The job's one argument: plain data (RQ pickles it; nothing here is a class of ours)."""
    memory = read_memory(db, m.id).pack() if db else b""
    return {"municipality": m.to_dict(), "source": source, "options": options.to_dict(), "memory": memory}


def sources(m: Municipality) -> Iterable[str]:
    """The source kinds crawled for ``m``: its website (press rooms get a job each once the spider
    crawls them; the kind is already in the payload and the job id)."""
    yield WEBSITE


def _waiting(conn: Redis, jid: str) -> str | None:
    """Why ``jid`` must not be enqueued again (it waits, runs or is done today), or None."""
    try:
        job = Job.fetch(jid, connection=conn)
    except Exception:  # NoSuchJobError, or a job whose data expired
        return None
    status = job.get_status(refresh=False)
    if status in _WAITING:
        return f"already {status.value}"
    if status == JobStatus.FINISHED:
        return "done today"
    job.delete()  # failed, stopped or canceled: a new attempt replaces it
    return None


def enqueue(
    conn: Redis,
    municipalities: Sequence[Municipality],
    *,
    db: str | None,
    options: CrawlOptions,
    day: str | None = None,
    force: bool = False,
    retry_intervals: Sequence[int] = cluster.RETRY_INTERVALS,
    job_timeout: int = cluster.JOB_TIMEOUT,
) -> list[Enqueued]:
    """Put one job per municipality and source on the queue (see the module docstring)."""
    queue = Queue(cluster.QUEUE, connection=conn)
    day = day or dt.date.today().isoformat()
    out = []
    for m in municipalities:
        for source in sources(m):
            jid = job_id(m.id, day, source)
            why = _waiting(conn, jid)
            if why and not (force and why == "done today"):
                out.append(Enqueued(m.id, jid, why))
                continue
            if why:
                Job.fetch(jid, connection=conn).delete()
            queue.enqueue(
                CRAWL_FUNCTION,
                payload(m, db, options, source),
                job_id=jid,
                job_timeout=job_timeout,
                retry=Retry(max=len(retry_intervals), interval=list(retry_intervals))
                if retry_intervals
                else None,
                result_ttl=cluster.RESULT_TTL,
                failure_ttl=cluster.FAILURE_TTL,
                on_failure=Callback(FAILURE_CALLBACK),
                description=f"crawl {source} of {m.id} ({day})",
            )
            out.append(Enqueued(m.id, jid, "queued"))
    return out
