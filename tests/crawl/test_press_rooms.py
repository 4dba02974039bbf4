"""Press rooms read from strings (scraper/crawl/press_rooms.py): which links are newsrooms or feeds of
Mynewsdesk, Cision and via TT, what a newsroom page lists, and the registry's entries."""

from __future__ import annotations

from parsel import Selector

from scraper.cms.press_rooms import CISION, MYNEWSDESK, VIA_TT
from scraper.crawl.press_rooms import (
    PressRoom,
    newsroom_feeds,
    newsroom_releases,
    press_room_links,
    service_of,
)
from scraper.crawl.sources import home_links, listing_links
from scraper.items import LinkKind

HOME = "https://www.ekbacka.se/"


def page(body: str, head: str = "") -> Selector:
    return Selector(text=f"<html><head>{head}</head><body>{body}</body></html>")


def test_links_to_each_service_newsroom_or_feed_are_press_rooms():
    sel = page(
        '<footer><a href="https://www.mynewsdesk.com/se/ekbacka_kommun">Pressrum</a>'
        '<a href="https://news.cision.com/se/ekbacka-energi/ListItems?format=rss">RSS</a>'
        '<a href="https://via.tt.se/pressrum/3235999/ekbacka-kommun">Via TT</a>'
        '<a href="https://www.mynewsdesk.com/se/rss/source/4711/pressrelease">Prenumerera</a>'
        '<a href="https://www.ekbacka.se/press/">Press</a>'  # the site's own page: not a press room
        '<a href="https://www.facebook.com/ekbacka">Facebook</a></footer>'
    )
    assert press_room_links(sel, HOME, HOME, {}) == [
        PressRoom("mynewsdesk", url="https://www.mynewsdesk.com/se/ekbacka_kommun"),
        PressRoom("cision", feed_url="https://news.cision.com/se/ekbacka-energi/ListItems?format=rss"),
        PressRoom("via_tt", url="https://via.tt.se/pressrum/3235999/ekbacka-kommun"),
        PressRoom("mynewsdesk", feed_url="https://www.mynewsdesk.com/se/rss/source/4711/pressrelease"),
    ]


def test_a_release_link_is_not_a_newsroom_and_a_configured_host_is_the_service():
    sel = page(
        '<a href="https://www.mynewsdesk.com/se/ekbacka_kommun/pressreleases/ny-simhall-3001">Ny simhall</a>'
        '<a href="http://127.0.0.2:8123/se/ekbacka_kommun">Pressrum</a>'
    )
    assert press_room_links(sel, HOME, HOME, {}) == []
    assert press_room_links(sel, HOME, HOME, {"127.0.0.2:8123": "mynewsdesk"}) == [
        PressRoom("mynewsdesk", url="http://127.0.0.2:8123/se/ekbacka_kommun")
    ]
    assert service_of("http://127.0.0.2:8123/x", {"127.0.0.2:8123": "cision"}) is CISION
    assert service_of("https://press.mynewsdesk.com/se/x", {}) is MYNEWSDESK
    assert service_of("https://www.ekbacka.se/", {}) is None


def test_a_newsroom_page_gives_its_feed_and_its_releases_only():
    url = "https://www.mynewsdesk.com/se/ekbacka_kommun"
    sel = page(
        '<ul><li><a href="/se/ekbacka_kommun/pressreleases/ny-simhall-3001">Ny simhall</a></li>'
        '<li><a href="/se/ekbacka_kommun/images/simhall-123">Bild</a></li>'
        '<li><a href="https://www.mynewsdesk.com/se/annan_kommun">Annan</a></li>'
        '<li><a href="https://elsewhere.example/se/x/pressreleases/y-1">Elsewhere</a></li></ul>',
        head='<link rel="alternate" type="application/rss+xml" href="/se/rss/source/4711/pressrelease">',
    )
    assert newsroom_feeds(sel, url, MYNEWSDESK) == [
        "https://www.mynewsdesk.com/se/rss/source/4711/pressrelease"
    ]
    assert newsroom_releases(sel, url, MYNEWSDESK) == [
        "https://www.mynewsdesk.com/se/ekbacka_kommun/pressreleases/ny-simhall-3001"
    ]
    tt = page('<a href="/pressmeddelande/4331751/nytt-bibliotek?publisherId=3235999">Nytt bibliotek</a>')
    assert newsroom_releases(tt, "https://via.tt.se/pressrum/3235999/ekbacka", VIA_TT) == [
        "https://via.tt.se/pressmeddelande/4331751/nytt-bibliotek?publisherId=3235999"
    ]


def test_registry_entries_become_press_rooms_and_unknown_kinds_are_ignored():
    assert PressRoom.from_registry(
        {"kind": "cision", "url": "https://news.cision.com/se/ekbacka"}
    ) == PressRoom("cision", "https://news.cision.com/se/ekbacka")
    assert PressRoom.from_registry({"kind": "mynewsdesk", "url": None}) is None
    assert PressRoom.from_registry({"kind": "prnewswire", "url": "https://example.org/"}) is None


def test_home_links_carry_the_press_rooms_and_listings_their_pdfs():
    sel = page(
        '<header><nav><a href="/nyheter/">Nyheter</a></nav></header><main>'
        '<p><a href="/nyheter/dokument/pressmeddelande-bibliotek.pdf">Pressmeddelande (pdf)</a></p></main>'
        '<footer><a href="https://www.mynewsdesk.com/se/ekbacka_kommun">Pressrum</a>'
        '<a href="/dokument/blankett.pdf">Blankett</a></footer>'
    )
    home = home_links(sel, HOME, HOME)
    assert [link.url for link in home if link.kind == LinkKind.PRESS_ROOM] == [
        "https://www.mynewsdesk.com/se/ekbacka_kommun"
    ]
    listing = listing_links(sel, HOME + "nyheter/", HOME)
    # Only the PDF in the listing's own area: the footer's form is navigation.
    assert [link.url for link in listing if link.kind == LinkKind.PDF] == [
        "https://www.ekbacka.se/nyheter/dokument/pressmeddelande-bibliotek.pdf"
    ]
