"""Contact people named by an article, read from the HTML.

trafilatura's text drops contact cards (they sit outside the article body, and e-mail
addresses often live only in ``mailto:`` hrefs), so this works on the parsed page:

1. contact blocks — a heading or label such as "Kontakt", "Kontaktpersoner", "Frågor besvaras av",
   "Media enquiries" and what follows it up to the next heading, plus elements whose class says
   contact;
2. ``mailto:`` and ``tel:`` links elsewhere in the article;
3. inside a block, lines (``<br>`` and block elements) are grouped into cards (``cards.py``): a line with a
   name starts a card, labelled "E-post"/"Telefon"/"Mobil"/"Email"/"Phone" lines fill it.

Site-wide contacts are left out: anything inside header/footer/nav/aside or an element whose
id/class says footer/header/sidebar/nav/cookie, and switchboards ("Växel", "Kontaktcenter",
"Switchboard", "Customer services"). Cards sharing an e-mail or a phone number are merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields

from lxml import etree
from lxml.etree import _Element

from scraper.items import Contact

from .cards import EMAIL, PHONE, SWITCHBOARD, Line, extract_cards, has_contact_data
from .contact_leads import HEADING_FULL, HEADING_START, lead_length
from .contact_rules import PageOrder, is_byline_element, is_byline_line, prose_contacts
from .encoding import decode_html
from .mentions import People
from .names import looks_like_name
from .tree import class_values, clean_text, is_in_chrome, parse_html
from .vocabulary import (
    CONTACT_BLOCK_MAX_CHARS,
    CONTACT_CARD_MAX_CHARS,
    CONTACT_PRESS_HEADING_WORDS,
    TEXT_BLOCK_TAGS,
)

_PRESS_HEADING = re.compile(r"\b(?:" + "|".join(CONTACT_PRESS_HEADING_WORDS) + ")", re.IGNORECASE)
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCK_TAGS = TEXT_BLOCK_TAGS - {"br"}
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


def _walk(el: _Element, lines: list[Line], top: bool = True) -> None:
    """Flatten an element into lines, keeping mailto:/tel: targets with the line they sit on."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("script", "style", "noscript", "button", "img"):
        return
    if tag in _BLOCK_TAGS or top:
        lines.append(Line(starts_block=True))
    if tag == "br":
        lines.append(Line())
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
                lines.append(Line())
            lines[-1].text += child.tail
    if tag in _BLOCK_TAGS:
        lines.append(Line(starts_block=True))


@dataclass
class _Block:
    """A contact block: the element that announces it and the elements it spans.

    ``start`` is set when the announcement sits inside its element after other text ("Anmäl dig
    till …<br>Vid frågor kontakta …"): the block starts at the line holding it.
    """

    label: _Element
    elements: list[_Element]
    start: str | None = None
    # A number or address with no name is the press desk's only under a press heading ("Media
    # enquiries: Email press@… or call …"); elsewhere it is a mailbox, an RSVP or the site's office.
    nameless_ok: bool = False
    # Found by its label ("Kontaktperson:", "För mer information:"), not by a class name: a person
    # named there is the article's contact even with no number or address written.
    labelled: bool = False


def _labels(tree: _Element) -> Iterator[tuple[_Element, str, str | None]]:
    """Elements whose text starts with a contact announcement, and lines after a <br> that do."""
    for label in tree.iter(*_LABEL_TAGS):
        own = clean_text(label.text)
        if own and lead_length(own):
            parent = label.getparent()
            inline = label.tag in ("strong", "b", "span") and parent is not None
            yield (parent if inline and parent is not None else label), own, own if inline else None
    for br in tree.iter("br"):
        tail, parent = clean_text(br.tail), br.getparent()
        if tail and parent is not None and lead_length(tail):
            yield parent, tail, tail


_CLASS_NODES = etree.XPath("//@class")  # each value knowing its element (getparent())


def _contact_class_elements(tree: _Element) -> list[_Element]:
    """Elements whose class contains "contact" or "kontakt" and not "author", in document order.

    Read from the page's class values as strings (an XPath testing every element's class cost
    more than the whole rest of the contact search); most pages have none, which the values joined
    tell at once."""
    classes = class_values(tree)
    if "contact" not in classes and "kontakt" not in classes:
        return []
    return [
        value.getparent()
        for value in _CLASS_NODES(tree)
        if ("contact" in value or "kontakt" in value) and "author" not in value
    ]


def _find_blocks(tree: _Element, order: PageOrder) -> list[_Block]:
    """Contact blocks: a contact label and the elements after it, up to the next heading."""
    blocks: list[_Block] = []
    seen: set[_Element] = set()
    for start, own, marker in _labels(tree):
        if len(own) > 120 and not has_contact_data(own):
            continue  # running text that happens to start with "Kontakt..."; a prose contact has data
        full = clean_text(start.text_content())
        if marker:
            full = full[max(full.find(marker[:40]), 0) :]
        if (
            (len(full) > 600 and not _dense(full))
            or is_in_chrome(start)
            or start in seen
            or order.before_text(start)
        ):
            continue
        block = [start]
        size, so_far = len(full), full
        is_heading = start.tag in _HEADING_TAGS or bool(HEADING_FULL.match(full))
        if is_heading or start.tag in ("p", "dt", "div", "span"):
            for sibling in start.itersiblings():
                if not isinstance(sibling.tag, str):
                    continue
                if sibling.tag in _HEADING_TAGS and not HEADING_FULL.match(
                    clean_text(sibling.text_content())
                ):
                    break
                text = clean_text(sibling.text_content())
                size += len(text)
                so_far += " " + text
                if size > CONTACT_BLOCK_MAX_CHARS and not _dense(so_far):
                    break  # a long list of cards goes on; anything else this far down is not the block
                if len(text.split()) > 40 and not has_contact_data(text):
                    break  # running text: the block is over
                block.append(sibling)
        seen.update(block)
        headings = [own] + [clean_text(el.text_content()) for el in block[1:] if el.tag in _HEADING_TAGS]
        press = any(HEADING_START.match(h) and _PRESS_HEADING.search(h[: lead_length(h)]) for h in headings)
        blocks.append(_Block(start, block, marker, nameless_ok=press, labelled=True))
    for el in _contact_class_elements(tree):
        if (
            el in seen
            or any(a in seen for a in el.iterancestors())
            or is_in_chrome(el)
            or order.before_text(el)
        ):
            continue
        seen.add(el)
        blocks.append(_Block(el, [el]))
    return blocks


def _dense(text: str) -> bool:
    """Text that is mostly contact cards: an e-mail or a number for every few short lines."""
    found = len(EMAIL.findall(text)) + len(PHONE.findall(text))
    return found > 0 and len(text) <= found * CONTACT_CARD_MAX_CHARS


def _block_lines(block: _Block) -> list[Line]:
    """The block's lines from its announcement on, without bylines."""
    lines: list[Line] = []
    for el in block.elements:
        _walk(el, lines)
    if block.start:
        at = next((k for k, line in enumerate(lines) if block.start[:40] in clean_text(line.text)), 0)
        lines = lines[at:]
        if lines:
            text = clean_text(lines[0].text)
            lines[0].text = text[text.find(block.start[:40]) :]
    return [line for line in lines if not is_byline_line(line.text)]


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


def extract_contacts(
    tree_or_html: _Element | str | bytes, country: str = "SE", people: People | None = None
) -> list[Contact]:
    """Contact people named by the article (not the site's switchboard or footer).

    ``country`` (ISO 3166-1 alpha-2) is the default region for numbers written without a country
    code; phones come out in E.164 with ``phone_raw`` as written, e-mails validated and lower-cased.
    ``people`` is the article's table of people (``quotes.read_quotes``, the speaker resolver shared
    by quotes and contacts): a contact card that gives no title takes the one the text gave that
    person ("… säger miljöchef Lena Ek." then "Kontakt: Lena Ek, 070-…").
    """
    contacts = _contacts(tree_or_html, country)
    if people is not None:
        for contact in contacts:
            resolve_with(contact, people)
    return contacts


def resolve_with(contact: Contact, people: People) -> None:
    """Complete a contact from the person the article names by that name: the title and the unit the
    text gave them, when the card itself gives none. Only a full name is looked up (a card's name
    is never a pronoun), and only a person known by the same full name counts."""
    if not contact.name or len(contact.name.split()) < 2:
        return
    person = people.find(contact.name)
    if person is None or person.name.lower() != contact.name.lower():
        return
    if not contact.role and person.role:
        contact.role = person.role
    if not contact.organisation and person.organisation:
        contact.organisation = person.organisation


def _contacts(tree_or_html: _Element | str | bytes, country: str) -> list[Contact]:
    tree = tree_or_html if isinstance(tree_or_html, _Element) else parse_html(decode_html(tree_or_html))
    if tree is None:
        return []
    order = PageOrder(tree)
    contacts: list[Contact] = []
    named: list[Contact] = []  # people a contact label names with no number or address
    in_blocks: set[_Element] = set()
    for block in _find_blocks(tree, order):
        for el in block.elements:
            in_blocks.update(el.iter())
        cards = _merge(extract_cards(_block_lines(block), country))
        contacts.extend(c for c in cards if block.nameless_ok or c.name)
        if block.labelled and not any(_reachable(c) for c in cards) and not _has_digits(block):
            # in a block that has numbers (even ones unusable for the country), a name alone is a
            # fragment: a cut entry, a "next item"
            named.extend(_named_under_label(_block_lines(block)))
    # mailto:/tel: links in the article outside any block: the link is the contact.
    for link in tree.xpath("//a[starts-with(@href, 'mailto:') or starts-with(@href, 'tel:')]"):
        if link in in_blocks or is_in_chrome(link) or is_byline_element(link) or order.before_text(link):
            continue
        parent = link.getparent()
        context = clean_text(parent.text_content()) if parent is not None else ""
        if SWITCHBOARD.search(context) or is_byline_line(context):
            continue
        lines = [Line(starts_block=True)]
        _walk(link, lines, top=False)
        contacts.extend(c for c in extract_cards(lines, country) if c.name)
    contacts.extend(prose_contacts(tree, in_blocks, order, country))
    # Someone to reach: a name alone (a cut entry, "Next item" under a block, a repeated name) is none,
    # unless a contact label names that person on its own line ("Kontaktperson: Sofia Lind"): the
    # article gives them as its contact, number or not.
    reachable = [c for c in _merge(contacts) if _reachable(c) and not _is_switchboard(c)]
    known = {c.name.lower() for c in reachable if c.name}
    for person in named:
        if person.name and person.name.lower() not in known and not _is_switchboard(person):
            known.add(person.name.lower())
            reachable.append(person)
    return reachable


def _named_under_label(lines: list[Line]) -> list[Contact]:
    """People a contact label names on its own line without a number or address: "Kontaktperson:
    Sofia Lind", "Kontakt: Tomas Berg, kommundirektör". The entry is complete as written. A bare name
    on a line of its own under a contact heading is not: that is where a card was cut ("Kontaktperson"
    then "Ebba Tolvsson"), and it stays out, as do editorial credits ("Redaktör: …", no contact label).
    """
    found: list[Contact] = []
    for line in lines:
        text = line.text.strip()
        n = lead_length(text)
        if not n or HEADING_FULL.match(text):
            continue
        name, _, role = (part.strip() for part in text[n:].strip(" :").partition(","))
        if _full_name(name) and len(role.split()) <= 6 and "," not in role:
            found.append(Contact(name=name, role=role or None))
    return found


def _reachable(contact: Contact) -> bool:
    return bool(contact.email or contact.phone or contact.phone_raw)


def _has_digits(block: _Block) -> bool:
    """A number of some kind is written in the block (five digits or more in a row of text)."""
    return any(re.search(r"\d(?:[\s-]?\d){4,}", clean_text(el.text_content())) for el in block.elements)


def _full_name(name: str | None) -> bool:
    """A person's full name (two to four capitalised words, no title word), not a desk or a fragment."""
    tokens = (name or "").split()
    return len(tokens) >= 2 and looks_like_name(tokens)


def _is_switchboard(contact: Contact) -> bool:
    text = " ".join(v for v in (contact.name, contact.role, contact.organisation) if v)
    mailbox = (contact.email or "").split("@")[0].replace(".", " ")  # "kontaktcenter@…", "vaxel@…"
    return bool(SWITCHBOARD.search(text) or SWITCHBOARD.search(mailbox))
