"""Jobs, failures and the writer's idempotence, each against a real private Redis."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from redis import Redis

from scraper import cluster
from scraper.archive import Archive
from scraper.cluster.apply import Applier
from scraper.cluster.jobs import CrawlOptions, enqueue, job_id
from scraper.cluster.local import LocalCluster
from scraper.cluster.results import ResultSender
from scraper.cluster.status import format_status, read_status
from scraper.cluster.worker import SiteBusy, site_lock
from scraper.cluster.writer import Writer, ensure_group
from scraper.registry import Municipality, save_registry
from tests.helpers import ROOT, archive_snapshot, rows, sample_article

AVIK = Municipality(id="avik", name="Aviks kommun", homepage="http://127.0.0.1:9/")
BERGA = Municipality(id="berga", name="Berga kommun", homepage="http://127.0.0.1:9/")


def test_a_kommun_is_queued_once_a_day_whatever_is_enqueued_again(fresh_redis: str) -> None:
    conn = Redis.from_url(fresh_redis)
    first = enqueue(conn, [AVIK, BERGA], db=None, options=CrawlOptions(), day="2026-12-02")
    again = enqueue(conn, [AVIK], db=None, options=CrawlOptions(), day="2026-12-02")
    assert [e.status for e in first] == ["queued", "queued"]
    assert [(e.job_id, e.status) for e in again] == [(job_id("avik", "2026-12-02"), "already queued")]
    assert read_status(conn).queued == 2
    assert enqueue(conn, [AVIK], db=None, options=CrawlOptions(), day="2026-12-03")[0].status == "queued"


def crawl_health(db: Path) -> list[sqlite3.Row]:
    metadata = json.loads((ROOT / "scraper/web/datasette_metadata.json").read_text(encoding="utf-8"))
    sql = metadata["databases"]["archive"]["queries"]["crawl_health"]["sql"]
    return rows(db, sql)


def test_a_job_that_fails_every_retry_is_in_crawl_health_with_its_reason(
    fresh_redis: str, tmp_path: Path
) -> None:
    registry = tmp_path / "registry.json"
    save_registry([AVIK], registry)
    db = tmp_path / "archive.db"
    # A setting the spider refuses makes the crawl fail before it fetches anything, every time.
    local = LocalCluster(
        fresh_redis, db, tmp_path, [f"MUNINEWS_REGISTRY={registry}", "MUNINEWS_MAX_PAGES=many"]
    )
    try:
        local.start_writer()
        local.start_worker()
        local.enqueue("avik")
        local.wait_idle(300)
        status = read_status(local.redis)
    finally:
        local.stop()
    assert [j for j, _why in status.failed] == [job_id("avik", dt.date.today().isoformat())]
    assert "crawl exited with status 1" in status.failed[0][1]
    assert "failed 1" in format_status(status)
    health = {r["id"]: r for r in crawl_health(db)}
    assert health["avik"]["last_status"] == "failing"
    assert "cluster job crawl-website-avik-" in health["avik"]["note"]
    assert "crawl exited with status 1" in health["avik"]["note"]
    assert len(rows(db, "SELECT * FROM crawls")) == 1  # one record, not one per attempt


def test_results_delivered_twice_change_nothing(fresh_redis: str, tmp_path: Path) -> None:
    """What a writer killed between commit and XACK sees again, and a retried job's second copy."""
    conn = Redis.from_url(fresh_redis)
    article = sample_article()
    crawl = {"municipality_id": article.municipality_id, "started": "2026-12-02T01:00:00Z",
             "finished": "2026-12-02T01:05:00Z", "pages_fetched": 3, "articles_found": 1, "articles_new": 1,
             "articles_updated": 0, "articles_unchanged": 0, "errors": 0, "note": None}  # fmt: skip
    sender = ResultSender(fresh_redis, "crawl-website-x-2026-12-02@t")
    for _ in range(2):
        sender.send("save_article", article)
        sender.send("record_crawl", crawl)
    db = tmp_path / "archive.db"
    Writer(conn, str(db), block_ms=100).run(until_idle=True)
    once = archive_snapshot(db)
    with Archive(db) as archive:  # and the same entries once more, after they were committed
        applier = Applier(archive, conn)
        applier.apply(sender.job, "save_article", article)
        applier.apply(sender.job, "record_crawl", crawl)
    assert archive_snapshot(db) == once
    assert len(once["articles"]) == 1 and len(once["crawls"]) == 1
    assert conn.xlen(cluster.STREAM) == 0  # acknowledged and deleted after the commit


def test_the_writer_takes_over_what_a_dead_writer_left_pending(
    fresh_redis: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = Redis.from_url(fresh_redis)
    sender = ResultSender(fresh_redis, "job@t")
    sender.send("save_article", sample_article())
    dead = Writer(conn, str(tmp_path / "archive.db"), consumer="writer@gone")
    ensure_group(conn)
    assert len(dead._read(">")) == 1  # read, never committed: the writer died here
    survivor = Writer(conn, str(tmp_path / "archive.db"), consumer="writer@new", block_ms=100)
    monkeypatch.setattr(cluster, "CLAIM_IDLE_MS", 0)  # the dead writer's entry is idle long enough
    survivor.run(until_idle=True)
    assert len(rows(tmp_path / "archive.db", "SELECT * FROM articles")) == 1
    assert read_status(conn).writer_pending == 0


def test_yesterdays_job_still_crawling_a_site_keeps_todays_off_it(fresh_redis: str) -> None:
    conn = Redis.from_url(fresh_redis)
    payload = {"source": "website", "municipality": {"id": "avik"}}
    yesterday, today = job_id("avik", "2026-12-01"), job_id("avik", "2026-12-02")
    with site_lock(conn, payload, yesterday, 60):
        with pytest.raises(SiteBusy, match=yesterday), site_lock(conn, payload, today, 60):
            pass
        with site_lock(conn, payload, yesterday, 60):  # its own retry after a dead worker takes it over
            pass
    with site_lock(conn, payload, today, 60):  # released when yesterday's crawl ended
        assert conn.get("muninews:site:website:avik") == today.encode()
    assert conn.get("muninews:site:website:avik") is None


def test_an_archive_the_writer_is_still_creating_ships_no_memory(tmp_path: Path) -> None:
    from scraper.cluster.memory import read_memory

    db = tmp_path / "archive.db"
    sqlite3.connect(db).close()  # the file exists, its tables do not yet
    assert read_memory(db, "avik").pack() == read_memory(tmp_path / "none.db", "avik").pack()
    with Archive(db) as archive:
        archive.save_article(sample_article(municipality_id="avik"))
    assert len(read_memory(db, "avik").known) == 1


def test_each_configured_press_room_is_a_job_of_its_own_once_a_day(fresh_redis: str) -> None:
    conn = Redis.from_url(fresh_redis)
    rooms = [{"kind": "mynewsdesk", "url": "https://www.mynewsdesk.com/se/aviks_kommun", "feed_url": None},
             {"kind": "via_tt", "url": None, "feed_url": "https://via.tt.se/rss/pub/77"}]  # fmt: skip
    avik = Municipality(id="avik", name="Aviks kommun", homepage="http://127.0.0.1:9/", press_rooms=rooms)
    first = enqueue(conn, [avik], db=None, options=CrawlOptions(), day="2026-12-02")
    ids = [e.job_id for e in first]
    assert ids[0] == job_id("avik", "2026-12-02") and len(set(ids)) == 3
    assert ids[1].startswith("crawl-mynewsdesk-") and ids[2].startswith("crawl-via_tt-")
    again = enqueue(conn, [avik], db=None, options=CrawlOptions(), day="2026-12-02")
    assert [(e.job_id, e.status) for e in again] == [(j, "already queued") for j in ids]
    tomorrow = enqueue(conn, [avik], db=None, options=CrawlOptions(), day="2026-12-03")
    assert [j.job_id.replace("2026-12-03", "2026-12-02") for j in tomorrow] == ids  # stable per press room


def test_a_press_room_job_waits_for_its_host_while_another_crawls_it(fresh_redis: str) -> None:
    conn = Redis.from_url(fresh_redis)
    room = {"kind": "mynewsdesk", "url": "https://www.mynewsdesk.com/se/aviks_kommun", "feed_url": None}
    other = {**room, "url": "https://www.mynewsdesk.com/se/berga_kommun"}
    avik = {"source": "mynewsdesk-1", "municipality": {"id": "avik"}, "press_room": room}
    berga = {"source": "mynewsdesk-2", "municipality": {"id": "berga"}, "press_room": other}
    with (
        site_lock(conn, avik, "a", 60),
        pytest.raises(SiteBusy, match=r"press:www\.mynewsdesk\.com"),
        site_lock(conn, berga, "b", 60, wait=0.3),
    ):
        pass
    with site_lock(conn, berga, "b", 60, wait=0.3):  # free again: taken at once
        assert conn.get("muninews:site:press:www.mynewsdesk.com") == b"b"
