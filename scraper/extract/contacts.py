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
from .names import has_unit_word, is_role_line, is_role_word, split_role_name, split_unit
from .tree import clean_text, is_in_chrome, parse_html
from .vocabulary import (
    CONTACT_ALTERNATIVES,
    CONTACT_BLOCK_MAX_CHARS,
    CONTACT_FILLER_WORDS,
    CONTACT_HEADINGS,
    DESK_MAX_WORDS,
    DESK_SUFFIXES,
    DESK_WORDS_EN,
    EMAIL_LABELS,
    PHONE_LABELS,
    PRESS_DESK_WORDS,
    SWITCHBOARD_WORDS,
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
# A number right after a phone label may be written without a leading 0 (Norwegian and Danish
# numbers have no trunk prefix): "Telefon: 45 67 89 01", "Tlf.: 20 12 34 56".
_LABELLED_PHONE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(w.rstrip(".")) for w in sorted(PHONE_LABELS, key=len, reverse=True))
    + r")\b\.?\s*:?\s*(\+?\d[\d \-–/()]{5,16}\d)(?![\w])",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "Energy advice: Priya Nair" / "Community development officer: Tom Ellis": a label before the name.
_LABEL_PREFIX = re.compile(r"^(?P<label>[^:,\d@]{2,40}):\s+(?P<rest>\S.*)$")
_NAME_WORD = r"[A-ZÅÄÖÆØÜÉ][\w'’-]+"
# "..., eller byggledare Kalle Nyström, 070-..." — a second person in the same prose sentence.
_ALTERNATIVE = re.compile(
    r",?\s+(?:"
    + "|".join(re.escape(w) for w in CONTACT_ALTERNATIVES)
    + rf")\s+(?=(?:[a-zåäöæø][\w-]*\s+){{0,3}}{_NAME_WORD}\s+{_NAME_WORD})"
)
_PRESS_DESK = re.compile("|".join(re.escape(w) for w in PRESS_DESK_WORDS), re.IGNORECASE)
_FILLERS = frozenset(CONTACT_FILLER_WORDS)
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


def _parse_phone(raw: str, country: str) -> phonenumbers.PhoneNumber | None:
    if _ISO_DATE.match(raw.strip()):
        return None
    try:
        return phonenumbers.parse(raw, country or None)
    except phonenumbers.NumberParseException:
        return None


def _norm_phone(raw: str, country: str) -> str | None:
    """E.164 for a number libphonenumber says is valid; ``None`` otherwise.

    Valid, not merely possible: ``phone`` is promised to be a real, diallable E.164 number (the gold
    floor and the demo crawl test check ``is_valid_number``). A well-formed number in an unallocated
    range (the UK's 01632 960xxx drama range) is kept as written in ``phone_raw`` instead, see
    :func:`_is_possible_phone`.
    """
    number = _parse_phone(raw, country)
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _is_possible_phone(raw: str, country: str) -> bool:
    number = _parse_phone(raw, country)
    return number is not None and phonenumbers.is_possible_number(number)


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
        if not own or not _HEADING_START.match(own):
            continue
        if len(own) > 120 and not (_EMAIL.search(own) or _PHONE.search(own)):
            continue  # running text that happens to start with "Kontakt..."; a prose contact has data
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


def _without_fillers(text: str) -> str:
    """Drop lower-case joining words at the ends of each comma part ("Festival Director, on or")."""
    parts = []
    for part in text.split(","):
        tokens = part.split()
        # Lower-case only: "Tove Ring" keeps her surname, "ring 070-..." loses its verb.
        while tokens and tokens[0].strip(".:") in _FILLERS:
            tokens.pop(0)
        while tokens and tokens[-1].strip(".:") in _FILLERS:
            tokens.pop()
        if tokens:
            parts.append(" ".join(tokens))
    return ", ".join(parts)


def _split_alternatives(line: _Line) -> list[_Line]:
    """One prose line naming several people ("... Sara Lind, 070-..., eller byggledare Kalle Nyström,
    070-...") becomes one line per person; link targets go with the part that shows them."""
    pieces = _ALTERNATIVE.split(line.text)
    if len(pieces) < 2:
        return [line]
    parts = [_Line(text=piece, starts_block=line.starts_block and k == 0) for k, piece in enumerate(pieces)]

    def owner(written: str) -> _Line:
        return next((p for p in parts if written and written.lower() in p.text.lower()), parts[0])

    for email in line.emails:
        owner(email).emails.append(email)
    for target, written in line.phones:
        owner(written).phones.append((target, written))
    return parts


def _name_press_desk(card: Contact) -> None:
    """A card without a person whose role or unit is a press desk takes the desk as its name."""
    if card.name:
        return
    for attr in ("role", "organisation"):
        value = getattr(card, attr)
        if not value:
            continue
        parts = [p.strip() for p in value.split(",")]
        desk = next((p for p in parts if _PRESS_DESK.search(p)), None)
        if desk:
            card.name = desk
            setattr(card, attr, ", ".join(p for p in parts if p != desk) or None)
            return


def _cards(lines: list[_Line], country: str) -> list[Contact]:
    lines = [part for line in lines for part in _split_alternatives(line)]
    cards: list[Contact] = []
    desks: list[Contact] = []  # cards opened by a desk line: kept only if data follows
    current: Contact | None = None
    last_block_had_data = False
    for line in lines:
        text = clean_text(line.text)
        text = _HEADING_START.sub("", text, count=1) if _HEADING_START.match(text) else text
        if _HEADING_FULL.match(text):
            text = ""
        emails = [e for e in (_norm_email(raw) for raw in line.emails + _EMAIL.findall(text)) if e]
        phones: list[tuple[str, str]] = []
        unallocated: list[str] = []  # well-formed but not valid: kept as written only
        for target, written in line.phones:
            if e164 := _norm_phone(target, country) or _norm_phone(written, country):
                phones.append((e164, written))
            elif _is_possible_phone(target, country):
                unallocated.append(clean_text(written))
        for written in _PHONE.findall(text) + _LABELLED_PHONE.findall(text):
            if (e164 := _norm_phone(written, country)) and all(p[0] != e164 for p in phones):
                phones.append((e164, clean_text(written)))
            elif not e164 and _is_possible_phone(written, country):
                unallocated.append(clean_text(written))
        rest = _EMAIL.sub(" ", text)
        for _, written in phones:
            rest = rest.replace(written, " ")
        rest = _LABELLED_PHONE.sub(" ", _PHONE.sub(" ", rest))
        rest = _without_fillers(clean_text(_LABELS.sub(" ", rest)).strip(" ,;:–-|"))
        if rest and _SWITCHBOARD.search(rest):
            current = None  # a switchboard line: neither it nor its numbers belong to a person
            continue
        label = None
        if rest and (m := _LABEL_PREFIX.match(rest)):
            label, rest = m["label"].strip(), m["rest"]
        if rest and not (emails or phones) and _is_desk_line(rest):
            # "Valkansliet" / "Electoral Services" above its e-mail and phone: the desk is the contact.
            current = Contact(name=rest)
            cards.append(current)
            desks.append(current)
            last_block_had_data = False
            continue
        if rest and _awaits_role(current) and is_role_line(rest):
            # "Tomas Berglund" then "vd, Norrsunds Energi": the role line of the card above.
            current.role, current.organisation = split_unit(rest)
            rest = ""
        if rest:
            name, role = split_role_name(rest)
            if name and label and not role:
                role = label  # "Community development officer: Tom Ellis"
            if name and (has_unit_word(name) or len(name.split()) < 2):
                name, role = None, None  # contact cards give full names; "Skicka" (e-post) is not one
            if name and len(rest.split()) <= 12:
                if current is None or current.name or current.email or current.phone:
                    current = Contact()
                    cards.append(current)
                current.name, current.role, current.organisation = name, *split_unit(role)
            elif has_unit_word(rest):
                if current is None or (line.starts_block and (current.email or current.phone_raw)):
                    # a unit on a line of its own after a complete card: a desk of its own
                    current = Contact()
                    cards.append(current)
                role, organisation = split_unit(rest)
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
        if unallocated and current is not None and not current.phone and not current.phone_raw:
            current.phone_raw = unallocated[0]
        last_block_had_data = bool(emails or phones)
    for card in cards:
        _name_press_desk(card)
    return [
        c for c in cards if (c.name or c.email or c.phone) and not (c in desks and not (c.email or c.phone))
    ]


def _is_desk_line(text: str) -> bool:
    """A desk named on a line of its own: "Valkansliet", "Electoral Services", "Press office"."""
    words = text.split()
    if not 1 <= len(words) <= DESK_MAX_WORDS or "," in text or any(ch.isdigit() for ch in text):
        return False
    if not text[:1].isupper() or any(is_role_word(w) for w in words):
        return False
    lows = [w.lower().strip(".:") for w in words]
    return bool(_PRESS_DESK.search(text)) or any(
        w in DESK_WORDS_EN or w.endswith(DESK_SUFFIXES) for w in lows
    )


def _awaits_role(card: Contact | None) -> bool:
    return card is not None and bool(card.name) and not (card.role or card.email or card.phone)


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
