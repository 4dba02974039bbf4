"""The archive: the only package that writes SQL.

Data flows one way: spider → page → ``extract_article()`` → :class:`~scraper.items.Article` →
:class:`Archive` → ``archive.db`` → Datasette. The archive is also the crawler's memory: it tells
the next crawl what it already knows (:mod:`scraper.archive.memory`).

:class:`Archive` is a facade over one SQLite connection; each part is a module named for its job:

* :mod:`~scraper.archive.tables` — the SQL of the tables, triggers and indexes;
* :mod:`~scraper.archive.schema` — the tables as named, ordered migrations (``PRAGMA user_version``);
* :mod:`~scraper.archive.upgrade` — what a file lacks (read-only) and the upgrade, only when needed,
  under one ``BEGIN IMMEDIATE`` lock;
* :mod:`~scraper.archive.connection` — the shared connection and transactions, and
  :func:`~scraper.archive.connection.inspect_file` (archive, foreign or not SQLite);
* :mod:`~scraper.archive.fts` — the full-text indexes, their triggers and the reversed vocabulary;
* :mod:`~scraper.archive.articles` — the article upsert with quotes, contacts and captures;
* :mod:`~scraper.archive.article_urls` and :mod:`~scraper.archive.sameness` (pure) — one release
  found on the site and in a press room is one article with its other URLs;
* :mod:`~scraper.archive.revisions` (pure rule and diff) and :mod:`~scraper.archive.versions` (SQL);
* :mod:`~scraper.archive.people` — the person-identity rule and the people aggregates;
* :mod:`~scraper.archive.crawl_log` — municipalities, crawls and the health policy;
* :mod:`~scraper.archive.memory` — known articles, the ``pages`` table, validators;
* :mod:`~scraper.archive.reads` — the read queries of the CLI, ``export-wacz`` and ``reextract``;
* :mod:`~scraper.archive.warc` — reading captures back from the WARC files.

WAL journal so Datasette can read while a crawl writes; ``synchronous=NORMAL`` because in WAL mode
it cannot corrupt the file, only lose the last transactions on power loss (a re-crawl restores them).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import sqlite_utils

from scraper.archive import fts, revisions, upgrade
from scraper.archive.article_urls import MERGED
from scraper.archive.articles import (
    CAPTURE_COLUMNS,
    NEW,
    UNCHANGED,
    UPDATED,
    ArticlesMixin,
    content_hash,
    year_of,
)
from scraper.archive.crawl_log import (
    MUNICIPALITY_COLUMNS,
    STATUS_FAILING,
    STATUS_OK,
    STATUS_QUIET,
    CrawlLogMixin,
    crawl_status,
)
from scraper.archive.fts import ARTICLES_RANK, FTS_COLUMNS, FTS_RANK, FTS_TOKENIZE, QUOTES_RANK
from scraper.archive.memory import MemoryMixin
from scraper.archive.people import NAME_SIMILARITY, name_key, similar_names
from scraper.archive.reads import ReadsMixin
from scraper.archive.schema import SCHEMA_VERSION
from scraper.archive.tables import INDEXES_SQL, SCHEMA_SQL, TABLES_SQL
from scraper.clock import utc_now as utcnow  # the archive's old name for the one clock

logger = logging.getLogger(__name__)

__all__ = [
    "ARTICLES_RANK",
    "CAPTURE_COLUMNS",
    "FTS_COLUMNS",
    "FTS_RANK",
    "FTS_TOKENIZE",
    "INDEXES_SQL",
    "MERGED",
    "MUNICIPALITY_COLUMNS",
    "NAME_SIMILARITY",
    "NEW",
    "QUOTES_RANK",
    "SCHEMA_SQL",
    "SCHEMA_VERSION",
    "STATUS_FAILING",
    "STATUS_OK",
    "STATUS_QUIET",
    "TABLES_SQL",
    "UNCHANGED",
    "UPDATED",
    "Archive",
    "content_hash",
    "crawl_status",
    "name_key",
    "revisions",
    "similar_names",
    "utcnow",
    "year_of",
]


class Archive(ArticlesMixin, CrawlLogMixin, MemoryMixin, ReadsMixin):
    """Read-write handle on ``archive.db``; opening it creates or upgrades the schema idempotently."""

    def __init__(self, path: str | Path, *, busy_timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.db = sqlite_utils.Database(self.path)  # also sets PRAGMA recursive_triggers=on
        conn = self.db.conn
        conn.execute("PRAGMA foreign_keys = ON")
        # Another writer (a second crawl, a reextract run) holds the lock for one article at a time:
        # wait for it rather than fail.
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        self.schema_changes = self.ensure_schema()
        conn.execute("PRAGMA synchronous = NORMAL")

    def ensure_schema(self) -> list[str]:
        """Create missing tables, columns, indexes, FTS tables and triggers; safe on an existing db.

        Writes nothing when the file is current (a served archive must not see a change); returns
        what it did. See :mod:`scraper.archive.upgrade`.
        """
        return upgrade.ensure_schema(self.db)

    def refresh_terms(self) -> bool:
        """Rebuild ``articles_fts_terms`` if the full-text index changed (see :func:`fts.refresh_terms`)."""
        return fts.refresh_terms(self.db)

    def fts_integrity_check(self) -> None:
        """Raise ``sqlite3.DatabaseError`` if a full-text index has drifted from its table."""
        fts.integrity_check(self.db)

    def checkpoint(self) -> None:
        """Move the WAL into the main file and truncate it.

        Needed before serving the file immutable (``datasette -i``), which ignores the WAL and would
        otherwise miss recent writes or even whole tables.
        """
        busy, _log, _done = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            logger.warning("archive: WAL checkpoint of %s incomplete: a reader is active", self.path)

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL when the last connection closes).

        ``PRAGMA optimize`` first refreshes the planner's statistics where a crawl changed the
        tables enough to matter; it is cheap and is what SQLite recommends before closing.
        """
        try:
            self.db.execute("PRAGMA optimize")
        except sqlite3.Error as exc:  # never let housekeeping hide the real outcome of a crawl
            logger.warning("archive: PRAGMA optimize failed: %s", exc)
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
