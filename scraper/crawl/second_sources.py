"""A municipality's second sources: its press rooms (Mynewsdesk, Cision, via TT) and the PDF releases
its news listings link. A mixin of the spider, with the callbacks of both.

Press rooms are on another host than the site, so their requests are made here rather than through
the frontier (which keeps every request on the site): asked once per run, within the site's page
budget, counted as the site's pages. Their releases are articles of the municipality with
``Page.source`` set to the service; the archive decides whether a release is one it has from the site
(:mod:`scraper.archive.article_urls`). PDFs are on the site; the frontier leaves files out of the
candidates, so the PDFs a listing links are asked here, and judged by the extraction
(:mod:`scraper.extract.pdf`): a release is stored, an agenda or a form is not. Both are captured
(their requests are of the ``candidate`` kind the capture middleware keeps).

A crawl on several machines (:mod:`scraper.cluster`) gives each configured press room a job of its
own: the spider argument ``press_room=KEY`` (the entry's ``url``, or its ``feed_url`` when it has no
``url``) crawls only that press room of the municipality, exactly as the whole crawl would, and
``press_rooms=apart`` crawls the municipality without its configured press rooms — nor any press-room
link to one of their hosts, so the site's job never asks a host its press-room jobs crawl.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Request, Response, TextResponse

from scraper.cms.press_rooms import BY_KIND
from scraper.config import CrawlConfig
from scraper.crawl import pages, sources
from scraper.crawl.counters import Counter
from scraper.crawl.frontier import PRIORITY, Frontier, RequestKind, SiteState
from scraper.crawl.memory import CrawlMemory
from scraper.crawl.press_rooms import PressRoom, newsroom_feeds, newsroom_releases, service_of
from scraper.crawl.urls import canonical_url, clean_url
from scraper.items import Link, LinkKind, Page, PageGone, PageSeen

logger = logging.getLogger("scraper.crawl.spiders.news")
K = RequestKind


class SecondSources:
    """Needs the spider's sites, config, counters, errback and page checks."""

    sites: dict[str, SiteState]
    config: CrawlConfig
    frontier: Frontier
    memory: CrawlMemory
    press_room_only: str  # the key of the one press room this crawl is about ("": the whole crawl)
    press_rooms_apart: bool  # the configured press rooms are crawled elsewhere (their own jobs)
    on_error: Callable[..., Any]
    _inc: Callable[..., None]
    _fetched: Callable[[Response], SiteState | None]
    _known_answer: Callable[[Response], PageSeen | PageGone | None]
    _ask_known_conditionally: Callable[..., None]

    def _second_request(
        self, url: str, site: SiteState, kind: RequestKind, callback: Any, **meta: Any
    ) -> Iterator[Request]:
        """Ask for ``url`` once this run, within the site's page budget.

        A release or PDF the archive already holds is asked as a known article of the site is: only
        when the revisit schedule says it is due, and then conditionally (:mod:`scraper.crawl.requests`);
        one it turned down (an agenda) as a page that is not news, after MUNINEWS_PAGE_RECHECK_DAYS.
        """
        key = canonical_url(url)
        if site.robots_unavailable or key in site.requested:
            return
        known = self.memory.known.get(key) if kind == K.CANDIDATE else None
        if known is not None and not self.memory.wants(known):
            self.frontier.skip_not_due(key, site, Counter.ARTICLE_NOT_DUE)
            return
        page = self.memory.pages.get(key) if kind == K.CANDIDATE and known is None else None
        if page is not None and not self.memory.page_due(page):
            # Turned down last time (a PDF agenda): not again before MUNINEWS_PAGE_RECHECK_DAYS.
            self.frontier.skip_not_due(key, site, Counter.PAGE_NOT_DUE)
            return
        if self.config.max_pages and site.scheduled >= self.config.max_pages:
            self._inc(Counter.LINK_OVER_PAGE_BUDGET, site.mid)
            return
        site.requested.add(key)
        site.scheduled += 1
        headers: dict[str, str] = {}
        meta = {"municipality_id": site.mid, "kind": str(kind), "optional": kind != K.CANDIDATE, **meta}
        if known is not None:
            # By the URL the archive stores it under: an other URL is kept as fetched, not by its key.
            stored = known.fetched_url if known.also_at and known.fetched_url else key
            self._ask_known_conditionally(known, stored, site, meta, headers)
        yield Request(
            clean_url(url),
            callback=callback,
            errback=self.on_error,
            priority=PRIORITY[kind],
            headers=headers or None,
            meta=meta,
        )

    # --- press rooms -------------------------------------------------------------------

    def _configured(self, site: SiteState) -> list[PressRoom]:
        rooms = (PressRoom.from_registry(entry) for entry in site.municipality.press_rooms)
        return [room for room in rooms if room is not None]

    def _press_rooms_configured(self, site: SiteState) -> Iterator[Request]:
        if self.press_rooms_apart:
            return
        for room in self._configured(site):
            yield from self._press_room(room, site)

    def _press_room_alone(self, site: SiteState) -> Iterator[Request]:
        """The start of a crawl of one press room (``press_room=KEY``): its newsroom and feed only."""
        rooms = [room for room in self._configured(site) if room.key == self.press_room_only]
        if not rooms:
            logger.warning("%s: no configured press room %s", site.mid, self.press_room_only)
        for room in rooms:
            yield from self._press_room(room, site)

    def _apart(self, url: str, site: SiteState) -> bool:
        """A press-room link on the host of a configured press room, with ``press_rooms=apart``."""
        if not self.press_rooms_apart:
            return False
        here = urlsplit(url).netloc.lower()
        rooms = self._configured(site)
        if any(urlsplit(u).netloc.lower() == here for r in rooms for u in (r.url, r.feed_url) if u):
            self._inc(Counter.PRESS_ROOM_APART, site.mid)
            return True
        return False

    def _second_links(self, links: list[Link], site: SiteState) -> Iterator[Request]:
        """Follow what a homepage or listing linked of the second sources: press rooms and PDFs."""
        hosts = dict(self.config.press_room_hosts)
        for link in links:
            if link.kind == LinkKind.PDF:
                yield from self._second_request(link.url, site, K.CANDIDATE, self.parse_pdf, pdf=True)
            elif link.kind in (LinkKind.PRESS_ROOM, LinkKind.PRESS_FEED):
                service = service_of(link.url, hosts)
                if service is None or self._apart(link.url, site):
                    continue
                feed = link.kind == LinkKind.PRESS_FEED
                room = PressRoom(service.kind, None if feed else link.url, link.url if feed else None)
                yield from self._press_room(room, site)

    def _press_room(self, room: PressRoom, site: SiteState) -> Iterator[Request]:
        if room.feed_url:
            yield from self._second_request(
                room.feed_url, site, K.FEED, self.parse_press_feed, press=room.kind
            )
        if room.url:
            yield from self._second_request(room.url, site, K.LISTING, self.parse_press_room, press=room.kind)

    def _press_page(self, response: Response) -> tuple[SiteState, str]:
        site = self.sites[response.meta["municipality_id"]]
        self._inc(Counter.PAGE_FETCHED, site.mid)
        return site, response.meta["press"]

    def parse_press_room(self, response: Response) -> Iterator[Any]:
        """A newsroom's front page: its release feed, and the releases it lists."""
        site, kind = self._press_page(response)
        if not isinstance(response, TextResponse):
            return
        service = BY_KIND[kind]
        self._inc(Counter.PRESS_ROOM_READ, site.mid)
        for feed in newsroom_feeds(response.selector, response.url, service):
            yield from self._second_request(feed, site, K.FEED, self.parse_press_feed, press=kind)
        for url in newsroom_releases(response.selector, response.url, service):
            yield from self._second_request(url, site, K.CANDIDATE, self.parse_press_release, press=kind)

    def parse_press_feed(self, response: Response) -> Iterator[Any]:
        """A newsroom's release feed: its entries that are releases of the same service."""
        site, kind = self._press_page(response)
        try:
            links = sources.feed_links(response.body, response.url)
        except sources.SourceError:
            self._inc(Counter.FEED_INVALID, site.mid)
            logger.warning("%s: invalid press room feed %s", site.mid, response.url)
            return
        self._inc(Counter.PRESS_ROOM_READ, site.mid)
        hosts = dict(self.config.press_room_hosts)
        service, here = BY_KIND[kind], urlsplit(response.url).netloc
        for link in links:
            # A release on the feed's own host (a configured press room) or on the service's.
            ours = urlsplit(link.url).netloc == here or service_of(link.url, hosts) is service
            if ours and service.release.search(urlsplit(link.url).path):
                yield from self._second_request(
                    link.url, site, K.CANDIDATE, self.parse_press_release, press=kind
                )

    def parse_press_release(self, response: Response) -> Iterator[Page | PageSeen | PageGone]:
        """One release: an article of the municipality, published in its press room."""
        if response.meta.get("known_url") and (answer := self._known_answer(response)) is not None:
            yield answer  # a known release unchanged (304, the same bytes) or gone (404, 410)
            return
        site, kind = self._press_page(response)
        if not isinstance(response, TextResponse) or not response.body.strip():
            return
        yield from self._second_article(response, site, kind)

    def _second_article(self, response: Response, site: SiteState, source: str) -> Iterator[Page]:
        key = canonical_url(response.url)
        if key in site.articles:
            self._inc(Counter.ARTICLE_DUPLICATE_URL, site.mid)
            return
        site.articles.add(key)
        self._inc(Counter.ARTICLE_FOUND, site.mid)
        page = pages.article_page(response, key, site.municipality)
        page.source = source
        yield page

    # --- PDF releases ------------------------------------------------------------------

    def parse_pdf(self, response: Response) -> Iterator[Page | PageSeen | PageGone]:
        if response.meta.get("known_url") and (answer := self._known_answer(response)) is not None:
            yield answer
            return
        site = self._fetched(response)
        if site is None:
            return
        if response.body.lstrip()[:5] != b"%PDF-":
            self._inc(Counter.PAGE_SKIPPED_NOT_HTML, site.mid)
            return
        key = canonical_url(response.url)
        if key in site.articles:
            return
        site.articles.add(key)
        yield pages.article_page(response, key, site.municipality)
