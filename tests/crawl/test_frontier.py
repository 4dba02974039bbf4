"""The frontier on its own: bounds, budget, dedup, counted refusals."""

from __future__ import annotations

from scraper.crawl.counters import Counter
from scraper.crawl.frontier import PRIORITY, Frontier, Outcome, RequestKind, SiteState
from scraper.registry import adhoc

HOME = "https://www.ekeby.se/"


def _frontier(max_pages: int = 0) -> tuple[Frontier, list[tuple[Counter, str | None]]]:
    counted: list[tuple[Counter, str | None]] = []
    return Frontier(max_pages, lambda c, mid: counted.append((c, mid))), counted


def _site() -> SiteState:
    return SiteState(adhoc(HOME, "Ekeby", None, "ekeby"))


def test_kinds_equal_their_stored_strings() -> None:
    assert RequestKind.CANDIDATE == "candidate"
    assert Outcome.LISTED == "listing"
    assert {RequestKind.CANDIDATE} == {"candidate"}


def test_robots_and_home_come_first() -> None:
    assert PRIORITY[RequestKind.ROBOTS] > PRIORITY[RequestKind.CANDIDATE] > PRIORITY[RequestKind.LISTING]


def test_offsite_is_refused_and_counted_overall() -> None:
    frontier, counted = _frontier()
    assert frontier.target("https://example.org/x", _site(), RequestKind.CANDIDATE) is None
    assert counted == [(Counter.LINK_OFFSITE, None)]


def test_excluded_candidate_is_refused() -> None:
    frontier, counted = _frontier()
    assert frontier.target(HOME + "kalender/", _site(), RequestKind.CANDIDATE) is None
    assert counted == [(Counter.LINK_EXCLUDED, None)]


def test_candidates_are_canonical_sources_as_given() -> None:
    frontier, _ = _frontier()
    site = _site()
    assert (
        frontier.target(HOME + "nyheter/a/?utm_source=x", site, RequestKind.CANDIDATE) == HOME + "nyheter/a"
    )
    assert frontier.target(HOME + "feed/", site, RequestKind.FEED) == HOME + "feed/"


def test_budget_is_per_site_and_counted_per_site() -> None:
    frontier, counted = _frontier(max_pages=1)
    site = _site()
    assert frontier.claim(HOME + "a", site, RequestKind.CANDIDATE)
    assert frontier.target(HOME + "b", site, RequestKind.CANDIDATE) is None
    assert counted == [(Counter.LINK_OVER_PAGE_BUDGET, "ekeby")]


def test_candidates_are_claimed_once_unless_dont_filter() -> None:
    frontier, _ = _frontier()
    site = _site()
    assert frontier.claim(HOME + "a", site, RequestKind.CANDIDATE)
    assert not frontier.claim(HOME + "a", site, RequestKind.CANDIDATE)
    assert frontier.claim(HOME + "a", site, RequestKind.CANDIDATE, dont_filter=True)
    assert frontier.claim(HOME + "robots.txt", site, RequestKind.ROBOTS)
    assert frontier.claim(HOME + "robots.txt", site, RequestKind.ROBOTS)
    assert site.scheduled == 4


def test_not_due_is_counted_once() -> None:
    frontier, counted = _frontier()
    site = _site()
    frontier.skip_not_due(HOME + "a", site, Counter.PAGE_NOT_DUE)
    frontier.skip_not_due(HOME + "a", site, Counter.PAGE_NOT_DUE)
    assert counted == [(Counter.PAGE_NOT_DUE, "ekeby")]


def test_distinct_urls_per_template_are_capped() -> None:
    """One page under ever new opaque tokens (an id scheme nobody foresaw): at most N asked."""
    counted: list[tuple[Counter, str | None]] = []
    frontier = Frontier(0, lambda c, mid: counted.append((c, mid)), max_per_template=3)
    site = _site()
    claimed = []
    for i in range(10):
        url = f"{HOME}(S(tok{i:02d}abcdefghijklmn))/nyheter/samma-nyhet"
        target = frontier.target(url, site, RequestKind.CANDIDATE)
        assert target is not None
        claimed.append(frontier.claim(target, site, RequestKind.CANDIDATE))
    assert claimed == [True] * 3 + [False] * 7
    assert counted.count((Counter.LINK_TEMPLATE_CAPPED, "ekeby")) == 7
    # Different articles have different templates: never capped by each other.
    others = [frontier.target(f"{HOME}nyheter/nyhet-{i}", site, RequestKind.CANDIDATE) for i in range(10)]
    assert all(frontier.claim(t, site, RequestKind.CANDIDATE) for t in others if t)
