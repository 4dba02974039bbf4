"""Atom feeds of edits and removals: ``/-/feeds/edited.atom`` and ``/-/feeds/removed.atom``.

``?municipality=<id>`` narrows either feed to one municipality. A journalist follows silent edits
and vanished pages in a feed reader instead of reopening the ``edited_articles`` and
``removed_articles`` pages. Each feed is RFC 4287 Atom: a feed ``id``, ``title``, ``updated``,
``author`` and ``link rel="self"``; each entry has an ``id``, ``title``, ``updated`` (RFC 3339, UTC),
a ``link`` (the diff page of the edit, or the article page of the removed article) and a
``summary``. Trivial edits (whitespace, punctuation, a "last updated" line) are left out, as on the
``edited_articles`` page. A feed with nothing in it yet has no entries (valid Atom).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC
from typing import Any
from urllib.parse import urlencode
from xml.sax.saxutils import escape, quoteattr

from datasette.utils.asgi import NotFound, Response

from scraper.clock import parse_time
from scraper.web import limits
from scraper.web.archive_db import DATABASE_NAME, archive_database, dicts, ensure_can_view
from scraper.web.capture import words

#: Entries per feed: the newest first.
FEED_ENTRIES = 50
KINDS = {"edited": "Edited articles", "removed": "Removed articles"}
_EPOCH = "1970-01-01T00:00:00Z"

_EDITED_SQL = """
SELECT r.id, r.article_id, r.version, r.changed_fields, r.words_removed, r.words_added, r.replaced_at,
  a.title, a.url, a.municipality_id, coalesce(m.name, a.municipality_id) AS municipality
FROM revisions r JOIN articles a ON a.id = r.article_id LEFT JOIN municipalities m ON m.id = a.municipality_id
WHERE r.trivial = 0 AND (:municipality = '' OR a.municipality_id = :municipality)
ORDER BY r.replaced_at DESC, r.id DESC LIMIT :limit
"""
_REMOVED_SQL = """
SELECT a.id AS article_id, a.title, a.url, a.removed, a.removed_reason, a.published, a.municipality_id,
  coalesce(m.name, a.municipality_id) AS municipality
FROM articles a LEFT JOIN municipalities m ON m.id = a.municipality_id
WHERE a.removed IS NOT NULL AND (:municipality = '' OR a.municipality_id = :municipality)
ORDER BY a.removed DESC, a.id DESC LIMIT :limit
"""


def feed_url(kind: str, municipality: str | None = None) -> str:
    """The path of a feed (``kind``: ``edited`` or ``removed``), for one municipality or all."""
    return f"/-/feeds/{kind}.atom" + (f"?{urlencode({'municipality': municipality})}" if municipality else "")


def atom_time(value: str | None) -> str:
    """An archive date or datetime as RFC 3339 in UTC (``2026-02-10T08:00:00Z``); the epoch if unreadable."""
    parsed = parse_time(value)
    if parsed is None:
        return _EPOCH
    return parsed.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed_entries(conn: sqlite3.Connection, kind: str, municipality: str = "") -> list[dict[str, Any]]:
    """The feed's entries as dicts: ``path`` (the entry's page), ``title``, ``updated``, ``summary``, ``author``."""
    sql = _EDITED_SQL if kind == "edited" else _REMOVED_SQL
    rows = dicts(conn.execute(sql, {"municipality": municipality, "limit": FEED_ENTRIES}))
    entries = []
    for r in rows:
        title = r["title"] or r["url"]
        if kind == "edited":
            path = f"/-/diff/{r['id']}"
            summary = (
                f"{r['municipality']}: version {r['version']} → {r['version'] + 1} "
                f"(changed: {r['changed_fields'] or '?'}; {words(r['words_removed'])} removed, "
                f"{words(r['words_added'])} added). Original: {r['url']}"
            )
            updated = r["replaced_at"]
        else:
            path = f"/{DATABASE_NAME}/articles/{r['article_id']}"
            reason = f" ({r['removed_reason']})" if r["removed_reason"] else ""
            summary = (
                f"{r['municipality']}: removed from its site by {r['removed']}{reason}. Was at {r['url']}"
            )
            updated = r["removed"]
        entries.append({"path": path, "article_path": f"/{DATABASE_NAME}/articles/{r['article_id']}",
                        "title": f"{'Edited' if kind == 'edited' else 'Removed'}: {title}",
                        "updated": atom_time(updated), "summary": summary,
                        "author": r["municipality"]})  # fmt: skip
    return entries


def atom_document(kind: str, entries: list[dict[str, Any]], absolute: Any, *, municipality: str = "",
                  place: str = "") -> str:  # fmt: skip
    """The feed as Atom XML; ``absolute(path)`` makes a path an absolute URL (Atom ids and links)."""
    title = f"muninews: {KINDS[kind].lower()}" + (f" in {place or municipality}" if municipality else "")
    self_url = absolute(feed_url(kind, municipality))
    page = f"/{DATABASE_NAME}/{kind}_articles" + (
        f"?{urlencode({'municipality': municipality})}" if municipality else ""
    )
    updated = max((e["updated"] for e in entries), default=_EPOCH)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<id>{escape(self_url)}</id>",
        f"<title>{escape(title)}</title>",
        f"<updated>{updated}</updated>",
        "<author><name>muninews</name></author>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(absolute(page))}/>',
        "<generator>muninews</generator>",
    ]
    for e in entries:
        link = absolute(e["path"])
        out += [
            "<entry>",
            f"<id>{escape(link)}</id>",
            f"<title>{escape(e['title'])}</title>",
            f"<updated>{e['updated']}</updated>",
            f"<author><name>{escape(e['author'] or 'unknown')}</name></author>",
            f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f'<link rel="related" type="text/html" href={quoteattr(absolute(e["article_path"]))}/>',
            f"<summary>{escape(e['summary'])}</summary>",
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


async def feed_view(datasette: Any, request: Any) -> Response:
    kind = request.url_vars["kind"]
    if kind not in KINDS:
        raise NotFound(f"no feed {kind}")
    db = archive_database(datasette)
    await ensure_can_view(datasette, request)
    municipality = (request.args.get("municipality") or "").strip()[:100]

    def read(conn: sqlite3.Connection) -> tuple[list[dict[str, Any]], str]:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if kind == "edited" and "revisions" not in tables:
            return [], ""
        place = conn.execute("SELECT name FROM municipalities WHERE id = ?", [municipality]).fetchone()
        return feed_entries(conn, kind, municipality), (place[0] or "") if place else ""

    entries, place = await db.execute_fn(limits.time_limited(datasette, read))
    xml = atom_document(kind, entries, lambda path: datasette.absolute_url(request, path),
                        municipality=municipality, place=place)  # fmt: skip
    return Response(xml, content_type="application/atom+xml; charset=utf-8",
                    headers={"X-Content-Type-Options": "nosniff"})  # fmt: skip
