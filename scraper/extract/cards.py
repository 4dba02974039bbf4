"""A contact block's lines -> contact cards: who, which role and unit, which e-mail and phone.

Step 3 of ``contacts``: a line with a name starts a card, labelled "E-post"/"Telefon"/"Mobil"/
"Email"/"Phone" lines fill it, a desk ("Valkansliet", "Press office") on a line of its own is a
card of its own, and a switchboard line belongs to no one. Numbers are normalised to E.164 for
the page's country; a well-formed number that is not a valid one is kept as written only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from scraper.items import Contact

from .contact_leads import HEADING_FULL, HEADING_START, copula_lead_length, lead_length, verb_lead_length
from .contact_values import is_possible_phone, norm_email, norm_phone, unprefixed_numbers
from .names import has_unit_word, is_role_line, is_role_word, looks_like_name, split_role_name, split_unit
from .tree import clean_text
from .vocabulary import (
    CONTACT_ALTERNATIVES,
    CONTACT_DESK_VERBS,
    CONTACT_FILLER_WORDS,
    CONTACT_JOINERS,
    CONTACT_ROLE_SUFFIXES,
    CONTACT_UNIT_MAX_WORDS,
    DESK_MAX_WORDS,
    DESK_SUFFIXES,
    DESK_WORDS_EN,
    EMAIL_LABELS,
    PHONE_LABELS,
    PRESS_DESK_WHOLE_WORDS,
    PRESS_DESK_WORDS,
    SWITCHBOARD_WORDS,
)

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A phone number as written: starts with +, 00 or 0 (a date or a sum never does), digits with
# spaces, dashes, slashes or brackets between them.
PHONE = re.compile(r"(?<![\w+(])(?:\+|00|\(?0)[\d][\d \-–/()]{5,18}\d(?![\w])")
# A number right after a phone label may be written without a leading 0 (Norwegian and Danish
# numbers have no trunk prefix): "Telefon: 45 67 89 01", "Tlf.: 20 12 34 56".
_LABELLED_PHONE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(w.rstrip(".")) for w in sorted(PHONE_LABELS, key=len, reverse=True))
    + r")\b\.?\s*:?\s*(\+?\d[\d \-–/()]{5,16}\d)(?![\w])",
    re.IGNORECASE,
)
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def has_contact_data(text: str) -> bool:
    """The text holds an e-mail or a number: written with a 0 or +, or right after a phone label
    ("telefon 45 67 89 11": Norwegian and Danish numbers have no leading 0)."""
    return bool(EMAIL.search(text) or PHONE.search(text) or _LABELLED_PHONE.search(text))


_NOTE = re.compile(r"\([^()]*\)")
# Digits of a number run into the e-mail after it in the text itself ("Tlf: 2943 5234anna.berg@…",
# where the page's markup had a line break): the digits end the number, the letters start the address.
# Text of a contact block that lost its line breaks ("Anna BergKontorchefTlf: 2943 5234anna.berg@…dkLars
# Ek"): a lower-case run then a capitalised word, a number or an address then a capitalised word.
_GLUED_WORDS = re.compile(
    r"(?<=[a-zåäöæøüé]{3})(?=[A-ZÅÄÖÆØÜ][a-zåäöæøüé])|(?<=\d)(?=[A-ZÅÄÖÆØÜ][a-zåäöæøüé])"
)
_GLUED_AFTER_EMAIL = re.compile(r"(@[\w-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?=[A-ZÅÄÖÆØÜ])")
_GLUED_EMAIL = re.compile(r"((?:^|(?<=[\s:]))\+?\d[\d \-–/()]{4,}\d)(?=[^\W\d_][\w.+'-]*@[\w-]+\.)")
# "Energy advice: Priya Nair" / "Community development officer: Tom Ellis": a label before the name.
_LABEL_PREFIX = re.compile(r"^(?P<label>[^:,\d@]{2,40}):\s+(?P<rest>\S.*)$")
_NAME_WORD = r"[A-ZÅÄÖÆØÜÉ][\w'’-]+"
# "..., eller byggledare Kalle Nyström, 070-..." — a second person in the same prose sentence.
_ALTERNATIVE = re.compile(
    r",?\s+(?:"
    + "|".join(re.escape(w) for w in CONTACT_ALTERNATIVES)
    + rf")\s+(?=(?:[a-zåäöæø][\w-]*\s+){{0,3}}{_NAME_WORD}\s+{_NAME_WORD})"
)
# Two people run together on one line: a number or address, then the next full name ("…
# 070-174 06 50 Lars Ek, presschef, 070-…"), perhaps joined by "og"/"and" and with the title first
# ("… 45 67 89 11 og rådgivar Per Øvrebø, telefon …"). The name is followed by a comma or a number.
_NEXT_PERSON = re.compile(
    r"[,;]?\s+(?:(?:"
    + "|".join(CONTACT_JOINERS)
    + rf")\s+(?=(?:[a-zåäöæø][\w-]*\s+){{0,2}}{_NAME_WORD}\s+{_NAME_WORD})|(?={_NAME_WORD}\s+{_NAME_WORD}"
    + rf"(?:,|\s+\+?\(?\d|\s+{_NAME_WORD})))"
)
_PRESS_DESK = re.compile(
    "|".join(re.escape(w) for w in PRESS_DESK_WORDS)
    + r"|\b(?:"
    + "|".join(re.escape(w) for w in PRESS_DESK_WHOLE_WORDS)
    + r")\b(?![-–])",
    re.IGNORECASE,
)
# A postal address line in a signature: street and number, postcode and town, a post box.
_ADDRESS = re.compile(
    r"^(?:[A-ZÅÄÖÆØÜ][\w.-]+(?:\s[\w.-]+)?\s\d{1,4}\s?[A-Za-z]?|(?:DK-|N-|S-)?\d{3}\s?\d{1,2}\s+[A-ZÅÄÖÆØÜ][\w -]+"
    r"|(?:Postboks|Postbox|Box|P\.?O\.? Box)\s+\d+.*"
    r"|[A-ZÅÄÖÆØÜ][\w-]+\s+(?:Rådhus|Rådhuset|Rådhuspladsen|Town Hall|Civic Centre))$"
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZÅÄÖÆØÜ]")
_DESK_IN_UNIT = re.compile(r"^(?P<desk>\S+(?:\s\S+)?)\s+(?:i|in|ved|hos|at)\s+(?P<unit>[A-ZÅÄÖÆØ].*)$")
PRESS_DESK = _PRESS_DESK  # shared with contact_rules (a desk named in a sentence)
# A desk a sentence sends the reader to, right after a contact verb with at most two lower-case
# words between ("Kontakta kommunikationsenheten på …", "contact the communications team on …",
# "… kan rettes til kommunikationsafdelingen på …"): the desk word to its end, as written.
_DESK_AFTER_VERB = rf"(?:[a-zåäöæø][\w'’]*\s+){{0,2}}?(?P<desk>(?i:{_PRESS_DESK.pattern})[\w-]*)"
_DESK_START = re.compile("^" + _DESK_AFTER_VERB)
_VERB_DESK = re.compile(
    r"(?i:\b(?:" + "|".join(re.escape(v) for v in CONTACT_DESK_VERBS) + r"))\s+" + _DESK_AFTER_VERB
)


def _named_desk(m: re.Match[str] | None) -> re.Match[str] | None:
    """A one-word desk ("Presse", "Kommunikation") names a desk only when capitalised: "kontakt
    pressen" is a sentence, "kontakte Kommunikation" the desk; compounds count as written."""
    if m is None or (m["desk"].lower() in PRESS_DESK_WHOLE_WORDS and not m["desk"][:1].isupper()):
        return None
    return m


def desk_after_verb(window: str) -> re.Match[str] | None:
    """The desk a window of text that follows a contact verb starts with (``desk`` group), or None."""
    return _named_desk(_DESK_START.match(window))


def desk_in_sentence(text: str) -> str | None:
    """The desk a line of running text sends the reader to, after a contact verb, or None."""
    for m in _VERB_DESK.finditer(text):
        if m["desk"].lower() not in PRESS_DESK_WHOLE_WORDS:  # one-word desks: the card rules name them
            return m["desk"]
    return None


_FILLERS = frozenset(CONTACT_FILLER_WORDS)
_LABELS = re.compile(
    r"\b(?:"
    + "|".join(re.escape(w) for w in sorted(EMAIL_LABELS + PHONE_LABELS, key=len, reverse=True))
    + r")\b\.?\s*:?",
    re.IGNORECASE,
)
SWITCHBOARD = re.compile("|".join(re.escape(w) for w in SWITCHBOARD_WORDS), re.IGNORECASE)


@dataclass
class Line:
    """A line of a contact block: its text and the e-mails and phones its links carry."""

    text: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (number for parsing, as written)
    starts_block: bool = False


def _without_fillers(text: str) -> str:
    """Drop lower-case joining words at the ends of each comma part ("Festival Director, on or")."""
    parts = []
    for part in text.split(","):
        tokens = part.split()
        # Lower-case only: "Tove Ring" keeps her surname, "ring 070-..." loses its verb.
        while tokens and tokens[0].strip(".:") in _FILLERS:
            tokens.pop(0)
        while tokens and tokens[-1].strip(".:") in _FILLERS:
            tokens.pop()
        if tokens:
            parts.append(" ".join(tokens))
    return ", ".join(parts)


def _split_alternatives(line: Line) -> list[Line]:
    """One prose line naming several people ("... Sara Lind, 070-..., eller byggledare Kalle Nyström,
    070-...") becomes one line per person; link targets go with the part that shows them."""
    pieces = [part for piece in _ALTERNATIVE.split(line.text) for part in _run_together(piece)]
    if len(pieces) < 2:
        return [line]
    parts = [Line(text=piece, starts_block=line.starts_block and k == 0) for k, piece in enumerate(pieces)]

    def owner(written: str) -> Line:
        return next((p for p in parts if written and written.lower() in p.text.lower()), parts[0])

    for email in line.emails:
        owner(email).emails.append(email)
    for target, written in line.phones:
        owner(written).phones.append((target, written))
    return parts


def _run_together(text: str) -> list[str]:
    """Split a line where a full name follows right after a number or an address."""
    cuts = [0]
    for data in (*PHONE.finditer(text), *_LABELLED_PHONE.finditer(text), *EMAIL.finditer(text)):
        nxt = _NEXT_PERSON.match(text, data.end())
        if nxt and not has_unit_word(text[nxt.end() :].split(",")[0]):
            cuts.append(nxt.end())
    cuts.append(len(text))
    return [text[i:j] for i, j in pairwise(sorted(set(cuts))) if text[i:j].strip()]


def _name_press_desk(card: Contact) -> None:
    """A card without a person whose role or unit is a press desk takes the desk as its name."""
    if card.name:
        return
    for attr in ("role", "organisation"):
        value = getattr(card, attr)
        if not value:
            continue
        parts = [p.strip() for p in value.split(",")]
        desk = next((p for p in parts if _PRESS_DESK.search(p)), None)
        if desk:
            card.name = desk
            setattr(card, attr, ", ".join(p for p in parts if p != desk) or None)
            if (m := _DESK_IN_UNIT.match(desk)) and _PRESS_DESK.fullmatch(m["desk"]):
                # "Kommunikation i Center for Plan": the desk, then the unit it sits in
                card.name, card.organisation = m["desk"], card.organisation or m["unit"]
            return


@dataclass
class _Parsed:
    """One line taken apart: its e-mails and phones, and the words left once they are removed."""

    emails: list[str]
    phones: list[tuple[str, str]]  # (E.164, as written)
    unallocated: list[str]  # well-formed but not valid numbers: kept as written only
    rest: str
    heading: bool = False  # the line is a contact heading of its own ("Media enquiries")


def _unglue(text: str) -> str:
    """Put back the breaks a contact line lost when it has a number or an address in it."""
    if not any(ch.isdigit() for ch in text) and "@" not in text:
        return text
    return _GLUED_WORDS.sub(" ", _GLUED_AFTER_EMAIL.sub(r"\1 ", _GLUED_EMAIL.sub(r"\1 ", text)))


def _parse_line(line: Line, country: str) -> _Parsed:
    text = clean_text(line.text)
    if copula := copula_lead_length(text):
        text = text[copula:]  # "Pressekontakt er statssekretær Kari Lunde, …": the contact follows
    elif HEADING_FULL.match(text) and _PRESS_DESK.fullmatch(text.rstrip(" :")):
        text = text.rstrip(" :")  # "Pressekontakt" above a number: the desk is the contact
    elif cut := lead_length(text) or verb_lead_length(text):
        lead = text[:cut].rstrip(" :")
        # "Økonomiforvaltningens pressetelefon: 33 …": the announcement names the desk that answers.
        text = text[cut:].strip() if not _PRESS_DESK.search(lead) or HEADING_START.match(text) else text
    emails = [e for e in (norm_email(raw) for raw in line.emails + EMAIL.findall(text)) if e]
    phones: list[tuple[str, str]] = []
    unallocated: list[str] = []
    for target, written in line.phones:
        if e164 := norm_phone(target, country) or norm_phone(written, country):
            phones.append((e164, written))
        elif is_possible_phone(target, country):
            unallocated.append(clean_text(written))
    found = _phone_runs(text, country) + _LABELLED_PHONE.findall(text) + unprefixed_numbers(text, country)
    for written in found:
        if (e164 := norm_phone(written, country)) and all(p[0] != e164 for p in phones):
            phones.append((e164, clean_text(written)))
        elif not e164 and is_possible_phone(written, country):
            unallocated.append(clean_text(written))
    has_number = bool(phones or unallocated)
    rest = EMAIL.sub(" ", text)
    for _, written in phones:
        rest = rest.replace(written, " ")
    rest = _DATE.sub(" ", _LABELLED_PHONE.sub(" ", PHONE.sub(" ", rest)))  # "Per Lund 2026-03-14": a date
    rest = _without_fillers(clean_text(_LABELS.sub(" ", rest)).strip(" ,;:–-|")).rstrip(" .")
    if has_number and _NOTE.fullmatch(rest) and not SWITCHBOARD.search(rest):
        rest = ""  # "33 66 23 45 (modtager ikke SMS)": a note on the number, not a role
    return _Parsed(emails, phones, unallocated, rest, heading=bool(HEADING_FULL.match(clean_text(line.text))))


class _CardBuilder:
    """Reads a contact block line by line, opening a card for each person, desk or unit it names."""

    def __init__(self) -> None:
        self.cards: list[Contact] = []
        self.desks: list[Contact] = []  # cards opened by a desk line: kept only if data follows
        self.current: Contact | None = None
        self.last_block_had_data = False
        self.in_switchboard = False  # after a switchboard line, until a line with words
        # Desks the block's running text sends the reader to, on lines without data ("you should
        # contact Communications in the first instance" above "Telephone: 01…").
        self.sent_to: list[str] = []

    def _open(self, card: Contact | None = None) -> Contact:
        self.current = card or Contact()
        self.cards.append(self.current)
        return self.current

    def add(self, line: Line, parsed: _Parsed) -> None:
        rest, has_data = parsed.rest, bool(parsed.emails or parsed.phones)
        if parsed.heading and not rest:
            self.current = None  # a second heading in the block ("Media enquiries"): the card above is done
        if rest and SWITCHBOARD.search(rest):
            self.current = None  # a switchboard line: neither it nor its numbers belong to a person
            self.in_switchboard = True
            return
        if not rest and self.in_switchboard:
            return  # "Kontaktcenter" then its number and mailbox on lines of their own
        self.in_switchboard = False
        sent = [m["desk"] for m in _VERB_DESK.finditer(clean_text(line.text)) if _named_desk(m)]
        if rest and not has_data and sent:
            self.sent_to.extend(sent)
            if len(sent) == 1 and rest.startswith(sent[0]):
                rest = sent[0]  # "… should contact Communications before anyone else": the desk only
        if rest and not has_data and _ADDRESS.match(rest):
            return  # "Torvet 2" / "9990 Aavig" / "Postboks 12": the sender's address
        label = None
        if rest and (m := _LABEL_PREFIX.match(rest)):
            label, rest = m["label"].strip(), m["rest"]
        if rest and not has_data and _is_desk_line(rest):
            # "Valkansliet" / "Electoral Services" above its e-mail and phone: the desk is the contact.
            self.desks.append(self._open(Contact(name=rest)))
            self.last_block_had_data = False
            return
        if rest and has_data and (desk := desk_in_sentence(clean_text(line.text))):
            # "Kontakta kommunikationsenheten på kommunikation@…": the desk the sentence names is the
            # contact; it takes over a card that only a heading named ("Presskontakt").
            current = self.current
            if current is None or current.email or current.phone or not _is_placeholder(current.name):
                current = self._open()
            current.name, rest = desk, ""
        if rest and self.current is not None and _awaits_role(self.current) and is_role_line(rest):
            # "Tomas Berglund" then "vd, Norrsunds Energi": the role line of the card above.
            self.current.role, self.current.organisation = split_unit(rest)
            rest = ""
        if rest:
            self._add_words(rest, label, line)
        if has_data:
            self._add_data(parsed, line, rest)
        current = self.current
        if parsed.unallocated and current is not None and not current.phone and not current.phone_raw:
            current.phone_raw = parsed.unallocated[0]
        self.last_block_had_data = has_data

    def _add_words(self, rest: str, label: str | None, line: Line) -> None:
        """The words of a line: a person (with a role), a unit, or the role of the card above."""
        unit: str | None = None
        name: str | None
        role: str | None
        if named := _name_then_role(rest):
            name, (role, unit) = named[0], _title_then_unit(named[1])
        else:
            name, role = both if (both := _name_between_commas(rest)) else split_role_name(rest)
        role = role.rstrip(" -–") or None if role else role  # "Head of Culture - Anne Holt"
        if name and label and not role:
            role = label  # "Community development officer: Tom Ellis"
        if name and (has_unit_word(name) or len(name.split()) < 2):
            name, role = None, None  # contact cards give full names; "Skicka" (e-post) is not one
        current = self.current
        if name and len(rest.split()) <= 12:
            if current is None or current.name or current.email or current.phone:
                current = self._open()
            current.name, current.role, current.organisation = name, *split_unit(role)
            current.organisation = current.organisation or unit
        elif has_unit_word(rest) and len(rest.split()) <= CONTACT_UNIT_MAX_WORDS and not _is_note(rest):
            if current is None or (line.starts_block and (current.email or current.phone_raw)):
                # a unit on a line of its own after a complete card: a desk of its own
                current = self._open()
            role, organisation = split_unit(rest)
            current.organisation = current.organisation or organisation
            current.role = current.role or role
        elif (
            _PRESS_DESK.search(rest)
            and len(rest.split()) <= DESK_MAX_WORDS
            and not (current and current.name)
        ):
            current = current or self._open()
            current.name = rest  # "Statsministeriets pressetelefon +45 …": the desk is the contact
        elif current is not None and current.name and not current.role and len(rest.split()) <= 6:
            current.role = rest

    def _add_data(self, parsed: _Parsed, line: Line, rest: str) -> None:
        """E-mails and phones go to the open card; a second e-mail opens a card of its own."""
        current = self.current
        if current is None or (line.starts_block and self.last_block_had_data and not rest):
            current = self._open()
        for email in parsed.emails:
            if current.email and current.email != email:
                current = self._open(Contact(email=email))
            current.email = current.email or email
        for e164, written in parsed.phones:
            if current.phone and current.phone != e164:
                continue  # a second number (mobile and desk): keep the first
            current.phone, current.phone_raw = e164, written

    def result(self) -> list[Contact]:
        for card in self.cards:
            _name_press_desk(card)
        nameless = [c for c in self.cards if not c.name and (c.email or c.phone)]
        if len(nameless) == 1 and len(set(self.sent_to)) == 1:
            # One number with no one named, in a block whose text sends the reader to one desk:
            # that desk answers it ("… contact Communications …" / "Telephone: 01…").
            nameless[0].name = self.sent_to[0]
        return [
            c
            for c in self.cards
            if (c.name or c.email or c.phone) and not (c in self.desks and not (c.email or c.phone))
        ]


def extract_cards(lines: list[Line], country: str) -> list[Contact]:
    """The contact cards in the lines of one contact block (or of one mailto/tel link's context)."""
    builder = _CardBuilder()
    for whole in lines:
        whole.text = _unglue(whole.text)
    for line in (part for whole in lines for part in _split_alternatives(whole)):
        builder.add(line, _parse_line(line, country))
    return builder.result()


# A run of phone characters longer than one number may be: two numbers side by side.
_PHONE_RUN = re.compile(PHONE.pattern.replace("{5,18}", "{5,40}"))


def _phone_runs(text: str, country: str) -> list[str]:
    """The numbers written in ``text``: each run of phone characters, split in two where it is two
    valid numbers side by side, else the numbers :data:`PHONE` finds in it."""
    found: list[str] = []
    for run in _PHONE_RUN.findall(text):
        parts = _split_glued_numbers(run, country)
        found += parts if len(parts) == 2 else PHONE.findall(run)
    return found


def _split_glued_numbers(written: str, country: str) -> list[str]:
    """Two numbers written side by side with only a space between ("031-390 06 41 070-174 06 41", a
    card whose line breaks were lost) read as one invalid number: split it where both halves are
    valid numbers. A valid number, or one no split makes valid, stays as written."""
    if norm_phone(written, country):
        return [written]
    for m in re.finditer(r"\s+(?=\+|0)", written):
        left, right = written[: m.start()], written[m.end() :]
        if norm_phone(left, country) and norm_phone(right, country):
            return [left, right]
    return [written]


def _title_then_unit(role: str) -> tuple[str, str | None]:
    """A title followed by its unit without a comma ("Pressinformatör Informationsenheten Tolvby
    kommun"): the title, and the unit from the first capitalised word that starts a unit."""
    tokens = role.split()
    if "," in role:
        return role, None
    for k in range(1, len(tokens)):
        if tokens[k][:1].isupper() and not _is_title(tokens[k]) and has_unit_word(" ".join(tokens[k:])):
            return " ".join(tokens[:k]), " ".join(tokens[k:])
    return role, None


def _is_placeholder(name: str | None) -> bool:
    """No name yet, or only the block's heading ("Presskontakt" above the desk's details)."""
    return not name or bool(HEADING_FULL.match(name))


def _is_note(text: str) -> bool:
    """A remark, not a unit: a line in brackets ("(Fjellvik rådhus. Sendinga startar kl. 11.00)"), a
    question, or more than one sentence ("Behöver du vägledning? Kontakta kommunikationsenheten …")."""
    return (
        (text.startswith("(") and text.endswith(")"))
        or text.endswith("?")
        or bool(_SENTENCE_BREAK.search(text))
    )


def _is_desk_line(text: str) -> bool:
    """A desk named on a line of its own: "Valkansliet", "Electoral Services", "Press office"."""
    words = text.split()
    if not 1 <= len(words) <= DESK_MAX_WORDS or "," in text or any(ch.isdigit() for ch in text):
        return False
    if not text[:1].isupper() or any(is_role_word(w) for w in words):
        return False
    lows = [w.lower().strip(".:") for w in words]
    return bool(_PRESS_DESK.search(text)) or any(
        w in DESK_WORDS_EN or w.endswith(DESK_SUFFIXES) for w in lows
    )


def _name_then_role(text: str) -> tuple[str, str] | None:
    """A name followed by its role without a comma: "Claes Berg presskommunikatör", "Anna Ek rektor"."""
    tokens = text.split()
    cut = next((k for k, t in enumerate(tokens) if not t[:1].isupper() or _is_title(t)), len(tokens))
    if not 2 <= cut <= 4 or cut == len(tokens) or not looks_like_name(tokens[:cut]):
        return None
    return (" ".join(tokens[:cut]), " ".join(tokens[cut:])) if _is_title(tokens[cut]) else None


def _is_title(token: str) -> bool:
    return is_role_word(token) or token.lower().strip(".,").endswith(CONTACT_ROLE_SUFFIXES)


def _name_between_commas(text: str) -> tuple[str, str | None] | None:
    """A role and unit, then the name, between commas: "Pressesekretær i Ministeriet, Mia Dahl Aaby"."""
    parts = [p.strip() for p in text.split(",")]
    for k, part in enumerate(parts[1:], start=1):
        tokens = part.split()
        if 2 <= len(tokens) <= 4 and looks_like_name(tokens) and not has_unit_word(part):
            first = parts[0].split()
            if first and (is_role_word(first[0]) or first[0].lower().endswith(CONTACT_ROLE_SUFFIXES)):
                return part, ", ".join(parts[:k])
    return None


def _awaits_role(card: Contact | None) -> bool:
    return card is not None and bool(card.name) and not (card.role or card.email or card.phone)
