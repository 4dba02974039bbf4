"""Data for the article and person pages, and the month-by-municipality chart.

Everything scraped is text: it is escaped here (``markupsafe.escape``) before any markup of ours is
added around it, and the templates never use ``|safe`` on a raw column.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from markupsafe import Markup, escape


def _table_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def mark_quotes(text: str | None, quotes: list[dict[str, Any]]) -> Markup:
    """``text`` as escaped paragraphs, each quote's words wrapped in ``<mark class="quote">``.

    A quote is found in the text by its words, whatever the spacing or line breaks between them;
    a quote the extractor rewrote (pronoun resolved, say) and cannot be found is simply not marked.
    """
    if not text:
        return Markup("")
    spans: list[tuple[int, int, int]] = []  # start, end, quote number
    for number, quote in enumerate(quotes, start=1):
        words = (quote.get("text") or "").split()
        if not words:
            continue
        pattern = r"\s+".join(re.escape(w) for w in words)
        for match in re.finditer(pattern, text):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), number))
                break
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end, number in spans:
        out.append(str(escape(text[pos:start])))
        quote = quotes[number - 1]
        who = ", ".join(v for v in (quote.get("speaker"), quote.get("role")) if v)
        out.append(
            f'<mark class="quote" id="q{number}" title="{escape(who)}">{escape(text[start:end])}'
            f'<a class="quote-ref" href="#quote-{number}">[{number}]</a></mark>'
        )
        pos = end
    out.append(str(escape(text[pos:])))
    marked = "".join(out)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", marked) if p.strip()]
    return Markup("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs))


def article_page(conn: sqlite3.Connection, article_id: int) -> dict[str, Any] | None:
    """Everything the article page shows, or None if there is no such article."""
    rows = _dicts(
        conn.execute(
            "SELECT a.*, m.name AS municipality_name, m.homepage AS municipality_homepage "
            "FROM articles a LEFT JOIN municipalities m ON m.id = a.municipality_id WHERE a.id = ?",
            [article_id],
        )
    )
    if not rows:
        return None
    article = rows[0]
    quotes = _dicts(
        conn.execute(
            "SELECT q.*, p.name AS person_name FROM quotes q LEFT JOIN people p ON p.id = q.person_id "
            "WHERE q.article_id = ? ORDER BY q.position, q.id",
            [article_id],
        )
    )
    contacts = _dicts(
        conn.execute("SELECT * FROM contacts WHERE article_id = ? ORDER BY position, id", [article_id])
    )
    page: dict[str, Any] = {
        "article": article,
        "quotes": quotes,
        "contacts": contacts,
        "lead_html": mark_quotes(article.get("lead"), quotes),
        "body_html": mark_quotes(article.get("body"), quotes),
        "capture": None,
        "revisions": [],
    }
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if article.get("capture_id") and "captures" in tables:
        found = _dicts(conn.execute("SELECT * FROM captures WHERE id = ?", [article["capture_id"]]))
        page["capture"] = found[0] if found else None
    if "revisions" in tables:
        page["revisions"] = revision_history(conn, article)
    return page


def revision_history(conn: sqlite3.Connection, article: dict[str, Any]) -> list[dict[str, Any]]:
    """Earlier versions, newest first, each with a word diff against the version that replaced it."""
    try:
        from scraper.archive.revisions import diff_html
    except ImportError:  # pragma: no cover - the revisions module arrived with the revisions table
        return []
    columns = _table_columns(conn, "revisions")
    order = "version" if "version" in columns else "id"
    revisions = _dicts(
        conn.execute(f"SELECT * FROM revisions WHERE article_id = ? ORDER BY {order}", [article["id"]])
    )
    if not revisions:
        return []
    following: list[dict[str, Any]] = [*revisions[1:], article]
    history = []
    for old, new in zip(revisions, following, strict=True):
        diffs = []
        for field in ("title", "lead", "body"):
            if (old.get(field) or "") != (new.get(field) or ""):
                diffs.append({"field": field, "html": Markup(diff_html(old.get(field), new.get(field)))})
        history.append({"revision": old, "replaced_by": new.get("version"), "diffs": diffs})
    return list(reversed(history))


def person_page(conn: sqlite3.Connection, person_id: int) -> dict[str, Any] | None:
    """A person's quotes over time (oldest first), roles and how to reach them."""
    rows = _dicts(
        conn.execute(
            "SELECT p.*, m.name AS municipality_name FROM people p "
            "LEFT JOIN municipalities m ON m.id = p.municipality_id WHERE p.id = ?",
            [person_id],
        )
    )
    if not rows:
        return None
    quotes = _dicts(
        conn.execute(
            "SELECT q.id, q.text, q.role, q.article_id, a.title, a.published, a.url FROM quotes q "
            "JOIN articles a ON a.id = q.article_id WHERE q.person_id = ? "
            "ORDER BY a.published IS NULL, a.published, q.article_id, q.position LIMIT 1000",
            [person_id],
        )
    )
    roles = _dicts(
        conn.execute(
            "SELECT role, first_seen_published, last_seen_published, article_count FROM person_roles "
            "WHERE person_id = ? ORDER BY first_seen_published IS NULL, first_seen_published, role",
            [person_id],
        )
    )
    contacts = _dicts(
        conn.execute(
            "SELECT c.name, c.role, c.organisation, c.email, c.phone, c.phone_raw, c.article_id, a.title, "
            "a.published FROM contacts c JOIN articles a ON a.id = c.article_id WHERE c.person_id = ? "
            "ORDER BY a.published DESC LIMIT 200",
            [person_id],
        )
    )
    return {"person": rows[0], "quotes": quotes, "roles": roles, "contacts": contacts}


# -- the chart ----------------------------------------------------------------------------------

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
