"""Units for the pure URL and page predicates the spider relies on."""

import pytest
from parsel import Selector

from scraper.crawl import classify as discovery
from scraper.crawl import urls


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Ekeby.se/2026/02/03/ny-skola/", "https://ekeby.se/2026/02/03/ny-skola"),
        (
            "https://ekeby.se/2026/02/03/ny-skola?utm_source=nyhetsbrev&utm_medium=email",
            "https://ekeby.se/2026/02/03/ny-skola",
        ),
        ("https://ekeby.se/a?fbclid=xyz#kommentarer", "https://ekeby.se/a"),
        ("http://127.0.0.1:80/nyheter.html", "http://127.0.0.1/nyheter.html"),
        ("http://127.0.0.1:8081/nyheter.html?b=2&a=1", "http://127.0.0.1:8081/nyheter.html?a=1&b=2"),
        ("https://ekeby.se/", "https://ekeby.se/"),
    ],
)
def test_canonical_url(url, expected):
    assert urls.canonical_url(url) == expected


def test_canonical_url_keeps_sitevision_pagination():
    url = "https://hemlunda.se/nyheter.html?sv.12.1a2b3c.page=2"
    assert "page=2" in urls.canonical_url(url)


@pytest.mark.parametrize(
    ("url", "home", "same"),
    [
        ("https://www.mariestad.se/nyheter", "https://mariestad.se/", True),
        ("https://mariestad.se/nyheter", "https://www.mariestad.se/", True),
        ("https://skovde.se/nyheter", "https://mariestad.se/", False),
        ("http://127.0.0.1:8081/x", "http://127.0.0.1:8082/", False),
        ("mailto:a@b.se", "https://mariestad.se/", False),
    ],
)
def test_same_site(url, home, same):
    assert urls.same_site(url, home) is same


@pytest.mark.parametrize(
    "url",
    [
        "https://h.se/evenemang/kalender.html?manad=2026-03",
        "https://h.se/sok.html?q=skola",
        "https://e.se/?s=skola",
        "https://e.se/tag/skola/",
        "https://e.se/author/anna/",
        "https://e.se/wp-admin/",
        "https://e.se/feed/",
        "https://h.se/download/18.abc/budget.pdf",
        "https://h.se/kontakt.html",
        "https://council.example/whats-on/concert",
    ],
)
def test_excluded(url):
    assert urls.is_excluded(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://h.se/nyheter/nyheter/2026-03-12-ny-forskola.html",
        "https://e.se/2026/02/03/ny-skola/",
        "https://council.example/news/2026/03/bins",
        "https://h.se/4.5f3a2b1c18e2a3b4c5d1234.html",
    ],
)
def test_articles_not_excluded(url):
    assert not urls.is_excluded(url)


@pytest.mark.parametrize(
    ("url", "news"),
    [
        ("https://h.se/nyheter/nyheter/2026-03-12-ny-forskola.html", True),
        ("https://e.se/2026/02/03/ny-skola/", True),
        ("https://c.example/news/press-releases/new-library", True),
        ("https://h.se/bygga-och-bo/sophamtning.html", False),
        ("https://h.se/nyheter.html", False),  # the listing itself, one segment
        ("https://h.se/evenemang/2026-03-12-konsert.html", False),
    ],
)
def test_looks_like_sitemap_article(url, news):
    assert urls.looks_like_sitemap_article(url) is news


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nyheter", True),
        ("Alla nyheter", True),
        ("Fler nyheter", True),
        ("Aktuellt", True),
        ("Pressmeddelanden", True),
        ("News", True),
        ("Press releases", True),
        ("Nyheter om förskolan i Ekeby och mycket mer", False),
        ("Bygga och bo", False),
    ],
)
def test_news_link_text(text, expected):
    assert urls.looks_like_news_link_text(text) is expected


@pytest.mark.parametrize(
    ("url", "number"),
    [
        ("https://e.se/nyheter/page/3/", 3),
        ("https://h.se/nyheter.html?sv.12.1a2b3c.page=2", 2),
        ("https://c.example/news?page=4", 4),
        ("https://c.example/news", None),
    ],
)
def test_pagination_number(url, number):
    assert urls.pagination_number(url) == number


def test_listing_base_is_shared_by_pages():
    assert urls.listing_base("https://e.se/nyheter/page/3/") == urls.listing_base("https://e.se/nyheter/")
    assert urls.listing_base("https://c.example/news?page=2") == urls.listing_base("https://c.example/news")


WIDGET_PAGE = """<html><body><header><nav><a href="/nyheter.html">Nyheter</a></nav></header>
<main><h1>Sophämtning</h1><p>{words}</p></main>
<aside class="sv-portlet sv-archive-portlet"><ul>
<li><a href="/nyheter/nyheter/2026-03-01-a.html">A</a> 2026-03-01</li>
<li><a href="/nyheter/nyheter/2026-03-02-b.html">B</a> 2026-03-02</li>
<li><a href="/nyheter/nyheter/2026-03-03-c.html">C</a> 2026-03-03</li>
<li><a href="/nyheter/nyheter/2026-03-04-d.html">D</a> 2026-03-04</li>
<li><a href="/nyheter/nyheter/2026-03-05-e.html">E</a> 2026-03-05</li></ul></aside>
<footer><p>Sidan senast uppdaterad: 2026-03-14</p></footer></body></html>"""


def _classify(html, url, from_listing):
    sel = Selector(text=html)
    signals = discovery.page_signals(sel, url, "https://h.se/")
    return discovery.classify_page(signals, url, from_listing=from_listing), signals


def test_recent_news_widget_does_not_make_a_listing():
    kind, signals = _classify(
        WIDGET_PAGE.format(words="ord " * 80), "https://h.se/bygga-och-bo/sophamtning.html", True
    )
    assert kind == "other"
    assert len(signals.news_links) == 5  # the widget's links are still news candidates


def test_service_page_with_last_updated_footer_is_not_an_article():
    kind, _ = _classify(
        WIDGET_PAGE.format(words="ord " * 200), "https://h.se/bygga-och-bo/sophamtning.html", False
    )
    assert kind == "other"


def test_news_section_page_from_listing_is_an_article():
    url = "https://h.se/nyheter/nyheter/2026-03-12-ny-forskola.html"
    kind, _ = _classify(WIDGET_PAGE.format(words="ord " * 80), url, True)
    assert kind == "article"


def test_listing_with_dated_items_and_numeric_urls():
    items = "".join(
        f'<li class="item"><a href="/4.5f3a2b1c18e2a3b4c5d12{i:02d}.html">Rubrik {i}</a>'
        f"<span>{i + 1} mars 2026</span></li>"
        for i in range(8)
    )
    html = f"<html><body><main><h1>Aktuellt</h1><ul>{items}</ul></main></body></html>"
    kind, signals = _classify(html, "https://h.se/aktuellt.html", False)
    assert kind == "listing"
    assert signals.listing_links == 8


def test_wordpress_single_post_is_an_article():
    html = (
        '<html><head><meta property="article:published_time" content="2026-02-03T09:15:00+01:00"></head>'
        '<body class="post-template-default single single-post">'
        '<article><h1 class="entry-title">Ny skola</h1>'
        f'<div class="entry-content"><p>{"ord " * 60}</p></div></article></body></html>'
    )
    kind, _ = _classify(html, "https://h.se/ny-skola/", False)
    assert kind == "article"


def test_feed_links_skip_comment_feeds():
    html = """<html><head>
    <link rel="alternate" type="application/rss+xml" title="Ekeby » Flöde" href="/feed/">
    <link rel="alternate" type="application/rss+xml" title="Ekeby » Kommentarsflöde" href="/comments/feed/">
    <link rel="alternate" type="application/atom+xml" href="https://e.se/news.atom"></head></html>"""
    assert discovery.feed_links(Selector(text=html), "https://e.se/") == [
        "https://e.se/feed/",
        "https://e.se/news.atom",
    ]


SENAST_UPPDATERAD = """<html><body><div class="sv-layout"><h1>Internationellt samarbete inleds</h1>
<p class="normal">{words}</p><p class="normal">Sidan senast uppdaterad: 2018-05-30</p></div></body></html>"""


def test_sitevision_news_page_dated_only_by_last_updated_is_an_article():
    url = "https://h.se/nyheter/nyheter/2018-05-30-internationellt-samarbete-inleds.html"
    kind, signals = _classify(SENAST_UPPDATERAD.format(words="ord " * 80), url, False)
    assert signals.any_date and not signals.published_label
    assert kind == "article"


def test_service_page_dated_only_by_last_updated_is_not():
    url = "https://h.se/bygga-och-bo/avfall/sophamtning.html"
    kind, _ = _classify(SENAST_UPPDATERAD.format(words="ord " * 80), url, False)
    assert kind == "other"


def test_widget_dates_are_not_the_page_date():
    _, signals = _classify(WIDGET_PAGE.format(words="ord " * 80), "https://h.se/bygga-och-bo/x.html", False)
    assert not signals.any_date


def test_pager_inside_nav_is_pagination():
    html = """<html><body><main><h1>Nyheter</h1>
    <div class="views-row"><a href="/aktuellt/nyheter/a">A</a><time datetime="2026-03-01">1 mars 2026</time></div>
    <nav class="pager" role="navigation"><a href="?page=1" rel="next">Nästa ›</a></nav></main></body></html>"""
    kind, signals = _classify(html, "https://h.se/aktuellt/nyheter", False)
    assert signals.pagination and kind == "listing"


def test_page_of_dated_notices_is_not_an_article():
    notices = "".join(
        f'<div class="views-row"><h2>Störning {d}</h2><p><time datetime="2026-11-{d:02d}">{d} november 2026</time></p>'
        f"<p>{'ord ' * 20}</p></div>"
        for d in (3, 9, 14, 20, 25)
    )
    html = f"<html><body><main><h1>Driftstörningar</h1>{notices}</main></body></html>"
    kind, signals = _classify(html, "https://h.se/aktuellt/driftinformation", True)
    assert signals.distinct_dates == 5 and not signals.published_label
    assert kind == "other"


def test_a_jsonld_type_that_is_no_name_is_ignored():
    """``"@type": [{...}]`` (an object where a type name belongs) raised TypeError and lost the page."""
    html = (
        '<html><head><script type="application/ld+json">{"@type": [{"name": "x"}, "NewsArticle"]}</script>'
        "</head><body><h1>Nytt bibliotek i Tallvika</h1><p>" + "ord " * 80 + "</p></body></html>"
    )
    kind, signals = _classify(html, "https://h.se/nyheter/bibliotek", False)
    assert signals.article_meta and kind == "article"
