"""``muninews reextract``: rebuild every extracted field from the stored captures, offline.

An improved extractor improves the whole archive without touching a single municipal server: each
article's current capture is read back from its WARC record (digest checked), decoded the way the
crawl decoded it (Scrapy's own encoding detection on the captured headers and bytes), and passed to
the same pure :func:`scraper.extract.extract_article` the crawl uses, with the capture's fetch time.
The result goes through :meth:`scraper.archive.Archive.save_article` like any crawl result, so
quotes, contacts and people follow. The capture is the same, so a different reading updates the row
in place and never makes a revision (revisions record changes at the source). Stored revisions are
re-read from their own captures too. Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.http import HtmlResponse

from scraper.archive import UNCHANGED, Archive
from scraper.archive.warc import CaptureRecord, captures_dir, read_capture
from scraper.extract import extract_article, extract_pdf_article, is_pdf
from scraper.items import Article

logger = logging.getLogger(__name__)


@dataclass
class ReextractReport:
    articles: int = 0
    changed: int = 0
    unchanged: int = 0
    empty: int = 0  # the extractor found no title or body: the stored row is kept
    failed: int = 0  # capture missing, unreadable or not matching its digest
    revisions: int = 0
    revisions_changed: int = 0
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"articles re-extracted: {self.articles} ({self.changed} changed, {self.unchanged} unchanged, "
            f"{self.empty} empty, {self.failed} failed)",
            f"revisions re-extracted: {self.revisions} ({self.revisions_changed} changed)",
        ]


def _encoding(record: CaptureRecord, url: str) -> str | None:
    """The charset the crawl passed to the extractor, decided by the same Scrapy code."""
    headers = {k: v for k, v in record.headers}
    if not record.header("Content-Type"):
        return None
    return HtmlResponse(url, body=record.body, headers=headers).encoding


def _extract(row: dict[str, Any], directory: Path) -> Article:
    record = read_capture(directory, row["warc_file"], row["warc_offset"])
    if is_pdf(record.body):  # a PDF press release, read as the crawl read it
        return extract_pdf_article(
            record.body,
            row["url"],
            row["fetched_at"],
            municipality_id=row["municipality_id"],
            country=row["country"] or "SE",
        )
    return extract_article(
        record.body,
        row["url"],
        row["fetched_at"],
        municipality_id=row["municipality_id"],
        country=row["country"] or "SE",
        encoding=_encoding(record, row["url"]),
    )


def reextract(db: str | Path, captures: str | Path | None = None) -> ReextractReport:
    """Re-extract every captured article and revision of the archive at ``db``."""
    directory = Path(captures) if captures else captures_dir(db)
    report = ReextractReport()
    with Archive(db) as archive:
        for row in archive.captured_articles():
            report.articles += 1
            try:
                article = _extract(row, directory)
            except (OSError, ValueError) as exc:
                report.failed += 1
                report.errors.append(f"article {row['id']}: {exc}")
                logger.warning("reextract: article %s (%s): %s", row["id"], row["url"], exc)
                continue
            if not article.title or not article.body:
                report.empty += 1
                continue
            status = archive.save_article(article)
            if status == UNCHANGED:
                report.unchanged += 1
            else:
                report.changed += 1
        for row in archive.captured_revisions():
            report.revisions += 1
            try:
                article = _extract(row, directory)
            except (OSError, ValueError) as exc:
                report.failed += 1
                report.errors.append(f"revision {row['id']}: {exc}")
                continue
            values = {k: getattr(article, k) for k in ("title", "lead", "body", "published", "updated")}
            if article.title and article.body and archive.update_revision_text(row["id"], values):
                report.revisions_changed += 1
        archive.checkpoint()
    return report
