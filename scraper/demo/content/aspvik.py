"""Aspviks kommun: the held-out test site (an older SiteVision set-up), built into ``tests/sites/aspvik``.

It exists to check that the spider and extractor generalise: its URL scheme (numeric page
ids), its news section name ("Aktuellt"), its dates ("12 mars 2026") and its contact
wording ("Frågor besvaras av") differ from the three demo sites. Do not tune code to it.
"""

from __future__ import annotations

from scraper.demo.content import Article, Contact, H, Page, Quote, Raw, SiteContent

SWITCHBOARD = "Aspviks kommun, växel 040-628 04 00"
COOKIE_TEXT = "Den här webbplatsen sparar kakor i din dator för att ge dig en bättre upplevelse."

ARTICLES = [
    Article(
        slug="1001",
        title="Snöröjningen får en egen budgetpost",
        published="2026-10-27",
        lead="Från och med nästa år får vinterväghållningen en egen budget i stället för att dela pengar med "
        "sommarunderhållet av gatorna.",
        body=[
            "De senaste tre vintrarna har snöröjningen kostat mer än beräknat, och pengarna har tagits från "
            "asfaltering och lagning av gropar under sommaren. Resultatet har blivit sämre gator året runt.",
            "– Med en egen post blir det tydligt vad vintern faktiskt kostar. Då slipper vi skjuta upp "
            "beläggningen varje år, konstaterar samhällsbyggnadschef Per Lundgren.",
            "Tekniska nämnden föreslår 9,5 miljoner kronor för vintern 2027, vilket motsvarar snittet för de "
            "fem senaste åren.",
            H("Entreprenörer anlitas som tidigare"),
            "Plogningen utförs även i fortsättningen av lokala entreprenörer på de mindre vägarna och av "
            "kommunens egen personal i tätorten.",
        ],
        quotes=[
            Quote(
                "Med en egen post blir det tydligt vad vintern faktiskt kostar. Då slipper vi skjuta upp "
                "beläggningen varje år",
                "Per Lundgren",
                "samhällsbyggnadschef",
            ),
        ],
        contacts=[Contact("Per Lundgren", "samhällsbyggnadschef", "per.lundgren@aspvik.se", "040-628 04 31")],
    ),
    Article(
        slug="1002",
        title="Ny idrottshall i Norrvik invigs i januari",
        published="2026-09-08",
        updated="2026-09-10",
        lead="Aspviks nya idrottshall står snart klar. Hallen får plats för handboll, innebandy och "
        "basket och har läktare för 400 personer.",
        body=[
            "Hallen byggs intill Norrviksskolan och används av skolan dagtid. Kvällar och helger bokas den av "
            "föreningar och privatpersoner.",
            "Fritidsstrateg Annika Sjöberg säger att efterfrågan på halltider har ökat kraftigt.",
            "— Vi har i dag fler lag som vill träna än vi har tider till. Med den nya hallen kan vi ge "
            "barn- och ungdomslagen bättre tider, tidigare på kvällen, säger Annika Sjöberg.",
            "Den officiella invigningen sker lördagen den 16 januari med uppvisningar av kommunens "
            "idrottsföreningar.",
            "Rättelse 10 september: I en tidigare version stod det att läktaren rymmer 600 personer.",
        ],
        quotes=[
            Quote(
                "Vi har i dag fler lag som vill träna än vi har tider till. Med den nya hallen kan vi ge barn- "
                "och ungdomslagen bättre tider, tidigare på kvällen",
                "Annika Sjöberg",
                "Fritidsstrateg",
            ),
        ],
        contacts=[
            Contact("Annika Sjöberg", "fritidsstrateg", "annika.sjoberg@aspvik.se", "070-174 06 71"),
        ],
    ),
    Article(
        slug="1003",
        title="Fler får trygghetslarm med GPS",
        published="2026-05-19",
        lead="Hemtjänsten i Aspvik erbjuder nu trygghetslarm som fungerar även utanför hemmet. Larmet "
        "kan bäras som klocka eller hänge.",
        body=[
            "Det traditionella trygghetslarmet fungerar bara inne i bostaden. Med det nya larmet kan den som "
            "faller eller blir sjuk på en promenad larma direkt och larmcentralen ser var personen befinner sig.",
            "”Många har slutat gå ut ensamma för att de är rädda att falla. Det vill vi ändra på”, säger "
            "biståndshandläggare Lina Holmqvist.",
            "Avgiften är densamma som för det vanliga larmet, 250 kronor i månaden. Den som redan har "
            "trygghetslarm kan byta genom att kontakta sin handläggare.",
        ],
        quotes=[
            Quote(
                "Många har slutat gå ut ensamma för att de är rädda att falla. Det vill vi ändra på",
                "Lina Holmqvist",
                "biståndshandläggare",
            ),
        ],
        contacts=[
            Contact("Lina Holmqvist", "biståndshandläggare", "lina.holmqvist@aspvik.se", "040-628 04 55"),
        ],
    ),
    Article(
        slug="1004",
        title="Vårfloden: kommunen delar ut sandsäckar",
        published="2026-04-02",
        lead="Vattennivån i Aspån stiger snabbt. Kommunen delar ut sandsäckar till fastighetsägare i "
        "områdena närmast ån.",
        body=[
            "Snösmältningen har gått ovanligt fort under den senaste veckan och nivåerna väntas nå sin topp "
            "under helgen. Mest utsatta är Strandvägen, Kvarnbacken och campingområdet.",
            "Sandsäckar hämtas vid räddningstjänstens station på Industrigatan. Ta med egna arbetshandskar.",
            "Räddningschef Stefan Nordin uppmanar boende att hålla sig informerade.",
            "– Följ kommunens webbplats och lyssna på lokalradion. Ring 112 om det är fara för liv, men ring "
            "inte dit för att fråga om vattennivåer.",
            "Fastighetsägare rekommenderas att flytta värdefulla saker från källare och att kontrollera att "
            "brunnar och dagvattenbrunnar är fria från löv och skräp.",
            "Information om läget uppdateras varje dag klockan 15.",
        ],
        quotes=[
            Quote(
                "Följ kommunens webbplats och lyssna på lokalradion. Ring 112 om det är fara för liv, men ring "
                "inte dit för att fråga om vattennivåer.",
                "Stefan Nordin",
                "Räddningschef",
            ),
        ],
        contacts=[
            Contact("Stefan Nordin", "räddningschef", "stefan.nordin@aspvik.se", "070-174 06 80"),
        ],
    ),
    Article(
        slug="1005",
        title="Biblioteket lånar ut e-böcker på fler språk",
        published="2025-11-04",
        lead="Nu kan Aspviks bibliotek erbjuda e-böcker och e-ljudböcker på arabiska, somaliska, "
        "ukrainska och persiska.",
        body=[
            "Tidigare fanns e-böcker bara på svenska och engelska. Utbudet har vuxit efter önskemål från "
            "låntagare och från skolorna, som vill att elever ska kunna läsa på sitt modersmål.",
            "Det krävs ett lånekort och en pinkod för att låna. Böckerna läses i en app i mobilen eller "
            "surfplattan.",
            "Utbudet av e-böcker på svenska har också utökats med fler titlar för barn och unga. Under "
            "sommarlovet ordnar biblioteket en läsutmaning för barn som vill läsa på andra språk.",
            "Bibliotekets personal visar gärna hur appen fungerar. Varje onsdag klockan 14–16 finns "
            "drop-in-hjälp i biblioteket.",
        ],
        contacts=[
            Contact("Jessica Lind", "bibliotekarie", "jessica.lind@aspvik.se", "040-628 04 62"),
        ],
    ),
    Article(
        slug="1006",
        title="Kulturstipendiet 2025 går till spelmanslaget",
        published="2025-06-23",
        lead="Aspviks kulturstipendium på 20 000 kronor går i år till Aspviks spelmanslag, som har spelat "
        "på midsommarfirandet i Hamnparken i över fyrtio år.",
        body=[
            "Kultur- och fritidsnämnden motiverar beslutet med att spelmanslaget i generationer har fört "
            "vidare den lokala folkmusiken och lärt unga att spela fiol och nyckelharpa.",
            "Spelmanslagets ordförande Gustav Eriksson tog emot stipendiet på midsommarafton.",
            "– Det här betyder jättemycket för oss. Pengarna ska gå till att köpa instrument som nya "
            "medlemmar kan låna, säger han.",
            "Stipendiet delas ut varje år till en person eller förening som gjort betydande insatser för "
            "kulturlivet i kommunen.",
        ],
        quotes=[
            Quote(
                "Det här betyder jättemycket för oss. Pengarna ska gå till att köpa instrument som nya "
                "medlemmar kan låna",
                "Gustav Eriksson",
                "Spelmanslagets ordförande",
            ),
        ],
        contacts=[
            Contact("Maja Blom", "kultursekreterare", "maja.blom@aspvik.se", "040-628 04 66"),
        ],
    ),
    Article(
        slug="1007",
        title="Upphandling av bredband till landsbygden avbruten",
        published="2025-02-11",
        lead="Kommunen avbryter upphandlingen av fiberutbyggnad i de norra byarna. Inget av de inkomna "
        "anbuden uppfyllde kraven.",
        body=[
            "Upphandlingen gällde fiber till omkring 300 hushåll i Bergby, Lidsjö och Övre Aspvik. Två anbud "
            "kom in, men båda saknade de garantier för utbyggnadstakten som krävdes.",
            "Kommunstyrelsens ordförande Ingrid Moberg (S) beklagar beskedet men säger att kommunen inte ger upp.",
            "– Vi kommer att göra om upphandlingen under hösten. Det är ett demokratiskt problem att en del av "
            "kommunen inte har bra uppkoppling, säger Ingrid Moberg.",
            "Under tiden kan hushållen söka det statliga bredbandsstödet via länsstyrelsen.",
        ],
        quotes=[
            Quote(
                "Vi kommer att göra om upphandlingen under hösten. Det är ett demokratiskt problem att en del "
                "av kommunen inte har bra uppkoppling",
                "Ingrid Moberg",
                "Kommunstyrelsens ordförande",
            ),
        ],
        contacts=[
            Contact(
                "Ingrid Moberg", "kommunstyrelsens ordförande", "ingrid.moberg@aspvik.se", "070-174 06 75"
            ),
            Contact("Oskar Nyman", "upphandlingsansvarig", "oskar.nyman@aspvik.se", "040-628 04 38"),
        ],
    ),
    Article(
        slug="1008",
        title="Högre behörighet till gymnasiet i Aspvik",
        published="2024-08-29",
        lead="Andelen elever i årskurs 9 som blev behöriga till gymnasiet ökade i våras till 89 procent. "
        "Det är den högsta siffran på tio år.",
        body=[
            "Ökningen förklaras bland annat av att skolorna infört extra lästid och läxhjälp på "
            "eftermiddagarna, som ungefär en tredjedel av eleverna har utnyttjat.",
            "Rektor Sanna Wallin på Aspviksskolan berättar: – Läxhjälpen har blivit en mötesplats. Eleverna "
            "hjälper varandra och lärarna hinner träffa dem som behöver det mest.",
            "Kommunen har också anställt två speciallärare som arbetar med elever som riskerar att inte nå "
            "målen i matematik. Satsningen fortsätter under nästa läsår.",
            "Skillnaden mellan pojkar och flickor har också minskat, från tolv procentenheter till fem.",
        ],
        quotes=[
            Quote(
                "Läxhjälpen har blivit en mötesplats. Eleverna hjälper varandra och lärarna hinner träffa dem "
                "som behöver det mest.",
                "Sanna Wallin",
                "Rektor",
            ),
        ],
        contacts=[Contact("Sanna Wallin", "rektor", "sanna.wallin@aspvik.se", "040-628 04 71")],
    ),
]

PAGES = [
    Page(
        "/kontakta-oss.html",
        "Kontakta oss",
        [
            "Växeln har öppet vardagar klockan 8–16.",
            Raw(
                "<ul>"
                + "".join(
                    f'<li>{unit}: <a href="tel:{tel}">{num}</a> <a href="mailto:{mail}">{mail}</a></li>'
                    for unit, num, tel, mail in [
                        ("Växel", "040-628 04 00", "+46406280400", "kommunen@aspvik.se"),
                        ("Bygglov", "040-628 04 33", "+46406280433", "bygglov@aspvik.se"),
                        ("Hemtjänst", "040-628 04 50", "+46406280450", "hemtjanst@aspvik.se"),
                        ("Felanmälan gata", "040-628 04 99", "+46406280499", "gata@aspvik.se"),
                    ]
                )
                + "</ul>"
            ),
        ],
        lastmod="2026-02-02",
    ),
    Page(
        "/trafik-och-gator/snorojning.html",
        "Snöröjning",
        [
            "Kommunen plogar när det har kommit fem centimeter snö på huvudgator och gång- och cykelvägar, "
            "och åtta centimeter på bostadsgator.",
            "Enskilda vägar sköts av vägföreningarna.",
        ],
        lastmod="2025-11-20",
    ),
    Page(
        "/uppleva-och-gora/bibliotek.html",
        "Bibliotek",
        [
            "Aspviks bibliotek ligger vid torget.",
            "– måndag–torsdag 10–19<br>– fredag 10–16<br>– lördag 11–14",
        ],
        lastmod="2025-11-04",
    ),
    Page(
        "/omsorg-och-hjalp/hemtjanst.html",
        "Hemtjänst",
        [
            "Hemtjänst är hjälp i hemmet för dig som inte klarar vardagen på egen hand. Du ansöker hos en "
            "biståndshandläggare.",
            'Ring <a href="tel:+46406280450">040-628 04 50</a> vardagar klockan 8–10.',
        ],
        lastmod="2026-05-19",
    ),
    Page(
        "/kommun-och-politik/sammantraden.html",
        "Sammanträden",
        [
            "Här ser du när kommunens nämnder sammanträder.",
            Raw(
                "<table><tr><th>Datum</th><th>Organ</th></tr>"
                "<tr><td>2 december 2026</td><td>Kommunfullmäktige</td></tr>"
                "<tr><td>9 december 2026</td><td>Kommunstyrelsen</td></tr>"
                "<tr><td>14 januari 2027</td><td>Tekniska nämnden</td></tr></table>"
            ),
        ],
        lastmod="2026-11-02",
    ),
    Page(
        "/4.5f3a2b1c18e2a3b4c5d9001.html",
        "Julmarknad i Hamnparken",
        [
            "Den 12 december ordnas julmarknad i Hamnparken med hantverk, glögg och tomteverkstad för barnen.",
            "– Vi hoppas på lika många besökare som förra året, säger arrangören Tove Ahl.",
        ],
        lead="Välkommen på julmarknad lördagen den 12 december klockan 11–16.",
        section="evenemang",
        lastmod="2026-11-05",
        extra={"date": "2026-11-05", "event": True},
    ),
]

SITE = SiteContent(
    id="aspvik",
    name="Aspviks kommun",
    country="SE",
    language="sv",
    domain="aspvik.se",
    articles=ARTICLES,
    pages=PAGES,
    must_not_contain=[COOKIE_TEXT, SWITCHBOARD, "Aktuellt från Aspvik", "Skriv ut"],
    extra={"switchboard": SWITCHBOARD, "cookie_text": COOKIE_TEXT},
)
