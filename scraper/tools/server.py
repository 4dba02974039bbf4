"""A web server in a subprocess, for the benchmarks and the tests that drive a real one.

:func:`start` runs ``argv``, waits until ``/-/versions.json`` on ``port`` answers 200 (Datasette
and ``muninews serve`` both have it) and returns the process; :func:`stop` ends it (SIGTERM, then
SIGKILL if it does not exit); :func:`served` is the two around a ``with`` block. The server's output
goes to ``log`` (a file: a pipe nobody reads would fill up with the access log and block the
server) or to a temporary file, whose end is in the error when the server does not start.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

READY_PATH = "/-/versions.json"


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def answers(port: int, path: str = READY_PATH, timeout: float = 5) -> bool:
    """Whether ``GET path`` on the loopback ``port`` answers 200."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status == 200
    except OSError:
        return False
    finally:
        conn.close()


def _tail(output: IO[bytes], size: int = 3000) -> str:
    output.flush()
    output.seek(0)
    return output.read().decode(errors="replace")[-size:]


def start(
    argv: Sequence[str],
    port: int,
    *,
    timeout: float = 120,
    log: Path | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``argv`` and return once it answers on ``port``; RuntimeError (with its output) if it
    exits first or does not answer within ``timeout`` seconds (it is killed then)."""
    with log.open("w+b") if log else tempfile.TemporaryFile() as output:  # the child keeps its own
        proc = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not answers(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc)
                raise RuntimeError(f"{argv[0]} did not start (exit {proc.returncode}): {_tail(output)}")
            time.sleep(0.2)
    return proc


def stop(proc: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """SIGTERM, and SIGKILL if it has not exited after ``timeout`` seconds."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def served(argv: Sequence[str], port: int, **options: Any) -> Iterator[subprocess.Popen[bytes]]:
    """:func:`start` ``argv`` (``options`` as there) for the block, :func:`stop` it after."""
    proc = start(argv, port, **options)
    try:
        yield proc
    finally:
        stop(proc)
