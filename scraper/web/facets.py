"""The search page's facet arrays: exact facet counts and newest-first order at a million articles.

A :class:`FacetIndex` holds small numpy arrays indexed by article id: each article's municipality,
year, language and rank in newest-first order. Counting a facet is one ``bincount``, sorting by date
one ``argpartition``. The arrays are read once from covering indexes (~2 s per million articles,
~10 MB) and rebuilt when the file changes (:class:`FacetIndexCache`), so results are exact.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np


def file_key(path: str | None) -> tuple[Any, ...]:
    """Changes whenever SQLite writes the file or its WAL."""
    if not path:
        return ()
    key: list[Any] = []
    for p in (path, f"{path}-wal"):
        try:
            st = os.stat(p)
            key += [st.st_mtime_ns, st.st_size]
        except OSError:
            key += [None, None]
    return tuple(key)


@dataclass
class FacetIndex:
    """Per-article facet values and date rank, as arrays indexed by article id."""

    municipality: np.ndarray  # int32 code into municipalities, -1 = no article with this id
    year: np.ndarray  # int32, 0 = unknown
    language: np.ndarray  # int32 code into languages
    date_rank: np.ndarray  # int64, 0 = newest (published desc, then id desc; undated last)
    municipalities: list[str]
    languages: list[str | None]

    @classmethod
    def build(cls, conn: sqlite3.Connection) -> FacetIndex:
        """The arrays of the articles in ``conn``, read in one snapshot.

        A crawl may write to a served archive at any moment: outside a transaction each SELECT would
        see its own state of the file, and an article inserted between them has an id past the
        arrays sized by the first. One read transaction gives all of them the same snapshot.
        """
        if conn.in_transaction:
            return cls._read(conn)
        conn.execute("BEGIN")
        try:
            return cls._read(conn)
        finally:
            conn.execute("COMMIT")

    @classmethod
    def _read(cls, conn: sqlite3.Connection) -> FacetIndex:
        # Each SELECT is answered from a covering index, never from the 3 KB article rows.
        rows = conn.execute("SELECT id, municipality_id, published FROM articles").fetchall()
        size = (max((r[0] for r in rows), default=0)) + 1
        municipalities = sorted({r[1] for r in rows})
        code = {m: i for i, m in enumerate(municipalities)}
        municipality = np.full(size, -1, dtype=np.int32)
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        municipality[ids] = np.fromiter((code[r[1]] for r in rows), dtype=np.int32, count=len(rows))
        # newest first: published descending (as text, like ORDER BY published DESC), id descending,
        # undated articles last
        order = sorted(rows, key=lambda r: (r[2] is not None, r[2] or "", r[0]), reverse=True)
        date_rank = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
        date_rank[np.fromiter((r[0] for r in order), dtype=np.int64, count=len(order))] = np.arange(
            len(order), dtype=np.int64
        )
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
        return cls(municipality, year, language, date_rank, municipalities, languages)

    def known(self, ids: np.ndarray) -> np.ndarray:
        """The ids that are articles (an FTS row of a deleted article, say, is not)."""
        ids = ids[(ids >= 0) & (ids < len(self.municipality))]
        known: np.ndarray = ids[self.municipality[ids] >= 0]
        return known


class FacetIndexCache:
    """One :class:`FacetIndex` per database file, rebuilt when the file changes (never if immutable).

    While a crawl writes to a served archive the file changes many times a second. A request then
    takes an index whose snapshot began after the request arrived, if one exists: it is as fresh as
    the request can ask for, and the many searches waiting on one rebuild share it instead of each
    rebuilding in turn behind the lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # name -> (file key, index, monotonic time its snapshot began)
        self._entries: dict[str, tuple[tuple[Any, ...], FacetIndex, float]] = {}

    def get(self, conn: sqlite3.Connection, path: str | None, immutable: bool) -> FacetIndex:
        name = path or ":memory:"
        asked = time.monotonic()
        with self._lock:
            key = ("immutable",) if immutable else file_key(path)
            entry = self._entries.get(name)
            if entry and key and (entry[0] == key or entry[2] >= asked):
                return entry[1]
            began = time.monotonic()
            index = FacetIndex.build(conn)
            self._entries[name] = (key, index, began)
            return index


FACET_INDEXES = FacetIndexCache()
