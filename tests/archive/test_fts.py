"""Swedish full-text search on tmp_path archives: tokenizer, ranking, triggers, integrity."""

from __future__ import annotations

import sqlite3

import pytest

from scraper.archive import Archive
from tests.helpers import sample_article


def count(arch: Archive, table: str) -> int:
    return arch.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def fts_ids(arch: Archive, query: str, table: str = "articles") -> list[int]:
    sql = f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ? ORDER BY rank"
    return [r[0] for r in arch.db.execute(sql, [query])]


# -- Swedish full-text search -------------------------------------------------------------------


@pytest.fixture
def swedish(archive: Archive) -> dict[str, int]:
    articles = {
        "far": sample_article(
            url="https://u.se/1", title="Får på bete", lead=None, body="Fåren betar i parken."
        ),
        "father": sample_article(
            url="https://u.se/2", title="Far och son", lead=None, body="Pappadag i parken."
        ),
        "forskola": sample_article(url="https://u.se/3", title="Förskola", lead=None, body="Inskolning."),
        "skola": sample_article(url="https://u.se/4", title="Skolval", lead=None, body="Välj skola nu."),
    }
    ids = {}
    for key, art in articles.items():
        archive.save_article(art)
        ids[key] = archive.db.execute("SELECT id FROM articles WHERE url = ?", [art.url]).fetchone()[0]
    return ids


def test_fts_far_finds_far_with_ring(archive: Archive, swedish: dict[str, int]) -> None:
    assert fts_ids(archive, "får") == [swedish["far"]]


def test_fts_far_without_ring_is_another_word(archive: Archive, swedish: dict[str, int]) -> None:
    assert fts_ids(archive, "far") == [swedish["father"]]


def test_fts_case_folds(archive: Archive, swedish: dict[str, int]) -> None:
    assert fts_ids(archive, "förskola") == [swedish["forskola"]]
    assert fts_ids(archive, "FÖRSKOLA") == [swedish["forskola"]]


def test_fts_prefix(archive: Archive, swedish: dict[str, int]) -> None:
    assert fts_ids(archive, "skol*") == [swedish["skola"]]  # a prefix, not a substring: not "Förskola"
    assert fts_ids(archive, "förskol*") == [swedish["forskola"]]


def test_fts_title_ranks_first(archive: Archive, swedish: dict[str, int]) -> None:
    assert fts_ids(archive, "parken")  # both mention it in the body
    archive.save_article(
        sample_article(url="https://u.se/5", title="Parken rustas", lead=None, body="Parken.")
    )
    park = archive.db.execute("SELECT id FROM articles WHERE url = 'https://u.se/5'").fetchone()[0]
    assert fts_ids(archive, "parken")[0] == park


def test_fts_quotes_speaker(archive: Archive) -> None:
    archive.save_article(sample_article())
    assert len(fts_ids(archive, "speaker: lind", table="quotes")) == 1


def test_fts_integrity_after_insert_update_delete(archive: Archive, swedish: dict[str, int]) -> None:
    archive.fts_integrity_check()
    archive.save_article(
        sample_article(url="https://u.se/1", title="Får på bete igen", lead=None, body="Ny.")
    )
    archive.fts_integrity_check()
    archive.db.execute("DELETE FROM articles WHERE id = ?", [swedish["skola"]])
    archive.db.conn.commit()
    archive.fts_integrity_check()
    assert fts_ids(archive, "skolval") == []


def test_delete_article_cascades_to_quotes(archive: Archive) -> None:
    archive.save_article(sample_article())
    archive.db.execute("DELETE FROM articles")
    archive.db.conn.commit()
    assert count(archive, "quotes") == 0
    assert count(archive, "contacts") == 0
    assert fts_ids(archive, "glada", table="quotes") == []
    archive.fts_integrity_check()


def test_integrity_check_catches_drift(archive: Archive) -> None:
    archive.save_article(sample_article())
    archive.db.execute("DROP TRIGGER articles_au")
    archive.db.execute("UPDATE articles SET title = 'Helt annat'")
    archive.db.conn.commit()
    with pytest.raises(sqlite3.DatabaseError):
        archive.fts_integrity_check()
