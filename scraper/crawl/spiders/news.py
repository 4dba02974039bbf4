"""NewsSpider: finds and fetches the news articles of municipal websites.

It decides which URLs to visit and which responses are articles — nothing else:
extraction happens in :mod:`scraper.pipelines`, storage in :mod:`scraper.archive`.

From each homepage it looks for news in three places, the way a person would:
sitemaps named in robots.txt (indexes and .xml.gz included), RSS/Atom feeds the pages
announce, and news listings linked from the navigation ("Nyheter", "Aktuellt", "News",
...) with their pagination; and in its second sources (:mod:`scraper.crawl.second_sources`):
its press rooms and the PDF releases its listings link. Every candidate is classified from its own markup
(:func:`scraper.crawl.classify.classify_page`) before it is archived, so contact pages,
service pages, calendars and search results are fetched at most once and never stored.

This file holds the callbacks. Where the pieces live: links are read from each source by
:mod:`scraper.crawl.sources` and followed by :mod:`scraper.crawl.follow`; bounds and dedup are the
:mod:`~scraper.crawl.frontier`'s; what the archive already knows (validators, known articles, the
revisit schedule) is the :mod:`~scraper.crawl.memory`, loaded before the crawl starts. A re-crawl is
incremental: known pages are asked conditionally, and a 304 follows last time's links.

Run it as ``muninews crawl NAME`` or ``scrapy crawl news -a municipalities=NAME``;
``-a url=https://... -a municipality="Name"`` crawls a site not in the registry. A crawl on several
machines splits a municipality by source: ``-a press_room=KEY`` crawls only that configured press room,
``-a press_rooms=apart`` the municipality without its configured press rooms (see
:mod:`scraper.crawl.second_sources`).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import scrapy
from parsel import Selector
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import Deferred

from scraper import registry
from scraper.clock import utc_now
from scraper.config import CrawlConfig
from scraper.crawl import classify, pages, sources
from scraper.crawl import counters as stats
from scraper.crawl.counters import Counter
from scraper.crawl.follow import LinkFollower
from scraper.crawl.frontier import Frontier, Outcome, RequestKind, SiteState
from scraper.crawl.memory import CrawlMemory, load_memory
from scraper.crawl.responses import ResponseChecks
from scraper.crawl.robots import robots_unavailable
from scraper.crawl.second_sources import SecondSources
from scraper.crawl.urls import canonical_url, has_date_in_path, in_news_section
from scraper.items import Link, PageGone
from scraper.registry import Municipality

logger = logging.getLogger(__name__)
K = RequestKind


@dataclass(frozen=True)
class Source:
    """One kind of page that lists links: how to read it, and what its links lead to."""

    kind: RequestKind
    read: Callable[[Response, SiteState], list[Link] | None]
    follow: Callable[[str, list[Link], SiteState], Iterable[Any]]
    unreadable: bool  # remember an unreadable page (INVALID), or drop it silently


class NewsSpider(ResponseChecks, LinkFollower, SecondSources, scrapy.Spider):
    name = "news"
    #: Builds the crawl memory from the archive; a class attribute so tests can load a fake one.
    load_memory = staticmethod(load_memory)
    since: str  # read by the extraction pipeline

    def __init__(
        self,
        municipalities: str = "",
        all: str = "",
        url: str = "",
        municipality: str = "",
        country: str = "",
        id: str = "",
        since: str | None = None,
        max_pages: str | None = None,
        press_room: str = "",
        press_rooms: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.selection = registry.Selection.from_arguments(
            municipalities, all, url, municipality, country, id
        )
        self._since_arg = since
        self._max_pages_arg = max_pages
        if press_rooms not in ("", "apart"):
            raise ValueError(f"press_rooms={press_rooms!r}: only 'apart' is known")
        self.press_room_only = press_room
        self.press_rooms_apart = press_rooms == "apart"
        self.sites: dict[str, SiteState] = {}
        self.memory = CrawlMemory()
        # Per host, fired with the robots.txt body once the spider has it: the robots.txt middleware
        # (scraper.crawl.robots.SharedRobotsTxtMiddleware) obeys those rules instead of fetching it again.
        self.robots_waiting: dict[str, Deferred[bytes | None]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.config = CrawlConfig.from_settings(
            crawler.settings, since=spider._since_arg, max_pages=spider._max_pages_arg
        )
        spider.since = spider.config.since  # read by the extraction pipeline
        for m in spider.selection.municipalities(spider.config.registry):
            spider.sites[m.id] = SiteState(m)
        spider.frontier = Frontier(spider.config.max_pages, spider._inc, spider.config.max_urls_per_template)
        return spider

    @property
    def municipalities(self) -> list[Municipality]:
        return [s.municipality for s in self.sites.values()]

    # --- start ---------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        # What the archive already has (read-only; the archive stays the only writer): known articles
        # are re-checked on their schedule and fetched conditionally, not re-discovered blindly.
        self.memory = self.load_memory(
            self.config.db_path, self.sites, self.config.revisit, lambda: datetime.now(UTC)
        )
        if self.memory.known:
            logger.info("archive knows %d articles of these municipalities", len(self.memory.known))
        if self.memory.pages:
            logger.info("archive knows %d other pages of these municipalities", len(self.memory.pages))
        # Every site's first requests go to the scheduler at once: Scrapy reads start() one request
        # per scheduling round, behind every other request, so 290 sites started at about one a
        # second and the run was bound by that, not by each site's delay. Each site is still its
        # own downloader slot (one at a time, its delay); a few requests a site, held in the
        # scheduler's memory (or its disk queue with --jobdir), marked as Scrapy marks start requests.
        crawler = getattr(self, "crawler", None)
        engine = crawler.engine if crawler is not None and crawler.crawling else None
        start = self._press_room_alone if self.press_room_only else self._start_site
        for site in self.sites.values():
            for request in start(site):
                if engine is None:  # no crawl running (a unit test): the requests are the output
                    yield request
                    continue
                request.meta.setdefault("is_start_request", True)
                engine.crawl(request)

    # --- sources: one template for homepages, listings, sitemaps and feeds ------------

    def _parse_source(self, response: Response, source: Source) -> Iterator[Any]:
        site = self._fetched(response)
        if site is None:
            return
        links = self._stored_links(response)
        if links is None:
            links = source.read(response, site)
            if links is None:
                if source.unreadable:
                    yield from pages.remember(response, site, source.kind, Outcome.INVALID)
                return
        yield from pages.remember(response, site, source.kind, Outcome.READ, links)
        yield from source.follow(response.url, links, site)

    def parse_home(self, response: Response) -> Iterator[Any]:
        yield from self._parse_source(response, Source(K.HOME, self._read_home, self._follow_home, False))

    def parse_listing(self, response: Response) -> Iterator[Any]:
        yield from self._parse_source(
            response, Source(K.LISTING, self._read_listing, self._follow_listing, False)
        )

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        yield from self._parse_source(
            response, Source(K.SITEMAP, self._read_sitemap, self._follow_sitemap, True)
        )

    def parse_feed(self, response: Response) -> Iterator[Any]:
        yield from self._parse_source(response, Source(K.FEED, self._read_feed, self._follow_feed, True))

    # --- robots.txt ------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[Any]:
        site = self._site(response)
        links = self._stored_links(response)
        if links is not None and response.status == 304:
            content = self.memory.pages[response.meta["page_url"]].content
            self._robots_ready(response.request, content.encode("utf-8") if content is not None else None)
        else:
            self._robots_ready(response.request, response.body)
            content = response.body.decode("utf-8", "replace")
            if links is None:
                links = sources.robots_links(response.body, response.url)
        yield from pages.remember(response, site, K.ROBOTS, Outcome.READ, links, content=content)
        yield from self._follow_robots(links, site)

    # --- article candidates --------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterable[Any]:
        return self.parse_page(response)

    def parse_page(self, response: Response) -> Iterator[Any]:
        """A candidate article: archive it if it is one, read it as a listing if it is one."""
        known_url = response.meta.get("known_url")
        if known_url:
            answer = self._known_answer(response)
            if answer is not None:
                yield from pages.redirects(response, self._site(response))
                yield answer
                return
        site = self._fetched(response)
        if site is not None and not known_url:
            stored = self._stored_links(response)
            if stored is not None:
                # A page known not to be an article, unchanged: what it was last time still holds.
                outcome = self.memory.pages[response.meta["page_url"]].outcome
                yield from pages.remember(response, site, K.CANDIDATE, outcome, stored)
                if outcome == Outcome.LISTED:
                    yield from self._follow_listing(response.url, stored, site)
                return
        if site is None and known_url:
            reason = f"redirected off the site to {response.url}"
            yield PageGone(known_url, response.meta["municipality_id"], utc_now(), reason)
            return
        sel = self._html(response, site) if site else None
        if site is None or sel is None:
            if site is not None and not known_url:
                yield from pages.remember(response, site, K.CANDIDATE, Outcome.NOT_HTML)
            return
        yield from self._classified(response, sel, site, known_url)

    def _classified(
        self, response: Response, sel: Selector, site: SiteState, known_url: str | None
    ) -> Iterator[Any]:
        """A parsed candidate, classified from its own markup: an article, a listing or neither."""
        m = site.municipality
        listed = bool(response.meta.get("from_listing")) or (
            canonical_url(response.request.url if response.request else response.url) in site.listed
        )
        signals, kind = self._judged(response, sel, site, listed)
        if kind != "article" and known_url and canonical_url(response.url) != known_url:
            self._inc(Counter.REVISIT_GONE, m.id)
            yield PageGone(known_url, m.id, utc_now(), f"redirected to {response.url} (not an article)")
        if kind == "listing" and (in_news_section(response.url) or signals.listing_links):
            links = sources.listing_links(sel, response.url, m.homepage)
            if not known_url:
                yield from pages.remember(response, site, K.CANDIDATE, Outcome.LISTED, links)
            yield from self._follow_listing(response.url, links, site)
            return
        if kind != "article":
            self._inc(Counter.PAGE_SKIPPED_NOT_NEWS, m.id)
            pages.await_vouching(response, signals, site, listed=listed)
            if kind != "listing":
                logger.debug("%s: not a news article: %s", m.id, response.url)
            if not known_url:
                yield from pages.remember(response, site, K.CANDIDATE, Outcome.NOT_NEWS)
            return
        yield from self._article(response, sel, site, known_url, signals)

    def _article(
        self,
        response: Response,
        sel: Selector,
        site: SiteState,
        known_url: str | None,
        signals: classify.PageSignals,
    ) -> Iterator[Any]:
        m = site.municipality
        yield from pages.redirects(response, site)
        key, objection = pages.storage_url(sel, response, site)
        if objection is not None:
            self._inc(Counter.CANONICAL_LOOP if objection == "loop" else Counter.CANONICAL_IGNORED, m.id)
        if known_url and key != known_url:
            if pages.same_article(sel, response.meta.get("known_title")):
                key = known_url  # the article moved: same headline, kept under the URL it is known by
            else:
                self._inc(Counter.REVISIT_GONE, m.id)
                yield PageGone(known_url, m.id, utc_now(), f"redirected to {response.url}")
        site.stored_from |= {canonical_url(r.url) for r in (response, response.request) if r is not None}
        if key in site.articles:
            self._inc(Counter.ARTICLE_DUPLICATE_URL, m.id)
            return
        site.articles.add(key)
        self._inc(Counter.ARTICLE_FOUND, m.id)
        # Articles link to earlier news ("Läs också vår tidigare nyhet om ..."), often to ones
        # that have dropped off the listing: follow links into the news section.
        for link in signals.news_links:
            if in_news_section(link.url) or has_date_in_path(link.url):
                yield from self._candidate(link.url, site, listed=False)
        yield from self._article_page(response, key, site)

    # --- errors --------------------------------------------------------------------

    def on_error(self, failure: Any) -> list[Any] | None:
        """A failed request (a twisted Failure): counted, remembered for the next crawl, logged."""
        request = failure.request
        mid = request.meta.get("municipality_id")
        kind = request.meta.get("kind")
        if mid and self.sites[mid].robots_unavailable and kind != K.ROBOTS:
            return None  # held back by the disallow-all of an unavailable robots.txt: already noted
        if kind == K.ROBOTS:
            why = robots_unavailable(failure) if mid else None
            if mid and why:
                self._robots_unavailable(request, self.sites[mid], why)
                return None
            self._robots_ready(request, None)  # 4xx: no robots.txt, everything allowed (RFC 9309 2.3.1.3)
        remembered: list[Any] = []
        if failure.check(HttpError):
            status = failure.value.response.status
            if mid and kind == K.CANDIDATE and status in (404, 410):
                self.sites[mid].candidates_gone += 1
            what = f"HTTP {status}"
            stats.inc_key(self.crawler.stats, f"http/{status}", mid)
            if mid:
                self._inc(Counter.PAGE_FETCHED, mid)
            if mid and kind not in (K.ROBOTS, K.HOME) and not request.meta.get("known_url"):
                # A broken link is not asked again before MUNINEWS_PAGE_RECHECK_DAYS, a server error
                # not before MUNINEWS_REVISIT_MIN_DAYS.
                outcome = Outcome.ERROR if status >= 500 else Outcome.GONE
                remembered = list(pages.remember(failure.value.response, self.sites[mid], kind, outcome))
        else:
            what = failure.type.__name__ if failure.type else "error"
            stats.inc_key(self.crawler.stats, f"error/{what}", mid)
        if request.meta.get("optional"):
            logger.info("%s: no %s at %s (%s)", mid, kind, request.url, what)
            if kind == K.ROBOTS and mid:
                # No robots.txt: the conventional sitemap location is still worth a look.
                site = self.sites[mid]
                sitemap = urljoin(site.municipality.homepage, "/sitemap.xml")
                return list(self._asked(sitemap, site, K.SITEMAP, self.parse_sitemap, optional=True)) or None
            return remembered or None
        if mid:
            self._inc(Counter.PAGE_ERRORS, mid)
        logger.warning("%s: %s fetching %s (%s)", mid, what, request.url, kind)
        return remembered or None
