"""Pure extraction: HTML in, :class:`scraper.items.Article` out — no network, clock or settings.

``extract_article(body, url, fetched_at, ...)`` is the one entry point the pipeline and
``reextract`` use for pages, ``extract_pdf_article`` (same arguments) for PDF press releases; the
modules below it each do one stage (encoding, dates, metadata, quotes,
contacts) with their word lists in ``vocabulary.py``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

# Bump when extraction output changes for the same input, so stored rows can be re-extracted.
EXTRACT_VERSION = 4


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


EXTRACTOR: str = (
    f"muninews-extract/{EXTRACT_VERSION} trafilatura/{_version('trafilatura')} "
    f"htmldate/{_version('htmldate')} phonenumbers/{_version('phonenumbers')}"
)

from .article import extract_article  # noqa: E402  (EXTRACTOR must exist before article imports it)
from .contacts import extract_contacts  # noqa: E402
from .encoding import decode_html  # noqa: E402
from .pdf import extract_pdf_article, is_pdf  # noqa: E402
from .quotes import extract_quotes  # noqa: E402

__all__ = [
    "EXTRACTOR",
    "decode_html",
    "extract_article",
    "extract_contacts",
    "extract_pdf_article",
    "extract_quotes",
    "is_pdf",
]
