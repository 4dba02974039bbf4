"""Contacts written as sentences (issue 10, contacts10): fictional kommuner, people and numbers."""

from __future__ import annotations

from scraper.extract.contacts import extract_contacts

TEXT = (
    "<p>Fjellvik kommune bygger en ny idrettshall ved skolen, og arbeidet starter allerede i august "
    "etter vedtaket som ble gjort i kommunestyret i går kveld.</p>"
)


def _found(body: str, country: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    html = f"<html><body><article><h1>Ny hall</h1>{TEXT}{body}</article></body></html>"
    return [(c.name, c.role, c.email, c.phone) for c in extract_contacts(html, country=country)]


def test_press_contacts_sentence_with_two_people_joined_by_og() -> None:
    body = (
        "<p>Pressekontaktar for ordføraren er kommunikasjonssjef Siri Holtan, telefon 45 67 89 11 og "
        "rådgivar Per Øvrebø, telefon 45 67 89 12.</p>"
        "<p>Nett-TV: Møtet<br>(Fjellvik kommune og Fjellvik rådhus. Sendinga startar kl. 11.00)</p>"
    )
    assert _found(body, "NO") == [
        ("Siri Holtan", "kommunikasjonssjef", None, "+4745678911"),
        ("Per Øvrebø", "rådgivar", None, "+4745678912"),
    ]


def test_press_contact_is_sentence_keeps_the_verb_out_of_the_role() -> None:
    assert _found("<p>Presskontakt är kommunikatör Eva Lind, 070-174 06 31.</p>", "SE") == [
        ("Eva Lind", "kommunikatör", None, "+46701740631")
    ]


def test_desk_named_in_a_sentence_after_a_contact_verb() -> None:
    en = "<p>Media can contact the communications team on 020 7946 0123 or email press@marlbury.gov.uk.</p>"
    assert _found(en, "GB") == [("communications team", None, "press@marlbury.gov.uk", "+442079460123")]
    da = "<p>Kontakt</p><p>Henvendelser fra pressen kan rettes til kommunikationsafdelingen på presse@sletby.dk.</p>"
    assert _found(da, "DK") == [("kommunikationsafdelingen", None, "presse@sletby.dk", None)]


def test_desk_in_a_sentence_takes_over_the_heading_card() -> None:
    sv = (
        "<p>Presskontakt</p><p>Behöver du som är journalist vägledning? Kontakta kommunikationsenheten "
        "på kommunikation@tolvby.se. Vi hjälper gärna till.</p>"
    )
    assert _found(sv, "SE") == [("kommunikationsenheten", None, "kommunikation@tolvby.se", None)]
