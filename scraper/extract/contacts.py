"""Contact people named by an article, read from the HTML.

trafilatura's text drops contact cards (they sit outside the article body, and e-mail
addresses often live only in ``mailto:`` hrefs), so this works on the parsed page:

1. contact blocks — a heading or label such as "Kontakt", "Kontaktpersoner", "Frågor besvaras av",
   "Media enquiries" and what follows it up to the next heading, plus elements whose class says
   contact;
2. ``mailto:`` and ``tel:`` links elsewhere in the article;
3. inside a block, lines (``<br>`` and block elements) are grouped into cards: a line with a
   name starts a card, labelled "E-post"/"Telefon"/"Mobil"/"Email"/"Phone" lines fill it.

Site-wide contacts are left out: anything inside header/footer/nav/aside or an element whose
id/class says footer/header/sidebar/nav/cookie, and switchboards ("Växel", "Kontaktcenter",
"Switchboard", "Customer services"). Cards sharing an e-mail or a phone number are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from lxml.etree import _Element

from scraper.items import Contact

from .encoding import decode_html
from .quotes import is_role_word, split_role_name
from .tree import clean_text, is_in_chrome, parse_html
from .vocabulary import (
    CONTACT_BLOCK_MAX_CHARS,
    CONTACT_HEADINGS,
    EMAIL_LABELS,
    PHONE_LABELS,
    SWITCHBOARD_WORDS,
    UNIT_WORDS,
)

_HEADINGS = sorted({h.rstrip(":").lower() for h in CONTACT_HEADINGS}, key=len, reverse=True)
_HEADING_START = re.compile(
    r"^(?:" + "|".join(re.escape(h) for h in _HEADINGS) + r")\b\s*:?\s*", re.IGNORECASE
)
_HEADING_FULL = re.compile(r"^(?:" + "|".join(re.escape(h) for h in _HEADINGS) + r")\s*:?$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A phone number as written: starts with +, 00 or 0 (a date or a sum never does), digits with
# spaces, dashes, slashes or brackets between them.
_PHONE = re.compile(r"(?<![\w+])(?:\+|00|0)[\d][\d \-–/()]{5,18}\d(?![\w])")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LABELS = re.compile(
    r"\b(?:"
    + "|".join(re.escape(w) for w in sorted(EMAIL_LABELS + PHONE_LABELS, key=len, reverse=True))
    + r")\b\.?\s*:?",
    re.IGNORECASE,
)
_SWITCHBOARD = re.compile("|".join(re.escape(w) for w in SWITCHBOARD_WORDS), re.IGNORECASE)
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCK_TAGS = frozenset(
    (
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "address",
        "article",
        *_HEADING_TAGS,
    )
)
_LABEL_TAGS = (
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "p",
    "dt",
    "span",
    "div",
    "th",
    "legend",
    "caption",
)


@dataclass
class _Line:
    text: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (number for parsing, as written)
    starts_block: bool = False


def _norm_email(raw: str) -> str | None:
    try:
        return validate_email(raw.strip().strip("<>.,;:"), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def _norm_phone(raw: str, country: str) -> str | None:
    if _ISO_DATE.match(raw.strip()):
        return None
    try:
        number = phonenumbers.parse(raw, country or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _walk(el: _Element, lines: list[_Line], top: bool = True) -> None:
    """Flatten an element into lines, keeping mailto:/tel: targets with the line they sit on."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("script", "style", "noscript", "button", "img"):
        return
    if tag in _BLOCK_TAGS or top:
        lines.append(_Line(starts_block=True))
    if tag == "br":
        lines.append(_Line())
    if tag == "a":
        href = (el.get("href") or "").strip()
        if href.lower().startswith("mailto:"):
            lines[-1].emails.append(href[7:].split("?")[0])
        elif href.lower().startswith("tel:"):
            lines[-1].phones.append((href[4:], clean_text(el.text_content()) or href[4:]))
    if el.text and tag != "br":
        lines[-1].text += el.text
    for child in el:
        if isinstance(child.tag, str):
            _walk(child, lines, top=False)
        if child.tail:
            if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                lines.append(_Line())
            lines[-1].text += child.tail
    if tag in _BLOCK_TAGS:
        lines.append(_Line(starts_block=True))


def _find_blocks(tree: _Element) -> list[list[_Element]]:
    """Contact blocks: a contact label and the elements after it, up to the next heading."""
    blocks: list[list[_Element]] = []
    seen: set[_Element] = set()
    for label in tree.iter(*_LABEL_TAGS):
        own = clean_text(label.text)
        if not own or len(own) > 120 or not _HEADING_START.match(own):
            continue
        full = clean_text(label.text_content())
        if len(full) > 600 or is_in_chrome(label):
            continue
        # An inline label (<strong>Kontakt:</strong> ...) stands for its paragraph.
        start = label
        if label.tag in ("strong", "b", "span") and label.getparent() is not None:
            start = label.getparent()
        if start in seen:
            continue
        block = [start]
        size = len(full)
        is_heading = start.tag in _HEADING_TAGS or bool(_HEADING_FULL.match(clean_text(start.text_content())))
        if is_heading or start.tag in ("p", "dt", "div", "span"):
            for sibling in start.itersiblings():
                if not isinstance(sibling.tag, str):
                    continue
                if sibling.tag in _HEADING_TAGS and not _HEADING_FULL.match(
                    clean_text(sibling.text_content())
                ):
                    break
                text = clean_text(sibling.text_content())
                size += len(text)
                if size > CONTACT_BLOCK_MAX_CHARS:
                    break
                if len(text.split()) > 40 and not _EMAIL.search(text) and not _PHONE.search(text):
                    break  # running text: the block is over
                block.append(sibling)
        seen.update(block)
        blocks.append(block)
    for el in tree.xpath(
        "//*[(contains(@class, 'contact') or contains(@class, 'kontakt'))"
        " and not(contains(@class, 'author'))]"
    ):
        if el in seen or any(a in seen for a in el.iterancestors()) or is_in_chrome(el):
            continue
        seen.add(el)
        blocks.append([el])
    return blocks


def _cards(lines: list[_Line], country: str) -> list[Contact]:
    cards: list[Contact] = []
    current: Contact | None = None
    last_block_had_data = False
    for line in lines:
        text = clean_text(line.text)
        text = _HEADING_START.sub("", text, count=1) if _HEADING_START.match(text) else text
        if _HEADING_FULL.match(text):
            text = ""
        emails = [e for e in (_norm_email(raw) for raw in line.emails + _EMAIL.findall(text)) if e]
        phones: list[tuple[str, str]] = []
        for target, written in line.phones:
            if e164 := _norm_phone(target, country) or _norm_phone(written, country):
                phones.append((e164, written))
        for written in _PHONE.findall(text):
            if (e164 := _norm_phone(written, country)) and all(p[0] != e164 for p in phones):
                phones.append((e164, clean_text(written)))
        rest = _EMAIL.sub(" ", text)
        for _, written in phones:
            rest = rest.replace(written, " ")
        rest = _PHONE.sub(" ", rest)
        rest = clean_text(_LABELS.sub(" ", rest)).strip(" ,;:–-|")
        if rest and _SWITCHBOARD.search(rest):
            current = None  # a switchboard line: neither it nor its numbers belong to a person
            continue
        if rest:
            name, role = split_role_name(rest)
            if name and (_has_unit_word(name) or len(name.split()) < 2):
                name, role = None, None  # contact cards give full names; "Skicka" (e-post) is not one
            if name and len(rest.split()) <= 12:
                if current is None or current.name or current.email or current.phone:
                    current = Contact()
                    cards.append(current)
                current.name, current.role, current.organisation = name, *_split_unit(role)
            elif _has_unit_word(rest):
                if current is None:
                    current = Contact()
                    cards.append(current)
                role, organisation = _split_unit(rest)
                current.organisation = current.organisation or organisation
                current.role = current.role or role
            elif current is not None and current.name and not current.role and len(rest.split()) <= 6:
                current.role = rest
        if emails or phones:
            if current is None or (line.starts_block and last_block_had_data and not rest):
                current = Contact()
                cards.append(current)
            for email in emails:
                if current.email and current.email != email:
                    current = Contact(email=email)
                    cards.append(current)
                current.email = current.email or email
            for e164, written in phones:
                if current.phone and current.phone != e164:
                    continue  # a second number (mobile and desk): keep the first
                current.phone, current.phone_raw = e164, written
        last_block_had_data = bool(emails or phones)
    return [c for c in cards if c.name or c.email or c.phone]


def _has_unit_word(text: str) -> bool:
    low = f" {text.lower()} "
    return any(word in low for word in UNIT_WORDS)


def _split_unit(role: str | None) -> tuple[str | None, str | None]:
    """Comma parts naming a unit are the organisation.

    "lärare, Björkbacka skola" -> ("lärare", "Björkbacka skola").
    """
    if not role:
        return None, None
    parts = [p.strip() for p in role.split(",") if p.strip()]
    units = [
        p
        for p in parts
        if _has_unit_word(p) and not p[:1].islower() and not any(is_role_word(t) for t in p.split())
    ]
    others = [p for p in parts if p not in units]
    return (", ".join(others) or None), (", ".join(units) or None)


def _merge(contacts: list[Contact]) -> list[Contact]:
    merged: list[Contact] = []
    for contact in contacts:
        twin = next(
            (
                m
                for m in merged
                if (contact.email and contact.email == m.email)
                or (contact.phone and contact.phone == m.phone)
                or (contact.name and contact.name == m.name)
            ),
            None,
        )
        if twin is None:
            merged.append(contact)
            continue
        for f in fields(Contact):
            if getattr(twin, f.name) is None:
                setattr(twin, f.name, getattr(contact, f.name))
    return merged


def extract_contacts(tree_or_html: _Element | str | bytes, country: str = "SE") -> list[Contact]:
    """Contact people named by the article (not the site's switchboard or footer).

    ``country`` (ISO 3166-1 alpha-2) is the default region for numbers written without a country
    code; phones come out in E.164 with ``phone_raw`` as written, e-mails validated and lower-cased.
    """
    tree = tree_or_html if isinstance(tree_or_html, _Element) else parse_html(decode_html(tree_or_html))
    if tree is None:
        return []
    contacts: list[Contact] = []
    in_blocks: set[_Element] = set()
    for block in _find_blocks(tree):
        lines: list[_Line] = []
        for el in block:
            _walk(el, lines)
            in_blocks.update(el.iter())
        contacts.extend(_cards(lines, country))
    # mailto:/tel: links in the article outside any block: the link is the contact.
    for link in tree.xpath("//a[starts-with(@href, 'mailto:') or starts-with(@href, 'tel:')]"):
        if link in in_blocks or is_in_chrome(link):
            continue
        parent = link.getparent()
        context = clean_text(parent.text_content()) if parent is not None else ""
        if _SWITCHBOARD.search(context):
            continue
        lines = [_Line(starts_block=True)]
        _walk(link, lines, top=False)
        contacts.extend(_cards(lines, country))
    return [c for c in _merge(contacts) if not _is_switchboard(c)]


def _is_switchboard(contact: Contact) -> bool:
    text = " ".join(v for v in (contact.name, contact.role, contact.organisation) if v)
    return bool(_SWITCHBOARD.search(text))
