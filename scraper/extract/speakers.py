"""Who is speaking: people named in running text, pronouns and surnames resolved to them.

The quote extractor keeps one ``Context`` per article over a ``mentions.People`` table: this module
reads running text (who is named, with which role, whether they open the sentence) and attributions
("kommunchef Kristofer Svensson", "han", "Svensson", "rektorn"); the table decides who a short one
means — "säger han" the nearest speaker of that gender, "säger Svensson" the full name given earlier —
and a role given once follows the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .mentions import People, Person, gender_of_first_name, is_person_name
from .names import UPPER, is_apposition_role, is_role_word, split_role_name, with_party
from .vocabulary import (
    ATTRIBUTION_STOP_WORDS,
    DEFINITE_ROLE_STOPWORDS,
    HONORIFICS_EN,
    HONORIFICS_MORE,
    PRONOUNS,
    ROLE_HONORIFICS,
    SENTENCE_START_WORDS,
    SPEECH_VERBS,
    STOPWORDS,
)

VERBS = "|".join(re.escape(v) for v in sorted(set(SPEECH_VERBS), key=len, reverse=True))
SPEECH_VERB = re.compile(rf"(?<![\w-])(?P<verb>{VERBS})(?![\w-])", re.IGNORECASE)
_LOWER = "a-zåäöæøüéèáíóú'’"
# "Anna", "Lind-Ahlgren", "AnnSofie", "McLean", "O’Neill".
_NAME_PART = rf"[{UPPER}][{_LOWER}]+(?:[{UPPER}][{_LOWER}]+)?(?:-[{UPPER}][{_LOWER}]+)?"
# Two capitalised words in running text: a person mentioned, with an optional party mark.
_MENTION = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME_PART}(?:\s{_NAME_PART}){{1,4}})(?![\w-])(?P<party>\s*\([^()]{{1,12}}\))?"
)
# An apposition after a mentioned name: "Lena Ek, miljöchef i Stormyra kommun, är ...".
_APPOSITION = re.compile(r"^\s*,\s*(?P<role>[^,.;:!?()]{2,100}?)\s*(?:,|\.|:|$)")

_SHORT_NAME = re.compile(rf"(?<![\w-])[{UPPER}][\w'’-]+")
# A role written first, then a comma and the name, at the start of a sentence: "Head of Parks, Jo Lee,".
_FRONTED_ROLE = re.compile(r"(?:^|[.!?:]\s+)(?P<role>[^,.;:!?()]{2,80}),\s*$")
# "Lena Ek, kommunstyrelsens ordförande och Per Lund, …": the role ends where the next person starts.
_NEXT_PERSON = re.compile(rf"\s+(?:och|og|and|&)\s+{_NAME_PART}\s+{_NAME_PART}\s*$")
# An apposition role may be long in English ("Lead Member for Parks and Open Spaces at X Council").
_APPOSITION_MAX_WORDS = 12
# "…, og hvor byrådet …", "…, but the mayor …": a clause, not an apposition.
_CLAUSE_START = ATTRIBUTION_STOP_WORDS | {"hvor", "where", "men", "but", "which", "vilket", "hvilket"}
_PREVIOUS_PERSON = re.compile(rf"^(?:{_NAME_PART}\s+)+(?:och|og|and|&)\s+")
_VERB_NEXT = re.compile(rf"\s+(?:{VERBS})(?![\w-])", re.IGNORECASE)
_PRONOUNS = frozenset(PRONOUNS)
_HONORIFICS = frozenset(HONORIFICS_EN + HONORIFICS_MORE)
_JOINERS = frozenset(("og", "och", "and", "&"))
_ROLE_PREPOSITIONS = frozenset(("for", "för", "i", "of", "på"))
_SENTENCE_START = frozenset().union(*STOPWORDS.values(), ATTRIBUTION_STOP_WORDS, SENTENCE_START_WORDS)
_ROLE_HONORIFICS = frozenset(ROLE_HONORIFICS + HONORIFICS_MORE)
_DEFINITE_STOP = frozenset(DEFINITE_ROLE_STOPWORDS)


@dataclass
class Speaker:
    name: str
    role: str | None = None


class Context:
    """Speakers seen so far, for pronouns and surname-only attributions (a ``People`` table)."""

    def __init__(self) -> None:
        self.people = People()

    @property
    def last(self) -> Speaker | None:
        person = self.people.last_speaker()
        return _speaker(person) if person else None

    def at(self, position: int) -> None:
        self.people.at(position)

    def running_speaker(self, window: int) -> Speaker | None:
        person = self.people.running_speaker(window)
        return _speaker(self.people.spoke(person)) if person else None

    def remember(self, speaker: Speaker, subject: bool = False, weak: bool = False) -> Speaker:
        """Record a mention, completing a surname-only or role-less mention from earlier ones."""
        return _speaker(self.people.add(speaker.name, speaker.role, subject=subject, weak=weak))

    def mention(self, paragraph: str) -> list[Speaker]:
        """Remember people named in running text, with the role the text gives them there.

        "Tekniska nämndens ordförande Olof Brink (S) ser ..." -> Olof Brink, "Tekniska nämndens
        ordförande (S)"; "Lokalhistorikern Gunnel Ask har ..." -> "Lokalhistorikern"; "Lena Ek,
        miljöchef i Stormyra kommun, är ..." -> "miljöchef i Stormyra kommun". A person opening a
        sentence is its subject (pronouns prefer them to an earlier speaker). Returns the people
        named, in order.
        """
        found: list[tuple[int, Speaker, bool, bool]] = []
        spans: list[tuple[int, int]] = []
        for m in _MENTION.finditer(paragraph):
            spans.append(m.span())
            if item := _mentioned_person(paragraph, m):
                found.append((m.start(), *item))
        # A known surname or first name on its own ("Harry said he ...") is a mention too.
        for m in _SHORT_NAME.finditer(paragraph):
            known = self.people.find(m[0])
            if known and not any(a <= m.start() < b for a, b in spans):
                found.append((m.start(), _speaker(known), _at_sentence_start(paragraph[: m.start()]), False))
        found.sort(key=lambda item: item[0])
        named = []
        for _, speaker, subject, weak in found:
            remembered = self.remember(speaker, subject, weak)
            if not weak:  # a capitalised pair opening a sentence is remembered, not reported
                named.append(remembered)
        return named

    def resolve(self, attribution: str, first_name_ok: bool = True) -> Speaker | None:
        """A speaker for an attribution: pronoun -> last speaker, surname -> known full name.

        A single unknown name ("säger Elsa, som går i klass 4B") is a person after a speech verb;
        before one ("Kommunen skriver:") it is taken only when ``first_name_ok``.
        """
        attr = attribution.strip().rstrip(".,;:")
        first = attr.split()[0].lower().strip(".,;:") if attr.split() else ""
        if first in _PRONOUNS:
            person = self.people.pronoun(first)
            return _speaker(self.people.spoke(person)) if person else None
        name, role = split_role_name(attr)
        if not name and (person := self.people.by_role(attr)):
            return _speaker(self.people.spoke(person))  # "seier ordføraren": the one with that title
        if not name or not is_person_name(name):
            return None
        if not first_name_ok and len(name.split()) == 1 and self.people.find(name) is None:
            return None  # "Kommunen", "Smith" never introduced: not a person the text names
        return _speaker(self.people.spoke(self.people.add(name, role, exact=True)))


_POSSESSIVE = ("’s", "'s")


def _speaker(person: Person) -> Speaker:
    return Speaker(person.name, person.role)


def _at_sentence_start(before: str) -> bool:
    return not before.strip() or before.rstrip()[-1] in ".!?:"


def _mentioned_person(paragraph: str, m: re.Match[str]) -> tuple[Speaker, bool, bool] | None:
    """The person a two-to-four capitalised word match names, with their role, and whether they are
    the subject of the sentence; None for a capitalised sentence start or an organisation."""
    name, before = m["name"], paragraph[: m.start()]
    tokens = name.split()
    # "Oppositionsrådet Göran Wik", "Transport Secretary Grant Shapps": title, then the name.
    cut = max((k + 1 for k, t in enumerate(tokens) if is_role_word(t)), default=0)
    if cut == 0 and len(tokens) >= 3 and _role_before(tokens[0]):
        cut = 1
    honorific = None
    hon = max((k for k, t in enumerate(tokens[:-1]) if t.lower() in _HONORIFICS), default=-1)
    if hon >= 0 and hon + 1 >= cut:
        # "Cllr Owen Marsh" (the honorific may be the role); "Northby County Councillor Jo Penn"
        honorific, cut = (tokens[hon] if hon == 0 else None), hon + 1
    prefix = " ".join(tokens[:cut])
    if cut:
        before, tokens = f"{before}{prefix} ", tokens[cut:]
    joined = before.split()[-1:] and before.split()[-1].lower() in _JOINERS | _ROLE_PREPOSITIONS
    if len(tokens) == 3 and joined and _role_with_object([*before.split(), tokens[0]]):
        before, tokens = f"{before}{tokens[0]} ", tokens[1:]  # "Rådmand for Kultur og Fritid Tove Ahl"
    if not 2 <= len(tokens) <= 3:
        return None
    if tokens[-1].endswith(_POSSESSIVE):
        tokens[-1] = tokens[-1][:-2]  # "landowner Sean Cunningham’s proposals": the person is Sean Cunningham
    name = " ".join(tokens)
    after = paragraph[m.end() :]
    if not is_person_name(name) or not is_person_name(f"{name} {' '.join(after.split()[:1])}"):
        return None  # "Norrby kommun", "Norrby Hamn": a place before its noun
    at_start = _at_sentence_start(before)
    role = _role_before(before)
    if cut and not honorific and (role is None or len(role.split()) < cut):
        role = prefix  # "Transport Secretary Grant Shapps"
    apposition = _APPOSITION.match(after)
    if (
        role is None
        and apposition
        and apposition["role"].split()[0].lower() not in _CLAUSE_START
        and is_apposition_role(apposition["role"], _APPOSITION_MAX_WORDS)
    ):
        role = _NEXT_PERSON.sub("", apposition["role"]).strip()  # "…ordförande och Maaike Smit"
        if verb := SPEECH_VERB.search(role):
            role = role[: verb.start()].strip() or None  # "X, cabinet member for housing said:"
    if (fronted := _FRONTED_ROLE.search(before)) and is_apposition_role(fronted["role"]):
        # "Leder for utvalget, Kari Brenna (Sp), er fornøyd."; "Holm og leder for X, Kari Brenna"
        role = _PREVIOUS_PERSON.sub("", fronted["role"]).strip()
    if role is None and honorific and honorific.lower().rstrip(".") in _ROLE_HONORIFICS:
        role = "Councillor" if honorific.lower().startswith(("cllr", "coun")) else honorific
    weak = at_start and role is None and not _opens_with_name(tokens, after)
    if weak and (
        tokens[0].lower() in _SENTENCE_START or not after.split()[:1] or after.split()[0][:1].isupper()
    ):
        return None  # "På Norrleden ..." / "Nu Hemlunda ...": a capitalised sentence start
    lead = before.split()
    if role and before.rstrip().endswith(role):
        lead = lead[: len(lead) - len(role.split())]  # the subject is the role and the name
    party = m["party"].strip()[1:-1] if m["party"] else None
    # "Norra Kvarnby är …" may be a place: a weak mention, found by name but never a pronoun's person
    # The subject opens the sentence, or is followed by the speech verb ("… MP Jo Penn said the …")
    subject = _at_sentence_start(" ".join(lead)) or bool(_VERB_NEXT.match(after))
    return Speaker(*with_party(name, role, party)), subject and not weak, weak


def _opens_with_name(tokens: list[str], after: str) -> bool:
    """A sentence opening with capitalised words is a person if the first is a known first name, or is
    no function word and the sentence goes on in lower case ("Sigrid Holm Bech går i 9. klasse")."""
    if gender_of_first_name(tokens[0]) is not None or after.lstrip().startswith((",", "(")):
        return True
    rest = after.split()
    # Two capitalised words opening a sentence are as often a place ("Norra Kvarnby är …"): three, or a
    # known first name, make a person.
    return (
        len(tokens) >= 3 and bool(rest) and rest[0][:1].islower() and tokens[0].lower() not in _SENTENCE_START
    )


def _role_with_object(tokens: list[str]) -> str | None:
    """ "Rådmand for Kultur og Fritid", "ordförande i Lillmora Hamn": a title, a preposition and the
    capitalised name of what the title is for, just before the person's name."""
    for k in range(len(tokens) - 3, max(-1, len(tokens) - 8), -1):
        rest = tokens[k + 2 :]
        if (
            is_role_word(tokens[k])
            and tokens[k + 1].lower() in _ROLE_PREPOSITIONS
            and all(t[:1].isupper() or t.lower() in _JOINERS for t in rest)
            and rest[-1][:1].isupper()
        ):
            head = _role_before(" ".join(tokens[: k + 1])) or tokens[k]
            return f"{head} {' '.join(tokens[k + 1 :])}".rstrip(",")
    return None


def _role_before(before: str) -> str | None:
    """The role written just before a name: a title and the genitive or adjective words leading to it.

    "... Miljö- och byggnämndens ordförande" -> "Miljö- och byggnämndens ordförande"; a definite
    noun opening the sentence ("Läxhjälparen") -> that noun.
    """
    tokens = before.split()
    if not tokens:
        return None
    if not is_role_word(tokens[-1]) and (with_object := _role_with_object(tokens)):
        return with_object
    last = tokens[-1]
    sentence_start = len(tokens) == 1 or tokens[-2][-1:] in ".!?:"
    if not is_role_word(last):
        low = last.lower()
        if (
            sentence_start
            and last[:1].isupper()
            and last[1:].islower()
            and low.endswith("n")
            and len(low) >= 5
            and low not in _DEFINITE_STOP
            and not SPEECH_VERB.fullmatch(low)
        ):
            return last  # "Lokalhistorikern Gunnel Ask", "Eleven Mads Sørensen"
        return None
    role = [last]
    k = len(tokens) - 2
    while k >= 0 and len(role) < 6:
        token = tokens[k]
        if token[-1:] in ".!?:,;":
            break
        low = token.lower()
        genitive = low.endswith("s") and len(low) > 3 and not SPEECH_VERB.fullmatch(low)
        joined = low in ("och", "og", "and") or token.endswith("-")
        adjective = low.endswith("a") and len(low) >= 5 and role[0].lower().endswith("s")
        if not (genitive or joined or adjective):
            break
        role.insert(0, token)
        k -= 1
    while role and (role[0].lower() in ("och", "og", "and")):
        role.pop(0)
    return " ".join(role)
