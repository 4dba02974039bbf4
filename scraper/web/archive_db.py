"""The one database the web pages read, and the little each page needs to read it.

Every page acts on the database named ``archive`` only (the name ``muninews serve`` always gives
the file, whatever it is called), and only for an actor allowed to view it.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette.utils.asgi import NotFound

#: Name the archive has in Datasette URLs and under ``"databases"`` in the metadata.
DATABASE_NAME = "archive"


def archive_database(datasette: Any) -> Any:
    """The ``archive`` database, or a 404 page when this Datasette serves no such database."""
    try:
        return datasette.get_database(DATABASE_NAME)
    except KeyError:
        raise NotFound("No database named archive") from None


async def ensure_can_view(datasette: Any, request: Any) -> None:
    """Refuse (403) an actor who may not view the archive: our pages obey Datasette's permissions."""
    await datasette.ensure_permissions(request.actor, [("view-database", DATABASE_NAME), "view-instance"])


def table_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """The cursor's rows as dicts keyed by column name (what the templates index by)."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
