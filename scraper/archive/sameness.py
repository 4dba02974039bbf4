"""Whether two stored versions are one release published twice: on the municipality's site and in its
press room (Mynewsdesk, Cision, via TT), or as a PDF. Pure: decided from what a reader sees (title,
date, body), never from URLs, which differ by definition.

The three tests, all of which must pass:

* **Title.** Normalised (case, punctuation, a leading "Pressmeddelande:" label and spacing dropped)
  the titles are equal or nearly so (:data:`TITLE_SIMILARITY`, difflib's ratio): a press room may
  add a word ("Ekbacka kommun: ...") but a different release is a different headline. Two weekly
  notices share the headline, so the title alone never decides.
* **Date.** Published at most :data:`MAX_DAYS` apart: a press room often sends the release the day
  after the site has it (or the evening before). Where one version has no date (a site that shows
  none on the article), the body must match almost whole (:data:`UNDATED_CONTAINMENT`) instead:
  the date is what tells two weekly "Vägarbeten i centrum" apart when their texts are close.
* **Body.** Word 3-grams ("shingles") of the shorter body found in the longer one
  (:data:`BODY_CONTAINMENT`): containment rather than Jaccard because the press room version
  usually adds what the site prints elsewhere (an "Om Ekbacka kommun" paragraph, the press
  contacts), which must not count against it. A changed word breaks at most three shingles, so
  0.75 keeps a release whose words were edited up to about one in twelve. Measured on the
  generated web (``python -m scraper.tools.secondbench --containment``, 60 sites): press copies
  0.95 and up; a press release with a site article's headline but its own text at most 0.54;
  two different articles of one site 0.31 at the median, 0.63 at the 99th percentile, 0.86 at most (the
  generator's vocabulary is small; real texts share less). The tests in
  ``tests/archive/test_sameness.py`` add a weekly notice of another week and a follow-up release.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher

#: difflib ratio of the normalised titles at or above which they are "the same headline".
TITLE_SIMILARITY = 0.9
#: Most days between the two publication dates.
MAX_DAYS = 1
#: Share of the shorter body's word 3-grams that must be in the longer body.
BODY_CONTAINMENT = 0.75
#: Share needed instead when one of the two has no date.
UNDATED_CONTAINMENT = 0.9
#: Word n-gram length of the shingles.
SHINGLE = 3
#: A body with fewer shingles than this is too short to vouch for sameness on its own: then all of
#: its shingles must be in the other body.
MIN_SHINGLES = 8

_LABEL = re.compile(r"^\s*(?:pressmeddelande|press release|nyhet|news|pressinfo)\s*[:\-–—|]\s*", re.I)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Version:
    """What the test reads of one stored or incoming article."""

    title: str | None
    published: str | None  # ISO 8601 date or datetime
    body: str | None


def normalised_title(title: str | None) -> str:
    """The headline without case, accents' compatibility forms, punctuation and a leading label."""
    text = unicodedata.normalize("NFKC", title or "").casefold()
    text = _LABEL.sub("", text)
    return " ".join(_WORD.findall(text))


def shingles(text: str | None, n: int = SHINGLE) -> set[tuple[str, ...]]:
    """The word n-grams of a text (case-folded words, punctuation dropped)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def body_containment(a: str | None, b: str | None) -> float:
    """Share of the shorter body's shingles found in the longer one (0.0 when either is empty)."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return len(small & large) / len(small)


def title_similarity(a: str | None, b: str | None) -> float:
    ta, tb = normalised_title(a), normalised_title(b)
    if not ta or not tb:
        return 0.0
    return 1.0 if ta == tb else SequenceMatcher(None, ta, tb).ratio()


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def days_apart(a: str | None, b: str | None) -> int | None:
    da, db = _day(a), _day(b)
    return None if da is None or db is None else abs((da - db).days)


def date_window(published: str | None) -> tuple[str, str] | None:
    """The ``[low, high)`` ISO strings a stored ``published`` must fall in to be a candidate."""
    day = _day(published)
    if day is None:
        return None
    return (day - timedelta(days=MAX_DAYS)).isoformat(), (day + timedelta(days=MAX_DAYS + 1)).isoformat()


def same_release(a: Version, b: Version) -> bool:
    """Whether ``a`` and ``b`` are one release (see the module's docstring for the three tests)."""
    apart = days_apart(a.published, b.published)
    if apart is not None and apart > MAX_DAYS:
        return False
    if title_similarity(a.title, b.title) < TITLE_SIMILARITY:
        return False
    needed = BODY_CONTAINMENT if apart is not None else UNDATED_CONTAINMENT
    if min(len(shingles(a.body)), len(shingles(b.body))) < MIN_SHINGLES:
        needed = 1.0
    return body_containment(a.body, b.body) >= needed
