"""Pure page classification: what a parsed page shows about itself, and whether it is an article.

Nothing here fetches anything: every function takes a URL or an already-parsed page
(a ``parsel.Selector``) and returns a value, so the rules can be tested on strings.
The vocabulary they use lives in :mod:`scraper.cms`.
"""

from __future__ import annotations

import functools
import json
import re
import weakref
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from parsel import Selector

from scraper import cms
from scraper.crawl.marks import Marks
from scraper.crawl.urls import (
    canonical_url,
    has_date_in_path,
    in_news_section,
    is_excluded,
    join_link,
    listing_base,
    pagination_number,
    path_segments,
    same_site,
)
from scraper.extract.dates import parse_date


def is_pagination_link(link: Link, page_url: str) -> bool:
    """A "next"/"2"/"Nästa ›" link to another page of the same listing."""
    if pagination_number(link.url) is None or listing_base(link.url) != listing_base(page_url):
        return False
    text = link.text.strip(" \t\n›»>→‹«<←")
    return link.rel in ("next", "prev") or bool(cms.PAGINATION_TEXT.match(text))


@dataclass
class Link:
    url: str
    text: str
    chrome: bool = False  # in header/footer/nav: site navigation
    widget: bool = False  # in a sidebar or recent-news widget
    rel: str = ""
    date: str | None = None  # the date a listing shows beside the link (YYYY-MM-DD), if any


def extract_links(sel: Selector, base_url: str) -> list[Link]:
    """Every http(s) link of a page, absolute, with where on the page it sits."""
    return [replace(link) for _, link in _anchors(sel, base_url)]


class _Page:
    """What was read from one parsed page: where its elements sit, its links (per base URL), its
    signals (per URL and homepage). The spider, the listing and the homepage readers ask the same
    page two or three times; it is read once."""

    def __init__(self) -> None:
        self.marks = Marks()
        self.anchors: dict[str, list[tuple[Any, Link]]] = {}
        self.signals: dict[tuple[str, str], PageSignals] = {}


_PAGES: weakref.WeakKeyDictionary[Selector, _Page] = weakref.WeakKeyDictionary()


def _page(sel: Selector) -> _Page:
    page = _PAGES.get(sel)
    if page is None:
        page = _PAGES[sel] = _Page()
    return page


def _anchors(sel: Selector, base_url: str) -> list[tuple[Any, Link]]:
    """(lxml element, Link) of every http(s) link, read once per page and base URL: share, do not mutate."""
    page = _page(sel)
    marks, anchors = page.marks, page.anchors
    if base_url in anchors:
        return anchors[base_url]
    base = sel.xpath("//base/@href").get()
    page_url = base_url
    base_url = (join_link(base_url, base) or base_url) if base else base_url
    links = []
    parts = urlsplit(base_url)
    origin = f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else base_url
    for a in sel.root.iter("a"):
        href = a.get("href")
        if href is None:
            continue
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        # A root-relative link resolves the same from every page of the site.
        url = _joined(origin if href[0] == "/" and href[:2] != "//" else base_url, href)
        if url is None:
            continue
        text = " ".join(" ".join(a.itertext()).split())
        if not text:
            text = a.get("title", "") or a.get("aria-label", "")
        link = Link(
            url=url,
            text=text,
            chrome=marks.chrome(a),
            widget=marks.widget(a),
            rel=(a.get("rel") or "").lower(),
        )
        links.append((a, link))
    anchors[page_url] = links
    return links


@functools.lru_cache(maxsize=65536)
def _joined(base: str, href: str) -> str | None:
    """:func:`join_link` of an http(s) link, remembered (a site's menus and footers link the same URLs
    from every page); None for no URL or another scheme."""
    url = join_link(base, href)
    return url if url is not None and urlsplit(url).scheme in ("http", "https") else None


DATE_TEXT = re.compile(
    r"\b((19|20)\d{2}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.(19|20)\d{2}|"
    r"\d{1,2}\.? ?(jan|feb|mar|apr|maj|mai|may|jun|jul|aug|sep|okt|oct|nov|dec|des)[a-zé]*\.? (19|20)\d{2}|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2},? (19|20)\d{2})\b",
    re.IGNORECASE,
)


# A listed item: the block a listing's entry sits in, whatever the markup.
ITEM_XPATH = (
    "self::li or self::article or self::tr or self::p or self::dd or contains(@class, 'item') or "
    "contains(@class, 'entry') or contains(@class, 'teaser') or contains(@class, 'card') or "
    "contains(@class, 'views-row')"
)


def item_date(a: Selector) -> str | None:
    """The date shown in the list item, card or teaser a link sits in: a listing's entry.

    Plain sites list news as bare paragraphs (``<p><a>Title</a> <small>14.10.2025</small></p>``):
    a paragraph is an item too, whatever its markup. Drupal Views wraps each entry in ``views-row``.

    Returns ``YYYY-MM-DD``, or ``""`` when the item shows a date this parser cannot read,
    or None when the link is not in a dated item.
    """
    return _item_date(Marks().item(a.root), {})


def _item_date(item: Any, seen: dict[Any, str | None]) -> str | None:
    """:func:`item_date` of an item element (``seen``: the page's items already read)."""
    if item is None:
        return None
    if item in seen:
        return seen[item]
    stamp = next(
        (t.get("datetime") for t in item.iterdescendants("time") if t.get("datetime") is not None), None
    )
    if stamp:
        found: str | None = parse_date(stamp) or ""
    else:
        text = " ".join(item.itertext())
        match = DATE_TEXT.search(text) if len(text) <= 1500 else None
        found = (parse_date(match.group(0)) or "") if match else None
    seen[item] = found
    return found


def feed_links(sel: Selector, base_url: str) -> list[str]:
    """RSS/Atom feeds a page announces, comment feeds left out."""
    urls = []
    for link in sel.xpath("//link[@rel='alternate'][@href]"):
        kind = (link.attrib.get("type") or "").lower()
        title = (link.attrib.get("title") or "").lower()
        href = join_link(base_url, link.attrib["href"])
        if href is None:
            continue
        if ("rss" in kind or "atom" in kind) and "comment" not in title and "comments" not in href:
            urls.append(href)
    return urls


def canonical_link(sel: Selector, base_url: str) -> str | None:
    href = sel.xpath("//link[@rel='canonical']/@href").get()
    return join_link(base_url, href.strip()) if href and href.strip() else None


def _jsonld_types(sel: Selector) -> set[str]:
    types: set[str] = set()
    for raw in sel.xpath("//script[@type='application/ld+json']/text()").getall():
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                t = node.get("@type")
                types.update(
                    x
                    for x in ([t] if isinstance(t, str) else t if isinstance(t, list) else [])
                    if isinstance(x, str)
                )
                stack.extend(v for k, v in node.items() if k == "@graph")
    return types


@dataclass
class PageSignals:
    """What a page shows about itself; :func:`classify_page` weighs it."""

    title: bool = False
    words: int = 0
    article_meta: bool = False  # article:published_time, JSON-LD NewsArticle, single-post body class
    article_element: bool = False  # the main text is one <article> element
    published_label: bool = False  # "Publicerad 2026-03-12", <time> in the main area
    any_date: bool = False  # some date in the main text (e.g. "Sidan senast uppdaterad 2026-03-14")
    distinct_dates: int = 0  # how many different full dates the main text shows
    dated_heading: bool = False  # a date right under the headline, labelled or bare (a byline)
    listing_body: bool = False  # WordPress archive/category body classes
    listing_links: int = 0  # distinct news-looking links in the main area (not chrome, not widgets)
    pagination: bool = False
    news_links: list[Link] = field(default_factory=list)


# Compiled once, run on the lxml tree (no Selector per text node). The ``not(*[...])`` tests are
# on the element's children, as they always were.
_PARAGRAPHS = etree.XPath(".//p[not(" + cms.CHROME_XPATH[len("ancestor-or-self::") :] + ")]")
_TEXT = etree.XPath(".//text()[not(ancestor::script) and not(ancestor::style)]", smart_strings=False)
_STAMPS = etree.XPath(
    ".//time[not(" + cms.WIDGET_XPATH[len("ancestor-or-self::") :] + ")]/@datetime", smart_strings=False
)


def page_signals(sel: Selector, url: str, homepage: str) -> PageSignals:
    """What the page shows about itself (read once per page: the callers share the answer)."""
    page = _page(sel)
    signals = page.signals.get((url, homepage))
    if signals is None:
        signals = page.signals[(url, homepage)] = _page_signals(sel, url, homepage, page)
    return signals


def _page_signals(sel: Selector, url: str, homepage: str, page: _Page) -> PageSignals:
    s = PageSignals()
    s.title = bool(sel.xpath("normalize-space(//h1)").get()) or bool(
        sel.xpath("//meta[@property='og:title']/@content").get()
    )
    main = sel.xpath("//main | //*[@role='main'] | //article")
    scope = main[0] if main else sel
    s.article_element = len(sel.xpath("//article[not(ancestor::article)]")) == 1
    s.words = sum(len(" ".join(p.itertext()).split()) for p in _PARAGRAPHS(scope.root))
    body_classes = set((sel.xpath("//body/@class").get() or "").split())
    s.article_meta = (
        any(sel.xpath(x).get() for x in cms.ARTICLE_META_XPATHS)
        or bool(_jsonld_types(sel) & cms.JSONLD_ARTICLE_TYPES)
        or bool(body_classes & set(cms.ARTICLE_BODY_CLASSES))
    )
    s.listing_body = bool(body_classes & set(cms.LISTING_BODY_CLASSES))
    text = " ".join(_TEXT(scope.root))
    # One or two <time> stamps date the page; many of them date the items of a list.
    stamps = set(_STAMPS(scope.root))
    s.published_label = bool(cms.PUBLISHED_LABEL.search(" ".join(text.split()))) or 1 <= len(stamps) <= 2
    # The main text's own dates. (Its text nodes were once filtered by the chrome and widget tests
    # as children of the node: a text node has none, so the filter never held; the same text.)
    own = " ".join(text.split())
    s.distinct_dates = len({m.group(0).lower() for m in DATE_TEXT.finditer(own)})
    s.dated_heading = _dated_heading(sel)
    s.any_date = s.published_label or s.distinct_dates > 0
    seen: set[str] = {canonical_url(url)}
    marks, items = page.marks, dict[Any, str | None]()
    for a, link in _anchors(sel, url):
        if not same_site(link.url, homepage) or is_excluded(link.url):
            continue
        if is_pagination_link(link, url):
            # Pagers often sit in a <nav>: a link to another page of the same listing is
            # pagination wherever it is.
            s.pagination = True
            continue
        if link.rel in ("next", "prev"):
            continue
        key = canonical_url(link.url)
        if link.chrome or key in seen:
            continue
        newsy = in_news_section(link.url) or has_date_in_path(link.url)
        date = _item_date(marks.item(a), items)
        if newsy or date is not None:
            seen.add(key)
            s.news_links.append(replace(link, date=date))  # the page's own copy: anchors are shared
            if not link.widget:
                s.listing_links += 1
    s.pagination = s.pagination or bool(sel.xpath("//link[@rel='next']"))
    return s


HEADING_DATE_WORDS = 12  # how close under the headline a date must be to date the page


def _dated_heading(sel: Selector) -> bool:
    """A full date within a few words after the <h1>: how a news page shows when it was published,
    even bare (``<h1>..</h1><p><i>07.10.2025</i></p>``). A "last updated" line sits at the bottom.

    A date in a listed item (a block with a link, not holding the headline) dates that item, not
    this page: a one-entry filtered listing is not a dated notice."""
    h1 = sel.xpath("//h1[normalize-space()][1]")
    if not h1:
        return False
    following = "following::text()[not(ancestor::script) and not(ancestor::style)]"
    words = 0
    for i, node in enumerate(h1[0].xpath(f"{following}[position() <= 40]").getall(), start=1):
        text = " ".join(node.split())
        if DATE_TEXT.search(text):
            in_item = f"({following})[{i}]/ancestor::*[{ITEM_XPATH}][.//a[@href]][not(.//h1)]"
            return not h1[0].xpath(in_item)
        words += len(text.split())
        if words >= HEADING_DATE_WORDS:
            return False
    return False


def classify_page(signals: PageSignals, url: str, *, from_listing: bool) -> str:
    """``"article"``, ``"listing"`` or ``"other"``.

    A page is a listing when it pages (next links, ``?page=``) or links to several news
    pages from its main area, and does not present itself as one article. It is an
    article when it has a title and real text and either presents itself as an article
    (structured data, a "Publicerad" line, a ``<time>``) or sits in the news section it
    was linked from. A recent-news widget alone makes nothing a listing.
    """
    if signals.article_meta and not signals.listing_body and signals.title:
        if signals.words >= cms.MIN_ARTICLE_WORDS // 2 or is_short_news(
            signals, url, from_listing=from_listing
        ):
            return "article"
        return "other"
    if signals.listing_body or signals.pagination or pagination_number(url) is not None:
        return "listing"
    if signals.listing_links >= cms.LISTING_MIN_LINKS and signals.words < 6 * signals.listing_links + 60:
        return "listing"
    if not signals.title:
        return "other"
    if signals.words < cms.MIN_ARTICLE_WORDS:
        # The word floor is for pages without article evidence; a dated notice is news however short.
        return "article" if is_short_news(signals, url, from_listing=from_listing) else "other"
    if signals.distinct_dates >= cms.NOTICE_PAGE_DATES and not (
        signals.article_meta or signals.published_label
    ):
        return "other"  # a page of dated notices ("Driftinformation"), not one article
    if signals.published_label:
        return "article"
    newsy = in_news_section(url) or has_date_in_path(url)
    if from_listing and newsy:
        return "article"
    if article_evidence(signals, url, from_listing=from_listing) >= ARTICLE_EVIDENCE:
        return "article"
    return "other"


def is_short_news(signals: PageSignals, url: str, *, from_listing: bool) -> bool:
    """A short page that is news all the same: a title, a publication date ("Publisert", a <time>),
    some body text, and it presents itself as an article or sits in the news section. A listing's
    dated entry vouches for the page, so there the page's own date need not be labelled: plain
    sites show it bare (``<p><i>07.10.2025</i></p>``) above two sentences; a bare date right under
    the headline dates the page on its own (a notice only the sitemap links)."""
    dated = signals.published_label or (
        (from_listing or signals.dated_heading) and 1 <= signals.distinct_dates <= 2
    )
    if not (signals.title and dated and signals.words >= cms.MIN_NOTICE_WORDS):
        return False
    if signals.distinct_dates >= cms.NOTICE_PAGE_DATES or signals.listing_links >= cms.LISTING_MIN_LINKS:
        return False  # a page of dated notices, or a short listing
    presents = signals.article_meta or signals.article_element
    return presents or in_news_section(url) or has_date_in_path(url) or from_listing


# Weak signals, one point each; a page with a title and text that collects this many is an
# article even without a "Publicerad" line: a SiteVision news page at
# /nyheter/nyheter/2018-05-30-x.html whose only date is "Sidan senast uppdaterad" scores 3.
ARTICLE_EVIDENCE = 3


def article_evidence(signals: PageSignals, url: str, *, from_listing: bool) -> int:
    deep_news = in_news_section(url) and len(path_segments(url)) >= 2
    return (
        int(deep_news)
        + int(has_date_in_path(url))
        + int(signals.any_date)
        + int(from_listing)
        + int(signals.dated_heading)
    )
