"""muninews' Datasette plugin: every hook in one place, each page in its own module.

Registered once, as the package :mod:`scraper.web` (which re-exports these hooks), through the
``datasette`` entry point in ``pyproject.toml``: so ``muninews serve`` and a plain
``datasette archive.db -m datasette_metadata.json`` both load it, and a checkout without the entry
point registers it with :func:`scraper.web.serve.ensure_plugins`. Its templates are in
``templates/`` beside this file, which Datasette finds by itself (next to the package). It only acts on the database
named ``archive``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

from datasette import hookimpl as datasette_hookimpl

from scraper.archive import inflection
from scraper.web import limits, query
from scraper.web.archive_db import DATABASE_NAME
from scraper.web.article import article_page
from scraper.web.capture import archive_link, capture_view, diff_view
from scraper.web.cells import human_cell
from scraper.web.chart import chart_view
from scraper.web.contacts import contacts_view
from scraper.web.facets import FACET_INDEXES
from scraper.web.feeds import feed_view
from scraper.web.filters import DAY_INDEXES
from scraper.web.front import COUNTS, front_view
from scraper.web.people_index import PEOPLE_INDEXES
from scraper.web.person import person_page
from scraper.web.search import search_view

_Hook = TypeVar("_Hook", bound=Callable[..., Any])


def hookimpl(function: _Hook) -> _Hook:
    """Datasette's ``hookimpl`` marker, typed: it marks the function and returns it unchanged."""
    return cast(_Hook, datasette_hookimpl(function))


@hookimpl
def startup(datasette: Any) -> None:
    """Build the search page's facet, day and people arrays (~7 s per million articles), the front
    page's counts and load the lemma dictionaries in the background, so the first search after a
    restart does not pay for it.
    A search that comes earlier waits for it."""
    try:
        db = datasette.get_database(DATABASE_NAME)
    except KeyError:
        return
    if not db.path:
        return

    def build() -> None:
        inflection.warm()
        mode = "ro&immutable=1" if not db.is_mutable else "ro"
        try:
            conn = sqlite3.connect(f"file:{db.path}?mode={mode}", uri=True)
            try:
                for cache in (FACET_INDEXES, DAY_INDEXES, PEOPLE_INDEXES, COUNTS):
                    cache.get(conn, db.path, not db.is_mutable)
            finally:
                conn.close()
        except sqlite3.Error:  # not an archive (no articles table): the search page will say so
            pass

    threading.Thread(target=build, name="muninews-facet-index", daemon=True).start()


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/$", front_view),
        (r"^/-/search$", search_view),
        (r"^/-/contacts$", contacts_view),
        (r"^/-/chart$", chart_view),
        (r"^/-/capture/(?P<article_id>\d+)(/(?P<version>\d+))?$", capture_view),
        (r"^/-/diff/(?P<revision_id>\d+)$", diff_view),
        (r"^/-/feeds/(?P<kind>edited|removed)\.atom$", feed_view),
    ]


@hookimpl
def extra_template_vars(template: str, database: str | None, table: str | None, view_name: str,
                        request: Any, datasette: Any) -> Any:  # fmt: skip
    """The article and person row pages get what their templates show (:mod:`.article`, :mod:`.person`)."""
    if database != DATABASE_NAME or view_name != "row" or table not in ("articles", "people"):
        return None

    async def inner() -> dict[str, Any]:
        pks = (request.url_vars or {}).get("pks", "") if request else ""
        if not pks.isdigit():
            return {}
        db = datasette.get_database(DATABASE_NAME)
        if table == "articles":
            data = await db.execute_fn(
                limits.time_limited(datasette, lambda conn: article_page(conn, int(pks)))
            )
            return {"muninews_article": data}
        data = await db.execute_fn(limits.time_limited(datasette, lambda conn: person_page(conn, int(pks))))
        return {"muninews_person": data}

    return inner


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str | None, datasette: Any
) -> Any:
    """Cells that hold a path to a capture or a diff become links (:mod:`.capture`); on query pages,
    titles, municipalities, e-mails, phones and URLs are links and long text is cut (:mod:`.cells`)."""
    return archive_link(column, value, datasette) or human_cell(row, value, column, table, database)


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [
        {"href": "/", "label": "Front page"},
        {"href": "/-/search", "label": "Search the archive"},
        {"href": "/-/contacts", "label": "Who to call: contacts"},
        {"href": "/-/chart", "label": "Articles per month"},
        {"href": f"/{DATABASE_NAME}/municipality_map", "label": "Map of municipalities"},
    ]


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Every connection Datasette opens: bounded value size, no file names (:mod:`.limits`), and
    ``muninews_match()``, the search page's parser for the canned queries (:mod:`.query`)."""
    limits.prepare(conn)
    query.register(conn)


@hookimpl
def asgi_wrapper() -> Callable[[limits.App], limits.App]:
    """Around the whole app: the hand-written-SQL budget, the response byte cap, hidden paths."""
    return limits.wrap


@hookimpl
def handle_exception(datasette: Any, exception: Exception) -> Any:
    """A query stopped by the time limit outside Datasette's HTML/JSON views (a CSV export, say)
    answers like those views do, 400 with the reason, instead of a 500 and a traceback in the log."""
    return limits.interrupted_response(datasette, exception)
