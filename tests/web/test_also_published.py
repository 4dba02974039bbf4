"""The article page names the other URLs of the same release ("Also published at"): one article for
the kommun's own page and its press room copy, as the archive merged them (archive/article_urls.py)."""

from __future__ import annotations

from pathlib import Path

from scraper.archive import MERGED, NEW, Archive
from scraper.web.serve import make_datasette
from tests.helpers import datasette_get, sample_article

BODY = (
    "Ekbacka kommun bygger en ny simhall vid Strandvägen. Bygget börjar i april och hallen ska stå klar "
    "till sommaren 2028, med en tävlingsbassäng på 25 meter och en undervisningsbassäng."
)
PRESS_URL = "https://www.mynewsdesk.com/se/ekbacka/pressreleases/ny-simhall-3001"


def test_the_article_page_lists_where_else_the_release_was_published(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with Archive(db) as arch:
        arch.save_municipalities([{"id": "uppsala", "name": "Uppsala", "country": "SE"}])
        assert arch.save_article(sample_article(title="Ny simhall", body=BODY)) == NEW
        press = sample_article(
            url=PRESS_URL, title="Ny simhall", body=BODY + " Om Ekbacka.", source="mynewsdesk"
        )
        assert arch.save_article(press) == MERGED
        lone = sample_article(
            url="https://www.uppsala.se/nyheter/annat", title="Något annat", body="Annan text."
        )
        assert arch.save_article(lone) == NEW
    ds = make_datasette(db)
    page = datasette_get(ds, "/archive/articles/1")
    assert page.status_code == 200
    assert "Also published at" in page.text
    assert f'<a href="{PRESS_URL}" rel="nofollow noopener">{PRESS_URL}</a> (mynewsdesk)' in page.text
    other = datasette_get(ds, "/archive/articles/2")
    assert other.status_code == 200 and "Also published at" not in other.text
