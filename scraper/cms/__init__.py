"""What the spider knows about the platforms municipal sites run on, as data.

The spider is generic; these lists tell it where a platform puts its navigation, its
recent-news widgets and its pagination. ``generic`` holds what every platform shares; each
platform module (``sitevision``, ``wordpress``, ``episerver``, ``drupal``, ``govuk``) adds what
only it writes, and this module merges them into the names the crawl reads (``cms.CHROME_XPATH``,
``cms.EXCLUDED_SEGMENTS``, ...). They were written from the markup those CMSs produce, and are
checked by the demo sites and the held-out sites in ``tests/sites``.

Each module also says how its pages show the platform (``LABEL``, ``GENERATOR``, ``ASSET_PATHS``,
``MARKUP``), which :mod:`scraper.cms.detect` reads to name a site's platform from its pages;
``municipio``, ``umbraco``, ``polopoly`` and ``joomla`` so far hold only that.

A new platform: a module beside these with the lists it extends, added to ``PLATFORMS`` (and to
``detect.DETECTABLE``).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

from . import drupal, episerver, generic, govuk, joomla, municipio, polopoly, sitevision, umbraco, wordpress
from .generic import (
    EXCLUDED_EXTENSIONS,
    JSONLD_ARTICLE_TYPES,
    LISTING_MIN_LINKS,
    MIN_ARTICLE_WORDS,
    MIN_NOTICE_WORDS,
    NEWS_LINK_TEXT,
    NOTICE_PAGE_DATES,
    PAGINATION_PARAM,
    PAGINATION_TEXT,
    PUBLISHED_LABEL,
    SESSION_PATH_PARAMS,
    TRACKING_PARAMS,
    TRACKING_PREFIXES,
)
from .wordpress import PAGINATION_PATH

PLATFORMS: tuple[ModuleType, ...] = (
    generic,
    sitevision,
    wordpress,
    municipio,
    episerver,
    drupal,
    govuk,
    umbraco,
    polopoly,
    joomla,
)


def _merged(name: str) -> tuple[str, ...]:
    """One list from every platform that defines ``name``, generic first, without repeats."""
    words: list[str] = []
    for platform in PLATFORMS:
        words.extend(w for w in getattr(platform, name, ()) if w not in words)
    return tuple(words)


def _ancestor_xpath(
    tags: Iterable[str], classes: Iterable[str], ids: Iterable[str] = (), roles: Iterable[str] = ()
) -> str:
    """``ancestor-or-self::*[...]``: the element or an ancestor has one of the tags, class or id words, roles."""
    tests = [f"self::{t}" for t in tags]
    tests += [f"contains(@class, '{c}')" for c in classes]
    tests += [f"contains(@id, '{i}')" for i in ids]
    tests += [f"@role='{r}'" for r in roles]
    return "ancestor-or-self::*[" + " or ".join(tests) + "]"


NEWS_SECTION_WORDS = _merged("NEWS_SECTION_WORDS")
EXCLUDED_SEGMENTS = frozenset(_merged("EXCLUDED_SEGMENTS"))

# Site chrome, the one definition (the extractors' vocabulary includes these words too).
CHROME_TAGS = _merged("CHROME_TAGS")
CHROME_CLASS_WORDS = _merged("CHROME_CLASS_WORDS")
CHROME_ID_WORDS = _merged("CHROME_ID_WORDS")
CHROME_ROLES = _merged("CHROME_ROLES")
# Elements whose links are site chrome rather than a listing's content.
CHROME_LINK_CLASS_WORDS = _merged("CHROME_LINK_CLASS_WORDS")
CHROME_XPATH = _ancestor_xpath(
    CHROME_TAGS, CHROME_CLASS_WORDS + CHROME_LINK_CLASS_WORDS, CHROME_ID_WORDS, CHROME_ROLES
)

# Recent-news widgets repeated on every page: their links are news, but a page carrying one is not a listing.
WIDGET_TAGS = _merged("WIDGET_TAGS")
WIDGET_CLASS_WORDS = _merged("WIDGET_CLASS_WORDS")
WIDGET_XPATH = _ancestor_xpath(WIDGET_TAGS, WIDGET_CLASS_WORDS)

ARTICLE_META_XPATHS = _merged("ARTICLE_META_XPATHS")
ARTICLE_BODY_CLASSES = _merged("ARTICLE_BODY_CLASSES")
LISTING_BODY_CLASSES = _merged("LISTING_BODY_CLASSES")

__all__ = [
    "ARTICLE_BODY_CLASSES",
    "ARTICLE_META_XPATHS",
    "CHROME_CLASS_WORDS",
    "CHROME_ID_WORDS",
    "CHROME_LINK_CLASS_WORDS",
    "CHROME_ROLES",
    "CHROME_TAGS",
    "CHROME_XPATH",
    "EXCLUDED_EXTENSIONS",
    "EXCLUDED_SEGMENTS",
    "JSONLD_ARTICLE_TYPES",
    "LISTING_BODY_CLASSES",
    "LISTING_MIN_LINKS",
    "MIN_ARTICLE_WORDS",
    "MIN_NOTICE_WORDS",
    "NEWS_LINK_TEXT",
    "NEWS_SECTION_WORDS",
    "NOTICE_PAGE_DATES",
    "PAGINATION_PARAM",
    "PAGINATION_PATH",
    "PAGINATION_TEXT",
    "PLATFORMS",
    "PUBLISHED_LABEL",
    "SESSION_PATH_PARAMS",
    "TRACKING_PARAMS",
    "TRACKING_PREFIXES",
    "WIDGET_CLASS_WORDS",
    "WIDGET_TAGS",
    "WIDGET_XPATH",
]
