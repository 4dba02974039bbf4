"""extract_article on saved pages: one field per test, body by must-contain / must-not-contain lists."""

from __future__ import annotations

import pytest

from scraper.extract import EXTRACTOR, extract_article
from scraper.items import Article
from tests.helpers import PAGES

FETCHED_AT = "2026-03-20T08:00:00Z"


def _extract(name: str, **kwargs) -> Article:
    body = (PAGES / name).read_bytes()
    return extract_article(body, f"https://example.test/{name}", FETCHED_AT, municipality_id="9999", **kwargs)


@pytest.fixture(scope="module")
def sitevision() -> Article:
    return _extract("sitevision-article.html")


@pytest.fixture(scope="module")
def wordpress() -> Article:
    return _extract("wordpress-article.html")


@pytest.fixture(scope="module")
def govuk() -> Article:
    return _extract("govuk-article.html", country="GB")


ALL_PAGES = sorted(p.name for p in PAGES.glob("*.html"))


# --- SiteVision ----------------------------------------------------------------------------------


def test_sitevision_title_without_site_name(sitevision: Article) -> None:
    assert sitevision.title == "Ny simhall byggs vid Strandängen"


def test_sitevision_lead(sitevision: Article) -> None:
    assert sitevision.lead is not None
    assert sitevision.lead.startswith("Kommunfullmäktige i Hemlunda har beslutat")


@pytest.mark.parametrize(
    "fragment",
    [
        "Den gamla badanläggningen på Torggatan byggdes 1968",
        "Kostnaden beräknas till 310 miljoner kronor.",
        "säger kommunstyrelsens ordförande Maja Forsell (C)",
        "Under byggtiden hålls den gamla simhallen öppen som vanligt.",
    ],
)
def test_sitevision_body_contains(sitevision: Article, fragment: str) -> None:
    assert fragment in sitevision.body


@pytest.mark.parametrize(
    "fragment",
    [
        "Kommunfullmäktige i Hemlunda har beslutat",  # the lead, not repeated in the body
        "Use Google to translate",
        "kakor",
        "Startsida",
        "Senaste nyheterna",
        "Vägarbete på Kyrkogatan",
        "Kontakt",
        "maja.forsell@hemlunda.se",
        "Sidan senast uppdaterad",
        "Publicerad",
        "Dela sidan",
        "växel",
        "Omsorg och stöd",
    ],
)
def test_sitevision_body_excludes(sitevision: Article, fragment: str) -> None:
    assert fragment not in sitevision.body


def test_sitevision_published(sitevision: Article) -> None:
    assert sitevision.published == "2026-03-12"


def test_sitevision_updated(sitevision: Article) -> None:
    assert sitevision.updated == "2026-03-14"


def test_sitevision_language(sitevision: Article) -> None:
    assert sitevision.language == "sv"


def test_sitevision_author_is_not_site_name(sitevision: Article) -> None:
    assert sitevision.author is None


def test_sitevision_quote_speakers(sitevision: Article) -> None:
    assert [q.speaker for q in sitevision.quotes] == ["Maja Forsell", "Tobias Nyqvist", "Tobias Nyqvist"]


def test_sitevision_pronoun_follow_up_resolved(sitevision: Article) -> None:
    assert sitevision.quotes[1].text.startswith("Föreningarna har fått dela på")
    assert sitevision.quotes[1].role == "Fritidschef"


def test_sitevision_contacts_are_the_two_people(sitevision: Article) -> None:
    assert [c.name for c in sitevision.contacts] == ["Maja Forsell", "Tobias Nyqvist"]


def test_sitevision_contact_email_lower_cased(sitevision: Article) -> None:
    assert sitevision.contacts[1].email == "tobias.nyqvist@hemlunda.se"


def test_sitevision_contact_phone(sitevision: Article) -> None:
    assert (sitevision.contacts[1].phone, sitevision.contacts[1].phone_raw) == (
        "+46123456712",
        "0123-45 67 12",
    )


def test_sitevision_switchboard_not_a_contact(sitevision: Article) -> None:
    assert "+46123456700" not in {c.phone for c in sitevision.contacts}
    assert "kommun@hemlunda.se" not in {c.email for c in sitevision.contacts}


def test_passes_through_identity_fields(sitevision: Article) -> None:
    assert (sitevision.municipality_id, sitevision.fetched_at, sitevision.extractor) == (
        "9999",
        FETCHED_AT,
        EXTRACTOR,
    )


# --- WordPress -----------------------------------------------------------------------------------


def test_wordpress_title(wordpress: Article) -> None:
    assert wordpress.title == "Eleverna på Björkbacka odlar sin egen lunch"


def test_wordpress_published(wordpress: Article) -> None:
    assert wordpress.published == "2026-02-03"


def test_wordpress_updated(wordpress: Article) -> None:
    assert wordpress.updated == "2026-02-05"


def test_wordpress_author(wordpress: Article) -> None:
    assert wordpress.author == "Sara Holm"


def test_wordpress_lead(wordpress: Article) -> None:
    assert wordpress.lead is not None and wordpress.lead.startswith("Sedan i höstas")


@pytest.mark.parametrize(
    "fragment", ["Frågor besvaras av", "johan.ekdahl@norrviken.se", "Snöröjningen", "Kategori"]
)
def test_wordpress_body_excludes(wordpress: Article, fragment: str) -> None:
    assert fragment not in wordpress.body


def test_wordpress_quotes_do_not_include_list_or_scare_quotes(wordpress: Article) -> None:
    texts = " ".join(q.text for q in wordpress.quotes)
    assert "Grön skola" not in texts
    assert "förkultivering" not in texts
    assert "Skörd i september" not in texts
    assert "Odla med barn" not in texts


def test_wordpress_quote_count(wordpress: Article) -> None:
    assert [q.speaker for q in wordpress.quotes] == ["Elsa", "Johan Ekdahl", "Johan Ekdahl"]


def test_wordpress_contact(wordpress: Article) -> None:
    (contact,) = wordpress.contacts
    assert (contact.name, contact.role, contact.organisation) == (
        "Johan Ekdahl",
        "lärare",
        "Björkbacka skola",
    )
    assert (contact.email, contact.phone) == ("johan.ekdahl@norrviken.se", "+46456123456")


# --- English council -----------------------------------------------------------------------------


def test_govuk_title(govuk: Article) -> None:
    assert govuk.title == "New library opens in Eastmoor"


def test_govuk_lead(govuk: Article) -> None:
    assert govuk.lead is not None and govuk.lead.startswith("Residents of Eastmoor")


def test_govuk_dates(govuk: Article) -> None:
    assert (govuk.published, govuk.updated) == ("2026-03-12", "2026-03-14")


def test_govuk_language(govuk: Article) -> None:
    assert govuk.language == "en"


@pytest.mark.parametrize(
    "fragment",
    [
        "cookies",
        "Skip to main content",
        "Park improvements",
        "Customer services",
        "Media enquiries",
        "Published",
    ],
)
def test_govuk_body_excludes(govuk: Article, fragment: str) -> None:
    assert fragment not in govuk.body


def test_govuk_quotes(govuk: Article) -> None:
    assert [(q.speaker, q.role) for q in govuk.quotes] == [
        ("Priya Nandra", "Leader of the Council"),
        ("Martin Hale", "cabinet member for communities"),
        ("Priya Nandra", "Leader of the Council"),
    ]


def test_govuk_media_contact_uk_number(govuk: Article) -> None:
    (contact,) = govuk.contacts
    assert (contact.email, contact.phone) == ("press@westbridge.gov.uk", "+442079460321")


# --- Other pages ---------------------------------------------------------------------------------


def test_cookie_expiry_is_not_published() -> None:
    article = _extract("sitevision-cookie-expiry.html")
    assert article.published is None or article.published <= FETCHED_AT[:10]
    assert article.updated is None or article.updated <= FETCHED_AT[:10]


def test_cp1252_page_decodes_and_extracts() -> None:
    article = _extract("legacy-cp1252.html")
    assert article.title == "Höstens öppettider på återvinningscentralen"
    assert article.quotes[0].speaker == "Örjan Åkesson"


def test_no_quote_no_contact_page() -> None:
    article = _extract("sitevision-no-quote-no-contact.html")
    assert (article.quotes, article.contacts) == ([], [])


@pytest.mark.parametrize("name", ALL_PAGES)
def test_invariants(name: str) -> None:
    article = _extract(name)
    assert article.title and article.body
    assert article.published is None or article.published <= FETCHED_AT[:10]
    if article.published and article.updated:
        assert article.updated >= article.published
    assert [q.position for q in article.quotes] == list(range(len(article.quotes)))
    assert all(len(q.text.split()) >= 4 and q.speaker for q in article.quotes)
    assert all(c.phone is None or c.phone.startswith("+") for c in article.contacts)
    if article.lead:
        assert not article.body.startswith(article.lead[:40])


def test_same_output_twice() -> None:
    """No hidden state (trafilatura's dedup cache is off): the same page extracts the same way."""
    assert _extract("sitevision-article.html") == _extract("sitevision-article.html")


def test_str_input_and_garbage_do_not_raise() -> None:
    assert extract_article("<html><body><p>Hej</p></body></html>", "u", FETCHED_AT).url == "u"
    assert extract_article(b"", "u", FETCHED_AT).title is None


PRUNED_CONTAINER = """<html lang="sv"><head><title>Biblioteket får nya öppettider</title>
<meta property="article:published_time" content="2026-03-04T08:00:00+01:00"></head>
<body class="home wp-theme cookies-not-set">
<div id="cookie-notice">Vi använder kakor. <a href="/om-kakor">Läs mer</a></div>
<main><article class="post has-share-buttons">
<h1>Biblioteket får nya öppettider</h1>
<p>Från den 1 april har huvudbiblioteket öppet till klockan 20 på vardagar. Det har låntagarna
efterfrågat länge, och nu finns personal för att hålla öppet längre.</p>
<p>Lördagar och söndagar gäller samma tider som tidigare. Filialerna i Norrby och Västerby får
också förlängda öppettider under hösten.</p>
<div class="share">Dela sidan: Facebook LinkedIn</div>
</article></main></body></html>"""


def test_a_prune_rule_never_removes_the_containers_of_the_text():
    # WordPress Cookie Notice puts "cookies-not-set" on <body>; themes put "share" on <article>.
    article = extract_article(PRUNED_CONTAINER.encode(), "https://example.test/a", FETCHED_AT)
    assert article.body and "huvudbiblioteket öppet till klockan 20" in article.body
    assert "Filialerna i Norrby" in article.body
    assert article.published == "2026-03-04"
    assert "Vi använder kakor" not in article.body and "Dela sidan" not in article.body


INVISIBLE_PAGE = """<html lang="sv"><head><title>Kommun\u00adfullmäktige beslutar om budget</title>
<meta property="article:published_time" content="2026-02-10"></head><body><main><article>
<h1>Kommun\u00adfull\u00admäktige beslutar om bud\u200bget</h1>
<p>Kommunfull\u00admäktige sammanträder på torsdag och ska besluta om nästa års budget. Mötet är
öppet för allmänheten och sänds också på kommunens webb\u2060plats.</p>
<p>– Det här är en budget för skolan och äldre\u00adomsorgen, säger kommunstyrelsens ordförande
Karin Lind\u200bqvist.</p>
</article></main></body></html>"""


def test_soft_hyphens_and_zero_width_characters_do_not_split_words():
    article = extract_article(INVISIBLE_PAGE.encode(), "https://example.test/b", FETCHED_AT)
    assert article.title == "Kommunfullmäktige beslutar om budget"
    assert "Kommunfullmäktige sammanträder" in article.body and "webbplats" in article.body
    for value in (article.title, article.body, *(q.text for q in article.quotes)):
        assert not set(value) & set("\u00ad\u200b\u2060"), value
    assert [q.speaker for q in article.quotes] == ["Karin Lindqvist"]
