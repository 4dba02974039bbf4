"""Word lists, labels and thresholds used by the extractors — data only, no logic.

How these were chosen: from reading Swedish municipal news pages (SiteVision and WordPress
templates), Norwegian/Danish kommune pages and UK council press releases, plus the fictional
fixtures in ``tests/pages/`` that stand in for them. Every entry is something seen in that
kind of page; entries are lower-case unless case matters. When a list changes, add the page
(or an inline snippet in the tests) that motivated it, so the change is kept honest by a test.
"""

from __future__ import annotations

from scraper import cms

# --- Page chrome -------------------------------------------------------------------------------

# Site chrome is defined once, in scraper/cms (the crawl builds its CHROME_XPATH from the same
# lists); the extractors take it as it is and add what only matters inside a page.
# Elements that are site-wide chrome, never part of the article (contacts, dates, lead, author):
# the platforms' chrome tags and their widget tags (<aside>).
CHROME_TAGS = frozenset(cms.CHROME_TAGS + cms.WIDGET_TAGS)
# Tokens looked for inside id/class attributes (substring match on the lower-cased value): the
# platforms' chrome class and id words, and these.
EXTRACT_CHROME_TOKENS = (
    "sidebar",
    "navbar",
    "nav-",
    "-nav",
    "consent",
    "archive-portlet",  # SiteVision's recent-news list widget
    "related",
    "share",
    "translate",
    "skip-link",
)
CHROME_CLASS_TOKENS = tuple(
    dict.fromkeys(cms.CHROME_CLASS_WORDS + cms.CHROME_ID_WORDS + EXTRACT_CHROME_TOKENS)
)
# Class tokens that look like chrome tokens but are not ("site-header" is chrome, "entry-header" is
# the WordPress article header that carries the published date and the author).
CHROME_CLASS_EXCEPTIONS = ("entry-header", "article-header", "entry-footer", "post-header", "page-header")

# Elements pruned before trafilatura sees the page (it would otherwise sometimes keep them):
# cookie banners, share bars, breadcrumbs, translate widgets, SiteVision's recent-news list. A rule
# is a regular expression matched against the *whole words* of one class or id token, never a
# substring: the token "td-post-sharing" has the words "td post sharing", "documentContent" has
# "document content", so `share` matches "share-buttons" and "social_share" but not "shared",
# "sharepoint" or "timeshare". Tokens that only describe a layout ("no-share", "has-share-buttons")
# are skipped. Each rule is measured on real pages (`python -m scraper.tools.bench body`): it
# removes boilerplate there and no text a good extraction keeps (scraper/extract/prune.py applies
# them, with the guards below).
PRUNE_RULES = {
    "translate": r"google translate|gtranslate|goog te",
    "cookie": r"cookies?|cookie\w+|consent",
    "breadcrumb": r"\w*breadcrumbs?",
    "archive-portlet": r"sv archive portlet",
    "share": r"share|sharing|shares|sharebar|sharethis|sharedaddy|shariff|addthis|addtoany",
}
# Never pruned, whatever their class says: the containers of the text itself. A plugin that marks
# <body class="cookies-not-set"> (WordPress Cookie Notice) or <article class="has-share"> must not make
# the whole article disappear.
PRUNE_NEVER_TAGS = frozenset({"html", "body", "main", "article"})
PRUNE_NEVER_ROLES = frozenset({"main", "article"})
# Rules whose words also name containers of the article itself: a theme that wraps the article in
# "documentContent__sharingContainer" has put the article, not a share bar, in it. An element such a
# rule matches is not pruned when it holds PRUNE_MAX_TEXT_SHARE or more of the page's text and at
# least PRUNE_GUARD_MIN_CHARS of it; and when pruning leaves no body, the page is extracted again
# with these rules pruning only elements that hold no paragraph (bars of links and buttons).
# Cookie banners, breadcrumbs and translate widgets never hold the article: on a page with no text
# of its own (a gallery, a video) they are the most text there is, and are still pruned.
PRUNE_WRAPPER_RULES = frozenset({"share"})
PRUNE_MAX_TEXT_SHARE = 0.5
PRUNE_GUARD_MIN_CHARS = 200
# A page with less paragraph text than this keeps its text elsewhere (<br> lines, bare <div>s): the
# share is measured on all visible text instead.
PRUNE_MIN_PARAGRAPH_CHARS = 200

# trafilatura's fallback cascade (readability and jusText compared with its own extraction, jusText
# again in the recall retry) is run only where its fast extraction keeps less than this share of the
# page's visible text (scripts and styles aside): elsewhere the cascade changed no page's body.
# Calibrated on web-eval's dev half (`python -m scraper.tools.bench body`): 0.3 is the smallest share
# that keeps as many "with" segments as the cascade on every page (0.2 lost one); the cascade runs on
# a quarter of the pages and gave the same with/without on the held-out half.
FULL_CASCADE_TEXT_SHARE = 0.3

# Whole body paragraphs that are page furniture, not article text (regular expressions, matched
# case-insensitively against the full paragraph).
BOILERPLATE_PARAGRAPHS = (
    r"(sidan )?senast (uppdaterad|ändrad)\b.*",
    r"(publicerad|publicerat|uppdaterad|published|posted|posted on|last updated|page last updated"
    r"|publisert|publiceret|oppdatert|opdateret)\b\s*:?\s*[\w .,:\-/]{0,40}",
    r"dela (sidan|artikeln|nyheten|på).*",
    r"(share|share this|share this page|share on)\b.{0,60}",
    r"use google to translate.*",
    r".*(we take no responsibility for the accuracy of the translation).*",
    r"(skriv ut|print)( sidan| this page)?",
    r"(tipsa|lyssna|listen)( om sidan| på sidan| to this page)?",
    r"(till toppen|back to top|tillbaka)",
)

# --- Lead / ingress ---------------------------------------------------------------------------

LEAD_CLASS_TOKENS = (
    "ingress",
    "lead",
    "preamble",
    "intro",
    "standfirst",
    "excerpt",
    "govuk-body-l",
    "summary",
)
# A lead shorter than this is a label or a kicker, not an ingress.
LEAD_MIN_CHARS = 25

# --- Title ------------------------------------------------------------------------------------

TITLE_SEPARATORS = (" - ", " – ", " — ", " | ", " :: ", " · ", " » ")
# A trailing title segment containing one of these is the site name ("Nyhet - Hemlunda kommun").
SITE_NAME_WORDS = (
    "kommun",
    "stad",
    "region",
    "council",
    "borough",
    "county",
    "kommune",
    "kaupunki",
    "kunta",
    "gov.uk",
)
#: Skip links and navigation landmarks that templates put in an <h1> (or in front of the headline):
#: never a title, and stripped when glued in front of one.
SKIP_PHRASES = (
    *("hoppa till innehållet", "hoppa till innehåll", "hoppa till huvudinnehåll", "gå till innehåll"),
    *("gå direkt till innehåll", "gå till huvudinnehåll", "direkt till innehåll", "till innehållet"),
    *("hopp til innhold", "hopp til hovedinnhold", "gå til innhold", "gå til hovedinnhold"),
    *("gå til indhold", "gå til hovedindhold", "spring til indhold", "spring til hovedindhold"),
    *("skip to content", "skip to main content", "skip to navigation", "skip navigation"),
    *("jump to content", "jump to main content", "zum inhalt springen", "direkt zum inhalt", "zum inhalt"),
    *("hauptnavigation", "navigation und service", "navigation", "quicklinks", "snabblänkar", "genvägar"),
    *("huvudmeny", "hovedmeny", "hovedmenu", "meny", "menu", "main menu", "du är här", "du er her"),
    *("you are here", "sie sind hier"),
)
#: Class tokens of an <h1> that screen readers alone see (skip links, landmark labels).
HIDDEN_CLASS_TOKENS = (
    *("sr-only", "visually-hidden", "visuallyhidden", "screen-reader", "screenreader", "aural"),
    *("navskip", "skip", "offscreen", "off-screen", "assistive", "element-invisible", "invisible"),
)
#: Class tokens of the kicker that templates put inside the <h1>, in front of the headline
#: ("<h1><span class='kicker'>Pressmeddelande</span> Ny förskola</h1>"), or on an <h1> of its own.
KICKER_CLASS_TOKENS = (
    *("kicker", "supertitle", "super-title", "toptitle", "top-title", "overline", "eyebrow", "pretitle"),
    *("pre-title", "pre-heading", "preheading", "dachzeile", "topline", "roofline"),
)
#: Class tokens of a part of the <h1> that is not the headline (a category, a label, a date line).
HEADING_PART_TOKENS = ("category", "label", "date", "dateline", "meta")

# --- Author -----------------------------------------------------------------------------------

BYLINE_LABELS = (
    "text och foto",
    "text & foto",
    "text och bild",
    "text",
    "av",
    "skrivet av",
    "by",
    "written by",
)
# An "author" containing one of these words is an organisation (usually the site name).
ORGANISATION_WORDS = (
    "kommun",
    "stad",
    "förvaltning",
    "council",
    "borough",
    "region",
    "kommune",
    "redaktion",
    "webbredaktion",
    "kommunikation",
    "admin",
)

# --- Dates -------------------------------------------------------------------------------------

MONTHS = {
    # Swedish
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
    # English
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "october": 10,
    # Norwegian / Danish (where different)
    "januar": 1,
    "februar": 2,
    "marts": 3,
    "mai": 5,
    "desember": 12,
    # Abbreviations (Swedish and English; the trailing dot is stripped before lookup)
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "des": 12,
}

PUBLISHED_LABELS = (
    "publicerad",
    "publicerat",
    "publicerades",
    "publicerad den",
    "publicerat den",
    "published",
    "first published",
    "posted on",
    "posted",
    "publisert",
    "publiceret",
    "julkaistu",
    "veröffentlicht",
    "publiceringsdatum",
    "publiceringsdag",
    "publiseringsdato",
    "publiceringsdato",
    "udgivet",
    "date published",
    "publication date",
)
UPDATED_LABELS = (
    "sidan senast uppdaterad",
    "senast uppdaterad",
    "senast ändrad",
    "uppdaterad",
    "uppdaterat",
    "ändrad",
    "last updated",
    "page last updated",
    "last modified",
    "updated",
    "oppdatert",
    "sist oppdatert",
    "opdateret",
    "senest opdateret",
    "päivitetty",
    "aktualisiert",
    "uppdaterades",
    "senast uppdaterades",
    "sidan uppdaterades",
    "senast ändrades",
    "sist endret",
    "endret",
    "senest ændret",
    "ændret",
    "date modified",
    "revised",
)
#: Labels that say "date" and nothing more ("Datum 14.03.2023", "Dato: 14. mars 2023"): the
#: publication date when no label says so more precisely.
DATE_LABELS = ("datum", "dato", "date")
# Dates before this are not news publication dates (the web, let alone municipal news, is younger).
MIN_DATE = "1995-01-01"

# Structured metadata: (attribute, value) pairs of <meta> tags, in order of preference.
META_PUBLISHED = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datepublished"),
    ("name", "dcterms.created"),
    ("name", "dc.date.created"),
    ("name", "dcterms.issued"),
    ("name", "dc.date.issued"),
    ("name", "pubdate"),
    ("name", "publishdate"),
)
META_UPDATED = (
    ("property", "article:modified_time"),
    ("name", "article:modified_time"),
    ("property", "og:updated_time"),
    ("itemprop", "datemodified"),
    ("name", "dcterms.modified"),
    ("name", "dc.date.modified"),
    ("name", "last-modified"),
)

# --- Language ---------------------------------------------------------------------------------

# Language tags that normalise to another ISO 639-1 code (Bokmål and Nynorsk are counted as "no").
LANGUAGE_ALIASES = {"nb": "no", "nn": "no"}
# Short, frequent function words that tell these languages apart; the best score wins if it has
# at least LANGUAGE_MIN_HITS hits. Words shared by several languages ("i", "og", "en") are left out.
STOPWORDS = {
    "sv": frozenset(
        [
            "och",
            "att",
            "det",
            "som",
            "är",
            "för",
            "på",
            "med",
            "inte",
            "av",
            "till",
            "har",
            "kommer",
            "ska",
            "vi",
            "också",
            "eller",
            "från",
            "när",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "is",
            "that",
            "for",
            "with",
            "will",
            "are",
            "this",
            "from",
            "have",
            "has",
            "said",
            "be",
            "by",
        ]
    ),
    "no": frozenset(
        [
            "og",
            "er",
            "ikke",
            "det",
            "som",
            "på",
            "med",
            "til",
            "har",
            "skal",
            "vil",
            "fra",
            "også",
            "eller",
            "når",
            "kommunen",
            "sier",
        ]
    ),
    "da": frozenset(
        [
            "og",
            "er",
            "ikke",
            "det",
            "som",
            "på",
            "med",
            "til",
            "har",
            "skal",
            "vil",
            "fra",
            "også",
            "eller",
            "når",
            "siger",
            "kommunen",
            "af",
        ]
    ),
    "fi": frozenset(
        [
            "ja",
            "on",
            "ei",
            "se",
            "että",
            "kun",
            "myös",
            "tai",
            "oli",
            "ovat",
            "kanssa",
            "sekä",
            "mutta",
            "kunta",
        ]
    ),
    "de": frozenset(
        [
            "und",
            "der",
            "die",
            "das",
            "ist",
            "nicht",
            "mit",
            "für",
            "von",
            "zu",
            "auf",
            "den",
            "ein",
            "eine",
            "sich",
            "auch",
        ]
    ),
}
LANGUAGE_MIN_HITS = 5

# --- Quotes ---------------------------------------------------------------------------------

# Dashes that open a Swedish/Norwegian/Danish reply line ("talstreck"). Hyphen-minus included
# because many editors type it; en dash, minus sign and em dash are the typographic forms.
QUOTE_DASHES = ("–", "−", "—", "-", "‒", "―")
# Quotation mark pairs: Swedish ” ”, guillemets both ways, German/Nordic „ “, English “ ” and " ".
QUOTE_MARKS = (("”", "”"), ("»", "«"), ("«", "»"), ("„", "“"), ("“", "”"), ('"', '"'), ("‘", "’"))

# Speech verbs in the present and past tense. Swedish first, then Norwegian/Danish, then English.
SPEECH_VERBS_NORDIC = (
    "säger",
    "sa",
    "sade",
    "berättar",
    "berättade",
    "förklarar",
    "förklarade",
    "menar",
    "menade",
    "konstaterar",
    "konstaterade",
    "tycker",
    "tyckte",
    "betonar",
    "betonade",
    "understryker",
    "underströk",
    "fortsätter",
    "fortsatte",
    "avslutar",
    "avslutade",
    "poängterar",
    "poängterade",
    "hävdar",
    "hävdade",
    "svarar",
    "svarade",
    "frågar",
    "frågade",
    "undrar",
    "undrade",
    "tillägger",
    "tillade",
    "framhåller",
    "framhöll",
    "påpekar",
    "påpekade",
    "skriver",
    "skrev",
    "säjer",
    "summerar",
    "sammanfattar",
    "inleder",
    "understryker",
    "upplyser",
    "uppger",
    "uppgav",
    "önskar",
    "hoppas",
    "tror",
    "ler",
    "skrattar",
    "utbrister",
    "kommenterar",
    "tillägger",
    "resonerar",
    # Norwegian / Danish
    "sier",
    "sa",
    "siger",
    "sagde",
    "forteller",
    "fortæller",
    "fortalte",
    "forklarer",
    "mener",
    "understreker",
    "understreger",
    "legger til",
    "tilføjer",
    "påpeker",
    "påpeger",
    "svarer",
    "spør",
    "spørger",
    # split verbs: the particle after the attribution ("lägger hon till") is cut with it, see
    # SPEECH_VERB_PARTICLES
    "lägger",
    "fyller",
    "legger",
    "lægger",
)
# Particle verbs whose particle follows the subject: "– Text, lägger hon till." (sitevision gold page
# "middle-attribution"). Verb -> particle; the particle is removed from the end of the attribution.
SPEECH_VERB_PARTICLES = {"lägger": "till", "fyller": "i", "legger": "til", "lægger": "til", "legg": "til"}
SPEECH_VERBS_EN = (
    "said",
    "says",
    "added",
    "adds",
    "explained",
    "explains",
    "commented",
    "comments",
    "stated",
    "states",
    "continued",
    "continues",
    "noted",
    "notes",
    "told",
    "remarked",
    "concluded",
    "emphasised",
    "emphasized",
    "stressed",
    "urged",
    "warned",
    "welcomed",
    "asked",
    "asks",
)
# fmt: off
# Speech verbs of real municipal pages the lists above missed (issue 10): Swedish, Norwegian bokmål
# and nynorsk ("seier", "fortel"), Danish, English.
SPEECH_VERBS_MORE = (
    # Swedish
    "utvecklar", "utvecklade", "uttalar", "uttalade", "beskriver", "beskrev", "förtydligar",
    "intygar", "medger", "medgav", "tillstår",
    "säjer", "fortsätter", "avrundar", "inflikar", "suckar", "ropar", "skriver",
    # Norwegian (bokmål, nynorsk)
    "seier", "fortel", "fortalde", "forklarte", "meinte", "meiner", "uttaler", "uttalte",
    "avslutter", "avsluttet", "utdyper", "fortsetter", "fortsatte", "påpekte", "understreket",
    "skriv", "skrev", "tilføyer", "konkluderer", "legg",
    "seir", "konstaterte", "fastslår",  # "Det seir ordføraren …" (nynorsk, spoken form)
    # Danish
    "udtaler", "udtalte", "uddyber", "afslutter", "tilføjede", "fortsætter", "forklarede",
    "understregede", "påpegede", "slutter", "konstaterer", "skriver", "lød", "mente",
    "konstaterede", "fastslog", "bemærkede", "bemærker",
    # English
    "insisted", "insists", "acknowledged", "reflected", "highlighted", "confirmed", "replied",
    "explained", "adding", "saying", "wrote", "writes", "argued", "argues", "admitted", "admits",
)
# English words that end a place's name ("Villiers Park", "Mill Road"): two capitalised words ending
# in one are a place unless the first is a known first name (mentions.is_person_name).
PLACE_NOUNS_EN = (
    "park", "road", "street", "avenue", "square", "gardens", "station", "estate", "crescent", "terrace",
    "close", "drive", "centre", "library", "bridge",
)
SPEECH_VERBS = SPEECH_VERBS_NORDIC + SPEECH_VERBS_EN + SPEECH_VERBS_MORE
# "…, adding: “…”" / "…, og tilføjede: »…«": the words that hand over to a closing quote.
QUOTE_ADDING_WORDS = (
    "adding", "and added", "before adding", "og tilføjede", "og tilføjer", "og la til",
    "og legger til", "og legg til", "och tillade", "och tillägger",
)
# A clause after the attribution's comma that says when or while it was said ("…, sagde borgmester
# X, da det blev hans tur") is narrative: the quote does not resume there.
ATTRIBUTION_SUBORDINATORS = (
    "da", "då", "när", "når", "mens", "medan", "mens", "idet", "inden", "innan", "før", "efter",
    "etter", "efter", "when", "while", "as", "before", "after",
)
# fmt: on

# Pronouns that stand for the last named speaker ("säger han", "said she").
# Singular only: "säger de" / "they said" names nobody in particular.
PRONOUNS = ("han", "hon", "hen", "hun", "he", "she")

# Role words: a token ending in or equal to one of these is a title, not part of the name.
# Swedish compound titles are matched by suffix ("kommunchef", "förvaltningschef", "miljöchef").
ROLE_SUFFIXES = (
    "chef",
    "råd",
    "ordförande",
    "ledamot",
    "direktör",
    "ansvarig",
    "samordnare",
    "strateg",
    "handläggare",
    "rektor",
    "förste",
    "sekreterare",
    "ingenjör",
    "inspektör",
    "planerare",
    "arkitekt",
    "pedagog",
    "lärare",
    "präst",
    "läkare",
    "sköterska",
    "skötare",
    "assistent",
    "ledare",
    "föreståndare",
    "ombud",
    "kommunalråd",
    "borgmästare",
    "ordfører",
    "rådmann",
    "leder",
    "formand",
    "konsult",
    "utvecklare",
    "projektledare",
    "koordinator",
    "kurator",
    "bibliotekarie",
    "expert",
    "specialist",
    "talesperson",
    "presschef",
    "medarbetare",
    "företrädare",
    "representant",
    "invånare",
    "elev",
    "borgmester",  # da/no (dk gold page "siger": "Borgmester Mette Kjær")
    "direktør",
    "sjef",
    "vårdare",
)
# Role words matched as whole words (case-insensitive), not as suffixes: English titles, and a few
# short words a suffix match would find inside surnames. From the govuk/council gold pages
# ("Parking services team lead Daniel Okafor", "Festival Director").
ROLE_WORDS = frozenset(
    {
        "officer",
        "manager",
        "director",
        "coordinator",
        "co-ordinator",
        "lead",
        "leader",
        "chair",
        "chairman",
        "chairwoman",
        "executive",
        "librarian",
        "headteacher",
        "principal",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "adviser",
        "advisor",
        "secretary",
        "engineer",
        "planner",
        "supervisor",
        "president",
        "vd",  # verkställande direktör: "Tomas Berglund, vd, Norrsunds Energi" (tallvika test site)
    }
)
# Capitalised words ending in -n at a sentence start that are not a definite-form role before a
# name ("Lokalhistorikern Gunnel Ask har skrivit ..." is a role; "Sedan Anna Berg ..." is not).
DEFINITE_ROLE_STOPWORDS = frozenset(
    {"sedan", "medan", "även", "igen", "utan", "bland", "dessutom", "hvordan"}
)
# English titles that precede a name ("Cllr Jane Smith", "Councillor Tom Reed").
HONORIFICS_EN = (
    "cllr",
    "councillor",
    "cllr.",
    "mayor",
    "dr",
    "dr.",
    "professor",
    "prof",
    "sir",
    "dame",
    "mr",
    "mrs",
    "ms",
)
# Honorifics that are also a role when no other role is given ("Cllr Jane Smith" -> role "Councillor").
ROLE_HONORIFICS = ("cllr", "councillor", "mayor")
# Lower-case words that may appear inside a role phrase before the name.
ROLE_CONNECTORS = (
    "i",
    "på",
    "för",
    "vid",
    "inom",
    "och",
    "vik.",
    "vik",
    "t.f.",
    "tf",
    "tf.",
    "biträdande",
    "bitr.",
)
# Prepositions joining a workplace to a name written between title and place: "Rektor Sanna Wallin
# på Aspviksskolan berättar:" (aspvik test site). The place goes with the role, not the name.
PLACE_PREPOSITIONS = ("på", "vid", "hos", "at")
# A comma clause after a name that starts with one of these describes the person, it is not a role.
RELATIVE_WORDS = ("som", "who", "which", "när", "där", "vars", "whose", "der", "hvor")
# A dash paragraph with no attribution takes the one person the paragraph before introduced
# ("Räddningschef Stefan Nordin uppmanar boende ..." then "– Följ kommunens webbplats ...", aspvik
# test site) only if it reads like a spoken sentence: at least this many words, ending in . ! or ?
INTRODUCED_QUOTE_MIN_WORDS = 8
# A quote needs at least this many words to count (shorter dash lines are list items).
QUOTE_MIN_WORDS = 4
# An unattributed dash/quoted paragraph continues an adjacent quote only if it reads like speech:
# this long, or in the first person (list items are short and impersonal).
CONTINUATION_MIN_WORDS = 8
FIRST_PERSON = frozenset(
    [
        "jag",
        "vi",
        "mig",
        "oss",
        "min",
        "mitt",
        "mina",
        "vår",
        "vårt",
        "våra",
        "jeg",
        "meg",
        "vores",
        "we",
        "me",
        "us",
        "my",
        "our",
    ]
)

# --- Contacts ---------------------------------------------------------------------------------

CONTACT_HEADINGS = (
    "kontakt",
    "kontakta",
    "kontaktperson",
    "kontaktpersoner",
    "kontaktuppgifter",
    "mer information",
    "ytterligare information",
    "frågor besvaras av",
    "för mer information",
    "för mer information kontakta",
    "för frågor",
    "vid frågor",
    "vid frågor kontakta",
    "media enquiries",
    "media contact",
    "media contacts",
    "press enquiries",
    "contact",
    "contacts",
    "contact us",
    "press contact",
    "for more information",
    "for more information contact",  # prose: "For more information contact Joanna Kemp, ..." (demo)
    "for more information please contact",
    "for further information contact",
    "further information",
    "kontaktperson:",
    "kontakt:",
    "yhteystiedot",
    "lisätietoja",
    "kontaktinformasjon",
    "mer informasjon",
    "kontaktoplysninger",
    "yderligere information",
)
EMAIL_LABELS = ("e-post", "epost", "e-mail", "email", "mejl", "mail", "sähköposti")
PHONE_LABELS = (
    "telefon",
    "tfn",
    "tel",
    "tel.",
    "tlf",
    "tlf.",
    "mob",
    "mobil",
    "mobiltelefon",
    "phone",
    "telephone",
    "mobile",
    "puhelin",
)
# Words joining the parts of a prose contact sentence, dropped (lower-case only) from the ends of
# the name/role text:
# "For more information contact Joanna Kemp, Festival Director, on <tel> or email <mailto>" (demo
# kestrelford), "Email <mailto> or call 020 ..." (govuk gold page "says-two-contacts").
CONTACT_FILLER_WORDS = frozenset(
    {
        "direkte",  # "tlf. direkte: …": the number's kind, not a role
        "direkt",
        "direct",
        "on",
        "or",
        "at",
        "call",
        "ring",
        "phone",
        "via",
        "and",
        "eller",
        "på",
        "och",
        "og",  # "… 45 67 89 11 og rådgivar Per Øvrebø": the joiner before a second person
        "samt",
        "tlf",
        "tel",
        "contact",
        "kontakta",
        "the",  # "contact the Communications Unit on ..."
        "ringa",
        "gärna",
        "gjerne",
        "gerne",
        "kontakt",
        "kontakte",
    }
)
# Words between contacts in one prose sentence: "..., sara.lind@norrvik.se, eller byggledare Kalle
# Nyström, 070-174 06 30." (wordpress gold page "dash-for-more-information").
CONTACT_ALTERNATIVES = ("eller", "or", "alternativt", "alternatively", "eventuelt")
# A named press desk is a contact in its own right (its name is the contact's name): "Communications
# team" (govuk gold page "said-cllr"), "Press office, Kestrelford Council" (demo kestrelford).
PRESS_DESK_WORDS = (
    "press office",
    "communications team",
    "communications office",
    "media team",
    "media relations",
    "press team",
    "press desk",
    "presstjänst",
    "pressjour",
    "presskontakt",
    "kommunikationsavdelning",
    "kommunikationsenhet",
    "presseavdeling",
    "pressekontakt",
    "presseafdeling",
    "kommunikationsafdeling",  # Danish and Norwegian units (issue 10, contacts10)
    "kommunikasjonsavdeling",
    "kommunikasjonsenhet",
    "kommunikationsenhed",
    "pressetelefon",
    "presstelefon",
    "media line",
)

# A desk written on a line of its own above its e-mail and phone ("Valkansliet", "Electoral Services",
# "Harrowmere press office"; demo webs ekeby, hemlunda, kestrelford) is the contact, named as written.
# English words match whole words; Nordic ones as the end of a compound ("Valkansliet").
DESK_WORDS_EN = frozenset({"office", "services", "desk", "team", "unit", "helpdesk", "secretariat"})
DESK_SUFFIXES = (
    "kansli",
    "kansliet",
    "expedition",
    "expeditionen",
    "receptionen",
    "tjänst",
    "tjänsten",
    "sekretariat",
    "sekretariatet",
    "kontoret",
    "kontor",
)
# A desk line is short: at most this many words.
DESK_MAX_WORDS = 5

# Switchboards and service desks: site-wide, never an article's contact person.
SWITCHBOARD_WORDS = (
    "växel",
    "kontaktcenter",
    "kundcenter",
    "medborgarcenter",
    "servicecenter",
    "kommunens växel",
    "switchboard",
    "customer services",
    "customer service",
    "contact centre",
    "sentralbord",
    "omstilling",
    "vaihde",
    "hovednummer",  # Danish/Norwegian main number and service desks (issue 10)
    "borgerservice",
    "kundeservice",
    "servicetorget",
    "kundesenter",
)
# A contact block that reaches this many characters of running text has ended.
CONTACT_BLOCK_MAX_CHARS = 1200
# A contact line containing one of these names a unit or organisation, not a person or a role.
UNIT_WORDS = (
    "förvaltning",
    "kommun",
    "enhet",
    "avdelning",
    "skola",
    "förskola",
    "kontor",
    "bolag",
    " ab",
    "region",
    "council",
    "department",
    "service",
    "team",
    "directorate",
    "kommune",
    # Danish and Norwegian forms (matched as a word or the head of a compound, names.has_unit_word)
    "forvaltning",
    "skole",
    "afdeling",
    "enhed",
    "center",  # "Center for Teknik og Miljø", "Sundhedscentret"
    "centre",
)

# --- Contacts: line breaks and the never-garble check (contacts.py, garbling.py) ---------------

# Elements whose boundaries break a line of text: text on either side is never one word, so the
# digits of "Tlf: 0491-12 34 12</p><p>anna.berg@…" never become "12anna.berg@…". The HTML block
# elements plus <br> and table cells.
TEXT_BLOCK_TAGS = frozenset(
    {
        *("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "tbody", "thead"),
        *("tfoot", "caption", "section", "address", "article", "aside", "header", "footer", "main"),
        *("nav", "figure", "figcaption", "blockquote", "pre", "hr", "br", "form", "fieldset", "legend"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "title", "body", "center", "details", "summary", "option"),
    }
)
GARBLE_BLOCK_TAGS = TEXT_BLOCK_TAGS
# A value may be pieces of the page joined with a space: a quote around its attribution ("– Det är
# bra, säger X. Nu börjar vi."), a role and a party mark written apart ("Anna Berg (S), kommunalråd"
# -> "kommunalråd (S)"). At most this many pieces per field, each occurring on the page.
GARBLE_MAX_PIECES = {"quote": 4, "name": 1, "role": 3, "organisation": 3}
# Characters a seam may add or lose at the ends of a piece: spaces, punctuation, dashes and
# quotation marks.
GARBLE_PIECE_EDGES = " ,.;:!?–—-−\"'”“„»«’‘()"
# Roles the extractors write out in full where the page abbreviates them (names.py: "Cllr Jane Smith"
# -> role "Councillor"): the check accepts the abbreviation as the written form.
GARBLE_ROLE_ABBREVIATIONS = {"councillor": ("cllr", "cllr.")}

# --- Contacts: where a contact block starts and what is not one (contacts.py, contact_rules.py) --

# A line of its own that announces contacts without being one of CONTACT_HEADINGS: short, naming
# information, questions or contact, and ending in a colon or the verb ("För ytterligare frågor och
# information kontakta", "Vill du veta mer, kontakta:", "For mer informasjon, kontakt:",
# "Yderligere oplysninger:", "Media enquiries:"). Lower-case stems, matched as word starts.
CONTACT_LEAD_WORDS = (
    "kontakt",
    "contact",
    "information",
    "informasjon",
    "oplysning",
    "frågor",
    "spørsmål",
    "spørgsmål",
    "enquir",
    "inquir",
    "questions",
    "presskontakt",
    "pressekontakt",
    "pressehenvend",
    "mediehenvend",
    "medieförfrågningar",
    "pressetelefon",
    "presstelefon",
    "presstjänst",
    "pressjour",
    "press office",
    "media line",
)
# The verbs such a line may end in instead of a colon.
CONTACT_LEAD_VERBS = ("kontakta", "kontakt", "kontakte", "kontaktes", "contact", "ring", "call")
CONTACT_LEAD_MAX_WORDS = 12
# A sentence that says who the press contact is: "Pressekontakt er statssekretær Kari Lunde, telefon
# …", "Pressekontaktar for ordføraren er …", "Presskontakt är …", "Press contacts are …". The subject
# (a word start, so plurals count), an optional "for/til whom", then the verb; what follows is the
# contact line.
CONTACT_COPULA_SUBJECTS = ("pressekontakt", "presskontakt", "press contact", "media contact", "kontaktperson")
CONTACT_COPULAS = ("er", "är", "is", "are")
# Joining words before a second person in one contact sentence, right after the first one's number
# or address: "… telefon 45 67 89 11 og rådgivar Per Øvrebø, telefon …".
CONTACT_JOINERS = ("og", "och", "and", "samt")
# Verbs and phrases a desk follows in a sentence: "Kontakta kommunikationsenheten på …",
# "Henvendelser fra pressen kan rettes til kommunikationsafdelingen på …", "contact the
# communications team on …". The desk (lower-case as written) is then the contact's name.
CONTACT_DESK_VERBS = (
    *("kontakta", "kontakte", "kontakt", "contact", "ring", "call"),
    *("rettes til", "riktas till", "ställas till", "skickas till", "sendes til", "directed to"),
)
# Headings a contact block is announced by, beyond CONTACT_HEADINGS (plurals and press desks).
CONTACT_HEADINGS_MORE = (
    "kontakter",
    "presskontakt",
    "presskontakter",
    "pressekontakt",
    "pressekontakter",
    "press contacts",
    "for yderligere oplysninger",
    "yderligere oplysninger",
    "for mer informasjon",
    "kontaktpersonar",
    # "… kan rettes til Mette Skov, tlf. …": the question is put to the contact
    "spørgsmål kan rettes til",
    "spørgsmål til",
    "henvendelser kan rettes til",
    "henvendelse til",
    "spørsmål kan rettes til",
    "spørsmål om saken kan rettes til",
    "frågor kan ställas till",
    "frågor kan riktas till",
    "questions can be directed to",
    "enquiries to",
    # The sender's sign-off closing a press release: the sender (a person or a desk) is the contact
    "med venlig hilsen",
    "venlig hilsen",
    "med vennlig hilsen",
    "vennlig hilsen",
    "med vänliga hälsningar",
    "vänliga hälsningar",
)
# A paragraph with this many words of running text (and no e-mail or phone) is the article's text:
# a contact block before the first one sits between the headline and the article — a site sidebar
# or a byline, not the article's contact.
ARTICLE_TEXT_MIN_WORDS = 15
# Elements whose class or rel says byline or author: their e-mail is the writer's, not a contact.
BYLINE_CLASS_TOKENS = ("author", "byline", "writer", "journalist", "skribent", "forfatter")
# Running text that is page furniture, not where the article starts (cookie banners).
NOT_ARTICLE_TEXT_WORDS = ("cookie", "kakor", "informasjonskapsl", "webbkakor")
# Press desks named by one word, matched as whole words only ("Kommunikation" on a line of its own
# above a number is the desk; "kommunikationschef" is a role, "Kommunikationsplan" a document).
PRESS_DESK_WHOLE_WORDS = (
    "kommunikation",
    "kommunikasjon",
    "kommunikationen",
    "communications",
    "presse",
    "press",
)
# A contact line of running text (a sentence with an address in it) names no role or unit.
CONTACT_UNIT_MAX_WORDS = 10
# Titles of the people contact blocks name that ROLE_SUFFIXES (written for attributions) lacks:
# "Claes Berg presskommunikatör", "Anna Ek handläggare". Matched as word ends.
CONTACT_ROLE_SUFFIXES = (
    "kommunikatör",
    "informatör",
    "handläggare",
    "samordnare",
    "strateg",
    "konsulent",
    "rådgivare",
    "rådgiver",
    "rådgivar",
    "koordinator",
    "medarbetare",
    "medarbejder",
    "sekretær",
    "konsulent",
    "kommunikatør",
    "rådgiver",
    "rådmand",
    "fuldmægtig",
    "officer",
    "manager",
)
# A contact named in a sentence of running text: the name within this many words after the verb,
# the number or address within this many characters.
CONTACT_PROSE_MAX_WORDS = 4
CONTACT_PROSE_WINDOW = 140
# A long contact block is still one if it holds an e-mail or a number for every this many
# characters (a 13-person list of name, role, phone and e-mail lines).
CONTACT_CARD_MAX_CHARS = 150
# Labels of registry and account numbers that look like Danish/Norwegian phone numbers.
REGISTRY_NUMBER_LABELS = (
    "cvr",
    "cvr-nr",
    "ean",
    "se-nr",
    "p-nr",
    "org.nr",
    "org.nr.",
    "orgnr",
    "organisasjonsnummer",
    "kontonr",
    "konto",
)
# Words of a heading that announces the press desk itself ("Media enquiries", "Presskontakt"): only
# there is a number or address with no name a contact.
CONTACT_PRESS_HEADING_WORDS = ("press", "media", "presse", "medie")

# --- Speaker resolver (extract/mentions.py; issue 10) ----------------------------------------
# fmt: off

# Which person a singular pronoun can stand for: "f", "m", or None (any).
PRONOUN_GENDER = {"han": "m", "he": "m", "hon": "f", "hun": "f", "she": "f", "hen": None}
# Common first names whose gender the resolver may use when the text has not told it yet ("säger
# hon" after two people were named). Short lists of frequent Nordic and English names; a name not
# listed has no known gender until a pronoun resolves to it.
FEMALE_FIRST_NAMES = (
    "anna", "eva", "maria", "karin", "kristina", "lena", "sara", "kerstin", "emma", "ingrid",
    "marie", "malin", "elisabeth", "birgitta", "ulla", "linda", "camilla", "johanna", "sofia",
    "helena", "annika", "susanne", "monica", "jenny", "frida", "hanna", "elin", "ida", "julia",
    "petra", "lotta", "åsa", "cecilia", "therese", "jessica", "matilda", "emelie", "anne", "inger",
    "kari", "hilde", "silje", "ingeborg", "randi", "marit", "tone", "mette", "hanne", "lene", "pia",
    "rikke", "lone", "tina", "gitte", "birgit", "jane", "sarah", "helen", "mary", "susan", "emily",
    "claire", "louise", "rachel", "laura", "karen", "ann", "margaret", "elizabeth",
    "mathilde", "sofie", "freja", "astrid", "ellen", "agnes", "alma", "ebba", "maja", "wilma", "elsa",
    "signe", "nora", "ingela", "gunilla", "ylva", "ulrika", "katarina", "marianne",
    "sophie", "christine", "lisa", "amanda", "josefin", "sanna", "tove", "sigrid", "hedda", "lovisa",
    "tilde", "siri", "oda", "ronja", "alva", "greta", "ida", "liv", "mari", "åse", "grete",
)
MALE_FIRST_NAMES = (
    "lars", "anders", "johan", "per", "erik", "karl", "peter", "jan", "thomas", "daniel", "fredrik",
    "hans", "mikael", "michael", "stefan", "mattias", "magnus", "jonas", "andreas", "martin",
    "niklas", "björn", "bo", "nils", "ola", "olof", "sven", "tomas", "henrik", "göran", "leif",
    "mats", "ulf", "kjell", "bengt", "håkan", "gustav", "oskar", "jonathan", "tobias", "ole",
    "knut", "arne", "geir", "bjørn", "jens", "søren", "morten", "rasmus", "mads", "kasper", "john",
    "david", "james", "paul", "mark", "richard", "robert", "simon", "andrew", "tom", "chris",
    "ian", "steve", "kristofer",
)
# A capitalised word ending in one of these names an organisation, a place or a building, never a
# person ("Räddningstjänsten Norrmora", "Hemlunda Kommun", "Kvarnskolans"): not a mention, not a speaker.
NOT_PERSON_SUFFIXES = (
    "kommun", "kommune", "kommunes", "kommuns", "council", "region", "regionen", "skola", "skolan",
    "skolans", "skole", "skolen", "school", "förbund", "förbundet", "tjänst", "tjänsten", "verket",
    "nämnd", "nämnden", "styrelsen", "bibliotek", "biblioteket", "huset", "parken", "gatan",
    "vägen", "torget", "kyrkan", "staden", "fylke", "ministry", "department", "borough",
)
# Media and channels written after an attribution ("skriver Anna Berg på Facebook", "sier ... til
# lokalavisen"): never the speaker.
MEDIA_WORDS = (
    "facebook", "instagram", "twitter", "linkedin", "youtube", "tiktok", "lokalavisen", "avisen",
    "tidningen", "nrk", "svt", "bbc",
)
# Words that end an attribution after the speaker's name: an addressee, a medium, a place, a manner
# ("säger Anna Berg till eleverna", "sier Kari Nilsen til lokalavisen", "sa Lund under opninga",
# "säger han och skrattar", "siger hun i retten"). A workplace after title and name ("Rektor Sanna
# Wallin på Aspviksskolan") is kept as the role (names.split_role_name) before this applies.
# A source or an interview partner after the name ("uppger Lena enligt Dagens Nyheter", "Cllr Jo
# Hart speaking to our reporter Sam Lee said:") ends it too: the name after it is not the speaker.
ATTRIBUTION_STOP_WORDS = frozenset((
    "till", "til", "to", "för", "for", "i", "in", "on", "på", "och", "og", "and", "från", "fra",
    "from", "med", "with", "under", "efter", "etter", "om", "about", "som", "who", "der", "när",
    "da", "inför", "foran", "framför", "during", "at", "vid", "ved", "hos", "mens", "medan",
    "while", "följande", "følgende", "fylgjande", "following",
    "speaking", "talking", "writing",
))
# Of those, the words that name a source: what follows them is never the speaker, even a full name.
ATTRIBUTION_SOURCE_WORDS = frozenset(("enligt", "ifølge", "ifølgje", "according"))
# Where the words were written, closing an attribution after the speaker's role ("säger Erik Ek (M),
# kommunstyrelsens ordförande i ett pressmeddelande", "… ordförande via ett pressmeddelande"): the
# channel is neither part of the role nor words of the quote resuming after the comma.
ATTRIBUTION_CHANNELS = (
    "pressmeddelande", "pressemelding", "pressemeddelelse", "kommentar", "uttalande", "uttalelse",
    "udtalelse", "statement", "press release", "e-post", "mejl", "mail", "e-mail", "intervju",
    "interview", "skrivelse", "brev", "letter",
)
# The words that put a channel after the role: "i/via/genom ett …", "in a …".
ATTRIBUTION_CHANNEL_LEADS = ("i", "via", "genom", "gjennom", "igennem", "in", "through")

# fmt: on

# --- Quotes without their marks (extract/quote_units.py; issue 10) ---------------------------

# "X berättar att …" / "X siger, at …" / "X said that …": reported speech; a first-person paragraph
# after it is the speaker's own words whose dash was lost.
REPORTED_SPEECH_CONJUNCTIONS = ("att", "at", "that")
# A paragraph with no dash or quotation marks is a quote only if announced and this long (words).
UNMARKED_QUOTE_MIN_WORDS = 8
# A line signing the quote before it ("Overborgmester Ole Brask (S)") is at most this many words.
SIGNATURE_MAX_WORDS = 14
# An unattributed first-person reply takes the last speaker if they spoke at most this many units
# before and nobody else was named since (an interview article with narrative between the replies).
RUNNING_SPEAKER_WINDOW = 4
# A question this short between two answers is an interviewer's: the answers have one speaker.
INTERVIEW_QUESTION_MAX_WORDS = 25
# Who an interviewer's question is put to ("– Korleis trur du …?", "– Hvad gør I nu?" is left out:
# Danish plural "I" is English "I"); a dash question with one of these and no attribution is no quote.
SECOND_PERSON = ("du", "dere", "deg", "dykk", "dig", "jer", "ni", "you", "your")
# A paragraph opening with one of these introduces the speaker of the quotes after it, even when it
# names other people too ("Statement from Cllr Owen Marsh, …, responding to …").
STATEMENT_CUES = (
    "statement from",
    "a statement from",
    "uttalande från",
    "uttalelse fra",
    "udtalelse fra",
    "kommentar från",
    "kommentar fra",
)

# --- Roles of real pages the lists above missed (issue 10) -----------------------------------

# Suffixes (see ROLE_SUFFIXES): Danish and Norwegian titles, and Swedish ones seen on real pages.
ROLE_SUFFIXES_MORE = (
    "ordførar",  # nynorsk: "Ordførar Kari Dal", "varaordføraren", "Fjellvik-ordførar"
    "rådmand",
    "byråd",
    "leiar",
    "styrar",
    "konsulent",
    "rådgiver",
    "rådgivar",
    "forstander",
    "sjukepleiar",
    "sygeplejerske",
    "overlæge",
    "kommunaldirektør",
    "fiskerikonsulent",
    "kommunalsjef",
    "etatsdirektør",
)
# Whole words (see ROLE_WORDS): English council titles.
ROLE_WORDS_MORE = frozenset(
    {
        "member",
        "minister",
        "commissioner",
        "chief",
        "deputy",
        "head",
        "mp",
        "mep",
        "msp",
        "councilman",
        "councilwoman",
    }
)
# "Coun Jo Penn" (English local papers): an honorific like Cllr, and a role when no other is given.
HONORIFICS_MORE = ("coun", "coun.")
# First-person words FIRST_PERSON lacks: Danish "os", "mit"; nynorsk "eg"; English contractions of "I".
FIRST_PERSON_MORE = frozenset(
    {"os", "mit", "mine", "vårt", "våre", "eg", "meg", "i'm", "i've", "i'd", "i'll"}
)
# Capitalised words that open a sentence and are never a first name ("Nu Hemlunda …", "Efter Lars
# …"): with STOPWORDS and ATTRIBUTION_STOP_WORDS, what a person at a sentence start cannot begin with.
# fmt: off
SENTENCE_START_WORDS = (
    "nu", "här", "där", "då", "sedan", "idag", "igår", "enligt", "samtidigt", "dessutom", "även",
    "redan", "snart", "nå", "her", "der", "today", "now", "then", "also", "however", "meanwhile",
    "these", "those", "the", "a", "an", "after", "before", "since", "when", "if", "as", "it", "we",
    "they", "he", "she", "men", "but", "or", "alla", "alle", "all", "många", "mange", "flera",
    "både", "begge", "inte", "ikke", "not", "varje", "hver", "every", "vår", "vores", "our",
    "hela", "hele", "nya", "nye", "new", "stora", "store", "fler", "flere", "more", "mer", "mere",
    "most", "mest", "ingen", "no", "den", "det", "de", "dei", "dette", "denna", "detta",
)
# fmt: on
