"""The shared state of every part of the archive: one SQLite connection and its transactions.

Each part of :class:`scraper.archive.Archive` (articles, people, crawl log, ...) is a mixin over
:class:`ArchiveBase`, so they all write through the same connection and the same
``BEGIN IMMEDIATE`` transactions.
"""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
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


#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"

#: Tables that only a muninews archive has all of (besides a ``user_version`` of 1 or more).
MARKER_TABLES = frozenset({"municipalities", "articles", "crawls", "articles_fts_terms_state"})


class FileKind(enum.Enum):
    """What a path given as ``--db`` holds, decided by reading it only."""

    MISSING = "missing"  # no file: a crawl creates the archive
    EMPTY = "empty"  # an SQLite file with no tables (or 0 bytes): nothing to lose, a new archive
    ARCHIVE = "archive"  # a muninews archive, of any schema version
    FOREIGN = "foreign"  # an SQLite database of something else: refused unless --init
    NOT_SQLITE = "not SQLite"  # another kind of file, or a damaged one: always refused
    UNREADABLE = "unreadable"  # permissions, a directory, ...


@dataclass(frozen=True)
class FileCheck:
    kind: FileKind
    problem: str = ""  # one line for the user when the file is refused


def inspect_file(path: Path) -> FileCheck:
    """Whether ``path`` is an archive, without writing to it (nor creating it, nor its WAL)."""
    path = Path(path)
    if not path.exists():
        return FileCheck(FileKind.MISSING)
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        return FileCheck(FileKind.UNREADABLE, f"cannot read {path}: {exc.strerror or exc}")
    if not header:
        return FileCheck(FileKind.EMPTY)
    if header != SQLITE_HEADER:
        return FileCheck(FileKind.NOT_SQLITE, f"{path} is not an SQLite file, so not a muninews archive")
    try:
        tables, version = _tables_and_version(path)
    except sqlite3.DatabaseError as exc:
        return FileCheck(FileKind.NOT_SQLITE, f"{path} cannot be read as SQLite: {exc}")
    if not tables:
        return FileCheck(FileKind.EMPTY)
    if version >= 1 and tables >= MARKER_TABLES:
        return FileCheck(FileKind.ARCHIVE)
    return FileCheck(
        FileKind.FOREIGN,
        f"{path} is an SQLite database but not a muninews archive (no user_version or muninews tables); "
        "--init adds the archive's tables to it",
    )


def _tables_and_version(path: Path) -> tuple[set[str], int]:
    """The table names and ``user_version`` of the SQLite file at ``path``, read without writing.

    A WAL database on a read-only disk cannot be opened ``mode=ro`` (SQLite must create its
    ``-shm`` file): it is then read as ``immutable``, which is enough to tell what the file is; the
    command that opens it for writing reports the read-only disk itself.
    """
    try:
        conn = connect_read_only(path)
    except sqlite3.OperationalError:
        conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        try:
            return _read_tables(conn)
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc):
                raise
        conn.close()
        conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        return _read_tables(conn)
    finally:
        conn.close()


def _read_tables(conn: sqlite3.Connection) -> tuple[set[str], int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return tables, conn.execute("PRAGMA user_version").fetchone()[0]


def refusal(path: Path, *, init: bool = False) -> str | None:
    """The one line a command prints before exiting 2 when ``path`` must not be opened, else None.

    A foreign SQLite file is opened only with ``init`` (the user's explicit wish); a file that is
    not SQLite never is.
    """
    check = inspect_file(path)
    if check.kind is FileKind.FOREIGN and init:
        return None
    return check.problem or None
