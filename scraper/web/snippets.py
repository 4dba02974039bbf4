"""Search snippets: the words found marked in escaped text, and which text a hit's snippet is taken from."""

from __future__ import annotations

from markupsafe import Markup, escape

START, END = "\x02", "\x03"  # snippet markers, turned into <mark> after escaping

_SNIPPET = "snippet(articles_fts, {column}, '\x02', '\x03', ' … ', 32)"


def snippets_sql(marks: str) -> str:
    """SQL for (rowid, snippet) of the matching rows ``rowid IN (marks)``, the search its one parameter.

    The snippet is from the lead or body that has a match, else the lead, else the body's start. Never
    the title (FTS5's ``snippet(..., -1, ...)`` picks it when the match is there): the title is shown
    above the snippet, and the hit would repeat its headline. Each snippet is made once (a
    materialised CTE), as many as ``snippet(-1)`` made.
    """
    lead, body = _SNIPPET.format(column=1), _SNIPPET.format(column=2)
    return (
        f"WITH s AS MATERIALIZED (SELECT rowid, {lead} AS lead, {body} AS body FROM articles_fts "
        f"WHERE articles_fts MATCH ? AND rowid IN ({marks})) "
        f"SELECT rowid, CASE WHEN instr(lead, '{START}') THEN lead WHEN instr(body, '{START}') THEN body "
        "WHEN coalesce(lead, '') != '' THEN lead ELSE body END FROM s"
    )


def highlight(text: str | None) -> Markup:
    """Escape ``text`` and turn the snippet markers into ``<mark>``: scraped text is never HTML."""
    if not text:
        return Markup("")
    escaped = str(escape(text))
    return Markup(escaped.replace(START, "<mark>").replace(END, "</mark>"))
