"""Accessibility in a real browser: axe-core finds no moderate, serious or critical violation on the pages people open.

axe-core is the engine of the ``axe-playwright-python`` package (its bundled ``axe.min.js``, the
npm ``axe-core`` release; it installs with the test extras and needs no network). Each page is
opened in Debian's Chromium at desktop width, axe runs with its default rules (WCAG 2 A/AA and
best practices), and the violations are written to ``test-artifacts/browser/axe-<page>.json``
beside a screenshot. To cover a new page, add it to :data:`PAGES`.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import BROWSER_ARTIFACTS, shot

pytestmark = [pytest.mark.browser]

#: (name, path): ``{article}`` is an article with quotes and contacts, ``{person}`` a quoted person,
#: ``{revision}`` a revision, ``{captured}`` an article with an archived capture. A path the server
#: answers 404 (a page not built yet) is skipped.
PAGES = [
    ("front", "/"),
    ("search", "/-/search?q=skola"),
    ("search-quotes", "/-/search?q=kommun*&kind=quotes"),
    ("article", "/archive/articles/{article}"),
    ("article-edited", "/archive/articles/{edited}"),
    ("person", "/archive/people/{person}"),
    ("contacts", "/archive/contact_directory"),
    ("contacts-page", "/-/contacts"),
    ("chart", "/-/chart"),
    ("map", "/archive/municipality_map"),
    ("health", "/archive/crawl_health"),
    ("edited", "/archive/edited_articles"),
    ("removed", "/archive/removed_articles"),
    ("diff", "/-/diff/{revision}"),
    ("search-nothing", "/-/search?q=förskolla"),
]
#: The pages issue 14 names for "0 serious or critical axe violations": never skipped (a 404 fails).
REQUIRED = ("front", "search", "article", "person", "contacts", "chart", "map", "health")
assert set(REQUIRED) <= {name for name, _ in PAGES}
#: Impacts that fail the test: every level axe reports but "minor" (best-practice hints).
BLOCKING = ("serious", "critical", "moderate")


def _ids(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "article": one(
                "select id from articles where quote_count > 0 and contact_count > 0 and url not like '%invalid%' "
                "order by quote_count desc, id limit 1"
            ),
            "edited": one("select article_id from revisions order by id limit 1"),
            "person": one("select id from people order by quote_count desc, id limit 1"),
            "revision": one("select id from revisions order by id limit 1"),
            "captured": one("select id from articles where capture_id is not null order by id limit 1"),
        }
    finally:
        conn.close()


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (every rule axe runs by default)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_no_moderate_serious_or_critical_axe_violations(page, browser_db: Path, name: str, path: str) -> None:
    pytest.importorskip(
        "axe_playwright_python", reason="pip install axe-playwright-python (bundles axe-core)"
    )
    response = page.goto(path.format(**_ids(browser_db)))
    if response.status == 404 and "{" not in path and name not in REQUIRED:
        pytest.skip(f"{path} is not served (yet)")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    BROWSER_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (BROWSER_ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(violations, indent=1, ensure_ascii=False))
    shot(page, f"axe-{name}")
    blocking = [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert not blocking, "\n".join(blocking)


#: Pages that must fit a 390 px wide phone screen without sideways scrolling.
PHONE_PAGES = [
    (name, path)
    for name, path in PAGES
    if name not in ("map",)  # the map is Leaflet's own full-width widget
]


@pytest.mark.parametrize(("name", "path"), PHONE_PAGES, ids=[name for name, _ in PHONE_PAGES])
def test_no_horizontal_overflow_on_a_390px_phone(phone, browser_db: Path, name: str, path: str) -> None:
    response = phone.goto(path.format(**_ids(browser_db)))
    if response.status == 404 and "{" not in path:
        pytest.skip(f"{path} is not served (yet)")
    width = phone.evaluate("document.documentElement.scrollWidth")
    shot(phone, f"phone-{name}")
    wide = phone.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrapper'))
             .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
    )
    assert width <= 390, f"{name}: {width}px wide, e.g. {wide}"


def test_filters_come_above_the_results_on_a_phone(phone) -> None:
    phone.goto("/-/search?q=skola")
    filters = phone.locator("#filters").bounding_box()
    first_hit = phone.locator(".mn-hits li").first.bounding_box()
    assert filters and first_hit and filters["y"] < first_hit["y"]
    shot(phone, "phone-search-filters-first")


def _focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; return (e.closest('#filters') ? 'filters:' : '') +"
        " e.tagName + ':' + (e.innerText || e.name || '').trim().slice(0, 40) }"
    )


def test_keyboard_reaches_the_filters_early(page) -> None:
    page.goto("/-/search?q=skola")
    assert _focused(page).startswith("INPUT:q")  # the search box has the focus on arrival ...
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert _focused(page) == "SELECT:" + page.locator("select[name=municipality]").inner_text().strip()[:40]
    # ... the municipality filter is two Tabs away. From the top of the page (where a keyboard user
    # arrives from elsewhere), the second Tab is the skip link to the facets, and the third the first facet.
    page.evaluate(
        "() => { document.activeElement.blur(); document.body.tabIndex = -1; document.body.focus();"
        " document.body.removeAttribute('tabindex') }"
    )
    page.keyboard.press("Tab")
    assert _focused(page) == "A:Skip to content"
    assert page.locator(".skip-link").first.is_visible()  # shown while it has the focus
    page.keyboard.press("Tab")
    assert _focused(page) == "A:Skip to filters"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused(page).startswith("filters:A:"), _focused(page)  # not 40 result links later
    shot(page, "keyboard-filters")


def test_skip_link_moves_to_the_content_on_every_page(page, browser_db: Path) -> None:
    for path in ("/", "/archive/crawl_health", "/archive/articles/{article}", "/-/chart"):
        page.goto(path.format(**_ids(browser_db)))
        assert page.locator("html").get_attribute("lang") == "en"
        page.locator(".skip-link").first.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
        assert page.evaluate("document.activeElement.id") == "main"


def test_article_text_has_its_language_and_numbered_quotes(page, browser_db: Path) -> None:
    ids = _ids(browser_db)
    conn = sqlite3.connect(browser_db)
    language = conn.execute("select language from articles where id = ?", [ids["article"]]).fetchone()[0]
    conn.close()
    page.goto(f"/archive/articles/{ids['article']}")
    assert page.locator(".body").get_attribute("lang") == language
    assert page.locator("h1.title").get_attribute("lang") == language
    items = page.locator(".mn-quotes li").all_inner_texts()
    assert items and all(text.startswith(f"[{n}]") for n, text in enumerate(items, start=1))
    ref = page.locator("a.quote-ref").first
    assert ref.inner_text() == "[1]" and ref.get_attribute("href") == "#quote-1"


def test_archived_capture_has_a_banner_back_to_the_article(page, browser_db: Path) -> None:
    conn = sqlite3.connect(browser_db)
    article_id, url, fetched = conn.execute(
        "select a.id, c.url, c.fetched_at from articles a join captures c on c.id = a.capture_id order by a.id limit 1"
    ).fetchone()
    conn.close()
    page.goto(f"/-/capture/{article_id}")
    banner = page.locator("div[role=note]").first
    text = banner.inner_text()
    assert "Archived copy" in text and fetched in text and url in text
    assert banner.bounding_box()["y"] < 50  # at the top of the page
    shot(page, "capture-banner")
    banner.get_by_text("The article in the archive").click()
    page.wait_for_selector("h1.title")
    assert page.url.endswith(f"/archive/articles/{article_id}")


def test_no_serious_or_critical_axe_violations_on_an_archived_capture(
    browser, server, browser_db: Path
) -> None:
    """Why a context of its own: the capture is served with ``Content-Security-Policy: sandbox`` (no
    ``allow-scripts``), so no script runs in it, axe's injected one included, and ``axe.run``'s promise
    never settles (the hang of earlier runs; Playwright reports "Resulting promise was garbage
    collected"). ``bypass_csp`` lets axe in for the test only; the page's own header is unchanged.
    axe checks the banner we add, not the archived site's own markup (kept as the site served it)."""
    pytest.importorskip(
        "axe_playwright_python", reason="pip install axe-playwright-python (bundles axe-core)"
    )
    context = browser.new_context(base_url=server, viewport={"width": 1200, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        response = page.goto(f"/-/capture/{_ids(browser_db)['captured']}")
        assert response.status == 200 and "sandbox" in response.headers["content-security-policy"]
        from axe_playwright_python.sync_playwright import Axe

        assert page.locator("div[role=note]").count() >= 1
        violations = Axe().run(page, context={"include": [["div[role=note]"]]}).response["violations"]
        BROWSER_ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (BROWSER_ARTIFACTS / "axe-capture.json").write_text(
            json.dumps(violations, indent=1, ensure_ascii=False)
        )
        shot(page, "axe-capture")
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert not blocking, "\n".join(blocking)
    finally:
        context.close()
