"""The frontier: which requests the spider may still make this run, and at what priority.

Request kinds decide the callback, the priority and how an error is counted (a missing optional
sitemap is not a crawl error). Per site the frontier keeps the page budget (``MUNINEWS_MAX_PAGES``)
and the URLs already asked for; whether a *known* page is due again is the memory's business
(:mod:`scraper.crawl.memory`).
"""

from __future__ import annotations

from collections import Counter as Tally
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from scraper.crawl.counters import Counter
from scraper.crawl.urls import canonical_url, is_excluded, path_template, same_site
from scraper.registry import Municipality


class RequestKind(StrEnum):
    """Kept in ``request.meta["kind"]`` (and ``pages.kind``); equal to its string value."""

    HOME = "home"
    ROBOTS = "robots"
    SITEMAP = "sitemap"
    FEED = "feed"
    LISTING = "listing"
    CANDIDATE = "candidate"
    REDIRECT = "redirect"  # not requested: a remembered permanent redirect in ``pages``


class Outcome(StrEnum):
    """What the spider made of a page that is not an article (``pages.outcome``).

    Pages that list links (READ, LISTED) are asked again on every crawl, conditionally; the others
    only when due.
    """

    READ = "read"
    LISTED = "listing"
    NOT_NEWS = "not_news"
    NOT_HTML = "not_html"
    INVALID = "invalid"
    GONE = "gone"
    ERROR = "error"
    REDIRECT = "redirect"


#: Scrapy request priorities: robots.txt and the homepage first, article candidates before listings.
PRIORITY: dict[RequestKind, int] = {
    RequestKind.ROBOTS: 30,
    RequestKind.HOME: 30,
    RequestKind.FEED: 20,
    RequestKind.SITEMAP: 20,
    RequestKind.CANDIDATE: 10,
    RequestKind.LISTING: 0,
}

#: Source URLs are keyed as given; listings and candidates by their canonical URL (and requested as
#: linked, :func:`~scraper.crawl.urls.clean_url`).
AS_GIVEN = frozenset({RequestKind.ROBOTS, RequestKind.SITEMAP, RequestKind.FEED})
DEDUPLICATED = frozenset({RequestKind.LISTING, RequestKind.CANDIDATE})

Count = Callable[[Counter, "str | None"], None]


@dataclass
class SiteState:
    """What the spider has done on one municipality's site during this run."""

    municipality: Municipality
    scheduled: int = 0
    listing_pages: Tally[str] = field(default_factory=Tally)  # per listing base URL
    # Entry keys per listing base: a page is new to its listing if it lists one the earlier pages did not.
    listing_entries: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    articles: set[str] = field(default_factory=set)  # storage keys yielded this run
    not_due: set[str] = field(default_factory=set)  # known pages seen in discovery, not due a re-check
    requested: set[str] = field(default_factory=set)  # listing and candidate URLs already asked for
    # Candidates seen as entries of a news listing or feed: strong evidence that they are news.
    listed: set[str] = field(default_factory=set)
    # Candidates judged not news for want of a listing's word (a sitemap entry fetched before the
    # listing was read) that a listing's vouching would make articles: asked again if one does.
    unvouched: set[str] = field(default_factory=set)
    replayed: set[str] = field(default_factory=set)  # sitemaps followed from the archive without a fetch
    # Known articles asked at the start (re-visits): not links any source found, so the first listing
    # page to list one this run still counts it as new (paging goes on past pages of re-visits).
    revisited: set[str] = field(default_factory=set)
    templates: defaultdict[str, set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )  # keys per template
    canonical_of: dict[str, str] = field(default_factory=dict)  # fetched key -> accepted rel=canonical key
    stored_from: set[str] = field(default_factory=set)  # canonical keys of the URLs articles were fetched at
    candidates_asked: int = 0
    candidates_gone: int = 0  # candidates that answered 404 or 410
    robots_unavailable: str | None = None  # why this site is not crawled this run (RFC 9309 2.3.1.4)
    cut_short: dict[str, str] = field(default_factory=dict)  # URL -> why its response was cut short
    platform: str | None = None  # the platform its pages show (scraper.cms.detect), once seen
    platform_tries: int = 0  # pages read for it so far

    @property
    def mid(self) -> str:
        return self.municipality.id


class Frontier:
    """Same site only, nothing excluded, the page budget kept, each listing and candidate asked once."""

    def __init__(self, max_pages: int, count: Count, max_per_template: int = 0) -> None:
        self.max_pages = max_pages
        self.count = count
        self.max_per_template = max_per_template

    def target(self, url: str, site: SiteState, kind: RequestKind) -> str | None:
        """The URL's key (canonical for listings and candidates), or None (counted) if out of bounds."""
        if not same_site(url, site.municipality.homepage):
            self.count(Counter.LINK_OFFSITE, None)
            return None
        if kind in DEDUPLICATED and is_excluded(url):
            self.count(Counter.LINK_EXCLUDED, None)
            return None
        if site.robots_unavailable and kind != RequestKind.ROBOTS:
            return None
        if self.max_pages and site.scheduled >= self.max_pages:
            self.count(Counter.LINK_OVER_PAGE_BUDGET, site.mid)
            return None
        return url if kind in AS_GIVEN else canonical_url(url)

    def claim(self, target: str, site: SiteState, kind: RequestKind, *, dont_filter: bool = False) -> bool:
        """Take one page of the budget for ``target``; False if it was asked for already."""
        if kind in DEDUPLICATED and not dont_filter:
            if target in site.requested:
                return False
            seen = site.templates[path_template(target)]
            if self.max_per_template and len(seen) >= self.max_per_template:
                # One page under ever new spellings (an id scheme nobody foresaw): a trap, not news.
                self.count(Counter.LINK_TEMPLATE_CAPPED, site.mid)
                return False
            seen.add(target)
            site.requested.add(target)
            if kind == RequestKind.CANDIDATE:
                site.candidates_asked += 1
        site.scheduled += 1
        return True

    def skip_not_due(self, target: str, site: SiteState, counter: Counter) -> None:
        """A known page that is not due: counted once per run."""
        if target not in site.not_due:
            site.not_due.add(target)
            self.count(counter, site.mid)
