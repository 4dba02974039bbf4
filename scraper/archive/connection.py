"""The shared state of every part of the archive: one SQLite connection and its transactions.

Each part of :class:`scraper.archive.Archive` (articles, people, crawl log, ...) is a mixin over
:class:`ArchiveBase`, so they all write through the same connection and the same
``BEGIN IMMEDIATE`` transactions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import sqlite_utils


def inserted_id(lastrowid: int | None) -> int:
    """The rowid an INSERT just made (``Cursor.lastrowid`` is only ``None`` before any insert)."""
    if lastrowid is None:
        raise RuntimeError("INSERT made no row")
    return lastrowid


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One ``BEGIN IMMEDIATE`` … ``COMMIT``: all or nothing, and the write lock taken up front.

    IMMEDIATE avoids the deadlock of two readers both upgrading to writers. We use plain
    ``execute`` inside, never sqlite-utils' table methods, which commit on their own.
    """
    conn = db.conn
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


class ArchiveBase:
    """What every mixin of the archive shares: the database handle and the transaction helper."""

    path: Path
    db: sqlite_utils.Database

    def _transaction(self) -> AbstractContextManager[None]:
        return transaction(self.db)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``: never creates the file, never takes the write lock)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn
