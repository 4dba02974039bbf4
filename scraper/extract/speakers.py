"""Who is speaking: people named in running text, pronouns and surnames resolved to them.

The quote extractor keeps one ``Context`` per article: every person the text names (with the role
the text gives them there) is remembered, so "säger han" and "säger Svensson" resolve to the last
full name seen, and a role given once ("kommunchef Kristofer Svensson") follows the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import UPPER, is_apposition_role, is_role_word, split_role_name, with_party
from .vocabulary import DEFINITE_ROLE_STOPWORDS, PRONOUNS, SPEECH_VERBS

VERBS = "|".join(re.escape(v) for v in sorted(set(SPEECH_VERBS), key=len, reverse=True))
SPEECH_VERB = re.compile(rf"(?<![\w-])(?P<verb>{VERBS})(?![\w-])", re.IGNORECASE)
_NAME_PART = rf"[{UPPER}][a-zåäöæøüéèáíóú'’]+(?:-[{UPPER}][a-zåäöæøüéèáíóú'’]+)?"
# Two capitalised words in running text: a person mentioned, with an optional party mark.
_MENTION = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME_PART}(?:\s{_NAME_PART}){{1,3}})(?![\w-])(?P<party>\s*\([^()]{{1,12}}\))?"
)
# An apposition after a mentioned name: "Lena Ek, miljöchef i Stormyra kommun, är ...".
_APPOSITION = re.compile(r"^\s*,\s*(?P<role>[^,.;:!?()]{2,80}?)\s*(?:,|\.|$)")

_PRONOUNS = frozenset(PRONOUNS)
_DEFINITE_STOP = frozenset(DEFINITE_ROLE_STOPWORDS)


@dataclass
class Speaker:
    name: str
    role: str | None = None


class Context:
    """Speakers seen so far, for pronouns and surname-only attributions."""

    def __init__(self) -> None:
        self.last: Speaker | None = None
        self.by_token: dict[str, Speaker] = {}

    def remember(self, speaker: Speaker) -> Speaker:
        """Record a speaker, completing a surname-only or role-less mention from earlier ones."""
        known = self.by_token.get(speaker.name.lower())
        if known and (len(speaker.name.split()) == 1 or known.name == speaker.name):
            speaker = Speaker(known.name, speaker.role or known.role)
        for token in speaker.name.split():
            self.by_token[token.lower()] = speaker
        self.by_token[speaker.name.lower()] = speaker
        self.last = speaker
        return speaker

    def mention(self, paragraph: str) -> list[Speaker]:
        """Remember people named in running text, with the role the text gives them there.

        "Tekniska nämndens ordförande Olof Brink (S) ser ..." -> Olof Brink, "Tekniska nämndens
        ordförande (S)"; "Lokalhistorikern Gunnel Ask har ..." -> "Lokalhistorikern"; "Lena Ek,
        miljöchef i Stormyra kommun, är ..." -> "miljöchef i Stormyra kommun". Returns the people
        named, in order.
        """
        found: list[tuple[int, Speaker]] = []
        spans: list[tuple[int, int]] = []
        for m in _MENTION.finditer(paragraph):
            name, before = m["name"], paragraph[: m.start()]
            tokens = name.split()
            spans.append(m.span())
            # "Oppositionsrådet Göran Wik", "Transport Secretary Grant Shapps": title, then the name.
            cut = max((k + 1 for k, t in enumerate(tokens) if is_role_word(t)), default=0)
            if cut == 0 and len(tokens) >= 3 and _role_before(tokens[0]):
                cut = 1
            prefix = " ".join(tokens[:cut])
            if cut:
                before, tokens = f"{before}{prefix} ", tokens[cut:]
            if not 2 <= len(tokens) <= 3:
                continue
            name = " ".join(tokens)
            at_start = not before.strip() or before.rstrip()[-1] in ".!?:"
            after = paragraph[m.end() :]
            role = _role_before(before)
            if cut and (role is None or len(role.split()) < cut):
                role = prefix  # "Transport Secretary Grant Shapps"
            apposition = _APPOSITION.match(after)
            if role is None and apposition and is_apposition_role(apposition["role"]):
                role = apposition["role"].strip()
            if at_start and role is None and not after.lstrip().startswith((",", "(")):
                continue  # "På Norrleden ..." / "Nu Hemlunda ...": a capitalised sentence start
            party = m["party"].strip()[1:-1] if m["party"] else None
            found.append((m.start(), Speaker(*with_party(name, role, party))))
        # A known surname or first name on its own ("Harry said he ...") is a mention too.
        for m in re.finditer(rf"(?<![\w-])[{UPPER}][\w'’-]+", paragraph):
            known = self.by_token.get(m[0].lower())
            if known and not any(a <= m.start() < b for a, b in spans):
                found.append((m.start(), known))
        return [self.remember(speaker) for _, speaker in sorted(found, key=lambda item: item[0])]

    def resolve(self, attribution: str, first_name_ok: bool = True) -> Speaker | None:
        """A speaker for an attribution: pronoun -> last speaker, surname -> known full name.

        A single unknown name ("säger Elsa, som går i klass 4B") is a person after a speech verb;
        before one ("Kommunen skriver:") it is taken only when ``first_name_ok``.
        """
        attr = attribution.strip().rstrip(".,;:")
        first = attr.split()[0].lower().strip(".,;:") if attr.split() else ""
        if first in _PRONOUNS:
            return self.last
        name, role = split_role_name(attr)
        if not name:
            return None
        if not first_name_ok and len(name.split()) == 1 and name.lower() not in self.by_token:
            return None  # "Kommunen", "Smith" never introduced: not a person the text names
        return self.remember(Speaker(name, role))


def _role_before(before: str) -> str | None:
    """The role written just before a name: a title and the genitive or adjective words leading to it.

    "... Miljö- och byggnämndens ordförande" -> "Miljö- och byggnämndens ordförande"; a definite
    noun opening the sentence ("Läxhjälparen") -> that noun.
    """
    tokens = before.split()
    if not tokens:
        return None
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
