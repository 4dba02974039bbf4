"""A generated site's second sources: a Mynewsdesk-like press room on another loopback host, and PDF
press releases (with an agenda that is none) linked from the news listing.

Both are off unless :class:`~scraper.demo.sitegen.options.Options` says ``press_room=True`` or
``pdf_releases=n`` (drawn by ``choose(seed, batch, second_sources=True)`` from a generator of their own,
so the pages of every other site stay byte for byte what they were). The ground truth:

* each PDF release is an article of the site (``site.articles[path] == "pdf"``); the agenda is not;
* the press room is a :class:`GeneratedSite` of its own (``site.press_room``) served on another host:
  its ``articles`` are the releases only it has (one of them with the headline of a site article but
  another text, which must stay its own article), and ``site.press_copies`` maps each release that
  republishes a site article (its text plus an "about us" paragraph, dated the same day or the next)
  to that article's path: one article with two URLs, not two.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from scraper.demo.sitegen import words
from scraper.demo.sitegen.markup import ORIGIN, esc
from scraper.demo.sitegen.pdf import write_pdf
from scraper.registry import slugify

if TYPE_CHECKING:
    from scraper.demo.sitegen.site import Entry, GeneratedSite

#: Replaced by the press room's origin when the site is served (the site links its press room).
PRESS_ORIGIN = "{{press_origin}}"
RELEASE_LABEL = {
    "sv": "Pressmeddelande",
    "nb": "Pressemelding",
    "da": "Pressemeddelelse",
    "en": "Press release",
}
AGENDA_LABEL = {"sv": "Dagordning", "nb": "Dagsorden", "da": "Dagsorden", "en": "Agenda"}
PRESS_ROOM_TEXT = {"sv": "Pressrum", "nb": "Presserom", "da": "Presserum", "en": "Newsroom"}
RSS = "application/rss+xml; charset=utf-8"


def add_second_sources(site: GeneratedSite, entries: list[Entry], lang: words.Language) -> None:
    """Add what the site's options ask for (nothing, for every site of the existing batches)."""
    rng = random.Random(f"{site.id}:second")
    if site.options.pdf_releases:
        _pdfs(site, lang, rng)
    if site.options.press_room:
        _press_room(site, entries, lang, rng)


def _insert(body: str, before: str, html: str) -> str:
    at = body.find(before)
    return body[:at] + html + body[at:] if at >= 0 else body.replace("</body>", html + "</body>")


def _pdfs(site: GeneratedSite, lang: words.Language, rng: random.Random) -> None:
    from scraper.demo.sitegen.site import Page

    folder = f"/{lang.news_slug}/dokument/"
    day = date(2025, 10, 18)
    links = []
    for i in range(site.options.pdf_releases):
        day -= timedelta(days=rng.randint(3, 30))
        title = words.title(rng, lang, 200 + i)
        text = [f"{RELEASE_LABEL[lang.code]} {day.isoformat()}", title]
        text += [words.paragraph(rng, lang, 3) for _ in range(rng.randint(2, 4))]
        path = f"{folder}{slugify(RELEASE_LABEL[lang.code])}-{slugify(title)}.pdf"
        site.pages[path] = Page("", "application/pdf", data=write_pdf(text, title=title))
        site.articles[path] = "pdf"
        links.append((path, f"{RELEASE_LABEL[lang.code]}: {title} (pdf)"))
    label = AGENDA_LABEL[lang.code]
    items = [f"{n}. {words.sentence(rng, lang).rstrip('.')}" for n in range(1, 6)]
    agenda = [label, f"{site.name} {day.isoformat()}", *items]
    path = f"{folder}{slugify(label)}-{day.isoformat()}.pdf"
    site.pages[path] = Page("", "application/pdf", data=write_pdf(agenda, title=label))
    site.non_news.append(path)
    links.append((path, f"{label} (pdf)"))
    html = "".join(f'<p class="document"><a href="{p}">{esc(t)}</a></p>' for p, t in links)
    listing = site.pages[site.listing]  # the same object as its ?page= aliases: changed in place
    listing.body = _insert(listing.body, "</main>", html)


def _release_page(title: str, day: str, paragraphs: list[str], lang: words.Language) -> str:
    body = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang.code}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f'</head><body class="newsroom"><main><article class="press-release"><h1>{esc(title)}</h1>'
        f'<p class="date"><time datetime="{day}">{day}</time></p>{body}</article></main></body></html>\n'
    )


def _press_room(site: GeneratedSite, entries: list[Entry], lang: words.Language, rng: random.Random) -> None:
    from scraper.demo.sitegen.site import GeneratedSite, Page

    o = site.options
    newsroom = f"/se/{slugify(site.name).replace('-', '_')}"
    feed = f"/se/rss/source/{4000 + rng.randint(0, 5000)}/pressrelease"
    room = GeneratedSite(
        options=replace(o, slash="strict", case_links=False, session=False, tracking=False),
        id=f"{site.id}-press",
        name=f"{site.name} – Mynewsdesk",
        language=site.language,
        country=site.country,
        listing=newsroom,
    )
    about = f"{site.name}: " + words.paragraph(rng, lang, 2)
    long = [e for e in entries if not e.short and not e.orphan]
    releases: list[tuple[str, str, str, list[str]]] = []  # path, title, ISO day, paragraphs
    for n, e in enumerate(long[::2][:4]):
        path = f"{newsroom}/pressreleases/{slugify(e.title)}-{3000 + n}"
        day = (e.day + timedelta(days=rng.choice((0, 1)))).isoformat()
        releases.append((path, e.title, day, [*e.paragraphs, about]))
        site.press_copies[path] = e.path
    only = [(words.title(rng, lang, 300 + n), long[0].day - timedelta(days=2 + n)) for n in range(2)]
    if len(long) > 1:  # a site article's headline, another text: a second release, not a copy
        only.append((long[1].title, long[1].day))
    for n, (title, day_) in enumerate(only):
        path = f"{newsroom}/pressreleases/{slugify(title)}-{3100 + n}"
        releases.append((path, title, day_.isoformat(), [words.paragraph(rng, lang, 3) for _ in range(3)]))
        room.articles[path] = "release"
    for path, title, day, paragraphs in releases:
        room.pages[path] = Page(_release_page(title, day, paragraphs, lang))
    items = "".join(
        f"<item><title>{esc(t)}</title><link>{ORIGIN}{p}</link><pubDate>{d}</pubDate></item>"
        for p, t, d, _ in releases
    )
    room.pages[feed] = Page(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>', RSS)
    listed = "".join(f'<li><a href="{p}">{esc(t)}</a> {d}</li>' for p, t, d, _ in releases)
    room.pages[newsroom] = Page(
        f'<!DOCTYPE html><html lang="{lang.code}"><head><meta charset="utf-8"><title>{esc(room.name)}</title>'
        f'<link rel="alternate" type="application/rss+xml" href="{feed}"></head><body class="newsroom"><main>'
        f"<h1>{esc(site.name)}</h1><ul>{listed}</ul></main></body></html>\n"
    )
    site.press_room = room
    home = site.pages["/"]
    link = f'<p class="press-room"><a href="{PRESS_ORIGIN}{newsroom}">{PRESS_ROOM_TEXT[lang.code]}</a></p>'
    home.body = _insert(home.body, "</footer>", link)
