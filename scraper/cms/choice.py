"""The CMS data for one site: ``generic`` plus the platform its pages show, chosen by detection.

Until a site's platform is known (its first page), the crawl reads every platform's data merged (the
names in :mod:`scraper.cms`). Once :mod:`scraper.cms.detect` has named it, :func:`cms_data` gives
the data of ``generic``, the platform's base (Municipio is a WordPress flavour) and the platform,
and the spider uses that site's rules: SiteVision's RSS portlets are looked for only on SiteVision
pages (a portlet-shaped URL on a WordPress page is not a feed). A platform module says what it adds
in the names :mod:`scraper.cms` merges, plus ``feed_urls(markup, base_url)`` if its pages name feeds
in a way of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from . import PLATFORMS, generic
from .detect import DETECTABLE

FeedFinder = Callable[[str, str], list[str]]


@dataclass(frozen=True)
class CmsData:
    """The CMS data one site's crawl uses (``platform`` None: every platform's, merged)."""

    platform: str | None
    modules: tuple[ModuleType, ...]

    def words(self, name: str) -> tuple[str, ...]:
        """One list of ``name`` from the chosen modules, generic first, without repeats."""
        words: list[str] = []
        for module in self.modules:
            words.extend(w for w in getattr(module, name, ()) if w not in words)
        return tuple(words)

    @property
    def feed_finders(self) -> tuple[FeedFinder, ...]:
        return tuple(m.feed_urls for m in self.modules if hasattr(m, "feed_urls"))

    def feed_urls(self, markup: str, base_url: str) -> list[str]:
        """The feed URLs the chosen platforms find in a page's markup (absolute, each once)."""
        urls: list[str] = []
        for find in self.feed_finders:
            urls.extend(u for u in find(markup, base_url) if u not in urls)
        return urls


#: Before detection (or when it names nothing): every platform's data.
ALL = CmsData(None, PLATFORMS)


@cache
def cms_data(platform: str | None) -> CmsData:
    """The data for a site on ``platform`` (an id of :data:`scraper.cms.detect.DETECTABLE`)."""
    module = DETECTABLE.get(platform or "")
    if module is None:
        return ALL
    base = DETECTABLE.get(getattr(module, "FLAVOUR_OF", "") or "")
    return CmsData(platform, tuple(m for m in (generic, base, module) if m is not None))
