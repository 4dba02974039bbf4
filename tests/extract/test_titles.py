"""The headline is the headline: not a skip link, a landmark label, the logo, a kicker or a date.

Pages written for these tests (the fictional Ekeby kommun and its neighbours).
"""

from __future__ import annotations

import pytest

from scraper.extract import extract_article
from scraper.extract.metadata import extract_title
from scraper.extract.tree import parse_html

FETCHED_AT = "2026-03-20T08:00:00Z"
HEADLINE = "Ny förskola byggs i Ekeby centrum"
BODY = (
    "<p>Barn- och utbildningsnämnden har beslutat att bygga en ny förskola med sex avdelningar i "
    "Ekeby centrum. Bygget startar efter sommaren och förskolan ska öppna i januari 2028.</p>"
)


def _title(head: str, article: str) -> str | None:
    page = f"<html><head>{head}</head><body>{article}</body></html>"
    tree = parse_html(page)
    assert tree is not None
    return extract_title(tree)


SKIP_LINKS = (
    "Hoppa till innehåll",
    "Gå till innehåll",
    "Hopp til innhold",
    "Gå til indhold",
    "Skip to content",
    "Hauptnavigation",
)


@pytest.mark.parametrize("phrase", SKIP_LINKS)
def test_a_skip_link_heading_is_not_the_title(phrase: str) -> None:
    article = f"<div><h1>{phrase}</h1></div><main><h1>{HEADLINE}</h1>{BODY}</main>"
    assert _title("<title>Ekeby kommun</title>", article) == HEADLINE


@pytest.mark.parametrize("phrase", SKIP_LINKS)
def test_a_skip_link_glued_in_front_of_the_title_is_dropped(phrase: str) -> None:
    article = f'<main><h1><a href="#innehall">{phrase}</a>{HEADLINE}</h1>{BODY}</main>'
    assert _title("", article) == HEADLINE
    # The same glued text as the only title the page has.
    assert _title(f"<title>{phrase} {HEADLINE}</title>", f"<main>{BODY}</main>") == HEADLINE


def test_a_screen_reader_heading_is_not_the_title() -> None:
    article = f'<h1 class="sr-only">Navigering och sök</h1><main><h1>{HEADLINE}</h1>{BODY}</main>'
    assert _title("", article) == HEADLINE


def test_the_logo_heading_linking_home_is_not_the_title() -> None:
    article = f'<div><h1><a href="/">Ekeby kommun</a></h1></div><main><h1>{HEADLINE}</h1>{BODY}</main>'
    assert _title("", article) == HEADLINE


@pytest.mark.parametrize(
    "inner",
    [
        f'<span class="kicker">Pressmeddelande</span> {HEADLINE}',
        f'<span class="article-supertitle">Skola och förskola</span><span>{HEADLINE}</span>',
        f'<time datetime="2026-03-14">14 mars 2026</time> {HEADLINE}',
        f"14 mars 2026 {HEADLINE}",
        f"14.03.2026 – {HEADLINE}",
        f'{HEADLINE} <span class="date">2026-03-14</span>',
    ],
)
def test_a_kicker_or_date_inside_the_heading_is_not_part_of_the_title(inner: str) -> None:
    assert _title("", f"<main><h1>{inner}</h1>{BODY}</main>") == HEADLINE


def test_a_headline_wholly_inside_a_label_span_is_kept() -> None:
    assert (
        _title("", f'<main><h1><span class="headline-label">{HEADLINE}</span></h1>{BODY}</main>') == HEADLINE
    )


def test_a_kicker_without_markup_is_dropped_when_the_document_title_is_the_rest() -> None:
    head = f'<meta property="og:title" content="Nyheter"><title>{HEADLINE} - Ekeby kommun</title>'
    assert _title(head, f"<main><h1>Skola och förskola: {HEADLINE}</h1>{BODY}</main>") == HEADLINE


def test_the_heading_the_document_title_repeats_wins_over_a_section_heading() -> None:
    article = f"<main><h1>Aktuellt från nämnderna</h1><article><h1>{HEADLINE}</h1>{BODY}</article></main>"
    assert _title(f"<title>{HEADLINE} | Ekeby kommun</title>", article) == HEADLINE


def test_a_kicker_heading_of_its_own_is_not_the_title() -> None:
    article = f'<main><h1 class="article-kicker">Pressmeddelande</h1><h1>{HEADLINE}</h1>{BODY}</main>'
    assert _title("", article) == HEADLINE


def test_a_section_heading_loses_to_the_h2_the_document_title_repeats() -> None:
    article = f"<main><h1>Nyheter</h1><article><h2>{HEADLINE}</h2>{BODY}</article></main>"
    assert _title(f'<meta property="og:title" content="{HEADLINE}">', article) == HEADLINE
    # Without a document title to agree with, the <h1> is all there is to go on.
    assert _title("", article) == "Nyheter"


def test_a_date_only_heading_is_not_the_title() -> None:
    article = f"<main><h1>14 mars 2026</h1><h1>{HEADLINE}</h1>{BODY}</main>"
    assert _title("", article) == HEADLINE


@pytest.mark.parametrize(
    "headline",
    [
        "Meny för veckan: fisk på tisdag",
        "Navigation med sjökort för nybörjare",
        "12 maj 2026 blir en festdag",
    ],
)
def test_a_headline_that_only_starts_like_a_skip_word_or_date_is_kept(headline: str) -> None:
    assert _title("", f"<main><h1>{headline}</h1>{BODY}</main>") == headline


def test_inline_markup_inside_the_heading_adds_no_space() -> None:
    inner = "Ny <abbr title='gång- och cykelväg'>GC</abbr>-väg: klar i <em>maj</em>"
    assert _title("", f"<main><h1>{inner}</h1>{BODY}</main>") == "Ny GC-väg: klar i maj"


def test_extract_article_uses_the_clean_title() -> None:
    page = (
        '<html lang="sv"><head><title>Ekeby kommun</title></head><body>'
        '<a class="skip" href="#main">Hoppa till innehåll</a><div><h1>Hoppa till innehåll</h1></div>'
        f'<main id="main"><article><h1><span class="kicker">Nyhet</span> {HEADLINE}</h1>{BODY}'
        "</article></main></body></html>"
    )
    article = extract_article(page.encode(), "https://ekeby.example/nyheter/forskola", FETCHED_AT)
    assert article.title == HEADLINE
    assert article.body and article.body.startswith("Barn- och utbildningsnämnden har beslutat")
