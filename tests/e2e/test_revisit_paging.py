"""End to end over loopback with the real CLI: ``--revisit all`` pages through a listing whose new
items are on page 2 or later (issue 13).

Sandvreta kommun (fictional) lists its news two to a page, newest first, as bare links (no date, no
teaser: nothing marks them as the listing's entries). Between two crawls it publishes two articles
the listing shows at the end, on a new third page (a backdated batch, as a site that moves its
archive in does). With ``--revisit all`` every known article is asked at the start of the second
crawl; a listing page whose links are all such re-visits still lists them for the first time this
crawl, so paging goes on and the new articles are found.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import crawl_into, rows
from tests.strict_server import StrictServer, article

SUBJECTS = ("badplatsen", "cykelvägen", "biblioteket", "skolgården", "vattenverket", "torget")


def _path(i: int) -> str:
    return f"/nyheter/arkiv-{i}/"


def _title(i: int) -> str:
    return f"Sandvreta rustar {SUBJECTS[i]} inför sommaren, steg {i + 1}"


def _listing_page(items: list[int], page: int, last: int) -> str:
    links = "".join(f'<li><a href="{_path(i)}">{_title(i)}</a></li>' for i in items)
    pager = f'<a href="/nyheter/?page={page + 1}" rel="next">Nästa sida</a>' if page < last else ""
    return (
        f"<html><head><title>Nyheter, sida {page}</title></head><body><header><nav>"
        '<a href="/nyheter/">Nyheter</a> <a href="/kontakt/">Kontakt</a></nav></header>'
        f"<main><h1>Nyheter</h1><ul>{links}</ul><nav class='pager'>{pager}</nav></main></body></html>"
    )


def _publish(pages: dict, count: int) -> None:
    """The site with ``count`` articles, two a listing page, the newest (lowest number) first."""
    last = (count + 1) // 2
    for page in range(1, last + 1):
        items = list(range(2 * (page - 1), min(2 * page, count)))
        pages["/nyheter/" if page == 1 else f"/nyheter/?page={page}"] = _listing_page(items, page, last)
    for i in range(count):
        day = 20 - 3 * i
        pages[_path(i)] = article(_title(i), date=f"2026-03-{day:02d}", words=140)


def test_revisit_all_pages_through_a_listing_whose_new_items_are_on_page_three(tmp_path: Path) -> None:
    pages: dict = {
        "/": (
            "<html><head><title>Sandvreta kommun</title></head><body><header><nav>"
            '<a href="/nyheter/">Nyheter</a></nav></header><main><h1>Välkommen till Sandvreta</h1>'
            "<p>Kommunens service och nyheter.</p></main></body></html>"
        )
    }
    _publish(pages, 4)
    db = tmp_path / "a.db"
    with StrictServer(pages) as site:
        args = ("--url", site.origin + "/", "--name", "Sandvreta kommun")
        first = crawl_into(db, *args)
        assert first.returncode == 0, first.log[-3000:]
        assert len(rows(db, "select url from articles")) == 4, first.log[-3000:]
        _publish(pages, 6)  # two more, listed on a new page 3
        asked = len(site.requests)
        second = crawl_into(db, *args, "--revisit", "all")
        assert second.returncode == 0, second.log[-3000:]
        third_page = [p for p, _ in site.requests[asked:] if p == "/nyheter/?page=3"]
    stored = {r["url"].removeprefix(site.origin) for r in rows(db, "select url from articles")}
    assert stored == {_path(i) for i in range(6)}, second.log[-3000:]
    assert third_page == ["/nyheter/?page=3"]
    assert "adds no new links" not in second.log
