"""End to end, over loopback with the real CLI: a second crawl costs far less than the first (issue 4).

A copy of a demo site is served by SiteServer on a fixed free port (the port is part of every URL)
and crawled twice into one archive. The second crawl of the unchanged site must ask only
conditionally — every answer a 304, no body downloaded again — and store nothing new. Then a new
article is added to the copy's news listing: the listing is fetched again and the article found,
while everything else still answers 304. ``--revisit all`` still re-checks every known article.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scraper.demo.server import SiteServer
from tests.helpers import Crawl, copy_site, crawl_into, free_port, rows

SITES = {"hemlunda": "Hemlunda kommun", "ekeby": "Ekeby kommun"}
# Everything a crawl stores about articles: a crawl of an unchanged site must leave it as it was.
STORED = ("articles", "quotes", "contacts", "people", "person_roles", "revisions", "captures")

LISTING = "nyheter.html"
TEMPLATE = "nyheter/nyheter/2026-10-14-nytt-vattenverk-i-hemlunda-tas-i-drift.html"
OLD_TITLE = "Nytt vattenverk i Hemlunda tas i drift"
NEW_PATH = "/nyheter/nyheter/2026-11-20-ny-cykelvag-till-skolan.html"
NEW_TITLE = "Ny cykelväg till skolan"
PAGE_2 = "/nyheter.html?sv.12.4b1f2e3a17e5f1c2d3.page=2"
PAGE_3 = "/nyheter.html?sv.12.4b1f2e3a17e5f1c2d3.page=3"


def snapshot(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in (*STORED, "pages")}
    finally:
        conn.close()


def stat(log: str, key: str) -> int:
    m = re.search(rf"'muninews/{re.escape(key)}': (\d+)", log)
    return int(m.group(1)) if m else 0


@dataclass
class Twice:
    site: str
    db: Path
    root: Path
    port: int
    first: Crawl
    second: Crawl
    first_requests: list[tuple[str, int]]
    second_requests: list[tuple[str, int]]
    before: dict[str, list[tuple]]
    after: dict[str, list[tuple]]

    @property
    def after_db(self) -> Path:
        return self.db.parent / "after-second.db"

    def crawl(self, *args: str) -> Crawl:
        return crawl_into(
            self.db, "--url", f"http://127.0.0.1:{self.port}/", "--name", SITES[self.site], *args
        )


@pytest.fixture(scope="module", params=sorted(SITES))
def twice(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Twice]:
    site = request.param
    tmp = tmp_path_factory.mktemp(f"incremental-{site}")
    root = copy_site(tmp, site)
    port = free_port()
    state = Twice(site, tmp / "archive.db", root, port, None, None, [], [], {}, {})  # type: ignore[arg-type]
    with SiteServer(root, port=port) as server:
        state.first = state.crawl()
        state.first_requests = list(server.requests)
        assert state.first.returncode == 0, state.first.log[-3000:]
        state.before = snapshot(state.db)
        state.second = state.crawl()
        state.second_requests = server.requests[len(state.first_requests) :]
        assert state.second.returncode == 0, state.second.log[-3000:]
        state.after = snapshot(state.db)
    # The archive as the second crawl left it, for the tests that read it (later crawls change it).
    source, copy = sqlite3.connect(state.db), sqlite3.connect(tmp / "after-second.db")
    source.backup(copy)
    source.close()
    copy.close()
    yield state


def test_first_crawl_stores_articles_and_pages(twice: Twice) -> None:
    assert len(twice.before["articles"]) >= 10
    kinds = {r["kind"] for r in rows(twice.after_db, "SELECT kind FROM pages")}
    assert {"robots", "home", "sitemap", "feed", "listing"} <= kinds


def test_second_crawl_gets_304_for_every_page_it_asks_again(twice: Twice) -> None:
    assert twice.second_requests, "the second crawl must still look for new articles"
    assert {status for _target, status in twice.second_requests} == {304}, twice.second_requests
    first_asked = {target for target, _status in twice.first_requests}
    assert {target for target, _status in twice.second_requests} <= first_asked


def test_second_crawl_downloads_no_body(twice: Twice) -> None:
    assert not [t for t, s in twice.second_requests if s == 200]
    # Only the hubs are asked again (home, sitemaps, feeds, listings), never an archived article.
    # (The first crawl no longer spends a 301 on every article, so the bound is against its pages.)
    assert len(twice.second_requests) <= len(twice.first_requests) / 2
    stored = {r["url"].split(f":{twice.port}", 1)[1] for r in rows(twice.db, "SELECT url FROM articles")}
    assert not [t for t, _s in twice.second_requests if t in stored]


def test_second_crawl_stores_nothing_new(twice: Twice) -> None:
    for table in STORED:
        assert twice.after[table] == twice.before[table], table
    urls = lambda snap: {r[0] for r in snap["pages"]}  # noqa: E731
    assert urls(twice.after) == urls(twice.before)
    assert "muninews/article/new" not in twice.second.log


def test_second_crawl_follows_stored_links(twice: Twice) -> None:
    log = twice.second.log
    assert stat(log, "page/not_modified") == len(twice.second_requests)
    assert stat(log, "robots/cached") == 1  # robots.txt from a minute ago is used as cached (RFC 9309)
    assert stat(log, "listing/stopped_all_known") >= 1
    assert stat(log, "article/not_due") >= len(twice.before["articles"]) // 2
    summary = rows(twice.after_db, "SELECT status, articles_unchanged FROM crawls ORDER BY id DESC LIMIT 1")[
        0
    ]
    assert summary["status"] == "ok" and summary["articles_unchanged"] > 0


def test_pages_table_keeps_validators_and_links(twice: Twice) -> None:
    listing = rows(
        twice.after_db, "SELECT * FROM pages WHERE kind = 'listing' AND last_status = 304 ORDER BY url"
    )[0]
    assert listing["etag"] and listing["last_modified"] and listing["payload_sha256"]
    assert listing["last_fetched"] >= listing["first_fetched"]
    links = json.loads(listing["links"])
    assert listing["link_count"] == len(links)
    assert any(link["kind"] == "candidate" for link in links)
    robots = rows(twice.after_db, "SELECT content FROM pages WHERE kind = 'robots'")[0]
    assert "Sitemap:" in robots["content"]


def test_remembered_redirects_are_not_asked_again(twice: Twice) -> None:
    redirects = rows(twice.after_db, "SELECT url, links FROM pages WHERE kind = 'redirect'")
    if twice.site == "ekeby":  # WordPress: /nyheter -> 301 /nyheter/
        assert redirects
    assert not [t for t, s in twice.second_requests if s in (301, 308)]


def test_unchanged_listing_is_not_paged(twice: Twice) -> None:
    asked = {target for target, _status in twice.second_requests}
    assert not [t for t in asked if "page=2" in t or "/page/2" in t]


# -- a new article on the listing -----------------------------------------------------------------


def add_article(root: Path) -> None:
    template = (root / TEMPLATE).read_text(encoding="utf-8")
    new = root / NEW_PATH.lstrip("/")
    new.write_text(
        template.replace(OLD_TITLE, NEW_TITLE).replace("Publicerad 2026-10-14", "Publicerad 2026-11-20"),
        encoding="utf-8",
    )
    listing = root / LISTING
    html = listing.read_text(encoding="utf-8")
    entry = (
        '<li class="sv-channel-item">\n'
        f'<a href="{NEW_PATH}"><h2 class="heading sv-font-rubrik-lista">{NEW_TITLE}</h2></a>\n'
        '<p class="sv-font-datum"><time datetime="2026-11-20">2026-11-20</time></p>\n'
        '<p class="normal">Den nya cykelvägen mellan centrum och Åsgårdsskolan är klar.</p>\n'
        "</li>\n"
    )
    marker = '<ul class="sv-archive-list">\n'
    assert marker in html
    listing.write_text(html.replace(marker, marker + entry, 1), encoding="utf-8")


# The new article is written for the SiteVision-style demo site.
ON_HEMLUNDA = pytest.mark.parametrize("twice", ["hemlunda"], indirect=True)


@pytest.fixture(scope="module")
def changed(twice: Twice) -> Iterator[tuple[Twice, Crawl, list[tuple[str, int]]]]:
    assert twice.site == "hemlunda"  # the new article is written for the SiteVision-style site
    add_article(twice.root)
    with SiteServer(twice.root, port=twice.port) as server:  # a fresh server reads the changed files
        third = twice.crawl()
        requests = server.requests
    assert third.returncode == 0, third.log[-3000:]
    yield twice, third, requests


@ON_HEMLUNDA
def test_changed_listing_is_fetched_again(changed) -> None:
    _twice, _third, requests = changed
    assert ("/" + LISTING, 200) in requests


@ON_HEMLUNDA
def test_new_article_is_found(changed) -> None:
    twice, third, requests = changed
    assert (NEW_PATH, 200) in requests
    found = rows(twice.db, "SELECT title, published FROM articles WHERE url LIKE ?", f"%{NEW_PATH}")
    assert [(r["title"], r["published"]) for r in found] == [(NEW_TITLE, "2026-11-20")]
    assert stat(third.log, "article/new") == 1


@ON_HEMLUNDA
def test_only_what_changed_is_downloaded(changed) -> None:
    _twice, _third, requests = changed
    assert sorted(t for t, s in requests if s == 200) == sorted(["/" + LISTING, NEW_PATH])
    assert {s for t, s in requests} == {200, 304}
    # Page 1 lists a new article, so the pages it links (2 and 3) are asked: unchanged, 304, and
    # adding nothing new, so paging stops there.
    assert (PAGE_2, 304) in requests and (PAGE_3, 304) in requests
    log = changed[1].log
    assert stat(log, "listing/stopped_all_known") + stat(log, "listing/stopped_no_new_links") >= 1


@ON_HEMLUNDA
def test_revisit_all_still_rechecks_every_known_article(changed) -> None:
    twice, _third, _requests = changed
    known = {r["url"].split(f":{twice.port}", 1)[1] for r in rows(twice.db, "SELECT url FROM articles")}
    with SiteServer(twice.root, port=twice.port) as server:
        again = twice.crawl("--revisit", "all", "-s", "MUNINEWS_ROBOTS_MAX_AGE_HOURS=0")
        requests = server.requests
    assert again.returncode == 0, again.log[-3000:]
    answered = {t: s for t, s in requests}
    assert known <= set(answered)
    assert {answered[t] for t in known} == {304}
    assert ("/robots.txt", 304) in requests  # asked again when the cache is off, conditionally
    assert PAGE_2 in answered and PAGE_3 in answered  # --revisit all pages through the whole listing
    assert stat(again.log, "listing/stopped_all_known") == 0
    assert not [t for t, s in requests if s == 200]
