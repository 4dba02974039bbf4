"""PDF press releases: the text of a PDF linked from a news listing, read as an article, or refused.

Municipalities link PDFs from their news listings: press releases, but also agendas ("Dagordning",
"Kallelse"), minutes ("Protokoll"), forms ("Blankett", "Ansökan") and reports. Only a press release
is an article. :func:`classify_release` (pure, on the paragraphs) keeps a PDF that has

* no agenda/minutes/form word in its heading zone (the first three paragraphs) and no numbered
  agenda items ("§ 12", "1. Val av justerare") running through it;
* a **dateline**: a date in the heading zone ("Pressmeddelande 2026-03-10", "10 mars 2026");
* a **headline**: a short line (2–16 words, no full stop at its end) in the heading zone;
* a **body** of prose: at least two paragraphs of twelve words or more after the headline;
* and the **shape of a release**: the word "Pressmeddelande"/"Press release" in the heading zone, or
  a quote, or a press contact.

:func:`extract_pdf_article` is, like :func:`~scraper.extract.extract_article`, a pure function of
(bytes, url, fetch time): the text comes from pypdf's layout mode (which keeps the blank line between
paragraphs), and quotes and contacts from the same extractors the HTML pages go through.
"""

from __future__ import annotations

import html
import io
import logging
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from scraper.items import Article

from .article import clean_paragraphs
from .contacts import extract_contacts
from .dates import parse_date
from .metadata import extract_language
from .quotes import extract_quotes
from .tree import parse_html

logger = logging.getLogger(__name__)

#: Words in the heading zone of a PDF that is not a press release, with what it is then.
NOT_RELEASE = (
    (re.compile(r"\b(?:dagordning|föredragningslista|kallelse|dagsorden|agenda)\b", re.I), "agenda"),
    (re.compile(r"\b(?:sammanträdes)?protokoll\b|\bjusterare\b", re.I), "minutes"),
    (re.compile(r"\b(?:blankett|ansökan|anmälan|formulär|ansökningsblankett)\b", re.I), "form"),
)
RELEASE_WORDS = re.compile(
    r"\b(?:pressmeddelande|press release|pressinformation|pressinfo|pressemelding|pressemeddelelse)\b", re.I
)
_AGENDA_ITEM = re.compile(r"^(?:§\s*\d+|\d{1,2}\.\s+\S)")
_HEADING_ZONE = 3
_MIN_BODY_WORDS = 12


@dataclass(frozen=True)
class Verdict:
    release: bool
    reason: str  # "press release", or what it is instead ("agenda", "form", "no dateline", ...)


def is_pdf(body: bytes) -> bool:
    """A PDF by its magic bytes (servers send PDFs as application/octet-stream too)."""
    return body[:1024].lstrip()[:5] == b"%PDF-"


def pdf_paragraphs(body: bytes) -> list[str]:
    """The paragraphs of a PDF's text layer, lines joined (a hyphen at a line's end mended)."""
    try:
        reader = PdfReader(io.BytesIO(body))
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        logger.info("unreadable PDF: %s", exc)
        return []
    paragraphs: list[str] = []
    for text in pages:
        for block in re.split(r"\n\s*\n", text or ""):
            lines = [" ".join(line.split()) for line in block.splitlines() if line.strip()]
            joined = ""
            for line in lines:
                if joined.endswith("-") and line[:1].islower():
                    joined = joined[:-1] + line
                else:
                    joined = f"{joined} {line}".strip()
            if joined:
                paragraphs.append(joined)
    return paragraphs


def _headline(head: list[str]) -> int | None:
    """Index of the headline in the heading zone: short, not a sentence, not only a date or label."""
    for i, paragraph in enumerate(head):
        words = paragraph.split()
        bare = RELEASE_WORDS.sub("", paragraph).strip(" :–-|")
        if not 2 <= len(words) <= 16 or paragraph.endswith(".") or not bare:
            continue
        if parse_date(paragraph) and len(bare.split()) <= 4:
            continue  # the dateline ("Pressmeddelande 10 mars 2026")
        return i
    return None


def classify_release(paragraphs: list[str], quotes: int = 0, contacts: int = 0) -> Verdict:
    """Whether these paragraphs are a press release (see the module's docstring for the rules)."""
    head = paragraphs[:_HEADING_ZONE]
    heading_text = " ".join(head)
    for pattern, what in NOT_RELEASE:
        if pattern.search(heading_text):
            return Verdict(False, what)
    if sum(bool(_AGENDA_ITEM.match(p)) for p in paragraphs) >= 3:
        return Verdict(False, "agenda")
    if not any(parse_date(p) for p in head):
        return Verdict(False, "no dateline")
    headline = _headline(head)
    if headline is None:
        return Verdict(False, "no headline")
    prose = [p for p in paragraphs[headline + 1 :] if len(p.split()) >= _MIN_BODY_WORDS]
    if len(prose) < 2:
        return Verdict(False, "no body")
    if not (RELEASE_WORDS.search(heading_text) or quotes or contacts):
        return Verdict(False, "no quote, contact or release label")
    return Verdict(True, "press release")


def _as_html(paragraphs: list[str]) -> str:
    """The paragraphs as a plain HTML page, for the extractors that read a tree (contacts, language)."""
    return (
        "<html><body><main>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        + "</main></body></html>"
    )


def extract_pdf_article(
    body: bytes, url: str, fetched_at: str, *, municipality_id: str = "", country: str = "SE"
) -> Article:
    """The press release in a PDF as an :class:`Article`; a PDF that is none has ``not_article`` set
    (and no title or body). Pure: same bytes, URL and fetch time, same result."""
    from . import EXTRACTOR, _version

    extractor = f"{EXTRACTOR} pypdf/{_version('pypdf')}"
    article = Article(url=url, municipality_id=municipality_id, fetched_at=fetched_at, extractor=extractor)
    paragraphs = pdf_paragraphs(body)
    tree = parse_html(_as_html(paragraphs)) if paragraphs else None
    if tree is None:
        article.not_article = "no text"
        return article
    language = extract_language(tree, " ".join(paragraphs))
    headline = _headline(paragraphs[:_HEADING_ZONE])
    text = paragraphs[headline + 1 :] if headline is not None else paragraphs
    quotes = extract_quotes(text, language)
    contacts = extract_contacts(tree, country=country)
    verdict = classify_release(paragraphs, len(quotes), len(contacts))
    if not verdict.release or headline is None:
        article.not_article = verdict.reason
        return article
    article.title = paragraphs[headline]
    dateline = next(d for p in paragraphs[:_HEADING_ZONE] if (d := parse_date(p)))
    article.published = min(dateline, fetched_at[:10]) if fetched_at else dateline
    article.body = "\n\n".join(clean_paragraphs(text, article.title, None)) or None
    article.language = language
    article.quotes, article.contacts = quotes, contacts
    return article
