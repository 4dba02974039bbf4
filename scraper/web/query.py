"""What a person types into the search box, turned into an FTS5 query that means what a Swede expects.

Pure functions (plus one read of the compound vocabulary), so the rules are tested on strings:

* Words are matched whole and case-insensitively; å, ä and ö are letters of their own (the index uses
  ``unicode61 remove_diacritics 0``), so ``far`` never finds ``får``.
* A word of five letters or more also finds the compounds it ends: ``skola`` finds *förskola* and
  *grundskola*, ``skatt`` finds *fastighetsskatt*. Swedish puts the head of a compound last, so these
  are kinds of the thing searched for. Shorter words do not (``kola`` does not find *förskola*).
  The compounds come from ``articles_fts_terms`` (the index's vocabulary, spelt backwards).
* A word also finds its other forms, in Swedish, Norwegian, Danish and English: ``skola`` finds
  *skolan*, *skolor*, *skolorna* (and so *förskolan*), ``säger`` finds *sade*, ``school`` *schools*.
  The forms are the indexed words with the same lemma (``articles_fts_stems``,
  :mod:`scraper.archive.inflection`). ``=skola`` (or ``"skola"``) is the exact word only.
* ``skol*`` finds words beginning with *skol*; ``"ny förskola"`` a phrase; ``-budget`` excludes;
  ``OR`` between two words finds either.
* Everything else is a word, never an operator: ``e-tjänst`` is the phrase *e tjänst* (as the index
  splits it), ``AND``, ``NEAR``, ``title:``, brackets and stray quotes can never raise a syntax error.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from scraper.archive import inflection

#: Words at least this long also match as the last part of a compound (skola → förskola).
COMPOUND_MIN_LENGTH = 5
#: A compound must add at least this many letters in front (skola → *förskola*, not *askola*).
COMPOUND_MIN_PREFIX = 2
#: At most this many compounds per word, the most frequent first: keeps the OR query fast.
COMPOUND_LIMIT = 200

# unicode61 splits on everything that is not a letter or a digit (underscore included).
_TOKEN = re.compile(r"[^\W_]+")
_ITEM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class ParsedQuery:
    """``expression`` is the FTS5 MATCH string, or None when the input has nothing to search for."""

    expression: str | None
    words: list[str] = field(default_factory=list)  # what was searched, for the page
    compounds: dict[str, list[str]] = field(default_factory=dict)  # word -> compounds added
    #: ``expression`` as its parts, each a valid FTS5 query on its own: the clauses that must all
    #: match, and the one whose matches are left out (None: nothing excluded). The search can then
    #: answer a clause it met before from memory (:mod:`scraper.web.matches`).
    clauses: list[str] = field(default_factory=list)
    excluded: str | None = None


def tokens(text: str) -> list[str]:
    """The index's tokens of ``text``: letters and digits, lower-cased as unicode61 folds them."""
    return _TOKEN.findall(text.lower())


def _quote(token: str) -> str:
    return f'"{token}"'  # tokens never contain a double quote


def compounds_ending_in(conn: sqlite3.Connection | None, word: str) -> list[str]:
    """Indexed words that end in ``word`` with a prefix in front (förskola for skola)."""
    if conn is None or len(word) < COMPOUND_MIN_LENGTH:
        return []
    reversed_word = word[::-1]
    try:
        rows = conn.execute(
            "SELECT term FROM articles_fts_terms WHERE reversed > ? AND reversed < ? "
            "AND length(term) >= ? ORDER BY documents DESC LIMIT ?",
            [reversed_word, reversed_word + "\U0010ffff", len(word) + COMPOUND_MIN_PREFIX, COMPOUND_LIMIT],
        ).fetchall()
    except sqlite3.OperationalError:  # an archive from before the vocabulary table
        return []
    return sorted(r[0] for r in rows)


def _same_lemma(conn: sqlite3.Connection, word: str, compounds: bool) -> set[str]:
    """Indexed words with ``word``'s lemma in some language, and (``compounds``) those whose lemma ends in it.

    A form shorter than the lemma by more than one letter is left out: Swedish *ska* (shall) has
    the lemma *skola* too, and is not what a search for the school means.
    """
    found: set[str] = set()
    try:
        for k in inflection.keys(word):
            size = len(k) - 3  # the lemma's length ("sv:" in front)
            if compounds and size >= COMPOUND_MIN_LENGTH - 1:
                rows = conn.execute(
                    "SELECT term, length(key) FROM articles_fts_stems WHERE key >= ? AND key < ? LIMIT ?",
                    [k, k + "\U0010ffff", COMPOUND_LIMIT],
                ).fetchall()
                found |= {t for t, n in rows if n == len(k) or n >= len(k) + COMPOUND_MIN_PREFIX}
            else:
                found |= {
                    t for (t,) in conn.execute("SELECT term FROM articles_fts_stems WHERE key = ?", [k])
                }
            found -= {t for t in found if len(t) < size - 1}
    except sqlite3.OperationalError:  # an archive from before the lemma table
        pass
    return found


def word_forms(conn: sqlite3.Connection | None, word: str) -> list[str]:
    """The other indexed words a search for ``word`` finds: its inflected forms and the compounds
    ending in any of them (``skola``: *skolan*, *skolor*, *förskola*, *förskolan*, …).

    Compounds of the other forms only when every lemma of the word is long enough for the compound
    rule: *husen* (lemma *hus*) finds *huset* but not *badhuset*.
    """
    if conn is None:
        return []
    compounds = len(word) >= COMPOUND_MIN_LENGTH
    forms = _same_lemma(conn, word, compounds) | {word}
    shortest = min(len(k) - 3 for k in inflection.keys(word))
    for form in sorted(forms) if compounds and shortest >= COMPOUND_MIN_LENGTH else [word]:
        if len(form) >= COMPOUND_MIN_LENGTH:
            forms |= set(compounds_ending_in(conn, form))
    forms.discard(word)
    return sorted(forms)[: COMPOUND_LIMIT * 2]


def parse_query(q: str | None, conn: sqlite3.Connection | None = None) -> ParsedQuery:
    """Turn the search box's text into an FTS5 expression (see the module docstring for the rules)."""
    parsed = ParsedQuery(expression=None)
    clauses: list[list[str]] = []  # AND of ORs
    negatives: list[str] = []
    join_next = False
    for match in _ITEM.finditer(q or ""):
        negative, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            join_next = bool(clauses)
            continue
        prefix = False
        if phrase is not None:
            toks = tokens(phrase)
            if not toks:
                continue
            term = _quote(" ".join(toks))
            parsed.words.append(f'"{" ".join(toks)}"')
        else:
            if bare.startswith("-") and len(bare) > 1:
                negative, bare = "-", bare[1:]
            prefix = bare.endswith("*")
            toks = tokens(bare)
            if not toks:
                continue
            exact = bare.startswith("=")
            if prefix:
                term = " + ".join(_quote(t) for t in toks) + "*"
                parsed.words.append("-".join(toks) + "*")
            elif len(toks) > 1:
                term = _quote(" ".join(toks))
                parsed.words.append("-".join(toks))
            else:
                word = toks[0]
                extra = [] if exact else word_forms(conn, word)
                if extra:
                    parsed.compounds[word] = extra
                term = "(" + " OR ".join(_quote(t) for t in [word, *extra]) + ")" if extra else _quote(word)
                parsed.words.append("=" + word if exact else word)
        if negative:
            negatives.append(term)
        elif join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    if not clauses:
        return parsed  # nothing positive to look for (a query of only exclusions matches nothing)
    parsed.clauses = [c[0] if len(c) == 1 else "(" + " OR ".join(c) + ")" for c in clauses]
    expression = " AND ".join(parsed.clauses)
    if negatives:
        parsed.excluded = " OR ".join(negatives)
        expression = f"({expression}) NOT ({parsed.excluded})"
    parsed.expression = expression
    return parsed


#: The longest search accepted. Each word is one more pass over the index: a 500-word search took
#: 6.2 s. A journalist's search is a few words (``förskola OR skola -nedläggning``).
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 16


def query_too_long(q: str) -> str | None:
    """The message for a search over :data:`MAX_QUERY_CHARS` or :data:`MAX_QUERY_WORDS`, else None."""
    words = sum(1 for word in q.split() if word not in ("OR", "AND", "NOT"))  # operators are not words
    if len(q) <= MAX_QUERY_CHARS and words <= MAX_QUERY_WORDS:
        return None
    return (
        f"it is too long ({len(q)} characters, {words} words); "
        f"a search may have at most {MAX_QUERY_CHARS} characters and {MAX_QUERY_WORDS} words"
    )


#: What ``muninews_match()`` returns when there is nothing to look for: an empty phrase, which
#: FTS5 accepts and which matches no row.
NOTHING = '""'


def match_expression(q: str | None, conn: sqlite3.Connection | None) -> str:
    """The FTS5 expression of ``q`` for SQL: :func:`parse_query`'s, or :data:`NOTHING` (never raises)."""
    if not q or query_too_long(q):
        return NOTHING
    return parse_query(q, conn).expression or NOTHING


def register(conn: sqlite3.Connection) -> None:
    """``muninews_match(q)`` on ``conn``: the canned queries and the feed search with this module's
    rules, so they find exactly what the search page finds (the one search contract)."""
    conn.create_function("muninews_match", 1, lambda q: match_expression(q, conn), deterministic=True)
