"""The demo archive in a real browser: Playwright drives Debian's Chromium against a real Datasette.

Run on their own with ``pytest -m browser``. The fixtures (``page``, ``browser_db``, ``shot``; the
served copy of the demo archive) are in ``tests/web/conftest.py``: a copy of the demo crawl with
coordinates for the map, one article with hostile markup, one edited and one removed article,
served by ``datasette`` in a subprocess. Screenshots go to ``test-artifacts/browser/``.

Playwright's own browser download does not work offline; these tests use ``/usr/bin/chromium``
(``apt-get install chromium``) and are skipped, with that reason, where it is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.web.serve import load_metadata
from tests.helpers import shot

pytestmark = [pytest.mark.browser]


def test_front_page_search(page) -> None:
    page.goto("/")
    page.fill("input[name=q]", "skola")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".mn-hits li")
    assert "/-/search?q=skola" in page.url
    assert int(page.inner_text("#total").replace(",", "")) >= 1
    assert page.locator(".mn-hits mark").count() >= 1  # the words found, highlighted
    assert page.locator(".facet-municipality li").count() >= 1
    shot(page, "01-search-skola")
    # filter by a municipality and sort newest first, through the page's own links and form
    page.locator(".facet-municipality a").first.click()
    page.wait_for_selector(".facet-municipality li.selected")
    page.select_option("select[name=sort]", "newest")
    page.click("button[type=submit]")
    page.wait_for_selector(".mn-hits li")
    assert "sort=newest" in page.url and "municipality=" in page.url
    dates = [d.split(" · ")[1] for d in page.locator(".mn-hits .meta").all_inner_texts()]
    assert dates == sorted(dates, reverse=True)
    shot(page, "02-search-filtered-newest")
    assert not page.errors


def test_quote_search(page) -> None:
    page.goto("/-/search?q=kommun*&kind=quotes")
    page.wait_for_selector(".mn-hits li")
    assert page.locator(".mn-hits blockquote mark").count() >= 1
    shot(page, "03-search-quotes")


def test_article_page_with_quotes_and_contacts(page, browser_db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(browser_db)
    (article_id,) = conn.execute(
        "select id from articles where quote_count > 0 and contact_count > 0 and url not like '%invalid%' "
        "order by quote_count desc, id limit 1"
    ).fetchone()
    conn.close()
    page.goto(f"/archive/articles/{article_id}")
    assert page.locator("h1.title").inner_text()
    assert page.locator("#quotes").is_visible()
    assert page.locator(".mn-quotes li").count() >= 1
    assert page.locator(".mn-contacts li").count() >= 1
    assert page.locator("mark.quote").count() >= 1  # quotes marked in the text
    assert page.locator("a.original").get_attribute("href").startswith("http")
    shot(page, "04-article")
    assert not page.errors


def test_atom_feed_for_a_search(page) -> None:
    page.goto("/-/search?q=upphandling")
    href = page.locator("a.feed").get_attribute("href")
    assert href == "/archive/feed.atom?q=upphandling"
    response = page.request.get(href)
    assert response.ok
    assert "xml" in response.headers["content-type"]  # datasette-atom answers browsers with application/xml
    assert "<feed" in response.text()
    assert "<entry>" in response.text()


def test_chart(page) -> None:
    page.goto("/-/chart")
    assert page.locator("svg.chart rect").count() >= 3
    assert page.locator(".legend li").count() >= 3
    shot(page, "05-chart")


def test_map(page) -> None:
    page.goto("/archive/municipality_map")
    # datasette-cluster-map draws one marker per municipality (map tiles need the internet; markers do not)
    page.wait_for_selector(".leaflet-marker-icon", timeout=15_000)
    assert page.locator(".leaflet-marker-icon").count() >= 1
    shot(page, "06-map")


@pytest.mark.parametrize("name", sorted(load_metadata()["databases"]["archive"]["queries"]))
def test_canned_queries(page, name: str) -> None:
    response = page.goto(f"/archive/{name}")
    assert response.status == 200
    assert page.locator("h1").count() >= 1
    if name in ("crawl_health", "articles_per_month", "contact_directory"):
        shot(page, f"07-query-{name}")


def test_scripts_shown_as_text(page) -> None:
    page.goto("/-/search?q=testartikel")
    page.wait_for_selector(".mn-hits li")
    page.locator(".mn-hits a.title").first.click()
    page.wait_for_selector("h1.title")
    assert "<script>window.__pwned = 1</script>" in page.locator("h1.title").inner_text()
    assert "<script>window.__pwned = 3</script>" in page.locator(".body").inner_text()
    assert page.evaluate("window.__pwned") is None  # none of it ran
    assert page.locator("article img, article iframe, article b").count() == 0
    shot(page, "08-hostile-article")
