"""The worker side of the archive: the crawl's archive pipeline, sending instead of writing.

:class:`ResultPipeline` is :class:`~scraper.pipelines.ArchivePipeline` (the same item handling, the
same crawl record and notes) on a :class:`RemoteArchive`: every write becomes a stream entry for
the writer (:mod:`scraper.cluster.results`). The archive's answers that the crawl record counts
(new, updated or unchanged; a known article touched or marked removed; the platform seen before)
are predicted from the memory shipped in the job, which is what the archive held when the job was
enqueued: for a first attempt they are the answers the archive gives.

A result that cannot be sent (Redis gone) stops the crawl, and the job fails and is retried:
nothing is dropped silently.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scraper.archive import NEW, UNCHANGED, UPDATED, content_hash, crawl_status
from scraper.clock import utc_now
from scraper.cluster.memory import ShippedMemory
from scraper.cluster.results import ResultSender
from scraper.items import Article, PageState
from scraper.pipelines import ArchivePipeline

logger = logging.getLogger(__name__)
#: The crawl's finish reason when results could not be sent (the child then exits non-zero).
UNSENDABLE = "results_unsendable"


class RemoteArchive:
    """The :class:`~scraper.archive.Archive` methods ArchivePipeline calls, as stream entries."""

    def __init__(self, sender: ResultSender, memory: ShippedMemory) -> None:
        self.sender = sender
        self.hashes = dict(memory.hashes)
        self.known = set(memory.known)
        self.removed = {url for url, row in memory.known.items() if row.get("removed")}
        # An article's other URL (a press-room copy) gone does not remove the article.
        self.also_at = {url for url, row in memory.known.items() if row.get("also_at")}
        self.platform = memory.platform

    def save_municipalities(self, municipalities: Iterable[dict[str, Any]]) -> None:
        self.sender.send("save_municipalities", list(municipalities))

    def save_article(self, article: Article) -> str:
        self.sender.send("save_article", article)
        key = article.canonical_url or article.url
        digest, before = content_hash(article), self.hashes.get(key) or self.hashes.get(article.url)
        self.hashes[key] = digest
        self.known.add(key)
        self.removed.discard(key)
        if before is None:
            return NEW
        return UNCHANGED if before == digest else UPDATED

    def touch_article(self, url: str, seen: str) -> bool:
        self.sender.send("touch_article", {"url": url, "seen": seen})
        return url in self.known

    def mark_removed(self, url: str, found_at: str, reason: str) -> bool:
        self.sender.send("mark_removed", {"url": url, "found_at": found_at, "reason": reason})
        first = url in self.known and url not in self.removed and url not in self.also_at
        self.removed.add(url)
        return first

    def save_page(self, page: PageState) -> None:
        self.sender.send("save_page", page)

    def record_platform(self, municipality_id: str, platform: str, seen: str) -> str | None:
        self.sender.send(
            "record_platform", {"municipality_id": municipality_id, "platform": platform, "seen": seen}
        )
        before, self.platform = self.platform, platform
        return before if before and before != platform else None

    def count_articles(self, municipality_id: str) -> None:
        self.sender.send("count_articles", {"municipality_id": municipality_id})

    def record_crawl(self, municipality_id: str, **facts: Any) -> str:
        self.sender.send("record_crawl", {"municipality_id": municipality_id, **facts})
        return crawl_status(
            articles_new=facts["articles_new"],
            articles_updated=facts["articles_updated"],
            articles_unchanged=facts["articles_unchanged"],
        )

    def checkpoint(self) -> None:
        pass

    def close(self) -> None:
        self.sender.close()


class ResultPipeline(ArchivePipeline):
    """ArchivePipeline for a cluster job: settings ``MUNINEWS_CLUSTER_REDIS``, ``MUNINEWS_CLUSTER_JOB``
    and ``MUNINEWS_CLUSTER_MEMORY`` (the file the shipped memory was unpacked to) say where to.

    A press-room job (``MUNINEWS_CLUSTER_PRESS_ROOM``) writes no crawl record: the municipality's
    crawl record is its website job's, as one ``muninews crawl`` writes one per municipality (a
    press room that answers nothing must not make the kommun ``failing``, a failed press-room job
    does, with its reason: :func:`scraper.cluster.worker.job_failed`). It leaves the municipality's
    ``article_count`` counted again instead, which its releases changed after the website job's
    record may already have counted.
    """

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self.sender = ResultSender(
            settings.get("MUNINEWS_CLUSTER_REDIS"), settings.get("MUNINEWS_CLUSTER_JOB")
        )
        memory_file = settings.get("MUNINEWS_CLUSTER_MEMORY")
        self.memory = (
            ShippedMemory(**json.loads(Path(memory_file).read_text())) if memory_file else ShippedMemory()
        )
        self.unsent: str | None = None
        self.press_room = crawler.settings.getbool("MUNINEWS_CLUSTER_PRESS_ROOM")
        self.remote: RemoteArchive | None = None

    def open_spider(self) -> None:
        self.started = utc_now()
        remote = self.remote = RemoteArchive(self.sender, self.memory)
        self.archive = remote  # type: ignore[assignment]  # the Archive calls ArchivePipeline makes
        self._sending(
            lambda: remote.save_municipalities(m.to_dict() for m in self.crawler.spider.municipalities)
        )

    def _sending(self, call: Any) -> None:
        if self.unsent:
            return
        try:
            call()
        except Exception as exc:  # redis.RedisError, a socket error: stop, fail the job, retry it
            self.unsent = f"{type(exc).__name__}: {exc}"
            logger.error("cluster: cannot send results (%s); stopping the crawl", self.unsent)
            self.crawler.engine.close_spider(self.crawler.spider, UNSENDABLE)

    def process_item(self, item: Any) -> Any:
        if self.archive is not None:
            archive = self.archive
            self._sending(lambda: self._store(archive, item))
        return item

    def _count_articles(self, remote: RemoteArchive) -> None:
        for m in self.crawler.spider.municipalities:
            remote.count_articles(m.id)

    def close_spider(self) -> None:
        if self.archive is None:
            return
        archive, remote = self.archive, self.remote
        if self.press_room and remote is not None:
            self._sending(lambda: self._count_articles(remote))
        else:
            self._sending(lambda: self._record_crawls(archive))
        self.sender.close()
        if self.unsent:
            self.crawler.stats.set_value(UNSENDABLE, self.unsent)
