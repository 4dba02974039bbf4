"""Quote and speaker forms seen on real Norwegian (nynorsk), Danish and English pages of the issue 10
evaluation set, each on a page written for it: fictional people, places and sentences.
"""

from __future__ import annotations

import html

from scraper.extract import extract_article

FETCHED_AT = "2026-05-04T09:00:00Z"


def _quotes(paragraphs: list[str], lang: str) -> list[tuple[str, str | None, str | None]]:
    body = "".join("<p>" + html.escape(p) + "</p>" for p in paragraphs)
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Nytt</title></head>'
        f"<body><article><h1>Nytt frå kommunen</h1>{body}</article></body></html>"
    ).encode()
    country = {"nb": "NO", "nn": "NO", "da": "DK", "en": "GB"}[lang]
    article = extract_article(page, "https://fjellvik.test/nytt/1", FETCHED_AT, country=country)
    return [(q.text, q.speaker, q.role) for q in article.quotes]


def test_nynorsk_attribution_in_the_next_paragraph_with_seir_and_svarar_ordføraren() -> None:
    quotes = _quotes(
        [
            "– No er vi endeleg i gang med den nye brua over elva.",
            "Det seir Fjellvik-ordførar Kari Dal etter at kommunestyret sa ja til planen torsdag.",
            "– Korleis trur du folk i bygda tek imot dette?",
            "– Eg trur dei fleste har venta lenge på ei løysing, og no får dei ho, svarar ordføraren.",
        ],
        "nn",
    )
    assert [(speaker, role) for _, speaker, role in quotes] == [
        ("Kari Dal", "Fjellvik-ordførar"),
        ("Kari Dal", "Fjellvik-ordførar"),
    ]
    assert quotes[0][0] == "No er vi endeleg i gang med den nye brua over elva."


def test_role_only_attribution_in_nynorsk_finds_the_bokmål_title() -> None:
    # "ordføraren" (nynorsk -ar) means the person the text called "ordfører" (bokmål -er)
    quotes = _quotes(
        [
            "Ordfører Per Aune opna den nye gangbrua på laurdag saman med elevane frå skulen.",
            "– Dette er ein dag vi har gleda oss til lenge, seier ordføraren.",
        ],
        "nn",
    )
    assert [speaker for _, speaker, _ in quotes] == ["Per Aune"]


def test_a_clause_after_the_attribution_saying_when_is_not_quote_text() -> None:
    quotes = _quotes(
        [
            "Aavig Kommune tog første spadestik til den nye svømmehal ved havnen i går.",
            "- Det er det største byggeri i kommunens historie, konstaterede borgmester H. P. Lund (V), "
            "da det blev hans tur til at tale.",
            "- Hallen bliver et samlingspunkt for hele byen, tilføjede han.",
        ],
        "da",
    )
    assert quotes == [
        ("Det er det største byggeri i kommunens historie", "H. P. Lund", "borgmester (V)"),
        ("Hallen bliver et samlingspunkt for hele byen", "H. P. Lund", "borgmester (V)"),
    ]


def test_mr_and_a_surname_after_a_participle_phrase_resolve_to_the_full_name() -> None:
    quotes = _quotes(
        [
            "Planners at Northby Borough Council approved resident Tom Hartley’s scheme for six "
            "homes on the old dairy site.",
            "Speaking after, Mr Hartley said: “We have waited a long time for this and the village "
            "will be better for it.”",
        ],
        "en",
    )
    assert [(speaker, role) for _, speaker, role in quotes] == [("Tom Hartley", None)]


def test_reported_speech_with_a_scare_quote_then_adding_a_quote() -> None:
    quotes = _quotes(
        [
            "Councillors on the planning panel agreed the library extension in Northby on Tuesday.",
            "Coun Ruth Oakes said it was a “sensible scheme”, adding: “Families in the north of the town "
            "have asked for this for years.”",
        ],
        "en",
    )
    # the scare quote is not a quote; the added one is, with the lead's speaker
    assert quotes == [
        ("Families in the north of the town have asked for this for years.", "Ruth Oakes", "Councillor")
    ]


def test_a_role_written_before_said_without_a_comma_ends_before_the_verb() -> None:
    quotes = _quotes(
        [
            "Northby Borough Council has agreed plans for a new library in the town centre.",
            "Councillor Jo Penn, cabinet member for housing at Northby Borough Council said: “This is a "
            "big step for families in the town.”",
        ],
        "en",
    )
    assert [(speaker, role) for _, speaker, role in quotes] == [
        ("Jo Penn", "cabinet member for housing at Northby Borough Council")
    ]


def test_said_cllr_name_comma_cabinet_member_for() -> None:
    quotes = _quotes(
        [
            "Northby Borough Council has agreed plans for a new library in the town centre.",
            "“This is a big step for families in the north of the town,” said Cllr Jo Penn, cabinet "
            "member for housing.",
        ],
        "en",
    )
    assert [(speaker, role) for _, speaker, role in quotes] == [("Jo Penn", "cabinet member for housing")]


def test_norwegian_relative_clause_after_the_name_gives_the_title() -> None:
    quotes = _quotes(
        [
            "Fjellvik kommune bygger ny barnehage på Nordre Sletta etter vedtaket i går.",
            "– Dette har vi jobbet for i mange år, forteller Kari Dal, som er enhetsleder for barnehagene.",
            "«Vi gleder oss veldig til å åpne dørene for de første barna», uttaler ordfører Per Aune (Sp).",
        ],
        "nb",
    )
    assert [(speaker, role) for _, speaker, role in quotes] == [
        ("Kari Dal", "enhetsleder for barnehagene"),
        ("Per Aune", "ordfører (Sp)"),
    ]


def test_a_when_clause_right_after_the_name_is_not_part_of_the_attribution() -> None:
    quotes = _quotes(
        [
            "Fjellvik kommune fikk prisen for årets beste lokale næringsarbeid i Oslo i går.",
            "– Dette er en takk til alle som har stått på for bygda vår i mange år, sa Fjellvik-ordfører "
            "Kari Dal da hun tok imot prisen fra Næringsforeningen i Sør (NIS).",
        ],
        "nb",
    )
    # the organisation's abbreviation in the clause is no party mark
    assert [(speaker, role) for _, speaker, role in quotes] == [("Kari Dal", "Fjellvik-ordfører")]


def test_a_source_label_before_a_dash_reply_that_names_its_own_speaker() -> None:
    quotes = _quotes(
        [
            "Fjellvikposten: – Avtalen var dyr, men alternativet ville kostet oss mer, seier ordførar Per Aune (Sp)."
        ],
        "nn",
    )
    assert [(speaker, role) for _, speaker, role in quotes] == [("Per Aune", "ordførar (Sp)")]


def test_a_pronoun_never_stands_for_a_place_named_like_a_person() -> None:
    quotes = _quotes(
        [
            "Wenna Greaves has been left waiting by the long closure of Marlow Park in Kiln Road, "
            "Northby, despite its makeover.",
            "She said: “My children have waited all year to use the new playground there.”",
        ],
        "en",
    )
    # "Marlow Park" / "Kiln Road" are places ("park", "road" end them); the weak sentence-opening
    # name is not resolved either, so no speaker is better than a place
    assert not {speaker for _, speaker, _ in quotes} & {"Marlow Park", "Kiln Road"}


def test_argued_is_an_attribution_verb() -> None:
    quotes = _quotes(
        [
            "Northby Borough Council voted for the new riverside park after a long debate last night.",
            "“This is an investment in the health of every family in the town,” argued Councillor Jo Penn.",
        ],
        "en",
    )
    assert [speaker for _, speaker, _ in quotes] == ["Jo Penn"]
