"""The bundled demo web: served over real HTTP on loopback, built deterministically, ground truth sound."""

from __future__ import annotations

import gzip
import html
import http.client
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scraper.demo import build
from scraper.demo.server import DEMO_ROOT, DemoWeb, SiteServer, load_expected
from tests.helpers import SITES

ASPVIK = SITES / "aspvik"
CP1252_PAGE = "/nyheter/nyheter/2026-02-24-biblioteket-utokar-oppettiderna.html"


class Fetched:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def text(self) -> str:
        charset = re.search(r"charset=([\w-]+)", self.headers.get("content-type", ""))
        return self.body.decode(charset.group(1) if charset else "utf-8")


def fetch(origin: str, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Fetched:
    parts = urlsplit(origin)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return Fetched(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def web():
    with DemoWeb() as demo:
        yield {s.id: s.homepage.rstrip("/") for s in demo.sites}


@pytest.fixture(scope="module")
def aspvik():
    with SiteServer(ASPVIK) as server:
        yield server.url


@pytest.fixture(scope="module")
def expected():
    return load_expected()


def visible_text(page: str) -> str:
    """Tags removed (inline ones without a gap), entities decoded, white space collapsed."""
    page = re.sub(r"</?(a|strong|em|b|i|span|time)\b[^>]*>", "", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def all_articles(expected):
    return [(site["id"], a) for site in expected["sites"] for a in site["articles"]]


def test_demo_web_has_three_sites_on_loopback(web):
    assert list(web) == ["hemlunda", "ekeby", "kestrelford"]
    assert all(origin.startswith("http://127.0.0.1:") for origin in web.values())


@pytest.mark.parametrize("site", ["hemlunda", "ekeby", "kestrelford"])
def test_homepage_is_served(web, site):
    resp = fetch(web[site], "/")
    assert resp.status == 200
    assert resp.headers["content-type"] == "text/html; charset=utf-8"
    assert "<html" in resp.text()


@pytest.mark.parametrize("site", ["hemlunda", "ekeby", "kestrelford"])
def test_robots_names_a_sitemap_on_the_served_origin(web, site):
    resp = fetch(web[site], "/robots.txt")
    assert resp.status == 200
    assert resp.headers["content-type"].startswith("text/plain")
    assert f"Sitemap: {web[site]}/" in resp.text()


def test_sitemap_index_points_to_a_gzipped_sitemap_with_the_origin(web):
    origin = web["hemlunda"]
    index = fetch(origin, "/sitemap.xml").text()
    assert "<sitemapindex" in index and f"{origin}/sitemap2.xml.gz" in index
    resp = fetch(origin, "/sitemap2.xml.gz")
    assert resp.status == 200
    assert resp.headers["content-type"] in ("application/gzip", "application/x-gzip")
    xml = gzip.decompress(resp.body).decode("utf-8")
    assert "<urlset" in xml and f"<loc>{origin}/nyheter/nyheter/" in xml
    assert "{{origin}}" not in xml


def test_windows_1252_page_is_declared_and_encoded_as_such(web):
    resp = fetch(web["hemlunda"], CP1252_PAGE)
    assert resp.status == 200
    assert resp.headers["content-type"] == "text/html; charset=windows-1252"
    assert b'<meta charset="windows-1252">' in resp.body
    with pytest.raises(UnicodeDecodeError):
        resp.body.decode("utf-8")
    text = resp.body.decode("cp1252")
    for char in "åäöé“”–":
        assert char in text


def test_old_url_redirects_permanently(web):
    resp = fetch(web["hemlunda"], "/nyheter/arkiv/upphandling-hemtjanstplanering.html")
    assert resp.status == 301
    assert resp.headers["location"] == (
        web["hemlunda"] + "/nyheter/nyheter/2024-11-28-upphandling-av-ny-hemtjanstplanering-klar.html"
    )


def test_wordpress_post_without_trailing_slash_redirects(web):
    resp = fetch(web["ekeby"], "/2026/06/05/sommarbiblioteket-oppnar-i-hamnen")
    assert resp.status == 301
    assert resp.headers["location"].endswith("/2026/06/05/sommarbiblioteket-oppnar-i-hamnen/")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/nyheter/nyheter/2026-07-01-sommaroppet-pa-fritidsgarden.html", 404),
        ("/nyheter/nyheter/2025-08-20-badplatsen-vid-norrsjon-stangd.html", 410),
        ("/nyheter/nyheter/2026-04-02-nya-regler-for-eldning.html", 500),
        ("/no/such/page.html", 404),
        ("/_site.json", 404),
    ],
)
def test_error_statuses(web, path, status):
    resp = fetch(web["hemlunda"], path)
    assert resp.status == status
    assert resp.headers["content-type"].startswith("text/html")


def test_broken_links_in_ground_truth_answer_their_status(web, expected):
    for site in expected["sites"]:
        for broken in site["broken"]:
            assert fetch(web[site["id"]], broken["path"]).status == broken["status"]


def test_calendar_trap_answers_any_month(web):
    text = fetch(web["hemlunda"], "/evenemang/kalender.html?manad=2043-12").text()
    assert "Evenemangskalender december 2043" in text
    assert "manad=2044-01" in text and "manad=2043-11" in text
    assert "{{" not in text


def test_calendar_without_month_shows_the_default_month(web):
    assert "mars 2026" in fetch(web["hemlunda"], "/evenemang/kalender.html").text()


def test_conditional_get_answers_304(web):
    origin = web["hemlunda"]
    first = fetch(origin, "/nyheter.html")
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    again = fetch(origin, "/nyheter.html", {"If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    assert fetch(origin, "/nyheter.html", {"If-Modified-Since": last_modified}).status == 304
    assert fetch(origin, "/nyheter.html", {"If-None-Match": '"other"'}).status == 200


def test_head_has_headers_and_no_body(web):
    resp = fetch(web["kestrelford"], "/news", method="HEAD")
    assert resp.status == 200 and resp.body == b""
    assert int(resp.headers["content-length"]) > 0


def test_tracking_parameters_are_ignored(web):
    origin = web["hemlunda"]
    path = "/nyheter/nyheter/2025-03-19-matsvinnet-i-skolorna-har-minskat.html"
    tracked = fetch(origin, path + "?utm_source=nyhetsbrev&utm_medium=email")
    assert tracked.status == 200 and tracked.body == fetch(origin, path).body


@pytest.mark.parametrize(
    ("site", "page1", "page2"),
    [
        ("hemlunda", "/nyheter.html", "/nyheter.html?sv.12.4b1f2e3a17e5f1c2d3.page=2"),
        ("ekeby", "/nyheter/", "/nyheter/page/2/"),
        ("kestrelford", "/news", "/news?page=2"),
    ],
)
def test_listing_pagination_serves_different_pages(web, site, page1, page2):
    first, second = fetch(web[site], page1), fetch(web[site], page2)
    assert first.status == second.status == 200
    assert first.body != second.body


@pytest.mark.parametrize(
    ("site", "path", "ctype"),
    [
        ("hemlunda", "/rss/nyheter.xml", "application/rss+xml"),
        ("ekeby", "/feed/", "application/rss+xml"),
        ("kestrelford", "/news.atom", "application/atom+xml"),
    ],
)
def test_feeds_have_feed_content_types_and_absolute_links(web, site, path, ctype):
    resp = fetch(web[site], path)
    assert resp.status == 200 and resp.headers["content-type"].startswith(ctype)
    assert web[site] + "/" in resp.text() and "{{origin}}" not in resp.text()


def test_every_expected_article_is_served_and_contains_its_sentences(web, expected):
    for site_id, article in all_articles(expected):
        resp = fetch(web[site_id], article["path"])
        assert resp.status == 200, article["path"]
        text = visible_text(resp.text())
        assert article["title"] in text
        for sentence in article["must_contain"]:
            assert sentence in text, (article["path"], sentence)
        # must_not_contain are real traps: the chrome text IS on the page, outside the article.
        for chrome in article["must_not_contain"]:
            assert chrome in text, (article["path"], chrome)


def test_every_non_news_path_is_served(web, expected):
    for site in expected["sites"]:
        for path in site["non_news"]:
            assert fetch(web[site["id"]], path).status == 200, (site["id"], path)


def test_held_out_site_is_served_from_its_directory(aspvik):
    truth = load_expected(ASPVIK / "expected.json")["sites"][0]
    assert truth["id"] == "aspvik" and len(truth["articles"]) >= 8
    assert fetch(aspvik, "/robots.txt").status == 200
    assert fetch(aspvik, "/expected.json").status == 404
    for article in truth["articles"]:
        assert fetch(aspvik, article["path"]).status == 200
    for path in truth["non_news"]:
        assert fetch(aspvik, path).status == 200


# -- ground truth ------------------------------------------------------------------------


def test_expected_has_enough_articles_with_quotes_and_contacts(expected):
    articles = [a for _, a in all_articles(expected)]
    assert len(articles) >= 33
    assert sum(1 for a in articles if a["quotes"]) >= 0.75 * len(articles)
    assert sum(1 for a in articles if a["contacts"]) >= 0.9 * len(articles)
    assert any(not a["quotes"] for a in articles)  # some articles quote nobody


def test_expected_fields_are_well_formed(expected):
    for site in expected["sites"]:
        assert {"id", "name", "country", "language", "articles", "non_news", "broken"} <= set(site)
        for a in site["articles"]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["published"]) and a["published"] < "2026-11-26"
            assert a["updated"] is None or a["published"] < a["updated"] < "2026-11-26"
            assert len(a["must_contain"]) >= 1 and a["must_not_contain"]
            for q in a["quotes"]:
                assert q["text"] and q["speaker"] and q["text"][0] not in '–−—"”“'
            for c in a["contacts"]:
                assert c["phone"] is None or re.fullmatch(r"\+\d{8,15}", c["phone"])
                assert c["email"] is None or c["email"] == c["email"].lower()
        paths = [a["path"] for a in site["articles"]]
        assert len(set(paths)) == len(paths) and not set(paths) & set(site["non_news"])


def test_expected_published_dates_spread_over_three_years(expected):
    years = {a["published"][:4] for _, a in all_articles(expected)}
    assert {"2024", "2025", "2026"} <= years


# -- build -------------------------------------------------------------------------------


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_is_deterministic_and_matches_the_committed_files(tmp_path):
    build.build(tmp_path / "demo", tmp_path / "tests-sites")
    assert tree(tmp_path / "demo" / "sites") == tree(DEMO_ROOT / "sites")
    assert (tmp_path / "demo" / "expected.json").read_bytes() == (DEMO_ROOT / "expected.json").read_bytes()
    assert tree(tmp_path / "tests-sites" / "aspvik") == tree(ASPVIK)
