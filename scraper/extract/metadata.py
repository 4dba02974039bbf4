"""Title, lead, author and language from the parsed page.

These read the page's own markup (``<h1>``, ``og:title``, lead classes, ``<html lang>``, bylines)
because that is more reliable on municipal templates than trafilatura's generic guesses, which
we keep only as fallbacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml.etree import _Element

from .tree import clean_text, element_text, is_in_chrome
from .vocabulary import (
    BYLINE_LABELS,
    LANGUAGE_ALIASES,
    LANGUAGE_MIN_HITS,
    LEAD_CLASS_TOKENS,
    LEAD_MIN_CHARS,
    ORGANISATION_WORDS,
    SITE_NAME_WORDS,
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


def extract_title(tree: _Element, fallback: str | None = None) -> str | None:
    """The article's headline: the first ``<h1>`` outside site chrome, else og:title, else ``<title>``."""
    site_name = _meta(tree, "og:site_name")
    for h1 in tree.iter("h1"):
        text = element_text(h1)
        if text and not is_in_chrome(h1) and (not site_name or text.lower() != site_name.lower()):
            return strip_site_name(text, [site_name or ""])
    for candidate in (_meta(tree, "og:title", "twitter:title"), fallback, _title_tag(tree)):
        if candidate:
            return strip_site_name(candidate, [site_name or ""])
    return None


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


def extract_author(tree: _Element, fallback: str | None = None) -> str | None:
    """The person who wrote the article, never the site name.

    Order: WordPress ``.author .fn`` / ``rel=author`` / ``.byline``, then a "Text: ..." / "Av: ..."
    byline in the body, then ``<meta name=author>``, then trafilatura's guess.
    """
    site_name = _meta(tree, "og:site_name", "application-name")
    candidates: list[str] = []
    for el in tree.xpath(
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' author ')]"
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]"
        " | //a[@rel='author'] | //*[contains(@class, 'byline')]"
    ):
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
    candidates += [_meta(tree, "author", "article:author", "dc.creator") or "", fallback or ""]
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
