"""The crawl memory with a fake clock: revisit decisions, page re-checks, cached robots.txt."""

from __future__ import annotations

from datetime import UTC, datetime

from scraper.config import RevisitConfig
from scraper.crawl.counters import Counter
from scraper.crawl.memory import CrawlMemory, not_newer
from scraper.items import KnownArticle, Link, LinkKind, PageRecord

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
HOME = "https://www.ekeby.se/"


def _memory(mode: str = "due", **rows: object) -> CrawlMemory:
    known = {
        HOME + "nyheter/ny": {
            "url": HOME + "nyheter/ny",
            "municipality_id": "ekeby",
            "published": "2026-03-08",
            "last_seen": "2026-03-09T12:00:00+00:00",
            "etag": '"v1"',
        },
        HOME + "nyheter/gammal": {
            "url": HOME + "nyheter/gammal",
            "municipality_id": "ekeby",
            "published": "2025-01-01",
            "last_seen": "2026-03-09T12:00:00+00:00",
        },
    }
    pages = {
        HOME + "robots.txt": {
            "url": HOME + "robots.txt",
            "municipality_id": "ekeby",
            "kind": "robots",
            "outcome": "read",
            "last_fetched": "2026-03-10T02:00:00+00:00",
            "links": [{"kind": "sitemap", "url": HOME + "sitemap.xml"}],
            "content": "User-agent: *\n",
            "payload_sha256": None,
        },
        HOME + "kontakt": {
            "url": HOME + "kontakt",
            "municipality_id": "ekeby",
            "kind": "candidate",
            "outcome": "not_news",
            "last_fetched": "2026-03-05T12:00:00+00:00",
            "links": [],
        },
        HOME + "nyheter/": {
            "url": HOME + "nyheter/",
            "municipality_id": "ekeby",
            "kind": "listing",
            "outcome": "read",
            "last_fetched": "2026-03-09T12:00:00+00:00",
            "links": [
                {"kind": "candidate", "url": HOME + "nyheter/ny", "date": "2026-03-08", "listed": True}
            ],
        },
    }
    return CrawlMemory.from_rows(known, pages, RevisitConfig(mode=mode), lambda: NOW)


def test_rows_become_typed_items() -> None:
    memory = _memory()
    assert isinstance(memory.known[HOME + "nyheter/ny"], KnownArticle)
    page = memory.pages[HOME + "nyheter/"]
    assert isinstance(page, PageRecord)
    assert page.links[0] == Link(
        LinkKind.CANDIDATE, HOME + "nyheter/ny", date="2026-03-08", listed=True, extras=("date", "listed")
    )


def test_stored_links_keep_their_shape() -> None:
    row = {"kind": "candidate", "url": HOME + "a", "date": None, "listed": False}
    assert Link.from_dict(row).to_dict() == row
    assert list(Link.from_dict({"kind": "sitemap", "url": HOME}).to_dict()) == ["kind", "url"]


def test_a_new_article_is_due_daily_an_old_one_is_not() -> None:
    memory = _memory()
    assert memory.wants(memory.known[HOME + "nyheter/ny"])
    assert not memory.wants(memory.known[HOME + "nyheter/gammal"])


def test_a_newer_sitemap_lastmod_makes_it_due() -> None:
    memory = _memory()
    assert memory.wants(memory.known[HOME + "nyheter/gammal"], hint="2026-03-10T00:00:00+00:00")


def test_revisit_modes() -> None:
    assert _memory("all").wants(_memory().known[HOME + "nyheter/gammal"])
    assert not _memory("none").wants(_memory().known[HOME + "nyheter/ny"])
    assert list(_memory("none").due_articles("ekeby", "")) == []
    assert list(_memory().due_articles("ekeby", "")) == [HOME + "nyheter/ny"]
    assert list(_memory().due_articles("ekeby", "2026-03-09")) == []


def test_not_news_is_rechecked_after_a_week_listings_always() -> None:
    memory = _memory()
    assert not memory.page_due(memory.pages[HOME + "kontakt"])
    assert memory.page_due(memory.pages[HOME + "nyheter/"])
    later = CrawlMemory(memory.known, memory.pages, memory.policy, lambda: datetime(2026, 3, 13, tzinfo=UTC))
    assert later.page_due(memory.pages[HOME + "kontakt"])


def test_robots_is_reused_within_a_day() -> None:
    memory = _memory()
    assert memory.cached_robots(HOME + "robots.txt") is not None
    tomorrow = CrawlMemory(
        memory.known, memory.pages, memory.policy, lambda: datetime(2026, 3, 11, 3, tzinfo=UTC)
    )
    assert tomorrow.cached_robots(HOME + "robots.txt") is None


def test_stored_links_on_304() -> None:
    memory = _memory()
    links, counter = memory.stored_links(HOME + "nyheter/", 304, b"") or ([], None)
    assert counter == Counter.PAGE_NOT_MODIFIED and links[0].url == HOME + "nyheter/ny"
    assert memory.stored_links(HOME + "nyheter/", 200, b"changed") is None


def test_known_and_hubs() -> None:
    memory = _memory()
    assert memory.is_known(HOME + "nyheter/ny/?utm_source=x")
    assert not memory.is_known(HOME + "nyheter/annan")
    assert [p.url for p in memory.hubs("ekeby")] == [HOME + "nyheter/"]


def test_not_newer() -> None:
    assert not_newer("2026-03-08", "2026-03-09T10:00:00+00:00")
    assert not not_newer("2026-03-09", "2026-03-09T10:00:00+00:00")  # later that same day, perhaps
    assert not not_newer("2026-03-09T11:00:00+00:00", "2026-03-09T10:00:00+00:00")
    assert not not_newer("2026-03-01", None)
