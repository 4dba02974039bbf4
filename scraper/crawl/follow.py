"""Following links: the one place requests are made, and what each source kind's links lead to.

A mixin of :class:`~scraper.crawl.spiders.news.NewsSpider`, kept apart so the spider file holds the
callbacks only. Bounds and dedup come from the frontier, "is this known page due?" from the memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.http import Request
from twisted.internet.defer import Deferred

from scraper.crawl.counters import Counter
from scraper.crawl.frontier import RequestKind, SiteState
from scraper.crawl.requests import RequestMaker
from scraper.crawl.robots import DISALLOW_ALL
from scraper.crawl.urls import canonical_url, is_excluded, listing_base, same_site
from scraper.items import Link, LinkKind

logger = logging.getLogger("scraper.crawl.spiders.news")

K = RequestKind


class LinkFollower(RequestMaker):
    """Turns links into requests (see the module). Needs the spider's callbacks and counters."""

    robots_waiting: dict[str, Deferred[bytes | None]]
    parse_robots: Callable[..., Any]
    parse_home: Callable[..., Any]
    parse_listing: Callable[..., Any]
    parse_sitemap: Callable[..., Any]
    parse_feed: Callable[..., Any]
    parse_page: Callable[..., Any]
    _second_links: Callable[[list[Link], SiteState], Iterator[Request]]  # press rooms, PDFs
    _press_rooms_configured: Callable[[SiteState], Iterator[Request]]

    # --- robots.txt: the rules handed to the middleware ----------------------------------

    def _robots_ready(self, request: Request | None, body: bytes | None) -> None:
        """Hand robots.txt to the robots.txt middleware (None: none usable, everything allowed)."""
        if request is None:
            return
        asked = (request.meta.get("redirect_urls") or [request.url])[0]  # the host before any redirect
        waiting = self.robots_waiting.get(urlsplit(asked).netloc)
        if waiting is not None and not waiting.called:
            waiting.callback(body)

    def _robots_unavailable(self, request: Request, site: SiteState, reason: str) -> None:
        """RFC 9309 2.3.1.4: robots.txt unreachable (5xx, timeout) means full disallow: not this run."""
        site.robots_unavailable = reason
        self._inc(Counter.ROBOTS_UNAVAILABLE, site.mid)
        self._inc(Counter.PAGE_ERRORS, site.mid)  # the site failed this run: an error, not an empty site
        logger.warning("%s: %s; the site is not crawled this run", site.mid, reason)
        self._robots_ready(request, DISALLOW_ALL)

    # --- what each source's links lead to --------------------------------------------

    def _follow_robots(self, links: list[Link], site: SiteState) -> Iterator[Request]:
        urls = [link.url for link in links] or [urljoin(site.municipality.homepage, "/sitemap.xml")]
        for url in urls:
            yield from self._asked(url, site, K.SITEMAP, self.parse_sitemap, optional=True)

    def _follow_home(self, url: str, links: list[Link], site: SiteState) -> Iterator[Request]:
        for link in links:
            if link.kind == LinkKind.FEED:
                yield from self._asked(link.url, site, K.FEED, self.parse_feed)
        homepage = site.municipality.homepage
        listings = 0
        for link in links:
            if link.kind == LinkKind.LISTING:
                # Counted even if already asked for (a hub, the registry's news_url): then no fallback.
                if same_site(link.url, homepage) and not is_excluded(link.url):
                    listings += 1
                yield from self._asked(link.url, site, K.LISTING, self.parse_listing)
        if not listings:
            for link in links:
                if link.kind == LinkKind.NAV_LISTING:
                    yield from self._asked(link.url, site, K.LISTING, self.parse_listing)
        for link in links:
            if link.kind == LinkKind.CANDIDATE:
                yield from self._candidate(link.url, site, listed=False)
        yield from self._second_links(links, site)

    def _candidate(self, url: str, site: SiteState, *, listed: bool) -> Iterator[Request]:
        """Ask for a candidate article once; remember when a listing or feed vouches for it.

        The page is judged when it arrives; by then the listing may have vouched for it
        even if a weaker link (a sitemap entry, a teaser) asked for it first.
        """
        if listed:
            key = canonical_url(url)
            site.listed.add(key)
            if key in site.unvouched:
                # Already fetched and turned down for want of this vouching: judged again.
                site.unvouched.discard(key)
                self._inc(Counter.PAGE_REJUDGED_LISTED, site.mid)
                yield from self._asked(
                    url, site, K.CANDIDATE, self.parse_page, dont_filter=True, from_listing=True
                )
                return
        yield from self._asked(url, site, K.CANDIDATE, self.parse_page)

    def _follow_sitemap(self, url: str, links: list[Link], site: SiteState) -> Iterator[Request]:
        for link in links:
            if link.kind == LinkKind.SITEMAP:
                page = self.memory.pages.get(link.url)
                if page is not None and self.memory.unchanged_since(link.lastmod, page):
                    # The index's <lastmod> says it has not changed: its entries from the archive, no request.
                    if link.url not in site.replayed:
                        site.replayed.add(link.url)
                        self._inc(Counter.SITEMAP_SKIPPED_UNCHANGED, site.mid)
                        yield from self._follow_sitemap(link.url, list(page.links), site)
                    continue
                yield from self._asked(
                    link.url, site, K.SITEMAP, self.parse_sitemap, hint=link.lastmod, optional=True
                )
            else:
                if self.config.since and (link.lastmod or "9999")[:10] < self.config.since:
                    self._inc(Counter.SITEMAP_SKIPPED_BEFORE_SINCE, site.mid)
                    continue
                yield from self._asked(
                    link.url, site, K.CANDIDATE, self.parse_page, hint=link.lastmod, from_listing=False
                )

    def _follow_feed(self, url: str, links: list[Link], site: SiteState) -> Iterator[Request]:
        for link in links:
            yield from self._asked(
                link.url, site, K.CANDIDATE, self.parse_page, hint=link.date, from_listing=True
            )

    def _follow_listing(self, url: str, links: list[Link], site: SiteState) -> Iterator[Request]:
        mid = site.mid
        base = listing_base(url)
        site.listing_pages[base] += 1
        if site.listing_pages[base] == 1:
            logger.info("%s: news listing %s", mid, base)
        self._inc(Counter.LISTING_PAGES, mid)
        for link in links:
            if link.kind == LinkKind.FEED:
                yield from self._asked(link.url, site, K.FEED, self.parse_feed)
        before = site.scheduled  # new pages asked for, and pages asked again now that they are vouched for
        seen = site.listing_entries[base]
        candidates, fresh = [], 0
        for link in links:
            if link.kind != LinkKind.CANDIDATE:
                continue
            if self.config.since and link.date and link.date < self.config.since:
                self._inc(Counter.LISTING_SKIPPED_BEFORE_SINCE, mid)
                continue
            candidates.append(link.url)
            key = canonical_url(link.url)
            if (link.listed or key in site.revisited) and key not in seen:
                # New to this listing, even if a feed, facet or widget asked for it first, or the
                # re-visits of known articles did (those would otherwise hide every page's links).
                seen.add(key)
                fresh += 1
            yield from self._candidate(link.url, site, listed=bool(link.listed))
        yield from self._second_links(links, site)
        for link in links:
            if link.kind == LinkKind.LISTING:
                yield from self._asked(link.url, site, K.LISTING, self.parse_listing)
        if not self._stop_paging(url, links, site, site.scheduled - before + fresh, candidates):
            yield from self._next_pages(base, links, site)

    def _stop_paging(
        self, url: str, links: list[Link], site: SiteState, new_links: int, candidates: list[str]
    ) -> bool:
        """True (counted, logged) if this listing page says the pages after it hold nothing new."""
        mid, since = site.mid, self.config.since
        dates = [link.date for link in links if link.listed and link.date]
        if since and dates and max(dates) < since:
            self._inc(Counter.LISTING_STOPPED_BEFORE_SINCE, mid)
            logger.info("%s: %s lists nothing since %s; not paging further", mid, url, since)
            return True
        if not new_links and site.listing_pages[listing_base(url)] > 1:
            # A page that only repeats what earlier pages listed: the end of the listing or a trap.
            self._inc(Counter.LISTING_STOPPED_NO_NEW_LINKS, mid)
            logger.info("%s: %s adds no new links; not paging further", mid, url)
            return True
        revisit = self.config.revisit
        if (
            revisit.stop_at_known
            and revisit.mode != "all"
            and candidates
            and all(map(self.memory.is_known, candidates))
        ):
            # Listings are newest first: a page of known articles means the rest is known too.
            self._inc(Counter.LISTING_STOPPED_ALL_KNOWN, mid)
            logger.info("%s: %s lists only known pages; not paging further", mid, url)
            return True
        return False

    def _next_pages(self, base: str, links: list[Link], site: SiteState) -> Iterator[Request]:
        cap = self.config.max_listing_pages
        for link in links:
            if link.kind != LinkKind.PAGE:
                continue
            if site.listing_pages[base] >= cap or (link.number or 0) > cap:
                self._inc(Counter.LISTING_PAGINATION_CAPPED, site.mid)
                logger.warning("%s: stopped paging %s at %d pages", site.mid, base, site.listing_pages[base])
                break
            yield from self._asked(link.url, site, K.LISTING, self.parse_listing)

    # --- where a site's crawl starts --------------------------------------------------

    def _start_site(self, site: SiteState) -> Iterator[Request]:
        m = site.municipality
        logger.info("%s: starting at %s", m.id, m.homepage)
        robots_url = urljoin(m.homepage, "/robots.txt")
        cached = self.memory.cached_robots(robots_url)
        if cached is not None and cached.content is not None:
            # RFC 9309 (2.4): a robots.txt fetched less than MUNINEWS_ROBOTS_MAX_AGE_HOURS ago is
            # used as cached, without asking; its rules go to the middleware, its sitemaps below.
            self._inc(Counter.ROBOTS_CACHED, m.id)
            ready: Deferred[bytes | None] = Deferred()
            ready.callback(cached.content.encode("utf-8"))
            self.robots_waiting[urlsplit(robots_url).netloc] = ready
        else:
            robots = self._request(
                robots_url,
                site,
                K.ROBOTS,
                self.parse_robots,
                dont_filter=True,
                optional=True,
                dont_obey_robotstxt=True,  # this request is where the middleware gets the rules
            )
            if robots is not None:
                self.robots_waiting.setdefault(urlsplit(robots.url).netloc, Deferred[bytes | None]())
                yield robots
        yield from self._asked(m.homepage, site, K.HOME, self.parse_home)
        if m.news_url:
            yield from self._asked(m.news_url, site, K.LISTING, self.parse_listing)
        if m.feed_url:
            yield from self._asked(m.feed_url, site, K.FEED, self.parse_feed)
        yield from self._press_rooms_configured(site)
        if cached is not None:
            yield from self._follow_robots(list(cached.links), site)
        yield from self._hubs(site)
        yield from self._revisits(site)

    def _hubs(self, site: SiteState) -> Iterable[Request]:
        """The news listings and feeds the archive knows, asked at once (conditionally).

        Where new articles appear: asking for them in parallel with the homepage, instead of after
        it, saves round trips. First pages only: pagination still follows the listing's own links.
        """
        for page in self.memory.hubs(site.mid):
            if page.kind == K.FEED:
                req = self._request(page.url, site, K.FEED, self.parse_feed)
            elif page.kind == K.LISTING:
                req = self._request(page.url, site, K.LISTING, self.parse_listing)
            else:  # a candidate that turned out to be a listing
                req = self._request(page.url, site, K.CANDIDATE, self.parse_page)
            if req is not None:
                self._inc(Counter.PAGE_HUB_SCHEDULED, site.mid)
                yield req

    def _revisits(self, site: SiteState) -> Iterable[Request]:
        """Known articles due a re-check (:mod:`scraper.crawl.revisit`), asked conditionally."""
        for url in self.memory.due_articles(site.mid, self.config.since):
            req = self._request(url, site, K.CANDIDATE, self.parse_page, from_listing=True, revisit=True)
            if req is not None:
                site.revisited.add(canonical_url(url))
                self._inc(Counter.REVISIT_SCHEDULED, site.mid)
                yield req
