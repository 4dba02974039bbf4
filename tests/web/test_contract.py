"""One search contract: the search page, its JSON and CSV exports, the canned ``search`` and
``search_quotes`` queries and the Atom feed return the same set for the same parameters.

On a copy of the demo crawl, for many queries (plain words, inflected forms, compounds, exact
words, prefixes, phrases, OR, exclusions) crossed with the filters (municipality, year, language).
"""

from __future__ import annotations

import csv
import io
import itertools
import shutil
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from datasette.app import Datasette

from scraper.archive import Archive
from scraper.web.serve import make_datasette
from tests.helpers import datasette_get as get

QUERIES = [
    "skola", "skolan", "=skola", '"skola"', "skol*", "bibliotek", "biblioteket", "kommun", "kommunen",
    "förskola", "budget", "vatten", "upphandling", "säger", "park", "kommun -skola", "skola OR bibliotek",
    '"ny förskola"', "e-tjänst", "AND", "-budget", "zzzyxv", "bygg*", "kommunfullmäktige", "school",
]  # fmt: skip
PAGE_MAX = 10_000


@pytest.fixture(scope="module")
def contract_db(demo_crawl: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("contract") / "archive.db"
    shutil.copyfile(demo_crawl.db, db)
    with Archive(db) as archive:
        archive.refresh_terms()
    return db


@pytest.fixture(scope="module")
def ds(contract_db: Path) -> Datasette:
    return make_datasette(contract_db)


@pytest.fixture(scope="module")
def filter_sets(contract_db: Path) -> list[dict[str, str]]:
    """No filter, each municipality, a year, a language, date ranges (day, month and year bounds, one
    that is no date), and combinations."""
    conn = sqlite3.connect(contract_db)
    try:
        munis = [r[0] for r in conn.execute("SELECT DISTINCT municipality_id FROM articles ORDER BY 1")]
        year = conn.execute(
            "SELECT year FROM articles WHERE year IS NOT NULL GROUP BY year ORDER BY count(*) DESC"
        ).fetchone()[0]
        languages = [
            r[0] for r in conn.execute("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL")
        ]
        dated = [
            r[0]
            for r in conn.execute("SELECT published FROM articles WHERE published IS NOT NULL ORDER BY 1")
        ]
    finally:
        conn.close()
    sets: list[dict[str, str]] = [{}]
    sets += [{"municipality": m} for m in munis]
    sets += [{"year": str(year)}, {"year": "1999"}, {"language": languages[0]}]
    sets.append({"municipality": munis[0], "year": str(year), "language": languages[0]})
    middle, later = dated[len(dated) // 3], dated[2 * len(dated) // 3]
    sets += [
        {"from": middle[:7]},  # a month: from its first day
        {"to": middle[:4]},  # a year: up to its last day
        {"from": middle[:10], "to": later[:10]},  # days, both ends included
        {"from": later[:7], "to": later[:7]},  # one month, as a bar of the month strip asks
        {"from": "2025-13-45x"},  # no date: matches nothing
        {"municipality": munis[0], "from": middle[:4], "year": later[:4]},
    ]
    return sets


def page_ids(ds: Datasette, kind: str, q: str, filters: dict[str, str]) -> set[int]:
    """Every id the search page finds (all its pages, through ``_format=json``)."""
    ids: set[int] = set()
    for page in range(1, PAGE_MAX):
        params = {"q": q, "kind": kind, "page": page, "_format": "json", **filters}
        data = get(ds, f"/-/search?{urlencode(params)}").json()
        assert data["error"] is None, data
        ids |= {h["id"] for h in data["hits"]}
        if len(ids) >= data["total"] or not data["hits"]:
            assert len(ids) == data["total"]
            return ids
    raise AssertionError("too many pages")


def canned(ds: Datasette, name: str, q: str, filters: dict[str, str], fmt: str) -> list[dict[str, Any]]:
    params = {"q": q, "municipality": "", "year": "", "language": "", "from": "", "to": "", **filters}
    response = get(
        ds, f"/archive/{name}.{fmt}?{urlencode(params | ({'_shape': 'array'} if fmt == 'json' else {}))}"
    )
    assert response.status_code == 200, response.text[:300]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(response.text)))
    return list(response.json())


def test_every_surface_finds_the_same_articles(ds: Datasette, filter_sets: list[dict[str, str]]) -> None:
    checked = 0
    for q, filters in itertools.product(QUERIES, filter_sets):
        found = page_ids(ds, "articles", q, filters)
        assert {r["id"] for r in canned(ds, "search", q, filters, "json")} == found, (q, filters)
        assert {int(r["id"]) for r in canned(ds, "search", q, filters, "csv")} == found, (q, filters)
        if len(found) <= 50:  # the feed holds the 50 newest
            urls = {e["atom_id"] for e in canned(ds, "feed", q, filters, "json")} - {
                "tag:muninews,2025:no-match"
            }
            conn_urls = {r["url"] for r in canned(ds, "search", q, filters, "json")}
            assert urls == conn_urls, (q, filters)
        checked += 1
    assert checked == len(QUERIES) * len(filter_sets) >= 200


def test_every_surface_finds_the_same_quotes(ds: Datasette, filter_sets: list[dict[str, str]]) -> None:
    for q, filters in itertools.product(QUERIES, filter_sets):
        found = page_ids(ds, "quotes", q, filters)
        assert {r["id"] for r in canned(ds, "search_quotes", q, filters, "json")} == found, (q, filters)
        if len(found) <= 50:  # the quote feed holds the quotes of the 50 newest
            feed = {e["atom_id"] for e in canned(ds, "feed_quotes", q, filters, "json")}
            assert feed - {"tag:muninews,2025:no-match"} == {f"tag:muninews,2025:quote-{i}" for i in found}, (
                q,
                filters,
            )


def test_some_queries_find_something(ds: Datasette) -> None:
    """The comparisons above are not all between empty sets."""
    sizes = [len(page_ids(ds, "articles", q, {})) for q in QUERIES]
    assert sum(1 for n in sizes if n) >= 12 and max(sizes) >= 10


def test_the_search_page_links_its_exports(ds: Datasette) -> None:
    html = get(ds, "/-/search?q=skola&year=2024&language=sv").text
    assert (
        'href="/archive/search.csv?q=skola&amp;municipality=&amp;year=2024&amp;language=sv&amp;from=&amp;to=&amp;_dl=1"'
        in html
    )
    dated = get(ds, "/-/search?q=skola&from=2025-03&to=2026").text
    assert (
        "/archive/search.csv?q=skola&amp;municipality=&amp;year=&amp;language=&amp;from=2025-03&amp;to=2026&amp;_dl=1"
        in dated
    )
    assert "/archive/feed.atom?q=skola&amp;from=2025-03&amp;to=2026" in dated
    assert (
        "/archive/search.json?q=skola" in html
        and "/archive/feed.atom?q=skola&amp;year=2024&amp;language=sv" in html
    )
    quotes = get(ds, "/-/search?q=skola&kind=quotes").text
    assert "/archive/search_quotes.csv?q=skola" in quotes
    assert 'href="/archive/feed_quotes.atom?q=skola"' in quotes and "/archive/feed.atom" not in quotes


def test_zero_results_suggest_a_word_from_the_archive(ds: Datasette) -> None:
    data = get(ds, "/-/search?q=f%C3%B6rskolla&_format=json").json()
    assert data["total"] == 0 and data["did_you_mean"] == "förskola"
    assert get(ds, f"/-/search?q={data['did_you_mean']}&_format=json").json()["total"] > 0
    html = get(ds, "/-/search?q=f%C3%B6rskolla").text
    assert "Did you mean" in html and 'href="/-/search?q=f%C3%B6rskola&amp;' in html
    assert get(ds, "/-/search?q=zzzyxv&_format=json").json()["did_you_mean"] is None  # nothing close
    assert get(ds, "/-/search?q=skola&_format=json").json()["did_you_mean"] is None  # found: no suggestion


def test_edit_distance() -> None:
    from scraper.web.suggest import edit_distance

    assert edit_distance("förskolla", "förskola") == 1
    assert edit_distance("kommmun", "kommun") == 1
    assert edit_distance("skola", "skolorna") == 3  # over the limit of two: reported as 3
    assert edit_distance("abc", "abc") == 0
