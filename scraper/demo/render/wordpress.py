"""WordPress markup with a typical underscores-based theme (Ekeby kommun).

Posts at ``/YYYY/MM/DD/slug/``, a posts page at ``/nyheter/`` with ``/page/N/`` pagination,
the category archive, tag and author archives, ``?s=`` search, RSS at ``/feed/``, and the
core sitemaps (``/wp-sitemap.xml`` index → posts, pages, taxonomies, users).
"""

# ruff: noqa: E501 -- the HTML templates keep the real markup's long lines intact

from __future__ import annotations

from typing import Any

from scraper.demo.content import Article, Page, SiteContent
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
    slugify,
    sv_date,
    sweden_offset,
)
from scraper.demo.render.wordpress_chrome import (
    PER_PAGE,
    XSL,
    Chrome,
    article_path,
    iso,
)


class Renderer(Chrome):
    """The pages themselves: posts, archives, ordinary pages, home, search results, 404."""

    def article(self, a: Article, index: int) -> str:
        path = article_path(a)
        pid = self.ids[a.slug]
        published = iso(a.published, a.time)
        modified = iso(a.updated, "08:00") if a.updated else published
        tags = " ".join(f"tag-{t}" for t in a.tags)
        contact = ""
        if a.contacts:
            contact = '\n<h3 class="wp-block-heading">Kontakt</h3>\n' + "\n".join(
                self.contact_html(c) for c in a.contacts
            )
        updated_time = (
            f'<time class="updated" datetime="{modified}">{sv_date(a.updated)}</time>'
            if a.updated
            else f'<time class="updated" datetime="{modified}">{sv_date(a.published)}</time>'
        )
        tag_links = ", ".join(f'<a href="/tag/{t}/" rel="tag">{t}</a>' for t in a.tags)
        nav = self.post_navigation(index)
        head = self.article_head(a, pid, published, modified)
        main = f"""<article id="post-{pid}" class="post-{pid} post type-post status-publish format-standard hentry category-nyheter {tags}">
<header class="entry-header">
<h1 class="entry-title">{esc(a.title)}</h1>
<div class="entry-meta">
<span class="posted-on">Publicerad <a href="{path}" rel="bookmark"><time class="entry-date published" datetime="{published}">{sv_date(a.published)}</time>{updated_time}</a></span><span class="byline"> av <span class="author vcard"><a class="url fn n" href="/author/{self.author_slug(a.author or "")}/">{esc(a.author or "")}</a></span></span>
</div>
</header>
<div class="entry-content">
<p class="ingress"><strong>{a.lead}</strong></p>
{body_html(a.body, "<p>", '<h2 class="wp-block-heading">')}{contact}
</div>
<footer class="entry-footer"><span class="cat-links">Publicerat i <a href="/category/nyheter/" rel="category tag">Nyheter</a></span> <span class="tags-links">Etiketter: {tag_links}</span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Inlägg"><h2 class="screen-reader-text">Inläggsnavigering</h2><div class="nav-links">{nav}</div></nav>"""
        return self.document(
            title=f"{a.title} – {self.site.name}",
            body_class=f"post-template-default single single-post postid-{pid} single-format-standard "
            "wp-embed-responsive",
            main=main,
            head=head,
        )

    def post_navigation(self, index: int) -> str:
        """Links to the previous (older) and next (newer) post."""
        older = self.articles[index + 1] if index + 1 < len(self.articles) else None
        newer = self.articles[index - 1] if index > 0 else None
        nav = ""
        if older:
            nav += (
                f'<div class="nav-previous"><a href="{article_path(older)}" rel="prev"><span class="nav-subtitle">'
                f'Föregående:</span> <span class="nav-title">{esc(older.title)}</span></a></div>'
            )
        if newer:
            nav += (
                f'<div class="nav-next"><a href="{article_path(newer)}" rel="next"><span class="nav-subtitle">'
                f'Nästa:</span> <span class="nav-title">{esc(newer.title)}</span></a></div>'
            )
        return nav

    def teaser(self, a: Article, link: str | None = None) -> str:
        pid = self.ids[a.slug]
        href = link or article_path(a)
        return f"""<article id="post-{pid}" class="post-{pid} post type-post status-publish format-standard hentry category-nyheter">
<header class="entry-header"><h2 class="entry-title"><a href="{href}" rel="bookmark">{esc(a.title)}</a></h2>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{iso(a.published, a.time)}">{sv_date(a.published)}</time></span></div></header>
<div class="entry-summary"><p>{esc(plain(a.lead))} <a class="more-link" href="{href}">Läs mer</a></p></div>
</article>"""

    def archive(
        self, *, base: str, title: str, body_class: str, posts: list[Article], page: int, pages: int
    ) -> str:
        def url(n: int) -> str:
            return base if n == 1 else f"{base}page/{n}/"

        links = []
        if page > 1:
            links.append(f'<a class="prev page-numbers" href="{url(page - 1)}">&laquo; Föregående</a>')
        for n in range(1, pages + 1):
            links.append(
                f'<span aria-current="page" class="page-numbers current">{n}</span>'
                if n == page
                else f'<a class="page-numbers" href="{url(n)}">{n}</a>'
            )
        if page < pages:
            links.append(f'<a class="next page-numbers" href="{url(page + 1)}">Nästa &raquo;</a>')
        nav = (
            '<nav class="navigation pagination" aria-label="Inlägg"><h2 class="screen-reader-text">'
            f'Inläggsnavigering</h2><div class="nav-links">{" ".join(links)}</div></nav>'
            if pages > 1
            else ""
        )
        teasers = "\n".join(self.teaser(a) for a in posts)
        main = (
            f'<header class="page-header"><h1 class="page-title">{esc(title)}</h1></header>\n{teasers}\n{nav}'
        )
        suffix = f" paged paged-{page}" if page > 1 else ""
        heading = title if page == 1 else f"{title} – Sida {page}"
        return self.document(title=f"{heading} – {self.site.name}", body_class=body_class + suffix, main=main)

    def page(self, p: Page) -> str:
        pid = p.extra["wp_id"]
        main = f"""<article id="post-{pid}" class="post-{pid} page type-page status-publish hentry">
<header class="entry-header"><h1 class="entry-title">{esc(p.title)}</h1></header>
<div class="entry-content">
{body_html(p.body, "<p>", '<h2 class="wp-block-heading">')}
</div>
</article>"""
        head = f"\n<link rel=\"canonical\" href=\"{ORIGIN}{p.path}\" />\n<link rel='shortlink' href='{ORIGIN}/?p={pid}' />"
        return self.document(
            title=f"{p.title} – {self.site.name}",
            body_class=f"page-template-default page page-id-{pid} wp-embed-responsive",
            main=main,
            head=head,
        )

    def home(self) -> str:
        teasers = []
        for a in self.articles[:5]:
            link = article_path(a).rstrip("/") if a.extra.get("link_without_slash") else None
            teasers.append(self.teaser(a, link))
        main = (
            '<section class="hero"><h1 class="page-title">Välkommen till Ekeby</h1>'
            "<p>Här hittar du nyheter och information från Ekeby kommun.</p></section>\n"
            '<h2 class="section-title">Nyheter</h2>\n'
            + "\n".join(teasers)
            + '\n<p><a href="/nyheter/">Alla nyheter</a></p>'
        )
        return self.document(
            title=f"{self.site.name} – Mitt i skogen, nära till allt",
            body_class="home page-template page-template-front-page page page-id-2",
            main=main,
            sidebar=False,
        )

    def search(self, term: str) -> str:
        hits = [a for a in self.articles if term in plain(" ".join(str(b) for b in a.body)).lower()][:3]
        main = (
            f'<header class="page-header"><h1 class="page-title">Sökresultat för: <span>{esc(term)}</span></h1>'
            "</header>\n" + "\n".join(self.teaser(a) for a in hits)
        )
        return self.document(
            title=f"Du sökte efter {term} – {self.site.name}", body_class="search search-results", main=main
        )

    def not_found(self) -> str:
        main = (
            '<section class="error-404 not-found"><header class="page-header"><h1 class="page-title">'
            'Hoppsan! Den sidan kan inte hittas.</h1></header><div class="page-content"><p>Det verkar som att '
            "ingenting hittades här. Testa kanske en sökning?</p></div></section>"
        )
        return self.document(
            title=f"Sidan hittades inte – {self.site.name}", body_class="error404", main=main, sidebar=False
        )


def render(site: SiteContent) -> SiteOutput:
    r = Renderer(site)
    out = SiteOutput()
    config = site_config(site)
    lastmod: dict[str, str] = config["lastmod"]
    for i, a in enumerate(r.articles):
        path = article_path(a)
        rel = path.lstrip("/") + "index.html"
        out.text(rel, r.article(a, i))
        lastmod[rel] = a.updated or a.published
        out.article_paths[a.slug] = path
        config["redirects"][f"/?p={r.ids[a.slug]}"] = path
    render_listings(r, out)
    tags, authors = render_tag_and_author_archives(r, out)
    for p in site.pages:
        rel = p.path.lstrip("/") + "index.html"
        out.text(rel, r.page(p))
        lastmod[rel] = p.lastmod
        out.non_news.append(p.path)
    out.text("index.html", r.home())
    out.non_news.insert(0, "/")
    out.text("_query/search-budget.html", r.search("budget"))
    config["queries"]["/?s=budget"] = "_query/search-budget.html"
    out.non_news.append("/?s=budget")
    out.text("_404.html", r.not_found())

    out.text(
        "robots.txt",
        "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
        f"Sitemap: {ORIGIN}/wp-sitemap.xml\n",
    )
    render_sitemaps(r, out, tags, authors)
    render_feeds(r, out)
    out.config = config
    return out


def site_config(site: SiteContent) -> dict[str, Any]:
    """The demo server's ``_site.json``; lastmod, redirects and queries are filled in while rendering."""
    return {
        "id": site.id,
        "name": site.name,
        "country": site.country,
        "language": site.language,
        "order": 2,
        "trailing_slash_redirect": True,
        "lastmod_default": "2026-01-09",
        "redirects": {},
        "status": {},
        "aliases": {},
        "queries": {},
        "encodings": {},
        "types": {
            "feed/index.xml": "application/rss+xml",
            "category/nyheter/feed/index.xml": "application/rss+xml",
        },
        "lastmod": {},
    }


def render_listings(r: Renderer, out: SiteOutput) -> None:
    """The blog page ``/nyheter/`` and the category archive, each paged as ``page/N/``."""
    pages = (len(r.articles) + PER_PAGE - 1) // PER_PAGE
    for base, title, body_class in [
        ("/nyheter/", "Nyheter", "blog"),
        ("/category/nyheter/", "Kategori: Nyheter", "archive category category-nyheter category-3"),
    ]:
        for n in range(1, pages + 1):
            posts = r.articles[(n - 1) * PER_PAGE : n * PER_PAGE]
            url = base if n == 1 else f"{base}page/{n}/"
            out.text(
                url.lstrip("/") + "index.html",
                r.archive(base=base, title=title, body_class=body_class, posts=posts, page=n, pages=pages),
            )
            out.non_news.append(url)


def render_tag_and_author_archives(r: Renderer, out: SiteOutput) -> tuple[list[str], list[str]]:
    """One archive page per tag and per author; returns the tags and the authors' names."""
    tags = sorted({t for a in r.articles for t in a.tags})
    for tag in tags:
        posts = [a for a in r.articles if tag in a.tags]
        out.text(
            f"tag/{tag}/index.html",
            r.archive(
                base=f"/tag/{tag}/",
                title=f"Etikett: {tag}",
                body_class=f"archive tag tag-{tag}",
                posts=posts,
                page=1,
                pages=1,
            ),
        )
        out.non_news.append(f"/tag/{tag}/")
    authors = sorted({a.author for a in r.articles if a.author})
    for name in authors:
        slug = slugify(name)
        posts = [a for a in r.articles if a.author == name]
        out.text(
            f"author/{slug}/index.html",
            r.archive(
                base=f"/author/{slug}/",
                title=f"Författare: {name}",
                body_class=f"archive author author-{slug}",
                posts=posts,
                page=1,
                pages=1,
            ),
        )
        out.non_news.append(f"/author/{slug}/")
    return tags, authors


def render_sitemaps(r: Renderer, out: SiteOutput, tags: list[str], authors: list[str]) -> None:
    """WordPress core's sitemaps: posts, pages, tags, the category and users, each with its XSL."""
    post_entries = [(article_path(a), a.updated or a.published) for a in r.articles]
    page_entries = [("/", r.articles[0].published)] + [(p.path, p.lastmod) for p in r.site.pages]
    out.text("wp-sitemap-posts-post-1.xml", XSL + sitemap(post_entries).split("\n", 1)[1])
    out.text("wp-sitemap-posts-page-1.xml", XSL + sitemap(page_entries).split("\n", 1)[1])
    out.text(
        "wp-sitemap-taxonomies-post_tag-1.xml",
        XSL + sitemap([(f"/tag/{t}/", None) for t in tags]).split("\n", 1)[1],
    )
    out.text(
        "wp-sitemap-taxonomies-category-1.xml",
        XSL + sitemap([("/category/nyheter/", None)]).split("\n", 1)[1],
    )
    out.text(
        "wp-sitemap-users-1.xml",
        XSL + sitemap([(f"/author/{slugify(n)}/", None) for n in authors]).split("\n", 1)[1],
    )
    index = sitemap_index(
        [
            ("/wp-sitemap-posts-post-1.xml", None),
            ("/wp-sitemap-posts-page-1.xml", None),
            ("/wp-sitemap-taxonomies-category-1.xml", None),
            ("/wp-sitemap-taxonomies-post_tag-1.xml", None),
            ("/wp-sitemap-users-1.xml", None),
        ]
    )
    out.text("wp-sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n' + XSL + index.split("\n", 1)[1])


def feed_items(r: Renderer, posts: list[Article]) -> list[dict[str, Any]]:
    """RSS items as WordPress writes them: excerpt with " […]", full content, creator, categories."""
    return [
        {
            "title": a.title,
            "path": article_path(a),
            "description": plain(a.lead) + " […]",
            "date": rfc822(a.published, a.time, sweden_offset(a.published).replace(":", "")),
            "guid": f"{ORIGIN}/?p={r.ids[a.slug]}",
            "guid_is_link": "false",
            "creator": a.author or "",
            "categories": ["Nyheter", *a.tags],
            "content": f"<p>{a.lead}</p>\n" + body_html(a.body),
        }
        for a in posts
    ]


def render_feeds(r: Renderer, out: SiteOutput) -> None:
    """The site feed ``/feed/`` and the news category's feed: the ten newest posts each."""
    out.text(
        "feed/index.xml",
        rss(
            r.site.name,
            "/",
            "Mitt i skogen, nära till allt",
            "sv-SE",
            feed_items(r, r.articles[:10]),
            "/feed/",
        ),
    )
    out.text(
        "category/nyheter/feed/index.xml",
        rss(
            f"Nyheter – {r.site.name}",
            "/category/nyheter/",
            "Mitt i skogen, nära till allt",
            "sv-SE",
            feed_items(r, r.articles[:10]),
            "/category/nyheter/feed/",
        ),
    )
