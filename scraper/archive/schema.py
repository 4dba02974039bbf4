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
from scraper.archive.tables import V1_SQL, V2_SQL, V3_SQL, V4_SQL, V6_SQL, V8_SQL, V10_SQL

logger = logging.getLogger(__name__)


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
    for statement in statements(V10_SQL):
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
        "articles_changed: the articles whose facet values changed, for readers that keep them",
        V8_SQL,
    ),
    Migration(
        "articles' date indexes newest first (the new ones are created with the other indexes)",
        "DROP INDEX IF EXISTS idx_articles_municipality_published;\nDROP INDEX IF EXISTS idx_articles_published;\n",
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
