"""Serve ``archive.db`` with Datasette, configured by ``datasette_metadata.json``.

The metadata keys everything under the database name ``archive`` (Datasette names a database after
the file stem). ``muninews serve`` therefore always serves the archive as ``archive`` — URLs such as
``/archive/search?q=…`` and ``/archive/feed.atom?q=…`` are the same on every installation, whatever
the file is called: a file with another name is served through an ``archive.db`` symlink in a
temporary directory (SQLite follows the link, so the WAL stays next to the real file).
``datasette archive.db -m datasette_metadata.json`` works as-is.
"""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.database import Database

from scraper.archive import Archive
from scraper.web.archive_db import DATABASE_NAME

logger = logging.getLogger(__name__)


#: The metadata served, shipped in the package (an installed wheel has no repository root). The copy
#: at the repository root, for ``datasette archive.db -m datasette_metadata.json``, is kept identical
#: by a test.
METADATA_PATH = Path(__file__).resolve().parent / "datasette_metadata.json"

#: Datasette settings, each with its reason. Passed as ``--setting`` to the CLI and as ``settings=``
#: in :func:`make_datasette`, so tests exercise what production serves.
SETTINGS: dict[str, Any] = {
    # Ranked search over a Sweden-wide archive (~600,000 articles) takes ~0.5 s for a common word;
    # the default 1 s leaves no margin for the contact directory's GROUP BY.
    "sql_time_limit_ms": 3000,
    # Canned queries cap themselves (100–1,000 rows); this is the ceiling for hand-written SQL.
    "max_returned_rows": 1000,
    # Suggesting facets runs a GROUP BY per column on every table page: seconds at 600,000 rows.
    "suggest_facets": False,
    # The configured facets (municipality, year, language) are indexed; allow them a little longer.
    "facet_time_limit_ms": 1000,
    # A public instance must not hand out a multi-GB file per click; publish the file separately.
    "allow_download": False,
}


def load_metadata(path: Path | None = None) -> dict[str, Any]:
    """The metadata as a dict (``Datasette(metadata=...)`` wants a dict, the CLI a file)."""
    metadata: dict[str, Any] = json.loads((path or METADATA_PATH).read_text(encoding="utf-8"))
    return metadata


def _setting_value(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def datasette_argv(
    db: Path, *, host: str = "127.0.0.1", port: int = 8001, immutable: bool = False
) -> list[str]:
    """The ``datasette serve`` command line for ``db``.

    ``db`` should be named ``archive.db`` for the metadata to apply (:func:`serve` arranges that).
    Datasette runs as ``python -m datasette`` with this interpreter, so the venv's Datasette and its
    plugins (datasette-atom) are used even when no ``datasette`` script is on ``PATH``.
    ``immutable`` is faster (no change checks, counts cached) but only for a file no crawl is
    writing, and only after a WAL checkpoint.
    """
    argv = [sys.executable, "-m", "datasette", "serve"]
    argv += ["-i", str(db)] if immutable else [str(db)]
    argv += ["--metadata", str(METADATA_PATH), "--host", host, "--port", str(port)]
    for key, value in SETTINGS.items():
        argv += ["--setting", key, _setting_value(value)]
    return argv


def ensure_plugins() -> None:
    """Register muninews' Datasette plugin in this process if its entry point is not installed yet
    (a checkout used without ``pip install -e .``); with the entry point this is a no-op."""
    from datasette.plugins import pm

    import scraper.web as plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="muninews")


def make_datasette(db: Path) -> Datasette:
    """A configured in-process Datasette for tests and programmatic use, with ``db`` as ``archive``."""
    ensure_plugins()
    db = Path(db)
    metadata = load_metadata()
    if db.stem == DATABASE_NAME:
        return Datasette([str(db)], metadata=metadata, settings=SETTINGS)
    ds = Datasette([], metadata=metadata, settings=SETTINGS)
    ds.remove_database("_memory")
    ds.add_database(Database(ds, path=str(db), is_mutable=True), name=DATABASE_NAME)
    return ds


def _checkpoint(db: Path) -> None:
    """Fold the WAL into the file (and bring the schema up to date) before Datasette opens it.

    Also refreshes the compound-word vocabulary the search page uses (``skola`` → *förskola*), a
    no-op when the full-text index has not changed since the last serve.
    """
    try:
        with Archive(db) as archive:
            archive.refresh_terms()
            archive.checkpoint()
    except sqlite3.OperationalError as exc:  # e.g. a read-only file: serve what is there
        logger.warning("serve: could not checkpoint %s: %s", db, exc)


def _run(argv: list[str]) -> int:
    """Run Datasette in the foreground until it exits.

    Ctrl-C reaches Datasette too, so we wait for its own clean exit. SIGTERM (systemd, docker stop)
    reaches only us: pass it on, so Datasette stops and the temporary alias directory is removed.
    """
    proc = subprocess.Popen(argv)
    previous = None
    with contextlib.suppress(ValueError):  # signal handlers can only be set in the main thread
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: proc.terminate())
    try:
        code = proc.wait()
        return 128 - code if code < 0 else code  # killed by signal N: the shell's 128 + N
    except KeyboardInterrupt:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def serve(db: Path, host: str, port: int, *, immutable: bool = False) -> int:
    """Checkpoint the WAL, then run Datasette on ``db`` as ``archive``; returns its exit code."""
    db = Path(db)
    if not db.is_file():
        print(f"muninews serve: no archive at {db} (run `muninews crawl` first)", file=sys.stderr)
        return 2
    _checkpoint(db)
    if db.name == f"{DATABASE_NAME}.db":
        return _run(datasette_argv(db, host=host, port=port, immutable=immutable))
    with tempfile.TemporaryDirectory(prefix="muninews-serve-") as tmp:
        alias = Path(tmp) / f"{DATABASE_NAME}.db"
        alias.symlink_to(db.resolve())
        return _run(datasette_argv(alias, host=host, port=port, immutable=immutable))
