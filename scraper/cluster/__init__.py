"""Crawling on several machines: RQ jobs on Redis, crawl workers, one archive writer.

The flow (README, "Crawling on several machines"):

* :mod:`~scraper.cluster.jobs` — ``muninews enqueue`` puts one RQ job per municipality (and source
  kind) and day on the queue, with the municipality's crawl memory read from the archive;
* :mod:`~scraper.cluster.worker` — ``muninews worker`` runs jobs; each job runs the normal news
  spider in a subprocess (:mod:`~scraper.cluster.child`, the Twisted reactor cannot restart) whose
  archive pipeline is :class:`~scraper.cluster.sink.ResultPipeline`: it sends what it would have
  written to a Redis Stream instead;
* :mod:`~scraper.cluster.writer` — ``muninews writer`` is the only process that writes the SQLite
  archive: it reads the stream in a consumer group and acknowledges an entry only after its commit;
* :mod:`~scraper.cluster.status` — ``muninews cluster status``.

Every default of the cluster is here, once, with its reason.
"""

from __future__ import annotations

#: The RQ queue every worker listens on.
QUEUE = "muninews"
#: The Redis Stream of results (worker → writer) and the writer's consumer group on it.
STREAM = "muninews:results"
GROUP = "archive-writer"

#: Seconds one crawl job may run. The largest crawl seen is a few thousand pages of one kommun at
#: DOWNLOAD_DELAY 0.5 s with AutoThrottle (well under an hour); two hours leave room for a slow site
#: without letting a hung crawl hold its municipality's job for ever.
JOB_TIMEOUT = 2 * 3600
#: Retries of a failed job (a crashed spider, a dead worker) and the waits before them, in seconds:
#: a site that is down for a minute gets another chance, one that is down for the night fails.
RETRY_INTERVALS = (60, 300, 900)
#: How often a worker runs RQ's maintenance (moving abandoned jobs of dead workers back to the
#: queue, the scheduler's retries): RQ's default is 600 s; 15 s re-queues a dead worker's job within
#: a heartbeat grace plus 15 s instead of ten minutes. The check is one sorted-set query.
MAINTENANCE_INTERVAL = 15
#: Seconds between a busy worker's heartbeats (RQ's job_monitoring_interval; its default is 30).
JOB_MONITORING_INTERVAL = 10
#: A job whose worker sent no heartbeat for this long after the interval is abandoned. RQ hard-codes
#: 60 s; 20 s is two missed heartbeats, enough for a loaded machine, short enough to re-queue fast.
HEARTBEAT_GRACE = 20
#: How long a finished job (its id) is kept: a day, so ``enqueue`` the same day skips it.
RESULT_TTL = 24 * 3600
#: A failed job is kept a week for ``muninews cluster status``.
FAILURE_TTL = 7 * 24 * 3600
#: The writer claims pending entries of a dead writer after they were idle this long (ms).
CLAIM_IDLE_MS = 30_000
#: How long a press-room job waits for its host while another municipality's press room on it is
#: crawled (all Mynewsdesk newsrooms share one host): a press room is a feed and a few releases, a
#: minute or two at the politeness delay, so ten minutes is several turns; then it fails and retries.
PRESS_HOST_WAIT = 600
#: Seconds between two tries of a busy lock.
LOCK_POLL = 1.0
#: Entries the writer reads (and commits) per batch; each entry is its own transaction.
READ_COUNT = 100
