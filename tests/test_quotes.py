"""extract_quotes on inline paragraphs: positives with speaker/role, and things that are never quotes."""

from __future__ import annotations

import pytest

from scraper.extract.quotes import extract_quotes, split_role_name


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


def _one(paragraphs: list[str]) -> tuple[str, str | None, str | None]:
    (quote,) = extract_quotes(paragraphs)
    return quote.text, quote.speaker, quote.role


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ["– Det ska bli intressant att se vad som händer, säger kommunchef Kristofer Svensson."],
            ("Det ska bli intressant att se vad som händer", "Kristofer Svensson", "kommunchef"),
        ),
        (
            ["− Vi har väntat länge på det här beslutet, berättar Anna Berg, rektor på Solbacka skola."],
            ("Vi har väntat länge på det här beslutet", "Anna Berg", "rektor på Solbacka skola"),
        ),
        (
            ["— Jag tror att det blir bra för alla, menar kommunalrådet Per Lund (M)."],
            ("Jag tror att det blir bra för alla", "Per Lund", "kommunalrådet (M)"),
        ),
        (
            ["-Vi kommer att följa upp arbetet noga, konstaterar miljöchef Lena Ek."],
            ("Vi kommer att följa upp arbetet noga", "Lena Ek", "miljöchef"),
        ),
        (
            ["– Varför skulle vi vänta längre med det? frågar Lena Ek, miljöchef."],
            ("Varför skulle vi vänta längre med det?", "Lena Ek", "miljöchef"),
        ),
        (
            ["Anna Berg, rektor, berättar:", "– Eleverna har längtat efter det här i flera år."],
            ("Eleverna har längtat efter det här i flera år.", "Anna Berg", "rektor"),
        ),
        (
            ["Så här säger rektor Anna Berg:", "– Eleverna har längtat efter det här i flera år."],
            ("Eleverna har längtat efter det här i flera år.", "Anna Berg", "rektor"),
        ),
        (
            ["”Vi är mycket glada över beslutet”, säger Lena Ek, miljöchef i Hemlunda kommun."],
            ("Vi är mycket glada över beslutet", "Lena Ek", "miljöchef i Hemlunda kommun"),
        ),
        (
            ["»Det här är en viktig dag för byn«, säger Per Lund."],
            ("Det här är en viktig dag för byn", "Per Lund", None),
        ),
        (
            ['"This is great news for residents," said Cllr Jane Smith, Leader of the Council.'],
            ("This is great news for residents", "Jane Smith", "Leader of the Council"),
        ),
        (
            [
                "Councillor Tom Reed, cabinet member for housing, said: "
                '"We have listened to tenants and acted."'
            ],
            ("We have listened to tenants and acted.", "Tom Reed", "cabinet member for housing"),
        ),
        (
            ["“We will not stop here, not while families wait,” Tom Reed said."],
            ("We will not stop here, not while families wait", "Tom Reed", None),
        ),
        (
            ["– Det blir en bra dag for bygda vår, sier ordfører Kari Nilsen."],
            ("Det blir en bra dag for bygda vår", "Kari Nilsen", "ordfører"),
        ),
        (
            ["– Vi glæder os meget til at komme i gang, siger borgmester Søren Holm."],
            ("Vi glæder os meget til at komme i gang", "Søren Holm", "borgmester"),
        ),
    ],
)
def test_single_quote(paragraphs: list[str], expected: tuple) -> None:
    assert _one(paragraphs) == expected


def test_pronoun_follow_up_resolves_to_last_speaker() -> None:
    quotes = extract_quotes(
        [
            "– Det ska bli intressant att se, säger kommunchef Kristofer Svensson.",
            "Han har arbetat i kommunen sedan 2015.",
            "– Jag hoppas att många vill vara med, förklarar han.",
        ]
    )
    assert [(q.speaker, q.role) for q in quotes] == [("Kristofer Svensson", "kommunchef")] * 2


def test_pronoun_resolves_to_person_mentioned_in_text() -> None:
    quotes = extract_quotes(
        [
            "Fritidschef Tobias Nyqvist ser fram emot hösten.",
            "– Vi får äntligen fler tider i hallen, säger han.",
        ]
    )
    assert [(q.speaker, q.role) for q in quotes] == [("Tobias Nyqvist", "Fritidschef")]


def test_surname_only_resolves_to_full_name() -> None:
    quotes = extract_quotes(
        [
            '"We are delighted with the result," said Cllr Jane Smith, Leader of the Council.',
            'Smith added: "We will keep working with partners."',
        ]
    )
    assert [q.speaker for q in quotes] == ["Jane Smith", "Jane Smith"]


def test_adjacent_dash_paragraph_continues_speaker() -> None:
    quotes = extract_quotes(
        [
            "– Det här är en historisk dag för hela kommunen, säger Anna Berg.",
            "– Vi har arbetat för det här i över tio år och nu är vi äntligen i mål.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Anna Berg", "Anna Berg"]


def test_non_adjacent_dash_paragraph_is_not_a_quote() -> None:
    quotes = extract_quotes(
        [
            "– Det här är en historisk dag för hela kommunen, säger Anna Berg.",
            "Beslutet fattades i tisdags.",
            "– Ansökan ska lämnas in senast den första april i år via e-tjänsten.",
        ]
    )
    assert len(quotes) == 1


def test_attribution_mid_quote() -> None:
    assert _one(["– Det här, säger Anna Berg, är viktigt för oss alla."]) == (
        "Det här är viktigt för oss alla.",
        "Anna Berg",
        None,
    )


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Öppettider:", "– tisdagar 10–12", "– torsdagar 13–16"],
        ["– mars: förkultivering\n– maj: utplantering\n– september: skörd"],
        ["Skolan deltar i satsningen ”Grön skola” sedan i höstas."],
        ["Boken ”Odla med barn i alla åldrar” har varit ett stöd i planeringen."],
        ["”Kan jag lämna tillbaka böcker i bussen?” Ja, det går bra."],
        ["– Ansökan ska lämnas in senast den första april."],
        ["– Kort rad, säger."],
        ['The council calls the scheme "Better Streets" and it starts in May.'],
        ["Många tycker att det är bra."],
        ["”Bra”, säger Anna Berg."],
    ],
)
def test_not_quotes(paragraphs: list[str]) -> None:
    assert extract_quotes(paragraphs) == []


def test_dash_list_after_quote_does_not_inherit_speaker() -> None:
    quotes = extract_quotes(["– Vi är mycket glada över det här, säger Anna Berg.", "– tisdagar 10–12"])
    assert len(quotes) == 1


def test_positions_are_in_order() -> None:
    quotes = extract_quotes(
        [
            "– Första citatet är här nu, säger Anna Berg.",
            "Text.",
            "– Andra citatet är här nu, säger Per Lund.",
        ]
    )
    assert [q.position for q in quotes] == [0, 1]
