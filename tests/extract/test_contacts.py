"""extract_contacts on inline snippets and saved pages."""

from __future__ import annotations

import pytest

from scraper.extract.contacts import extract_contacts
from scraper.items import Contact
from tests.helpers import PAGES


def _page(body: str) -> str:
    return f"<html><body><main>{body}</main></body></html>"


def test_kontakt_block_two_people_from_sitevision_page() -> None:
    contacts = extract_contacts((PAGES / "sitevision-article.html").read_bytes())
    assert contacts == [
        Contact(name="Maja Forsell", role="Kommunstyrelsens ordförande", email="maja.forsell@hemlunda.se"),
        Contact(
            name="Tobias Nyqvist",
            role="Fritidschef",
            email="tobias.nyqvist@hemlunda.se",
            phone="+46123456712",
            phone_raw="0123-45 67 12",
        ),
    ]


def test_name_then_role_and_unit() -> None:
    (contact,) = extract_contacts(
        _page("<h3>Kontaktperson</h3><p>Anna Berg, rektor, Solbacka skola<br>Tel 0123-45 67 89</p>")
    )
    assert (contact.name, contact.role, contact.organisation) == ("Anna Berg", "rektor", "Solbacka skola")
    assert (contact.phone, contact.phone_raw) == ("+46123456789", "0123-45 67 89")


@pytest.mark.parametrize(
    "label",
    ["Kontakt", "Kontaktpersoner", "Mer information", "Frågor besvaras av", "För mer information kontakta"],
)
def test_labels_open_a_block(label: str) -> None:
    contacts = extract_contacts(
        _page(f"<p><strong>{label}</strong><br>Per Lund<br>E-post: per.lund@hemlunda.se</p>")
    )
    assert [(c.name, c.email) for c in contacts] == [("Per Lund", "per.lund@hemlunda.se")]


def test_email_only_in_mailto_href() -> None:
    (contact,) = extract_contacts(
        _page(
            "<h2>Kontakt</h2><p>Miljöchef Lena Ek<br>"
            '<a href="mailto:Lena.Ek@Hemlunda.se">Skicka e-post</a></p>'
        )
    )
    assert (contact.name, contact.role, contact.email) == ("Lena Ek", "Miljöchef", "lena.ek@hemlunda.se")


def test_invalid_email_dropped() -> None:
    # The invalid address is not stored; with it goes the only way to reach Per Lund, so no contact
    # (issue 10: a name alone is a cut entry or a standing footer, not a contact).
    assert extract_contacts(_page("<h2>Kontakt</h2><p>Per Lund<br>E-post: per.lund@@hemlunda</p>")) == []
    (contact,) = extract_contacts(
        _page("<h2>Kontakt</h2><p>Per Lund<br>E-post: per.lund@@hemlunda<br>Tel: 031-390 06 70</p>")
    )
    assert (contact.name, contact.email, contact.phone) == ("Per Lund", None, "+46313900670")


def test_uk_media_enquiries() -> None:
    (contact,) = extract_contacts(
        _page(
            "<h2>Media enquiries</h2><p>Press office<br>Phone: 020 7946 0321<br>"
            "Email: press@westbridge.gov.uk</p>"
        ),
        country="GB",
    )
    assert (contact.phone, contact.email) == ("+442079460321", "press@westbridge.gov.uk")


def test_mobile_number() -> None:
    (contact,) = extract_contacts(_page("<h2>Kontakt</h2><p>Per Lund<br>Mobil: 070-123 45 67</p>"))
    assert contact.phone == "+46701234567"


def test_footer_header_aside_and_nav_are_ignored() -> None:
    html = (
        "<html><body><header><p>Kontakt: <a href='tel:+46123456700'>0123-45 67 00</a></p></header>"
        "<nav><a href='mailto:webb@hemlunda.se'>webb@hemlunda.se</a></nav>"
        "<main><p>Text utan kontakter.</p></main>"
        "<aside><h2>Kontakt</h2><p>Anna Berg<br>anna.berg@hemlunda.se</p></aside>"
        "<div id='footer-wrapper'><h2>Kontakt</h2><p>Per Lund, per.lund@hemlunda.se</p></div>"
        "<footer><h2>Contact</h2><p>Jane Smith, jane@westbridge.gov.uk</p></footer></body></html>"
    )
    assert extract_contacts(html) == []


@pytest.mark.parametrize(
    "line",
    [
        "Kommunens växel: 0123-45 67 00",
        "Växel 0123-45 67 00",
        "Kontaktcenter, 0123-45 67 00, kontaktcenter@hemlunda.se",
        "Customer services: 020 7946 0000",
    ],
)
def test_switchboard_is_not_a_contact(line: str) -> None:
    contacts = extract_contacts(
        _page(f"<h2>Kontakt</h2><p>Per Lund<br>per.lund@hemlunda.se</p><p>{line}</p>")
    )
    assert [c.name for c in contacts] == ["Per Lund"]
    assert all(c.phone not in {"+46123456700", "+442079460000"} for c in contacts)


def test_duplicates_merged() -> None:
    html = _page(
        "<h2>Kontakt</h2><p>Per Lund<br>per.lund@hemlunda.se</p>"
        "<p>Skriv till <a href='mailto:per.lund@hemlunda.se'>Per</a> eller ring "
        "<a href='tel:0123456789'>0123-45 67 89</a></p>"
    )
    contacts = extract_contacts(html)
    assert [c.email for c in contacts] == ["per.lund@hemlunda.se", None][: len(contacts)]
    assert contacts[0].name == "Per Lund"


def test_dates_are_not_phone_numbers() -> None:
    (contact,) = extract_contacts(_page("<h2>Kontakt</h2><p>Per Lund 2026-03-14<br>per.lund@hemlunda.se</p>"))
    assert contact.phone is None


def test_mailto_link_in_body_text() -> None:
    # A link that names its person is a contact wherever it sits in the text ...
    (contact,) = extract_contacts(
        _page("<p>Frågor om kursen besvaras av <a href='mailto:kultur@hemlunda.se'>Kim Ekvall</a>.</p>")
    )
    assert (contact.name, contact.email) == ("Kim Ekvall", "kultur@hemlunda.se")
    # ... a bare address is an RSVP or service mailbox (issue 10; real-texts labelling rules), not one.
    assert (
        extract_contacts(
            _page(
                "<p>Anmäl dig till <a href='mailto:kultur@hemlunda.se'>kultur@hemlunda.se</a> senast i maj.</p>"
            )
        )
        == []
    )


def test_page_without_contacts() -> None:
    assert extract_contacts((PAGES / "sitevision-no-quote-no-contact.html").read_bytes()) == []


# --- issue 3: failure classes from the gold dev split -------------------------------------------


def test_aside_fact_box_inside_the_article_is_the_articles_contact() -> None:
    contacts = extract_contacts(
        "<html><body><main><article><p>Text.</p>"
        '<aside class="article__contact"><h2>Kontakt</h2>'
        "<p>Kari Nordbø, ordfører<br>E-post: kari.nordbo@fjellvik.kommune.no</p></aside></article>"
        '<aside class="sidebar"><h2>Kontakt</h2><p>Per Lund<br>E-post: per.lund@fjellvik.kommune.no</p>'
        "</aside></main></body></html>",
        country="NO",
    )
    assert [(c.name, c.role, c.email) for c in contacts] == [
        ("Kari Nordbø", "ordfører", "kari.nordbo@fjellvik.kommune.no")
    ]


def test_aside_outside_the_article_stays_chrome() -> None:
    contacts = extract_contacts(
        "<html><body><main><article><p>Text.</p></article>"
        "<aside><h2>Kontakt</h2><p>Per Lund<br>E-post: per.lund@hemlunda.se</p></aside>"
        "</main></body></html>"
    )
    assert contacts == []


@pytest.mark.parametrize(
    ("html", "country", "phone"),
    [
        ("<h2>Kontakt</h2><p>Ole Haugen, rektor<br>Telefon: 45 67 89 01</p>", "NO", "+4745678901"),
        ("<h2>Kontakt</h2><p>Borgmester Mette Kjær<br>Tlf.: 20 12 34 56</p>", "DK", "+4520123456"),
    ],
)
def test_labelled_number_without_trunk_prefix(html: str, country: str, phone: str) -> None:
    (contact,) = extract_contacts(_page(html), country=country)
    assert contact.phone == phone


def test_tlf_label_and_borgmester_role() -> None:
    (contact,) = extract_contacts(
        _page(
            "<h2>Kontakt</h2><p>Borgmester Mette Kjær<br>Tlf.: "
            '<a href="tel:+4520123456">20 12 34 56</a><br>Mail: mkj@lyngbjerg.dk</p>'
        ),
        country="DK",
    )
    assert (contact.name, contact.role) == ("Mette Kjær", "Borgmester")


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Energy advice: Priya Nair, Energy Advice Coordinator", "Energy Advice Coordinator"),
        ("Community development officer: Tom Ellis", "Community development officer"),
    ],
)
def test_label_before_the_name_is_not_part_of_the_role(line: str, role: str) -> None:
    (contact,) = extract_contacts(
        _page(
            f'<h2>Contact</h2><p>{line}, <a href="mailto:p.n@kestrelvale.gov.uk">p.n@kestrelvale.gov.uk</a></p>'
        ),
        country="GB",
    )
    assert (contact.name.split()[0], contact.role) == (line.split(": ")[1].split()[0], role)


def test_parking_team_lead_is_a_role_not_a_unit() -> None:
    (contact,) = extract_contacts(
        _page(
            "<h2>Contact</h2><p>Parking services team lead Daniel Okafor<br>Email: d.o@northfold.gov.uk</p>"
        ),
        country="GB",
    )
    assert (contact.name, contact.role) == ("Daniel Okafor", "Parking services team lead")


def test_named_press_desk_keeps_its_name() -> None:
    (contact,) = extract_contacts(
        _page(
            "<h2>Media enquiries</h2><p>Communications team<br>Telephone: 020 7946 0311<br>"
            'Email: <a href="mailto:press@kestrelvale.gov.uk">press@kestrelvale.gov.uk</a></p>'
        ),
        country="GB",
    )
    assert (contact.name, contact.email, contact.phone) == (
        "Communications team",
        "press@kestrelvale.gov.uk",
        "+442079460311",
    )


def test_second_person_in_a_prose_contact_sentence() -> None:
    contacts = extract_contacts(
        _page(
            "<p>För mer information kontakta projektledare Sara Lind, 070-123 45 67, sara.lind@norrvik.se, "
            "eller byggledare Kalle Nyström, 070-174 06 30.</p>"
        )
    )
    assert [(c.name, c.role, c.email, c.phone) for c in contacts] == [
        ("Sara Lind", "projektledare", "sara.lind@norrvik.se", "+46701234567"),
        ("Kalle Nyström", "byggledare", None, "+46701740630"),
    ]


def test_english_prose_contact_sentence() -> None:
    (contact,) = extract_contacts(
        _page(
            "<h2>Contact</h2><p>For more information contact Joanna Kemp, Festival Director, on "
            '<a href="tel:+442079460271">020 7946 0271</a> or email '
            '<a href="mailto:joanna.kemp@kestrelford.gov.uk">joanna.kemp@kestrelford.gov.uk</a>.</p>'
        ),
        country="GB",
    )
    assert (contact.name, contact.role, contact.email, contact.phone) == (
        "Joanna Kemp",
        "Festival Director",
        "joanna.kemp@kestrelford.gov.uk",
        "+442079460271",
    )


def test_unallocated_number_is_kept_as_written_but_not_as_e164() -> None:
    """01632 960xxx is well-formed but not a valid UK number: ``phone`` stays E.164-valid or empty."""
    (contact,) = extract_contacts(
        _page(
            "<h2>Contact</h2><p>For more information contact Joanna Kemp, Festival Director, on "
            '<a href="tel:+441632960271">01632 960271</a> or email '
            '<a href="mailto:joanna.kemp@kestrelford.gov.uk">joanna.kemp@kestrelford.gov.uk</a>.</p>'
        ),
        country="GB",
    )
    assert (contact.name, contact.phone, contact.phone_raw) == ("Joanna Kemp", None, "01632 960271")


def test_nameless_press_line_is_not_given_filler_words() -> None:
    (contact,) = extract_contacts(
        _page(
            '<h2>Media enquiries</h2><p>Email <a href="mailto:press@kestrelvale.gov.uk">'
            "press@kestrelvale.gov.uk</a> or call 020 7946 0311.</p>"
        ),
        country="GB",
    )
    assert (contact.name, contact.role, contact.phone) == (None, None, "+442079460311")


def test_surname_that_is_a_filler_word_survives() -> None:
    (contact,) = extract_contacts(_page("<h2>Kontakt</h2><p>Tove Ring, kulturchef<br>Tel 0123-45 69 03</p>"))
    assert (contact.name, contact.role) == ("Tove Ring", "kulturchef")


@pytest.mark.parametrize(
    ("html", "country", "name"),
    [
        (
            "<h3>Kontakt</h3><p><strong>Bygglovskansliet</strong><br>Telefon: 0123-45 60 10<br>"
            'E-post: <a href="mailto:bygglov@hemlunda.se">bygglov@hemlunda.se</a></p>',
            "SE",
            "Bygglovskansliet",
        ),
        (
            "<h2>Contact</h2><p>Licensing Services<br>Email: "
            '<a href="mailto:licensing@northfold.gov.uk">licensing@northfold.gov.uk</a><br>'
            "Telephone: 020 7946 0412</p>",
            "GB",
            "Licensing Services",
        ),
        (
            "<h2>Media enquiries</h2><p>Press office<br>Telephone: 020 7946 0311</p>",
            "GB",
            "Press office",
        ),
    ],
)
def test_desk_on_a_line_of_its_own_is_the_contacts_name(html: str, country: str, name: str) -> None:
    (contact,) = extract_contacts(_page(html), country=country)
    assert (contact.name, contact.role) == (name, None)
    assert contact.phone is not None


def test_desk_line_without_email_or_phone_is_not_a_contact() -> None:
    assert extract_contacts(_page("<h3>Kontakt</h3><p>Bygglovskansliet</p>")) == []


def test_name_then_role_and_company_on_the_next_line() -> None:
    contacts = extract_contacts(
        _page(
            "<h2>Kontakt</h2><div><div>Lisa Wahl</div><div>vd, Sjöbo Fjärrvärme</div>"
            '<div>Telefon <a href="tel:+46123457010">0123-45 70 10</a></div>'
            '<div>E-post <a href="mailto:lisa.wahl@sjobofjarrvarme.se">lisa.wahl@sjobofjarrvarme.se</a></div></div>'
        )
    )
    assert [(c.name, c.role, c.organisation, c.email, c.phone) for c in contacts] == [
        ("Lisa Wahl", "vd", "Sjöbo Fjärrvärme", "lisa.wahl@sjobofjarrvarme.se", "+46123457010")
    ]


def test_name_role_and_company_on_one_line() -> None:
    (contact,) = extract_contacts(
        _page("<h3>Kontakt</h3><p>Lisa Wahl, vd, Sjöbo Fjärrvärme<br>Tel 0123-45 70 10</p>")
    )
    assert (contact.name, contact.role, contact.organisation) == ("Lisa Wahl", "vd", "Sjöbo Fjärrvärme")
