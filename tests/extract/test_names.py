"""Names and roles on strings: split_role_name and the title, unit and organisation predicates."""

from __future__ import annotations

import pytest

from scraper.extract.names import (
    has_unit_word,
    is_apposition_role,
    is_organisation_name,
    is_role_line,
    is_role_word,
    looks_like_name,
    split_role_name,
    split_unit,
    with_party,
)


@pytest.mark.parametrize(
    ("attribution", "expected"),
    [
        ("kommunchef Kristofer Svensson", ("Kristofer Svensson", "kommunchef")),
        ("Kommunchef Kristofer Svensson", ("Kristofer Svensson", "Kommunchef")),
        ("Lena Ek, miljöchef i Hemlunda kommun", ("Lena Ek", "miljöchef i Hemlunda kommun")),
        (
            "kommunstyrelsens ordförande Anna Lindqvist (S)",
            ("Anna Lindqvist", "kommunstyrelsens ordförande (S)"),
        ),
        ("Vik. oppositionsråd Janne Jansson", ("Janne Jansson", "Vik. oppositionsråd")),
        ("Anna Berg, rektor", ("Anna Berg", "rektor")),
        ("Cllr Jane Smith, Leader of the Council", ("Jane Smith", "Leader of the Council")),
        ("Councillor Tom Reed, cabinet member for housing", ("Tom Reed", "cabinet member for housing")),
        ("Cllr Jane Smith", ("Jane Smith", "Councillor")),
        ("Elsa, som går i klass 4B", ("Elsa", None)),
        ("eleverna på skolan", (None, None)),
        ("Michael Lopez, 52", ("Michael Lopez", None)),
        ("Mr Grant Holt", ("Grant Holt", None)),
        (
            "Ann Lee, a professor of engineering who directs the lab",
            ("Ann Lee", "a professor of engineering"),
        ),
    ],
)
def test_split_role_name(attribution: str, expected: tuple) -> None:
    assert split_role_name(attribution) == expected


def test_workplace_after_the_name_goes_with_the_role() -> None:
    assert split_role_name("Kulturchef Eva Strand på Sjöbodarna") == (
        "Eva Strand",
        "Kulturchef på Sjöbodarna",
    )


@pytest.mark.parametrize("token", ["kommunchef", "Rektorn", "förvaltningschefen", "ordförande", "rektor."])
def test_titles_are_role_words(token: str) -> None:
    assert is_role_word(token)


@pytest.mark.parametrize("token", ["Anna", "Berg", "kommun", "säger"])
def test_names_and_plain_words_are_not_role_words(token: str) -> None:
    assert not is_role_word(token)


def test_a_name_is_one_to_four_capitalised_tokens_without_a_title() -> None:
    assert looks_like_name(["Anna", "Berg"])
    assert looks_like_name(["Sarah", "O'Neill"])
    assert not looks_like_name([])
    assert not looks_like_name(["anna", "berg"])
    assert not looks_like_name(["Rektor", "Anna"])
    assert not looks_like_name(["A", "B", "C", "D", "E"])


def test_the_party_goes_into_the_role_never_the_name() -> None:
    assert with_party("Anna Lindqvist", "ordförande", "S") == ("Anna Lindqvist", "ordförande (S)")
    assert with_party("Anna Lindqvist", None, "S") == ("Anna Lindqvist", "(S)")
    assert with_party("Anna Lindqvist", "ordförande", None) == ("Anna Lindqvist", "ordförande")


def test_an_apposition_role_has_a_title_and_no_digits() -> None:
    assert is_apposition_role("miljöchef i Stormyra kommun")
    assert not is_apposition_role("52")
    assert not is_apposition_role("som går i klass 4B")


def test_a_role_line_names_no_person() -> None:
    assert is_role_line("vd, Norrsunds Energi")
    assert is_role_line("Rektor")
    assert not is_role_line("Tomas Berglund")
    assert not is_role_line("")


def test_unit_words_and_organisation_names() -> None:
    assert has_unit_word("Björkbacka skola")
    assert not has_unit_word("lärare")


@pytest.mark.parametrize(
    "text",
    [
        "Björkbackaskolan",
        "Socialförvaltningen i Hemlunda",
        "Hemlunda kommuns växel",
        "Kulturenheten",
        "Norrsunds Energi AB",
        "Parks team",
        "Customer Services",
        "Teknik- og Miljøforvaltningen",
    ],
)
def test_a_unit_word_counts_alone_or_as_the_head_of_a_compound(text: str) -> None:
    assert has_unit_word(text)


@pytest.mark.parametrize(
    "text",
    [
        "presskommunikatör",
        "Kommunikationschef Vera Holm",
        "enhetschef",
        "Councillor Tamsin Greaves",
        "kommunalråd",
        "skolchef Arvid Nord",
        "Regionråd Ebba Lunn",
        "kontorschef",
    ],
)
def test_a_unit_word_inside_another_word_is_no_unit(text: str) -> None:
    # "kommun" inside "presskommunikatör", "council" inside "Councillor": a title, not a unit
    assert not has_unit_word(text)
    assert is_organisation_name("Norrsunds Energi")
    assert is_organisation_name("Vatten & Avfall")
    assert not is_organisation_name("ringer om bygglov")


def test_split_unit_puts_the_unit_parts_in_the_organisation() -> None:
    assert split_unit("lärare, Björkbacka skola") == ("lärare", "Björkbacka skola")
    assert split_unit("vd, Norrsunds Energi") == ("vd", "Norrsunds Energi")
    assert split_unit("rektor") == ("rektor", None)
    assert split_unit(None) == (None, None)


def test_an_english_residence_after_the_name_is_no_role_and_an_honorific_no_title() -> None:
    assert split_role_name("Leading campaigner Professor Ada Quell, of Mill Lane, Northby") == (
        "Ada Quell",
        "Leading campaigner",
    )
    assert split_role_name("Ada Quell, of Mill Lane") == ("Ada Quell", None)
