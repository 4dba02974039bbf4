"""The pages people open — contact directory, crawl health, edits, removals, the chart's numbers, the
map — are named by their title and show their results, not their SQL (which stays one click away
for researchers); hand-written SQL keeps its SQL as the title."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from datasette.app import Datasette

from scraper.archive import Archive
from scraper.web.serve import METADATA_PATH, make_datasette
from tests.helpers import datasette_get as get

HUMAN = (
    "contact_directory",
    "crawl_health",
    "edited_articles",
    "removed_articles",
    "articles_per_month",
    "municipality_map",
)
QUERIES = json.loads(Path(METADATA_PATH).read_text())["databases"]["archive"]["queries"]


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    path = tmp_path_factory.mktemp("human") / "archive.db"
    with Archive(path) as archive:
        archive.save_municipalities([{"id": "ekeby", "name": "Ekeby kommun", "country": "SE"}])
    return make_datasette(path)


def _title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    assert found, page[:500]
    return " ".join(html.unescape(found.group(1)).split())


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_canned_query_is_titled_by_what_it_is(ds: Datasette, name: str) -> None:
    response = get(ds, f"/archive/{name}")
    assert response.status_code == 200
    title = _title(response.text)
    assert title == f"{QUERIES[name]['title']} · muninews", title
    assert "select" not in title.lower()


@pytest.mark.parametrize("name", HUMAN)
def test_human_pages_hide_their_sql_until_asked(ds: Datasette, name: str) -> None:
    assert QUERIES[name].get("hide_sql") is True
    hidden = get(ds, f"/archive/{name}").text
    assert (
        "<textarea" not in hidden and 'class="sql"' not in hidden.split("</form>")[0].split("<form")[-1][:0]
    )
    shown = get(ds, f"/archive/{name}?_show_sql=1").text
    assert "<textarea" in shown or "<pre" in shown  # one click away for researchers


def test_hand_written_sql_keeps_its_sql_as_the_title(ds: Datasette) -> None:
    assert _title(get(ds, "/archive?sql=select+1+as+one").text) == "archive: select 1 as one"
