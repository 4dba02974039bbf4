"""Prune what trafilatura should never see, without ever pruning the article.

Cookie banners, share bars, breadcrumbs and translate widgets are removed from a copy of the page
before trafilatura chooses the main text (it would otherwise sometimes keep them). The rules
(:data:`vocabulary.PRUNE_RULES`) match whole words of one class or id token, and three guards keep
them off the text itself: the page's containers (``html``, ``body``, ``main``, ``article``,
``role=main``) are never pruned, layout tokens ("no-share") are not read, and a rule whose words
also name article wrappers ("sharing container") spares an element holding most of the page's
text. When pruning still leaves no body, ``extract_article`` extracts a copy on which those rules
prune only elements without paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from copy import deepcopy
from functools import lru_cache
from itertools import accumulate

from lxml import etree
from lxml.etree import _Element

from .tree import element_text
from .vocabulary import (
    PRUNE_GUARD_MIN_CHARS,
    PRUNE_MAX_TEXT_SHARE,
    PRUNE_MIN_PARAGRAPH_CHARS,
    PRUNE_NEVER_ROLES,
    PRUNE_NEVER_TAGS,
    PRUNE_RULES,
    PRUNE_WRAPPER_RULES,
)

# All rules in one expression, one named group per rule: one search per class token.
_GROUPS = {f"r{i}": name for i, name in enumerate(PRUNE_RULES)}
_RULES = re.compile(
    "(?:^| )(?:"
    + "|".join(f"(?P<r{i}>{pattern})" for i, pattern in enumerate(PRUNE_RULES.values()))
    + ")(?= |$)"
)
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_WORD_SEPARATORS = re.compile(r"[^0-9a-z]+")
# Class tokens that only describe a layout ("has-share-buttons", "no-share"), not the element itself.
_LAYOUT_PREFIXES = ("has-", "no-", "with-", "without-", "is-", "show-", "hide-")


def rule_hints(patterns: list[str]) -> list[str] | None:
    r"""For each alternative of each rule, a literal word every token it matches contains (lower-cased):
    "cookies?" -> "cookie", r"\w*breadcrumbs?" -> "breadcrumb", "google translate" -> "translate".
    None when an alternative is not a plain list of words (then every value is read in full)."""
    hints: list[str] = []
    for pattern in patterns:
        for alternative in pattern.split("|"):
            plain = re.sub(r"\\w[*+]|[a-z]\?", "", alternative)
            if not plain.strip() or re.search(r"[^a-z0-9 ]", plain):
                return None
            hints.append(max(plain.split(), key=len))
    return sorted({h for h in hints if not any(other != h and other in h for other in hints)})


# A class or id value that contains no hint word (case aside) matches no rule: most values on a page
# ("col-md-8", "nav-item") are dismissed by one search instead of being split into words.
_HINTS = rule_hints(list(PRUNE_RULES.values()))
_HINT = re.compile("|".join(_HINTS) if _HINTS is not None else "", re.IGNORECASE)


@lru_cache(maxsize=4096)
def token_words(token: str) -> str:
    """The words of one class or id token, space-separated: "td-post_sharingBar" → "td post sharing bar"."""
    return " ".join(_WORD_SEPARATORS.split(_CAMEL.sub(r"\1 \2", token).lower())).strip()


@lru_cache(maxsize=4096)
def prune_rule(value: str) -> str | None:
    """The name of the first rule one class/id attribute value matches, or None."""
    if not _HINT.search(value):
        return None
    for token in value.split():
        if token.lower().startswith(_LAYOUT_PREFIXES):
            continue
        if (match := _RULES.search(token_words(token))) and match.lastgroup:
            return _GROUPS[match.lastgroup]
    return None


def _paragraph_chars(el: _Element) -> int:
    return sum(len("".join(p.itertext()).strip()) for p in el.iter("p"))


def _text_chars(el: _Element) -> int:
    return len(element_text(el))


def _holds_the_text(chars: int, total: int) -> bool:
    return chars >= PRUNE_GUARD_MIN_CHARS and chars >= PRUNE_MAX_TEXT_SHARE * total


# Every class and id value of the page, each knowing its element (``getparent()``), in document order.
_ATTRIBUTES = etree.XPath("//@class | //@id")
_HINT_LOWER = re.compile(_HINT.pattern)


def _hinted_elements(tree: _Element) -> list[_Element]:
    """Elements, in document order, whose class or id value holds a hint word (lower-cased): the only
    ones a rule can match. The values are joined, lower-cased and searched once, each hit mapped back
    to its value; searching the ~200 values of a page one by one, case-insensitively, cost more than
    the rules themselves."""
    values = _ATTRIBUTES(tree)
    joined = "\n".join(values)
    low = joined.lower()
    if len(low) == len(joined):
        ends = list(accumulate(len(value) + 1 for value in values))  # one past each value's newline
        hits = sorted({bisect_right(ends, m.start()) for m in _HINT_LOWER.finditer(low)})
    else:  # a character whose lower case is longer ("İ"): offsets would shift, read value by value
        hits = [i for i, value in enumerate(values) if _HINT_LOWER.search(value.lower())]
    return list(dict.fromkeys(values[i].getparent() for i in hits))


def prune_candidates(tree: _Element, *, wrappers: bool = True) -> list[tuple[_Element, str]]:
    """Outermost elements a rule matches that the guards allow to prune, with the rule's name.

    With ``wrappers`` false, an element matched by a rule of :data:`PRUNE_WRAPPER_RULES` is pruned
    only when it holds no paragraph at all (a bar of links and buttons), however little text the
    paragraphs it holds are.

    The text an element holds is measured in paragraphs, or in all its visible text on a page
    whose text is not in ``<p>`` (lines separated by ``<br>``, bare ``<div>`` blocks)."""
    measure: Callable[[_Element], int] | None = None  # measured on the first wrapper rule's match
    total = 0
    found: list[tuple[_Element, str]] = []
    for el in _hinted_elements(tree):
        if el.tag in PRUNE_NEVER_TAGS or el.get("role") in PRUNE_NEVER_ROLES:
            continue
        # The first rule of the class's tokens, else of the id's (the two values cached apart).
        rule = prune_rule(el.get("class") or "") or prune_rule(el.get("id") or "")
        if rule is None:
            continue
        if rule in PRUNE_WRAPPER_RULES:
            if measure is None:
                measure = _paragraph_chars
                if (total := measure(tree)) < PRUNE_MIN_PARAGRAPH_CHARS:
                    measure = _text_chars
                    total = measure(tree)
            if _holds_the_text(measure(el), total) if wrappers else _paragraph_chars(el) > 0:
                continue
        found.append((el, rule))
    chosen = {el for el, _ in found}
    return [(el, rule) for el, rule in found if not any(a in chosen for a in el.iterancestors())]


def pruned_copy(tree: _Element, *, wrappers: bool = True) -> tuple[_Element, int]:
    """A copy of the page without the prunable elements (their tail text kept), and how many went;
    ``wrappers`` as for :func:`prune_candidates`."""
    copy = deepcopy(tree)
    removed = prune_candidates(copy, wrappers=wrappers)
    for el, _rule in removed:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:
            previous = el.getprevious()
            if previous is None:
                parent.text = (parent.text or "") + el.tail
            else:
                previous.tail = (previous.tail or "") + el.tail
        parent.remove(el)
    return copy, len(removed)
