"""When to look at a known article again: a schedule that slows with the article's age. Pure.

News is edited most in its first days; a year-old press release changes rarely (but does: a name
corrected, a page taken down). The interval between checks grows with age::

    interval = clamp(age × MUNINEWS_REVISIT_AGE_FACTOR, MUNINEWS_REVISIT_MIN_DAYS, MUNINEWS_REVISIT_MAX_DAYS)

With the defaults (factor 1/12, 1 to 30 days) a day-old article is checked daily, a month-old one
every 2.5 days, a quarter-old one weekly, a year-old one monthly. Age counts from ``published``
(else ``first_seen``); the interval runs from ``last_seen``, the last time the article answered.

A sitemap ``<lastmod>`` or feed date newer than ``last_seen`` makes an article due whatever its
age: the site says it changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from scraper import settings as defaults
from scraper.clock import parse_time
from scraper.items import KnownArticle


@dataclass(frozen=True)
class Schedule:
    age_factor: float = defaults.MUNINEWS_REVISIT_AGE_FACTOR
    min_days: float = defaults.MUNINEWS_REVISIT_MIN_DAYS
    max_days: float = defaults.MUNINEWS_REVISIT_MAX_DAYS

    def interval_days(self, age_days: float) -> float:
        return min(max(age_days * self.age_factor, self.min_days), self.max_days)


def is_due(
    known: KnownArticle | dict[str, Any], now: datetime, schedule: Schedule, hint: str | None = None
) -> bool:
    """True if the known article (``Archive.known_articles`` facts) should be fetched again now.

    ``hint`` is a date the site gives for the page (sitemap lastmod, feed date): newer than
    ``last_seen`` means it changed.
    """
    facts = known if isinstance(known, dict) else vars(known)
    last_seen = parse_time(facts.get("last_seen"))
    if last_seen is None:
        return True
    hinted = parse_time(hint)
    if hinted is not None and hinted > last_seen:
        return True
    born = parse_time(facts.get("published")) or parse_time(facts.get("first_seen")) or last_seen
    age_days = max((now - born).total_seconds() / 86400, 0.0)
    waited_days = (now - last_seen).total_seconds() / 86400
    return waited_days >= schedule.interval_days(age_days)
