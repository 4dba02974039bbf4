"""The search's filters: what they are, how they read from a URL, and which matches pass them.

The filters are municipality, year, language and a date range (``from``, ``to``: ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``, both ends included). They mean what the canned ``search`` query's
SQL says (``published >= from``, ``published <= to || 'z'``): a date that is not one of those three
shapes matches nothing, as a year that is not a number does.

Filtering is arithmetic on arrays indexed by article id: :class:`~scraper.web.facets.FacetIndex`
(municipality, year, language) and :class:`DayIndex` (each article's publication day as the number
``YYYYMMDD``). So the counts of "what removing one filter would give" (:func:`without_each_filter`)
and the matches per month (:func:`month_counts`) cost a mask each, never another query.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

import numpy as np

from scraper.web.cached import Refreshing
from scraper.web.facets import FacetIndex

SORTS = ("relevance", "newest", "oldest")
#: The filters, in the order the page names them.
FILTERS = ("municipality", "year", "language", "date_from", "date_to")
#: How the page names each filter ("12 results without the year filter").
FILTER_LABELS = {
    "municipality": "the municipality filter",
    "year": "the year filter",
    "language": "the language filter",
    "date_from": "the from date",
    "date_to": "the to date",
}
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass
class SearchRequest:
    q: str = ""
    kind: str = "articles"  # or "quotes"
    sort: str = "relevance"
    municipality: str = ""
    year: str = ""
    language: str = ""
    date_from: str = ""  # ?from=
    date_to: str = ""  # ?to=
    page: int = 1

    def filters(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FILTERS if getattr(self, name)}


def search_request(args: Any) -> SearchRequest:
    """The request from the query string; anything unexpected falls back to the default."""
    page = args.get("page", "1")
    return SearchRequest(
        q=args.get("q", "").strip(),
        kind="quotes" if args.get("kind") == "quotes" else "articles",
        sort=args.get("sort") if args.get("sort") in SORTS else "relevance",
        municipality=args.get("municipality", ""),
        year=args.get("year", "").strip(),
        language=args.get("language", ""),
        date_from=args.get("from", "").strip(),
        date_to=args.get("to", "").strip(),
        page=int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1,
    )


def day_number(value: str | None, end: bool = False) -> int | None:
    """``2024-03-05`` → 20240305; a month or year is its first day (``end``: its last), else None."""
    if not value or not _DATE.fullmatch(value):
        return None
    digits = value.replace("-", "")
    fill = "99" if end else "00"
    return int(digits + fill * ((8 - len(digits)) // 2))


def bad_dates(req: SearchRequest) -> list[str]:
    """The page's words for date filters that are no date (they match nothing)."""
    return [
        f"{label} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        for label, value in (("from", req.date_from), ("to", req.date_to))
        if value and day_number(value) is None
    ]


@dataclass(frozen=True)
class DayIndex:
    """Each article's publication day as ``YYYYMMDD`` (0: no date), indexed by article id."""

    day: np.ndarray  # int32

    @classmethod
    def build(cls, conn: sqlite3.Connection, start: int = 0, base: np.ndarray | None = None) -> DayIndex:
        """From the index on ``published`` (a covering read); from id ``start`` on, on top of ``base``."""
        rows = conn.execute(
            "SELECT id, CAST(substr(published, 1, 4) || coalesce(nullif(substr(published, 6, 2), ''), '00') "
            "|| coalesce(nullif(substr(published, 9, 2), ''), '00') AS INTEGER) FROM articles "
            "WHERE id >= ? AND published GLOB '[0-9][0-9][0-9][0-9]*'",
            [start],
        ).fetchall()
        pairs = np.array(rows, dtype=np.int64).reshape(-1, 2)
        last = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0  # undated ones too
        size = max(
            int(pairs[:, 0].max()) + 1 if len(pairs) else 0, len(base) if base is not None else 0, last + 1
        )
        day = np.zeros(size, dtype=np.int32)
        if base is not None:
            day[: len(base)] = base
        day[pairs[:, 0]] = pairs[:, 1]
        return cls(day)

    def of(self, conn: sqlite3.Connection, ids: np.ndarray) -> np.ndarray:
        """The days of ``ids``; ids past the array (articles added since it was read) are read now."""
        day = self.day
        if len(ids) and int(ids.max()) >= len(day):
            day = DayIndex.build(conn, start=len(day), base=day).day
            if int(ids.max()) >= len(day):  # written after the read above began: no day known yet
                day = np.concatenate([day, np.zeros(int(ids.max()) + 1 - len(day), dtype=np.int32)])
        out: np.ndarray = day[ids]
        return out


DAY_INDEXES: Refreshing[DayIndex] = Refreshing(DayIndex.build, min_age=30.0)


@dataclass
class Filtered:
    """The matches that pass every filter, and the days of all matches (for the month strip)."""

    ids: np.ndarray
    masks: dict[str, np.ndarray]  # filter name -> which of the unfiltered matches pass it
    all_ids: np.ndarray
    all_days: np.ndarray  # the publication day of each of all_ids

    def passing(self, *left_out: str) -> np.ndarray:
        """Which of the unfiltered matches pass every filter but those ``left_out``."""
        mask = np.ones(len(self.all_ids), dtype=bool)
        for other, m in self.masks.items():
            if other not in left_out:
                mask &= m
        return mask


def apply_filters(index: FacetIndex, days: np.ndarray, ids: np.ndarray, req: SearchRequest) -> Filtered:
    """Which of ``ids`` pass each of ``req``'s filters (an unknown value: none); ``days`` are theirs."""
    masks: dict[str, np.ndarray] = {}
    if req.municipality:
        code = (
            index.municipalities.index(req.municipality) if req.municipality in index.municipalities else -2
        )
        masks["municipality"] = index.municipality[ids] == code
    if req.year:
        masks["year"] = index.year[ids] == (int(req.year) if req.year.isdigit() else -1)
    if req.language:
        code = index.languages.index(req.language) if req.language in index.languages else -2
        masks["language"] = index.language[ids] == code
    if req.date_from:
        low = day_number(req.date_from)
        masks["date_from"] = (days >= low) & (days > 0) if low is not None else np.zeros(len(ids), bool)
    if req.date_to:
        high = day_number(req.date_to, end=True)
        masks["date_to"] = (days <= high) & (days > 0) if high is not None else np.zeros(len(ids), bool)
    filtered = Filtered(ids, masks, ids, days)
    filtered.ids = ids[filtered.passing()]
    return filtered


def without_each_filter(filtered: Filtered) -> list[tuple[str, int]]:
    """(filter, matches without it) for each filter in use that holds back at least one match."""
    out = []
    for name in FILTERS:
        if name in filtered.masks:
            count = int(filtered.passing(name).sum())
            if count:
                out.append((name, count))
    return out


def month_counts(days: np.ndarray) -> list[tuple[str, int]]:
    """(``YYYY-MM``, matches) for every month from the first dated match to the last (gaps as 0)."""
    months = days[days > 0] // 100
    if not len(months):
        return []
    keys = (months // 100) * 12 + (months % 100 - 1).clip(0, 11)
    first, last = int(keys.min()), int(keys.max())
    counts = np.bincount(keys - first, minlength=last - first + 1)
    return [(f"{(first + i) // 12:04d}-{(first + i) % 12 + 1:02d}", int(c)) for i, c in enumerate(counts)]


def sql_conditions(req: SearchRequest, omit: tuple[str, ...] = ()) -> tuple[list[str], dict[str, Any]]:
    """The filters as SQL conditions on the articles ``a`` (the quote search), meaning what
    :func:`apply_filters` means; a date that is no date matches nothing."""
    where: list[str] = []
    params: dict[str, Any] = {}
    for name, value in req.filters().items():
        if name in omit:
            continue
        if name == "year":
            where.append("a.year = :year")
            params[name] = int(value) if value.isdigit() else -1
        elif name in ("municipality", "language"):
            where.append(f"a.{'municipality_id' if name == 'municipality' else name} = :{name}")
            params[name] = value
        elif day_number(value) is None:
            where.append("0")
        else:
            op, bound = (">=", f":{name}") if name == "date_from" else ("<=", f":{name} || 'z'")
            where.append(f"a.published GLOB '[0-9][0-9][0-9][0-9]*' AND a.published {op} {bound}")
            params[name] = value
    return where, params


def month_strip(months: list[tuple[str, int]], req: SearchRequest) -> list[tuple[str, int, int, bool]]:
    """(month, matches, bar height in % of the busiest month, whether the date range is that month)."""
    peak = max((c for _, c in months), default=0) or 1
    return [
        (m, c, max(3, round(100 * c / peak)) if c else 0, req.date_from == req.date_to == m)
        for m, c in months
    ]
