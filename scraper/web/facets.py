"""The search page's facet arrays: exact facet counts and newest-first order at a million articles.

A :class:`FacetIndex` holds small numpy arrays indexed by article id: each article's municipality,
year, language and rank in newest-first order. Counting a facet is one ``bincount``, sorting by date
one ``argpartition``. The arrays are read once from covering indexes (~2 s per million articles,
~10 MB); when the file changes they catch up (:class:`FacetIndexCache`): the articles with ids past
the largest they hold, and the ids the archive's ``articles_changed`` log lists since (a changed
municipality, date or language, a deleted row), are read and placed, so results stay exact and a
crawl writing many times a second costs a few rows a request instead of a re-read of every article.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import numpy as np

from scraper.web.date_order import DateOrder

_T = TypeVar("_T")


def file_key(path: str | None) -> tuple[Any, ...]:
    """Changes whenever SQLite writes the file or its WAL; its first item is the file's identity."""
    if not path:
        return ()
    try:
        key: list[Any] = [os.stat(path).st_ino]
    except OSError:
        key = [None]
    for p in (path, f"{path}-wal"):
        try:
            st = os.stat(p)
            key += [st.st_mtime_ns, st.st_size]
        except OSError:
            key += [None, None]
    return tuple(key)


#: Placed since the build past this many (or a tenth of the archive), the arrays are read anew.
CATCH_UP_MAX = 20_000

_ROW = "SELECT id, municipality_id, published, year, language FROM articles"


@dataclass(frozen=True)
class FacetIndex:
    """Per-article facet values and date rank, as arrays indexed by article id (never changed once
    handed out: catching up makes a new index with copies)."""

    municipality: np.ndarray  # int32 code into municipalities, -1 = no article with this id
    year: np.ndarray  # int32, 0 = unknown
    language: np.ndarray  # int32 code into languages
    date_rank: np.ndarray  # float64, smaller = newer (published desc, then id desc; undated last)
    municipalities: list[str]
    languages: list[str | None]
    max_id: int  # the largest article id read
    change_seq: int | None  # the last articles_changed entry read; None: the file has no such log
    order: DateOrder  # shared by the indexes caught up from one build; used under the cache's lock

    @classmethod
    def build(cls, conn: sqlite3.Connection) -> FacetIndex:
        """The arrays of the articles in ``conn``, read in one snapshot.

        A crawl may write to a served archive at any moment: outside a transaction each SELECT would
        see its own state of the file, and an article inserted between them has an id past the
        arrays sized by the first. One read transaction gives all of them the same snapshot.
        """
        return _in_snapshot(conn, lambda: cls._read(conn))

    @classmethod
    def _read(cls, conn: sqlite3.Connection) -> FacetIndex:
        # Each SELECT is answered from a covering index, never from the 3 KB article rows.
        seq = _change_seq(conn)
        rows = conn.execute("SELECT id, municipality_id, published FROM articles").fetchall()
        size = (max((r[0] for r in rows), default=0)) + 1
        municipalities = sorted({r[1] for r in rows})
        code = {m: i for i, m in enumerate(municipalities)}
        municipality = np.full(size, -1, dtype=np.int32)
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        municipality[ids] = np.fromiter((code[r[1]] for r in rows), dtype=np.int32, count=len(rows))
        order = DateOrder(((r[0], r[2]) for r in rows), size)
        year = np.zeros(size, dtype=np.int32)
        for article_id, value in conn.execute("SELECT id, year FROM articles WHERE year IS NOT NULL"):
            year[article_id] = value
        language_rows = conn.execute("SELECT id, language FROM articles").fetchall()
        languages = sorted({r[1] for r in language_rows}, key=lambda v: (v is None, v or ""))
        lcode = {v: i for i, v in enumerate(languages)}
        language = np.zeros(size, dtype=np.int32)
        if language_rows:
            lids = np.fromiter((r[0] for r in language_rows), dtype=np.int64, count=len(language_rows))
            language[lids] = np.fromiter((lcode[r[1]] for r in language_rows), dtype=np.int32)
        return cls(municipality, year, language, order.ranks, municipalities, languages, size - 1, seq, order)

    def catch_up(self, conn: sqlite3.Connection) -> FacetIndex | None:
        """This index brought to ``conn``'s snapshot by the rows that changed; None if it cannot be
        (no change log, the log was pruned past what this index read, or too much changed)."""
        return _in_snapshot(conn, lambda: self._catch_up(conn))

    def _catch_up(self, conn: sqlite3.Connection) -> FacetIndex | None:
        if self.change_seq is None:
            return None
        seq = _change_seq(conn)
        if seq is None:
            return None
        first = conn.execute("SELECT coalesce(min(seq), ? + 1) FROM articles_changed", [seq]).fetchone()[0]
        if first > self.change_seq + 1:
            return None  # the writer pruned entries this index has not read
        changed = [r[0] for r in conn.execute(
            "SELECT DISTINCT article_id FROM articles_changed WHERE seq > ?", [self.change_seq])]  # fmt: skip
        rows = conn.execute(f"{_ROW} WHERE id > ? ORDER BY id", [self.max_id]).fetchall()
        if len(rows) + len(changed) + self.order.placed > max(CATCH_UP_MAX, len(self.order.ids) // 10):
            return None
        if changed:
            marks = ",".join("?" * len(changed))
            rows += conn.execute(f"{_ROW} WHERE id IN ({marks})", changed).fetchall()
        if not rows and not changed:
            return replace(self, change_seq=seq)
        return self._with(rows, set(changed) - {r[0] for r in rows}, seq)

    def _with(self, rows: list[tuple[Any, ...]], gone: set[int], seq: int) -> FacetIndex:
        """A new index: this one's arrays copied (and grown), ``rows`` placed, ``gone`` removed."""
        max_id = max([self.max_id, *(r[0] for r in rows)])
        size = max_id + 1

        def grown(array: np.ndarray, fill: float) -> np.ndarray:
            out = np.full(size, fill, dtype=array.dtype)
            out[: len(array)] = array
            return out

        municipality, year, language = (
            grown(self.municipality, -1),
            grown(self.year, 0),
            grown(self.language, 0),
        )
        ranks = grown(self.date_rank, np.inf)
        municipalities, languages = list(self.municipalities), list(self.languages)
        for article_id, municipality_id, _published, year_value, language_value in rows:
            if municipality_id not in municipalities:
                municipalities.append(municipality_id)
            if language_value not in languages:
                languages.append(language_value)
            municipality[article_id] = municipalities.index(municipality_id)
            year[article_id] = year_value or 0
            language[article_id] = languages.index(language_value)
        self.order.place(((r[0], r[2]) for r in rows), ranks)
        for article_id in gone:
            municipality[article_id] = -1
            self.order.remove(article_id, ranks)
        return FacetIndex(
            municipality, year, language, ranks, municipalities, languages, max_id, seq, self.order
        )

    def known(self, ids: np.ndarray) -> np.ndarray:
        """The ids that are articles (an FTS row of a deleted article, say, is not)."""
        ids = ids[(ids >= 0) & (ids < len(self.municipality))]
        known: np.ndarray = ids[self.municipality[ids] >= 0]
        return known


def _in_snapshot(conn: sqlite3.Connection, read: Callable[[], _T]) -> _T:
    """``read()`` inside one read transaction (or the caller's, if it has one)."""
    if conn.in_transaction:
        return read()
    conn.execute("BEGIN")
    try:
        return read()
    finally:
        conn.execute("COMMIT")


def _change_seq(conn: sqlite3.Connection) -> int | None:
    """The last ``articles_changed`` entry ever made (0 if none); None if the file has no such log.

    From ``sqlite_sequence`` (the table is AUTOINCREMENT): ``max(seq)`` forgets entries the writer
    pruned, and a reader must know that it missed them.
    """
    try:
        conn.execute("SELECT 1 FROM articles_changed LIMIT 1").fetchall()
    except sqlite3.OperationalError:  # an archive from before the log (a reader does not migrate)
        return None
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'articles_changed'").fetchone()
    return int(row[0]) if row else 0


class FacetIndexCache:
    """One :class:`FacetIndex` per database file, caught up when the file changes (never if immutable).

    While a crawl writes to a served archive the file changes many times a second. A request then
    takes an index whose snapshot began after the request arrived, if one exists: it is as fresh as
    the request can ask for, and the many searches waiting on one catch-up share it instead of each
    catching up in turn behind the lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # name -> (file key, index, monotonic time its snapshot began)
        self._entries: dict[str, tuple[tuple[Any, ...], FacetIndex, float]] = {}
        self.builds = 0  # full reads (for tests and the benchmark)

    def get(self, conn: sqlite3.Connection, path: str | None, immutable: bool) -> FacetIndex:
        name = path or ":memory:"
        asked = time.monotonic()
        with self._lock:
            key = ("immutable",) if immutable else file_key(path)
            entry = self._entries.get(name)
            if entry and key and (entry[0] == key or entry[2] >= asked):
                return entry[1]
            if entry and entry[0][:1] != key[:1]:
                entry = None  # another file under the same name: its ids are not this index's
            began = time.monotonic()
            index = entry[1].catch_up(conn) if entry else None
            if index is None:
                index = FacetIndex.build(conn)
                self.builds += 1
            self._entries[name] = (key, index, began)
            return index


FACET_INDEXES = FacetIndexCache()
