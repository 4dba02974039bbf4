"""A crawl names the platform each site's pages show, notes a change of platform, and reads the RSS a
SiteVision news archive portlet serves at the URL only its listing names. Real crawls over loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers import crawl_into, rows
from tests.strict_server import HTML, StrictServer, article

PORTLET = "/4.5c1d2e3f40516273/12.5c1d2e3f40516280.portlet?state=rss&sv.contenttype=text/xml;charset=UTF-8"

SV_HOME = (
    '<html lang="sv"><head><title>Tallviks kommun</title>'
    '<link rel="stylesheet" href="/sitevision/system-resource/5f6e/css/portlets.css"></head><body>'
    '<header><nav><a href="/nyheter.html">Nyheter</a> <a href="/kontakt.html">Kontakt</a></nav></header>'
    '<main><div class="sv-layout"><div class="sv-text-portlet"><h1>Välkommen till Tallvik</h1>'
    "<p>Kommunens service för invånare och företag.</p></div></div></main></body></html>"
)
WP_HOME = (
    '<html lang="sv"><head><title>Tallviks kommun</title><meta name="generator" content="WordPress 6.6">'
    '<link rel="stylesheet" href="/wp-content/themes/tallvik/style.css"></head><body>'
    '<header><nav><a href="/nyheter.html">Nyheter</a></nav></header>'
    "<main><h1>Välkommen till Tallvik</h1><p>Kommunens service för invånare och företag.</p></main></body></html>"
)
LISTING = (
    '<html lang="sv"><head><title>Nyheter</title></head><body><main><h1>Nyheter</h1>'
    '<div class="sv-portlet sv-archive-portlet"><ul>'
    '<li><a href="/nyheter/2026-03-02-ny-bro.html">Ny bro över ån</a>'
    ' <time datetime="2026-03-02">2 mars 2026</time></li>'
    "</ul>"
    f'<a class="rss" href="{PORTLET.replace("&", "&amp;")}">Prenumerera på nyheter via RSS</a></div>'
    "</main></body></html>"
)
RSS = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Nyheter</title>'
    "<item><title>Ny bro över ån</title><link>{{origin}}/nyheter/2026-03-02-ny-bro.html</link>"
    "<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate></item>"
    "<item><title>Biblioteket förlänger öppettiderna</title>"
    "<link>{{origin}}/nyheter/2026-02-20-biblioteket.html</link>"
    "<pubDate>Fri, 20 Feb 2026 08:00:00 GMT</pubDate></item>"
    "</channel></rss>"
)


@pytest.fixture
def tallvik() -> Iterator[tuple[StrictServer, list[str]]]:
    home = [SV_HOME]  # the homepage the site serves now; a test swaps it
    pages = {
        "/": lambda _count, _origin: (200, HTML, home[0]),
        "/nyheter.html": LISTING,
        PORTLET: (200, {"Content-Type": "text/xml;charset=UTF-8"}, RSS),
        "/nyheter/2026-03-02-ny-bro.html": article("Ny bro över ån", date="2026-03-02"),
        "/nyheter/2026-02-20-biblioteket.html": article(
            "Biblioteket förlänger öppettiderna", date="2026-02-20"
        ),
    }
    with StrictServer(pages) as server:
        yield server, home


def _crawl(db, server):
    return crawl_into(db, "--url", server.origin + "/", "--name", "Tallviks kommun")


def test_platform_recorded_portlet_feed_read_and_a_change_noted(tmp_path, tallvik):
    server, home = tallvik
    db = tmp_path / "a.db"
    first = _crawl(db, server)
    assert first.returncode == 0, first.log[-3000:]
    # The feed only the listing's portlet link names was asked, and gave the article the listing lacks.
    assert (PORTLET, 200) in server.requests
    titles = {r["title"] for r in rows(db, "SELECT title FROM articles")}
    assert titles == {"Ny bro över ån", "Biblioteket förlänger öppettiderna"}
    (m,) = rows(db, "SELECT platform, platform_seen FROM municipalities")
    assert m["platform"] == "sitevision" and m["platform_seen"]
    (note,) = rows(db, "SELECT note FROM crawls")
    assert "platform changed" not in (note["note"] or "")

    home[0] = WP_HOME  # the kommun moved to another platform
    second = _crawl(db, server)
    assert second.returncode == 0, second.log[-3000:]
    (m,) = rows(db, "SELECT platform, platform_seen FROM municipalities")
    assert m["platform"] == "wordpress"
    notes = [r["note"] or "" for r in rows(db, "SELECT note FROM crawls ORDER BY id")]
    assert "platform changed from SiteVision to WordPress" in notes[1]
    assert "platform changed from SiteVision to WordPress" in second.log  # the summary shows it too
