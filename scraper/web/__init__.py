"""muninews' Datasette plugin: the search page, the article and person pages, the chart.

Registered through the ``datasette`` entry point in ``pyproject.toml`` (so ``muninews serve`` and a
plain ``datasette archive.db -m datasette_metadata.json`` both load it); its templates are in
``templates/`` beside this file, which Datasette finds by itself. It only acts on the database
named ``archive``.

* ``/-/search`` ranked or newest-first search of articles and quotes, with exact facet counts
  (:mod:`.search`, :mod:`.query`).
* ``/archive/articles/<id>`` and ``/archive/people/<id>`` are Datasette's own row pages, rendered
  by ``row-archive-articles.html`` and ``row-archive-people.html`` with what :mod:`.pages` reads.
* ``/-/chart`` articles per month per municipality, as inline SVG.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from scraper.web import pages
from scraper.web.search import (
    FACET_INDEXES,
    PAGE_SIZE,
    SORTS,
    SearchRequest,
    _file_key,
    search_articles,
    search_quotes,
)

DATABASE_NAME = (
    "archive"  # as scraper.web.serve.DATABASE_NAME (not imported: serve imports Datasette's CLI bits)
)


def _archive(datasette: Any):
    try:
        return datasette.get_database(DATABASE_NAME)
    except KeyError:
        raise NotFound("No database named archive") from None


async def _municipality_options(db: Any) -> list[tuple[str, str]]:
    # one index probe per municipality, not a DISTINCT over a million articles
    rows = await db.execute(
        "SELECT m.id, coalesce(m.name, m.id) FROM municipalities m WHERE EXISTS "
        "(SELECT 1 FROM articles a WHERE a.municipality_id = m.id) ORDER BY coalesce(m.name, m.id)"
    )
    return [(r[0], r[1]) for r in rows.rows]


async def search_view(datasette: Any, request: Any) -> Response:
    db = _archive(datasette)
    await datasette.ensure_permissions(request.actor, [("view-database", DATABASE_NAME), "view-instance"])
    args = request.args
    page = args.get("page", "1")
    req = SearchRequest(
        q=args.get("q", "").strip(),
        kind="quotes" if args.get("kind") == "quotes" else "articles",
        sort=args.get("sort") if args.get("sort") in SORTS else "relevance",
        municipality=args.get("municipality", ""),
        year=args.get("year", ""),
        language=args.get("language", ""),
        page=int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1,
    )
    error = None
    try:
        if req.kind == "quotes":
            result = await db.execute_fn(lambda conn: search_quotes(conn, req))
        else:
            result = await db.execute_fn(lambda conn: search_articles(conn, db.path, not db.is_mutable, req))
    except sqlite3.Error as exc:  # e.g. interrupted; never a 500 for what someone typed
        from scraper.web.query import ParsedQuery
        from scraper.web.search import SearchResult

        result, error = SearchResult(query=ParsedQuery(expression=None)), str(exc)
    if args.get("_format") == "json":
        return Response.json(
            {
                "q": req.q,
                "expression": result.query.expression,
                "total": result.total,
                "facets": result.facets,
                "hits": [{k: str(v) if k in ("snippet", "text", "speaker") else v for k, v in h.items()}
                         for h in result.hits],
                "error": error,
            }
        )  # fmt: skip

    def url(**changes: Any) -> str:
        params = {"q": req.q, "kind": req.kind, "sort": req.sort, "municipality": req.municipality,
                  "year": req.year, "language": req.language, "page": req.page}  # fmt: skip
        params.update(changes)
        if "page" not in changes:
            params["page"] = 1
        return "/-/search?" + urlencode({k: v for k, v in params.items() if v not in ("", None, 1)})

    feed_params = {k: v for k, v in (("q", req.q), ("municipality", req.municipality)) if v}
    context = {
        "metadata": datasette.metadata(),
        "req": req,
        "result": result,
        "error": error,
        "sorts": SORTS,
        "page_size": PAGE_SIZE,
        "has_next": req.page * PAGE_SIZE < result.total,
        "url": url,
        "municipality_options": await _municipality_options(db),
        "feed_url": f"/{DATABASE_NAME}/feed.atom" + (f"?{urlencode(feed_params)}" if feed_params else ""),
    }
    html = await datasette.render_template("muninews_search.html", context, request=request)
    return Response.html(html)


_CHART_CACHE: dict[str, tuple[tuple[Any, ...], Any]] = {}


async def chart_view(datasette: Any, request: Any) -> Response:
    db = _archive(datasette)
    await datasette.ensure_permissions(request.actor, [("view-database", DATABASE_NAME), "view-instance"])
    key = ("immutable",) if not db.is_mutable else _file_key(db.path)
    cached = _CHART_CACHE.get(db.path or "")
    if cached and cached[0] == key and key:
        rows, names = cached[1]
    else:
        rows = await db.execute_fn(pages.monthly_counts)
        names = dict((await db.execute("SELECT id, coalesce(name, id) FROM municipalities")).rows)
        _CHART_CACHE[db.path or ""] = (key, (rows, names))
    context = {
        "metadata": datasette.metadata(),
        "chart": pages.chart_svg(rows, names),
        "articles": sum(r[2] for r in rows),
    }
    html = await datasette.render_template("muninews_chart.html", context, request=request)
    return Response.html(html)


@hookimpl
def startup(datasette: Any) -> None:
    """Build the search page's facet arrays in the background (~7 s per million articles), so the
    first search after a restart does not pay for it. A search that comes earlier waits for it."""
    try:
        db = datasette.get_database(DATABASE_NAME)
    except KeyError:
        return
    if not db.path:
        return

    def build() -> None:
        mode = "ro&immutable=1" if not db.is_mutable else "ro"
        try:
            conn = sqlite3.connect(f"file:{db.path}?mode={mode}", uri=True)
            try:
                FACET_INDEXES.get(conn, db.path, not db.is_mutable)
            finally:
                conn.close()
        except sqlite3.Error:  # not an archive (no articles table): the search page will say so
            pass

    threading.Thread(target=build, name="muninews-facet-index", daemon=True).start()


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/search$", search_view), (r"^/-/chart$", chart_view)]


@hookimpl
def extra_template_vars(template: str, database: str | None, table: str | None, view_name: str,
                        request: Any, datasette: Any) -> Any:  # fmt: skip
    if database != DATABASE_NAME or view_name != "row" or table not in ("articles", "people"):
        return None

    async def inner() -> dict[str, Any]:
        pks = (request.url_vars or {}).get("pks", "") if request else ""
        if not pks.isdigit():
            return {}
        db = datasette.get_database(DATABASE_NAME)
        if table == "articles":
            data = await db.execute_fn(lambda conn: pages.article_page(conn, int(pks)))
            return {"muninews_article": data}
        data = await db.execute_fn(lambda conn: pages.person_page(conn, int(pks)))
        return {"muninews_person": data}

    return inner


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [
        {"href": "/-/search", "label": "Search the archive"},
        {"href": "/-/chart", "label": "Articles per month"},
        {"href": f"/{DATABASE_NAME}/municipality_map", "label": "Map of municipalities"},
    ]
