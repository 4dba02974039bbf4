"""``bench sites``: the same scores on the demo web and the held-out test sites."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .paths import DEFAULT_FETCHED_AT, ROOT
from .quotes import PageResult, Report
from .scoring import score_contacts, score_quotes


def site_roots() -> list[tuple[str, Path, dict[str, Any]]]:
    """(split, site folder, its ground truth) for the demo web and the held-out test sites.

    Their texts were written by other hands than the gold set's, for the crawl tests: a second,
    independent measure of the same extraction. Split ``demo`` is the bundled demo web,
    ``sites`` the held-out sites in tests/sites (present in a repository checkout only).
    """
    from scraper.demo.server import EXPECTED_PATH, SITES_ROOT

    roots = []
    demo = {site["id"]: site for site in json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))["sites"]}
    for folder in sorted(SITES_ROOT.iterdir()):
        if folder.name in demo:
            roots.append(("demo", folder, demo[folder.name]))
    for expected in sorted((ROOT / "tests" / "sites").glob("*/expected.json")):
        for site in json.loads(expected.read_text(encoding="utf-8"))["sites"]:
            roots.append(("sites", expected.parent, site))
    return roots


def score_sites() -> Report:
    """Run ``extract_article`` on every article page of the demo and held-out sites, as served."""
    from scraper.demo.site_app import SiteApp
    from scraper.extract import extract_article

    origin = "http://127.0.0.1:8000"
    pages = []
    for split, folder, site in site_roots():
        app = SiteApp(folder, origin)
        for article in site["articles"]:
            response = app.handle(article["path"], {})
            charset = re.search(r"charset=([\w-]+)", response.headers.get("Content-Type", ""))
            extracted = extract_article(
                response.body,
                origin + article["path"],
                DEFAULT_FETCHED_AT,
                municipality_id=site["id"],
                country=site["country"],
                encoding=charset.group(1) if charset else None,
            )
            pages.append(
                PageResult(
                    f"{site['id']}{article['path']}",
                    split,
                    score_quotes(extracted.quotes, article["quotes"]),
                    score_contacts(extracted.contacts, article["contacts"]),
                )
            )
    return Report(pages)
