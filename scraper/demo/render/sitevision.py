"""SiteVision markup, as most Swedish kommuner serve it (Hemlunda kommun).

Portlets (``sv-text-portlet``), ``sv-layout`` columns, a recent-news ``sv-archive-portlet``
on most pages, listing pagination in a ``sv.12.<id>.page`` query parameter, a sitemap
index pointing to a plain and a gzipped sitemap, an RSS feed.
"""

# ruff: noqa: E501 -- the HTML templates keep the real markup's long lines intact

from __future__ import annotations

from typing import Any

from scraper.demo.content import Article, Contact, Page, SiteContent, e164
from scraper.demo.render.common import (
    ORIGIN,
    SiteOutput,
    body_html,
    esc,
    plain,
    rfc822,
    rss,
    sitemap,
    sitemap_index,
)
from scraper.demo.render.sitevision_chrome import (
    FEED_PATH,
    PAGE_PARAM,
    PER_PAGE,
    Chrome,
    article_path,
    portlet,
    svid,
)


class Renderer(Chrome):
    """The pages themselves: articles, the listing, ordinary pages, home, calendar, search, 404."""

    # -- articles --------------------------------------------------------------

    def contact_html(self, c: Contact) -> str:
        tel = f'<a href="tel:{e164(c.phone, self.site.country)}">{esc(c.phone)}</a>' if c.phone else ""
        mail = f'<a href="mailto:{esc(c.email)}">{esc(c.email)}</a>' if c.email else ""
        if c.style == "role-first":
            lines = [f"{esc(c.role)} {esc(c.name)}"]
            lines += [f"E-post {mail}"] if mail else []
            lines += [f"Telefon {tel}"] if tel else []
        elif c.style == "desk":
            lines = [f"<strong>{esc(c.name)}</strong>"]
            lines += [f"Telefon {tel}"] if tel else []
            lines += [f"E-post {mail}"] if mail else []
        else:
            lines = [f"<strong>{esc(c.name)}</strong>, {esc(c.role)}"]
            lines += [f"Telefon: {tel}"] if tel else []
            lines += [f"E-post: {mail}"] if mail else []
        return '<p class="normal">' + "<br>\n".join(lines) + "</p>"

    def article(self, a: Article, index: int) -> str:
        path = article_path(a)
        charset = a.extra.get("encoding", "utf-8")
        parts = [portlet(f'<h1 class="heading">{esc(a.title)}</h1>', path + "h1")]
        date_line = f"Publicerad {a.published}"
        parts.append(portlet(f'<p class="sv-font-publiceringsdatum">{date_line}</p>', path + "date"))
        if index % 2:
            parts.append(portlet(f'<p class="sv-font-ingress">{a.lead}</p>', path + "lead", "ingress"))
            parts.append(
                portlet(body_html(a.body, '<p class="normal">', '<h2 class="subheading">'), path + "body")
            )
        else:
            body = f'<p class="normal lead">{a.lead}</p>\n' + body_html(
                a.body, '<p class="normal">', '<h2 class="subheading">'
            )
            parts.append(portlet(body, path + "body"))
        if a.contacts:
            contacts = "\n".join(self.contact_html(c) for c in a.contacts)
            parts.append(
                portlet(f'<h2 class="subheading">{esc(a.contact_heading)}</h2>\n{contacts}', path + "k")
            )
        parts.append(
            portlet(
                '<p class="normal">Dela sidan</p>\n<ul class="env-list share"><li><a href="https://www.facebook.com/'
                'sharer/sharer.php">Facebook</a></li><li><a href="https://www.linkedin.com/shareArticle">'
                "LinkedIn</a></li></ul>",
                path + "share",
            )
        )
        head = f'\n<meta property="og:type" content="article">\n<meta property="og:description" content="{esc(plain(a.lead))}">'
        if "alias" in a.extra:
            head += f'\n<link rel="canonical" href="{ORIGIN}{path}">'
        return self.document(
            path=path,
            title=a.title,
            main="\n".join(parts),
            crumbs=[("/nyheter.html", "Nyheter"), ("", a.title)],
            head=head,
            charset=charset,
            template="nyhetsartikel",
            description=plain(a.lead),
            lastmod=a.updated or a.published,
        )

    # -- listings and pages ----------------------------------------------------

    def listing_entries(self) -> list[tuple[str, str, str, str]]:
        rows = [(article_path(a), a.title, a.published, plain(a.lead)) for a in self.articles]
        for path, title, day, _status in self.site.extra["broken"]:
            rows.append((path, title, day, ""))
        return sorted(rows, key=lambda r: r[2], reverse=True)

    def listing(self, page: int, pages: int, rows: list[tuple[str, str, str, str]]) -> str:
        items = "\n".join(
            f'<li class="sv-channel-item">\n<a href="{href}"><h2 class="heading sv-font-rubrik-lista">{esc(title)}'
            f'</h2></a>\n<p class="sv-font-datum"><time datetime="{day}">{day}</time></p>\n'
            + (f'<p class="normal">{esc(lead)}</p>\n' if lead else "")
            + "</li>"
            for href, title, day, lead in rows
        )

        def page_url(n: int) -> str:
            return "/nyheter.html" if n == 1 else f"/nyheter.html?{PAGE_PARAM}={n}"

        nav = []
        if page > 1:
            nav.append(f'<a href="{page_url(page - 1)}" rel="prev">Föregående</a>')
        for n in range(1, pages + 1):
            nav.append(
                f'<span class="current">{n}</span>' if n == page else f'<a href="{page_url(n)}">{n}</a>'
            )
        if page < pages:
            nav.append(f'<a href="{page_url(page + 1)}" rel="next">Nästa</a>')
        main = (
            portlet('<h1 class="heading">Nyheter</h1>', "listh1")
            + "\n"
            + f'<div class="sv-archive-portlet sv-news-list" id="{svid("list")}">\n<ul class="sv-archive-list">\n'
            + items
            + '\n</ul>\n<nav class="sv-pagination" aria-label="Sidnumrering">'
            + " ".join(nav)
            + "</nav>\n</div>"
        )
        crumbs = [("", "Nyheter")] if page == 1 else [("/nyheter.html", "Nyheter"), ("", f"Sida {page}")]
        return self.document(
            path=page_url(page),
            title="Nyheter",
            main=main,
            crumbs=crumbs,
            widget=False,
            template="nyhetslista",
        )

    def page(self, p: Page) -> str:
        crumbs: list[tuple[str, str]] = []
        if p.section:
            parent = next(x for x in self.site.pages if x.path == p.section)
            crumbs.append((parent.path, parent.title))
        crumbs.append(("", p.title))
        parts = [portlet(f'<h1 class="heading">{esc(p.title)}</h1>', p.path + "h1")]
        if p.extra.get("event"):
            parts.append(
                portlet(f'<p class="sv-font-publiceringsdatum">Publicerad {p.extra["date"]}</p>', p.path)
            )
        if p.lead:
            parts.append(portlet(f'<p class="sv-font-ingress">{p.lead}</p>', p.path + "lead", "ingress"))
        parts.append(
            portlet(body_html(p.body, '<p class="normal">', '<h2 class="subheading">'), p.path + "b")
        )
        return self.document(
            path=p.path,
            title=p.title,
            main="\n".join(parts),
            crumbs=crumbs,
            widget=not p.extra.get("no_widget"),
            lastmod=p.lastmod,
            template="evenemang" if p.extra.get("event") else "standardsida",
        )

    def home(self) -> str:
        latest = "\n".join(
            f'<li class="sv-channel-item"><a href="{article_path(a)}">{esc(a.title)}</a> '
            f'<span class="sv-date">{a.published}</span></li>'
            for a in self.articles[:3]
        )
        tracked = next(a for a in self.articles if a.extra.get("tracking_link"))
        main = "\n".join(
            [
                portlet(
                    f'<h1 class="heading">Välkommen till {esc(self.site.name)}</h1>\n'
                    '<p class="sv-font-ingress">Här bor och verkar drygt 21 000 människor mellan skogarna och sjön.</p>',
                    "homeh1",
                ),
                portlet(
                    '<h2 class="subheading">Aktuellt</h2>\n<ul class="sv-archive-list">\n'
                    + latest
                    + '\n</ul>\n<p class="normal"><a href="/nyheter.html">Fler nyheter</a></p>',
                    "homenews",
                ),
                portlet(
                    '<h2 class="subheading">Från nyhetsbrevet</h2>\n<p class="normal">'
                    f'<a href="{article_path(tracked)}?utm_source=nyhetsbrev&amp;utm_medium=email">'
                    f"{esc(tracked.title)}</a></p>",
                    "homenl",
                ),
                portlet(
                    '<h2 class="subheading">Genvägar</h2>\n<ul class="sv-linklist">'
                    '<li><a href="/bygga-och-bo/avfall-och-atervinning/sophamtning.html">Sophämtning</a></li>'
                    '<li><a href="/bygga-och-bo/bygglov/ansok-om-bygglov.html">Ansök om bygglov</a></li>'
                    '<li><a href="/forskola-och-skola/forskola/ansok-om-forskoleplats.html">Förskoleplats</a></li>'
                    '<li><a href="/evenemang/kalender.html?manad=2026-03">Evenemangskalender</a></li></ul>',
                    "homelinks",
                ),
            ]
        )
        return self.document(
            path="/", title="Startsida", main=main, crumbs=[], widget=False, template="startsida"
        )

    def calendar_template(self) -> str:
        events = "\n".join(
            f'<li class="sv-channel-item"><a href="{href}">{esc(title)}</a> <span class="sv-date">'
            f"{{{{month}}}}-{day}</span></li>"
            for day, title, href in [
                ("04", "Sagostund på biblioteket", "/evenemang.html"),
                ("11", "Stickcafé på Träffpunkt Solgården", "/evenemang.html"),
                ("18", "Vårmarknad på torget", "/evenemang/2026-04-18-varmarknad-pa-torget.html"),
                ("25", "Orgelkonsert i Hemlunda kyrka", "/evenemang.html"),
            ]
        )
        main = (
            portlet('<h1 class="heading">Evenemangskalender {{month_name}}</h1>', "calh1")
            + "\n"
            + portlet(
                f'<ul class="sv-archive-list">\n{events}\n</ul>\n<p class="normal">'
                '<a href="/evenemang/kalender.html?manad={{prev}}" rel="prev">Föregående månad</a> | '
                '<a href="/evenemang/kalender.html?manad={{next}}" rel="next">Nästa månad</a></p>',
                "calbody",
            )
        )
        return self.document(
            path="/evenemang/kalender.html",
            title="Evenemangskalender",
            main=main,
            crumbs=[("/evenemang.html", "Evenemang"), ("", "Kalender")],
            template="kalender",
        )

    def search(self) -> str:
        hits = "\n".join(
            f'<li><a href="{article_path(a)}">{esc(a.title)}</a> <span class="sv-date">{a.published}</span></li>'
            for a in self.articles[2:5]
        )
        main = portlet(
            '<h1 class="heading">Sökresultat</h1>\n<p class="normal">Din sökning gav 3 träffar.</p>\n'
            f'<ol class="sv-search-result">\n{hits}\n</ol>',
            "search",
        )
        return self.document(path="/sok.html", title="Sök", main=main, crumbs=[("", "Sök")], widget=False)

    def not_found(self) -> str:
        main = portlet(
            '<h1 class="heading">Sidan kunde inte hittas</h1>\n<p class="normal">Sidan du söker finns inte längre '
            'eller har flyttats. Gå till <a href="/">startsidan</a> eller <a href="/sok.html">sök</a>.</p>',
            "404",
        )
        return self.document(path="/404", title="Sidan kunde inte hittas", main=main, crumbs=[], widget=False)


def render(site: SiteContent) -> SiteOutput:
    r = Renderer(site)
    out = SiteOutput()
    config = site_config(site)
    lastmod: dict[str, str] = config["lastmod"]
    render_articles(r, out, config)
    for path, _title, _day, status in site.extra["broken"]:
        if status != 404:
            config["status"][path] = status
        out.broken.append({"path": path, "status": status})
    rows = render_listings(r, out, config)
    lastmod["nyheter.html"] = rows[0][2]

    out.text("index.html", r.home())
    out.non_news.insert(0, "/")
    lastmod["index.html"] = r.articles[0].published
    for p in site.pages:
        rel = p.path.lstrip("/")
        out.text(rel, r.page(p))
        lastmod[rel] = p.lastmod
        out.non_news.append(p.path)
    out.text("_calendar.html", r.calendar_template())
    out.non_news += ["/evenemang/kalender.html?manad=2026-03", "/evenemang/kalender.html?manad=2031-07"]
    out.text("sok.html", r.search())
    out.non_news.append("/sok.html?q=budget")
    out.text("_404.html", r.not_found())

    out.text(
        "robots.txt",
        "User-agent: *\nDisallow: /sok.html\nDisallow: /sitevision/\nDisallow: /*?*sv.q=\n\n"
        f"Sitemap: {ORIGIN}/sitemap.xml\n",
    )
    render_sitemaps(r, out, lastmod)
    out.text(FEED_PATH.lstrip("/"), news_feed(site, r.articles))
    out.config = config
    return out


def site_config(site: SiteContent) -> dict[str, Any]:
    """The demo server's ``_site.json``; lastmod, encodings, aliases, redirects, status and queries
    are filled in while rendering."""
    return {
        "id": site.id,
        "name": site.name,
        "country": site.country,
        "language": site.language,
        "order": 1,
        "trailing_slash_redirect": False,
        "lastmod_default": "2026-03-01",
        "redirects": {},
        "status": {},
        "aliases": {},
        "queries": {},
        "encodings": {},
        "types": {FEED_PATH.lstrip("/"): "application/rss+xml"},
        "lastmod": {},
        "calendar": {
            "path": "/evenemang/kalender.html",
            "param": "manad",
            "default": "2026-03",
            "template": "_calendar.html",
        },
    }


def render_articles(r: Renderer, out: SiteOutput, config: dict[str, Any]) -> None:
    """Every article, in its own encoding, with its alias and old address if it has them."""
    for i, a in enumerate(r.articles):
        path = article_path(a)
        rel = path.lstrip("/")
        encoding = a.extra.get("encoding", "utf-8")
        out.text(rel, r.article(a, i), encoding)
        if encoding != "utf-8":
            config["encodings"][rel] = encoding
        if "alias" in a.extra:
            config["aliases"][a.extra["alias"]] = rel
        if "redirect_from" in a.extra:
            config["redirects"][a.extra["redirect_from"]] = path
        config["lastmod"][rel] = a.updated or a.published
        out.article_paths[a.slug] = path


def render_listings(r: Renderer, out: SiteOutput, config: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The news listing, ``/nyheter.html`` and its further pages; returns the listing's entries."""
    rows = r.listing_entries()
    pages = (len(rows) + PER_PAGE - 1) // PER_PAGE
    for n in range(1, pages + 1):
        html = r.listing(n, pages, rows[(n - 1) * PER_PAGE : n * PER_PAGE])
        if n == 1:
            out.text("nyheter.html", html)
            out.non_news.append("/nyheter.html")
        else:
            rel = f"_query/nyheter-page-{n}.html"
            out.text(rel, html)
            config["queries"][f"/nyheter.html?{PAGE_PARAM}={n}"] = rel
            out.non_news.append(f"/nyheter.html?{PAGE_PARAM}={n}")
    return rows


def render_sitemaps(r: Renderer, out: SiteOutput, lastmod: dict[str, str]) -> None:
    """A sitemap index of two: pages and this year's news, and older news (gzipped, with the 410s)."""
    recent = [(article_path(a), a.updated or a.published) for a in r.articles if a.published >= "2026"]
    older = [(article_path(a), a.updated or a.published) for a in r.articles if a.published < "2026"]
    gone = [(p, d) for p, _t, d, s in r.site.extra["broken"] if s == 410]
    pages_entries = [("/", lastmod["index.html"]), ("/nyheter.html", lastmod["nyheter.html"])]
    pages_entries += [(p.path, p.lastmod) for p in r.site.pages] + [
        ("/evenemang/kalender.html", "2026-03-01")
    ]
    out.text("sitemap1.xml", sitemap(pages_entries + recent))
    out.gz("sitemap2.xml.gz", sitemap(older + gone))
    out.text(
        "sitemap.xml",
        sitemap_index([("/sitemap1.xml", recent[0][1]), ("/sitemap2.xml.gz", older[0][1])]),
    )


def news_feed(site: SiteContent, articles: list[Article]) -> str:
    """The RSS feed of every article, newest first."""
    return rss(
        f"Nyheter från {site.name}",
        "/nyheter.html",
        "Nyheter och pressmeddelanden från Hemlunda kommun",
        "sv",
        [
            {
                "title": a.title,
                "path": article_path(a),
                "description": plain(a.lead),
                "date": rfc822(a.published, a.time),
            }
            for a in articles
        ],
        FEED_PATH,
    )
