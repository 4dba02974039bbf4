"""URL functions on strings (more cases in test_classify.py, which predates the split)."""

from __future__ import annotations

import pytest

from scraper.crawl import urls


@pytest.mark.parametrize(
    "url",
    [
        "https://www.ekeby.se/nyheter/a/",
        "https://WWW.ekeby.se:443/nyheter/a?utm_source=x&fbclid=y#top",
        "https://www.ekeby.se/nyheter/a",
    ],
)
def test_canonical_url_is_one_key(url: str) -> None:
    assert urls.canonical_url(url) == "https://www.ekeby.se/nyheter/a"


def test_site_ignores_www_but_not_ports() -> None:
    assert urls.same_site("https://ekeby.se/x", "https://www.ekeby.se/")
    assert not urls.same_site("http://127.0.0.1:8001/", "http://127.0.0.1:8002/")
    assert not urls.same_site("mailto:info@ekeby.se", "https://www.ekeby.se/")


@pytest.mark.parametrize("url", ["http://localhost:8000/", "http://127.0.0.2/", "http://[::1]:80/"])
def test_loopback(url: str) -> None:
    assert urls.is_loopback(url)


def test_not_loopback() -> None:
    assert not urls.is_loopback("https://www.ekeby.se/")


def test_pagination_and_listing_base() -> None:
    assert urls.pagination_number("https://www.ekeby.se/nyheter/page/3/") == 3
    assert urls.pagination_number("https://www.ekeby.se/nyheter?page=2") == 2
    assert urls.listing_base("https://www.ekeby.se/nyheter/page/3/") == urls.listing_base(
        "https://www.ekeby.se/nyheter/"
    )


def test_news_paths() -> None:
    assert urls.in_news_section("https://www.ekeby.se/Nyheter/skola")
    assert urls.has_date_in_path("https://www.ekeby.se/2026/02/03/slug/")
    assert urls.looks_like_sitemap_article("https://www.ekeby.se/nyheter/skola")
    assert not urls.looks_like_sitemap_article("https://www.ekeby.se/nyheter/")
    assert urls.is_excluded("https://www.ekeby.se/nyheter/?s=skola")
