"""The archive's domain rules as pure functions: health, revisions, person identity."""

from __future__ import annotations

import pytest

from scraper.archive.crawl_log import STATUS_FAILING, STATUS_OK, crawl_status
from scraper.archive.people import choose_by_email, name_key, similar_names, summarise_person
from scraper.archive.revisions import Change, is_new_revision, measure_change

# -- health policy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "updated", "unchanged", "status"),
    [
        (1, 0, 0, STATUS_OK),
        (0, 1, 0, STATUS_OK),
        (0, 0, 1, STATUS_OK),  # seen again unchanged: the site still works
        (0, 0, 0, STATUS_FAILING),  # nothing stored, whatever the reason
    ],
)
def test_crawl_status(new: int, updated: int, unchanged: int, status: str) -> None:
    assert crawl_status(articles_new=new, articles_updated=updated, articles_unchanged=unchanged) == status


# -- revision rule -------------------------------------------------------------------------------

OLD = {"title": "Ny skola", "lead": None, "body": "Skolan öppnar i augusti."}
EDITED = {**OLD, "body": "Skolan öppnar i september."}


def test_a_new_capture_that_reads_differently_is_a_revision() -> None:
    assert is_new_revision(OLD, EDITED, new_capture=True, same_payload=False)


def test_the_same_capture_read_again_is_no_revision() -> None:
    assert not is_new_revision(OLD, EDITED, new_capture=False, same_payload=False)


def test_two_captures_with_the_same_payload_are_no_revision() -> None:
    assert not is_new_revision(OLD, EDITED, new_capture=True, same_payload=True)


def test_the_same_text_is_no_revision() -> None:
    assert not is_new_revision(OLD, {**OLD, "lead": ""}, new_capture=True, same_payload=False)


def test_measure_change_counts_words_and_flags_trivial() -> None:
    assert measure_change(OLD, EDITED) == Change(["body"], False, 1, 1)
    punctuation = {**OLD, "body": "Skolan öppnar i augusti!"}
    assert measure_change(OLD, punctuation).trivial


# -- person identity -----------------------------------------------------------------------------


def test_name_key_folds_case_and_space_but_keeps_swedish_letters() -> None:
    assert name_key("  Åsa   Öberg ") == "åsa öberg"
    assert name_key("Asa Oberg") != name_key("Åsa Öberg")
    assert name_key("   ") is None and name_key(None) is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("kristofer svensson", "kristoffer svensson", True),  # a typo
        ("kristofer svensson", "k. svensson", True),  # initial and surname
        ("anna ek", "anna eklund", False),
        ("anna ek", "bo ek", False),  # a shared desk address, two people
    ],
)
def test_similar_names(a: str, b: str, same: bool) -> None:
    assert similar_names(a, b) is same


def test_choose_by_email() -> None:
    assert choose_by_email(None, {7: "anna ek"}) == 7  # no name: the only person with the address
    assert choose_by_email(None, {7: "anna ek", 8: "bo ek"}) is None  # no name, two people: nobody
    assert choose_by_email("bo ek", {7: "anna ek", 8: "bo ek", 9: "bo ek"}) == 8  # same key, lowest id
    assert choose_by_email("kristoffer svensson", {3: "kristofer svensson"}) == 3
    assert choose_by_email("cecilia lind", {3: "kristofer svensson"}) is None


def test_summarise_person_takes_the_newest_role_and_counts_each_kind() -> None:
    rows = [
        ("quote", 1, "2024-01-10", "kommunchef", None, None),
        ("contact", 2, "2024-03-01", "Kommunchef ", "a@x.se", "+461"),
        ("quote", 3, None, "rektor", None, None),
    ]
    s = summarise_person(rows)
    assert (s.role, s.email, s.phone) == ("Kommunchef", "a@x.se", "+461")
    assert (s.first_quoted, s.last_quoted, s.quote_count, s.contact_count) == (
        "2024-01-10",
        "2024-01-10",
        2,
        1,
    )
    assert s.roles == [("Kommunchef", "2024-01-10", "2024-03-01", 2), ("rektor", None, None, 1)]
