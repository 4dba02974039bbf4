"""The read-only web: muninews' Datasette plugin, one module per page, and ``muninews serve``.

* :mod:`.plugin` the one plugin (every Datasette hook), registered by the ``datasette`` entry point.
* :mod:`.search` ``/-/search``, ranked or newest-first search of articles and quotes with exact facet
  counts (:mod:`.facets` the arrays behind the counts, :mod:`.query` what a search box string means).
* :mod:`.article`, :mod:`.person` data for Datasette's own row pages ``/archive/articles/<id>`` and
  ``/archive/people/<id>`` (templates ``row-archive-articles.html``, ``row-archive-people.html``).
* :mod:`.chart` ``/-/chart``, articles per month per municipality as inline SVG.
* :mod:`.capture` ``/-/capture/<article_id>[/<version>]`` and ``/-/diff/<revision_id>``.
* :mod:`.serve` runs Datasette with ``datasette_metadata.json`` (packaged beside this file).
"""

from scraper.web import units

units.install()  # before Datasette's views are imported: see :mod:`.units`

# The entry point names this package, not :mod:`.plugin`: Datasette finds a plugin's ``templates/``
# with ``importlib.resources.files(<plugin module>)``, which needs a package on Python 3.11.
from scraper.web.plugin import (  # noqa: E402, F401  (the hooks, re-exported for pluggy)
    asgi_wrapper,
    extra_template_vars,
    handle_exception,
    menu_links,
    prepare_connection,
    register_routes,
    render_cell,
    startup,
)
