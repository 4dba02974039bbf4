"""The demo archive in a real browser: Playwright drives Debian's Chromium against a real Datasette.

Run on their own with ``pytest -m browser``. The demo web is crawled once per session (the
``demo_crawl`` fixture); a copy of that archive gets coordinates for the map and one article with
hostile markup, and is served by ``datasette`` in a subprocess (the command ``muninews serve``
runs, immutable) on a free port. Screenshots go to ``test-artifacts/browser/``.

Playwright's own browser download does not work offline; these tests use ``/usr/bin/chromium``
(``apt-get install chromium``) and are skipped, with that reason, where it is missing.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.archive import Archive
from scraper.items import Article, Contact, Quote
from scraper.web.serve import datasette_argv, load_metadata, prepare
from tests.helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "browser"

#: Fictional municipalities of the demo web need a place on the map. Until the demo registry
#: carries coordinates, the test gives them these (plausible, made-up seats).
DEMO_COORDINATES = {
    "hemlunda": (59.33, 15.21),
    "ekeby": (57.78, 14.16),
    "kestrelford": (52.20, 0.12),
}

HOSTILE_TITLE = "Testartikel <script>window.__pwned = 1</script> med <img src=x onerror=window.__pwned=2>"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium: apt-get install chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser_db(demo_crawl, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("browser") / "archive.db"
    shutil.copyfile(demo_crawl.db, db)
    with Archive(db) as archive:
        archive.save_municipalities(
            [{"id": mid, "latitude": lat, "longitude": lon} for mid, (lat, lon) in DEMO_COORDINATES.items()]
        )
        municipality = demo_crawl.rows("select id from municipalities order by id limit 1")[0]["id"]
        archive.save_article(
            Article(
                url="https://example.invalid/nyheter/hostile",
                municipality_id=municipality,
                title=HOSTILE_TITLE,
                lead="Ingress <iframe src=https://example.invalid></iframe>",
                body="Text med <script>window.__pwned = 3</script> och upphandling.",
                published="2026-01-02",
                language="sv",
                fetched_at="2026-01-03T00:00:00Z",
                quotes=[Quote(0, "<b onmouseover=window.__pwned=4>citat</b>", "Eva Ek", "<i>chef</i>")],
                contacts=[Contact(name="Eva Ek", role="chef", email="eva.ek@example.invalid")],
            )
        )
    prepare(db, immutable=True)  # what `muninews serve --immutable` does first: word list, WAL checkpoint
    return db


@pytest.fixture(scope="module")
def server(browser_db: Path) -> Iterator[str]:
    port = _free_port()
    argv = datasette_argv(browser_db, port=port, immutable=True)
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stdout.read() if proc.stdout else ""
                    pytest.fail(f"datasette did not start: {output[-3000:]}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip install playwright (no browser download)"
    )
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


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
