"""The demo web's content as data: one structure per article and per page.

Everything here is fictional: the municipalities, the people, the addresses. Phone
numbers are written as they appear on a page; :func:`e164` turns them into the
ground truth. Swedish mobile and landline numbers come from the ranges PTS reserves
for fiction (070-174 06 xx, 0980-319 2xx, 040-628 04 xx) where the brief allows, UK
numbers from the Ofcom drama range 0113 496 0xxx (Leeds), which libphonenumber accepts as
valid — its 01632 960xxx and 07700 900xxx ranges are reported invalid and would not be stored.

A body is a list of blocks: a plain string is a paragraph (inline HTML allowed: it is
inserted as is, so escape ``&`` and ``<`` yourself), :class:`H` a sub-heading,
:class:`Raw` markup inserted as is. Quotes are written out in the paragraphs the way a
communicator writes them; :attr:`Article.quotes` lists what an extractor should find,
and the build checks that every quote's text really is in the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import phonenumbers


@dataclass(frozen=True)
class H:
    """A sub-heading inside the body."""

    text: str


@dataclass(frozen=True)
class Raw:
    """Markup inserted as is (lists, tables, fact boxes)."""

    html: str


@dataclass(frozen=True)
class Quote:
    """What an extractor should find. Multi-paragraph quotes: parts separated by ``\\n``."""

    text: str
    speaker: str
    role: str | None = None


@dataclass(frozen=True)
class Contact:
    name: str | None
    role: str | None
    email: str | None = None  # as written (case kept); lower-cased in expected.json
    phone: str | None = None  # as written, e.g. "0500-12 34 61"
    style: str = "lines"  # how the site renders it; each renderer knows a few styles


@dataclass
class Article:
    slug: str
    title: str
    lead: str
    published: str  # YYYY-MM-DD
    body: list[Any]
    quotes: list[Quote] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    updated: str | None = None
    author: str | None = None
    contact_heading: str = "Kontakt"
    time: str = "09:00"  # publication time, where a site shows one
    tags: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)  # per-site switches: encoding, alias, ...


@dataclass
class Page:
    """A non-news page: service pages, contact, listings of events, ..."""

    path: str
    title: str
    body: list[Any]
    lead: str | None = None
    section: str | None = None  # breadcrumb parent (path)
    lastmod: str = "2026-01-15"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class SiteContent:
    id: str
    name: str
    country: str
    language: str
    domain: str
    articles: list[Article]
    pages: list[Page]
    must_not_contain: list[str]
    extra: dict[str, Any] = field(default_factory=dict)


def e164(phone: str, country: str) -> str:
    number = phonenumbers.parse(phone, country)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
