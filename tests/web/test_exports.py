"""Table exports and pages of articles: every article once, none skipped, with or without a filter.

Datasette's first page of a table sorted by a column (``articles`` is sorted newest first) has no
tie-breaker, while its later pages order ties by id: with the old ascending date index the first
page listed the articles of one date by id descending, so the next pages repeated some and skipped
others (a 100,000-article CSV stream had 999 ids twice and 190 missing). The date indexes are now
newest first with ties in id order (schema migration 9).
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from scraper.archive import Archive
from scraper.web.serve import make_datasette
from tests.helpers import datasette_get as get
from tests.helpers import numbered_article

N = 130  # several pages of 20, and only three dates: most rows tie on the sort column


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "archive.db"
    with Archive(path) as arch:
        for n in range(1, N + 1):
            arch.save_article(numbered_article(n, ["2025-03-01", "2025-02-01", "2024-12-24"][n % 3],
                                               ["norrby", "sunnvik"][n % 2]))  # fmt: skip
    return path


def _ids(db: Path, where: str = "") -> set[int]:
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute(f"SELECT id FROM articles {where}")}
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("", ""),
        ("&municipality_id=norrby", "WHERE municipality_id = 'norrby'"),
        ("&year=2025", "WHERE year = 2025"),
    ],
)
def test_a_csv_stream_has_every_article_once(db_path: Path, query: str, where: str) -> None:
    ds = make_datasette(db_path, settings={"max_returned_rows": 20})
    answer = get(ds, f"/archive/articles.csv?_stream=on&_size=max&_col=published{query}")
    assert answer.status_code == 200
    ids = [int(row["id"]) for row in csv.DictReader(io.StringIO(answer.text))]
    assert len(ids) == len(set(ids))
    assert set(ids) == _ids(db_path, where)


def test_following_next_pages_lists_every_article_once(db_path: Path) -> None:
    ds = make_datasette(db_path)
    ids: list[int] = []
    path: str | None = "/archive/articles.json?_size=20&_shape=objects&_col=published"
    while path:
        data = get(ds, path).json()
        ids += [row["id"] for row in data["rows"]]
        path = data["next_url"] and data["next_url"].split("://", 1)[1].split("/", 1)[1]
        path = path and "/" + path
    assert len(ids) == len(set(ids)) == N


def test_an_archive_with_the_old_date_indexes_gets_the_new_ones(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    with Archive(path) as arch:
        arch.save_article(numbered_article(1, "2025-03-01"))
        arch.db.execute("DROP INDEX idx_articles_published_desc")
        arch.db.execute("CREATE INDEX idx_articles_published ON articles(published)")
        arch.db.execute("PRAGMA user_version = 8")  # before migration 9, the newest-first indexes
    with Archive(path) as arch:  # opening a writer brings the file up to date
        names = {i.name for i in arch.db["articles"].indexes}
    assert "idx_articles_published_desc" in names and "idx_articles_published" not in names


def _sorted_tables() -> list[str]:
    from scraper.web.serve import load_metadata

    tables = load_metadata()["databases"]["archive"]["tables"]
    return sorted(t for t, meta in tables.items() if "sort" in meta or "sort_desc" in meta)


@pytest.mark.parametrize("table", _sorted_tables())
def test_every_sorted_table_streams_each_row_once(demo_crawl, table: str) -> None:
    """The demo archive's tables as a researcher exports them, in pages of 2: each row once."""
    import sqlite_utils

    db = sqlite_utils.Database(demo_crawl.db)
    pks = db[table].pks
    total = db[table].count
    db.close()
    ds = make_datasette(demo_crawl.db, settings={"max_returned_rows": 2})
    answer = get(ds, f"/archive/{table}.csv?_stream=on&_size=max")
    assert answer.status_code == 200
    keys = [tuple(row[pk] for pk in pks) for row in csv.DictReader(io.StringIO(answer.text))]
    assert total > 2, "too few rows to page"
    assert len(keys) == len(set(keys)) == total
