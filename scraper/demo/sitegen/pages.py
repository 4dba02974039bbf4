"""The pages of a generated site: home, news listing pages, articles, newsy non-news pages,
robots.txt, sitemap and feed, written into a :class:`~scraper.demo.sitegen.site.GeneratedSite`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from scraper.demo.sitegen import variants, words
from scraper.demo.sitegen.markup import ORIGIN, Family, date_line, esc, page
from scraper.demo.sitegen.site import FOLD, PRESS, Entry, GeneratedSite, Page, date_text, href
from scraper.registry import slugify

RFC822_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RFC822_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class _Writer:
    def __init__(
        self, site: GeneratedSite, entries: list[Entry], lang: words.Language, family: Family
    ) -> None:
        self.site, self.entries, self.lang, self.family = site, entries, lang, family
        self.o = site.options
        shape_html = self.o.shape == "html"
        notices = f"/{lang.news_slug}" if self.o.notices_in_news else ""
        self.other = {
            kind: (
                f"{notices if kind == 'disruptions' else ''}/{slug}" + (".html" if shape_html else "/"),
                title,
            )
            for kind, (slug, title) in (
                ("events", lang.events),
                ("faq", lang.faq),
                ("service", lang.service),
                ("disruptions", lang.disruptions),
            )
        }

    def link(self, from_path: str, to: str, text: str, attrs: str = "", *, teaser: bool = False) -> str:
        return f'<a href="{esc(href(self.o, from_path, to, teaser=teaser))}"{attrs}>{esc(text)}</a>'

    def header(self, at: str) -> str:
        if self.o.hub:
            hub_path, hub_title, _ = variants.HUB[self.lang.code]
            items = [self.link(at, hub_path, hub_title)]
        else:
            items = [self.link(at, self.site.listing, self.lang.news)]
        if self.o.press_listing:
            press_slug, press_title = PRESS[self.lang.code]
            items.append(self.link(at, f"/{press_slug}/", press_title))
        items += [self.link(at, path, title) for path, title in self.other.values()]
        lis = "".join(f"<li>{i}</li>" for i in items)
        return (
            f'<header class="site-header">{self.link(at, "/", self.site.name)}'
            f'<nav class="main-menu"><ul>{lis}</ul></nav></header>'
        )

    def footer(self) -> str:
        return f'<footer class="site-footer"><p>{esc(self.site.name)}</p></footer>'

    def aside(self, at: str) -> str:
        if not self.o.widget:
            return ""
        latest = [e for e in variants.listed(self.entries) if e.path != at][:4]
        lis = "".join(f"<li>{self.link(at, e.path, e.title, teaser=True)}</li>" for e in latest)
        return (
            f'<aside class="widget latest-news"><h2>{esc(self.lang.widget_title)}</h2><ul>{lis}</ul></aside>'
        )

    def date(self, day: date, labelled: bool = True) -> str:
        label = self.lang.published if labelled else ""
        text = words.format_date(day, self.lang, self.o.date_style)
        return date_line(self.family, label, text, day.isoformat(), self.o.time_tag)

    def html(
        self,
        at: str,
        title: str,
        main: str,
        *,
        body_class: str = "",
        canonical: str | None = "self",
        head: str = "",
    ) -> Page:
        target = at if canonical == "self" else canonical
        if self.o.base_href:
            head = f'<base href="{ORIGIN}/">' + head
        return Page(
            page(
                self.family,
                lang=self.lang.code,
                title=f"{title} - {self.site.name}",
                main=main,
                header=self.header(at),
                footer=self.footer(),
                aside=self.aside(at),
                canonical=ORIGIN + target if target else None,
                body_class=body_class,
                head=head,
            )
        )

    # --- pages ----------------------------------------------------------------------

    def article(self, e: Entry) -> None:
        canonical = {"self": "self", "missing": None, "listing": self.site.listing}[self.o.canonical]
        body = "".join(f"<p>{esc(p)}</p>" for p in e.paragraphs)
        date_ = self.date(e.day) if self.o.visible_date else ""
        main = self.family.article.format(title=esc(e.title), date=date_, body=body)
        head = self.family.meta.format(iso=e.day.isoformat())
        self._put(
            e.path,
            self.html(
                e.path, e.title, main, body_class=self.family.body_article, canonical=canonical, head=head
            ),
        )
        self.site.articles[e.path] = "notice" if e.short else "article"

    def listing(self) -> None:
        chunks, urls = variants.listing_plan(self)
        canonical = {"self": "self", "first": self.site.listing, "missing": None}[self.o.listing_canonical]
        for i, chunk in enumerate(chunks):
            at = urls[i]
            listing = variants.items_block(self, at, chunk)
            if self.o.archive != "pages":
                pager = variants.year_nav(self, at, urls, i, [c[0].day.year for c in chunks])
            else:
                pager = self.pager(at, urls, i)
            tools = variants.section_links(self, at)
            main = f"<h1>{esc(self.lang.news)}</h1>{self.facet_box(at)}{listing}{pager}{tools}"
            head = variants.head_next(self, at, urls, i)
            page_ = self.html(
                at, self.lang.news, main, body_class=self.family.body_listing, canonical=canonical, head=head
            )
            self._put(at, page_)
        if self.o.facets:
            self.facet_pages()
        paged = self.o.archive == "pages"
        if paged and self.o.page_param == "page1":
            self.site.pages[f"{self.site.listing}?page=1"] = self.site.pages[self.site.listing]
        if paged and self.o.page_param == "page0":
            self.site.pages[f"{self.site.listing}?page=0"] = self.site.pages[self.site.listing]
        if "?" in urls[-1]:
            self.site.query_paths.add(self.site.listing)

    def items(self, at: str, entries: list[Entry]) -> str:
        """A listing's entries in the family's markup."""
        items = "".join(
            self.family.item.format(
                href=esc(href(self.o, at, e.path)),
                title=esc(e.title),
                date=date_text(self.o, self.lang, e.day),
                teaser=esc(e.paragraphs[0][:90]),
            )
            for e in entries
        )
        tag = "ul" if items.startswith("<li") else "div"
        return f'<{tag} class="news-list">{items}</{tag}>'

    def facets(self) -> list[tuple[str, str]]:
        """(query value, label) of the listing's filters: the first three subjects."""
        return [(slugify(s.translate(FOLD)), s) for s in self.lang.subjects[:3]]

    def facet_box(self, at: str) -> str:
        if not self.o.facets:
            return ""
        lis = "".join(
            f"<li>{self.link(at, f'{self.site.listing}?kategori={value}', label)}</li>"
            for value, label in self.facets()
        )
        return f'<div class="facets"><ul>{lis}</ul></div>'

    def facet_pages(self) -> None:
        """One unpaginated filtered listing per facet: entry ``n`` is in facet ``n % 3``."""
        for f, (value, label) in enumerate(self.facets()):
            at = f"{self.site.listing}?kategori={value}"
            chosen = [e for n, e in enumerate(variants.listed(self.entries)) if n % 3 == f]
            main = f"<h1>{esc(self.lang.news)}: {esc(label)}</h1>{self.facet_box(at)}{self.items(at, chosen)}"
            self._put(at, self.html(at, self.lang.news, main, body_class=self.family.body_listing))

    def pager(self, at: str, urls: list[str], i: int) -> str:
        if len(urls) == 1:
            return ""
        if self.o.pager == "numbers":
            cells = [
                f'<span aria-current="page">{n + 1}</span>' if n == i else self.link(at, u, str(n + 1))
                for n, u in enumerate(urls)
            ]
            return '<nav class="pagination"><ul>' + "".join(f"<li>{c}</li>" for c in cells) + "</ul></nav>"
        if i + 1 >= len(urls):
            return ""
        if self.o.pager_form:
            return variants.form_pager(self, at, urls[i + 1])
        if self.o.pager_js:
            button = f'<button type="button" data-page="{i + 2}">{esc(self.lang.more_text)}</button>'
            return f'<p class="load-more">{button}</p>'
        if self.o.pager == "next":
            nxt = self.link(at, urls[i + 1], self.lang.next_text, ' rel="next"')
            return f'<div class="pager">{nxt}</div>'
        more = self.link(at, urls[i + 1], self.lang.more_text, ' class="button"')
        return f'<p class="load-more">{more}</p>'

    def home(self) -> None:
        teasers = "".join(
            f"<li>{self.link('/', e.path, e.title, teaser=True)} "
            f"<span>{date_text(self.o, self.lang, e.day)}</span></li>"
            for e in variants.listed(self.entries)[:3]
        )
        intro = words.paragraph(random.Random(self.site.id), self.lang, 2)
        news = f'<section class="start-news"><ul>{teasers}</ul></section>'
        main = f"<h1>{esc(self.site.name)}</h1><p>{esc(intro)}</p>{news}"
        feed = self._feed_path()
        kind = "atom" if self.o.feed_format == "atom" else "rss"
        head = (
            f'<link rel="alternate" type="application/{kind}+xml" title="{esc(self.lang.news)}" href="{ORIGIN}{feed}">'
            if self.o.feed
            else ""
        )
        self.site.pages["/"] = self.html("/", self.lang.home, main, head=head)

    def others(self, rng: random.Random) -> None:
        lang, o = self.lang, self.o
        events_path, events_title = self.other["events"]
        event_links = []
        for n in range(3):
            day = date(2025, 11, 5) + timedelta(days=7 * n)
            title = f"{events_title}: {rng.choice(lang.objects)} ({n + 1})"
            path = (
                events_path.replace(".html", "/") + f"event-{n + 1}" + (".html" if o.shape == "html" else "/")
            )
            body = "".join(f"<p>{esc(words.paragraph(rng, lang, 2))}</p>" for _ in range(3))
            main = f"<h1>{esc(title)}</h1><p>{self.date(day, labelled=False)}</p>{body}"
            self._put(path, self.html(path, title, main))
            self.site.non_news.append(path)
            event_links.append(f"<li>{self.link(events_path, path, title)}</li>")
        self._put(
            events_path,
            self.html(
                events_path, events_title, f"<h1>{esc(events_title)}</h1><ul>{''.join(event_links)}</ul>"
            ),
        )
        updated = f"<p>{esc(lang.updated)} {date_text(o, lang, date(2025, 6, 2))}</p>"
        for kind in ("faq", "service"):
            path, title = self.other[kind]
            body = "".join(
                f"<h2>{esc(words.sentence(rng, lang))}</h2><p>{esc(words.paragraph(rng, lang, 2))}</p>"
                for _ in range(4)
            )
            self._put(path, self.html(path, title, f"<h1>{esc(title)}</h1>{body}{updated}"))
        path, title = self.other["disruptions"]
        notices = "".join(
            f"<h2>{date_text(o, lang, day)}</h2><p>{esc(words.sentence(rng, lang))}</p>"
            for day in (date(2025, 10, 1) + timedelta(days=4 * n) for n in range(5))
        )
        self._put(path, self.html(path, title, f"<h1>{esc(title)}</h1>{notices}"))
        self.site.non_news += [p for p, _ in self.other.values()]

    def _feed_path(self) -> str:
        return f"/{self.lang.news_slug}/{'atom' if self.o.feed_format == 'atom' else 'rss'}.xml"

    def _put(self, path: str, p: Page) -> None:
        if "?" in path:
            self.site.query_paths.add(path.split("?")[0])
            self.site.pages[path] = p
        else:
            self.site.serve_dir(path, p)


def write_files(w: _Writer) -> None:
    """robots.txt (with the sitemap if there is one), the sitemap and the feed."""
    o = w.o
    robots = "User-agent: *\nDisallow: /sok/\n"
    if o.sitemap:
        named = variants.sitemaps(w, ["/", w.site.listing, *w.site.articles, *w.site.non_news])
        robots += f"Sitemap: {ORIGIN}{named}\n"
    w.site.pages["/robots.txt"] = Page(robots, "text/plain; charset=utf-8")
    if o.feed and o.feed_format == "atom":
        w.site.pages[w._feed_path()] = variants.atom(w, variants.feed_entries(w))
    elif o.feed:
        items = "".join(
            f"<item><title>{esc(e.title)}</title><link>{variants.loc(e.path)}</link><pubDate>"
            f"{RFC822_DAYS[e.day.weekday()]}, {e.day.day:02d} {RFC822_MONTHS[e.day.month - 1]} {e.day.year} "
            "09:00:00 +0000</pubDate></item>"
            for e in variants.feed_entries(w)
        )
        w.site.pages[w._feed_path()] = Page(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{esc(w.site.name)}'
            f"</title><link>{ORIGIN}/</link>{items}</channel></rss>\n",
            "application/rss+xml; charset=utf-8",
        )


def build_pages(
    site: GeneratedSite, entries: list[Entry], lang: words.Language, rng: random.Random, family: Family
) -> None:
    w = _Writer(site, entries, lang, family)
    for e in entries:
        w.article(e)
    w.listing()
    if w.o.press_listing:
        variants.press_listing(w)
    if w.o.hub:
        variants.hub(w)
    w.others(rng)
    variants.section_pages(w, random.Random(f"{site.id}:section"))
    w.home()
    write_files(w)
