"""Names and roles in running text: "kommunchef Kristofer Svensson" -> ("Kristofer Svensson", "kommunchef").

Shared by the quote extractor (who said it, in which role) and the contact extractor (whose card,
which title, which unit). Pure string functions: no tree, no page, so they are tested on strings.
"""

from __future__ import annotations

import functools
import itertools
import re

from .vocabulary import (
    ATTRIBUTION_SOURCE_WORDS,
    ATTRIBUTION_STOP_WORDS,
    FEMALE_FIRST_NAMES,
    HONORIFICS_EN,
    HONORIFICS_MORE,
    MALE_FIRST_NAMES,
    PLACE_PREPOSITIONS,
    RELATIVE_WORDS,
    ROLE_HONORIFICS,
    ROLE_SUFFIXES,
    ROLE_SUFFIXES_MORE,
    ROLE_WORDS,
    ROLE_WORDS_MORE,
    UNIT_WORDS,
)

UPPER = "A-ZÅÄÖÆØÜÉ"
NAME_TOKEN = re.compile(rf"^[{UPPER}][\w'’.]*(?:-[{UPPER}]?[\w'’]+)*$")
_PARTY = re.compile(r"\s*\(([^()]{1,12})\)")
_HONORIFICS = frozenset(HONORIFICS_EN + HONORIFICS_MORE)
_RELATIVE = frozenset(RELATIVE_WORDS)
_ROLE_HONORIFICS = frozenset(ROLE_HONORIFICS + HONORIFICS_MORE)
_PLACE_PREPOSITIONS = frozenset(PLACE_PREPOSITIONS)
# Words that may join the words of an organisation's name: "Norrsunds Energi", "Vatten & Avfall".
_ORGANISATION_JOINERS = frozenset(("och", "og", "and", "&", "of", "i", "för", "for", "AB"))
_STOP = ATTRIBUTION_STOP_WORDS | ATTRIBUTION_SOURCE_WORDS
_SOURCE = ATTRIBUTION_SOURCE_WORDS
_COPULAS = frozenset(("är", "er", "is", "var", "was", "blir"))
_PARTICIPLE_PREPOSITIONS = frozenset(("at", "on", "to", "during", "after", "before", "in", "about", "from"))
# A party written bare between commas after the name: "KD, kultur- och fritidsnämndens ordförande".
_BARE_PARTY = re.compile(r"^([A-ZÅÄÖ]{1,3}|MP|KD|SD|Ap|Sp|Frp|KrF|SV|EL|RV)\s*(?:,\s*|$)")
_ROLE_WORDS = ROLE_WORDS | ROLE_WORDS_MORE
_FIRST_NAMES = frozenset(FEMALE_FIRST_NAMES + MALE_FIRST_NAMES)
_ROLE_SUFFIX = re.compile(
    "(?:"
    + "|".join(sorted(map(re.escape, ROLE_SUFFIXES + ROLE_SUFFIXES_MORE), key=len, reverse=True))
    + ")(?:n|en|et)?$"
)


@functools.lru_cache(maxsize=8192)
def is_role_word(token: str) -> bool:
    """ "kommunchef", "Rektorn", "förvaltningschefen": a title, in indefinite or definite form.

    One precompiled suffix pattern and a cache: called for every token of every mention, it must
    stay cheap on long pages (issue 12).
    """
    low = token.lower().strip(".,:;")
    if "-" in low.strip("-"):
        low = low.rsplit("-", 1)[1]  # "Co-leader", "vice-ordförande"
    return low in _ROLE_WORDS or _ROLE_SUFFIX.search(low) is not None


def looks_like_name(tokens: list[str]) -> bool:
    return (
        1 <= len(tokens) <= 4
        and all(NAME_TOKEN.match(t) for t in tokens)
        and not any(is_role_word(t) for t in tokens)
    )


def split_role_name(attribution: str) -> tuple[str | None, str | None]:
    """Split an attribution into ``(speaker, role)``.

    "kommunchef Kristofer Svensson" -> ("Kristofer Svensson", "kommunchef");
    "Lena Ek, miljöchef i Hemlunda kommun" -> ("Lena Ek", "miljöchef i Hemlunda kommun");
    "kommunstyrelsens ordförande Anna Lindqvist (S)" -> ("Anna Lindqvist", "kommunstyrelsens ordförande (S)");
    "Cllr Jane Smith, Leader of the Council" -> ("Jane Smith", "Leader of the Council").
    Returns (None, None) when no name can be found.
    """
    text = attribution.strip().rstrip(".,;:").strip()
    party = None
    if m := _PARTY.search(text):
        party = m[1]
        before, after = text[: m.start()].strip(), text[m.end() :].strip()
        if _role_after_party(before, after):
            text = f"{before}, {after}"  # "Kenneth Nilsson (S) kommunstyrelsens ordförande"
        else:
            text = (text[: m.start()] + text[m.end() :]).strip().rstrip(",")
    head, _, after_comma = (part.strip() for part in text.partition(","))
    tail = _role_tail(after_comma)
    if tail and (bare := _BARE_PARTY.match(tail)) and not party:
        party, tail = bare[1], tail[bare.end() :].strip() or None  # "Magnus Ek, KD, nämndens ordförande"
    tokens = head.split()
    place = _place_after_name(tokens)
    tokens = tokens[: -len(place)] if place else _cut_after_name(tokens)
    # Trailing run of name-like tokens is the name; what comes before is the role.
    i = len(tokens)
    while i > 0 and NAME_TOKEN.match(tokens[i - 1]) and not is_role_word(tokens[i - 1]):
        i -= 1
    while len(tokens) - i >= 3 and i > 0 and tokens[i - 1].lower() in _ORGANISATION_JOINERS:
        i += 1  # "Rådmand for Kultur og Fritid Tove Ahl": "Fritid" ends the role's capitalised words
    i = _first_name_start(tokens, i)
    name_tokens, role_tokens, honorific = _split_honorific(tokens[i:], tokens[:i])
    if tail and (not name_tokens or (len(name_tokens) == 1 and role_tokens)):
        # "the council's leader, Jane Smith" / "Mayor of Northby, Councillor Jo Penn": the name comes
        # after the comma; "leder for A, B og C, Kari Eng": after the role's own commas.
        if found := _name_in_tail(head, tail, party):
            return found
        if not name_tokens:
            return None, None
    if not looks_like_name(name_tokens):
        return None, None
    name = " ".join(name_tokens)
    role_tokens = _without_participle(role_tokens)
    role_prefix = " ".join(t for t in role_tokens if t != honorific) or None
    if role_prefix and len(role_tokens) > 8:
        return None, None  # a clause, not a role: the attribution was misread
    if role_prefix and place:
        role_prefix = f"{role_prefix} {' '.join(place)}"  # "Rektor ... på Aspviksskolan"
    if role_prefix and tail:
        role: str | None = f"{role_prefix}, {tail}"
    else:
        role = tail or role_prefix or (_expand_honorific(honorific) if honorific else None)
    return with_party(name, role, party)


def _role_after_party(before: str, after: str) -> bool:
    """A title written straight after the party mark, without the comma ("Kenneth Nilsson (S)
    kommunstyrelsens ordförande", "Per Ek (C) kommunalråd"): the words after the mark are the role,
    as if a comma stood there. A name must end the words before the mark, and the words after it
    must not open a clause ("till …", "som …", "i …": an addressee, a description, a place)."""
    words = after.split()
    last = before.split()[-1:] or [""]
    return (
        bool(words)
        and after[:1].islower()
        and words[0].lower() not in _STOP  # "(M) till ordförande Ann Berg": an addressee, not a title
        and len(words) <= 8
        and bool(NAME_TOKEN.match(last[0]))
        and not is_role_word(last[0])
        and any(is_role_word(w) for w in words[:4])
    )


def _is_first_name(token: str) -> bool:
    return token.lower().split("-")[0] in _FIRST_NAMES


def _first_name_start(tokens: list[str], i: int) -> int:
    """In a run of three or more capitalised words after a title ("Head of Social Care Liv-Mari
    Dahl", "Leder for Kultur Anne Holt"), the name starts at a known first name when the run's own
    first word is none: the words before it are the end of the role."""
    if i == 0 or len(tokens) - i < 3 or _is_first_name(tokens[i]) or tokens[i].lower() in _HONORIFICS:
        return i  # "… Professor Tom Lee": the honorific is read by _split_honorific
    return next((j for j in range(i + 1, len(tokens) - 1) if _is_first_name(tokens[j])), i)


def _split_honorific(
    name_tokens: list[str], role_tokens: list[str]
) -> tuple[list[str], list[str], str | None]:
    """The name starts after the last honorific of the capitalised run: "Cllr Jane Smith", "Mayor Cllr
    Jo Penn", "Northby County Councillor Jo Penn" (a title written before it stays in the role).

    Returns (name tokens, role tokens, the honorific standing for the role when nothing else does).
    """
    idx = max((k for k, t in enumerate(name_tokens[:-1]) if t.lower() in _HONORIFICS), default=-1)
    if idx < 0:
        return name_tokens, role_tokens, None
    honorific = name_tokens[idx]
    leading = all(t.lower() in _HONORIFICS for t in name_tokens[:idx])
    role_tokens = role_tokens + name_tokens[: idx + 1]
    if honorific.lower().rstrip(".") not in _ROLE_HONORIFICS:
        role_tokens.remove(honorific)  # "Mr", "Dr": dropped from the name, not a role
        return name_tokens[idx + 1 :], role_tokens, None
    return name_tokens[idx + 1 :], role_tokens, honorific if leading else None


def _name_in_tail(head: str, tail: str, party: str | None) -> tuple[str | None, str | None] | None:
    parts = [part.strip() for part in tail.split(",")]
    for k, part in enumerate(parts):
        words = part.split()
        honorific = None
        while len(words) > 2 and words[0].lower() in _HONORIFICS:
            honorific = words.pop(0)
        if len(words) == 2 and words[0].lower().rstrip(".") in _HONORIFICS - _ROLE_HONORIFICS:
            words = words[1:]  # "…, Mr Cunningham": the surname, resolved to the full name by the caller
        if looks_like_name(words):
            head = "" if _is_participle_phrase(head.split()) else head  # "Speaking after, Mr X"
            before_name = ", ".join([head, *parts[:k]]) if head else None
            if not before_name and honorific and honorific.lower().rstrip(".") in _ROLE_HONORIFICS:
                before_name = _expand_honorific(honorific)
            return with_party(" ".join(words), before_name or None, party)
    return None


def _is_participle_phrase(tokens: list[str]) -> bool:
    """ "Speaking after", "Speaking at the launch": how the words were said, not a title."""
    return (
        1 <= len(tokens) <= 6
        and tokens[0].endswith("ing")
        and tokens[0][:1].isupper()
        and (len(tokens) == 1 or tokens[1].lower() in _PARTICIPLE_PREPOSITIONS)
    )


def _without_participle(role_tokens: list[str]) -> list[str]:
    """ "Speaking at the event Mayor …": the participle phrase before the title is not the role."""
    if (
        len(role_tokens) > 1
        and role_tokens[0].endswith("ing")
        and role_tokens[0][:1].isupper()
        and role_tokens[1].lower() in _PARTICIPLE_PREPOSITIONS
    ):
        caps = [k for k, t in enumerate(role_tokens) if k and t[:1].isupper()]
        return role_tokens[caps[0] :] if caps else []
    return role_tokens


def _role_tail(after_comma: str) -> str | None:
    """The role after the name's comma: "Elsa, som går i klass 4B" / "Ann Lee, 52" have none (a
    description or an age); "professor of X who directs Y": the role ends at the relative clause."""
    tail = after_comma.rstrip(",").strip()
    if tail.startswith(("of ", "from ")):
        return None  # "Tom Lee, of Mill Lane, Northby": where the person lives, not a title
    parts = tail.split(",")
    for k, part in enumerate(parts[1:], start=1):
        if part.split()[:1] and part.split()[0].lower() in _STOP:
            tail = ",".join(parts[:k]).strip()  # "verksamhetschef på biblioteket, och ler"
            break
    words = tail.split()
    if len(words) > 2 and words[0].lower() in _RELATIVE and words[1].lower() in _COPULAS:
        # "Hedda Lunde, som er kommunalsjef for kultur": a relative clause that gives the title
        rest = " ".join(words[2:]).rstrip(".")
        return rest if is_apposition_role(rest, 12) else None
    kept = []
    for token in words:
        if token.lower() in _RELATIVE:
            break
        kept.append(token)
    return " ".join(kept) if kept and not tail.replace(",", "").strip().isdigit() else None


def _is_name_token(token: str) -> bool:
    return bool(NAME_TOKEN.match(token)) and not is_role_word(token)


def _cut_after_name(tokens: list[str]) -> list[str]:
    """Drop what follows the name: "Anna Berg till eleverna" -> ["Anna", "Berg"], "Lena och skrattar" -> ["Lena"].

    The cut is at the first stop word (addressee, medium, place, manner, relative clause) right after
    a name that starts the attribution or follows a title, never inside a role ("ordförande i …").
    """
    for k in range(1, len(tokens)):
        if tokens[k].lower() not in _STOP or not _is_name_token(tokens[k - 1]):
            continue
        start = k - 1
        while start > 0 and _is_name_token(tokens[start - 1]):
            start -= 1
        if k - start == 1 and tokens[k].lower() not in _SOURCE and _has_full_name(tokens[k:]):
            continue  # "Speaking at the event Mayor Jo Quill": the full name comes later
        if start == 0 or is_role_word(tokens[start - 1]) or k - start >= 2:
            return tokens[:k]
    return tokens


def _has_full_name(tokens: list[str]) -> bool:
    return any(_is_name_token(a) and _is_name_token(b) for a, b in itertools.pairwise(tokens))


def _place_after_name(tokens: list[str]) -> list[str]:
    """A workplace written after the name: "Rektor Sanna Wallin på Aspviksskolan" -> ["på", "Aspviksskolan"].

    Only after a title and a full name, so "Anna Berg" alone or "rektor på skolan" stay as they are.
    """
    for k in range(len(tokens) - 2, 2, -1):
        if tokens[k] not in _PLACE_PREPOSITIONS:
            continue
        place, before = tokens[k + 1 :], tokens[:k]
        names = 0
        while (
            names < len(before)
            and NAME_TOKEN.match(before[-1 - names])
            and not is_role_word(before[-1 - names])
        ):
            names += 1
        if 1 <= len(place) <= 3 and all(NAME_TOKEN.match(t) for t in place) and 2 <= names < len(before):
            return tokens[k:]
        return []
    return []


def _expand_honorific(honorific: str) -> str:
    return "Councillor" if honorific.lower().rstrip(".") in ("cllr", "coun") else honorific


def with_party(name: str, role: str | None, party: str | None) -> tuple[str, str | None]:
    if party:
        role = f"{role} ({party})" if role else f"({party})"
    return name, role


def is_apposition_role(text: str, max_words: int = 8) -> bool:
    words = text.split()
    return (
        0 < len(words) <= max_words
        and not any(ch.isdigit() for ch in text)
        and words[0].lower() not in _RELATIVE
        and any(is_role_word(w) for w in words)
    )


def is_role_line(text: str) -> bool:
    """ "vd, Norrsunds Energi" / "Rektor": a role (and unit) with no person in the first part."""
    head = text.split(",")[0].split()
    if not head or len(head) > 6:
        return False
    return all(t[:1].islower() or is_role_word(t) for t in head) and any(is_role_word(t) for t in head)


_UNIT_WORDS = tuple(w.strip() for w in UNIT_WORDS)
# Inflections a unit word takes at the end of a compound: "förvaltningen", "kommunens", "skolan",
# "teamet", "services", "kommunernes".
_UNIT_ENDINGS = (
    "",
    "s",
    "n",
    "ns",
    "en",
    "ens",
    "et",
    "ets",
    "er",
    "ar",
    "erna",
    "arna",
    "ne",
    "erne",
    "ernes",
)
_WORD = re.compile(r"[\w&-]+")


@functools.lru_cache(maxsize=8192)
def _is_unit_token(token: str) -> bool:
    """A word that names a unit: the unit word itself or a compound *ending* in it, inflected
    ("Socialförvaltningen", "Björkbackaskolan", "kommunens"). Nordic compounds put the head last: a
    word that only *starts* with a unit word is something else ("presskommunikatör", "enhetschef",
    "Councillor", "kommunalråd")."""
    return any(token.endswith(w + e) for w in _UNIT_WORDS for e in _UNIT_ENDINGS)


def has_unit_word(text: str) -> bool:
    """The text names a unit (a kommun, förvaltning, skola, department, team …) in a word of its own
    or as the head of a compound — never a unit word inside another word."""
    return any(_is_unit_token(t) for t in _WORD.findall(text.lower()))


def split_unit(role: str | None) -> tuple[str | None, str | None]:
    """Comma parts naming a unit are the organisation.

    "lärare, Björkbacka skola" -> ("lärare", "Björkbacka skola").
    """
    if not role:
        return None, None
    parts = [p.strip() for p in role.split(",") if p.strip()]
    units = [
        p
        for k, p in enumerate(parts)
        if not p[:1].islower()
        and not any(is_role_word(t) for t in p.split())
        and (has_unit_word(p) or (k > 0 and is_organisation_name(p)))
    ]
    others = [p for p in parts if p not in units]
    return (", ".join(others) or None), (", ".join(units) or None)


def is_organisation_name(text: str) -> bool:
    """ "Norrsunds Energi" after a role: capitalised words, as a company's name is written."""
    words = text.split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() or w in _ORGANISATION_JOINERS for w in words)
