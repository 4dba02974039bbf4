"""Browser fixtures for ``tests/web``: the demo archive served by a real Datasette, and Debian's Chromium.

``browser_db`` is a copy of the session's demo crawl with what the demo does not have yet:
coordinates for the map, one article with hostile markup, one article edited after it was archived
(a revision) and one removed from its site. ``server`` serves it with ``datasette`` in a subprocess
(the command ``muninews serve --immutable`` runs) on a free port; ``page`` is a fresh 1200×900 tab.

Playwright's own browser download does not work offline: the tests use ``/usr/bin/chromium``
(``apt-get install chromium``) and are skipped, with that reason, where it is missing.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.archive import Archive
from scraper.items import Article, Contact, Quote
from scraper.web.serve import prepare
from tests.helpers import BROWSER_TIMEOUT_MS, CHROMIUM, CHROMIUM_ARGS, served_datasette

#: Fictional municipalities of the demo web need a place on the map. Until the demo registry
#: carries coordinates, the test gives them these (plausible, made-up seats).
DEMO_COORDINATES = {
    "hemlunda": (59.33, 15.21),
    "ekeby": (57.78, 14.16),
    "kestrelford": (52.20, 0.12),
}

HOSTILE_TITLE = "Testartikel <script>window.__pwned = 1</script> med <img src=x onerror=window.__pwned=2>"
#: The article the fixture edits (a revision with these earlier words) and the one it removes.
EDITED_BEFORE = "Simhallen i Ekeby stänger för renovering under tre veckor i mars."
REMOVED_REASON = "answered 404"


def _hostile_article(municipality: str) -> Article:
    return Article(
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


def _edit_and_remove(db: Path) -> None:
    """An earlier version of one article (revision 1, replaced on 2026-02-10) and one removed article."""
    conn = sqlite3.connect(db)
    with conn:
        edited, removed = (
            r[0]
            for r in conn.execute(
                "SELECT id FROM articles WHERE url NOT LIKE '%invalid%' AND language = 'sv' ORDER BY id LIMIT 2"
            )
        )
        conn.execute(
            "INSERT INTO revisions (article_id, version, title, lead, body, published, captured_at, replaced_at, "
            "trivial, changed_fields, words_removed, words_added) "
            "SELECT id, 1, title, lead, ? , published, first_seen, '2026-02-10T08:00:00Z', 0, 'body', 1, 40 "
            "FROM articles WHERE id = ?",
            [EDITED_BEFORE, edited],
        )
        conn.execute("UPDATE articles SET version = 2, revision_count = 1 WHERE id = ?", [edited])
        conn.execute(
            "UPDATE articles SET removed = '2026-02-12', removed_reason = ? WHERE id = ?",
            [REMOVED_REASON, removed],
        )
    conn.close()


@pytest.fixture(scope="session")
def browser_db(demo_crawl, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("browser") / "archive.db"
    shutil.copyfile(demo_crawl.db, db)
    captures = demo_crawl.db.with_suffix(".captures")
    if captures.exists():
        shutil.copytree(captures, db.with_suffix(".captures"))
    with Archive(db) as archive:
        archive.save_municipalities(
            [{"id": mid, "latitude": lat, "longitude": lon} for mid, (lat, lon) in DEMO_COORDINATES.items()]
        )
        municipality = demo_crawl.rows("select id from municipalities order by id limit 1")[0]["id"]
        archive.save_article(_hostile_article(municipality))
    _edit_and_remove(db)
    prepare(db, immutable=True)  # what `muninews serve --immutable` does first: word list, WAL checkpoint
    return db


@pytest.fixture(scope="session")
def server(browser_db: Path) -> Iterator[str]:
    with served_datasette(browser_db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module: Playwright's sync API runs an event loop while it is open, and
    tests elsewhere that call ``asyncio.run`` (Datasette's test client) need it closed."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium: apt-get install chromium")
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
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()


@pytest.fixture
def phone(browser, server):
    """A 390×844 tab that behaves like a phone (touch, device scale 2)."""
    context = browser.new_context(
        base_url=server, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        has_touch=True,
    )  # fmt: skip
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()
