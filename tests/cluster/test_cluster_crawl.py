"""Redis, three RQ workers and the one writer crawl a generated web of 33 sites: the archive equals a
single-process crawl of the same web, also when workers (5 times) or the writer (3 times) are killed
with -9 at random moments (fewer with CI=1, as tests/faults/test_kill.py does)."""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scraper.cluster.local import LocalCluster
from scraper.cluster.status import read_status
from tests.helpers import VOLATILE_COLUMNS, archive_snapshot, assert_consistent, crawl_into, rows

CI = bool(os.environ.get("CI"))
WORKER_KILLS = 3 if CI else 5
WRITER_KILLS = 2 if CI else 3
SEED = int(os.environ.get("MUNINEWS_FAULT_SEED") or 15)
TIMEOUT = 900
#: The crawl settings of every crawl here, single-process and cluster alike: short delays (the
#: loopback servers are ours), no progress lines.
CRAWL_SETTINGS = [
    "MUNINEWS_PROGRESS_INTERVAL=0",
    "DOWNLOAD_DELAY=0.05",
    "AUTOTHROTTLE_ENABLED=0",
    # One request at a time per site: which of two links to one page (a case variant on an IIS-like
    # site, a redirecting form) is fetched first then does not depend on timing, in either crawl.
    "CONCURRENT_REQUESTS_PER_DOMAIN=1",
    "LOG_LEVEL=WARNING",
]


@pytest.fixture(scope="module")
def single(web_settings: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same web crawled by ``muninews crawl --all`` in one process."""
    db = tmp_path_factory.mktemp("single") / "single.db"
    crawl = crawl_into(db, "--all", *[arg for s in [*web_settings, *CRAWL_SETTINGS] for arg in ("-s", s)])
    assert crawl.returncode in (0, 3), crawl.log[-3000:]
    return db


def crawl_cluster(
    redis_url: str, web_settings: list[str], work: Path, chaos: Callable[[LocalCluster], None] | None = None
) -> Path:
    db = work / "cluster.db"
    cluster = LocalCluster(redis_url, db, work, [*web_settings, *CRAWL_SETTINGS])
    try:
        cluster.start_writer()
        for _ in range(3):
            cluster.start_worker()
        cluster.enqueue("--all")
        if chaos:
            chaos(cluster)
        cluster.wait_idle(TIMEOUT)
        status = read_status(cluster.redis)
        assert not status.failed, status.failed
    finally:
        cluster.stop()
    return db


def comparable(db: Path) -> dict[str, list[list[object]]]:
    """:func:`archive_snapshot` (articles with url, canonical URL, source, text and dates, quotes,
    contacts, people, article_urls, pages with redirects, removals), times and row ids aside, except:

    * ``articles.url`` compared without case, and a redirect between two spellings of one URL left
      out: an IIS-like generated site answers ``/News/Item?id=4`` and ``/news/item?id=4`` alike,
      and which spelling is asked first depends on the order responses arrive in;
    * of ``crawls`` the municipality, status, errors and note: a press room with a job of its own
      is not in its municipality's crawl record's counts.
    """
    snapshot = archive_snapshot(db)
    names = [r["name"] for r in rows(db, "PRAGMA table_info(articles)") if r["name"] not in VOLATILE_COLUMNS]
    at = names.index("url")
    snapshot["articles"] = sorted(
        ([str(c).lower() if i == at else c for i, c in enumerate(r)] for r in snapshot["articles"]), key=repr
    )
    snapshot["crawls"] = sorted([r[0], r[1], r[-2], r[-1]] for r in snapshot["crawls"])
    # For the same reason, a remembered redirect from one spelling to the other (``/News/Item`` ->
    # ``/news/item/``) is there only if that spelling was asked first.
    snapshot["pages"] = [r for r in snapshot["pages"] if not _case_only_redirect(r)]
    return snapshot


def _case_only_redirect(row: list[object]) -> bool:
    if row[2] != "redirect" or not isinstance(row[-2], str):
        return False
    targets = [link["url"] for link in json.loads(row[-2])]
    return [str(row[0]).lower().rstrip("/")] == [t.lower().rstrip("/") for t in targets]


def assert_same_archive(db: Path, single: Path) -> None:
    assert_consistent(db)
    duplicates = rows(db, "SELECT canonical_url FROM articles GROUP BY canonical_url HAVING count(*) > 1")
    assert duplicates == []
    got, want = comparable(db), comparable(single)
    assert len(want["articles"]) >= 150 and len(want["quotes"]) > 0 and len(want["contacts"]) > 0
    assert len(want["article_urls"]) > 0
    different = [t for t in want if got[t] != want[t]]
    if different and os.environ.get("C15_DIFF"):
        diff = {
            t: {
                "only_cluster": [r for r in got[t] if r not in want[t]],
                "only_single": [r for r in want[t] if r not in got[t]],
            }
            for t in different
        }
        Path(os.environ["C15_DIFF"]).write_text(json.dumps(diff, indent=1, default=str, ensure_ascii=False))
    assert different == []


def test_three_workers_and_the_writer_archive_what_one_process_does(
    fresh_redis: str, web_settings: list[str], single: Path, tmp_path: Path
) -> None:
    db = crawl_cluster(fresh_redis, web_settings, tmp_path)
    assert_same_archive(db, single)
    assert len(rows(db, "SELECT * FROM crawls")) == len(rows(single, "SELECT * FROM municipalities"))


def _busy_worker(cluster: LocalCluster, rng: random.Random) -> str:
    busy = {w.name for w in read_status(cluster.redis).workers if w.job}
    names = sorted(n for n in cluster.workers if n in busy) or sorted(cluster.workers)
    return rng.choice(names)


def test_kill_9_of_workers_at_random_moments_loses_and_duplicates_nothing(
    fresh_redis: str, web_settings: list[str], single: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)

    def chaos(cluster: LocalCluster) -> None:
        for _ in range(WORKER_KILLS):
            time.sleep(rng.uniform(1.0, 8.0))
            cluster.kill_worker(_busy_worker(cluster, rng))
            cluster.start_worker()

    assert_same_archive(crawl_cluster(fresh_redis, web_settings, tmp_path, chaos), single)


def test_kill_9_of_the_writer_at_random_moments_loses_and_duplicates_nothing(
    fresh_redis: str, web_settings: list[str], single: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED + 1)

    def chaos(cluster: LocalCluster) -> None:
        for _ in range(WRITER_KILLS):
            time.sleep(rng.uniform(1.0, 8.0))
            assert cluster.writer is not None
            cluster.kill(cluster.writer)
            time.sleep(rng.uniform(0.0, 2.0))
            cluster.start_writer()

    assert_same_archive(crawl_cluster(fresh_redis, web_settings, tmp_path, chaos), single)
