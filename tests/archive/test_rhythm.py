"""Health against each municipality's own rhythm: ``quiet`` when a working crawl finds nothing new after
a silence unusual for that site (scraper.archive.rhythm, and record_crawl on tmp_path archives)."""

from __future__ import annotations

import datetime as dt

import pytest

from scraper.archive import Archive
from scraper.archive.rhythm import quiet_note, rhythm
from tests.helpers import numbered_article

FINISHED = "2026-06-30T10:05:00Z"
TODAY = dt.date(2026, 6, 30)


def every(days: int, last: str, count: int = 10) -> list[str]:
    end = dt.date.fromisoformat(last)
    return [(end - dt.timedelta(days=days * i)).isoformat() for i in range(count)]


def test_rhythm_is_the_median_interval_between_publishing_days():
    found = rhythm([*every(7, "2026-06-01"), "2026-06-01", None, "not a date", "2026-09-01"], TODAY)
    assert found is not None and (found.median_days, found.last_article) == (7, dt.date(2026, 6, 1))
    assert rhythm(every(7, "2026-06-01", count=3), TODAY) is None  # too few to judge by


@pytest.mark.parametrize(
    ("dates", "new", "quiet"),
    [
        (every(7, "2026-05-20"), 0, True),  # weekly, silent 41 days > 3 x 7 and >= 21
        (every(7, "2026-06-20"), 0, False),  # weekly, silent 10 days
        (every(7, "2026-05-20"), 1, False),  # the crawl found something new
        (every(20, "2026-05-20"), 0, False),  # every 20 days: 41 days is within 3 x 20
        (every(1, "2026-06-15"), 0, False),  # daily, silent 15 days: under the 21-day floor
        (every(1, "2026-06-05"), 0, True),  # daily, silent 25 days
    ],
)
def test_quiet_against_its_own_rhythm(dates, new, quiet):
    note = quiet_note(dates, FINISHED, new)
    assert (note is not None) == quiet, note
    if quiet:
        assert f"no new article since {max(dates)}" in note


def _crawl(archive: Archive, **counts: int) -> str:
    values = {"pages_fetched": 12, "articles_found": 10, "articles_new": 0, "articles_updated": 0}
    values.update({"articles_unchanged": 10, "errors": 0, **counts})
    return archive.record_crawl("uppsala", started="2026-06-30T10:00:00Z", finished=FINISHED, **values)


def test_record_crawl_marks_a_silent_site_quiet_with_the_date_of_its_last_article(archive: Archive):
    for n, published in enumerate(every(7, "2026-05-20")):
        archive.save_article(numbered_article(n, published))
    assert _crawl(archive) == "quiet"
    m = archive.db["municipalities"].get("uppsala")
    assert (m["last_status"], m["last_success"]) == ("quiet", FINISHED)  # the crawl itself worked
    (row,) = archive.db.execute("SELECT status, note FROM crawls").fetchall()
    assert row[0] == "quiet" and "no new article since 2026-05-20" in row[1]
    # A crawl that stores nothing is failing, whatever the rhythm says.
    assert _crawl(archive, articles_found=0, articles_unchanged=0) == "failing"


def test_a_site_publishing_on_its_rhythm_stays_ok(archive: Archive):
    for n, published in enumerate(every(7, "2026-06-25")):
        archive.save_article(numbered_article(n, published))
    assert _crawl(archive) == "ok"
