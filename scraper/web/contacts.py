"""``/-/contacts``: who to call, as a page for people (the canned ``contact_directory`` stays, for SQL).

One row per person the archive can say how to reach: named as an article's contact, or with an
e-mail or phone number. Names link to the person page; e-mail addresses are ``mailto:`` links and
phone numbers ``tel:`` links in E.164 (``+46980319262``: a tap calls), shown as the page printed them.

Filters: ``q`` (name, role or e-mail contain it), ``municipality``, and ``topic``: a search, with the
search page's rules (:mod:`.query`), over the articles the person is quoted in or named as contact in.
With a topic, the people most present in its articles come first, counted over every matching article
(:mod:`.people_index`); without one, the people named as contact most often.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import numpy as np
from datasette.utils.asgi import Response

from scraper.web import limits
from scraper.web.archive_db import DATABASE_NAME, archive_database, ensure_can_view
from scraper.web.facets import FACET_INDEXES
from scraper.web.matches import article_ids
from scraper.web.people_index import PEOPLE_INDEXES, people_rows
from scraper.web.query import parse_query, query_too_long

PAGE_SIZE = 50
_REACHABLE = "(p.contact_count > 0 OR p.email IS NOT NULL OR p.phone IS NOT NULL)"


@dataclass
class ContactsRequest:
    q: str = ""
    municipality: str = ""
    topic: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args: Any) -> ContactsRequest:
        page = args.get("page", "1")
        return cls(
            q=args.get("q", "").strip()[:100],
            municipality=args.get("municipality", ""),
            topic=args.get("topic", "").strip(),
            page=int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1,
        )

    def url(self, **changes: Any) -> str:
        params = {"q": self.q, "municipality": self.municipality, "topic": self.topic, "page": self.page}
        params.update(changes)
        if "page" not in changes:
            params["page"] = 1
        return "/-/contacts?" + urlencode({k: v for k, v in params.items() if v not in ("", None, 1)})


@dataclass
class Directory:
    people: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    topic_articles: int | None = None  # articles matching the topic, when there is one


def _conditions(req: ContactsRequest) -> tuple[str, list[Any]]:
    where, params = [_REACHABLE], []
    if req.municipality:
        where.append("p.municipality_id = ?")
        params.append(req.municipality)
    if req.q:
        where.append("(p.name LIKE ? OR p.role LIKE ? OR p.email LIKE ?)")
        params += [f"%{req.q}%"] * 3
    return " AND ".join(where), params


def _topic_people(
    conn: sqlite3.Connection, path: str | None, immutable: bool, topic: str
) -> tuple[int, np.ndarray, np.ndarray]:
    """(articles matching ``topic``, people ids most present in them first, with their counts)."""
    parsed = parse_query(topic, conn)
    if parsed.expression is None:
        return 0, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ids = FACET_INDEXES.get(conn, path, immutable).known(article_ids(conn, path, immutable, parsed))
    if not len(ids):
        return 0, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    quoted, listed = PEOPLE_INDEXES.get(conn, path, immutable).counts(ids)
    weight = quoted + listed
    present = np.flatnonzero(weight)
    order = present[np.lexsort((present, -weight[present]))]
    return len(ids), order, weight[order]


def directory(conn: sqlite3.Connection, path: str | None, immutable: bool, req: ContactsRequest) -> Directory:
    where, params = _conditions(req)
    out = Directory()
    offset = (req.page - 1) * PAGE_SIZE
    if req.topic:
        out.topic_articles, order, weights = _topic_people(conn, path, immutable, req.topic)
        allowed = {
            r[0]
            for r in conn.execute(
                f"SELECT p.id FROM people p WHERE {where} AND p.id IN (SELECT value FROM json_each(?))",
                [*params, json.dumps([int(i) for i in order])],
            )
        }
        keep = [(int(i), int(w)) for i, w in zip(order, weights, strict=True) if int(i) in allowed]
        out.total = len(keep)
        page = keep[offset : offset + PAGE_SIZE]
        rows = people_rows(conn, [i for i, _ in page])
        out.people = [rows[i] | {"on_topic": w} for i, w in page if i in rows]
        return out
    out.total = conn.execute(f"SELECT count(*) FROM people p WHERE {where}", params).fetchone()[0]
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT p.id FROM people p WHERE {where} "
            "ORDER BY p.contact_count DESC, p.quote_count DESC, p.name, p.id LIMIT ? OFFSET ?",
            [*params, PAGE_SIZE, offset],
        )
    ]
    rows = people_rows(conn, ids)
    out.people = [rows[i] for i in ids if i in rows]
    return out


async def contacts_view(datasette: Any, request: Any) -> Response:
    db = archive_database(datasette)
    await ensure_can_view(datasette, request)
    req = ContactsRequest.from_args(request.args)
    immutable = not db.is_mutable
    error = query_too_long(req.topic) if req.topic else None
    result = Directory()
    if not error:
        await db.execute_fn(
            lambda conn: (
                FACET_INDEXES.get(conn, db.path, immutable),
                PEOPLE_INDEXES.get(conn, db.path, immutable),
            )
        )
        try:
            result = await db.execute_fn(
                limits.time_limited(datasette, lambda conn: directory(conn, db.path, immutable, req))
            )
        except sqlite3.Error as exc:
            error = str(exc)
    if request.args.get("_format") == "json":
        return Response.json(
            {"total": result.total, "topic_articles": result.topic_articles, "people": result.people,
             "error": error},
            status=400 if error else 200,
        )  # fmt: skip
    options = await db.execute(
        "SELECT m.id, coalesce(m.name, m.id) FROM municipalities m WHERE EXISTS "
        "(SELECT 1 FROM people p WHERE p.municipality_id = m.id) ORDER BY coalesce(m.name, m.id)"
    )
    context = {
        "metadata": datasette.metadata(),
        "database": DATABASE_NAME,
        "req": req,
        "result": result,
        "error": error,
        "page_size": PAGE_SIZE,
        "has_next": req.page * PAGE_SIZE < result.total,
        "municipality_options": [(r[0], r[1]) for r in options.rows],
        "sql_url": f"/{DATABASE_NAME}/contact_directory?"
        + urlencode({"q": req.q, "municipality": req.municipality}),
    }
    html = await datasette.render_template("muninews_contacts.html", context, request=request)
    return Response.html(html, status=400 if error else 200)
