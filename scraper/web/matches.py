"""Which articles match a search, with the matches of a common clause kept in memory for the next search.

FTS5 answers *which* articles match in one pass over each word's doclist (``group_concat(rowid)``,
no row look-ups), but that pass grows with the matches: ``skola`` with its forms and compounds
(*skolorna*, *förskolorna*, *grundskola*, …, eleven words) matches 284,145 of a million articles and
costs 52-65 ms, of which ~30 ms is FTS5 walking the doclists and ~25 ms turning the rowids into text
(measured on the synthetic million-article archive; ``sum(rowid)`` alone costs most of the walk, so
no other aggregate is much faster). Everything after it on the page takes ~25 ms.

A reader's session repeats its clauses: the next page, a click on a municipality or a year, newest
first after best match, the chart and the contacts of the same words. So the ids of a clause with at
least :data:`MIN_MATCHES` matches (below that FTS5 answers in about a millisecond) are kept, per file,
up to :data:`MAX_BYTES` (``MUNINEWS_MATCH_CACHE_MB``; 0 turns the cache off), least recently used out
first. A search whose clauses are all kept is answered by numpy (an intersection is one boolean
look-up); any other runs its whole expression in FTS5 as before, and a one-clause search's answer is
kept. The first search for a common word costs what it did.

Only for an **immutable** file (the way an archive is published, ``serve`` with ``-i``): its matches
cannot change. A file being written to is always asked afresh; its size and time, which the other
caches key on, can stay the same across two writes within the clock's tick, and a kept answer would
then be wrong.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict

import numpy as np

from scraper.web.query import ParsedQuery

#: A clause with fewer matches is never kept: FTS5 finds 5,000 ids in about a millisecond.
MIN_MATCHES = 5_000
#: Memory for kept ids per process (8 bytes each): ~28 clauses of a third of a million articles.
MAX_BYTES = int(float(os.environ.get("MUNINEWS_MATCH_CACHE_MB", "64")) * 1024 * 1024)


def fts_ids(conn: sqlite3.Connection, table: str, expression: str) -> np.ndarray:
    """Every rowid matching ``expression``, in one pass over the index (no row look-ups)."""
    text = conn.execute(
        f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH ?", [expression]
    ).fetchone()[0]
    if not text:
        return np.zeros(0, dtype=np.int64)
    # numpy's own text parser: 7x as fast as splitting into a third of a million Python strings
    ids: np.ndarray = np.fromstring(text, dtype=np.int64, sep=",")
    return ids


class MatchCache:
    """Ids of clauses per (file, clause), least recently used out first, at most ``max_bytes``."""

    def __init__(self, max_bytes: int = MAX_BYTES, min_matches: int = MIN_MATCHES) -> None:
        self.max_bytes = max_bytes
        self.min_matches = min_matches
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._bytes = 0
        self.hits = 0  # for the tests and the benchmark
        self.misses = 0

    def get(self, path: str, clause: str) -> np.ndarray | None:
        with self._lock:
            ids = self._entries.get((path, clause))
            if ids is None:
                self.misses += 1
                return None
            self._entries.move_to_end((path, clause))
            self.hits += 1
            return ids

    def put(self, path: str, clause: str, ids: np.ndarray) -> None:
        if len(ids) < self.min_matches or ids.nbytes > self.max_bytes:
            return
        kept = ids.copy()
        kept.setflags(write=False)  # handed to every later search: nobody may change it
        with self._lock:
            old = self._entries.pop((path, clause), None)
            self._bytes -= old.nbytes if old is not None else 0
            self._entries[(path, clause)] = kept
            self._bytes += kept.nbytes
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.nbytes

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


MATCHES = MatchCache()


def _in(ids: np.ndarray, other: np.ndarray) -> np.ndarray:
    """For each of ``ids``, whether ``other`` holds it: one boolean look-up, not the sort
    ``np.isin`` and ``np.intersect1d`` make (a third of a million ids each, on a loaded machine:
    6 ms, against 12 for ``np.isin`` and 118 for ``np.intersect1d``)."""
    if not len(ids) or not len(other):
        return np.zeros(len(ids), dtype=bool)
    mask = np.zeros(max(int(ids.max()), int(other.max())) + 1, dtype=bool)
    mask[other] = True
    found: np.ndarray = mask[ids]
    return found


def article_ids(
    conn: sqlite3.Connection,
    path: str | None,
    immutable: bool,
    parsed: ParsedQuery,
    cache: MatchCache = MATCHES,
) -> np.ndarray:
    """The rowids of ``articles_fts`` matching ``parsed`` (whose ``expression`` is not None): the same
    ids, in the same order, as FTS5 gives for the whole expression."""
    assert parsed.expression is not None
    if not (immutable and path and parsed.clauses and cache.max_bytes > 0):
        return fts_ids(conn, "articles_fts", parsed.expression)
    kept = [cache.get(path, clause) for clause in parsed.clauses]
    excluded = cache.get(path, parsed.excluded) if parsed.excluded else None
    known = [ids for ids in kept if ids is not None]
    if len(known) == len(kept) and (excluded is not None or not parsed.excluded):
        ids = known[0]
        for other in known[1:]:
            ids = ids[_in(ids, other)]
        return ids[~_in(ids, excluded)] if excluded is not None else ids
    ids = fts_ids(conn, "articles_fts", parsed.expression)
    if len(parsed.clauses) == 1 and not parsed.excluded:
        cache.put(path, parsed.clauses[0], ids)
    return ids
