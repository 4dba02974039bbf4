"""URL functions on strings (more cases in test_classify.py, which predates the split)."""

from __future__ import annotations

import pytest

from scraper.crawl import urls
from scraper.crawl.urls import canonical_url, clean_url, looks_like_article_url, path_template


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


# --- issue 9: the fetch form, the key, session ids, templates ------------------------------


def test_clean_url_keeps_the_link_as_found() -> None:
    assert clean_url("https://x.se/nyheter/slug/?utm_source=nl#top") == "https://x.se/nyheter/slug/"
    assert clean_url("https://x.se/Nyheter/Slug.html?b=2&a=1") == "https://x.se/Nyheter/Slug.html?b=2&a=1"


def test_session_ids_leave_the_fetch_form_and_the_key() -> None:
    url = "https://x.se/nyheter/slug;jsessionid=0A1B2C3D4E?PHPSESSID=abc&id=7&sid=9"
    assert clean_url(url) == "https://x.se/nyheter/slug?id=7"
    assert canonical_url(url) == canonical_url("https://x.se/nyheter/slug/?id=7")
    assert clean_url("https://x.se/a;sid=77/b") == "https://x.se/a/b"


def test_path_template_folds_opaque_tokens_only() -> None:
    a = path_template("https://x.se/(S(ab12cd34ef56gh78ij))/nyheter/slug")
    b = path_template("https://x.se/(S(zz99yy88xx77ww66vv))/nyheter/slug")
    assert a == b
    assert path_template("https://x.se/nyheter/a.aspx?id=1") != path_template(
        "https://x.se/nyheter/a.aspx?id=2"
    )
    assert path_template("https://x.se/x;foo=1/y") == path_template("https://x.se/x;foo=2/y")


def test_listing_and_section_urls_do_not_look_like_articles() -> None:
    assert not looks_like_article_url("https://x.se/nyheter/")
    assert not looks_like_article_url("https://x.se/kommun/aktuellt")
    assert not looks_like_article_url("https://x.se/nyheter?page=2")
    assert not looks_like_article_url("https://x.se/")
    assert looks_like_article_url("https://x.se/nyheter/ny-cykelvag/")
    assert looks_like_article_url("https://x.se/2024-11-05-slug.html")


def test_article_ids_keep_their_own_template() -> None:
    a = path_template("https://x.se/nyheter/5f3c2a1b9d8e7f6a5f3c2a1b")
    b = path_template("https://x.se/nyheter/6a7b8c9d0e1f2a3b4c5d6e7f")
    assert a != b
    assert path_template("https://x.se/a.aspx?id=5f3c2a1b9d8e7f6a5f") != path_template(
        "https://x.se/a.aspx?id=6a"
    )


def test_canonical_url_folds_path_case_not_query():
    """IIS answers /Nyheter/Slug/ and /nyheter/slug/ alike: one key (non-ASCII letters too)."""
    assert canonical_url("http://x.se/Nyheter/%C3%84ldre-Vard/") == canonical_url(
        "http://x.se/nyheter/äldre-vard"
    )
    assert canonical_url("http://x.se/News/Item?id=A7") == "http://x.se/news/item?id=A7"
    assert canonical_url("http://x.se/nyheter/v%C3%A4gen") == canonical_url("http://x.se/nyheter/vägen")


def test_clean_url_keeps_the_case_as_linked():
    assert clean_url("http://x.se/Nyheter/Slug/") == "http://x.se/Nyheter/Slug/"


def test_pagination_number_through_a_session_id() -> None:
    from scraper.crawl.urls import pagination_number

    assert pagination_number("https://x.se/nyheter/page/3;jsessionid=AB12") == 3
    assert pagination_number("https://x.se/nyheter/page/3/;jsessionid=AB12") == 3
