"""The speaker resolver (extract/mentions.People) on its own: names, pronouns, genders, non-persons."""

from __future__ import annotations

import pytest

from scraper.extract.mentions import People, gender_of_first_name, is_person_name


def _table(*names: tuple[str, str | None]) -> People:
    people = People()
    for k, (name, role) in enumerate(names):
        people.at(k)
        people.add(name, role)
    return people


def test_surname_first_name_and_name_tail_find_the_full_name() -> None:
    people = _table(("Ingrid Solum Vik", "arkitekt"), ("Anton Mård", None))
    assert people.find("Vik").name == "Ingrid Solum Vik"
    assert people.find("Solum Vik").name == "Ingrid Solum Vik"
    assert people.find("Ingrid").name == "Ingrid Solum Vik"
    assert people.find("Mård").name == "Anton Mård"
    assert people.find("Berg") is None


def test_a_shared_surname_goes_to_the_latest_speaker() -> None:
    people = _table(("Tove Ahl", None), ("Jon Ahl", None))
    people.at(2)
    people.spoke(people.find("Tove Ahl"))
    people.at(3)
    people.add("Jon Ahl")  # mentioned again, but not speaking
    assert people.find("Ahl").name == "Tove Ahl"


def test_a_role_given_once_follows_the_person() -> None:
    people = _table(("Anna Berg", "socialchef"))
    people.at(5)
    person = people.add("Berg")
    assert (person.name, person.role, person.first, person.last) == ("Anna Berg", "socialchef", 0, 5)


def test_a_short_name_first_is_completed_by_the_full_name_later() -> None:
    people = _table(("Greta", None))
    people.add("Greta Lind Ahlgren", "förvaltningschef")
    assert [(p.name, p.role) for p in people.people] == [("Greta Lind Ahlgren", "förvaltningschef")]


def test_pronoun_goes_to_the_last_speaker_not_the_last_mention() -> None:
    people = _table(("Tove Ahl", "projektledare"))
    people.spoke(people.find("Tove Ahl"))
    people.at(1)
    people.add("Erik Sand")  # mentioned in passing, not a sentence subject
    assert people.pronoun("hon").name == "Tove Ahl"
    assert people.pronoun("hen").name == "Tove Ahl"


def test_pronoun_goes_to_a_sentence_subject_named_after_the_last_speech() -> None:
    people = _table(("Tove Ahl", None))
    people.spoke(people.find("Tove Ahl"))
    people.at(1)
    people.add("Jon Rask", "ordförande", subject=True)
    assert people.pronoun("han").name == "Jon Rask"
    assert people.pronoun("hon").name == "Tove Ahl"  # gender from the first name


def test_gender_is_learnt_from_a_resolved_pronoun() -> None:
    people = _table(("Kim Vall", None))
    people.spoke(people.find("Kim Vall"))
    assert people.pronoun("hun").gender == "f"
    people.at(1)
    people.spoke(people.add("Lo Stam"))
    people.at(2)
    people.add("Lo Stam")
    assert people.pronoun("she").name == "Lo Stam"  # gender unknown: compatible, and the latest
    people.find("Lo Stam").gender = "m"
    assert people.pronoun("she").name == "Kim Vall"


def test_no_one_to_resolve_to() -> None:
    assert People().pronoun("han") is None
    assert People().last_speaker() is None


@pytest.mark.parametrize(
    ("name", "gender"), [("Anna Berg", "f"), ("Lars-Erik Holm", "m"), ("Kim Vall", None), ("", None)]
)
def test_gender_of_first_name(name: str, gender: str | None) -> None:
    assert gender_of_first_name(name) == gender


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Anna Berg", True),
        ("Räddningstjänsten Norrmora", False),
        ("Hemlunda Kommune", False),
        ("Kvarnskolans", False),
        ("Facebook", False),
        ("Lillmora Council", False),
    ],
)
def test_organisations_places_and_media_are_not_people(name: str, person: bool) -> None:
    assert is_person_name(name) is person


def test_an_attribution_cuts_back_a_longer_mention_it_begins() -> None:
    people = _table(("Lars-Erik Dahl Narva", None))  # "… besökte … Lars-Erik Dahl Narva": a place after
    people.add("Lars-Erik Dahl", "oppositionsråd", exact=True)
    people.add("Dahl")
    assert [(p.name, p.role) for p in people.people] == [("Lars-Erik Dahl", "oppositionsråd")]
