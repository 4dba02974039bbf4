"""Issue 14 points that had no browser test yet: inflection, export links, edits and removals.

Each test opens the search or article page of the served copy of the demo crawl (``browser_db``
in ``tests/web/conftest.py``: one article edited, one removed) in Debian's Chromium, follows the
page's own links and saves a screenshot under ``test-artifacts/browser/``. The expected sets come
from the archive itself (SQLite), not from hard-coded numbers, so a feature that breaks fails here.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import BROWSER_TIMEOUT_MS, shot

pytestmark = [pytest.mark.browser]


def _one(db: Path, sql: str, *args: object) -> tuple:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchone()
    finally:
        conn.close()


def _get(page, url: str):
    """A request in the page's context (its cookies, its base URL); API requests do not take the
    context's default timeout, so they get the same one here."""
    return page.request.get(url, timeout=BROWSER_TIMEOUT_MS)


def _banner(page, article_id: int, kind: str) -> str:
    """The text of the article page's ``edited`` or ``removed`` banner, once it is there."""
    page.goto(f"/archive/articles/{article_id}")
    banner = page.locator(f".mn-banner.{kind}")
    banner.wait_for()
    return banner.inner_text()


def _search_hit(page, title: str, article_id: int):
    """Search for the first long word of ``title``; the hit of ``article_id`` in the results."""
    word = re.findall(r"\w{4,}", title)[0]
    page.goto(f"/-/search?q={word}&per_page=100")
    page.wait_for_selector(".mn-hits li")
    return page.locator(f".mn-hits li:has(a.title[href$='/articles/{article_id}'])")


def _hit_ids(page) -> set[int]:
    hrefs = page.locator(".mn-hits li a.title").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return {int(h.rsplit("/", 1)[1]) for h in hrefs}


def test_inflected_forms_are_found_and_exact_word_is_not(page, browser_db: Path) -> None:
    """``bibliotek`` finds an article that only says *biblioteket*; ``=bibliotek`` (the exact word) does not."""
    conn = sqlite3.connect(browser_db)
    rows = conn.execute(
        "select id, coalesce(title,'') || ' ' || coalesce(lead,'') || ' ' || body from articles"
    )
    inflected_only = [
        i for i, text in rows
        if re.search(r"\bbiblioteket\b", text, re.I) and not re.search(r"\bbibliotek\b", text, re.I)
    ]  # fmt: skip
    conn.close()
    assert inflected_only, "the demo archive has no article that says only 'biblioteket'"
    page.goto("/-/search?q=bibliotek&per_page=100")
    page.wait_for_selector(".mn-hits li")
    stemmed = _hit_ids(page)
    shot(page, "inflection-bibliotek")
    assert set(inflected_only) <= stemmed, sorted(set(inflected_only) - stemmed)
    page.goto("/-/search?q=%3Dbibliotek&per_page=100")
    page.wait_for_load_state("domcontentloaded")
    exact = _hit_ids(page)
    shot(page, "inflection-exact-bibliotek")
    assert not exact & set(inflected_only)
    assert exact < stemmed


def test_export_links_give_the_same_set_as_the_page(page) -> None:
    """The CSV and JSON links on the search page export the articles the page lists, with its filters."""
    page.goto("/-/search?q=skola&per_page=100")
    page.wait_for_selector(".mn-hits li")
    shown = _hit_ids(page)
    total = int(page.inner_text("#total").replace(",", ""))
    assert len(shown) == total  # all on one page, so the sets can be compared whole
    shot(page, "export-links")
    csv_href = page.locator("a.export-csv").get_attribute("href")
    json_href = page.locator("a.export-json").get_attribute("href")
    assert "q=skola" in csv_href and "q=skola" in json_href
    csv_resp = _get(page, csv_href)
    assert csv_resp.ok  # a download (_dl=1): test_browser_small.py::test_csv_link_downloads_a_csv_file
    csv_rows = list(csv.DictReader(io.StringIO(csv_resp.text())))
    assert {int(r["id"]) for r in csv_rows} == shown
    json_resp = _get(page, json_href)
    assert json_resp.ok
    body = json_resp.json()
    items = (
        body if isinstance(body, list) else body.get("rows") or body.get("articles") or body.get("results")
    )
    assert {int(r["id"]) for r in items} == shown, json.dumps(body)[:500]
    feed = _get(page, page.locator("a.feed").first.get_attribute("href"))
    assert feed.ok
    assert (
        feed.text().count("<entry") == total
    )  # the feed of the search: as many entries as the page's matches


def test_edited_article_has_a_banner_a_badge_and_a_feed(page, browser_db: Path) -> None:
    article_id, title = _one(
        browser_db,
        "select a.id, a.title from articles a join revisions r on r.article_id = a.id order by r.id limit 1",
    )
    assert "edited after it was first archived" in _banner(page, article_id, "edited")
    shot(page, "edited-banner")
    page.locator(".mn-banner.edited a.diff").click()
    page.wait_for_url(re.compile(r"/-/diff/\d+"))
    assert "Simhallen" in page.content() or page.locator("del").count() >= 1
    shot(page, "edited-diff")
    # the badge in search hits: search the first word of the title, the edited article carries "edited"
    hit = _search_hit(page, title, article_id)
    assert hit.locator(".mn-badge.edited").count() == 1
    assert page.locator(".mn-badge.edited").count() == 1  # only the one edited article
    shot(page, "edited-badge")
    feed = _get(page, "/-/feeds/edited.atom")
    assert feed.ok and "atom" in feed.headers["content-type"]
    assert f"/archive/articles/{article_id}" in feed.text()


def test_removed_article_has_a_banner_a_badge_and_a_feed(page, browser_db: Path) -> None:
    article_id, title, municipality = _one(
        browser_db,
        "select id, title, municipality_id from articles where removed is not null order by id limit 1",
    )
    assert "removed from the municipality's website" in _banner(page, article_id, "removed")
    shot(page, "removed-banner")
    hit = _search_hit(page, title, article_id)
    assert hit.locator(".mn-badge.removed").count() == 1
    shot(page, "removed-badge")
    for query in ("", f"?municipality={municipality}"):
        feed = _get(page, f"/-/feeds/removed.atom{query}")
        assert feed.ok and f"/archive/articles/{article_id}" in feed.text()
    other = _one(browser_db, "select id from municipalities where id != ? order by id limit 1", municipality)[
        0
    ]
    feed = _get(page, f"/-/feeds/removed.atom?municipality={other}")
    assert feed.ok and f"/archive/articles/{article_id}" not in feed.text()
