"""The person page: ``/archive/people/<id>`` is Datasette's own row page, rendered by
``row-archive-people.html`` with what :func:`person_page` reads: the person's quotes over time,
roles and how to reach them."""

from __future__ import annotations

import sqlite3
from typing import Any

from scraper.web.archive_db import dicts


def person_page(conn: sqlite3.Connection, person_id: int) -> dict[str, Any] | None:
    """A person's quotes over time (oldest first), roles and how to reach them."""
    rows = dicts(
        conn.execute(
            "SELECT p.*, m.name AS municipality_name FROM people p "
            "LEFT JOIN municipalities m ON m.id = p.municipality_id WHERE p.id = ?",
            [person_id],
        )
    )
    if not rows:
        return None
    quotes = dicts(
        conn.execute(
            "SELECT q.id, q.text, q.role, q.article_id, a.title, a.published, a.url FROM quotes q "
            "JOIN articles a ON a.id = q.article_id WHERE q.person_id = ? "
            "ORDER BY a.published IS NULL, a.published, q.article_id, q.position LIMIT 1000",
            [person_id],
        )
    )
    roles = dicts(
        conn.execute(
            "SELECT role, first_seen_published, last_seen_published, article_count FROM person_roles "
            "WHERE person_id = ? ORDER BY first_seen_published IS NULL, first_seen_published, role",
            [person_id],
        )
    )
    contacts = dicts(
        conn.execute(
            "SELECT c.name, c.role, c.organisation, c.email, c.phone, c.phone_raw, c.article_id, a.title, "
            "a.published FROM contacts c JOIN articles a ON a.id = c.article_id WHERE c.person_id = ? "
            "ORDER BY a.published DESC LIMIT 200",
            [person_id],
        )
    )
    return {"person": rows[0], "quotes": quotes, "roles": roles, "contacts": contacts}
