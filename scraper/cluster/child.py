"""One crawl job's spider, in its own process: ``python -m scraper.cluster.child JOB.json``.

The worker writes the job (registry entry, options, shipped memory) to ``JOB.json`` and runs this
module in a subprocess, because Scrapy's Twisted reactor runs once per process. It runs the normal
news spider on that one municipality (its website, or one of its press rooms) with the shipped
memory instead of the archive's, its captures
going to the shared captures directory and its archive calls to the stream
(:class:`~scraper.cluster.sink.ResultPipeline`). Exit status 0: the crawl finished and every result
was sent; anything else makes the worker fail the job (RQ retries it).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from scraper.cluster.memory import ShippedMemory

PIPELINES = {"scraper.pipelines.ExtractPipeline": 300, "scraper.cluster.sink.ResultPipeline": 800}


def _prepare(job: dict[str, Any], work: Path) -> dict[str, Any]:
    """Write the one-entry registry and the unpacked memory; the Scrapy settings of the job."""
    from scraper.registry import Municipality, save_registry

    registry = work / "registry.json"
    save_registry([Municipality(**job["payload"]["municipality"])], registry)
    memory = ShippedMemory.unpack(bytes.fromhex(job["payload"]["memory"]))
    (work / "memory.json").write_text(json.dumps(memory.__dict__, ensure_ascii=False), encoding="utf-8")
    options = job["payload"]["options"]
    settings: dict[str, Any] = {
        **options.get("settings", {}),
        "MUNINEWS_REGISTRY": str(registry),
        "MUNINEWS_CLUSTER_MEMORY": str(work / "memory.json"),
        "MUNINEWS_CLUSTER_REDIS": job["redis"],
        "MUNINEWS_CLUSTER_JOB": job["id"],
        "MUNINEWS_CLUSTER_PRESS_ROOM": "1" if job["payload"].get("press_room") else "0",
        "ITEM_PIPELINES": PIPELINES,
    }
    if job.get("captures"):
        settings["MUNINEWS_CAPTURES_DIR"] = job["captures"]
    return {"settings": settings, **{k: options.get(k) for k in ("max_pages", "since", "revisit")}}


def spider_arguments(payload: dict[str, Any]) -> dict[str, str]:
    """A press-room job crawls that press room alone; a website job leaves the configured press rooms
    to their own jobs (:mod:`scraper.crawl.second_sources`)."""
    room = payload.get("press_room")
    if room:
        return {"press_room": room.get("url") or room.get("feed_url") or ""}
    return {"press_rooms": "apart"}


def run(job: dict[str, Any]) -> int:
    from scrapy.crawler import CrawlerProcess

    from scraper.cluster.sink import UNSENDABLE
    from scraper.crawl.memory import CrawlMemory
    from scraper.crawl.spiders.news import NewsSpider
    from scraper.runner import crawl_settings

    with tempfile.TemporaryDirectory(prefix="muninews-job-") as tmp:
        work = Path(tmp)
        chosen = _prepare(job, work)
        # No archive on a worker: MUNINEWS_DB only names the (never created) file the spider reads
        # nothing from, since the memory comes from the job.
        project = crawl_settings(str(work / "no-archive.db"), **chosen)
        memory = json.loads((work / "memory.json").read_text(encoding="utf-8"))

        class JobSpider(NewsSpider):
            @staticmethod
            def load_memory(_db: str, _ids: Any, policy: Any, clock: Any) -> CrawlMemory:
                return CrawlMemory.from_rows(memory["known"], memory["pages"], policy, clock)

        process = CrawlerProcess(project)
        crawler = process.create_crawler(JobSpider)
        failures: list[str] = []
        mid = job["payload"]["municipality"]["id"]
        crawl = process.crawl(crawler, municipalities=mid, **spider_arguments(job["payload"]))
        crawl.addErrback(lambda f: failures.append(f.getErrorMessage()))
        process.start()
        reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
        unsent = crawler.stats.get_value(UNSENDABLE) if crawler.stats else None
        if failures or unsent or reason != "finished":
            why = "; ".join(failures) or (f"results not sent: {unsent}" if unsent else reason)
            print(f"muninews job {job['id']}: {why}", file=sys.stderr)
            return 1
        return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    job = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    return run(job)


if __name__ == "__main__":
    sys.exit(main())
