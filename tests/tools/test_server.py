"""The one way the benchmarks and the tests start a server: ready on /-/versions.json, stopped after,
and a server that never comes up is an error with its own output, not a hang."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scraper.tools import server
from scraper.tools.server import free_port


def static_server(root: Path, port: int) -> list[str]:
    """Python's own file server on ``root``: answers ``/-/versions.json`` once the file is there."""
    return [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)]


def test_served_waits_until_ready_and_stops_after(tmp_path: Path) -> None:
    (tmp_path / "-").mkdir()
    (tmp_path / "-" / "versions.json").write_text("{}")
    port = free_port()
    log = tmp_path / "server.log"
    with server.served(static_server(tmp_path, port), port, timeout=30, log=log) as proc:
        assert server.answers(port)
        assert proc.poll() is None
    assert proc.returncode is not None  # stopped when the block ended
    assert not server.answers(port)
    assert "versions.json" in log.read_text()  # the access log went to the file


def test_a_server_that_exits_is_an_error_with_its_output(tmp_path: Path) -> None:
    argv = [sys.executable, "-c", "import sys; print('no such archive: x.db'); sys.exit(3)"]
    with pytest.raises(RuntimeError, match=r"exit 3.*no such archive: x\.db"):
        server.start(argv, free_port(), timeout=30)


def test_a_server_that_never_answers_200_is_killed_at_the_deadline(tmp_path: Path) -> None:
    port = free_port()  # serves files, but not /-/versions.json: 404 is not ready
    with pytest.raises(RuntimeError, match="did not start"):
        server.start(static_server(tmp_path, port), port, timeout=3)
    assert not server.answers(port, "/")
