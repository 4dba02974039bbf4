"""No traceback reaches a user: bad arguments, bad files, busy ports and Ctrl-C, with real subprocesses.

Each case checks the exit status, that stderr says what went wrong in words (naming the flag that
fixes it where there is one), and that no Python traceback is printed.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import ROOT, assert_consistent, free_port, run_cli
from tests.strict_server import StrictServer, article, home, listing


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stdout + proc.stderr, (proc.stdout + proc.stderr)[-3000:]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["crawl", "--url", "htp://www.example.se/", "--name", "X"], 2, "scheme 'htp'"),
        (["crawl", "--url", "www.example.se", "--name", "X"], 2, "http:// or https://"),
        (["crawl", "--url", "http://127.0.0.1:99999/", "--name", "X"], 2, "not a URL"),
        (["crawl", "--url", "http:///nyheter/", "--name", "X"], 2, "no host name"),
        (["crawl", "nosuchplace"], 2, "unknown municipality"),
        (["crawl", "--all", "-s", "MUNINEWS_REGISTRY=/nonexistent/registry.json"], 2, "registry.json"),
        (["crawl", "--all", "--since", "yesterday"], 2, "YYYY-MM-DD"),
        (["crawl", "--all", "-s", "novalue"], None, "KEY=VALUE"),
        (["extract", "/nonexistent/page.html"], 2, "No such file"),
        (["municipalities", "--registry", "/nonexistent/registry.json"], 2, "No such file"),
        (["reextract", "--db", "/nonexistent/archive.db"], 2, "no archive"),
    ],
)
def test_bad_arguments_get_one_line_and_a_usage_status(tmp_path: Path, args: list[str], code, words) -> None:
    proc = run_cli(*args, "--db", str(tmp_path / "a.db")) if args[0] == "crawl" else run_cli(*args)
    no_traceback(proc)
    assert proc.returncode == (code if code is not None else proc.returncode) and proc.returncode != 0
    assert words in proc.stderr, proc.stderr
    assert not (tmp_path / "a.db").exists()  # refused before anything started: no archive made


def test_bad_files_get_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, it is a text file\n" * 100)
    registry = tmp_path / "registry.json"
    registry.write_text("{not json")
    for args in (
        ["crawl", "--url", "http://127.0.0.1:9/", "--name", "X", "--db", str(junk)],
        ["reextract", "--db", str(junk)],
        ["export-wacz", "--db", str(junk)],
        ["municipalities", "--registry", str(registry)],
        ["crawl", "--all", "--db", str(tmp_path / "b.db"), "-s", f"MUNINEWS_REGISTRY={registry}"],
    ):
        proc = run_cli(*args, timeout=120)
        no_traceback(proc)
        assert proc.returncode == 2, (args, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1, (args, proc.stderr)


@pytest.fixture
def listening() -> Iterator[socket.socket]:
    """A port something else already listens on."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock
    sock.close()


def test_demo_with_its_web_port_busy_names_the_flag(tmp_path: Path, listening: socket.socket) -> None:
    port = listening.getsockname()[1]
    proc = run_cli("demo", "--no-serve", "--db", str(tmp_path / "d.db"), "--web-port", str(port), timeout=60)
    no_traceback(proc)
    assert proc.returncode == 2
    assert f"port {port} is in use" in proc.stderr and "--web-port" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "d.db").exists()  # checked before anything started


def test_demo_with_the_datasette_port_busy_does_not_crawl_or_claim_to_serve(
    tmp_path: Path, listening: socket.socket
) -> None:
    port = listening.getsockname()[1]
    web = free_port()
    proc = run_cli(
        "demo", "--db", str(tmp_path / "d.db"), "--port", str(port), "--web-port", str(web), timeout=60
    )
    no_traceback(proc)
    assert proc.returncode == 2
    assert f"port {port} is in use" in proc.stderr and "--port" in proc.stderr
    assert "Serving the archive" not in proc.stdout
    assert not (tmp_path / "d.db").exists()


def slow_site(articles: int, delay: float) -> StrictServer:
    slugs = [f"/nyheter/2026-01-{1 + i % 28:02d}-nyhet-{i}/" for i in range(articles)]

    def slow(title: str):
        def answer(count: int, origin: str):
            time.sleep(delay)
            return 200, {"Content-Type": "text/html; charset=utf-8"}, article(title)

        return answer

    pages: dict = {"/": home(), "/nyheter/": listing(slugs)}
    pages |= {s: slow(f"Nyhet nummer {i} om vägarbetet") for i, s in enumerate(slugs)}
    return StrictServer(pages)


def articles_in(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute("select count(*) from articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def wait_until(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_ctrl_c_during_a_crawl_stops_promptly_with_a_crawl_record(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with slow_site(40, 1.0) as server:
        argv = [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "--url", server.origin + "/"]
        argv += [
            "--name",
            "Långsamma kommun",
            "-s",
            "MUNINEWS_PROGRESS_INTERVAL=0",
            "-s",
            "MUNINEWS_STOP_GRACE=1",
        ]
        # Polite speed, as on a real site: requests queue up behind the delay.
        argv += ["-s", "MUNINEWS_FAST_LOOPBACK=0", "-s", "DOWNLOAD_DELAY=0.2", "-s", "AUTOTHROTTLE_ENABLED=0"]
        argv += ["-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4"]
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_until(lambda: articles_in(db) >= 2)
            asked = len(server.requests)
            stopped_at = time.monotonic()
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
        took = time.monotonic() - stopped_at
        after = len(server.requests) - asked
    assert "Traceback" not in out + err, err[-3000:]
    assert "stopping: " in err and " requests in flight" in err
    assert proc.returncode == 1, err[-2000:]
    # The requests on the wire get their grace; nothing queued behind them is fetched.
    assert took < 10, took
    assert after <= 6, after
    status, note, errors = sqlite3.connect(db).execute("select status, note, errors from crawls").fetchone()
    assert status == "ok" and "crawl interrupted" in note
    assert errors == 0  # what the stop did not fetch is not an error of the site
    assert "crawl interrupted" in out  # the summary's note line
    assert_consistent(db)


def test_ctrl_c_during_demo_leaves_no_traceback_and_a_crawl_record(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    argv = [
        sys.executable,
        "-m",
        "scraper",
        "demo",
        "--no-serve",
        "--db",
        str(db),
        "--web-port",
        str(free_port()),
    ]
    argv += ["-s", "MUNINEWS_FAST_LOOPBACK=0", "-s", "DOWNLOAD_DELAY=0.5", "-s", "AUTOTHROTTLE_ENABLED=0"]
    # Its own process group, signalled as a terminal's Ctrl-C is: the demo and its crawl together.
    proc = subprocess.Popen(
        argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        wait_until(lambda: articles_in(db) >= 1, timeout=90)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert "Traceback" not in out + err, err[-3000:]
    assert "KeyboardInterrupt" not in err
    assert proc.returncode == 1
    assert "interrupted" in err
    assert sqlite3.connect(db).execute("select count(*) from crawls").fetchone()[0] >= 1


def test_exit_statuses_are_documented_in_help_and_readme() -> None:
    proc = run_cli("crawl", "--help")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, words in (
        ("0", "every municipality"),
        ("1", "interrupted"),
        ("3", "failing"),
        ("4", "disk full"),
    ):
        assert f"  {code}  " in proc.stdout and words in proc.stdout
        assert f"| `{code}` |" in readme
