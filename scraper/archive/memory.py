"""What the crawler remembers between runs, the SQL side: known articles and the ``pages`` table.

The memory flow: the archive tells the next crawl what it already knows — each article's
validators and dates (:meth:`MemoryMixin.known_articles`), each other page's validators and the
links it yielded (:meth:`MemoryMixin.known_pages`) — and the crawl writes back what it found
(:meth:`MemoryMixin.save_page`). The reads open the file read-only and never create it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scraper.archive.connection import ArchiveBase, connect_read_only
from scraper.items import PageState

_KNOWN_ARTICLES_SQL = (
    "SELECT coalesce(a.canonical_url, a.url) AS url, a.url AS fetched_url, a.municipality_id, a.published, "
    "a.first_seen, a.last_seen, a.removed, a.title, "
    "c.etag, c.last_modified, c.payload_sha256 FROM articles a "
    "LEFT JOIN captures c ON c.id = a.capture_id WHERE a.municipality_id IN ({marks})"
)
# An archive from before captures: no validators.
_KNOWN_ARTICLES_OLD_SQL = (
    "SELECT url, url AS fetched_url, municipality_id, published, first_seen, last_seen, NULL AS removed, "
    "title, "
    "NULL AS etag, NULL AS last_modified, NULL AS payload_sha256 FROM articles "
    "WHERE municipality_id IN ({marks})"
)
# The other URLs of articles (a release's press-room copy): known too, so a re-crawl asks for them only
# when due and conditionally, with the validators of their own capture.
_KNOWN_OTHER_URLS_SQL = (
    "SELECT u.url, u.url AS fetched_url, a.municipality_id, a.published, u.first_seen, u.last_seen, "
    "NULL AS removed, a.title, c.etag, c.last_modified, c.payload_sha256, 1 AS also_at "
    "FROM article_urls u JOIN articles a ON a.id = u.article_id "
    "LEFT JOIN captures c ON c.id = u.capture_id WHERE a.municipality_id IN ({marks})"
)
_KNOWN_PAGES_SQL = (
    "SELECT url, municipality_id, kind, outcome, etag, last_modified, payload_sha256, last_status, "
    "last_fetched, links, content FROM pages WHERE municipality_id IN ({marks})"
)
_SAVE_PAGE_SQL = (
    "INSERT INTO pages (url, municipality_id, kind, outcome, etag, last_modified, payload_sha256, "
    "last_status, first_fetched, last_fetched, last_changed, link_count, links, content) "
    "VALUES (:url, :mid, :kind, :outcome, :etag, :lm, :sha, :status, :at, :at, :changed, :count, "
    ":links, :content) ON CONFLICT(url) DO UPDATE SET municipality_id = excluded.municipality_id, "
    "kind = excluded.kind, outcome = excluded.outcome, etag = excluded.etag, "
    "last_modified = excluded.last_modified, payload_sha256 = excluded.payload_sha256, "
    "last_status = excluded.last_status, last_fetched = excluded.last_fetched, "
    "last_changed = coalesce(excluded.last_changed, pages.last_changed), "
    "link_count = excluded.link_count, links = excluded.links, content = excluded.content"
)


def _rows_by_url(path: Path, ids: list[str], sql: str, fallback: str | None = None) -> list[dict[str, Any]]:
    """Rows of a read-only query over some municipalities; ``fallback`` for an older schema."""
    conn = connect_read_only(path)
    marks = ", ".join("?" * len(ids))
    try:
        try:
            rows = conn.execute(sql.format(marks=marks), ids).fetchall()
        except sqlite3.OperationalError:
            if fallback is None:
                raise
            rows = conn.execute(fallback.format(marks=marks), ids).fetchall()
    finally:
        conn.close()
    return [dict(r) for r in rows]


class MemoryMixin(ArchiveBase):
    """The crawler's memory: reads for the next crawl, and the ``pages`` write."""

    @staticmethod
    def known_articles(path: str | Path, municipality_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """What the archive knows of these municipalities' articles, read-only: url -> facts.

        Facts: ``municipality_id``, ``published``, ``first_seen``, ``last_seen``, ``removed``,
        ``title`` and, from the current capture, ``etag``, ``last_modified``, ``payload_sha256``.
        An article's other URLs (``article_urls``) are rows too, by the URL as fetched, with
        ``also_at`` set and their own dates and capture. An archive that does not exist yet knows
        nothing.
        """
        path = Path(path)
        ids = list(municipality_ids)
        if not path.exists() or not ids:
            return {}
        rows = _rows_by_url(path, ids, _KNOWN_ARTICLES_SQL, _KNOWN_ARTICLES_OLD_SQL)
        known = {r["url"]: r for r in rows}
        try:
            others = _rows_by_url(path, ids, _KNOWN_OTHER_URLS_SQL)
        except sqlite3.OperationalError:  # an archive from before article_urls
            others = []
        for row in others:
            known.setdefault(row["url"], row)
        return known

    @staticmethod
    def known_pages(path: str | Path, municipality_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The ``pages`` rows of these municipalities, read-only: url -> row, ``links`` parsed.

        An archive that does not exist yet, or predates the table, knows no pages.
        """
        path = Path(path)
        ids = list(municipality_ids)
        if not path.exists() or not ids:
            return {}
        try:
            rows = _rows_by_url(path, ids, _KNOWN_PAGES_SQL)
        except sqlite3.OperationalError:  # an archive from before the pages table
            return {}
        for page in rows:
            page["links"] = json.loads(page["links"]) if page["links"] else []
        return {page["url"]: page for page in rows}

    def save_page(self, page: PageState) -> None:
        """Remember a page that is not an article: its validators, status and what it yielded.

        A 304 only moves ``last_fetched`` (the stored links still hold); any other answer replaces
        the row's validators, outcome and links, and moves ``last_changed`` when the body's digest
        differs from the stored one.
        """
        links = None
        if page.links is not None:
            links = json.dumps(page.links, ensure_ascii=False, separators=(",", ":"))
        with self._transaction():
            self.db.execute("INSERT OR IGNORE INTO municipalities (id) VALUES (?)", [page.municipality_id])
            row = self.db.execute(
                "SELECT payload_sha256, last_changed FROM pages WHERE url = ?", [page.url]
            ).fetchone()
            if row is not None and page.status == 304:
                self.db.execute(
                    "UPDATE pages SET last_fetched = ?, last_status = 304, etag = coalesce(?, etag), "
                    "last_modified = coalesce(?, last_modified) WHERE url = ?",
                    [page.fetched_at, page.etag, page.last_modified, page.url],
                )
                return
            changed = row is None or row[0] != page.payload_sha256 or row[1] is None
            self.db.execute(
                _SAVE_PAGE_SQL,
                {
                    "url": page.url,
                    "mid": page.municipality_id,
                    "kind": page.kind,
                    "outcome": page.outcome,
                    "etag": page.etag,
                    "lm": page.last_modified,
                    "sha": page.payload_sha256,
                    "status": page.status,
                    "at": page.fetched_at,
                    "changed": page.fetched_at if changed else None,
                    "count": None if page.links is None else len(page.links),
                    "links": links,
                    "content": page.content,
                },
            )
