"""Title, lead, author and language from the parsed page.

These read the page's own markup (``<h1>``, ``og:title``, lead classes, ``<html lang>``, bylines)
because that is more reliable on municipal templates than trafilatura's generic guesses, which
we keep only as fallbacks.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from lxml import etree
from lxml.etree import _Element

from .tree import Fallback, class_values, clean_text, element_text, is_in_chrome, resolve
from .vocabulary import (
    BYLINE_LABELS,
    HEADING_PART_TOKENS,
    HIDDEN_CLASS_TOKENS,
    KICKER_CLASS_TOKENS,
    LANGUAGE_ALIASES,
    LANGUAGE_MIN_HITS,
    LEAD_CLASS_TOKENS,
    LEAD_MIN_CHARS,
    MONTHS,
    ORGANISATION_WORDS,
    SITE_NAME_WORDS,
    SKIP_PHRASES,
    STOPWORDS,
    TITLE_SEPARATORS,
)

_WORD = re.compile(r"[a-zåäöæøüéèáàßäöõ]+", re.IGNORECASE)
_BYLINE_START = re.compile(
    r"(?:" + "|".join(re.escape(label) for label in BYLINE_LABELS) + r")\s*:?\s", re.IGNORECASE
)
_BYLINE = re.compile(
    r"^(?:" + "|".join(re.escape(label) for label in BYLINE_LABELS) + r")\s*:?\s+(?P<name>[^\n|,]{3,60})$",
    re.IGNORECASE,
)


def _meta(tree: _Element, *keys: str) -> str | None:
    wanted = {k.lower() for k in keys}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in wanted and (content := clean_text(meta.get("content"))):
            return content
    return None


def strip_site_name(title: str, site_names: Iterable[str] = ()) -> str:
    """Drop a trailing (or leading) site-name segment: "Ny förskola - Hemlunda kommun" -> "Ny förskola"."""
    names = {n.lower() for n in site_names if n}
    for sep in TITLE_SEPARATORS:
        if sep not in title:
            continue
        parts = title.split(sep)
        last, first = parts[-1].strip().lower(), parts[0].strip().lower()
        if last in names or any(word in last for word in SITE_NAME_WORDS):
            return clean_text(sep.join(parts[:-1]))
        if first in names:
            return clean_text(sep.join(parts[1:]))
    return title


def extract_title(tree: _Element, fallback: Fallback = None) -> str | None:
    """The article's headline.

    An ``<h1>`` outside site chrome that is not a skip link, a landmark label, the site's logo or
    a bare date — the one the document title (og:title or ``<title>``) agrees with if any, else
    the first; without one, og:title, trafilatura's guess, ``<title>``. A kicker or date inside the
    ``<h1>`` (marked by its class, a ``<time>``, or by the document title being the rest of it) and
    a skip link glued in front are not part of the headline.
    """
    site_name = _meta(tree, "og:site_name")
    names = [site_name or ""]
    documents = (_meta(tree, "og:title"), _meta(tree, "twitter:title"), _title_tag(tree))
    references = [r for d in documents if d and (r := _headline(strip_site_name(d, names)))]
    headings = [h for h in (_heading_text(h1) for h1 in tree.iter("h1") if _may_be_headline(h1)) if h]
    headings = [h for h in headings if not site_name or h.lower() != site_name.lower()]
    agreed = _agreed_heading(headings, references)
    if not agreed and references:  # "<h1>Nyheter</h1><h2>The headline</h2>": the h2 the title repeats
        subheadings = [_heading_text(h2) for h2 in tree.iter("h2") if _may_be_headline(h2)]
        agreed = next(
            (h for h in subheadings if h and h.casefold() in {r.casefold() for r in references}), None
        )
    if agreed or headings:
        return strip_site_name(agreed or headings[0], names)
    for n in range(3):  # og:title (or twitter:title), trafilatura's guess (computed only here), <title>
        candidate = resolve(fallback) if n == 1 else documents[0] or documents[1] if n == 0 else documents[2]
        if candidate and (candidate := _headline(candidate)):
            return strip_site_name(candidate, names)
    return None


def _agreed_heading(headings: list[str], references: list[str]) -> str | None:
    """The heading a document title repeats; or, for a heading that is a kicker plus a document
    title (the kicker has no markup of its own), that document title."""
    folded = [(h, h.casefold()) for h in headings]
    for reference in references:
        for heading, low in folded:
            if low == reference.casefold():
                return heading
    for reference in references:
        ref = reference.casefold()
        for _heading, low in folded:
            if len(ref) >= 12 and low.endswith(ref) and not low[: -len(ref)][-1:].isalnum():
                return reference
    return None


_SKIP_WORDS = sorted(SKIP_PHRASES, key=len, reverse=True)
# Only phrases that cannot begin a headline are stripped from its front ("Meny för veckan" stays).
_SKIP_PREFIX = re.compile(
    r"^(?:(?:"
    + "|".join(re.escape(p) for p in _SKIP_WORDS if " " in p or p == "hauptnavigation")
    + r")(?=$|[\s:|»>–-]|(?-i:[A-ZÅÄÖÆØÜ]))[\s:|»>–-]*)+",
    re.IGNORECASE,
)
_SKIP_ONLY = re.compile(r"(?:" + "|".join(re.escape(p) for p in _SKIP_WORDS) + r")\s*:?", re.IGNORECASE)
_DATE_FRONT = re.compile(
    r"^(?:(?P<day>\d{1,2})\.?\s+(?P<month>[^\W\d]{3,10})\.?,?\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{4}"
    r"|\d{4}-\d{2}-\d{2})(?:(?P<separator>\s*[|:–-]\s*)|\s+|$)"
)


def _headline(text: str) -> str:
    """A title candidate without a skip link or date in front; "" if it is only one of those.

    A date in front is the template's date line when a separator or a capital letter follows it
    ("14 mars 2026 | Ny förskola", "14 mars 2026 Ny förskola"), not in "12 maj 2026 blir en festdag".
    """
    text = _SKIP_PREFIX.sub("", clean_text(text))
    if not text or _SKIP_ONLY.fullmatch(text):
        return ""
    m = _DATE_FRONT.match(text)
    if not m or (m["month"] and m["month"].lower() not in MONTHS):
        return text
    rest = text[m.end() :]
    if not rest:
        return ""
    return rest if m["separator"] or rest[0].isupper() else text


def _tokens(el: _Element) -> list[str]:
    return f"{el.get('class', '')} {el.get('id', '')}".lower().split()


def _may_be_headline(h1: _Element) -> bool:
    """Not chrome, not for screen readers only, not the site's logo linking to the home page."""
    marks = HIDDEN_CLASS_TOKENS + KICKER_CLASS_TOKENS
    if any(token in t for t in _tokens(h1) for token in marks) or is_in_chrome(h1):
        return False
    links = h1.findall(".//a")
    if len(links) == 1 and (href := links[0].get("href") or "") and not href.startswith("#"):
        home = urlsplit(href).path in ("", "/", "/index.html", "/index.php")
        if home and element_text(links[0]) == element_text(h1):
            return False
    return True


_NOT_HEADLINE = KICKER_CLASS_TOKENS + HEADING_PART_TOKENS + HIDDEN_CLASS_TOKENS


def _heading_text(h1: _Element) -> str:
    """The ``<h1>``'s text without its kicker, category, date and screen-reader-only parts (all
    of it when those marks would leave nothing: the headline itself was in a "label" span)."""
    whole = _headline(element_text(h1))
    h1 = copy.deepcopy(h1)
    h1.tail = None
    for el in list(h1.iterdescendants()):
        tokens = _tokens(el)
        kicker = any(token in t for t in tokens for token in _NOT_HEADLINE)
        if (kicker or el.tag == "time") and el.getparent() is not None:
            _drop(el)
    return _headline(element_text(h1)) or whole


def _drop(el: _Element) -> None:
    """Remove an element, keeping the text that follows it."""
    parent, previous = el.getparent(), el.getprevious()
    if parent is None:
        return
    if el.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _title_tag(tree: _Element) -> str | None:
    title = tree.find(".//title")
    return clean_text(title.text_content()) if title is not None else None


def _has_lead_class(el: _Element) -> bool:
    value = (el.get("class") or "").lower()
    return bool(value) and any(token in value for token in LEAD_CLASS_TOKENS)


def extract_lead(tree: _Element) -> str | None:
    """The ingress / standfirst, when the page marks it with a lead-like class.

    Looks at ``p``/``div`` elements whose class contains ingress, lead, preamble, intro, standfirst,
    excerpt, summary or ``govuk-body-l`` (SiteVision's ingress is a text portlet paragraph with
    such a class), outside site chrome. No class, no lead: guessing from the first paragraph
    would duplicate body text.
    """
    for el in tree.iter("p", "div", "span", "section"):
        if not _has_lead_class(el):
            continue
        text = element_text(el)
        if len(text) < LEAD_MIN_CHARS or len(text) > 1500 or is_in_chrome(el):
            continue
        # A wrapper div around the whole article would contain headings: not a lead.
        if el.find(".//h1") is not None or el.find(".//h2") is not None:
            continue
        return text
    return None


def looks_like_organisation(name: str, site_name: str | None = None) -> bool:
    """True if an "author" is the site or an organisation rather than a person."""
    low = name.lower()
    if site_name and low == site_name.lower():
        return True
    return any(word in low for word in ORGANISATION_WORDS)


_AUTHOR_FN = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' author ')]"
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]"
)
_REL_AUTHOR = "//a[@rel='author']"
_BYLINE_CLASS = "//*[contains(@class, 'byline')]"
_BYLINE_XPATHS = {
    (fn, rel, byline): etree.XPath(
        " | ".join(x for x, on in ((_AUTHOR_FN, fn), (_REL_AUTHOR, rel), (_BYLINE_CLASS, byline)) if on)
    )
    for fn in (False, True)
    for rel in (False, True)
    for byline in (False, True)
    if fn or rel or byline
}
_HAS_REL_AUTHOR = etree.XPath(f"boolean({_REL_AUTHOR})")
_AUTHOR_TOKEN = re.compile(r"(?<!\S)author(?!\S)")
_FN_TOKEN = re.compile(r"(?<!\S)fn(?!\S)")


def _byline_elements(tree: _Element) -> list[_Element]:
    """WordPress ``.author .fn``, ``rel=author`` and ``.byline`` elements, in document order.

    Each of the three XPaths visits every element (the first normalises and pads every class), and
    most pages match none: the class values, read as strings and joined, tell which could match,
    and only those run (one union, so the order stays the document's)."""
    classes = class_values(tree)
    fn = bool(_AUTHOR_TOKEN.search(classes) and _FN_TOKEN.search(classes))
    wanted = (fn, bool(_HAS_REL_AUTHOR(tree)), "byline" in classes)
    return list(_BYLINE_XPATHS[wanted](tree)) if any(wanted) else []


def extract_author(tree: _Element, fallback: Fallback = None) -> str | None:
    """The person who wrote the article, never the site name.

    Order: WordPress ``.author .fn`` / ``rel=author`` / ``.byline``, then a "Text: ..." / "Av: ..."
    byline in the body, then ``<meta name=author>``, then trafilatura's guess.
    """
    site_name = _meta(tree, "og:site_name", "application-name")
    candidates: list[str] = []
    for el in _byline_elements(tree):
        if not is_in_chrome(el):
            candidates.append(_strip_byline(element_text(el)))
    for el in tree.iter("p", "span", "div"):
        text = el.text
        # Cheap test on the element's own first text before building its full text.
        if not text or len(text) > 80 or not _BYLINE_START.match(text.lstrip()):
            continue
        full = element_text(el)
        if len(full) < 80 and _BYLINE.match(full) and not is_in_chrome(el):
            candidates.append(_strip_byline(full))
    candidates.append(_meta(tree, "author", "article:author", "dc.creator") or "")
    # trafilatura's guess last, computed only when the page's own markup names no one.
    return _first_person(candidates, site_name) or _first_person([resolve(fallback) or ""], site_name)


def _first_person(candidates: list[str], site_name: str | None) -> str | None:
    for candidate in candidates:
        candidate = clean_text(candidate)
        if (
            candidate
            and not candidate.startswith("http")
            and not looks_like_organisation(candidate, site_name)
        ):
            return candidate
    return None


def _strip_byline(text: str) -> str:
    """ "Text: Anna Berg" -> "Anna Berg"; "" when what follows the label is not a name ("Av alla ...")."""
    m = _BYLINE.match(clean_text(text))
    if not m:
        return clean_text(text)
    tokens = clean_text(m["name"]).split()
    if len(tokens) > 6 or not all(t[:1].isupper() or t.lower() in ("och", "and", "&") for t in tokens):
        return ""
    return " ".join(tokens)


def normalise_language(tag: str | None) -> str | None:
    """``sv-SE`` -> ``sv``, ``en_GB`` -> ``en``, ``nb`` -> ``no``; None if not a language tag."""
    if not tag:
        return None
    primary = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    if not re.fullmatch(r"[a-z]{2}", primary):
        return None
    return LANGUAGE_ALIASES.get(primary, primary)


def guess_language(text: str) -> str | None:
    """A cheap stopword count for sv/en/no/da/fi/de; None when no language is clearly ahead."""
    counts = dict.fromkeys(STOPWORDS, 0)
    for word in _WORD.findall(text[:5000].lower()):
        for lang, words in STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] >= LANGUAGE_MIN_HITS else None


def extract_language(tree: _Element, text: str) -> str | None:
    """``<html lang>`` (or its meta equivalents) normalised to ISO 639-1, else a stopword guess."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        declared = _meta(tree, "content-language", "og:locale", "dc.language")
        if not declared:
            for meta in tree.iter("meta"):
                if (meta.get("http-equiv") or "").lower() == "content-language":
                    declared = meta.get("content")
                    break
    return normalise_language(declared) or guess_language(text)
