"""The CMS data is chosen by the platform detection names (scraper.cms.choice): SiteVision's RSS portlets
are looked for on SiteVision sites only. Pure tests on written pages, and a real crawl over loopback."""

from __future__ import annotations

from parsel import Selector

from scraper import cms
from scraper.cms import generic, municipio, sitevision, wordpress
from scraper.cms.choice import ALL, cms_data
from scraper.crawl.sources import listing_links, page_feeds
from scraper.items import LinkKind
from tests.helpers import crawl_into, rows
from tests.strict_server import StrictServer, article

PORTLET = "/4.6a1b2c3d4e5f6071/12.6a1b2c3d4e5f6080.portlet?state=rss&sv.contenttype=text/xml;charset=UTF-8"
LISTING = (
    '<html lang="sv"><head><title>Nyheter</title>{head}</head><body><main><h1>Nyheter</h1><ul>'
    '<li><a href="/nyheter/2026-04-07-ny-skolgard.html">Ny skolgård i Granby</a>'
    ' <time datetime="2026-04-07">7 april 2026</time></li></ul>'
    f'<a class="rss" href="{PORTLET.replace("&", "&amp;")}">Prenumerera via RSS</a></main></body></html>'
)
SV_HEAD = '<link rel="stylesheet" href="/sitevision/system-resource/9a8b/css/portlets.css">'
WP_HEAD = '<meta name="generator" content="WordPress 6.6"><link rel="stylesheet" href="/wp-content/themes/g/style.css">'
URL = "https://www.granby.se/nyheter.html"


def _feeds(head: str, platform: str | None) -> list[str]:
    sel = Selector(text=LISTING.format(head=head))
    return [link.url for link in page_feeds(sel, URL, cms_data(platform))]


def test_unknown_platform_reads_every_platforms_data() -> None:
    assert cms_data(None) is ALL and cms_data("nosuchcms") is ALL
    assert ALL.words("WIDGET_CLASS_WORDS") == cms.WIDGET_CLASS_WORDS  # the merged names the crawl reads
    assert ALL.words("EXCLUDED_SEGMENTS") == tuple(dict.fromkeys(cms._merged("EXCLUDED_SEGMENTS")))


def test_a_platform_gets_generic_plus_its_own_data() -> None:
    sv = cms_data("sitevision")
    assert sv.modules == (generic, sitevision)
    assert "sv-archive-portlet" in sv.words("WIDGET_CLASS_WORDS")
    assert "sidebar" not in sv.words("WIDGET_CLASS_WORDS")  # WordPress's, not SiteVision's
    assert sv.feed_finders == (sitevision.rss_portlet_urls,)
    wp = cms_data("wordpress")
    assert "sidebar" in wp.words("WIDGET_CLASS_WORDS") and not wp.feed_finders


def test_a_flavour_gets_its_base_platforms_data_too() -> None:
    data = cms_data("municipio")
    assert data.modules == (generic, wordpress, municipio)
    assert "tag" in data.words("EXCLUDED_SEGMENTS")  # WordPress's taxonomy pages, Municipio's too


def test_rss_portlet_is_a_feed_on_sitevision_and_before_detection_only() -> None:
    portlet = "https://www.granby.se" + PORTLET
    assert _feeds(SV_HEAD, "sitevision") == [portlet]
    assert _feeds(SV_HEAD, None) == [portlet]  # the platform not known yet: every rule applies
    assert _feeds(WP_HEAD, "wordpress") == []  # a portlet-shaped link on WordPress is no feed
    sel = Selector(text=LISTING.format(head=WP_HEAD))
    kinds = {link.kind for link in listing_links(sel, URL, "https://www.granby.se/", cms_data("wordpress"))}
    assert LinkKind.FEED not in kinds


def _site(head: str) -> StrictServer:
    rss = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Nyheter</title>'
        "<item><title>Ny skolgård i Granby</title><link>{{origin}}/nyheter/2026-04-07-ny-skolgard.html</link>"
        "<pubDate>Tue, 07 Apr 2026 08:00:00 GMT</pubDate></item></channel></rss>"
    )
    home = (
        f'<html lang="sv"><head><title>Granby kommun</title>{head}</head><body><header><nav>'
        '<a href="/nyheter.html">Nyheter</a></nav></header><main><h1>Välkommen till Granby</h1>'
        "<p>Service för invånare och företag.</p></main></body></html>"
    )
    return StrictServer({
        "/": home,
        "/nyheter.html": LISTING.format(head=head),
        PORTLET: (200, {"Content-Type": "text/xml;charset=UTF-8"}, rss),
        "/nyheter/2026-04-07-ny-skolgard.html": article("Ny skolgård i Granby", date="2026-04-07"),
    })  # fmt: skip


def test_the_crawl_chooses_the_detected_platforms_feed_rules(tmp_path) -> None:
    for head, platform, asked in ((SV_HEAD, "sitevision", True), (WP_HEAD, "wordpress", False)):
        db = tmp_path / f"{platform}.db"
        with _site(head) as server:
            crawl = crawl_into(db, "--url", server.origin + "/", "--name", "Granby kommun")
            assert crawl.returncode == 0, crawl.log[-3000:]
            assert any(path == PORTLET for path, _ in server.requests) is asked, platform
        (m,) = rows(db, "SELECT platform FROM municipalities")
        assert m["platform"] == platform
        assert [r["title"] for r in rows(db, "SELECT title FROM articles")] == ["Ny skolgård i Granby"]
