"""Word forms for inflection-aware search: a word's lemma in each language the archive holds.

Swedish, Norwegian and Danish nouns inflect on the end (*skola*, *skolan*, *skolor*, *skolorna*),
English too (*school*, *schools*), and verbs change inside (*säger*, *sade*). The full-text index
keeps the exact words; beside it, ``articles_fts_stems`` maps each indexed word to a *key* per
language: the language code, a colon and the word's lemma spelt backwards. A search word is
looked up by its own keys, so it finds every form with the same lemma, and (spelt backwards) every
compound whose lemma ends in it.

Lemmas come from simplemma (dictionary lemmas: *sade* → *säga*, *skolorna* → *skola*); measured
against Snowball stemmers on the labelled set in ``tests/web/data/inflection_set.json``
(``python -m tests.web.test_inflection``), see the README. Pure functions of the word.
"""

from __future__ import annotations

import functools

import simplemma
import snowballstemmer

#: The languages whose forms are looked up, for every search (an article's language is not known
#: to the vocabulary, and a Swede may search Norwegian news).
LANGUAGES = ("sv", "nb", "da", "en")
_SNOWBALL = {"sv": "swedish", "nb": "norwegian", "da": "danish", "en": "english"}
#: "simplemma" (the default) or "snowball"; the measurement switches it to compare the two.
METHOD = "simplemma"


@functools.cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_SNOWBALL[language])


def lemma(word: str, language: str, method: str | None = None) -> str:
    """``word``'s lemma (or Snowball stem) in ``language``, lower case; the word itself if unknown."""
    if (method or METHOD) == "snowball":
        return str(_stemmer(language).stemWord(word))
    return str(simplemma.lemmatize(word, lang=language)).lower()


def key(language: str, base: str) -> str:
    """The ``articles_fts_stems`` key of a lemma: ``sv:aloks`` for *skola*."""
    return f"{language}:{base[::-1]}"


def keys(word: str, method: str | None = None) -> list[str]:
    """Every key of ``word`` (one per language, duplicates removed)."""
    return sorted({key(language, lemma(word, language, method)) for language in LANGUAGES})


def warm() -> None:
    """Load the four languages' dictionaries (~1-4 s, once per process), before any time limit runs."""
    keys("skola")
