"""Where a contact block starts: a heading ("Kontakt", "Media enquiries") or a lead phrase on a line
of its own ("För ytterligare frågor kontakta", "Yderligere oplysninger:") — ``cards`` step of ``contacts``.
"""

from __future__ import annotations

import re

from .vocabulary import (
    CONTACT_COPULA_SUBJECTS,
    CONTACT_COPULAS,
    CONTACT_HEADINGS,
    CONTACT_HEADINGS_MORE,
    CONTACT_LEAD_MAX_WORDS,
    CONTACT_LEAD_VERBS,
    CONTACT_LEAD_WORDS,
)

_HEADINGS = sorted(
    {h.rstrip(":").lower() for h in CONTACT_HEADINGS + CONTACT_HEADINGS_MORE}, key=len, reverse=True
)
HEADING_START = re.compile(
    r"^(?:" + "|".join(re.escape(h) for h in _HEADINGS) + r")\b\s*:?\s*", re.IGNORECASE
)
_HEADING_FIRST = frozenset(h.split()[0] for h in _HEADINGS)
HEADING_FULL = re.compile(r"^(?:" + "|".join(re.escape(h) for h in _HEADINGS) + r")\s*:?$", re.IGNORECASE)
# A line that announces contacts in words of its own ("För ytterligare frågor kontakta",
# "Yderligere oplysninger:"): up to a colon or a closing contact verb, naming contact/information.
_LEAD = re.compile(
    r"^(?P<lead>[^:@\d]{2,160}?(?::|\b(?:"
    + "|".join(re.escape(v) for v in CONTACT_LEAD_VERBS)
    + r")\b:?))(?=\s|$)",
    re.IGNORECASE,
)
_LEAD_VERB_END = re.compile(
    r"\b(?:" + "|".join(re.escape(v) for v in CONTACT_LEAD_VERBS) + r")\b:?$|:$", re.IGNORECASE
)
# "Pressekontaktar for ordføraren er …": subject, an optional "for whom", the verb (vocabulary).
_COPULA_LEAD = re.compile(
    r"^(?:"
    + "|".join(re.escape(w) for w in CONTACT_COPULA_SUBJECTS)
    + r")\w*(?:\s+(?:for|för|til|till|at)\s+[^,.:;@\d]{1,60}?)?\s+(?:"
    + "|".join(CONTACT_COPULAS)
    + r")\s+(?=\S)",
    re.IGNORECASE,
)
# Any lead verb anywhere in a lower-cased line: one search instead of a substring test per verb.
_ANY_VERB = re.compile("|".join(re.escape(v) for v in CONTACT_LEAD_VERBS))
_LEAD_WORD = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in CONTACT_LEAD_WORDS) + ")", re.IGNORECASE)


def copula_lead_length(text: str) -> int:
    """Length of a "Pressekontakt er …" / "Press contacts are …" opening, or 0: the contact follows."""
    m = _COPULA_LEAD.match(text)
    return m.end() if m else 0


def lead_length(text: str) -> int:
    """Length of the contact announcement a line starts with (a heading or a lead phrase), or 0."""
    if copula := copula_lead_length(text):
        return copula
    head = text[:200].lower()
    first = head.split(maxsplit=1)[0].rstrip(":,.;") if head.strip() else ""
    heading = m.end() if first in _HEADING_FIRST and (m := HEADING_START.match(text)) else 0
    if ":" not in head and not _ANY_VERB.search(head):
        return heading  # the cheap test first: most lines on a page announce nothing
    m = _LEAD.match(text)
    # The lead word must be more than the closing verb: "Vid frågor kontakta" announces contacts,
    # "Den som vill anmäla sig kan kontakta" is a sentence.
    words = _LEAD_VERB_END.sub("", m["lead"]) if m else ""
    verb_colon = bool(
        m and m["lead"].endswith(":") and _LEAD_VERB_END.search(m["lead"][:-1])
    )  # "…, kontakta:"
    if m is None or len(m["lead"].split()) > CONTACT_LEAD_MAX_WORDS:
        return heading
    if not (verb_colon or _LEAD_WORD.search(words)):
        return heading
    return max(heading, m.end())


def verb_lead_length(text: str) -> int:
    """Inside a contact block, words up to a contact verb lead to the contact ("For volunteering,
    contact Hannah Cole, …"), whatever they name."""
    m = _LEAD.match(text)
    if m is None or len(m["lead"].split()) > CONTACT_LEAD_MAX_WORDS or m["lead"].endswith(":"):
        return 0
    return m.end()
