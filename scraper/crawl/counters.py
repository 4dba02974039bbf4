"""The crawl's counters: one Enum for every stats key the spider, the pipelines and the progress line use.

Stats keys are ``muninews/<area>/<event>`` and, per municipality, ``muninews/municipality/<id>/<area>/<event>``.
The ``crawls`` table and the progress line read them back: spelled through :class:`Counter`, a renamed
or misspelt key fails at import instead of silently reading 0. Keys with a variable part (``http/404``,
``error/TimeoutError``) go through :func:`inc_key`; nothing reads them back.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

PREFIX = "muninews/"


class Counter(StrEnum):
    ARTICLE_DUPLICATE_URL = "article/duplicate_url"
    ARTICLE_FOUND = "article/found"
    ARTICLE_NOT_DUE = "article/not_due"
    ARTICLE_REMOVED = "article/removed"
    ARTICLE_STORED = "article/stored"
    ARTICLE_UNCHANGED = "article/unchanged"
    ARTICLE_NEW = "article/new"
    ARTICLE_UPDATED = "article/updated"
    ARTICLE_MERGED = "article/merged"  # the same release as a stored article of another source
    ARTICLE_CUT_SHORT = "article/cut_short"  # cut inside the article's text: not stored this run
    EXTRACT_EMPTY = "extract/empty"
    EXTRACT_FAILED = "extract/failed"
    EXTRACT_PAUSED = "extract/paused"  # times the engine paused: MUNINEWS_EXTRACT_MAX_PENDING pages waited
    EXTRACT_PENDING_MAX = "extract/pending_max"  # the most pages that waited for the workers at once
    EXTRACT_WORKER_LOST = (
        "extract/worker_lost"  # a worker died under a page: it was extracted in the crawl process
    )
    EXTRACT_GARBLED = "extract/garbled"  # values dropped because the page does not contain them
    EXTRACT_MISSING_PUBLISHED = "extract/missing_published"
    EXTRACT_NOT_RELEASE = "extract/not_release"  # a PDF that is no press release (agenda, form, minutes)
    EXTRACT_SKIPPED_BEFORE_SINCE = "extract/skipped_before_since"
    FEED_INVALID = "feed/invalid"
    FEED_READ = "feed/read"
    PRESS_ROOM_READ = "press_room/read"  # a press room's newsroom page or feed read
    PRESS_ROOM_APART = "press_room/apart"  # a link to a press room crawled by its own job (a cluster)
    LINK_EXCLUDED = "link/excluded"
    LINK_OFFSITE = "link/offsite"
    LINK_OVER_PAGE_BUDGET = "link/over_page_budget"
    LINK_TEMPLATE_CAPPED = "link/template_capped"
    CANONICAL_IGNORED = "canonical/ignored"
    CANONICAL_LOOP = "canonical/loop"
    RETRY_AFTER = "retry_after/waited"
    RETRY_AFTER_GAVE_UP = "retry_after/gave_up"
    REDIRECT_HOPS = "redirect/hops"
    ROBOTS_UNAVAILABLE = "robots/unavailable"
    LISTING_PAGES = "listing/pages"
    LISTING_PAGINATION_CAPPED = "listing/pagination_capped"
    LISTING_SKIPPED_BEFORE_SINCE = "listing/skipped_before_since"
    LISTING_STOPPED_ALL_KNOWN = "listing/stopped_all_known"
    LISTING_STOPPED_BEFORE_SINCE = "listing/stopped_before_since"
    LISTING_STOPPED_NO_NEW_LINKS = "listing/stopped_no_new_links"
    PAGE_CONDITIONAL = "page/conditional"
    PAGE_CUT_SHORT = "page/cut_short"  # fewer bytes than its Content-Length, or ending mid-document
    PAGE_ERRORS = "page/errors"
    PAGE_FETCHED = "page/fetched"
    PAGE_HUB_SCHEDULED = "page/hub_scheduled"
    PAGE_CLASSIFY_FAILED = "page/classify_failed"  # classification raised: extracted as an article
    PAGE_NOT_DUE = "page/not_due"
    PAGE_NOT_MODIFIED = "page/not_modified"
    PAGE_REDIRECT_REMEMBERED = "page/redirect_remembered"
    PAGE_REJUDGED_LISTED = "page/rejudged_listed"  # turned down, then vouched for by a listing: asked again
    PAGE_REMEMBERED = "page/remembered"
    PAGE_SAME_DIGEST = "page/same_digest"
    PAGE_SKIPPED_NOT_HTML = "page/skipped_not_html"
    PAGE_SKIPPED_NOT_NEWS = "page/skipped_not_news"
    PAGE_SKIPPED_OFFSITE_REDIRECT = "page/skipped_offsite_redirect"
    PAGE_SKIPPED_UNPARSABLE = "page/skipped_unparsable"
    REVISIT_GONE = "revisit/gone"
    REVISIT_NOT_MODIFIED = "revisit/not_modified"
    REVISIT_REQUESTED = "revisit/requested"
    REVISIT_SAME_DIGEST = "revisit/same_digest"
    REVISIT_SCHEDULED = "revisit/scheduled"
    ROBOTS_CACHED = "robots/cached"
    SITEMAP_INVALID = "sitemap/invalid"
    SITEMAP_READ = "sitemap/read"
    SITEMAP_SKIPPED_BEFORE_SINCE = "sitemap/skipped_before_since"
    SITEMAP_SKIPPED_UNCHANGED = "sitemap/skipped_unchanged"


def key(counter: Counter | str, mid: str | None = None) -> str:
    """The stats key of a counter, overall or for one municipality."""
    return f"{PREFIX}municipality/{mid}/{counter}" if mid else f"{PREFIX}{counter}"


def inc(stats: Any, counter: Counter, mid: str | None = None, count: int = 1) -> None:
    """Count once overall and, with ``mid``, once for that municipality."""
    inc_key(stats, counter, mid, count)


def inc_key(stats: Any, name: Counter | str, mid: str | None = None, count: int = 1) -> None:
    """:func:`inc` for keys with a variable part (``http/<status>``, ``error/<exception>``)."""
    stats.inc_value(key(name), count)
    if mid:
        stats.inc_value(key(name, mid), count)


def get(stats: Any, counter: Counter, mid: str | None = None) -> int:
    """A counter's value, 0 if it was never counted."""
    return int(stats.get_value(key(counter, mid), 0))
