"""Shared helpers on the parsed page: parse once, tell article from site chrome, tidy text."""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import _Element
from trafilatura.utils import load_html

from .vocabulary import CHROME_CLASS_EXCEPTIONS, CHROME_CLASS_TOKENS, CHROME_TAGS

_SPACE = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Class tokens that only describe a layout ("has-sidebar", "no-header"), not the element itself.
_LAYOUT_PREFIXES = ("has-", "no-", "with-", "without-", "is-", "show-", "hide-")


def parse_html(text: str) -> _Element | None:
    """Parse page text into an lxml tree once; every extractor reuses it (trafilatura copies it)."""
    tree = load_html(text)
    if tree is None:
        try:
            tree = lxml_html.document_fromstring(_XML_DECLARATION.sub("", text) or "<html></html>")
        except Exception:  # lxml raises several types on hopeless input
            return None
    return tree


#: Characters that render as nothing but split words for search and for the quote and name rules:
#: soft hyphen, zero-width space, left-to-right / right-to-left marks, word joiner, and a BOM inside
#: the text. Zero-width (non-)joiners are kept: they change how some scripts and emoji render.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200e\u200f\u2060\ufeff"))


def strip_invisible(text: str) -> str:
    """The page text without :data:`INVISIBLE` characters ("kommun\u00adfullmäktige" → "kommunfullmäktige")."""
    return text.translate(INVISIBLE)


def clean_text(text: str | None) -> str:
    """Collapse runs of white space (incl. non-breaking spaces) and strip."""
    if not text:
        return ""
    return _SPACE.sub(" ", text.replace("\xa0", " ").replace("\u200b", "")).strip()


def element_text(el: _Element) -> str:
    """Visible text of an element, scripts and styles excluded, white space collapsed."""
    parts = []
    for node in el.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        if tag in ("br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "tr"):
            parts.append(" ")
        if node is not el and node.tail:
            parts.append(node.tail)
    return clean_text(" ".join(parts))


def _class_tokens(el: _Element) -> list[str]:
    value = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return [t for t in value.split() if not t.startswith(_LAYOUT_PREFIXES)]


def looks_like_chrome(el: _Element) -> bool:
    """True if the element itself is site-wide chrome (header, footer, nav, sidebar, cookie banner...).

    ``<header>``/``<footer>`` inside ``<article>`` or ``<main>`` are the article's own header and footer
    (WordPress puts the date and author there), so they do not count; nor does an ``<aside>`` fact box
    inside ``<article>`` (only asides outside the article are chrome).
    """
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("html", "body", "main", "article"):
        return False
    tokens = _class_tokens(el)
    if any(t.startswith(CHROME_CLASS_EXCEPTIONS) for t in tokens):
        return False
    if tag in CHROME_TAGS:
        ancestors = {a.tag for a in el.iterancestors() if isinstance(a.tag, str)}
        # <header>/<footer> inside <article>/<main> belong to the article; so does an <aside> fact
        # box inside <article> — unless its class says otherwise ("related", "share").
        if tag in ("header", "footer") and ancestors & {"article", "main"}:
            return False
        if tag != "aside" or "article" not in ancestors:
            return True
    return any(token in t for t in tokens for token in CHROME_CLASS_TOKENS)


def is_in_chrome(el: _Element) -> bool:
    """True if the element or any ancestor is site chrome."""
    node: _Element | None = el
    while node is not None:
        if looks_like_chrome(node):
            return True
        node = node.getparent()
    return False
