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

    def top(self, ids: np.ndarray, limit: int) -> list[tuple[int, int, int]]:
        """(person id, quotes, contact listings) of the ``limit`` people most present in ``ids``."""
        if not len(ids):
            return []
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
