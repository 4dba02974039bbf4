"""Link extraction from each source kind, on the saved Tallvika site (tests/sites/tallvika)."""

from __future__ import annotations

import gzip

import pytest
from parsel import Selector

from scraper.crawl import sources
from scraper.items import LinkKind
from tests.helpers import SITES

HOME = "https://www.tallvika.se/"


def _page(rel: str) -> str:
    return (SITES / "tallvika" / rel).read_text(encoding="utf-8").replace("{{origin}}", HOME.rstrip("/"))


def test_robots_names_its_sitemaps() -> None:
    body = b"User-agent: *\nDisallow: /admin/\nSitemap: https://www.tallvika.se/sitemap.xml\n"
    links = sources.robots_links(body, HOME + "robots.txt")
    assert [(link.kind, link.url) for link in links] == [(LinkKind.SITEMAP, HOME + "sitemap.xml")]
    assert links[0].to_dict() == {"kind": "sitemap", "url": HOME + "sitemap.xml"}


SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://www.tallvika.se/aktuellt/nyheter/ny-bro</loc><lastmod>2026-03-01</lastmod></url>
<url><loc>https://www.tallvika.se/kontakt</loc></url>
</urlset>"""


def test_sitemap_keeps_news_looking_entries_with_lastmod() -> None:
    links = sources.sitemap_links(SITEMAP, gzipped=False, max_size=10**6)
    assert [link.to_dict() for link in links] == [
        {"kind": "candidate", "url": HOME + "aktuellt/nyheter/ny-bro", "lastmod": "2026-03-01"}
    ]


def test_gzipped_sitemap_index() -> None:
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://www.tallvika.se/sitemap-1.xml</loc></sitemap></sitemapindex>"""
    links = sources.sitemap_links(gzip.compress(index), gzipped=True, max_size=10**6)
    assert [link.to_dict() for link in links] == [
        {"kind": "sitemap", "url": HOME + "sitemap-1.xml", "lastmod": None}
    ]


def test_broken_gzip_is_a_source_error() -> None:
    with pytest.raises(sources.SourceError):
        sources.sitemap_links(b"\x1f\x8bnot gzip", gzipped=True, max_size=10**6)


def test_feed_entries_with_iso_dates() -> None:
    links = sources.feed_links(_page("rss.xml").encode(), HOME + "rss.xml")
    assert links and all(link.kind == LinkKind.CANDIDATE for link in links)
    assert all(link.url.startswith(HOME) for link in links)
    assert all(link.date is None or link.date[:2] == "20" for link in links)
    assert list(links[0].to_dict()) == ["kind", "url", "date"]


def test_feed_date() -> None:
    assert sources.feed_date("Tue, 10 Mar 2026 09:00:00 +0100") == "2026-03-10T09:00:00+01:00"
    assert sources.feed_date("2026-03-10T09:00:00Z") == "2026-03-10T09:00:00Z"
    assert sources.feed_date("soon") is None


def test_home_offers_feed_listing_and_teasers() -> None:
    links = sources.home_links(Selector(text=_page("index.html")), HOME, HOME)
    kinds = {link.kind for link in links}
    assert LinkKind.FEED in kinds and LinkKind.CANDIDATE in kinds
    assert HOME + "rss.xml" in [link.url for link in links if link.kind == LinkKind.FEED]


def test_listing_entries_are_dated_and_vouch() -> None:
    url = HOME + "aktuellt/nyheter"
    links = sources.listing_links(Selector(text=_page("aktuellt/nyheter/index.html")), url, HOME)
    entries = [link for link in links if link.kind == LinkKind.CANDIDATE]
    assert entries and any(link.listed for link in entries)
    assert all(list(link.to_dict()) == ["kind", "url", "date", "listed"] for link in entries)
