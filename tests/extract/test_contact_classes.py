"""Contacts on real-page patterns (issue 10), each on a page written for the test.

Fictional municipalities and people; Swedish numbers from PTS's ranges for fiction (031-390 06 xx,
08-465 004 xx, 070-174 06 xx), UK numbers from Ofcom's drama ranges.
"""

from __future__ import annotations

import pytest

from scraper.extract import extract_article
from scraper.extract.contacts import extract_contacts
from scraper.items import Contact

TEXT = (
    "<p>Tolvby kommun bygger en ny idrottshall vid skolan, och bygget börjar redan i augusti "
    "enligt beslutet som fattades av kommunfullmäktige i går kväll.</p>"
)


def _article(body: str, head: str = "") -> str:
    return f"<html><body>{head}<article><h1>Ny idrottshall i Tolvby</h1>{TEXT}{body}</article></body></html>"


def _found(html: str, country: str = "SE") -> list[tuple[str | None, str | None, str | None]]:
    return [(c.name, c.email, c.phone) for c in extract_contacts(html, country=country)]


# --- contacts with a phone and no e-mail ----------------------------------------------------


def test_lead_phrase_then_role_name_and_phone_lines() -> None:
    html = _article(
        "<p>För ytterligare frågor och synpunkter kontakta</p>"
        "<p>Stadsbyggnadschef Vera Holmgren, 031-390 06 21</p>"
        "<p>Fastighetschef Olle Strand,070-174 06 22</p>"
    )
    contacts = extract_contacts(html)
    assert [(c.name, c.role, c.phone, c.email) for c in contacts] == [
        ("Vera Holmgren", "Stadsbyggnadschef", "+46313900621", None),
        ("Olle Strand", "Fastighetschef", "+46701740622", None),
    ]


def test_lead_phrase_ending_in_a_colon_then_name_role_unit_and_phone() -> None:
    html = _article(
        "<p>Vill du veta mer om bygget, kontakta:<br>"
        "Nils Ekdahl, projektledare, Tekniska kontoret Tolvby kommun<br>070-174 06 23</p>"
    )
    (contact,) = extract_contacts(html)
    assert (contact.name, contact.role, contact.organisation) == (
        "Nils Ekdahl",
        "projektledare",
        "Tekniska kontoret Tolvby kommun",
    )
    assert (contact.phone, contact.phone_raw) == ("+46701740623", "070-174 06 23")


def test_contact_line_after_a_br_leaves_the_rsvp_address_before_it() -> None:
    html = _article(
        "<p>Anmäl dig senast fredag till anmalan@tolvby.se<br>"
        "Vid frågor kontakta kommundirektör Greta Sundin 031-390 06 24</p>"
    )
    assert _found(html) == [("Greta Sundin", None, "+46313900624")]


# --- contact blocks of name / role / Telefon / E-post lines, Nordic and English ---------------


@pytest.mark.parametrize(
    ("block", "country", "expected"),
    [
        (
            "<h2>Kontakt</h2><p>Ida Lövgren<br>Enhetschef<br>E-post: ida.lovgren@tolvby.se<br>"
            "Tel: 031-390 06 25, 070-174 06 25<br>Besök: Storgatan 4</p>",
            "SE",
            ("Ida Lövgren", "Enhetschef", "ida.lovgren@tolvby.se", "+46313900625"),
        ),
        (
            "<p>For mer informasjon, kontakt:</p><p>Kari Bakkeli, rådgiver, Sørvik kommune<br>"
            "Tlf.: 45 67 89 02<br>E-post: kari.bakkeli@sorvik.kommune.no</p>",
            "NO",
            ("Kari Bakkeli", "rådgiver", "kari.bakkeli@sorvik.kommune.no", "+4745678902"),
        ),
        (
            "<p>Yderligere oplysninger:</p><p>Mette Skovby, afdelingschef<br>Mobil: 20 12 34 57<br>"
            "Mail: mesk@aavig.dk</p>",
            "DK",
            ("Mette Skovby", "afdelingschef", "mesk@aavig.dk", "+4520123457"),
        ),
        (
            "<h3>Media enquiries</h3><p>Priya Shah, Press Officer<br>Tel: 0113 496 0124<br>"
            "Email: priya.shah@harrowmere.gov.uk</p>",
            "GB",
            ("Priya Shah", "Press Officer", "priya.shah@harrowmere.gov.uk", "+441134960124"),
        ),
    ],
)
def test_contact_block_lines_in_four_languages(
    block: str, country: str, expected: tuple[str, str, str, str]
) -> None:
    (contact,) = extract_contacts(_article(block), country=country)
    assert (contact.name, contact.role, contact.email, contact.phone) == expected


def test_number_without_trunk_prefix_in_a_block_where_the_country_dials_none() -> None:
    html = _article("<h2>Kontakter</h2><p>Jens Aavig, kontorchef</p><p>33 12 34 58</p>")
    assert _found(html, "DK") == [("Jens Aavig", None, "+4533123458")]
    assert _found(html, "SE") == []  # Sweden writes the 0: not a number here, so nobody to reach


# --- press desks without a person -------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "country", "name", "phone", "email"),
    [
        (
            "<p>Presskontakt: Tolvby kommuns presstjänst 031-390 06 26</p>",
            "SE",
            "Tolvby kommuns presstjänst",
            "+46313900626",
            None,
        ),
        (
            "<h2>Kontakter</h2><p>Pressekontakt</p><p>33 12 34 59 (svarer ikke på SMS)</p>",
            "DK",
            "Pressekontakt",
            "+4533123459",
            None,
        ),
        (
            "<p>For further information contact the Communications Unit, Harrowmere Council, on "
            "press@harrowmere.gov.uk</p>",
            "GB",
            "Communications Unit",
            None,
            "press@harrowmere.gov.uk",
        ),
        (
            "<h2>Kontakt</h2><p>Kommunikation</p><p>031-390 06 27</p>",
            "SE",
            "Kommunikation",
            "+46313900627",
            None,
        ),
    ],
)
def test_press_desk_is_a_contact_named_by_the_desk(
    block: str, country: str, name: str, phone: str | None, email: str | None
) -> None:
    (contact,) = extract_contacts(_article(block), country=country)
    assert (contact.name, contact.phone, contact.email) == (name, phone, email)
    assert contact.role is None  # "(svarer ikke på SMS)" is a note on the number


def test_a_role_word_is_not_a_desk() -> None:
    html = _article("<h2>Kontakt</h2><p>Kommunikationschef Lisa Ahl<br>031-390 06 28</p>")
    assert [(c.name, c.role) for c in extract_contacts(html)] == [("Lisa Ahl", "Kommunikationschef")]


# --- bylines, footers, switchboards and widgets are not contacts ------------------------------


def test_byline_emails_are_the_writers_not_contacts() -> None:
    html = _article(
        '<p>Text: Linnea Journalist, <a href="mailto:linnea@tolvbyposten.se">linnea@tolvbyposten.se</a></p>'
        '<p class="author-box"><a href="mailto:redaktion@tolvby.se">Redaktionen</a></p>'
        "<h2>Kontakt</h2><p>Greta Sundin, kommundirektör, 031-390 06 29</p>"
    )
    assert _found(html) == [("Greta Sundin", None, "+46313900629")]


def test_byline_above_the_article_text_is_not_a_contact() -> None:
    html = (
        "<html><body><article><h1>Ny idrottshall</h1>"
        '<p>Av Linnea Journalist <a href="mailto:linnea@tolvby.se">linnea@tolvby.se</a></p>'
        f"{TEXT}</article></body></html>"
    )
    assert _found(html) == []


def test_contact_centre_widget_before_the_article_text_is_not_a_contact() -> None:
    widget = (
        "<p>Vi använder kakor för att webbplatsen ska fungera och för att förbättra den för dig som "
        "besöker den. Läs mer om kakor.</p>"
        "<p>Kontakt</p><p>Kontaktcenter</p><p>Välkommen att höra av dig. Vi hjälper dig!</p>"
        "<p>Telefon: 08-465 004 30</p><p>tolvbycenter@tolvby.se</p>"
        "<p>Kontakta kommunikatörerna</p><p>Sam Öberg, kommunikatör<br>031-390 06 31<br>sam.oberg@tolvby.se</p>"
    )
    html = f"<html><body><article><h1>Ny idrottshall</h1>{widget}{TEXT}</article></body></html>"
    assert _found(html) == []
    # the same contact after the article text is the article's
    html = f"<html><body><article><h1>Ny idrottshall</h1>{TEXT}<h2>Kontakt</h2>{widget[-90:]}</article></body></html>"
    assert _found(html) == [("Sam Öberg", "sam.oberg@tolvby.se", "+46313900631")]


def test_switchboard_number_and_mailbox_belong_to_no_one() -> None:
    html = _article(
        "<h2>Kontakt</h2><p>Greta Sundin, kommundirektör<br>031-390 06 32</p>"
        "<p>Kontaktcenter</p><p>08-465 004 31</p><p>info@tolvby.se</p>"
        "<p>Skriv till <a href='mailto:kontaktcenter@tolvby.se'>oss</a></p>"
    )
    assert _found(html) == [("Greta Sundin", None, "+46313900632")]


def test_site_footer_contacts_are_not_contacts() -> None:
    html = (
        f"<html><body><article><h1>Ny idrottshall</h1>{TEXT}</article>"
        "<footer><h2>Kontakt</h2><p>Tolvby kommun<br>Telefon: 08-465 004 32<br>"
        "<a href='mailto:tolvby.kommun@tolvby.se'>tolvby.kommun@tolvby.se</a></p></footer></body></html>"
    )
    assert _found(html) == []


def test_a_name_shaped_line_next_to_real_cards_is_not_a_person() -> None:
    html = _article(
        "<p>For further information contact Press Office, Harrowmere Council, on "
        "press@harrowmere.gov.uk</p><p>Next Story</p>"
    )
    assert [c.name for c in extract_contacts(html, country="GB")] == ["Press Office"]


# --- digits of a phone number never glued to the next e-mail -----------------------------------


@pytest.mark.parametrize(
    "block",
    [
        "<h2>Kontakt</h2><p>Ebba Tolvsson<br>Tel: 031-390 06 33<br>ebba.tolvsson@tolvby.se</p>",
        "<h2>Kontakt</h2><div>Ebba Tolvsson</div><div>Tel: 031-390 06 33</div><div>ebba.tolvsson@tolvby.se</div>",
        "<h2>Kontakt</h2><table><tr><td>Ebba Tolvsson</td><td>Tel: 031-390 06 33</td>"
        "<td>ebba.tolvsson@tolvby.se</td></tr></table>",
        "<h2>Kontakt</h2><p>Ebba Tolvsson, Tel: 031-390 06 33ebba.tolvsson@tolvby.se</p>",  # glued in the text
    ],
)
def test_phone_digits_are_not_glued_to_the_next_email(block: str) -> None:
    html = _article(block)
    assert _found(html) == [("Ebba Tolvsson", "ebba.tolvsson@tolvby.se", "+46313900633")]
    article = extract_article(html.encode(), "https://www.tolvby.se/nyheter/hall", "2026-03-01T10:00:00Z")
    assert [(c.email, c.phone_raw) for c in article.contacts] == [
        ("ebba.tolvsson@tolvby.se", "031-390 06 33")
    ]
    assert article.garbled == []


def test_an_address_with_digits_inside_is_left_whole() -> None:
    html = _article("<h2>Kontakt</h2><p>Ebba Tolvsson<br>ebba2tolvsson@tolvby.se</p>")
    assert _found(html) == [("Ebba Tolvsson", "ebba2tolvsson@tolvby.se", None)]


def test_contact_entry_without_a_way_to_reach_it_is_not_a_contact() -> None:
    # a cut entry or a standing "Kontaktpersoner" footer with names only: nobody to reach
    html = _article("<h2>Kontaktperson</h2><p>Ebba Tolvsson</p><p>Kommunikationschef</p>")
    assert _found(html) == []


def test_contact_block_prose_with_contact_verb_and_a_raw_e164_check() -> None:
    html = _article("<p>För mer information, kontakta rektor Lisa Ahl, telefon 031-390 06 34.</p>")
    article = extract_article(html.encode(), "https://www.tolvby.se/nyheter/hall", "2026-03-01T10:00:00Z")
    assert [(c.name, c.role, c.phone) for c in article.contacts] == [("Lisa Ahl", "rektor", "+46313900634")]


def test_desk_card_keeps_its_phone_and_email_as_written() -> None:
    (contact,) = extract_contacts(_article("<h2>Kontakt</h2><p>Valkansliet<br>08-465 004 33</p>"))
    assert contact == Contact(name="Valkansliet", phone="+46846500433", phone_raw="08-465 004 33")


# --- more line shapes seen on real contact blocks ---------------------------------------------


def test_name_then_role_without_a_comma() -> None:
    html = _article(
        "<h2>Kontakt</h2><p>Nora Lindqvist presskommunikatör<br>Tolvby kommun<br>031-390 06 35</p>"
    )
    (contact,) = extract_contacts(html)
    assert (contact.name, contact.role, contact.organisation) == (
        "Nora Lindqvist",
        "presskommunikatör",
        "Tolvby kommun",
    )


def test_number_with_its_area_code_in_brackets_is_kept_whole() -> None:
    html = _article(
        "<h3>Media enquiries</h3><p>Contact: Priya Shah, Press Officer</p><p>Phone: (0113) 496 0125</p>"
    )
    (contact,) = extract_contacts(html, country="GB")
    assert (contact.phone, contact.phone_raw) == ("+441134960125", "(0113) 496 0125")


def test_press_line_on_a_line_of_its_own_is_a_desk() -> None:
    html = _article("<p>Sørvik kommunes pressetelefon: 45 67 89 03</p>")
    assert _found(html, "NO") == [("Sørvik kommunes pressetelefon", None, "+4745678903")]


def test_switchboard_note_on_a_number_keeps_it_from_the_desk() -> None:
    html = _article(
        "<h2>Kontakt</h2><p>Kommunikationsenheten<br>E-post: kommunikation@tolvby.se<br>"
        "Telefon: 08-465 004 34 (växel)</p>"
    )
    assert _found(html) == [("Kommunikationsenheten", "kommunikation@tolvby.se", None)]


def test_a_sentence_in_a_contact_block_is_no_role() -> None:
    html = _article(
        "<h2>Presskontakt</h2><p>Är du journalist och behöver hjälp? Skriv till kommunikationsenheten på "
        "press@tolvby.se så svarar vi samma dag.</p>"
    )
    (contact,) = extract_contacts(html)
    assert (contact.name, contact.role, contact.organisation, contact.email) == (
        "Presskontakt",
        None,
        None,
        "press@tolvby.se",
    )


def test_role_before_a_dash_and_the_name() -> None:
    html = _article(
        "<p>Contact information:</p><p>Head of Culture - Ingrid Sørvik<br>Phone +47 45 67 89 04</p>"
    )
    assert [(c.name, c.role) for c in extract_contacts(html, country="NO")] == [
        ("Ingrid Sørvik", "Head of Culture")
    ]


# --- contacts named in running text -----------------------------------------------------------


def test_contact_named_in_a_sentence_of_running_text() -> None:
    html = _article(
        "<p>Vill du göra ett reportage om bygget, kontakta gärna byggledaren Lars Ek 031-390 06 40 "
        "för att boka en tid på plats.</p>"
    )
    assert [(c.name, c.role, c.phone) for c in extract_contacts(html)] == [
        ("Lars Ek", "byggledaren", "+46313900640")
    ]


def test_a_sentence_that_only_uses_the_verb_names_no_contact() -> None:
    html = _article(
        "<p>Den som vill anmäla sig kan kontakta föreningen direkt. Lars Ek har numret 031-390 06 41 "
        "till kansliet.</p>"
    )
    assert extract_contacts(html) == []


def test_words_before_the_verb_in_a_contact_block_are_not_the_name() -> None:
    html = _article(
        "<h2>Contact</h2><p>For volunteering, contact Hannah Reed, Parks Officer: "
        '<a href="mailto:hannah.reed@harrowmere.gov.uk">hannah.reed@harrowmere.gov.uk</a></p>'
    )
    assert [c.name for c in extract_contacts(html, country="GB")] == ["Hannah Reed"]


def test_two_people_run_together_on_one_line() -> None:
    html = _article(
        "<p>Presskontakt: Anna Berg, kommunikatör, 070-174 06 50 Lars Ek, presschef, 070-174 06 51</p>"
    )
    assert [(c.name, c.role, c.phone) for c in extract_contacts(html)] == [
        ("Anna Berg", "kommunikatör", "+46701740650"),
        ("Lars Ek", "presschef", "+46701740651"),
    ]


def test_a_unit_after_the_number_is_not_a_second_person() -> None:
    html = _article("<p>Kontakt: Anna Berg, 070-174 06 52 Tolvby Kommun</p>")
    assert [(c.name, c.organisation) for c in extract_contacts(html)] == [("Anna Berg", "Tolvby Kommun")]


@pytest.mark.parametrize("separator", ["<br>", "</p><p>"])
def test_a_long_list_of_cards_is_one_block(separator: str) -> None:
    cards = separator.join(
        f"Person{chr(65 + i)} Efternamn{chr(65 + i)}, samordnare för förskolorna i norra Tolvby{separator}"
        f"070-174 06 {60 + i}{separator}person{i}.efternamn@tolvby.se"
        for i in range(13)
    )
    html = _article(f"<h2>Kontakt</h2><p>{cards}</p>")
    contacts = extract_contacts(html)
    assert len(contacts) == 13
    assert contacts[-1].email == "person12.efternamn@tolvby.se"


def test_role_and_unit_then_the_name_between_commas() -> None:
    html = _article(
        "<p>Yderligere oplysninger: Pressesekretær på Rådhuset, Mette Lund Skov, telefon +45 20 12 34 60.</p>"
    )
    (contact,) = extract_contacts(html, country="DK")
    assert (contact.name, contact.role, contact.phone) == (
        "Mette Lund Skov",
        "Pressesekretær på Rådhuset",
        "+4520123460",
    )


def test_press_line_after_a_heading_is_the_desk() -> None:
    html = _article("<p>For yderligere oplysninger: Aavig Kommunes pressetelefon +45 20 12 34 61.</p>")
    assert _found(html, "DK") == [("Aavig Kommunes pressetelefon", None, "+4520123461")]


def test_rsvp_and_service_addresses_in_a_notice_are_not_contacts() -> None:
    html = _article(
        "<p>For tilmelding send en mail til tilmelding@aavig.dk senest kl. 13.00.</p>"
        "<p>For brug af billeder kontakt DR på billeder@aavig.dk</p>"
        "<p>Har du brug for at komme i kontakt med kommunen, så ring på hovednummeret 20 12 34 62.</p>"
        "<p>Uden for åbningstiden kan du kontakte Aavig Brandvæsen på 20 12 34 63.</p>"
    )
    assert _found(html, "DK") == []


def test_an_address_under_a_lead_phrase_with_no_person_is_an_rsvp() -> None:
    html = _article(
        "<p>Praktisk information:</p><p>Tid: kl. 19.00 i Rådhushallen</p><p>Tilmelding: tilmelding@aavig.dk</p>"
    )
    assert _found(html, "DK") == []


def test_registry_numbers_are_not_phones() -> None:
    html = _article(
        "<h2>Kontakt</h2><p>Aavig Kommune, Rådhuset, CVR 29189854</p><p>Mette Skov, tlf. 20 12 34 64</p>"
    )
    assert _found(html, "DK") == [("Mette Skov", None, "+4520123464")]


def test_a_mailbox_with_no_name_is_the_press_desks_only_under_a_press_heading() -> None:
    mailbox = "<p>E-post: bygglov@tolvby.se<br>Telefon: 031-390 06 36</p>"
    assert _found(_article(f"<h2>Kontakt</h2>{mailbox}")) == []
    assert _found(_article(f"<h2>Presskontakt</h2>{mailbox}")) == [
        ("Presskontakt", "bygglov@tolvby.se", "+46313900636")
    ]
    assert _found(
        _article(f"<h2>Kontakt</h2><p>Anna Berg, 031-390 06 37</p><h3>Media enquiries</h3>{mailbox}")
    ) == [
        ("Anna Berg", None, "+46313900637"),
        (None, "bygglov@tolvby.se", "+46313900636"),
    ]


def test_contact_text_that_lost_its_line_breaks_is_put_back_apart() -> None:
    # name, title, number, address and the next person glued together in the text itself
    html = _article(
        "<h2>Kontakt</h2><p>Mette SkovKontorchefTlf:2012 3470mette.skov@aavig.dk"
        "Ole BergAfdelingschefTlf: 2012 3471ole.berg@aavig.dk</p>"
    )
    contacts = extract_contacts(html, country="DK")
    assert [(c.name, c.role, c.email, c.phone) for c in contacts] == [
        ("Mette Skov", "Kontorchef", "mette.skov@aavig.dk", "+4520123470"),
        ("Ole Berg", "Afdelingschef", "ole.berg@aavig.dk", "+4520123471"),
    ]
    article = extract_article(
        html.encode(), "https://www.aavig.dk/nyheder/x", "2026-03-01T10:00:00Z", country="DK"
    )
    assert article.garbled == [] and len(article.contacts) == 2


def test_names_with_an_inner_capital_are_not_split() -> None:
    html = _article("<h2>Kontakt</h2><p>Anna McDonald, MacLeod-gruppen<br>Tlf: 2012 3472</p>")
    assert [c.name for c in extract_contacts(html, country="DK")] == ["Anna McDonald"]


@pytest.mark.parametrize(
    ("line", "country"),
    [
        ("Spørgsmål kan rettes til kontorchef Mette Skov, tlf. 20 12 34 73", "DK"),
        ("Spørsmål kan rettes til rådgiver Mette Skov, tlf. 456 78 973", "NO"),
        ("Frågor kan ställas till enhetschef Mette Skov, 070-174 06 73", "SE"),
    ],
)
def test_questions_put_to_a_person(line: str, country: str) -> None:
    assert [c.name for c in extract_contacts(_article(f"<p>{line}</p>"), country=country)] == ["Mette Skov"]
