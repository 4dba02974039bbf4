"""Names and roles in running text: "kommunchef Kristofer Svensson" -> ("Kristofer Svensson", "kommunchef").

Shared by the quote extractor (who said it, in which role) and the contact extractor (whose card,
which title, which unit). Pure string functions: no tree, no page, so they are tested on strings.
"""

from __future__ import annotations

import re

from .vocabulary import (
    HONORIFICS_EN,
    PLACE_PREPOSITIONS,
    RELATIVE_WORDS,
    ROLE_HONORIFICS,
    ROLE_SUFFIXES,
    ROLE_WORDS,
    UNIT_WORDS,
)

UPPER = "A-ZÅÄÖÆØÜÉ"
NAME_TOKEN = re.compile(rf"^[{UPPER}][\w'’.]*(?:-[{UPPER}]?[\w'’]+)*$")
_PARTY = re.compile(r"\s*\(([^()]{1,12})\)")
_HONORIFICS = frozenset(HONORIFICS_EN)
_RELATIVE = frozenset(RELATIVE_WORDS)
_ROLE_HONORIFICS = frozenset(ROLE_HONORIFICS)
_PLACE_PREPOSITIONS = frozenset(PLACE_PREPOSITIONS)
# Words that may join the words of an organisation's name: "Norrsunds Energi", "Vatten & Avfall".
_ORGANISATION_JOINERS = frozenset(("och", "and", "&", "of", "i", "för", "for", "AB"))


def is_role_word(token: str) -> bool:
    """ "kommunchef", "Rektorn", "förvaltningschefen": a title, in indefinite or definite form."""
    low = token.lower().strip(".,:;")
    if low in ROLE_WORDS:
        return True
    return any(low.endswith((suffix, suffix + "n", suffix + "en", suffix + "et")) for suffix in ROLE_SUFFIXES)


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
        text = (text[: m.start()] + text[m.end() :]).strip().rstrip(",")
    head, _, after_comma = (part.strip() for part in text.partition(","))
    tail: str | None = after_comma.rstrip(",").strip() or None
    if tail:
        # "Elsa, som går i klass 4B" / "Ann Lee, 52": a description or an age, not a role;
        # "professor of X who directs Y": the role ends where the relative clause begins.
        kept = []
        for token in tail.split():
            if token.lower() in _RELATIVE:
                break
            kept.append(token)
        tail = " ".join(kept) if kept and not tail.replace(",", "").strip().isdigit() else None
    tokens = head.split()
    place = _place_after_name(tokens)
    if place:
        tokens = tokens[: -len(place)]
    # Trailing run of name-like tokens is the name; what comes before is the role.
    i = len(tokens)
    while i > 0 and NAME_TOKEN.match(tokens[i - 1]) and not is_role_word(tokens[i - 1]):
        i -= 1
    name_tokens, role_tokens = tokens[i:], tokens[:i]
    honorific = None
    while name_tokens and name_tokens[0].lower() in _HONORIFICS:
        honorific = name_tokens.pop(0)
        role_tokens.append(honorific)
    if honorific and honorific.lower().rstrip(".") not in _ROLE_HONORIFICS:
        role_tokens.remove(honorific)
        honorific = None  # "Mr", "Dr": dropped from the name, not a role
    if not name_tokens and tail:
        # "the council's leader, Jane Smith": the name comes after the comma.
        tail_tokens = tail.split()
        if looks_like_name(tail_tokens):
            return with_party(" ".join(tail_tokens), head or None, party)
        return None, None
    if not looks_like_name(name_tokens):
        return None, None
    name = " ".join(name_tokens)
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
    return "Councillor" if honorific.lower().rstrip(".") == "cllr" else honorific


def with_party(name: str, role: str | None, party: str | None) -> tuple[str, str | None]:
    if party:
        role = f"{role} ({party})" if role else f"({party})"
    return name, role


def is_apposition_role(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 8
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


def has_unit_word(text: str) -> bool:
    low = f" {text.lower()} "
    return any(word in low for word in UNIT_WORDS)


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
