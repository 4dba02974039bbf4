"""Never garble (issue 10, item 5): a value the page does not contain is dropped and counted, not stored."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from scraper.crawl import counters
from scraper.crawl.counters import Counter
from scraper.extract import article as article_module
from scraper.extract.garbling import PageText, drop_garbled
from scraper.extract.tree import parse_html
from scraper.items import Article, Contact, Page, Quote
from scraper.pipelines import ExtractPipeline

# A Tolvby kommun press release written for this test: the contact's phone and e-mail sit on lines
# of their own, separated only by <br> and by a block boundary.
PAGE = """<html><head><title>Ny lekplats i Tolvby</title></head><body><article>
<h1>Ny lekplats i Tolvby</h1>
<p>Lekplatsen vid torget byggs om under våren.</p>
<p>– Vi har lyssnat på barnen, säger Ebba Tolvsson, fritidschef. Nu bygger vi det de bad om.</p>
<p>Ebba Tolvsson (S), kommunalråd, invigde platsen.</p>
<h2>Kontakt</h2>
<p>Ebba Tolvsson, fritidschef<br>Telefon: 0491-76 54 12<br>ebba.tolvsson@tolvby.se</p>
<div>Mobil: 070-174 06 12</div><div><a href="mailto:Info.Desk@Tolvby.se">Skriv till oss</a></div>
</article></body></html>"""


@pytest.fixture
def page() -> PageText:
    tree = parse_html(PAGE)
    assert tree is not None
    return PageText(tree)


def _article(**fields: object) -> Article:
    return Article(url="https://www.tolvby.se/nyheter/lekplats", municipality_id="tolvby", **fields)  # type: ignore[arg-type]


def test_digits_glued_to_the_next_email_across_a_br_are_not_on_the_page(page: PageText) -> None:
    assert page.has_email("ebba.tolvsson@tolvby.se")
    assert not page.has_email("12ebba.tolvsson@tolvby.se")


def test_text_on_either_side_of_a_block_boundary_is_never_one_word(page: PageText) -> None:
    assert page.has("Mobil: 070-174 06 12")
    assert not page.has("06 12Skriv")


def test_emails_compare_case_insensitively_and_mailto_targets_count(page: PageText) -> None:
    assert page.has_email("EBBA.Tolvsson@tolvby.se")
    assert page.has_email("info.desk@tolvby.se")


def test_quote_pieces_around_the_attribution_each_occur(page: PageText) -> None:
    assert page.has_pieces("Vi har lyssnat på barnen, Nu bygger vi det de bad om.", 4)
    assert page.has_pieces("Vi har lyssnat på barnen. Nu bygger vi det de bad om", 4)
    assert not page.has_pieces("Vi har lyssnat på barnen och nu bygger vi", 4)
    assert not page.has_pieces("Vi har lyssnat på barnen", 0)


def test_role_with_a_party_mark_from_another_place_is_two_pieces(page: PageText) -> None:
    assert page.has_pieces("kommunalråd (S)", 3)


def test_drop_garbled_drops_and_reports_each_failing_value() -> None:
    tree = parse_html(PAGE)
    assert tree is not None
    kept = Contact(
        name="Ebba Tolvsson", email="ebba.tolvsson@tolvby.se", phone="+46491765412", phone_raw="0491-76 54 12"
    )
    article = _article(
        quotes=[
            Quote(0, "Vi har lyssnat på barnen, Nu bygger vi det de bad om", "Ebba Tolvsson", "fritidschef"),
            Quote(1, "VÃ¤gen Ã¤r stÃ¤ngd hela veckan", "Ebba Tolvsson"),
            Quote(2, "Vi har lyssnat på barnen", "Ebba Tolvsson", "stadsdirektör"),
        ],
        contacts=[
            Contact(email="12ebba.tolvsson@tolvby.se"),
            Contact(name="Ebba Tolvsson", role="fritidschef", email="12ebba.tolvsson@tolvby.se"),
            kept,
            Contact(name="Ebba Tolvsson", phone="+46491765499", phone_raw="0491-76 54 12"),
        ],
    )
    dropped = drop_garbled(article, tree)
    assert [(q.position, q.text[:10], q.role) for q in article.quotes] == [
        (0, "Vi har lys", "fritidschef"),
        (1, "Vi har lys", None),
    ]
    # a contact loses what the page does not hold, and goes when no e-mail or phone is left
    assert article.contacts == [kept]
    assert [d.split()[0] for d in dropped] == [
        "quote.text",
        "quote.role",
        "contact.email",
        "contact.email",
        "contact.phone",
    ]


def test_e164_number_must_be_the_number_written(page: PageText) -> None:
    assert page.has_phone(Contact(phone="+46701740612", phone_raw="070-174 06 12"))
    assert not page.has_phone(Contact(phone="+46701740699", phone_raw="070-174 06 12"))
    assert not page.has_phone(Contact(phone="+46701740612"))  # no tel: link on the page, nothing written


def test_extract_article_runs_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def glued(tree: object, country: str = "SE", people: object = None) -> list[Contact]:
        return [Contact(name="Ebba Tolvsson", email="12ebba.tolvsson@tolvby.se")]

    monkeypatch.setattr(article_module, "extract_contacts", glued)
    article = article_module.extract_article(PAGE.encode(), "https://www.tolvby.se/n", "2026-03-01T10:00:00Z")
    assert article.contacts == []
    assert article.garbled == ["contact.email '12ebba.tolvsson@tolvby.se'"]


def test_the_real_extraction_of_the_page_garbles_nothing() -> None:
    article = article_module.extract_article(PAGE.encode(), "https://www.tolvby.se/n", "2026-03-01T10:00:00Z")
    assert article.garbled == []
    assert {c.email for c in article.contacts} >= {"ebba.tolvsson@tolvby.se"}


def test_the_crawl_counts_and_logs_garbled_values(monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    import scraper.pipelines as pipelines

    def extract(*args: object, **kwargs: object) -> Article:
        article = article_module.extract_article(*args, **kwargs)  # type: ignore[arg-type]
        article.garbled = ["contact.email '12ebba.tolvsson@tolvby.se'", "quote.role 'x'"]
        return article

    monkeypatch.setattr(pipelines, "extract_article", extract)
    crawler = get_crawler(settings_dict={"MUNINEWS_EXTRACT_WORKERS": 0})  # in process: the stand-in is local
    pipeline = build_from_crawler(ExtractPipeline, crawler)
    item = Page(
        url="https://www.tolvby.se/n",
        fetched_url="https://www.tolvby.se/n",
        municipality_id="tolvby",
        body=PAGE.encode(),
        fetched_at="2026-03-01T10:00:00Z",
    )
    asyncio.run(pipeline.process_item(item))
    assert counters.get(crawler.stats, Counter.EXTRACT_GARBLED) == 2
    assert counters.get(crawler.stats, Counter.EXTRACT_GARBLED, "tolvby") == 2
    assert "12ebba.tolvsson@tolvby.se" in caplog.text
