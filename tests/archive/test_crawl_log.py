"""Municipalities and crawls on tmp_path archives: the crawl status columns and the WAL."""

from __future__ import annotations

import pytest

from scraper.archive import Archive
from tests.helpers import sample_article

# -- municipalities and crawls ------------------------------------------------------------------


def crawl(archive: Archive, mid: str = "uppsala", **counts: int) -> str:
    defaults = {
        "pages_fetched": 10,
        "articles_found": 0,
        "articles_new": 0,
        "articles_updated": 0,
        "articles_unchanged": 0,
        "errors": 0,
    }
    defaults.update(counts)
    return archive.record_crawl(
        mid, started="2024-03-02T10:00:00Z", finished="2024-03-02T10:05:00Z", **defaults
    )


def test_crawl_ok(archive: Archive) -> None:
    archive.save_article(sample_article())
    assert crawl(archive, articles_found=1, articles_new=1) == "ok"
    m = archive.db["municipalities"].get("uppsala")
    assert (m["last_status"], m["last_crawled"], m["last_success"]) == ("ok",) + ("2024-03-02T10:05:00Z",) * 2
    assert m["article_count"] == 1
    assert archive.db["crawls"].count == 1


@pytest.mark.parametrize(
    "counts",
    [
        {"pages_fetched": 0},
        {"pages_fetched": 3, "errors": 3},
        {"pages_fetched": 40},  # fetched pages, recognised no news: the silent failure
        {"pages_fetched": 5, "articles_found": 2},  # found but could not store
    ],
)
def test_crawl_storing_nothing_is_failing(archive: Archive, counts: dict[str, int]) -> None:
    assert crawl(archive, **counts) == "failing"
    assert archive.db["municipalities"].get("uppsala")["last_status"] == "failing"
    assert archive.db["crawls"].get(1)["status"] == "failing"


def test_crawl_failing_keeps_last_success(archive: Archive) -> None:
    crawl(archive, articles_unchanged=3)
    archive.record_crawl(
        "uppsala",
        started="2024-04-01T00:00:00Z",
        finished="2024-04-01T00:01:00Z",
        pages_fetched=0,
        articles_found=0,
        articles_new=0,
        articles_updated=0,
        articles_unchanged=0,
        errors=1,
        note="DNS failure",
    )
    m = archive.db["municipalities"].get("uppsala")
    assert m["last_success"] == "2024-03-02T10:05:00Z"
    assert m["last_crawled"] == "2024-04-01T00:01:00Z"
    assert archive.db["crawls"].count == 2


def test_save_municipalities_keeps_status_and_missing_keys(archive: Archive) -> None:
    archive.save_municipalities([{"id": "uppsala", "homepage": "https://www.uppsala.se/"}])
    crawl(archive, articles_new=1)
    archive.save_municipalities(
        [{"id": "uppsala", "name": "Uppsala kommun", "platform": "sitevision"}, {"id": "ale", "name": "Ale"}]
    )
    m = archive.db["municipalities"].get("uppsala")
    assert m["name"] == "Uppsala kommun"
    assert m["homepage"] == "https://www.uppsala.se/"  # not NULLed by a record without it
    assert m["country"] == "SE"
    assert m["last_status"] == "ok"
    assert archive.db["municipalities"].count == 2


def test_checkpoint_empties_wal(archive: Archive) -> None:
    archive.save_article(sample_article())
    archive.checkpoint()
    wal = archive.path.with_name(archive.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
