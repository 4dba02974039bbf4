"""Bounded serving, in-process: time limit and length cap of the search page, response and value
caps, no file paths, and what opening the archive (a crawl) does to a Datasette serving it."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path
from urllib.parse import quote

import pytest
from datasette.app import Datasette

from scraper.archive import Archive
from scraper.items import Article
from scraper.web import limits
from scraper.web.query import MAX_QUERY_WORDS
from scraper.web.serve import make_datasette
from tests.helpers import datasette_get as get

WORDS = ("förskola", "budget", "väg", "skola", "bygglov", "vatten", "park", "nämnd", "taxa", "bibliotek")


def _article(n: int) -> Article:
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] + ("" if i % 4 else str(n % 50)) for i in range(80)]
    return Article(
        url=f"https://www.ekeby.se/nyheter/{n}",
        municipality_id="ekeby",
        title=" ".join(words[:6]),
        lead=" ".join(words[6:16]),
        body=" ".join(words[16:]),
        published=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
        language="sv",
        fetched_at="2024-06-01T00:00:00Z",
    )


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "archive.db"
    with Archive(path) as archive:
        archive.save_municipalities([{"id": "ekeby", "name": "Ekeby kommun", "country": "SE"}])
        for n in range(1500):
            archive.save_article(_article(n))
        archive.refresh_terms()
    return path


@pytest.fixture(scope="module")
def ds(db_path: Path) -> Datasette:
    return make_datasette(db_path)


def test_search_page_runs_under_the_sql_time_limit(db_path: Path) -> None:
    """/-/search runs through execute_fn, outside Datasette's limit: it must have its own."""
    q = " OR ".join(f"{w}*" for w in WORDS)
    unhurried = get(make_datasette(db_path), f"/-/search?q={quote(q)}&_format=json").json()
    assert unhurried["error"] is None and unhurried["total"] == 1500
    hurried = make_datasette(db_path, settings={"sql_time_limit_ms": 1})
    data = get(hurried, f"/-/search?q={quote(q)}&_format=json").json()
    assert data["error"] and "longer than" in data["error"], data["error"]
    assert data["hits"] == []
    page = get(hurried, f"/-/search?q={quote(q)}")
    assert page.status_code == 200 and "longer than" in page.text


@pytest.mark.parametrize("export", ["search.csv", "search.json"])
def test_an_export_stopped_by_the_time_limit_says_so_and_is_no_500(db_path: Path, export: str) -> None:
    """Datasette's CSV export let a timed-out query become a 500 with a traceback in the log."""
    q = " OR ".join(f"{w}*" for w in WORDS)
    hurried = make_datasette(db_path, settings={"sql_time_limit_ms": 1})
    answer = get(hurried, f"/archive/{export}?q={quote(q)}")
    assert answer.status_code == 400
    assert "time limit" in answer.text.lower()


def test_search_page_refuses_an_overlong_query(ds: Datasette) -> None:
    q = " ".join(["vatten"] * 500)
    response = get(ds, f"/-/search?q={quote(q)}&_format=json")
    assert response.status_code == 400
    assert "too long" in response.json()["error"] and str(MAX_QUERY_WORDS) in response.json()["error"]
    page = get(ds, f"/-/search?q={quote(q)}")
    assert page.status_code == 400 and "too long" in page.text
    fine = " ".join(["vatten"] * MAX_QUERY_WORDS)
    assert get(ds, f"/-/search?q={quote(fine)}&_format=json").json()["error"] is None


def test_a_huge_value_is_refused(ds: Datasette) -> None:
    sql = "select length(randomblob(100000000)) as n"
    response = get(ds, f"/archive.json?sql={quote(sql)}")
    assert response.status_code == 400
    assert "too big" in response.json()["error"]


def test_a_whole_response_over_the_cap_is_refused(ds: Datasette, monkeypatch: pytest.MonkeyPatch) -> None:
    small = get(ds, "/archive/articles.json?_size=5&_shape=array")
    assert small.status_code == 200 and len(small.json()) == 5
    monkeypatch.setattr(limits, "MAX_RESPONSE_BYTES", 50_000)
    response = get(ds, "/archive/articles.json?_size=1000&_shape=array")
    assert response.status_code == 413
    assert "larger than" in response.text and len(response.content) < 1000
    assert get(ds, "/archive/articles.json?_size=5&_shape=array").status_code == 200


def test_a_stream_over_the_cap_is_cut_and_says_so(ds: Datasette, monkeypatch: pytest.MonkeyPatch) -> None:
    full = get(ds, "/archive/articles.csv?_stream=on&_size=max")
    assert full.status_code == 200 and len(full.content) > 200_000
    ids = [row[0] for row in csv.reader(io.StringIO(full.text))][1:]
    assert set(ids) == {str(n) for n in range(1, 1501)}  # every article (Datasette may repeat a few)
    monkeypatch.setattr(limits, "MAX_RESPONSE_BYTES", 100_000)
    cut = get(ds, "/archive/articles.csv?_stream=on&_size=max")
    assert cut.status_code == 200
    assert len(cut.content) < 100_000 + 400
    assert cut.text.rstrip().splitlines()[-1].startswith("# cut here: the response is larger than")


#: Introspection pages and queries that could show where the server keeps its files.
PATH_PROBES = [
    "/-/databases.json",
    "/-/databases",
    "/-/plugins.json",
    "/-/threads.json",
    "/-/metadata.json",
    "/-/settings.json",
    "/-/versions.json",
    "/.json",
    "/archive.json",
    "/archive",
    "/archive.json?sql=" + quote("select * from pragma_database_list"),
    "/archive.json?sql=" + quote("select file from pragma_database_list()"),
    "/archive.json?sql=" + quote("select group_concat(file) from PRAGMA_DATABASE_LIST"),
    "/archive.json?sql=" + quote("select * from pragma_database_list as d where d.file like '%'"),
]


@pytest.mark.parametrize("path", PATH_PROBES)
def test_no_file_path_is_shown(ds: Datasette, db_path: Path, path: str) -> None:
    response = get(ds, path)
    assert response.status_code in (200, 400, 404), (path, response.status_code)
    for secret in (str(db_path.parent), "site-packages", str(Path(limits.__file__).parent)):
        assert secret not in response.text, (path, secret)


def test_database_list_still_names_the_databases(ds: Datasette) -> None:
    sql = "select seq, name, file from pragma_database_list"
    rows = get(ds, f"/archive.json?sql={quote(sql)}&_shape=array").json()
    assert rows == [{"seq": 0, "name": "main", "file": None}]


def test_is_adhoc() -> None:
    assert limits.is_adhoc({"query_string": b"sql=select+1"})
    assert limits.is_adhoc({"query_string": b"_where=id%3D1"})
    assert not limits.is_adhoc({"query_string": b"q=sql&municipality=ekeby"})
    assert not limits.is_adhoc({"query_string": b""})


# -- a crawl opening the archive while Datasette serves it -------------------------------------


def test_a_crawl_opening_the_archive_leaves_canned_search_working(db_path: Path, tmp_path: Path) -> None:
    """Opening the archive used to rewrite the FTS5 rank setting: every Datasette connection then
    answered the canned search with "SQL logic error" once, and search.csv was a 2-byte 200."""
    path = tmp_path / "archive.db"
    path.write_bytes(db_path.read_bytes())
    served = make_datasette(path)

    async def round_() -> list[tuple[int, int, int]]:
        out = []
        for _ in range(8):  # enough requests to reach every one of Datasette's SQL threads
            js = await served.client.get("/archive/search.json?q=bibliotek&_shape=array")
            text = await served.client.get("/archive/search.csv?q=bibliotek")
            out.append((js.status_code, len(js.json()) if js.status_code == 200 else -1, len(text.content)))
        return out

    async def scenario() -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
        before = await round_()
        Archive(path).close()  # what every crawl, reextract and serve start does first
        return before, await round_()

    before, after = asyncio.run(scenario())
    assert before[0][0] == 200 and before[0][1] > 0 and before[0][2] > 100
    assert after == [before[0]] * len(after)
