"""The WordPress theme's chrome (Ekeby kommun): head, header and menu, sidebar, footer, cookie
notice, contact blocks; and the paths and ids the pages share.
"""

# ruff: noqa: E501 -- the HTML templates keep the real markup's long lines intact

from __future__ import annotations

import json

from scraper.demo.content import Article, Contact, SiteContent, e164
from scraper.demo.render.common import (
    ORIGIN,
    esc,
    plain,
    slugify,
    sv_date,
    sweden_offset,
)

PER_PAGE = 5
FIRST_POST_ID = 101
MENU = [
    ("/nyheter/", "Nyheter"),
    ("/om-kommunen/", "Om kommunen"),
    ("/lediga-jobb/", "Lediga jobb"),
    ("/kontakt/", "Kontakt"),
]
XSL = '<?xml-stylesheet type="text/xsl" href="{{origin}}/wp-sitemap.xsl" ?>\n'


def article_path(a: Article) -> str:
    y, m, d = a.published.split("-")
    return f"/{y}/{m}/{d}/{a.slug}/"


def iso(day: str, time: str) -> str:
    return f"{day}T{time}:00{sweden_offset(day)}"


class Chrome:
    """What every page shares: head, header and menu, sidebar, footer, cookie notice; contacts, authors."""

    def __init__(self, site: SiteContent) -> None:
        self.site = site
        self.articles = sorted(site.articles, key=lambda a: (a.published, a.time), reverse=True)
        self.ids = {a.slug: FIRST_POST_ID + i for i, a in enumerate(reversed(self.articles))}

    def sidebar(self) -> str:
        items = "\n".join(
            f'<li><a href="{article_path(a)}">{esc(a.title)}</a> <span class="post-date">{sv_date(a.published)}'
            "</span></li>"
            for a in self.articles[:5]
        )
        return f"""<aside id="secondary" class="widget-area">
<section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="/">
<label><span class="screen-reader-text">Sök efter:</span><input type="search" class="search-field" placeholder="Sök …" value="" name="s"></label>
<input type="submit" class="search-submit" value="Sök"></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Senaste inläggen</h2>
<ul>
{items}
</ul></section>
<section id="tag_cloud-2" class="widget widget_tag_cloud"><h2 class="widget-title">Etiketter</h2><div class="tagcloud">
<a href="/tag/skola/" class="tag-cloud-link">skola</a> <a href="/tag/trafik/" class="tag-cloud-link">trafik</a> <a href="/tag/vatten/" class="tag-cloud-link">vatten</a>
</div></section>
</aside>"""

    def document(
        self, *, title: str, body_class: str, main: str, head: str = "", sidebar: bool = True
    ) -> str:
        site = self.site
        menu = "\n".join(
            f'<li id="menu-item-{20 + i}" class="menu-item menu-item-type-post_type menu-item-object-page '
            f'menu-item-{20 + i}"><a href="{href}">{esc(text)}</a></li>'
            for i, (href, text) in enumerate(MENU)
        )
        return f"""<!doctype html>
<html lang="sv-SE">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<title>{esc(title)}</title>
<meta name='robots' content='index, follow, max-image-preview:large' />
<link rel="alternate" type="application/rss+xml" title="{esc(site.name)} &raquo; Flöde" href="{ORIGIN}/feed/" />
<link rel="alternate" type="application/rss+xml" title="{esc(site.name)} &raquo; Nyheter Kategoriflöde" href="{ORIGIN}/category/nyheter/feed/" />
<link rel='stylesheet' id='ekeby-style-css' href='/wp-content/themes/ekeby/style.css?ver=1.4.2' media='all' />
<link rel="https://api.w.org/" href="{ORIGIN}/wp-json/" />{head}
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{ORIGIN}/xmlrpc.php?rsd" />
<meta name="generator" content="WordPress 6.8.3" />
</head>
<body class="{body_class}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Hoppa till innehåll</a>
<header id="masthead" class="site-header">
<div class="site-branding">
<p class="site-title"><a href="/" rel="home">{esc(site.name)}</a></p>
<p class="site-description">Mitt i skogen, nära till allt</p>
</div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Meny</button>
<div class="menu-huvudmeny-container"><ul id="primary-menu" class="menu">
{menu}
</ul></div></nav>
</header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
{main}
</main>
{self.sidebar() if sidebar else ""}
</div>
<footer id="colophon" class="site-footer">
<div class="site-info">{esc(site.name)} · Storgatan 1, 717 80 Ekeby · {esc(site.extra["switchboard"])} · <a href="mailto:kommun@ekeby.se">kommun@ekeby.se</a></div>
</footer>
</div>
<div id="cookie-notice" role="dialog" class="cookie-notice-hidden cookie-revoke-hidden cn-position-bottom" aria-label="Cookie Notice">
<div class="cookie-notice-container"><span id="cn-notice-text" class="cn-text-container">{esc(site.extra["cookie_text"])}</span>
<span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie" class="cn-set-cookie cn-button">Ok</a></span></div>
</div>
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</body>
</html>
"""

    def contact_html(self, c: Contact) -> str:
        tel_href = f"tel:{e164(c.phone, self.site.country)}" if c.phone else ""
        if c.style == "fragor":
            return (
                f'<p>Frågor besvaras av <a href="mailto:{esc(c.email)}">{esc(c.name)}</a>, {esc(c.role)}, '
                f"telefon {esc(c.phone)}.</p>"
            )
        if c.style == "desk":
            return (
                f"<p><strong>{esc(c.name)}</strong><br>\nTelefon: {esc(c.phone)}<br>\n"
                f'E-post: <a href="mailto:{esc(c.email)}">{esc(c.email)}</a></p>'
            )
        if c.style == "plain":
            return (
                f"<p><strong>{esc(c.name)}</strong><br>\n{esc(c.role)}<br>\n"
                f'E-post: <a href="mailto:{esc(c.email)}">{esc(c.email)}</a><br>\n'
                f'Telefon: <a href="{tel_href}">{esc(c.phone)}</a></p>'
            )
        return (
            f"<p>Mer information:<br>\n{esc(c.name)}, {esc(c.role)}<br>\nTelefon: {esc(c.phone)}<br>\n"
            f'E-post: <a href="mailto:{esc(c.email)}">{esc(c.email)}</a></p>'
        )

    def author_slug(self, name: str) -> str:
        return slugify(name)

    def article_head(self, a: Article, pid: int, published: str, modified: str) -> str:
        """Yoast's head: canonical link, Open Graph, the schema.org graph, the REST API and short links."""
        path = article_path(a)
        ld = {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "Article",
                    "@id": f"{ORIGIN}{path}#article",
                    "headline": a.title,
                    "datePublished": published,
                    "dateModified": modified,
                    "author": {"@type": "Person", "name": a.author},
                    "publisher": {"@type": "GovernmentOrganization", "name": self.site.name},
                    "inLanguage": "sv-SE",
                }
            ],
        }
        head = f"""
<link rel="canonical" href="{ORIGIN}{path}" />
<meta name="description" content="{esc(plain(a.lead))}" />
<meta property="og:locale" content="sv_SE" />
<meta property="og:type" content="article" />
<meta property="og:title" content="{esc(a.title)}" />
<meta property="og:description" content="{esc(plain(a.lead))}" />
<meta property="og:url" content="{ORIGIN}{path}" />
<meta property="og:site_name" content="{esc(self.site.name)}" />
<meta property="article:published_time" content="{published}" />
<meta property="article:modified_time" content="{modified}" />
<meta name="author" content="{esc(a.author or "")}" />
<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(ld, ensure_ascii=False)}</script>
<link rel="alternate" title="JSON" type="application/json" href="{ORIGIN}/wp-json/wp/v2/posts/{pid}" />
<link rel='shortlink' href='{ORIGIN}/?p={pid}' />"""
        return head
