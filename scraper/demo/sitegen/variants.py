"""Second-generation shapes of a generated site's news listing and files: archives by year, news and
press releases in tabs, a pager that is a GET form, a sitemap index, links quoted for XML.

Functions of the page writer (:class:`~scraper.demo.sitegen.pages._Writer`), kept apart so that
module stays about the pages every site has.
"""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, quote

from scraper.demo.sitegen import words
from scraper.demo.sitegen.markup import ORIGIN, esc
from scraper.demo.sitegen.site import PRESS, Entry, Page, date_text, href, page_url

if TYPE_CHECKING:
    from scraper.demo.sitegen.pages import _Writer

ARCHIVE_LABEL = {"sv": "Nyhetsarkiv", "nb": "Nyhetsarkiv", "da": "Nyhedsarkiv", "en": "News archive"}


def listed(entries: list[Entry]) -> list[Entry]:
    """The entries a listing, widget or home page shows: not the ones only a feed or sitemap has."""
    return [e for e in entries if not e.orphan]


def news_listed(w: _Writer) -> list[Entry]:
    """The news listing's entries: press releases with a listing of their own are not on it."""
    entries = listed(w.entries)
    return [e for e in entries if e.section == "news"] if w.o.press_listing else entries


def press_listing(w: _Writer) -> None:
    """The press releases' own listing, unpaginated, linked from the menu."""
    slug, title = PRESS[w.lang.code]
    at = f"/{slug}/"
    entries = [e for e in listed(w.entries) if e.section == "press"]
    main = f"<h1>{esc(title)}</h1>{w.items(at, entries)}"
    w._put(at, w.html(at, title, main, body_class=w.family.body_listing))
    w.site.non_news.append(at)


def head_next(w: _Writer, at: str, urls: list[str], i: int) -> str:
    """``<link rel="next">`` in the head of a listing page; the only pager when it is a script."""
    if i + 1 >= len(urls) or w.o.archive != "pages":
        return ""
    return f'<link rel="next" href="{esc(href(w.o, at, urls[i + 1]))}">' if w.o.pager_js else ""


def listing_plan(w: _Writer) -> tuple[list[list[Entry]], list[str]]:
    """The listing's pages (entries of each) and their URLs: numbered pages, or one page per year
    (the newest year on the listing itself, older years at /nyheter/2024/ or /nyheter/?ar=2024)."""
    o, entries, listing = w.o, news_listed(w), w.site.listing
    if o.archive == "pages":
        size = o.page_size
        chunks = [entries[i : i + size] for i in range(0, len(entries), size)]
        return chunks, [page_url(o, listing, i) for i in range(len(chunks))]
    years = sorted({e.day.year for e in entries}, reverse=True)
    chunks = [[e for e in entries if e.day.year == y] for y in years]
    urls = [listing] + [f"{listing}{y}/" if o.archive == "years" else f"{listing}?ar={y}" for y in years[1:]]
    return chunks, urls


def year_nav(w: _Writer, at: str, urls: list[str], i: int, years: list[int]) -> str:
    cells = [
        f'<span aria-current="page">{y}</span>' if n == i else w.link(at, u, str(y))
        for n, (u, y) in enumerate(zip(urls, years, strict=True))
    ]
    label = esc(ARCHIVE_LABEL[w.lang.code])
    lis = "".join(f"<li>{c}</li>" for c in cells)
    return f'<nav class="archive-years" aria-label="{label}"><h2>{label}</h2><ul>{lis}</ul></nav>'


def form_pager(w: _Writer, at: str, next_url: str) -> str:
    """ "Visa fler" as a GET form: the page number is a button's name and value, no link at all."""
    path, _, query = next_url.partition("?")
    name, value = parse_qsl(query)[0]
    action = esc(href(w.o, at, path))
    return (
        f'<form class="load-more" method="get" action="{action}">'
        f'<button type="submit" name="{esc(name)}" value="{esc(value)}">{esc(w.lang.more_text)}</button></form>'
    )


def items_block(w: _Writer, at: str, entries: list[Entry]) -> str:
    """The listing's entries, or, with tabs, news and press releases in two tab panels."""
    if not w.o.tabs:
        return w.items(at, entries)
    news = [e for e in entries if e.section == "news"]
    press = [e for e in entries if e.section == "press"]
    label = PRESS[w.lang.code][1]
    return (
        '<div class="tabs"><ul role="tablist">'
        f'<li><a href="#tab-news" role="tab" aria-selected="true">{esc(w.lang.news)}</a></li>'
        f'<li><a href="#tab-press" role="tab">{esc(label)}</a></li></ul>'
        f'<div role="tabpanel" id="tab-news">{w.items(at, news)}</div>'
        f'<div role="tabpanel" id="tab-press" hidden>{w.items(at, press)}</div></div>'
    )


def loc(path: str) -> str:
    """A URL as a sitemap or feed writes it: absolute, non-ASCII percent-encoded."""
    return ORIGIN + esc(quote(path, safe="/?=&"))


def sitemaps(w: _Writer, urls: list[str]) -> str:
    """The sitemap(s); returns the URL robots.txt names (an index when the seed says so)."""

    def urlset(paths: list[str]) -> Page:
        locs = "".join(f"<url><loc>{loc(u)}</loc></url>" for u in paths)
        return Page(
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9">{locs}</urlset>\n',
            "application/xml; charset=utf-8",
        )

    pages = w.site.pages
    if not w.o.sitemap_index:
        pages["/sitemap.xml"] = urlset(urls)
        return "/sitemap.xml"
    news = [u for u in urls if u in w.site.articles]
    pages["/sitemap-news.xml"] = urlset(news)
    pages["/sitemap-pages.xml"] = urlset([u for u in urls if u not in w.site.articles])
    children = "".join(
        f"<sitemap><loc>{ORIGIN}{p}</loc><lastmod>2025-10-20</lastmod></sitemap>"
        for p in ("/sitemap-pages.xml", "/sitemap-news.xml")
    )
    pages["/sitemap_index.xml"] = Page(
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9">{children}</sitemapindex>\n',
        "application/xml; charset=utf-8",
    )
    return "/sitemap_index.xml"


def feed_entries(w: _Writer) -> list[Entry]:
    """The feed's items: the five newest, and the orphans when the feed is where they are linked."""
    latest = listed(w.entries)[:5]
    return latest + [e for e in w.entries if e.orphan and w.o.orphans == "feed"]


# The "Aktuellt" hub a menu links instead of the listing: (path, title, link text to the listing).
HUB = {
    "sv": ("/aktuellt/", "Aktuellt", "Alla nyheter"),
    "nb": ("/hva-skjer/", "Aktuelt", "Alle nyheter"),
    "da": ("/aktuelt/", "Aktuelt", "Alle nyheder"),
    "en": ("/latest/", "Latest news", "All news"),
}


def hub(w: _Writer) -> None:
    """The hub page: three teasers and the link to the full listing."""
    path, title, all_news = HUB[w.lang.code]
    teasers = "".join(f"<li>{w.link(path, e.path, e.title, teaser=True)}</li>" for e in listed(w.entries)[:3])
    main = f'<h1>{esc(title)}</h1><ul class="teasers">{teasers}</ul><p>{w.link(path, w.site.listing, all_news)}</p>'
    w._put(path, w.html(path, title, main))
    w.site.non_news.append(path)


def atom(w: _Writer, entries: list[Entry]) -> Page:
    items = "".join(
        f'<entry><title>{esc(e.title)}</title><link rel="alternate" href="{loc(e.path)}"/>'
        f"<id>{loc(e.path)}</id><published>{e.day.isoformat()}T09:00:00Z</published></entry>"
        for e in entries
    )
    return Page(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>{esc(w.site.name)}'
        f'</title><link href="{ORIGIN}/"/>{items}</feed>\n',
        "application/atom+xml; charset=utf-8",
    )


# Pages inside the news section that are not news: (slug, title) per language.
SECTION_PAGES = {
    "sv": (("prenumerera", "Prenumerera på nyheter"), ("presskontakt", "Presskontakt")),
    "nb": (("abonner", "Abonner på nyheter"), ("pressekontakt", "Pressekontakt")),
    "da": (("abonnement", "Abonner på nyheder"), ("pressekontakt", "Pressekontakt")),
    "en": (("subscribe", "Subscribe to news"), ("press-office", "Press office")),
}


def section_page_paths(w: _Writer) -> list[tuple[str, str]]:
    if not w.o.section_pages:
        return []
    listing = w.site.listing.removesuffix(".html").rstrip("/")
    ext = ".html" if w.o.shape == "html" else "/"
    return [(f"{listing}/{slug}{ext}", title) for slug, title in SECTION_PAGES[w.lang.code]]


def section_links(w: _Writer, at: str) -> str:
    """Undated links under the listing's entries, in its main area."""
    links = " | ".join(w.link(at, path, title) for path, title in section_page_paths(w))
    return f'<p class="news-tools">{links}</p>' if links else ""


def section_pages(w: _Writer, rng: random.Random) -> None:
    """Service pages that live in the news section: a few paragraphs and a "last updated" line."""
    for path, title in section_page_paths(w):
        body = "".join(f"<p>{esc(words.paragraph(rng, w.lang, 3))}</p>" for _ in range(2))
        updated = f"<p>{esc(w.lang.updated)} {date_text(w.o, w.lang, date(2025, 3, 4))}</p>"
        w._put(path, w.html(path, title, f"<h1>{esc(title)}</h1>{body}{updated}"))
        w.site.non_news.append(path)
