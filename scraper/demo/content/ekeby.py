"""Ekeby kommun: a fictional Swedish municipality on WordPress."""

from __future__ import annotations

from scraper.demo.content import Article, Contact, H, Page, Quote, Raw, SiteContent

SWITCHBOARD = "Växel 0980-319 200"
COOKIE_TEXT = "Vi använder cookies för att ge dig den bästa upplevelsen på vår webbplats."

ARTICLES = [
    Article(
        slug="ekeby-bygger-ny-forskola-i-vasterby",
        title="Ekeby bygger ny förskola i Västerby",
        published="2026-11-10",
        time="08:30",
        author="Lena Holm",
        tags=("skola",),
        lead="Västerby får en ny förskola med plats för 120 barn. Byggstart blir i mars och förskolan ska "
        "öppna i januari 2028.",
        body=[
            "Förskolan byggs på den gamla bollplanen bakom Västerby bygdegård och får sex avdelningar. Huset "
            "byggs i trä och får solceller på taket. Två av de befintliga förskolorna i Västerby, som finns i "
            "tillfälliga moduler, avvecklas när den nya står klar.",
            "Förskolechef Helena Viklund berättar:",
            "– Personalen har varit med från första skissen. Vi har till exempel fått stora kapprum, eftersom "
            "det är där det blir trångt varje morgon och eftermiddag.",
            "Gården planeras tillsammans med barnen. Under våren får de rita och bygga modeller av hur de vill "
            "att utemiljön ska se ut.",
            H("Kostnad och tidsplan"),
            "Byggkostnaden beräknas till 64 miljoner kronor. Upphandlingen av byggentreprenör avslutades i "
            "oktober och fyra företag lämnade anbud.",
            "Vårdnadshavare till barn i de nuvarande modulerna får information via förskolans app i december.",
        ],
        quotes=[
            Quote(
                "Personalen har varit med från första skissen. Vi har till exempel fått stora kapprum, eftersom "
                "det är där det blir trångt varje morgon och eftermiddag.",
                "Helena Viklund",
                "Förskolechef",
            ),
        ],
        contacts=[
            Contact(
                "Helena Viklund", "förskolechef", "helena.viklund@ekeby.se", "0980-319 214", "info-lines"
            ),
        ],
    ),
    Article(
        slug="kommunen-upphandlar-ny-gang-och-cykelbro-over-ekean",
        title="Kommunen upphandlar ny gång- och cykelbro över Ekeån",
        published="2026-10-01",
        time="13:00",
        author="Jonas Ek",
        tags=("trafik",),
        lead="Den gamla träbron över Ekeån ska ersättas. Nu är upphandlingen av en ny gång- och cykelbro "
        "publicerad och anbud kan lämnas till och med den 30 oktober.",
        body=[
            "Träbron vid Kvarnholmen byggdes på 1970-talet. Vid den senaste besiktningen upptäcktes röta i "
            "flera bärande balkar och bron har sedan i våras en viktbegränsning som stänger ute "
            "snöröjningsfordonen.",
            "Den nya bron blir 32 meter lång och fyra meter bred, så att gående och cyklister får separata "
            "fält. Den ska också ha belysning och vara fri från trappsteg.",
            "Bron får ett räcke av galvaniserat stål och en beläggning som ska minska risken för halka på "
            "vintern. Landfästena förstärks så att även mindre snöröjningsfordon kan köra över.",
            H("Så lämnar du anbud"),
            "Upphandlingen annonseras i kommunens upphandlingssystem. Frågor om förfrågningsunderlaget ska "
            "ställas skriftligt i systemet senast tio dagar innan anbudstiden går ut. Svar publiceras för "
            "alla anbudsgivare samtidigt.",
            "Arbetet beräknas starta i april och bron ska kunna användas före sommarlovet 2027. Under byggtiden "
            "hänvisas gång- och cykeltrafik till bron vid Storgatan.",
        ],
        contacts=[
            Contact("Anders Lövgren", "upphandlare", "anders.lovgren@ekeby.se", "0980-319 233", "fragor"),
        ],
    ),
    Article(
        slug="kokningsrekommendationen-i-aby-ar-upphavd",
        title="Kokningsrekommendationen i Åby är upphävd",
        published="2026-08-25",
        updated="2026-08-26",
        time="16:45",
        author="Sara Nilsson",
        tags=("vatten",),
        lead="Dricksvattnet i Åby är åter tjänligt. De senaste proverna visar inga bakterier och "
        "kokningsrekommendationen som infördes förra veckan gäller inte längre.",
        body=[
            "Rekommendationen infördes den 18 augusti efter att ett rutinprov visat förhöjda halter av "
            "koliforma bakterier i ledningsnätet. Orsaken var en läcka på huvudledningen vid Åby skola, där "
            "smutsigt vatten kunnat tränga in.",
            "– Proverna från de senaste tre dygnen är helt rena. Vi har spolat hela nätet och lagat läckan, "
            "säger VA-chef Mikael Strand.",
            "Han uppmanar alla hushåll att spola kallvattnet i några minuter innan det används igen.",
            "– Töm också vattenkaraffer och isbitar som gjorts under perioden. Det är en enkel försiktighetsåtgärd, "
            "säger Mikael Strand.",
            "Under perioden delade kommunen ut dricksvatten från tankbilar vid Åby skola och vid "
            "livsmedelsbutiken. Omkring 400 hushåll berördes. Kommunen ska nu utreda hur läckan kunde uppstå "
            "och om larmet borde ha gått tidigare.",
            "Tillägg 26 augusti: Skolan och förskolan i Åby serverar åter vatten från kranarna från och med i dag.",
        ],
        quotes=[
            Quote(
                "Proverna från de senaste tre dygnen är helt rena. Vi har spolat hela nätet och lagat läckan",
                "Mikael Strand",
                "VA-chef",
            ),
            Quote(
                "Töm också vattenkaraffer och isbitar som gjorts under perioden. Det är en enkel "
                "försiktighetsåtgärd",
                "Mikael Strand",
                "VA-chef",
            ),
        ],
        contacts=[
            Contact("Mikael Strand", "VA-chef", "mikael.strand@ekeby.se", "070-174 06 52", "info-lines"),
        ],
    ),
    Article(
        slug="sommarbiblioteket-oppnar-i-hamnen",
        title="Sommarbiblioteket öppnar i hamnen",
        published="2026-06-05",
        time="10:00",
        author="Lena Holm",
        tags=("kultur",),
        lead="I sommar flyttar en del av biblioteket ut i den gamla tullboden i Ekeby hamn. Där kan du låna "
        "böcker, läsa tidningar och delta i skrivarverkstäder.",
        body=[
            "Sommarbiblioteket har öppet från midsommar till mitten av augusti. Det går att låna och lämna "
            "tillbaka böcker precis som på huvudbiblioteket, och det finns ett särskilt hyllplan med "
            "ljudböcker för den som ska ut och resa.",
            "”Tullboden är en av de vackraste platserna i Ekeby och den har stått tom alldeles för länge”, "
            "säger bibliotekarie Johanna Falk.",
            "Varje torsdag hålls en skrivarverkstad för barn mellan nio och tolv år. Verkstäderna leds av "
            "författaren Petra Moberg och deltagarnas texter samlas i en bok i höst.",
            "Tullboden har renoverats av kommunens fastighetsenhet under våren. Huset har fått ny el, en ramp"
            " vid entrén och en liten uteservering där det går att sitta och läsa när vädret tillåter. "
            "Sommarbiblioteket bemannas av två bibliotekarier och av feriearbetande ungdomar.",
            H("Öppettider"),
            "– tisdag–fredag 11–17<br>– lördag 10–14<br>– midsommarafton stängt",
        ],
        quotes=[
            Quote(
                "Tullboden är en av de vackraste platserna i Ekeby och den har stått tom alldeles för länge",
                "Johanna Falk",
                "bibliotekarie",
            ),
        ],
        contacts=[
            Contact("Johanna Falk", "bibliotekarie", "johanna.falk@ekeby.se", "0980-319 241", "plain"),
        ],
        extra={"link_without_slash": True},
    ),
    Article(
        slug="trygghetskameror-pa-aldreboendet-linblomman",
        title="Trygghetskameror på äldreboendet Linblomman",
        published="2026-03-18",
        time="09:15",
        author="Sara Nilsson",
        tags=("omsorg",),
        lead="Boende på Linblomman som vill kan nu få tillsyn på natten via kamera i stället för att bli "
        "väckta av ett besök. Ett års försök har fallit väl ut.",
        body=[
            "Trygghetskameran är avstängd hela tiden utom när nattpersonalen gör sin tillsyn, då den slås på "
            "under några sekunder. Bilderna sparas inte. Den boende eller en anhörig måste ge sitt samtycke.",
            "Under försöksåret har 14 av de 40 boende valt kameratillsyn. Enhetschef Malin Sundqvist säger att "
            "de som valt kameran sover bättre.",
            "– Många har berättat att de vaknade varje gång dörren öppnades på natten. Nu slipper de det.",
            "– Samtidigt är det viktigt att ingen känner sig övervakad. Därför frågar vi varje boende igen "
            "efter tre månader, säger hon.",
            "Anhöriga har också varit positiva. I en enkät svarade nio av tio att de kände sig trygga med "
            "tekniken, och ingen har valt att avsluta kameratillsynen under försöket.",
            "Socialnämnden har nu beslutat att erbjuda kameratillsyn på kommunens alla fyra särskilda boenden.",
        ],
        quotes=[
            Quote(
                "Många har berättat att de vaknade varje gång dörren öppnades på natten. Nu slipper de det.\n"
                "Samtidigt är det viktigt att ingen känner sig övervakad. Därför frågar vi varje boende igen "
                "efter tre månader",
                "Malin Sundqvist",
                "Enhetschef",
            ),
        ],
        contacts=[
            Contact(
                "Malin Sundqvist", "enhetschef", "malin.sundqvist@ekeby.se", "0980-319 262", "info-lines"
            ),
        ],
    ),
    Article(
        slug="fullmaktige-har-antagit-budgeten-for-2026",
        title="Fullmäktige har antagit budgeten för 2026",
        published="2025-11-26",
        updated="2025-11-28",
        time="21:10",
        author="Jonas Ek",
        tags=("budget", "politik"),
        lead="Efter en lång debatt röstade kommunfullmäktige i kväll igenom majoritetens budget för 2026. "
        "Skattesatsen höjs med 25 öre.",
        body=[
            "Budgeten omsluter 1,9 miljarder kronor. Skattehöjningen ger omkring 12 miljoner kronor extra, "
            "som framför allt går till skolan och till underhåll av vägar och fastigheter.",
            "– Ingen tycker om att höja skatten. Men alternativet hade varit att stänga en skola, och det är "
            "vi inte beredda att göra, säger kommunstyrelsens ordförande Bengt Olofsson (C).",
            "Oppositionen lade ett eget förslag utan skattehöjning men med besparingar inom administrationen.",
            "– Kommunen har anställt fler administratörer än lärare de senaste fem åren. Där borde man börja, "
            "säger oppositionsrådet Camilla Hedlund (KD).",
            "Under debatten lades också ett förslag om att skjuta upp renoveringen av simhallen, men det fick"
            " inte stöd av fullmäktige. Renoveringen startar som planerat i september 2026 och beräknas kosta"
            " 38 miljoner kronor.",
            H("Det här händer nu"),
            "Nämnderna ska senast i januari besluta om hur deras ramar fördelas på verksamheterna. "
            "Protokollet från sammanträdet justeras den 2 december.",
        ],
        quotes=[
            Quote(
                "Ingen tycker om att höja skatten. Men alternativet hade varit att stänga en skola, och det är "
                "vi inte beredda att göra",
                "Bengt Olofsson",
                "kommunstyrelsens ordförande",
            ),
            Quote(
                "Kommunen har anställt fler administratörer än lärare de senaste fem åren. Där borde man börja",
                "Camilla Hedlund",
                "oppositionsrådet",
            ),
        ],
        contacts=[
            Contact(
                "Bengt Olofsson",
                "kommunstyrelsens ordförande",
                "bengt.olofsson@ekeby.se",
                "070-174 06 10",
                "info-lines",
            ),
            Contact(
                "Camilla Hedlund", "oppositionsråd", "camilla.hedlund@ekeby.se", "070-174 06 11", "fragor"
            ),
        ],
    ),
    Article(
        slug="klimatveckan-testa-elcykel-gratis",
        title="Klimatveckan: testa elcykel gratis i två veckor",
        published="2025-09-16",
        time="07:45",
        author="Lena Holm",
        tags=("klimat",),
        lead="Under klimatveckan kan alla som bor eller arbetar i Ekeby låna en elcykel gratis i två veckor. "
        "Tjugo cyklar finns att boka.",
        body=[
            "Utlåningen är en del av kommunens arbete med att minska bilåkandet på korta sträckor. Hälften av "
            "alla bilresor i kommunen är kortare än fem kilometer.",
            "Företag kan dessutom ansöka om att bli certifierade inom projektet ”Cykelvänlig arbetsplats”. "
            "Certifieringen kräver bland annat säkra cykelställ och möjlighet att duscha på jobbet.",
            "– Vi ser att den som har testat en elcykel ofta fortsätter att cykla. Två veckor räcker för att "
            "ändra en vana, säger klimatsamordnare Fredrik Ahlgren.",
            "Under klimatveckan ordnas också en reparationsdag på biblioteket där du kan få hjälp att laga "
            "cykeln, kläder och småelektronik. Kommunens energi- och klimatrådgivare visar dessutom hur du "
            "kan sänka elförbrukningen hemma.",
            "Cyklarna hämtas och lämnas på Kommunhuset. Lånet kräver legitimation och att du är minst 18 år.",
        ],
        quotes=[
            Quote(
                "Vi ser att den som har testat en elcykel ofta fortsätter att cykla. Två veckor räcker för att "
                "ändra en vana",
                "Fredrik Ahlgren",
                "klimatsamordnare",
            ),
        ],
        contacts=[
            Contact(
                "Fredrik Ahlgren", "klimatsamordnare", "Fredrik.Ahlgren@ekeby.se", "0980-319 277", "plain"
            ),
        ],
    ),
    Article(
        slug="nytt-konstverk-vid-resecentrum",
        title="Nytt konstverk vid resecentrum",
        published="2025-05-22",
        time="11:30",
        author="Sara Nilsson",
        tags=("kultur",),
        lead="En sex meter hög skulptur av återvunnet stål välkomnar nu resenärerna vid Ekeby resecentrum. "
        "Verket heter Flyttfåglar.",
        body=[
            "Skulpturen består av 200 stålfåglar som svävar i en spiral runt en mast. Stålet kommer från den "
            "gamla järnvägsbron som revs när resecentrum byggdes om.",
            "”Jag ville att de som går förbi ska känna rörelse, som att vara på väg någonstans”, säger konstnären "
            "Amir Haddad, som vann den öppna tävlingen bland 46 förslag.",
            "Konstverket är finansierat genom enprocentregeln, som innebär att en procent av byggkostnaden "
            "för kommunala byggprojekt går till konstnärlig utsmyckning.",
            "Tävlingen avgjordes av en jury med konstnärer, arkitekter och representanter för kulturnämnden. "
            "De övriga förslagen visas under sommaren i en utställning på biblioteket, där besökarna kan se "
            "skisser och modeller. Skulpturen belyses på kvällarna med energisnåla lampor.",
            "Kulturnämndens ordförande Gunilla Berg (S) är nöjd med resultatet.",
            "– Offentlig konst ska få folk att stanna upp. Det här gör verkligen det, säger hon.",
        ],
        quotes=[
            Quote(
                "Jag ville att de som går förbi ska känna rörelse, som att vara på väg någonstans",
                "Amir Haddad",
                "konstnären",
            ),
            Quote(
                "Offentlig konst ska få folk att stanna upp. Det här gör verkligen det",
                "Gunilla Berg",
                "Kulturnämndens ordförande",
            ),
        ],
        contacts=[
            Contact("Elin Brandt", "kulturstrateg", "elin.brandt@ekeby.se", "0980-319 245", "fragor"),
        ],
    ),
    Article(
        slug="darfor-plogas-cykelvagarna-forst",
        title="Därför plogas cykelvägarna först",
        published="2025-01-14",
        time="06:50",
        author="Jonas Ek",
        tags=("trafik",),
        lead="När snön faller röjer kommunen gång- och cykelvägar före bilvägarna. Det är ett medvetet val "
        "som gör vintern säkrare för fler.",
        body=[
            "Sedan tre vintrar tillbaka prioriterar Ekeby gång- och cykelvägar till skolor, busshållplatser "
            "och vårdcentralen. De ska vara röjda senast klockan sju på morgonen efter ett snöfall.",
            "– En bil klarar fem centimeter snö utan problem, men det gör inte den som går med rullator. "
            "Därför börjar vi där, förklarar gatuchef Tomas Lind.",
            "Bostadsgator röjs när snödjupet är mer än åtta centimeter. Huvudgator och bussgator röjs vid "
            "fem centimeter.",
            "Kommunen ansvarar för omkring 110 kilometer gator och 45 kilometer gång- och cykelvägar. Vid "
            "kraftiga snöfall kan det ta upp till två dygn innan alla bostadsgator är röjda. Halkbekämpningen"
            " görs med sand på gång- och cykelvägar och med salt på de största bussgatorna.",
            H("Hjälp plogbilen"),
            "Parkera inte på gatan när det snöar och ställ soptunnorna på tomten, inte i vägkanten. Snövallar "
            "vid utfarter ansvarar fastighetsägaren för.",
        ],
        quotes=[
            Quote(
                "En bil klarar fem centimeter snö utan problem, men det gör inte den som går med rullator. "
                "Därför börjar vi där",
                "Tomas Lind",
                "gatuchef",
            ),
        ],
        contacts=[Contact("Tomas Lind", "gatuchef", "tomas.lind@ekeby.se", "0980-319 230", "info-lines")],
    ),
    Article(
        slug="nya-parkeringsregler-vid-ekeby-torg",
        title="Nya parkeringsregler vid Ekeby torg",
        published="2024-10-08",
        time="14:20",
        author="Lena Holm",
        tags=("trafik",),
        lead="Från den 1 november blir det avgiftsfritt men tidsbegränsat att parkera vid Ekeby torg. Du får "
        "stå i högst två timmar med p-skiva.",
        body=[
            "I dag kostar det 10 kronor i timmen att parkera på torget. Avgiften tas bort eftersom "
            "parkeringsautomaterna är gamla och behöver bytas, och eftersom handlarna vill att fler ska "
            "stanna till kort.",
            "Tidsbegränsningen gäller vardagar klockan 8–18 och lördagar klockan 9–15. Övrig tid är "
            "parkeringen fri utan tidsgräns.",
            "Rörelsehindrade med parkeringstillstånd får som tidigare parkera utan tidsgräns på de särskilt "
            "markerade platserna framför apoteket.",
            "Boende i centrum som saknar egen parkering kan i stället ansöka om boendeparkering på "
            "Kyrkogatan och Skolgatan. Ansökan görs i kommunens e-tjänst.",
            "Förändringen har diskuterats länge med handlarna i centrum, som märkt att kunderna väljer "
            "köpcentret vid riksvägen där parkeringen är gratis. Kommunen ska utvärdera de nya reglerna efter"
            " ett år. Kontrollen av tidsbegränsningen sköts av kommunens parkeringsvakter.",
            "P-skivor finns att hämta gratis i Kommunhusets reception och hos flera av butikerna på torget.",
        ],
        contacts=[
            Contact("Sofie Lundin", "trafikingenjör", "sofie.lundin@ekeby.se", "0980-319 236", "plain"),
        ],
    ),
    Article(
        slug="sa-rostade-ekeby-i-europaparlamentsvalet",
        title="Så röstade Ekeby i Europaparlamentsvalet",
        published="2024-06-10",
        time="10:05",
        author="Jonas Ek",
        tags=("val", "politik"),
        lead="Valdeltagandet i Ekeby blev 55,8 procent i söndagens val till Europaparlamentet, något högre "
        "än i landet som helhet.",
        body=[
            "Rösträkningen i de elva valdistrikten var klar strax efter midnatt. Det högsta valdeltagandet "
            "hade distriktet Ekeby norra med 63 procent, det lägsta Ekeby centrum med 47 procent.",
            "Flest röster i kommunen fick Socialdemokraterna, följda av Moderaterna och Sverigedemokraterna. "
            "Resultatet skiljer sig bara marginellt från rikets.",
            "Valnämndens ordförande Rolf Axelsson (S) tackar de röstmottagare som arbetat under valet.",
            "– Utan de 120 röstmottagarna hade det inte gått. Många av dem har varit med i flera val och "
            "deras erfarenhet är guld värd, säger Rolf Axelsson.",
            "Under förtidsröstningen röstade drygt 2 800 personer i kommunen, fler än vid förra valet till "
            "Europaparlamentet. Mest populär var röstningslokalen i biblioteket, som hade öppet alla dagar. "
            "Valnämnden ska utvärdera valet under hösten inför valen 2026.",
            "Länsstyrelsen gör den slutliga sammanräkningen av rösterna under veckan. Det preliminära "
            "resultatet per valdistrikt finns hos Valmyndigheten.",
        ],
        quotes=[
            Quote(
                "Utan de 120 röstmottagarna hade det inte gått. Många av dem har varit med i flera val och "
                "deras erfarenhet är guld värd",
                "Rolf Axelsson",
                "Valnämndens ordförande",
            ),
        ],
        contacts=[
            Contact("Valkansliet", None, "val@ekeby.se", "0980-319 205", "desk"),
        ],
    ),
]

PAGES = [
    Page(
        "/kontakt/",
        "Kontakt",
        [
            "Kommunens växel har öppet vardagar klockan 8–16.30. Lunchstängt 12–13.",
            Raw(
                "<ul>\n"
                + "\n".join(
                    f'<li><strong>{unit}</strong>: <a href="tel:{tel}">{num}</a>, '
                    f'<a href="mailto:{mail}">{mail}</a></li>'
                    for unit, num, tel, mail in [
                        ("Växel", "0980-319 200", "+46980319200", "kommun@ekeby.se"),
                        (
                            "Barn- och utbildningsförvaltningen",
                            "0980-319 210",
                            "+46980319210",
                            "bou@ekeby.se",
                        ),
                        ("Socialförvaltningen", "0980-319 260", "+46980319260", "social@ekeby.se"),
                        ("Samhällsbyggnad", "0980-319 230", "+46980319230", "samhallsbyggnad@ekeby.se"),
                        ("Kommunikation och press", "070-174 06 99", "+46701740699", "press@ekeby.se"),
                    ]
                )
                + "\n</ul>"
            ),
            "Postadress: Ekeby kommun, 717 80 Ekeby. Besöksadress: Storgatan 1.",
        ],
        lastmod="2026-01-09",
        extra={"wp_id": 12},
    ),
    Page(
        "/om-kommunen/",
        "Om kommunen",
        [
            "Ekeby kommun har 9 400 invånare och ligger där Ekeån rinner ut i Vänsjön. Kommunen bildades 1971 "
            "när fem landskommuner slogs samman.",
            "Största arbetsgivare är kommunen själv, följd av sågverket i Åby och logistikföretagen vid "
            "riksvägen.",
        ],
        lastmod="2025-04-03",
        extra={"wp_id": 14},
    ),
    Page(
        "/lediga-jobb/",
        "Lediga jobb",
        [
            "Här publicerar vi kommunens lediga tjänster. Sista ansökningsdag står i varje annons.",
            Raw(
                '<ul class="job-list"><li>Undersköterska natt, Linblomman – sista ansökningsdag '
                "2026-12-01</li><li>Förskollärare, Västerby förskola – sista ansökningsdag 2026-12-15</li>"
                "<li>VA-tekniker – sista ansökningsdag 2027-01-10</li></ul>"
            ),
        ],
        lastmod="2026-11-12",
        extra={"wp_id": 16},
    ),
]

SITE = SiteContent(
    id="ekeby",
    name="Ekeby kommun",
    country="SE",
    language="sv",
    domain="ekeby.se",
    articles=ARTICLES,
    pages=PAGES,
    must_not_contain=[COOKIE_TEXT, SWITCHBOARD, "Senaste inläggen", "Inläggsnavigering", "Publicerat i"],
    extra={"switchboard": SWITCHBOARD, "cookie_text": COOKIE_TEXT},
)
