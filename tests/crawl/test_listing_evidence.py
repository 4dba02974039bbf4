"""Listing evidence on minimal markup: bare-paragraph entries, nb/da pagers, numeric dates, short
notices a listing vouches for, and pages fetched before the listing that vouches for them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from scraper.config import RevisitConfig
from scraper.crawl import classify, sources
from scraper.crawl.counters import Counter, get
from scraper.crawl.memory import CrawlMemory
from scraper.crawl.spiders.news import NewsSpider
from scraper.items import Link, LinkKind, Page

HOME = "https://www.alvik.kommune.no/"
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

HEADER = (
    '<header><a href="/">Alvik kommune</a><nav><a href="/aktuelt/">Nyheter</a>'
    '<a href="/aktuelt/driftsmeldinger/">Driftsmeldinger</a></nav></header>'
)
LISTING = f"""<html><head><title>Nyheter</title></head><body>{HEADER}<div id="main"><h1>Nyheter</h1>
<div class="news-list">
<p><a href="/aktuelt/item?id=100">Kommunen åpner en ny sykkelvei</a> <small>14.10.2025</small><br>Kort ingress.</p>
<p><a href="/aktuelt/item?id=101">Barneskolen bygger om badeplassen</a> <small>07.10.2025</small><br>Kort.</p>
</div>
<p>Les også om <a href="/aktuelt/abonner/">nyhetsvarsler</a>.</p>
<p class="load-more"><a href="/aktuelt/?page=1" class="button">Vis flere</a></p>
</div></body></html>"""

NOTICE = f"""<html><head><title>Barneskolen bygger om badeplassen</title></head><body>{HEADER}
<div id="main"><h1>Barneskolen bygger om badeplassen</h1><p><i>07.10.2025</i></p>
<p>Biblioteket starter badeplassen ved vannet fra neste uke.</p>
<p>Teknisk etat inviterer til vann- og avløpsnettet sammen med lagene.</p></div></body></html>"""

ARTICLE = f"""<html><head><title>Kommunen åpner en ny sykkelvei</title></head><body>{HEADER}
<div id="main"><h1>Kommunen åpner en ny sykkelvei</h1><p><i>14.10.2025</i></p>
<p>{"Kommunen åpner en ny sykkelvei langs vannet i hele kommunen fra neste uke. " * 6}</p></div>
</body></html>"""

# The same article on a site that shows no publication date, only "last changed" at the bottom:
# nothing on the page dates it as news, so it is news only when a listing vouches for it.
UNDATED = f"""<html><head><title>Kommunen åpner en ny sykkelvei</title></head><body>{HEADER}
<div id="main"><h1>Kommunen åpner en ny sykkelvei</h1>
<p>{"Kommunen åpner en ny sykkelvei langs vannet i hele kommunen fra neste uke. " * 6}</p>
<p>Sist endret 14.10.2025</p></div></body></html>"""
SHORT_UNDATED = f"""<html><head><title>Barneskolen bygger om badeplassen</title></head><body>{HEADER}
<div id="main"><h1>Barneskolen bygger om badeplassen</h1>
<p>Biblioteket starter badeplassen ved vannet fra neste uke.</p>
<p>Teknisk etat inviterer til vann- og avløpsnettet sammen med lagene.</p>
<p>Sist endret 07.10.2025</p></div></body></html>"""


def _sel(html: str) -> Selector:
    return Selector(text=html)


def test_a_bare_paragraph_entry_with_a_date_vouches_for_its_link() -> None:
    links = sources.listing_links(_sel(LISTING), HOME + "aktuelt/", HOME)
    candidates = {link.url: link for link in links if link.kind == LinkKind.CANDIDATE}
    assert candidates[HOME + "aktuelt/item?id=100"].listed
    assert candidates[HOME + "aktuelt/item?id=100"].date == "2025-10-14"
    assert candidates[HOME + "aktuelt/item?id=101"].date == "2025-10-07"
    # An undated link in a paragraph of the listing does not vouch for its page.
    assert not candidates[HOME + "aktuelt/abonner/"].listed


def test_vis_flere_pages_the_listing() -> None:
    links = sources.listing_links(_sel(LISTING), HOME + "aktuelt/", HOME)
    assert [link.url for link in links if link.kind == LinkKind.PAGE] == [HOME + "aktuelt/?page=1"]
    for text in ("Vis flere", "Vis mere", "Neste", "Eldre nyheter", "Ældre nyheder", "Show more"):
        assert classify.is_pagination_link(classify.Link(HOME + "aktuelt/?page=2", text), HOME + "aktuelt/")


def test_numeric_dates_are_dates() -> None:
    assert classify.DATE_TEXT.search("publisert 07.10.2025 kl. 12")
    assert classify.DATE_TEXT.search("Publisert 5. mai 2025") and classify.DATE_TEXT.search(
        "3. desember 2025"
    )
    assert classify.item_date(_sel("<li><a href='/x'>X</a> 7.3.2026</li>").xpath("//a")[0]) == "2026-03-07"


def test_a_short_notice_with_a_bare_date_under_its_headline_is_news_wherever_it_was_linked() -> None:
    """A bare date right under the headline is a publication date: a notice only the sitemap links
    (a listing never showed it) is news all the same (issue 9: news by evidence, not length)."""
    url = HOME + "aktuelt/item?id=101"
    signals = classify.page_signals(_sel(NOTICE), url, HOME)
    assert signals.dated_heading
    assert classify.classify_page(signals, url, from_listing=True) == "article"
    assert classify.classify_page(signals, url, from_listing=False) == "article"
    full = classify.page_signals(_sel(ARTICLE), HOME + "aktuelt/item?id=100", HOME)
    assert classify.classify_page(full, HOME + "aktuelt/item?id=100", from_listing=False) == "article"


def test_a_short_page_dated_only_at_the_bottom_is_news_only_when_vouched_for() -> None:
    url = HOME + "aktuelt/item?id=101"
    signals = classify.page_signals(_sel(SHORT_UNDATED), url, HOME)
    assert not signals.dated_heading
    assert classify.classify_page(signals, url, from_listing=True) == "article"
    assert classify.classify_page(signals, url, from_listing=False) == "other"


def test_a_date_under_the_headline_outside_the_news_section_is_not_enough() -> None:
    """An event page (/arrangementer/...) shows its date under the headline too: not news."""
    url = HOME + "arrangementer/konsert/"
    for page in (NOTICE, ARTICLE):
        signals = classify.page_signals(_sel(page), url, HOME)
        assert classify.classify_page(signals, url, from_listing=False) == "other"


@pytest.fixture
def spider(tmp_path) -> NewsSpider:
    crawler = get_crawler(NewsSpider, {"MUNINEWS_DB": str(tmp_path / "none.db")})
    spider = NewsSpider.from_crawler(crawler, url=HOME, municipality="Alvik", id="alvik")
    spider.memory = CrawlMemory(policy=RevisitConfig(), clock=lambda: NOW)
    return spider


def _response(url: str, html: str, kind: str, **meta: object) -> HtmlResponse:
    request = Request(url, meta={"municipality_id": "alvik", "kind": kind, **meta})
    headers = {"Content-Type": "text/html; charset=utf-8"}
    return HtmlResponse(url, body=html.encode(), request=request, headers=headers, encoding="utf-8")


def test_a_page_fetched_before_the_listing_vouched_is_judged_again(spider) -> None:
    url = HOME + "aktuelt/item?id=100"
    # A sitemap asked for the article first: without the listing's word it is not news ...
    out = list(spider.parse_page(_response(url, UNDATED, "candidate", from_listing=False)))
    assert not [o for o in out if isinstance(o, Page)]
    # ... then the listing vouches for it: asked again, once, as listed; a plain entry is not re-asked.
    listing = list(spider.parse_listing(_response(HOME + "aktuelt/", LISTING, "listing")))
    again = [o for o in listing if isinstance(o, Request) and o.url == url]
    assert len(again) == 1 and again[0].meta["from_listing"] and again[0].dont_filter
    assert get(spider.crawler.stats, Counter.PAGE_REJUDGED_LISTED, "alvik") == 1
    out = list(spider.parse_page(_response(url, UNDATED, "candidate", from_listing=True)))
    assert len([o for o in out if isinstance(o, Page)]) == 1
    assert not spider.sites["alvik"].unvouched


def test_a_page_that_is_not_news_even_vouched_for_waits_for_nothing(spider) -> None:
    page = f"<html><body>{HEADER}<div id='main'><h1>Abonner</h1><p>{'Få nyhetsvarsler på e-post. ' * 12}</p>"
    out = list(spider.parse_page(_response(HOME + "kontakt/", page + "</div></body></html>", "candidate")))
    assert not [o for o in out if isinstance(o, Page)]
    assert not spider.sites["alvik"].unvouched


def test_the_date_under_the_headline_is_found_after_the_h1_not_the_title() -> None:
    """The headline is also the <title>: the words after the <h1> itself are the ones that count."""
    page = NOTICE.replace('<div id="main">', '<div id="main"><p>Skriv ut</p>')
    signals = classify.page_signals(_sel(page), HOME + "aktuelt/item?id=101", HOME)
    assert signals.dated_heading
    late = NOTICE.replace("<p><i>07.10.2025</i></p>", "").replace(
        "</div></body>", "<p>07.10.2025</p></div></body>"
    )
    assert not classify.page_signals(_sel(late), HOME + "aktuelt/item?id=101", HOME).dated_heading


def test_a_listed_items_date_under_the_headline_does_not_date_the_page() -> None:
    """A filtered listing with one entry: the date under its <h1> is the entry's, not the page's."""
    page = f"""<html><body>{HEADER}<main><h1>Nyheter: Skole</h1><ul class="news-list"><li>
    <a href="/aktuelt/item?id=100">Kommunen åpner en ny sykkelvei</a><p>14.10.2025</p>
    <p>Biblioteket starter badeplassen ved vannet fra neste uke sammen med lagene.</p></li></ul></main></body></html>"""
    url = HOME + "aktuelt/?kategori=skole"
    signals = classify.page_signals(_sel(page), url, HOME)
    assert not signals.dated_heading
    assert classify.classify_page(signals, url, from_listing=False) != "article"


@pytest.mark.parametrize(
    "text", ["Alle nyheter", "Alle nyheder", "Se alle nyheter", "Vis alle nyheder", "Alla nyheter"]
)
def test_all_news_in_nb_and_da_leads_to_the_listing(text) -> None:
    from scraper.crawl.urls import looks_like_news_link_text

    assert looks_like_news_link_text(text)


def test_year_archive_links_are_listings_with_session_ids() -> None:
    page = f"""<html><body>{HEADER}<main><h1>Nyheter</h1><ul class="news-list">
    <li><a href="/aktuelt/item?id=100">Kommunen åpner en ny sykkelvei</a> <span>14.10.2025</span></li></ul>
    <nav class="archive-years"><ul><li><a href="/aktuelt/2024/;jsessionid=0042">2024</a></li>
    <li><a href="/aktuelt/?ar=2023">2023</a></li><li><a href="/kalender/2022/">2022</a></li></ul></nav>
    </main></body></html>"""
    links = sources.listing_links(_sel(page), HOME + "aktuelt/2025/", HOME)
    listings = [link.url for link in links if link.kind == LinkKind.LISTING]
    assert listings == [HOME + "aktuelt/2024/;jsessionid=0042"]
    here = sources.listing_links(_sel(page), HOME + "aktuelt/", HOME)
    assert {link.url for link in here if link.kind == LinkKind.LISTING} == {
        HOME + "aktuelt/2024/;jsessionid=0042",
        HOME + "aktuelt/?ar=2023",
    }
    assert not [link for link in here if link.kind == LinkKind.CANDIDATE and "2024" in link.url]


def test_a_get_form_pager_pages_the_listing() -> None:
    page = f"""<html><body>{HEADER}<main><h1>Nyheter</h1><p><a href="/aktuelt/item?id=100">X</a> 14.10.2025</p>
    <form class="load-more" method="get" action=""><input type="hidden" name="kategori" value="skole">
    <button type="submit" name="page" value="2">Vis flere</button></form>
    <form method="get" action="/sok/"><input name="q"><button>Søk</button></form></main></body></html>"""
    links = sources.listing_links(_sel(page), HOME + "aktuelt/?kategori=skole", HOME)
    assert [link.url for link in links if link.kind == LinkKind.PAGE] == [
        HOME + "aktuelt/?kategori=skole&page=2"
    ]


def test_link_rel_next_in_the_head_pages_a_listing_whose_pager_is_a_script() -> None:
    page = f"""<html><head><link rel="next" href="?page=2"></head><body>{HEADER}<main><h1>Nyheter</h1>
    <p><a href="/aktuelt/item?id=100">X</a> 14.10.2025</p>
    <p class="load-more"><button type="button" data-page="2">Vis flere</button></p></main></body></html>"""
    links = sources.listing_links(_sel(page), HOME + "aktuelt/", HOME)
    assert [link.url for link in links if link.kind == LinkKind.PAGE] == [HOME + "aktuelt/?page=2"]


def _paged_listing(page: int, ids: tuple[int, ...]) -> str:
    items = "".join(
        f'<p><a href="/aktuelt/item?id={i}">Sak {i}</a> <small>1{i % 10}.10.2025</small></p>' for i in ids
    )
    return (
        f"<html><body>{HEADER}<div id='main'><h1>Nyheter</h1><div class='news-list'>{items}</div>"
        f"<p><a href='/aktuelt/?page={page + 1}'>Neste</a></p></div></body></html>"
    )


def test_paging_goes_on_while_pages_are_new_to_the_listing(spider) -> None:
    """Page 2 lists entries the feed already asked for: new to this listing all the same, so page 3
    is asked; a page repeating only what earlier pages of the listing showed stops the paging."""
    spider._follow_feed(HOME + "rss.xml", [], spider.sites["alvik"])
    feed = [o for o in spider._follow_feed(
        HOME + "rss.xml",
        [Link(LinkKind.CANDIDATE, HOME + f"aktuelt/item?id={i}") for i in (103, 104)],
        spider.sites["alvik"],
    )]  # fmt: skip
    assert len(feed) == 2
    list(spider.parse_listing(_response(HOME + "aktuelt/", _paged_listing(1, (101, 102)), "listing")))
    page2 = list(
        spider.parse_listing(_response(HOME + "aktuelt/?page=2", _paged_listing(2, (103, 104)), "listing"))
    )
    assert HOME + "aktuelt/?page=3" in [o.url for o in page2 if isinstance(o, Request)]
    page3 = list(
        spider.parse_listing(_response(HOME + "aktuelt/?page=3", _paged_listing(3, (101, 104)), "listing"))
    )
    assert HOME + "aktuelt/?page=4" not in [o.url for o in page3 if isinstance(o, Request)]
    assert get(spider.crawler.stats, Counter.LISTING_STOPPED_NO_NEW_LINKS, "alvik") == 1


def test_a_drupal_views_row_is_a_listing_item() -> None:
    row = (
        '<div class="views-row"><span class="field-content"><a href="/news/x/">X</a></span>'
        '<div class="views-field-created">2025-07-07</div><p>Teaser.</p></div>'
    )
    assert classify.item_date(_sel(row).xpath("//a")[0]) == "2025-07-07"


def test_a_last_updated_line_after_paragraphs_with_links_does_not_date_the_page() -> None:
    """Paragraphs that hold links (tel:, mailto:) still count as the words between headline and date."""
    page = f"""<html><body>{HEADER}<main><h1>Presse</h1>
    <p>Pressevakten svarer på spørsmål fra journalister alle hverdager, ring
    <a href="tel:+4712345678">12 34 56 78</a>.</p>
    <p>Send e-post til <a href="mailto:presse@alvik.no">presse@alvik.no</a>.</p>
    <p>Sist endret 11. november 2025</p></main></body></html>"""
    assert not classify.page_signals(_sel(page), HOME + "aktuelt/presse/", HOME).dated_heading
