#!/usr/bin/env python3
"""Set up and run muninews on a fresh machine with only Python 3.11+.

    python3 run.py demo     # install, crawl the bundled demo web into archive.db, serve it
    python3 run.py test     # install, run the test suite (ruff lint + format check, mypy, pytest)

Each command creates ``.venv`` beside this file on first use and installs the project
into it (again only when pyproject.toml changes). Extra arguments are passed on:
``python3 run.py demo --no-serve``, ``python3 run.py test -k archive``.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".muninews-installed"


def ensure_env() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"muninews needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"creating {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("installing muninews and its dependencies into .venv ...", flush=True)
    subprocess.check_call([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], cwd=ROOT)
    subprocess.check_call([str(PY), "-m", "pip", "install", "--quiet", "-e", ".[test]"], cwd=ROOT)
    STAMP.write_text(wanted)


def _call(cmd: list[str]) -> int:
    """Run ``cmd`` and return its exit status. Ctrl-C is the child's to handle: a terminal sends it
    to the whole process group, and the demo and the tests stop cleanly on it (a crawl writes its
    record first). So this process waits on, instead of killing the child the way subprocess.call
    does, and passes the signal on only if the child did not get it (a kill -INT of this process)."""
    proc = subprocess.Popen(cmd)
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:
            try:
                return proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGINT)
            except KeyboardInterrupt:
                continue


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test"):
        print(__doc__)
        return 2
    ensure_env()
    command, rest = argv[0], argv[1:]
    os.chdir(ROOT)
    if command == "demo":
        return _call([str(PY), "-m", "scraper", "demo", *rest])
    checks = (["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy"])
    for check in checks:
        code = _call([str(PY), "-m", *check])
        if code:
            return code
    return _call([str(PY), "-m", "pytest", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
