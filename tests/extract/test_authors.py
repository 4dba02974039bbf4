"""The byline's person, whichever of the markups the page uses (fictional Ekeby kommun pages)."""

from __future__ import annotations

import pytest

from scraper.extract.metadata import extract_author
from scraper.extract.tree import parse_html

TEXT = "<p>Ekeby kommun bygger en ny förskola i centrum; bygget börjar efter sommaren.</p>"


def _author(markup: str) -> str | None:
    tree = parse_html(f"<html><body><main><article>{markup}{TEXT}</article></main></body></html>")
    assert tree is not None
    return extract_author(tree)


@pytest.mark.parametrize(
    ("markup", "author"),
    [
        ('<span class="entry-author  author vcard"><span class="fn">Karin Holm</span></span>', "Karin Holm"),
        ('<p>Av <a rel="author" href="/om/karin">Karin Holm</a></p>', "Karin Holm"),
        ('<div class="post-byline">Karin Holm</div>', "Karin Holm"),
        # A class that only contains the word is not the author token; the fn must sit inside it.
        ('<span class="coauthors"><span class="fn">Karin Holm</span></span>', None),
        ('<span class="fn">Karin Holm</span><span class="author">Redaktionen</span>', None),
        # Two markups: the first in document order wins.
        (
            '<div class="byline">Per Lind</div><span class="author"><span class="fn">Karin Holm</span></span>',
            "Per Lind",
        ),
        (
            '<span class="author"><span class="fn">Karin Holm</span></span><div class="byline">Per Lind</div>',
            "Karin Holm",
        ),
        ("<p>Inget namn här.</p>", None),
    ],
)
def test_byline_markup(markup: str, author: str | None) -> None:
    assert _author(markup) == author
