"""The search page's facet arrays catch up with a crawl writing into the served archive.

Rebuilding them after every write (0.37 s at 100,000 articles, GIL-bound) kept a served archive busy
re-reading itself while a crawl wrote to it. They now catch up by the new ids and the ids the
archive's ``articles_changed`` log lists: these tests check that what they say after catching up
is exactly what a fresh build says, for new articles, changed dates, municipalities and languages,
deleted rows and new municipalities, and that the cache reads everything again only when it must.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.archive import Archive
from scraper.archive import crawl_log as crawl_log_module
from scraper.web import facets
from scraper.web.date_order import DateOrder, sort_key
from scraper.web.facets import FacetIndex, FacetIndexCache
from tests.helpers import numbered_article

DATES = ["2024-01-05", "2024-01-05T10:00:00+01:00", "2024-02-01", "2023-12-31", None]


def _seed(path: Path, n: int) -> None:
    with Archive(path) as arch:
        for i in range(1, n + 1):
            arch.save_article(numbered_article(i, DATES[i % len(DATES)], ["norrby", "sunnvik"][i % 2],
                                               language=["sv", "en", None][i % 3]))  # fmt: skip


def _view(index: FacetIndex) -> tuple[dict[int, tuple[str, int, str | None]], list[int]]:
    """What an index says, independent of its internal codes: values per article, and the order."""
    ids = np.flatnonzero(index.municipality >= 0)
    values = {
        int(i): (
            index.municipalities[index.municipality[i]],
            int(index.year[i]),
            index.languages[index.language[i]],
        )
        for i in ids
    }
    order = [int(i) for i in ids[np.argsort(index.date_rank[ids], kind="stable")]]
    return values, order


def _fresh(path: Path) -> FacetIndex:
    conn = sqlite3.connect(path)
    try:
        return FacetIndex.build(conn)
    finally:
        conn.close()


def _catch_up(index: FacetIndex, path: Path) -> FacetIndex | None:
    conn = sqlite3.connect(path)
    try:
        return index.catch_up(conn)
    finally:
        conn.close()


def test_caught_up_arrays_say_what_a_fresh_build_says(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    _seed(path, 30)
    index = _fresh(path)
    with Archive(path) as arch:
        for i in range(31, 41):  # new articles, some in a new municipality and on new and old dates
            arch.save_article(numbered_article(i, ["2024-01-20", "2024-02-01", None][i % 3],
                                               "ekeby" if i % 4 == 0 else "norrby", language="da"))  # fmt: skip
        arch.db.execute("UPDATE articles SET published = '2025-06-01', year = 2025 WHERE id IN (3, 17)")
        arch.db.execute("UPDATE articles SET municipality_id = 'sunnvik', language = 'en' WHERE id = 4")
        arch.db.execute("DELETE FROM articles WHERE id = 9")
        arch.db.conn.commit()
    caught = _catch_up(index, path)
    assert caught is not None
    assert _view(caught) == _view(_fresh(path))
    # and again on top of that (a second round of writes into the same gaps)
    with Archive(path) as arch:
        arch.save_article(numbered_article(41, "2024-01-20", "norrby"))
        arch.db.execute("UPDATE articles SET published = '2024-01-20' WHERE id = 3")
        arch.db.conn.commit()
    again = _catch_up(caught, path)
    assert again is not None and _view(again) == _view(_fresh(path))


def test_an_index_handed_out_never_changes(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    _seed(path, 10)
    index = _fresh(path)
    before = _view(index)
    with Archive(path) as arch:
        arch.save_article(numbered_article(11, "2030-01-01", "norrby"))
    assert _catch_up(index, path) is not None
    assert _view(index) == before


def test_the_cache_reads_everything_again_only_when_it_must(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "archive.db"
    _seed(path, 20)
    cache = FacetIndexCache()
    conn = sqlite3.connect(path)
    try:
        cache.get(conn, str(path), False)
        for i in range(21, 26):  # five crawls' worth of writes, each seen by a request
            with Archive(path) as arch:
                arch.save_article(numbered_article(i, "2024-03-01", "norrby"))
            assert len(_view(cache.get(conn, str(path), False))[1]) == i
        assert cache.builds == 1
        # the writer pruned the log past what the index read: read everything again
        monkeypatch.setattr(crawl_log_module, "CHANGES_KEPT", 0)
        with Archive(path) as arch:
            arch.db.execute("UPDATE articles SET published = '2020-01-01' WHERE id = 1")
            arch.db.execute("UPDATE articles SET published = '2020-01-02' WHERE id = 2")
            arch.db.conn.commit()
            arch.record_crawl("norrby", started="2024-03-02T00:00:00Z", finished="2024-03-02T00:01:00Z",
                              pages_fetched=1, articles_found=0, articles_new=0, articles_updated=0,
                              articles_unchanged=0, errors=0)  # fmt: skip
        index = cache.get(conn, str(path), False)
        assert cache.builds == 2 and _view(index) == _view(_fresh(path))
        # too much changed since the build: read everything again
        monkeypatch.setattr(facets, "CATCH_UP_MAX", 0)
        with Archive(path) as arch:
            for i in range(26, 30):  # more than a tenth of the archive
                arch.save_article(numbered_article(i, "2024-03-01", "norrby"))
        cache.get(conn, str(path), False)
        assert cache.builds == 3
    finally:
        conn.close()


def test_an_archive_without_the_change_log_is_read_anew_after_each_write(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    _seed(path, 5)
    with Archive(path) as arch:
        arch.db.execute("DROP TABLE articles_changed")  # as a reader sees a file from before the log
    index = _fresh(path)
    assert index.change_seq is None and _catch_up(index, path) is None


_CHANGE = st.tuples(st.integers(0, 40), st.sampled_from([*DATES, "2024-01-06"]))


@settings(max_examples=60, deadline=None)
@given(
    built=st.lists(st.tuples(st.sampled_from(DATES), st.booleans()), min_size=0, max_size=25),
    later=st.lists(st.lists(_CHANGE, max_size=6), max_size=4),
)
def test_date_order_places_later_articles_exactly_where_a_full_sort_would(built, later) -> None:
    """Any build, then rounds of new or changed (id, date): the ranks order as a full sort does."""
    dates = {i + 1: d for i, (d, _) in enumerate(built)}
    order = DateOrder(list(dates.items()), 50)
    ranks = order.ranks.copy()
    rng = random.Random(len(built))
    for round_ in later:
        rows = [(1 + i, d) for i, d in round_]
        rng.shuffle(rows)
        rows = list(dict(rows).items())  # one value per id in a round, as one snapshot gives
        ranks = ranks.copy()
        order.place(rows, ranks)
        dates.update(rows)
        expected = sorted(dates, key=lambda i: sort_key(dates[i], i), reverse=True)
        assert sorted(dates, key=lambda i: ranks[i]) == expected
