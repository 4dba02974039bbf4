"""Issue 10, sixth real set: a person a contact label names with no number or address written.

Kommun pages give "Kontaktperson: Name" on one line with no number (an information page, a release
pasted without its card). By the labelling rules that person is the article's contact. A name alone
anywhere else stays out: a bare name line under a contact heading is where a card was cut, in a block
that has numbers it is a fragment (a "next item" link), and editorial credits are not contacts. Fictional
municipality and people; the numbers are from PTS's ranges for fiction.
"""

from __future__ import annotations

from scraper.extract import extract_article

TEXT = (
    "<p>Tallvik kommun ger ut informationstidningen fyra gånger om året, och den delas ut till alla "
    "hushåll i kommunen med posten.</p>"
)


def _contacts(body: str) -> list[tuple[str | None, str | None, str | None]]:
    page = (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Nyhet</title></head><body>'
        f"<article><h1>Informationstidningen</h1>{TEXT}{body}</article></body></html>"
    ).encode()
    article = extract_article(page, "https://tallvik.test/nyheter/tidningen", "2026-05-04T09:00:00Z")
    return [(c.name, c.role, c.phone) for c in article.contacts]


def test_a_contact_label_naming_one_person_without_a_number() -> None:
    assert _contacts("<p>Kontaktperson: Sofia Lindgård</p>") == [("Sofia Lindgård", None, None)]


def test_a_contact_label_naming_a_person_and_a_title_on_one_line() -> None:
    assert _contacts("<p>Kontakt: Tomas Berglund, kommundirektör</p>") == [
        ("Tomas Berglund", "kommundirektör", None)
    ]


def test_editorial_credits_before_the_contact_label_are_not_contacts() -> None:
    body = (
        "<p>Redaktionen</p><p>Ansvarig utgivare: Hans Brink, Kommunchef<br>"
        "Redaktionskommitté: Johan Sör, Ulla Ek<br>Redaktör: Sofia Lindgård, Informatör</p>"
        "<p>Kontaktperson: Sofia Lindgård</p>"
    )
    assert _contacts(body) == [("Sofia Lindgård", None, None)]


def test_a_name_alone_in_a_block_with_numbers_is_not_a_contact() -> None:
    body = "<p>Kontakt: Sofia Lindgård, 070-174 06 23</p><p>Läs mer</p><p>Nästa nyhet: Anna Berglund</p>"
    assert [name for name, _, _ in _contacts(body)] == ["Sofia Lindgård"]
