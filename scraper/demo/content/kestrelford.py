"""Borough of Kestrelford Council: a fictional English council on a GOV.UK-like CMS."""

from __future__ import annotations

from scraper.demo.content import Article, Contact, H, Page, Quote, Raw, SiteContent

SWITCHBOARD = "Telephone 0113 496 0000"
COOKIE_TEXT = "We use some essential cookies to make this website work."
PRESS = Contact("Press office", None, "press@kestrelford.gov.uk", "0113 496 0123", "press")

ARTICLES = [
    Article(
        slug="plans-for-new-secondary-school-in-harwick",
        title="Council sets out plans for new secondary school in Harwick",
        published="2026-11-03",
        updated="2026-11-05",
        lead="A new 900-place secondary school could open in Harwick in September 2029 under plans "
        "published by the council today.",
        body=[
            "The school would be built on council-owned land next to Harwick Leisure Centre and would share "
            "its sports pitches. Pupil numbers in the north of the borough are forecast to rise by a fifth "
            "over the next eight years as new housing is completed.",
            '"This is the biggest investment in education the borough has seen in a generation," said Cllr '
            "Priya Desai, Leader of the Council.",
            'Councillor Tom Hartley, cabinet member for children and education, said: "Families in Harwick '
            "have told us loud and clear that they want a secondary school their children can walk to. These "
            'plans deliver exactly that."',
            H("Have your say"),
            "A six-week consultation on the proposals opens on 10 November. Residents can comment online, at "
            "drop-in sessions at Harwick Library or by post.",
            "Update 5 November: the dates of the drop-in sessions have been added to the consultation page.",
        ],
        quotes=[
            Quote(
                "This is the biggest investment in education the borough has seen in a generation",
                "Priya Desai",
                "Leader of the Council",
            ),
            Quote(
                "Families in Harwick have told us loud and clear that they want a secondary school their "
                "children can walk to. These plans deliver exactly that.",
                "Tom Hartley",
                "cabinet member for children and education",
            ),
        ],
        contacts=[PRESS],
        contact_heading="Media enquiries",
        extra={
            "notes": [
                "The consultation runs from 10 November to 22 December 2026.",
                "The estimated cost of the school is £48 million, funded by the council and developer contributions.",
            ]
        },
    ),
    Article(
        slug="storm-dara-clean-up-under-way",
        title="Storm Dara: clean-up under way across the borough",
        published="2026-09-22",
        lead="Council crews have cleared more than 140 fallen trees since Storm Dara brought gusts of up to "
        "70mph to Kestrelford over the weekend.",
        body=[
            "Most roads have now reopened, but Mill Lane and the B2291 near Ashcombe remain closed while "
            "damaged power lines are repaired. Bin collections missed on Monday will be made on Wednesday.",
            "Mark Ellison, the council's head of resilience, said: \"Our teams have worked through the night "
            "and I want to thank them, along with the volunteers who checked on elderly neighbours. Please "
            'keep reporting fallen trees to us rather than trying to move them yourself."',
            "Residents whose homes were flooded can apply for a hardship grant of up to £500. Applications "
            "are open until 31 October.",
            "The council's emergency centre at the Town Hall was staffed throughout the weekend, and 36 "
            "people were given temporary accommodation after their homes lost power.",
            H("Reporting storm damage"),
            "Fallen trees and blocked drains can be reported online or by calling the council's 24-hour line "
            "on 0113 496 0999.",
        ],
        quotes=[
            Quote(
                "Our teams have worked through the night and I want to thank them, along with the volunteers "
                "who checked on elderly neighbours. Please keep reporting fallen trees to us rather than "
                "trying to move them yourself.",
                "Mark Ellison",
                "the council's head of resilience",
            ),
        ],
        contacts=[PRESS],
        contact_heading="Media enquiries",
    ),
    Article(
        slug="budget-2026-27-approved",
        title="Budget for 2026/27 approved",
        published="2026-02-26",
        lead="Councillors have approved a budget for 2026/27 that protects frontline services while "
        "closing a funding gap of £6.2 million.",
        body=[
            "The Borough of Kestrelford's share of council tax will rise by 4.99 per cent, which adds £1.38 "
            "a week to a Band D bill. The increase includes the 2 per cent precept ring-fenced for adult "
            "social care.",
            "Savings will come from sharing back-office services with neighbouring councils, reducing the "
            "number of council buildings and switching all street lighting to LED.",
            '"Nobody goes into local government wanting to raise council tax," said Cllr Helen Marsh, '
            'cabinet member for finance. "But the alternative was cutting services that residents rely on '
            'every day."',
            "The cabinet will review spending every quarter and report progress on the savings programme to "
            "the scrutiny committee. A further £250,000 has been set aside to help households struggling with"
            " the cost of living.",
            "The budget also sets aside £1.5 million for repairing potholes and £400,000 for youth services.",
        ],
        quotes=[
            # One paragraph with the attribution in the middle: one quote, the clause cut out.
            Quote(
                "Nobody goes into local government wanting to raise council tax\n"
                "But the alternative was cutting services that residents rely on every day.",
                "Helen Marsh",
                "cabinet member for finance",
            ),
        ],
        contacts=[PRESS],
        contact_heading="Media enquiries",
        extra={
            "notes": [
                "Council tax bills for 2026/27 will be sent out in the week beginning 9 March.",
                "The full budget report is available in the council's committee papers.",
            ]
        },
    ),
    Article(
        slug="kestrelford-library-reopens",
        title="Kestrelford Library reopens after £2m refurbishment",
        published="2026-06-02",
        lead="Kestrelford Central Library has reopened its doors after a year-long refurbishment that has "
        "added a children's floor, a café and a makerspace.",
        body=[
            "The Victorian building on Church Street closed in May 2025 so that its roof could be replaced "
            "and a lift installed. For the first time in its 120-year history, every floor is accessible to "
            "wheelchair users.",
            "The new makerspace has 3D printers, a laser cutter and sewing machines, which can be booked free "
            "of charge by library members.",
            "Councillor Amira Hussain, cabinet member for culture and leisure, said: “The library has always "
            "been the heart of Kestrelford. Now it is a heart that everyone can reach.”",
            "“We had 2,000 visitors on the first day alone,” said library manager Robert Quinn.",
            "The refurbishment was funded by the council and a grant from Arts Council England, and the "
            "ground floor remained open as a polling station throughout the works.",
            "Opening hours have been extended to 8pm on Tuesdays and Thursdays.",
        ],
        quotes=[
            Quote(
                "The library has always been the heart of Kestrelford. Now it is a heart that everyone can "
                "reach.",
                "Amira Hussain",
                "cabinet member for culture and leisure",
            ),
            Quote("We had 2,000 visitors on the first day alone", "Robert Quinn", "library manager"),
        ],
        contacts=[PRESS],
        contact_heading="Media enquiries",
    ),
    Article(
        slug="a614-ring-road-roadworks",
        title="Roadworks on the A614 ring road to start in May",
        published="2026-04-14",
        lead="Resurfacing of the A614 ring road between the Station roundabout and Foxley Bridge will start "
        "on 11 May and last for six weeks.",
        body=[
            "The ring road carries around 28,000 vehicles a day and was last resurfaced in 2005. Surveys last"
            " winter found more than 200 defects along the route, including deep potholes near the Station "
            "roundabout.",
            "The work will be done in four phases, mostly overnight between 8pm and 6am, to keep disruption "
            "to a minimum. Signed diversions will be in place for each phase.",
            Raw(
                '<ul class="govuk-list govuk-list--bullet"><li>Phase 1: Station roundabout to Mill Street, '
                "11 to 22 May</li><li>Phase 2: Mill Street to Queen's Road, 25 May to 5 June</li>"
                "<li>Phase 3: Queen's Road to Foxley Bridge, 8 to 19 June</li><li>Phase 4: road markings, "
                "22 June</li></ul>"
            ),
            "Bus services 3 and 7 will be diverted during the overnight closures. Access for emergency "
            "vehicles will be maintained at all times.",
            "Residents and businesses along the route will receive a letter with details of the closures two "
            "weeks before each phase begins. Pedestrian access to all properties will be maintained.",
            "The £1.1 million scheme is funded by the Department for Transport's pothole fund.",
        ],
        contacts=[
            Contact(
                "Daniel Price",
                "Highways Project Manager",
                "daniel.price@kestrelford.gov.uk",
                "0113 496 0418",
                "named",
            ),
        ],
        contact_heading="Contact",
    ),
    Article(
        slug="extra-care-housing-opens-in-moorfield",
        title="New extra care housing for older residents opens in Moorfield",
        published="2025-12-09",
        updated="2025-12-11",
        lead="The first residents have moved into Heron Court, a 60-flat extra care scheme in Moorfield "
        "built by the council with Kestrelford Homes.",
        body=[
            "Extra care housing lets older people live independently in their own flat, with care staff on "
            "site around the clock. Heron Court also has a restaurant, a hair salon and a community room "
            "that is open to people living nearby.",
            'Margaret Doyle, 84, was among the first to move in. "I have my own front door and my own '
            'things, but I know someone is there if I need them," she said.',
            'Cllr Simon Baker, cabinet member for adult social care, said: "Heron Court means fewer people '
            'will have to move into a care home before they need to."',
            "Heron Court was built on the site of a former council depot.",
            "Applications for the remaining flats are open to residents aged 55 and over with an assessed "
            "care need.",
        ],
        quotes=[
            Quote(
                "I have my own front door and my own things, but I know someone is there if I need them",
                "Margaret Doyle",
                None,
            ),
            Quote(
                "Heron Court means fewer people will have to move into a care home before they need to.",
                "Simon Baker",
                "cabinet member for adult social care",
            ),
        ],
        contacts=[
            Contact(
                "Grace Whitfield",
                "Extra Care Housing Officer",
                "grace.whitfield@kestrelford.gov.uk",
                "0113 496 0462",
                "named",
            ),
            PRESS,
        ],
        contact_heading="Media enquiries",
    ),
    Article(
        slug="draft-climate-action-plan-consultation",
        title="Council publishes draft Climate Action Plan for consultation",
        published="2025-08-19",
        lead="Residents are being asked for their views on the council's draft Climate Action Plan, which "
        "sets a target of net zero for the council's own operations by 2035.",
        body=[
            'The plan includes the "Greener Streets" programme, which would plant 5,000 street trees and '
            "create pocket parks on unused land in the town centre.",
            "Other proposals include solar panels on all council-owned schools and leisure centres, and "
            "electric vehicle charging points in every public car park.",
            '"We cannot do this alone, which is why we want to hear from as many people as possible," said '
            "Cllr Laura Bennett, cabinet member for climate and environment.",
            "The council declared a climate emergency in 2022 and has since cut emissions from its own "
            "buildings by 18 per cent, largely by replacing old gas boilers with heat pumps. A summary of the"
            " responses will be published in the winter.",
            "The consultation closes on 30 September. Paper copies of the survey are available at all "
            "libraries.",
        ],
        quotes=[
            Quote(
                "We cannot do this alone, which is why we want to hear from as many people as possible",
                "Laura Bennett",
                "cabinet member for climate and environment",
            ),
        ],
        contacts=[PRESS],
        contact_heading="Media enquiries",
    ),
    Article(
        slug="local-election-results-2025",
        title="Borough council election results 2025",
        published="2025-05-02",
        lead="The results of the borough council elections held on 1 May have been declared, with turnout "
        "across Kestrelford at 34.6 per cent.",
        body=[
            "All 42 seats on the council were up for election. The count took place overnight at the "
            "Kestrelford Leisure Centre and the final result was declared at 5.40am.",
            'Returning Officer Catherine Ward said: "I would like to thank the candidates, agents and the '
            "more than 300 staff who worked at polling stations and at the count. Their hard work made this "
            'election run smoothly."',
            "Full results for each ward, including the number of votes cast for every candidate, are "
            "published on the elections pages.",
            "Turnout was slightly lower than at the last borough elections in 2021, when 36.1 per cent of "
            "registered voters took part. Around 11,000 people voted by post.",
            "The new council will meet for the first time on 20 May to elect the Mayor and the Leader.",
        ],
        quotes=[
            Quote(
                "I would like to thank the candidates, agents and the more than 300 staff who worked at polling "
                "stations and at the count. Their hard work made this election run smoothly.",
                "Catherine Ward",
                "Returning Officer",
            ),
        ],
        contacts=[
            Contact("Electoral Services", None, "elections@kestrelford.gov.uk", "0113 496 0355", "desk"),
        ],
        contact_heading="Contact",
    ),
    Article(
        slug="waste-and-recycling-contract-awarded",
        title="Contract awarded for waste and recycling services",
        published="2024-11-20",
        lead="A new eight-year contract for bin collections and street cleaning has been awarded following a "
        "competitive tender.",
        body=[
            "The contract, worth £74 million, starts on 1 April 2025. It includes a weekly food waste "
            "collection for every household, which will be introduced in stages from the summer.",
            "Six companies bid for the contract. Bids were scored on quality, carbon emissions and social "
            "value as well as price.",
            '"Residents will notice a cleaner town centre and, from next year, a simpler way to recycle '
            'food waste," said Cllr Owen Fletcher, cabinet member for environmental services.',
            "The current contract ends on 31 March 2025 after ten years. The new contractor will take over "
            "the existing depot at Foxley and has committed to keeping all current staff on the same terms "
            "and conditions.",
            "The collection days for most households will not change. Anyone whose day changes will receive a "
            "letter at least four weeks in advance.",
        ],
        quotes=[
            Quote(
                "Residents will notice a cleaner town centre and, from next year, a simpler way to recycle food "
                "waste",
                "Owen Fletcher",
                "cabinet member for environmental services",
            ),
        ],
        contacts=[PRESS],
        contact_heading="Media enquiries",
        extra={"notes": ["The contract was procured under the Public Contracts Regulations 2015."]},
    ),
    Article(
        slug="riverside-festival-returns",
        title="Riverside Festival returns with record line-up",
        published="2024-06-18",
        lead="More than 40 bands and performers will take part in this year's Riverside Festival, which "
        "returns to Kestrelford Meadows on 13 and 14 July.",
        body=[
            "Now in its 25th year, the free festival has grown from a single stage to four, including a "
            "family tent with storytelling and circus workshops.",
            "For the first time the festival will run a shuttle bus from the railway station, and the "
            "Meadows car park will be reserved for Blue Badge holders.",
            'Festival director Joanna Kemp said: "Twenty-five years ago we had a trailer and a generator. '
            'This year we have artists coming from all over the country."',
            "Last year's festival attracted around 30,000 visitors over the weekend, and a survey found that "
            "more than a third had travelled from outside the borough. Food and drink stalls will again be "
            "run by local traders.",
            "Volunteers are still needed to help with stewarding. Anyone interested can sign up online until "
            "30 June.",
        ],
        quotes=[
            Quote(
                "Twenty-five years ago we had a trailer and a generator. This year we have artists coming from "
                "all over the country.",
                "Joanna Kemp",
                "Festival director",
            ),
        ],
        contacts=[
            Contact(
                "Joanna Kemp", "Festival Director", "joanna.kemp@kestrelford.gov.uk", "0113 496 0271", "named"
            ),
        ],
        contact_heading="Contact",
    ),
]

PAGES = [
    Page(
        "/council-tax",
        "Council tax",
        [
            "Council tax pays for local services such as bin collections, libraries, parks and social care.",
            H("Council tax bands 2026/27"),
            Raw(
                '<table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row">'
                '<th class="govuk-table__header">Band</th><th class="govuk-table__header">Annual amount</th>'
                '</tr></thead><tbody class="govuk-table__body">'
                + "".join(
                    f'<tr class="govuk-table__row"><td class="govuk-table__cell">{b}</td>'
                    f'<td class="govuk-table__cell">£{v}</td></tr>'
                    for b, v in [("A", "1,432.10"), ("B", "1,670.78"), ("C", "1,909.47"), ("D", "2,148.15")]
                )
                + "</tbody></table>"
            ),
            'Questions about your bill? Call <a href="tel:+441134960200">0113 496 0200</a>.',
        ],
        lead="Bands, how to pay and discounts.",
        lastmod="2026-03-02",
    ),
    Page(
        "/bins-and-recycling/find-your-bin-collection-day",
        "Find your bin collection day",
        [
            "Enter your postcode to find out which day your bins are collected.",
            Raw(
                '<form action="/bins-and-recycling/find-your-bin-collection-day" method="get">'
                '<label class="govuk-label" for="postcode">Postcode</label>'
                '<input class="govuk-input" id="postcode" name="postcode" type="text">'
                '<button class="govuk-button">Find</button></form>'
            ),
            "Bins should be put out by 7am on your collection day.",
        ],
        section="/bins-and-recycling",
        lastmod="2025-10-14",
    ),
    Page(
        "/bins-and-recycling",
        "Bins and recycling",
        [
            "Collections, missed bins, bulky waste and recycling centres.",
            Raw(
                '<ul class="govuk-list"><li><a class="govuk-link" '
                'href="/bins-and-recycling/find-your-bin-collection-day">Find your bin collection day</a></li></ul>'
            ),
        ],
        lastmod="2025-10-14",
    ),
    Page(
        "/contact-us",
        "Contact us",
        [
            "Our customer contact centre is open Monday to Friday, 9am to 5pm.",
            Raw(
                '<ul class="govuk-list">'
                + "".join(
                    f'<li>{unit}: <a class="govuk-link" href="tel:{tel}">{num}</a> – '
                    f'<a class="govuk-link" href="mailto:{mail}">{mail}</a></li>'
                    for unit, num, tel, mail in [
                        (
                            "General enquiries",
                            "0113 496 0000",
                            "+441134960000",
                            "enquiries@kestrelford.gov.uk",
                        ),
                        ("Council tax", "0113 496 0200", "+441134960200", "counciltax@kestrelford.gov.uk"),
                        ("Housing", "0113 496 0300", "+441134960300", "housing@kestrelford.gov.uk"),
                        (
                            "Out of hours emergencies",
                            "0113 496 0999",
                            "+441134960999",
                            "emergency@kestrelford.gov.uk",
                        ),
                        ("Press office", "0113 496 0123", "+441134960123", "press@kestrelford.gov.uk"),
                    ]
                )
                + "</ul>"
            ),
            "Kestrelford Council, Town Hall, Market Square, Kestrelford KF1 1AA.",
        ],
        lastmod="2026-01-20",
    ),
    Page(
        "/consultations",
        "Consultations",
        [
            "We want to know what you think about our plans. Current consultations are listed below.",
            Raw(
                '<ul class="govuk-list"><li>New secondary school in Harwick – closes 22 December 2026</li>'
                "<li>Parking charges in district centres – closes 15 January 2027</li></ul>"
            ),
        ],
        lastmod="2026-11-05",
    ),
    Page(
        "/whats-on",
        "What's on",
        [
            "Events in Kestrelford's parks, libraries and museums.",
            Raw(
                '<ul class="govuk-list"><li><a class="govuk-link" href="/whats-on/events/winter-lights-trail">'
                "Winter Lights Trail</a> – 28 November 2026 to 3 January 2027</li><li>Family fun day, Foxley "
                "Park – 6 December 2026</li></ul>"
            ),
        ],
        lastmod="2026-11-01",
    ),
    Page(
        "/whats-on/events/winter-lights-trail",
        "Winter Lights Trail",
        [
            "Kestrelford Meadows will be transformed by more than 30 light installations this winter. The "
            "trail is open every evening from 4.30pm to 9pm.",
            '"It is the perfect way to start the festive season," said Cllr Amira Hussain.',
            "Tickets cost £6 for adults and £3 for children.",
        ],
        lead="A magical evening walk through Kestrelford Meadows.",
        section="/whats-on",
        lastmod="2026-10-28",
        extra={"date": "2026-10-28", "event": True},
    ),
    Page(
        "/news/media-centre",
        "Media centre",
        [
            "The press office deals with enquiries from journalists, Monday to Friday, 9am to 5pm. Out of "
            'hours, call the duty press officer on <a href="tel:+441134960123">0113 496 0123</a>.',
            'Email <a class="govuk-link" href="mailto:press@kestrelford.gov.uk">press@kestrelford.gov.uk</a> or '
            'call <a href="tel:+441134960123">0113 496 0123</a>.',
        ],
        section="/news",
        lastmod="2025-11-11",
    ),
]

SITE = SiteContent(
    id="kestrelford",
    name="Borough of Kestrelford Council",
    country="GB",
    language="en",
    domain="kestrelford.gov.uk",
    articles=ARTICLES,
    pages=PAGES,
    must_not_contain=[COOKIE_TEXT, SWITCHBOARD, "Is this page useful?", "Related content"],
    extra={"switchboard": SWITCHBOARD, "cookie_text": COOKIE_TEXT},
)
