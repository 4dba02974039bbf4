"""Measure quote and contact extraction against the gold set, and its cost against trafilatura.

Six commands; ``quotes`` and ``sites`` print the figures that the quality floors in
``tests/quality/test_quality.py`` assert (both read ``floors.json`` beside this file); ``real`` and
``body`` read the real corpora beside the project (``../shared/corpora``) when they are there and
skip in one line when not, scoring their even half (dev) unless ``--held-out`` is given::

    python -m scraper.tools.bench quotes [--split dev|held_out|all] [--gold DIR] [--verbose]
    python -m scraper.tools.bench sites [--verbose]
    python -m scraper.tools.bench real [--corpus DIR] [--held-out] [--verbose]
    python -m scraper.tools.bench body [--corpus DIR] [--held-out] [--verbose]
    python -m scraper.tools.bench speed [--corpus DIR] [--rounds N] [--limit N]   # real pages only (exit 2 without)
    python -m scraper.tools.bench pool [--corpus DIR] [--workers N]

The scoring functions are pure (predictions and labels in, counts out) so they can be unit-tested
on hand-made predictions.

Matching rules
--------------
Quote text
    Both texts are normalised: case-folded, typographic apostrophes unified, white space
    collapsed, punctuation and quotation marks stripped at both ends. A predicted quote matches a
    gold quote when the normalised texts are equal, or when the word tokens (``\\w+``) of one are
    a contiguous run inside the other's and the shorter covers at least
    ``QUOTE_MIN_OVERLAP`` (0.8) of the longer's tokens. Comparing tokens rather than characters
    makes the seam of a split quote ("bra, säger X. Nu" → "bra. Nu") and inner punctuation
    irrelevant, while a quote that swallowed its attribution clause or lost half its words does
    not match. Each gold and each predicted quote is used at most once (greedy one-to-one, best
    pairs first).
Speaker and role
    Among matched quotes: the speaker is right when the normalised names are equal; the role is
    right when both are empty, or the normalised roles are equal after dropping a trailing party
    mark such as "(S)" from both — "kommunstyrelsens ordförande (S)" and "kommunstyrelsens
    ordförande" are the same role. Role comparison is case-insensitive (a role written at the
    start of a sentence is capitalised).
Contacts
    A predicted contact matches a gold contact by e-mail when both have one, otherwise by
    normalised name (one-to-one). Among matched contacts, name, role, e-mail and phone are scored
    field by field (both empty counts as right). Every predicted phone is checked to be valid
    E.164 (``+`` and digits, and ``phonenumbers`` says it is a valid number).

Optional labels
    A label marked ``uncertain`` (real texts) is optional: a prediction whose best match is one is
    set aside (no credit, no penalty), and missing it is not counted.
Body segments
    A "with" or "without" segment of web-eval is in a text when it occurs in it as written, white
    space collapsed on both sides; the project's text is title, lead and body, trafilatura's is
    its default ``extract``.

Conventions: precision with no prediction at all is 1.0, recall with nothing to find is 1.0, an
accuracy over zero matched items is 1.0 — the counts are printed next to every ratio.
"""

from __future__ import annotations

from .body import BodyReport, load_web_eval, score_body
from .paths import DEFAULT_FETCHED_AT, GOLD_DIR, REAL_TEXTS_DIR, ROOT, SPLITS, WEB_EVAL_DIR
from .pool import measure_pool
from .quotes import PageResult, Report, format_errors, format_table, load_labels, score_gold, select
from .real import load_real_texts, real_page, score_real
from .scoring import (
    FLOORS,
    QUOTE_MIN_OVERLAP,
    TARGETS,
    ContactScore,
    QuoteScore,
    SegmentScore,
    contacts_match,
    is_e164,
    match_contacts,
    match_quotes,
    normalise_name,
    normalise_role,
    normalise_text,
    quote_match_score,
    quote_texts_match,
    score_contacts,
    score_quotes,
    score_segments,
    text_tokens,
    without_optional,
)
from .sites import score_sites, site_roots
from .speed import SpeedResult, corpus_pages, format_speed, measure_speed


def main(argv: list[str] | None = None) -> int:
    """The command line (``python -m scraper.tools.bench``), importable for tests."""
    from .__main__ import main as _main

    return _main(argv)


__all__ = [
    "DEFAULT_FETCHED_AT",
    "FLOORS",
    "GOLD_DIR",
    "QUOTE_MIN_OVERLAP",
    "REAL_TEXTS_DIR",
    "ROOT",
    "SPLITS",
    "TARGETS",
    "WEB_EVAL_DIR",
    "BodyReport",
    "ContactScore",
    "PageResult",
    "QuoteScore",
    "Report",
    "SegmentScore",
    "SpeedResult",
    "contacts_match",
    "corpus_pages",
    "format_errors",
    "format_speed",
    "format_table",
    "is_e164",
    "load_labels",
    "load_real_texts",
    "load_web_eval",
    "main",
    "match_contacts",
    "match_quotes",
    "measure_pool",
    "measure_speed",
    "normalise_name",
    "normalise_role",
    "normalise_text",
    "quote_match_score",
    "quote_texts_match",
    "real_page",
    "score_body",
    "score_contacts",
    "score_gold",
    "score_quotes",
    "score_real",
    "score_segments",
    "score_sites",
    "select",
    "site_roots",
    "text_tokens",
    "without_optional",
]
