"""Where quotes can start, and what marks a paragraph as speech without a dash or quotation mark.

Pure string helpers for extract/quotes.py:

* ``split_units``: a body paragraph becomes one or more *units*, the pieces a quote can be — a talstreck
  reply that starts mid-paragraph after a sentence ("… på fredag. – Vi ser fram emot …, säger X.") or
  on a new line (``<br>``) is a unit of its own, and so is a line after a full stop or a colon, a
  sentence leading in to a quotation ("… Cllr X told the meeting: “…”") and what follows a quotation
  ending a sentence. A dash list stays one unit (it is never a quote), a reply dash inside a quote
  does not split it.
* ``reads_as_unmarked_speech``: a paragraph in the first person, ending a sentence, read as the quote a
  colon lead-in or a reported-speech sentence announced when the dash or marks were lost.
* ``indirect_subject``: "Ebbe Strand berättar att …" — the attribution of reported speech, whose
  first-person paragraph after it is the speaker's own words.
* ``signature``: a line that is only a name and a role ("Overborgmester Ole Brask (S)") signing the
  quote before it.
"""

from __future__ import annotations

import re

from .names import UPPER, split_role_name
from .speakers import SPEECH_VERB
from .vocabulary import (
    FIRST_PERSON,
    FIRST_PERSON_MORE,
    QUOTE_DASHES,
    REPORTED_SPEECH_CONJUNCTIONS,
    SIGNATURE_MAX_WORDS,
    UNMARKED_QUOTE_MIN_WORDS,
)

_DASH = "[" + "".join(re.escape(d) for d in QUOTE_DASHES) + "]"
_DASH_LINE = re.compile(rf"^\s*{_DASH}\s*(?=\S)")
_OPENS_QUOTE = re.compile(rf"^\s*(?:{_DASH}|[”“\"»«„])")
# "… på fredag. – Vi ser …": a reply dash after a sentence end, with a space before and after (so
# "Kalvträsk – Bygdsiljum" and "2018-2020" never split).
_MID_DASH = re.compile(rf"(?<=[.!?”\"])\s+(?={_DASH}\s+[{UPPER}0-9])")
# Inside running text: before a sentence that leads in to a quotation ("… last year. Cllr Jo Penn
# told the meeting: “…”") and after a quotation that ends a sentence ("….” The scheme …").
_MID_QUOTE = re.compile(
    rf"(?<=[.!?])\s+(?=[{UPPER}][^.!?:”“\"»«„]{{2,200}}:\s*[“\"”»«„])|(?<=[.!?][”\"»«’])\s+(?=[{UPPER}])"
)
_ENDS_SENTENCE = re.compile(r"[.!?:;”\"»«…]\s*$")
_ATTRIBUTED_LINE = re.compile(rf"[,!?…]\s+(?:{SPEECH_VERB.pattern})", re.IGNORECASE)
_CONJUNCTIONS = "|".join(REPORTED_SPEECH_CONJUNCTIONS)
_FIRST_PERSON = FIRST_PERSON | FIRST_PERSON_MORE
_CREDITS = frozenset(("foto", "bild", "photo", "text", "illustration", "kilde", "källa", "source"))


def is_dash_list(paragraph: str) -> bool:
    """Two or more dash lines, none of them attributed: a list ("– tisdagar 10–12\\n– torsdagar …")."""
    lines = paragraph.split("\n")
    dashed = [line for line in lines if _DASH_LINE.match(line)]
    return len(dashed) >= 2 and not any(_ATTRIBUTED_LINE.search(line) for line in dashed)


def split_units(paragraph: str) -> list[str]:
    """The units of one paragraph, in order (see the module docstring)."""
    if is_dash_list(paragraph):
        return [paragraph]
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    units: list[str] = []
    for line in lines:
        if units and not (_OPENS_QUOTE.match(line) or _ENDS_SENTENCE.search(units[-1])):
            units[-1] = f"{units[-1]} {line}"  # a line broken mid-sentence ("säger Anna Berg,<br>socialchef")
        else:
            units.append(line)
    units = _join_quote_to_attribution(units)
    out: list[str] = []
    for unit in units:
        if _OPENS_QUOTE.match(unit):
            out.append(unit)  # a reply dash later in a quote ("…, säger X. – Mer.") belongs to it
            continue
        narrative, *reply = _MID_DASH.split(unit, maxsplit=1)
        out.extend(piece.strip() for piece in _MID_QUOTE.split(narrative) if piece.strip())
        out.extend(piece.strip() for piece in reply if piece.strip())
    return out


def _join_quote_to_attribution(lines: list[str]) -> list[str]:
    """A quote broken over lines ("– Vi är glada.<br>Det blir bra för alla, säger X.") stays one unit:
    a line that opens a quote without an attribution takes the next line when that one carries it."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if (
            prev
            and _OPENS_QUOTE.match(prev)
            and not _ATTRIBUTED_LINE.search(prev)
            and not _OPENS_QUOTE.match(line)
            and _ATTRIBUTED_LINE.search(line)
        ):
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def has_first_person(text: str, within: int | None = 12) -> bool:
    words = [w.strip('.,!?:;”“"»«()').lower() for w in text.split()[:within]]
    return any(w in _FIRST_PERSON for w in words)


def reads_as_unmarked_speech(text: str, announced: bool = False) -> bool:
    """First person near the start (anywhere, when a lead-in announced it), a full sentence to the end:
    speech even without a dash or marks."""
    return (
        len(text.split()) >= UNMARKED_QUOTE_MIN_WORDS
        and has_first_person(text, None if announced else 12)
        and text.rstrip()[-1:] in ".!?…"
        and not _OPENS_QUOTE.match(text)
    )


def indirect_subject(paragraph: str) -> str | None:
    """The attribution of reported speech ending a paragraph: "Ebbe Strand berättar att …" -> "Ebbe Strand".

    Only the last sentence, and only when the speech verb is followed by a conjunction of reported
    speech (att / at / that); the words before the verb are the attribution to resolve.
    """
    sentences = re.split(rf"(?<=[.!?])\s+(?=[{UPPER}])", paragraph.strip())
    last = sentences[-1]
    m = re.search(
        rf"^(?P<who>[^,.;:!?]{{2,120}}?),?\s+(?:{SPEECH_VERB.pattern}),?\s+(?:{_CONJUNCTIONS})\s", last
    )
    if not m:
        m = re.search(
            rf"\s(?:{SPEECH_VERB.pattern})\s+(?P<who>[^,.;:!?]{{2,80}}?),?\s+(?:{_CONJUNCTIONS})\s", last
        )
    return m["who"].strip() if m else None


def signature(unit: str) -> tuple[str, str | None] | None:
    """ "Sigrid Holm, elev på Kvarnby Skole" / "Overborgmester Ole Brask (S)": a name line, no sentence."""
    text = unit.strip()
    if not text or len(text.split()) > SIGNATURE_MAX_WORDS or ":" in text or SPEECH_VERB.search(text):
        return None  # "Foto: Anna Berg" credits a picture
    if text[-1:] in ".!?" or text.split()[0].lower() in _CREDITS:
        return None
    name, role = split_role_name(text)
    if not name or len(name.split()) < 2:
        return None
    return name, role
