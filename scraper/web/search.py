"""``/-/search``: ranked or newest-first search of articles and quotes, with exact facet counts.

Datasette's table search over ``articles`` costs 1.7–2.6 s for a word in a third of a million-article
archive, because every match is looked up in ``articles`` (3 KB rows) to count facets and to sort by
date. Here the index answers only *which* articles match (``group_concat(rowid)`` of the FTS5 query,
one pass over the word's doclist, no row look-ups), and everything else is arithmetic on a
:class:`FacetIndex`: small numpy arrays indexed by article id, holding each article's
municipality, year, language and rank in newest-first order. Counting a facet is one
``bincount``, sorting by date one ``argpartition``. The arrays are read once from covering indexes
(~2 s per million articles, ~10 MB) and rebuilt when the file changes, so results are exact.

Relevance order uses FTS5's bm25 ``rank`` over the matches that pass the filters, at most the newest
:data:`~scraper.web.relevance.RANK_CANDIDATES` of them (:mod:`.relevance` says why).
Snippets come from FTS5 ``snippet()`` for the page's rows only.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasette.utils.asgi import Response

from scraper.archive import inflection
from scraper.web import limits, links, relevance
from scraper.web.archive_db import archive_database, ensure_can_view
from scraper.web.facets import FACET_INDEXES, FacetIndex
from scraper.web.filters import (
    DAY_INDEXES,
    FILTER_LABELS,
    SORTS,
    SearchRequest,
    apply_filters,
    bad_dates,
    month_counts,
    month_strip,
    search_request,
    sql_conditions,
    without_each_filter,
)
from scraper.web.matches import article_ids
from scraper.web.people_index import PEOPLE_INDEXES
from scraper.web.people_index import panel as people_panel
from scraper.web.query import ParsedQuery, parse_query, query_too_long
from scraper.web.snippets import END as _END
from scraper.web.snippets import START as _START
from scraper.web.snippets import highlight, snippets_sql
from scraper.web.suggest import did_you_mean

PAGE_SIZE = 20


@dataclass
class SearchResult:
    query: ParsedQuery
    total: int = 0
    hits: list[dict[str, Any]] = field(default_factory=list)
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # value, label, count
    months: list[tuple[str, int]] = field(default_factory=list)  # matches per month, date range aside
    without: list[tuple[str, int]] = field(default_factory=list)  # zero results: (filter, total without it)
    people: list[dict[str, Any]] = field(
        default_factory=list
    )  # who is quoted / who to call, over all matches
    elapsed_ms: float = 0.0
    error: str | None = None
    ranked: int | None = None  # how many matches relevance order ranked (all, or the newest N)


def search_articles(
    conn: sqlite3.Connection, path: str | None, immutable: bool, req: SearchRequest
) -> SearchResult:
    """One page of articles matching ``req``, with exact facet counts over all matches."""
    started = time.perf_counter()
    parsed = parse_query(req.q, conn)
    result = SearchResult(query=parsed)
    if parsed.expression is None and req.q.strip():
        return result  # typed something, but nothing searchable (only "*", or only exclusions)
    index = FACET_INDEXES.get(conn, path, immutable)
    if parsed.expression is None:  # no query: browse everything, newest first
        ids = np.flatnonzero(index.municipality >= 0).astype(np.int64)
        req.sort = "oldest" if req.sort == "oldest" else "newest"
    else:
        ids = index.known(article_ids(conn, path, immutable, parsed))
    filtered = apply_filters(index, DAY_INDEXES.get(conn, path, immutable).of(conn, ids), ids, req)
    ids = filtered.ids
    result.total = len(ids)
    result.facets = _facet_counts(conn, index, ids)
    result.months = month_counts(filtered.all_days[filtered.passing("date_from", "date_to")])
    result.without = without_each_filter(filtered) if not result.total else []
    result.people = people_panel(conn, path, immutable, ids)
    offset = (max(req.page, 1) - 1) * PAGE_SIZE
    if req.sort in ("newest", "oldest") or parsed.expression is None:  # browsing is always by date
        page_ids = _dated_page(index, ids, req.sort, offset)
    elif offset >= len(ids):  # nothing passes the filters, or a page past the end: no ranking at all
        page_ids = []
    else:
        ranked = relevance.candidates(index.date_rank, ids)
        result.ranked = len(ranked)
        whole = len(ranked) == len(ids) and not req.filters()
        page_ids = relevance.ranked_page(conn, parsed.expression, ranked, whole, offset, PAGE_SIZE)
    result.hits = _article_rows(conn, parsed.expression, page_ids)
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


def _facet_counts(
    conn: sqlite3.Connection, index: FacetIndex, ids: np.ndarray
) -> dict[str, list[tuple[str, str, int]]]:
    """(value, label, count) per facet over the matching ``ids``: municipality, year, language."""
    names = dict(conn.execute("SELECT id, coalesce(name, id) FROM municipalities").fetchall())
    counts = np.bincount(index.municipality[ids], minlength=len(index.municipalities))
    municipality = sorted(
        ((m, names.get(m, m), int(c)) for m, c in zip(index.municipalities, counts, strict=True) if c),
        key=lambda t: (-t[2], t[1]),
    )
    years, ycounts = _value_counts(index.year[ids])
    year = sorted(
        ((str(y), str(y) if y else "no date", int(c)) for y, c in zip(years, ycounts, strict=True)),
        key=lambda t: t[0],
        reverse=True,
    )
    lcounts = np.bincount(index.language[ids], minlength=len(index.languages))
    language = [(v or "", v or "unknown", int(c)) for v, c in zip(index.languages, lcounts, strict=True) if c]
    return {"municipality": municipality, "year": year, "language": language}


def _value_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``values`` (small non-negative ints: years, 0 unknown) and how many of each, as
    ``np.unique(..., return_counts=True)`` gives them but by one ``bincount`` instead of a sort
    (a third of a million matches: ~1 ms instead of ~7)."""
    if not len(values):
        return values[:0], values[:0]
    low = int(values.min())
    counts = np.bincount(values - low)
    present = np.flatnonzero(counts)
    return present + low, counts[present]


def _dated_page(index: FacetIndex, ids: np.ndarray, sort: str, offset: int) -> list[int]:
    """One page of ``ids`` newest (or oldest) first: a partial sort of only the first pages."""
    ranks = index.date_rank[ids]
    if sort == "oldest":
        ranks = -ranks
    k = min(offset + PAGE_SIZE, len(ids))
    if k <= 0:
        return []
    part = np.argpartition(ranks, k - 1)[:k] if k < len(ids) else np.arange(len(ids))
    part = part[np.argsort(ranks[part], kind="stable")]
    return [int(i) for i in ids[part[offset:k]]]


def _article_rows(
    conn: sqlite3.Connection, expression: str | None, page_ids: list[int]
) -> list[dict[str, Any]]:
    if not page_ids:
        return []
    marks = ",".join("?" * len(page_ids))
    conn_rows = conn.execute(
        "SELECT a.id, a.title, a.published, a.municipality_id, coalesce(m.name, a.municipality_id), "
        f"a.language, a.url, a.quote_count, a.revision_count, a.removed FROM articles a "
        "LEFT JOIN municipalities m ON m.id = a.municipality_id "
        f"WHERE a.id IN ({marks})",
        page_ids,
    ).fetchall()
    if expression is None:
        snippets = dict(
            conn.execute(
                f"SELECT id, coalesce(lead, substr(body, 1, 300)) FROM articles WHERE id IN ({marks})",
                page_ids,
            )
        )
    else:
        snippets = dict(
            conn.execute(
                snippets_sql(marks),
                [expression, *page_ids],
            ).fetchall()
        )
    by_id = {
        r[0]: {
            "id": r[0],
            "title": r[1],
            "published": r[2],
            "municipality_id": r[3],
            "municipality": r[4],
            "language": r[5],
            "url": r[6],
            "quote_count": r[7],
            "revision_count": r[8],
            "removed": r[9],
            "snippet": highlight(snippets.get(r[0])),
        }
        for r in conn_rows
    }
    return [by_id[i] for i in page_ids if i in by_id]


def search_quotes(conn: sqlite3.Connection, req: SearchRequest) -> SearchResult:
    """Quotes matching the query (same rules), with the article they are from."""
    started = time.perf_counter()
    parsed = parse_query(req.q, conn)
    result = SearchResult(query=parsed)
    if parsed.expression is None:
        return result

    def joins(omit: tuple[str, ...] = ()) -> tuple[str, dict[str, Any]]:
        where, params = sql_conditions(req, omit)
        return (
            "FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN municipalities m ON m.id = a.municipality_id WHERE "
            + " AND ".join(["quotes_fts MATCH :q", *where]),
            params | {"q": parsed.expression},
        )

    sql, params = joins()
    result.total = conn.execute(f"SELECT count(*) {sql}", params).fetchone()[0]
    if not result.total:
        for name in req.filters():
            without_sql, without_params = joins((name,))
            if count := conn.execute(f"SELECT count(*) {without_sql}", without_params).fetchone()[0]:
                result.without.append((name, count))
    result.facets["municipality"] = [
        (r[0], r[1], r[2])
        for r in conn.execute(
            f"SELECT a.municipality_id, coalesce(m.name, a.municipality_id), count(*) {sql} "
            "GROUP BY 1 ORDER BY 3 DESC, 2",
            params,
        )
    ]
    order = {"newest": "a.published DESC", "oldest": "a.published IS NULL, a.published"}.get(req.sort, "rank")
    offset = (max(req.page, 1) - 1) * PAGE_SIZE
    rows = conn.execute(
        f"SELECT q.id, q.article_id, highlight(quotes_fts, 0, '{_START}', '{_END}'), "
        f"highlight(quotes_fts, 1, '{_START}', '{_END}'), q.role, q.person_id, a.title, a.published, "
        f"a.municipality_id, coalesce(m.name, a.municipality_id) {sql} ORDER BY {order} LIMIT :limit OFFSET :offset",
        {**params, "limit": PAGE_SIZE, "offset": offset},
    ).fetchall()
    result.hits = [
        {
            "id": r[0],
            "article_id": r[1],
            "text": highlight(r[2]),
            "speaker": highlight(r[3]),
            "role": r[4],
            "person_id": r[5],
            "title": r[6],
            "published": r[7],
            "municipality_id": r[8],
            "municipality": r[9],
        }
        for r in rows
    ]
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


# -- the page ---------------------------------------------------------------------------------


async def _municipality_options(db: Any) -> list[tuple[str, str]]:
    # one index probe per municipality, not a DISTINCT over a million articles
    rows = await db.execute(
        "SELECT m.id, coalesce(m.name, m.id) FROM municipalities m WHERE EXISTS "
        "(SELECT 1 FROM articles a WHERE a.municipality_id = m.id) ORDER BY coalesce(m.name, m.id)"
    )
    return [(r[0], r[1]) for r in rows.rows]


def _warm_arrays(conn: sqlite3.Connection, path: str | None, immutable: bool) -> None:
    """The facet, day and people arrays of the file, built (once per change) outside the time limit."""
    FACET_INDEXES.get(conn, path, immutable)
    DAY_INDEXES.get(conn, path, immutable)
    PEOPLE_INDEXES.get(conn, path, immutable)


async def _run_search(datasette: Any, db: Any, req: SearchRequest) -> tuple[SearchResult, str | None]:
    """The result and an error message: a failed or interrupted query is never a 500.

    The search runs under ``sql_time_limit_ms`` like Datasette's own queries. The facet arrays are
    built first, outside the limit: they depend on the archive's size, not on the visitor's query,
    and are built once per change of the file (:mod:`.facets`). So are the lemma dictionaries.
    """
    await asyncio.get_running_loop().run_in_executor(None, inflection.warm)
    try:
        if req.kind == "quotes":
            search = limits.time_limited(datasette, lambda conn: search_quotes(conn, req))
        else:
            immutable = not db.is_mutable
            await db.execute_fn(lambda conn: _warm_arrays(conn, db.path, immutable))
            search = limits.time_limited(
                datasette, lambda conn: search_articles(conn, db.path, immutable, req)
            )
        return await db.execute_fn(search), None
    except sqlite3.Error as exc:
        if isinstance(exc, limits.TimeLimitExceeded):
            seconds = datasette.setting("sql_time_limit_ms") / 1000
            message = (
                f"it took longer than {seconds:g} s and was stopped; add a word, a municipality or a year"
            )
            return SearchResult(query=ParsedQuery(expression=None)), message
        return SearchResult(query=ParsedQuery(expression=None)), str(exc)


def _json_response(
    req: SearchRequest, result: SearchResult, error: str | None, status: int, suggestion: str | None
) -> Response:
    return Response.json(
        {
            "q": req.q,
            "expression": result.query.expression,
            "total": result.total,
            "ranked": result.ranked,
            "facets": result.facets,
            "hits": [{k: str(v) if k in ("snippet", "text", "speaker") else v for k, v in h.items()}
                     for h in result.hits],
            "error": error,
            "did_you_mean": suggestion,
            "months": result.months,
            "without": dict(result.without),
            "people": result.people,
            "warnings": bad_dates(req),
        },
        status=status,
    )  # fmt: skip


async def search_view(datasette: Any, request: Any) -> Response:
    db = archive_database(datasette)
    await ensure_can_view(datasette, request)
    req = search_request(request.args)
    error = query_too_long(req.q)
    status = 400 if error else 200
    if error:
        result = SearchResult(query=ParsedQuery(expression=None))
    else:
        result, error = await _run_search(datasette, db, req)
    suggestion = None
    if not error and req.q and result.total == 0:
        with contextlib.suppress(sqlite3.Error):  # out of time: no suggestion rather than no page
            suggestion = await db.execute_fn(limits.time_limited(datasette, lambda c: did_you_mean(c, req.q)))
    if request.args.get("_format") == "json":
        return _json_response(req, result, error, status, suggestion)
    context = links.surface_urls(req) | {
        "metadata": datasette.metadata(),
        "suggestion": suggestion,
        "req": req,
        "result": result,
        "error": error,
        "sorts": SORTS,
        "page_size": PAGE_SIZE,
        "has_next": req.page * PAGE_SIZE < result.total,
        "last_page": max(1, -(-result.total // PAGE_SIZE)),
        "strip": month_strip(result.months, req),
        "warnings": bad_dates(req),
        "filter_labels": FILTER_LABELS,
        "url": links.page_urls(req),
        "municipality_options": await _municipality_options(db),
    }
    html = await datasette.render_template("muninews_search.html", context, request=request)
    return Response.html(html, status=status)
