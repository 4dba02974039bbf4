"""Shared helpers on the parsed page: parse once, tell article from site chrome, tidy text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html
from lxml.etree import _Element
from trafilatura.utils import is_dubious_html, repair_faulty_html

from .vocabulary import CHROME_CLASS_EXCEPTIONS, CHROME_CLASS_TOKENS, CHROME_TAGS

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Class tokens that only describe a layout ("has-sidebar", "no-header"), not the element itself.
_LAYOUT_PREFIXES = ("has-", "no-", "with-", "without-", "is-", "show-", "hide-")


#: A fallback value, or a function that computes it when it is needed (an expensive guess).
Fallback = str | None | Callable[[], str | None]


def resolve(fallback: Fallback) -> str | None:
    """The value of a :data:`Fallback`."""
    return fallback() if callable(fallback) else fallback


def parse_html(text: str) -> _Element | None:
    """Parse page text into an lxml tree once; every extractor reuses it (trafilatura copies it).

    The tree is normalised for text (:func:`separate_blocks`, :func:`split_double_breaks`), and a
    page nested deeper than libxml2's default limit (255 elements: the rest of the page would be
    dropped without a word) is parsed again without that limit.
    """
    tree = _load_html(text)
    if tree is None:
        try:
            tree = lxml_html.document_fromstring(_XML_DECLARATION.sub("", text) or "<html></html>")
        except Exception:  # lxml raises several types on hopeless input
            return None
    if _AT_DEFAULT_LIMIT(tree):
        deep = _parse_deep(text)
        tree = tree if deep is None else deep
    split_double_breaks(tree)
    separate_blocks(tree)
    return tree


# The parser trafilatura's load_html uses, with one change: every element is an HtmlElement found by
# lxml's C lookup, not lxml.html's Python one (called for each element Python touches: 9,000 calls a
# page, 10 % of trafilatura's time). Only <form>/<input>/<select>/<textarea>/<label> lose their
# form-filling classes, which nothing here (nor trafilatura) uses.
_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement,
    comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity,
)
_PARSER = lxml_html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
_PARSER.set_element_class_lookup(_LOOKUP)


def _from_bytes(text: str) -> _Element | None:
    try:
        return lxml_html.fromstring(text.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except Exception:  # lxml raises several types on hopeless input
        return None


def _load_html(text: str) -> _Element | None:
    """trafilatura's ``load_html`` for text, with :data:`_PARSER`: the same repairs, the same tree."""
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    tree, as_bytes = None, False
    try:
        tree = lxml_html.fromstring(text, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, as_bytes = _from_bytes(text), True
    except Exception:  # lxml raises several types on hopeless input
        pass
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = _from_bytes(text)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # not HTML at all
    return tree


#: libxml2 stops building the tree at this depth (and drops everything below and after it) unless
#: told ``huge_tree``, which raises the limit to :data:`HUGE_MAX_DEPTH`.
DEFAULT_MAX_DEPTH = 255
HUGE_MAX_DEPTH = 2047
# True if some element sits at DEFAULT_MAX_DEPTH: a fixed path is 5x cheaper than measuring depth().
_AT_DEFAULT_LIMIT = etree.XPath("boolean(/*" + "/*" * DEFAULT_MAX_DEPTH + ")")
_DEEP_PARSER = lxml_html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)
_DEEP_PARSER.set_element_class_lookup(_LOOKUP)
# Wrappers that carry no text of their own: dropped when a page is nested past even HUGE_MAX_DEPTH
# (unclosed <font>/<div> soup), so that its text survives as a flat page.
_WRAPPER_TAGS = re.compile(r"</?(?:div|span|font|section|center|b|i|u|em|strong|small|big)\b[^>]*>", re.I)


def depth(tree: _Element) -> int:
    """How deeply the tree's elements are nested (the root is depth 0)."""
    deepest = level = 0
    for event, _el in etree.iterwalk(tree, events=("start", "end")):
        level += 1 if event == "start" else -1
        deepest = max(deepest, level)
    return deepest - 1


def _parse_deep(text: str) -> _Element | None:
    """The page parsed with ``huge_tree``; flattened first if even that limit would cut it."""
    source = _XML_DECLARATION.sub("", text)
    for attempt in (source, _WRAPPER_TAGS.sub(" ", source)):
        try:
            tree = lxml_html.document_fromstring(
                attempt.encode("utf-8", "surrogatepass"), parser=_DEEP_PARSER
            )
        except Exception:  # lxml raises several types on hopeless input
            return None
        if depth(tree) < HUGE_MAX_DEPTH:
            return tree
    return tree


#: Elements that start a new line when rendered: text on either side of one is never one word.
BLOCK_TAGS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div"),
        *("dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "legend", "li", "main", "nav", "ol", "p", "pre", "section"),
        *("summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    )
)


def separate_blocks(tree: _Element) -> None:
    """Put white space at every block boundary that has none.

    ``<strong>Återvinning</strong><div>Den nya ...</div>`` renders on two lines, but its text (and
    trafilatura's paragraph built from it) reads "ÅtervinningDen": a newline goes before and after
    each block element (and ``<br>``) where the neighbouring text touches it.
    """
    for el in tree.iter(*BLOCK_TAGS):
        previous = el.getprevious()
        if previous is not None:
            if not previous.tail or not previous.tail[-1].isspace():
                previous.tail = (previous.tail or "") + "\n"
        else:
            parent = el.getparent()
            if parent is not None and parent.text and not parent.text[-1].isspace():
                parent.text += "\n"
        if el.tail and not el.tail[0].isspace():
            el.tail = "\n" + el.tail


def _is_break_run(children: list[_Element], i: int) -> bool:
    """True if ``children[i]`` is a ``<br>`` followed, with only white space between, by another."""
    return (
        children[i].tag == "br"
        and i + 1 < len(children)
        and children[i + 1].tag == "br"
        and not (children[i].tail or "").strip()
    )


#: Elements whose text may be paragraphs written as double line breaks (``<p>`` or a text container
#: holding no block of its own).
_BREAK_CONTAINERS = ("p", "div", "td", "blockquote", "section", "article", "dd")


def split_double_breaks(tree: _Element) -> None:
    """``<p>One.<br><br>Two.</p>`` becomes ``<p>One.</p><p>Two.</p>``: a blank line is a paragraph break.

    Editors that write paragraphs as double line breaks inside one ``<p>`` (or straight into a
    ``<div>``) are common on municipal sites; trafilatura collapses the two breaks into one, so
    without this the paragraphs (and the quote rules, which read paragraphs) see one block.
    """
    parents = [br.getparent() for br in tree.iter("br")]
    twice = {parent for parent, n in Counter(parents).items() if n >= 2}
    if not twice:
        return  # most pages: no element holds two line breaks of its own
    for el in list(tree.iter(*_BREAK_CONTAINERS)):
        if el not in twice:
            continue
        children = list(el)
        if el.tag != "p" and any(c.tag in BLOCK_TAGS and c.tag != "br" for c in children):
            continue
        # Each paragraph: its leading text and its elements.
        texts: list[str | None] = [el.text]
        segments: list[list[_Element]] = [[]]
        i = 0
        while i < len(children):
            if _is_break_run(children, i):
                while _is_break_run(children, i):
                    i += 1
                texts.append(children[i].tail)
                segments.append([])
            else:
                segments[-1].append(children[i])
            i += 1
        if len(segments) > 1:
            _rebuild_paragraphs(el, texts, segments)


def _rebuild_paragraphs(el: _Element, texts: list[str | None], segments: list[list[_Element]]) -> None:
    """A ``<p>`` becomes sibling ``<p>``s (the first keeps its attributes); a container gets one
    ``<p>`` child per paragraph."""
    for child in list(el):
        el.remove(child)  # its tail goes with it; the elements kept are appended back below
    parts = [(t, s) for t, s in zip(texts, segments, strict=True) if (t and t.strip()) or s]
    attributes = {k: v for k, v in el.attrib.items() if k != "id"} if el.tag == "p" else {}
    tail, anchor = el.tail, el
    if el.tag != "p":
        el.text = "\n"
    for n, (text, elements) in enumerate(parts):
        target = el if n == 0 and el.tag == "p" else etree.Element("p", attributes)
        target.text = text
        for child in elements:
            target.append(child)
        if el.tag != "p":
            target.tail = "\n"
            el.append(target)
        elif n:
            anchor.addnext(target)
            anchor = target
    if el.tag == "p":
        anchor.tail = tail
        if anchor is not el:
            el.tail = "\n"


#: Characters that render as nothing but split words for search and for the quote and name rules:
#: soft hyphen, zero-width space, left-to-right / right-to-left marks, word joiner, and a BOM inside
#: the text. Zero-width (non-)joiners are kept: they change how some scripts and emoji render.
INVISIBLE = "\u00ad\u200b\u200e\u200f\u2060\ufeff"


def strip_invisible(text: str) -> str:
    """The page text without :data:`INVISIBLE` characters ("kommun\u00adfullmäktige" → "kommunfullmäktige").

    One ``in`` test and ``replace`` per character: ``str.translate`` with a table walks a non-ASCII
    page character by character in Python-level lookups (100× slower on a 100 KB page)."""
    for char in INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    return text


def clean_text(text: str | None) -> str:
    """Collapse runs of white space (incl. non-breaking spaces) and strip."""
    if not text:
        return ""
    # str.split() breaks at exactly the characters re's \s matches (non-breaking spaces included),
    # at a quarter of a regex substitution's cost: this runs some 60,000 times a page.
    if "\u200b" in text:
        text = text.replace("\u200b", "")
    return " ".join(text.split())


def short_text(el: _Element, limit: int) -> str | None:
    """``clean_text(el.text_content())`` when that is at most ``limit`` characters, else None.

    Read piece by piece and given up as soon as the cleaned text passes ``limit`` (a longer text
    never cleans to a shorter one): a label next to a date is in a short element, and the ancestors
    looked at around it can be the whole page, which ``text_content()`` would copy and clean whole.
    """
    parts: list[str] = []
    raw = 0
    check = limit
    for piece in el.itertext():
        parts.append(piece)
        raw += len(piece)
        if raw > check:
            if len(clean_text("".join(parts))) > limit:
                return None
            check = 2 * raw
    text = clean_text("".join(parts))
    return text if len(text) <= limit else None


def element_text(el: _Element) -> str:
    """Visible text of an element as a browser lays it out, white space collapsed.

    Scripts, styles and comments are left out; a block element (and ``<br>``) is a word boundary,
    inline markup is not ("Frauen im <abbr>THW</abbr>:" reads "Frauen im THW:").
    """
    parts: list[str] = []
    walker = etree.iterwalk(el, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        tag = node.tag if isinstance(node.tag, str) else ""
        if event in ("comment", "pi"):  # no "end" event: only the tail is text
            parts.append(node.tail or "")
            continue
        if event == "start":
            if tag in _NOT_TEXT:
                walker.skip_subtree()
                continue
            parts.append(" " if tag in BLOCK_TAGS else "")
            parts.append(node.text or "")
            continue
        if tag in BLOCK_TAGS:
            parts.append(" ")
        if node is not el and node.tail:
            parts.append(node.tail)
    return clean_text("".join(parts))


_CLASS_VALUES = etree.XPath("//@class", smart_strings=False)


def class_values(tree: _Element) -> str:
    """Every class value of the page, joined by spaces: the cheap first test of rules that look for
    a class word (bylines, contact boxes). Searching this one string tells most pages apart at once,
    where an XPath testing each element's class visits the whole tree every time."""
    return " ".join(_CLASS_VALUES(tree))


_NOT_TEXT = frozenset({"script", "style", "noscript", "template"})


def _class_tokens(el: _Element) -> list[str]:
    value = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return [t for t in value.split() if not t.startswith(_LAYOUT_PREFIXES)]


def looks_like_chrome(el: _Element) -> bool:
    """True if the element itself is site-wide chrome (header, footer, nav, sidebar, cookie banner...).

    ``<header>``/``<footer>`` inside ``<article>`` or ``<main>`` are the article's own header and footer
    (WordPress puts the date and author there), so they do not count; nor does an ``<aside>`` fact box
    inside ``<article>`` (only asides outside the article are chrome).
    """
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("html", "body", "main", "article"):
        return False
    tokens = _class_tokens(el)
    if any(t.startswith(CHROME_CLASS_EXCEPTIONS) for t in tokens):
        return False
    if tag in CHROME_TAGS:
        ancestors = {a.tag for a in el.iterancestors() if isinstance(a.tag, str)}
        # <header>/<footer> inside <article>/<main> belong to the article; so does an <aside> fact
        # box inside <article> — unless its class says otherwise ("related", "share").
        if tag in ("header", "footer") and ancestors & {"article", "main"}:
            return False
        if tag != "aside" or "article" not in ancestors:
            return True
    return any(token in t for t in tokens for token in CHROME_CLASS_TOKENS)


def is_in_chrome(el: _Element) -> bool:
    """True if the element or any ancestor is site chrome."""
    node: _Element | None = el
    while node is not None:
        if looks_like_chrome(node):
            return True
        node = node.getparent()
    return False
