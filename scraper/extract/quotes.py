"""Direct quotes from body paragraphs: what was said, by whom, in which role.

Two house styles are handled (the forms one paragraph can take are parsed by extract/quote_forms.py):

* Nordic *talstreck*: a paragraph opening with a dash, attribution after a speech verb
  ("– Det ska bli intressant, säger kommunchef Kristofer Svensson.") or in the paragraph before
  ("Anna Berg, rektor, berättar:") or in the same paragraph ("Rektor Anna Berg berättar: – Text.");
* quotation marks (” ”, » «, „ “, “ ”, " "), Swedish or English, attribution after
  (``"...," said Cllr Jane Smith, Leader of the Council.``) or before
  (``Councillor Tom Reed, cabinet member for housing, said: "..."``).

Paragraphs are first cut into units (extract/quote_units.py): a reply dash mid-paragraph or on a new
line starts a unit of its own. Pronouns ("säger han") and surname-only attributions ("säger
Svensson") are resolved by the article's table of people (extract/mentions.py): the nearest speaker,
or the full name given earlier. An unattributed dash or quoted paragraph takes the speaker of an
*adjacent* quote; one that reads as a spoken sentence also takes the one person that the narrative
just before it introduces ("Räddningschef Stefan Nordin uppmanar boende ..." then "– Följ ..."), whose
reported speech it follows ("Ebbe Strand berättar att …"), or the running speaker after an
interview question. A paragraph with no dash or marks at all is a quote only when a lead-in announced
it ("Hun siger:", "Rådmand Tove Lund glæder sig:") or reported speech introduced it, and it is in the
first person. The rule throughout: never invent a quote — dash lists, scare quotes and titles have no
attribution and no adjacent speaker, so they never become quotes.

Role and party: "kommunstyrelsens ordförande Anna Lindqvist (S)" gives speaker "Anna Lindqvist"
and role "kommunstyrelsens ordförande (S)" — the party is kept, but in the role, never in the
name. Honorifics (Cllr, Councillor, Dr) are dropped from the name and used as the role only when
no other role is given.
"""

from __future__ import annotations

import re

from scraper.items import Quote

from . import quote_forms as forms
from .mentions import People, title_stem
from .names import UPPER
from .quote_forms import Candidate, tidy, words
from .quote_units import (
    has_first_person,
    indirect_subject,
    is_dash_list,
    reads_as_unmarked_speech,
    signature,
    split_units,
)
from .speakers import SPEECH_VERB, Context, Speaker
from .vocabulary import (
    CONTINUATION_MIN_WORDS,
    FIRST_PERSON,
    INTERVIEW_QUESTION_MAX_WORDS,
    INTRODUCED_QUOTE_MIN_WORDS,
    QUOTE_MIN_WORDS,
    RUNNING_SPEAKER_WINDOW,
    SECOND_PERSON,
    STATEMENT_CUES,
)

_SECOND_PERSON = frozenset(SECOND_PERSON)

# "Det sier Elisabeth Holm, som …" after a quote: the attribution in the next paragraph.
_POSTPOSED = re.compile(rf"^(?:det|dette|så|that|this)\s+(?:{SPEECH_VERB.pattern})\s+(?P<who>[^.!?]+)", re.I)


# "… uttalar nämndens ordförande X Y (S) följande: Vi har …": a lead-in and unmarked speech in one unit.
_LEAD_IN_THEN_UNMARKED = re.compile(rf"^(?P<lead>[^:”“\"»«„]{{2,300}}?):\s+(?P<rest>[{UPPER}].+)$", re.S)


def extract_quotes(paragraphs: list[str], language: str | None = None) -> list[Quote]:
    """Quotes in body paragraphs, in order. ``language`` is accepted for future per-language rules."""
    return read_quotes(paragraphs, language)[0]


def read_quotes(paragraphs: list[str], language: str | None = None) -> tuple[list[Quote], People]:
    """The quotes and the article's table of people (the speaker resolver), which the contact
    extractor uses too: a contact the article named with a title gets that title."""
    reader = _Reader()
    units = [unit for paragraph in paragraphs if paragraph.strip() for unit in split_units(paragraph.strip())]
    for i, unit in enumerate(units):
        reader.read(i, unit)
    return _resolve_adjacent(reader.candidates), reader.ctx.people


class _Reader:
    """Reads units in order, keeping who was announced, introduced or reported just before."""

    def __init__(self) -> None:
        self.ctx = Context()
        self.candidates: list[Candidate] = []
        self.pending: tuple[int, Speaker] | None = None  # speaker announced by a colon lead-in
        # the one person a colon-ended narrative names, with no speech verb: announces only an
        # unmarked first-person paragraph, never a dash or quoted one (a list may follow)
        self.introducing: tuple[int, Speaker] | None = None
        self.introduced: tuple[int, Speaker] | None = None  # the one person a narrative unit named
        self.reported: tuple[int, Speaker] | None = None  # whose reported speech ended the unit
        self.question = -1  # index of the last short question (an interview's)
        self.unmarked = -1  # index of the last quote read without dash or marks

    def _just_before(self, slot: tuple[int, Speaker] | None, i: int) -> Speaker | None:
        return slot[1] if slot and slot[0] == i - 1 else None

    def _add(self, i: int, text: str, speaker: Speaker | None) -> bool:
        if words(text) < QUOTE_MIN_WORDS:
            return False
        self.candidates.append(Candidate(i, text, speaker))
        return True

    def _add_candidate(self, i: int, cand: Candidate) -> None:
        cand.index = i
        self.candidates.append(cand)
        if cand.then:
            self.candidates.append(Candidate(i, cand.then, cand.speaker))

    def read(self, i: int, unit: str) -> None:
        self.ctx.at(i)
        if is_dash_list(unit):
            self.ctx.mention(unit)
            return
        announced = self._just_before(self.pending, i)
        introducing = announced or self._just_before(self.introducing, i)
        if self._marked(i, unit, announced) or self._unmarked(i, unit, introducing):
            return
        self._narrative(i, unit)

    def _unattributed(self, i: int, text: str) -> Speaker | None:
        """The speaker of a dash or quoted unit without attribution, from the units before it."""
        if not _reads_as_speech(text):
            return None
        if who := self._just_before(self.introduced, i) or self._just_before(self.reported, i):
            return who
        last = next((c for c in reversed(self.candidates) if c.speaker), None)
        if self.question == i - 1 and last and last.speaker and last.index >= i - 4:
            return last.speaker  # an interview: question, answer, question, answer
        if (has_first_person(text, None) or self._one_voice()) and (
            running := self.ctx.running_speaker(RUNNING_SPEAKER_WINDOW)
        ):
            return running  # the one person speaking in this part of the article, nobody else named
        return None

    def _one_voice(self) -> bool:
        """Every quote so far is one person's (at least two of them, each with its attribution): a
        dash sentence after a narrative paragraph is that person's too, in the first person or not
        ("– De första husen borde vara klara i augusti." closing an article quoting one official)."""
        names = {c.speaker.name for c in self.candidates if c.speaker}
        return len(names) == 1 and sum(1 for c in self.candidates if c.speaker) >= 2

    def _marked(self, i: int, unit: str, announced: Speaker | None) -> bool:
        """A dash or quotation-mark unit; True when it was read as (or ruled out as) a quote."""
        ctx = self.ctx
        if dash := forms.DASH_START.match(unit):
            text, speaker = forms.from_dash(unit[dash.end() :], ctx)
            if speaker is None and announced is None and _asks_someone(text):
                self.question = i  # "– Korleis trur du …?": the interviewer asks, nobody is quoted
                return True
            if speaker is None and announced is None:
                speaker = _same_title(
                    self._unattributed(i, text), forms.attribution_title(unit[dash.end() :])
                )
            if speaker is None and text.endswith("?") and words(text) <= INTERVIEW_QUESTION_MAX_WORDS:
                self.question = i  # "– Var det lett?": an interviewer's question as a dash line
            self._add(i, text, speaker or announced)
            return True
        if forms.UNCLOSED_QUOTED.match(unit):
            text, speaker = forms.from_dash(forms.UNCLOSED_QUOTED.sub("", unit), ctx)
            if speaker is not None and self._add(i, text, speaker):
                return True  # "”Text …, siger X, og tilføjer:" — the mark is never closed
        if m := forms.LEAD_IN_THEN_DASH.match(unit):
            lead = forms.lead_in_speaker(m["lead"], ctx, True)
            text, speaker = forms.from_dash(m["rest"], ctx)
            if lead is None and speaker is None:
                lead = forms.name_label_speaker(m["lead"], ctx)
            # "Fjordingen: – …, seier X": a source label before a reply that names its own speaker
            if (lead or (speaker and len(m["lead"].split()) <= 3)) and self._add(i, text, speaker or lead):
                return True
        if cand := forms.quoted_then_attr(unit, ctx):
            self._add_candidate(i, cand)
            return True
        if (m := forms.NARRATIVE_THEN_QUOTE.match(unit)) and (
            cand := forms.quoted_then_attr(unit[m.end() :], _mentioned(ctx, m["narrative"]))
        ):
            self._add_candidate(i, cand)
            return True
        if (m := forms.ADDING_THEN_QUOTED.match(unit)) and (
            speaker := forms.lead_in_speaker(m["lead"], ctx, True)
        ):
            return self._add(i, tidy(m["q"]), speaker)
        if (m := forms.LEAD_IN_THEN_QUOTED.match(unit)) and _complete(unit):
            speaker = forms.lead_in_speaker(m["lead"], ctx, bool(m["colon"]))
            if speaker and self._add(i, tidy(m["q"]), speaker):
                return True
        if m := forms.FULLY_QUOTED.match(unit):
            text = tidy(m["q"])
            if m["stop"] and text[-1:] not in ".!?…":
                text += m["stop"]  # “… Skål”. — the full stop written outside the mark ends the sentence
            return self._add(i, text, announced or self._unattributed(i, text))
        return False

    def _unmarked(self, i: int, unit: str, announced: Speaker | None) -> bool:
        """A unit without dash or marks: a signature, or speech a lead-in announced."""
        last = self.candidates[-1] if self.candidates else None
        if last and last.index == i - 1 and signature(unit):
            person = self.ctx.resolve(unit, first_name_ok=False)
            if last.speaker is None or (person and person.name == last.speaker.name):
                last.speaker = person or last.speaker
            return True
        if (
            (m := _LEAD_IN_THEN_UNMARKED.match(unit))
            and reads_as_unmarked_speech(m["rest"], announced=True)
            and (lead := forms.lead_in_speaker(m["lead"], self.ctx, True))
            and self._add(i, m["rest"], lead)
        ):
            self.unmarked = i
            return True  # "… uttalar ordföranden X Y (S) följande: Vi har i dag …"
        if not reads_as_unmarked_speech(unit, announced is not None):
            return False
        speaker = announced or self._just_before(self.reported, i)
        if speaker is None and last and last.index == i - 1 and self.unmarked == i - 1:
            speaker = last.speaker  # an unmarked quote over two paragraphs
        if speaker is None or not self._add(i, unit, speaker):
            return False
        self.unmarked = i
        return True

    def _narrative(self, i: int, unit: str) -> None:
        ctx = self.ctx
        if unit.endswith(":") and (speaker := forms.lead_in_speaker(unit, ctx, True)):
            self.pending = (i, speaker)
            return
        if (m := _POSTPOSED.match(unit)) and (who := ctx.resolve(m["who"])):
            for cand in reversed(self.candidates):
                if cand.index < i - 2:
                    break
                if cand.speaker is None:
                    cand.speaker = who
        people = ctx.mention(unit)
        if unit.endswith(":") and len({p.name for p in people}) == 1:
            self.introducing = (i, people[-1])  # "Overborgmester Ole Brask (S) ser frem til …:"
        if (speaker := _introduced(people, unit)) is not None:
            self.introduced = (i, speaker)
        if (reporter := indirect_subject(unit)) and (speaker := ctx.resolve(reporter, first_name_ok=False)):
            self.reported = (i, speaker)
        if unit.endswith("?") and words(unit) <= INTERVIEW_QUESTION_MAX_WORDS:
            self.question = i


def _introduced(people: list[Speaker], unit: str = "") -> Speaker | None:
    """The one person a narrative paragraph introduces, with the role it gives them.

    "Räddningschef Stefan Nordin uppmanar boende ..." -> Stefan Nordin; "Statement from Cllr Hugh
    Ward, ..., responding to Ian Fox" -> Owen Marsh (a statement cue names the speaker first). Two
    people, or a capitalised name without a role (an organisation as often as a person: "Trafikverket
    Region Mitt"), give none.
    """
    if people and unit.lower().startswith(STATEMENT_CUES):
        return people[0]
    if len({p.name for p in people}) != 1 or people[0].role is None:
        return None
    return people[0]


def _same_title(speaker: Speaker | None, title: str | None) -> Speaker | None:
    """A speaker from the units before, unless the paragraph's own attribution names another title
    ("…, forklarer viceborgmesteren" is not the borgmester introduced before)."""
    if speaker is None or title is None or not speaker.role:
        return speaker
    stem = title_stem(title)
    return speaker if any(title_stem(w) == stem for w in speaker.role.lower().split()) else None


def _asks_someone(text: str) -> bool:
    """A short question put to "du"/"you": an interviewer's line, not speech of the running speaker."""
    return (
        text.rstrip().endswith("?")
        and words(text) <= INTERVIEW_QUESTION_MAX_WORDS
        and any(w in _SECOND_PERSON for w in re.findall(r"\w+", text.lower()))
    )


def _reads_as_speech(text: str) -> bool:
    """A dash paragraph without attribution is speech if it is a full sentence, not a list item."""
    return words(text) >= INTRODUCED_QUOTE_MIN_WORDS and text.rstrip()[-1:] in ".!?…"


def _mentioned(ctx: Context, narrative: str) -> Context:
    ctx.mention(narrative)
    return ctx


def _complete(text: str) -> bool:
    """Speech ends a sentence (or its quotation mark closes it): text cut mid-sentence is not a quote."""
    return text.rstrip()[-1:] in '.!?…:;”“"»«’'


def _sounds_spoken(text: str) -> bool:
    """An unattributed paragraph may continue a quote only if it reads like speech, not a list item,
    and is a complete sentence."""
    words = text.lower().split()
    spoken = len(words) >= CONTINUATION_MIN_WORDS or any(w.strip(".,!?:;") in FIRST_PERSON for w in words)
    return spoken and _complete(text)


def _resolve_adjacent(candidates: list[Candidate]) -> list[Quote]:
    """Give unattributed quotes the speaker of an adjacent quote; drop those still without one.

    An unattributed question right before another quote is the interviewer's ("– Var det lett?" then
    "– Både ja og nei …"), not the speaker's, unless it is in the first person: it is dropped first.
    """
    candidates = [
        cand
        for k, cand in enumerate(candidates)
        if not (
            cand.speaker is None
            and cand.text.rstrip().endswith("?")
            and not has_first_person(cand.text, None)  # "– Varför skulle vi vänta?" is the speaker's
            and k + 1 < len(candidates)
            and candidates[k + 1].index == cand.index + 1
        )
    ]
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
