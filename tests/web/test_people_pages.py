"""Pages for people (issue 14, items 3-6), through Datasette's client on a copy of the demo crawl:
the front page, the who-is-quoted panel, the contact directory, date filters and the month strip,
the chart of a search, and the help when nothing (or nothing on this page) matches.

Every expectation is computed here from the archive with plain SQL, never copied from the page.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import numpy as np
import pytest
from datasette.app import Datasette
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.web import people_index
from scraper.web.cached import Refreshing
from scraper.web.people_index import PeopleIndex
from scraper.web.serve import make_datasette
from tests.helpers import datasette_get as get
from tests.helpers import searchable_copy

PANEL_SIZE = 8


@pytest.fixture(scope="module")
def db(demo_crawl: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = searchable_copy(demo_crawl.db, tmp_path_factory.mktemp("people"))
    conn = sqlite3.connect(path)
    with conn:  # one failing and one quiet municipality, as a crawl would record them
        ids = [r[0] for r in conn.execute("SELECT id FROM municipalities ORDER BY id")]
        conn.execute("UPDATE municipalities SET last_status = 'failing' WHERE id = ?", [ids[0]])
        conn.execute("UPDATE municipalities SET last_status = 'quiet' WHERE id = ?", [ids[1]])
    conn.close()
    return path


@pytest.fixture(scope="module")
def ds(db: Path) -> Datasette:
    return make_datasette(db)


def sql(db: Path, query: str, *params: Any) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()


def search(ds: Datasette, **params: Any) -> dict[str, Any]:
    data: dict[str, Any] = get(ds, f"/-/search?{urlencode(params | {'_format': 'json'})}").json()
    return data


def all_ids(ds: Datasette, **params: Any) -> list[int]:
    """Every article the search finds, over all its pages."""
    ids: list[int] = []
    for page in range(1, 100):
        data = search(ds, **params, page=page)
        ids += [h["id"] for h in data["hits"]]
        if len(ids) >= data["total"]:
            return ids
    raise AssertionError("too many pages")


# -- the front page ------------------------------------------------------------------------------


def test_front_page_shows_the_archive(ds: Datasette, db: Path) -> None:
    page = get(ds, "/")
    assert page.status_code == 200
    html = page.text
    for element, table in (("articles", "articles"), ("quotes", "quotes"), ("people", "people")):
        (expected,) = sql(db, f"SELECT count(*) FROM {table}")[0]
        assert re.search(rf'id="count-{element}">{expected:,}<', html), element
    (municipalities,) = sql(db, "SELECT count(DISTINCT municipality_id) FROM articles")[0]
    assert f'id="count-municipalities">{municipalities}<' in html
    latest = sql(
        db, "SELECT id FROM articles WHERE published IS NOT NULL ORDER BY published DESC, id LIMIT 12"
    )
    shown = [int(i) for i in re.findall(r'<a class="title" href="/archive/articles/(\d+)"', html)]
    assert len(shown) == len(latest) and set(shown) == {r[0] for r in latest}
    dates = [
        r[0] for r in sql(db, f"SELECT published FROM articles WHERE id IN ({','.join(map(str, shown))})")
    ]
    assert sorted(dates, reverse=True) == [  # shown newest first
        sql(db, "SELECT published FROM articles WHERE id = ?", i)[0][0] for i in shown
    ]
    (last,) = sql(db, "SELECT max(last_crawled) FROM municipalities")[0]
    assert f'datetime="{last}"' in html
    assert "1 municipality failing, 1 quiet" in html


def test_front_page_links_everything_articles_first(ds: Datasette) -> None:
    html = get(ds, "/").text
    pages = ("/-/search", "/-/contacts", "/-/chart", "/archive/municipality_map", "/archive/crawl_health",
             "/archive/edited_articles", "/archive/removed_articles", "/archive/feed.atom", "/archive")  # fmt: skip
    for href in pages:
        assert f'href="{href}"' in html, href
    tables = re.findall(r'<li><a href="/archive/(\w+)">\1</a></li>', html)
    assert tables[0] == "articles" and {"quotes", "contacts", "people", "municipalities"} <= set(tables)
    for href in re.findall(r'href="(/[^"#]*)"', html):  # every link on the page answers
        if not href.endswith(".atom"):
            assert get(ds, href.replace("&amp;", "&")).status_code == 200, href


def test_refreshing_counts_once_per_change_in_the_background(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    calls: list[int] = []

    def compute(c: sqlite3.Connection) -> int:
        calls.append(1)
        return int(c.execute("SELECT count(*) FROM t").fetchone()[0])

    cache: Refreshing[int] = Refreshing(compute, min_age=0.0)
    assert cache.get(conn, str(path), False) == 0
    assert cache.get(conn, str(path), False) == 0 and len(calls) == 1  # unchanged file: no recount
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    assert cache.get(conn, str(path), False) == 0  # the old value at once; the recount runs behind
    deadline = time.monotonic() + 10
    while cache.get(conn, str(path), False) != 1:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert len(calls) == 2
    slow: Refreshing[int] = Refreshing(compute, min_age=3600.0)
    assert slow.get(conn, str(path), False) == 1
    conn.execute("INSERT INTO t VALUES (2)")
    conn.commit()
    time.sleep(0.1)
    assert slow.get(conn, str(path), False) == 1  # changed, but recounted at most once per min_age
    assert len(calls) == 3
    conn.close()


# -- who is quoted, who to call --------------------------------------------------------------------


def expected_panel(db: Path, ids: list[int]) -> list[int]:
    """The people most quoted or listed as contact in ``ids``, as plain SQL counts them."""
    marks = ",".join(map(str, ids))
    rows = sql(
        db,
        "SELECT person_id, count(*) FROM (SELECT article_id, person_id FROM quotes UNION ALL "
        f"SELECT article_id, person_id FROM contacts) WHERE person_id IS NOT NULL AND article_id IN ({marks}) "
        f"GROUP BY person_id ORDER BY 2 DESC, 1 LIMIT {PANEL_SIZE}",
    )
    return [r[0] for r in rows]


@pytest.mark.parametrize("q", ["", "kommun", "skola", "vatten", "budget"])
def test_panel_counts_every_match_not_only_the_page(ds: Datasette, db: Path, q: str) -> None:
    ids = all_ids(ds, q=q, sort="newest")
    data = search(ds, q=q, sort="newest")
    assert [p["id"] for p in data["people"]] == expected_panel(db, ids)
    marks = ",".join(map(str, ids))
    for p in data["people"]:
        (quoted,) = sql(
            db, f"SELECT count(*) FROM quotes WHERE person_id = ? AND article_id IN ({marks})", p["id"]
        )[0]
        assert p["quoted"] == quoted


def test_panel_reaches_past_the_first_page(ds: Datasette, db: Path) -> None:
    ids = all_ids(ds, sort="newest")
    first_page = [h["id"] for h in search(ds, sort="newest")["hits"]]
    assert len(ids) > len(first_page)
    assert expected_panel(db, ids) != expected_panel(db, first_page)  # the page alone would differ


def test_panel_links_names_mail_and_phone(ds: Datasette, db: Path) -> None:
    html = get(ds, "/-/search?q=kommun").text
    panel = html[html.index('class="mn-people"') :]
    people = re.findall(r'<a class="who" href="/archive/people/(\d+)">', panel)
    assert len(people) == PANEL_SIZE
    phones = re.findall(r'href="tel:([^"]+)"', panel)
    assert phones and all(re.fullmatch(r"\+\d{7,15}", p) for p in phones)  # E.164
    assert re.search(r'href="mailto:[^"@]+@[^"]+"', panel)
    assert get(ds, f"/archive/people/{people[0]}").status_code == 200


def test_contact_directory(ds: Datasette, db: Path) -> None:
    reachable = "(contact_count > 0 OR email IS NOT NULL OR phone IS NOT NULL)"
    everyone = get(ds, "/-/contacts?_format=json").json()
    (total,) = sql(db, f"SELECT count(*) FROM people WHERE {reachable}")[0]
    assert everyone["total"] == total and len(everyone["people"]) == min(total, 50)
    contacts = [p["contact_count"] for p in everyone["people"]]
    assert contacts == sorted(contacts, reverse=True)
    municipality = everyone["people"][0]["municipality_id"]
    local = get(ds, f"/-/contacts?municipality={municipality}&_format=json").json()
    (n,) = sql(db, f"SELECT count(*) FROM people WHERE {reachable} AND municipality_id = ?", municipality)[0]
    assert local["total"] == n and {p["municipality_id"] for p in local["people"]} == {municipality}
    name = everyone["people"][1]["name"]
    by_name = get(ds, f"/-/contacts?{urlencode({'q': name.split()[-1]})}&_format=json").json()
    assert name in {p["name"] for p in by_name["people"]} and by_name["total"] < total


@pytest.mark.parametrize("topic", ["vatten", "skola", "budget", "kommun"])
def test_contact_directory_by_topic(ds: Datasette, db: Path, topic: str) -> None:
    ids = ",".join(map(str, all_ids(ds, q=topic)))
    expected = {
        r[0]
        for r in sql(
            db,
            "SELECT p.id FROM people p WHERE (p.contact_count > 0 OR p.email IS NOT NULL OR p.phone IS NOT NULL) "
            f"AND p.id IN (SELECT person_id FROM quotes WHERE article_id IN ({ids}) UNION "
            f"SELECT person_id FROM contacts WHERE article_id IN ({ids}))",
        )
    }
    data = get(ds, f"/-/contacts?{urlencode({'topic': topic})}&_format=json").json()
    assert data["topic_articles"] == len(ids.split(","))
    assert {p["id"] for p in data["people"]} == expected and data["total"] == len(expected) > 0
    weights = [p["on_topic"] for p in data["people"]]
    assert weights == sorted(weights, reverse=True)


def test_contact_directory_page_is_for_people(ds: Datasette, db: Path) -> None:
    html = get(ds, "/-/contacts").text
    assert "<title>Who to call" in html and " from people" not in html.lower()
    assert re.search(r'href="tel:\+\d{7,15}"', html) and 'href="mailto:' in html
    first = re.search(r'<a class="who" href="/archive/people/(\d+)">([^<]+)</a>', html)
    assert first and get(ds, f"/archive/people/{first.group(1)}").status_code == 200
    assert 'href="/archive/contact_directory?' in html  # the SQL, for researchers
    assert 'name="topic"' in html and 'name="municipality"' in html
    assert get(ds, "/-/contacts?topic=zzzyxv").status_code == 200


# -- dates, the month strip, the chart ----------------------------------------------------------------


def test_month_strip_counts_and_filters(ds: Datasette, db: Path) -> None:
    data = search(ds, q="kommun")
    months = dict(data["months"])
    assert sum(months.values()) == data["total"]  # every match is dated in the demo
    busiest = max(months, key=lambda m: months[m])
    html = get(ds, "/-/search?q=kommun").text
    link = (
        f'href="/-/search?q=kommun&amp;kind=articles&amp;sort=relevance&amp;from={busiest}&amp;to={busiest}"'
    )
    assert link in html
    one_month = search(ds, q="kommun", **{"from": busiest, "to": busiest})
    assert one_month["total"] == months[busiest]
    assert dict(one_month["months"]) == months  # the strip keeps showing every month, the range aside
    (n,) = sql(db, "SELECT count(*) FROM articles WHERE substr(published, 1, 7) = ?", busiest)[0]
    assert search(ds, **{"from": busiest, "to": busiest})["total"] == n


def test_date_range_keeps_the_year_box(ds: Datasette, db: Path) -> None:
    (year,) = sql(db, "SELECT year FROM articles GROUP BY year ORDER BY count(*) DESC LIMIT 1")[0]
    (n,) = sql(db, "SELECT count(*) FROM articles WHERE year = ?", year)[0]
    assert search(ds, year=year)["total"] == n
    (m,) = sql(db, "SELECT count(*) FROM articles WHERE published >= ? AND published <= ?",
               f"{year}-03-01", f"{year}-09-30z")[0]  # fmt: skip
    assert search(ds, year=year, **{"from": f"{year}-03-01", "to": f"{year}-09-30"})["total"] == m
    bad = search(ds, **{"from": "last week"})
    assert bad["total"] == 0 and bad["warnings"]
    assert "is not a date" in get(ds, "/-/search?from=last+week").text


def test_chart_follows_the_search(ds: Datasette, db: Path) -> None:
    html = get(ds, "/-/search?q=skola&year=2025").text
    assert 'href="/-/chart?q=skola&amp;year=2025"' in html
    total = search(ds, q="skola", year="2025")["total"]
    chart = get(ds, "/-/chart?q=skola&year=2025").text
    assert f"{total} matching article" in chart
    bars = [int(n) for n in re.findall(r"<title>\d{4}-\d{2} · [^<]*: (\d+)</title>", chart)]
    assert sum(bars) == total
    everything = get(ds, "/-/chart").text
    all_bars = [int(n) for n in re.findall(r"<title>\d{4}-\d{2} · [^<]*: (\d+)</title>", everything)]
    (dated,) = sql(db, "SELECT count(*) FROM articles WHERE published IS NOT NULL")[0]
    assert sum(all_bars) == dated > total


# -- nothing found, past the end --------------------------------------------------------------------


def test_zero_results_count_what_each_filter_holds_back(ds: Datasette, db: Path) -> None:
    municipality = sql(db, "SELECT municipality_id FROM articles GROUP BY 1 ORDER BY count(*) DESC")[0][0]
    data = search(ds, q="kommun", municipality=municipality, year="1999")
    assert data["total"] == 0
    # without the year: the municipality's matches; without the municipality the year still finds none
    assert data["without"] == {"year": search(ds, q="kommun", municipality=municipality)["total"]}
    html = get(ds, f"/-/search?q=kommun&municipality={municipality}&year=1999").text
    n = data["without"]["year"]
    assert (
        f'<a href="/-/search?q=kommun&amp;kind=articles&amp;sort=relevance&amp;municipality={municipality}">'
        f"{n} articles without the year filter</a>" in html
    )
    quotes = search(ds, q="kommun*", kind="quotes", year="1999")
    assert (
        quotes["total"] == 0
        and quotes["without"]["year"] == search(ds, q="kommun*", kind="quotes")["total"] > 0
    )
    (english,) = sql(db, "SELECT count(*) FROM articles WHERE language = 'en'")[0]
    two = search(ds, municipality=municipality, language="en")  # an English-less municipality
    assert two["total"] == 0 and two["without"] == {
        "municipality": english,
        "language": search(ds, municipality=municipality)["total"],
    }


def test_page_past_the_end_says_so(ds: Datasette) -> None:
    total = search(ds, q="kommun")["total"]
    last = -(-total // 20)
    html = get(ds, "/-/search?q=kommun&page=40").text
    back = "" if last == 1 else f"&amp;page={last}"
    assert 'class="mn-past-end' in html and f"Page 40 is past the end: the {total} articles fit on" in html
    assert f'href="/-/search?q=kommun&amp;kind=articles&amp;sort=relevance{back}">Back to page {last}' in html
    assert search(ds, q="kommun", page=last)["hits"]
    assert 'class="mn-past-end' not in get(ds, f"/-/search?q=kommun&page={last}").text


@settings(max_examples=200, deadline=None)
@given(
    quotes=st.lists(st.tuples(st.integers(1, 60), st.integers(1, 15)), max_size=120),
    contacts=st.lists(st.tuples(st.integers(1, 60), st.integers(1, 15)), max_size=60),
    ids=st.lists(st.integers(1, 70), min_size=1, max_size=40, unique=True),
    sort=st.booleans(),
)
def test_few_matches_rank_the_people_as_the_pass_over_all_pairs_does(
    quotes: list[tuple[int, int]], contacts: list[tuple[int, int]], ids: list[int], sort: bool
) -> None:
    """The panel of a few matches (binary search per article) against the one of many (a pass over
    every pair), on the same pairs, in the archive's order or shuffled."""

    def arrays(pairs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        a = np.array(sorted(pairs) if sort else pairs, dtype=np.int64).reshape(-1, 2)
        return a[:, 0].copy(), a[:, 1].copy()

    index = PeopleIndex(*arrays(quotes), *arrays(contacts))
    matches = np.array(ids, dtype=np.int64)
    few = index.top(matches, 8)
    monkey = people_index.FEW
    try:
        people_index.FEW = 0  # the same index, the pass over all pairs
        many = index.top(matches, 8)
    finally:
        people_index.FEW = monkey
    assert few == many
