"""WordPress: feeds, tag and author archives, /page/N/ pagination, body classes, sidebar widgets."""

from __future__ import annotations

import re

EXCLUDED_SEGMENTS = frozenset({"wp-admin", "wp-login.php", "wp-json", "feed", "tag", "tags", "author"})

# /category/nyheter/page/2/
PAGINATION_PATH = re.compile(r"/page/(\d+)/?$")

# body_class(): "single single-post postid-12 post-template-default" on a post, "archive category
# category-nyheter paged paged-2" on a listing.
ARTICLE_BODY_CLASSES = ("single-post", "single", "post-template-default")
LISTING_BODY_CLASSES = ("archive", "category", "blog", "tag", "author", "search", "search-results", "paged")

# Theme sidebars and their widgets ("widget widget_recent_entries").
WIDGET_CLASS_WORDS = ("sidebar", "widget")

# Platform detection (scraper.cms.detect): generator meta, wp-content/wp-includes, block classes.
LABEL = "WordPress"
GENERATOR = ("wordpress",)
ASSET_PATHS = ("/wp-content/", "/wp-includes/", "/wp-json/")
MARKUP = (r"\bwp-block-", r"\bwp-image-\d+", r"\bwp-embed")
