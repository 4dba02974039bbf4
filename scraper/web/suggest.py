"""Zero-result help: "did you mean", from the archive's own vocabulary (``articles_fts_terms``).

A search that finds nothing gets, for each plain word the index does not hold, the indexed word
closest to it in spelling (at most two edits: ``förskolla`` → *förskola*), the one in most articles
among equally close ones. Candidates share the word's first letter and are within two letters of its
length: one index range scan per word, never a pass over the whole vocabulary.
"""

from __future__ import annotations

import sqlite3

from scraper.web.query import tokens

MAX_EDITS = 2
#: Words shorter than this get no suggestion: too many words are one edit from "by" or "år".
MIN_LENGTH = 4
_ENOUGH = 20_000  # candidates read per word, most frequent first among those read


def edit_distance(a: str, b: str, limit: int = MAX_EDITS) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it is known to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def closest_word(conn: sqlite3.Connection, word: str) -> str | None:
    """The indexed word nearest ``word`` (≤ :data:`MAX_EDITS` edits), or None (also if it is indexed)."""
    if len(word) < MIN_LENGTH:
        return None
    try:
        rows = conn.execute(
            "SELECT term, documents FROM articles_fts_terms WHERE term >= ? AND term < ? "
            "AND length(term) BETWEEN ? AND ? LIMIT ?",
            [word[0], word[0] + "\U0010ffff", len(word) - MAX_EDITS, len(word) + MAX_EDITS, _ENOUGH],
        ).fetchall()
    except sqlite3.OperationalError:  # no vocabulary table
        return None
    if any(term == word for term, _ in rows):
        return None
    scored = [(edit_distance(word, term), -docs, term) for term, docs in rows]
    best = min((s for s in scored if s[0] <= MAX_EDITS), default=None)
    return best[2] if best else None


def did_you_mean(conn: sqlite3.Connection, q: str) -> str | None:
    """``q`` with each unknown plain word replaced by its closest indexed word; None if none changes."""
    out, changed = [], False
    for item in q.split():
        plain = not item.startswith(("-", "=", '"')) and not item.endswith("*") and item != "OR"
        toks = tokens(item)
        if plain and len(toks) == 1 and (better := closest_word(conn, toks[0])):
            out.append(better)
            changed = True
        else:
            out.append(item)
    return " ".join(out) if changed else None
