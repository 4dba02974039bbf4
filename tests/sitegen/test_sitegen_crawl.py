"""ONE real crawl of the generated web (dev and held-out batches in one registry, one subprocess):
recall, precision and live stored URLs against the floors in scraper/tools/crawl_floors.json,
the same floors ``python -m scraper.tools.crawlbench`` prints against."""

from __future__ import annotations

import pytest

from scraper.demo.sitegen import parse_seeds
from scraper.tools.crawlbench import format_result, load_floors, page_kind, run

pytestmark = pytest.mark.e2e
FLOORS = load_floors()


@pytest.fixture(scope="module")
def results():
    batches = {b: parse_seeds(str(f["seeds"])) for b, f in FLOORS.items()}
    return {r.batch: r for r in run(batches, timeout=300)}


def test_crawl_ran(results):
    dev = results["dev"]
    assert dev.returncode == 0, dev.log[-3000:]
    assert len(dev.scores) >= 60


@pytest.mark.parametrize("batch", sorted(FLOORS))
@pytest.mark.parametrize("figure", ["recall", "precision", "url_ok"])
def test_floor(results, batch, figure):
    result = results[batch]
    value = getattr(result.total(), figure)
    assert value >= float(str(FLOORS[batch][figure])), format_result(result, FLOORS[batch])


@pytest.mark.parametrize("batch", sorted(FLOORS))
def test_no_article_stored_under_a_listing_or_home(results, batch):
    """Whatever else is extra, never the home page or a news listing (canonical → listing trap)."""
    wrong = [
        (s.site.options.seed, url)
        for s in results[batch].scores
        for url in s.extra
        if page_kind(s.site, url) in ("(home)", "(listing)")
    ]
    assert not wrong
