"""``extract_article``: one fetched page in, one :class:`Article` out.

The page is decoded and parsed once; trafilatura gets a copy of the tree for the main text
(and runs htmldate once, capped at the fetch date), while our own extractors read the original
tree for what trafilatura is weak at on municipal templates: the headline, the ingress, labelled
Swedish dates, contact cards and quotes.
"""

from __future__ import annotations

import re

import trafilatura
from lxml.etree import _Element

from scraper.items import Article

from .contacts import extract_contacts
from .dates import extract_dates, htmldate_params
from .encoding import decode_html
from .metadata import extract_author, extract_language, extract_lead, extract_title
from .quotes import extract_quotes
from .tree import clean_text, parse_html, strip_invisible
from .vocabulary import (
    BOILERPLATE_PARAGRAPHS,
    CONTACT_HEADINGS,
    EMAIL_LABELS,
    PHONE_LABELS,
    PRUNE_XPATHS,
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


def body_paragraphs(postbody: _Element | None) -> list[str]:
    """Paragraphs (and headings, lists, tables as one paragraph each) of trafilatura's output tree."""
    if postbody is None:
        return []
    paragraphs: list[str] = []
    for child in postbody:
        if (child.tag in _BLOCK_TAGS or child.tag == "div") and (text := _node_text(child)):
            paragraphs.append(text)
        # Text trafilatura left between two blocks ("<head>Återvinning</head>Den nya ...") is a
        # paragraph of its own, not nothing.
        if tail := clean_text(child.tail):
            paragraphs.append(tail)
    return paragraphs


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

    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,  # its cache is process-global: output would depend on earlier pages
        date_extraction_params=htmldate_params(fetched_at),
        prune_xpath=list(PRUNE_XPATHS),
    )
    postbody = getattr(document, "body", None)

    article.title = extract_title(tree, fallback=getattr(document, "title", None))
    article.lead = extract_lead(tree)
    paragraphs = clean_paragraphs(body_paragraphs(postbody), article.title, article.lead)
    if article.lead and paragraphs and article.lead.startswith(paragraphs[0]):
        paragraphs = paragraphs[1:]
    article.body = "\n\n".join(paragraphs) or None
    article.published, article.updated = extract_dates(
        tree, fetched_at, fallback_published=getattr(document, "date", None)
    )
    article.language = extract_language(tree, article.body or "")
    article.author = extract_author(tree, fallback=getattr(document, "author", None))
    article.quotes = extract_quotes(paragraphs, article.language)
    article.contacts = extract_contacts(tree, country=country)
    return article
