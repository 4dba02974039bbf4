"""A whole cluster on one machine, for the tests, the bench and trying it out: a private
``redis-server`` on a free port, workers and the writer as real ``muninews`` subprocesses.

Each process runs in its own session, so :meth:`LocalCluster.kill` (``kill -9`` of the process
group) takes a worker with its job process and spider, as when a machine dies.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

from redis import Redis

from scraper import cluster

REDIS_BINARY = "redis-server"


def redis_binary() -> str | None:
    """The ``redis-server`` to start (Debian's package puts it in /usr/bin), or None."""
    return shutil.which(REDIS_BINARY) or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """``redis-server`` on 127.0.0.1 and a free port, without persistence, in a temp directory."""

    def __init__(self, binary: str | None = None) -> None:
        found = binary or redis_binary()
        if found is None:
            raise FileNotFoundError("redis-server not found (Debian: apt-get install redis-server)")
        self.binary = found
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="muninews-redis-")
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        argv = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", self.dir]  # fmt: skip
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        conn = Redis.from_url(self.url)
        for _ in range(100):
            try:
                conn.ping()
                return self
            except Exception:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class LocalCluster:
    """Workers and a writer for ``db`` on ``redis_url``; logs in ``workdir``."""

    #: Fast failure detection for tests: heartbeat every second, abandoned after 3 s more.
    FAST = ("--maintenance-interval", "1", "--heartbeat-interval", "1", "--heartbeat-grace", "3")

    def __init__(self, redis_url: str, db: Path, workdir: Path, settings: list[str] | None = None) -> None:
        self.url = redis_url
        self.db = db
        self.workdir = workdir
        self.captures = db.with_suffix(".captures")  # where a single-process crawl of db puts them
        self.settings = settings or []
        self.workers: dict[str, subprocess.Popen[bytes]] = {}
        self.writer: subprocess.Popen[bytes] | None = None
        self.redis = Redis.from_url(redis_url)
        self._logs: list[IO[bytes]] = []
        self._started = 0

    def _spawn(self, argv: list[str], log: str) -> subprocess.Popen[bytes]:
        out = open(self.workdir / log, "ab")  # noqa: SIM115 - closed in stop()
        self._logs.append(out)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        cmd = [sys.executable, "-m", "scraper", *argv]
        return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def start_worker(self) -> str:
        self._started += 1
        name = f"w{self._started}"
        argv = ["worker", "--redis", self.url, "--captures", str(self.captures), "--name", name, *self.FAST]
        self.workers[name] = self._spawn(argv, f"{name}.log")
        return name

    def start_writer(self) -> None:
        self.writer = self._spawn(["writer", "--redis", self.url, "--db", str(self.db)], "writer.log")

    def enqueue(self, *args: str) -> str:
        argv = [sys.executable, "-m", "scraper", "enqueue", "--redis", self.url, "--db", str(self.db),
                "--retry-intervals", "0,0,0", *args]  # fmt: skip
        for s in self.settings:
            argv += ["-s", s]
        proc = subprocess.run(argv, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"muninews enqueue failed ({proc.returncode}): {proc.stderr[-2000:]}")
        return proc.stdout

    @staticmethod
    def kill(proc: subprocess.Popen[Any]) -> None:
        """kill -9 of the process and everything it started (its session's process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def kill_worker(self, name: str) -> None:
        self.kill(self.workers.pop(name))

    def idle(self) -> bool:
        """Every job finished or failed, and the writer applied every result."""
        from scraper.cluster.status import read_status

        s = read_status(self.redis)
        if s.queued or s.running or s.scheduled:
            return False
        return int(self.redis.xlen(cluster.STREAM)) == 0 and s.writer_pending == 0

    def wait_idle(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.idle():
                time.sleep(0.5)  # a job's final state and its last results are two steps
                if self.idle():
                    return
            time.sleep(0.5)
        raise TimeoutError(f"the cluster was not done after {timeout} s (logs in {self.workdir})")

    def stop(self) -> None:
        for proc in [*self.workers.values(), *([self.writer] if self.writer else [])]:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in [*self.workers.values(), *([self.writer] if self.writer else [])]:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill(proc)
        self.workers.clear()
        self.writer = None
        for f in self._logs:
            f.close()
