"""Silent edits, pure: what counts as a change, and a word-level diff a journalist can read.

No SQL, no clock, no network: :mod:`scraper.archive.versions` asks :func:`is_new_revision` whether
a save keeps the stored version as a revision and :func:`measure_change` how it changed; the
Datasette archive view calls :func:`diff_html` to show what changed.

The revision rule: a stored version becomes a revision only when a *different capture* (new bytes
from the source) reads differently in title, lead or body. The same bytes extracted again
(``muninews reextract``, a newer extractor) update the row in place, because the page did not
change — our reading of it did; and two captures with the same payload are no change either.

Trivial changes (recorded, flagged, not shown as edits), as NewsDiffs does: differences only in
whitespace, punctuation, letter case of the same words, or in a "last updated" line
("Sidan senast uppdaterad 14 mars 2026", "Last updated: ...", "Uppdaterad ...").
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

#: Fields compared for an edit, in the order they are shown.
TEXT_FIELDS = ("title", "lead", "body")

# A line that only says when the page was last updated (Swedish, Norwegian, Danish, English).
# Calibrated on the "Sidan senast uppdaterad" footers of SiteVision sites and WordPress/GOV.UK
# "Last updated" lines: the whole line must be the label plus a date-like tail.
_UPDATED_LINE = re.compile(
    r"^\s*(sidan\s+)?(senast\s+)?(uppdaterad|uppdatert|opdateret|ändrad|endret|last\s+updated|"
    r"updated|last\s+modified|page\s+last\s+updated)\b[^\n]{0,60}$",
    re.IGNORECASE | re.MULTILINE,
)
_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r"\s+|[^\s]+")


def normalise(text: str | None) -> str:
    """The words of ``text`` without punctuation, case or "last updated" lines: the comparison key."""
    text = unicodedata.normalize("NFC", text or "")
    text = _UPDATED_LINE.sub(" ", text)
    return " ".join(w.casefold() for w in _WORD.findall(text))


def is_trivial_change(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """True when ``old`` and ``new`` (dicts with title, lead, body) differ only trivially."""
    return all(normalise(old.get(f)) == normalise(new.get(f)) for f in TEXT_FIELDS)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The :data:`TEXT_FIELDS` whose text differs (``None`` and ``""`` are the same: no text)."""
    return [f for f in TEXT_FIELDS if (old.get(f) or "") != (new.get(f) or "")]


def is_new_revision(
    old: dict[str, Any], new: dict[str, Any], *, new_capture: bool, same_payload: bool
) -> bool:
    """The revision rule (module docstring): does saving ``new`` over ``old`` keep ``old`` as a revision?

    ``new_capture``: the new text comes from another capture than the stored one. ``same_payload``:
    both captures hold byte-identical payloads (no change at the source).
    """
    return bool(changed_fields(old, new)) and new_capture and not same_payload


@dataclass(frozen=True)
class Change:
    """How a version differs from the one that replaced it, as stored in ``revisions``."""

    fields: list[str]  # changed TEXT_FIELDS, in display order
    trivial: bool  # see is_trivial_change
    words_removed: int
    words_added: int


def measure_change(old: dict[str, Any], new: dict[str, Any]) -> Change:
    """The changed fields, the trivial flag and the word counts summed over the changed fields."""
    fields = changed_fields(old, new)
    removed = added = 0
    for f in fields:
        r, a = word_counts(old.get(f), new.get(f))
        removed, added = removed + r, added + a
    return Change(fields, is_trivial_change(old, new), removed, added)


def word_counts(old: str | None, new: str | None) -> tuple[int, int]:
    """(words removed, words added) between two texts."""
    a, b = (old or "").split(), (new or "").split()
    removed = added = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            removed += i2 - i1
        if tag in ("insert", "replace"):
            added += j2 - j1
    return removed, added


def diff_html(old: str | None, new: str | None) -> str:
    """Word-level diff as HTML: removed words in ``<del>``, added in ``<ins>``, everything escaped.

    Whitespace runs are tokens too, so paragraphs (blank lines) survive and can be shown with
    ``white-space: pre-wrap``.
    """
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(html.escape("".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(f"<del>{html.escape(''.join(a[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            out.append(f"<ins>{html.escape(''.join(b[j1:j2]))}</ins>")
    return "".join(out)
