"""The search page's links: its own pages, and the other surfaces of the same search.

The Atom feed, the CSV and JSON exports (the canned ``search`` or ``search_quotes`` query) take the
page's parameters as they are: they parse the search with the same function and apply the same
filters (:func:`scraper.web.query.register`), so each link finds what the page finds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus, urlencode

from scraper.web.archive_db import DATABASE_NAME

if TYPE_CHECKING:
    from scraper.web.filters import SearchRequest


#: The date filters' names in URLs (``from`` is a Python keyword, hence ``date_from`` in the code).
URL_NAMES = {"date_from": "from", "date_to": "to"}


def _params(req: SearchRequest) -> dict[str, Any]:
    return {"q": req.q, "kind": req.kind, "sort": req.sort, "municipality": req.municipality,
            "year": req.year, "language": req.language, "from": req.date_from, "to": req.date_to,
            "page": req.page}  # fmt: skip


def page_url(req: SearchRequest, **changes: Any) -> str:
    """This search with ``changes`` applied; any change but the page's own goes back to page 1."""
    params = _params(req)
    params.update({URL_NAMES.get(k, k): v for k, v in changes.items()})
    if "page" not in changes:
        params["page"] = 1
    return "/-/search?" + urlencode({k: v for k, v in params.items() if v not in ("", None, 1)})


def page_urls(req: SearchRequest) -> Callable[..., str]:
    """:func:`page_url` for ``req``, with its own parameters quoted once instead of in every link: the
    page makes a link per month of the strip and per facet value (~130 for a rare word, 18 µs each
    with ``urlencode``, ~2 ms of a 20 ms page). Same URLs, the same order of parameters."""
    params = _params(req)
    quoted = {k: quote_plus(str(v)) for k, v in params.items() if v not in ("", None, 1)}

    def url(**changes: Any) -> str:
        changed = {URL_NAMES.get(k, k): v for k, v in changes.items()}
        changed.setdefault("page", 1)
        parts = []
        for k in [*params, *(k for k in changed if k not in params)]:
            if k in changed:
                v = changed[k]
                if v not in ("", None, 1):
                    parts.append(f"{quote_plus(k)}={quote_plus(str(v))}")
            elif k in quoted:
                parts.append(f"{k}={quoted[k]}")
        return "/-/search?" + "&".join(parts)

    return url


def surface_urls(req: SearchRequest) -> dict[str, str | None]:
    """``chart_url`` (the chart of these matches), ``feed_url`` (of quotes for a quote search: a feed
    of the articles beside a list of quotes was a different set), and (when there is a search)
    ``csv_url`` and ``json_url``: all matches up to 1,000. The CSV link asks Datasette for a download
    (``_dl=1``: ``text/csv`` as an attachment, ``search.csv``); without it the browser shows the rows as
    plain text in the tab, and a journalist who clicked "CSV" wanted a file for the spreadsheet."""
    filters = {"q": req.q, "municipality": req.municipality, "year": req.year, "language": req.language,
               "from": req.date_from, "to": req.date_to}  # fmt: skip
    feed_params = {k: v for k, v in filters.items() if v}
    export = f"/{DATABASE_NAME}/{'search_quotes' if req.kind == 'quotes' else 'search'}"
    chart = urlencode({k: v for k, v in filters.items() if v})
    return {
        "chart_url": "/-/chart" + (f"?{chart}" if chart else ""),
        "feed_url": f"/{DATABASE_NAME}/{'feed_quotes' if req.kind == 'quotes' else 'feed'}.atom"
        + (f"?{urlencode(feed_params)}" if feed_params else ""),
        "csv_url": f"{export}.csv?{urlencode(filters | {'_dl': '1'})}" if req.q else None,
        "json_url": f"{export}.json?{urlencode(filters | {'_shape': 'array'})}" if req.q else None,
    }
