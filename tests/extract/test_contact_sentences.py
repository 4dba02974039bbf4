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


def _contacts(body: str, country: str) -> list:
    return extract_contacts(
        f"<html><body><article><h1>Ny hall</h1>{TEXT}{body}</article></body></html>", country=country
    )


def test_two_numbers_side_by_side_are_read_as_valid_numbers_not_one_invalid() -> None:
    # A card whose line break between the office number and the mobile was lost.
    body = "<p>Kontakt</p><p>Anna Ek, presschef<br>031-390 06 41 070-174 06 41<br>anna.ek@tolvby.se</p>"
    (contact,) = _contacts(body, "SE")
    assert (contact.name, contact.role, contact.email) == ("Anna Ek", "presschef", "anna.ek@tolvby.se")
    assert contact.phone in ("+46313900641", "+46701740641")
    assert contact.phone_raw in ("031-390 06 41", "070-174 06 41")


def test_a_title_followed_by_its_unit_without_a_comma_is_role_and_organisation() -> None:
    # A press-room card glued onto one line: name, title, unit, number.
    body = (
        "<p>För mer information kontakta:</p>"
        "<p>Olle Berg Pressinformatör Informationsenheten Tolvby kommun 070-174 06 52</p>"
    )
    (contact,) = _contacts(body, "SE")
    assert (contact.name, contact.role, contact.organisation, contact.phone) == (
        "Olle Berg",
        "Pressinformatör",
        "Informationsenheten Tolvby kommun",
        "+46701740652",
    )


def test_sentence_number_without_leading_zero_after_the_address() -> None:
    """A Norwegian or Danish number has no trunk 0: "på <e-post> eller 45 67 89 13" is one contact's
    run of data, and the number after the address is hers (issue 10, set 5)."""
    body = (
        "<p>Mediekontakt</p>"
        "<p>Pressen kan kontakte informasjonsrådgiver Siri Holtan på siri.holtan@fjellvik.kommune.no "
        "eller 45 67 89 13. I kriser gjelder egne rutiner.</p>"
    )
    assert _found(body, "NO") == [
        ("Siri Holtan", "informasjonsrådgiver", "siri.holtan@fjellvik.kommune.no", "+4745678913"),
    ]


def test_sentence_with_only_a_number_without_leading_zero() -> None:
    body = "<p>Har du spørsmål, kan du kontakte rektor Per Øvrebø på 45 67 89 14 i skoletiden.</p>"
    assert _found(body, "NO") == [("Per Øvrebø", "rektor", None, "+4745678914")]


def test_a_sum_without_leading_zero_after_the_address_is_no_phone() -> None:
    """Only a valid number of the country joins the run: a sum in the next words does not."""
    body = (
        "<p>Om ordningen kan du kontakte rådgiver Siri Holtan på siri.holtan@fjellvik.kommune.no, "
        "som har 120 000 kroner til fordeling.</p>"
    )
    assert _found(body, "NO") == [("Siri Holtan", "rådgiver", "siri.holtan@fjellvik.kommune.no", None)]
