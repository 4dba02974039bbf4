"""``extract_article``: one fetched page in, one :class:`Article` out.

The page is decoded and parsed once; trafilatura gets a copy of the tree without cookie banners,
share bars and breadcrumbs (:mod:`.prune`) for the main text (and runs htmldate once, capped at
the fetch date), while our own extractors read the original
tree for what trafilatura is weak at on municipal templates: the headline, the ingress, labelled
Swedish dates, contact cards and quotes.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import trafilatura
from lxml import etree
from lxml.etree import _Element

from scraper.items import Article

from .contacts import extract_contacts
from .dates import extract_dates, htmldate_params
from .encoding import decode_html
from .fallbacks import TrafilaturaGuesses
from .garbling import drop_garbled
from .metadata import extract_author, extract_language, extract_lead, extract_title
from .prune import pruned_copy
from .quotes import read_quotes
from .tree import clean_text, parse_html, strip_invisible
from .vocabulary import (
    BOILERPLATE_PARAGRAPHS,
    CONTACT_HEADINGS,
    EMAIL_LABELS,
    FULL_CASCADE_TEXT_SHARE,
    PHONE_LABELS,
)

_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_PARAGRAPHS), re.IGNORECASE)
_CONTACT_HEADING = re.compile(
    r"^(?:" + "|".join(re.escape(h.rstrip(":")) for h in CONTACT_HEADINGS) + r")\s*:?$", re.IGNORECASE
)
_CONTACTISH = re.compile(
    r"@|\+?\d[\d \-()]{6,}\d|\b(?:" + "|".join(re.escape(w) for w in EMAIL_LABELS + PHONE_LABELS) + r")\b",
    re.IGNORECASE,
)
_BLOCK_TAGS = ("p", "head", "quote", "list", "table", "code")
# Output elements that hold blocks: a table cell (or row) trafilatura took as the main text, a div.
_CONTAINER_TAGS = ("div", "cell", "row")


def _node_text(el: _Element) -> str:
    """Text of one trafilatura output element; ``<lb/>`` becomes a line break."""
    parts: list[str] = []
    for node in el.iter():
        if node.tag == "lb" or (node.tag in ("item", "row") and node is not el):
            parts.append("\n")
        elif node.tag == "cell" and node is not el:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    lines = [clean_text(line) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _blocks(container: _Element) -> list[str]:
    """The paragraphs of one output element: a block is one paragraph; a container that holds blocks
    (a table ``cell`` trafilatura took as the main text, a ``div``) gives its blocks one by one, and
    its loose text as paragraphs of their own; a container without blocks is one paragraph."""
    if not any(child.tag in _BLOCK_TAGS or child.tag in _CONTAINER_TAGS for child in container):
        text = _node_text(container)
        return [text] if text else []
    paragraphs: list[str] = []
    loose = [container.text or ""]
    for child in container:
        if child.tag in _BLOCK_TAGS or child.tag in _CONTAINER_TAGS:
            if text := clean_text("".join(loose)):
                paragraphs.append(text)
            loose = []
            paragraphs += [_node_text(child)] if child.tag in _BLOCK_TAGS else _blocks(child)
        else:
            loose.append("".join(child.itertext()))
        loose.append(child.tail or "")
    if text := clean_text("".join(loose)):
        paragraphs.append(text)
    return [p for p in paragraphs if p]


def body_paragraphs(postbody: _Element | None) -> list[str]:
    """Paragraphs (and headings, lists, tables as one paragraph each) of trafilatura's output tree,
    in Unicode NFC (the same word in one form, as search and the quote rules compare it)."""
    if postbody is None:
        return []
    paragraphs: list[str] = []
    for child in postbody:
        if child.tag in _BLOCK_TAGS:
            paragraphs += [_node_text(child)]
        elif child.tag in _CONTAINER_TAGS:
            paragraphs += _blocks(child)
        # Text trafilatura left between two blocks ("<head>Återvinning</head>Den nya ...") is a
        # paragraph of its own, not nothing.
        if tail := clean_text(child.tail):
            paragraphs.append(tail)
    return [unicodedata.normalize("NFC", p) for p in paragraphs if p]


def _same(a: str, b: str) -> bool:
    return clean_text(a).casefold().rstrip(".") == clean_text(b).casefold().rstrip(".")


def _is_heading_of(paragraph: str, title: str) -> bool:
    """The headline repeated, alone or behind a kicker or date line ("Pressmeddelande Ny förskola")."""
    low, head = clean_text(paragraph).casefold(), clean_text(title).casefold()
    return _same(paragraph, title) or (low.endswith(head) and 0 < len(low) - len(head) <= 60)


def clean_paragraphs(paragraphs: list[str], title: str | None, lead: str | None) -> list[str]:
    """Drop what trafilatura kept but an article body is not.

    The headline and the lead repeated at the top, date lines ("Publicerad ...", "Sidan senast
    uppdaterad ..."), share/print/translate widgets, and the "Kontakt" block (a contact heading
    followed by short lines, e-mail addresses and phone numbers) — contacts are extracted from
    the HTML separately.
    """
    kept: list[str] = []
    in_contact_block = False
    for i, paragraph in enumerate(paragraphs):
        if in_contact_block:
            words = len(paragraph.split())
            if _CONTACTISH.search(paragraph) or words <= 8:
                continue
            in_contact_block = False
        if _CONTACT_HEADING.match(paragraph.split("\n", 1)[0]):
            in_contact_block = True
            continue
        if i < 4 and ((title and _is_heading_of(paragraph, title)) or (lead and _same(paragraph, lead))):
            continue
        if _BOILERPLATE.fullmatch(paragraph):
            continue
        kept.append(paragraph)
    return kept


def _paragraphs(found: list[str], title: str | None, lead: str | None) -> list[str]:
    """The body's paragraphs from trafilatura's output, without what repeats the title and the lead."""
    paragraphs = clean_paragraphs(found, title, lead)
    if lead and paragraphs and lead.startswith(paragraphs[0]):
        paragraphs = paragraphs[1:]
    return paragraphs


def _trafilatura_options(url: str, fetched_at: str) -> dict[str, Any]:
    return {
        "url": url,
        "include_comments": False,
        "include_tables": True,
        "deduplicate": False,  # its cache is process-global: output would depend on earlier pages
        "with_metadata": False,  # the fields the archive keeps come from TrafilaturaGuesses, on demand
        "date_extraction_params": htmldate_params(fetched_at),
    }


_PAGE_TEXT = etree.XPath("//body//text()", smart_strings=False)
_NOT_TEXT = etree.XPath(
    "//body//script//text() | //body//style//text() | //body//noscript//text() | //body//template//text()",
    smart_strings=False,
)


def _chars(texts: list[str]) -> int:
    """Characters of the text nodes, white space at either end of each aside."""
    return sum(map(len, map(str.strip, texts)))


def _kept_little(kept: int, tree: _Element) -> bool:
    """True if ``kept`` characters are less than :data:`FULL_CASCADE_TEXT_SHARE` of the page's visible
    text. All of the body's text is an upper bound of it: the scripts and styles are measured only
    when the text kept is short of that bound."""
    total = _chars(_PAGE_TEXT(tree))
    if kept >= FULL_CASCADE_TEXT_SHARE * total:
        return False
    return kept < FULL_CASCADE_TEXT_SHARE * (total - _chars(_NOT_TEXT(tree)))


def main_text(pruned: _Element, options: dict[str, Any]) -> tuple[Any, list[str]]:
    """trafilatura's main text of the (pruned) page and its paragraphs.

    Its fast extraction first; its whole cascade (readability and jusText as fallbacks) only when
    that kept less than :data:`FULL_CASCADE_TEXT_SHARE` of the page's visible text — the pages where
    the cascade can find more (see vocabulary). trafilatura copies the tree it is given, so
    ``pruned`` is read, never changed, and serves both runs.
    """
    document = trafilatura.bare_extraction(pruned, fast=True, **options)
    paragraphs = body_paragraphs(getattr(document, "body", None))
    if _kept_little(len("\n".join(paragraphs)), pruned):
        document = trafilatura.bare_extraction(pruned, **options)
        paragraphs = body_paragraphs(getattr(document, "body", None))
    return document, paragraphs


def extract_article(
    body: bytes | str,
    url: str,
    fetched_at: str,
    *,
    municipality_id: str = "",
    country: str = "SE",
    encoding: str | None = None,
) -> Article:
    """Extract one article from a fetched page. Pure: same input, same output.

    ``fetched_at`` (ISO 8601 UTC) caps every date; ``encoding`` is the charset of the HTTP
    Content-Type header, if any; ``country`` is the default region for phone numbers.
    """
    from . import EXTRACTOR  # late import: __init__ builds it from installed versions

    article = Article(url=url, municipality_id=municipality_id, fetched_at=fetched_at, extractor=EXTRACTOR)
    text = strip_invisible(decode_html(body, encoding))
    tree = parse_html(text)
    if tree is None:
        return article

    options = _trafilatura_options(url, fetched_at)
    pruned, removed = pruned_copy(tree)
    guesses = TrafilaturaGuesses(pruned, url, options["date_extraction_params"])
    _document, found = main_text(pruned, options)
    article.title = extract_title(tree, fallback=lambda: guesses.title)
    article.lead = extract_lead(tree)
    paragraphs = _paragraphs(found, article.title, article.lead)
    if removed and not paragraphs:
        # The guards did not see that share-like elements were the text: keep those with paragraphs.
        _retry, found = main_text(pruned_copy(tree, wrappers=False)[0], options)
        paragraphs = _paragraphs(found, article.title, article.lead)
    article.body = "\n\n".join(paragraphs) or None
    article.published, article.updated = extract_dates(
        tree, fetched_at, fallback_published=lambda: guesses.date
    )
    article.language = extract_language(tree, article.body or "")
    article.author = extract_author(tree, fallback=lambda: guesses.author)
    article.quotes, people = read_quotes(paragraphs, article.language)
    article.contacts = extract_contacts(tree, country=country, people=people)  # one resolver for both
    article.garbled = drop_garbled(article, tree)  # never store a value the page does not contain
    return article
