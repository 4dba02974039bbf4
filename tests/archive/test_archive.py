"""The archive on tmp_path databases: schema and upserts (search: test_fts.py; crawl log: test_crawl_log.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scraper.archive import FTS_TOKENIZE, Archive, content_hash
from scraper.items import Contact, Quote
from tests.helpers import sample_article

TABLES = {"municipalities", "articles", "quotes", "contacts", "crawls", "people", "person_roles"}
INDEXES = {
    "idx_articles_municipality_published_desc": ("articles", ["municipality_id", "published"]),
    "idx_articles_published_desc": ("articles", ["published"]),
    "idx_articles_language": ("articles", ["language"]),
    "idx_articles_year": ("articles", ["year"]),
    "idx_quotes_article_id": ("quotes", ["article_id"]),
    "idx_quotes_speaker": ("quotes", ["speaker"]),
    "idx_contacts_article_id": ("contacts", ["article_id"]),
    "idx_contacts_email": ("contacts", ["email"]),
    "idx_crawls_municipality_started": ("crawls", ["municipality_id", "started"]),
    "idx_quotes_person_id": ("quotes", ["person_id"]),
    "idx_contacts_person_id": ("contacts", ["person_id"]),
    "idx_people_municipality_email": ("people", ["municipality_id", "email"]),
}
TRIGGERS = {f"{t}_{s}" for t in ("articles", "quotes") for s in ("ai", "ad", "au")}
# sqlite_stat1 appears once PRAGMA optimize has run at close: planner statistics, not schema.
SCHEMA_SQL = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name"


def count(arch: Archive, table: str) -> int:
    return arch.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def fts_ids(arch: Archive, query: str, table: str = "articles") -> list[int]:
    sql = f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ? ORDER BY rank"
    return [r[0] for r in arch.db.execute(sql, [query])]


# -- schema ---------------------------------------------------------------------------------------


def test_schema_tables(archive: Archive) -> None:
    assert set(archive.db.table_names()) >= TABLES


def test_schema_indexes(archive: Archive) -> None:
    for name, (table, columns) in INDEXES.items():
        found = {i.name: i.columns for i in archive.db[table].indexes}
        assert found.get(name) == columns, name


def test_schema_foreign_keys(archive: Archive) -> None:
    fks = {(fk.table, fk.column, fk.other_table) for t in TABLES for fk in archive.db[t].foreign_keys}
    assert fks == {
        ("articles", "municipality_id", "municipalities"),
        ("articles", "capture_id", "captures"),  # issue 4: each article version links to its raw capture
        ("quotes", "article_id", "articles"),
        ("contacts", "article_id", "articles"),
        ("crawls", "municipality_id", "municipalities"),
        ("quotes", "person_id", "people"),
        ("contacts", "person_id", "people"),
        ("people", "municipality_id", "municipalities"),
        ("person_roles", "person_id", "people"),
    }


def test_url_unique(archive: Archive) -> None:
    archive.save_article(sample_article())
    with pytest.raises(sqlite3.IntegrityError):
        archive.db.execute(
            "INSERT INTO articles (municipality_id, url, first_seen, last_seen, content_hash) "
            "VALUES ('uppsala', ?, 'x', 'x', 'x')",
            [sample_article().url],
        )


def test_fts_tokenizer_and_triggers(archive: Archive) -> None:
    assert archive.db["articles"].detect_fts() == "articles_fts"
    assert archive.db["quotes"].detect_fts() == "quotes_fts"
    assert f"tokenize='{FTS_TOKENIZE}'" in archive.db["articles_fts"].schema
    assert f"tokenize='{FTS_TOKENIZE}'" in archive.db["quotes_fts"].schema
    assert {t.name for t in archive.db.triggers} >= TRIGGERS


def test_foreign_keys_on(archive: Archive) -> None:
    assert archive.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        archive.db.execute("INSERT INTO quotes (article_id, position, text) VALUES (9999, 0, 'orphan')")


def test_wal_on(archive: Archive) -> None:
    assert archive.db.journal_mode == "wal"


def test_recursive_triggers_on(archive: Archive) -> None:
    assert archive.db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1


def test_reopen_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    with Archive(path) as first:
        first.save_article(sample_article())
        schema_before = first.db.execute(SCHEMA_SQL).fetchall()
    with Archive(path) as second:
        schema_after = second.db.execute(SCHEMA_SQL).fetchall()
        assert schema_after == schema_before
        assert count(second, "articles") == 1
        assert count(second, "quotes") == 2
        assert {t.name for t in second.db.triggers} >= TRIGGERS
        # the triggers still index new rows after reopening
        second.save_article(sample_article(url="https://www.uppsala.se/nyheter/2", title="Badhuset stänger"))
        assert len(fts_ids(second, "badhuset")) == 1
        second.fts_integrity_check()


def test_reopen_restores_dropped_fts_triggers(tmp_path: Path) -> None:
    """A tool that ran transform()/add_foreign_key() dropped the triggers: opening repairs them."""
    path = tmp_path / "archive.db"
    with Archive(path) as first:
        first.save_article(sample_article())
        for trigger in TRIGGERS:
            first.db.execute(f"DROP TRIGGER {trigger}")
        first.db.conn.commit()
    with Archive(path) as second:
        assert {t.name for t in second.db.triggers} >= TRIGGERS
        second.save_article(sample_article(url="https://www.uppsala.se/nyheter/2", title="Badhuset stänger"))
        assert len(fts_ids(second, "badhuset")) == 1
        assert len(fts_ids(second, "förskola")) == 1
        second.fts_integrity_check()


def test_reopen_adds_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    with Archive(path) as first:
        first.db.execute("ALTER TABLE crawls DROP COLUMN note")
        first.db.conn.commit()
    with Archive(path) as second:
        assert "note" in second.db["crawls"].columns_dict


# -- save_article -------------------------------------------------------------------------------


def test_save_new(archive: Archive) -> None:
    assert archive.save_article(sample_article()) == "new"
    row = archive.db.execute("SELECT * FROM articles").fetchone()
    assert row is not None
    stored = next(archive.db["articles"].rows)
    assert stored["year"] == 2024
    assert stored["quote_count"] == 2
    assert stored["contact_count"] == 1
    assert stored["first_seen"] == stored["last_seen"] == "2024-03-02T10:00:00Z"
    assert stored["content_hash"] == content_hash(sample_article())


def test_save_again_unchanged(archive: Archive) -> None:
    archive.save_article(sample_article())
    later = sample_article(fetched_at="2024-04-01T08:00:00Z")
    assert archive.save_article(later) == "unchanged"
    assert count(archive, "articles") == 1
    assert count(archive, "quotes") == 2
    assert count(archive, "contacts") == 1
    stored = next(archive.db["articles"].rows)
    assert stored["first_seen"] == "2024-03-02T10:00:00Z"
    assert stored["last_seen"] == "2024-04-01T08:00:00Z"
    assert stored["fetched_at"] == "2024-04-01T08:00:00Z"


def test_unchanged_does_not_rewrite_text(archive: Archive) -> None:
    """Bumping last_seen must not touch the text columns (and so not re-index the article)."""
    archive.save_article(sample_article())
    archive.db.execute(
        "CREATE TEMP TRIGGER spy AFTER UPDATE OF title, lead, body ON articles "
        "BEGIN SELECT raise(ABORT, 'text rewritten'); END"
    )
    assert archive.save_article(sample_article(fetched_at="2024-04-01T08:00:00Z")) == "unchanged"


def test_unchanged_keeps_quote_ids(archive: Archive) -> None:
    archive.save_article(sample_article())
    before = [r[0] for r in archive.db.execute("SELECT id FROM quotes ORDER BY id")]
    archive.save_article(sample_article(fetched_at="2024-04-01T08:00:00Z"))
    assert [r[0] for r in archive.db.execute("SELECT id FROM quotes ORDER BY id")] == before


def test_save_updated_content(archive: Archive) -> None:
    archive.save_article(sample_article())
    changed = sample_article(
        body="Förskolan har åtta avdelningar.",
        fetched_at="2024-04-01T08:00:00Z",
        quotes=[Quote(position=0, text="Ännu bättre nu", speaker="Anna Ek")],
        contacts=[Contact(name="Bo Lind", phone="+4618000000"), Contact(name="Anna Ek")],
    )
    assert archive.save_article(changed) == "updated"
    assert count(archive, "articles") == 1
    stored = next(archive.db["articles"].rows)
    assert stored["body"] == "Förskolan har åtta avdelningar."
    assert stored["first_seen"] == "2024-03-02T10:00:00Z"
    assert stored["last_seen"] == "2024-04-01T08:00:00Z"
    assert stored["content_hash"] == content_hash(changed)
    assert [r["text"] for r in archive.db["quotes"].rows] == ["Ännu bättre nu"]
    assert [(r["position"], r["name"]) for r in archive.db["contacts"].rows] == [
        (0, "Bo Lind"),
        (1, "Anna Ek"),
    ]
    assert (stored["quote_count"], stored["contact_count"]) == (1, 2)
    assert fts_ids(archive, "åtta") == [stored["id"]]
    assert fts_ids(archive, "avdelningar AND sex") == []
    assert fts_ids(archive, "bättre", table="quotes") != []
    assert fts_ids(archive, "glada", table="quotes") == []


def test_save_updated_quotes_only(archive: Archive) -> None:
    """A better extractor finding more quotes in the same text is an update, not a duplicate."""
    archive.save_article(sample_article(quotes=[]))
    assert archive.save_article(sample_article()) == "updated"
    assert count(archive, "quotes") == 2


def test_save_updated_title_changes_hash(archive: Archive) -> None:
    archive.save_article(sample_article())
    assert archive.save_article(sample_article(title="Ny förskola öppnar i höst")) == "updated"
    assert fts_ids(archive, "höst") != []
    assert fts_ids(archive, "gottsunda") == []


def test_old_capture_does_not_move_last_seen_back(archive: Archive) -> None:
    archive.save_article(sample_article(fetched_at="2024-05-01T00:00:00Z"))
    archive.save_article(sample_article(fetched_at="2024-03-01T00:00:00Z"))
    stored = next(archive.db["articles"].rows)
    assert stored["last_seen"] == stored["fetched_at"] == "2024-05-01T00:00:00Z"


def test_unknown_municipality_gets_stub(archive: Archive) -> None:
    archive.save_article(sample_article(url="https://www.ale.se/nyheter/1", municipality_id="ale"))
    assert archive.db["municipalities"].get("ale")["name"] is None


def test_failed_save_leaves_nothing(archive: Archive) -> None:
    """One transaction per article: an error half-way leaves no article and no orphan quotes."""
    archive.db.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON contacts BEGIN SELECT raise(ABORT, 'boom'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        archive.save_article(sample_article())
    assert count(archive, "articles") == 0
    assert count(archive, "quotes") == 0
    archive.fts_integrity_check()


def test_empty_quote_text_dropped(archive: Archive) -> None:
    archive.save_article(sample_article(quotes=[Quote(position=0, text="  ")]))
    assert count(archive, "quotes") == 0


def test_article_needs_url() -> None:
    with pytest.raises(ValueError):
        Archive(":memory:").save_article(sample_article(url=""))


def test_a_save_without_its_key_finds_the_row_by_the_url_that_served_it(archive):
    """reextract saves what it reads from a capture under the served URL only: an article stored under
    another key (the canonical form without the trailing slash) is that row, not a second one."""
    from tests.helpers import sample_article

    served = "https://www.uppsala.se/nyheter/forskola-oppnar/"
    first = sample_article(url=served, canonical_url=served.rstrip("/"))
    assert archive.save_article(first) == "new"
    again = sample_article(url=served, body="Förskolan har sju avdelningar.")
    assert archive.save_article(again) == "updated"
    assert archive.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
