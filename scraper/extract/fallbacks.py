"""trafilatura's own metadata guesses, computed only when our extractors found nothing.

``bare_extraction(with_metadata=True)`` computes a dozen fields (categories, tags, licence, site
name, ...) on every page, 20 % of its time; the archive keeps three of them, and only as
fallbacks: the title (when the page has no headline), the author (when it names none in a byline
or ``<meta>``) and htmldate's date (when the page states none). :class:`TrafilaturaGuesses` gives
each of the three exactly as ``trafilatura.extract_metadata`` would (same functions, same order,
same clean-up), each computed at most once and only when asked.

trafilatura's author search copies the page and runs three XPaths with regular expressions over
it (as much as a fifth of trafilatura's whole extraction); when no element of the page carries an
attribute those XPaths could match (:func:`may_name_an_author`, a superset of them), it finds nothing,
and the search is skipped.
"""

from __future__ import annotations

import re
from contextlib import suppress
from functools import cached_property
from html import unescape
from typing import Any

from htmldate import find_date
from lxml import etree
from lxml.etree import _Element
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document
from trafilatura.utils import line_processing

#: Words, any of which an attribute of an element that trafilatura's ``AUTHOR_XPATHS`` match
#: contains (lower-cased); tests/extract/test_fallbacks.py checks each of those XPaths' literals.
AUTHOR_HINT_WORDS = (
    *("author", "byl", "bbl", "username", "screenname", "writer", "zuozhe", "bianji", "xiaobian"),
    *("channel-name", "submitted-by", "posted-by", "journalist-name"),
)
_ATTRIBUTE_VALUES = etree.XPath(
    "//@class | //@id | //@rel | //@itemprop | //@data-testid | //@data-component", smart_strings=False
)
_AUTHOR_ELEMENTS = etree.XPath("boolean(//author | //rel)")
_HINT = re.compile("|".join(re.escape(w) for w in AUTHOR_HINT_WORDS))


def may_name_an_author(tree: _Element) -> bool:
    """False when trafilatura's author XPaths cannot match anything on the page: no ``<author>``
    (nor ``<rel>``) element and no attribute value they read contains a hint word. The values are
    read as strings in one pass (an XPath that lower-cases each value costs more than the search)."""
    if _AUTHOR_ELEMENTS(tree):
        return True
    return bool(_HINT.search(" ".join(str(v) for v in _ATTRIBUTE_VALUES(tree)).lower()))


def _trimmed(value: Any) -> str | None:
    """A value cleaned as ``Document.clean_and_trim`` cleans it."""
    if not isinstance(value, str):
        return value if value is None else str(value)
    if len(value) > 10000:
        value = value[:9999] + "…"
    return line_processing(unescape(value))


class TrafilaturaGuesses:
    """trafilatura's title, author and date for one page, each on demand."""

    def __init__(self, tree: _Element, url: str, date_params: dict[str, Any]) -> None:
        self._tree = tree
        self._url = url
        self._date_params = date_params

    @cached_property
    def _meta(self) -> Document:
        metadata = examine_meta(self._tree)
        if metadata.author and " " not in metadata.author:
            metadata.author = None
        with suppress(Exception):  # trafilatura's own guard: bugs in its JSON-LD reader
            metadata = extract_meta_json(self._tree, metadata)
        return metadata

    @cached_property
    def title(self) -> str | None:
        return _trimmed(self._meta.title or extract_title(self._tree))

    @cached_property
    def author(self) -> str | None:
        author = self._meta.author
        if not author and may_name_an_author(self._tree):
            author = extract_author(self._tree)
        return _trimmed(author)

    @cached_property
    def date(self) -> str | None:
        url = self._meta.url or extract_url(self._tree, self._url)
        return _trimmed(find_date(self._tree, **{**self._date_params, "url": url}))
