"""Where an element sits on its page, answered once per element: in the chrome, in a widget, in a listed item.

:func:`scraper.crawl.classify.page_signals` asks these of every link on a page. As XPath
(``ancestor-or-self::*[self::nav or contains(@class, 'menu') or ...]``) each question walked the
link's ancestors again through a hundred tests, a thousand XPath calls on a page with a mega menu:
the spider's main cost. Here each element is tested once, in Python on the lxml tree, and the
answer is shared with its descendants (a memo per page). The tests are the XPath ones, exactly:
``self::tag``, ``contains(@class, word)`` (a substring), ``contains(@id, word)``, ``@role = role``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from scraper import cms

Element = Any  # lxml.html.HtmlElement


class AncestorTest:
    """``ancestor-or-self::*[tests]`` of an element, memoised per element of one page."""

    def __init__(
        self, tags: Iterable[str], classes: Iterable[str], ids: Iterable[str] = (), roles: Iterable[str] = ()
    ) -> None:
        self.tags = frozenset(tags)
        self.classes = _any_of(classes)
        self.ids = _any_of(ids)
        self.roles = frozenset(roles)

    def own(self, el: Element) -> bool:
        """The test on the element itself (``self::*[tests]``)."""
        if el.tag in self.tags:
            return True
        cls, id_, role = el.get("class"), el.get("id"), el.get("role")
        return bool(
            (cls is not None and self.classes is not None and self.classes.search(cls))
            or (id_ is not None and self.ids is not None and self.ids.search(id_))
            or (role is not None and role in self.roles)
        )


def _any_of(words: Iterable[str]) -> re.Pattern[str] | None:
    words = list(words)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


CHROME = AncestorTest(
    cms.CHROME_TAGS,
    cms.CHROME_CLASS_WORDS + cms.CHROME_LINK_CLASS_WORDS,
    cms.CHROME_ID_WORDS,
    cms.CHROME_ROLES,
)
WIDGET = AncestorTest(cms.WIDGET_TAGS, cms.WIDGET_CLASS_WORDS)
# A listed item: the block a listing's entry sits in (classify.ITEM_XPATH, the same tests).
ITEM = AncestorTest(("li", "article", "tr", "p", "dd"), ("item", "entry", "teaser", "card", "views-row"))


class Marks:
    """The answers for one page's elements."""

    def __init__(self) -> None:
        self._chrome: dict[Element, bool] = {}
        self._widget: dict[Element, bool] = {}
        self._item: dict[Element, Element | None] = {}

    def chrome(self, el: Element) -> bool:
        return _inherited(el, self._chrome, CHROME)

    def widget(self, el: Element) -> bool:
        return _inherited(el, self._widget, WIDGET)

    def item(self, el: Element) -> Element | None:
        """The nearest ancestor (not the element itself) that is a listed item (``ancestor::*[item][1]``)."""
        parent = el.getparent()
        chain = []
        while parent is not None and parent not in self._item:
            chain.append(parent)
            parent = parent.getparent()
        found = self._item[parent] if parent is not None else None
        for node in reversed(chain):
            found = node if ITEM.own(node) else found
            self._item[node] = found
        return found


def _inherited(el: Element, memo: dict[Element, bool], test: AncestorTest) -> bool:
    """``ancestor-or-self::*[test]``: the element's own test, or its parent's answer."""
    chain = []
    node = el
    while node is not None and node not in memo:
        chain.append(node)
        node = node.getparent()
    value = memo[node] if node is not None else False
    for link in reversed(chain):
        value = value or test.own(link)
        memo[link] = value
    return value
