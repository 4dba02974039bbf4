"""A kommun with a Mynewsdesk-like press room on another loopback host and PDF releases on its listing:
one real crawl over strict servers (404 for every path they do not serve).

The press room's copy of a site release is one article with two URLs; a press-only release is an
article with ``source = 'mynewsdesk'``; a weekly notice with the site's headline but another week's
text stays its own article; the PDF release is stored (captured, quote and contact extracted), the
PDF agenda is not.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from scraper.demo.sitegen.pdf import write_pdf
from tests.helpers import Crawl, crawl_into
from tests.strict_server import StrictServer

pytestmark = pytest.mark.e2e
NAME = "Ekbacka kommun"
NEWSROOM = "/se/ekbacka_kommun"
FEED = "/se/rss/source/4711/pressrelease"
PDF = {"Content-Type": "application/pdf"}
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}

SIMHALL = [
    "Kommunfullmäktige i Ekbacka beslutade i måndags att bygga en ny simhall vid Strandvägen. Bygget "
    "börjar i april och hallen ska vara klar att ta i bruk till sommaren 2028.",
    "Den nya hallen får en tävlingsbassäng på 25 meter, en undervisningsbassäng och ett litet gym. Den "
    "gamla simhallen från 1971 rivs när den nya har öppnat för allmänheten.",
    "– Det här är en stor dag för alla som simmar i Ekbacka, säger Lovisa Brandt, ordförande i kultur- och "
    "fritidsnämnden.",
]


def notice(street: str, other: str, days: str) -> list[str]:
    return [
        f"Arbetet med vatten och avlopp fortsätter på {street}. Mellan {other} och torget är {street} "
        f"avstängd för biltrafik {days}, och gång- och cykeltrafik leds förbi via {other}.",
        f"Busslinje 4 stannar vid tillfälliga hållplatser på {other}. Arbetet pågår {days} mellan klockan "
        "sju och sexton. Vi ber om överseende med störningarna.",
    ]


def page(title: str, date: str, paragraphs: list[str], extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><main><article><h1>{title}</h1>"
        f'<p>Publicerad <time datetime="{date}">{date}</time></p>{body}{extra}</article></main></body></html>'
    )


def site_pages(press_origin: str) -> dict:
    entries = [
        ("/nyheter/ny-simhall-vid-strandvagen/", "Ny simhall byggs vid Strandvägen", "2026-03-10"),
        ("/nyheter/vagarbeten-vecka-11/", "Vägarbeten i centrum", "2026-03-09"),
    ]
    items = "".join(
        f'<li><a href="{href}">{title}</a> <time datetime="{date}">{date}</time></li>'
        for href, title, date in entries
    )
    files = (
        '<p><a href="/nyheter/pressmeddelande-biblioteket.pdf">Pressmeddelande om biblioteket (pdf)</a></p>'
        '<p><a href="/nyheter/dagordning-kommunstyrelsen.pdf">Dagordning kommunstyrelsen (pdf)</a></p>'
    )
    return {
        "/": (
            '<html><head><title>Ekbacka kommun</title></head><body><header><nav><a href="/nyheter/">Nyheter</a>'
            "</nav></header><main><h1>Välkommen till Ekbacka</h1><p>Kommunens service.</p></main><footer>"
            f'<a href="{press_origin}{NEWSROOM}">Pressrum</a></footer></body></html>'
        ),
        "/nyheter/": f"<html><head><title>Nyheter</title></head><body><main><h1>Nyheter</h1><ul>{items}</ul>{files}"
        "</main></body></html>",
        entries[0][0]: page(entries[0][1], entries[0][2], SIMHALL),
        entries[1][0]: page(
            entries[1][1], entries[1][2], notice("Kvarngatan", "Skolgatan", "måndag till onsdag")
        ),
        "/nyheter/pressmeddelande-biblioteket.pdf": (200, PDF, write_pdf(LIBRARY_PDF)),
        "/nyheter/dagordning-kommunstyrelsen.pdf": (200, PDF, write_pdf(AGENDA_PDF)),
    }


LIBRARY_PDF = [
    "Pressmeddelande 2026-03-05",
    "Biblioteket i Ekbacka får längre öppettider",
    "Från den första april har huvudbiblioteket i Ekbacka öppet till klockan tjugo alla vardagar, och på "
    "lördagar mellan tio och fyra. Det är två timmar mer i veckan än i dag.",
    "Kultur- och fritidsnämnden beslutade om de nya tiderna efter en enkät där fler än tusen låntagare "
    "svarade att de helst vill besöka biblioteket efter arbetsdagen.",
    "– Biblioteket ska vara öppet när invånarna har tid, säger Jonas Alm, bibliotekschef i Ekbacka.",
    "Kontakt",
    "Jonas Alm, bibliotekschef",
    "jonas.alm@ekbacka.se",
]
AGENDA_PDF = [
    "Kallelse och dagordning",
    "Kommunstyrelsen sammanträder 2026-03-17 klockan 13.00 i Stora salen.",
    "1. Val av justerare",
    "2. Godkännande av dagordningen",
    "3. Budgetuppföljning efter februari",
]

RELEASES = {
    "/se/ekbacka_kommun/pressreleases/ny-simhall-byggs-vid-strandvaegen-3001": (
        "Ny simhall byggs vid Strandvägen",
        "2026-03-11",
        [*SIMHALL, "Om Ekbacka kommun: Ekbacka är en växande kommun med 24 000 invånare vid sjön Lommen."],
    ),
    "/se/ekbacka_kommun/pressreleases/kulturpriset-2026-till-tre-koerer-3002": (
        "Kulturpriset 2026 till tre körer",
        "2026-03-06",
        [
            "Ekbacka kommuns kulturpris går i år till tre körer som tillsammans har sjungit i kommunen i mer "
            "än hundra år. Priset delas ut vid nationaldagsfirandet i Stadsparken.",
            "– Körerna samlar generationer och gör musik tillgänglig för alla, säger Lovisa Brandt, "
            "ordförande i kultur- och fritidsnämnden.",
        ],
    ),
    "/se/ekbacka_kommun/pressreleases/vaegarbeten-i-centrum-3003": (
        "Vägarbeten i centrum",
        "2026-03-09",
        notice("Brogatan", "Parkvägen", "torsdag och fredag"),
    ),
}


def press_pages() -> dict:
    items = "".join(
        f"<item><title>{title}</title><link>{{{{origin}}}}{path}</link><pubDate>{date}</pubDate></item>"
        for path, (title, date, _body) in RELEASES.items()
    )
    newsroom = (
        '<html><head><title>Ekbacka kommun - Mynewsdesk</title><link rel="alternate" '
        f'type="application/rss+xml" href="{FEED}"></head><body><main><h1>Ekbacka kommun</h1><ul>'
        + "".join(f'<li><a href="{path}">{title}</a></li>' for path, (title, _d, _b) in RELEASES.items())
        + "</ul></main></body></html>"
    )
    pages: dict = {
        NEWSROOM: newsroom,
        FEED: (200, RSS, f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'),
    }
    for path, (title, date, body) in RELEASES.items():
        pages[path] = page(title, date, body, "<p>Ämnen: Kultur, Fritid</p>")
    return pages


@contextmanager
def press_web() -> Iterator[tuple[StrictServer, StrictServer, tuple[str, ...]]]:
    """The kommun's site and its press room served, with the crawl arguments that point at them."""
    with (
        StrictServer(press_pages(), host="127.0.0.2") as press,
        StrictServer(site_pages(press.origin)) as site,
    ):
        host = press.origin.removeprefix("http://")
        hosts = f"MUNINEWS_PRESS_ROOM_HOSTS={host}=mynewsdesk"
        yield site, press, ("--url", site.origin + "/", "--name", NAME, "-s", hosts)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> tuple[Crawl, StrictServer, StrictServer]:
    tmp = tmp_path_factory.mktemp("press")
    with press_web() as (site, press, args):
        result = crawl_into(tmp / "a.db", *args)
    assert result.returncode == 0, result.log[-3000:]
    return result, site, press


def test_the_site_release_and_its_press_room_copy_are_one_article_with_both_urls(crawl):
    result, site, press = crawl
    rows = result.rows(
        "select id, url, source from articles where title = 'Ny simhall byggs vid Strandvägen'"
    )
    # Whichever copy the crawl stored first, the article is the kommun's own page...
    assert [(r["url"], r["source"]) for r in rows] == [
        (site.origin + "/nyheter/ny-simhall-vid-strandvagen/", "site")
    ]
    # ...and the press room's copy is its other URL.
    other = result.rows("select url, source from article_urls where article_id = ?", rows[0]["id"])
    assert [(r["url"], r["source"]) for r in other] == [
        (
            press.origin + "/se/ekbacka_kommun/pressreleases/ny-simhall-byggs-vid-strandvaegen-3001",
            "mynewsdesk",
        )
    ]


def test_a_press_only_release_is_an_article_of_the_kommun_from_its_press_room(crawl):
    result, _site, press = crawl
    (row,) = result.rows("select * from articles where title = 'Kulturpriset 2026 till tre körer'")
    assert row["source"] == "mynewsdesk" and row["url"].startswith(press.origin)
    assert row["municipality_id"] == "ekbacka-kommun"
    assert row["quote_count"] == 1 and row["capture_id"] is not None


def test_the_weekly_notice_with_the_same_headline_stays_two_articles(crawl):
    result, _site, _press = crawl
    rows = result.rows("select source from articles where title = 'Vägarbeten i centrum' order by source")
    assert [r["source"] for r in rows] == ["mynewsdesk", "site"]


def test_the_pdf_release_is_stored_and_captured_and_the_agenda_is_not(crawl):
    result, site, _press = crawl
    (row,) = result.rows("select * from articles where url like '%.pdf'")
    assert row["url"] == site.origin + "/nyheter/pressmeddelande-biblioteket.pdf"
    assert row["title"] == "Biblioteket i Ekbacka får längre öppettider"
    assert row["published"] == "2026-03-05" and row["source"] == "site"
    assert [
        r["speaker"] for r in result.rows("select speaker from quotes where article_id = ?", row["id"])
    ] == ["Jonas Alm"]
    assert [
        r["email"] for r in result.rows("select email from contacts where article_id = ?", row["id"])
    ] == ["jonas.alm@ekbacka.se"]
    (capture,) = result.rows("select * from captures where id = ?", row["capture_id"])
    assert capture["content_type"] == "application/pdf"
    assert ("/nyheter/dagordning-kommunstyrelsen.pdf", 200) in site.requests  # fetched, judged, refused
    assert result.rows("select count(*) from articles")[0][0] == 5
    assert "not a press release (agenda)" in result.log


def test_the_press_room_is_asked_only_for_what_it_serves(crawl):
    _result, _site, press = crawl
    assert [path for path, status in press.requests if status == 404] == ["/robots.txt"]


def test_reextract_reads_the_pdf_capture_as_the_crawl_did(crawl):
    from scraper.tools.reextract import reextract

    result, _site, _press = crawl
    report = reextract(result.db)
    assert (report.articles, report.empty, report.failed, report.changed) == (5, 0, 0, 0)


def test_a_press_room_configured_in_the_registry_is_crawled_without_a_link_or_a_host_setting(tmp_path):
    from scraper.registry import Municipality, save_registry

    with StrictServer(press_pages(), host="127.0.0.2") as press:
        pages = site_pages("http://unlinked.invalid")
        pages["/"] = pages["/"].replace("Pressrum", "")  # no link: only the registry knows the room
        with StrictServer(pages) as site:
            registry = tmp_path / "registry.json"
            room = {"kind": "mynewsdesk", "url": None, "feed_url": press.origin + FEED}
            save_registry([Municipality("ekbacka", NAME, site.origin + "/", press_rooms=[room])], registry)
            result = crawl_into(tmp_path / "a.db", "ekbacka", "-s", f"MUNINEWS_REGISTRY={registry}")
            assert result.returncode == 0, result.log[-3000:]
            # A second crawl finds every release again: still one article each, nothing stored twice.
            again = crawl_into(tmp_path / "a.db", "ekbacka", "-s", f"MUNINEWS_REGISTRY={registry}")
    assert again.returncode == 0, again.log[-3000:]
    assert again.rows("select count(*) from article_urls")[0][0] == 1
    # Five articles, the merged release under the site's URL with the press room's as its other one.
    assert result.rows("select count(*) from articles")[0][0] == 5
    (merged,) = result.rows(
        "select a.source, u.source other from article_urls u join articles a on a.id = u.article_id"
    )
    assert (merged["source"], merged["other"]) == ("site", "mynewsdesk")
    assert (NEWSROOM, 200) not in press.requests  # the feed was enough


def test_a_recrawl_asks_for_known_releases_and_pdf_releases_only_when_due(tmp_path):
    """Known releases (stored ones and a site article's press-room copy) and PDF releases follow the
    revisit schedule like the site's articles: not asked again the next day, asked with ``--revisit
    all``, and then their unchanged bytes only move ``last_seen``; a PDF turned down (an agenda) is a
    page that is not news, not asked again before its recheck."""
    with press_web() as (site, press, args):

        def asked() -> dict[str, int]:
            paths = [p for p, _ in press.requests if "/pressreleases/" in p]
            paths += [p for p, _ in site.requests if p.endswith(".pdf")]
            return {path: paths.count(path) for path in paths}

        first = crawl_into(tmp_path / "a.db", *args)
        assert first.returncode == 0, first.log[-3000:]
        pdfs = ["/nyheter/pressmeddelande-biblioteket.pdf", "/nyheter/dagordning-kommunstyrelsen.pdf"]
        assert asked() == dict.fromkeys([*RELEASES, *pdfs], 1)
        (copy_seen,) = first.rows("select last_seen from article_urls")

        again = crawl_into(tmp_path / "a.db", *args)
        assert again.returncode == 0, again.log[-3000:]
        # None was due, and the agenda turned down last time waits for its recheck: the feed and the
        # listing were read, that is all.
        assert set(asked().values()) == {1}
        assert "article/not_due" in again.log and "page/not_due" in again.log

        every = crawl_into(tmp_path / "a.db", *args, "--revisit", "all")
    assert every.returncode == 0, every.log[-3000:]
    assert asked() == {**dict.fromkeys([*RELEASES, pdfs[0]], 2), pdfs[1]: 1}
    assert every.rows("select count(*) from articles")[0][0] == 5
    (copy,) = every.rows("select last_seen from article_urls")
    assert copy["last_seen"] > copy_seen["last_seen"]  # the press-room copy answered: seen again
    assert every.rows("select count(*) from revisions")[0][0] == 0  # nothing re-extracted as an edit
    assert "article/unchanged" in every.log
