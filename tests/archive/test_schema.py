"""Schema migrations: named, ordered, recorded in user_version; old archives still open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from scraper.archive import Archive
from scraper.archive.schema import MIGRATIONS, SCHEMA_VERSION, migrate, user_version
from scraper.items import Article


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_migrations_are_named_and_versioned() -> None:
    names = [m.name for m in MIGRATIONS]
    assert len(set(names)) == len(names) and all(names)
    assert len(MIGRATIONS) == SCHEMA_VERSION


def test_a_fresh_archive_is_at_the_latest_version(tmp_path: Path) -> None:
    with Archive(tmp_path / "archive.db") as archive:
        assert user_version(archive.db) == SCHEMA_VERSION
    assert {"articles", "people", "captures", "revisions", "pages", "articles_fts"} <= tables(
        tmp_path / "archive.db"
    )


def test_migrate_stops_at_the_target(tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "old.db")
    assert migrate(db, target=1) == 1
    assert "people" not in db.table_names() and "articles" in db.table_names()
    assert migrate(db, target=2) == 2
    assert "people" in db.table_names() and "pages" not in db.table_names()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_archive_of_an_older_version_opens_and_keeps_its_articles(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrate(db, target=version)
    db.execute("INSERT INTO municipalities (id, name) VALUES ('ale', 'Ale kommun')")
    db.execute(
        "INSERT INTO articles (municipality_id, url, title, body, first_seen, last_seen, content_hash) "
        "VALUES ('ale', 'https://www.ale.se/nyheter/1', 'Ny förskola', 'Text.', '2024-01-01', '2024-01-01', 'x')"
    )
    db.conn.commit()
    db.close()
    with Archive(path) as archive:
        assert user_version(archive.db) == SCHEMA_VERSION
        assert "pages" in archive.db.table_names()
        found = archive.db.execute(
            "SELECT title FROM articles WHERE rowid IN "
            "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'förskola')"
        ).fetchall()
        assert found == [("Ny förskola",)]
        archive.save_article(Article(url="https://www.ale.se/nyheter/2", municipality_id="ale", title="T"))
        archive.fts_integrity_check()


def test_a_newer_archive_keeps_its_version(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Archive(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with Archive(path) as archive:
        assert user_version(archive.db) == SCHEMA_VERSION + 1


def test_version_5_keys_old_rows_by_their_url_and_a_recrawl_finds_them(tmp_path: Path) -> None:
    """Until version 5 ``url`` was the key: it is copied to ``canonical_url``, and a crawl that now
    stores the URL that served the page (the slash form) updates that row instead of adding one."""
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrate(db, target=4)
    db.execute("INSERT INTO municipalities (id, name) VALUES ('ale', 'Ale kommun')")
    db.execute(
        "INSERT INTO articles (municipality_id, url, title, body, first_seen, last_seen, content_hash) "
        "VALUES ('ale', 'https://www.ale.se/nyheter/1', 'Ny förskola', 'Text.', '2024-01-01', '2024-01-01', 'x')"
    )
    db.conn.commit()
    db.close()
    with Archive(path) as archive:
        row = archive.db.execute("SELECT url, canonical_url FROM articles").fetchone()
        assert row == ("https://www.ale.se/nyheter/1", "https://www.ale.se/nyheter/1")
        archive.save_article(
            Article(
                url="https://www.ale.se/nyheter/1/",
                canonical_url="https://www.ale.se/nyheter/1",
                municipality_id="ale",
                title="Ny förskola",
                body="Text.",
            )
        )
        rows = archive.db.execute("SELECT url, canonical_url FROM articles").fetchall()
        assert rows == [("https://www.ale.se/nyheter/1/", "https://www.ale.se/nyheter/1")]
        assert archive.touch_article("https://www.ale.se/nyheter/1", "2026-01-01T00:00:00Z")
        assert archive.mark_removed("https://www.ale.se/nyheter/1", "2026-01-02T00:00:00Z", "HTTP 404")


def test_version_8_gives_old_rows_the_site_source_and_an_empty_article_urls(tmp_path: Path) -> None:
    path = tmp_path / "v7.db"
    db = sqlite_utils.Database(path)
    migrate(db, target=7)
    db.execute("ALTER TABLE articles DROP COLUMN source")  # as a file written by version 7 is
    db.execute("INSERT INTO municipalities (id, name) VALUES ('ale', 'Ale kommun')")
    db.execute(
        "INSERT INTO articles (municipality_id, url, title, body, first_seen, last_seen, content_hash) "
        "VALUES ('ale', 'https://www.ale.se/nyheter/1', 'Ny förskola', 'Text.', '2024-01-01', '2024-01-01', 'x')"
    )
    db.conn.commit()
    db.close()
    with Archive(path) as archive:
        assert user_version(archive.db) == SCHEMA_VERSION >= 8
        assert archive.db.execute("SELECT source FROM articles").fetchall() == [("site",)]
        assert archive.db.execute("SELECT count(*) FROM article_urls").fetchone() == (0,)
