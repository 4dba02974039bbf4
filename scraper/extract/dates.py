"""Published and updated dates.

Convention: dates are returned as ``YYYY-MM-DD`` strings, always — even when the page gives a
time. A date is comparable across pages and sources that rarely give a time zone; the time of
day of a municipal news item is not worth a second convention. A datetime with an offset is cut
to the date *as written* (the local date the page means), not converted to UTC.

Sources in order of trust:

1. structured data — ``article:published_time`` / ``article:modified_time`` and similar
   ``<meta>``, ``<time datetime>`` whose class says published/updated, JSON-LD
   ``datePublished`` / ``dateModified``;
2. labelled lines in the page — "Publicerad 2018-05-30", "Publicerat den 30 maj 2018 kl 10.15",
   "Sidan senast uppdaterad: 2018-05-30", "Published 12 March 2026", "Last updated: 14 March 2026",
   "Publiceret 14. marts 2023", "Oppdatert 15.03.2023"; a bare "Datum 14.03.2023" / "Dato:" label
   counts as published when no label says more;
3. a fallback date from htmldate (passed in by the caller, which runs it with
   :func:`htmldate_params` only when asked), used for ``published`` only.

Every date is capped at the fetch date: a cookie expiry in a script or an event next month is
never a publication date. ``updated`` earlier than or equal to ``published`` is dropped: an
article whose "last updated" is its publication day was not edited after publication.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from itertools import accumulate, islice
from typing import Any

from lxml import etree
from lxml.etree import _Element

from .tree import Fallback, is_in_chrome, resolve, short_text
from .vocabulary import (
    DATE_LABELS,
    META_PUBLISHED,
    META_UPDATED,
    MIN_DATE,
    MONTHS,
    PUBLISHED_LABELS,
    UPDATED_LABELS,
)

_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")
_MONTH_WORD = r"([A-Za-zÅÄÖåäöæøÆØ]{3,10})\.?"
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|:e|:a)?\.?\s+" + _MONTH_WORD + r",?\s+((?:19|20)\d{2})(?!\d)"
)
_MONTH_DAY_YEAR = re.compile(_MONTH_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?!\d)")
_JSONLD_KEY = re.compile(r'"(datePublished|dateModified|dateCreated)"\s*:\s*"([^"]+)"')


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None) -> str | None:
    """Find the first date in a short text and return it as ``YYYY-MM-DD``.

    Understands ISO dates and datetimes, "30 maj 2018", "3 juni 2018", "12 March 2026",
    "March 12, 2026", "12th March 2026", "30.5.2018" and "30/05/2018" (day first).
    """
    if not text:
        return None
    candidates: list[tuple[int, str]] = []
    if (m := _ISO.search(text)) and (v := _valid(int(m[1]), int(m[2]), int(m[3]))):
        candidates.append((m.start(), v))
    for m in _DAY_MONTH_YEAR.finditer(text):
        month = MONTHS.get(m[2].lower())
        if month and (v := _valid(int(m[3]), month, int(m[1]))):
            candidates.append((m.start(), v))
            break
    for m in _MONTH_DAY_YEAR.finditer(text):
        month = MONTHS.get(m[1].lower())
        if month and (v := _valid(int(m[3]), month, int(m[2]))):
            candidates.append((m.start(), v))
            break
    if (m := _NUMERIC.search(text)) and (v := _valid(int(m[3]), int(m[2]), int(m[1]))):
        candidates.append((m.start(), v))
    return min(candidates)[1] if candidates else None


def _capped(value: str | None, max_date: str) -> str | None:
    if value and MIN_DATE <= value <= max_date:
        return value
    return None


def htmldate_params(fetched_at: str) -> dict[str, Any]:
    """Parameters for htmldate (via trafilatura's ``date_extraction_params``), capped at the fetch date."""
    return {
        "original_date": True,
        "extensive_search": False,  # the labelled-line search below does the precise part
        "max_date": fetched_at[:10],
        "outputformat": "%Y-%m-%d",
    }


def _labels_regex(labels: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    # A label may touch its date ("Publicerat3 maj, 2021": two <span>s the stylesheet sets apart),
    # never a following letter ("Publiceringen").
    return re.compile(rf"(?<![\w-])({alternatives})(?![^\W\d]|-)\s*(?:den|on|:|kl\.?)?", re.IGNORECASE)


_PUBLISHED_RE = _labels_regex(PUBLISHED_LABELS)
_UPDATED_RE = _labels_regex(UPDATED_LABELS)
_DATE_RE = _labels_regex(DATE_LABELS)
# Text nodes worth a look: cheap prefilter before the label regexes, searched in lower-cased text
# (the case-insensitive flag makes Python's re try every alternative at every position: 10x slower).
_LABEL_HINT_LOWER = re.compile(
    r"publi|uppdater|ändra|updated|posted|modified|oppdater|opdater|päivit|julkais|aktualis|veröff"
    r"|endret|ændret|udgivet|revised|datum|dato|date"
)


def _structured(tree: _Element) -> tuple[str | None, str | None]:
    published = updated = None
    metas: dict[tuple[str, str], str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = meta.get(attr)
            if key:
                metas.setdefault((attr, key.lower()), content)
    for key in META_PUBLISHED:
        if published := parse_date(metas.get(key)):
            break
    for key in META_UPDATED:
        if updated := parse_date(metas.get(key)):
            break
    for time_el in tree.iter("time"):
        value = time_el.get("datetime") or time_el.text
        marks = f"{time_el.get('class', '')} {time_el.get('itemprop', '')}".lower()
        if is_in_chrome(time_el):
            continue
        if not published and ("published" in marks or "datepublished" in marks or "entry-date" in marks):
            published = parse_date(value)
        if not updated and ("updated" in marks or "modified" in marks):
            updated = parse_date(value)
    if not published or not updated:
        for script in tree.iter("script"):
            if "ld+json" not in (script.get("type") or "") or not script.text:
                continue
            for key, value in _JSONLD_KEY.findall(script.text):
                if key in ("datePublished", "dateCreated") and not published:
                    published = parse_date(value)
                elif key == "dateModified" and not updated:
                    updated = parse_date(value)
    return published, updated


# Text nodes (scripts and styles aside), each knowing its element (``getparent()``: the element
# whose text or tail it is).
_TEXT_NODES = etree.XPath(".//text()[not(parent::script or parent::style or parent::noscript)]")
_SKIPPED = frozenset(("script", "style", "noscript"))
Labelled = tuple[str | None, str | None, str | None]  # published, updated, a bare "Datum" date


def _hinted(root: _Element) -> set[_Element]:
    """Elements whose own text or tail holds a label word (scripts, styles aside).

    The page's text is lower-cased and searched once, joined, with :data:`_LABEL_HINT_LOWER`, and
    each hit mapped back to its text node: a case-insensitive alternation is ten times slower in
    Python's ``re`` than a lower-cased search, and searching node by node costs a call per node. A
    hint word never spans two text nodes (they are joined with a newline)."""
    nodes = _TEXT_NODES(root)
    hinted: set[_Element] = set()
    joined = "\n".join(nodes)
    low = joined.lower()
    if len(low) == len(joined):
        ends = list(accumulate(len(text) + 1 for text in nodes))  # one past each node's newline
        for m in _LABEL_HINT_LOWER.finditer(low):
            hinted.add(nodes[bisect_right(ends, m.start())].getparent())
    else:  # a character whose lower case is longer ("İ"): offsets would shift, read node by node
        hinted = {text.getparent() for text in nodes if _LABEL_HINT_LOWER.search(text.lower())}
    if root.tail and _LABEL_HINT_LOWER.search(root.tail.lower()):
        hinted.add(root)
    return {el for el in hinted if el is not None and el.tag not in _SKIPPED}


def _labelled(tree: _Element) -> Labelled:
    """Dates next to a "Publicerad" / "Uppdaterad" / "Published" / "Datum" label, outside site chrome."""
    published = updated = dated = None
    body = tree.find("body")
    root = body if body is not None else tree
    hinted = _hinted(root)
    if not hinted:
        return published, updated, dated
    for node in root.iter():  # document order, as the first label found wins
        if node not in hinted:
            continue
        # The label and the date are often in sibling elements, or in the children of two sibling
        # elements (<div><dt>Publicerad</dt></div><div><dd>14 mars</dd></div>): look up two levels.
        for el in (node, *islice(node.iterancestors(), 2)):
            snippet = short_text(el, 300)
            if snippet is None:
                break
            found = _dates_after_labels(snippet)
            if any(found):
                if not is_in_chrome(node):
                    published, updated, dated = published or found[0], updated or found[1], dated or found[2]
                break
        if published and updated:
            break
    return published, updated, dated


def _dates_after_labels(snippet: str) -> Labelled:
    # Updated labels first: "Sidan senast uppdaterad" must not be read as a "Publicerad" line.
    found: list[str | None] = [None, None, None]
    spans: list[tuple[int, int]] = []
    for n, regex in ((1, _UPDATED_RE), (0, _PUBLISHED_RE), (2, _DATE_RE)):
        for m in regex.finditer(snippet):
            if any(a <= m.start() < b for a, b in spans):
                continue  # "datum" in "Publiceringsdatum", "ändrad" in "Senast ändrad"
            value = parse_date(snippet[m.end() : m.end() + 40])
            if value:
                found[n] = found[n] or value
                spans.append((m.start(), m.end()))
    return found[0], found[1], found[2]


def extract_dates(
    tree: _Element, fetched_at: str, fallback_published: Fallback = None
) -> tuple[str | None, str | None]:
    """Return ``(published, updated)`` as ``YYYY-MM-DD``, each capped at the fetch date.

    ``fallback_published`` is htmldate's guess (run with :func:`htmldate_params`), or a function
    that computes it: it is used, and computed, only when the page states no published date itself.
    """
    max_date = fetched_at[:10] if fetched_at else date.max.isoformat()
    published, updated = _structured(tree)
    published, updated = _capped(published, max_date), _capped(updated, max_date)
    if not published or not updated:
        labelled_published, labelled_updated, dated = _labelled(tree)
        published = published or _capped(labelled_published, max_date) or _capped(dated, max_date)
        updated = updated or _capped(labelled_updated, max_date)
    if not published:
        fallback = _capped(parse_date(resolve(fallback_published)), max_date)
        # htmldate sometimes returns the "senast uppdaterad" date; that is not a publication date.
        if fallback and fallback != updated:
            published = fallback
    if published and updated and updated <= published:
        # Earlier is an error on the page; equal means "not edited since": SiteVision prints
        # "Sidan senast uppdaterad" with the publication date on pages never touched again.
        updated = None
    return published, updated
