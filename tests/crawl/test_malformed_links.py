"""Links that are no URLs cost themselves, never the page they are on.

Real pages carry hrefs that urllib refuses with ValueError: a bracketed host that is no IPv6 address
(a consent widget's ``https://[privacy-settings]/``), a port that is no number. Before, one such
link made ``page_signals`` raise, the callback failed and the page (a listing, an article) was lost.
"""

from __future__ import annotations

from parsel import Selector

from scraper.crawl import classify, sources
from scraper.crawl.urls import join_link

HOME = "https://www.norrby.se/"
LISTING = HOME + "nyheter/"

BAD_HREFS = ("https://[privacy-settings]/", "http://www.norrby.se:abc/nyheter/x/", "//[::1/")

PAGE = f"""<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Nyheter</title>
<base href="https://[consent]/">
<link rel="canonical" href="https://[consent]/nyheter/">
<link rel="alternate" type="application/rss+xml" href="http://host:port/rss">
<link rel="next" href="https://[x]/nyheter/?page=2">
</head><body><main><h1>Nyheter</h1>
<ul>
<li><a href="{BAD_HREFS[0]}">Integritetsinställningar</a></li>
<li><a href="{BAD_HREFS[1]}">Trasig länk</a></li>
<li><a href="{BAD_HREFS[2]}">Ännu en</a></li>
<li><time datetime="2026-10-01">1 oktober 2026</time> <a href="/nyheter/ny-skolgard/">Ny skolgård i Norrby</a></li>
<li><time datetime="2026-09-12">12 september 2026</time> <a href="/nyheter/vattenverket/">Vattenverket byggs om</a></li>
</ul>
<form method="get" action="https://[x]/sok"><button name="page" value="2">Visa fler</button></form>
</main></body></html>"""


def test_join_link_refuses_what_is_no_url_and_resolves_the_rest() -> None:
    for href in BAD_HREFS:
        assert join_link(LISTING, href) is None, href
    assert join_link(LISTING, "ny-skolgard/") == LISTING + "ny-skolgard/"
    assert join_link(LISTING, "../kontakt/") == HOME + "kontakt/"
    assert join_link("https://[::1]:8080/a/", "b") == "https://[::1]:8080/a/b"  # a real IPv6 host is fine


def test_a_listing_with_malformed_links_keeps_its_good_ones() -> None:
    sel = Selector(text=PAGE)
    signals = classify.page_signals(sel, LISTING, HOME)  # raised ValueError before
    urls = {link.url for link in classify.extract_links(sel, LISTING)}
    # the bad <base href> is ignored, so relative links resolve against the page itself
    assert {HOME + "nyheter/ny-skolgard/", HOME + "nyheter/vattenverket/"} <= urls
    assert not any("[" in url or ":abc" in url for url in urls)
    assert signals is not None
    assert classify.canonical_link(sel, LISTING) is None
    assert classify.feed_links(sel, LISTING) == []
    assert sources.head_links(sel, LISTING) == []
    assert sources.form_links(sel, LISTING) == []
    listed = {link.url for link in sources.listing_links(sel, LISTING, HOME)}
    assert {HOME + "nyheter/ny-skolgard/", HOME + "nyheter/vattenverket/"} <= listed


def test_a_feed_entry_that_is_no_url_is_skipped() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Nyheter</title>
<item><title>Trasig</title><link>https://[oops]/a</link></item>
<item><title>Hel</title><link>https://www.norrby.se/nyheter/hel/</link></item>
</channel></rss>"""
    assert [link.url for link in sources.feed_links(feed, HOME + "rss")] == [HOME + "nyheter/hel/"]
