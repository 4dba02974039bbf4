"""One generated site: its pages, what a strict server answers, and the ground truth.

:func:`generate` builds a :class:`GeneratedSite` from a seed. The pages are kept in memory as
``path`` or ``path?query`` → :class:`Page`; ``{{origin}}`` in a body is the server's origin. The
ground truth (:attr:`GeneratedSite.articles`) is every URL the generator wrote as a news article;
events, FAQ, service and disruption pages, listings and the home page are not articles.
"""

from __future__ import annotations

import posixpath
import random
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import quote

from scraper.demo.sitegen import markup, words
from scraper.demo.sitegen.markup import ORIGIN, esc
from scraper.demo.sitegen.options import Options, choose
from scraper.registry import slugify

FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae"})  # slugify() drops what NFKD cannot fold


@dataclass
class Page:
    body: str
    ctype: str = "text/html; charset=utf-8"


@dataclass
class Entry:
    """One dated piece of news as the generator wrote it."""

    path: str  # as served and linked, e.g. "/nyheter/slug/" or "/nyheter/item?id=104"
    title: str
    day: date
    paragraphs: list[str]
    short: bool
    section: str = "news"  # "press": a press release, in the second section (tabs)
    orphan: bool = False  # linked only from the feed or the sitemap


@dataclass
class GeneratedSite:
    options: Options
    id: str
    name: str
    language: str
    country: str
    listing: str
    pages: dict[str, Page] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # path → path it 301s to
    query_paths: set[str] = field(default_factory=set)  # paths whose query picks the page (else 404)
    articles: dict[str, str] = field(default_factory=dict)  # path → "article" | "notice" (ground truth)
    non_news: list[str] = field(default_factory=list)

    def serve_dir(self, path: str, page: Page) -> None:
        """Store a page under a directory-shaped path, with the other slash form as the seed says."""
        self.pages[path] = page
        if path == "/" or not path.endswith("/"):
            return
        other = path.rstrip("/")
        if self.options.slash == "redirect":
            self.redirects[other] = path
        elif self.options.slash == "both":
            self.pages[other] = page


def link_target(o: Options, to: str, *, teaser: bool = False, from_page: str = "") -> str:
    """The path a link names: the slash form the server redirects from, a capitalised path on a
    case-insensitive server (teasers), non-ASCII slugs percent-encoded on every other link."""
    path, q, query = to.partition("?")
    if o.link_form == "other" and path != "/" and path.endswith("/"):
        path = path.rstrip("/")
    if o.case_links and teaser:
        path = "/".join(seg[:1].upper() + seg[1:] for seg in path.split("/"))
    if o.slugs == "unicode" and len(to) % 2 == 0:
        path = quote(path, safe="/")
    if o.session and path != "/":  # a servlet container that rewrites URLs for cookieless visitors
        path += f";jsessionid={zlib.crc32((from_page + to).encode()):010d}"
    if o.tracking and teaser:
        query = f"{query}&" if query else ""
        query += "utm_source=web&utm_medium=teaser"
        q = "?"
    return path + q + query


def href(o: Options, from_path: str, to: str, *, teaser: bool = False) -> str:
    """A link from the page at ``from_path`` to ``to`` in the site's link style."""
    to = link_target(o, to, teaser=teaser, from_page=from_path)
    if o.links == "absolute":
        return ORIGIN + to
    if o.links == "root":
        return to
    path, q, query = to.partition("?")
    if o.base_href:  # <base href="{origin}/">: relative to the root, whatever the page
        return (path.lstrip("/") or "./") + q + query
    base = from_path.split("?")[0]
    base_dir = base if base.endswith("/") else posixpath.dirname(base) or "/"
    rel = posixpath.relpath(path, base_dir)
    if path.endswith("/") and rel != ".":
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + q + query


def _article_path(o: Options, lang: words.Language, slug: str, day: date, n: int, press: bool) -> str:
    news = PRESS[lang.code][0] if press else lang.news_slug
    if o.shape == "html":
        return f"/{news}/{slug}.html"
    if o.shape == "id":
        return f"/{news}/item?id={100 + n}"
    if o.shape == "dated":
        section = f"/{news}" if o.dated_in_section else ""
        return f"{section}/{day.year}/{day.month:02d}/{day.day:02d}/{slug}/"
    return f"/{news}/{slug}/"


def _entries(o: Options, rng: random.Random, lang: words.Language) -> list[Entry]:
    day = date(2025, 10, 20)
    entries = []
    step = (40, 120) if o.archive != "pages" else (1, 9)  # archives by year span three years
    for n in range(o.articles):
        day -= timedelta(days=rng.randint(*step))
        headline = words.title(rng, lang, n + 1)
        short = rng.random() < o.short_share
        if short:
            paragraphs = [words.sentence(rng, lang), words.sentence(rng, lang)]
        else:
            paragraphs = [words.paragraph(rng, lang, 3) for _ in range(rng.randint(3, 5))]
        press = (o.tabs or o.press_listing) and n % 3 == 1
        path = _article_path(o, lang, _slug(o, headline), day, n, press)
        orphan = o.orphans != "none" and n >= o.articles - 2
        entries.append(Entry(path, headline, day, paragraphs, short, "press" if press else "news", orphan))
    return entries


def _slug(o: Options, headline: str) -> str:
    if o.slugs == "unicode":  # "Skolan bygger om lekplatsen vid torget (3)" → "skolan-bygger-...-torget-3"
        words_ = "".join(c if c.isalnum() else " " for c in headline.lower()).split()
        return "-".join(words_)
    return slugify(headline.translate(FOLD))


# Second news section (press releases) per language: (path slug, tab label).
PRESS = {
    "sv": ("pressmeddelanden", "Pressmeddelanden"),
    "nb": ("pressemeldinger", "Pressemeldinger"),
    "da": ("pressemeddelelser", "Pressemeddelelser"),
    "en": ("press-releases", "Press releases"),
}


def _listing_path(o: Options, lang: words.Language) -> str:
    return f"/{lang.news_slug}.html" if o.shape == "html" else f"/{lang.news_slug}/"


def page_url(o: Options, listing: str, i: int) -> str:
    """Page ``i`` (0-based) of the news listing."""
    if i == 0:
        return listing
    if o.page_param == "path" and listing.endswith("/"):
        return f"{listing}page/{i + 1}/"
    if o.page_param == "page0":
        return f"{listing}?page={i}"
    if o.page_param == "offset":
        return f"{listing}?start={i * o.page_size}"
    return f"{listing}?page={i + 1}"


def generate(seed: int, batch: str = "dev", options: Options | None = None) -> GeneratedSite:
    """The site of ``seed`` in ``batch``: same seed, same site, byte for byte.

    ``options`` replaces the drawn choices (the crawl bench asks for one large SiteVision site)."""
    from scraper.demo.sitegen.pages import build_pages

    o = options or choose(seed, batch)
    rng = random.Random(f"site:{batch}:{seed}")
    lang = words.LANGUAGES[o.lang]
    place = words.place_name(rng, lang)
    name = f"{place} {lang.suffix}"
    site = GeneratedSite(
        options=o,
        id=f"gen-{batch.replace('_', '')}-{seed}",
        name=name,
        language=lang.code,
        country=lang.country,
        listing=_listing_path(o, lang),
    )
    entries = _entries(o, rng, lang)
    build_pages(site, entries, lang, rng, markup.FAMILIES[o.family])
    return site


def date_text(o: Options, lang: words.Language, day: date) -> str:
    return esc(words.format_date(day, lang, o.date_style))
