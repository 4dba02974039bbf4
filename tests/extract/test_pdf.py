"""PDF press releases (scraper/extract/pdf.py) on PDFs written for the project by the sitegen PDF writer:
a release is read as an article with its quotes and contacts; an agenda, minutes, a form or a PDF
without a release's shape is refused with what it is."""

from __future__ import annotations

import pytest

from scraper.demo.sitegen.pdf import write_pdf
from scraper.extract import extract_pdf_article, is_pdf
from scraper.extract.pdf import classify_release, pdf_paragraphs

URL = "https://www.ekbacka.se/nyheter/pressmeddelande-simhall.pdf"
FETCHED = "2026-03-12T09:00:00Z"

RELEASE = [
    "Pressmeddelande 2026-03-10",
    "Ekbacka bygger ny simhall vid Strandvägen",
    "Kommunfullmäktige i Ekbacka beslutade i måndags att bygga en ny simhall vid Strandvägen. Bygget "
    "börjar i april och hallen ska vara klar att ta i bruk till sommaren 2028.",
    "Den nya hallen får en tävlingsbassäng på 25 meter, en undervisningsbassäng och ett litet gym. Den "
    "gamla simhallen från 1971 rivs när den nya har öppnat för allmänheten.",
    "– Det här är en stor dag för alla som simmar i Ekbacka, säger Lovisa Brandt, ordförande i kultur- "
    "och fritidsnämnden.",
    "Kontakt",
    "Lovisa Brandt, ordförande i kultur- och fritidsnämnden",
    "lovisa.brandt@ekbacka.se",
    "0123-45 67 89",
]


def test_the_writer_makes_a_pdf_pypdf_reads_back_paragraph_by_paragraph():
    body = write_pdf(RELEASE)
    assert is_pdf(body) and not is_pdf(b"<!doctype html><html>")
    assert pdf_paragraphs(body)[:3] == RELEASE[:3]
    assert write_pdf(RELEASE) == body  # deterministic


def test_a_release_is_an_article_with_its_quote_and_contact():
    article = extract_pdf_article(write_pdf(RELEASE), URL, FETCHED, municipality_id="ekbacka")
    assert article.not_article is None
    assert article.title == "Ekbacka bygger ny simhall vid Strandvägen"
    assert article.published == "2026-03-10"
    assert article.body and article.body.startswith("Kommunfullmäktige i Ekbacka beslutade")
    assert "lovisa.brandt@ekbacka.se" not in article.body  # the contact block is a contact, not text
    assert [q.speaker for q in article.quotes] == ["Lovisa Brandt"]
    assert [c.email for c in article.contacts] == ["lovisa.brandt@ekbacka.se"]
    assert article.language == "sv"
    assert "pypdf/" in (article.extractor or "")
    # Pure: the same bytes, URL and fetch time give the same article.
    assert extract_pdf_article(write_pdf(RELEASE), URL, FETCHED, municipality_id="ekbacka") == article


AGENDA = [
    "Kallelse och dagordning",
    "Kommunstyrelsen sammanträder 2026-03-17 klockan 13.00 i Stora salen, Ekbacka kommunhus.",
    "1. Val av justerare",
    "2. Godkännande av dagordningen",
    "3. Budgetuppföljning efter februari",
    "4. Detaljplan för Strandvägen, samrådsredogörelse och beslut om granskning av planförslaget",
]
MINUTES = [
    "Sammanträdesprotokoll 2026-02-11",
    "Kultur- och fritidsnämnden",
    "§ 12 Ny simhall. Nämnden föreslår kommunfullmäktige att bygga en ny simhall vid Strandvägen med "
    "en tävlingsbassäng och en undervisningsbassäng.",
    "§ 13 Bidrag till föreningar. Nämnden beslutar att fördela föreningsbidragen enligt förvaltningens "
    "förslag för verksamhetsåret.",
]
FORM = [
    "Blankett: Ansökan om bidrag till studieförbund",
    "Fylls i av föreningen och skickas till kultur- och fritidsförvaltningen senast 2026-04-30.",
    "Föreningens namn: ____________________",
    "Organisationsnummer: ____________________",
]
NO_SHAPE = [  # a report: dated, titled, prose, but nobody quoted, no contact, no release label
    "Rapport 2026-01-20",
    "Vattenkvalitet i Lommen under 2025",
    "Proverna togs en gång i månaden vid fyra provpunkter längs den östra stranden och analyserades av "
    "ett ackrediterat laboratorium enligt gällande metoder.",
    "Halterna av fosfor och kväve låg under riktvärdena vid samtliga provtillfällen utom i augusti, då "
    "algblomningen var som störst i den grunda viken.",
]


@pytest.mark.parametrize(
    ("paragraphs", "what"),
    [
        (AGENDA, "agenda"),
        (MINUTES, "minutes"),
        (FORM, "form"),
        (NO_SHAPE, "no quote, contact or release label"),
    ],
)
def test_a_pdf_that_is_no_press_release_is_refused_with_what_it_is(paragraphs, what):
    article = extract_pdf_article(write_pdf(paragraphs), URL, FETCHED, municipality_id="ekbacka")
    assert article.not_article == what
    assert article.title is None and article.body is None


def test_the_classifier_needs_a_dateline_a_headline_and_a_body():
    assert classify_release(RELEASE[1:], quotes=1).reason == "no dateline"
    assert classify_release(["Pressmeddelande 2026-03-10", *RELEASE[2:]]).reason == "no headline"
    assert classify_release(RELEASE[:3]).reason == "no body"
    assert classify_release(RELEASE).release


def test_bytes_that_are_no_pdf_give_no_article():
    article = extract_pdf_article(b"%PDF-1.4 broken", URL, FETCHED)
    assert article.not_article == "no text" and article.title is None
