"""Making requests: the one place a link becomes a Scrapy Request, with its validators.

The frontier says whether a URL may be asked at all (same site, not excluded, budget, asked once);
the memory says whether a known page is due again, and with which validators to ask for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from scrapy.http import Request

from scraper.config import CrawlConfig
from scraper.crawl.counters import Counter
from scraper.crawl.frontier import DEDUPLICATED, PRIORITY, Frontier, RequestKind, SiteState
from scraper.crawl.memory import CrawlMemory
from scraper.crawl.urls import clean_url, same_site
from scraper.items import KnownArticle, PageRecord

K = RequestKind


class RequestMaker:
    """A mixin of the spider: needs its config, frontier, memory, counters and errback."""

    config: CrawlConfig
    frontier: Frontier
    memory: CrawlMemory
    _inc: Callable[..., None]
    on_error: Callable[..., Any]

    def _request(
        self,
        url: str,
        site: SiteState,
        kind: RequestKind,
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
        target = self.frontier.target(url, site, kind)
        if target is None:
            return None
        known = self.memory.known.get(target) if kind == K.CANDIDATE else None
        if known is not None and target not in site.requested and not self.memory.wants(known, hint):
            self.frontier.skip_not_due(target, site, Counter.ARTICLE_NOT_DUE)
            return None
        fetch_url, page = self._remembered(url, target, kind, site, known)
        if page is not None and kind not in (K.ROBOTS, K.HOME) and not self.memory.page_due(page, hint):
            # Not news, or broken, when last asked: not again before MUNINEWS_PAGE_RECHECK_DAYS.
            self.frontier.skip_not_due(target, site, Counter.PAGE_NOT_DUE)
            return None
        if not self.frontier.claim(target, site, kind, dont_filter=dont_filter):
            return None
        headers: dict[str, str] = {}
        if page is not None and self.config.revisit.conditional:
            self._ask_page_conditionally(page, site, meta, headers)
        if known is not None:
            self._ask_known_conditionally(known, target, site, meta, headers)
        return Request(
            fetch_url,
            callback=callback,
            errback=self.on_error,
            priority=PRIORITY[kind],
            dont_filter=dont_filter,
            headers=headers or None,
            meta={"municipality_id": site.mid, "kind": str(kind), **meta},
        )

    def _remembered(
        self, url: str, target: str, kind: RequestKind, site: SiteState, known: KnownArticle | None
    ) -> tuple[str, PageRecord | None]:
        """Where to ask, and the ``pages`` row to ask it with (None: not a known non-article page).

        The link as found (only tracking parameters, session ids and the fragment removed), never
        its key: a strict server answers 404 for the other slash form. A known article due a
        re-check (asked by its key) is asked where it answered last time.
        """
        fetch_url = clean_url(url) if kind in DEDUPLICATED else url
        if known is not None and known.fetched_url and url == target:
            fetch_url = known.fetched_url
        page = self.memory.pages.get(target)
        if page is not None and page.kind == K.REDIRECT and page.links and not self.memory.page_due(page):
            # A permanent redirect seen before (WordPress' /slug -> /slug/): ask where it led.
            final = page.links[0].url
            if same_site(final, site.municipality.homepage):
                self._inc(Counter.PAGE_REDIRECT_REMEMBERED, site.mid)
                fetch_url = final
                page = self.memory.pages.get(final)
        if page is not None and (page.kind == K.REDIRECT or known is not None):
            page = None
        return fetch_url, page

    def _ask_page_conditionally(
        self, page: PageRecord, site: SiteState, meta: dict[str, Any], headers: dict[str, str]
    ) -> None:
        # The validators of the last answer; a 304 comes to the callback, which follows the
        # links the page yielded last time (pages.links).
        meta.update(page_url=page.url, handle_httpstatus_list=[304])
        if page.etag:
            headers["If-None-Match"] = page.etag
        if page.last_modified:
            headers["If-Modified-Since"] = page.last_modified
        self._inc(Counter.PAGE_CONDITIONAL, site.mid)

    def _ask_known_conditionally(
        self, known: KnownArticle, target: str, site: SiteState, meta: dict[str, Any], headers: dict[str, str]
    ) -> None:
        meta.update(
            known_url=target,
            known_digest=known.payload_sha256,
            known_title=known.title,
            # 304 (not modified), 404 and 410 (removed) come to parse_page, not to on_error.
            handle_httpstatus_list=[304, 404, 410],
        )
        if self.config.revisit.conditional and known.etag:
            headers["If-None-Match"] = known.etag
        if self.config.revisit.conditional and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        self._inc(Counter.REVISIT_REQUESTED, site.mid)

    def _asked(
        self, url: str, site: SiteState, kind: RequestKind, callback: Any, **kw: Any
    ) -> Iterator[Request]:
        req = self._request(url, site, kind, callback, **kw)
        if req is not None:
            yield req
