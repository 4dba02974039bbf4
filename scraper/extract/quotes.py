"""Direct quotes from body paragraphs: what was said, by whom, in which role.

Two house styles are handled:

* Nordic *talstreck*: a paragraph opening with a dash, attribution after a speech verb
  ("– Det ska bli intressant, säger kommunchef Kristofer Svensson.") or in the paragraph before
  ("Anna Berg, rektor, berättar:");
* quotation marks (” ”, » «, „ “, “ ”, " "), Swedish or English, attribution after
  (``"...," said Cllr Jane Smith, Leader of the Council.``) or before
  (``Councillor Tom Reed, cabinet member for housing, said: "..."``).

Pronouns ("säger han") and surname-only attributions ("säger Svensson") resolve to the last
full name seen. An unattributed dash or quoted paragraph takes the speaker of an *adjacent*
quote; otherwise it is dropped. The rule throughout: never invent a quote — dash lists, scare
quotes and titles have no attribution and no adjacent speaker, so they never become quotes.

Role and party: "kommunstyrelsens ordförande Anna Lindqvist (S)" gives speaker "Anna Lindqvist"
and role "kommunstyrelsens ordförande (S)" — the party is kept, but in the role, never in the
name. Honorifics (Cllr, Councillor, Dr) are dropped from the name and used as the role only when
no other role is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.items import Quote

from .vocabulary import (
    CONTINUATION_MIN_WORDS,
    FIRST_PERSON,
    HONORIFICS_EN,
    PRONOUNS,
    QUOTE_DASHES,
    QUOTE_MIN_WORDS,
    RELATIVE_WORDS,
    ROLE_CONNECTORS,
    ROLE_HONORIFICS,
    ROLE_SUFFIXES,
    SPEECH_VERBS,
)

_VERBS = "|".join(re.escape(v) for v in sorted(set(SPEECH_VERBS), key=len, reverse=True))
_DASH = "[" + "".join(re.escape(d) for d in QUOTE_DASHES) + "]"
_OPEN = '[”“"»«„‘]'
_CLOSE = '[”“"«»’]'
_UPPER = "A-ZÅÄÖÆØÜÉ"
_NAME_TOKEN = re.compile(rf"^[{_UPPER}][\w'’.]*(?:-[{_UPPER}]?[\w'’]+)*$")
_PARTY = re.compile(r"\s*\(([^()]{1,12})\)")

# "– Text, säger X." — dash paragraph.
_DASH_START = re.compile(rf"^\s*{_DASH}\s*(?=\S)")
# ", säger X" / "? frågar X" inside the dash paragraph; the attribution runs to the end.
_DASH_ATTRIBUTION = re.compile(
    rf"(?P<sep>[,!?…]|\.\.\.)\s+(?P<verb>{_VERBS})\s+(?P<attr>[^–—−]+?)\s*$", re.IGNORECASE
)
# A second reply in the same paragraph after the attribution: "..., säger X. – Mer text."
_DASH_CONTINUATION = re.compile(rf"\.\s+{_DASH}\s+")
# "”Text”, säger X." / "\"Text,\" said X." / "\"Text,\" X said."
_QUOTED_THEN_ATTR = re.compile(
    rf"^\s*{_OPEN}(?P<q>[^”“\"»«„]+?){_CLOSE}\s*,?\s*(?:(?P<verb>{_VERBS})\s+(?P<attr>.+?)|(?P<attr2>[^,\"”“]+?)\s+(?P<verb2>{_VERBS}))\s*(?P<rest>[.,;:]\s*{_OPEN}.*)?[.]?\s*$",
    re.IGNORECASE,
)
# "X, role, said: \"Text\"" / "Anna Berg säger: ”Text”"
_ATTR_THEN_QUOTED = re.compile(
    rf"^\s*(?P<attr>[^\"”“»«„]{{2,160}}?),?\s+(?P<verb>{_VERBS})(?:\s+\w+){{0,2}}\s*:?\s*{_OPEN}(?P<q>[^”“\"»«„]+?){_CLOSE}\s*\.?\s*$",
    re.IGNORECASE,
)
# A paragraph that introduces the next one: "Anna Berg, rektor, berättar:" / "Så här säger X:"
_INTRO_ATTR_VERB = re.compile(
    rf"(?:^|[.!?]\s+)(?P<attr>[^.!?]{{2,120}}?),?\s+(?P<verb>{_VERBS})(?:\s+\w+){{0,3}}\s*:\s*$",
    re.IGNORECASE,
)
_INTRO_VERB_ATTR = re.compile(
    rf"(?:^|\s)(?P<verb>{_VERBS})\s+(?P<attr>[^.!?,]{{2,80}}?)\s*:\s*$", re.IGNORECASE
)
# A paragraph entirely in quotation marks (continuation of an adjacent quote), or opened but not
# closed (English multi-paragraph convention).
_FULLY_QUOTED = re.compile(rf"^\s*{_OPEN}(?P<q>[^”“\"»«„]+?)(?:{_CLOSE})?\s*$")
# Two capitalised words in running text, not at a sentence start: a person mentioned.
_MENTION = re.compile(
    rf"(?<![.!?:]\s)(?<!^)\b([{_UPPER}][a-zåäöæøüé]+(?:-[{_UPPER}][a-zåäöæøüé]+)?\s[{_UPPER}][a-zåäöæøüé]+(?:-[{_UPPER}][a-zåäöæøüé]+)?)\b"
)

_PRONOUNS = frozenset(PRONOUNS)
_HONORIFICS = frozenset(HONORIFICS_EN)
_CONNECTORS = frozenset(ROLE_CONNECTORS)
_RELATIVE = frozenset(RELATIVE_WORDS)
_ROLE_HONORIFICS = frozenset(ROLE_HONORIFICS)


@dataclass
class _Speaker:
    name: str
    role: str | None = None


def is_role_word(token: str) -> bool:
    """ "kommunchef", "Rektorn", "förvaltningschefen": a title, in indefinite or definite form."""
    low = token.lower().strip(".,")
    return any(low.endswith((suffix, suffix + "n", suffix + "en", suffix + "et")) for suffix in ROLE_SUFFIXES)


def _looks_like_name(tokens: list[str]) -> bool:
    return (
        1 <= len(tokens) <= 4
        and all(_NAME_TOKEN.match(t) for t in tokens)
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
    head, _, tail = (part.strip() for part in text.partition(","))
    tail = tail.rstrip(",").strip() or None
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
    # Trailing run of name-like tokens is the name; what comes before is the role.
    i = len(tokens)
    while i > 0 and _NAME_TOKEN.match(tokens[i - 1]) and not is_role_word(tokens[i - 1]):
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
        if _looks_like_name(tail_tokens):
            return _with_party(" ".join(tail_tokens), head or None, party)
        return None, None
    if not _looks_like_name(name_tokens):
        return None, None
    name = " ".join(name_tokens)
    role_prefix = " ".join(t for t in role_tokens if t != honorific) or None
    if role_prefix and len(role_tokens) > 8:
        return None, None  # a clause, not a role: the attribution was misread
    if role_prefix and tail:
        role: str | None = f"{role_prefix}, {tail}"
    else:
        role = tail or role_prefix or (_expand_honorific(honorific) if honorific else None)
    return _with_party(name, role, party)


def _expand_honorific(honorific: str) -> str:
    return "Councillor" if honorific.lower().rstrip(".") == "cllr" else honorific


def _with_party(name: str, role: str | None, party: str | None) -> tuple[str, str | None]:
    if party:
        role = f"{role} ({party})" if role else f"({party})"
    return name, role


class _Context:
    """Speakers seen so far, for pronouns and surname-only attributions."""

    def __init__(self) -> None:
        self.last: _Speaker | None = None
        self.by_token: dict[str, _Speaker] = {}

    def remember(self, speaker: _Speaker) -> _Speaker:
        """Record a speaker, completing a surname-only or role-less mention from earlier ones."""
        known = self.by_token.get(speaker.name.lower())
        if known and (len(speaker.name.split()) == 1 or known.name == speaker.name):
            speaker = _Speaker(known.name, speaker.role or known.role)
        for token in speaker.name.split():
            self.by_token[token.lower()] = speaker
        self.by_token[speaker.name.lower()] = speaker
        self.last = speaker
        return speaker

    def mention(self, paragraph: str) -> None:
        """Remember people named in running text ("kommunchef Kristofer Svensson besökte ...")."""
        for name in _MENTION.findall(paragraph):
            if not any(is_role_word(t) for t in name.split()):
                role_match = re.search(rf"(\S+)\s+{re.escape(name)}", paragraph)
                role = role_match[1] if role_match and is_role_word(role_match[1]) else None
                self.remember(_Speaker(name, role))

    def resolve(self, attribution: str) -> _Speaker | None:
        """A speaker for an attribution: pronoun -> last speaker, surname -> known full name."""
        attr = attribution.strip().rstrip(".,;:")
        first = attr.split()[0].lower().strip(".,;:") if attr.split() else ""
        if first in _PRONOUNS:
            return self.last
        name, role = split_role_name(attr)
        if not name:
            return None
        return self.remember(_Speaker(name, role))


def _words(text: str) -> int:
    return len(text.split())


def _is_list(paragraph: str) -> bool:
    lines = paragraph.split("\n")
    return len(lines) > 1 and sum(bool(_DASH_START.match(line)) for line in lines) >= 2


def _tidy(text: str) -> str:
    return text.strip().strip('”“"»«„‘’').strip().rstrip(",").strip()


@dataclass
class _Candidate:
    index: int  # paragraph index
    text: str
    speaker: _Speaker | None


def _from_dash(rest: str, ctx: _Context) -> tuple[str, _Speaker | None]:
    """Split a dash paragraph (dash removed) into quote text and speaker."""
    continuation = ""
    m = None
    for m_try in _DASH_ATTRIBUTION.finditer(rest):
        m = m_try
    if m is None:
        # "..., säger X. – Mer text." — attribution in the middle, a second reply after it.
        parts = _DASH_CONTINUATION.split(rest, maxsplit=1)
        if len(parts) == 2:
            for m_try in _DASH_ATTRIBUTION.finditer(parts[0]):
                m = m_try
            if m is not None:
                rest, continuation = parts[0], parts[1]
    if m is None:
        return _tidy(rest), None
    attribution, after = m["attr"], ""
    head, comma, tail = attribution.partition(",")
    if comma and tail.strip()[:1].islower() and not any(is_role_word(t) for t in tail.split()[:3]):
        # "– Det här, säger han, är viktigt." — the attribution sits inside the quote.
        attribution, after = head, tail.strip()
    speaker = ctx.resolve(attribution)
    if speaker is None:
        return _tidy(rest), None
    sep = m["sep"] if m["sep"] in "!?…" or m["sep"] == "..." else ""
    text = _tidy(rest[: m.start()]) + sep
    if after:
        text = f"{text} {after}"
    if continuation:
        text = f"{text} {_tidy(continuation)}"
    return text, speaker


def extract_quotes(paragraphs: list[str], language: str | None = None) -> list[Quote]:
    """Quotes in body paragraphs, in order. ``language`` is accepted for future per-language rules."""
    ctx = _Context()
    candidates: list[_Candidate] = []
    pending: tuple[int, _Speaker] | None = None  # speaker announced by the paragraph before
    for i, raw in enumerate(paragraphs):
        paragraph = raw.strip()
        if not paragraph or _is_list(paragraph):
            ctx.mention(paragraph)
            continue
        announced = pending[1] if pending and pending[0] == i - 1 else None
        if dash := _DASH_START.match(paragraph):
            text, speaker = _from_dash(paragraph[dash.end() :], ctx)
            if _words(text) >= QUOTE_MIN_WORDS:
                candidates.append(_Candidate(i, text, speaker or announced))
            continue
        if m := _QUOTED_THEN_ATTR.match(paragraph):
            attribution = m["attr"] or m["attr2"]
            speaker = ctx.resolve(attribution)
            text = _tidy(m["q"])
            if m["rest"]:
                # Keep the writer's punctuation at the seam ("share," ...), do not invent a full stop.
                seam = m["q"].rstrip()[-1:] if m["q"].rstrip()[-1:] in ",.!?…" else ""
                text = f"{text}{seam} {_tidy(m['rest'].lstrip('.,;: '))}"
            if speaker and _words(text) >= QUOTE_MIN_WORDS:
                candidates.append(_Candidate(i, text, speaker))
                continue
        if m := _ATTR_THEN_QUOTED.match(paragraph):
            speaker = ctx.resolve(m["attr"])
            text = _tidy(m["q"])
            if speaker and _words(text) >= QUOTE_MIN_WORDS:
                candidates.append(_Candidate(i, text, speaker))
                continue
        if m := _FULLY_QUOTED.match(paragraph):
            text = _tidy(m["q"])
            if _words(text) >= QUOTE_MIN_WORDS:
                candidates.append(_Candidate(i, text, announced))
                continue
        if paragraph.endswith(":") and (speaker := _intro_speaker(paragraph, ctx)):
            pending = (i, speaker)
            continue
        ctx.mention(paragraph)
    return _resolve_adjacent(candidates)


def _intro_speaker(paragraph: str, ctx: _Context) -> _Speaker | None:
    """The speaker announced by a paragraph ending in a colon ("Anna Berg, rektor, berättar:")."""
    for pattern in (_INTRO_ATTR_VERB, _INTRO_VERB_ATTR):
        if (m := pattern.search(paragraph)) and (speaker := ctx.resolve(m["attr"])):
            return speaker
    return None


def _sounds_spoken(text: str) -> bool:
    """An unattributed paragraph may continue a quote only if it reads like speech, not a list item."""
    words = text.lower().split()
    return len(words) >= CONTINUATION_MIN_WORDS or any(w.strip(".,!?:;") in FIRST_PERSON for w in words)


def _resolve_adjacent(candidates: list[_Candidate]) -> list[Quote]:
    """Give unattributed quotes the speaker of an adjacent quote; drop those still without one."""
    for k, cand in enumerate(candidates):
        if cand.speaker is None and k > 0:
            prev = candidates[k - 1]
            if prev.index == cand.index - 1 and _sounds_spoken(cand.text):
                cand.speaker = prev.speaker
    for k in range(len(candidates) - 1, -1, -1):
        cand = candidates[k]
        if cand.speaker is None and k + 1 < len(candidates):
            nxt = candidates[k + 1]
            if nxt.index == cand.index + 1 and _sounds_spoken(cand.text):
                cand.speaker = nxt.speaker
    quotes: list[Quote] = []
    for cand in candidates:
        if cand.speaker is not None:
            quotes.append(Quote(len(quotes), cand.text, cand.speaker.name, cand.speaker.role))
    return quotes
