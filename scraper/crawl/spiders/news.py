"""NewsSpider: finds and fetches the news articles of municipal websites.

It decides which URLs to visit and which responses are articles — nothing else:
extraction happens in :mod:`scraper.pipelines`, storage in :mod:`scraper.archive`.

From each homepage it looks for news in three places, the way a person would:
sitemaps named in robots.txt (indexes and .xml.gz included), RSS/Atom feeds the pages
announce, and news listings linked from the navigation ("Nyheter", "Aktuellt", "News",
...) with their pagination. Every candidate is classified from its own markup
(:func:`scraper.crawl.classify.classify_page`) before it is archived, so contact pages,
service pages, calendars and search results are fetched at most once and never stored.

A re-crawl is incremental: every page fetched again is asked for conditionally (ETag /
Last-Modified). Articles keep their validators in their capture; the other pages (robots.txt,
homepage, sitemaps, feeds, listings, rejected candidates) in the archive's ``pages`` table with the
links they yielded, so a 304 lets the spider follow last time's links without the body. Known
listings and feeds are asked at the start, in parallel with the homepage; sitemap children whose
index ``<lastmod>`` predates the last fetch are not asked at all; pages that are not news are asked
again only every ``MUNINEWS_PAGE_RECHECK_DAYS``; a listing stops paging at the first page that
lists only known pages; robots.txt is reused for ``MUNINEWS_ROBOTS_MAX_AGE_HOURS`` (RFC 9309).

Run it as ``muninews crawl NAME`` or ``scrapy crawl news -a municipalities=NAME``;
``-a url=https://... -a municipality="Name"`` crawls a site not in the registry.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from scraper import registry
from scraper.archive import Archive
from scraper.clock import utc_now
from scraper.crawl import classify as discovery
from scraper.crawl import revisit
from scraper.items import Page, PageGone, PageSeen, PageState
from scraper.registry import Municipality

logger = logging.getLogger(__name__)

# Kinds of request, kept in request.meta["kind"]; they decide the callback and how an
# error is counted (a missing optional sitemap is not a crawl error).
HOME, ROBOTS, SITEMAP, FEED, LISTING, CANDIDATE = "home", "robots", "sitemap", "feed", "listing", "candidate"
PRIORITY = {ROBOTS: 30, HOME: 30, FEED: 20, SITEMAP: 20, CANDIDATE: 10, LISTING: 0}
HEADERS_KEPT = ("content-type", "last-modified", "etag", "date", "content-language")
# What the spider made of a page that is not an article (``pages.outcome``). Pages that list links
# (READ, LISTING) are asked again on every crawl, conditionally; the others only when due.
READ, LISTED, NOT_NEWS, NOT_HTML, INVALID, GONE, ERROR, REDIRECT = (
    "read",
    "listing",
    "not_news",
    "not_html",
    "invalid",
    "gone",
    "error",
    "redirect",
)


@dataclass
class SiteState:
    """What the spider has done on one municipality's site during this run."""

    municipality: Municipality
    scheduled: int = 0
    listing_pages: Counter[str] = field(default_factory=Counter)  # per listing base URL
    articles: set[str] = field(default_factory=set)  # storage keys yielded this run
    not_due: set[str] = field(default_factory=set)  # known articles seen in discovery, not due a re-check
    requested: set[str] = field(default_factory=set)  # listing and candidate URLs already asked for
    # Candidates seen as entries of a news listing or feed: strong evidence that they are news.
    listed: set[str] = field(default_factory=set)
    listings_found: int = 0
    replayed: set[str] = field(default_factory=set)  # sitemaps followed from the archive without a fetch


def _feed_date(value: str | None) -> str | None:
    """An RSS (RFC 822) or Atom (ISO 8601) date as ISO 8601, for the revisit schedule; None if unreadable."""
    if not value:
        return None
    if revisit.parse_time(value) is not None:
        return value
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _not_newer(lastmod: str, fetched: str | None) -> bool:
    """True if a site's lastmod (sitemap, feed) is not after our fetch: the page cannot have changed since."""
    lastmod = lastmod.strip()
    if not fetched:
        return False
    if len(lastmod) <= 10:  # a date only: the same day as our fetch may be later that day
        return lastmod < fetched[:10]
    changed, seen = revisit.parse_time(lastmod), revisit.parse_time(fetched)
    return changed is not None and seen is not None and changed <= seen


class NewsSpider(scrapy.Spider):
    name = "news"

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
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._args = {
            "municipalities": [n.strip() for n in municipalities.split(",") if n.strip()],
            "all": str(all).lower() in ("1", "true", "yes"),
            "url": url,
            "municipality": municipality,
            "country": country,
            "id": id,
        }
        self._since_arg = since
        self._max_pages_arg = max_pages
        self.sites: dict[str, SiteState] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.since = spider._since_arg or settings.get("MUNINEWS_SINCE") or ""
        spider.max_pages = int(spider._max_pages_arg or settings.getint("MUNINEWS_MAX_PAGES") or 0)
        spider.max_listing_pages = settings.getint("MUNINEWS_MAX_LISTING_PAGES", 500)
        for m in spider._select(settings.get("MUNINEWS_REGISTRY") or None):
            spider.sites[m.id] = SiteState(m)
        spider.revisit_mode = (settings.get("MUNINEWS_REVISIT") or "due").lower()
        if spider.revisit_mode not in revisit.REVISIT_MODES:
            raise ValueError(f"MUNINEWS_REVISIT must be one of {', '.join(revisit.REVISIT_MODES)}")
        spider.schedule = revisit.Schedule(
            age_factor=settings.getfloat("MUNINEWS_REVISIT_AGE_FACTOR", 1 / 12),
            min_days=settings.getfloat("MUNINEWS_REVISIT_MIN_DAYS", 1.0),
            max_days=settings.getfloat("MUNINEWS_REVISIT_MAX_DAYS", 30.0),
        )
        spider.conditional = settings.getbool("MUNINEWS_CONDITIONAL_REQUESTS", True)
        spider.recheck_days = settings.getfloat("MUNINEWS_PAGE_RECHECK_DAYS", 7.0)
        spider.robots_max_age_hours = settings.getfloat("MUNINEWS_ROBOTS_MAX_AGE_HOURS", 24.0)
        spider.stop_at_known = settings.getbool("MUNINEWS_STOP_AT_KNOWN", True)
        spider.db_path = settings.get("MUNINEWS_DB", "archive.db")
        spider.known = {}
        spider.pages = {}
        # Per host, fired with the robots.txt body once the spider has it: the robots.txt middleware
        # (scraper.crawl.middlewares.SharedRobotsTxtMiddleware) obeys those rules instead of fetching it again.
        spider.robots_waiting: dict[str, Deferred] = {}
        return spider

    def _select(self, registry_path: str | None) -> list[Municipality]:
        a = self._args
        if a["url"]:
            return [
                registry.adhoc(a["url"], a["municipality"] or a["url"], a["country"] or None, a["id"] or None)
            ]
        entries = registry.load_registry(registry_path)
        if not a["municipalities"] and not a["all"]:
            raise ValueError(
                "name municipalities (-a municipalities=a,b), -a all=1, or -a url=... -a municipality=..."
            )
        return registry.select(entries, a["municipalities"], a["all"])

    @property
    def municipalities(self) -> list[Municipality]:
        return [s.municipality for s in self.sites.values()]

    # --- bookkeeping ---------------------------------------------------------------

    def _inc(self, key: str, mid: str | None = None, count: int = 1) -> None:
        stats = self.crawler.stats
        stats.inc_value(f"muninews/{key}", count)
        if mid:
            stats.inc_value(f"muninews/municipality/{mid}/{key}", count)

    def _request(
        self,
        url: str,
        site: SiteState,
        kind: str,
        callback: Any,
        *,
        dont_filter: bool = False,
        hint: str | None = None,
        **meta: Any,
    ) -> Request | None:
        """The one place requests are made: same site only, nothing excluded, page budget kept.

        A candidate the archive already knows is fetched only when due (:mod:`scraper.crawl.revisit`;
        ``hint`` is the sitemap lastmod or feed date), and then conditionally (ETag/Last-Modified).
        A page the archive knows is not an article (``pages``) is asked conditionally, and only when
        due if it lists nothing; a permanent redirect seen before goes straight to its target.
        """
        m = site.municipality
        if not discovery.same_site(url, m.homepage):
            self._inc("link/offsite")
            return None
        if kind in (LISTING, CANDIDATE) and discovery.is_excluded(url):
            self._inc("link/excluded")
            return None
        if self.max_pages and site.scheduled >= self.max_pages:
            self._inc("link/over_page_budget", m.id)
            return None
        target = url if kind in (ROBOTS, SITEMAP, FEED) else discovery.canonical_url(url)
        known = self.known.get(target) if kind == CANDIDATE else None
        if known is not None and target not in site.requested and not self._wants(known, hint):
            if target not in site.not_due:
                site.not_due.add(target)
                self._inc("article/not_due", m.id)
            return None
        fetch_url = target
        page = self.pages.get(target)
        if page is not None and page["kind"] == "redirect" and page["links"] and not self._page_due(page):
            # A permanent redirect seen before (WordPress' /slug -> /slug/): ask where it led.
            final = page["links"][0]["url"]
            if discovery.same_site(final, m.homepage):
                self._inc("page/redirect_remembered", m.id)
                fetch_url = final
                page = self.pages.get(final)
        if page is not None and (page["kind"] == "redirect" or known is not None):
            page = None
        if page is not None and kind not in (ROBOTS, HOME) and not self._page_due(page, hint):
            # Not news, or broken, when last asked: not again before MUNINEWS_PAGE_RECHECK_DAYS.
            if target not in site.not_due:
                site.not_due.add(target)
                self._inc("page/not_due", m.id)
            return None
        if kind in (LISTING, CANDIDATE) and not dont_filter:
            if target in site.requested:
                return None
            site.requested.add(target)
        site.scheduled += 1
        headers: dict[str, str] = {}
        if page is not None and self.conditional:
            # The validators of the last answer; a 304 comes to the callback, which follows the
            # links the page yielded last time (pages.links).
            meta.update(page_url=page["url"], handle_httpstatus_list=[304])
            if page.get("etag"):
                headers["If-None-Match"] = page["etag"]
            if page.get("last_modified"):
                headers["If-Modified-Since"] = page["last_modified"]
            self._inc("page/conditional", m.id)
        if known is not None:
            meta.update(
                known_url=target,
                known_digest=known.get("payload_sha256"),
                known_title=known.get("title"),
                # 304 (not modified), 404 and 410 (removed) come to parse_page, not to on_error.
                handle_httpstatus_list=[304, 404, 410],
            )
            if self.conditional and known.get("etag"):
                headers["If-None-Match"] = known["etag"]
            if self.conditional and known.get("last_modified"):
                headers["If-Modified-Since"] = known["last_modified"]
            self._inc("revisit/requested", m.id)
        return Request(
            fetch_url,
            callback=callback,
            errback=self.on_error,
            priority=PRIORITY[kind],
            dont_filter=dont_filter,
            headers=headers or None,
            meta={"municipality_id": m.id, "kind": kind, **meta},
        )

    def _wants(self, known: dict[str, Any], hint: str | None = None) -> bool:
        """Fetch a known article again? ``--revisit all|none|due`` (see :mod:`scraper.crawl.revisit`)."""
        if self.revisit_mode == "all":
            return True
        if self.revisit_mode == "none":
            return False
        return revisit.is_due(known, datetime.now(UTC), self.schedule, hint)

    def _page_due(self, page: dict[str, Any], hint: str | None = None) -> bool:
        """Ask for a known non-article page again? Pages that list links always (conditionally);
        server errors and unreadable feeds after MUNINEWS_REVISIT_MIN_DAYS; the rest (not news,
        broken links, remembered redirects, sitemaps that listed no news) after
        MUNINEWS_PAGE_RECHECK_DAYS, or at once when a sitemap index's ``hint`` (lastmod) is newer."""
        if page.get("outcome") in (READ, LISTED) and (page.get("links") or page.get("kind") != SITEMAP):
            return True
        last = revisit.parse_time(page.get("last_fetched"))
        if last is None:
            return True
        if hint and not _not_newer(hint, page.get("last_fetched")):
            return True
        days = self.schedule.min_days if page.get("outcome") in (ERROR, INVALID) else self.recheck_days
        return (datetime.now(UTC) - last).total_seconds() >= days * 86400

    def _is_known(self, url: str) -> bool:
        """Does the archive know this URL (an article, or a page that is not one)?"""
        key = discovery.canonical_url(url)
        return key in self.known or key in self.pages or url in self.pages

    def _stored_links(self, response: Response) -> list[dict[str, Any]] | None:
        """The links a known page yielded last time, if it answered 304 or the very same bytes."""
        page = self.pages.get(response.meta.get("page_url") or "")
        if page is None:
            return None
        mid = response.meta["municipality_id"]
        if response.status == 304:
            self._inc("page/not_modified", mid)
            return page["links"]
        if page.get("payload_sha256") and hashlib.sha256(response.body).hexdigest() == page["payload_sha256"]:
            self._inc("page/same_digest", mid)  # a server without validators, or one that ignores them
            return page["links"]
        return None

    def _redirects(self, response: Response, site: SiteState) -> Iterator[PageState]:
        """Permanent redirects (301, 308) on the way to this response, remembered for the next crawl."""
        reasons = response.meta.get("redirect_reasons") or []
        if not reasons or not all(r in (301, 308) for r in reasons):
            return
        now = utc_now()
        for url, reason in zip(response.meta.get("redirect_urls", []), reasons, strict=False):
            if discovery.same_site(url, site.municipality.homepage):
                yield PageState(
                    url=url,
                    municipality_id=site.municipality.id,
                    kind=REDIRECT,
                    fetched_at=now,
                    status=int(reason),
                    outcome=REDIRECT,
                    links=[{"kind": REDIRECT, "url": response.url}],
                )

    def _remember(
        self,
        response: Response,
        site: SiteState,
        kind: str,
        outcome: str,
        links: list[dict[str, Any]] | None = None,
        content: str | None = None,
    ) -> Iterator[PageState]:
        """The page's validators and what it yielded, for the archive's ``pages`` table."""
        yield from self._redirects(response, site)
        not_modified = response.status == 304
        header = response.headers.get
        yield PageState(
            url=response.meta.get("page_url") if not_modified else response.url,
            municipality_id=site.municipality.id,
            kind=kind,
            fetched_at=utc_now(),
            status=response.status,
            outcome=outcome,
            etag=(header(b"ETag") or b"").decode("latin-1") or None,
            last_modified=(header(b"Last-Modified") or b"").decode("latin-1") or None,
            payload_sha256=None if not_modified else hashlib.sha256(response.body).hexdigest(),
            links=None if not_modified else list(links or []),
            content=None if not_modified else content,
        )

    def _site(self, response: Response) -> SiteState:
        return self.sites[response.meta["municipality_id"]]

    def _fetched(self, response: Response) -> SiteState | None:
        """Count the page; None if a redirect took it off the municipality's site."""
        site = self._site(response)
        self._inc("page/fetched", site.municipality.id)
        if not discovery.same_site(response.url, site.municipality.homepage):
            self._inc("page/skipped_offsite_redirect", site.municipality.id)
            logger.info(
                "%s: %s redirected off the site to %s",
                site.municipality.id,
                response.request.url,
                response.url,
            )
            return None
        return site

    def _html(self, response: Response, site: SiteState) -> Selector | None:
        if not isinstance(response, TextResponse) or not response.body.strip():
            self._inc("page/skipped_not_html", site.municipality.id)
            logger.info("%s: not an HTML page: %s", site.municipality.id, response.url)
            return None
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if ctype and "html" not in ctype and "xml" not in ctype:
            self._inc("page/skipped_not_html", site.municipality.id)
            logger.info("%s: not an HTML page (%s): %s", site.municipality.id, ctype, response.url)
            return None
        try:
            return response.selector
        except (ValueError, TypeError, AttributeError):
            self._inc("page/skipped_unparsable", site.municipality.id)
            logger.warning("%s: could not parse %s", site.municipality.id, response.url)
            return None

    # --- start ---------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        # What the archive already has (read-only; archive.py stays the only writer): known articles
        # are re-checked on their schedule and fetched conditionally, not re-discovered blindly.
        self.known = Archive.known_articles(self.db_path, self.sites)
        if self.known:
            logger.info("archive knows %d articles of these municipalities", len(self.known))
        self.pages = Archive.known_pages(self.db_path, self.sites)
        if self.pages:
            logger.info("archive knows %d other pages of these municipalities", len(self.pages))
        for site in self.sites.values():
            m = site.municipality
            logger.info("%s: starting at %s", m.id, m.homepage)
            robots_url = urljoin(m.homepage, "/robots.txt")
            cached = self._cached_robots(robots_url)
            robots = None
            if cached is not None:
                # RFC 9309 (2.4): a robots.txt fetched less than MUNINEWS_ROBOTS_MAX_AGE_HOURS ago is
                # used as cached, without asking; its rules go to the middleware, its sitemaps below.
                self._inc("robots/cached", m.id)
                ready: Deferred = Deferred()
                ready.callback(cached["content"].encode("utf-8"))
                self.robots_waiting[urlsplit(robots_url).netloc] = ready
            else:
                robots = self._request(
                    robots_url,
                    site,
                    ROBOTS,
                    self.parse_robots,
                    dont_filter=True,
                    optional=True,
                    dont_obey_robotstxt=True,  # this request is where the middleware gets the rules
                )
                if robots is not None:
                    self.robots_waiting.setdefault(urlsplit(robots.url).netloc, Deferred())
            requests = [
                robots,
                self._request(m.homepage, site, HOME, self.parse_home),
            ]
            if m.news_url:
                requests.append(self._request(m.news_url, site, LISTING, self.parse_listing))
            if m.feed_url:
                requests.append(self._request(m.feed_url, site, FEED, self.parse_feed))
            for r in requests:
                if r is not None:
                    yield r
            if cached is not None:
                for r in self._follow_robots(cached["links"], site):
                    yield r
            for r in self._hubs(site):
                yield r
            for url, known in self.known.items():
                if known["municipality_id"] != m.id or self.revisit_mode == "none":
                    continue
                if self.since and known.get("published") and known["published"][:10] < self.since:
                    continue
                if not self._wants(known):
                    continue
                req = self._request(url, site, CANDIDATE, self.parse_page, from_listing=True, revisit=True)
                if req is not None:
                    self._inc("revisit/scheduled", m.id)
                    yield req

    def _hubs(self, site: SiteState) -> Iterable[Request]:
        """The news listings and feeds the archive knows, asked at once (conditionally).

        Where new articles appear: asking for them in parallel with the homepage, instead of after
        it, saves round trips. First pages only: pagination still follows the listing's own links.
        """
        mid = site.municipality.id
        for url, page in self.pages.items():
            if page["municipality_id"] != mid or page.get("outcome") not in (READ, LISTED):
                continue
            if page["kind"] == FEED:
                req = self._request(url, site, FEED, self.parse_feed)
            elif page["kind"] in (LISTING, CANDIDATE) and (discovery.pagination_number(url) or 1) == 1:
                if page["kind"] == LISTING:
                    req = self._request(url, site, LISTING, self.parse_listing)
                else:  # a candidate that turned out to be a listing
                    req = self._request(url, site, CANDIDATE, self.parse_page)
            else:
                continue
            if req is not None:
                self._inc("page/hub_scheduled", mid)
                yield req

    # --- callbacks -----------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterable[Any]:
        return self.parse_page(response)

    def parse_home(self, response: Response) -> Iterable[Any]:
        site = self._fetched(response)
        if site is None:
            return
        links = self._stored_links(response)
        if links is None:
            sel = self._html(response, site)
            if sel is None:
                return
            links = self._home_links(sel, response, site)
        yield from self._remember(response, site, HOME, READ, links)
        yield from self._follow_home(links, site)

    def _home_links(self, sel: Selector, response: Response, site: SiteState) -> list[dict[str, Any]]:
        """What the homepage offers: feeds, news listings, news teasers (kept in ``pages.links``)."""
        links = [{"kind": FEED, "url": url} for url in discovery.feed_links(sel, response.url)]
        for link in discovery.extract_links(sel, response.url):
            if discovery.looks_like_news_link_text(link.text):
                links.append({"kind": LISTING, "url": link.url})
        # No link says "Nyheter": navigation links into a news section are the fallback.
        for link in discovery.extract_links(sel, response.url):
            if (
                link.chrome
                and discovery.in_news_section(link.url)
                and len(discovery.path_segments(link.url)) <= 2
            ):
                links.append({"kind": "nav_listing", "url": link.url})
        # News teasers on the homepage are candidates too; each is checked on its own page.
        signals = discovery.page_signals(sel, response.url, site.municipality.homepage)
        links += [{"kind": CANDIDATE, "url": link.url} for link in signals.news_links]
        return links

    def _follow_home(self, links: list[dict[str, Any]], site: SiteState) -> Iterable[Any]:
        for link in links:
            if link["kind"] == FEED:
                req = self._request(link["url"], site, FEED, self.parse_feed)
                if req:
                    yield req
        homepage = site.municipality.homepage
        listings = 0
        for link in links:
            if link["kind"] == LISTING:
                # Counted even if already asked for (a hub, the registry's news_url): then no fallback.
                if discovery.same_site(link["url"], homepage) and not discovery.is_excluded(link["url"]):
                    listings += 1
                req = self._request(link["url"], site, LISTING, self.parse_listing)
                if req:
                    yield req
        if not listings:
            for link in links:
                if link["kind"] == "nav_listing":
                    req = self._request(link["url"], site, LISTING, self.parse_listing)
                    if req:
                        yield req
        for link in links:
            if link["kind"] == CANDIDATE:
                yield from self._candidate(link["url"], site, listed=False)

    def _candidate(self, url: str, site: SiteState, *, listed: bool) -> Iterable[Any]:
        """Ask for a candidate article once; remember when a listing or feed vouches for it.

        The page is judged when it arrives; by then the listing may have vouched for it
        even if a weaker link (a sitemap entry, a teaser) asked for it first.
        """
        if listed:
            site.listed.add(discovery.canonical_url(url))
        req = self._request(url, site, CANDIDATE, self.parse_page)
        if req:
            yield req

    def parse_listing(self, response: Response) -> Iterable[Any]:
        site = self._fetched(response)
        if site is None:
            return
        links = self._stored_links(response)
        if links is None:
            sel = self._html(response, site)
            if sel is None:
                return
            links = self._listing_links(sel, response, site)
        yield from self._remember(response, site, LISTING, READ, links)
        yield from self._follow_listing(response.url, links, site)

    def _listing_links(self, sel: Selector, response: Response, site: SiteState) -> list[dict[str, Any]]:
        """What a listing page lists: feeds, entries (with date, and whether they vouch for their
        page), linked listings and pagination (kept in ``pages.links``)."""
        links = [{"kind": FEED, "url": url} for url in discovery.feed_links(sel, response.url)]
        signals = discovery.page_signals(sel, response.url, site.municipality.homepage)
        # The listing's own entries; on SiteVision the news archive page is itself an
        # sv-archive-portlet, so when every entry sits in a "widget", the widget is the listing.
        # Only dated entries vouch for their pages: an undated link in the main area may be
        # "Prenumerera" or "Driftinformation".
        entries = [link for link in signals.news_links if not link.widget] or signals.news_links
        entries = [link for link in entries if link.date is not None]
        links += [
            {"kind": CANDIDATE, "url": link.url, "date": link.date, "listed": link in entries}
            for link in signals.news_links
        ]
        # A landing page ("Aktuellt") links its listings: "Alla nyheter", "Pressmeddelanden".
        for link in discovery.extract_links(sel, response.url):
            if not link.chrome and discovery.looks_like_news_link_text(link.text):
                links.append({"kind": LISTING, "url": link.url})
        for link in discovery.extract_links(sel, response.url):
            # Pagination stays inside this listing: no hop to a calendar or another section.
            if discovery.is_pagination_link(link, response.url):
                links.append(
                    {"kind": "page", "url": link.url, "number": discovery.pagination_number(link.url) or 0}
                )
        return links

    def _follow_listing(self, url: str, links: list[dict[str, Any]], site: SiteState) -> Iterable[Any]:
        mid = site.municipality.id
        base = discovery.listing_base(url)
        site.listing_pages[base] += 1
        if site.listing_pages[base] == 1:
            site.listings_found += 1
            logger.info("%s: news listing %s", mid, base)
        self._inc("listing/pages", mid)
        for link in links:
            if link["kind"] == FEED:
                req = self._request(link["url"], site, FEED, self.parse_feed)
                if req:
                    yield req
        before = len(site.requested)
        candidates = []
        for link in links:
            if link["kind"] != CANDIDATE:
                continue
            if self.since and link.get("date") and link["date"] < self.since:
                self._inc("listing/skipped_before_since", mid)
                continue
            candidates.append(link["url"])
            yield from self._candidate(link["url"], site, listed=bool(link.get("listed")))
        for link in links:
            if link["kind"] == LISTING:
                req = self._request(link["url"], site, LISTING, self.parse_listing)
                if req:
                    yield req
        new_links = len(site.requested) - before
        dates = [link["date"] for link in links if link.get("listed") and link.get("date")]
        if self.since and dates and max(dates) < self.since:
            self._inc("listing/stopped_before_since", mid)
            logger.info("%s: %s lists nothing since %s; not paging further", mid, url, self.since)
            return
        if not new_links and site.listing_pages[base] > 1:
            # A page that only repeats what earlier pages listed: the end of the listing or a trap.
            self._inc("listing/stopped_no_new_links", mid)
            logger.info("%s: %s adds no new links; not paging further", mid, url)
            return
        if (
            self.stop_at_known
            and self.revisit_mode != "all"
            and candidates
            and all(self._is_known(c) for c in candidates)
        ):
            # Listings are newest first: a page of known articles means the rest is known too.
            self._inc("listing/stopped_all_known", mid)
            logger.info("%s: %s lists only known pages; not paging further", mid, url)
            return
        for link in links:
            if link["kind"] != "page":
                continue
            number = link.get("number") or 0
            if site.listing_pages[base] >= self.max_listing_pages or number > self.max_listing_pages:
                self._inc("listing/pagination_capped", mid)
                logger.warning("%s: stopped paging %s at %d pages", mid, base, site.listing_pages[base])
                break
            req = self._request(link["url"], site, LISTING, self.parse_listing)
            if req:
                yield req

    def _known_answer(self, response: Response) -> PageSeen | PageGone | None:
        """A known article answering 304, 404/410 or with the very bytes archived: no extraction."""
        known_url = response.meta["known_url"]
        mid = response.meta["municipality_id"]
        if response.status == 304:
            self._inc("page/fetched", mid)
            self._inc("revisit/not_modified", mid)
            return PageSeen(known_url, mid, utc_now(), 304)
        if response.status in (404, 410):
            self._inc("page/fetched", mid)
            self._inc("revisit/gone", mid)
            return PageGone(known_url, mid, utc_now(), f"HTTP {response.status}")
        capture = response.meta.get("capture")
        digest = (capture and capture.payload_sha256) or hashlib.sha256(response.body).hexdigest()
        same_bytes = response.status == 200 and response.meta.get("known_digest") == digest
        if same_bytes and discovery.canonical_url(response.url) == known_url:
            self._inc("page/fetched", mid)
            self._inc("revisit/same_digest", mid)
            return PageSeen(known_url, mid, utc_now(), 200)
        return None

    def _same_article(self, sel: Selector, known_title: str | None) -> bool:
        """A page reached by redirect is the known article if it carries the same headline."""
        title = (
            sel.xpath("normalize-space(//h1)").get()
            or sel.xpath("//meta[@property='og:title']/@content").get()
        )
        return (
            bool(title and known_title)
            and " ".join(title.split()).casefold() == " ".join(known_title.split()).casefold()
        )

    def parse_page(self, response: Response) -> Iterable[Any]:
        """A candidate article: archive it if it is one, read it as a listing if it is one."""
        known_url = response.meta.get("known_url")
        if known_url:
            answer = self._known_answer(response)
            if answer is not None:
                yield from self._redirects(response, self._site(response))
                yield answer
                return
        site = self._fetched(response)
        if site is not None and not known_url:
            stored = self._stored_links(response)
            if stored is not None:
                # A page known not to be an article, unchanged: what it was last time still holds.
                outcome = self.pages[response.meta["page_url"]].get("outcome")
                yield from self._remember(response, site, CANDIDATE, outcome, stored)
                if outcome == LISTED:
                    yield from self._follow_listing(response.url, stored, site)
                return
        if site is None and known_url:
            yield PageGone(
                known_url,
                response.meta["municipality_id"],
                utc_now(),
                f"redirected off the site to {response.url}",
            )
            return
        sel = self._html(response, site) if site else None
        if site is None or sel is None:
            if site is not None and not known_url:
                yield from self._remember(response, site, CANDIDATE, NOT_HTML)
            return
        m = site.municipality
        redirected_away = bool(known_url) and discovery.canonical_url(response.url) != known_url
        signals = discovery.page_signals(sel, response.url, m.homepage)
        listed = bool(response.meta.get("from_listing")) or (
            discovery.canonical_url(response.request.url if response.request else response.url) in site.listed
        )
        kind = discovery.classify_page(signals, response.url, from_listing=listed)
        if kind != "article" and redirected_away:
            self._inc("revisit/gone", m.id)
            yield PageGone(known_url, m.id, utc_now(), f"redirected to {response.url} (not an article)")
        if kind == "listing":
            if discovery.in_news_section(response.url) or signals.listing_links:
                links = self._listing_links(sel, response, site)
                if not known_url:
                    yield from self._remember(response, site, CANDIDATE, LISTED, links)
                yield from self._follow_listing(response.url, links, site)
            else:
                self._inc("page/skipped_not_news", m.id)
                if not known_url:
                    yield from self._remember(response, site, CANDIDATE, NOT_NEWS)
            return
        if kind != "article":
            self._inc("page/skipped_not_news", m.id)
            logger.debug("%s: not a news article: %s", m.id, response.url)
            if not known_url:
                yield from self._remember(response, site, CANDIDATE, NOT_NEWS)
            return
        yield from self._redirects(response, site)
        key = self._storage_url(sel, response, m)
        if known_url and key != known_url:
            if self._same_article(sel, response.meta.get("known_title")):
                key = known_url  # the article moved: same headline, kept under the URL it is known by
            else:
                self._inc("revisit/gone", m.id)
                yield PageGone(known_url, m.id, utc_now(), f"redirected to {response.url}")
        if key in site.articles:
            self._inc("article/duplicate_url", m.id)
            return
        site.articles.add(key)
        self._inc("article/found", m.id)
        # Articles link to earlier news ("Läs också vår tidigare nyhet om ..."), often to ones
        # that have dropped off the listing: follow links into the news section.
        for link in signals.news_links:
            if discovery.in_news_section(link.url) or discovery.has_date_in_path(link.url):
                yield from self._candidate(link.url, site, listed=False)
        yield Page(
            url=key,
            fetched_url=response.url,
            body=response.body,
            # The capture's time when there is one, so `reextract` sees the very same fetch time.
            fetched_at=getattr(response.meta.get("capture"), "fetched_at", None) or utc_now(),
            municipality_id=m.id,
            country=m.country,
            status=response.status,
            headers={
                h: response.headers.get(h).decode("latin-1") for h in HEADERS_KEPT if response.headers.get(h)
            },
            encoding=response.encoding if response.headers.get(b"Content-Type") else None,
            capture=response.meta.get("capture"),
        )

    def _storage_url(self, sel: Selector, response: Response, m: Municipality) -> str:
        """rel=canonical when it points at an article on the same site, else the fetched URL."""
        canonical = discovery.canonical_link(sel, response.url)
        if (
            canonical
            and discovery.same_site(canonical, m.homepage)
            and len(discovery.path_segments(canonical)) >= 1
            and discovery.canonical_url(canonical) != discovery.canonical_url(m.homepage)
        ):
            return discovery.canonical_url(canonical)
        return discovery.canonical_url(response.url)

    def _robots_ready(self, request: Request, body: bytes | None) -> None:
        """Hand robots.txt to the robots.txt middleware (None: none usable, everything allowed)."""
        asked = (request.meta.get("redirect_urls") or [request.url])[0]  # the host before any redirect
        waiting = self.robots_waiting.get(urlsplit(asked).netloc)
        if waiting is not None and not waiting.called:
            waiting.callback(body)

    def parse_robots(self, response: Response) -> Iterable[Any]:
        site = self._site(response)
        links = self._stored_links(response)
        if links is not None and response.status == 304:
            content = self.pages[response.meta["page_url"]].get("content")
            self._robots_ready(response.request, content.encode("utf-8") if content is not None else None)
        else:
            self._robots_ready(response.request, response.body)
            content = response.body.decode("utf-8", "replace")
            if links is None:
                links = [
                    {"kind": SITEMAP, "url": url}
                    for url in sitemap_urls_from_robots(response.body, base_url=response.url)
                ]
        yield from self._remember(response, site, ROBOTS, READ, links, content=content)
        yield from self._follow_robots(links, site)

    def _follow_robots(self, links: list[dict[str, Any]], site: SiteState) -> Iterable[Request]:
        urls = [link["url"] for link in links] or [urljoin(site.municipality.homepage, "/sitemap.xml")]
        for url in urls:
            req = self._request(url, site, SITEMAP, self.parse_sitemap, optional=True)
            if req:
                yield req

    def _cached_robots(self, url: str) -> dict[str, Any] | None:
        """The stored robots.txt if it is young enough to be used without asking (RFC 9309, 2.4)."""
        page = self.pages.get(url)
        if page is None or page.get("kind") != ROBOTS or page.get("content") is None:
            return None
        fetched = revisit.parse_time(page.get("last_fetched"))
        if fetched is None or self.robots_max_age_hours <= 0:
            return None
        age = (datetime.now(UTC) - fetched).total_seconds() / 3600
        return page if age < self.robots_max_age_hours else None

    def parse_sitemap(self, response: Response) -> Iterable[Any]:
        site = self._fetched(response)
        if site is None:
            return
        links = self._stored_links(response)
        if links is None:
            links = self._sitemap_links(response, site)
            if links is None:
                yield from self._remember(response, site, SITEMAP, INVALID)
                return
        yield from self._remember(response, site, SITEMAP, READ, links)
        yield from self._follow_sitemap(links, site)

    def _sitemap_links(self, response: Response, site: SiteState) -> list[dict[str, Any]] | None:
        """A sitemap's child sitemaps, or its article-looking entries, with their lastmod; None if unreadable."""
        body = response.body
        if gzip_magic_number(response):
            try:
                body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
            except Exception:  # a broken .gz is a bad page, not a crash
                self._inc("sitemap/invalid", site.municipality.id)
                logger.warning("%s: invalid gzip sitemap %s", site.municipality.id, response.url)
                return None
        try:
            sitemap = Sitemap(body)
        except Exception:
            self._inc("sitemap/invalid", site.municipality.id)
            logger.warning("%s: invalid sitemap %s", site.municipality.id, response.url)
            return None
        self._inc("sitemap/read", site.municipality.id)
        if sitemap.type == "sitemapindex":
            return [
                {"kind": SITEMAP, "url": e["loc"], "lastmod": e.get("lastmod")}
                for e in sitemap
                if e.get("loc")
            ]
        return [
            {"kind": CANDIDATE, "url": e["loc"], "lastmod": e.get("lastmod")}
            for e in sitemap
            if discovery.looks_like_sitemap_article(e.get("loc", ""))
        ]

    def _unchanged_since(self, lastmod: str | None, page: dict[str, Any] | None) -> bool:
        """True if a sitemap index says a child sitemap has not changed since we last read it."""
        if not lastmod or page is None or page.get("outcome") != READ:
            return False
        return _not_newer(lastmod, page.get("last_fetched"))

    def _follow_sitemap(self, links: list[dict[str, Any]], site: SiteState) -> Iterable[Any]:
        mid = site.municipality.id
        for link in links:
            url = link["url"]
            if link["kind"] == SITEMAP:
                page = self.pages.get(url)
                if self._unchanged_since(link.get("lastmod"), page):
                    # The index's <lastmod> says it has not changed: its entries from the archive, no request.
                    if url not in site.replayed:
                        site.replayed.add(url)
                        self._inc("sitemap/skipped_unchanged", mid)
                        yield from self._follow_sitemap(page["links"], site)
                    continue
                req = self._request(
                    url, site, SITEMAP, self.parse_sitemap, hint=link.get("lastmod"), optional=True
                )
            else:
                if self.since and (link.get("lastmod") or "9999")[:10] < self.since:
                    self._inc("sitemap/skipped_before_since", mid)
                    continue
                req = self._request(
                    url, site, CANDIDATE, self.parse_page, hint=link.get("lastmod"), from_listing=False
                )
            if req:
                yield req

    def parse_feed(self, response: Response) -> Iterable[Any]:
        site = self._fetched(response)
        if site is None:
            return
        links = self._stored_links(response)
        if links is None:
            links = self._feed_links(response, site)
            if links is None:
                yield from self._remember(response, site, FEED, INVALID)
                return
        yield from self._remember(response, site, FEED, READ, links)
        for link in links:
            req = self._request(
                link["url"], site, CANDIDATE, self.parse_page, hint=link.get("date"), from_listing=True
            )
            if req:
                yield req

    def _feed_links(self, response: Response, site: SiteState) -> list[dict[str, Any]] | None:
        """A feed's entries (link and date); None if the feed is unreadable."""
        try:
            sel = Selector(body=response.body, type="xml")
            sel.remove_namespaces()
        except Exception:
            self._inc("feed/invalid", site.municipality.id)
            logger.warning("%s: invalid feed %s", site.municipality.id, response.url)
            return None
        self._inc("feed/read", site.municipality.id)
        entries = [
            (item.xpath("normalize-space(link)").get(), item.xpath("normalize-space(pubDate)").get())
            for item in sel.xpath("//item")
        ] + [
            (
                entry.xpath("link[@rel='alternate' or not(@rel)]/@href").get(),
                entry.xpath("normalize-space(published | updated)").get(),
            )
            for entry in sel.xpath("//entry")
        ]
        return [
            {"kind": CANDIDATE, "url": urljoin(response.url, link), "date": _feed_date(date)}
            for link, date in entries
            if link
        ]

    # --- errors --------------------------------------------------------------------

    def on_error(self, failure: Failure) -> list[Any] | None:
        request = failure.request
        mid = request.meta.get("municipality_id")
        kind = request.meta.get("kind")
        if kind == ROBOTS:
            self._robots_ready(request, None)  # no usable robots.txt: everything allowed
        remembered: list[Any] = []
        if failure.check(HttpError):
            status = failure.value.response.status
            what = f"HTTP {status}"
            self._inc(f"http/{status}")
            if mid:
                self._inc("page/fetched", mid)
            if mid and kind not in (ROBOTS, HOME) and not request.meta.get("known_url"):
                # A broken link is not asked again before MUNINEWS_PAGE_RECHECK_DAYS, a server error
                # not before MUNINEWS_REVISIT_MIN_DAYS.
                remembered = list(
                    self._remember(
                        failure.value.response, self.sites[mid], kind, ERROR if status >= 500 else GONE
                    )
                )
        else:
            what = failure.type.__name__ if failure.type else "error"
            self._inc(f"error/{what}")
        if request.meta.get("optional"):
            logger.info("%s: no %s at %s (%s)", mid, kind, request.url, what)
            if kind == ROBOTS and mid:
                # No robots.txt: the conventional sitemap location is still worth a look.
                site = self.sites[mid]
                req = self._request(
                    urljoin(site.municipality.homepage, "/sitemap.xml"),
                    site,
                    SITEMAP,
                    self.parse_sitemap,
                    optional=True,
                )
                return [req] if req else None
            return remembered or None
        if mid:
            self._inc("page/errors", mid)
        logger.warning("%s: %s fetching %s (%s)", mid, what, request.url, kind)
        return remembered or None
