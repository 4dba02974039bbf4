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
from scraper.web.matches import article_ids
from scraper.web.query import parse_query, query_too_long

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


MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: At most this many month labels under the bars (every month up to 12 months, then every 2nd, 3rd, ...).
MONTH_LABELS = 12


def nice_ticks(peak: int, most: int = 6) -> list[int]:
    """Whole-number ticks from 0 in steps of 1, 2 or 5 × 10^k, the last at or above ``peak``:
    ``nice_ticks(3)`` is [0, 1, 2, 3], ``nice_ticks(7)`` [0, 2, 4, 6, 8], ``nice_ticks(48)`` [0, 10, ..., 50]."""
    peak = max(peak, 1)
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if -(-peak // step) <= most - 1:
                return list(range(0, -(-peak // step) * step + 1, step))
        magnitude *= 10


def month_label(month: str, first: bool) -> tuple[str, str]:
    """("Aug", "2026") for the first label and each January, ("Sep", "") otherwise."""
    name = MONTH_NAMES[int(month[5:7]) - 1]
    return name, month[:4] if first or month.endswith("-01") else ""


def _grid(
    rows: list[tuple[str, str, int]],
) -> tuple[list[str], list[str], dict[str, int], dict[str, dict[str, int]]]:
    """(months, series, totals per municipality, counts per month and series): the chart's numbers."""
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
    if "other" in series:
        totals["other"] = sum(v for m, v in totals.items() if m not in top)
    return months, series, totals, grid


def _axes(months: list[str], ticks: list[int], box: tuple[int, int, int, int, int]) -> list[str]:
    """Grid lines with their counts, and month labels (with the year at the first and each January)."""
    left, top_pad, plot_w, plot_h, width = box
    parts = ['<g class="chart-axis" aria-hidden="true">']
    for tick in ticks:
        y = top_pad + plot_h * (1 - tick / ticks[-1])
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick:,}</text>')
    every = -(-len(months) // MONTH_LABELS)
    bar_w = plot_w / len(months)
    for i, month in enumerate(months):
        if i % every:
            continue
        name, year = month_label(month, first=i == 0)
        x = left + (i + 0.5) * bar_w
        base = top_pad + plot_h + 14
        parts.append(f'<text x="{x:.1f}" y="{base}" text-anchor="middle">{name}</text>')
        if year:
            parts.append(f'<text x="{x:.1f}" y="{base + 13}" text-anchor="middle">{year}</text>')
    parts.append("</g>")
    return parts


def chart_svg(
    rows: list[tuple[str, str, int]], names: dict[str, str], width: int = 960, height: int = 320
) -> Markup:
    """A stacked bar chart (one bar a month, one colour a municipality) as inline SVG: no JavaScript,
    no CDN. A screen reader reads it as a group of bars, each named by its month, municipality and
    count (``role="img"`` on each bar, not on the whole chart, which would hide them), and the same
    numbers follow as a table."""
    rows = [r for r in rows if r[0] and len(r[0]) == 7 and r[0][:4].isdigit()]
    if not rows:
        return Markup('<p class="empty">No dated articles yet.</p>')
    months, series, totals, grid = _grid(rows)
    ticks = nice_ticks(max(sum(v.values()) for v in grid.values()))
    left, bottom, top_pad = 44, 36, 10
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    bar_w = plot_w / len(months)
    label = {key: "other municipalities" if key == "other" else names.get(key, key) for key in series}
    parts = [
        f'<svg class="chart" role="group" aria-labelledby="chart-title" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">Articles per month per '
        f"municipality, {months[0]} to {months[-1]}</title>",
        *_axes(months, ticks, (left, top_pad, plot_w, plot_h, width)),
    ]
    for i, month in enumerate(months):
        x, y = left + i * bar_w, float(top_pad + plot_h)
        for s, key in enumerate(series):
            n = grid[month].get(key, 0)
            if not n:
                continue
            h = plot_h * n / ticks[-1]
            y -= h
            name = escape(f"{month} · {label[key]}: {n}")
            parts.append(
                f'<rect role="img" aria-label="{name}" x="{x + 0.5:.1f}" y="{y:.1f}" '
                f'width="{max(bar_w - 1, 0.5):.1f}" height="{h:.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
                f"<title>{name}</title></rect>"
            )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="swatch" style="background:{PALETTE[s % len(PALETTE)]}"></span>'
        f"{escape(label[key])} ({totals[key]:,})</li>"
        for s, key in enumerate(series)
    )
    return Markup("".join(parts) + f'<ul class="legend">{legend}</ul>' + _table(months, series, label, grid))


def _table(
    months: list[str], series: list[str], label: dict[str, str], grid: dict[str, dict[str, int]]
) -> str:
    """The chart's numbers as a table (folded away): month, total, and the count per municipality."""
    head = "".join(f'<th scope="col">{escape(label[k])}</th>' for k in series)
    body = "".join(
        f'<tr><th scope="row">{m}</th><td>{sum(grid[m].values()):,}</td>'
        + "".join(f"<td>{grid[m].get(k, 0):,}</td>" for k in series)
        + "</tr>"
        for m in months
    )
    return (
        '<details class="chart-numbers"><summary>The numbers as a table</summary><div class="table-wrapper" '
        'tabindex="0" role="region" aria-label="Articles per month"><table class="rows-and-columns">'
        f'<thead><tr><th scope="col">Month</th><th scope="col">All</th>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></div></details>"
    )


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
        ids = index.known(article_ids(conn, path, immutable, parsed))
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
