"""Contacts on patterns seen on real Danish, Norwegian and English pages (issue 10, new evaluation
set), each on a page written for the test: fictional kommuner, people and numbers.
"""

from __future__ import annotations

import pytest

from scraper.extract import extract_article
from scraper.extract.contacts import extract_contacts

FETCHED_AT = "2026-05-04T10:00:00Z"

TEXT_DA = (
    "<p>Aavig Kommune åbner et nyt bibliotek i bymidten til foråret, og byrådet har i aftes vedtaget "
    "planen for byggeriet med et stort flertal.</p>"
)
TEXT_NO = (
    "<p>Fjellvik kommune bygger ny barnehage på Nordre Sletta, og kommunestyret vedtok planen for "
    "bygget med stort flertall i møtet i går kveld.</p>"
)
TEXT_EN = (
    "<p>Northby Borough Council has agreed plans for a new library in the town centre, and work is "
    "expected to begin in the spring after the council meeting last night.</p>"
)


def _page(text: str, body: str) -> str:
    return f"<html><body><article><h1>Nyt bibliotek</h1>{text}{body}</article></body></html>"


def _cards(html: str, country: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(c.name, c.role, c.email, c.phone) for c in extract_contacts(html, country=country)]


def test_a_press_desk_named_after_the_contact_verb_in_a_sentence_is_the_contact() -> None:
    html = _page(
        TEXT_DA,
        "<p>Har du spørgsmål til byggeriet, kan du kontakte Kommunikation i Center for Politik og Planlægning "
        "på tlf. 20 12 34 70 eller KOMMUNIKATION@AAVIG.DK</p>",
    )
    assert _cards(html, "DK") == [("Kommunikation", None, "kommunikation@aavig.dk", "+4520123470")]


def test_a_desk_in_a_contact_block_is_named_apart_from_the_unit_it_sits_in() -> None:
    html = _page(
        TEXT_DA,
        "<p>Yderligere oplysninger:</p>"
        "<p>Kommunikation i Center for Politik og Planlægning, tlf. 20 12 34 72</p>",
    )
    (card,) = extract_contacts(html, country="DK")
    assert (card.name, card.organisation, card.phone) == (
        "Kommunikation",
        "Center for Politik og Planlægning",
        "+4520123472",
    )


def test_a_lower_case_desk_word_in_a_sentence_names_no_desk() -> None:
    html = _page(TEXT_DA, "<p>Du kan også kontakte pressen på tlf. 20 12 34 71 om sagen.</p>")
    assert _cards(html, "DK") == []


def test_a_title_before_the_name_with_no_separator_stays_out_of_the_name() -> None:
    html = _page(
        TEXT_EN,
        "<p>Contact information:</p>"
        "<p>Councilman Harald Voll<br>Phone +47 456 78 904</p>"
        "<p>Head of Parks and Leisure Services Ingrid Haugen<br>Phone +47 456 78 905</p>",
    )
    assert _cards(html, "NO") == [
        ("Harald Voll", "Councilman", None, "+4745678904"),
        ("Ingrid Haugen", "Head of Parks and Leisure Services", None, "+4745678905"),
    ]


def test_a_contact_card_with_a_compound_title_holding_a_unit_word_keeps_its_name() -> None:
    # "presskommunikatör" holds "kommun", "enhetschef" holds "enhet": titles, not units, so the
    # name before them is a person's (names.has_unit_word is compound-aware)
    html = _page(
        TEXT_NO,
        "<p>Kontakt:</p><p>Sigrid Nesvik, enhetschef<br>Telefon 456 78 906</p>",
    )
    assert _cards(html, "NO") == [("Sigrid Nesvik", "enhetschef", None, "+4745678906")]


def test_a_contact_card_without_a_title_takes_the_one_the_article_gave_the_person() -> None:
    # one speaker resolver for quotes and contacts: the role from the attribution follows the person
    html = (
        "<html><body><article><h1>Ny barnehage</h1>" + TEXT_NO + "<p>– Vi gleder oss til å ta imot de "
        "første barna allerede til høsten, sier oppvekstsjef Randi Strømsvik.</p>"
        "<p>Kontakt:</p><p>Randi Strømsvik<br>Telefon 456 78 907</p>"
        "<p>Olav Brekke<br>Telefon 456 78 908</p></article></body></html>"
    )
    article = extract_article(
        html.encode(), "https://www.fjellvik.example/nyheter/barnehage", FETCHED_AT, country="NO"
    )
    assert [(c.name, c.role, c.phone) for c in article.contacts] == [
        ("Randi Strømsvik", "oppvekstsjef", "+4745678907"),
        ("Olav Brekke", None, "+4745678908"),  # named nowhere else: no title to take
    ]
    assert [(q.speaker, q.role) for q in article.quotes] == [("Randi Strømsvik", "oppvekstsjef")]


def test_a_card_title_is_kept_over_the_one_in_the_text() -> None:
    html = (
        "<html><body><article><h1>Ny barnehage</h1>" + TEXT_NO + "<p>– Bygget blir et løft for hele "
        "bygda vår, og vi er klare for byggestart, sier oppvekstsjef Randi Strømsvik.</p>"
        "<p>Kontakt:</p><p>Randi Strømsvik, prosjektleder<br>Telefon 456 78 907</p></article></body></html>"
    )
    article = extract_article(
        html.encode(), "https://www.fjellvik.example/nyheter/bygg", FETCHED_AT, country="NO"
    )
    assert [(c.name, c.role) for c in article.contacts] == [("Randi Strømsvik", "prosjektleder")]


def test_a_press_release_sign_off_with_a_desk_and_its_address_gives_the_desk() -> None:
    html = _page(
        TEXT_DA,
        "<p>Med venlig hilsen</p><p>Kommunikation</p><p>Aavig Rådhus</p><p>Torvet 2</p>"
        "<p>9990 Aavig</p><p>e-mail: kommunikation@aavig.dk</p><p>tlf. direkte: 20123473</p>",
    )
    # the address lines are neither a person nor a title; "direkte" says which number it is
    assert _cards(html, "DK") == [("Kommunikation", None, "kommunikation@aavig.dk", "+4520123473")]


def test_a_sign_off_with_a_person_and_a_title_on_the_next_line() -> None:
    html = _page(TEXT_NO, "<p>Med vennlig hilsen<br>Kari Dal<br>enhetsleder<br>Mobil 456 78 915</p>")
    assert _cards(html, "NO") == [("Kari Dal", "enhetsleder", None, "+4745678915")]


@pytest.mark.parametrize(
    ("body", "country", "expected"),
    [
        (
            "<p>Yderligere oplysninger: Borgmester Jens Aavig, mobil 20 12 34 74</p>",
            "DK",
            [("Jens Aavig", "Borgmester", None, "+4520123474")],
        ),
        (
            "<p>Yderligere oplysninger</p><p>Lise Holm<br>Pressechef<br>Tlf. 20 12 34 77</p>",
            "DK",
            [("Lise Holm", "Pressechef", None, "+4520123477")],
        ),
        (
            "<p>Kontakt</p><p>Lise Holm, pressechef, +45 20 12 34 76</p>",
            "DK",
            [("Lise Holm", "pressechef", None, "+4520123476")],
        ),
        (
            "<p>Spørgsmål kan rettes til centerchef Lise Holm på tlf. 20 12 34 78.</p>",
            "DK",
            [("Lise Holm", "centerchef", None, "+4520123478")],
        ),
        (
            "<p>Kontakt</p><p>Kari Dal<br>Ordfører<br>E-post<br>Telefon 456 78 910<br>Mobil 456 78 911<br>"
            "Per Aune<br>rådgiver<br>E-post<br>Telefon 456 78 912<br>Mobil 456 78 913</p>",
            "NO",
            [("Kari Dal", "Ordfører", None, "+4745678910"), ("Per Aune", "rådgiver", None, "+4745678912")],
        ),
        (
            "<p>For mer informasjon, kontakt: Kari Dal, enhetsleder, mobil 456 78 909, "
            "kari.dal@fjellvik.kommune.no</p>",
            "NO",
            [("Kari Dal", "enhetsleder", "kari.dal@fjellvik.kommune.no", "+4745678909")],
        ),
    ],
)
def test_danish_and_norwegian_contact_block_forms(
    body: str, country: str, expected: list[tuple[str | None, str | None, str | None, str | None]]
) -> None:
    # "Yderligere oplysninger", "Kontakt", "tlf."/"mobil"/"Telefon", titles before and after the
    # name, +45 and national numbers without a trunk prefix, "E-post" as a bare link label
    assert _cards(_page(TEXT_DA if country == "DK" else TEXT_NO, body), country) == expected


def test_number_under_a_press_heading_takes_the_desk_the_text_sends_to() -> None:
    """A press page names its desk in a sentence and gives the number lines below with no name
    ("… you should contact Communications in the first instance." / "Telephone: 020 …"): the number
    is the desk's (issue 10, set 5)."""
    html = (
        "<html><body><article><h1>Press and media enquiries</h1>"
        "<p>The Communications team issues press releases about the new strategies and major projects "
        "of Kestrel Vale District Council.</p>"
        "<h2>Press enquiries</h2>"
        "<p>Journalists who wish to reach the council about a story should contact Communications before "
        "anyone else at the council.</p>"
        "<p>Contact information</p><ul><li>Telephone: 020 7946 0318; 020 7946 0319</li></ul>"
        "</article></body></html>"
    )
    assert [(c.name, c.phone) for c in extract_contacts(html, country="GB")] == [
        ("Communications", "+442079460318")
    ]


def test_two_desks_in_the_text_leave_the_number_unnamed() -> None:
    """Which of two desks a bare number belongs to is not said: no name is guessed."""
    html = (
        "<html><body><article><h1>Press and media enquiries</h1>"
        "<p>The Communications team issues press releases about the new strategies and major projects "
        "of Kestrel Vale District Council.</p>"
        "<h2>Press enquiries</h2>"
        "<p>Reporters should contact Communications, and photographers should contact the Press Office.</p>"
        "<p>Telephone: 020 7946 0318</p>"
        "</article></body></html>"
    )
    assert [c.name for c in extract_contacts(html, country="GB")] != ["Communications"]
