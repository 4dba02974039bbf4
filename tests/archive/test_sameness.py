"""One release or two: the pure rule (scraper.archive.sameness) on near-duplicates written for the project.

The weekly notices and the follow-up are the cases that must stay two articles; the press room copy
with its boilerplate, contacts and an edited word must become one.
"""

from __future__ import annotations

from scraper.archive.sameness import (
    BODY_CONTAINMENT,
    Version,
    body_containment,
    normalised_title,
    same_release,
)
from tests.helpers import sample_article

SITE_BODY = (
    "Ekbacka kommun bygger en ny simhall vid Strandvägen. Bygget börjar i april och hallen ska stå "
    "klar till sommaren 2028.\n\nDen nya hallen får en tävlingsbassäng på 25 meter, en "
    "undervisningsbassäng och ett gym. Den gamla simhallen från 1971 rivs när den nya öppnar.\n\n"
    "– Vi har väntat länge på det här beslutet, säger Lovisa Brandt, ordförande i kultur- och "
    "fritidsnämnden."
)
PRESS_BODY = (
    SITE_BODY.replace("en ny simhall", "en helt ny simhall")
    + "\n\nFör mer information, kontakta Lovisa Brandt, 0123-45 67 89, lovisa.brandt@ekbacka.se.\n\n"
    "Om Ekbacka kommun: Ekbacka är en växande kommun med 24 000 invånare vid sjön Lommen."
)


def notice(week: int, street: str, other: str, days: str, hours: str) -> str:
    return (
        f"Vecka {week} fortsätter arbetet med vatten och avlopp på {street}. Mellan {other} och "
        f"torget är {street} avstängd för biltrafik {days}. Gång- och cykeltrafik leds förbi via "
        f"{other}. Arbetet pågår {hours}. Busslinje {week % 7 + 2} stannar vid tillfälliga hållplatser "
        f"på {other}. Vi ber om överseende med störningarna."
    )


def test_the_press_room_copy_with_boilerplate_and_an_edit_is_the_same_release():
    site = Version("Ny simhall byggs vid Strandvägen", "2026-03-10", SITE_BODY)
    press = Version(
        "Pressmeddelande: Ny simhall byggs vid Strandvägen!", "2026-03-11T08:30:00+01:00", PRESS_BODY
    )
    assert body_containment(site.body, press.body) >= 0.9
    assert same_release(site, press)
    assert same_release(press, site)


def test_two_weekly_road_work_notices_with_one_title_are_two_articles():
    one = notice(11, "Kvarngatan", "Skolgatan", "måndag till onsdag", "klockan 7–16")
    two = notice(12, "Brogatan", "Parkvägen", "torsdag och fredag", "dygnet runt")
    assert body_containment(one, two) < 0.45 < BODY_CONTAINMENT
    # Even published on the same day (a re-sent notice), the bodies tell them apart...
    assert not same_release(
        Version("Vägarbeten i centrum", "2026-03-09", one), Version("Vägarbeten i centrum", "2026-03-09", two)
    )
    # ...and a week apart the date alone does.
    assert not same_release(
        Version("Vägarbeten i centrum", "2026-03-09", one), Version("Vägarbeten i centrum", "2026-03-16", one)
    )


def test_a_follow_up_release_is_not_the_first_one():
    first = Version("Vattenläcka på Tallgatan", "2026-02-03", SITE_BODY.replace("simhall", "ledning"))
    follow_up = Version(
        "Vattenläckan på Tallgatan är lagad",
        "2026-02-04",
        "Ledningen på Tallgatan är lagad och vattnet är tillbaka i alla hushåll sedan klockan sex i morse. "
        "Kokningsrådet gäller till och med fredag, då nya prover har analyserats.\n\n"
        + SITE_BODY.replace("simhall", "ledning").split("\n\n")[0],
    )
    assert not same_release(first, follow_up)
    # The same follow-up with the first release's title (a site that reuses headlines): the body decides.
    assert body_containment(first.body, follow_up.body) < BODY_CONTAINMENT
    assert not same_release(first, Version(first.title, follow_up.published, follow_up.body))


def test_without_a_date_the_text_must_match_almost_whole_and_short_bodies_whole():
    # A site that shows no date on the article: its press room copy (a footer added) is still it...
    assert same_release(
        Version("Ny simhall", None, SITE_BODY), Version("Ny simhall", "2026-03-11", SITE_BODY + " Om oss.")
    )
    # ...but an edited copy is not enough without the date to back it, and weekly notices stay apart.
    assert body_containment(SITE_BODY, PRESS_BODY) < 0.99
    edited = SITE_BODY.replace("april", "maj").replace("25 meter", "50 meter").replace("1971", "1968")
    assert not same_release(
        Version("Ny simhall", None, SITE_BODY), Version("Ny simhall", "2026-03-11", edited)
    )
    one = notice(11, "Kvarngatan", "Skolgatan", "måndag till onsdag", "klockan 7–16")
    two = notice(12, "Kvarngatan", "Skolgatan", "torsdag och fredag", "klockan 7–16")
    assert not same_release(
        Version("Vägarbeten i centrum", None, one), Version("Vägarbeten i centrum", None, two)
    )
    assert same_release(
        Version("Kort", "2026-01-01", "Stängt i dag."), Version("Kort", "2026-01-01", "Stängt i dag.")
    )
    assert not same_release(
        Version("Kort", "2026-01-01", "Biblioteket stängt i dag."),
        Version("Kort", "2026-01-01", "Simhallen stängt i dag."),
    )


def test_normalised_title_drops_case_punctuation_and_a_label():
    assert normalised_title("PRESSMEDDELANDE – Ny  simhall, byggs!") == "ny simhall byggs"
    assert normalised_title(None) == ""


# -- the archive: a merged release is one row with its other URL -------------------------------


def press_copy(**overrides: object):
    """The simhall release as the press room publishes it (a word added, contacts and "about us")."""
    fields: dict = {
        "url": "https://www.mynewsdesk.com/se/uppsala/pressreleases/ny-simhall-byggs-vid-strandvaegen-3311",
        "title": "Ny simhall byggs vid Strandvägen",
        "body": PRESS_BODY,
        "published": "2026-03-11",
        "source": "mynewsdesk",
    }
    return sample_article(**{**fields, **overrides})


def test_the_archive_stores_the_press_room_copy_as_another_url(archive):
    from scraper.archive import MERGED, NEW

    site = sample_article(title="Ny simhall byggs vid Strandvägen", body=SITE_BODY, published="2026-03-10")
    press = press_copy()
    assert archive.save_article(site) == NEW
    assert archive.save_article(press) == MERGED
    assert archive.save_article(press) == MERGED  # found again next crawl: still the one article
    (article_id,) = archive.db.execute("SELECT id FROM articles").fetchone()
    assert archive.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert archive.article_urls(article_id) == [(press.url, "mynewsdesk")]


def test_the_archive_keeps_two_weekly_notices_and_two_site_articles_apart(archive):
    from scraper.archive import NEW

    one = notice(11, "Kvarngatan", "Skolgatan", "måndag till onsdag", "klockan 7–16")
    two = notice(12, "Brogatan", "Parkvägen", "torsdag och fredag", "dygnet runt")
    site = sample_article(url="https://www.uppsala.se/nyheter/v11", title="Vägarbeten i centrum", body=one)
    press = sample_article(
        url="https://www.mynewsdesk.com/se/uppsala/pressreleases/vaegarbeten-i-centrum-12",
        title="Vägarbeten i centrum",
        body=two,
        source="mynewsdesk",
    )
    # The same text twice on the site under two URLs is the site's own business: not merged here.
    again = sample_article(
        url="https://www.uppsala.se/nyheter/v11-kopia", title="Vägarbeten i centrum", body=one
    )
    assert [archive.save_article(a) for a in (site, press, again)] == [NEW, NEW, NEW]
    assert archive.db.execute("SELECT count(*) FROM article_urls").fetchone()[0] == 0
    assert {r[0] for r in archive.db.execute("SELECT source FROM articles")} == {"site", "mynewsdesk"}


def test_the_site_copy_found_after_the_press_room_one_becomes_the_article(archive):
    from scraper.archive import MERGED, NEW
    from scraper.items import Quote

    press = press_copy(fetched_at="2026-03-11T10:00:00Z")
    site = sample_article(
        title="Ny simhall byggs vid Strandvägen",
        body=SITE_BODY,
        published="2026-03-10",
        fetched_at="2026-03-12T10:00:00Z",
        quotes=[Quote(position=0, text="Vi har väntat länge på det här beslutet", speaker="Lovisa Brandt")],
    )
    assert archive.save_article(press) == NEW
    assert archive.save_article(site) == MERGED
    rows = archive.db.execute(
        "SELECT id, url, source, body, first_seen, revision_count FROM articles"
    ).fetchall()
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        (site.url, "site", SITE_BODY, "2026-03-11T10:00:00Z", 0)
    ]
    assert archive.article_urls(rows[0][0]) == [(press.url, "mynewsdesk")]
    assert archive.db.execute("SELECT speaker FROM quotes").fetchall() == [("Lovisa Brandt",)]
    assert archive.save_article(press) == MERGED and archive.save_article(site) == "unchanged"
