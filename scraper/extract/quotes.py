"""Direct quotes from body paragraphs: what was said, by whom, in which role.

Two house styles are handled:

* Nordic *talstreck*: a paragraph opening with a dash, attribution after a speech verb
  ("– Det ska bli intressant, säger kommunchef Kristofer Svensson.") or in the paragraph before
  ("Anna Berg, rektor, berättar:") or in the same paragraph ("Rektor Anna Berg berättar: – Text.");
* quotation marks (” ”, » «, „ “, “ ”, " "), Swedish or English, attribution after
  (``"...," said Cllr Jane Smith, Leader of the Council.``) or before
  (``Councillor Tom Reed, cabinet member for housing, said: "..."``).

Pronouns ("säger han") and surname-only attributions ("säger Svensson") resolve to the last
full name seen. An unattributed dash or quoted paragraph takes the speaker of an *adjacent*
quote; a dash paragraph that reads as a spoken sentence also takes the one person (with a role)
that the narrative paragraph just before it introduces ("Räddningschef Stefan Nordin uppmanar
boende ..." then "– Följ ..."); otherwise it is dropped. The rule throughout: never invent a quote — dash lists, scare
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

from .names import UPPER, is_role_word, split_role_name
from .speakers import SPEECH_VERB, VERBS, Context, Speaker
from .vocabulary import (
    CONTINUATION_MIN_WORDS,
    FIRST_PERSON,
    INTRODUCED_QUOTE_MIN_WORDS,
    QUOTE_DASHES,
    QUOTE_MIN_WORDS,
    RELATIVE_WORDS,
    SPEECH_VERB_PARTICLES,
)

_DASH = "[" + "".join(re.escape(d) for d in QUOTE_DASHES) + "]"
_OPEN = '[”“"»«„‘]'
_CLOSE = '[”“"«»’]'

# "– Text, säger X." — dash paragraph.
_DASH_START = re.compile(rf"^\s*{_DASH}\s*(?=\S)")
# Where an attribution may begin inside a dash paragraph: ", säger" / "? frågar" / "... menar".
_ATTRIBUTION_START = re.compile(rf"(?P<sep>[,!?…]|\.\.\.)\s+(?P<verb>{VERBS})(?=\s)", re.IGNORECASE)
# The end of a sentence (the quote resumes after it: "..., säger X. Nu kan vi ...") or a new reply
# dash ("..., säger X. – Mer text.").
_SENTENCE_BREAK = re.compile(rf"(?P<stop>[.!?])\s+(?={_DASH}?\s*[{UPPER}0-9\"”“»«„])|\s+{_DASH}\s+(?=\S)")
_ABBREVIATIONS = frozenset(("dr", "mr", "mrs", "ms", "st", "prof", "bitr", "vik", "tf", "t.f", "resp", "ca"))
# "”Text”, säger X." / "\"Text,\" said X." / "\"Text,\" X said."
_QUOTED_THEN_ATTR = re.compile(
    rf"^\s*{_OPEN}(?P<q>[^”“\"»«„]+?){_CLOSE}\s*,?\s*(?:(?P<verb>{VERBS})\s+(?P<attr>.+?)|(?P<attr2>[^,\"”“]+?)\s+(?P<verb2>{VERBS}))\s*(?P<rest>[.,;:]\s*{_OPEN}[^”“\"»«„]+{_CLOSE}?)?[.]?\s*$",
    re.IGNORECASE,
)
# Narrative before a quote in the same paragraph: "Margaret Doyle, 84, moved in. “Text,” she said."
_NARRATIVE_THEN_QUOTE = re.compile(rf"^(?P<narrative>[^”“\"»«„]*[.!?])\s+(?={_OPEN})")
# "X, role, said: \"Text\"" / "Anna Berg säger: ”Text”" / "Ward says ... company: “Text”" — the
# lead-in is read by _lead_in_speaker; an unclosed quote at the paragraph end continues in the next.
_LEAD_IN_THEN_QUOTED = re.compile(
    rf"^\s*(?P<lead>[^\"”“»«„]{{2,300}}?)\s*(?P<colon>:)?\s*{_OPEN}(?P<q>[^”“\"»«„]+?)(?:{_CLOSE}\s*\.?)?\s*$"
)
# "Rektor Sanna Wallin berättar: – Läxhjälpen har ...": a lead-in and a dash reply in one paragraph.
_LEAD_IN_THEN_DASH = re.compile(rf"^(?P<lead>[^\"”“»«„:]{{2,300}}?):\s*{_DASH}\s+(?P<rest>\S.*)$", re.DOTALL)
# A paragraph entirely in quotation marks (continuation of an adjacent quote), or opened but not
# closed (English multi-paragraph convention).
_FULLY_QUOTED = re.compile(rf"^\s*{_OPEN}(?P<q>[^”“\"»«„]+?)(?:{_CLOSE})?\s*$")
_RELATIVE = frozenset(RELATIVE_WORDS)
_PARTICLES = dict(SPEECH_VERB_PARTICLES)


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
    speaker: Speaker | None


def _sentence_break(text: str) -> re.Match[str] | None:
    """The first sentence end in ``text`` that is not an abbreviation ("Dr. Smith")."""
    for m in _SENTENCE_BREAK.finditer(text):
        if m["stop"] == ".":
            word = text[: m.start()].split()[-1:] or [""]
            if word[0].lower().strip("(") in _ABBREVIATIONS or len(word[0]) == 1:
                continue
        return m
    return None


def _split_attribution(verb: str, tail: str, mid_quote: bool = True) -> tuple[str, str]:
    """Split what follows a speech verb into ``(attribution, quote text resuming after it)``.

    "avfallschef Henrik Sjöberg. Nu kan vi ..." -> ("avfallschef Henrik Sjöberg", "Nu kan vi ...");
    "han, är den största ..." -> ("han", "är den största ..."); "skoleleder Jens Holm, der har
    siddet i byggeudvalget." -> ("skoleleder Jens Holm", "") — a relative clause describes the
    speaker and goes with the attribution.
    """
    after = ""
    if brk := _sentence_break(tail):
        tail, after = tail[: brk.start()], tail[brk.end() :]
    attribution = tail.strip()
    head, comma, rest = attribution.partition(",")
    rest = rest.strip()
    if not comma:
        head = attribution = attribution.rstrip(".")
    particle = _PARTICLES.get(verb.lower())
    if particle:
        head = re.sub(rf"\s+{particle}$", "", head)
        attribution = head if not comma else attribution
    if comma and rest:
        first = rest.split()[0].lower()
        if first in _RELATIVE:
            attribution = head
        elif rest.rstrip(".").isdigit():
            attribution = head  # an age: "Ann Lee, 52."
        elif mid_quote and rest[:1].islower() and not any(is_role_word(t) for t in rest.split()[:3]):
            # "– Det här, säger han, är viktigt." — the attribution sits inside the quote.
            attribution, after = head, f"{rest} {after}".strip()
    return attribution.strip().rstrip("."), after.strip()


def _from_dash(rest: str, ctx: Context) -> tuple[str, Speaker | None]:
    """Split a dash paragraph (dash removed) into quote text and speaker."""
    for m in _ATTRIBUTION_START.finditer(rest):
        attribution, after = _split_attribution(m["verb"], rest[m.end() :])
        speaker = ctx.resolve(attribution) if attribution else None
        if speaker is None:
            continue
        sep = m["sep"] if m["sep"] in "!?…" or m["sep"] == "..." else ""
        text = _tidy(rest[: m.start()]) + sep
        if after:
            # The quote resumes; it may carry its own closing attribution ("..., fortsätter hon.").
            after = _DASH_START.sub("", after)
            after_text, _ = _from_dash(after, ctx)
            text = f"{text} {after_text}"
        return text, speaker
    return _tidy(rest), None


def _quoted_then_attr(paragraph: str, ctx: Context) -> _Candidate | None:
    m = _QUOTED_THEN_ATTR.match(paragraph)
    if not m:
        return None
    attribution = m["attr"] or m["attr2"]
    verb = m["verb"] or m["verb2"]
    if m["attr"]:
        attribution, _ = _split_attribution(verb, attribution, mid_quote=False)
    speaker = ctx.resolve(attribution)
    text = _tidy(m["q"])
    if m["rest"]:
        # Keep the writer's punctuation at the seam ("share," ...), do not invent a full stop.
        seam = m["q"].rstrip()[-1:] if m["q"].rstrip()[-1:] in ",.!?…" else ""
        text = f"{text}{seam} {_tidy(m['rest'].lstrip('.,;: '))}"
    if speaker and _words(text) >= QUOTE_MIN_WORDS:
        return _Candidate(-1, text, speaker)
    return None


def _lead_in_speaker(lead: str, ctx: Context, colon: bool) -> Speaker | None:
    """The speaker named by a lead-in before a quote or ending a paragraph with a colon.

    Reads the last sentence ("Lena Ek, miljöchef, är glad. Hon säger:" -> "Hon säger"), earlier
    sentences are mentions. The speaker is before the verb ("Anna Berg, rektor, berättar",
    "Ward says the spaces are also about company", "Whitfield told volunteers at the launch") or
    after it ("Så här säger rektor Anna Berg", "Det säger Anna Berg och tillägger").
    """
    sentences = re.split(rf"(?<=[.!?])\s+(?=[{UPPER}])", lead.strip())
    if len(sentences) > 1:
        ctx.mention(" ".join(sentences[:-1]))
    sentence = sentences[-1].strip().rstrip(":").strip()
    verb = SPEECH_VERB.search(sentence)
    if verb is None:
        return None
    after_verb = sentence[verb.end() :].split()
    if not colon and len(after_verb) > 2:
        return None  # "X said the plan was “unfair”": a scare quote in reported speech
    before = sentence[: verb.start()].strip().rstrip(",").strip()
    if before and (speaker := ctx.resolve(before, first_name_ok=False)):
        return speaker
    if len(before.split()) > 1 and split_role_name(before)[0]:
        return None  # "Mr Shapps said on Twitter:": an unknown name, do not look after the verb
    after = sentence[verb.end() :].strip()
    after = re.split(r",|\s+(?:och|og|and|som|der|who)\s+", after, maxsplit=1)[0]
    particle = _PARTICLES.get(verb["verb"].lower())
    if particle:
        after = re.sub(rf"\s+{particle}$", "", after)
    return ctx.resolve(after, first_name_ok=False) if after else None


def extract_quotes(paragraphs: list[str], language: str | None = None) -> list[Quote]:
    """Quotes in body paragraphs, in order. ``language`` is accepted for future per-language rules."""
    ctx = Context()
    candidates: list[_Candidate] = []
    pending: tuple[int, Speaker] | None = None  # speaker announced by the paragraph before
    introduced: tuple[int, Speaker] | None = None  # the one person a narrative paragraph named
    for i, raw in enumerate(paragraphs):
        paragraph = raw.strip()
        if not paragraph or _is_list(paragraph):
            ctx.mention(paragraph)
            continue
        announced = pending[1] if pending and pending[0] == i - 1 else None
        if dash := _DASH_START.match(paragraph):
            text, speaker = _from_dash(paragraph[dash.end() :], ctx)
            if speaker is None and announced is None and introduced and introduced[0] == i - 1:
                speaker = introduced[1] if _reads_as_speech(text) else None
            if _words(text) >= QUOTE_MIN_WORDS:
                candidates.append(_Candidate(i, text, speaker or announced))
            continue
        if (m := _LEAD_IN_THEN_DASH.match(paragraph)) and (
            lead_speaker := _lead_in_speaker(m["lead"], ctx, True)
        ):
            text, speaker = _from_dash(m["rest"], ctx)
            if _words(text) >= QUOTE_MIN_WORDS:
                candidates.append(_Candidate(i, text, speaker or lead_speaker))
                continue
        if cand := _quoted_then_attr(paragraph, ctx):
            cand.index = i
            candidates.append(cand)
            continue
        if (m := _NARRATIVE_THEN_QUOTE.match(paragraph)) and (
            cand := _quoted_then_attr(paragraph[m.end() :], _mentioned(ctx, m["narrative"]))
        ):
            cand.index = i
            candidates.append(cand)
            continue
        if m := _LEAD_IN_THEN_QUOTED.match(paragraph):
            speaker = _lead_in_speaker(m["lead"], ctx, bool(m["colon"]))
            text = _tidy(m["q"])
            if speaker and _words(text) >= QUOTE_MIN_WORDS:
                candidates.append(_Candidate(i, text, speaker))
                continue
        if m := _FULLY_QUOTED.match(paragraph):
            text = _tidy(m["q"])
            if _words(text) >= QUOTE_MIN_WORDS:
                candidates.append(_Candidate(i, text, announced))
                continue
        if paragraph.endswith(":") and (speaker := _lead_in_speaker(paragraph, ctx, True)):
            pending = (i, speaker)
            continue
        if (speaker := _introduced(ctx.mention(paragraph))) is not None:
            introduced = (i, speaker)
    return _resolve_adjacent(candidates)


def _introduced(people: list[Speaker]) -> Speaker | None:
    """The one person a narrative paragraph introduces, with the role it gives them.

    "Räddningschef Stefan Nordin uppmanar boende ..." -> Stefan Nordin. Two people, or a capitalised
    name without a role (an organisation as often as a person: "Trafikverket Region Mitt"), give none.
    """
    if len({p.name for p in people}) != 1 or people[0].role is None:
        return None
    return people[0]


def _reads_as_speech(text: str) -> bool:
    """A dash paragraph without attribution is speech if it is a full sentence, not a list item."""
    return _words(text) >= INTRODUCED_QUOTE_MIN_WORDS and text.rstrip()[-1:] in ".!?…"


def _mentioned(ctx: Context, narrative: str) -> Context:
    ctx.mention(narrative)
    return ctx


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
