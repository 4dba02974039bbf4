"""Real crawls of strict loopback sites (tests/strict_server.py): each case of issue 9 in turn.

A strict server answers only the paths it serves; the other slash form of a path is a 404, as on
many Episerver, IIS, Django and Next.js sites.
"""

from __future__ import annotations

import re
import time
import urllib.request
from email.utils import formatdate

from tests.helpers import Crawl, crawl_into
from tests.strict_server import HTML, StrictServer, article, home, listing

NAME = "Strikta kommun"


def crawl(server: StrictServer, tmp_path, *args: str, status: int = 0) -> Crawl:
    """``status``: the exit status expected (3 when the municipality's crawl is failing)."""
    result = crawl_into(tmp_path / "a.db", "--url", server.origin + "/", "--name", NAME, *args)
    assert result.returncode == status, result.log[-3000:]
    return result


def articles(result: Crawl) -> list[dict]:
    return [dict(r) for r in result.rows("select url, canonical_url, title, body from articles")]


def path(url: str) -> str:
    """``http://127.0.0.1:PORT/a/b/`` → ``/a/b/``."""
    return "/" + url.split("/", 3)[3]


def stat(result: Crawl, key: str) -> int:
    m = re.search(rf"'muninews/{re.escape(key)}': (\d+)", result.log)
    return int(m.group(1)) if m else 0


def test_strict_trailing_slash_and_relative_links_on_a_slash_listing(tmp_path) -> None:
    pages = {
        "/": home("/nyheter/"),
        # Relative links: on /nyheter/ they resolve under /nyheter/; on /nyheter they would not.
        "/nyheter/": listing(["2024-11-05-ny-cykelvag/", "vinterns-snorojning.html", "/nyheter/bibliotek/"]),
        "/nyheter/2024-11-05-ny-cykelvag/": article("Ny cykelväg till skolan"),
        "/nyheter/vinterns-snorojning.html": article("Så plogas vägarna i vinter"),
        "/nyheter/bibliotek/": article("Biblioteket får längre öppettider"),
    }
    with StrictServer(pages) as server:
        result = crawl(server, tmp_path)
        stored = articles(result)
        assert sorted(path(a["url"]) for a in stored) == sorted(
            p for p in pages if p.count("/") > 2 or p.endswith(".html")
        )
        for a in stored:  # the stored url is the one that served the page: it answers 200
            with urllib.request.urlopen(a["url"]) as answer:
                assert answer.status == 200
        assert not [p for p, status in server.requests if status == 404 and p.startswith("/nyheter")]
    # The key is the canonical form (no trailing slash), kept in its own column.
    assert {path(a["canonical_url"]) for a in stored} >= {
        "/nyheter/2024-11-05-ny-cykelvag",
        "/nyheter/bibliotek",
    }


def test_canonical_pointing_at_the_listing_is_ignored(tmp_path) -> None:
    head = '<link rel="canonical" href="{{origin}}/nyheter/">'
    slugs = [f"/nyheter/nyhet-{i}/" for i in range(4)]
    pages = {"/": home(), "/nyheter/": listing(slugs)}
    pages |= {s: article(f"Nyhet {i} om vägarbete", head=head) for i, s in enumerate(slugs)}
    with StrictServer(pages) as server:
        result = crawl(server, tmp_path)
    stored = articles(result)
    assert sorted(path(a["url"]) for a in stored) == sorted(slugs)
    assert not [a for a in stored if path(a["canonical_url"]).rstrip("/") == "/nyheter"]
    assert stat(result, "canonical/ignored") == 4


def test_canonical_loop_is_stored_once(tmp_path) -> None:
    def page(other: str) -> str:
        return article("Samma nyhet två gånger", head=f'<link rel="canonical" href="{{{{origin}}}}{other}">')

    pages = {
        "/": home(),
        "/nyheter/": listing(["/nyheter/a/", "/nyheter/b/"]),
        "/nyheter/a/": page("/nyheter/b/"),
        "/nyheter/b/": page("/nyheter/a/"),
    }
    with StrictServer(pages) as server:
        result = crawl(server, tmp_path)
    assert len(articles(result)) == 1
    assert stat(result, "canonical/loop") == 1


def test_session_ids_in_the_path(tmp_path) -> None:
    """Every answer mints a new ;jsessionid= into its links, as a servlet container without cookies."""
    minted = iter(range(10**6))

    def with_session(body_of):
        def answer(count: int, origin: str):
            sid = f"{next(minted):08X}A1B2C3D4"
            return 200, HTML, re.sub(r'href="(/[^"]*)"', rf'href="\1;jsessionid={sid}"', body_of())

        return answer

    slugs = [f"/nyheter/nyhet-{i}" for i in range(5)]
    pages = {"/": with_session(home), "/nyheter/": with_session(lambda: listing([*slugs, "/nyheter/"]))}
    for i, s in enumerate(slugs):
        pages[s] = with_session(lambda i=i: article(f"Nyhet {i}", head="") + '<a href="/nyheter/">Alla</a>')

    def drop_session(p: str) -> str:
        return re.sub(r";jsessionid=[^/?#]*", "", p)

    with StrictServer(pages, path_filter=drop_session) as server:
        result = crawl(server, tmp_path)
        asked = len(server.requests)
    stored = articles(result)
    assert sorted(path(a["url"]) for a in stored) == sorted(slugs)
    assert not [a for a in stored if "jsessionid" in a["url"] + a["canonical_url"]]
    assert asked <= 2 * (len(slugs) + 4)


def test_short_dated_notice_is_an_article(tmp_path) -> None:
    notice = (
        "<html><head><title>Vannavstengning</title></head><body><main><article>"
        "<h1>Vannet stenges i Storgata tirsdag</h1>"
        '<p>Publisert <time datetime="2026-02-03">3. februar 2026</time></p>'
        "<p>Tirsdag 4. februar stenges vannet i Storgata mellom klokken ni og tolv på grunn av arbeid.</p>"
        "<p>Beboerne bes tappe vann på forhånd. Vi beklager ulempene dette medfører.</p>"
        "</article></main></body></html>"
    )
    words = len(re.sub(r"<[^>]+>", " ", notice.split("<p>", 2)[2]).split())
    assert 25 <= words <= 35
    pages = {"/": home("/nyheter/"), "/nyheter/": listing(["/nyheter/vann/"]), "/nyheter/vann/": notice}
    with StrictServer(pages) as server:
        result = crawl(server, tmp_path)
    assert [a["title"] for a in articles(result)] == ["Vannet stenges i Storgata tirsdag"]


def test_retry_after_429_at_polite_speed_loses_nothing(tmp_path) -> None:
    slugs = [f"/nyheter/nyhet-{i}/" for i in range(4)]

    def limited(body: str, http_date: bool = False):
        def answer(count: int, origin: str):
            if count == 0:
                wait = formatdate(time.time() + 1, usegmt=True) if http_date else "1"
                return 429, {"Retry-After": wait, "Content-Type": "text/plain"}, "slow down"
            return 200, HTML, body

        return answer

    pages = {"/": limited(home()), "/nyheter/": limited(listing(slugs), http_date=True)}
    pages |= {s: limited(article(f"Nyhet {i}")) for i, s in enumerate(slugs)}
    polite = (
        "-s",
        "MUNINEWS_FAST_LOOPBACK=False",
        "-s",
        "DOWNLOAD_DELAY=0.2",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
    )
    with StrictServer(pages) as server:
        result = crawl(server, tmp_path, *polite)
        answered = [p for p, status in server.requests if status == 429]
    assert sorted(path(a["url"]) for a in articles(result)) == sorted(slugs)
    assert len(answered) == len(pages)
    assert stat(result, "retry_after/waited") == len(pages)


def test_robots_503_means_the_site_is_not_crawled(tmp_path) -> None:
    pages = {
        "/robots.txt": (503, {"Content-Type": "text/plain"}, "busy"),
        "/": home(),
        "/nyheter/": listing(["/nyheter/a/"]),
        "/nyheter/a/": article("En nyhet"),
    }
    with StrictServer(pages) as server:
        result = crawl(server, tmp_path, status=3)
        asked = {p for p, _ in server.requests}
    assert asked == {"/robots.txt"}
    assert articles(result) == []
    status, note = result.rows("select status, note from crawls")[0]
    assert status == "failing" and "robots.txt answered HTTP 503" in note
    assert "robots.txt answered HTTP 503" in result.log


def test_robots_404_means_allow_all(tmp_path) -> None:
    pages = {"/": home(), "/nyheter/": listing(["/nyheter/a/"]), "/nyheter/a/": article("En nyhet")}
    with StrictServer(pages) as server:
        result = crawl(server, tmp_path)
    assert len(articles(result)) == 1


def test_twelve_hop_redirect_is_stored(tmp_path) -> None:
    pages = {"/": home(), "/nyheter/": listing(["/nyheter/r0"])}
    for i in range(12):
        target = f"/nyheter/r{i + 1}" if i < 11 else "/nyheter/2026-01-12-slutet.html"
        pages[f"/nyheter/r{i}"] = (302, {"Location": target}, "")
    pages["/nyheter/2026-01-12-slutet.html"] = article("Vägen är äntligen klar")
    with StrictServer(pages) as server:
        result = crawl(server, tmp_path)
    stored = articles(result)
    assert [path(a["url"]) for a in stored] == ["/nyheter/2026-01-12-slutet.html"]
    assert stat(result, "redirect/hops") == 12


def test_listed_but_lost_articles_get_a_note(tmp_path) -> None:
    slugs = [f"/nyheter/nyhet-{i}/" for i in range(6)]
    pages = {"/": home(), "/nyheter/": listing(slugs), slugs[0]: article("Den enda som finns")}
    with StrictServer(pages) as server:
        result = crawl(server, tmp_path)
    note = result.rows("select note from crawls")[0][0]
    assert "5 of 6 listed entries fetched but not stored" in note
    assert "5 of 6 candidate pages answered 404/410" in note
    assert "note: 5 of 6 listed entries" in result.log


def test_robots_timeout_means_the_site_is_not_crawled(tmp_path) -> None:
    def slow(count: int, origin: str):
        time.sleep(2.5)
        return 200, {"Content-Type": "text/plain"}, "User-agent: *\nAllow: /\n"

    pages = {
        "/robots.txt": slow,
        "/": home(),
        "/nyheter/": listing(["/nyheter/a/"]),
        "/nyheter/a/": article("En nyhet"),
    }
    with StrictServer(pages) as server:
        result = crawl(server, tmp_path, "-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=0", status=3)
        asked = {p for p, _ in server.requests}
    assert asked <= {"/robots.txt"}
    assert articles(result) == []
    status, note = result.rows("select status, note from crawls")[0]
    assert status == "failing" and "robots.txt unreachable (timed out)" in note
