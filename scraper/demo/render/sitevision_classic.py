"""An older SiteVision set-up (the held-out Aspviks kommun): numeric page URLs, "Aktuellt".

Articles at ``/4.<hex id>.html`` (SiteVision's short page URLs), a news start page
``/aktuellt.html`` with the five latest and a year-grouped archive page, dates written
"12 mars 2026", classic text styles (``rubrik1``, ``ingress``, ``brodtext``), a plain
sitemap and no feed.
"""

# ruff: noqa: E501 -- the HTML templates keep the real markup's long lines intact

from __future__ import annotations

from scraper.demo.content import Article, Contact, Page, SiteContent
from scraper.demo.render.common import ORIGIN, SiteOutput, body_html, esc, plain, sitemap, sv_date

PAGE_ID = "4.5f3a2b1c18e2a3b4c5d"
MENU = [
    ("/aktuellt.html", "Aktuellt"),
    ("/trafik-och-gator/snorojning.html", "Trafik och gator"),
    ("/omsorg-och-hjalp/hemtjanst.html", "Omsorg och hjälp"),
    ("/uppleva-och-gora/bibliotek.html", "Uppleva och göra"),
    ("/kommun-och-politik/sammantraden.html", "Kommun och politik"),
    ("/kontakta-oss.html", "Kontakta oss"),
]


def article_path(a: Article) -> str:
    return f"/{PAGE_ID}{a.slug}.html"


def text_portlet(html: str) -> str:
    return f'<div class="sv-portlet sv-text-portlet">\n<div class="sv-text-portlet-content">\n{html}\n</div>\n</div>'


class Renderer:
    def __init__(self, site: SiteContent) -> None:
        self.site = site
        self.articles = sorted(site.articles, key=lambda a: a.published, reverse=True)

    def widget(self) -> str:
        items = "".join(
            f'<li><a href="{article_path(a)}">{esc(a.title)}</a><br><span class="datum">{sv_date(a.published)}</span></li>'
            for a in self.articles[:3]
        )
        return (
            '<div class="sv-portlet sv-archive-portlet puff">\n<h2 class="rubrik2">Aktuellt från Aspvik</h2>\n'
            f'<ul class="nyhetslista">{items}</ul>\n<a href="/aktuellt.html">Fler nyheter</a>\n</div>'
        )

    def document(self, *, title: str, main: str, widget: bool = True, head: str = "") -> str:
        menu = "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in MENU)
        aside = f'<div class="sv-layout hogerspalt">\n{self.widget()}\n</div>' if widget else ""
        return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="UTF-8">
<title>{esc(title)} - {esc(self.site.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" type="text/css" href="/sitevision/util/css/sitevision.css">{head}
</head>
<body>
<div id="cookieinfo" class="sv-layout"><p>{esc(self.site.extra["cookie_text"])} <a href="#">Jag förstår</a></p></div>
<div class="sv-layout sidhuvud">
<a href="/" class="logo"><img src="/images/aspvik.png" alt="Aspviks kommun, till startsidan"></a>
<ul class="huvudmeny">{menu}</ul>
</div>
<div class="sv-layout innehall">
<div class="sv-layout mittspalt" id="content">
{main}
</div>
{aside}
</div>
<div class="sv-layout sidfot"><p class="normal">{esc(self.site.extra["switchboard"])} · <a href="mailto:kommunen@aspvik.se">kommunen@aspvik.se</a> · Box 100, 231 80 Aspvik</p></div>
</body>
</html>
"""

    def contact_html(self, c: Contact) -> str:
        return (
            f'<p class="normal">{esc(c.name)}, {esc(c.role)}<br>\nTelefon {esc(c.phone)}<br>\n'
            f'<a href="mailto:{esc(c.email)}">{esc(c.email)}</a></p>'
        )

    def article(self, a: Article) -> str:
        dates = f"Publicerad: {sv_date(a.published)}"
        if a.updated:
            dates += f" | Uppdaterad: {sv_date(a.updated)}"
        contacts = ""
        if a.contacts:
            contacts = "\n" + text_portlet(
                '<h3 class="rubrik3">Frågor besvaras av</h3>\n'
                + "\n".join(self.contact_html(c) for c in a.contacts)
            )
        main = (
            text_portlet(f'<h1 class="rubrik1">{esc(a.title)}</h1>')
            + "\n"
            + text_portlet(f'<p class="ingress">{a.lead}</p>')
            + "\n"
            + text_portlet(body_html(a.body, '<p class="brodtext">', '<h2 class="rubrik2">'))
            + contacts
            + "\n"
            + text_portlet(
                f'<p class="datum">{dates}</p>\n<p class="normal"><a href="javascript:window.print()">Skriv ut</a></p>'
            )
        )
        return self.document(
            title=a.title, main=main, head=f'\n<meta name="description" content="{esc(plain(a.lead))}">'
        )

    def listing(self) -> str:
        items = "\n".join(
            f'<li><a href="{article_path(a)}"><strong>{esc(a.title)}</strong></a><br>'
            f'<span class="datum">{sv_date(a.published)}</span><br>{esc(plain(a.lead))}</li>'
            for a in self.articles[:5]
        )
        main = text_portlet(
            '<h1 class="rubrik1">Aktuellt</h1>\n'
            f'<ul class="nyhetslista">\n{items}\n</ul>\n<p class="normal"><a href="/aktuellt/nyhetsarkiv.html">'
            "Nyhetsarkiv</a></p>"
        )
        return self.document(title="Aktuellt", main=main, widget=False)

    def archive(self) -> str:
        parts = ['<h1 class="rubrik1">Nyhetsarkiv</h1>']
        for year in sorted({a.published[:4] for a in self.articles}, reverse=True):
            parts.append(f'<h2 class="rubrik2">{year}</h2>\n<ul class="nyhetslista">')
            parts += [
                f'<li>{sv_date(a.published)} <a href="{article_path(a)}">{esc(a.title)}</a></li>'
                for a in self.articles
                if a.published.startswith(year)
            ]
            parts.append("</ul>")
        return self.document(title="Nyhetsarkiv", main=text_portlet("\n".join(parts)), widget=False)

    def page(self, p: Page) -> str:
        parts = [text_portlet(f'<h1 class="rubrik1">{esc(p.title)}</h1>')]
        if p.lead:
            parts.append(text_portlet(f'<p class="ingress">{p.lead}</p>'))
        parts.append(text_portlet(body_html(p.body, '<p class="brodtext">', '<h2 class="rubrik2">')))
        parts.append(
            text_portlet(f'<p class="datum">Publicerad: {sv_date(p.extra.get("date", p.lastmod))}</p>')
        )
        return self.document(title=p.title, main="\n".join(parts))

    def home(self) -> str:
        main = text_portlet(
            '<h1 class="rubrik1">Välkommen till Aspviks kommun</h1>\n<p class="ingress">Kust, skog och '
            'småstadsliv.</p>\n<p class="normal"><a href="/aktuellt.html">Aktuellt</a> · '
            '<a href="/4.5f3a2b1c18e2a3b4c5d9001.html">Julmarknad i Hamnparken</a></p>'
        )
        return self.document(title="Startsida", main=main)


def render(site: SiteContent) -> SiteOutput:
    r = Renderer(site)
    out = SiteOutput()
    lastmod: dict[str, str] = {}
    for a in r.articles:
        path = article_path(a)
        out.text(path.lstrip("/"), r.article(a))
        lastmod[path.lstrip("/")] = a.updated or a.published
        out.article_paths[a.slug] = path
    out.text("index.html", r.home())
    out.text("aktuellt.html", r.listing())
    out.text("aktuellt/nyhetsarkiv.html", r.archive())
    out.non_news += ["/", "/aktuellt.html", "/aktuellt/nyhetsarkiv.html"]
    for p in site.pages:
        out.text(p.path.lstrip("/"), r.page(p))
        lastmod[p.path.lstrip("/")] = p.lastmod
        out.non_news.append(p.path)
    out.text("robots.txt", f"User-agent: *\nDisallow: /sok.html\n\nSitemap: {ORIGIN}/sitemap.xml\n")
    entries = [("/", None), ("/aktuellt.html", r.articles[0].published), ("/aktuellt/nyhetsarkiv.html", None)]
    entries += [(p.path, p.lastmod) for p in site.pages]
    entries += [(article_path(a), a.updated or a.published) for a in r.articles]
    out.text("sitemap.xml", sitemap(entries))
    out.config = {
        "id": site.id,
        "name": site.name,
        "country": site.country,
        "language": site.language,
        "order": 1,
        "trailing_slash_redirect": False,
        "lastmod_default": "2026-02-02",
        "lastmod": lastmod,
    }
    return out
