"""Never garble: every quote and contact value extraction stores must occur in the page as written.

A value that the page does not contain — digits of a phone number glued onto the next e-mail
address (``12anna.berg@…`` from ``…12<br>anna.berg@…``), a heading glued onto a paragraph, text
decoded in the wrong encoding — is a bug in an extractor. :func:`drop_garbled` is the last step
of ``extract_article``: it compares each value with the page text and drops the ones that do not
occur, returning what it dropped so the crawl can count it (``extract/garbled``) and log it.

The page text is the visible text of the parsed page with a break at every ``<br>`` and block
boundary (so text that only sits side by side in the markup is never taken as one word), white
space collapsed, case-folded; ``mailto:``/``tel:`` targets count as written too. A quote may be
pieces around an attribution joined with a space ("– Det är bra, säger X. Nu börjar vi."), a role
may be a role and a party mark from two places: such a value passes when it is a few pieces that
each occur. E-mails and phones are compared whole; an E.164 number must be the number written.
"""

from __future__ import annotations

from urllib.parse import unquote

import phonenumbers
from lxml.etree import _Element

from scraper.items import Article, Contact, Quote

from .vocabulary import GARBLE_BLOCK_TAGS, GARBLE_MAX_PIECES, GARBLE_PIECE_EDGES, GARBLE_ROLE_ABBREVIATIONS

_SKIP = frozenset(("script", "style", "noscript", "template"))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class PageText:
    """What the page says, in the form values are checked against."""

    def __init__(self, tree: _Element) -> None:
        parts: list[str] = []
        self._collect(tree, parts)
        self.text = _norm("".join(parts))
        self.mailto: set[str] = set()
        self.tel: list[str] = []
        for link in tree.iter("a"):
            href = unquote((link.get("href") or "").strip())
            if href[:7].lower() == "mailto:":
                self.mailto.update(_norm(a) for a in href[7:].split("?")[0].split(","))
            elif href[:4].lower() == "tel:":
                self.tel.append(href[4:])

    def _collect(self, el: _Element, parts: list[str]) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag not in _SKIP and isinstance(el.tag, str):
            block = tag in GARBLE_BLOCK_TAGS
            parts.append(" " if block else "")
            parts.append(el.text or "")
            for child in el:
                self._collect(child, parts)
            parts.append(" " if block else "")
        parts.append(el.tail or "")

    def has(self, value: str) -> bool:
        """The value occurs as written (white space and case aside)."""
        return _norm(value) in self.text

    def has_pieces(self, value: str, max_pieces: int) -> bool:
        """The value is at most ``max_pieces`` runs of its words that each occur (joined pieces)."""
        tokens = value.split()
        i = pieces = 0
        while i < len(tokens):
            lo, hi = i, len(tokens)  # longest run tokens[i:j] that occurs; occurring runs are prefix-closed
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if self._piece_occurs(tokens[i:mid]):
                    lo = mid
                else:
                    hi = mid - 1
            if lo == i:
                return False
            pieces += 1
            i = lo
        return pieces <= max_pieces

    def _piece_occurs(self, tokens: list[str]) -> bool:
        # The seam of a joined quote may lose or gain punctuation and quotation marks at its ends.
        piece = " ".join(tokens).strip(GARBLE_PIECE_EDGES)
        return not piece or _norm(piece) in self.text

    def has_email(self, email: str) -> bool:
        return _norm(email) in self.mailto or self.has(email)

    def has_phone(self, contact: Contact) -> bool:
        """``phone_raw`` is written on the page (or is a tel: target); ``phone`` is that number."""
        raw = contact.phone_raw
        if raw is not None and not (self.has(raw) or raw in self.tel):
            return False
        if contact.phone is None:
            return True
        try:
            national = str(phonenumbers.parse(contact.phone, None).national_number)
        except phonenumbers.NumberParseException:
            return False
        written = [raw] if raw is not None else self.tel
        return any(national in _digits(w) for w in written)


def _role_occurs(role: str, page: PageText, kind: str) -> bool:
    """A role occurs as written, or with a word the extractors write out in full abbreviated."""
    if page.has_pieces(role, GARBLE_MAX_PIECES[kind]):
        return True
    words = role.split()
    for k, word in enumerate(words):
        for short in GARBLE_ROLE_ABBREVIATIONS.get(word.casefold(), ()):
            if page.has_pieces(" ".join([*words[:k], short, *words[k + 1 :]]), GARBLE_MAX_PIECES[kind]):
                return True
    return False


def _check_quote(quote: Quote, page: PageText, dropped: list[str]) -> bool:
    if not page.has_pieces(quote.text, GARBLE_MAX_PIECES["quote"]):
        dropped.append(f"quote.text {quote.text[:80]!r}")
        return False
    if quote.speaker is not None and not page.has_pieces(quote.speaker, GARBLE_MAX_PIECES["name"]):
        dropped.append(f"quote.speaker {quote.speaker!r}")
        return False
    if quote.role is not None and not _role_occurs(quote.role, page, "role"):
        dropped.append(f"quote.role {quote.role!r}")
        quote.role = None
    return True


def _check_contact(contact: Contact, page: PageText, dropped: list[str]) -> bool:
    named_only = not (contact.email or contact.phone or contact.phone_raw)  # "Kontaktperson: Name"
    for attr in ("name", "role", "organisation"):
        value = getattr(contact, attr)
        if value is not None and not _role_occurs(value, page, attr):
            dropped.append(f"contact.{attr} {value!r}")
            setattr(contact, attr, None)
    if contact.email is not None and not page.has_email(contact.email):
        dropped.append(f"contact.email {contact.email!r}")
        contact.email = None
    if (contact.phone or contact.phone_raw) and not page.has_phone(contact):
        dropped.append(f"contact.phone {contact.phone_raw or contact.phone!r}")
        contact.phone = contact.phone_raw = None
    if named_only:
        return contact.name is not None  # a contact label named the person: the name must be on the page
    return bool(contact.email or contact.phone or contact.phone_raw)


def drop_garbled(article: Article, tree: _Element) -> list[str]:
    """Drop the article's quote and contact values the page does not contain; say what was dropped.

    A quote whose text or speaker fails is dropped, a failing role is cleared; a contact loses the
    failing field and is dropped when no e-mail or phone is left (a contact is someone to reach); one
    a contact label gave by name alone is kept while its name is on the page.
    """
    if not article.quotes and not article.contacts:
        return []
    page = PageText(tree)
    dropped: list[str] = []
    quotes = [q for q in article.quotes if _check_quote(q, page, dropped)]
    for position, quote in enumerate(quotes):
        quote.position = position
    article.quotes = quotes
    article.contacts = [c for c in article.contacts if _check_contact(c, page, dropped)]
    return dropped
