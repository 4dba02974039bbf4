"""Hemlunda kommun: a fictional Swedish municipality on SiteVision."""

from __future__ import annotations

from scraper.demo.content import Article, Contact, H, Page, Quote, Raw, SiteContent

SWITCHBOARD = "Kontaktcenter 0500-12 34 50, kommun@hemlunda.se"
COOKIE_TEXT = (
    "Hemlunda kommun använder kakor för att webbplatsen ska fungera och för att förstå hur den används."
)

ARTICLES = [
    Article(
        slug="nytt-vattenverk-i-hemlunda-tas-i-drift",
        title="Nytt vattenverk i Hemlunda tas i drift",
        published="2026-10-14",
        lead="Efter två års byggtid levererar det nya vattenverket vid Getåsen nu dricksvatten till alla "
        "hushåll i centralorten. Kapaciteten räcker för en befolkning som är dubbelt så stor som i dag.",
        body=[
            "Det gamla vattenverket vid Ålvägen byggdes 1961 och har under flera somrar haft svårt att klara "
            "förbrukningstopparna. Sommaren 2024 fick kommunen införa bevattningsförbud i sex veckor.",
            "Det nya verket renar grundvatten i flera steg, bland annat med ultraviolett ljus och ett "
            "kolfilter som tar bort lukt och smak. Hela anläggningen kan styras på distans från "
            "driftcentralen i Hemlunda.",
            "– Vi har byggt för de kommande femtio åren. Ingen ska behöva fundera på om det kommer vatten ur "
            "kranen, säger teknisk chef Jonas Alm.",
            H("Kan märkas som grumligt vatten"),
            "Under de första veckorna kan vissa hushåll märka att vattnet är lite grumligt eller att trycket "
            "varierar. Det beror på att ledningarna spolas igenom när flödet ändrar riktning.",
            "– Låt kranen stå på en stund så klarnar vattnet. Det är helt ofarligt att dricka, säger han.",
            "Det gamla verket rivs under 2027. Tomten ska enligt detaljplanen bli bostäder.",
        ],
        quotes=[
            Quote(
                "Vi har byggt för de kommande femtio åren. Ingen ska behöva fundera på om det kommer vatten "
                "ur kranen",
                "Jonas Alm",
                "teknisk chef",
            ),
            Quote(
                "Låt kranen stå på en stund så klarnar vattnet. Det är helt ofarligt att dricka",
                "Jonas Alm",
                "teknisk chef",
            ),
        ],
        contacts=[
            Contact("Jonas Alm", "Teknisk chef", "jonas.alm@hemlunda.se", "0500-12 34 71", "role-first")
        ],
    ),
    Article(
        slug="budgetforslag-for-2027-mer-pengar-till-aldreomsorgen",
        title="Budgetförslag för 2027: mer pengar till äldreomsorgen",
        published="2026-09-02",
        updated="2026-09-05",
        lead="Kommunstyrelsen föreslår att äldreomsorgen får 18 miljoner kronor mer nästa år. Samtidigt "
        "höjs inte skatten, som ligger kvar på 22,15 kronor.",
        body=[
            "Förslaget till budget för 2027 lades fram på tisdagens sammanträde i kommunstyrelsen. Den största "
            "förändringen är en satsning på bemanningen inom hemtjänsten och på kommunens tre särskilda "
            "boenden.",
            "– Det är ett viktigt beslut för alla som behöver vår omsorg. Vi blir fler äldre i Hemlunda och "
            "då måste resurserna följa med, säger kommunstyrelsens ordförande Anna Lindqvist (S).",
            "Oppositionen vill hellre sänka skatten med tio öre och finansiera satsningen genom att sälja "
            "kommunens andel i industrifastigheten vid Norrby.",
            "– Vi delar målet men inte vägen dit. Att sälja av fastigheter är ett bättre alternativ än att "
            "skjuta upp underhållet av skolorna, förklarar oppositionsrådet Erik Sandberg (M).",
            H("Så går det till"),
            "Budgeten beslutas av kommunfullmäktige den 24 november. Sammanträdet är öppet för allmänheten och "
            "sänds på kommunens webbplats. Läs också vår tidigare nyhet om "
            '<a href="/nyheter/arkiv/upphandling-hemtjanstplanering.html">den nya hemtjänstplaneringen</a>.',
            "Uppdatering 5 september: Siffran för äldreomsorgen har justerats från 17 till 18 miljoner kronor "
            "efter ett räknefel i det första utskicket.",
        ],
        quotes=[
            Quote(
                "Det är ett viktigt beslut för alla som behöver vår omsorg. Vi blir fler äldre i Hemlunda och "
                "då måste resurserna följa med",
                "Anna Lindqvist",
                "kommunstyrelsens ordförande",
            ),
            Quote(
                "Vi delar målet men inte vägen dit. Att sälja av fastigheter är ett bättre alternativ än att "
                "skjuta upp underhållet av skolorna",
                "Erik Sandberg",
                "oppositionsrådet",
            ),
        ],
        contacts=[
            Contact(
                "Anna Lindqvist",
                "Kommunstyrelsens ordförande",
                "anna.lindqvist@hemlunda.se",
                "070-174 06 21",
                "role-first",
            ),
            Contact("Petra Holm", "ekonomichef", "Petra.Holm@hemlunda.se", "0500-12 34 88", "name-role"),
        ],
        contact_heading="Kontaktpersoner",
    ),
    Article(
        slug="asgardsskolan-byggs-ut-med-tolv-nya-klassrum",
        title="Åsgårdsskolan byggs ut med tolv nya klassrum",
        published="2026-06-18",
        lead="Barnkullarna i norra Hemlunda växer och Åsgårdsskolan får en ny flygel. Bygget startar efter "
        "sommarlovet och ska vara klart till höstterminen 2028.",
        body=[
            "Utbyggnaden omfattar tolv klassrum, två grupprum och en ny matsal som ersätter den gamla i "
            "källarplanet. Skolan ska efter utbyggnaden rymma 540 elever från förskoleklass till årskurs 6.",
            "Under byggtiden flyttar årskurs 5 och 6 till tillfälliga paviljonger på skolans bollplan.",
            "Maria Nyberg, rektor på Åsgårdsskolan, säger:",
            "– Vi har trängts i flera år. Nu får vi äntligen lokaler där lärarna kan dela in klasserna i "
            "mindre grupper.",
            "– Paviljongerna blir inte perfekta, men vi har besökt andra skolor som klarat det bra och vi "
            "har lärt oss mycket av dem.",
            H("Trafiken runt skolan ändras"),
            "Byggtrafiken kommer att köras in från Skogsvägen. Hämtning och lämning med bil hänvisas till "
            "den nya angöringsplatsen vid idrottshallen.",
            "Föräldrarna bjuds in till ett informationsmöte i skolans aula den 27 augusti klockan 18.",
        ],
        quotes=[
            Quote(
                "Vi har trängts i flera år. Nu får vi äntligen lokaler där lärarna kan dela in klasserna i "
                "mindre grupper.\nPaviljongerna blir inte perfekta, men vi har besökt andra skolor som klarat "
                "det bra och vi har lärt oss mycket av dem.",
                "Maria Nyberg",
                "rektor på Åsgårdsskolan",
            ),
        ],
        contacts=[
            Contact("Maria Nyberg", "rektor", "maria.nyberg@hemlunda.se", "0500-12 36 02", "name-role"),
            Contact(
                "Lars Wikström", "projektledare", "lars.wikstrom@hemlunda.se", "070-174 06 35", "name-role"
            ),
        ],
        contact_heading="För mer information kontakta",
    ),
    Article(
        slug="kyrkvagen-stangs-av-under-sommaren",
        title="Kyrkvägen stängs av under sommaren",
        published="2026-05-07",
        lead="Vatten- och avloppsledningarna under Kyrkvägen byts ut i sommar. Vägen är avstängd för "
        "genomfartstrafik mellan vecka 24 och vecka 33.",
        body=[
            "Ledningarna under Kyrkvägen är från 1950-talet och har läckt vid flera tillfällen de senaste "
            "åren. I samband med ledningsbytet får vägen också ny beläggning och en separat gång- och cykelbana.",
            "Arbetet görs i tre etapper:",
            "– vecka 24–26: från Storgatan till Prästgårdsvägen<br>– vecka 27–30: från Prästgårdsvägen till "
            "skolan<br>– vecka 31–33: från skolan till rondellen vid Lindängen",
            "Boende längs vägen kan köra till sina fastigheter hela tiden, men får räkna med kortare stopp när "
            "det grävs framför infarterna. Busslinje 4 leds om via Ringvägen och hållplatsen Kyrkvägen flyttas "
            "tillfälligt.",
            "Under arbetet sätts tillfälliga farthinder upp vid skolan och hastigheten sänks till 30 "
            "kilometer i timmen på hela sträckan. Skolskjutsarna får nya hållplatser, och elever och "
            "vårdnadshavare informeras före skolstarten i augusti.",
            H("Sophämtningen fungerar som vanligt"),
            "Sopbilarna kommer fram under hela arbetet. Ställ kärlen vid vägkanten som vanligt senast "
            "klockan 6 på hämtningsdagen.",
        ],
        contacts=[
            Contact(
                "Nils Åberg", "projektledare gata", "nils.aberg@hemlunda.se", "0500-12 34 77", "name-role"
            ),
        ],
        contact_heading="Kontaktperson",
    ),
    Article(
        slug="biblioteket-utokar-oppettiderna",
        title="Biblioteket utökar öppettiderna",
        published="2026-02-24",
        lead="Från den 1 mars har Hemlunda stadsbibliotek öppet även på söndagar. Dessutom förlängs "
        "kvällsöppet på tisdagar och torsdagar till klockan 20.",
        body=[
            "Beslutet är ett resultat av den enkät som 1 100 låntagare svarade på i höstas. Många efterfrågade "
            "mer tid på helgerna, särskilt barnfamiljer och studenter som pluggar inför tentor.",
            "”Vi vill att biblioteket ska vara vardagsrummet för alla i Hemlunda”, säger bibliotekschef "
            "Eva Lindén.",
            "Hon berättar att det nya kaféet i entrén också håller öppet på söndagar. Där kan man läsa "
            "dagstidningar och tidskrifter gratis – även utan lånekort.",
            H("Nya öppettider"),
            "– måndag–torsdag 10–20<br>– fredag 10–17<br>– lördag och söndag 11–15",
            "Under sommaren blir det dessutom sagostunder på lördagar och en läsutmaning för barn mellan sex "
            "och tolv år. Den som läser fem böcker får en biobiljett – och sin bild på väggen i "
            "barnavdelningen.",
            "Meröppet med lånekort och pinkod gäller som tidigare alla dagar klockan 7–22. Idén till "
            "söndagsöppet kom från ungdomsrådet, som också får vara med och planera programmet för “Läslovet” "
            "i höst.",
        ],
        quotes=[
            Quote(
                "Vi vill att biblioteket ska vara vardagsrummet för alla i Hemlunda",
                "Eva Lindén",
                "bibliotekschef",
            ),
        ],
        contacts=[
            Contact("Eva Lindén", "bibliotekschef", "eva.linden@hemlunda.se", "0500-12 35 40", "name-role")
        ],
        extra={"encoding": "windows-1252"},
    ),
    Article(
        slug="stormen-ylva-sa-paverkas-kommunens-verksamheter",
        title="Stormen Ylva: så påverkas kommunens verksamheter",
        published="2025-12-03",
        updated="2025-12-04",
        lead="SMHI har utfärdat en orange varning för storm i Hemlunda. Kommunens krisledning är igång och "
        "flera verksamheter påverkas under onsdagen och torsdagen.",
        body=[
            "Stormen väntas nå kommunen under onsdagskvällen med vindbyar upp till 30 meter per sekund. "
            "Risken för omkullfallna träd och strömavbrott är stor, framför allt i de skogsnära byarna.",
            "− Vi ber alla att undvika onödiga resor och att ladda mobiltelefoner och ha ficklampor hemma, "
            "säger säkerhetssamordnare Henrik Dahl.",
            H("Påverkan på verksamheterna"),
            "Hemtjänsten prioriterar besök hos dem som har mest omfattande behov. Den som får ett besök "
            "inställt blir uppringd. Skolskjutsarna i Västra Hemlunda ställs in på torsdag förmiddag.",
            "Kommunen öppnar en trygghetspunkt i Folkets hus på Torggatan. Där finns värme, el för att ladda "
            "telefoner och kaffe.",
            "− Trygghetspunkten bemannas dygnet runt så länge det behövs, säger Henrik Dahl.",
            "Uppdaterad 4 december klockan 10: Skolorna har öppet som vanligt. Strömmen är tillbaka i alla "
            "byar utom Ramsjö.",
        ],
        quotes=[
            Quote(
                "Vi ber alla att undvika onödiga resor och att ladda mobiltelefoner och ha ficklampor hemma",
                "Henrik Dahl",
                "säkerhetssamordnare",
            ),
            Quote(
                "Trygghetspunkten bemannas dygnet runt så länge det behövs",
                "Henrik Dahl",
                "säkerhetssamordnare",
            ),
        ],
        contacts=[
            Contact(
                "Henrik Dahl", "Säkerhetssamordnare", "henrik.dahl@hemlunda.se", "070-174 06 44", "role-first"
            ),
        ],
    ),
    Article(
        slug="ny-kulturskola-oppnar-i-gamla-tingshuset",
        title="Ny kulturskola öppnar i gamla tingshuset",
        published="2025-10-21",
        lead="Kulturskolan flyttar in i det renoverade tingshuset vid Stora torget. Med större lokaler kan "
        "skolan ta emot hundra fler elever och starta kurser i dans och film.",
        body=[
            "Tingshuset från 1880-talet har stått tomt sedan tingsrätten flyttade för tolv år sedan. Under "
            "ett års renovering har rättssalen blivit konsertsal och de gamla arkivrummen har byggts om till "
            "övningsrum.",
            "— Det är fantastiskt att ett av Hemlundas finaste hus fylls med musik och rörelse igen, "
            "berättar kulturchef Sofia Ek.",
            "Hon hoppas att den nya platsen mitt i stan ska locka elever som tidigare tyckt att det var för "
            "långt att ta sig till de gamla lokalerna i industriområdet.",
            "— Vi ser redan nu att anmälningarna till dansen kommer från hela kommunen, säger hon.",
            H("Invigning med öppet hus"),
            "Invigningen sker lördagen den 8 november klockan 12–16. Då kan alla besöka huset, prova "
            "instrument och se elevernas filmer i den gamla rättssalen.",
            "Terminsavgiften är oförändrad och anmälan till vårterminen öppnar den 1 december.",
        ],
        quotes=[
            Quote(
                "Det är fantastiskt att ett av Hemlundas finaste hus fylls med musik och rörelse igen",
                "Sofia Ek",
                "kulturchef",
            ),
            Quote(
                "Vi ser redan nu att anmälningarna till dansen kommer från hela kommunen",
                "Sofia Ek",
                "kulturchef",
            ),
        ],
        contacts=[Contact("Sofia Ek", "Kulturchef", "sofia.ek@hemlunda.se", "0500-12 35 10", "role-first")],
    ),
    Article(
        slug="klimatplan-hemlunda-ska-halvera-utslappen-till-2030",
        title="Klimatplan: Hemlunda ska halvera utsläppen till 2030",
        published="2025-06-11",
        updated="2025-06-16",
        lead="Kommunfullmäktige har antagit en ny klimatplan. Kommunens egna utsläpp ska halveras till 2030 "
        "och alla skolor ska delta i satsningen ”Grön skola”.",
        body=[
            "Klimatplanen innehåller 34 åtgärder. De största handlar om transporter: kommunens fordonsflotta "
            "ska vara fossilfri 2028 och fler laddplatser byggs vid förskolor och äldreboenden.",
            "Inom satsningen ”Grön skola” får eleverna mäta energianvändningen på sin egen skola och föreslå "
            "förbättringar. Den skola som sparar mest energi under ett läsår får pengar till en klassresa.",
            "”Klimatfrågan avgörs inte bara i riksdagen. Här i Hemlunda kan vi göra skillnad i vardagen”, "
            "säger miljöstrateg Karin Lund.",
            H("Uppföljning varje år"),
            "Miljö- och byggnämnden följer upp planen i en årlig rapport. Den första kommer i mars 2026 och "
            "publiceras på kommunens webbplats.",
            "Planen har tagits fram tillsammans med näringslivet, föreningarna och ungdomsrådet. Under våren "
            "hölls sex dialogmöten där drygt 300 invånare lämnade förslag, bland annat om fler "
            "cykelparkeringar vid stationen och bättre kollektivtrafik till de mindre orterna.",
            "Planen finns att läsa i sin helhet under Kommun och politik.",
        ],
        quotes=[
            Quote(
                "Klimatfrågan avgörs inte bara i riksdagen. Här i Hemlunda kan vi göra skillnad i vardagen",
                "Karin Lund",
                "miljöstrateg",
            ),
        ],
        contacts=[
            Contact("Karin Lund", "miljöstrateg", "karin.lund@hemlunda.se", "0500-12 34 93", "name-role")
        ],
        extra={
            "alias": "/kommun-och-politik/nyheter/2025-06-11-klimatplan-hemlunda-ska-halvera-utslappen-till-2030.html"
        },
    ),
    Article(
        slug="matsvinnet-i-skolorna-har-minskat",
        title="Matsvinnet i skolorna har minskat med en tredjedel",
        published="2025-03-19",
        lead="Eleverna i Hemlundas skolor slänger betydligt mindre mat än för två år sedan. Det visar "
        "kostenhetens mätningar från vårterminen.",
        body=[
            "Under två veckor i februari vägde skolrestaurangerna allt som slängdes från tallrikarna. I "
            "genomsnitt blev det 31 gram per elev och dag, jämfört med 47 gram vid mätningen 2023.",
            "Förändringen beror enligt kostenheten på flera saker. Portionerna serveras i mindre kärl, "
            "eleverna har fått vara med och välja rätter och skolorna har infört en svinnvåg där alla kan se "
            "dagens resultat.",
            H("Pengarna går till bättre råvaror"),
            "Det minskade svinnet motsvarar ungefär 400 000 kronor per år. Pengarna används till mer "
            "svenskt kött och ekologiska grönsaker i skolmaten.",
            "Eleverna i årskurs 5 på Lindängsskolan har varit särskilt engagerade. De har gjort egna "
            "affischer om matsvinn och räknat ut hur många portioner som slängdes under ett helt läsår. "
            "Resultatet presenterades för kommunens politiker i januari.",
            "Nästa mätning görs i oktober och då deltar även förskolorna.",
        ],
        contacts=[
            Contact("Linnea Björk", "kostchef", "linnea.bjork@hemlunda.se", "0500-12 35 77", "name-role")
        ],
        extra={"tracking_link": True},
    ),
    Article(
        slug="fortidsrostningen-infor-valet-startar-den-26-augusti",
        title="Förtidsröstningen inför valet startar den 26 augusti",
        published="2026-08-17",
        lead="Den 13 september är det val till riksdag, region och kommun. Redan från den 26 augusti kan du "
        "förtidsrösta på fyra platser i Hemlunda.",
        body=[
            "Röstkortet skickas hem till alla röstberättigade i slutet av augusti. Ta med röstkortet och en "
            "giltig id-handling när du röstar.",
            "Här kan du förtidsrösta:",
            "– Medborgarkontoret i kommunhuset, vardagar 9–18<br>– Stadsbiblioteket, alla dagar 11–15<br>– "
            "Ramsjö bygdegård, lördagar 10–14<br>– Vårdcentralen Lindängen, tisdagar och torsdagar 12–16",
            "Valnämndens ordförande Gunnel Ahl berättar att kommunen i år har fler röstmottagare än någonsin.",
            "– Vi har utbildat 160 personer för att ingen ska behöva stå i kö länge. Rösta gärna tidigt om "
            "du vet att du är bortrest på valdagen, säger Gunnel Ahl.",
            "Den som inte kan ta sig till en vallokal på grund av sjukdom, funktionsnedsättning eller ålder "
            "kan rösta med hjälp av ett bud. Kommunen erbjuder också ambulerande röstmottagning, där "
            "röstmottagare kommer hem till dig. Beställ den senast den 10 september.",
            "På valdagen har 14 vallokaler öppet klockan 8–20. Vilken vallokal du tillhör står på röstkortet.",
        ],
        quotes=[
            Quote(
                "Vi har utbildat 160 personer för att ingen ska behöva stå i kö länge. Rösta gärna tidigt om "
                "du vet att du är bortrest på valdagen",
                "Gunnel Ahl",
                "Valnämndens ordförande",
            ),
        ],
        contacts=[
            Contact("Valkansliet", None, "val@hemlunda.se", "0500-12 34 60", "desk"),
        ],
    ),
    Article(
        slug="upphandling-av-ny-hemtjanstplanering-klar",
        title="Upphandling av ny hemtjänstplanering klar",
        published="2024-11-28",
        lead="Hemtjänsten i Hemlunda får ett nytt digitalt planeringssystem. Avtalet med leverantören är "
        "klart efter att överprövningstiden gått ut.",
        body=[
            "Det nuvarande systemet har använts sedan 2012 och leverantören slutar stödja det vid årsskiftet. "
            "Upphandlingen annonserades i maj och fem anbud kom in.",
            "– Vi har lagt stor vikt vid att systemet ska vara enkelt för personalen. Det var avgörande att "
            "undersköterskorna själva fick testa systemen under utvärderingen, förklarar upphandlingschef "
            "Kristina Berg.",
            "Det nya systemet planerar besöken utifrån var brukarna bor och minskar körtiden mellan besöken. "
            "Personalen får schemat i en app i telefonen.",
            "Utvärderingen gjordes av en grupp med representanter för personalen, enhetscheferna och it-"
            "avdelningen. Anbuden bedömdes till 60 procent på kvalitet och till 40 procent på pris. Avtalet "
            "gäller i fyra år med möjlighet till förlängning i ytterligare två år.",
            H("Införs i etapper"),
            "Hemtjänstgrupperna i Lindängen och Ramsjö börjar först, i februari. Resten av kommunen följer "
            "efter under våren. Brukarna märker ingen skillnad i hur besöken går till.",
        ],
        quotes=[
            Quote(
                "Vi har lagt stor vikt vid att systemet ska vara enkelt för personalen. Det var avgörande att "
                "undersköterskorna själva fick testa systemen under utvärderingen",
                "Kristina Berg",
                "upphandlingschef",
            ),
        ],
        contacts=[
            Contact(
                "Kristina Berg",
                "Upphandlingschef",
                "kristina.berg@hemlunda.se",
                "0500-12 34 66",
                "role-first",
            ),
        ],
        extra={"redirect_from": "/nyheter/arkiv/upphandling-hemtjanstplanering.html"},
    ),
    Article(
        slug="ny-motesplats-for-seniorer-pa-solgarden",
        title="Ny mötesplats för seniorer på Solgården",
        published="2024-04-15",
        lead="Den 2 maj öppnar Träffpunkt Solgården, en mötesplats för alla som är 65 år eller äldre. Där "
        "blir det allt från stolgympa till digital hjälp.",
        body=[
            "Träffpunkten ligger i bottenvåningen på Solgårdens äldreboende men är öppen för alla seniorer i "
            "kommunen. Verksamheten drivs tillsammans med pensionärsföreningarna och Svenska kyrkan.",
            "– Ensamhet är ett av de största hoten mot äldres hälsa. Här ska det vara lätt att kliva in, "
            "även för den som inte känner någon, berättar enhetschef Olle Ström.",
            "Varje vecka erbjuds bland annat sittgympa, sångstund och en öppen it-hjälp där gymnasieelever "
            "hjälper till med mobiler och surfplattor.",
            "– Eleverna var de första som anmälde sig. Det säger en del om hur mycket generationerna har att "
            "ge varandra, säger han.",
            "Idén till träffpunkten kommer från pensionärsrådet, som i flera år har efterfrågat en plats där "
            "äldre kan träffas utan att det kostar något.",
            "Lunch serveras i restaurangen för 75 kronor. Det behövs ingen anmälan och inget biståndsbeslut.",
        ],
        quotes=[
            Quote(
                "Ensamhet är ett av de största hoten mot äldres hälsa. Här ska det vara lätt att kliva in, "
                "även för den som inte känner någon",
                "Olle Ström",
                "enhetschef",
            ),
            Quote(
                "Eleverna var de första som anmälde sig. Det säger en del om hur mycket generationerna har att "
                "ge varandra",
                "Olle Ström",
                "enhetschef",
            ),
        ],
        contacts=[
            Contact("Olle Ström", "enhetschef", "olle.strom@hemlunda.se", "0500-12 36 15", "name-role")
        ],
    ),
]

# Listing entries that do not lead to a readable article: (path, title, date, status).
BROKEN = [
    (
        "/nyheter/nyheter/2026-07-01-sommaroppet-pa-fritidsgarden.html",
        "Sommaröppet på fritidsgården",
        "2026-07-01",
        404,
    ),
    (
        "/nyheter/nyheter/2026-04-02-nya-regler-for-eldning.html",
        "Nya regler för eldning i tätorten",
        "2026-04-02",
        500,
    ),
    (
        "/nyheter/nyheter/2025-08-20-badplatsen-vid-norrsjon-stangd.html",
        "Badplatsen vid Norrsjön stängd",
        "2025-08-20",
        410,
    ),
]

CONTACT_TABLE = Raw(
    '<table class="sv-table"><thead><tr><th>Verksamhet</th><th>Telefon</th><th>E-post</th></tr></thead><tbody>\n'
    + "\n".join(
        f'<tr><td>{unit}</td><td><a href="tel:{tel}">{num}</a></td>'
        f'<td><a href="mailto:{mail}">{mail}</a></td></tr>'
        for unit, num, tel, mail in [
            ("Kontaktcenter", "0500-12 34 50", "+46500123450", "kommun@hemlunda.se"),
            ("Bygglov", "0500-12 34 80", "+46500123480", "bygglov@hemlunda.se"),
            ("Förskoleplacering", "0500-12 36 30", "+46500123630", "forskola@hemlunda.se"),
            ("Avfall och återvinning", "0500-12 34 75", "+46500123475", "avfall@hemlunda.se"),
            ("Överförmyndare", "0500-12 34 57", "+46500123457", "overformyndare@hemlunda.se"),
            ("Kommunikationsavdelningen", "0500-12 34 55", "+46500123455", "press@hemlunda.se"),
            (
                "Socialjour (kvällar och helger)",
                "0500-12 39 99",
                "+46500123999",
                "socialtjansten@hemlunda.se",
            ),
        ]
    )
    + "\n</tbody></table>"
)

PAGES = [
    Page(
        "/bygga-och-bo.html",
        "Bygga och bo",
        [
            "Här hittar du information om bygglov, avfall, vatten och avlopp, gator och parker.",
            Raw(
                '<ul class="sv-linklist"><li><a href="/bygga-och-bo/bygglov/ansok-om-bygglov.html">Ansök om '
                'bygglov</a></li><li><a href="/bygga-och-bo/avfall-och-atervinning/sophamtning.html">'
                "Sophämtning</a></li></ul>"
            ),
        ],
        lead="Allt om att bygga, bo och leva i Hemlunda kommun.",
        lastmod="2025-11-02",
    ),
    Page(
        "/bygga-och-bo/avfall-och-atervinning/sophamtning.html",
        "Sophämtning",
        [
            "Hushållsavfallet hämtas varannan vecka i villaområdena och varje vecka i flerbostadshus. Matavfall "
            "sorteras i papperspåsar som du hämtar gratis på biblioteket eller i kommunhusets reception.",
            H("Hämtningsdagar"),
            "– Centralorten: måndagar och tisdagar<br>– Lindängen och Norrby: onsdagar<br>– Ramsjö och "
            "Västra Hemlunda: torsdagar",
            "Vid storhelger kan hämtningen flyttas en dag. Frågor om sophämtning besvaras av "
            'avfallsenheten på telefon <a href="tel:+46500123475">0500-12 34 75</a>.',
        ],
        lead="Så fungerar sophämtningen i Hemlunda.",
        section="/bygga-och-bo.html",
        lastmod="2026-01-12",
    ),
    Page(
        "/bygga-och-bo/bygglov/ansok-om-bygglov.html",
        "Ansök om bygglov",
        [
            "Du behöver bygglov för att bygga nytt, bygga till eller ändra användningen av en byggnad. "
            "Ansökan görs i kommunens e-tjänst.",
            H("Handlingar du behöver"),
            "– situationsplan<br>– fasad- och planritningar<br>– kontrollplan för mindre projekt",
            "Handläggningstiden är högst tio veckor från att ansökan är komplett. Bygglovshandläggarna har "
            'telefontid vardagar klockan 9–11 på <a href="tel:+46500123480">0500-12 34 80</a>.',
        ],
        lead="Så söker du bygglov och vad det kostar.",
        section="/bygga-och-bo.html",
        lastmod="2025-09-30",
    ),
    Page(
        "/forskola-och-skola.html",
        "Förskola och skola",
        [
            "Hemlunda kommun har 14 förskolor, sju grundskolor och ett gymnasium.",
            Raw(
                '<ul class="sv-linklist"><li><a href="/forskola-och-skola/forskola/ansok-om-forskoleplats.html">'
                "Ansök om förskoleplats</a></li></ul>"
            ),
        ],
        lead="Förskola, grundskola, gymnasium och vuxenutbildning.",
        lastmod="2025-08-11",
    ),
    Page(
        "/forskola-och-skola/forskola/ansok-om-forskoleplats.html",
        "Ansök om förskoleplats",
        [
            "Du kan ansöka om förskoleplats när ditt barn är fyra månader. Ansök senast fyra månader före "
            "det datum du behöver platsen.",
            "Ansökan görs i e-tjänsten. Placeringsenheten nås på "
            '<a href="tel:+46500123630">0500-12 36 30</a> eller '
            '<a href="mailto:forskola@hemlunda.se">forskola@hemlunda.se</a>.',
        ],
        lead="Så ansöker du om plats i förskola och pedagogisk omsorg.",
        section="/forskola-och-skola.html",
        lastmod="2026-02-01",
    ),
    Page(
        "/kommun-och-politik.html",
        "Kommun och politik",
        [
            "Kommunfullmäktige är kommunens högsta beslutande organ och sammanträder tio gånger per år.",
            "Läs om kommunens klimatarbete i nyheten "
            '<a href="/kommun-och-politik/nyheter/2025-06-11-klimatplan-hemlunda-ska-halvera-utslappen-till-2030.html">'
            "Klimatplan: Hemlunda ska halvera utsläppen till 2030</a>.",
        ],
        lead="Politisk organisation, beslut och protokoll.",
        lastmod="2025-12-18",
    ),
    Page(
        "/kontakt.html",
        "Kontakta oss",
        [
            "Kontaktcenter svarar på frågor om alla kommunens verksamheter vardagar klockan 8–17.",
            CONTACT_TABLE,
            "Besöksadress: Kommunhuset, Storgatan 12, Hemlunda. Postadress: Hemlunda kommun, 546 80 Hemlunda.",
        ],
        lead="Telefonnummer, e-postadresser och öppettider.",
        lastmod="2026-03-01",
        extra={"no_widget": True},
    ),
    Page(
        "/evenemang.html",
        "Evenemang",
        [
            "Här hittar du konserter, marknader, föreläsningar och aktiviteter för barn i hela kommunen.",
            Raw(
                '<ul class="sv-linklist"><li><a href="/evenemang/kalender.html?manad=2026-03">'
                'Evenemangskalender</a></li><li><a href="/evenemang/2026-04-18-varmarknad-pa-torget.html">'
                "Vårmarknad på torget</a></li></ul>"
            ),
        ],
        lead="Vad händer i Hemlunda?",
        lastmod="2026-02-20",
    ),
    Page(
        "/evenemang/2026-04-18-varmarknad-pa-torget.html",
        "Vårmarknad på torget",
        [
            "Lördagen den 18 april fylls Stora torget av knallar, lokala odlare och hantverkare. Marknaden "
            "pågår klockan 9–15 och det finns aktiviteter för barn hela dagen.",
            "– Vi har aldrig haft så många anmälda försäljare som i år, säger marknadsansvarig Jenny Ros.",
            "Torggatan är avstängd för biltrafik under marknadsdagen. Parkera gärna vid idrottsplatsen.",
        ],
        lead="Välkommen till den traditionella vårmarknaden den 18 april 2026.",
        section="/evenemang.html",
        lastmod="2026-03-02",
        extra={"date": "2026-03-02", "event": True},
    ),
    Page(
        "/om-webbplatsen/kakor.html",
        "Kakor på webbplatsen",
        [
            "Webbplatsen använder nödvändiga kakor för att fungera och, om du godkänner det, kakor för "
            "besöksstatistik. Statistiken är anonym.",
        ],
        lastmod="2024-05-02",
    ),
]

SITE = SiteContent(
    id="hemlunda",
    name="Hemlunda kommun",
    country="SE",
    language="sv",
    domain="hemlunda.se",
    articles=ARTICLES,
    pages=PAGES,
    must_not_contain=[
        COOKIE_TEXT,
        "Sidan senast uppdaterad",
        SWITCHBOARD,
        "Use Google to translate the web",
        "Senaste nyheterna",
        "Dela sidan",
    ],
    extra={"broken": BROKEN, "switchboard": SWITCHBOARD, "cookie_text": COOKIE_TEXT},
)
