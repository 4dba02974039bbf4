"""trafilatura's metadata guesses on demand, and its fallback cascade only where it can find more.

The guesses must be what ``trafilatura.extract_metadata`` returns for the three fields the archive
keeps; the cascade must run where the fast extraction kept little of the page and not elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from trafilatura.metadata import extract_metadata
from trafilatura.xpaths import AUTHOR_XPATHS

import scraper.extract.article as article_module
from scraper.extract.dates import htmldate_params
from scraper.extract.fallbacks import AUTHOR_HINT_WORDS, TrafilaturaGuesses, may_name_an_author
from scraper.extract.tree import parse_html

FETCHED_AT = "2026-03-20T08:00:00Z"
URL = "https://www.ekeby.example/nyheter/a"
PAGES = Path(__file__).resolve().parents[1] / "pages"

BYLINE_PAGE = """<html lang="sv"><head><title>Ny förskola i Ekeby</title></head><body>
<div class="post"><h2>Ny förskola i Ekeby</h2><span class="author-name">Anna Berg</span>
<p>Ekeby kommun öppnar en ny förskola vid Ågatan i augusti, med plats för åttio barn.</p>
<p>Publicerad 14 mars 2026</p></div></body></html>"""
NO_AUTHOR_PAGE = """<html lang="sv"><head><title>Ny förskola i Ekeby</title>
<meta property="og:title" content="Ny förskola i Ekeby"></head><body><div class="content">
<p>Ekeby kommun öppnar en ny förskola vid Ågatan i augusti, med plats för åttio barn.</p>
</div></body></html>"""


def _pages() -> list[tuple[str, str]]:
    pages = [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in sorted(PAGES.glob("*.html"))]
    return [*pages, ("byline", BYLINE_PAGE), ("no-author", NO_AUTHOR_PAGE)]


@pytest.mark.parametrize(("name", "page"), _pages(), ids=[name for name, _ in _pages()])
def test_guesses_are_trafilaturas_metadata(name: str, page: str) -> None:
    tree = parse_html(page)
    assert tree is not None
    params = htmldate_params(FETCHED_AT)
    expected = extract_metadata(tree, URL, params)
    guesses = TrafilaturaGuesses(tree, URL, params)
    assert (guesses.title, guesses.author, guesses.date) == (expected.title, expected.author, expected.date)


def test_byline_page_has_an_author_guess() -> None:
    tree = parse_html(BYLINE_PAGE)
    assert tree is not None
    assert TrafilaturaGuesses(tree, URL, htmldate_params(FETCHED_AT)).author == "Anna Berg"


def _literals(path: str) -> list[str]:
    """The alternatives of every quoted literal and regular expression in an XPath."""
    alternatives: list[str] = []
    for literal in re.findall(r"'([^']*)'", path):
        literal = re.sub(r"\[(\w)\w\]", r"\1", literal)  # "[Aa]uthor" -> "Author"
        alternatives += [re.sub(r"[\^()?:]", "", alt) for alt in literal.split("|")]
    return alternatives


def test_author_hint_covers_trafilaturas_author_xpaths() -> None:
    """Every attribute value trafilatura's author XPaths look for contains a hint word: the early
    out (no hint on the page, so no author) is exact only while this holds."""
    for xpath in AUTHOR_XPATHS:
        path = xpath.path
        assert set(re.findall(r"@([\w-]+)", path)) <= {
            "rel",
            "id",
            "class",
            "itemprop",
            "data-testid",
            "data-component",
        }
        for alternative in _literals(path):
            if alternative == "me":  # rel='me': a <rel> child, which the hint looks for as //rel
                continue
            assert any(word in alternative.lower() for word in AUTHOR_HINT_WORDS), alternative


def _count_bare_extractions(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    original = trafilatura.bare_extraction

    def counting(tree: Any, **options: Any) -> Any:
        calls.append(options)
        return original(tree, **options)

    monkeypatch.setattr(article_module.trafilatura, "bare_extraction", counting)
    return calls


ARTICLE = """<html lang="sv"><head><title>Ny förskola</title></head><body><main><h1>Ny förskola</h1>
<p>Ekeby kommun öppnar en ny förskola vid Ågatan i augusti, med plats för åttio barn i fyra
avdelningar. Förskolan byggs i trä och får en stor gård mot parken.</p>
<p>Under våren anställs personal, och ansökan till platserna öppnar den första april i kommunens
e-tjänst. Vårdnadshavare som redan står i kö behöver inte göra något.</p></main></body></html>"""


def test_fast_extraction_alone_when_it_keeps_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_bare_extractions(monkeypatch)
    article = article_module.extract_article(ARTICLE.encode(), URL, FETCHED_AT)
    assert article.body and "Ågatan" in article.body
    assert [c.get("fast") for c in calls] == [True]


def test_cascade_where_fast_extraction_keeps_little(monkeypatch: pytest.MonkeyPatch) -> None:
    # Most of the page's text is in a link-dense list the fast extraction drops.
    links = "".join(
        f'<li><a href="/l{i}">Länk nummer {i} till en annan sida på webbplatsen</a></li>' for i in range(80)
    )
    page = ARTICLE.replace("</main>", f"</main><div><ul>{links}</ul></div>")
    calls = _count_bare_extractions(monkeypatch)
    article_module.extract_article(page.encode(), URL, FETCHED_AT)
    assert [c.get("fast") for c in calls] == [True, None]


def test_author_search_skipped_only_without_hints() -> None:
    with_hint, without = parse_html(BYLINE_PAGE), parse_html(NO_AUTHOR_PAGE)
    assert with_hint is not None and without is not None
    assert may_name_an_author(with_hint) and not may_name_an_author(without)
