"""Serve ``archive.db`` with Datasette, configured by ``datasette_metadata.json``.

The metadata keys everything under the database name ``archive`` (Datasette names a database after
the file stem). ``muninews serve`` therefore always serves the archive as ``archive`` — URLs such as
``/archive/search?q=…`` and ``/archive/feed.atom?q=…`` are the same on every installation, whatever
the file is called. ``datasette archive.db -m datasette_metadata.json`` works as-is.

``muninews serve`` is a reader: it checks the file without writing (:func:`prepare`), writes only
when the schema must be upgraded or the compound-word list is stale (and says so), then runs
Datasette in this process under uvicorn, on a socket it bound itself. Ctrl-C and SIGTERM stop it
cleanly; kill -9 takes the socket with the process, so the port is free again at once.
"""

from __future__ import annotations

import json
import logging
import socket
import sqlite3
import sys
from pathlib import Path
from typing import Any

import sqlite_utils
from datasette.app import Datasette
from datasette.database import Database

from scraper.archive import Archive, fts, upgrade
from scraper.archive.connection import FileKind, connect_read_only, inspect_file, refusal
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
    # SQLite releases the GIL while it works, so threads waiting on the disk or on a slow query
    # cost little; 6 leave 5 for the pages everyone reads while a hand-written query holds its one
    # slot (scraper/web/limits.py: ADHOC_SLOTS). Datasette's default is 3.
    "num_sql_threads": 6,
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


def make_datasette(db: Path, *, immutable: bool = False, settings: dict[str, Any] | None = None) -> Datasette:
    """A configured Datasette with ``db`` as ``archive``: what ``muninews serve`` runs, and tests use.

    ``settings`` override :data:`SETTINGS` (tests use a short time limit).
    """
    ensure_plugins()
    ds = Datasette([], metadata=load_metadata(), settings={**SETTINGS, **(settings or {})})
    ds.remove_database("_memory")
    ds.add_database(Database(ds, path=str(Path(db)), is_mutable=not immutable), name=DATABASE_NAME)
    return ds


def _say(message: str) -> None:
    print(f"muninews serve: {message}", file=sys.stderr, flush=True)


def prepare(db: Path, *, immutable: bool = False) -> None:
    """Get ``db`` ready to serve, writing to it only when it must, and saying why.

    Reads first, read-only: an archive that is current, whose compound-word list is fresh and that
    is served mutable is not written at all (a crawl may be writing it). An older schema is
    upgraded, a stale word list rebuilt (``skola`` -> *förskola*), and for ``--immutable`` the WAL
    folded into the file (immutable readers ignore it). A file this user may not write is served
    as it is, with a warning.
    """
    conn = connect_read_only(db)
    try:
        notes = upgrade.pending(conn)
        stale = not notes and fts.terms_stale(conn)
    finally:
        conn.close()
    try:
        if notes:
            _say(f"upgrading the archive's schema before serving it ({'; '.join(notes)})")
            with Archive(db):
                stale = True
        if stale or immutable:
            writer = sqlite_utils.Database(db)
            try:
                writer.execute("PRAGMA busy_timeout = 30000")
                if stale and fts.refresh_terms(writer):
                    _say("rebuilt the compound-word list (the full-text index changed since the last serve)")
                if immutable and writer.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
                    _say("the WAL checkpoint was incomplete (a reader is active): recent writes may not show")
            finally:
                writer.close()
    except sqlite3.OperationalError as exc:  # e.g. a read-only file: serve what is there
        _say(f"serving {db} as it is: could not write it ({exc})")


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready socket on ``host:port`` (OSError when the port is taken)."""
    family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def run(ds: Datasette, sock: socket.socket) -> int:
    """Serve ``ds`` on ``sock`` in this process until Ctrl-C or SIGTERM.

    uvicorn finishes the requests in flight, then raises the signal again, as it should: SIGTERM
    ends the process with status 143, Ctrl-C (a KeyboardInterrupt here) returns 130.
    """
    import asyncio

    import uvicorn

    asyncio.run(ds.invoke_startup())
    config = uvicorn.Config(ds.app(), log_level="info", lifespan="on", workers=1)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        return 130
    return 0


def serve(db: Path, host: str, port: int, *, immutable: bool = False, init: bool = False) -> int:
    """Check, prepare and serve ``db`` as ``archive`` at ``host:port``; returns the exit code.

    Exit 2, with one line, for a missing file, a file that is not SQLite, a database that is not an
    archive (unless ``init``: then the archive's tables are added to it) or a port in use.
    """
    db = Path(db)
    if inspect_file(db).kind is FileKind.MISSING or db.is_dir():
        _say(f"no archive at {db} (run `muninews crawl` first)")
        return 2
    problem = refusal(db, init=init)
    if problem:
        _say(problem)
        return 2
    prepare(db, immutable=immutable)
    try:
        sock = bind(host, port)
    except OSError as exc:
        _say(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another port with --port")
        return 2
    _say(f"serving {db.name} at http://{host}:{port}/ (Ctrl-C stops)")
    with sock:
        return run(make_datasette(db, immutable=immutable), sock)
