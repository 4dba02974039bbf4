"""What the crawler remembers between runs, and the decisions it takes from that.

The archive is the crawler's memory: known articles (with the validators of their capture) and the
other pages it fetched (robots.txt, homepages, sitemaps, feeds, listings, rejected candidates, with
the links they yielded). :func:`load_memory` reads them once, before the crawl, through the archive's
read-only methods and turns its rows into typed items; the spider never opens the database.

Every decision that depends on time takes it from the ``clock`` given here, so tests use a fake one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from scraper.clock import parse_time
from scraper.config import RevisitConfig
from scraper.crawl import revisit
from scraper.crawl.counters import Counter
from scraper.crawl.frontier import Outcome, RequestKind
from scraper.crawl.urls import canonical_url, pagination_number
from scraper.items import KnownArticle, Link, PageRecord

Clock = Callable[[], datetime]


def not_newer(lastmod: str, fetched: str | None) -> bool:
    """True if a site's lastmod (sitemap, feed) is not after our fetch: the page cannot have changed since."""
    lastmod = lastmod.strip()
    if not fetched:
        return False
    if len(lastmod) <= 10:  # a date only: the same day as our fetch may be later that day
        return lastmod < fetched[:10]
    changed, seen = parse_time(lastmod), parse_time(fetched)
    return changed is not None and seen is not None and changed <= seen


@dataclass
class CrawlMemory:
    """Known articles and pages (by URL), and the revisit policy applied to them."""

    known: dict[str, KnownArticle] = field(default_factory=dict)
    pages: dict[str, PageRecord] = field(default_factory=dict)
    policy: RevisitConfig = field(default_factory=RevisitConfig)
    clock: Clock = field(default=datetime.now)

    @classmethod
    def from_rows(
        cls,
        known: dict[str, dict[str, object]],
        pages: dict[str, dict[str, object]],
        policy: RevisitConfig,
        clock: Clock,
    ) -> CrawlMemory:
        """From the archive's ``known_articles`` / ``known_pages`` dict rows.

        Pages are stored as fetched; they are found by that URL and by its canonical key (the
        frontier's), so ``/nyheter/`` fetched last time is known when a link says ``/nyheter``.
        """
        records = {url: PageRecord.from_row(row) for url, row in pages.items()}
        by_key = {canonical_url(url): page for url, page in records.items()}
        articles: dict[str, KnownArticle] = {}
        for url, row in known.items():
            if row.get("also_at"):  # an article's other URL, by the URL as fetched: found by its key
                url = canonical_url(url)
                row = {**row, "url": url}
            articles.setdefault(url, KnownArticle.from_row(row))
        return cls(articles, {**by_key, **records}, policy, clock)

    @property
    def schedule(self) -> revisit.Schedule:
        p = self.policy
        return revisit.Schedule(age_factor=p.age_factor, min_days=p.min_days, max_days=p.max_days)

    def wants(self, known: KnownArticle, hint: str | None = None) -> bool:
        """Fetch a known article again? ``--revisit all|none|due`` (see :mod:`scraper.crawl.revisit`)."""
        if self.policy.mode == "all":
            return True
        if self.policy.mode == "none":
            return False
        return revisit.is_due(known, self.clock(), self.schedule, hint)

    def page_due(self, page: PageRecord, hint: str | None = None) -> bool:
        """Ask for a known non-article page again? Pages that list links always (conditionally);
        server errors and unreadable feeds after MUNINEWS_REVISIT_MIN_DAYS; the rest (not news,
        broken links, remembered redirects, sitemaps that listed no news) after
        MUNINEWS_PAGE_RECHECK_DAYS, or at once when a sitemap index's ``hint`` (lastmod) is newer."""
        if page.outcome in (Outcome.READ, Outcome.LISTED) and (
            page.links or page.kind != RequestKind.SITEMAP
        ):
            return True
        last = parse_time(page.last_fetched)
        if last is None:
            return True
        if hint and not not_newer(hint, page.last_fetched):
            return True
        days = (
            self.policy.min_days
            if page.outcome in (Outcome.ERROR, Outcome.INVALID)
            else self.policy.recheck_days
        )
        return (self.clock() - last).total_seconds() >= days * 86400

    def is_known(self, url: str) -> bool:
        """Does the archive know this URL (an article, or a page that is not one)?"""
        key = canonical_url(url)
        return key in self.known or key in self.pages or url in self.pages

    def cached_robots(self, url: str) -> PageRecord | None:
        """The stored robots.txt if it is young enough to be used without asking (RFC 9309, 2.4)."""
        page = self.pages.get(url)
        if page is None or page.kind != RequestKind.ROBOTS or page.content is None:
            return None
        fetched = parse_time(page.last_fetched)
        if fetched is None or self.policy.robots_max_age_hours <= 0:
            return None
        age = (self.clock() - fetched).total_seconds() / 3600
        return page if age < self.policy.robots_max_age_hours else None

    def unchanged_since(self, lastmod: str | None, page: PageRecord | None) -> bool:
        """True if a sitemap index says a child sitemap has not changed since we last read it."""
        if not lastmod or page is None or page.outcome != Outcome.READ:
            return False
        return not_newer(lastmod, page.last_fetched)

    def stored_links(
        self, page_url: str | None, status: int, body: bytes
    ) -> tuple[list[Link], Counter] | None:
        """The links a known page yielded last time, if it answered 304 or the very same bytes,
        with the counter that says which."""
        page = self.pages.get(page_url or "")
        if page is None:
            return None
        if status == 304:
            return list(page.links), Counter.PAGE_NOT_MODIFIED
        if page.payload_sha256 and hashlib.sha256(body).hexdigest() == page.payload_sha256:
            # A server without validators, or one that ignores them.
            return list(page.links), Counter.PAGE_SAME_DIGEST
        return None

    def hubs(self, mid: str) -> Iterator[PageRecord]:
        """The news listings and feeds (first pages only) this municipality had last time."""
        for url, page in self.pages.items():
            if url != page.url:
                continue  # the same page under its canonical key
            if page.municipality_id != mid or page.outcome not in (Outcome.READ, Outcome.LISTED):
                continue
            if page.kind == RequestKind.FEED or (
                page.kind in (RequestKind.LISTING, RequestKind.CANDIDATE)
                and (pagination_number(url) or 1) == 1
            ):
                yield page

    def due_articles(self, mid: str, since: str) -> Iterator[str]:
        """URLs of this municipality's known articles that are due a re-check now."""
        if self.policy.mode == "none":
            return
        for url, known in self.known.items():
            if known.municipality_id != mid or known.also_at:  # its press room asks for that one
                continue
            if since and known.published and known.published[:10] < since:
                continue
            if self.wants(known):
                yield url


def load_memory(
    db_path: str, municipality_ids: Iterable[str], policy: RevisitConfig, clock: Clock
) -> CrawlMemory:
    """Read what the archive at ``db_path`` knows of these municipalities (read-only)."""
    from scraper.archive import Archive  # the archive's read methods; it stays the only SQL reader

    ids = list(municipality_ids)
    return CrawlMemory.from_rows(
        Archive.known_articles(db_path, ids), Archive.known_pages(db_path, ids), policy, clock
    )
