"""Every read query outside Datasette: the CLI's crawl summary, the WACZ page list, re-extraction.

The functions taking a path open the file read-only (the CLI and ``export-wacz`` must not create
or lock an archive); the mixin's methods read through an open :class:`~scraper.archive.Archive`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scraper.archive.connection import ArchiveBase, connect_read_only

#: What the path-taking reads raise when the file is not a readable archive.
ReadError = sqlite3.Error


@dataclass(frozen=True)
class CrawlSummary:
    """The latest ``crawls`` row of one municipality, as ``muninews crawl`` prints it."""

    municipality_id: str
    status: str | None
    pages_fetched: int
    articles_found: int
    articles_new: int
    articles_updated: int
    articles_unchanged: int
    errors: int
    note: str | None = None


def crawl_summary(db: str | Path) -> tuple[list[CrawlSummary], int]:
    """Each municipality's latest crawl, and how many articles the archive holds.

    Raises :data:`ReadError` when the file is not an archive (or not readable).
    """
    conn = connect_read_only(Path(db))
    try:
        rows = conn.execute(
            """select c.municipality_id, c.status, c.pages_fetched, c.articles_found, c.articles_new,
                      c.articles_updated, c.articles_unchanged, c.errors, c.note
               from crawls c
               where c.id in (select max(id) from crawls group by municipality_id)
               order by c.municipality_id"""
        ).fetchall()
        total: int = conn.execute("select count(*) from articles").fetchone()[0]
    finally:
        conn.close()
    return [CrawlSummary(*r) for r in rows], total


def captured_pages(db: str | Path) -> list[dict[str, Any]]:
    """The archived articles with a capture, for a WACZ ``pages.jsonl``: url, ts (capture time), title."""
    conn = connect_read_only(Path(db))
    try:
        rows = conn.execute(
            "SELECT c.url, c.fetched_at, a.title FROM articles a JOIN captures c ON c.id = a.capture_id "
            "ORDER BY a.id"
        ).fetchall()
    finally:
        conn.close()
    return [{"url": url, "ts": ts, "title": title or url} for url, ts, title in rows]


class ReadsMixin(ArchiveBase):
    """Reads that ``muninews reextract`` runs on the open archive it then writes to."""

    def _dicts(self, sql: str) -> list[dict[str, Any]]:
        rows = self.db.execute(sql)
        cols = [d[0] for d in rows.description]
        return [dict(zip(cols, r, strict=True)) for r in rows.fetchall()]

    def captured_articles(self) -> list[dict[str, Any]]:
        """Articles with a capture, with what re-extraction needs (the capture and the country)."""
        return self._dicts(
            "SELECT a.id, a.url, a.municipality_id, coalesce(m.country, 'SE') AS country, "
            "c.id AS capture_id, c.fetched_at, c.warc_file, c.warc_offset, c.content_type, c.payload_sha256 "
            "FROM articles a JOIN captures c ON c.id = a.capture_id "
            "LEFT JOIN municipalities m ON m.id = a.municipality_id ORDER BY a.id"
        )

    def captured_revisions(self) -> list[dict[str, Any]]:
        """Revisions with a capture, oldest version first, with what re-extraction needs."""
        return self._dicts(
            "SELECT r.id, r.article_id, r.version, a.url, a.municipality_id, coalesce(m.country, 'SE') AS country, "
            "c.fetched_at, c.warc_file, c.warc_offset, c.content_type "
            "FROM revisions r JOIN articles a ON a.id = r.article_id JOIN captures c ON c.id = r.capture_id "
            "LEFT JOIN municipalities m ON m.id = a.municipality_id ORDER BY r.article_id, r.version DESC"
        )
