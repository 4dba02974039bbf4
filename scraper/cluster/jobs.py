"""The crawl jobs: one RQ job per municipality and day, and one per configured press room and day.

The job id is ``crawl-<source>-<municipality>-<day>``: ``website`` for the municipality's own site
(crawled without its configured press rooms, ``press_rooms=apart``) and ``<kind>-<8 hex>`` for each
press room of its registry entry (``mynewsdesk-…``, ``cision-…``, ``via_tt-…``; the hex digits are
of the press room's URL, so the id is the press room's, stable from day to day, and two press rooms
of one municipality differ). Enqueueing the same selection twice on one day never puts a second
crawl of a site or press room on the queue while the first is queued, scheduled or running, and
one finished today is not crawled again unless asked (``--force``). One job crawls one host, and a
job runs on one worker at a time: that is what keeps politeness per site with any number of workers
(DOWNLOAD_DELAY and AutoThrottle act inside the job's spider; a lock per host keeps two jobs off one
host, :func:`scraper.cluster.worker.site_lock`). Press rooms found only as links on the site's pages
are crawled by the website job, as ``muninews crawl`` does.

A job carries everything its worker needs: the registry entry, the crawl options and the archive's
memory of that municipality (:mod:`scraper.cluster.memory`); workers never read the archive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from redis import Redis
from rq import Callback, Queue, Retry
from rq.job import Job, JobStatus

from scraper import cluster
from scraper.cluster.memory import read_memory
from scraper.crawl.press_rooms import PressRoom
from scraper.registry import Municipality

#: The source kind of a municipality's own website; each configured press room gets its own.
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


@dataclass(frozen=True)
class Source:
    """What one job crawls of a municipality: its website, or one of its configured press rooms."""

    name: str  # "website", or "<kind>-<8 hex of the press room's URL>"
    press_room: PressRoom | None = None

    def describe(self) -> str:
        return "website" if self.press_room is None else f"press room {self.press_room.key}"


def press_source(room: PressRoom) -> Source:
    digest = hashlib.sha1(room.key.encode("utf-8")).hexdigest()[:8]
    return Source(f"{room.kind}-{digest}", room)


def sources(m: Municipality) -> Iterable[Source]:
    """The jobs of ``m``: its website, then each press room of its registry entry (once each)."""
    yield Source(WEBSITE)
    rooms = (PressRoom.from_registry(entry) for entry in m.press_rooms)
    seen: set[str] = set()
    for room in rooms:
        if room is not None and room.key not in seen:
            seen.add(room.key)
            yield press_source(room)


def payload(m: Municipality, memory: bytes, options: CrawlOptions, source: Source) -> dict[str, Any]:
    """The job's one argument: plain data (RQ pickles it; nothing here is a class of ours). A
    press-room job carries the municipality's whole memory too: what the archive answers for its
    releases (new, or a copy of a site article) depends on the site's articles."""
    room = None if source.press_room is None else asdict(source.press_room)
    return {"municipality": m.to_dict(), "source": source.name, "options": options.to_dict(),
            "memory": memory, "press_room": room}  # fmt: skip


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
    """Put one job per municipality and source on the queue (see the module docstring); the
    municipality's memory is read once for all its jobs."""
    queue = Queue(cluster.QUEUE, connection=conn)
    day = day or dt.date.today().isoformat()
    out = []
    for m in municipalities:
        memory: bytes | None = None
        for source in sources(m):
            jid = job_id(m.id, day, source.name)
            why = _waiting(conn, jid)
            if why and not (force and why == "done today"):
                out.append(Enqueued(m.id, jid, why))
                continue
            if why:
                Job.fetch(jid, connection=conn).delete()
            if memory is None:
                memory = read_memory(db, m.id).pack() if db else b""
            queue.enqueue(
                CRAWL_FUNCTION,
                payload(m, memory, options, source),
                job_id=jid,
                job_timeout=job_timeout,
                retry=Retry(max=len(retry_intervals), interval=list(retry_intervals))
                if retry_intervals
                else None,
                result_ttl=cluster.RESULT_TTL,
                failure_ttl=cluster.FAILURE_TTL,
                on_failure=Callback(FAILURE_CALLBACK),
                description=f"crawl {source.describe()} of {m.id} ({day})",
            )
            out.append(Enqueued(m.id, jid, "queued"))
    return out
