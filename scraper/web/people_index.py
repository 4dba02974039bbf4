"""Who is quoted in, or named as the contact of, a set of articles: for every match, not only a page.

A :class:`PeopleIndex` holds two pairs of arrays, (article id, person id) for each quote and each
contact linked to a person. The people of a search's matches are then one boolean look-up and one
``bincount`` per pair (milliseconds for a third of a million matches), never a join of the matches
against ``quotes`` and ``contacts``. The arrays are read once per file (a pass over the two tables) and
refreshed in the background when it changes (:mod:`.cached`).

:func:`people_rows` reads what the pages show about the people it is given: name, role,
municipality, e-mail, the phone as E.164 (for ``tel:`` links) and as the page printed it.
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from typing import Any

import numpy as np

from scraper.web.archive_db import dicts
from scraper.web.cached import Refreshing

#: People shown in the search page's panel.
PANEL_SIZE = 8
#: Up to this many matches, the panel looks their pairs up by binary search; above, one pass over
#: all pairs is cheaper.
FEW = 2_000


@dataclass(frozen=True)
class PeopleIndex:
    quote_article: np.ndarray  # int64, one per quote with a person
    quote_person: np.ndarray
    contact_article: np.ndarray  # int64, one per contact with a person
    contact_person: np.ndarray

    @classmethod
    def build(cls, conn: sqlite3.Connection) -> PeopleIndex:
        def pairs(table: str) -> tuple[np.ndarray, np.ndarray]:
            rows = conn.execute(
                f"SELECT article_id, person_id FROM {table} WHERE person_id IS NOT NULL"
            ).fetchall()
            array = np.array(rows, dtype=np.int64).reshape(-1, 2)
            return array[:, 0].copy(), array[:, 1].copy()

        quote_article, quote_person = pairs("quotes")
        contact_article, contact_person = pairs("contacts")
        return cls(quote_article, quote_person, contact_article, contact_person)

    @functools.cached_property
    def _sizes(self) -> tuple[int, int]:
        """1 + the largest article id and 1 + the largest person id in the pairs: a pass over every
        pair, made once instead of on each search."""

        def top(*arrays: np.ndarray) -> int:
            return 1 + max((int(a.max()) for a in arrays if len(a)), default=0)

        return top(self.quote_article, self.contact_article), top(self.quote_person, self.contact_person)

    def counts(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per person id: how many quotes and how many contact listings the articles ``ids`` hold."""
        articles, people = self._sizes
        matched = np.zeros(max(articles, int(ids.max()) + 1 if len(ids) else 0), dtype=bool)
        matched[ids] = True
        quoted = np.bincount(self.quote_person[matched[self.quote_article]], minlength=people)
        listed = np.bincount(self.contact_person[matched[self.contact_article]], minlength=people)
        return quoted, listed

    @functools.cached_property
    def _by_article(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The pairs in article order (as read, when the archive wrote them so: no copy), for
        :meth:`_people_of`."""

        def ordered(articles: np.ndarray, people: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            if len(articles) < 2 or bool(np.all(articles[1:] >= articles[:-1])):
                return articles, people
            order = np.argsort(articles, kind="stable")
            return articles[order], people[order]

        return (*ordered(self.quote_article, self.quote_person),
                *ordered(self.contact_article, self.contact_person))  # fmt: skip

    @staticmethod
    def _people_of(ids: np.ndarray, articles: np.ndarray, people: np.ndarray) -> np.ndarray:
        """The person of every pair whose article is one of ``ids`` (``articles`` sorted)."""
        lo, hi = np.searchsorted(articles, ids, "left"), np.searchsorted(articles, ids, "right")
        n = hi - lo
        starts = np.repeat(lo - (np.cumsum(n) - n), n)  # position of each pair = its range's start + k
        found: np.ndarray = people[starts + np.arange(int(n.sum()))]
        return found

    def _counts_of_few(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(person ids, quotes, contact listings) of the people in ``ids``, by a binary search per id
        instead of the pass over every pair :meth:`counts` makes (1.4 ms for 100 articles of a
        million, whose archive has 750,000 pairs)."""
        qa, qp, ca, cp = self._by_article
        ids = np.unique(ids)
        quoted_people, listed_people = self._people_of(ids, qa, qp), self._people_of(ids, ca, cp)
        present = np.union1d(quoted_people, listed_people)
        quoted = np.searchsorted(np.sort(quoted_people), present, "right") - np.searchsorted(
            np.sort(quoted_people), present, "left"
        )
        listed = np.searchsorted(np.sort(listed_people), present, "right") - np.searchsorted(
            np.sort(listed_people), present, "left"
        )
        return present, quoted, listed

    def top(self, ids: np.ndarray, limit: int) -> list[tuple[int, int, int]]:
        """(person id, quotes, contact listings) of the ``limit`` people most present in ``ids``."""
        if not len(ids):
            return []
        if len(ids) <= FEW:
            present, quoted_of, listed_of = self._counts_of_few(ids)
            weight_of = quoted_of + listed_of
            order = np.lexsort((present, -weight_of))[:limit]
            return [(int(present[i]), int(quoted_of[i]), int(listed_of[i])) for i in order]
        quoted, listed = self.counts(ids)
        weight = quoted + listed
        present = np.flatnonzero(weight)
        if not len(present):
            return []
        # most present first, then the lower id (the one the archive met first): a stable order
        order = present[np.lexsort((present, -weight[present]))][:limit]
        return [(int(p), int(quoted[p]), int(listed[p])) for p in order]


PEOPLE_INDEXES: Refreshing[PeopleIndex] = Refreshing(PeopleIndex.build, min_age=30.0)


def people_rows(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The people ``ids`` as the pages show them, keyed by id (a missing id is left out)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = dicts(
        conn.execute(
            "SELECT p.id, p.name, p.role, p.email, p.phone, p.municipality_id, p.quote_count, p.contact_count, "
            "coalesce(m.name, p.municipality_id) AS municipality, "
            "(SELECT c.phone_raw FROM contacts c WHERE c.person_id = p.id AND c.phone = p.phone "
            " ORDER BY c.id DESC LIMIT 1) AS phone_shown "
            f"FROM people p LEFT JOIN municipalities m ON m.id = p.municipality_id WHERE p.id IN ({marks})",
            ids,
        )
    )
    return {r["id"]: r for r in rows}


def panel(
    conn: sqlite3.Connection, path: str | None, immutable: bool, ids: np.ndarray, limit: int = PANEL_SIZE
) -> list[dict[str, Any]]:
    """The search page's "who is quoted / who to call" panel over all the matches ``ids``."""
    index = PEOPLE_INDEXES.get(conn, path, immutable)
    top = index.top(ids, limit)
    rows = people_rows(conn, [p for p, _, _ in top])
    return [rows[p] | {"quoted": q, "listed": c} for p, q, c in top if p in rows]
