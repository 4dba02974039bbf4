"""Datasette over a small archive: canned queries, search, the Atom feed, and honest metadata."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from datasette.app import Datasette

from scraper.archive import Archive
from scraper.items import Article, Contact, Quote
from scraper.web.serve import (
    DATABASE_NAME,
    METADATA_PATH,
    datasette_argv,
    load_metadata,
    make_datasette,
    serve,
)

METADATA = load_metadata()
DB_META = METADATA["databases"][DATABASE_NAME]
QUERIES = DB_META["queries"]

# Inputs a journalist might type that must never turn into an FTS5 syntax error.
AWKWARD_SEARCHES = [
    "",
    "   ",
    "*",
    '"',
    '""',
    "e-tjänst",
    "AND",
    "NOT skola",
    "(",
    "'",
    "title:x",
    "a**",
    "far*",
]


def article(url: str, municipality_id: str, title: str, **fields: Any) -> Article:
    return Article(
        url=url, municipality_id=municipality_id, title=title, fetched_at="2024-06-01T00:00:00Z", **fields
    )


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ds") / "archive.db"
    with Archive(path) as archive:
        archive.save_municipalities(
            [
                {
                    "id": "uppsala",
                    "name": "Uppsala kommun",
                    "country": "SE",
                    "latitude": 59.8586,
                    "longitude": 17.6389,
                },
                {
                    "id": "ale",
                    "name": "Ale kommun",
                    "country": "SE",
                    "latitude": 57.9274,
                    "longitude": 12.0814,
                },
                {"id": "camden", "name": "Camden Council", "country": "GB"},
            ]
        )
        archive.save_article(
            article(
                "https://www.uppsala.se/nyheter/forskola",
                "uppsala",
                "Ny förskola öppnar i Gottsunda",
                lead="Barnen får flytta in i augusti.",
                body="Förskolan har sex avdelningar.",
                published="2024-03-01",
                language="sv",
                quotes=[Quote(0, "Vi är glada över lokalerna", "Anna Ek", "förskolechef")],
                contacts=[
                    Contact(
                        name="Anna Ek", role="förskolechef", email="anna.ek@uppsala.se", phone="+4618000001"
                    )
                ],
            )
        )
        archive.save_article(
            article(
                "https://www.uppsala.se/nyheter/upphandling",
                "uppsala",
                "Upphandling av skolskjuts klar",
                body="Kommunen har avslutat upphandlingen.",
                published="2024-05-10",
                language="sv",
                quotes=[Quote(0, "Upphandling tar tid", "Bo Lind", "kommunalråd")],
                contacts=[Contact(name="Anna Ek", role="presschef", email="anna.ek@uppsala.se")],
            )
        )
        archive.save_article(
            article(
                "https://www.uppsala.se/nyheter/budget",
                "uppsala",
                "Budget för 2025",
                body="Budgeten nämner en upphandling av lokaler bland mycket annat om ekonomi och skatt.",
                published="2024-06-01",
                language="sv",
            )
        )
        archive.save_article(
            article(
                "https://www.ale.se/nyheter/bete",
                "ale",
                "Får på bete i Alafors",
                body="Fåren betar i naturreservatet.",
                published="2023-06-01",
                language="sv",
            )
        )
        archive.save_article(
            article(
                "https://www.ale.se/nyheter/far",
                "ale",
                "Far och son-dag",
                body="Pappor och barn bjuds in.",
                published="2023-06-15",
                language="sv",
            )
        )
        archive.save_article(
            article(
                "https://www.camden.gov.uk/news/school-budget",
                "camden",
                "Council approves school budget",
                body="The school budget was approved.",
                published="2024-02-01T09:30:00+00:00",
                language="en",
                quotes=[Quote(0, "A good day for our schools", "Jane Smith", "Cabinet Member")],
            )
        )
        archive.save_article(article("https://www.uppsala.se/nyheter/odaterad", "uppsala", "Utan datum"))
        # Issue 4: a silent edit (a new capture reads differently) and a removed page.
        archive.save_article(
            article(
                "https://www.uppsala.se/nyheter/odaterad",
                "uppsala",
                "Utan datum",
                body="Texten rättades i efterhand.",
                capture={
                    "url": "https://www.uppsala.se/nyheter/odaterad",
                    "fetched_at": "2024-06-02T00:00:00Z",
                    "status": 200,
                    "payload_sha256": "0" * 64,
                    "warc_file": "missing.warc.gz",
                    "warc_offset": 0,
                    "warc_length": 1,
                    "warc_record_id": "<urn:uuid:00000000-0000-0000-0000-000000000001>",
                },
            )
        )
        archive.mark_removed("https://www.ale.se/nyheter/far", "2024-06-02T00:00:00Z", "HTTP 404")
        common = {"started": "2024-06-01T00:00:00Z", "finished": "2024-06-01T00:10:00Z"}
        archive.record_crawl(
            "uppsala", **common, pages_fetched=9, articles_found=4, articles_new=4, articles_updated=0,
            articles_unchanged=0, errors=0,
        )  # fmt: skip
        archive.record_crawl(
            "ale", **common, pages_fetched=0, articles_found=0, articles_new=0, articles_updated=0,
            articles_unchanged=0, errors=2, note="connection refused",
        )  # fmt: skip
        archive.refresh_terms()  # the compound vocabulary, as `muninews serve` does
        archive.fts_integrity_check()
    return path


@pytest.fixture(scope="module")
def ds(db_path: Path) -> Datasette:
    return make_datasette(db_path)


def get(ds: Datasette, path: str) -> httpx.Response:
    return asyncio.run(ds.client.get(path))


def rows(ds: Datasette, path: str) -> list[dict[str, Any]]:
    sep = "&" if "?" in path else "?"
    response = get(ds, f"{path}{sep}_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


def query(ds: Datasette, name: str, /, **params: str) -> list[dict[str, Any]]:
    qs = "&".join(f"{k}={quote(v)}" for k, v in params.items())
    return rows(ds, f"/archive/{name}.json?{qs}")


# -- canned queries -------------------------------------------------------------------------------

EXAMPLE_PARAMS = {
    "search": {"q": "förskola", "municipality": "uppsala"},
    "quotes_by_person": {"speaker": "Ek"},
    "person": {"name": "Anna Ek"},
    "search_quotes": {"q": "glada"},
    "municipality_articles": {"municipality": "uppsala", "from_date": "2024-01-01", "to_date": "2024-12-31"},
    "contact_directory": {"q": "anna", "municipality": "uppsala"},
    "crawl_health": {},
    "edited_articles": {"municipality": "uppsala"},
    "removed_articles": {"municipality": "ale"},
    "feed": {"q": "upphandling", "municipality": "uppsala"},
    "feed_quotes": {"q": "glada"},
    "articles_per_month": {"municipality": "uppsala"},
    "municipality_map": {},
}


def test_every_query_has_example_params() -> None:
    assert set(EXAMPLE_PARAMS) == set(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_without_parameters(ds: Datasette, name: str) -> None:
    assert get(ds, f"/archive/{name}").status_code == 200
    assert get(ds, f"/archive/{name}.json").status_code == 200


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_with_parameters(ds: Datasette, name: str) -> None:
    assert query(ds, name, **EXAMPLE_PARAMS[name])


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_documented(name: str) -> None:
    assert QUERIES[name]["title"]
    assert QUERIES[name]["description"]


@pytest.mark.parametrize("q", AWKWARD_SEARCHES)
@pytest.mark.parametrize("name", ["search", "search_quotes", "feed", "feed_quotes"])
def test_awkward_search_input(ds: Datasette, name: str, q: str) -> None:
    assert get(ds, f"/archive/{name}.json?q={quote(q)}").status_code == 200


def test_search_empty_returns_nothing(ds: Datasette) -> None:
    assert query(ds, "search") == []


def test_search_ranks_title_match_first(ds: Datasette) -> None:
    hits = query(ds, "search", q="upphandling")
    assert [h["title"] for h in hits] == ["Upphandling av skolskjuts klar", "Budget för 2025"]
    assert hits[0]["municipality"] == "Uppsala kommun"
    assert hits[0]["published"] == "2024-05-10"
    # The snippet is from the text below the title (here its body), not the headline again.
    assert "**upphandlingen**" in hits[0]["snippet"]
    assert "skolskjuts klar" not in hits[0]["snippet"]


def test_search_keeps_swedish_letters_apart(ds: Datasette) -> None:
    assert [h["title"] for h in query(ds, "search", q="får")] == [
        "Får på bete i Alafors",  # title match ranks above the lead's "Barnen får flytta"
        "Ny förskola öppnar i Gottsunda",
    ]
    assert [h["title"] for h in query(ds, "search", q="far")] == ["Far och son-dag"]


def test_search_folds_case(ds: Datasette) -> None:
    assert [h["title"] for h in query(ds, "search", q="FÖRSKOLA")] == ["Ny förskola öppnar i Gottsunda"]


def test_search_prefix(ds: Datasette) -> None:
    assert [h["title"] for h in query(ds, "search", q="skol*")] == ["Upphandling av skolskjuts klar"]
    assert [h["title"] for h in query(ds, "search", q="förskol*")] == ["Ny förskola öppnar i Gottsunda"]
    assert [h["title"] for h in query(ds, "search", q="Upphandl*")] == [
        "Upphandling av skolskjuts klar",
        "Budget för 2025",
    ]


def test_search_phrase(ds: Datasette) -> None:
    assert [h["title"] for h in query(ds, "search", q='"school budget"')] == [
        "Council approves school budget"
    ]


def test_search_hyphen_is_not_an_operator(ds: Datasette) -> None:
    assert [h["title"] for h in query(ds, "search", q="son-dag")] == ["Far och son-dag"]


def test_search_one_municipality(ds: Datasette) -> None:
    assert query(ds, "search", q="budget", municipality="camden")[0]["municipality_id"] == "camden"
    assert query(ds, "search", q="bete", municipality="uppsala") == []


def test_quotes_by_person(ds: Datasette) -> None:
    hits = query(ds, "quotes_by_person", speaker="lind")
    assert [(h["speaker"], h["title"]) for h in hits] == [("Bo Lind", "Upphandling av skolskjuts klar")]
    assert query(ds, "quotes_by_person") == []


def test_quotes_by_person_brings_contact_details(ds: Datasette) -> None:
    [hit] = query(ds, "quotes_by_person", speaker="anna")
    assert (hit["speaker"], hit["email"], hit["phone"]) == ("Anna Ek", "anna.ek@uppsala.se", "+4618000001")


def test_person(ds: Datasette) -> None:
    hits = query(ds, "person", name="anna ek")
    assert len(hits) == 1
    anna = hits[0]
    assert (anna["name"], anna["municipality"], anna["published"]) == (
        "Anna Ek",
        "Uppsala kommun",
        "2024-03-01",
    )
    assert anna["quote"] == "Vi är glada över lokalerna"
    assert anna["role_at_the_time"] == "förskolechef"
    assert anna["latest_role"] == "presschef"  # from the newer contact box
    assert (anna["email"], anna["phone"]) == ("anna.ek@uppsala.se", "+4618000001")
    assert anna["url"] == "https://www.uppsala.se/nyheter/forskola"
    assert query(ds, "person") == []


def test_person_separates_municipalities_and_misses_nobody(ds: Datasette) -> None:
    hits = query(ds, "person", name="n")  # Anna Ek, Bo Lind, Jane Smith
    assert [(h["name"], h["municipality"], h["role_at_the_time"]) for h in hits] == [
        ("Anna Ek", "Uppsala kommun", "förskolechef"),
        ("Bo Lind", "Uppsala kommun", "kommunalråd"),
        ("Jane Smith", "Camden Council", "Cabinet Member"),
    ]


def test_people_table(ds: Datasette) -> None:
    data = get(ds, "/archive/people.json").json()
    assert "municipality_id" in data["facet_results"]
    people = rows(ds, "/archive/people.json")
    assert {(p["name"], p["municipality_id"]) for p in people} == {
        ("Anna Ek", "uppsala"),
        ("Bo Lind", "uppsala"),
        ("Jane Smith", "camden"),
    }
    anna = next(p for p in people if p["name"] == "Anna Ek")
    assert (anna["quote_count"], anna["contact_count"]) == (1, 2)
    page = get(ds, f"/archive/people/{anna['id']}")
    assert page.status_code == 200
    assert "person_roles" in page.text  # links to the person's rows in other tables
    roles = rows(ds, f"/archive/person_roles.json?person_id={anna['id']}&_sort=first_seen_published")
    assert [(r["role"], r["first_seen_published"], r["last_seen_published"]) for r in roles] == [
        ("förskolechef", "2024-03-01", "2024-03-01"),
        ("presschef", "2024-05-10", "2024-05-10"),
    ]


def test_search_quotes(ds: Datasette) -> None:
    hits = query(ds, "search_quotes", q="schools")
    assert [h["speaker"] for h in hits] == ["Jane Smith"]
    assert "**schools**" in hits[0]["quote"]


def test_search_quotes_by_speaker_name(ds: Datasette) -> None:
    assert [h["quote"] for h in query(ds, "search_quotes", q="ek")] == ["Vi är glada över lokalerna"]


def test_municipality_articles_dates_inclusive(ds: Datasette) -> None:
    hits = query(
        ds, "municipality_articles", municipality="uppsala", from_date="2024-03-01", to_date="2024-05-10"
    )
    assert [h["published"] for h in hits] == ["2024-05-10", "2024-03-01"]


def test_municipality_articles_partial_dates(ds: Datasette) -> None:
    hits = query(
        ds, "municipality_articles", municipality="Uppsala kommun", from_date="2024-05", to_date="2024"
    )
    assert [h["published"] for h in hits] == ["2024-06-01", "2024-05-10"]


def test_municipality_articles_blank_dates_is_everything(ds: Datasette) -> None:
    assert len(query(ds, "municipality_articles", municipality="uppsala")) == 4
    assert len(query(ds, "municipality_articles")) == 7


def test_municipality_articles_datetime_upper_bound(ds: Datasette) -> None:
    hits = query(ds, "municipality_articles", municipality="camden", to_date="2024-02-01")
    assert len(hits) == 1


def test_contact_directory(ds: Datasette) -> None:
    hits = query(ds, "contact_directory")
    assert len(hits) == 1
    anna = hits[0]
    assert (anna["name"], anna["email"], anna["articles"]) == ("Anna Ek", "anna.ek@uppsala.se", 2)
    assert anna["latest_article"] == "Upphandling av skolskjuts klar"
    assert anna["role"] == "presschef"  # as described most recently
    assert anna["municipality"] == "Uppsala kommun"


def test_crawl_health_failing_first(ds: Datasette) -> None:
    hits = query(ds, "crawl_health")
    assert [(h["id"], h["last_status"]) for h in hits] == [
        ("ale", "failing"),
        ("camden", None),
        ("uppsala", "ok"),
    ]
    assert hits[0]["note"] == "connection refused"
    assert hits[2]["article_count"] == 4


# -- Atom feed ----------------------------------------------------------------------------------


def test_feed_search(ds: Datasette) -> None:
    response = get(ds, "/archive/feed.atom?q=upphandling")
    assert response.status_code == 200
    assert response.text.count("<entry>") == 2
    assert "Upphandling av skolskjuts klar" in response.text
    assert "https://www.uppsala.se/nyheter/upphandling" in response.text


def test_feed_all(ds: Datasette) -> None:
    response = get(ds, "/archive/feed.atom")
    assert response.status_code == 200
    assert response.text.count("<entry>") == 7  # undated articles fall back to first_seen


def test_feed_without_matches_is_still_a_feed(ds: Datasette) -> None:
    response = get(ds, "/archive/feed.atom?q=zzzyxx")
    assert response.status_code == 200
    assert response.text.count("<entry>") == 1
    assert "No matching articles yet" in response.text


def test_feed_rows_never_null(ds: Datasette) -> None:
    for params in ({}, {"q": "skol*"}, {"municipality": "ale"}, {"q": "nothing-here"}):
        for row in query(ds, "feed", **params):
            for column in ("atom_id", "atom_title", "atom_updated", "atom_link", "atom_content"):
                assert row[column], (params, column)
            assert row["atom_updated"].endswith("Z")


# -- table pages --------------------------------------------------------------------------------


def test_articles_table_search(ds: Datasette) -> None:
    hits = rows(ds, "/archive/articles.json?_search=förskola")
    assert [h["title"] for h in hits] == ["Ny förskola öppnar i Gottsunda"]
    assert get(ds, "/archive/articles?_search=e-tj%C3%A4nst").status_code == 200


def test_quotes_table_search(ds: Datasette) -> None:
    assert [h["speaker"] for h in rows(ds, "/archive/quotes.json?_search=glada")] == ["Anna Ek"]


def test_articles_facets(ds: Datasette) -> None:
    data = get(ds, "/archive/articles.json").json()
    assert {"municipality_id", "year", "language"} <= set(data["facet_results"])


def test_articles_sorted_newest_first(ds: Datasette) -> None:
    data = get(ds, "/archive/articles.json").json()
    assert data["human_description_en"] == "sorted by published descending"
    assert [r["published"] for r in rows(ds, "/archive/articles.json")][:2] == ["2024-06-01", "2024-05-10"]


def test_articles_page_html(ds: Datasette) -> None:
    response = get(ds, "/archive/articles")
    assert response.status_code == 200
    assert "Uppsala kommun" in response.text  # label_column expands municipality_id


def test_fts_tables_hidden(ds: Datasette) -> None:
    tables = {t["name"]: t["hidden"] for t in get(ds, "/archive.json").json()["tables"]}
    assert not tables["articles"]
    assert all(hidden for name, hidden in tables.items() if "_fts" in name)


def test_index_page(ds: Datasette) -> None:
    response = get(ds, "/")
    assert response.status_code == 200
    assert "muninews — municipal news archive" in response.text


# -- metadata is honest -------------------------------------------------------------------------


def real_tables(db_path: Path) -> dict[str, list[str]]:
    with Archive(db_path) as archive:
        return {
            name: [c.name for c in archive.db[name].columns]
            for name in archive.db.table_names()
            if "_fts" not in name and not name.startswith("sqlite_")
        }


def test_metadata_describes_every_table_and_column(db_path: Path) -> None:
    tables = DB_META["tables"]
    for table, columns in real_tables(db_path).items():
        assert tables.get(table, {}).get("description"), table
        described = tables[table].get("columns", {})
        for column in columns:
            assert described.get(column), f"{table}.{column} undocumented"


def test_metadata_names_only_what_exists(db_path: Path) -> None:
    with Archive(db_path) as archive:
        existing = set(archive.db.table_names())
        for table, meta in DB_META["tables"].items():
            assert table in existing, table
            if meta.get("hidden") and table != "articles_changed":  # bookkeeping, not for browsing
                assert "_fts" in table
                continue
            columns = {c.name for c in archive.db[table].columns}
            for key in ("label_column", "sort", "sort_desc", "fts_pk"):
                if key in meta:
                    assert meta[key] in columns, (table, key)
            assert set(meta.get("facets", [])) <= columns, table
            assert set(meta.get("columns", {})) <= columns, table
            if "fts_table" in meta:
                assert meta["fts_table"] in existing


def test_metadata_hides_every_fts_table(db_path: Path) -> None:
    """Full-text tables and the readers' change log are bookkeeping: hidden from the table lists."""
    with Archive(db_path) as archive:
        fts = {t for t in archive.db.table_names() if "_fts" in t}
    assert fts | {"articles_changed"} == {t for t, m in DB_META["tables"].items() if m.get("hidden")}


def test_metadata_file_is_the_served_one() -> None:
    assert json.loads(METADATA_PATH.read_text(encoding="utf-8")) == METADATA
    assert METADATA["title"] == "muninews — municipal news archive"


def test_metadata_at_the_repository_root_is_the_packaged_one() -> None:
    """`datasette archive.db -m datasette_metadata.json` in a checkout serves what the wheel serves."""
    root = Path(__file__).resolve().parents[2] / "datasette_metadata.json"
    assert METADATA_PATH.parent.name == "web"  # inside the package, so an installed wheel has it
    assert root.read_bytes() == METADATA_PATH.read_bytes()


def test_one_plugin_registered_once() -> None:
    """One entry point, one plugin: every page's hooks come from scraper.web."""
    from importlib.metadata import entry_points

    ours = [e for e in entry_points(group="datasette") if e.value.startswith("scraper")]
    assert [(e.name, e.value) for e in ours] == [("muninews", "scraper.web")]


# -- plain `datasette archive.db -m datasette_metadata.json` and `muninews serve` ----------------


def test_plain_datasette_with_metadata(db_path: Path) -> None:
    """What a researcher runs by hand: the file stem gives the name `archive`, metadata applies."""
    plain = Datasette([str(db_path)], metadata=load_metadata())
    assert get(plain, "/archive/feed.atom?q=upphandling").status_code == 200
    assert query(plain, "search", q="förskola")


def test_other_file_name_served_as_archive(db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "sverige-2024.db"
    other.write_bytes(db_path.read_bytes())
    other_ds = make_datasette(other)
    assert [d for d in other_ds.databases if not d.startswith("_")] == ["archive"]
    assert query(other_ds, "search", q="förskola")


def test_datasette_argv() -> None:
    argv = datasette_argv(Path("/data/archive.db"), host="0.0.0.0", port=9000)
    assert argv[1:4] == ["-m", "datasette", "serve"]
    assert "/data/archive.db" in argv
    assert argv[argv.index("--metadata") + 1] == str(METADATA_PATH)
    assert argv[argv.index("--port") + 1] == "9000"
    assert "-i" not in argv
    immutable = datasette_argv(Path("/data/archive.db"), immutable=True)
    assert immutable[immutable.index("-i") + 1] == "/data/archive.db"


def test_datasette_cli_runs_argv(db_path: Path) -> None:
    """The real command line, in a subprocess: `--get` answers one request without serving."""
    search = "/archive/search.json?q=f%C3%B6rskola&_shape=array"
    argv = [*datasette_argv(db_path, immutable=True), "--get", search]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(result.stdout)[0]["title"] == "Ny förskola öppnar i Gottsunda"


def test_serve_missing_file(tmp_path: Path) -> None:
    assert serve(tmp_path / "nope.db", "127.0.0.1", 8001) == 2


# -- the muninews plugin: the search page ---------------------------------------------------------


def search(ds: Datasette, **params: str) -> dict[str, Any]:
    qs = "&".join(f"{k}={quote(v)}" for k, v in params.items())
    response = get(ds, f"/-/search?{qs}&_format=json")
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["error"] is None
    return data


def titles(data: dict[str, Any]) -> list[str]:
    return [h["title"] for h in data["hits"]]


def test_search_page_is_linked_from_the_front_page(ds: Datasette) -> None:
    page = get(ds, "/").text
    assert 'action="/-/search"' in page
    assert "How search works" in page  # the syntax is documented on the page


def test_search_page_compound_word(ds: Datasette) -> None:
    data = search(ds, q="skola")
    assert "Ny förskola öppnar i Gottsunda" in titles(data)  # skola finds förskola
    assert "förskola" in data["expression"]


def test_search_page_short_word_is_not_a_compound_head(ds: Datasette) -> None:
    assert titles(search(ds, q="far")) == ["Far och son-dag"]  # not får, not a compound ending in far


def test_search_page_keeps_swedish_letters_apart(ds: Datasette) -> None:
    assert "Far och son-dag" not in titles(search(ds, q="får"))


def test_search_page_prefix_and_phrase(ds: Datasette) -> None:
    assert titles(search(ds, q="skol*")) == ["Upphandling av skolskjuts klar"]
    assert titles(search(ds, q='"school budget"')) == ["Council approves school budget"]
    assert titles(search(ds, q="son-dag")) == ["Far och son-dag"]


def test_search_page_or_and_exclusion(ds: Datasette) -> None:
    assert set(titles(search(ds, q="bete OR skolskjuts"))) == {
        "Får på bete i Alafors",
        "Upphandling av skolskjuts klar",
    }
    assert titles(search(ds, q="upphandling -budget")) == ["Upphandling av skolskjuts klar"]


@pytest.mark.parametrize("q", [*AWKWARD_SEARCHES, "-", "-skola", "OR", "skola OR", "NEAR(a b)", "e-tjänst*"])
@pytest.mark.parametrize("kind", ["articles", "quotes"])
def test_search_page_awkward_input(ds: Datasette, q: str, kind: str) -> None:
    assert get(ds, f"/-/search?q={quote(q)}&kind={kind}").status_code == 200
    search(ds, q=q, kind=kind)


def test_search_page_facets_are_exact(ds: Datasette) -> None:
    data = search(ds, q="upphandling")
    assert data["total"] == 2
    assert data["facets"]["municipality"] == [["uppsala", "Uppsala kommun", 2]]
    assert data["facets"]["year"] == [["2024", "2024", 2]]
    assert data["facets"]["language"] == [["sv", "sv", 2]]


def test_search_page_filters(ds: Datasette) -> None:
    assert search(ds, q="budget", municipality="camden")["total"] == 1
    assert search(ds, q="budget", municipality="ale")["total"] == 0
    assert search(ds, q="budget", language="en")["total"] == 1
    assert titles(search(ds, q="budget", year="2024", language="sv")) == ["Budget för 2025"]


def test_search_page_sorts(ds: Datasette) -> None:
    assert titles(search(ds, q="upphandling", sort="relevance")) == [
        "Upphandling av skolskjuts klar",
        "Budget för 2025",
    ]
    assert [h["published"] for h in search(ds, q="upphandling", sort="newest")["hits"]] == [
        "2024-06-01",
        "2024-05-10",
    ]
    assert [h["published"] for h in search(ds, q="upphandling", sort="oldest")["hits"]] == [
        "2024-05-10",
        "2024-06-01",
    ]


def test_search_page_without_query_browses_newest_first(ds: Datasette) -> None:
    data = search(ds, q="")
    assert data["total"] == 7
    assert data["hits"][0]["published"] == "2024-06-01"
    assert data["hits"][-1]["published"] is None  # undated last


def test_search_page_highlights_and_links(ds: Datasette) -> None:
    page = get(ds, "/-/search?q=upphandling").text
    assert "<mark>Upphandling</mark>" in page or "<mark>upphandling</mark>" in page
    assert '<strong id="total">2</strong>' in page
    assert 'href="/archive/feed.atom?q=upphandling"' in page  # every search is a feed
    assert 'href="/archive/articles/' in page


def test_search_page_quotes(ds: Datasette) -> None:
    data = search(ds, q="schools", kind="quotes")
    assert [h["speaker"] for h in data["hits"]] == ["Jane Smith"]
    assert "<mark>schools</mark>" in data["hits"][0]["text"]
    assert search(ds, q="tid", kind="quotes", municipality="camden")["total"] == 0


# -- article and person pages, chart, map, robots ------------------------------------------------


def article_id(ds: Datasette, title: str) -> int:
    return rows(ds, f"/archive/articles.json?title={quote(title)}")[0]["id"]


def test_article_page(ds: Datasette) -> None:
    page = get(ds, f"/archive/articles/{article_id(ds, 'Ny förskola öppnar i Gottsunda')}").text
    assert (
        '<h1 class="title" lang="sv">Ny förskola öppnar i Gottsunda</h1>' in page
    )  # in the article's language
    assert "Uppsala kommun" in page and "2024-03-01" in page
    assert "Förskolan har sex avdelningar." in page
    assert "Vi är glada över lokalerna" in page and "förskolechef" in page  # the quote, speaker and role
    assert 'href="mailto:anna.ek@uppsala.se"' in page  # the contact
    assert 'href="https://www.uppsala.se/nyheter/forskola"' in page  # the original


def test_article_page_marks_quotes_in_the_text() -> None:
    from scraper.web.article import mark_quotes

    html = mark_quotes(
        "Hon sa:\n\n– Vi är glada  över\nlokalerna, säger hon.", [{"text": "Vi är glada över lokalerna"}]
    )
    assert '<mark class="quote" id="q1"' in html
    assert html.count("<p>") == 2


def test_person_page(ds: Datasette) -> None:
    anna = rows(ds, "/archive/people.json?name=Anna+Ek")[0]
    page = get(ds, f"/archive/people/{anna['id']}").text
    assert "<h1>Anna Ek</h1>" in page
    assert "Vi är glada över lokalerna" in page  # quotes over time
    assert "förskolechef" in page and "presschef" in page  # roles
    assert "anna.ek@uppsala.se" in page  # how to reach her


def test_chart_page(ds: Datasette) -> None:
    page = get(ds, "/-/chart").text
    assert "<svg" in page and "Uppsala kommun" in page
    assert "2024-05 · Uppsala kommun: 1" in page


def test_map_query_has_coordinates(ds: Datasette) -> None:
    hits = query(ds, "municipality_map")
    assert {h["id"] for h in hits} == {"uppsala", "ale"}  # camden has no coordinates
    assert next(h for h in hits if h["id"] == "uppsala")["articles"] == 4


def test_map_uses_cluster_map(ds: Datasette) -> None:
    assert "datasette-cluster-map" in get(ds, "/archive/municipality_map").text


def test_robots_txt(ds: Datasette) -> None:
    text = get(ds, "/robots.txt").text
    assert "Disallow: /*?" in text and "Disallow: /-/" in text


# -- safe on the public internet -----------------------------------------------------------------

HOSTILE = {
    "title": "<script>alert('title')</script> Rubrik",
    "lead": "<img src=x onerror=alert(1)> Ingress om upphandling",
    "body": "Brödtext <b onmouseover=alert(2)>fet</b> om upphandling.\n\n"
    "– <i>Citat</i> med upphandling, säger <u>Eva</u>.",
}


@pytest.fixture(scope="module")
def hostile_ds(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    path = tmp_path_factory.mktemp("hostile") / "archive.db"
    with Archive(path) as archive:
        archive.save_municipalities([{"id": "ale", "name": "Ale <em>kommun</em>", "country": "SE"}])
        archive.save_article(
            article(
                "https://www.ale.se/nyheter/x",
                "ale",
                HOSTILE["title"],
                lead=HOSTILE["lead"],
                body=HOSTILE["body"],
                published="2024-01-01",
                quotes=[Quote(0, "<i>Citat</i> med upphandling", "<u>Eva</u>", "<script>x</script>")],
                contacts=[Contact(name="<b>Eva</b>", role="<script>y</script>", email="eva@ale.se")],
            )
        )
        archive.refresh_terms()
    return make_datasette(path)


RAW_MARKUP = (
    "<script>alert",
    "<script>x",
    "<script>y",
    "<img src=x",
    "<b onmouseover",
    "<i>Citat",
    "<u>Eva",
    "<em>kommun",
)


@pytest.mark.parametrize(
    "path",
    [
        "/archive/articles/1",
        "/-/search?q=upphandling",
        "/-/search?q=upphandling&kind=quotes",
        "/-/search?q=",
        "/archive/people/1",
        "/-/chart",
        "/archive/articles",
        "/archive/search?q=upphandling",
        "/archive/feed.atom?q=upphandling",
    ],
)
def test_scraped_html_is_shown_as_text(hostile_ds: Datasette, path: str) -> None:
    response = get(hostile_ds, path)
    assert response.status_code == 200, path
    for raw in RAW_MARKUP:
        assert raw not in response.text, (path, raw)


def test_scraped_html_is_visible_escaped(hostile_ds: Datasette) -> None:
    page = get(hostile_ds, "/archive/articles/1").text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Rubrik" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_no_write_queries_and_limits_set() -> None:
    from scraper.web.serve import SETTINGS

    assert not any(q.get("write") for q in QUERIES.values())
    assert SETTINGS["sql_time_limit_ms"] <= 5000
    assert SETTINGS["max_returned_rows"] <= 1000
    assert SETTINGS["allow_download"] is False
    assert "datasette-render-html" not in METADATA.get(
        "plugins", {}
    )  # TRAPS: would render SQL output as HTML


def test_writes_are_refused(ds: Datasette) -> None:
    sql = "insert into municipalities (id) values ('x')"
    response = get(ds, f"/archive.json?sql={quote(sql)}")
    assert response.status_code == 400  # Datasette only runs read-only statements
    assert not rows(ds, "/archive/municipalities.json?id=x")
    assert get(ds, "/-/permissions").status_code == 403  # no admin without an actor, and there is none
