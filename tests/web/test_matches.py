"""Kept matches answer a search exactly as FTS5 does, and only where they cannot go stale.

:mod:`scraper.web.matches` answers a search whose clauses it met before from memory (a common word's
pass over the index costs 50-65 ms at a million articles). These tests compare every answer with
FTS5's own for the whole expression, on a real archive: one word with its forms and compounds,
two words, ``OR``, exclusions, phrases and prefixes, in random combinations; they check that the
memory was used (so the comparison is not FTS5 against itself), that its bound holds, and that a
file being written to is always asked afresh.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.archive import Archive
from scraper.web import matches
from scraper.web.matches import MatchCache, article_ids, fts_ids
from scraper.web.query import parse_query
from scraper.web.search import search_articles, search_request
from tests.helpers import numbered_article

# A fictional vocabulary: words with forms and compounds (skola → skolan, förskola, förskolorna),
# and words that are never inflected here.
WORDS = ["skola", "skolan", "skolorna", "förskola", "förskolorna", "grundskola", "budget", "budgeten",
         "bro", "broar", "park", "parken", "vatten", "simhall", "simhallen", "ny", "gata"]  # fmt: skip
N = 240


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("matches") / "archive.db"
    rng = random.Random(14)
    with Archive(path) as arch:
        for n in range(1, N + 1):
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9)))
            arch.save_article(numbered_article(n, f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
                                               ["norrby", "sunnvik"][n % 2], body=f"Kommunen: {body}."))  # fmt: skip
    return path


@pytest.fixture
def conn(archive: Path):
    c = sqlite3.connect(f"file:{archive}?immutable=1", uri=True)
    yield c
    c.close()


def _fts(conn: sqlite3.Connection, q: str) -> list[int]:
    expression = parse_query(q, conn).expression
    assert expression is not None
    return [int(i) for i in fts_ids(conn, "articles_fts", expression)]


def _kept(conn: sqlite3.Connection, path: Path, q: str, cache: MatchCache) -> list[int]:
    return [int(i) for i in article_ids(conn, str(path), True, parse_query(q, conn), cache)]


QUERIES = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(WORDS).map(lambda w: "-" + w),
        st.sampled_from(WORDS).map(lambda w: "=" + w),
        st.sampled_from(["skol*", "bro*", '"ny gata"', '"simhallen"']),
        st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(lambda t: f"{t[0]} OR {t[1]}"),
    ),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=QUERIES)
def test_kept_matches_are_what_fts5_finds(conn: sqlite3.Connection, archive: Path, q: str) -> None:
    parsed = parse_query(q, conn)
    if parsed.expression is None:
        return  # only exclusions: nothing to search for
    want = _fts(conn, q)
    cache = MatchCache(min_matches=0)  # keep everything, even a clause that matches nothing
    assert _kept(conn, archive, q, cache) == want  # not all kept: FTS5 answers the whole expression
    parts = [*parsed.clauses, *([parsed.excluded] if parsed.excluded else [])]
    for part in parts:
        cache.put(str(archive), part, fts_ids(conn, "articles_fts", part))
    hits, misses = cache.hits, cache.misses
    assert _kept(conn, archive, q, cache) == want  # every part kept: numpy answers
    assert (cache.hits - hits, cache.misses - misses) == (len(parts), 0)


def test_a_common_word_is_answered_from_memory_the_second_time(
    conn: sqlite3.Connection, archive: Path
) -> None:
    cache = MatchCache(min_matches=1)
    assert _kept(conn, archive, "skola", cache) == _fts(conn, "skola")
    assert cache.hits == 0 and cache.size_bytes > 0
    assert _kept(conn, archive, "skola", cache) == _fts(conn, "skola")
    assert cache.hits == 1
    _kept(conn, archive, "budget", cache)
    assert _kept(conn, archive, "skola budget -park", cache) == _fts(conn, "skola budget -park")
    assert (cache.hits, cache.size_bytes > 0) == (3, True)  # skola, budget kept; park was not: FTS5
    _kept(conn, archive, "park", cache)
    assert _kept(conn, archive, "skola budget -park", cache) == _fts(conn, "skola budget -park")
    assert cache.hits == 6  # skola, budget and park, all from memory


def test_few_matches_are_not_kept(conn: sqlite3.Connection, archive: Path) -> None:
    cache = MatchCache()  # the default minimum is far above this archive's size
    assert _kept(conn, archive, "skola", cache) == _fts(conn, "skola")
    assert cache.size_bytes == 0


def test_the_memory_stays_within_its_bound(conn: sqlite3.Connection, archive: Path) -> None:
    one = len(_fts(conn, "skola")) * 8
    cache = MatchCache(max_bytes=one * 2, min_matches=1)
    for word in WORDS * 2:
        assert _kept(conn, archive, word, cache) == _fts(conn, word)
        assert 0 < cache.size_bytes <= one * 2


def test_a_file_being_written_is_always_asked_afresh(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    with Archive(path) as arch:
        for n in range(1, 11):
            arch.save_article(numbered_article(n, "2025-01-01", "norrby", body="Ny simhall."))
    cache = MatchCache(min_matches=1)
    c = sqlite3.connect(path)
    try:
        parsed = parse_query("simhall", c)
        assert len(article_ids(c, str(path), False, parsed, cache)) == 10
        with Archive(path) as arch:
            arch.save_article(numbered_article(11, "2025-01-02", "norrby", body="Simhall igen."))
        assert len(article_ids(c, str(path), False, parsed, cache)) == 11
        assert cache.size_bytes == 0 and cache.hits == 0
    finally:
        c.close()


def test_the_search_page_says_the_same_from_memory(
    conn: sqlite3.Connection, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through :func:`search_articles` on an immutable file, with the process's own cache: the second
    answer, from memory, has the same total, facets and page as the first, and as FTS5 says."""
    monkeypatch.setattr(matches.MATCHES, "min_matches", 1)
    matches.MATCHES.clear()
    for q in ("skola", "budget", "skola -budget", "park OR bro", "skola budget"):
        req = {"q": q, "sort": "newest"}
        first = search_articles(conn, str(archive), True, search_request(req))
        hits = matches.MATCHES.hits
        second = search_articles(conn, str(archive), True, search_request(req))
        assert matches.MATCHES.hits > hits, q
        assert first.total == second.total == len(_fts(conn, q)) > 0
        assert first.facets == second.facets and first.hits == second.hits
        newest = sorted(_fts(conn, q), key=lambda i: (-(1 + i % 12) * 100 - (1 + i % 28), -i))
        assert [h["id"] for h in second.hits] == newest[: len(second.hits)]
    matches.MATCHES.clear()
