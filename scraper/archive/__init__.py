"""The archive: the only module that writes SQL.

Data flows one way: spider → page → ``extract_article()`` → :class:`~scraper.items.Article` →
:class:`Archive` → ``archive.db`` → Datasette. Every table and column created here is part of the
public contract for researchers and is described in ``datasette_metadata.json`` (a test keeps the two
in step).

Design choices, each with its reason:

* The schema is plain ``CREATE TABLE IF NOT EXISTS`` SQL with the foreign keys inline. sqlite-utils'
  ``transform()`` and ``add_foreign_key()`` silently drop FTS triggers (simonw/sqlite-utils#849), so
  tables are born complete and full-text search is enabled last.
* ``save_article`` compares before it writes: an unchanged article only gets ``last_seen`` and
  ``fetched_at`` bumped, so a re-crawl of 600,000 articles does not rewrite (and re-index) them.
* The ``articles_au`` trigger fires only ``AFTER UPDATE OF title, lead, body``: bumping ``last_seen``
  must not delete and re-insert the article in the full-text index.
* Columns added by a newer schema reach old files through plain ``ALTER TABLE ADD COLUMN`` (foreign
  key included; it keeps the FTS triggers), and indexes are created after that.
* ``people`` links quotes and contacts to one person per municipality (the linking rule is in the
  comment above ``Archive._resolve_people``). It is maintained inside ``save_article``'s transaction
  by recomputing only the people the article touches, so a re-crawl cannot double-count and a dropped
  quote is decremented. Archives from before it are linked by re-crawls and ``Archive.link_people``.
* WAL journal so Datasette can read while a crawl writes; ``synchronous=NORMAL`` because in WAL mode
  it cannot corrupt the file, only lose the last transactions on power loss (a re-crawl restores them).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import sqlite_utils

from scraper.archive import revisions
from scraper.items import Article, Contact, PageState, Quote

logger = logging.getLogger(__name__)

#: Bumped when the schema changes in a way readers may care about (``PRAGMA user_version``).
SCHEMA_VERSION = 4  # 2: people, person_roles, quotes/contacts.person_id; 3: captures, revisions, removed;
# 4: pages (validators and links of the pages that are not articles)

#: Crawl statuses written to ``crawls.status`` and ``municipalities.last_status``.
STATUS_OK = "ok"
STATUS_FAILING = "failing"

#: Return values of :meth:`Archive.save_article`.
NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"

#: Columns of ``captures`` written from a capture dict (see :mod:`scraper.crawl.capture`).
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

# Tokenizer for both full-text indexes. Swedish å, ä and ö are letters of their own, not accented
# a and o: "får" (gets / sheep) and "far" (father), "för" and "for", "äta" and "åta" are different words.
# The default unicode61 tokenizer (remove_diacritics 1) folds them together, so a search for "far"
# would drown in "får". "remove_diacritics 0" keeps them distinct while still folding case
# ("Förskola" is found by "förskola"). Porter stemming is English-only and would mangle Swedish;
# trigram would find "skola" inside "förskola" but costs ~5x the index size on article bodies.
# Prefix queries ("skol*") cover most of what journalists need from compounds' first parts.
FTS_TOKENIZE = "unicode61 remove_diacritics 0"

# Weights for bm25() used by "ORDER BY rank" everywhere (canned queries included): a word in the
# title says more about what an article is about than the same word deep in the body.
ARTICLES_RANK = "bm25(3.0, 2.0, 1.0)"  # title, lead, body
QUOTES_RANK = "bm25(1.0, 2.0)"  # text, speaker

FTS_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("title", "lead", "body"),
    "quotes": ("text", "speaker"),
}
FTS_RANK = {"articles": ARTICLES_RANK, "quotes": QUOTES_RANK}

TABLES_SQL = """
CREATE TABLE IF NOT EXISTS municipalities (
    id TEXT PRIMARY KEY,
    name TEXT,
    country TEXT,
    homepage TEXT,
    news_url TEXT,
    feed_url TEXT,
    platform TEXT,
    latitude REAL,
    longitude REAL,
    last_crawled TEXT,
    last_success TEXT,
    last_status TEXT,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    lead TEXT,
    body TEXT,
    published TEXT,
    updated TEXT,
    year INTEGER,
    language TEXT,
    author TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    fetched_at TEXT,
    extractor TEXT,
    content_hash TEXT NOT NULL,
    quote_count INTEGER NOT NULL DEFAULT 0,
    contact_count INTEGER NOT NULL DEFAULT 0,
    capture_id INTEGER REFERENCES captures(id),
    version INTEGER NOT NULL DEFAULT 1,
    revision_count INTEGER NOT NULL DEFAULT 0,
    removed TEXT,
    removed_reason TEXT
);
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    role TEXT,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS contacts (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT,
    role TEXT,
    organisation TEXT,
    email TEXT,
    phone TEXT,
    phone_raw TEXT,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS people (
    id INTEGER PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    role TEXT,
    email TEXT,
    phone TEXT,
    first_quoted TEXT,
    last_quoted TEXT,
    quote_count INTEGER NOT NULL DEFAULT 0,
    contact_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (municipality_id, name_key)
);
CREATE TABLE IF NOT EXISTS person_roles (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    first_seen_published TEXT,
    last_seen_published TEXT,
    article_count INTEGER NOT NULL,
    PRIMARY KEY (person_id, role)
);
CREATE TABLE IF NOT EXISTS captures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    etag TEXT,
    last_modified TEXT,
    payload_sha256 TEXT NOT NULL,
    warc_file TEXT NOT NULL,
    warc_offset INTEGER NOT NULL,
    warc_length INTEGER NOT NULL,
    warc_record_id TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS revisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    title TEXT,
    lead TEXT,
    body TEXT,
    published TEXT,
    updated TEXT,
    captured_at TEXT,
    replaced_at TEXT,
    capture_id INTEGER REFERENCES captures(id),
    trivial INTEGER NOT NULL DEFAULT 0,
    changed_fields TEXT,
    words_removed INTEGER,
    words_added INTEGER,
    UNIQUE (article_id, version)
);
-- Every page the spider fetched that is not an article (robots.txt, homepage, sitemaps, feeds,
-- listings, rejected candidates, broken links, permanent redirects): its validators and what it
-- yielded, so the next crawl asks for it conditionally and, on a 304, reuses the links it listed
-- instead of downloading it again. Articles keep their validators in captures.
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL,
    outcome TEXT,
    etag TEXT,
    last_modified TEXT,
    payload_sha256 TEXT,
    last_status INTEGER,
    first_fetched TEXT NOT NULL,
    last_fetched TEXT NOT NULL,
    last_changed TEXT,
    link_count INTEGER,
    links TEXT,
    content TEXT
);
CREATE TABLE IF NOT EXISTS crawls (
    id INTEGER PRIMARY KEY,
    municipality_id TEXT REFERENCES municipalities(id),
    started TEXT,
    finished TEXT,
    status TEXT,
    pages_fetched INTEGER,
    articles_found INTEGER,
    articles_new INTEGER,
    articles_updated INTEGER,
    articles_unchanged INTEGER,
    errors INTEGER,
    note TEXT
);
-- The words of articles_fts, spelt backwards, so the Datasette search can find compounds ending in
-- a word (skola -> förskola, grundskola) with an index range scan. Derived data: refresh_terms()
-- rebuilds it from the full-text index. A vocabulary, not a second index: a few MB where a trigram
-- index over the bodies would be ~5x the article index.
CREATE TABLE IF NOT EXISTS articles_fts_terms (
    term TEXT PRIMARY KEY,
    reversed TEXT NOT NULL,
    documents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS articles_fts_terms_state (
    key TEXT PRIMARY KEY,
    value TEXT
);
"""

# Indexes are created after ``_add_missing_columns``: on an archive written by an older version the
# indexed column (``quotes.person_id``) does not exist until then.
INDEXES_SQL = """
CREATE INDEX IF NOT EXISTS idx_articles_municipality_published ON articles(municipality_id, published);
CREATE INDEX IF NOT EXISTS idx_articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS idx_articles_language ON articles(language);
CREATE INDEX IF NOT EXISTS idx_articles_year ON articles(year);
CREATE INDEX IF NOT EXISTS idx_quotes_article_id ON quotes(article_id);
CREATE INDEX IF NOT EXISTS idx_quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS idx_contacts_article_id ON contacts(article_id);
CREATE INDEX IF NOT EXISTS idx_contacts_email ON contacts(email);
CREATE INDEX IF NOT EXISTS idx_crawls_municipality_started ON crawls(municipality_id, started);
CREATE INDEX IF NOT EXISTS idx_quotes_person_id ON quotes(person_id);
CREATE INDEX IF NOT EXISTS idx_contacts_person_id ON contacts(person_id);
CREATE INDEX IF NOT EXISTS idx_people_municipality_email ON people(municipality_id, email);
CREATE INDEX IF NOT EXISTS idx_articles_fts_terms_reversed ON articles_fts_terms(reversed);
CREATE INDEX IF NOT EXISTS idx_articles_capture_id ON articles(capture_id);
CREATE INDEX IF NOT EXISTS idx_articles_removed ON articles(removed);
CREATE INDEX IF NOT EXISTS idx_articles_revision_count ON articles(revision_count);
CREATE INDEX IF NOT EXISTS idx_captures_url ON captures(url);
CREATE INDEX IF NOT EXISTS idx_revisions_capture_id ON revisions(capture_id);
CREATE INDEX IF NOT EXISTS idx_pages_municipality_kind ON pages(municipality_id, kind);
"""

#: The whole schema (tables, then indexes), as a fresh archive gets it.
SCHEMA_SQL = TABLES_SQL + INDEXES_SQL

#: How alike two differently written names with the same e-mail address must be (difflib ratio on
#: the name keys) to be one person. 0.85 accepts one or two letters' difference in a full name
#: ("kristofer svensson" / "kristoffer svensson" is 0.97) and rejects different people ("anna ek" /
#: "anna eklund" is 0.78).
NAME_SIMILARITY = 0.85

#: Columns ``save_municipalities`` accepts; the crawl-status columns are owned by ``record_crawl``.
MUNICIPALITY_COLUMNS = (
    "name",
    "country",
    "homepage",
    "news_url",
    "feed_url",
    "platform",
    "latitude",
    "longitude",
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


def utcnow() -> str:
    """Current UTC time as ISO 8601 with a ``Z`` (sorts as text, parses in SQLite and feed readers)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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


def name_key(name: str | None) -> str | None:
    """The key people are matched on: Unicode NFC, casefolded, whitespace collapsed.

    Diacritics are kept: å, ä and ö are letters of their own in Swedish, so "Åsa Öberg" and
    "Asa Oberg" are different keys (as "far" and "får" are different words). ``None`` for a name
    that is empty once normalised.
    """
    if not name:
        return None
    key = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return key or None


def similar_names(a: str, b: str) -> bool:
    """True if two name keys may spell the same person's name.

    Used only to accept an e-mail match: the same surname with the same first initial
    ("kristofer svensson" / "kristoffer svensson" / "k. svensson"), or nearly the same letters
    (a typo). A shared desk address such as kommunikation@… used by two different press officers
    does not pass, so they stay two people.
    """
    if a == b:
        return True
    a_parts, b_parts = a.split(), b.split()
    if (
        len(a_parts) > 1
        and len(b_parts) > 1
        and a_parts[-1] == b_parts[-1]
        and a_parts[0][0] == b_parts[0][0]
    ):
        return True
    return SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY


# Rows that could belong to a person but are not linked to one (yet).
_UNLINKED_QUOTE = "person_id IS NULL AND speaker IS NOT NULL"
_UNLINKED_CONTACT = "person_id IS NULL AND (name IS NOT NULL OR email IS NOT NULL)"


def _choose_by_email(key: str | None, candidates: dict[int, str]) -> int | None:
    """The person an e-mail address points to, given the contact's name key (see the linking rule)."""
    if key is None:
        return next(iter(candidates)) if len(candidates) == 1 else None
    if key in candidates.values():
        return min(pid for pid, k in candidates.items() if k == key)
    alike = [
        (SequenceMatcher(None, key, k).ratio(), -pid)
        for pid, k in candidates.items()
        if similar_names(key, k)
    ]
    return -max(alike)[1] if alike else None


def _quote_rows(quotes: Iterable[Quote]) -> list[tuple[int, str, str | None, str | None]]:
    """Quotes as stored: a quote without words is not a quote, so it is dropped."""
    return [(q.position, q.text, q.speaker, q.role) for q in quotes if q.text and q.text.strip()]


def _contact_rows(contacts: Iterable[Contact]) -> list[tuple[Any, ...]]:
    """Contacts as stored; ``position`` is the order on the page (``Contact`` has no field for it)."""
    return [
        (i, c.name, c.role, c.organisation, c.email, c.phone, c.phone_raw) for i, c in enumerate(contacts)
    ]


class Archive:
    """Read-write handle on ``archive.db``; opening it creates or upgrades the schema idempotently."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = sqlite_utils.Database(self.path)  # also sets PRAGMA recursive_triggers=on
        conn = self.db.conn
        conn.execute("PRAGMA foreign_keys = ON")
        # Another writer (a second crawl, a reextract run) holds the lock for one article at a time:
        # wait for it rather than fail.
        conn.execute("PRAGMA busy_timeout = 30000")
        self.ensure_schema()
        conn.execute("PRAGMA synchronous = NORMAL")

    # -- schema -------------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create missing tables, columns, indexes, FTS tables and triggers; safe on an existing db."""
        self.db.enable_wal()
        self.db.executescript(TABLES_SQL)
        self._add_missing_columns()
        self.db.executescript(INDEXES_SQL)
        # FTS last, after every table has its foreign keys (TRAPS: transform/add_foreign_key drop the
        # triggers). replace=True is a no-op when the index and triggers are already right and
        # rebuilds them when a tool dropped the triggers.
        for table, columns in FTS_COLUMNS.items():
            self.db[table].enable_fts(columns, create_triggers=True, tokenize=FTS_TOKENIZE, replace=True)
            self._narrow_update_trigger(table, columns)
            self.db.execute(
                f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('rank', ?)", [FTS_RANK[table]]
            )
        if self.db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self.db.conn.commit()

    def _add_missing_columns(self) -> None:
        """Add columns a newer schema has and an older file lacks (ALTER TABLE keeps FTS triggers)."""
        reference = sqlite3.connect(":memory:")
        try:
            reference.executescript(SCHEMA_SQL)
            tables = [r[0] for r in reference.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                have = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
                # column -> "REFERENCES t(c) ON DELETE ...": ADD COLUMN may carry a foreign key as long
                # as the column defaults to NULL, so migrated files get the same links as new ones.
                references = {
                    fk[3]: f" REFERENCES {fk[2]}({fk[4]})"
                    + (f" ON DELETE {fk[6]}" if fk[6] != "NO ACTION" else "")
                    for fk in reference.execute(f"PRAGMA foreign_key_list({table})")
                }
                for _cid, name, type_, notnull, default, _pk in reference.execute(
                    f"PRAGMA table_info({table})"
                ):
                    if name in have:
                        continue
                    decl = f"{name} {type_}"
                    if notnull and default is not None:
                        decl += f" NOT NULL DEFAULT {default}"
                    decl += references.get(name, "")
                    logger.info("archive: adding column %s.%s", table, name)
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {decl}")
        finally:
            reference.close()

    def _narrow_update_trigger(self, table: str, columns: tuple[str, ...]) -> None:
        """Re-index a row only when an indexed column is written, not on every ``last_seen`` bump.

        sqlite-utils creates ``<table>_au`` as ``AFTER UPDATE``; we keep its name (so
        ``enable_fts(replace=True)`` still recognises the set-up) and narrow it to the FTS columns.
        """
        cols = ", ".join(columns)
        old = ", ".join(f"old.{c}" for c in columns)
        new = ", ".join(f"new.{c}" for c in columns)
        sql = (
            f"CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON {table} BEGIN\n"
            f"  INSERT INTO {table}_fts ({table}_fts, rowid, {cols}) VALUES('delete', old.rowid, {old});\n"
            f"  INSERT INTO {table}_fts (rowid, {cols}) VALUES (new.rowid, {new});\n"
            "END"
        )
        current = self.db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [f"{table}_au"]
        ).fetchone()
        if current and current[0] == sql:
            return
        with self._transaction():
            self.db.execute(f"DROP TRIGGER IF EXISTS {table}_au")
            self.db.execute(sql)

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One ``BEGIN IMMEDIATE`` … ``COMMIT``: all or nothing, and the write lock taken up front.

        IMMEDIATE avoids the deadlock of two readers both upgrading to writers. We use plain
        ``execute`` inside, never sqlite-utils' table methods, which commit on their own.
        """
        conn = self.db.conn
        if conn.in_transaction:
            conn.commit()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    # -- writes -------------------------------------------------------------------------------

    def save_municipalities(self, municipalities: Iterable[dict[str, Any]]) -> None:
        """Upsert municipalities by ``id``, writing only the keys each dict has.

        Each record is upserted on its own keys (not ``upsert_all``, which writes NULL into keys
        missing from some records, sqlite-utils#873), and the crawl-status columns are never
        touched, so re-loading the registry keeps ``last_status`` and ``article_count``. Unknown keys
        (registry fields that are not columns) are ignored with one log line each.
        """
        ignored: set[str] = set()
        with self._transaction():
            for record in municipalities:
                mid = record.get("id")
                if not mid:
                    raise ValueError(f"municipality without id: {record!r}")
                cols = [c for c in MUNICIPALITY_COLUMNS if c in record]
                ignored.update(k for k in record if k != "id" and k not in MUNICIPALITY_COLUMNS)
                names = ", ".join(["id", *cols])
                marks = ", ".join("?" * (len(cols) + 1))
                if cols:
                    sets = ", ".join(f"{c} = excluded.{c}" for c in cols)
                    conflict = f"DO UPDATE SET {sets}"
                else:
                    conflict = "DO NOTHING"
                self.db.execute(
                    f"INSERT INTO municipalities ({names}) VALUES ({marks}) ON CONFLICT(id) {conflict}",
                    [mid, *(record[c] for c in cols)],
                )
        for key in sorted(ignored):
            logger.info("archive: municipality key %r is not a column; ignored", key)

    def save_article(self, article: Article) -> str:
        """Store one article with its quotes and contacts, in one transaction.

        Returns ``'new'``, ``'updated'`` (something stored changed: text, dates, metadata, quotes or
        contacts) or ``'unchanged'`` (only ``last_seen`` and ``fetched_at`` move). The article is
        keyed by ``url``, so a re-crawl never duplicates it and ``first_seen`` is kept. A municipality
        not yet in ``municipalities`` gets a stub row so the foreign key holds.
        """
        if not article.url or not article.municipality_id:
            raise ValueError("an article needs a url and a municipality_id")
        seen = article.fetched_at or utcnow()
        values: dict[str, Any] = {
            "municipality_id": article.municipality_id,
            "title": article.title,
            "lead": article.lead,
            "body": article.body,
            "published": article.published,
            "updated": article.updated,
            "year": year_of(article.published),
            "language": article.language,
            "author": article.author,
            "extractor": article.extractor,
            "content_hash": content_hash(article),
        }
        quotes = _quote_rows(article.quotes)
        contacts = _contact_rows(article.contacts)

        with self._transaction():
            self.db.execute("INSERT OR IGNORE INTO municipalities (id) VALUES (?)", [article.municipality_id])
            capture_id = self._save_capture(article.capture) if article.capture else None
            cursor = self.db.execute("SELECT * FROM articles WHERE url = ?", [article.url])
            row = cursor.fetchone()
            if row is None:
                cols = {
                    **values,
                    "url": article.url,
                    "first_seen": seen,
                    "last_seen": seen,
                    "fetched_at": article.fetched_at,
                    "quote_count": len(quotes),
                    "contact_count": len(contacts),
                    "capture_id": capture_id,
                }
                names = ", ".join(cols)
                marks = ", ".join("?" * len(cols))
                cur = self.db.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", list(cols.values()))
                touched = self._insert_children(cur.lastrowid, article.municipality_id, quotes, contacts)
                self._refresh_people(touched)
                return NEW

            existing = dict(zip([d[0] for d in cursor.description], row, strict=True))
            article_id = existing["id"]
            changed = {c: values[c] for c in _COMPARED_COLUMNS if existing[c] != values[c]}
            children_changed = self._children(article_id) != (quotes, contacts)
            if changed or children_changed:
                changed["extractor"] = values["extractor"]
            if children_changed:
                changed["quote_count"] = len(quotes)
                changed["contact_count"] = len(contacts)
            # Bookkeeping that does not make the save an "update": the newest capture, a page back.
            extra = self._new_version(existing, values, capture_id, seen)
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
                # Replace the children and re-aggregate everyone linked before or after: a person who
                # lost their only quote here is decremented (or removed), never left counting it.
                before = self._article_people(article_id)
                self.db.execute("DELETE FROM quotes WHERE article_id = ?", [article_id])
                self.db.execute("DELETE FROM contacts WHERE article_id = ?", [article_id])
                after = self._insert_children(article_id, article.municipality_id, quotes, contacts)
                self._refresh_people(before | after)
            else:
                # Rows stored before the people table existed get linked on their next crawl; a no-op
                # (two indexed look-ups) once they are. A new publication date moves the people's dates.
                touched = self._link_stored(article_id, article.municipality_id)
                if "published" in changed:
                    touched |= self._article_people(article_id)
                self._refresh_people(touched)
            return UPDATED if changed_status else UNCHANGED

    # -- captures, revisions, removed pages -----------------------------------------------------

    def _save_capture(self, capture: dict[str, Any]) -> int:
        """The ``captures`` row for a WARC record (inserted once: the record id is unique)."""
        record_id = capture["warc_record_id"]
        row = self.db.execute("SELECT id FROM captures WHERE warc_record_id = ?", [record_id]).fetchone()
        if row:
            return row[0]
        names = ", ".join(CAPTURE_COLUMNS)
        marks = ", ".join("?" * len(CAPTURE_COLUMNS))
        cur = self.db.execute(
            f"INSERT INTO captures ({names}) VALUES ({marks})", [capture.get(c) for c in CAPTURE_COLUMNS]
        )
        return cur.lastrowid

    def _new_version(
        self, existing: dict[str, Any], values: dict[str, Any], capture_id: int | None, seen: str
    ) -> dict[str, Any]:
        """Keep the stored version in ``revisions`` when a new capture reads differently.

        Only a *different capture* can make a revision: the same bytes extracted again (``muninews
        reextract``, a newer extractor) update the row in place, because the page did not change —
        our reading of it did. Returns the article columns to set (``version``, ``revision_count``).
        """
        old = {f: existing[f] for f in revisions.TEXT_FIELDS}
        fields = revisions.changed_fields(old, values)
        if not fields or capture_id is None or capture_id == existing["capture_id"]:
            return {}
        if existing["capture_id"] is not None:
            digests = {
                r[0]
                for r in self.db.execute(
                    "SELECT payload_sha256 FROM captures WHERE id IN (?, ?)",
                    [existing["capture_id"], capture_id],
                )
            }
            if len(digests) == 1:  # both captures hold the same payload: no change at the source
                return {}
        trivial = revisions.is_trivial_change(old, values)
        removed = added = 0
        for f in fields:
            r, a = revisions.word_counts(old[f], values[f])
            removed, added = removed + r, added + a
        captured = None
        if existing["capture_id"] is not None:
            captured = self.db.execute(
                "SELECT fetched_at FROM captures WHERE id = ?", [existing["capture_id"]]
            ).fetchone()[0]
        self.db.execute(
            "INSERT INTO revisions (article_id, version, title, lead, body, published, updated, captured_at, "
            "replaced_at, capture_id, trivial, changed_fields, words_removed, words_added) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                existing["id"],
                existing["version"],
                existing["title"],
                existing["lead"],
                existing["body"],
                existing["published"],
                existing["updated"],
                captured or existing["fetched_at"],
                seen,
                existing["capture_id"],
                int(trivial),
                ", ".join(fields),
                removed,
                added,
            ],
        )
        return {
            "version": existing["version"] + 1,
            "revision_count": existing["revision_count"] + (0 if trivial else 1),
        }

    def touch_article(self, url: str, seen: str) -> bool:
        """A known article answered again unchanged (304, or the same bytes): move ``last_seen``.

        Also clears ``removed`` (a page can come back). Returns False if no article has this url.
        """
        with self._transaction():
            cur = self.db.execute(
                "UPDATE articles SET last_seen = max(last_seen, ?), removed = NULL, removed_reason = NULL "
                "WHERE url = ?",
                [seen, url],
            )
            return cur.rowcount > 0

    def mark_removed(self, url: str, found_at: str, reason: str) -> bool:
        """Mark an article gone (404, 410, redirected away) with the date it was found gone.

        Never deletes: the article, its revisions and captures stay. The first date is kept when a
        later crawl finds it gone again. Returns True if the article was newly marked.
        """
        with self._transaction():
            cur = self.db.execute(
                "UPDATE articles SET removed = ?, removed_reason = ? WHERE url = ? AND removed IS NULL",
                [found_at[:10], reason, url],
            )
            return cur.rowcount > 0

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
                "INSERT INTO pages (url, municipality_id, kind, outcome, etag, last_modified, payload_sha256, "
                "last_status, first_fetched, last_fetched, last_changed, link_count, links, content) "
                "VALUES (:url, :mid, :kind, :outcome, :etag, :lm, :sha, :status, :at, :at, :changed, :count, "
                ":links, :content) ON CONFLICT(url) DO UPDATE SET municipality_id = excluded.municipality_id, "
                "kind = excluded.kind, outcome = excluded.outcome, etag = excluded.etag, "
                "last_modified = excluded.last_modified, payload_sha256 = excluded.payload_sha256, "
                "last_status = excluded.last_status, last_fetched = excluded.last_fetched, "
                "last_changed = coalesce(excluded.last_changed, pages.last_changed), "
                "link_count = excluded.link_count, links = excluded.links, content = excluded.content",
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

    def update_revision_text(self, revision_id: int, values: dict[str, Any]) -> bool:
        """Re-extracted text for a stored revision (``muninews reextract``); True if it changed.

        The trivial flag and word counts are recomputed against the version that replaced it, and the
        article's ``revision_count`` follows.
        """
        with self._transaction():
            row = self.db.execute(
                "SELECT article_id, version, title, lead, body, published, updated FROM revisions WHERE id = ?",
                [revision_id],
            ).fetchone()
            if row is None:
                return False
            article_id, version = row[0], row[1]
            old = dict(zip(("title", "lead", "body", "published", "updated"), row[2:], strict=True))
            new = {k: values.get(k) for k in old}
            if new == old:
                return False
            nxt = self.db.execute(
                "SELECT title, lead, body FROM revisions WHERE article_id = ? AND version = ? UNION ALL "
                "SELECT title, lead, body FROM articles WHERE id = ? AND version = ?",
                [article_id, version + 1, article_id, version + 1],
            ).fetchone()
            following = dict(zip(revisions.TEXT_FIELDS, nxt or (None, None, None), strict=True))
            fields = revisions.changed_fields(new, following)
            removed = added = 0
            for f in fields:
                r, a = revisions.word_counts(new[f], following[f])
                removed, added = removed + r, added + a
            self.db.execute(
                "UPDATE revisions SET title = ?, lead = ?, body = ?, published = ?, updated = ?, trivial = ?, "
                "changed_fields = ?, words_removed = ?, words_added = ? WHERE id = ?",
                [
                    new["title"],
                    new["lead"],
                    new["body"],
                    new["published"],
                    new["updated"],
                    int(revisions.is_trivial_change(new, following)),
                    ", ".join(fields),
                    removed,
                    added,
                    revision_id,
                ],
            )
            self.db.execute(
                "UPDATE articles SET revision_count = "
                "(SELECT count(*) FROM revisions WHERE article_id = :a AND trivial = 0) WHERE id = :a",
                {"a": article_id},
            )
            return True

    # -- reads for the crawler and reextract (never write) ---------------------------------------

    @staticmethod
    def known_articles(path: str | Path, municipality_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """What the archive knows of these municipalities' articles, read-only: url -> facts.

        Facts: ``municipality_id``, ``published``, ``first_seen``, ``last_seen``, ``removed``,
        ``title`` and, from the current capture, ``etag``, ``last_modified``, ``payload_sha256``.
        An archive that does not exist yet knows nothing.
        """
        path = Path(path)
        ids = list(municipality_ids)
        if not path.exists() or not ids:
            return {}
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        marks = ", ".join("?" * len(ids))
        try:
            try:
                rows = conn.execute(
                    "SELECT a.url, a.municipality_id, a.published, a.first_seen, a.last_seen, a.removed, a.title, "
                    "c.etag, c.last_modified, c.payload_sha256 FROM articles a "
                    f"LEFT JOIN captures c ON c.id = a.capture_id WHERE a.municipality_id IN ({marks})",
                    ids,
                ).fetchall()
            except sqlite3.OperationalError:  # an archive from before captures: no validators
                rows = conn.execute(
                    "SELECT url, municipality_id, published, first_seen, last_seen, NULL AS removed, title, "
                    "NULL AS etag, NULL AS last_modified, NULL AS payload_sha256 FROM articles "
                    f"WHERE municipality_id IN ({marks})",
                    ids,
                ).fetchall()
        finally:
            conn.close()
        return {r["url"]: dict(r) for r in rows}

    @staticmethod
    def known_pages(path: str | Path, municipality_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The ``pages`` rows of these municipalities, read-only: url -> row, ``links`` parsed.

        An archive that does not exist yet, or predates the table, knows no pages.
        """
        path = Path(path)
        ids = list(municipality_ids)
        if not path.exists() or not ids:
            return {}
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        marks = ", ".join("?" * len(ids))
        try:
            rows = conn.execute(
                "SELECT url, municipality_id, kind, outcome, etag, last_modified, payload_sha256, last_status, "
                f"last_fetched, links, content FROM pages WHERE municipality_id IN ({marks})",
                ids,
            ).fetchall()
        except sqlite3.OperationalError:  # an archive from before the pages table
            return {}
        finally:
            conn.close()
        pages = {}
        for r in rows:
            page = dict(r)
            page["links"] = json.loads(page["links"]) if page["links"] else []
            pages[page["url"]] = page
        return pages

    def captured_articles(self) -> list[dict[str, Any]]:
        """Articles with a capture, with what re-extraction needs (the capture and the country)."""
        rows = self.db.execute(
            "SELECT a.id, a.url, a.municipality_id, coalesce(m.country, 'SE') AS country, "
            "c.id AS capture_id, c.fetched_at, c.warc_file, c.warc_offset, c.content_type, c.payload_sha256 "
            "FROM articles a JOIN captures c ON c.id = a.capture_id "
            "LEFT JOIN municipalities m ON m.id = a.municipality_id ORDER BY a.id"
        )
        cols = [d[0] for d in rows.description]
        return [dict(zip(cols, r, strict=True)) for r in rows.fetchall()]

    def captured_revisions(self) -> list[dict[str, Any]]:
        """Revisions with a capture, oldest version first, with what re-extraction needs."""
        rows = self.db.execute(
            "SELECT r.id, r.article_id, r.version, a.url, a.municipality_id, coalesce(m.country, 'SE') AS country, "
            "c.fetched_at, c.warc_file, c.warc_offset, c.content_type "
            "FROM revisions r JOIN articles a ON a.id = r.article_id JOIN captures c ON c.id = r.capture_id "
            "LEFT JOIN municipalities m ON m.id = a.municipality_id ORDER BY r.article_id, r.version DESC"
        )
        cols = [d[0] for d in rows.description]
        return [dict(zip(cols, r, strict=True)) for r in rows.fetchall()]

    def _children(self, article_id: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """Stored quotes and contacts in the same shape as ``_quote_rows``/``_contact_rows``."""
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
        self,
        article_id: int | None,
        municipality_id: str,
        quotes: list[tuple[Any, ...]],
        contacts: list[tuple[Any, ...]],
    ) -> set[int]:
        """Insert quotes and contacts linked to their people; returns the people linked."""
        contact_people, quote_people = self._resolve_people(
            municipality_id, [(c[1], c[4]) for c in contacts], [q[2] for q in quotes]
        )
        self.db.conn.executemany(
            "INSERT INTO quotes (article_id, position, text, speaker, role, person_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, *q, pid) for q, pid in zip(quotes, quote_people, strict=True)],
        )
        self.db.conn.executemany(
            "INSERT INTO contacts (article_id, position, name, role, organisation, email, phone, phone_raw, "
            "person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, *c, pid) for c, pid in zip(contacts, contact_people, strict=True)],
        )
        return {pid for pid in (*contact_people, *quote_people) if pid is not None}

    # -- people -------------------------------------------------------------------------------
    #
    # Linking rule (also in datasette_metadata.json, table people). Within one municipality:
    #
    # 1. A contact with an e-mail address links to the person already known by that address (the
    #    person's current email, or any earlier contact of theirs with it) when the names are alike
    #    (``similar_names``: "Kristoffer Svensson" joins "Kristofer Svensson") or the contact has no
    #    name (then only if exactly one person has the address). E-mail is the stronger key; the
    #    name check keeps a shared desk address from merging different press officers.
    # 2. Otherwise a contact or a quote's speaker links by ``name_key`` (casefold, whitespace
    #    collapsed, å/ä/ö kept), creating the person on first sight. Within one article, a quote
    #    whose speaker has the same name_key as a contact goes to that contact's person.
    # 3. A quote without a speaker, or a contact with neither name nor a known address, links to
    #    nobody. People are never merged across municipalities.
    #
    # The aggregates (counts, dates, latest email/phone/role, person_roles) are recomputed from the
    # linked rows for exactly the people an article touched, in the article's transaction: a re-save
    # cannot double-count and a dropped quote is decremented. A person left with no rows is deleted.

    def _resolve_people(
        self, municipality_id: str, contacts: list[tuple[str | None, str | None]], speakers: list[str | None]
    ) -> tuple[list[int | None], list[int | None]]:
        """Person ids for ``(name, email)`` contacts and for quote speakers of one article."""
        by_key: dict[str, int] = {}  # name keys met in this article
        by_email: dict[str, dict[int, str]] = {}  # addresses met in this article: person id -> name_key
        contact_people: list[int | None] = []
        for name, email in contacts:
            key = name_key(name)
            pid = None
            if email:
                candidates = {**self._people_by_email(municipality_id, email), **by_email.get(email, {})}
                pid = _choose_by_email(key, candidates)
            if pid is None and key is not None:
                pid = by_key.get(key) or self._person_by_key(municipality_id, key, name or "")
            if pid is not None:
                if key is not None:
                    by_key.setdefault(key, pid)
                if email:
                    pid_key = self.db.execute("SELECT name_key FROM people WHERE id = ?", [pid]).fetchone()[0]
                    by_email.setdefault(email, {})[pid] = pid_key
            contact_people.append(pid)
        quote_people: list[int | None] = []
        for speaker in speakers:
            key = name_key(speaker)
            pid = None
            if key is not None:
                pid = by_key.get(key) or self._person_by_key(municipality_id, key, speaker or "")
                by_key.setdefault(key, pid)
            quote_people.append(pid)
        return contact_people, quote_people

    def _people_by_email(self, municipality_id: str, email: str) -> dict[int, str]:
        """People of a municipality known by ``email`` (now or in an earlier contact): id -> name_key."""
        found = dict(
            self.db.execute(
                "SELECT id, name_key FROM people WHERE municipality_id = ? AND email = ?",
                [municipality_id, email],
            ).fetchall()
        )
        found.update(
            self.db.execute(
                "SELECT DISTINCT p.id, p.name_key FROM contacts c JOIN articles a ON a.id = c.article_id "
                "JOIN people p ON p.id = c.person_id WHERE c.email = ? AND a.municipality_id = ?",
                [email, municipality_id],
            ).fetchall()
        )
        return found

    def _person_by_key(self, municipality_id: str, key: str, name: str) -> int:
        """The person with this name_key in the municipality, created (with zero counts) if new."""
        row = self.db.execute(
            "SELECT id FROM people WHERE municipality_id = ? AND name_key = ?", [municipality_id, key]
        ).fetchone()
        if row:
            return row[0]
        cur = self.db.execute(
            "INSERT INTO people (municipality_id, name, name_key) VALUES (?, ?, ?)",
            [municipality_id, " ".join(name.split()), key],
        )
        return cur.lastrowid

    def _article_people(self, article_id: int) -> set[int]:
        return {
            r[0]
            for r in self.db.execute(
                "SELECT person_id FROM quotes WHERE article_id = :a AND person_id IS NOT NULL UNION "
                "SELECT person_id FROM contacts WHERE article_id = :a AND person_id IS NOT NULL",
                {"a": article_id},
            )
        }

    def _link_stored(self, article_id: int, municipality_id: str) -> set[int]:
        """Link an article's stored quotes and contacts that have a name or e-mail but no person."""
        quotes = self.db.execute(
            f"SELECT id, speaker FROM quotes WHERE article_id = ? AND {_UNLINKED_QUOTE} ORDER BY id",
            [article_id],
        ).fetchall()
        contacts = self.db.execute(
            f"SELECT id, name, email FROM contacts WHERE article_id = ? AND {_UNLINKED_CONTACT} ORDER BY id",
            [article_id],
        ).fetchall()
        if not quotes and not contacts:
            return set()
        contact_people, quote_people = self._resolve_people(
            municipality_id, [(c[1], c[2]) for c in contacts], [q[1] for q in quotes]
        )
        for table, rows, pids in (("quotes", quotes, quote_people), ("contacts", contacts, contact_people)):
            self.db.conn.executemany(
                f"UPDATE {table} SET person_id = ? WHERE id = ?",
                [(pid, r[0]) for r, pid in zip(rows, pids, strict=True) if pid is not None],
            )
        return {pid for pid in (*contact_people, *quote_people) if pid is not None}

    def _refresh_people(self, person_ids: Iterable[int]) -> None:
        """Recompute people rows and their person_roles from the quotes and contacts linked to them.

        Reads each person's own rows through ``idx_quotes_person_id``/``idx_contacts_person_id``:
        cost grows with how often that person appears, never with the size of the archive.
        """
        for pid in sorted(set(person_ids)):
            rows = self.db.execute(
                "SELECT 'quote', q.article_id, a.published, q.role, NULL, NULL FROM quotes q "
                "JOIN articles a ON a.id = q.article_id WHERE q.person_id = :p "
                "UNION ALL "
                "SELECT 'contact', c.article_id, a.published, c.role, c.email, c.phone FROM contacts c "
                "JOIN articles a ON a.id = c.article_id WHERE c.person_id = :p",
                {"p": pid},
            ).fetchall()
            if not rows:
                self.db.execute("DELETE FROM person_roles WHERE person_id = ?", [pid])
                self.db.execute("DELETE FROM people WHERE id = ?", [pid])
                continue
            # Newest first; undated articles count as oldest, ties broken by article id (storage order).
            rows.sort(key=lambda r: (r[2] or "", r[1]), reverse=True)
            quoted = [r[2] for r in rows if r[0] == "quote" and r[2]]
            roles: dict[str, dict[str, Any]] = {}
            for _kind, article_id, published, role, _email, _phone in rows:
                key = name_key(role)
                if key is None:
                    continue
                entry = roles.setdefault(
                    key, {"role": " ".join(role.split()), "dates": [], "articles": set()}
                )
                entry["articles"].add(article_id)
                if published:
                    entry["dates"].append(published)
            self.db.execute(
                "UPDATE people SET role = ?, email = ?, phone = ?, first_quoted = ?, last_quoted = ?, "
                "quote_count = ?, contact_count = ? WHERE id = ?",
                [
                    next((e["role"] for e in roles.values()), None),  # dicts keep insertion: newest first
                    next((r[4] for r in rows if r[4]), None),
                    next((r[5] for r in rows if r[5]), None),
                    min(quoted, default=None),
                    max(quoted, default=None),
                    sum(r[0] == "quote" for r in rows),
                    sum(r[0] == "contact" for r in rows),
                    pid,
                ],
            )
            self.db.execute("DELETE FROM person_roles WHERE person_id = ?", [pid])
            self.db.conn.executemany(
                "INSERT INTO person_roles (person_id, role, first_seen_published, last_seen_published, "
                "article_count) VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        pid,
                        e["role"],
                        min(e["dates"], default=None),
                        max(e["dates"], default=None),
                        len(e["articles"]),
                    )
                    for e in roles.values()
                ],
            )

    def link_people(self, batch_size: int = 500) -> int:
        """Link every stored quote and contact that has no person yet; returns how many were linked.

        For an archive written before the people table existed: opening it adds the columns but
        links nothing (that would take minutes on a Sweden-wide archive, and opening must stay
        fast); a re-crawl links each article it meets, and this links the rest. Articles are taken
        oldest first, ``batch_size`` per transaction (an interrupted run leaves whole batches done
        and can simply be run again).
        """
        unlinked = (
            f"SELECT count(*) FROM quotes WHERE {_UNLINKED_QUOTE}",
            f"SELECT count(*) FROM contacts WHERE {_UNLINKED_CONTACT}",
        )
        before = sum(self.db.execute(sql).fetchone()[0] for sql in unlinked)
        articles = self.db.execute(
            "SELECT id, municipality_id FROM articles WHERE id IN ("
            f"SELECT article_id FROM quotes WHERE {_UNLINKED_QUOTE} UNION "
            f"SELECT article_id FROM contacts WHERE {_UNLINKED_CONTACT}"
            ") ORDER BY published IS NULL, published, id"
        ).fetchall()
        for start in range(0, len(articles), batch_size):
            with self._transaction():
                touched: set[int] = set()
                for article_id, municipality_id in articles[start : start + batch_size]:
                    touched |= self._link_stored(article_id, municipality_id)
                self._refresh_people(touched)
        after = sum(self.db.execute(sql).fetchone()[0] for sql in unlinked)
        return before - after

    def record_crawl(
        self,
        municipality_id: str,
        *,
        started: str,
        finished: str,
        pages_fetched: int,
        articles_found: int,
        articles_new: int,
        articles_updated: int,
        articles_unchanged: int,
        errors: int,
        note: str | None = None,
    ) -> str:
        """Log one municipality's crawl and update its status columns; returns the status.

        A crawl that stored no article is ``'failing'`` whatever the reason (errors, nothing fetched,
        or pages fetched but none recognised as news): a municipality whose site moved, or whose
        crawl silently yields nothing, must show up at the top of ``crawl_health``. ``last_success``
        keeps the time of the last good crawl, so "failing since" is visible.
        """
        stored = articles_new + articles_updated + articles_unchanged
        status = STATUS_OK if stored > 0 else STATUS_FAILING
        with self._transaction():
            self.db.execute("INSERT OR IGNORE INTO municipalities (id) VALUES (?)", [municipality_id])
            self.db.execute(
                "INSERT INTO crawls (municipality_id, started, finished, status, pages_fetched, "
                "articles_found, articles_new, articles_updated, articles_unchanged, errors, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    municipality_id,
                    started,
                    finished,
                    status,
                    pages_fetched,
                    articles_found,
                    articles_new,
                    articles_updated,
                    articles_unchanged,
                    errors,
                    note,
                ],
            )
            self.db.execute(
                "UPDATE municipalities SET last_crawled = :finished, last_status = :status, "
                "last_success = CASE WHEN :status = 'ok' THEN :finished ELSE last_success END, "
                "article_count = (SELECT count(*) FROM articles WHERE municipality_id = :id) "
                "WHERE id = :id",
                {"finished": finished, "status": status, "id": municipality_id},
            )
        return status

    # -- maintenance --------------------------------------------------------------------------

    def refresh_terms(self) -> bool:
        """Rebuild ``articles_fts_terms`` if ``articles_fts`` changed since the last refresh.

        The full-text index's structure record (``articles_fts_data`` row 10) changes with every write
        to the index, so its hash tells whether the vocabulary can be stale. Reading the vocabulary
        walks the whole index (seconds per GB): ``muninews serve`` calls this before Datasette opens
        the file, not the crawler after every article. Returns True if the table was rebuilt.
        """
        block = self.db.execute("SELECT block FROM articles_fts_data WHERE id = 10").fetchone()
        signature = hashlib.sha256(block[0] if block else b"").hexdigest()
        stored = self.db.execute(
            "SELECT value FROM articles_fts_terms_state WHERE key = 'structure_sha256'"
        ).fetchone()
        if stored and stored[0] == signature:
            return False
        with self._transaction():
            self.db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_fts_vocab "
                "USING fts5vocab(main, articles_fts, row)"
            )
            self.db.execute("DELETE FROM articles_fts_terms")
            self.db.conn.executemany(
                "INSERT INTO articles_fts_terms (term, reversed, documents) VALUES (?, ?, ?)",
                (
                    (term, term[::-1], docs)
                    for term, docs in self.db.conn.execute("SELECT term, doc FROM temp.articles_fts_vocab")
                ),
            )
            self.db.execute(
                "INSERT OR REPLACE INTO articles_fts_terms_state (key, value) VALUES ('structure_sha256', ?)",
                [signature],
            )
        return True

    def fts_integrity_check(self) -> None:
        """Raise ``sqlite3.DatabaseError`` if a full-text index has drifted from its table.

        Catches missing triggers, double-populated indexes and ``INSERT OR REPLACE`` by a writer
        without ``recursive_triggers``. The ``rank`` argument 1 makes FTS5 compare against the
        content table, not only check its own structure.
        """
        for table in FTS_COLUMNS:
            self.db.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)")
        self.db.conn.commit()

    def checkpoint(self) -> None:
        """Move the WAL into the main file and truncate it.

        Needed before serving the file immutable (``datasette -i``), which ignores the WAL and would
        otherwise miss recent writes or even whole tables.
        """
        busy, _log, _done = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            logger.warning("archive: WAL checkpoint of %s incomplete: a reader is active", self.path)

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL when the last connection closes).

        ``PRAGMA optimize`` first refreshes the planner's statistics where a crawl changed the
        tables enough to matter; it is cheap and is what SQLite recommends before closing.
        """
        try:
            self.db.execute("PRAGMA optimize")
        except sqlite3.Error as exc:  # never let housekeeping hide the real outcome of a crawl
            logger.warning("archive: PRAGMA optimize failed: %s", exc)
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
