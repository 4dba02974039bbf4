"""The page's block structure survives into the text: paragraphs, headings, deep nesting.

Pages written for these tests (the fictional Ekeby, Norrvik and Solnäs kommun), one per class of
real-page failure: paragraphs written as double line breaks, a heading or label glued to the next
block, text nested deeper than the parser's default limit.
"""

from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.tree import depth, parse_html

FETCHED_AT = "2026-03-20T08:00:00Z"
URL = "https://ekeby.example/nyheter/"


def _page(inner: str, title: str = "Nyheter") -> bytes:
    return (
        f'<html lang="sv"><head><title>{title} - Ekeby kommun</title></head>'
        f"<body><main><article>{inner}</article></main></body></html>"
    ).encode()


DOUBLE_BREAKS = _page(
    """<h1>Ny gång- och cykelväg längs Åsvägen</h1>
<p>Under våren bygger kommunen en ny gång- och cykelväg längs Åsvägen mellan skolan och idrottshallen.
Arbetet börjar i april och beräknas vara klart till sommarlovet.<br><br>
– Många barn cyklar till skolan här och vi vill att de ska kunna göra det tryggt, säger
tekniska nämndens ordförande Maja Holmgren.<br />
<br />
Under byggtiden leds trafiken om via Kyrkvägen. Bussarna går som vanligt.<br><br><br>
Har du frågor om arbetet kan du höra av dig till kommunens kundtjänst.</p>"""
)


def test_double_line_breaks_inside_one_paragraph_are_paragraph_breaks() -> None:
    article = extract_article(DOUBLE_BREAKS, URL + "cykelvag", FETCHED_AT)
    paragraphs = (article.body or "").split("\n\n")
    assert len(paragraphs) == 4, paragraphs
    assert paragraphs[0].startswith("Under våren bygger") and paragraphs[0].endswith("sommarlovet.")
    assert paragraphs[1].startswith("– Många barn cyklar")
    assert paragraphs[3] == "Har du frågor om arbetet kan du höra av dig till kommunens kundtjänst."
    # The quote paragraph is a paragraph of its own, so the quote rules find it.
    assert [q.speaker for q in article.quotes] == ["Maja Holmgren"]
    assert article.quotes[0].text.startswith("Många barn cyklar till skolan")


def test_double_line_breaks_straight_inside_a_div_are_paragraph_breaks() -> None:
    page = _page(
        "<h1>Badplatserna öppnar</h1><div class='text'>Kommunens fem badplatser öppnar den 1 juni. "
        "Vattnet provtas varannan vecka hela sommaren.<br><br>– Vattnet har varit rent alla år, säger "
        "miljöinspektör Jonas Ek.<br><br>Provsvaren finns på kommunens webbplats.</div>"
    )
    article = extract_article(page, URL + "badplatser", FETCHED_AT)
    assert (article.body or "").split("\n\n")[
        1
    ] == "– Vattnet har varit rent alla år, säger miljöinspektör Jonas Ek."
    assert [q.speaker for q in article.quotes] == ["Jonas Ek"]


def test_a_single_line_break_stays_inside_its_paragraph() -> None:
    page = _page(
        "<h1>Öppettider i påsk</h1><p>Medborgarkontoret har öppet så här under påsken:<br>"
        "Skärtorsdag 8–12<br>Annandag påsk stängt</p><p>Välkommen in till oss på Storgatan 4.</p>"
    )
    body = extract_article(page, URL + "pask", FETCHED_AT).body or ""
    assert body.split("\n\n")[0] == (
        "Medborgarkontoret har öppet så här under påsken:\nSkärtorsdag 8–12\nAnnandag påsk stängt"
    )


GLUED_BLOCKS = _page(
    """<h1>Återvinningscentralen flyttar</h1>
<div class="text"><strong>Återvinning</strong><div>Den nya återvinningscentralen vid Norrviks
industriområde öppnar den 2 maj för alla hushåll i kommunen.</div></div>
<div class="text"><h2><span>Öppettider</span></h2>Centralen har öppet vardagar 7–19 och lördagar
9–15 under hela året.</div>
<p>Kontakt<span>Kundtjänst</span></p>
<ul><li>Grovavfall</li><li>Elavfall</li></ul>"""
)


def test_a_heading_or_label_is_never_glued_to_the_next_block() -> None:
    body = extract_article(GLUED_BLOCKS, URL + "atervinning", FETCHED_AT).body or ""
    assert "ÅtervinningDen" not in body and "Återvinning\nDen nya återvinningscentralen" in body
    # Text trafilatura leaves after a heading, outside any paragraph, is kept as a paragraph.
    assert "Öppettider\n\nCentralen har öppet vardagar 7–19" in body
    assert "GrovavfallElavfall" not in body


def test_block_boundaries_give_a_separator_in_every_text_of_the_tree() -> None:
    tree = parse_html(GLUED_BLOCKS.decode())
    assert tree is not None
    text = " ".join(tree.text_content().split())
    assert "Återvinning Den nya" in text and "Öppettider Centralen" in text
    # Inline markup is not a boundary: no space appears inside "Kontakt<span>Kundtjänst</span>".
    assert "KontaktKundtjänst" in text


def _nested(levels: int) -> bytes:
    return _page(
        "<h1>Solnäs skola får ny idrottshall</h1>"
        "<p>Barn- och utbildningsnämnden har beslutat att bygga en ny idrottshall vid Solnäs skola.</p>"
        + "<div>" * levels
        + "<p>Hallen blir dubbelt så stor som den gamla och ska stå klar hösten 2027.</p>"
        + "</div>" * levels
        + "<p>Den gamla hallen rivs när den nya har tagits i bruk.</p>"
    )


def test_text_nested_deeper_than_the_parsers_default_limit_is_kept() -> None:
    for levels in (300, 2500):
        body = extract_article(_nested(levels), URL + "idrottshall", FETCHED_AT).body or ""
        assert "Hallen blir dubbelt så stor" in body, levels
        assert body.endswith("Den gamla hallen rivs när den nya har tagits i bruk."), levels


def test_a_deep_tree_is_parsed_whole() -> None:
    tree = parse_html(_nested(300).decode())
    assert tree is not None and depth(tree) > 300
