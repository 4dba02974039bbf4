"""Body text: prune rules that cannot eat the article, and how the body is read from trafilatura's output.

Each page here stands for a class of real pages measured with ``python -m scraper.tools.bench body``
(a share rule matching the article's wrapper, a layout token, a table-cell layout, decomposed letters).
"""

from __future__ import annotations

import unicodedata

import pytest
from lxml import etree

from scraper.extract import extract_article
from scraper.extract.article import body_paragraphs
from scraper.extract.prune import prune_candidates, prune_rule, pruned_copy, rule_hints, token_words
from scraper.extract.tree import parse_html
from scraper.extract.vocabulary import PRUNE_RULES

FETCHED_AT = "2026-03-20T08:00:00Z"
URL = "https://www.ekeby.example/nyheter/a"


def _body(page: str) -> str:
    return extract_article(page.encode(), URL, FETCHED_AT).body or ""


PARAGRAPHS = """<p>Ekeby kommun bygger om gång- och cykelvägen längs Ågatan under sommaren. Arbetet börjar
den 2 juni och beräknas vara klart i slutet av augusti, om vädret tillåter.</p>
<p>Under tiden leds cyklister om via Kvarngatan och Parkvägen. Skyltar sätts upp vid båda ändarna
av sträckan, och bussarna stannar som vanligt vid hållplatsen Torget.</p>
<p>Den nya vägen blir bredare och får belysning hela vägen fram till idrottsplatsen. Träd som
måste tas ned ersätts med nya lindar när arbetet är klart i höst.</p>"""


# --- whole words of one token, not substrings ------------------------------------------------


@pytest.mark.parametrize(
    ("token", "words"),
    [
        ("td-post-sharing", "td post sharing"),
        ("documentContent__sharingContainer", "document content sharing container"),
        ("social_share_fm", "social share fm"),
        ("CybotCookiebotDialog", "cybot cookiebot dialog"),
    ],
)
def test_token_words(token: str, words: str) -> None:
    assert token_words(token) == words


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("share-buttons", "share"),
        ("entry-meta td-post-sharing", "share"),
        ("sharedaddy sd-sharing-enabled", "share"),
        ("cmp_breadcrumbs", "breadcrumb"),
        ("cookie-notice", "cookie"),
        ("CybotCookiebotDialog", "cookie"),
        ("comment-form-cookies-consent", "cookie"),
        ("google_translate_element", "translate"),
        ("sv-portlet sv-archive-portlet", "archive-portlet"),
        # Substrings of a word are not the word.
        ("shared-services", None),
        ("sharepoint-documents", None),
        ("timeshare-offers", None),
        # Layout tokens describe the page, not the element.
        ("entry-content no-share", None),
        ("post has-share-buttons", None),
    ],
)
def test_prune_rule_matches_whole_words(value: str, rule: str | None) -> None:
    assert prune_rule(value) == rule


# --- the pages -------------------------------------------------------------------------------

SHARED_BLOCK = f"""<html lang="sv"><head><title>Ågatan byggs om</title></head><body>
<main><article><h1>Ågatan byggs om</h1>
<div class="entry-content no-share">{PARAGRAPHS}
</div>
<div class="sharedaddy sd-sharing-enabled"><h3>Dela detta:</h3><a href="#">Facebook</a> <a href="#">X</a></div>
</article></main></body></html>"""


def test_a_layout_token_is_not_a_share_bar() -> None:
    # "no-share" on the wrapper of the text used to be pruned by `contains(@class, 'share')`, taking
    # the article with it; the Jetpack share bar still goes.
    body = _body(SHARED_BLOCK)
    assert "gång- och cykelvägen längs Ågatan" in body
    assert "nya lindar" in body
    assert "Dela detta" not in body


SHARING_CONTAINER = f"""<html lang="sv"><head><title>Ågatan byggs om</title></head><body>
<nav class="breadcrumbs"><a href="/">Start</a> / <a href="/nyheter">Nyheter</a></nav>
<div id="content"><h1>Ågatan byggs om</h1>
<div class="documentContent__sharingContainer">
<div class="documentContent__share"><a href="#">Dela på Facebook</a> <a href="#">Skriv ut</a></div>
{PARAGRAPHS}
</div></div>
<div class="cookie-banner">Vi använder kakor för att webbplatsen ska fungera. <button>Godkänn</button></div>
</body></html>"""


def test_an_element_holding_most_of_the_text_is_never_pruned() -> None:
    # The theme wraps the article in a "sharing container": the rule matches, the article stays,
    # and the share bar inside it and the cookie banner still go.
    tree = parse_html(SHARING_CONTAINER)
    assert tree is not None
    pruned = {el.get("class"): rule for el, rule in prune_candidates(tree)}
    assert "documentContent__sharingContainer" not in pruned
    assert pruned["documentContent__share"] == "share"
    assert pruned["cookie-banner"] == "cookie"
    assert pruned["breadcrumbs"] == "breadcrumb"
    body = _body(SHARING_CONTAINER)
    assert "gång- och cykelvägen längs Ågatan" in body and "nya lindar" in body
    assert "Dela på Facebook" not in body and "Vi använder kakor" not in body


BR_LINES = """<html lang="sv"><head><title>Ågatan byggs om</title></head><body>
<div class="sharing-wrapper"><h1>Ågatan byggs om</h1>
<div class="text">Ekeby kommun bygger om gång- och cykelvägen längs Ågatan under sommaren. Arbetet börjar
den 2 juni och beräknas vara klart i slutet av augusti, om vädret tillåter.<br><br>
Under tiden leds cyklister om via Kvarngatan och Parkvägen. Skyltar sätts upp vid båda ändarna
av sträckan, och bussarna stannar som vanligt vid hållplatsen Torget.<br><br>
Den nya vägen blir bredare och får belysning hela vägen fram till idrottsplatsen.</div>
<div class="sharing-buttons"><a href="#">Dela på Facebook</a></div>
</div></body></html>"""


def test_the_text_share_is_measured_on_a_page_without_paragraphs() -> None:
    # No <p> at all: the wrapper holding every line of the text is still not a share bar.
    tree = parse_html(BR_LINES)
    assert tree is not None
    assert [el.get("class") for el, _ in prune_candidates(tree)] == ["sharing-buttons"]
    body = _body(BR_LINES)
    assert "gång- och cykelvägen längs Ågatan" in body and "belysning hela vägen" in body
    assert "Dela på Facebook" not in body


def test_pruning_works_on_a_copy() -> None:
    tree = parse_html(SHARING_CONTAINER)
    assert tree is not None
    copy, removed = pruned_copy(tree)
    assert removed == 3
    assert "Vi använder kakor" in "".join(tree.itertext())
    assert "Vi använder kakor" not in "".join(copy.itertext())


SHARE_QUOTES = """<html lang="sv"><head><title>Ågatan byggs om</title></head><body>
<main><div class="post"><h1>Ågatan byggs om</h1>
<div class="sharing-highlight"><p>Ekeby kommun bygger om gång- och cykelvägen längs Ågatan under sommaren.
Arbetet börjar den 2 juni och beräknas vara klart i slutet av augusti, om vädret tillåter.</p></div>
<div class="sharing-highlight"><p>Under tiden leds cyklister om via Kvarngatan och Parkvägen. Skyltar sätts
upp vid båda ändarna av sträckan, och bussarna stannar som vanligt vid hållplatsen Torget.</p></div>
<div class="sharing-highlight"><p>Den nya vägen blir bredare och får belysning hela vägen fram till
idrottsplatsen. Träd som måste tas ned ersätts med nya lindar när arbetet är klart i höst.</p></div>
</div></main></body></html>"""


def test_when_pruning_leaves_no_body_share_elements_with_paragraphs_are_kept() -> None:
    # A select-to-share plugin wraps every paragraph in "sharing-highlight": each holds a third of the
    # text, so the share guard lets all three go; the page is extracted again with the share rule
    # pruning only elements without paragraphs.
    body = _body(SHARE_QUOTES)
    assert "gång- och cykelvägen längs Ågatan" in body
    assert "nya lindar" in body


GALLERY = """<html lang="sv"><head><title>Bilder från invigningen</title></head><body>
<div id="cookie-notice"><p>Vi använder kakor för att förbättra din upplevelse av webbplatsen. Genom att
fortsätta godkänner du att vi använder kakor. Läs mer om hur vi hanterar personuppgifter och kakor
på sidan om dataskydd.</p><button>Godkänn</button></div>
<nav class="breadcrumb"><a href="/">Start</a> / <a href="/nyheter">Nyheter</a></nav>
<main><article><h1>Bilder från invigningen</h1><figure><img src="/a.jpg" alt=""></figure>
<div class="share-buttons"><a href="#">Dela på Facebook</a></div></article></main></body></html>"""


def test_a_cookie_banner_is_pruned_on_a_page_with_no_text_of_its_own() -> None:
    # The banner is all the text there is: it is still not the article, and the body stays empty.
    tree = parse_html(GALLERY)
    assert tree is not None
    assert sorted(rule for _, rule in prune_candidates(tree)) == ["breadcrumb", "cookie", "share"]
    assert extract_article(GALLERY.encode(), URL, FETCHED_AT).body is None


# trafilatura's output when the main text of a table-layout page is one <td>: the cell itself, with
# the paragraphs inside it (the shape it returned on a real news portal's page).
CELL_OUTPUT = """<body><cell valign="top" colspan="2">
<p>Ekeby kommun bygger om gång- och cykelvägen längs Ågatan under sommaren.</p>
<p>Under tiden leds cyklister om via Kvarngatan och Parkvägen.</p>
Bussarna stannar som vanligt vid hållplatsen Torget.
<div><p>Den nya vägen blir bredare.</p><p>Träd som tas ned ersätts med nya lindar.</p></div>
</cell></body>"""


def test_a_table_cell_as_the_main_text_gives_its_paragraphs() -> None:
    # The cell was skipped (only blocks and divs were read), and the page stored without a body.
    assert body_paragraphs(etree.fromstring(CELL_OUTPUT)) == [
        "Ekeby kommun bygger om gång- och cykelvägen längs Ågatan under sommaren.",
        "Under tiden leds cyklister om via Kvarngatan och Parkvägen.",
        "Bussarna stannar som vanligt vid hållplatsen Torget.",
        "Den nya vägen blir bredare.",
        "Träd som tas ned ersätts med nya lindar.",
    ]


def test_a_div_of_text_without_blocks_is_one_paragraph() -> None:
    output = "<body><div>Skyltar sätts upp <hi>vid båda ändarna</hi> av sträckan.</div></body>"
    assert body_paragraphs(etree.fromstring(output)) == ["Skyltar sätts upp vid båda ändarna av sträckan."]


def test_the_body_is_in_one_unicode_form() -> None:
    # Text pasted from some editors arrives decomposed ("a" + combining diaeresis): stored composed,
    # the same word is the same string for search and the quote rules.
    page = f"<html><body><article><h1>Ågatan byggs om</h1>{PARAGRAPHS}</article></body></html>"
    page = unicodedata.normalize("NFD", page)
    body = _body(page)
    assert "gång- och cykelvägen längs Ågatan" in body
    assert body == unicodedata.normalize("NFC", body)


# --- the hint words that dismiss most class values without splitting them -------------------


def test_rule_hints_are_words_every_match_contains() -> None:
    assert rule_hints([r"cookies?|cookie\w+|consent", r"\w*breadcrumbs?"]) == [
        "breadcrumb",
        "consent",
        "cookie",
    ]
    assert rule_hints(["google translate|goog te"]) == ["goog", "translate"]
    assert rule_hints(["share|sharebar|sharing"]) == ["share", "sharing"]  # "sharebar" contains "share"


def test_rule_hints_give_up_on_other_expressions() -> None:
    assert rule_hints(["share|(?:soc|med)ial"]) is None


def test_every_rule_has_hints() -> None:
    assert rule_hints(list(PRUNE_RULES.values())) is not None


@pytest.mark.parametrize(
    "value", ["ShareBar", "td-post_sharingBar", "COOKIE-notice", "mod_breadcrumbs", "goog-te-gadget"]
)
def test_values_with_capitals_still_match(value: str) -> None:
    assert prune_rule(value) is not None


@pytest.mark.parametrize("other_class", ["intro", "İntro"])  # "İ" lower-cases to two characters
def test_rules_find_their_elements_in_document_order_by_class_or_id(other_class: str) -> None:
    page = f"""<html><body><div class="{other_class}"><p>Ekeby kommun bygger om Ågatan i sommar.</p></div>
<div id="CookieBanner" class="popup">Vi använder kakor.</div>
<main><p>Arbetet börjar den 2 juni och beräknas vara klart i slutet av augusti.</p></main>
<div class="col-md-4 Share-Bar"><a href="#">Dela</a></div></body></html>"""
    tree = parse_html(page)
    assert tree is not None
    assert [(el.get("id") or el.get("class"), rule) for el, rule in prune_candidates(tree)] == [
        ("CookieBanner", "cookie"),
        ("col-md-4 Share-Bar", "share"),
    ]
