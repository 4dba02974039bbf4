"""Cells of the human query pages (crawl health, map, edited, removed, contacts): links and short text.

Datasette's ``render_cell`` hook calls :func:`human_cell` for every cell of a query page, and of
the table pages that list people (:data:`PEOPLE_TABLES`: elsewhere table pages keep Datasette's own
foreign-key links). By column name, and the row's other columns:

* a person's ``name`` or ``speaker`` links to the person page, when the row has ``person_id`` (or,
  on the ``people`` table, its ``id``);
* an article's ``title`` (or ``article_id``) links to the article page, when the row has ``article_id``;
* a municipality's ``name`` (on rows of municipalities: crawl health, the map) and ``municipality_id``
  link to the municipality's page; a ``municipality`` name beside a ``municipality_id`` links to its news;
* ``email`` and ``phone`` become ``mailto:`` and ``tel:`` links; the ``tel:`` is E.164 (``phone`` is
  stored so; a number written otherwise is parsed, and without a country code it stays text), shown
  grouped for reading (``+46 70 123 45 67``);
* URLs are links (Datasette does that too) whose text is cut to :data:`URL_CHARS`;
* long text in :data:`SHORTENED` columns is cut to :data:`TEXT_CHARS` with the whole value in its
  ``title`` (the whole value stays in the JSON and CSV exports).

Every value is escaped; None means "Datasette's default rendering".
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

import phonenumbers
from markupsafe import Markup, escape

from scraper.web.archive_db import DATABASE_NAME

TEXT_CHARS = 90
URL_CHARS = 60
#: Columns whose long values are cut short on query pages.
SHORTENED = frozenset(
    {"title", "note", "latest_article", "removed_reason", "popup", "role", "changed_fields"}
)
#: Tables whose pages list people: their names, e-mails and phones are links there too.
PEOPLE_TABLES = frozenset({"people", "contacts", "quotes"})
_URL = re.compile(r"^https?://\S+$")
_PHONE = re.compile(r"^\+[\d\s()-]{5,}$")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _link(href: str, text: str, *, full: str | None = None, rel: str | None = None) -> Markup:
    title = f' title="{escape(full)}"' if full and full != text else ""
    rel_attr = f' rel="{rel}"' if rel else ""
    return Markup(f'<a href="{escape(href)}"{title}{rel_attr}>{escape(text)}</a>')


def _keys(row: Any) -> set[str]:
    try:
        return set(row.keys())
    except AttributeError:
        return set()


def _municipality_cell(column: str, value: str, row: Any, keys: set[str]) -> Markup | None:
    if column == "municipality_id":
        return _link(f"/{DATABASE_NAME}/municipalities/{quote(value, safe='')}", value)
    if column == "municipality" and "municipality_id" in keys and row["municipality_id"]:
        query = urlencode({"municipality": row["municipality_id"], "sort": "newest"})
        return _link(f"/-/search?{query}", value)
    if column in ("id", "name") and {"id", "last_status"} <= keys and row["id"]:  # rows of municipalities
        return _link(f"/{DATABASE_NAME}/municipalities/{quote(str(row['id']), safe='')}", value)
    return None


def _person_id(column: str, row: Any, keys: set[str], table: str | None) -> str | None:
    """The id of the person a ``name``/``speaker`` cell names, if the row says who it is."""
    if column not in ("name", "speaker"):
        return None
    key = "id" if table == "people" else "person_id"
    if key not in keys:
        return None
    value = row[key]
    if isinstance(value, dict):  # a table page's foreign key, expanded to its label
        value = value.get("value")
    return str(value) if str(value).isdigit() else None


def phone_link(text: str) -> Markup | None:
    """A ``tel:`` link in E.164 for a number written with its country code, else None."""
    if not _PHONE.match(text):
        return None
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return _link(f"tel:{e164}", shown, full=text)


def _contact_cell(column: str, text: str) -> Markup | None:
    if column == "email" and "@" in text and " " not in text:
        return _link(f"mailto:{text}", text)
    if column == "phone":
        return phone_link(text)
    return None


def human_cell(row: Any, value: Any, column: str, table: str | None, database: str | None) -> Markup | None:
    """The cell as HTML, or None for Datasette's default."""
    if database != DATABASE_NAME or value in (None, "") or (table is not None and table not in PEOPLE_TABLES):
        return None
    keys = _keys(row)
    text = str(value)
    person = _person_id(column, row, keys, table)
    if person is not None:
        return _link(f"/{DATABASE_NAME}/people/{person}", _short(text, TEXT_CHARS), full=text)
    if table is not None:  # a table page: only what Datasette does not link itself
        return _contact_cell(column, text)
    if column in ("title", "article_id") and "article_id" in keys and str(row["article_id"]).isdigit():
        return _link(f"/{DATABASE_NAME}/articles/{row['article_id']}", _short(text, TEXT_CHARS), full=text)
    found = _municipality_cell(column, text, row, keys) if isinstance(value, str) else None
    if found is None:
        found = _contact_cell(column, text)
    if found is not None:
        return found
    if isinstance(value, str) and _URL.match(text):
        return _link(text, _short(re.sub(r"^https?://(www\.)?", "", text), URL_CHARS), full=text,
                     rel="nofollow noopener")  # fmt: skip
    if column in SHORTENED and isinstance(value, str) and len(text) > TEXT_CHARS:
        return Markup(f'<span title="{escape(text)}">{escape(_short(text, TEXT_CHARS))}</span>')
    return None
