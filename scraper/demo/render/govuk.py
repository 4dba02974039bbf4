"""A GOV.UK-design-system council CMS (Borough of Kestrelford Council).

Extensionless paths, news at ``/news`` with ``?page=N``, press releases at
``/news/YYYY/MM/slug``, dates written "12 March 2026" in a ``<dl>``, a plain
``/sitemap.xml`` and an Atom feed at ``/news.atom``.
"""

# ruff: noqa: E501 -- the HTML templates keep the real markup's long lines intact

from __future__ import annotations

from typing import Any

from scraper.demo.content import Article, Contact, Page, SiteContent, e164
from scraper.demo.render.common import (
    ORIGIN,
    SiteOutput,
    atom,
    body_html,
    en_date,
    esc,
    plain,
    sitemap,
)

PER_PAGE = 5
MENU = [
    ("/news", "News"),
    ("/council-tax", "Council tax"),
    ("/bins-and-recycling", "Bins and recycling"),
    ("/whats-on", "What's on"),
    ("/contact-us", "Contact us"),
]


def article_path(a: Article) -> str:
    y, m, _ = a.published.split("-")
    return f"/news/{y}/{m}/{a.slug}"


def rfc3339(day: str, time: str = "10:00") -> str:
    return f"{day}T{time}:00Z"


class Renderer:
    def __init__(self, site: SiteContent) -> None:
        self.site = site
        self.articles = sorted(site.articles, key=lambda a: a.published, reverse=True)

    def document(
        self, *, title: str, main: str, crumbs: list[tuple[str, str]], head: str = "", aside: str = ""
    ) -> str:
        crumb_html = "\n".join(
            f'<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="{h}">{esc(t)}</a></li>'
            for h, t in [("/", "Home"), *crumbs]
        )
        site = self.site
        return (
            self.top(title, head)
            + f"""<div class="govuk-width-container">
<nav class="govuk-breadcrumbs" aria-label="Breadcrumb"><ol class="govuk-breadcrumbs__list">
{crumb_html}
</ol></nav>
<main class="govuk-main-wrapper" id="main-content" role="main">
<div class="govuk-grid-row">
<div class="govuk-grid-column-two-thirds">
{main}
</div>
<div class="govuk-grid-column-one-third">
{aside}
</div>
</div>
<div class="app-feedback"><h2 class="govuk-heading-s">Is this page useful?</h2><button class="govuk-button govuk-button--secondary">Yes</button> <button class="govuk-button govuk-button--secondary">No</button></div>
</main>
</div>
<footer class="govuk-footer">
<div class="govuk-width-container"><div class="govuk-footer__meta">
<ul class="govuk-footer__inline-list"><li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/contact-us">Contact us</a></li>
<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/cookies">Cookies</a></li>
<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/news.atom">News feed</a></li></ul>
<p class="govuk-body-s">Kestrelford Council, Town Hall, Market Square, Kestrelford KF1 1AA. {esc(site.extra["switchboard"])}</p>
<p class="govuk-body-s">&copy; Borough of Kestrelford Council</p>
</div></div>
</footer>
</body>
</html>
"""
        )

    def top(self, title: str, head: str) -> str:
        """From the doctype to the end of the header: cookie banner, skip link, logo, menu."""
        site = self.site
        nav = "\n".join(
            f'<li class="govuk-header__navigation-item"><a class="govuk-header__link" href="{h}">{esc(t)}</a></li>'
            for h, t in MENU
        )
        return f"""<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<title>{esc(title)} - {esc(site.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#0b0c0c">
<link rel="alternate" type="application/atom+xml" title="Kestrelford Council news" href="/news.atom">
<link rel="stylesheet" href="/assets/stylesheets/application-4f2a.css">{head}
</head>
<body class="govuk-template__body">
<script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>
<div class="govuk-cookie-banner" data-nosnippet role="region" aria-label="Cookies on the Kestrelford Council website">
<div class="govuk-cookie-banner__message govuk-width-container">
<h2 class="govuk-cookie-banner__heading govuk-heading-m">Cookies on the Kestrelford Council website</h2>
<div class="govuk-cookie-banner__content"><p class="govuk-body">{esc(site.extra["cookie_text"])} We'd also like to use analytics cookies so we can understand how you use the website.</p></div>
<div class="govuk-button-group"><button type="button" class="govuk-button">Accept analytics cookies</button> <button type="button" class="govuk-button">Reject analytics cookies</button> <a class="govuk-link" href="/cookies">View cookies</a></div>
</div></div>
<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
<header class="govuk-header" data-module="govuk-header">
<div class="govuk-header__container govuk-width-container">
<div class="govuk-header__logo"><a href="/" class="govuk-header__link govuk-header__link--homepage"><span class="govuk-header__logotype-text">{esc(site.name)}</span></a></div>
<div class="govuk-header__content"><nav aria-label="Menu" class="govuk-header__navigation"><ul id="navigation" class="govuk-header__navigation-list">
{nav}
</ul></nav></div>
</div>
</header>
"""

    def contact_html(self, c: Contact) -> str:
        tel = f'<a class="govuk-link" href="tel:{e164(c.phone or "", self.site.country)}">{esc(c.phone)}</a>'
        mail = f'<a class="govuk-link" href="mailto:{esc(c.email)}">{esc(c.email)}</a>'
        if c.style == "named":
            return f'<p class="govuk-body">For more information contact {esc(c.name)}, {esc(c.role)}, on {tel} or email {mail}.</p>'
        if c.style == "desk":
            return (
                f'<p class="govuk-body">{esc(c.name)}<br>\nEmail: {mail}<br>\nTelephone: {esc(c.phone)}</p>'
            )
        return (
            f'<p class="govuk-body">{esc(c.name)}, Kestrelford Council<br>\nEmail: {mail}<br>\n'
            f"Telephone: {esc(c.phone)}</p>"
        )

    def related(self) -> str:
        return (
            '<aside class="app-related-items" role="complementary"><h2 class="govuk-heading-s">Related content</h2>'
            '<ul class="govuk-list govuk-!-font-size-16"><li><a class="govuk-link" href="/news/media-centre">'
            'Media centre</a></li><li><a class="govuk-link" href="/consultations">Consultations</a></li>'
            '<li><a class="govuk-link" href="/news">All news</a></li></ul></aside>'
        )

    def article(self, a: Article) -> str:
        path = article_path(a)
        meta = f"<dt>Published</dt>\n<dd>{en_date(a.published)}</dd>"
        if a.updated:
            meta += f"\n<dt>Last updated</dt>\n<dd>{en_date(a.updated)}</dd>"
        notes = ""
        if a.extra.get("notes"):
            items = "".join(f"<li>{esc(n)}</li>" for n in a.extra["notes"])
            notes = (
                '\n<h2 class="govuk-heading-m">Notes to editors</h2>\n'
                f'<ol class="govuk-list govuk-list--number">{items}</ol>'
            )
        contacts = ""
        if a.contacts:
            contacts = f'\n<h2 class="govuk-heading-m">{esc(a.contact_heading)}</h2>\n' + "\n".join(
                self.contact_html(c) for c in a.contacts
            )
        main = f"""<span class="govuk-caption-l">Press release</span>
<h1 class="govuk-heading-xl">{esc(a.title)}</h1>
<p class="govuk-body-l">{a.lead}</p>
<dl class="app-c-metadata govuk-body-s">
{meta}
</dl>
<div class="app-c-govspeak govuk-body">
{body_html(a.body, '<p class="govuk-body">', '<h2 class="govuk-heading-m">')}{notes}{contacts}
</div>"""
        head = (
            f'\n<meta name="description" content="{esc(plain(a.lead))}">'
            f'\n<meta property="og:title" content="{esc(a.title)}">'
            f'\n<meta property="og:type" content="article">'
            f'\n<meta property="og:url" content="{ORIGIN}{path}">'
            f'\n<link rel="canonical" href="{ORIGIN}{path}">'
        )
        return self.document(
            title=a.title, main=main, crumbs=[("/news", "News")], head=head, aside=self.related()
        )

    def listing(self, page: int, pages: int, posts: list[Article]) -> str:
        def url(n: int) -> str:
            return "/news" if n == 1 else f"/news?page={n}"

        items = "\n".join(
            f'<li class="app-news-item"><h2 class="govuk-heading-s"><a class="govuk-link" href="{article_path(a)}">'
            f'{esc(a.title)}</a></h2><p class="govuk-body-s">{en_date(a.published)}</p>'
            f'<p class="govuk-body">{esc(plain(a.lead))}</p></li>'
            for a in posts
        )
        nav = ['<nav class="govuk-pagination" aria-label="Pagination">']
        if page > 1:
            nav.append(
                f'<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href="{url(page - 1)}"'
                ' rel="prev">Previous<span class="govuk-visually-hidden"> page</span></a></div>'
            )
        nav.append('<ul class="govuk-pagination__list">')
        for n in range(1, pages + 1):
            current = ' govuk-pagination__item--current" aria-current="page' if n == page else ""
            nav.append(
                f'<li class="govuk-pagination__item{current}"><a class="govuk-link" href="{url(n)}">{n}</a></li>'
            )
        nav.append("</ul>")
        if page < pages:
            nav.append(
                f'<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href="{url(page + 1)}"'
                ' rel="next">Next<span class="govuk-visually-hidden"> page</span></a></div>'
            )
        nav.append("</nav>")
        main = (
            '<h1 class="govuk-heading-xl">News</h1>\n<p class="govuk-body-l">Press releases and news from the '
            "council.</p>\n"
            f'<ul class="govuk-list app-news-list">\n{items}\n</ul>\n' + "\n".join(nav)
        )
        return self.document(title="News", main=main, crumbs=[], aside=self.related())

    def page(self, p: Page) -> str:
        crumbs = []
        if p.section:
            parent = next((x for x in self.site.pages if x.path == p.section), None)
            crumbs.append((p.section, parent.title if parent else "News"))
        main = f'<h1 class="govuk-heading-xl">{esc(p.title)}</h1>\n'
        if p.lead:
            main += f'<p class="govuk-body-l">{p.lead}</p>\n'
        if p.extra.get("event"):
            main += f'<dl class="app-c-metadata govuk-body-s"><dt>Published</dt><dd>{en_date(p.extra["date"])}</dd></dl>\n'
        main += body_html(p.body, '<p class="govuk-body">', '<h2 class="govuk-heading-m">')
        main += f'\n<p class="govuk-body-s">Last updated: {en_date(p.lastmod)}</p>'
        return self.document(title=p.title, main=main, crumbs=crumbs)

    def home(self) -> str:
        latest = "\n".join(
            f'<li><a class="govuk-link" href="{article_path(a)}">{esc(a.title)}</a> <span class="govuk-body-s">'
            f"{en_date(a.published)}</span></li>"
            for a in self.articles[:3]
        )
        main = (
            f'<h1 class="govuk-heading-xl">{esc(self.site.name)}</h1>\n'
            '<h2 class="govuk-heading-m">Popular tasks</h2>\n<ul class="govuk-list">'
            '<li><a class="govuk-link" href="/council-tax">Pay your council tax</a></li>'
            '<li><a class="govuk-link" href="/bins-and-recycling/find-your-bin-collection-day">Find your bin '
            'collection day</a></li><li><a class="govuk-link" href="/consultations">Have your say</a></li></ul>\n'
            f'<h2 class="govuk-heading-m">Latest news</h2>\n<ul class="govuk-list">\n{latest}\n</ul>\n'
            '<p class="govuk-body"><a class="govuk-link" href="/news">More news</a></p>'
        )
        return self.document(title="Home", main=main, crumbs=[])

    def not_found(self) -> str:
        main = (
            '<h1 class="govuk-heading-l">Page not found</h1><p class="govuk-body">If you typed the web address, '
            'check it is correct.</p><p class="govuk-body"><a class="govuk-link" href="/">Go to the homepage</a></p>'
        )
        return self.document(title="Page not found", main=main, crumbs=[])


def render(site: SiteContent) -> SiteOutput:
    r = Renderer(site)
    out = SiteOutput()
    config = site_config(site)
    lastmod: dict[str, str] = config["lastmod"]
    for a in r.articles:
        path = article_path(a)
        rel = path.lstrip("/") + "/index.html"
        out.text(rel, r.article(a))
        lastmod[rel] = a.updated or a.published
        out.article_paths[a.slug] = path
    render_listings(r, out, config)
    lastmod["news/index.html"] = r.articles[0].published
    out.text("index.html", r.home())
    out.non_news.insert(0, "/")
    for p in site.pages:
        rel = p.path.lstrip("/") + "/index.html"
        out.text(rel, r.page(p))
        lastmod[rel] = p.lastmod
        out.non_news.append(p.path)
    out.text("_404.html", r.not_found())
    out.text(
        "robots.txt",
        f"User-agent: *\nDisallow: /search\nDisallow: /admin/\n\nSitemap: {ORIGIN}/sitemap.xml\n",
    )
    entries = [("/", r.articles[0].published), ("/news", r.articles[0].published)]
    entries += [(p.path, p.lastmod) for p in site.pages]
    entries += [(article_path(a), a.updated or a.published) for a in r.articles]
    out.text("sitemap.xml", sitemap(entries))
    out.text("news.atom", news_feed(r.articles))
    out.config = config
    return out


def site_config(site: SiteContent) -> dict[str, Any]:
    """The demo server's ``_site.json``; ``lastmod`` and ``queries`` are filled in while rendering."""
    return {
        "id": site.id,
        "name": site.name,
        "country": site.country,
        "language": site.language,
        "order": 3,
        "trailing_slash_redirect": False,
        "lastmod_default": "2026-01-20",
        "redirects": {},
        "status": {},
        "aliases": {},
        "queries": {},
        "encodings": {},
        "types": {"news.atom": "application/atom+xml"},
        "lastmod": {},
    }


def render_listings(r: Renderer, out: SiteOutput, config: dict[str, Any]) -> None:
    """The news listing: ``/news``, then ``/news?page=N`` served from ``_query/`` files."""
    pages = (len(r.articles) + PER_PAGE - 1) // PER_PAGE
    for n in range(1, pages + 1):
        html = r.listing(n, pages, r.articles[(n - 1) * PER_PAGE : n * PER_PAGE])
        if n == 1:
            out.text("news/index.html", html)
            out.non_news.append("/news")
        else:
            rel = f"_query/news-page-{n}.html"
            out.text(rel, html)
            config["queries"][f"/news?page={n}"] = rel
            out.non_news.append(f"/news?page={n}")


def news_feed(articles: list[Article]) -> str:
    """The Atom feed of every article, newest first."""
    return atom(
        "Kestrelford Council news",
        "/news.atom",
        "/news",
        "tag:kestrelford.gov.uk,2024:news",
        rfc3339(articles[0].updated or articles[0].published),
        [
            {
                "title": a.title,
                "path": article_path(a),
                "id": f"tag:kestrelford.gov.uk,{a.published}:{a.slug}",
                "published": rfc3339(a.published),
                "updated": rfc3339(a.updated or a.published),
                "summary": plain(a.lead),
            }
            for a in articles
        ],
    )
