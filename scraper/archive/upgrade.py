"""Bringing a file to the current schema, writing only what differs, under one write lock.

:func:`pending` only reads: it lists what a file lacks (a migration, a column, an index, a
full-text trigger or ranking). :func:`ensure_schema` writes only when that list is not empty, and
then inside one ``BEGIN IMMEDIATE`` transaction that looks again once it holds the lock: two first
crawls on a new file take turns instead of both creating ``articles_au`` (and one failing), and a
crawl into an up-to-date archive that Datasette is serving changes nothing Datasette can see.
"""

from __future__ import annotations

import functools
import logging
import sqlite3

import sqlite_utils

from scraper.archive import fts
from scraper.archive.connection import transaction
from scraper.archive.schema import SCHEMA_VERSION, migrate, statements
from scraper.archive.tables import INDEXES_SQL, SCHEMA_SQL, TABLES_SQL

logger = logging.getLogger(__name__)


@functools.cache
def _reference() -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    """(table -> [(column, declaration for ADD COLUMN)], index -> CREATE INDEX) of the current schema."""
    reference = sqlite3.connect(":memory:")
    try:
        reference.executescript(SCHEMA_SQL)
        names = [r[0] for r in reference.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        columns = {table: _column_declarations(reference, table) for table in names}
    finally:
        reference.close()
    indexes = {}
    for statement in statements(INDEXES_SQL):
        name = statement.split("IF NOT EXISTS", 1)[1].split()[0]
        indexes[name] = statement
    return columns, indexes


def pending(conn: sqlite3.Connection) -> list[str]:
    """What the file lacks to be a current archive, one note each; [] when nothing (reads only)."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    notes = [f"schema version {version} -> {SCHEMA_VERSION}"] if version < SCHEMA_VERSION else []
    columns, indexes = _reference()
    existing = {r[0]: r[1] for r in conn.execute("SELECT name, type FROM sqlite_master")}
    for table, declared in columns.items():
        if table not in existing:
            notes.append(f"table {table} missing")
            continue
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        notes += [f"column {table}.{name} missing" for name, _decl in declared if name not in have]
    notes += [f"index {name} missing" for name in indexes if name not in existing]
    if "articles" in existing and "quotes" in existing:
        notes += fts.fts_pending(conn, TABLES_SQL)
    return notes


def ensure_schema(db: sqlite_utils.Database) -> list[str]:
    """Create what is missing (tables, columns, indexes, FTS tables, triggers, ranking).

    Returns what was done ([] when the file was already current: then nothing was written).
    A file from a newer muninews (higher ``user_version``) keeps its version.
    """
    if db.journal_mode != "wal":
        db.enable_wal()
    if not pending(db.conn):
        return []
    with transaction(db):
        notes = pending(db.conn)  # another writer may have done it while we waited for the lock
        if notes:
            _upgrade(db)
    for note in notes:
        logger.info("archive: schema: %s", note)
    return notes


def _upgrade(db: sqlite_utils.Database) -> None:
    """Every step, inside the caller's transaction: migrations, columns, indexes, full-text last."""
    migrate(db)
    add_missing_columns(db)
    for statement in statements(INDEXES_SQL):
        db.execute(statement)
    fts.ensure_fts(db, TABLES_SQL)


def add_missing_columns(db: sqlite_utils.Database) -> None:
    """Add columns a newer schema has and an older file lacks (ALTER TABLE keeps FTS triggers)."""
    columns, _indexes = _reference()
    for table, declared in columns.items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for name, decl in declared:
            if name not in have:
                logger.info("archive: adding column %s.%s", table, name)
                db.execute(f"ALTER TABLE {table} ADD COLUMN {decl}")


def _column_declarations(reference: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(column, declaration for ADD COLUMN) of every column of ``table`` in the reference schema."""
    # column -> "REFERENCES t(c) ON DELETE ...": ADD COLUMN may carry a foreign key as long as the
    # column defaults to NULL, so migrated files get the same links as new ones.
    references = {
        fk[3]: f" REFERENCES {fk[2]}({fk[4]})" + (f" ON DELETE {fk[6]}" if fk[6] != "NO ACTION" else "")
        for fk in reference.execute(f"PRAGMA foreign_key_list({table})")
    }
    columns = []
    for _cid, name, type_, notnull, default, _pk in reference.execute(f"PRAGMA table_info({table})"):
        decl = f"{name} {type_}"
        if notnull and default is not None:
            decl += f" NOT NULL DEFAULT {default}"
        columns.append((name, decl + references.get(name, "")))
    return columns
