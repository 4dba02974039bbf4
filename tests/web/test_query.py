"""The search box's rules (scraper.web.query.parse_query), on strings: one behaviour per test."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from scraper.web.query import COMPOUND_LIMIT, parse_query, tokens


@pytest.fixture
def vocabulary() -> Iterator[sqlite3.Connection]:
    """The compound vocabulary the archive keeps (``articles_fts_terms``), with a few Swedish words."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles_fts_terms (term TEXT, reversed TEXT, documents INTEGER)")
    words = {"skola": 9, "förskola": 5, "grundskola": 3, "askola": 1, "skolan": 2, "fastighetsskatt": 4}
    conn.executemany(
        "INSERT INTO articles_fts_terms VALUES (?, ?, ?)", [(w, w[::-1], n) for w, n in words.items()]
    )
    yield conn
    conn.close()


def expression(q: str | None, conn: sqlite3.Connection | None = None) -> str | None:
    return parse_query(q, conn).expression


def test_a_word_is_a_quoted_term() -> None:
    assert expression("skola") == '"skola"'


def test_words_are_lower_cased() -> None:
    assert expression("Får") == '"får"'


def test_swedish_letters_are_kept() -> None:
    assert tokens("Åre älv ö") == ["åre", "älv", "ö"]


def test_two_words_must_both_match() -> None:
    assert expression("budget skatt") == '"budget" AND "skatt"'


def test_quoted_phrase() -> None:
    parsed = parse_query('"ny förskola"')
    assert parsed.expression == '"ny förskola"'
    assert parsed.words == ['"ny förskola"']


def test_unclosed_quote_is_a_phrase_to_the_end() -> None:
    assert expression('"ny förskola') == '"ny förskola"'


def test_trailing_star_is_a_prefix_search() -> None:
    parsed = parse_query("skol*")
    assert parsed.expression == '"skol"*'
    assert parsed.words == ["skol*"]


def test_minus_excludes() -> None:
    assert expression("budget -skola") == '("budget") NOT ("skola")'


def test_only_exclusions_search_nothing() -> None:
    parsed = parse_query("-budget")
    assert parsed.expression is None
    assert parsed.words == ["budget"]


def test_or_between_words_finds_either() -> None:
    assert expression("budget OR skatt") == '("budget" OR "skatt")'


def test_or_joins_only_its_neighbours() -> None:
    assert expression("kommun budget OR skatt") == '"kommun" AND ("budget" OR "skatt")'


def test_lower_case_or_is_a_word() -> None:
    assert expression("budget or skatt") == '"budget" AND "or" AND "skatt"'


@pytest.mark.parametrize("q", ["OR a", "a OR"])
def test_or_at_either_end_is_ignored(q: str) -> None:
    assert expression(q) == '"a"'


def test_hyphenated_word_is_a_phrase_as_the_index_splits_it() -> None:
    parsed = parse_query("e-tjänst")
    assert parsed.expression == '"e tjänst"'
    assert parsed.words == ["e-tjänst"]


def test_underscore_splits_like_the_index() -> None:
    assert expression("budget_2024") == '"budget 2024"'


def test_hyphenated_prefix_search() -> None:
    assert expression("e-tj*") == '"e" + "tj"*'


@pytest.mark.parametrize("q", ["AND", "NOT", "NEAR"])
def test_fts_operators_are_words(q: str) -> None:
    assert expression(q) == f'"{q.lower()}"'


def test_column_filters_and_brackets_are_words() -> None:
    assert expression("title: (x)") == '"title" AND "x"'


@pytest.mark.parametrize("q", [None, "", "   ", '"', "*", '""', "-", "()"])
def test_nothing_searchable_gives_no_expression(q: str | None) -> None:
    assert expression(q) is None


def test_without_vocabulary_no_compounds() -> None:
    assert parse_query("skola").compounds == {}


def test_long_word_also_finds_compounds_it_ends(vocabulary: sqlite3.Connection) -> None:
    parsed = parse_query("skola", vocabulary)
    assert parsed.expression == '("skola" OR "förskola" OR "grundskola")'
    assert parsed.compounds == {"skola": ["förskola", "grundskola"]}


def test_compound_needs_two_letters_in_front(vocabulary: sqlite3.Connection) -> None:
    assert "askola" not in parse_query("skola", vocabulary).compounds["skola"]


def test_compound_must_end_in_the_word(vocabulary: sqlite3.Connection) -> None:
    assert "skolan" not in parse_query("skola", vocabulary).compounds["skola"]


def test_short_word_finds_no_compounds(vocabulary: sqlite3.Connection) -> None:
    assert parse_query("kola", vocabulary).expression == '"kola"'


def test_compounds_of_an_excluded_word_are_excluded_too(vocabulary: sqlite3.Connection) -> None:
    assert expression("budget -skatt", vocabulary) == '("budget") NOT (("skatt" OR "fastighetsskatt"))'


def test_phrase_finds_no_compounds(vocabulary: sqlite3.Connection) -> None:
    assert expression('"skola"', vocabulary) == '"skola"'


def test_prefix_search_finds_no_compounds(vocabulary: sqlite3.Connection) -> None:
    assert expression("skola*", vocabulary) == '"skola"*'


def test_compounds_are_capped(vocabulary: sqlite3.Connection) -> None:
    vocabulary.executemany(
        "INSERT INTO articles_fts_terms VALUES (?, ?, 1)",
        [(f"{'x' * 2}{i:04d}skatt", f"{'x' * 2}{i:04d}skatt"[::-1]) for i in range(COMPOUND_LIMIT + 50)],
    )
    assert len(parse_query("skatt", vocabulary).compounds["skatt"]) == COMPOUND_LIMIT


def test_archive_without_vocabulary_table_still_searches() -> None:
    conn = sqlite3.connect(":memory:")
    try:
        assert expression("skola", conn) == '"skola"'
    finally:
        conn.close()
