"""The forms a quote takes in one paragraph: talstreck replies, quoted text with the attribution after
or before it, colon lead-ins; each parser returns the quote text and the speaker it names, or nothing.

extract/quotes.py reads an article's paragraphs with these; see its docstring for the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import UPPER, is_apposition_role, is_role_word, split_role_name
from .speakers import SPEECH_VERB, VERBS, Context, Speaker
from .vocabulary import (
    ATTRIBUTION_CHANNEL_LEADS,
    ATTRIBUTION_CHANNELS,
    ATTRIBUTION_SUBORDINATORS,
    QUOTE_ADDING_WORDS,
    QUOTE_DASHES,
    QUOTE_MIN_WORDS,
    RELATIVE_WORDS,
    SPEECH_VERB_PARTICLES,
)

_DASH = "[" + "".join(re.escape(d) for d in QUOTE_DASHES) + "]"
_OPEN = '[”“"»«„‘]'
_CLOSE = '[”“"«»’]'

# "– Text, säger X." — dash paragraph.
DASH_START = re.compile(rf"^\s*{_DASH}\s*(?=\S)")
# Where an attribution may begin inside a dash paragraph: ", säger" / "? frågar" / "... menar".
_ATTRIBUTION_START = re.compile(rf"(?P<sep>[,!?…]|\.\.\.)\s+(?P<verb>{VERBS})(?=\s)", re.IGNORECASE)
# A writer who left out the comma: "– … enn om vi var kvar for oss seier Bjørlo." The verb follows a
# word (no punctuation) and a name ends the paragraph; tried only when no comma attribution resolves.
_ATTRIBUTION_NO_COMMA = re.compile(rf"(?<=[^\W\d_])\s+(?P<verb>{VERBS})\s+(?=\S)", re.IGNORECASE)
# The end of a sentence (the quote resumes after it: "..., säger X. Nu kan vi ...") or a new reply
# dash ("..., säger X. – Mer text.").
_SENTENCE_BREAK = re.compile(rf"(?P<stop>[.!?])\s+(?={_DASH}?\s*[{UPPER}0-9\"”“»«„])|\s+{_DASH}\s+(?=\S)")
_ABBREVIATIONS = frozenset(("dr", "mr", "mrs", "ms", "st", "prof", "bitr", "vik", "tf", "t.f", "resp", "ca"))
# "”Text”, säger X." / "\"Text,\" said X." / "\"Text,\" X said."
_QUOTED_THEN_ATTR = re.compile(
    rf"^\s*{_OPEN}(?P<q>[^”“\"»«„]+?){_CLOSE}\s*,?\s*(?:(?P<verb>{VERBS})\s+(?P<attr>.+?)|(?P<attr2>[^,\"”“]+?)\s+(?P<verb2>{VERBS}))\s*(?P<rest>[.,;:]\s*{_OPEN}[^”“\"»«„]+{_CLOSE}?)?[.,]?\s*$",
    re.IGNORECASE,
)
# Narrative before a quote in the same paragraph: "Margaret Doyle, 84, moved in. “Text,” she said."
NARRATIVE_THEN_QUOTE = re.compile(rf"^(?P<narrative>[^”“\"»«„]*[.!?:])\s+(?={_OPEN})")
# "X, role, said: \"Text\"" / "Anna Berg säger: ”Text”" / "Ward says ... company: “Text”" — the
# lead-in is read by lead_in_speaker; an unclosed quote at the paragraph end continues in the next.
LEAD_IN_THEN_QUOTED = re.compile(
    rf"^\s*(?P<lead>[^\"”“»«„]{{2,300}}?)\s*(?P<colon>:)?\s*{_OPEN}(?P<q>[^”“\"»«„]+?)(?:{_CLOSE}\s*\.?)?\s*$"
)
# "Coun Jo Penn said it was a “fair result”, adding: “Now the work starts.”" — reported speech (with
# a scare quote) then a closing quote the speaker adds: the quote is the last one, its speaker the lead's.
_ADDING = "|".join(re.escape(w) for w in QUOTE_ADDING_WORDS)
ADDING_THEN_QUOTED = re.compile(
    rf"^(?P<lead>.{{2,400}}?),?\s+(?:{_ADDING})\s*:\s*{_OPEN}(?P<q>[^”“\"»«„]+?)(?:{_CLOSE}\s*\.?)?\s*$",
    re.IGNORECASE | re.DOTALL,
)
# "Rektor Sanna Wallin berättar: – Läxhjälpen har ...": a lead-in and a dash reply in one paragraph.
LEAD_IN_THEN_DASH = re.compile(rf"^(?P<lead>[^\"”“»«„:]{{2,300}}?):\s*{_DASH}\s+(?P<rest>\S.*)$", re.DOTALL)
# A paragraph entirely in quotation marks (continuation of an adjacent quote), or opened but not
# closed (English multi-paragraph convention).
FULLY_QUOTED = re.compile(rf"^\s*{_OPEN}(?P<q>[^”“\"»«„]+?)(?:{_CLOSE}(?P<stop>[.])?)?\s*$")
# "– Text. Det sa kommunalsjef X, da …": the attribution as the last sentence of the dash paragraph.
_POSTPOSED_IN_DASH = re.compile(
    rf"(?<=[.!?])\s+(?:det|dette|så|that|this)\s+(?:{VERBS})\s+(?P<attr>[^.!?]+)[.!?]?\s*$", re.IGNORECASE
)
_RELATIVE = frozenset(RELATIVE_WORDS)
_PARTICLES = dict(SPEECH_VERB_PARTICLES)
_AND = frozenset(("och", "og", "and"))
_SUBORDINATE = frozenset(ATTRIBUTION_SUBORDINATORS)
_COPULAS = frozenset(("er", "är", "is", "was", "var", "blev", "ble", "vart"))
# "…, kommunstyrelsens ordförande i ett pressmeddelande." — the channel closing an attribution.
_CHANNEL_AT_END = re.compile(
    rf"[,\s]+(?:{'|'.join(ATTRIBUTION_CHANNEL_LEADS)})\s+(?:ett|en|et|ei|eit|a|an)\s+"
    rf"(?:{'|'.join(re.escape(w) for w in ATTRIBUTION_CHANNELS)})\s*[.]?\s*$",
    re.IGNORECASE,
)
_ADDS = re.compile(rf"\s(?:och|og|and)\s+(?:{VERBS})\s*:?\s*$", re.IGNORECASE)
# "”Text … , siger X, og tilføjer:": a quotation mark opened and never closed before the attribution.
UNCLOSED_QUOTED = re.compile(rf"^\s*{_OPEN}(?=[^”“\"»«„]+$)")


def words(text: str) -> int:
    return len(text.split())


def tidy(text: str) -> str:
    return text.strip().strip('”“"»«„‘’').strip().rstrip(",").strip()


@dataclass
class Candidate:
    index: int  # paragraph index
    text: str
    speaker: Speaker | None
    then: str | None = None  # a second quote the attribution announces ("… och tillägger: ”…”")


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
    attribution = _CHANNEL_AT_END.sub("", tail.strip())
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
        if first in _RELATIVE and _relative_role(rest):
            pass  # "Kari Dal, som er enhetsleder for X." — the clause gives the title: keep it
        elif first in _RELATIVE or first in _AND or first in _SUBORDINATE:
            # "…, der har …" / "…, og tilføjer:" / "…, da det blev hans tur" describe the speaker or
            # the moment: the narrative goes on, no quote resumes
            attribution = head
        elif rest.rstrip(".").isdigit():
            attribution = head  # an age: "Ann Lee, 52."
        elif (
            mid_quote
            and rest[:1].islower()
            and not any(is_role_word(t) for t in rest.split()[:3])
            and not (not after and _ends_in_role(rest))
        ):
            # "– Det här, säger han, är viktigt." — the attribution sits inside the quote.
            attribution, after = head, f"{rest} {after}".strip()
    return _before_subordinate(attribution.strip().rstrip(".")), after.strip()


def _ends_in_role(rest: str) -> bool:
    """ "vård- och omsorgsnämndens ordförande." closing the paragraph: a title whose head noun comes
    last (a Nordic compound phrase), so the words after the name's comma are its role, not the
    quote resuming ("…, säger hon, är viktigt" opens with a verb)."""
    tokens = rest.rstrip(".").split()
    return 0 < len(tokens) <= 6 and tokens[0].lower() not in _COPULAS and is_role_word(tokens[-1])


def _before_subordinate(attribution: str) -> str:
    """ "Fjellvik-ordfører Kari Dal da hun tok imot prisen fra X (Y)": the attribution ends at the
    clause that says when, right after the name (no comma before it)."""
    tokens = attribution.split()
    for k in range(2, len(tokens)):
        if tokens[k].lower() in _SUBORDINATE and tokens[k - 1][:1].isupper():
            return " ".join(tokens[:k])
    return attribution


def _relative_role(clause: str) -> bool:
    """ "som er enhetsleder for barnehagene", "who is cabinet member for housing": a title."""
    tokens = clause.rstrip(".").split()
    return len(tokens) > 2 and tokens[1].lower() in _COPULAS and is_apposition_role(" ".join(tokens[2:]), 12)


def from_dash(rest: str, ctx: Context) -> tuple[str, Speaker | None]:
    """Split a dash paragraph (dash removed) into quote text and speaker."""
    for m in _ATTRIBUTION_START.finditer(rest):
        attribution, after = _split_attribution(m["verb"], rest[m.end() :])
        speaker = ctx.resolve(attribution) if attribution else None
        if speaker is None:
            continue
        sep = m["sep"] if m["sep"] in "!?…" or m["sep"] == "..." else ""
        text = tidy(rest[: m.start()]) + sep
        if after:
            # The quote resumes; it may carry its own closing attribution ("..., fortsätter hon.").
            after = DASH_START.sub("", after)
            after_text, _ = from_dash(after, ctx)
            text = f"{text} {after_text}"
        return text, speaker
    if found := _commaless_attribution(rest, ctx):
        return found
    if (last := _POSTPOSED_IN_DASH.search(rest)) and (speaker := ctx.resolve(last["attr"])):
        return tidy(rest[: last.start()]), speaker  # "– Text. Mer text. Det sa rektor X, da …"
    return tidy(rest), None


def _commaless_attribution(rest: str, ctx: Context) -> tuple[str, Speaker] | None:
    """ "– Text … for oss seier Bjørlo." -> ("Text … for oss", Bjørlo): the last speech verb with no
    comma before it, when what follows it is a name (a title may precede it) ending the paragraph."""
    for m in reversed(list(_ATTRIBUTION_NO_COMMA.finditer(rest))):
        attribution, after = _split_attribution(m["verb"], rest[m.end() :], mid_quote=False)
        tokens = attribution.split()
        if after or not tokens or not any(t[:1].isupper() for t in tokens[:2]):
            continue
        if speaker := ctx.resolve(attribution, first_name_ok=False):
            return tidy(rest[: m.start()]), speaker
    return None


def attribution_title(rest: str) -> str | None:
    """The last word of a role-only attribution in a dash paragraph ("…, forklarer den nye
    viceborgmester." -> "viceborgmester"), or None when there is none or it names a person."""
    for m in _ATTRIBUTION_START.finditer(rest):
        attribution, _ = _split_attribution(m["verb"], rest[m.end() :])
        words = attribution.split()
        if words and words[0][:1].islower() and is_role_word(words[-1]):
            return words[-1].lower()
    return None


def quoted_then_attr(paragraph: str, ctx: Context) -> Candidate | None:
    m = _QUOTED_THEN_ATTR.match(paragraph)
    if not m:
        return None
    attribution = m["attr"] or m["attr2"]
    verb = m["verb"] or m["verb2"]
    if m["attr"]:
        attribution, _ = _split_attribution(verb, attribution, mid_quote=False)
    speaker = ctx.resolve(attribution)
    text = tidy(m["q"])
    if m["rest"] and _ADDS.search(m["attr"] or ""):
        # "”A”, säger X och tillägger: ”B”": two statements, two quotes of one speaker.
        then = tidy(m["rest"].lstrip(".,;: "))
        if speaker and words(text) >= QUOTE_MIN_WORDS:
            return Candidate(-1, text, speaker, then if words(then) >= QUOTE_MIN_WORDS else None)
        return None
    if m["rest"]:
        # Keep the writer's punctuation at the seam ("share," ...), do not invent a full stop.
        seam = m["q"].rstrip()[-1:] if m["q"].rstrip()[-1:] in ",.!?…" else ""
        text = f"{text}{seam} {tidy(m['rest'].lstrip('.,;: '))}"
    if speaker and words(text) >= QUOTE_MIN_WORDS:
        return Candidate(-1, text, speaker)
    return None


# "Föreningens ordförande Tor Dal: – Jag är glad …": a title and a full name as the label of a reply.
_NAME_LABEL_MAX_WORDS = 6


def name_label_speaker(lead: str, ctx: Context) -> Speaker | None:
    """The person a short "Title Full Name:" label before a dash reply names, or None.

    Only the last sentence of the lead, at most a few words, and a full name (first and last) so a
    source label ("Fjordingen:", "Kommunen:") or a heading is never taken for a speaker."""
    label = re.split(rf"(?<=[.!?])\s+(?=[{UPPER}])", lead.strip())[-1].strip()
    name, _ = split_role_name(label)
    if len(label.split()) > _NAME_LABEL_MAX_WORDS or not name or len(name.split()) < 2:
        return None
    if sum(w[:1].isupper() for w in label.split()) > len(name.split()) + 1:
        return None  # a capitalised heading, not "title Name Surname"
    return ctx.resolve(label, first_name_ok=False)


def lead_in_speaker(lead: str, ctx: Context, colon: bool) -> Speaker | None:
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
