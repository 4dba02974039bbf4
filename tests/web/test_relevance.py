"""Relevance order on the search page: exact bm25 order over the filtered matches, bounded in cost.

A filter once went into the index query as ``rowid IN (…)``, which SQLite hands to FTS5 one rowid at
a time (the whole query again for each: 200 filtered matches of a common word took 7 s on a
100,000-article archive). These tests check the order against FTS5's own ``ORDER BY rank``, the
query plan, and that above ``RANK_CANDIDATES`` only the newest matches are ranked and the page says
so.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from scraper.archive import Archive
from scraper.web import relevance
from scraper.web.search import PAGE_SIZE, SearchRequest, search_articles
from tests.helpers import numbered_article

# Forty articles in two municipalities; "bro" is in the title of some (weighs 3), the body of others,
# and repeated in a few, so bm25 orders them in many different ways.
N = 40


def _body(n: int) -> str:
    return " ".join(["Kommunen lagar"] + ["bro"] * (n % 4) + ["vägen"] * (n % 7))


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("relevance") / "archive.db"
    with Archive(path) as arch:
        for n in range(1, N + 1):
            title = f"Ny bro över ån {n}" if n % 5 == 0 else f"Nyhet {n}"
            arch.save_article(
                numbered_article(
                    n, f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}", "norrby" if n % 2 else "sunnvik",
                    title=title, body=_body(n) + f" bro {n}",
                )
            )  # fmt: skip
    return path


def _bm25_order(conn: sqlite3.Connection, word: str) -> list[int]:
    """Every match of ``word`` in FTS5's own rank order (the archive's weights)."""
    sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank, rowid"
    return [r[0] for r in conn.execute(sql, [word])]


def _all_pages(conn: sqlite3.Connection, path: Path, req: SearchRequest) -> list[int]:
    ids: list[int] = []
    while True:
        result = search_articles(conn, str(path), False, req)
        ids += [h["id"] for h in result.hits]
        if len(result.hits) < PAGE_SIZE:
            return ids
        req.page += 1


def test_filtered_relevance_is_bm25_order_of_the_filtered_matches(archive: Path) -> None:
    conn = sqlite3.connect(archive)
    try:
        in_norrby = {r[0] for r in conn.execute("SELECT id FROM articles WHERE municipality_id = 'norrby'")}
        expected = [i for i in _bm25_order(conn, "bro") if i in in_norrby]
        got = _all_pages(conn, archive, SearchRequest(q="=bro", municipality="norrby", sort="relevance"))
        assert got == expected and len(got) == N // 2
    finally:
        conn.close()


def test_the_filtered_query_never_hands_fts5_a_rowid_list(archive: Path) -> None:
    """SQLite's plan for ``rowid IN (…)`` on an FTS5 table is one index query per rowid (``=``)."""
    conn = sqlite3.connect(archive)
    try:
        assert relevance.ranked_page(conn, "bro", np.array([2, 4, 9]), False, 0, PAGE_SIZE)
        args = ["bro", 2, 9, "[2, 4, 9]", PAGE_SIZE, 0]
        plan = " ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {relevance.CANDIDATES_SQL}", args))
        assert "articles_fts VIRTUAL TABLE INDEX" in plan
        assert ":=" not in plan and "=M" not in plan, plan
    finally:
        conn.close()


def test_above_the_bound_only_the_newest_matches_are_ranked_and_the_page_says_so(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relevance, "RANK_CANDIDATES", 8)
    conn = sqlite3.connect(archive)
    try:
        newest = [
            r[0] for r in conn.execute("SELECT id FROM articles ORDER BY published DESC, id DESC LIMIT 8")
        ]
        expected = [i for i in _bm25_order(conn, "bro") if i in set(newest)]
        result = search_articles(conn, str(archive), False, SearchRequest(q="=bro", sort="relevance"))
        assert (result.total, result.ranked) == (N, 8)
        assert [h["id"] for h in result.hits] == expected
        # with a filter: the newest 8 of the filtered matches
        sql = "SELECT id FROM articles WHERE municipality_id = 'norrby' ORDER BY published DESC, id DESC LIMIT 8"
        newest = [r[0] for r in conn.execute(sql)]
        req = SearchRequest(q="=bro", municipality="norrby", sort="relevance")
        result = search_articles(conn, str(archive), False, req)
        assert (result.total, result.ranked) == (N // 2, 8)
        assert [h["id"] for h in result.hits] == [i for i in _bm25_order(conn, "bro") if i in set(newest)]
    finally:
        conn.close()


def test_the_search_page_says_when_it_ranked_only_the_newest(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datasette.app import Datasette

    from tests.helpers import datasette_get

    monkeypatch.setattr(relevance, "RANK_CANDIDATES", 8)
    ds = Datasette([str(archive)], settings={"num_sql_threads": 1})
    page = datasette_get(ds, "/-/search?q=%3Dbro&sort=relevance")
    assert page.status_code == 200
    assert "Best match first among the 8 newest of these 40" in page.text
    assert "newest of these" not in datasette_get(ds, "/-/search?q=%3Dbro&sort=newest").text
