"""One generated site: its pages, what a strict server answers, and the ground truth.

:func:`generate` builds a :class:`GeneratedSite` from a seed. The pages are kept in memory as
``path`` or ``path?query`` → :class:`Page`; ``{{origin}}`` in a body is the server's origin. The
ground truth (:attr:`GeneratedSite.articles`) is every URL the generator wrote as a news article;
events, FAQ, service and disruption pages, listings and the home page are not articles.
"""

from __future__ import annotations

import posixpath
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

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


def href(o: Options, from_path: str, to: str) -> str:
    """A link from the page at ``from_path`` to ``to`` in the site's link style."""
    if o.links == "absolute":
        return ORIGIN + to
    if o.links == "root":
        return to
    path, q, query = to.partition("?")
    base = from_path.split("?")[0]
    base_dir = base if base.endswith("/") else posixpath.dirname(base) or "/"
    rel = posixpath.relpath(path, base_dir)
    if path.endswith("/") and rel != ".":
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + q + query


def _article_path(o: Options, lang: words.Language, slug: str, day: date, n: int) -> str:
    news = lang.news_slug
    if o.shape == "html":
        return f"/{news}/{slug}.html"
    if o.shape == "id":
        return f"/{news}/item?id={100 + n}"
    if o.shape == "dated":
        return f"/{day.year}/{day.month:02d}/{day.day:02d}/{slug}/"
    return f"/{news}/{slug}/"


def _entries(o: Options, rng: random.Random, lang: words.Language) -> list[Entry]:
    day = date(2025, 10, 20)
    entries = []
    for n in range(o.articles):
        day -= timedelta(days=rng.randint(1, 9))
        headline = words.title(rng, lang, n + 1)
        short = rng.random() < o.short_share
        if short:
            paragraphs = [words.sentence(rng, lang), words.sentence(rng, lang)]
        else:
            paragraphs = [words.paragraph(rng, lang, 3) for _ in range(rng.randint(3, 5))]
        path = _article_path(o, lang, slugify(headline.translate(FOLD)), day, n)
        entries.append(Entry(path, headline, day, paragraphs, short))
    return entries


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


def generate(seed: int, batch: str = "dev") -> GeneratedSite:
    """The site of ``seed`` in ``batch``: same seed, same site, byte for byte."""
    from scraper.demo.sitegen.pages import build_pages

    o = choose(seed, batch)
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
