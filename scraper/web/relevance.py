"""Relevance order for the search page: bm25 over a bounded set of candidates, never row by row.

FTS5 scores every matching row to sort by ``rank`` (3–5 µs a row): a word in every article of a
100,000-article archive costs 0.4–0.5 s a search, 4–5 s at a million, which a few readers turn into
a queue. And a filter put into the index query as ``rowid IN (…)`` is far worse: SQLite hands FTS5
one rowid at a time, and FTS5 runs the whole query again for each (19–37 ms a rowid for a common
word, so 200 filtered matches took 7 s and 10,000 took 242 s). So:

* the candidates are the exact set of matches that pass the filters (from the facet arrays), and
  above :data:`RANK_CANDIDATES` the newest that many of them: for news, the best match among the
  newest 10,000 is what a reader wants, and the page says that it ranked only those;
* the index query walks the word's doclist once (only the candidates' rowid range) and checks each
  row against the candidates with ``+rowid IN`` (the ``+`` keeps SQLite from handing the list to
  FTS5 row by row), and computes bm25 — with the archive's weights — only for the candidates.
"""

from __future__ import annotations

import json
import sqlite3

import numpy as np

from scraper.archive.fts import score_sql

#: At most this many matches are ranked by relevance, the newest (bm25 costs ~4 µs a row: ~40 ms).
RANK_CANDIDATES = 10_000


#: One page of the candidates (a JSON list of rowids) in bm25 order: one walk of the doclist.
CANDIDATES_SQL = (
    f"SELECT rowid, {score_sql('articles')} AS score FROM articles_fts "
    "WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ? "
    "AND +rowid IN (SELECT value FROM json_each(?)) ORDER BY score, rowid LIMIT ? OFFSET ?"
)


def candidates(date_rank: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``ids`` if few enough, else the newest :data:`RANK_CANDIDATES` of them."""
    if len(ids) <= RANK_CANDIDATES:
        return ids
    newest = np.argpartition(date_rank[ids], RANK_CANDIDATES - 1)[:RANK_CANDIDATES]
    chosen: np.ndarray = ids[newest]
    return chosen


def ranked_page(
    conn: sqlite3.Connection, expression: str, ids: np.ndarray, whole: bool, offset: int, size: int
) -> list[int]:
    """One page of ``ids`` (matches of ``expression``) in bm25 order.

    ``whole`` says ``ids`` are every match of the expression: then FTS5 sorts by its own ``rank``.
    """
    if whole:
        sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
        return [r[0] for r in conn.execute(sql, [expression, size, offset])]
    if not len(ids):
        return []
    args = [expression, int(ids.min()), int(ids.max()), json.dumps(ids.tolist()), size, offset]
    return [r[0] for r in conn.execute(CANDIDATES_SQL, args)]
