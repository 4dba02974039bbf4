"""Where on the page a contact may be taken from: after the article's text starts, never from a byline.

Two rules that keep what is not the article's contact out of ``contacts``:

- **Before the article.** Site templates put a press-team sidebar, a contact-centre widget or the
  writer's byline between the headline and the article text. A contact block (or a lone
  ``mailto:``/``tel:`` link) that starts before the first paragraph of running text is one of
  those. A page with no paragraph of running text keeps all its blocks (a short notice).
- **Prose.** Outside the blocks, a sentence that names a contact by a verb, a full name and a
  number or address (:func:`prose_contacts`) is a contact too.
- **Bylines.** An e-mail inside an element whose class says author or byline, or on a line that
  starts "Text:", "Av …", "By …", is the journalist's, not a contact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from lxml.etree import _Element

from scraper.items import Contact

from .cards import EMAIL, PHONE, Line, desk_after_verb, extract_cards
from .contact_values import unprefixed_spans
from .tree import clean_text, is_in_chrome
from .vocabulary import (
    ARTICLE_TEXT_MIN_WORDS,
    BYLINE_CLASS_TOKENS,
    BYLINE_LABELS,
    CONTACT_FILLER_WORDS,
    CONTACT_LEAD_VERBS,
    CONTACT_PROSE_MAX_WORDS,
    CONTACT_PROSE_WINDOW,
    EMAIL_LABELS,
    NOT_ARTICLE_TEXT_WORDS,
    PHONE_LABELS,
    TEXT_BLOCK_TAGS,
)

_PROSE_TAGS = ("p", "li", "dd", "td", "div", "blockquote")
_BYLINE_LINE = re.compile(
    r"^(?i:"
    + "|".join(re.escape(w) for w in sorted(BYLINE_LABELS, key=len, reverse=True))
    + r")\s*:?\s+[A-ZÅÄÖÆØÜ]"
)
_SENTENCE_END = re.compile(r"[.!?…]")
_SENTENCE_STOP = re.compile(r"[.!?…](?=\s+[A-ZÅÄÖÆØ])|[;()]")
_PROSE_VERB = re.compile(
    r"\b(?:" + "|".join(re.escape(v) for v in CONTACT_LEAD_VERBS) + r")\b:?\s+", re.IGNORECASE
)  # "… För mer information kontakta: Jonas Bergman …": the colon is the lead's, the name follows
_DATA_HINT = re.compile(r"\d\d|@")
# Between two numbers or addresses of one contact: labels, joining words, punctuation ("or email").
_DATA_GAP = re.compile(
    r"(?:[\s,;:/.()–-]|\b(?:"
    + "|".join(
        re.escape(w.rstrip("."))
        for w in sorted({*EMAIL_LABELS, *PHONE_LABELS, *CONTACT_FILLER_WORDS}, key=len, reverse=True)
    )
    + r")\b)*",
    re.IGNORECASE,
)
_NAME = r"[A-ZÅÄÖÆØÜÉ][\w'’-]+"
# A full name within the first words after the verb ("gärna fiskekonsulenten Lars Ek").
_PROSE_NAME = re.compile(rf"^(?:\S+\s+){{0,{CONTACT_PROSE_MAX_WORDS}}}?{_NAME}\s+{_NAME}\b")
_NOT_ARTICLE_TEXT = re.compile("|".join(re.escape(w) for w in NOT_ARTICLE_TEXT_WORDS), re.IGNORECASE)


class PageOrder:
    """Document order of the page's elements, and where the article's running text begins."""

    def __init__(self, tree: _Element) -> None:
        self.tree = tree  # the order is worked out on first use: most pages have no contact at all

    @cached_property
    def index(self) -> dict[_Element, int]:
        return {el: i for i, el in enumerate(self.tree.iter())}

    @cached_property
    def text_start(self) -> int | None:
        return next((self.index[el] for el in self.tree.iter(*_PROSE_TAGS) if _is_prose(el)), None)

    def before_text(self, el: _Element) -> bool:
        """The element comes before the article's first paragraph of running text."""
        return self.text_start is not None and self.index.get(el, 0) < self.text_start


def _is_container(el: _Element) -> bool:
    return any(
        isinstance(d.tag, str) and d.tag in TEXT_BLOCK_TAGS and d.tag != "br" for d in el.iterdescendants()
    )


def _is_prose(el: _Element) -> bool:
    if _is_container(el):
        return False  # a container: its paragraphs are judged one by one
    text = clean_text(el.text_content())
    if len(text.split()) < ARTICLE_TEXT_MIN_WORDS or not _SENTENCE_END.search(text):
        return False
    if _NOT_ARTICLE_TEXT.search(text):
        return False  # a cookie banner above the headline is not where the article starts
    return not (EMAIL.search(text) or PHONE.search(text) or is_in_chrome(el))


def is_byline_element(el: _Element) -> bool:
    """The element or an ancestor is a byline or author box (class, id or rel says so)."""
    for node in (el, *el.iterancestors()):
        value = f"{node.get('class', '')} {node.get('id', '')} {node.get('rel', '')}".lower()
        if any(token in value for token in BYLINE_CLASS_TOKENS):
            return True
    return False


def is_byline_line(text: str) -> bool:
    """A line that credits the writer: "Text: Anna Berg, anna.berg@…", "Av Anna Berg", "By Jane Smith"."""
    return bool(_BYLINE_LINE.match(clean_text(text)))


def prose_contacts(tree: _Element, taken: set[_Element], order: PageOrder, country: str) -> list[Contact]:
    """People a sentence of running text gives as contacts: "… kontakta gärna fiskekonsulenten Lars
    Ek 031-390 06 40 för att boka en tid." — a contact verb, within a few words a full name, then
    the number or address in the same sentence."""
    contacts: list[Contact] = []
    page = str(tree.text_content()).lower()  # lower-cased once: a case-blind search is slow on long pages
    if not any(_DATA_HINT.search(page, at, at + CONTACT_PROSE_WINDOW) for at in _verb_ends(page)):
        return contacts  # no contact verb with a number or address after it anywhere on the page
    for el in tree.iter(*_PROSE_TAGS):
        if el in taken or _is_container(el):
            continue
        text = clean_text(el.text_content())
        verbs = list(_PROSE_VERB.finditer(text))
        if not verbs or is_in_chrome(el) or order.before_text(el):
            continue
        for verb in verbs:
            window = _SENTENCE_STOP.split(text[verb.end() : verb.end() + CONTACT_PROSE_WINDOW], maxsplit=1)[0]
            data = _next_data(window, 0, country)
            if data is None:
                continue
            end = _data_run_end(window, data[1], country)
            if not _PROSE_NAME.search(window[: data[0]]):
                contacts.extend(_prose_desk(window, end, country))
                continue
            cards = extract_cards([Line(text=window[:end], starts_block=True)], country)
            # A person with a title ("byggledaren Lars Ek"): a name alone in prose is as often a firm.
            contacts.extend(c for c in cards if c.name and c.role and (c.email or c.phone or c.phone_raw))
    return contacts


def _prose_desk(window: str, end: int, country: str) -> list[Contact]:
    """A press desk a sentence gives as the contact, named right after the verb: "Du kan kontakte
    Kommunikation i Centerforvaltningen på tlf. … eller …" — the desk, capitalised, is the name."""
    m = desk_after_verb(window)  # the desk right after the verb, at most two lower-case words before it
    if m is None:
        return []  # "kontakt pressen" is a sentence; "kontakte Kommunikation" names the desk
    cards = extract_cards([Line(text=window[m.end() : end], starts_block=True)], country)
    data = [c for c in cards if c.email or c.phone]
    if not data:
        return []
    card = data[0]
    card.name, card.role = m["desk"], None
    return [card]


def _data_run_end(window: str, end: int, country: str) -> int:
    """Where the run of numbers and addresses that starts at the first one ends: "… on 020 7946 0123
    or email press@…", "… 031-390 06 41 070-174 06 41 jonas.bergman@…", "… på anna@… eller
    91 23 45 67" (a Norwegian or Danish number has no leading 0) — only labels and joining words
    between them."""
    while True:
        nxt = _next_data(window, end, country)
        if nxt is None or not _DATA_GAP.fullmatch(window[end : nxt[0]]):
            return end
        end = nxt[1]


def _next_data(window: str, at: int, country: str) -> tuple[int, int] | None:
    """The first number or address in ``window`` from ``at`` on, as (start, end): a number written
    with 0 or +, an e-mail, or a valid number of a country that dials no leading 0."""
    found = [m.span() for m in (PHONE.search(window, at), EMAIL.search(window, at)) if m]
    found += [(start + at, stop + at) for start, stop in unprefixed_spans(window[at:], country)[:1]]
    return min(found, default=None)


def _verb_ends(page: str) -> Iterator[int]:
    """Where a contact verb ends in the lower-cased page (a plain substring search: fast on long pages)."""
    for verb in CONTACT_LEAD_VERBS:
        at = page.find(verb)
        while at >= 0:
            end = at + len(verb)
            if not (at and page[at - 1].isalpha()) and not page[end : end + 1].isalpha():
                yield end
            at = page.find(verb, end)
