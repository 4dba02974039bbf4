"""A municipality's publishing rhythm, and when its silence means the crawl is missing something.

A site whose crawl still works but that stops publishing is invisible to the ``failing`` policy: the
known articles are seen again unchanged, so every crawl is ``ok``. Against its own history it shows:
from the publication dates of its archived articles, the median interval between the days it
published on; a crawl that found nothing new when the latest article is older than
:data:`QUIET_FACTOR` times that interval (and at least :data:`QUIET_MIN_DAYS`) makes the municipality
``quiet``. Pure functions of dates.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

#: Silence longer than this many usual intervals is unusual for a site (a weekly publisher silent for
#: three weeks), not a slow month.
QUIET_FACTOR = 3
#: ... and never under three weeks: a daily publisher's long weekend or holiday is not news.
QUIET_MIN_DAYS = 21
#: Fewer intervals than this give no rhythm to judge by (a new site, a site with a handful of articles).
MIN_INTERVALS = 3


@dataclass(frozen=True)
class Rhythm:
    """The median days between a municipality's articles and the date of its latest one."""

    median_days: float
    last_article: dt.date

    def quiet_after(self) -> float:
        return max(QUIET_FACTOR * self.median_days, float(QUIET_MIN_DAYS))


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def rhythm(published: Iterable[str | None], today: dt.date) -> Rhythm | None:
    """The rhythm of the articles published up to ``today`` (later dates are errors of the site)."""
    days = sorted({d for d in map(_day, published) if d is not None and d <= today})
    if len(days) < MIN_INTERVALS + 1:
        return None
    intervals = [(b - a).days for a, b in itertools.pairwise(days)]
    return Rhythm(statistics.median(intervals), days[-1])


def quiet_note(published: Iterable[str | None], finished: str, articles_new: int) -> str | None:
    """Why a municipality is quiet after a crawl that finished at ``finished``, or None if it is not."""
    today = _day(finished)
    if articles_new or today is None:
        return None
    found = rhythm(published, today)
    if found is None:
        return None
    silent = (today - found.last_article).days
    if silent <= found.quiet_after():
        return None
    return (
        f"quiet: no new article since {found.last_article.isoformat()} ({silent} days; "
        f"usually one every {found.median_days:g} days)"
    )
