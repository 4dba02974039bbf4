"""Crash safety and resumable crawls, with real crawl subprocesses.

A crawl killed with SIGKILL while it writes must leave a consistent archive (no half-written article,
no orphan quotes, FTS in step) and the next run must complete the work without duplicates. A crawl
with ``--jobdir`` stopped with Ctrl-C (SIGINT) must resume from where it stopped.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scraper.demo.server import SITES_ROOT, SiteServer
from tests.helpers import ROOT, article_requests, assert_consistent, crawl_site, free_port

SITE = "hemlunda"


@pytest.fixture(scope="module")
def full_count(tmp_path_factory: pytest.TempPathFactory) -> int:
    """Articles an uninterrupted crawl of the site stores."""
    db = tmp_path_factory.mktemp("full") / "archive.db"
    port = free_port()
    with SiteServer(SITES_ROOT / SITE, port=port):
        crawl = crawl_site(db, port)
    assert crawl.returncode == 0, crawl.log[-3000:]
    return _count(db)


def _count(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        conn.close()


def slow(server: SiteServer, seconds: float) -> None:
    """Delay article pages: the crawl is then slow enough to be stopped in the middle."""
    assert server.app is not None
    handle = server.app.handle

    def delayed(target: str, headers: dict[str, str]):
        if target.startswith("/nyheter/nyheter/2"):
            time.sleep(seconds)
        return handle(target, headers)

    server.app.handle = delayed  # type: ignore[method-assign]


def start_crawl(db: Path, port: int, *args: str) -> subprocess.Popen:
    argv = [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "-s", "MUNINEWS_PROGRESS_INTERVAL=0"]
    argv += ["--url", f"http://127.0.0.1:{port}/", "--name", "Hemlunda kommun", *args]
    # One request at a time, so articles arrive one by one.
    argv += ["-s", "CONCURRENT_REQUESTS=1"]
    return subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[SiteServer, int]]:
    port = free_port()
    with SiteServer(SITES_ROOT / SITE, port=port) as server:
        slow(server, 0.4)
        yield server, port


def test_sigkill_leaves_a_consistent_archive_and_the_next_run_completes(
    site: tuple[SiteServer, int], tmp_path: Path, full_count: int
) -> None:
    server, port = site
    db = tmp_path / "archive.db"
    proc = start_crawl(db, port)
    try:
        wait_for(lambda: db.exists() and _count(db) >= 3)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    stored = _count(db)
    assert 3 <= stored < full_count  # killed in the middle
    assert_consistent(db)

    server.app.handle = server.app.__class__.handle.__get__(server.app)  # full speed again
    again = crawl_site(db, port)
    assert again.returncode == 0, again.log[-3000:]
    assert _count(db) == full_count
    assert_consistent(db)
    conn = sqlite3.connect(db)
    try:
        dupes = conn.execute(
            "SELECT title, published, count(*) FROM articles GROUP BY 1, 2 HAVING count(*) > 1"
        ).fetchall()
    finally:
        conn.close()
    assert dupes == []


def test_jobdir_pause_and_resume(site: tuple[SiteServer, int], tmp_path: Path, full_count: int) -> None:
    server, port = site
    db = tmp_path / "archive.db"
    jobdir = tmp_path / "job"
    proc = start_crawl(db, port, "--jobdir", str(jobdir))
    try:
        wait_for(lambda: db.exists() and _count(db) >= 2)
        proc.send_signal(signal.SIGINT)  # Ctrl-C once: Scrapy stops cleanly and keeps its queue
        log, _ = proc.communicate(timeout=60)
    except BaseException:
        proc.kill()
        raise
    assert "Spider closed (shutdown)" in log, log[-3000:]  # paused, not finished (exit status 1)
    paused = _count(db)
    assert paused < full_count
    assert (jobdir / "requests.seen").exists()
    first_fetches = {p for p, s in article_requests(server.requests) if s == 200}

    before = len(server.requests)
    resumed = start_crawl(db, port, "--jobdir", str(jobdir))
    log, _ = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, log[-3000:]
    assert _count(db) == full_count
    assert_consistent(db)
    second_fetches = [p for p, s in article_requests(server.requests[before:]) if s == 200]
    # The resumed run does not start over: nothing fetched before the pause is fetched again.
    assert not set(second_fetches) & first_fetches
    assert len(second_fetches) == len(set(second_fetches))
