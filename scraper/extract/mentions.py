"""The people an article names, and who a short attribution means: the speaker resolver.

One ``People`` table per article, filled in reading order (the caller says where it is with
``at(position)``; a position is a paragraph or line index). Each ``Person`` keeps the full name, the
role (as written, party mark kept at the end: "kommunstyrelsens ordförande (S)"), the party, an
organisation when one is written with the person, the gender when the text or the first name tells
it, and where they were first and last mentioned, last the subject of a sentence, and last a speaker.

What it answers, all pure and deterministic (no I/O, no global state):

* ``find("Berg")`` / ``find("Lena")`` / ``find("Solum Vik")``: a surname, a first name or the tail of
  a name resolves to the full name given earlier; when two people share it, the latest *speaker*
  wins over the latest mention;
* ``pronoun("hon")``: the nearest preceding *speaker* of matching gender — unless someone of that
  gender was made the subject of a sentence after that speaker last spoke ("Per Lund håller inte
  med." then "– ..., säger han." is Per Lund); with no speaker yet, the latest such subject or mention;
* ``add(...)`` merges a short or role-less mention into the person already known, so a role given
  once ("socialchef Anna Berg") follows the person to "säger Berg";
* ``is_person_name`` rejects what only looks like a name: organisations and places written in
  capitals ("Räddningstjänsten Norrmora", "Hemlunda Kommun"), media ("Facebook", "lokalavisen").

Used by the quote extractor (speakers.Context); the contact extractor can use the same table to give
a contact the role the article gave that person.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import (
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    MEDIA_WORDS,
    NOT_PERSON_SUFFIXES,
    PLACE_NOUNS_EN,
    PRONOUN_GENDER,
)

_FEMALE = frozenset(FEMALE_FIRST_NAMES)
_MALE = frozenset(MALE_FIRST_NAMES)
_MEDIA = frozenset(MEDIA_WORDS)
_PLACE_NOUNS = frozenset(PLACE_NOUNS_EN)


@dataclass
class Person:
    """One person the article names."""

    name: str
    role: str | None = None
    party: str | None = None
    organisation: str | None = None
    gender: str | None = None  # "f", "m" or None (not known)
    first: int = -1
    last: int = -1
    # When (in reading order: a counter over every mention and speech, finer than a position) a
    # sentence last began with this person, and they were last a quote's speaker; -1 never.
    subject: int = -1
    spoke: int = -1
    spoke_at: int = -1  # the position of that speech
    # Named only as two capitalised words opening a sentence ("Norra Kvarnby är …" is as often a
    # place): found by name, but never the person a pronoun or a running speaker stands for.
    weak: bool = False


def gender_of_first_name(name: str) -> str | None:
    """ "f" / "m" for a common Nordic or English first name, else None."""
    first = name.split()[0].lower() if name.split() else ""
    first = first.split("-")[0]
    if first in _FEMALE:
        return "f"
    if first in _MALE:
        return "m"
    return None


def is_person_name(name: str) -> bool:
    """False for capitalised words that name an organisation, a place or a medium, not a person."""
    tokens = name.lower().split()
    if not tokens or any(t in _MEDIA for t in tokens):
        return False
    if len(tokens) > 1 and tokens[-1] in _PLACE_NOUNS and tokens[0] not in _FEMALE | _MALE:
        return (
            False  # "Villiers Park", "Mill Road": a place; "Grace Park" with a known first name is a person
        )
    return not any(t.endswith(NOT_PERSON_SUFFIXES) for t in tokens)


def title_stem(word: str) -> str:
    """ "rektorn" / "rektor", "ordføraren" / "ordfører", "borgmesteren": the title without its article."""
    word = word.strip(".,;:()")
    for ending in ("erne", "arna", "ene", "en", "et", "n"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def title_key(word: str) -> str:
    """A title as compared between mentions: its stem, the part after a hyphen ("Fjellvik-ordførar"
    is an "ordførar"), and nynorsk's -ar agent nouns as bokmål's -er ("ordførar" ~ "ordfører")."""
    stem = title_stem(word.rsplit("-", 1)[-1])
    return stem[:-2] + "er" if stem.endswith("ar") and len(stem) > 5 else stem


def _adds_nothing(role: str, known: str) -> bool:
    """ "(S)" after "ordförande i fullmäktige (S)" is no better role: keep the one the text gave first."""
    bare = role.strip()
    honorific = bare.lower() in ("councillor", "cllr", "mayor")  # "Cllr Ek added:" after a real role
    return honorific or (bare.startswith("(") and bare.endswith(")")) or bare.lower() in known.lower()


class People:
    """The people an article names, in reading order; see the module docstring."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self.position = 0
        self._clock = 0
        # Every name token -> the people whose name has it: a look-up touches only candidates, so a
        # long page with many names stays linear (issue 12).
        self._by_token: dict[str, list[Person]] = {}

    def _index(self, person: Person) -> None:
        for token in set(person.name.lower().split()):
            bucket = self._by_token.setdefault(token, [])
            if person not in bucket:
                bucket.append(person)

    def _tick(self) -> int:
        self._clock += 1
        return self._clock

    def at(self, position: int) -> None:
        """Set the reading position (paragraph or line index) for what is added next."""
        self.position = position

    def _matches(self, name: str) -> list[Person]:
        low = name.lower().split()
        n = len(low)
        out: list[Person] = []
        if not low:
            return out
        candidates = self._by_token.get(low[0], []) + (self._by_token.get(low[-1], []) if n > 1 else [])
        for person in candidates:
            if person in out:
                continue
            parts = person.name.lower().split()
            k = len(parts)
            if parts == low or (n < k and (parts[-n:] == low or parts[:n] == low)):
                out.append(person)
            elif k == 1 and n > 1 and parts[0] in (low[0], low[-1]):
                out.append(person)  # "Greta" known, "Greta Lind Ahlgren" now: the same person
            elif 1 < k < n and low[-k:] == parts:
                out.append(person)  # "Adrian Moss" known, "Co-chair Adrian Moss" now: a title glued on
        return out

    def find(self, name: str) -> Person | None:
        """The person a full name, surname, first name or name tail means, or None if never named."""
        matches = self._matches(name)
        if not matches:
            return None
        return max(matches, key=lambda p: (p.spoke, p.last))

    def add(
        self,
        name: str,
        role: str | None = None,
        party: str | None = None,
        *,
        subject: bool = False,
        organisation: str | None = None,
        weak: bool = False,
        exact: bool = False,
    ) -> Person:
        """Record a mention, merging it into the person already known by that name or part of it.

        ``exact``: the name comes from an attribution, which names the person as the writer means
        them — a known longer name it begins ("Lars-Erik Dahl" after "… och Lars-Erik Dahl Tartu",
        where the next word was a place) is cut back to it.
        """
        person = self.find(name)
        words = name.split()
        if exact and person and len(words) >= 2 and person.name.split()[: len(words)] == words:
            person.name = name
        if person is None:
            person = Person(name, gender=gender_of_first_name(name), first=self.position, weak=weak)
            self.people.append(person)
            self._index(person)
        elif len(person.name.split()) == 1 and len(name.split()) > 1:
            person.name = name  # "Greta" first, "Greta Lind Ahlgren" later
            person.gender = person.gender or gender_of_first_name(name)
            self._index(person)
        if role and not (person.role and _adds_nothing(role, person.role)):
            person.role = role
        person.weak = person.weak and weak
        person.party = party or person.party
        person.organisation = organisation or person.organisation
        person.last = self.position
        if subject:
            person.subject = self._tick()
        return person

    def by_role(self, attribution: str) -> Person | None:
        """The latest person with the title a role-only attribution names: "rektorn", "ordføraren",
        "the Mayor" -> whoever the text gave that title (indefinite or definite form)."""
        words = attribution.lower().split()
        if not 1 <= len(words) <= 2 or (len(words) == 2 and words[0] not in ("the", "den", "det")):
            return None
        stem = title_key(words[-1])
        if len(stem) < 4:
            return None
        titled = [
            p for p in self.people if p.role and any(title_key(w) == stem for w in p.role.lower().split())
        ]
        return max(titled, key=lambda p: (p.spoke, p.last)) if titled else None

    def spoke(self, person: Person) -> Person:
        """Mark ``person`` as the speaker at the current position."""
        person.spoke = self._tick()
        person.weak = False
        person.spoke_at = self.position
        person.last = max(person.last, self.position)
        return person

    def running_speaker(self, window: int) -> Person | None:
        """The last speaker, if they spoke within ``window`` positions and nobody else was named since:
        whose words an unattributed first-person reply in an interview article are."""
        speaker = self.last_speaker()
        if speaker is None or speaker.spoke_at < self.position - window:
            return None
        if any(p is not speaker and not p.weak and p.last > speaker.spoke_at for p in self.people):
            return None
        return speaker

    def last_speaker(self) -> Person | None:
        speakers = [p for p in self.people if p.spoke >= 0]
        return max(speakers, key=lambda p: p.spoke) if speakers else None

    def pronoun(self, word: str) -> Person | None:
        """The person a singular pronoun ("hon", "han", "she", "hun") stands for, or None."""
        gender = PRONOUN_GENDER.get(word.lower())
        fits = [p for p in self.people if not p.weak and (gender is None or p.gender in (None, gender))]
        speakers = [p for p in fits if p.spoke >= 0]
        speaker = max(speakers, key=lambda p: p.spoke) if speakers else None
        subjects = [p for p in fits if p.subject >= 0 and (speaker is None or p.subject > speaker.spoke)]
        if subjects:
            chosen: Person | None = max(subjects, key=lambda p: p.subject)
        elif speaker is not None:
            chosen = speaker
        else:
            chosen = max(fits, key=lambda p: p.last) if fits else None
        if chosen is not None and gender and chosen.gender is None:
            chosen.gender = gender  # "säger hon": now known
        return chosen
