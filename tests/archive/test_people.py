"""The people table on tmp_path databases: linking quotes and contacts to one person per municipality."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from scraper.archive import Archive, name_key, similar_names
from scraper.items import Contact, Quote
from tests.helpers import numbered_article, people, person, roles, two_quotes

KRISTOFER = "kristofer.svensson@uppsala.se"


@pytest.fixture
def archive(tmp_path: Path):
    arch = Archive(tmp_path / "archive.db")
    arch.save_municipalities(
        [{"id": "uppsala", "name": "Uppsala kommun"}, {"id": "ale", "name": "Ale kommun"}]
    )
    yield arch
    arch.close()


# -- name keys ------------------------------------------------------------------------------------


def test_name_key_folds_case_and_space_keeps_swedish_letters() -> None:
    assert name_key("  Åsa   ÖBERG ") == "åsa öberg"
    assert name_key("Åsa Öberg") != name_key("Asa Oberg")
    assert name_key("A\u030asa") == name_key("Åsa")  # decomposed å is the same letter
    assert name_key("   ") is None
    assert name_key(None) is None


def test_similar_names() -> None:
    assert similar_names("kristofer svensson", "kristoffer svensson")
    assert similar_names("k. svensson", "kristofer svensson")
    assert not similar_names("anna ek", "bo lind")
    assert not similar_names("anna ek", "anna eklund")


# -- linking ---------------------------------------------------------------------------------------


def test_two_articles_one_person(archive: Archive) -> None:
    two_quotes(archive)
    assert len(people(archive)) == 1
    kristofer = person(archive, "Kristofer Svensson")
    assert kristofer["name"] == "Kristofer Svensson"
    assert kristofer["quote_count"] == 2
    assert kristofer["contact_count"] == 0
    assert (kristofer["first_quoted"], kristofer["last_quoted"]) == ("2023-02-01", "2024-09-15")
    assert kristofer["role"] == "kommunstyrelsens ordförande"  # the most recent


def test_roles_over_time(archive: Archive) -> None:
    two_quotes(archive)
    archive.save_article(
        numbered_article(3, "2023-05-01", quotes=[Quote(0, "Bra", "Kristofer Svensson", "Kommunalråd")])
    )
    kristofer = person(archive, "Kristofer Svensson")
    assert roles(archive, kristofer["id"]) == [
        ("Kommunalråd", "2023-02-01", "2023-05-01", 2),  # spelled as most recently written
        ("kommunstyrelsens ordförande", "2024-09-15", "2024-09-15", 1),
    ]


def test_every_quote_linked(archive: Archive) -> None:
    two_quotes(archive)
    kid = person(archive, "Kristofer Svensson")["id"]
    assert [r[0] for r in archive.db.execute("SELECT person_id FROM quotes")] == [kid, kid]


def test_contact_with_same_name_linked(archive: Archive) -> None:
    two_quotes(archive)
    archive.save_article(
        numbered_article(
            3,
            "2024-10-01",
            contacts=[
                Contact(
                    name="Kristofer Svensson",
                    role="kommunstyrelsens ordförande",
                    email=KRISTOFER,
                    phone="+4618727000",
                )
            ],
        )
    )
    assert len(people(archive)) == 1
    kristofer = person(archive, "Kristofer Svensson")
    assert (kristofer["email"], kristofer["phone"]) == (KRISTOFER, "+4618727000")
    assert (kristofer["quote_count"], kristofer["contact_count"]) == (2, 1)
    assert archive.db.execute("SELECT person_id FROM contacts").fetchone()[0] == kristofer["id"]
    assert roles(archive, kristofer["id"])[-1] == (
        "kommunstyrelsens ordförande",
        "2024-09-15",
        "2024-10-01",
        2,
    )


def test_quote_and_contact_in_one_article(archive: Archive) -> None:
    archive.save_article(
        numbered_article(
            1,
            "2024-01-01",
            quotes=[Quote(0, "Välkomna", "Anna Ek", "förskolechef")],
            contacts=[Contact(name="Anna Ek", email="anna.ek@uppsala.se")],
        )
    )
    anna = person(archive, "Anna Ek")
    assert (anna["quote_count"], anna["contact_count"], anna["email"]) == (1, 1, "anna.ek@uppsala.se")
    assert roles(archive, anna["id"]) == [("förskolechef", "2024-01-01", "2024-01-01", 1)]


def test_most_recent_email_and_phone(archive: Archive) -> None:
    archive.save_article(
        numbered_article(2, "2024-05-01", contacts=[Contact(name="Anna Ek", email="anna.ek@nya.uppsala.se")])
    )
    archive.save_article(
        numbered_article(
            1, "2022-05-01", contacts=[Contact(name="Anna Ek", email="anna.ek@uppsala.se", phone="+461")]
        )
    )
    anna = person(archive, "Anna Ek")
    assert anna["email"] == "anna.ek@nya.uppsala.se"  # by publication date, not by order of crawling
    assert anna["phone"] == "+461"  # the most recent phone given, even if older than the e-mail


def test_same_email_other_spelling_same_person(archive: Archive) -> None:
    archive.save_article(
        numbered_article(1, "2024-01-01", contacts=[Contact(name="Kristofer Svensson", email=KRISTOFER)])
    )
    archive.save_article(
        numbered_article(2, "2024-02-01", contacts=[Contact(name="Kristoffer Svensson", email=KRISTOFER)])
    )
    assert len(people(archive)) == 1
    assert person(archive, "Kristofer Svensson")["contact_count"] == 2


def test_email_match_also_takes_the_quote_in_that_article(archive: Archive) -> None:
    archive.save_article(
        numbered_article(1, "2024-01-01", contacts=[Contact(name="Kristofer Svensson", email=KRISTOFER)])
    )
    archive.save_article(
        numbered_article(
            2,
            "2024-02-01",
            quotes=[Quote(0, "Det är bra", "Kristoffer Svensson")],
            contacts=[Contact(name="Kristoffer Svensson", email=KRISTOFER)],
        )
    )
    assert len(people(archive)) == 1
    kristofer = person(archive, "Kristofer Svensson")
    assert (kristofer["quote_count"], kristofer["contact_count"]) == (1, 2)


def test_email_known_from_an_earlier_contact(archive: Archive) -> None:
    """The person's current email changed; an older address still identifies them."""
    archive.save_article(
        numbered_article(1, "2020-01-01", contacts=[Contact(name="Kristofer Svensson", email=KRISTOFER)])
    )
    archive.save_article(
        numbered_article(
            2, "2024-01-01", contacts=[Contact(name="Kristofer Svensson", email="ks@uppsala.se")]
        )
    )
    archive.save_article(
        numbered_article(3, "2024-02-01", contacts=[Contact(name="Kristoffer Svensson", email=KRISTOFER)])
    )
    assert len(people(archive)) == 1
    assert person(archive, "Kristofer Svensson")["email"] == KRISTOFER  # 2024-02-01 is now the latest


def test_shared_desk_address_does_not_merge_people(archive: Archive) -> None:
    desk = "kommunikation@uppsala.se"
    archive.save_article(numbered_article(1, "2024-01-01", contacts=[Contact(name="Anna Ek", email=desk)]))
    archive.save_article(numbered_article(2, "2024-02-01", contacts=[Contact(name="Bo Lind", email=desk)]))
    assert {p["name"] for p in people(archive)} == {"Anna Ek", "Bo Lind"}


def test_contact_without_name_links_by_email(archive: Archive) -> None:
    archive.save_article(
        numbered_article(1, "2024-01-01", contacts=[Contact(name="Anna Ek", email="anna.ek@uppsala.se")])
    )
    archive.save_article(numbered_article(2, "2024-02-01", contacts=[Contact(email="anna.ek@uppsala.se")]))
    archive.save_article(numbered_article(3, "2024-03-01", contacts=[Contact(email="okand@uppsala.se")]))
    assert person(archive, "Anna Ek")["contact_count"] == 2
    assert len(people(archive)) == 1
    assert (
        archive.db.execute("SELECT person_id FROM contacts WHERE email = 'okand@uppsala.se'").fetchone()[0]
        is None
    )


def test_quote_without_speaker_links_nobody(archive: Archive) -> None:
    archive.save_article(
        numbered_article(1, "2024-01-01", quotes=[Quote(0, "Anonymt", None), Quote(1, "Blankt", "  ")])
    )
    assert people(archive) == []
    assert archive.db.execute("SELECT count(*) FROM quotes WHERE person_id IS NOT NULL").fetchone()[0] == 0


def test_same_name_two_municipalities_two_people(archive: Archive) -> None:
    archive.save_article(numbered_article(1, "2024-01-01", quotes=[Quote(0, "Hej", "Anna Ek")]))
    archive.save_article(
        numbered_article(
            1,
            "2024-01-01",
            municipality_id="ale",
            quotes=[Quote(0, "Hej", "Anna Ek")],
            contacts=[Contact(name="Anna Ek", email="anna.ek@uppsala.se")],
        )
    )
    assert len(people(archive)) == 2
    assert person(archive, "Anna Ek", "uppsala")["email"] is None
    assert person(archive, "Anna Ek", "ale")["email"] == "anna.ek@uppsala.se"
    assert person(archive, "Anna Ek", "ale")["quote_count"] == 1


def test_email_does_not_cross_municipalities(archive: Archive) -> None:
    archive.save_article(
        numbered_article(1, "2024-01-01", contacts=[Contact(name="Kristofer Svensson", email=KRISTOFER)])
    )
    archive.save_article(
        numbered_article(
            1, "2024-02-01", "ale", contacts=[Contact(name="Kristoffer Svensson", email=KRISTOFER)]
        )
    )
    assert [(p["municipality_id"], p["name"]) for p in people(archive)] == [
        ("uppsala", "Kristofer Svensson"),
        ("ale", "Kristoffer Svensson"),
    ]


# -- re-crawls and updates -----------------------------------------------------------------------


def snapshot(arch: Archive) -> tuple[list[tuple[Any, ...]], ...]:
    return tuple(
        [tuple(r) for r in arch.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2")]
        for t in ("people", "person_roles")
    )


def test_resave_unchanged_keeps_people(archive: Archive) -> None:
    two_quotes(archive)
    before = snapshot(archive)
    assert (
        archive.save_article(
            numbered_article(
                1, "2023-02-01", quotes=[Quote(0, "Vi bygger", "Kristofer Svensson", "kommunalråd")]
            )
        )
        == "unchanged"
    )
    assert snapshot(archive) == before


def test_resave_updated_same_people_keeps_counts(archive: Archive) -> None:
    """Quotes replaced as a set (new wording, same speaker): relinked, not double-counted."""
    two_quotes(archive)
    before = snapshot(archive)
    quotes = [Quote(0, "Vi bygger nytt", "Kristofer Svensson", "kommunalråd")]
    assert (
        archive.save_article(numbered_article(1, "2023-02-01", body="Ny text.", quotes=quotes)) == "updated"
    )
    assert snapshot(archive) == before


def test_update_dropping_a_quote_decrements(archive: Archive) -> None:
    two_quotes(archive)
    assert archive.save_article(numbered_article(2, "2024-09-15", quotes=[])) == "updated"
    kristofer = person(archive, "Kristofer Svensson")
    assert kristofer["quote_count"] == 1
    assert kristofer["last_quoted"] == "2023-02-01"
    assert kristofer["role"] == "kommunalråd"
    assert roles(archive, kristofer["id"]) == [("kommunalråd", "2023-02-01", "2023-02-01", 1)]


def test_update_dropping_the_last_quote_removes_the_person(archive: Archive) -> None:
    archive.save_article(
        numbered_article(1, "2024-01-01", quotes=[Quote(0, "Hej", "Bo Lind", "kommunalråd")])
    )
    archive.save_article(numbered_article(1, "2024-01-01", quotes=[Quote(0, "Hej", "Bo Lindh")]))
    assert [p["name"] for p in people(archive)] == ["Bo Lindh"]
    assert archive.db.execute("SELECT count(*) FROM person_roles").fetchone()[0] == 0


def test_new_publication_date_moves_dates(archive: Archive) -> None:
    two_quotes(archive)
    archive.save_article(
        numbered_article(1, "2022-12-24", quotes=[Quote(0, "Vi bygger", "Kristofer Svensson", "kommunalråd")])
    )
    assert person(archive, "Kristofer Svensson")["first_quoted"] == "2022-12-24"


def test_failed_save_leaves_no_person(archive: Archive) -> None:
    archive.db.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON contacts BEGIN SELECT raise(ABORT, 'boom'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        archive.save_article(
            numbered_article(
                1, "2024-01-01", quotes=[Quote(0, "Hej", "Anna Ek")], contacts=[Contact(name="Anna Ek")]
            )
        )
    assert people(archive) == []
    assert archive.db.execute("SELECT count(*) FROM person_roles").fetchone()[0] == 0


def test_fts_integrity_after_people_changes(archive: Archive) -> None:
    two_quotes(archive)
    archive.save_article(numbered_article(2, "2024-09-15", quotes=[Quote(0, "Annat", "Anna Ek")]))
    archive.fts_integrity_check()
    hits = archive.db.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'annat'").fetchall()
    assert len(hits) == 1


def test_foreign_keys_hold(archive: Archive) -> None:
    two_quotes(archive)
    archive.save_article(numbered_article(2, "2024-09-15", quotes=[]))
    assert archive.db.execute("PRAGMA foreign_key_check").fetchall() == []
