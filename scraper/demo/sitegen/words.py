"""Word banks of the generated sites, per language: fictional place names and original sentences.

Every text a generated site shows is assembled here from small banks of words written for this
project (no real municipality's text), so a seed gives the same text on every machine.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

SYLLABLES_A = (
    "Ek",
    "Björ",
    "Lind",
    "Al",
    "Hag",
    "Sten",
    "Vik",
    "Ros",
    "Ås",
    "Myr",
    "Tall",
    "Sjö",
    "Häl",
    "Öd",
)
SYLLABLES_B = ("by", "vik", "sund", "torp", "holm", "dal", "berg", "ås", "strand", "lunda", "näs", "fors")
EN_A = ("Ash", "Brack", "Elm", "Fen", "Hart", "Kings", "Marsh", "Oak", "Red", "Thorn", "Wil", "Yarn")
EN_B = ("ford", "ley", "ham", "wick", "bury", "field", "stead", "mouth", "ton", "brook")


@dataclass(frozen=True)
class Language:
    code: str
    country: str
    suffix: str  # "kommun", "kommune", "District Council"
    months: tuple[str, ...]
    published: str  # label before a publication date
    updated: str  # label on a service page: "last updated"
    news: str  # section name
    news_slug: str
    next_text: str
    more_text: str  # "show more" button link
    widget_title: str
    home: str
    subjects: tuple[str, ...]
    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    tails: tuple[str, ...]
    # Non-news pages that look newsy: (slug, title) for events, FAQ, service pages, disruption notices.
    events: tuple[str, str]
    faq: tuple[str, str]
    service: tuple[str, str]
    disruptions: tuple[str, str]


SV = Language(
    "sv",
    "SE",
    "kommun",
    (
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "Publicerad",
    "Sidan senast uppdaterad",
    "Nyheter",
    "nyheter",
    "Nästa",
    "Visa fler",
    "Senaste nyheterna",
    "Startsida",
    (
        "Kommunen",
        "Biblioteket",
        "Fritidsgården",
        "Tekniska förvaltningen",
        "Socialnämnden",
        "Skolan i centrum",
        "Räddningstjänsten",
        "Kulturskolan",
    ),
    ("bjuder in till", "startar", "utreder", "bygger om", "planerar", "öppnar", "ser över", "inför"),
    (
        "en ny cykelväg",
        "samråd om detaljplanen",
        "sommarlovsaktiviteter",
        "lekparken vid torget",
        "vatten- och avloppsnätet",
        "en digital tjänst för bygglov",
        "badplatsen vid sjön",
        "läxhjälp",
    ),
    (
        "under våren.",
        "i samarbete med föreningarna.",
        "efter synpunkter från invånarna.",
        "i hela kommunen.",
        "med start i nästa vecka.",
        "för att förbättra servicen.",
    ),
    ("evenemang", "Evenemang i kommunen"),
    ("fragor-och-svar", "Frågor och svar"),
    ("hemtjanst", "Hemtjänst"),
    ("driftinformation", "Driftinformation"),
)
NB = Language(
    "nb",
    "NO",
    "kommune",
    (
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ),
    "Publisert",
    "Sist oppdatert",
    "Nyheter",
    "aktuelt",
    "Neste",
    "Vis flere",
    "Siste nytt",
    "Forsiden",
    (
        "Kommunen",
        "Biblioteket",
        "Ungdomsklubben",
        "Teknisk etat",
        "Helse og omsorg",
        "Barneskolen",
        "Brannvesenet",
        "Kulturskolen",
    ),
    ("inviterer til", "starter", "utreder", "bygger om", "planlegger", "åpner", "vurderer", "innfører"),
    (
        "en ny sykkelvei",
        "høring om reguleringsplanen",
        "sommeraktiviteter",
        "lekeplassen ved torget",
        "vann- og avløpsnettet",
        "en digital byggesakstjeneste",
        "badeplassen ved vannet",
        "leksehjelp",
    ),
    (
        "i løpet av våren.",
        "sammen med lagene.",
        "etter innspill fra innbyggerne.",
        "i hele kommunen.",
        "fra neste uke.",
        "for å gi bedre service.",
    ),
    ("arrangementer", "Arrangementer"),
    ("sporsmal-og-svar", "Spørsmål og svar"),
    ("hjemmetjenester", "Hjemmetjenester"),
    ("driftsmeldinger", "Driftsmeldinger"),
)
DA = Language(
    "da",
    "DK",
    "Kommune",
    (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "Publiceret",
    "Senest opdateret",
    "Nyheder",
    "nyheder",
    "Næste",
    "Vis flere",
    "Seneste nyheder",
    "Forside",
    (
        "Kommunen",
        "Biblioteket",
        "Klubben",
        "Teknik og Miljø",
        "Ældreplejen",
        "Skolen",
        "Beredskabet",
        "Musikskolen",
    ),
    ("inviterer til", "starter", "undersøger", "bygger om", "planlægger", "åbner", "gennemgår", "indfører"),
    (
        "en ny cykelsti",
        "høring om lokalplanen",
        "sommerferieaktiviteter",
        "legepladsen ved torvet",
        "kloaknettet",
        "en digital byggesagsløsning",
        "badestranden",
        "lektiehjælp",
    ),
    (
        "i løbet af foråret.",
        "sammen med foreningerne.",
        "efter input fra borgerne.",
        "i hele kommunen.",
        "fra næste uge.",
        "for at give bedre service.",
    ),
    ("arrangementer", "Arrangementer"),
    ("spoergsmaal-og-svar", "Spørgsmål og svar"),
    ("hjemmepleje", "Hjemmepleje"),
    ("driftsinformation", "Driftsinformation"),
)
EN = Language(
    "en",
    "GB",
    "District Council",
    (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "Published",
    "Last updated",
    "News",
    "news",
    "Next",
    "Show more",
    "Latest news",
    "Home",
    (
        "The council",
        "The library",
        "The youth centre",
        "Highways",
        "Adult social care",
        "The primary school",
        "The fire service",
        "The music service",
    ),
    ("invites views on", "launches", "reviews", "rebuilds", "plans", "opens", "consults on", "introduces"),
    (
        "a new cycle path",
        "the local plan",
        "summer holiday activities",
        "the play area by the market",
        "the drainage network",
        "an online planning service",
        "the lakeside beach",
        "homework clubs",
    ),
    (
        "this spring.",
        "with local groups.",
        "after feedback from residents.",
        "across the district.",
        "from next week.",
        "to improve services.",
    ),
    ("whats-happening", "What's happening"),
    ("faq", "Frequently asked questions"),
    ("home-care", "Home care"),
    ("service-status", "Service status"),
)
LANGUAGES = {lang.code: lang for lang in (SV, NB, DA, EN)}


def place_name(rng: random.Random, lang: Language) -> str:
    if lang.code == "en":
        return rng.choice(EN_A) + rng.choice(EN_B)
    return rng.choice(SYLLABLES_A) + rng.choice(SYLLABLES_B)


def sentence(rng: random.Random, lang: Language) -> str:
    return f"{rng.choice(lang.subjects)} {rng.choice(lang.verbs)} {rng.choice(lang.objects)} {rng.choice(lang.tails)}"


def paragraph(rng: random.Random, lang: Language, sentences: int) -> str:
    return " ".join(sentence(rng, lang) for _ in range(sentences))


def title(rng: random.Random, lang: Language, n: int) -> str:
    """A headline; ``n`` keeps headlines of one site distinct."""
    obj = rng.choice(lang.objects)
    return f"{rng.choice(lang.subjects)} {rng.choice(lang.verbs)} {obj} ({n})"


def format_date(day: date, lang: Language, style: str) -> str:
    """A date as the site shows it: ``iso`` 2026-03-05, ``long`` 5 mars 2026 / 5. mars 2026 / 5 March 2026,
    ``numeric`` 05.03.2026 (nb/da) or 2026-03-05, ``us`` March 5, 2026 (en) or long."""
    month = lang.months[day.month - 1]
    if style == "iso":
        return day.isoformat()
    if style == "numeric" and lang.code in ("nb", "da"):
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if style == "us" and lang.code == "en":
        return f"{month} {day.day}, {day.year}"
    if style in ("long", "us", "numeric") and lang.code in ("nb", "da"):
        return f"{day.day}. {month} {day.year}"
    if style == "numeric":
        return day.isoformat()
    return f"{day.day} {month} {day.year}"
