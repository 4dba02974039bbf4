"""``/``: the front page, made for people: the latest articles, what the archive holds, how fresh it is.

Datasette's own index page recounts every table on each request (75 ms alone, seconds under load at
100,000 articles while a crawl writes). This page reads:

* the latest articles: one probe of the index on ``published`` (``LIMIT``), never a sort;
* the counts (articles, municipalities, quotes, people): one ``count(*)`` each, kept per file and
  recounted in the background at most every :data:`COUNTS_MIN_AGE` seconds (:mod:`.cached`);
* freshness: the last crawl and how many municipalities are failing or quiet, from the
  ``municipalities`` table (one row per municipality, the crawler's own ``last_*`` columns, as
  ``crawl_health`` shows them).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from datasette.utils.asgi import Response

from scraper.web import limits
from scraper.web.archive_db import DATABASE_NAME, archive_database, dicts, ensure_can_view
from scraper.web.cached import Refreshing

LATEST = 12
#: Counts on the front page may lag a crawl by this many seconds (they are recounted in the background).
COUNTS_MIN_AGE = 30.0
#: The tables a researcher opens first, in this order (Datasette lists them by size, ``pages`` first).
TABLES = ("articles", "quotes", "contacts", "people", "municipalities", "revisions", "captures", "crawls")


@dataclass(frozen=True)
class Counts:
    articles: int
    municipalities: int
    quotes: int
    people: int


def count_archive(conn: sqlite3.Connection) -> Counts:
    """The four counts, each from the table's smallest index."""

    def count(sql: str) -> int:
        try:
            return int(conn.execute(sql).fetchone()[0] or 0)
        except sqlite3.OperationalError:  # an archive from before the table
            return 0

    return Counts(
        articles=count("SELECT count(*) FROM articles"),
        municipalities=count(  # one index probe per municipality, not a DISTINCT over the articles
            "SELECT count(*) FROM municipalities m WHERE EXISTS "
            "(SELECT 1 FROM articles a WHERE a.municipality_id = m.id)"
        ),
        quotes=count("SELECT count(*) FROM quotes"),
        people=count("SELECT count(*) FROM people"),
    )


COUNTS: Refreshing[Counts] = Refreshing(count_archive, COUNTS_MIN_AGE)


def latest_articles(conn: sqlite3.Connection, limit: int = LATEST) -> list[dict[str, Any]]:
    """The newest articles by publication date (the index on ``published``, read backwards)."""
    return dicts(
        conn.execute(
            "SELECT a.id, a.title, a.url, a.published, a.municipality_id, "
            "coalesce(m.name, a.municipality_id) AS municipality, a.quote_count, a.removed, a.revision_count "
            "FROM articles a INDEXED BY idx_articles_published_desc "
            "LEFT JOIN municipalities m ON m.id = a.municipality_id "
            "WHERE a.published IS NOT NULL ORDER BY a.published DESC LIMIT ?",
            [limit],
        )
    )


def freshness(conn: sqlite3.Connection) -> dict[str, Any]:
    """The last crawl and the municipalities failing or quiet, from the 290-odd ``municipalities`` rows."""
    row = conn.execute(
        "SELECT max(last_crawled), sum(last_status = 'failing'), sum(last_status = 'quiet'), "
        "sum(last_status IS NOT NULL) FROM municipalities"
    ).fetchone()
    return {"last_crawled": row[0], "failing": row[1] or 0, "quiet": row[2] or 0, "crawled": row[3] or 0}


def front_data(conn: sqlite3.Connection, path: str | None, immutable: bool) -> dict[str, Any]:
    return {
        "counts": COUNTS.get(conn, path, immutable),
        "latest": latest_articles(conn),
        "fresh": freshness(conn),
    }


async def front_view(datasette: Any, request: Any) -> Response:
    db = archive_database(datasette)
    await ensure_can_view(datasette, request)
    immutable = not db.is_mutable
    try:
        data = await db.execute_fn(
            limits.time_limited(datasette, lambda conn: front_data(conn, db.path, immutable))
        )
        error = None
    except sqlite3.Error as exc:  # not an archive yet, or out of time: the links still work
        data, error = {"counts": None, "latest": [], "fresh": None}, str(exc)
    context = data | {
        "metadata": datasette.metadata(),
        "database": DATABASE_NAME,
        "tables": TABLES,
        "error": error,
    }
    html = await datasette.render_template("index.html", context, request=request)
    return Response.html(html)
