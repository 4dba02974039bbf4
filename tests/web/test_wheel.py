"""The wheel is complete: installed alone in a fresh venv, away from the checkout, it crawls and serves.

`pip install .` once gave a `muninews serve` that could not start (the metadata lived only at the
repository root). This builds the wheel, installs only it (its dependencies come from the package
index, in practice from pip's cache) and runs `muninews demo` and `muninews serve` in an empty
directory: the templates, the demo sites, the metadata and the registry data must all be packaged.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scraper.tools import server
from tests.helpers import ROOT, free_port

pytestmark = pytest.mark.e2e

#: The demo web's sites, one port each from the base port.
DEMO_SITES = 3


def free_port_block(count: int) -> int:
    """A first port whose ``count`` consecutive ports are all free on loopback now."""
    for _ in range(50):
        base = free_port()
        if base + count > 65535:
            continue
        try:
            sockets = []
            for port in range(base, base + count):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
        return base
    raise RuntimeError("no block of free ports")


def clean_env(venv: Path) -> dict[str, str]:
    """The environment of a shell in which only the fresh venv is active."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    return env


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 180) -> str:
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{argv} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel built from this checkout (and its dependencies)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # a clean copy: a build/ left in the checkout could add stale modules
    shutil.copytree(
        ROOT / "scraper", source / "scraper", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(tmp / "dist")],
        cwd=tmp,
    )
    (wheel,) = (tmp / "dist").glob("muninews-*.whl")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp)
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], cwd=tmp, timeout=300)
    return venv


def test_installed_wheel_runs_demo_and_serves(installed: Path, tmp_path: Path) -> None:
    env = clean_env(installed)
    where = run(
        [str(installed / "bin" / "python"), "-c", "import scraper; print(scraper.__file__)"], tmp_path, env
    )
    assert str(installed) in where  # the installed package, not the checkout
    db = tmp_path / "demo.db"
    muninews = str(installed / "bin" / "muninews")
    base = free_port_block(DEMO_SITES)
    run([muninews, "demo", "--no-serve", "--db", str(db), "--web-port", str(base)], tmp_path, env)
    assert db.is_file()

    port = free_port()
    argv = [muninews, "serve", "--db", str(db), "--port", str(port)]
    with server.served(argv, port, timeout=60, cwd=tmp_path, env=env):
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/-/search?q=&_format=json", timeout=10
        ) as response:
            data = json.loads(response.read())
        assert data["error"] is None
        assert data["total"] > 0 and data["hits"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/search?q=", timeout=10) as response:
            assert response.status == 200
            assert "How search works" in response.read().decode()  # the packaged templates
        first = data["hits"][0]["id"]
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/archive/articles/{first}", timeout=10
        ) as response:
            assert 'class="mn-article"' in response.read().decode()  # the plugin's row template
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/capture/{first}", timeout=10) as response:
            assert response.status == 200  # the archived copy, from the captures beside the db
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/metadata.json", timeout=10) as response:
            assert json.loads(response.read())["title"] == "muninews — municipal news archive"
