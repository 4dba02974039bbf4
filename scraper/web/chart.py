"""``/-/chart``: articles per month per municipality, as inline SVG (no JavaScript, no CDN).

With a search (``q`` and the search page's filters, as its "chart of these matches" link gives them)
the chart counts the matching articles only, from the search's own arrays (:mod:`.filters`): the
same set the search page, its exports and its feed find.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import numpy as np
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from scraper.web import limits, links
from scraper.web.archive_db import archive_database, ensure_can_view
from scraper.web.facets import FACET_INDEXES, file_key
from scraper.web.filters import DAY_INDEXES, SearchRequest, apply_filters, search_request
from scraper.web.query import parse_query, query_too_long
from scraper.web.search import matching_ids

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#bab0ac",
)  # fmt: skip
#: Municipalities drawn with their own colour; the rest are summed as "other".
CHART_SERIES = 9


def monthly_counts(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(month YYYY-MM, municipality id, articles), from the covering index on (municipality, published)."""
    return conn.execute(
        "SELECT substr(published, 1, 7) AS month, municipality_id, count(*) FROM articles "
        "WHERE published IS NOT NULL GROUP BY municipality_id, month ORDER BY month"
    ).fetchall()


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def chart_svg(
    rows: list[tuple[str, str, int]], names: dict[str, str], width: int = 960, height: int = 320
) -> Markup:
    """A stacked bar chart (one bar a month, one colour a municipality) as inline SVG: no JavaScript,
    no CDN, readable without a network and by a screen reader (each bar has a <title>)."""
    rows = [r for r in rows if r[0] and len(r[0]) == 7 and r[0][:4].isdigit()]
    if not rows:
        return Markup('<p class="empty">No dated articles yet.</p>')
    totals: dict[str, int] = {}
    for _month, mid, n in rows:
        totals[mid] = totals.get(mid, 0) + n
    top = sorted(totals, key=lambda m: (-totals[m], m))[:CHART_SERIES]
    series = [*top, "other"] if len(totals) > len(top) else top
    months = _months_between(min(r[0] for r in rows), max(r[0] for r in rows))
    grid: dict[str, dict[str, int]] = {m: {} for m in months}
    for month, mid, n in rows:
        key = mid if mid in top else "other"
        grid[month][key] = grid[month].get(key, 0) + n
    peak = max(sum(v.values()) for v in grid.values()) or 1
    left, bottom, top_pad = 40, 30, 10
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    bar_w = plot_w / len(months)
    parts = [
        f'<svg class="chart" role="img" aria-label="Articles per month per municipality" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
    ]
    for tick in sorted({0, peak // 2, peak}):  # whole numbers, drawn where they belong
        y = top_pad + plot_h * (1 - tick / peak)
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{tick}</text>')
    for i, month in enumerate(months):
        x = left + i * bar_w
        y = top_pad + plot_h
        for s, key in enumerate(series):
            n = grid[month].get(key, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            label = escape(names.get(key, key) if key != "other" else "other municipalities")
            parts.append(
                f'<rect x="{x + 0.5:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 0.5):.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[s % len(PALETTE)]}"><title>{month} · {label}: {n}</title></rect>'
            )
        if len(months) <= 24 or month.endswith("-01"):
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - 12}" text-anchor="middle" font-size="10">'
                f"{month if len(months) <= 24 else month[:4]}</text>"
            )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="swatch" style="background:{PALETTE[s % len(PALETTE)]}"></span>'
        f"{escape(names.get(key, key) if key != 'other' else 'other municipalities')} "
        f"({totals[key] if key != 'other' else sum(v for m, v in totals.items() if m not in top):,})</li>"
        for s, key in enumerate(series)
    )
    return Markup("".join(parts) + f'<ul class="legend">{legend}</ul>')


#: (file key, (rows, names)) per database file: the GROUP BY runs again only when the file changed.
_CHART_CACHE: dict[str, tuple[tuple[Any, ...], Any]] = {}


def matching_monthly_counts(
    conn: sqlite3.Connection, path: str | None, immutable: bool, req: SearchRequest
) -> tuple[list[tuple[str, str, int]], int]:
    """(month, municipality id, matches) of the articles ``req`` finds, and how many there are."""
    index = FACET_INDEXES.get(conn, path, immutable)
    parsed = parse_query(req.q, conn)
    if parsed.expression is None:
        ids = (
            np.flatnonzero(index.municipality >= 0).astype(np.int64)
            if not req.q.strip()
            else np.zeros(0, np.int64)
        )
    else:
        ids = index.known(matching_ids(conn, "articles_fts", parsed.expression))
    filtered = apply_filters(index, DAY_INDEXES.get(conn, path, immutable).of(conn, ids), ids, req)
    days = filtered.all_days[filtered.passing()]
    dated = days > 0
    months = days[dated] // 100
    codes = index.municipality[filtered.ids[dated]]
    pairs, counts = np.unique(months.astype(np.int64) * 10_000 + codes, return_counts=True)
    rows = [
        (f"{p // 10_000 // 100:04d}-{p // 10_000 % 100:02d}", index.municipalities[p % 10_000], int(c))
        for p, c in zip(pairs.tolist(), counts.tolist(), strict=True)
    ]
    return rows, len(filtered.ids)


async def chart_view(datasette: Any, request: Any) -> Response:
    db = archive_database(datasette)
    await ensure_can_view(datasette, request)
    req = search_request(request.args)
    if req.q or req.filters():
        return await _search_chart(datasette, request, db, req)
    key = ("immutable",) if not db.is_mutable else file_key(db.path)
    cached = _CHART_CACHE.get(db.path or "")
    if cached and cached[0] == key and key:
        rows, names = cached[1]
    else:
        rows = await db.execute_fn(monthly_counts)
        names = dict((await db.execute("SELECT id, coalesce(name, id) FROM municipalities")).rows)
        _CHART_CACHE[db.path or ""] = (key, (rows, names))
    return await _render(datasette, request, rows, names, {"req": req, "matches": None})


async def _search_chart(datasette: Any, request: Any, db: Any, req: SearchRequest) -> Response:
    immutable = not db.is_mutable
    if query_too_long(req.q):
        rows, matches = [], 0
    else:
        rows, matches = await db.execute_fn(
            limits.time_limited(
                datasette, lambda conn: matching_monthly_counts(conn, db.path, immutable, req)
            )
        )
    names = dict((await db.execute("SELECT id, coalesce(name, id) FROM municipalities")).rows)
    return await _render(
        datasette, request, rows, names, {"req": req, "matches": matches, "search_url": links.page_url(req)}
    )


async def _render(
    datasette: Any,
    request: Any,
    rows: list[tuple[str, str, int]],
    names: dict[str, str],
    extra: dict[str, Any],
) -> Response:
    context = {
        "metadata": datasette.metadata(),
        "chart": chart_svg(rows, names),
        "articles": sum(r[2] for r in rows),
    } | extra
    html = await datasette.render_template("muninews_chart.html", context, request=request)
    return Response.html(html)
