"""NewsSpider callbacks on saved responses: what each callback yields and counts, no network."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.utils.test import get_crawler

from scraper.config import RevisitConfig
from scraper.crawl.counters import Counter, get
from scraper.crawl.memory import CrawlMemory
from scraper.crawl.spiders.news import NewsSpider
from scraper.items import Page, PageSeen, PageState
from tests.helpers import PAGES, SITES

HOME = "https://www.tallvika.se/"
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def _page(rel: str) -> bytes:
    text = (SITES / "tallvika" / rel).read_text(encoding="utf-8")
    return text.replace("{{origin}}", HOME.rstrip("/")).encode("utf-8")


@pytest.fixture
def spider(tmp_path) -> NewsSpider:
    crawler = get_crawler(NewsSpider, {"MUNINEWS_DB": str(tmp_path / "none.db")})
    spider = NewsSpider.from_crawler(crawler, url=HOME, municipality="Tallvika", id="tallvika")
    spider.memory = CrawlMemory(policy=RevisitConfig(), clock=lambda: NOW)
    return spider


def _response(
    url: str, body: bytes, kind: str, cls: type = HtmlResponse, status: int = 200, **meta
) -> TextResponse:
    request = Request(url, meta={"municipality_id": "tallvika", "kind": kind, **meta})
    headers = {"Content-Type": "text/html; charset=utf-8"} if cls is HtmlResponse else {}
    return cls(url, body=body, status=status, request=request, headers=headers, encoding="utf-8")


def _count(spider: NewsSpider, counter: Counter) -> int:
    return get(spider.crawler.stats, counter, "tallvika")


def test_home_is_remembered_and_its_links_followed(spider) -> None:
    out = list(spider.parse_home(_response(HOME, _page("index.html"), "home")))
    states = [o for o in out if isinstance(o, PageState)]
    requests = [o for o in out if isinstance(o, Request)]
    assert [(s.kind, s.outcome) for s in states] == [("home", "read")]
    assert any(r.url == HOME + "rss.xml" and r.meta["kind"] == "feed" for r in requests)
    assert all(r.meta["municipality_id"] == "tallvika" for r in requests)
    assert _count(spider, Counter.PAGE_FETCHED) == 1


def test_feed_entries_become_candidates(spider) -> None:
    response = _response(HOME + "rss.xml", _page("rss.xml"), "feed", cls=TextResponse)
    out = list(spider.parse_feed(response))
    candidates = [o for o in out if isinstance(o, Request)]
    assert candidates and all(r.meta["kind"] == "candidate" and r.meta["from_listing"] for r in candidates)
    assert _count(spider, Counter.FEED_READ) == 1


def test_unreadable_sitemap_is_remembered_invalid(spider) -> None:
    response = _response(HOME + "sitemap.xml", b"\x1f\x8bbroken", "sitemap", cls=TextResponse)
    out = list(spider.parse_sitemap(response))
    assert [(o.kind, o.outcome) for o in out] == [("sitemap", "invalid")]
    assert _count(spider, Counter.SITEMAP_INVALID) == 1


def test_listing_yields_candidates_and_counts_the_page(spider) -> None:
    url = HOME + "aktuellt/nyheter"
    out = list(spider.parse_listing(_response(url, _page("aktuellt/nyheter/index.html"), "listing")))
    assert any(isinstance(o, Request) and o.meta["kind"] == "candidate" for o in out)
    assert _count(spider, Counter.LISTING_PAGES) == 1
    assert spider.sites["tallvika"].listed


def test_an_article_becomes_a_page_item(spider) -> None:
    url = "https://www.ekeby.se/2026/02/03/slug/"
    spider.sites["tallvika"].municipality.homepage = "https://www.ekeby.se/"
    out = list(
        spider.parse_page(_response(url, (PAGES / "wordpress-article.html").read_bytes(), "candidate"))
    )
    pages = [o for o in out if isinstance(o, Page)]
    assert len(pages) == 1 and pages[0].municipality_id == "tallvika"
    assert pages[0].headers["content-type"].startswith("text/html")
    assert _count(spider, Counter.ARTICLE_FOUND) == 1


def test_a_contact_page_is_not_news(spider) -> None:
    out = list(spider.parse_page(_response(HOME + "kontakt", _page("kontakt/index.html"), "candidate")))
    assert [(o.kind, o.outcome) for o in out if isinstance(o, PageState)] == [("candidate", "not_news")]
    assert _count(spider, Counter.PAGE_SKIPPED_NOT_NEWS) == 1


def test_a_known_article_answering_304_is_seen(spider) -> None:
    url = HOME + "aktuellt/nyheter/x"
    response = _response(url, b"", "candidate", status=304, known_url=url)
    assert [type(o) for o in spider.parse_page(response)] == [PageSeen]
    assert _count(spider, Counter.REVISIT_NOT_MODIFIED) == 1


def test_offsite_redirect_is_skipped(spider) -> None:
    out = list(spider.parse_home(_response("https://example.org/", b"<html></html>", "home")))
    assert out == []
    assert _count(spider, Counter.PAGE_SKIPPED_OFFSITE_REDIRECT) == 1


def test_start_asks_robots_and_home_with_a_loaded_memory(spider) -> None:
    import asyncio

    loaded = []
    spider.load_memory = lambda *args: (
        loaded.append(args) or CrawlMemory(policy=RevisitConfig(), clock=lambda: NOW)
    )

    async def collect() -> list:
        return [r async for r in spider.start()]

    requests = asyncio.run(collect())
    assert [r.meta["kind"] for r in requests] == ["robots", "home"]
    assert loaded and loaded[0][0] == spider.config.db_path
    assert "www.tallvika.se" in spider.robots_waiting


def test_a_page_whose_classification_raises_is_extracted_not_lost(spider, monkeypatch) -> None:
    """Issue 12: a page that makes classification raise goes to extraction as an article (which
    drops it, counted, if it holds none) instead of failing the callback and losing the page."""
    from scraper.crawl import classify

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("a rule that trips over this page's markup")

    monkeypatch.setattr(classify, "classify_page", broken)
    url = "https://www.ekeby.se/2026/02/03/slug/"
    spider.sites["tallvika"].municipality.homepage = "https://www.ekeby.se/"
    body = (PAGES / "wordpress-article.html").read_bytes()
    out = list(spider.parse_page(_response(url, body, "candidate")))
    pages = [o for o in out if isinstance(o, Page)]
    assert [p.fetched_url for p in pages] == [url] and pages[0].body == body
    assert _count(spider, Counter.PAGE_CLASSIFY_FAILED) == 1
    assert _count(spider, Counter.ARTICLE_FOUND) == 1
