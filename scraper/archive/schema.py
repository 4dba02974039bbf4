"""The schema of ``archive.db``: named, ordered migrations recorded in ``PRAGMA user_version``.

Every table and column here is part of the public contract for researchers and is described in
``datasette_metadata.json`` (a test keeps the two in step).

* The schema is plain ``CREATE TABLE IF NOT EXISTS`` SQL with the foreign keys inline. sqlite-utils'
  ``transform()`` and ``add_foreign_key()`` silently drop FTS triggers (simonw/sqlite-utils#849), so
  tables are born complete and full-text search (:mod:`scraper.archive.fts`) is enabled last.
* Migration *n* (1-based, in :data:`MIGRATIONS`) creates the tables that schema version *n*
  introduced, in their current form. An archive whose ``user_version`` is below *n* gets it; a
  fresh file gets them all. The version reached is then written to ``user_version``.
* Columns a later version added to an older table reach old files through plain ``ALTER TABLE ADD
  COLUMN`` (foreign key included; it keeps the FTS triggers), and indexes are created after that
  (:mod:`scraper.archive.upgrade`, which also decides whether a file needs anything at all).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from scraper.archive.fts import fill_stems

logger = logging.getLogger(__name__)

V1_SQL = """
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
    code TEXT,
    county_code TEXT,
    county TEXT,
    platform_seen TEXT,
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
    removed_reason TEXT,
    canonical_url TEXT,
    source TEXT NOT NULL DEFAULT 'site'
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

V2_SQL = """
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
"""

V3_SQL = """
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
"""

V4_SQL = """
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
"""

# Indexes are created after ``add_missing_columns``: on an archive written by an older version the
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
CREATE UNIQUE INDEX IF NOT EXISTS idx_articles_canonical_url ON articles(canonical_url);
CREATE INDEX IF NOT EXISTS idx_article_urls_article_id ON article_urls(article_id);
"""


#: The whole set of tables, as a fresh archive gets it.
V6_SQL = """
-- Inflection-aware search (scraper.archive.inflection): each word of articles_fts_terms under one
-- key per language, the language code, ':' and the word's lemma spelt backwards (sv:aloks for skola,
-- skolan, skolor): a search word finds its forms by key, and compounds whose lemma ends in it by a
-- range scan. Derived from the vocabulary by refresh_terms(), like articles_fts_terms.
CREATE TABLE IF NOT EXISTS articles_fts_stems (
    key TEXT NOT NULL,
    term TEXT NOT NULL,
    PRIMARY KEY (key, term)
) WITHOUT ROWID;
"""

V8_SQL = """
-- The other URLs of an article: one release on the site and in a press room (Mynewsdesk, Cision,
-- via TT) is one article with its other URLs here (scraper.archive.sameness decides "the same").
CREATE TABLE IF NOT EXISTS article_urls (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    capture_id INTEGER REFERENCES captures(id)
);
"""

TABLES_SQL = V1_SQL + V2_SQL + V3_SQL + V4_SQL + V6_SQL + V8_SQL

#: The whole schema (tables, then indexes), as a fresh archive gets it.
SCHEMA_SQL = TABLES_SQL + INDEXES_SQL


@dataclass(frozen=True)
class Migration:
    """One step of the schema: ``apply`` runs SQL (a script) or a function on the database."""

    name: str
    apply: str | Callable[[sqlite_utils.Database], None]

    def run(self, db: sqlite_utils.Database) -> None:
        """Run the step inside the caller's transaction (``executescript`` would commit it first)."""
        if isinstance(self.apply, str):
            for statement in statements(self.apply):
                db.execute(statement)
        else:
            self.apply(db)


def statements(script: str) -> list[str]:
    """The SQL statements of ``script``, one by one (comments kept with the statement they precede)."""
    out: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    rest = "\n".join(line for line in pending.splitlines() if not line.strip().startswith("--"))
    if rest.strip():
        raise ValueError(f"incomplete SQL statement: {rest.strip()[:60]}")
    return out


#: :class:`~scraper.items.Article` fields stored as they are in ``articles`` columns of the same name.
#: A new extracted field: add it to ``Article``, name it here, and add a migration with its column.
ARTICLE_FIELDS: tuple[str, ...] = (
    "municipality_id",
    "title",
    "lead",
    "body",
    "published",
    "updated",
    "language",
    "author",
    "extractor",
    "source",
)


def _articles_canonical_url(db: sqlite_utils.Database) -> None:
    """``articles.url`` becomes the URL that served the page; the key moves to ``canonical_url``.

    Until version 5 the spider stored the key itself as ``url``, so old rows get it copied.
    """
    if "canonical_url" not in {row[1] for row in db.execute("PRAGMA table_info(articles)")}:
        db.execute("ALTER TABLE articles ADD COLUMN canonical_url TEXT")
    db.execute("UPDATE articles SET canonical_url = url WHERE canonical_url IS NULL")


def _articles_fts_stems(db: sqlite_utils.Database) -> None:
    """Create ``articles_fts_stems`` and fill it from the vocabulary the file already has."""
    for statement in statements(V6_SQL):
        db.execute(statement)
    fill_stems(db.conn)


#: Columns migration 7 added to ``municipalities``: the official code and county from the registry,
#: and when a crawl last saw the site's platform on its pages.
_MUNICIPALITY_V7_COLUMNS = ("code", "county_code", "county", "platform_seen")


def _municipalities_code_county_platform_seen(db: sqlite_utils.Database) -> None:
    """``municipalities.code``, ``county_code``, ``county`` (the registry's) and ``platform_seen``."""
    have = {row[1] for row in db.execute("PRAGMA table_info(municipalities)")}
    for column in _MUNICIPALITY_V7_COLUMNS:
        if column not in have:
            db.execute(f"ALTER TABLE municipalities ADD COLUMN {column} TEXT")


def _articles_source_article_urls(db: sqlite_utils.Database) -> None:
    """``articles.source`` (old rows were all read from the site) and ``article_urls``."""
    if "source" not in {row[1] for row in db.execute("PRAGMA table_info(articles)")}:
        db.execute("ALTER TABLE articles ADD COLUMN source TEXT NOT NULL DEFAULT 'site'")
    for statement in statements(V8_SQL):
        db.execute(statement)


#: The schema's history, oldest first; migration ``i`` (0-based) brings a file to version ``i + 1``.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("articles, quotes, contacts, crawls", V1_SQL),
    Migration("people and person_roles; quotes/contacts.person_id", V2_SQL),
    Migration("captures, revisions, articles.removed", V3_SQL),
    Migration("pages: validators and links of the pages that are not articles", V4_SQL),
    Migration(
        "articles.canonical_url: the key, apart from the url that served the page", _articles_canonical_url
    ),
    Migration(
        "articles_fts_stems: the vocabulary by lemma, for inflection-aware search", _articles_fts_stems
    ),
    Migration(
        "municipalities.code, county_code, county; platform_seen: the platform its pages show",
        _municipalities_code_county_platform_seen,
    ),
    Migration(
        "articles.source and article_urls: one release published on the site and in a press room",
        _articles_source_article_urls,
    ),
)

#: Bumped when the schema changes in a way readers may care about (``PRAGMA user_version``).
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(db: sqlite_utils.Database) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(db: sqlite_utils.Database, target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations a file lacks, up to version ``target``; returns the version reached.

    A file from a newer muninews (a higher ``user_version``) is left at its version.
    """
    current = user_version(db)
    for number, migration in enumerate(MIGRATIONS[:target], start=1):
        if number > current:
            logger.info("archive: schema migration %d: %s", number, migration.name)
            migration.run(db)
    if current < target:
        db.execute(f"PRAGMA user_version = {int(target)}")
        return target
    return current
