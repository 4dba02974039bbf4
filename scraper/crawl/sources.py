"""Pure link extraction from the places news is announced: robots.txt, homepages, listings,
sitemaps and feeds. Bytes or a parsed page in, typed :class:`~scraper.items.Link` lists out.

What each function returns is also what the archive keeps in ``pages.links``, so a re-crawl that gets
a 304 follows the very same links without the body. Unreadable sitemaps and feeds raise
:class:`SourceError`; the spider counts them and carries on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parsel import Selector
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from scraper.clock import parse_time
from scraper.cms.choice import ALL, CmsData
from scraper.crawl import classify
from scraper.crawl.press_rooms import press_room_links
from scraper.crawl.urls import (
    canonical_url,
    clean_url,
    in_news_section,
    join_link,
    looks_like_news_link_text,
    looks_like_sitemap_article,
    pagination_number,
    path_segments,
    same_site,
)
from scraper.items import Link, LinkKind


class SourceError(ValueError):
    """A sitemap or feed that cannot be read: a bad page, not a crash."""


def robots_links(body: bytes, url: str) -> list[Link]:
    """The sitemaps a robots.txt names."""
    return [Link(LinkKind.SITEMAP, u) for u in sitemap_urls_from_robots(body, base_url=url)]


def sitemap_links(body: bytes, *, gzipped: bool, max_size: int) -> list[Link]:
    """A sitemap index's child sitemaps, or a sitemap's article-looking entries, with their lastmod."""
    if gzipped:
        try:
            body = gunzip(body, max_size=max_size)
        except Exception as exc:
            raise SourceError("invalid gzip sitemap") from exc
    try:
        sitemap = Sitemap(body)
    except Exception as exc:
        raise SourceError("invalid sitemap") from exc
    extras = ("lastmod",)
    if sitemap.type == "sitemapindex":
        return [
            Link(LinkKind.SITEMAP, e["loc"], lastmod=e.get("lastmod"), extras=extras)
            for e in sitemap
            if e.get("loc")
        ]
    return [
        Link(LinkKind.CANDIDATE, e["loc"], lastmod=e.get("lastmod"), extras=extras)
        for e in sitemap
        if looks_like_sitemap_article(e.get("loc", ""))
    ]


def feed_date(value: str | None) -> str | None:
    """An RSS (RFC 822) or Atom (ISO 8601) date as ISO 8601, for the revisit schedule; None if unreadable."""
    if not value:
        return None
    if parse_time(value) is not None:
        return value
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def feed_links(body: bytes, url: str) -> list[Link]:
    """An RSS or Atom feed's entries, with their dates."""
    try:
        sel = Selector(body=body, type="xml")
        sel.remove_namespaces()
    except Exception as exc:
        raise SourceError("invalid feed") from exc
    entries = [
        (item.xpath("normalize-space(link)").get(), item.xpath("normalize-space(pubDate)").get())
        for item in sel.xpath("//item")
    ] + [
        (
            entry.xpath("link[@rel='alternate' or not(@rel)]/@href").get(),
            entry.xpath("normalize-space(published | updated)").get(),
        )
        for entry in sel.xpath("//entry")
    ]
    return [
        Link(LinkKind.CANDIDATE, absolute, date=feed_date(date), extras=("date",))
        for link, date in entries
        if link and (absolute := join_link(url, link))
    ]


def page_feeds(sel: Selector, url: str, cms: CmsData = ALL) -> list[Link]:
    """The feeds a page announces (``<link rel=alternate>``) and the ones its platform names in its
    own way (SiteVision's RSS portlets), by the site's CMS data (:mod:`scraper.cms.choice`)."""
    urls = classify.feed_links(sel, url)
    if cms.feed_finders:
        named = "\n".join(sel.xpath("//@href | //@data-href | //@data-url | //script/text()").getall())
        urls += [u for u in cms.feed_urls(named, url) if u not in urls]
    return [Link(LinkKind.FEED, u) for u in urls]


def home_links(
    sel: Selector,
    url: str,
    homepage: str,
    press_hosts: Mapping[str, str] | None = None,
    cms: CmsData = ALL,
) -> list[Link]:
    """What a homepage offers: feeds, news listings, navigation into a news section, news teasers, and
    the press rooms it links (``press_hosts``: extra hosts of press services, see
    :mod:`scraper.crawl.press_rooms`); ``cms`` is the data of the site's platform."""
    links = page_feeds(sel, url, cms)
    links += [
        Link(LinkKind.PRESS_FEED, room.feed_url)
        if room.feed_url
        else Link(LinkKind.PRESS_ROOM, room.url or "")
        for room in press_room_links(sel, url, homepage, press_hosts or {})
    ]
    anchors = classify.extract_links(sel, url)
    links += [Link(LinkKind.LISTING, a.url) for a in anchors if looks_like_news_link_text(a.text)]
    # No link says "Nyheter": navigation links into a news section are the fallback.
    links += [
        Link(LinkKind.NAV_LISTING, a.url)
        for a in anchors
        if a.chrome and in_news_section(a.url) and len(path_segments(a.url)) <= 2
    ]
    # News teasers on the homepage are candidates too; each is checked on its own page.
    signals = classify.page_signals(sel, url, homepage)
    return links + [Link(LinkKind.CANDIDATE, a.url) for a in signals.news_links]


def listing_links(sel: Selector, url: str, homepage: str, cms: CmsData = ALL) -> list[Link]:
    """What a listing page lists: feeds, entries (with date, and whether they vouch for their page),
    linked listings and pagination. A link that is the listing's navigation (a year of its archive)
    is read as a listing, not asked as an article candidate."""
    links = page_feeds(sel, url, cms)
    navigation = listing_navigation(sel, url)
    listings = {canonical_url(link.url) for link in navigation}
    entries = [
        e
        for e in listing_entries(classify.page_signals(sel, url, homepage))
        if canonical_url(e.url) not in listings
    ]
    return links + entries + navigation + pdf_links(sel, url, homepage)


def pdf_links(sel: Selector, url: str, homepage: str) -> list[Link]:
    """The PDFs on the site a listing links outside its navigation: candidates for PDF releases (files
    are never article candidates; these are judged by :mod:`scraper.extract.pdf`)."""
    urls = [
        a.url
        for a in classify.extract_links(sel, url)
        if not a.chrome and same_site(a.url, homepage) and urlsplit(a.url).path.lower().endswith(".pdf")
    ]
    return [Link(LinkKind.PDF, u) for u in dict.fromkeys(urls)]


def listing_entries(signals: classify.PageSignals) -> list[Link]:
    """The listing's own entries. On SiteVision the news archive page is itself an sv-archive-portlet,
    so when every entry sits in a "widget", the widget is the listing. Only dated entries vouch for
    their pages: an undated link in the main area may be "Prenumerera" or "Driftinformation"."""
    entries = [a for a in signals.news_links if not a.widget] or signals.news_links
    entries = [a for a in entries if a.date is not None]
    return [
        Link(LinkKind.CANDIDATE, a.url, date=a.date, listed=a in entries, extras=("date", "listed"))
        for a in signals.news_links
    ]


def listing_navigation(sel: Selector, url: str) -> list[Link]:
    """Listings a landing page ("Aktuellt") links ("Alla nyheter"), then its pagination, which stays
    inside this listing: no hop to a calendar or another section."""
    anchors = classify.extract_links(sel, url)
    links = [
        Link(LinkKind.LISTING, a.url)
        for a in anchors
        if (not a.chrome and looks_like_news_link_text(a.text)) or is_year_archive_link(a, url)
    ]
    return links + [
        Link(LinkKind.PAGE, a.url, number=pagination_number(a.url) or 0, extras=("number",))
        for a in anchors + form_links(sel, url) + head_links(sel, url)
        if classify.is_pagination_link(a, url)
    ]


YEAR = re.compile(r"(19|20)\d{2}")


def is_year_archive_link(a: classify.Link, listing_url: str) -> bool:
    """A link "2024" to that year of this listing's archive: ``/nyheter/2024/`` beside ``/nyheter/``
    (or beside ``/nyheter/2025/``), or ``/nyheter/?ar=2024``. Archives by year are a listing's
    pagination on many sites; the year pages may hold too few entries to look like listings."""
    year = a.text.strip()
    if not YEAR.fullmatch(year):
        return False
    link, here = urlsplit(clean_url(a.url)), urlsplit(clean_url(listing_url))  # no ;jsessionid=
    if link.netloc != here.netloc:
        return False

    def base(path: str) -> str:
        path = path.rstrip("/")
        head, _, last = path.rpartition("/")
        return head if YEAR.fullmatch(last) else path

    if link.path.rstrip("/").endswith("/" + year) and base(link.path) == base(here.path):
        return True
    return link.path.rstrip("/") == here.path.rstrip("/") and year in (v for _, v in parse_qsl(link.query))


def head_links(sel: Selector, url: str) -> list[classify.Link]:
    """``<link rel="next">`` in the head: the only pager of a listing whose "Visa fler" is a script."""
    base = join_link(url, sel.xpath("//base/@href").get() or "") or url
    return [
        classify.Link(absolute, "", rel="next")
        for href in sel.xpath("//head/link[@rel='next']/@href").getall()
        if href.strip() and (absolute := join_link(base, href.strip()))
    ]


def form_links(sel: Selector, url: str) -> list[classify.Link]:
    """What the GET forms of a page ask for when a button is pressed: "Visa fler" is often a form
    (``<button name="page" value="2">``), no link at all. Hidden inputs are kept; an empty action is
    the page itself."""
    links = []
    base = join_link(url, sel.xpath("//base/@href").get() or "") or url
    for form in sel.xpath("//form"):
        if (form.attrib.get("method") or "get").lower() != "get":
            continue
        action = form.attrib.get("action", "").strip()
        resolved = join_link(base, action) if action else url
        if resolved is None:
            continue
        target = urlsplit(resolved)
        hidden = [
            (i.attrib["name"], i.attrib.get("value", ""))
            for i in form.xpath(".//input[@type='hidden'][@name]")
        ]
        for button in form.xpath(".//button | .//input[@type='submit']"):
            pressed = (
                [(button.attrib["name"], button.attrib.get("value", ""))] if button.attrib.get("name") else []
            )
            text = " ".join(button.xpath("normalize-space(.)").get("").split()) or button.attrib.get(
                "value", ""
            )
            query = urlencode(hidden + pressed)
            links.append(
                classify.Link(urlunsplit((target.scheme, target.netloc, target.path, query, "")), text)
            )
    return links
