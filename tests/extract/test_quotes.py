"""extract_quotes on inline paragraphs: positives with speaker/role, and things that are never quotes."""

from __future__ import annotations

import pytest

from scraper.extract.quotes import extract_quotes


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


# --- issue 3: failure classes from the gold dev split -------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 1. attribution in the middle, the quote resumes after a full stop
        (
            ["– Det är bra att vi får en central, säger avfallschef Henrik Sjöberg. Nu kan vi börja."],
            ("Det är bra att vi får en central Nu kan vi börja.", "Henrik Sjöberg", "avfallschef"),
        ),
        # 1. ... or after a reply dash, with its own closing attribution
        (
            ["– Det är bra, säger Anna Berg. – Nu kan vi börja på riktigt, fortsätter hon."],
            ("Det är bra Nu kan vi börja på riktigt", "Anna Berg", None),
        ),
        # 2. split verb: the particle goes with the attribution
        (
            ["– Öppettiderna utökas till sju dagar i veckan, lägger Camilla Öberg till."],
            ("Öppettiderna utökas till sju dagar i veckan", "Camilla Öberg", None),
        ),
        # 3. a relative clause after the attribution describes the speaker
        (
            [
                "– Hallen bliver bygget, så den bruger mindre energi,"
                " fortæller skoleleder Jens Holm, der har siddet i udvalget."
            ],
            ("Hallen bliver bygget, så den bruger mindre energi", "Jens Holm", "skoleleder"),
        ),
    ],
)
def test_dev_failure_classes(paragraphs: list[str], expected: tuple) -> None:
    assert _one(paragraphs) == expected


def test_mid_quote_pronoun_attribution_is_cut_out() -> None:
    quotes = extract_quotes(
        [
            "– Det är bra att vi äntligen får en central, säger avfallschef Henrik Sjöberg.",
            "– Det här, säger han, är den största förändringen sedan matavfallet infördes.",
        ]
    )
    assert quotes[1].text == "Det här är den största förändringen sedan matavfallet infördes."
    assert (quotes[1].speaker, quotes[1].role) == ("Henrik Sjöberg", "avfallschef")


def test_split_verb_with_pronoun_and_genitive_role_from_mention() -> None:
    quotes = extract_quotes(
        [
            "Miljö- och byggnämndens ordförande Camilla Öberg (KD) tror på återbruket.",
            "– Folk vill laga och byta i stället för att slänga, säger Öberg.",
            "– Öppettiderna utökas till sju dagar i veckan från maj, lägger hon till.",
        ]
    )
    assert [(q.text, q.speaker, q.role) for q in quotes] == [
        (
            "Folk vill laga och byta i stället för att slänga",
            "Camilla Öberg",
            "Miljö- och byggnämndens ordförande (KD)",
        ),
        (
            "Öppettiderna utökas till sju dagar i veckan från maj",
            "Camilla Öberg",
            "Miljö- och byggnämndens ordförande (KD)",
        ),
    ]


@pytest.mark.parametrize(
    ("intro", "role"),
    [
        ("Lokalhistorikern Gunnel Ask har skrivit boken om hamnen.", "Lokalhistorikern"),
        (
            "Tekniska nämndens ordförande Gunnel Ask (S) ser satsningen som viktig.",
            "Tekniska nämndens ordförande (S)",
        ),
        ("Gunnel Ask, kulturchef i Norrvik, är glad över boken.", "kulturchef i Norrvik"),
    ],
)
def test_role_from_introducing_mention_is_carried(intro: str, role: str) -> None:
    quotes = extract_quotes([intro, "– Jag hoppas att boken hamnar i skolorna, säger Gunnel Ask."])
    assert [(q.speaker, q.role) for q in quotes] == [("Gunnel Ask", role)]


def test_age_after_name_is_not_a_role() -> None:
    quotes = extract_quotes(
        ['Margaret Doyle, 84, was among the first to move in. "I have my own front door now," she said.']
    )
    assert [(q.text, q.speaker, q.role) for q in quotes] == [
        ("I have my own front door now", "Margaret Doyle", None)
    ]


def test_pronoun_goes_to_person_mentioned_in_the_same_lead_in() -> None:
    quotes = extract_quotes(
        [
            "”Det här är ett beslut för våra barnbarn”, säger kommunstyrelsens ordförande Karin Ols (C).",
            "Lena Ek, miljöchef i Stormyra kommun, är också glad. Hon säger: ”Vi har inventerat området i tre år.”",
        ]
    )
    assert (quotes[1].speaker, quotes[1].role) == ("Lena Ek", "miljöchef i Stormyra kommun")


def test_english_quote_over_two_paragraphs() -> None:
    quotes = extract_quotes(
        [
            "Sarah O’Neill, head of libraries, said: “We know that many families rely on the mobile library.",
            "“The new van has a lift for wheelchair users and space for twice as many books.”",
        ]
    )
    assert [(q.speaker, q.role) for q in quotes] == [("Sarah O’Neill", "head of libraries")] * 2
    assert quotes[0].text == "We know that many families rely on the mobile library."


@pytest.mark.parametrize(
    "lead_in",
    [
        "Ward says the spaces are also about company:",
        "Ward told volunteers at the launch:",
        "Det säger Helen Ward och tillägger:",
    ],
)
def test_colon_lead_in_not_at_paragraph_end(lead_in: str) -> None:
    quotes = extract_quotes(
        [
            "“Nobody should have to choose between heating and eating,” says Cllr Helen Ward, cabinet member.",
            f"{lead_in} “For many older people, the worst part of winter is being alone all day.”",
        ]
    )
    assert [(q.speaker, q.role) for q in quotes][1] == ("Helen Ward", "cabinet member")


def test_intro_paragraph_with_words_between_verb_and_colon() -> None:
    quotes = extract_quotes(
        [
            "Sara Lind, projektledare på tekniska förvaltningen, förklarar varför bron inte kunde renoveras:",
            "– Fundamenten var i så dåligt skick att det hade blivit dyrare att laga.",
        ]
    )
    assert [(q.speaker, q.role) for q in quotes] == [("Sara Lind", "projektledare på tekniska förvaltningen")]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Kommunen skriver på sin webbplats: ”Biblioteket håller stängt hela juli i år.”"],
        # a surname never introduced before the lead-in names nobody the text knows
        ["Reed says the spaces are also about company: “Nobody should be alone all day.”"],
        ["Councillors said the plan was “a complete waste of public money” at the meeting."],
        ["Boken heter ”Hamnen som byggde staden” och ges ut i maj. ”Norrvik förr” kommer senare i år."],
    ],
)
def test_lead_in_without_a_named_person_is_not_a_quote(paragraphs: list[str]) -> None:
    assert extract_quotes(paragraphs) == []


def test_known_first_name_in_narrative_is_the_most_recent_mention() -> None:
    quotes = extract_quotes(
        [
            "In the interview Prince Harry spoke about his family, and about Prince Philip.",
            'Harry said he could not have left. "I was trapped, but I didn\'t know it," he said.',
        ]
    )
    assert [q.speaker for q in quotes] == ["Prince Harry"]


def test_unknown_name_before_the_verb_is_not_replaced_by_words_after_it() -> None:
    quotes = extract_quotes(
        [
            "Travellers must self-isolate, Transport Secretary Grant Shapps said on Thursday.",
            "Mr Fox said on Twitter: “The latest data means we need to change the list this week.”",
        ]
    )
    assert quotes == []


# --- a colon lead-in and the dash reply in one paragraph ---------------------------------------


def test_colon_lead_in_and_dash_in_the_same_paragraph() -> None:
    text, speaker, role = _one(
        [
            "Kulturchef Eva Strand på Sjöbodarna berättar: – Biblioteket har blivit en samlingsplats. "
            "Barnen kommer hit direkt efter skolan."
        ]
    )
    assert (speaker, role) == ("Eva Strand", "Kulturchef på Sjöbodarna")
    assert text.startswith("Biblioteket har blivit en samlingsplats.")
    assert text.endswith("direkt efter skolan.")


def test_colon_dash_paragraph_without_a_named_person_is_not_a_quote() -> None:
    assert extract_quotes(["Så här gör du: – Hämta nyckeln i receptionen innan du går till lokalen."]) == []


# --- a dash paragraph after a paragraph that introduces one person ------------------------------


def test_dash_paragraph_speaks_for_the_person_just_introduced() -> None:
    text, speaker, role = _one(
        [
            "Snöröjningen fortsätter hela helgen.",
            "Gatuchef Lars Viklund ber bilägare att flytta sina bilar.",
            "– Plogbilarna kommer inte fram när gatorna är fullparkerade. Ställ bilen på infartsparkeringen i stället.",
        ]
    )
    assert (speaker, role) == ("Lars Viklund", "Gatuchef")
    assert text.startswith("Plogbilarna kommer inte fram")


def test_dash_paragraph_after_introduction_continues_over_two_paragraphs() -> None:
    quotes = extract_quotes(
        [
            "Gatuchef Lars Viklund ber bilägare att flytta sina bilar.",
            "– Plogbilarna kommer inte fram när gatorna är fullparkerade i centrum.",
            "– Vi plogar huvudgatorna först och villagatorna sedan, oftast inom ett dygn.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Lars Viklund", "Lars Viklund"]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # a short dash line is a list item, not speech
        ["Gatuchef Lars Viklund har tre råd.", "– Flytta bilen i tid."],
        # not a full sentence
        [
            "Gatuchef Lars Viklund har några råd till bilägare",
            "– parkera på infartsparkeringen vid idrottsplatsen och ta bussen in",
        ],
        # two people introduced: whose words these are is not said
        [
            "Gatuchef Lars Viklund och miljöchef Karin Ek presenterade planen.",
            "– Plogbilarna kommer inte fram när gatorna är fullparkerade i centrum.",
        ],
        # a capitalised name without a role may be an organisation
        [
            "Planen har tagits fram tillsammans med Trafikverket Region Mitt.",
            "– Plogbilarna kommer inte fram när gatorna är fullparkerade i centrum.",
        ],
        # the introduction is not directly before the dash paragraph
        [
            "Gatuchef Lars Viklund ber bilägare att flytta sina bilar.",
            "Plogningen börjar klockan sex på morgonen.",
            "– Plogbilarna kommer inte fram när gatorna är fullparkerade i centrum.",
        ],
    ],
)
def test_dash_paragraph_without_a_clear_introduction_is_not_a_quote(paragraphs: list[str]) -> None:
    assert extract_quotes(paragraphs) == []
