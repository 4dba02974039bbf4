"""Labelled dates in every form the Nordic and English templates write them.

Lines written for these tests; each is placed in a small article page (fictional Ekeby kommun).
"""

from __future__ import annotations

import pytest

from scraper.extract.dates import extract_dates
from scraper.extract.tree import parse_html

FETCHED_AT = "2026-03-20T08:00:00Z"


def _dates(meta: str) -> tuple[str | None, str | None]:
    page = (
        "<html><body><main><article><h1>Ny förskola i Ekeby</h1>"
        f"{meta}<p>Bygget av förskolan startar efter sommaren och väntas vara klart om två år.</p>"
        "</article></main></body></html>"
    )
    tree = parse_html(page)
    assert tree is not None
    return extract_dates(tree, FETCHED_AT)


@pytest.mark.parametrize(
    ("meta", "published"),
    [
        ('<p class="meta">Datum 14.03.2025</p>', "2025-03-14"),
        ("<div><span>Datum:</span> <span>14.03.2025</span></div>", "2025-03-14"),
        ("<p>Dato: 4. mars 2025</p>", "2025-03-04"),
        ("<p>Date: 14/03/2025</p>", "2025-03-14"),
        ("<p>Publicerat 3 maj, 2021</p>", "2021-05-03"),
        ('<div class="meta"><span>Publicerat</span><span>3 maj, 2021</span></div>', "2021-05-03"),
        ("<p>Publicerad: 3 maj, 2021 kl. 10:15</p>", "2021-05-03"),
        ("<p>Publiceringsdatum: 2025-03-14</p>", "2025-03-14"),
        ("<p>Publisert 3. mai 2021, kl. 10.00</p>", "2021-05-03"),
        ("<p>Publiceret 14. marts 2025</p>", "2025-03-14"),
        ("<p>Published: Friday, 14 March 2025</p>", "2025-03-14"),
        ("<p>Publicerad<br>14 mars 2025</p>", "2025-03-14"),
        ("<div><div><span>Publicerad</span></div><div><span>14 mars 2025</span></div></div>", "2025-03-14"),
        ("<dl><dt>Publicerad</dt><dd>14 mars 2025</dd></dl>", "2025-03-14"),
    ],
)
def test_labelled_published_dates(meta: str, published: str) -> None:
    assert _dates(meta)[0] == published


@pytest.mark.parametrize(
    ("meta", "updated"),
    [
        ("<p>Sidan uppdaterad: 2025-04-02</p>", "2025-04-02"),
        ("<p>Sidan uppdaterad: 2 april 2025</p>", "2025-04-02"),
        ("<p>Sidan uppdaterades 2 april 2025</p>", "2025-04-02"),
        ("<p>Senast ändrad 2025-04-02</p>", "2025-04-02"),
        ("<p>Oppdatert 02.04.2025</p>", "2025-04-02"),
        ("<p>Sist endret: 2. april 2025</p>", "2025-04-02"),
        ("<p>Opdateret: 2.4.2025</p>", "2025-04-02"),
        ("<p>Updated: 2 April, 2025</p>", "2025-04-02"),
    ],
)
def test_labelled_updated_dates(meta: str, updated: str) -> None:
    assert _dates(meta) == (None, updated)


def test_published_and_updated_on_one_line() -> None:
    assert _dates("<p>Datum: 14.03.2025 | Senast ändrad: 2025-04-02</p>") == ("2025-03-14", "2025-04-02")
    assert _dates(
        "<dl><dt>Publicerad</dt><dd>14 mars 2025</dd><dt>Uppdaterad</dt><dd>2 april 2025</dd></dl>"
    ) == (
        "2025-03-14",
        "2025-04-02",
    )


def test_a_precise_label_beats_a_bare_date_label() -> None:
    meta = "<p>Datum för mötet: 12.03.2025</p><p>Publicerad 10 mars 2025</p>"
    assert _dates(meta)[0] == "2025-03-10"


def test_a_word_that_only_begins_like_a_label_is_not_one() -> None:
    assert _dates("<p>Publiceringen av protokollet sker 14 mars 2025.</p>") == (None, None)
    assert _dates("<p>Dator och surfplatta lånas ut från 14 mars 2025.</p>") == (None, None)


@pytest.mark.parametrize(
    "meta",
    [
        # The label in an element's tail, after inline markup, and in upper case.
        '<p class="meta"><b>Ekeby</b> PUBLICERAD 14 mars 2025</p>',
        # A character whose lower case is two characters (offsets in the lower-cased text shift).
        "<p>İzmir-veckan</p><p>Publicerad 14 mars 2025</p>",
    ],
)
def test_label_words_are_found_wherever_the_text_node_is(meta: str) -> None:
    assert _dates(meta)[0] == "2025-03-14"


def test_the_first_label_in_document_order_wins_after_a_long_page() -> None:
    filler = "".join(f"<p>Stycke {n} om bygget av den nya förskolan vid ån i Ekeby.</p>" for n in range(400))
    meta = f"<p>Publicerad 14 mars 2025</p>{filler}<p>Publicerad 2 januari 2024</p>"
    assert _dates(meta)[0] == "2025-03-14"


def test_short_text_is_the_cleaned_text_or_none_past_the_limit() -> None:
    from scraper.extract.tree import clean_text, short_text

    tree = parse_html(
        "<html><body><div><p>Publicerad\n\n   14 mars</p>" + "<p>x   y</p>" * 200 + "</div></body></html>"
    )
    assert tree is not None
    p, div = tree.find(".//p"), tree.find(".//div")
    assert short_text(p, 300) == clean_text(p.text_content()) == "Publicerad 14 mars"
    assert short_text(div, 300) is None
    assert short_text(div, 10_000) == clean_text(div.text_content())
