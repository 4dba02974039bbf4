"""SiteVision (most Swedish kommuner): the recent-news portlet and "puff" teasers on every page.

Its listings page with a portlet-scoped parameter ("sv.12.abc.page=2"), which the generic
PAGINATION_PARAM already accepts (a name ending in ".page"). A news archive portlet also serves its
entries as RSS at a URL that only the listing's markup names (:func:`rss_portlet_urls`).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

# sv-archive-portlet is shown on most pages of a kommun site, service pages included; a "puff"
# is a teaser box linking to another page.
WIDGET_CLASS_WORDS = ("sv-archive-portlet", "puff")

# What platform detection (scraper.cms.detect) looks for: the generator meta, asset paths (the
# /sitevision/ system resources, /webdav/ files, portlet URLs), markup families (sv-* classes, the
# 4./12./18. node ids in URLs).
LABEL = "SiteVision"
GENERATOR = ("sitevision",)
ASSET_PATHS = ("/sitevision/", "/webdav/files/", ".portlet")
MARKUP = (
    r"class=\"[^\"]*\bsv-(?:layout|portlet|text-portlet|image-portlet|archive-portlet|decoration|font)",
    r"/(?:4|12|18)\.[0-9a-f]{6,}[0-9a-f.]*",
    r"\bsv-vamiddle|\bsv-grid-",
)

# A news archive portlet serves its entries as RSS at a URL only its own markup names, its ids differing
# per site: /4.<page id>/12.<portlet id>.portlet?state=rss&sv.contenttype=text/xml;charset=UTF-8
RSS_PORTLET = re.compile(
    r"""(?:https?://[^"'\s<>]+)?/4\.[0-9a-z.]+/12\.[0-9a-z.]+\.portlet\?state=rss[^"'\s<>]*""",
    re.IGNORECASE,
)


def rss_portlet_urls(markup: str, base_url: str) -> list[str]:
    """The RSS portlet URLs a SiteVision page names (in links, data attributes or scripts), absolute,
    each once, in page order. Pure: a page's text in, URLs out."""
    urls: list[str] = []
    for match in RSS_PORTLET.finditer(markup):
        url = urljoin(base_url, html.unescape(match.group(0)).replace("\\u0026", "&"))
        if url not in urls:
            urls.append(url)
    return urls


#: The feeds a SiteVision page names in its own way (scraper.cms.choice reads this name).
feed_urls = rss_portlet_urls
