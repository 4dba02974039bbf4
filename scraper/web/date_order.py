"""Newest-first order of articles as one number per article, kept up to date without a re-sort.

The search page sorts matches by date with one ``argpartition`` over a per-article rank. A full
rank is a sort of every article (Python, ~0.1 s per 100,000); a crawl writing into a served archive
adds articles many times a second, so re-sorting after each write kept the server busy re-sorting.
Here the order made at build time stays, and an article added or changed later gets a fractional
rank between the two built-in neighbours it falls between (found by bisection: the built order is
kept as the ids in order plus one entry per distinct date). Articles that land in the same gap are
ordered among themselves, so the order is exactly the one a full sort would give. The order is
``published`` descending as text (like ``ORDER BY published DESC``), then id descending, undated
articles last.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import numpy as np

#: No article with this id: sorts after every article.
MISSING = np.inf


def sort_key(published: str | None, article_id: int) -> tuple[bool, str, int]:
    """Ascending key of the order (the order itself is this key descending)."""
    return (published is not None, published or "", article_id)


class DateOrder:
    """The built order (ids newest first, and the block of each distinct date) and the later arrivals.

    Not thread-safe: the owner (:class:`~scraper.web.facets.FacetIndexCache`) calls :meth:`place`
    under its lock and hands readers a copy of the ranks.
    """

    def __init__(self, rows: Iterable[tuple[int, str | None]], size: int) -> None:
        ordered = sorted(rows, key=lambda r: sort_key(r[1], r[0]), reverse=True)
        self.ids = np.fromiter((r[0] for r in ordered), dtype=np.int64, count=len(ordered))
        # distinct dates, ascending by sort key, and where each one's block starts in ``ids``
        self._dates: list[tuple[bool, str]] = []
        starts: list[int] = []
        for position, (_id, published) in enumerate(ordered):
            key = (published is not None, published or "")
            if not self._dates or self._dates[-1] != key:
                self._dates.append(key)
                starts.append(position)
        self._dates.reverse()
        self._starts = starts[::-1]  # block of self._dates[i] starts at self._starts[i] in ids
        self.ranks = np.full(size, MISSING, dtype=np.float64)
        self.ranks[self.ids] = np.arange(len(self.ids), dtype=np.float64)
        # later arrivals: built position they go before -> their keys; and each one's position
        self._gaps: dict[int, list[tuple[bool, str, int]]] = {}
        self._gap_of: dict[int, int] = {}

    @property
    def placed(self) -> int:
        """How many articles were placed since the build."""
        return len(self._gap_of)

    def _position(self, published: str | None, article_id: int) -> int:
        """The built position the article goes before (len(ids) = after every built article)."""
        key = (published is not None, published or "")
        i = bisect.bisect_left(self._dates, key)
        if i < len(self._dates) and self._dates[i] == key:  # a date of the build: within its block
            start = self._starts[i]
            end = self._starts[i - 1] if i > 0 else len(self.ids)
            block = self.ids[start:end]  # ids descending
            return start + int(np.count_nonzero(block > article_id))
        # a new date: after every built date that sorts above it (the blocks of dates above it)
        return self._starts[i - 1] if i > 0 else len(self.ids)

    def place(self, rows: Iterable[tuple[int, str | None]], ranks: np.ndarray) -> None:
        """Give each (id, published) its rank in ``ranks`` (a copy the caller owns and sized for them)."""
        touched: set[int] = set()
        for article_id, published in rows:
            old = self._gap_of.pop(article_id, None)
            if old is not None:
                self._gaps[old] = [k for k in self._gaps[old] if k[2] != article_id]
                touched.add(old)
            gap = self._position(published, article_id)
            self._gaps.setdefault(gap, []).append(sort_key(published, article_id))
            self._gap_of[article_id] = gap
            touched.add(gap)
        for gap in touched:
            keys = sorted(self._gaps[gap], reverse=True)
            for j, key in enumerate(keys):  # between built ranks gap - 1 and gap, in their own order
                ranks[key[2]] = gap - 1 + (j + 1) / (len(keys) + 1)

    def remove(self, article_id: int, ranks: np.ndarray) -> None:
        """The article is gone: no rank, and no place among the later arrivals."""
        old = self._gap_of.pop(article_id, None)
        if old is not None:
            self._gaps[old] = [k for k in self._gaps[old] if k[2] != article_id]
        if article_id < len(ranks):
            ranks[article_id] = MISSING
