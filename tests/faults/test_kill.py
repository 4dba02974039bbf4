"""kill -9 at random moments of a crawl and of ``muninews reextract``: the archive stays consistent.

After each kill: integrity and foreign-key checks, both FTS indexes' integrity-check, no orphan or
half-written rows, every capture replays (:func:`tests.helpers.assert_consistent`); at the end a
run without a kill completes the work (the crawl stores every article once; re-extraction gives
exactly the archive an uninterrupted run gives). The kill moments come from a seeded generator (the
seed, ``MUNINEWS_FAULT_SEED``, defaults to 11); ``MUNINEWS_FAULT_ROUNDS`` sets how many (default 3, 2
when ``CI`` is set).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.demo.server import SITES_ROOT, SiteServer
from tests.helpers import ROOT, archive_snapshot, assert_consistent, crawl_site, free_port, run_cli

ROUNDS = int(os.environ.get("MUNINEWS_FAULT_ROUNDS") or (2 if os.environ.get("CI") else 3))
SEED = int(os.environ.get("MUNINEWS_FAULT_SEED") or 11)
FULL = 12  # articles a whole crawl of the hemlunda site stores


@pytest.fixture(scope="module")
def site() -> Iterator[int]:
    port = free_port()
    with SiteServer(SITES_ROOT / "hemlunda", port=port) as server:
        assert server.app is not None
        handle = server.app.handle

        def slowed(target: str, headers: dict[str, str]):
            if target.startswith("/nyheter/nyheter/2"):
                time.sleep(0.15)  # slow enough that a kill lands in the middle of the articles
            return handle(target, headers)

        server.app.handle = slowed  # type: ignore[method-assign]
        yield port


def has_schema(db: Path) -> bool:
    if not db.exists():
        return False
    conn = sqlite3.connect(db)
    try:
        return bool(
            conn.execute("select count(*) from sqlite_master where name = 'articles_fts'").fetchone()[0]
        )
    finally:
        conn.close()


def kill_after(argv: list[str], seconds: float) -> int | None:
    """Run ``argv``, SIGKILL it after ``seconds`` (None: it finished first, with that status)."""
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return None


def test_kill_9_at_random_points_of_a_crawl(site: int, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "a.db"
    argv = [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "--url", f"http://127.0.0.1:{site}/"]
    argv += ["--name", "Hemlunda kommun", "-s", "MUNINEWS_PROGRESS_INTERVAL=0", "-s", "CONCURRENT_REQUESTS=2"]
    moments = sorted(round(rng.uniform(0.5, 4.0), 2) for _ in range(ROUNDS))
    for moment in moments:  # into the same archive, each run resuming from what the last one kept
        kill_after(argv, moment)
        if has_schema(db):
            assert_consistent(db)
    again = crawl_site(db, site)
    assert again.returncode == 0, (moments, again.log[-3000:])
    assert_consistent(db)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("select count(*) from articles").fetchone()[0] == FULL, moments
        dupes = conn.execute("select canonical_url from articles group by 1 having count(*) > 1").fetchall()
    finally:
        conn.close()
    assert dupes == [], moments


@pytest.fixture(scope="module")
def crawled(site: int, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("crawled") / "archive.db"
    result = crawl_site(db, site)
    assert result.returncode == 0, result.log[-3000:]
    return db


def copy_archive(db: Path, to: Path) -> Path:
    to.mkdir()
    shutil.copy2(db, to / db.name)
    shutil.copytree(db.with_suffix(".captures"), to / db.with_suffix(".captures").name)
    return to / db.name


def test_kill_9_at_random_points_of_reextract(crawled: Path, tmp_path: Path) -> None:
    clean = copy_archive(crawled, tmp_path / "clean")
    started = time.monotonic()
    done = run_cli("reextract", "--db", str(clean))
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    expected = archive_snapshot(clean)

    rng = random.Random(SEED)
    for round_ in range(ROUNDS):
        db = copy_archive(crawled, tmp_path / f"round{round_}")
        moment = round(rng.uniform(0.4 * took, took), 2)  # past the imports, into the work
        kill_after([sys.executable, "-m", "scraper", "reextract", "--db", str(db)], moment)
        assert_consistent(db)
        again = run_cli("reextract", "--db", str(db))
        assert again.returncode == 0, (moment, again.stderr[-2000:])
        assert_consistent(db)
        assert archive_snapshot(db) == expected, moment
