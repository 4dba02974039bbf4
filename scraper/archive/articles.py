"""Storing articles: the upsert keyed by URL, with quotes, contacts, people and captures in step.

* ``save_article`` compares before it writes: an unchanged article only gets ``last_seen`` and
  ``fetched_at`` bumped, so a re-crawl of 600,000 articles does not rewrite (and re-index) them.
* ``people`` is maintained inside ``save_article``'s transaction by recomputing only the people the
  article touches (:mod:`scraper.archive.people`), so a re-crawl cannot double-count.
* A different capture that reads differently keeps the stored version in ``revisions``
  (:mod:`scraper.archive.versions`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from scraper.archive.article_urls import MERGED, ArticleUrlsMixin
from scraper.archive.connection import inserted_id
from scraper.archive.people import PeopleMixin
from scraper.archive.schema import ARTICLE_FIELDS
from scraper.archive.versions import VersionsMixin
from scraper.clock import utc_now
from scraper.items import Article, Capture, Contact, Quote

#: Return values of :meth:`ArticlesMixin.save_article` (and ``MERGED``, from :mod:`.article_urls`).
NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"

#: Columns of ``captures`` written from a :class:`~scraper.items.Capture`.
CAPTURE_COLUMNS = (
    "url",
    "fetched_at",
    "status",
    "content_type",
    "etag",
    "last_modified",
    "payload_sha256",
    "warc_file",
    "warc_offset",
    "warc_length",
    "warc_record_id",
)

# Article columns that, when different from the stored row, make a save an update. ``extractor`` is
# not among them: a newer extractor producing the same output is not a change to the article.
_COMPARED_COLUMNS = (
    "municipality_id",
    "title",
    "lead",
    "body",
    "published",
    "updated",
    "year",
    "language",
    "author",
    "content_hash",
)

Rows = list[tuple[Any, ...]]


def content_hash(article: Article) -> str:
    """sha256 over title, lead, body and dates: what a reader would notice as a changed article.

    Fields are joined with the ASCII unit separator so ``("ab", "c")`` and ``("a", "bc")`` differ.
    """
    parts = (article.title, article.lead, article.body, article.published, article.updated)
    joined = "\x1f".join(p or "" for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def year_of(published: str | None) -> int | None:
    """Year of an ISO 8601 date, for faceting; ``None`` when the date is missing or not ISO."""
    if published and len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None


def article_values(article: Article) -> dict[str, Any]:
    """The article columns a save writes or compares (everything but dates seen and counts).

    The :class:`Article` fields stored as they are come from :data:`~scraper.archive.schema.ARTICLE_FIELDS`
    (so a new field is a name there and a migration, not an edit here); ``year`` and
    ``content_hash`` are derived.
    """
    values: dict[str, Any] = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    values["year"] = year_of(article.published)
    values["content_hash"] = content_hash(article)
    return values


def quote_rows(quotes: Iterable[Quote]) -> Rows:
    """Quotes as stored: a quote without words is not a quote, so it is dropped."""
    return [(q.position, q.text, q.speaker, q.role) for q in quotes if q.text and q.text.strip()]


def contact_rows(contacts: Iterable[Contact]) -> Rows:
    """Contacts as stored; ``position`` is the order on the page (``Contact`` has no field for it)."""
    return [
        (i, c.name, c.role, c.organisation, c.email, c.phone, c.phone_raw) for i, c in enumerate(contacts)
    ]


def capture_values(capture: Capture | Mapping[str, Any]) -> list[Any]:
    """The :data:`CAPTURE_COLUMNS` of a capture (a mapping with those keys is accepted too)."""
    fields = dataclasses.asdict(capture) if isinstance(capture, Capture) else capture
    return [fields.get(c) for c in CAPTURE_COLUMNS]


class ArticlesMixin(PeopleMixin, VersionsMixin, ArticleUrlsMixin):
    """Writes of ``articles`` (with quotes, contacts and captures) and of its presence marks."""

    def save_article(self, article: Article) -> str:
        """Store one article with its quotes and contacts, in one transaction.

        Returns ``'new'``, ``'updated'`` (something stored changed: text, dates, metadata, quotes or
        contacts), ``'unchanged'`` (only ``last_seen`` and ``fetched_at`` move) or ``'merged'`` (a URL
        the archive did not know, publishing a stored article of another source: kept in
        ``article_urls``, see :mod:`scraper.archive.article_urls`). The article is
        keyed by ``url``, so a re-crawl never duplicates it and ``first_seen`` is kept. A municipality
        not yet in ``municipalities`` gets a stub row so the foreign key holds.
        """
        if not article.url or not article.municipality_id:
            raise ValueError("an article needs a url and a municipality_id")
        seen = article.fetched_at or utc_now()
        values = article_values(article)
        quotes, contacts = quote_rows(article.quotes), contact_rows(article.contacts)
        with self._transaction():
            self.db.execute("INSERT OR IGNORE INTO municipalities (id) VALUES (?)", [article.municipality_id])
            capture_id = self._save_capture(article.capture) if article.capture else None
            cursor = self._find_article(article.canonical_url or article.url)
            row = cursor.fetchone()
            if row is None:  # an old row, or a key-less save (reextract) of a URL stored under another key
                cursor = self.db.execute("SELECT * FROM articles WHERE url = ?", [article.url])
                row = cursor.fetchone()
            merged = self._merge_elsewhere(article, capture_id, seen) if row is None else None
            if merged is not None:
                if merged[1]:
                    self._take_place(merged[0], article, values, (quotes, contacts), capture_id, seen)
                return MERGED
            if row is None:
                new = {
                    **values,
                    "url": article.url,
                    "canonical_url": article.canonical_url or article.url,
                    "first_seen": seen,
                    "last_seen": seen,
                    "fetched_at": article.fetched_at,
                    "quote_count": len(quotes),
                    "contact_count": len(contacts),
                    "capture_id": capture_id,
                }
                self._insert_article(new, quotes, contacts)
                return NEW
            existing = dict(zip([d[0] for d in cursor.description], row, strict=True))
            changed = self._update_article(existing, article, values, (quotes, contacts), capture_id, seen)
            return UPDATED if changed else UNCHANGED

    def _take_place(
        self,
        article_id: int,
        article: Article,
        values: dict[str, Any],
        children: tuple[Rows, Rows],
        capture_id: int | None,
        seen: str,
    ) -> None:
        """The site's copy of a release stored from a press room becomes the article: its URL, text,
        quotes, contacts and capture (the press room's URL is already in ``article_urls``). Not an
        edit of the article, so no revision: the same release, read from its own site."""
        quotes, contacts = children
        cols = {
            **values,
            "url": article.url,
            "canonical_url": article.canonical_url or article.url,
            "fetched_at": article.fetched_at,
            "capture_id": capture_id,
            "quote_count": len(quotes),
            "contact_count": len(contacts),
        }
        sets = ", ".join(f"{c} = :{c}" for c in cols)
        self.db.execute(
            f"UPDATE articles SET {sets}, last_seen = max(last_seen, :seen) WHERE id = :id",
            {**cols, "seen": seen, "id": article_id},
        )
        self._replace_children(article_id, article.municipality_id, quotes, contacts)

    def _find_article(self, key: str) -> Any:
        """The cursor on the article stored under ``key`` (its canonical URL, or an old row's url)."""
        return self.db.execute(
            "SELECT * FROM articles WHERE canonical_url = :key OR (canonical_url IS NULL AND url = :key) "
            "LIMIT 1",
            {"key": key},
        )

    def _insert_article(self, cols: dict[str, Any], quotes: Rows, contacts: Rows) -> None:
        names = ", ".join(cols)
        marks = ", ".join("?" * len(cols))
        cur = self.db.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", list(cols.values()))
        touched = self._insert_children(inserted_id(cur.lastrowid), cols["municipality_id"], quotes, contacts)
        self._refresh_people(touched)

    def _update_article(
        self,
        existing: dict[str, Any],
        article: Article,
        values: dict[str, Any],
        children: tuple[Rows, Rows],
        capture_id: int | None,
        seen: str,
    ) -> bool:
        """Update a stored article in place; True if something stored changed (an "update")."""
        article_id = existing["id"]
        changed = {c: values[c] for c in _COMPARED_COLUMNS if existing[c] != values[c]}
        children_changed = self._children(article_id) != children
        if changed or children_changed:
            changed["extractor"] = values["extractor"]
        if children_changed:
            changed["quote_count"], changed["contact_count"] = len(children[0]), len(children[1])
        # Bookkeeping that does not make the save an "update": the newest capture, a page back,
        # the URL that served it this time (a slash form, a moved page) and its key.
        extra = self._new_version(existing, values, capture_id, seen)
        if article.canonical_url and (existing["url"], existing.get("canonical_url")) != (
            article.url,
            article.canonical_url,
        ):
            extra.update(url=article.url, canonical_url=article.canonical_url)
        if capture_id is not None and capture_id != existing["capture_id"]:
            extra["capture_id"] = capture_id
        if existing["removed"] is not None and seen > existing["last_seen"]:
            # Fetched again after it was found gone: it is back. (A re-extraction carries the old
            # capture's time, never later than last_seen, and leaves the mark alone.)
            extra.update(removed=None, removed_reason=None)
        changed_status = bool(changed)
        changed.update(extra)
        sets = "".join(f"{c} = :{c}, " for c in changed)
        # A re-extraction from an old capture must not move the dates backwards.
        self.db.execute(
            f"UPDATE articles SET {sets}last_seen = max(last_seen, :seen), "
            "fetched_at = CASE WHEN fetched_at IS NULL OR :fetched_at > fetched_at "
            "THEN coalesce(:fetched_at, fetched_at) ELSE fetched_at END WHERE id = :id",
            {**changed, "seen": seen, "fetched_at": article.fetched_at, "id": article_id},
        )
        if children_changed or "municipality_id" in changed:
            self._replace_children(article_id, article.municipality_id, *children)
        else:
            # Rows stored before the people table existed get linked on their next crawl; a no-op
            # (two indexed look-ups) once they are. A new publication date moves the people's dates.
            touched = self._link_stored(article_id, article.municipality_id)
            if "published" in changed:
                touched |= self._article_people(article_id)
            self._refresh_people(touched)
        return changed_status

    def _replace_children(self, article_id: int, municipality_id: str, quotes: Rows, contacts: Rows) -> None:
        """Replace the quotes and contacts and re-aggregate everyone linked before or after.

        A person who lost their only quote here is decremented (or removed), never left counting it.
        """
        before = self._article_people(article_id)
        self.db.execute("DELETE FROM quotes WHERE article_id = ?", [article_id])
        self.db.execute("DELETE FROM contacts WHERE article_id = ?", [article_id])
        after = self._insert_children(article_id, municipality_id, quotes, contacts)
        self._refresh_people(before | after)

    def _save_capture(self, capture: Capture | Mapping[str, Any]) -> int:
        """The ``captures`` row for a WARC record (inserted once: the record id is unique)."""
        row_values = capture_values(capture)
        record_id = row_values[CAPTURE_COLUMNS.index("warc_record_id")]
        row = self.db.execute("SELECT id FROM captures WHERE warc_record_id = ?", [record_id]).fetchone()
        if row:
            capture_id: int = row[0]
            return capture_id
        names = ", ".join(CAPTURE_COLUMNS)
        marks = ", ".join("?" * len(CAPTURE_COLUMNS))
        cur = self.db.execute(f"INSERT INTO captures ({names}) VALUES ({marks})", row_values)
        return inserted_id(cur.lastrowid)

    def _children(self, article_id: int) -> tuple[Rows, Rows]:
        """Stored quotes and contacts in the same shape as :func:`quote_rows`/:func:`contact_rows`."""
        quotes = [
            tuple(r)
            for r in self.db.execute(
                "SELECT position, text, speaker, role FROM quotes WHERE article_id = ? ORDER BY id",
                [article_id],
            )
        ]
        contacts = [
            tuple(r)
            for r in self.db.execute(
                "SELECT position, name, role, organisation, email, phone, phone_raw FROM contacts "
                "WHERE article_id = ? ORDER BY id",
                [article_id],
            )
        ]
        return quotes, contacts

    def _insert_children(
        self, article_id: int, municipality_id: str, quotes: Rows, contacts: Rows
    ) -> set[int]:
        """Insert quotes and contacts linked to their people; returns the people linked."""
        contact_people, quote_people = self._resolve_people(
            municipality_id, [(c[1], c[4]) for c in contacts], [q[2] for q in quotes]
        )
        self.db.conn.executemany(
            "INSERT INTO quotes (article_id, position, text, speaker, role, person_id) VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, *q, pid) for q, pid in zip(quotes, quote_people, strict=True)],
        )
        self.db.conn.executemany(
            "INSERT INTO contacts (article_id, position, name, role, organisation, email, phone, phone_raw, "
            "person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, *c, pid) for c, pid in zip(contacts, contact_people, strict=True)],
        )
        return {pid for pid in (*contact_people, *quote_people) if pid is not None}

    def touch_article(self, url: str, seen: str) -> bool:
        """A known article (``url``: its key) answered again unchanged (304, the same bytes): move ``last_seen``.

        Also clears ``removed`` (a page can come back). ``url`` may be an article's other URL (a
        press-room copy, ``article_urls``): its own ``last_seen`` moves. Returns False if no article
        has this url.
        """
        with self._transaction():
            cur = self.db.execute(
                "UPDATE articles SET last_seen = max(last_seen, ?), removed = NULL, removed_reason = NULL "
                "WHERE canonical_url = ? OR (canonical_url IS NULL AND url = ?)",
                [seen, url, url],
            )
            if cur.rowcount:
                return True
            cur = self.db.execute(
                "UPDATE article_urls SET last_seen = max(last_seen, ?) WHERE url = ?", [seen, url]
            )
            return cur.rowcount > 0

    def mark_removed(self, url: str, found_at: str, reason: str) -> bool:
        """Mark an article gone (404, 410, redirected away) with the date it was found gone.

        Never deletes: the article, its revisions and captures stay. The first date is kept when a
        later crawl finds it gone again. Returns True if the article was newly marked.
        """
        with self._transaction():
            cur = self.db.execute(
                "UPDATE articles SET removed = ?, removed_reason = ? "
                "WHERE (canonical_url = ? OR (canonical_url IS NULL AND url = ?)) AND removed IS NULL",
                [found_at[:10], reason, url, url],
            )
            return cur.rowcount > 0
