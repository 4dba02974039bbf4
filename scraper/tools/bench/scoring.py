"""Pure scoring: predictions and labels in, counts out (the matching rules are in the package docstring)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from importlib.resources import files
from typing import Any, TypeVar

import phonenumbers

# A contained quote must cover this share of the longer quote's tokens to match.
QUOTE_MIN_OVERLAP = 0.8

# The quality floors: one file, read by tests/quality/test_quality.py and printed by the bench next to
# every figure. A floor is lowered only on purpose, in a commit that says why.
FLOORS: dict[str, float] = json.loads(files(__package__).joinpath("floors.json").read_text(encoding="utf-8"))
TARGETS = FLOORS

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")
_EDGE_PUNCT = "\"'”“„‘’»«›‹–—−-‒―.,;:!?…()[] "
_PARTY = re.compile(r"\s*\([^()]{1,12}\)\s*$")
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


# --- normalisation ---------------------------------------------------------------------------


def _get(item: Any, name: str) -> Any:
    """A field of a label dict or of an ``items.Quote``/``items.Contact``."""
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def normalise_text(text: str | None) -> str:
    """Case-folded, apostrophes unified, white space collapsed, punctuation stripped at the ends."""
    if not text:
        return ""
    text = text.replace("\xa0", " ").replace("’", "'").replace("‘", "'").casefold()
    return _SPACE.sub(" ", text).strip(_EDGE_PUNCT).strip()


def text_tokens(text: str | None) -> list[str]:
    """Word tokens of a text, case-folded; punctuation is not a token."""
    return _TOKEN.findall(normalise_text(text))


def normalise_name(name: str | None) -> str:
    return normalise_text(name)


def normalise_role(role: str | None) -> str:
    """A role without a trailing party mark: "Oppositionsrådet (M)" -> "oppositionsrådet"."""
    if not role:
        return ""
    text = _SPACE.sub(" ", role.replace("\xa0", " ").casefold()).strip(" ,.;:")
    while (m := _PARTY.search(text)) and m.start() > 0:
        text = text[: m.start()].rstrip(" ,")
    return normalise_text(text)


def _contains_run(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n = len(shorter)
    return any(list(longer[i : i + n]) == list(shorter) for i in range(len(longer) - n + 1))


def quote_match_score(predicted: str | None, gold: str | None) -> float:
    """1.0 for equal normalised texts, the token overlap for a qualifying containment, else 0."""
    a, b = normalise_text(predicted), normalise_text(gold)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    if ta == tb:
        return 1.0
    shorter, longer = sorted((ta, tb), key=len)
    if not shorter or not _contains_run(longer, shorter):
        return 0.0
    overlap = len(shorter) / len(longer)
    return overlap if overlap >= QUOTE_MIN_OVERLAP else 0.0


def quote_texts_match(predicted: str | None, gold: str | None) -> bool:
    return quote_match_score(predicted, gold) > 0


def is_e164(phone: str | None) -> bool:
    """True for a valid number written in E.164 ("+46501756000")."""
    if not phone or not _E164.match(phone):
        return False
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == phone
    )


def _normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def _same_field(
    a: str | None, b: str | None, normalise: Callable[[str | None], str] = normalise_text
) -> bool:
    return normalise(a) == normalise(b)


# --- one-to-one matching ---------------------------------------------------------------------


def _one_to_one(scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Greedy assignment of (predicted, gold) pairs, best score first, then document order."""
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for (p, g), _score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])):
        if p in used_p or g in used_g:
            continue
        pairs.append((p, g))
        used_p.add(p)
        used_g.add(g)
    return sorted(pairs, key=lambda pg: pg[1])


def match_quotes(predicted: Sequence[Any], gold: Sequence[Any]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) of matching quotes, one-to-one."""
    scores = {}
    for p, pq in enumerate(predicted):
        for g, gq in enumerate(gold):
            if (s := quote_match_score(_get(pq, "text"), _get(gq, "text"))) > 0:
                scores[(p, g)] = s
    return _one_to_one(scores)


def contacts_match(predicted: Any, gold: Any) -> bool:
    """By e-mail when both have one, otherwise by normalised name."""
    pe, ge = _normalise_email(_get(predicted, "email")), _normalise_email(_get(gold, "email"))
    if pe and ge:
        return pe == ge
    pn, gn = normalise_name(_get(predicted, "name")), normalise_name(_get(gold, "name"))
    return bool(pn) and pn == gn


def match_contacts(predicted: Sequence[Any], gold: Sequence[Any]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) of matching contacts, one-to-one."""
    scores = {
        (p, g): 1.0 for p, pc in enumerate(predicted) for g, gc in enumerate(gold) if contacts_match(pc, gc)
    }
    return _one_to_one(scores)


def without_optional(
    predicted: Sequence[Any],
    gold: Sequence[Any],
    optional: Sequence[Any],
    match: Callable[[Sequence[Any], Sequence[Any]], list[tuple[int, int]]],
) -> list[Any]:
    """The predictions left once those matching an optional label (one marked uncertain) are set aside:
    finding such a label earns nothing and costs nothing, missing it is not counted either.
    ``match`` is :func:`match_quotes` or :func:`match_contacts`, run on the certain and optional labels
    together so a prediction is set aside only when its best label is an optional one."""
    pairs = match(predicted, [*gold, *optional])
    aside = {p for p, g in pairs if g >= len(gold)}
    return [item for i, item in enumerate(predicted) if i not in aside]


# --- scores ----------------------------------------------------------------------------------


_Score = TypeVar("_Score", "QuoteScore", "ContactScore", "SegmentScore")


def _add(a: _Score, b: _Score) -> _Score:
    """Sum two scores field by field (counts add up, error lists concatenate)."""
    return type(a)(**{f.name: getattr(a, f.name) + getattr(b, f.name) for f in fields(a)})


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


class _PrecisionRecall:
    """Precision, recall and F1 from the counts a score class keeps (one definition for both)."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


@dataclass
class QuoteScore(_PrecisionRecall):
    """Counts for quotes on one page or summed over many; errors kept for ``--verbose``."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    speaker_correct: int = 0
    role_correct: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)  # gold quotes not found
    spurious: list[dict[str, Any]] = field(default_factory=list)  # predicted quotes matching no gold quote
    wrong_speaker: list[tuple[dict[str, Any], dict[str, Any]]] = field(
        default_factory=list
    )  # (gold, predicted)
    wrong_role: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self.speaker_correct, self.true_positives)

    @property
    def role_accuracy(self) -> float:
        return _ratio(self.role_correct, self.true_positives)

    def __add__(self, other: QuoteScore) -> QuoteScore:
        return _add(self, other)


@dataclass
class ContactScore(_PrecisionRecall):
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    name_correct: int = 0
    role_correct: int = 0
    email_correct: int = 0
    phone_correct: int = 0
    phones_predicted: int = 0
    phones_e164: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong_fields: list[tuple[dict[str, Any], dict[str, Any], list[str]]] = field(
        default_factory=list
    )  # (gold, pred, fields)
    bad_phones: list[str] = field(default_factory=list)

    @property
    def name_accuracy(self) -> float:
        return _ratio(self.name_correct, self.true_positives)

    @property
    def role_accuracy(self) -> float:
        return _ratio(self.role_correct, self.true_positives)

    @property
    def email_accuracy(self) -> float:
        return _ratio(self.email_correct, self.true_positives)

    @property
    def phone_accuracy(self) -> float:
        return _ratio(self.phone_correct, self.true_positives)

    @property
    def phone_e164_share(self) -> float:
        return _ratio(self.phones_e164, self.phones_predicted)

    def __add__(self, other: ContactScore) -> ContactScore:
        return _add(self, other)


def _as_dict(item: Any, names: Iterable[str]) -> dict[str, Any]:
    return {n: _get(item, n) for n in names}


def score_quotes(predicted: Sequence[Any], gold: Sequence[Any]) -> QuoteScore:
    """Score predicted quotes (``items.Quote`` or dicts) against gold quote labels."""
    names = ("text", "speaker", "role")
    pairs = match_quotes(predicted, gold)
    score = QuoteScore(true_positives=len(pairs))
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    score.false_positives = len(predicted) - len(matched_p)
    score.false_negatives = len(gold) - len(matched_g)
    score.missed = [_as_dict(g, names) for i, g in enumerate(gold) if i not in matched_g]
    score.spurious = [_as_dict(p, names) for i, p in enumerate(predicted) if i not in matched_p]
    for p, g in pairs:
        pq, gq = _as_dict(predicted[p], names), _as_dict(gold[g], names)
        if _same_field(pq["speaker"], gq["speaker"], normalise_name):
            score.speaker_correct += 1
        else:
            score.wrong_speaker.append((gq, pq))
        if _same_field(pq["role"], gq["role"], normalise_role):
            score.role_correct += 1
        else:
            score.wrong_role.append((gq, pq))
    return score


def score_contacts(predicted: Sequence[Any], gold: Sequence[Any]) -> ContactScore:
    """Score predicted contacts (``items.Contact`` or dicts) against gold contact labels."""
    names = ("name", "role", "email", "phone")
    pairs = match_contacts(predicted, gold)
    score = ContactScore(true_positives=len(pairs))
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    score.false_positives = len(predicted) - len(matched_p)
    score.false_negatives = len(gold) - len(matched_g)
    score.missed = [_as_dict(g, names) for i, g in enumerate(gold) if i not in matched_g]
    score.spurious = [_as_dict(p, names) for i, p in enumerate(predicted) if i not in matched_p]
    for p, g in pairs:
        pc, gc = _as_dict(predicted[p], names), _as_dict(gold[g], names)
        wrong = []
        for name, normalise in (
            ("name", normalise_name),
            ("role", normalise_role),
            ("email", _normalise_email),
            ("phone", lambda v: (v or "").strip()),
        ):
            if _same_field(pc[name], gc[name], normalise):
                setattr(score, f"{name}_correct", getattr(score, f"{name}_correct") + 1)
            else:
                wrong.append(name)
        if wrong:
            score.wrong_fields.append((gc, pc, wrong))
    for contact in predicted:
        if phone := _get(contact, "phone"):
            score.phones_predicted += 1
            if is_e164(phone):
                score.phones_e164 += 1
            else:
                score.bad_phones.append(phone)
    return score


# --- body segments ---------------------------------------------------------------------------


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()


@dataclass
class SegmentScore:
    """Segments a good extraction keeps ("with") and drops ("without"), kept or dropped by a text."""

    with_kept: int = 0
    with_total: int = 0
    without_dropped: int = 0
    without_total: int = 0
    missing: list[str] = field(default_factory=list)  # "with" segments not in the text
    leaked: list[str] = field(default_factory=list)  # "without" segments in the text

    @property
    def with_share(self) -> float:
        return _ratio(self.with_kept, self.with_total)

    @property
    def without_share(self) -> float:
        return _ratio(self.without_dropped, self.without_total)

    def __add__(self, other: SegmentScore) -> SegmentScore:
        return _add(self, other)


def score_segments(text: str | None, with_: Sequence[str], without: Sequence[str]) -> SegmentScore:
    """A segment is in the text when it occurs in it as written, white space collapsed on both sides
    (case and punctuation count: the evaluation set was labelled that way)."""
    haystack = _collapse(text or "")
    missing = [s for s in with_ if _collapse(s) not in haystack]
    leaked = [s for s in without if _collapse(s) in haystack]
    return SegmentScore(
        len(with_) - len(missing), len(with_), len(without) - len(leaked), len(without), missing, leaked
    )
