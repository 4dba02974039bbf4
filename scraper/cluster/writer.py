"""``muninews writer --redis URL --db archive.db``: the one process that writes the archive.

It reads the result stream in a consumer group and applies each entry through the single
:class:`~scraper.archive.Archive` writer (:mod:`scraper.cluster.apply`); an entry is acknowledged
(XACK, then deleted) only after its transaction committed. A writer killed between commit and
acknowledgement gets the entry again and the archive absorbs it: every call is idempotent per
canonical URL and content hash, and a crawl record is written once per job. At start it takes over
what a dead writer left pending: its own pending entries (the consumer name is stable per host),
then entries idle longer than ``CLAIM_IDLE_MS`` under any other name (XAUTOCLAIM).
"""

from __future__ import annotations

import logging
import socket
import sqlite3
import threading
import time
from collections.abc import Iterable
from typing import Any

from redis import Redis
from redis.exceptions import ResponseError

from scraper import cluster
from scraper.archive import Archive
from scraper.cluster.apply import Applier
from scraper.cluster.results import decode

logger = logging.getLogger(__name__)
#: Entries that are not results, or whose call raised on their data, go here (with the error).
DEAD_LETTERS = cluster.STREAM + ":dead"
Entry = tuple[bytes, dict[bytes, bytes]]


def ensure_group(conn: Redis, stream: str = cluster.STREAM, group: str = cluster.GROUP) -> None:
    """Create the consumer group (and the stream) if missing; from the stream's start."""
    try:
        conn.xgroup_create(stream, group, id="0", mkstream=True)
    except ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise


class Writer:
    def __init__(self, conn: Redis, db: str, *, consumer: str | None = None, block_ms: int = 2000) -> None:
        self.conn = conn
        self.db = db
        self.consumer = consumer or f"writer@{socket.gethostname()}"
        self.block_ms = block_ms
        self.stop = threading.Event()
        self.applied = 0

    def _claimed(self) -> list[Entry]:
        """Pending entries of other (dead) consumers idle for CLAIM_IDLE_MS, now ours."""
        _next, entries, *_ = self.conn.xautoclaim(
            cluster.STREAM,
            cluster.GROUP,
            self.consumer,
            cluster.CLAIM_IDLE_MS,
            "0-0",
            count=cluster.READ_COUNT,
        )
        return [e for e in entries if e and e[1]]

    def _read(self, start: str) -> list[Entry]:
        answer: Any = self.conn.xreadgroup(
            cluster.GROUP, self.consumer, {cluster.STREAM: start}, count=cluster.READ_COUNT,
            block=None if start == "0" else self.block_ms,
        )  # fmt: skip
        return [e for _stream, entries in answer or [] for e in entries if e[1]]

    def _apply_all(self, applier: Applier, entries: Iterable[Entry]) -> None:
        for entry_id, fields in entries:
            try:
                job, op, data = decode(fields)
                applier.apply(job, op, data)
            except (sqlite3.OperationalError, OSError):
                raise  # the archive cannot be written now: not acknowledged, tried again
            except Exception as exc:  # a poison entry must not block the stream for ever
                logger.exception("writer: entry %s cannot be applied; moved to %s", entry_id, DEAD_LETTERS)
                self.conn.xadd(DEAD_LETTERS, {**fields, b"error": repr(exc).encode()})  # type: ignore[dict-item]
            self.conn.xack(cluster.STREAM, cluster.GROUP, entry_id)
            self.conn.xdel(cluster.STREAM, entry_id)
            self.applied += 1

    def run(self, *, until_idle: bool = False) -> int:
        """Apply results until stopped (or, with ``until_idle``, until nothing is left)."""
        ensure_group(self.conn)
        archive = Archive(self.db)
        applier = Applier(archive, self.conn)
        try:
            self._apply_all(applier, self._read("0"))  # what this consumer had before a crash
            while not self.stop.is_set():
                entries = self._claimed() or self._read("0") or self._read(">")
                if not entries:
                    if until_idle:
                        break
                    continue
                try:
                    self._apply_all(applier, entries)
                except (sqlite3.OperationalError, OSError) as exc:
                    logger.error("writer: archive not writable (%s); retrying in 5 s", exc)
                    time.sleep(5)
        finally:
            archive.checkpoint()
            archive.close()
        return 0
