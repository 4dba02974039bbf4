"""Platform detection (scraper.cms.detect) and SiteVision's RSS portlets, on pages written for the tests."""

from __future__ import annotations

import pytest

from scraper.cms import detect
from scraper.cms.sitevision import rss_portlet_urls

URL = "https://www.aspvik.se/"


def page(head: str = "", body: str = "") -> str:
    return f"<!doctype html><html lang='sv'><head><title>Aspviks kommun</title>{head}</head><body>{body}</body></html>"


SITEVISION = page(
    '<link rel="stylesheet" href="/sitevision/system-resource/c4d7/css/portlets.css">',
    '<div class="sv-layout sv-skip-spacer"><div class="sv-text-portlet sv-use-margins">'
    '<img src="/images/18.3e1f0a2b17c4d5e6f7a8b9c/1712345678901/torget.jpg" alt=""></div></div>',
)
EPISERVER = page(
    '<link rel="stylesheet" href="/static/css/site.css">',
    '<main><div data-epi-property-name="MainBody"><img src="/globalassets/bilder/hamnen.jpg" alt="">'
    '<a href="/contentassets/8a1b2c3d/taxa-2026.pdf">Taxa</a></div></main>',
)
WORDPRESS = page(
    '<meta name="generator" content="WordPress 6.6.2">'
    '<link rel="stylesheet" href="/wp-includes/css/dist/block-library/style.min.css">',
    '<div class="entry-content"><p class="wp-block-paragraph">Text</p></div>',
)
MUNICIPIO = page(
    '<link rel="stylesheet" href="https://www.aspvik.se/wp-content/themes/municipio/assets/dist/css/app.css">'
    '<script src="/wp-content/plugins/modularity/dist/js/modularity.js"></script>',
    '<div class="modularity-mod-posts"><article class="s-post-card">Nyhet</article></div>',
)
DRUPAL = page(
    '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">'
    '<script type="application/json" data-drupal-selector="drupal-settings-json">{}</script>',
    '<img src="/sites/default/files/styles/wide/public/2026-03/skolan.jpg" alt="">',
)
UMBRACO = page(
    '<link rel="stylesheet" href="/App_Plugins/Forms/forms.css">',
    '<img src="/media/ab12cd34/badplatsen.jpg" alt=""><form action="/umbraco/surface/contact/send"></form>',
)
POLOPOLY = page("", '<img src="/polopoly_fs/1.48213!/image/2210345.jpg" alt=""><div class="polopoly">x</div>')
JOOMLA = page('<meta name="generator" content="Joomla! - Open Source Content Management">')
GOVUK = page(
    '<link href="/assets/govuk-frontend/all.css" rel="stylesheet">',
    '<div class="govuk-width-container"><main class="govuk-main-wrapper">x</main></div>',
)


@pytest.mark.parametrize(
    ("markup", "platform", "label"),
    [
        (SITEVISION, "sitevision", "SiteVision"),
        (EPISERVER, "episerver", "Episerver/Optimizely"),
        (WORDPRESS, "wordpress", "WordPress"),
        (MUNICIPIO, "municipio", "Municipio"),
        (DRUPAL, "drupal", "Drupal"),
        (UMBRACO, "umbraco", "Umbraco"),
        (POLOPOLY, "polopoly", "Polopoly"),
        (JOOMLA, "joomla", "Joomla"),
        (GOVUK, "govuk", "GOV.UK Frontend"),
    ],
)
def test_each_platform_is_named_from_its_page(markup, platform, label):
    found = detect.detect_platform(markup, URL)
    assert found is not None and (found.platform, found.label) == (platform, label), found
    assert found.evidence and found.score >= detect.MIN_SCORE
    assert detect.detect_platform(markup.encode("utf-8"), URL) == found  # bytes as fetched


def test_a_plain_page_names_no_platform():
    plain = page("", '<main><h1>Välkommen</h1><p class="lead">Kommunen informerar.</p></main>')
    assert detect.detect_platform(plain, URL) is None
    # One class word that happens to match is not enough either.
    assert detect.detect_platform(page("", '<p class="sv-font-brodtext">x</p>'), URL) is None


def test_links_to_other_hosts_are_not_evidence():
    """A SiteVision site linking to a WordPress blog elsewhere is still SiteVision."""
    linking = SITEVISION.replace(
        "</body>",
        '<a href="https://blogg.example.org/wp-content/uploads/a.jpg">a</a>'
        '<a href="https://blogg.example.org/wp-includes/b.css">b</a></body>',
    )
    found = detect.detect_platform(linking, URL)
    assert found is not None and found.platform == "sitevision"
    assert (
        detect.detect_platform(page("", '<img src="https://cdn.example.org/wp-content/x.jpg">'), URL) is None
    )


def test_unparsable_urls_in_the_markup_are_no_evidence_and_no_crash():
    broken = WORDPRESS.replace("</body>", '<a href="https://[ccpa-preferences]/x">Privacy</a></body>')
    found = detect.detect_platform(broken, URL)
    assert found is not None and found.platform == "wordpress"


def test_a_wordpress_generator_without_the_theme_is_plain_wordpress():
    with_word = WORDPRESS.replace("</body>", "<p>Municipio</p></body>")  # a word alone is no theme
    found = detect.detect_platform(with_word, URL)
    assert found is not None and found.platform == "wordpress"


def test_labels():
    assert detect.label("sitevision") == "SiteVision"
    assert detect.label("nextjs") == "nextjs"
    assert detect.label(None) == "unknown"


PORTLET = (
    "/4.1a2b3c4d5e6f708192/12.7f8e9d0c1b2a3f4e5d.portlet?state=rss&sv.contenttype=text/xml;charset=UTF-8"
)


def test_sitevision_rss_portlet_from_the_listing_markup():
    listing = page(
        "",
        '<div class="sv-archive-portlet"><ul><li><a href="/nyheter/2026/a.html">A</a></li></ul>'
        f'<a class="rss" href="{PORTLET.replace("&", "&amp;")}">Prenumerera via RSS</a></div>',
    )
    assert rss_portlet_urls(listing, "https://www.aspvik.se/nyheter.html") == [
        "https://www.aspvik.se" + PORTLET
    ]


def test_sitevision_rss_portlet_in_a_script_once_and_absolute():
    other = PORTLET.replace("12.7f8e", "12.0c0d")
    escaped = PORTLET.replace("&", "\\u0026")  # as a JSON string in a script
    script = page(
        f'<script>var feed = "{escaped}";</script>',
        f'<a href="https://www.aspvik.se{PORTLET}">RSS</a><a href="{other}">RSS 2</a>',
    )
    assert rss_portlet_urls(script, "https://www.aspvik.se/nyheter.html") == [
        "https://www.aspvik.se" + PORTLET,
        "https://www.aspvik.se" + other,
    ]


def test_no_portlet_no_feed():
    # A portlet link that is not the RSS state is not a feed.
    markup = page("", '<a href="/4.1a2b/12.3c4d.portlet?state=print">Skriv ut</a>')
    assert rss_portlet_urls(markup, URL) == []
