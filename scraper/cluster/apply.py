"""One result entry → one call on the single archive writer, idempotently.

Re-delivered entries (a writer killed between commit and acknowledgement) and a retried job's
second copy of what its killed first attempt sent change nothing: articles are keyed by canonical
URL and compared by content hash (``Archive.save_article`` answers 'unchanged'), captures by their
WARC record id, pages by URL, presence marks only move ``last_seen``. A crawl record is the one
call that appends a row, so it is written once per job: the job ids already recorded are kept in a
Redis set, and a re-delivered record is also recognised by its municipality and start time.
"""

from __future__ import annotations

from typing import Any

from redis import Redis

from scraper import cluster
from scraper.archive import Archive

#: Jobs whose crawl record is in the archive (a set in Redis, kept as long as failed jobs).
RECORDED = cluster.STREAM + ":recorded"


class Applier:
    def __init__(self, archive: Archive, conn: Redis) -> None:
        self.archive = archive
        self.conn = conn

    def apply(self, job: str, op: str, data: Any) -> None:
        a = self.archive
        if op == "save_article":
            a.save_article(data)
        elif op == "save_page":
            a.save_page(data)
        elif op == "touch_article":
            a.touch_article(data["url"], data["seen"])
        elif op == "mark_removed":
            a.mark_removed(data["url"], data["found_at"], data["reason"])
        elif op == "save_municipalities":
            a.save_municipalities(data)
        elif op == "record_platform":
            a.record_platform(data["municipality_id"], data["platform"], data["seen"])
        elif op == "record_crawl":
            self._record_crawl(job, data)
        elif op == "count_articles":
            a.count_articles(data["municipality_id"])
        else:  # results.decode lets only the known calls through
            raise ValueError(f"unknown call {op}")

    def _record_crawl(self, job: str, data: dict[str, Any]) -> None:
        if self.conn.sismember(RECORDED, job) or self._recorded(data["municipality_id"], data["started"]):
            return
        facts = dict(data)
        mid = facts.pop("municipality_id")
        self.archive.record_crawl(mid, **facts)
        self.conn.sadd(RECORDED, job)
        self.conn.expire(RECORDED, cluster.FAILURE_TTL)

    def _recorded(self, mid: str, started: str) -> bool:
        row = self.archive.db.execute(
            "SELECT 1 FROM crawls WHERE municipality_id = ? AND started = ? LIMIT 1", [mid, started]
        ).fetchone()
        return row is not None
