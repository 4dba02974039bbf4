"""Accessibility in a real browser: axe-core finds no serious or critical violation on the pages people open.

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
#: ``{revision}`` a revision. A path the server answers 404 (a page not built yet) is skipped.
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
]
BLOCKING = ("serious", "critical")


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
        }
    finally:
        conn.close()


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (every rule axe runs by default)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_no_serious_or_critical_axe_violations(page, browser_db: Path, name: str, path: str) -> None:
    pytest.importorskip(
        "axe_playwright_python", reason="pip install axe-playwright-python (bundles axe-core)"
    )
    response = page.goto(path.format(**_ids(browser_db)))
    if response.status == 404 and "{" not in path:
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
