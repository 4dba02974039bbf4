"""Checks every response goes through before a callback looks at it: counted, on the site, HTML,
unchanged since last time, a known article's short answer; and the readers of the four source kinds.

A mixin of the spider, so its file keeps the callbacks only.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from typing import Any

from parsel import Selector
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gzip_magic_number

from scraper.clock import utc_now
from scraper.cms.choice import cms_data
from scraper.cms.detect import detect_platform
from scraper.config import CrawlConfig
from scraper.crawl import classify, pages, sources
from scraper.crawl import counters as stats
from scraper.crawl.counters import Counter
from scraper.crawl.frontier import SiteState
from scraper.crawl.memory import CrawlMemory
from scraper.crawl.urls import canonical_url, same_site
from scraper.items import Capture, Link, Page, PageGone, PageSeen

logger = logging.getLogger("scraper.crawl.spiders.news")

#: Pages of a site read for its platform before giving up for this crawl (the homepage usually says).
PLATFORM_TRIES = 5


class ResponseChecks:
    """A mixin of the spider: needs its sites, config, memory and crawler (for stats)."""

    sites: dict[str, SiteState]
    config: CrawlConfig
    memory: CrawlMemory
    crawler: Any

    def _inc(self, counter: Counter, mid: str | None = None, count: int = 1) -> None:
        stats.inc(self.crawler.stats, counter, mid, count)

    def _read_home(self, response: Response, site: SiteState) -> list[Link] | None:
        sel = self._html(response, site)
        if sel is None:
            return None
        hosts = dict(self.config.press_room_hosts)
        home = site.municipality.homepage
        return sources.home_links(sel, response.url, home, hosts, cms_data(site.platform))

    def _read_listing(self, response: Response, site: SiteState) -> list[Link] | None:
        sel = self._html(response, site)
        home = site.municipality.homepage
        return (
            None if sel is None else sources.listing_links(sel, response.url, home, cms_data(site.platform))
        )

    def _read_sitemap(self, response: Response, site: SiteState) -> list[Link] | None:
        gzipped = gzip_magic_number(response)
        try:
            links = sources.sitemap_links(
                response.body, gzipped=gzipped, max_size=self.config.download_maxsize
            )
        except sources.SourceError as exc:  # a broken sitemap is a bad page, not a crash
            self._inc(Counter.SITEMAP_INVALID, site.mid)
            logger.warning("%s: %s %s", site.mid, exc, response.url)
            return None
        self._inc(Counter.SITEMAP_READ, site.mid)
        return links

    def _read_feed(self, response: Response, site: SiteState) -> list[Link] | None:
        try:
            links = sources.feed_links(response.body, response.url)
        except sources.SourceError:
            self._inc(Counter.FEED_INVALID, site.mid)
            logger.warning("%s: invalid feed %s", site.mid, response.url)
            return None
        self._inc(Counter.FEED_READ, site.mid)
        return links

    def _known_answer(self, response: Response) -> PageSeen | PageGone | None:
        """A known article answering 304, 404/410 or with the very bytes archived: no extraction."""
        known_url = response.meta["known_url"]
        mid = response.meta["municipality_id"]
        if response.status == 304:
            self._inc(Counter.PAGE_FETCHED, mid)
            self._inc(Counter.REVISIT_NOT_MODIFIED, mid)
            return PageSeen(known_url, mid, utc_now(), 304)
        if response.status in (404, 410):
            self._inc(Counter.PAGE_FETCHED, mid)
            self._inc(Counter.REVISIT_GONE, mid)
            return PageGone(known_url, mid, utc_now(), f"HTTP {response.status}")
        capture: Capture | None = response.meta.get("capture")
        digest = (capture.payload_sha256 if capture else None) or hashlib.sha256(response.body).hexdigest()
        same_bytes = response.status == 200 and response.meta.get("known_digest") == digest
        if same_bytes and canonical_url(response.url) == canonical_url(known_url):
            self._inc(Counter.PAGE_FETCHED, mid)
            self._inc(Counter.REVISIT_SAME_DIGEST, mid)
            return PageSeen(known_url, mid, utc_now(), 200)
        return None

    def _stored_links(self, response: Response) -> list[Link] | None:
        """The links a known page yielded last time, if it answered 304 or the very same bytes."""
        stored = self.memory.stored_links(response.meta.get("page_url"), response.status, response.body)
        if stored is None:
            return None
        links, counter = stored
        self._inc(counter, response.meta["municipality_id"])
        return links

    def _site(self, response: Response) -> SiteState:
        return self.sites[response.meta["municipality_id"]]

    def _fetched(self, response: Response) -> SiteState | None:
        """Count the page; None if a redirect took it off the municipality's site."""
        site = self._site(response)
        self._inc(Counter.PAGE_FETCHED, site.mid)
        hops = len(response.meta.get("redirect_urls") or [])
        if hops:
            self._inc(Counter.REDIRECT_HOPS, site.mid, hops)
        if reason := pages.cut_short(response):
            self._inc(Counter.PAGE_CUT_SHORT, site.mid)
            site.cut_short.setdefault(response.url, reason)
            logger.warning("%s: response cut short (%s): %s", site.mid, reason, response.url)
        if not same_site(response.url, site.municipality.homepage):
            self._inc(Counter.PAGE_SKIPPED_OFFSITE_REDIRECT, site.mid)
            logger.info(
                "%s: %s redirected off the site to %s",
                site.mid,
                response.request.url if response.request else response.url,
                response.url,
            )
            return None
        return site

    def _article_page(self, response: Response, key: str, site: SiteState) -> Iterator[Page]:
        """The article for the archive, unless its response was cut short where the article's text
        may be: then it is neither stored new nor over the complete version archived, and the next
        crawl asks again (counted, and named in the crawl's note with the other cut-short pages)."""
        reason = site.cut_short.get(response.url)
        if reason and not pages.text_complete(response, reason):
            self._inc(Counter.ARTICLE_CUT_SHORT, site.mid)
            return
        yield pages.article_page(response, key, site.municipality)

    def _saw_platform(self, response: TextResponse, site: SiteState) -> None:
        """Name the site's platform from the first pages that show it (the homepage, as a rule)."""
        if site.platform is not None or site.platform_tries >= PLATFORM_TRIES:
            return
        site.platform_tries += 1
        found = detect_platform(response.text, response.url)
        if found is not None:
            site.platform = found.platform
            logger.info("%s: platform %s (%s)", site.mid, found.label, ", ".join(found.evidence))

    def _judged(
        self, response: Response, sel: Selector, site: SiteState, listed: bool
    ) -> tuple[classify.PageSignals, str]:
        """The page's signals and kind; a page whose classification raises is not lost: counted,
        and sent to extraction as an article (which drops it, counted, if it holds none)."""
        try:
            signals = classify.page_signals(sel, response.url, site.municipality.homepage)
            return signals, classify.classify_page(signals, response.url, from_listing=listed)
        except Exception:
            self._inc(Counter.PAGE_CLASSIFY_FAILED, site.mid)
            logger.exception("%s: could not classify %s; extracting it as an article", site.mid, response.url)
            return classify.PageSignals(), "article"

    def _html(self, response: Response, site: SiteState) -> Selector | None:
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        if not isinstance(response, TextResponse) or not response.body.strip():
            ctype = ""
        elif not ctype or "html" in ctype or "xml" in ctype:
            try:
                sel = response.selector
            except (ValueError, TypeError, AttributeError):
                self._inc(Counter.PAGE_SKIPPED_UNPARSABLE, site.mid)
                logger.warning("%s: could not parse %s", site.mid, response.url)
                return None
            self._saw_platform(response, site)
            return sel
        self._inc(Counter.PAGE_SKIPPED_NOT_HTML, site.mid)
        logger.info("%s: not an HTML page%s: %s", site.mid, f" ({ctype})" if ctype else "", response.url)
        return None
