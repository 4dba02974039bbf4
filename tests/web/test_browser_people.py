"""Pages for people (issue 14 items 3-6) in a real browser: Playwright drives Debian's Chromium.

The front page, the who-is-quoted panel, the contact directory (on a phone, where a number is a tap
to call), the month strip and date filters, the chart of a search, and the help when nothing or
nothing more matches. A copy of the demo crawl is served by ``datasette`` in a subprocess (the
command ``muninews serve --immutable`` runs) on a free port. Screenshots go to
``test-artifacts/browser-people/``. Run with ``pytest -m browser``; skipped where
``/usr/bin/chromium`` is missing (Playwright's own browser download does not work offline).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scraper.web.serve import prepare
from tests.helpers import (
    BROWSER_TIMEOUT_MS,
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    searchable_copy,
    served_datasette,
)

ARTIFACTS = ROOT / "test-artifacts" / "browser-people"
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium: apt-get install chromium"),
]


@pytest.fixture(scope="module")
def archive(demo_crawl: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = searchable_copy(demo_crawl.db, tmp_path_factory.mktemp("browser-people"))
    prepare(db, immutable=True)
    return db


@pytest.fixture(scope="module")
def server(archive: Path) -> Iterator[str]:
    with served_datasette(archive) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip install playwright (no browser download)"
    )
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_page(browser: Any, server: str, viewport: dict[str, int] | None = None) -> Any:
    context = browser.new_context(base_url=server, viewport=viewport or {"width": 1200, "height": 900})
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    p = open_page(browser, server)
    yield p
    assert not p.errors
    p.context.close()


@pytest.fixture
def phone(browser: Any, server: str) -> Iterator[Any]:
    p = open_page(browser, server, PHONE)
    yield p
    assert not p.errors
    p.context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def total(page: Any) -> int:
    return int(page.inner_text("#total").replace(",", ""))


def test_front_page(page: Any, phone: Any, archive: Path) -> None:
    conn = sqlite3.connect(archive)
    (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    (newest,) = conn.execute("SELECT title FROM articles ORDER BY published DESC LIMIT 1").fetchone()
    conn.close()
    page.goto("/")
    assert page.inner_text("#count-articles") == f"{articles:,}"
    assert page.locator(".mn-latest .mn-hits li").count() >= 10
    assert page.locator(".mn-latest a.title").first.inner_text() == newest
    assert page.locator("#last-crawl").is_visible() and page.locator("#health-summary").is_visible()
    assert page.locator(".mn-tables a").first.inner_text() == "articles"
    shot(page, "01-front")
    page.click("text=Who to call: the contact directory")
    page.wait_for_url("**/-/contacts")
    phone.goto("/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(phone, "02-front-phone")
    phone.fill("input[name=q]", "skola")
    phone.press("input[name=q]", "Enter")
    phone.wait_for_selector(".mn-hits li")
    assert "/-/search?q=skola" in phone.url


def test_who_is_quoted_panel(page: Any) -> None:
    page.goto("/-/search?q=kommun")
    panel = page.locator(".mn-people")
    assert panel.is_visible() and panel.locator("li").count() >= 3
    assert "In all " + page.inner_text("#total") + " matches" in panel.inner_text()
    phones = [panel.locator("a[href^='tel:']").nth(i).get_attribute("href") for i in range(2)]
    assert all(re.fullmatch(r"tel:\+\d{7,15}", h or "") for h in phones)
    assert panel.locator("a[href^='mailto:']").count() >= 1
    shot(page, "03-search-who-is-quoted")
    name = panel.locator("a.who").first.inner_text()
    panel.locator("a.who").first.click()
    page.wait_for_url("**/archive/people/*")
    assert page.locator("h1").inner_text() == name


def test_contact_directory_on_a_phone(phone: Any) -> None:
    phone.goto("/-/contacts")
    everyone = total(phone)
    assert everyone >= 10
    shot(phone, "04-contacts-phone")
    tel = phone.locator(".mn-directory a.tel").first
    assert re.fullmatch(r"tel:\+\d{7,15}", tel.get_attribute("href") or "")
    box = tel.bounding_box()
    assert box and box["height"] >= 24  # big enough to tap
    phone.fill("input[name=topic]", "vatten")
    phone.click("button[type=submit]")
    phone.wait_for_url("**topic=vatten**")
    on_topic = total(phone)
    assert 0 < on_topic < everyone
    assert "articles about vatten" in phone.inner_text(".mn-summary")
    shot(phone, "05-contacts-topic-vatten")
    phone.locator(".mn-directory .meta a").first.click()  # the person's municipality: a filter
    phone.wait_for_url("**municipality=**")
    assert total(phone) <= on_topic
    name = phone.locator(".mn-directory a.who").first.inner_text()
    phone.locator(".mn-directory a.who").first.click()
    phone.wait_for_url("**/archive/people/*")
    assert phone.locator("h1").inner_text() == name


def test_month_strip_and_date_filters(page: Any) -> None:
    page.goto("/-/search?q=kommun")
    everything = total(page)
    bars = page.locator(".mn-months a")
    assert bars.count() >= 5
    counts = [
        int(bars.nth(i).get_attribute("aria-label").split(": ")[1].split()[0]) for i in range(bars.count())
    ]
    assert sum(counts) == everything
    shot(page, "06-month-strip")
    busiest = counts.index(max(counts))
    month = bars.nth(busiest).get_attribute("aria-label").split(":")[0]
    bars.nth(busiest).click()
    page.wait_for_url(f"**from={month}&to={month}**")
    assert total(page) == max(counts)
    assert page.locator(".mn-months a.selected").count() == 1
    shot(page, "07-month-strip-one-month")
    page.click("text=all dates")
    page.wait_for_load_state()
    assert total(page) == everything
    page.fill("input[name=from]", month[:4])
    page.fill("input[name=to]", month[:4])
    page.click("button[type=submit]")
    page.wait_for_url("**to=**")
    in_year = total(page)
    page.goto(f"/-/search?q=kommun&year={month[:4]}")
    assert total(page) == in_year  # the year box still works, and agrees


def test_chart_follows_the_search(page: Any) -> None:
    page.goto("/-/search?q=skola")
    matches = total(page)
    page.click("a.chart-link")
    page.wait_for_url("**/-/chart?q=skola")
    assert f"{matches} matching article" in page.inner_text(".mn-chart-search")
    assert page.locator("svg.chart rect").count() >= 1
    shot(page, "08-chart-of-a-search")


def test_zero_results_and_past_the_end(page: Any) -> None:
    page.goto("/-/search?q=kommun&year=1999")
    assert total(page) == 0
    shot(page, "09-zero-results-without-filter")
    link = page.locator(".mn-without a").first
    expected = int(link.inner_text().split()[0].replace(",", ""))
    link.click()
    page.wait_for_load_state()
    assert "year=" not in page.url and total(page) == expected
    page.goto("/-/search?q=f%C3%B6rskolla")
    page.click(".mn-suggestion a")
    page.wait_for_load_state()
    assert total(page) >= 1
    page.goto("/-/search?q=kommun&page=9")
    assert page.locator(".mn-past-end").is_visible()
    shot(page, "10-past-the-end")
    page.click(".mn-past-end a")
    page.wait_for_load_state()
    assert page.locator(".mn-hits li").count() >= 1


def _people_cells_are_links(page: Any, where: str) -> int:
    """Every name/speaker cell of the table on the page links to a person, every e-mail is mailto:,
    every phone tel: in E.164; returns how many name links there are."""
    names = page.locator("td.col-name, td.col-speaker")
    links = 0
    for i in range(names.count()):
        cell = names.nth(i)
        if not cell.inner_text().strip():
            continue
        href = cell.locator("a").first.get_attribute("href") or ""
        assert re.fullmatch(r"/archive/people/\d+", href), (where, cell.inner_text(), href)
        links += 1
    for selector, pattern in (("td.col-email", r"mailto:[^@\s]+@\S+"), ("td.col-phone", r"tel:\+\d{7,15}")):
        cells = page.locator(selector)
        for i in range(cells.count()):
            if cells.nth(i).inner_text().strip():
                href = cells.nth(i).locator("a").first.get_attribute("href") or ""
                assert re.fullmatch(pattern, href), (where, selector, href)
    return links


def test_people_are_links_wherever_they_are_listed(page: Any, archive: Path) -> None:
    conn = sqlite3.connect(archive)
    quoted, word = conn.execute(
        "select p.name, (select q.text from quotes q where q.person_id = p.id limit 1) from people p "
        "where p.quote_count > 0 order by p.quote_count desc, p.id limit 1"
    ).fetchone()
    conn.close()
    word = max(re.findall(r"\w{5,}", word), key=len)
    pages = [
        ("contact-directory", "/archive/contact_directory"),
        ("contacts-table", "/archive/contacts"),
        ("people-table", "/archive/people"),
        ("quotes-table", "/archive/quotes"),
        ("quotes-by-person", f"/archive/quotes_by_person?speaker={quoted}"),
        ("person-query", f"/archive/person?name={quoted}"),
        ("search-quotes-query", f"/archive/search_quotes?q={word}"),
    ]
    for name, path in pages:
        page.goto(path)
        assert _people_cells_are_links(page, path) >= 1, path
        shot(page, f"06-people-links-{name}")
    page.goto("/archive/contact_directory")
    first = page.locator("td.col-name a").first
    name = first.inner_text()
    first.click()
    page.wait_for_url("**/archive/people/*")
    assert page.locator("h1").inner_text() == name
    assert page.locator("a[href^='mailto:'], a[href^='tel:']").count() >= 1
