"""Values read from the archive once and kept, refreshed in the background: cheap pages on a big file.

The front page's counts, the contact directory's and the "who is quoted" panel's arrays and the day
of each article (date filters, the month strip) cost a pass over a table: tens of milliseconds to a
second at a million articles. A :class:`Refreshing` keeps each value per database file and recomputes
it when the file changed (its size or time, or its WAL's: :func:`scraper.web.facets.file_key`), at
most once every ``min_age`` seconds, in a background thread with its own read-only connection, while
requests keep the previous value. So a crawl writing to a served archive costs at most one recount
per ``min_age``, never one per request, and no request waits for it. Only the first request for a
file (or one after :meth:`Refreshing.clear`) computes in its own thread, on its own connection.
An immutable file is read once.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from scraper.web.facets import file_key

T = TypeVar("T")


@dataclass
class _Entry(Generic[T]):
    key: tuple[Any, ...]
    value: T
    computed: float  # monotonic time the computation began
    refreshing: bool = False


class Refreshing(Generic[T]):
    """``compute(conn)`` per database file, recomputed in the background when the file changed."""

    def __init__(self, compute: Callable[[sqlite3.Connection], T], min_age: float = 30.0) -> None:
        self._compute = compute
        self.min_age = min_age
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry[T]] = {}

    def get(self, conn: sqlite3.Connection, path: str | None, immutable: bool) -> T:
        """The value for the file at ``path`` (``conn`` is a connection to it, used the first time)."""
        if not path:  # an in-memory database: nothing to key by, compute each time
            return self._compute(conn)
        key = ("immutable",) if immutable else file_key(path)
        with self._lock:
            entry = self._entries.get(path)
            if entry is not None:
                stale = entry.key != key and not immutable
                if stale and not entry.refreshing and time.monotonic() - entry.computed >= self.min_age:
                    entry.refreshing = True
                    threading.Thread(
                        target=self._refresh, args=(path, key), name="muninews-refresh", daemon=True
                    ).start()
                return entry.value
        began = time.monotonic()
        value = self._compute(conn)
        with self._lock:
            self._entries.setdefault(path, _Entry(key, value, began))
            return self._entries[path].value

    def _refresh(self, path: str, key: tuple[Any, ...]) -> None:
        began = time.monotonic()
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            try:
                value = self._compute(conn)
            finally:
                conn.close()
        except sqlite3.Error:  # locked, or gone: keep the value we have and try again later
            with self._lock:
                if path in self._entries:
                    self._entries[path].refreshing = False
            return
        with self._lock:
            self._entries[path] = _Entry(key, value, began)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
