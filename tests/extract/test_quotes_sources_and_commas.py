"""Issue 10 (quotes10): attribution classes seen on a second set of real municipal texts, each on
text written for it (fictional people and municipalities)."""

from __future__ import annotations

import html

from scraper.extract import extract_article

FETCHED_AT = "2026-05-04T09:00:00Z"


def _quotes(paragraphs: list[str], lang: str = "sv") -> list[tuple[str, str | None, str | None]]:
    country = {"nb": "NO", "da": "DK", "en": "GB"}.get(lang, "SE")
    body = "".join("<p>" + html.escape(p) + "</p>" for p in paragraphs)
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Nyhet</title></head>'
        f"<body><article><h1>Nyhet från kommunen</h1>{body}</article></body></html>"
    ).encode()
    article = extract_article(page, "https://norrmora.test/nyheter/7", FETCHED_AT, country=country)
    return [(q.text, q.speaker, q.role) for q in article.quotes]


def test_a_source_after_a_first_name_is_not_the_speaker() -> None:
    quotes = _quotes(
        [
            "Fritidschefen Lena Ståhlberg börjar i Norrmora kommun i mars, skriver Norrmora Tidning.",
            "– Jag vill gärna börja med att lyssna på personalen och föreningarna, som vet mest om hur"
            " det fungerar, uppger Lena enligt Norrmora Tidning.",
        ]
    )
    assert [speaker for _, speaker, _ in quotes] == ["Lena Ståhlberg"]


def test_the_interviewer_named_before_said_is_not_the_speaker() -> None:
    quotes = _quotes(
        [
            "The new leader of Wexmoor Council has promised to listen to tenants.",
            "Cllr Priya Holt speaking to Wexmoor Post reporter Dan Ferris at the civic centre today said:"
            " “We have listened to tenants for months and now we will act on what they told us.”",
        ],
        "en",
    )
    assert [speaker for _, speaker, _ in quotes] == ["Priya Holt"]


def test_a_speech_verb_without_the_comma_before_it_ends_the_quote_nynorsk() -> None:
    quotes = _quotes(
        [
            "Varaordførar Tone Vikdal (Sp) i Nordvåg kommune er nøgd med vedtaket i kommunestyret.",
            "– Vi har fått til mykje saman dette året, og eg trur vi står sterkare som ein kommune enn"
            " kvar for oss seier Vikdal.",
        ],
        "nb",
    )
    assert [(text, speaker) for text, speaker, _ in quotes] == [
        (
            "Vi har fått til mykje saman dette året, og eg trur vi står sterkare som ein kommune enn kvar for oss",
            "Tone Vikdal",
        )
    ]


def test_a_speech_verb_without_the_comma_mid_paragraph_with_role_after_the_name() -> None:
    quotes = _quotes(
        [
            "Kommunen lägger ner nämnden. - Vi måste snabbt få kontroll över kostnaderna för att slippa"
            " en ny kris säger Hanna Lindqvist, kommunstyrelsens ordförande i Norrmora.",
        ]
    )
    assert [(speaker, role) for _, speaker, role in quotes] == [
        ("Hanna Lindqvist", "kommunstyrelsens ordförande i Norrmora")
    ]


def test_a_speech_verb_inside_the_quote_with_no_name_after_it_is_not_an_attribution() -> None:
    quotes = _quotes(
        [
            "Skolan i Norrmora får nya lokaler till hösten.",
            "– Det är som min farmor säger om det mesta. Man ska inte ge upp, även när det är svårt.",
        ]
    )
    assert quotes == []


def test_a_quoted_continuation_with_the_full_stop_outside_the_mark_keeps_the_running_speaker() -> None:
    quotes = _quotes(
        [
            "Ved middagen i Havnby blev Jens Kolding bedt om at byde velkommen til de mange gæster.",
            "“Vi skal have en lang og god eftermiddag sammen, så husk nu at spise og drikke godt"
            " undervejs”, sagde Jens Kolding.",
            "Det kan blive en lang dag for mange.",
            "“Og vi skal jo snart have cykelløbet til byen. Med masser af tilskuere på torvet. Skål med"
            " jer alle”.",
        ],
        "da",
    )
    assert [speaker for _, speaker, _ in quotes] == ["Jens Kolding", "Jens Kolding"]
    assert quotes[1][0].startswith("Og vi skal jo snart have cykelløbet")


def test_a_quote_then_said_ending_the_paragraph_with_a_comma_opens_a_multi_paragraph_statement() -> None:
    quotes = _quotes(
        [
            "Councillor Rhona Beck was elected leader of Wexmoor County Council this week.",
            "“Our first job will be to keep the libraries and the bus routes open for every village,” she said,",
            "“But money will stay tight for years and some services will have to change the way they work.",
            "“The council is ready for that and we will face it with the people we serve.”",
        ],
        "en",
    )
    assert [speaker for _, speaker, _ in quotes] == ["Rhona Beck"] * 3
    assert quotes[0][0].startswith("Our first job will be")


def test_a_title_and_full_name_as_the_label_of_a_dash_reply_is_the_speaker() -> None:
    quotes = _quotes(
        [
            "Fullmäktige i Norrmora sa ja till den nya cykelbanan längs ån på måndagen.",
            "Cykelföreningens ordförande Sara Holmqvist: – Jag är så glad över beslutet! Nu kan barnen"
            " cykla säkert till skolan hela året.",
        ]
    )
    assert [(speaker, role) for _, speaker, role in quotes] == [
        ("Sara Holmqvist", "Cykelföreningens ordförande")
    ]


def test_a_label_that_names_no_person_before_a_dash_is_not_a_speaker() -> None:
    quotes = _quotes(
        [
            "Fullmäktige i Norrmora sa ja till den nya cykelbanan längs ån på måndagen.",
            "Så här gick det till: – Först kom förslaget, sedan kom pengarna och nu kommer cykelbanan till byn.",
        ]
    )
    assert quotes == []
