"""The SiteVision pages' chrome (Hemlunda kommun): head, cookie banner, header and menu,
breadcrumbs, the recent-news widget, footer; and the ids and paths the pages share.
"""

# ruff: noqa: E501 -- the HTML templates keep the real markup's long lines intact

from __future__ import annotations

import hashlib

from scraper.demo.content import Article, SiteContent
from scraper.demo.render.common import (
    esc,
)

PORTLET = "12.4b1f2e3a17e5f1c2d3"
PAGE_PARAM = f"sv.{PORTLET}.page"
PER_PAGE = 6
MENU = [
    ("/nyheter.html", "Nyheter"),
    ("/bygga-och-bo.html", "Bygga och bo"),
    ("/forskola-och-skola.html", "Förskola och skola"),
    ("/kommun-och-politik.html", "Kommun och politik"),
    ("/kontakt.html", "Kontakt"),
    ("/evenemang.html", "Evenemang"),
]
FEED_PATH = "/rss/nyheter.xml"


def svid(key: str, n: int = 12) -> str:
    return f"svid{n}_" + hashlib.sha1(key.encode()).hexdigest()[:20]


def article_path(a: Article) -> str:
    return f"/nyheter/nyheter/{a.published}-{a.slug}.html"


def portlet(html: str, key: str, cls: str = "") -> str:
    extra = f" {cls}" if cls else ""
    return (
        f'<div class="sv-text-portlet sv-use-margins{extra}" id="{svid(key)}">\n'
        f'<div class="sv-text-portlet-content">\n{html}\n</div>\n</div>'
    )


class Chrome:
    """What every page shares: head, cookie banner, header and menu, breadcrumbs, widget, footer."""

    def __init__(self, site: SiteContent) -> None:
        self.site = site
        self.articles = sorted(site.articles, key=lambda a: a.published, reverse=True)

    def widget(self) -> str:
        items = "\n".join(
            f'<li class="sv-channel-item"><a href="{article_path(a)}">{esc(a.title)}</a> '
            f'<span class="sv-date">{a.published}</span></li>'
            for a in self.articles[:4]
        )
        return (
            f'<div class="sv-archive-portlet" id="{svid("widget")}">\n'
            f'<h2 class="subheading">Senaste nyheterna</h2>\n<ul class="sv-archive-list">\n{items}\n</ul>\n'
            '<p class="normal"><a href="/nyheter.html">Alla nyheter</a></p>\n</div>'
        )

    def document(
        self,
        *,
        path: str,
        title: str,
        main: str,
        crumbs: list[tuple[str, str]],
        widget: bool = True,
        head: str = "",
        charset: str = "utf-8",
        template: str = "standardsida",
        description: str = "",
        lastmod: str | None = None,
    ) -> str:
        site = self.site
        crumb_html = "\n".join(
            f'<li><a href="{href}">{esc(text)}</a></li>' if href else f"<li>{esc(text)}</li>"
            for href, text in [("/", "Startsida"), *crumbs]
        )
        aside = (
            f'<div class="sv-layout sv-column-4" id="Hogerspalt">\n{self.widget()}\n</div>' if widget else ""
        )
        updated = (
            "\n"
            + portlet(f'<p class="sv-font-sidfot-liten">Sidan senast uppdaterad: {lastmod}</p>', path + "upd")
            if lastmod
            else ""
        )
        return (
            self.top(
                path=path, title=title, head=head, charset=charset, template=template, description=description
            )
            + f"""<nav class="sv-layout sv-breadcrumbs-portlet" aria-label="Brödsmulor"><ol class="sv-breadcrumbs">
{crumb_html}
</ol></nav>
<main class="sv-layout sv-template-layout" id="{svid("main", 10)}">
<div class="sv-layout sv-column-8" id="Mittenspalt">
{main}{updated}
</div>
{aside}
</main>
<footer class="sv-layout" id="{svid("footer", 10)}">
<div class="sv-text-portlet"><div class="sv-text-portlet-content">
<p class="normal"><strong>{esc(site.name)}</strong>, Storgatan 12, 546 80 Hemlunda</p>
<p class="normal">Kontaktcenter <a href="tel:+46500123450">0500-12 34 50</a>, <a href="mailto:kommun@hemlunda.se">kommun@hemlunda.se</a></p>
<p class="normal"><a href="/kontakt.html">Kontakta oss</a> · <a href="/om-webbplatsen/kakor.html">Om kakor</a> · <a href="{FEED_PATH}">RSS</a></p>
</div></div>
</footer>
<script src="/sitevision/system-resource/c3f2a1/js/envision.js"></script>
</body>
</html>
"""
        )

    def top(self, *, path: str, title: str, head: str, charset: str, template: str, description: str) -> str:
        """From the doctype to the end of the header: head, cookie banner, logo, search form, menu."""
        site = self.site
        menu = "\n".join(
            f'<li class="sv-menu-item"><a href="{href}">{esc(text)}</a></li>' for href, text in MENU
        )
        desc = f'\n<meta name="description" content="{esc(description)}">' if description else ""
        return f"""<!DOCTYPE html>
<html lang="sv" class="sv-no-js sv-template-{template}">
<head>
<meta charset="{charset}">
<title>{esc(title)} - {esc(site.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">{desc}
<meta property="og:title" content="{esc(title)}">
<meta property="og:site_name" content="{esc(site.name)}">
<link rel="alternate" type="application/rss+xml" title="Nyheter från {esc(site.name)}" href="{FEED_PATH}">
<link rel="stylesheet" href="/sitevision/system-resource/c3f2a1/css/portlets.css">{head}
<script>var sv = sv || {{}}; sv.PageContext = {{pageId: '4.{hashlib.sha1(path.encode()).hexdigest()[:22]}', lang: 'sv'}};</script>
</head>
<body class="sv-responsive">
<div class="sv-cookie-consent-banner env-cookie-banner" id="{svid("cookie", 10)}" role="dialog">
<div class="sv-text-portlet"><p class="normal">{esc(site.extra["cookie_text"])} <a href="/om-webbplatsen/kakor.html">Läs mer om kakor</a></p>
<button class="env-button" type="button">Godkänn alla kakor</button> <button class="env-button" type="button">Bara nödvändiga kakor</button></div>
</div>
<a class="sv-skip-link" href="#Mittenspalt">Hoppa till huvudinnehållet</a>
<header class="sv-layout" id="{svid("header", 10)}">
<div class="sv-layout sv-image-portlet"><a href="/"><img src="/images/hemlunda-logo.svg" alt="{esc(site.name)}"> <span class="env-assistive-text">Till startsidan</span></a></div>
<div class="sv-script-portlet" id="google_translate_element"><p class="sv-font-liten">Use Google to translate the web. We take no responsibility for the accuracy of the translation.</p></div>
<form class="sv-searchform-portlet" action="/sok.html" method="get"><label for="q">Sök</label> <input id="q" name="q" type="search"> <button type="submit">Sök</button></form>
<nav class="sv-menu-portlet" aria-label="Huvudmeny"><ul class="sv-menu">
{menu}
</ul></nav>
</header>
"""
