"""Site chrome is defined once (scraper/cms); the crawl's XPath and the extractors' test agree on it."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from scraper import cms
from scraper.extract import vocabulary
from scraper.extract.tree import is_in_chrome, looks_like_chrome


def _element(markup: str) -> lxml_html.HtmlElement:
    page = lxml_html.document_fromstring(f"<html><body><div>{markup}</div></body></html>")
    (el,) = page.xpath("//*[@id='probe' or @class='probe']")
    return el


def _crawl_says_chrome(el: lxml_html.HtmlElement) -> bool:
    return bool(el.xpath(cms.CHROME_XPATH))


@pytest.mark.parametrize("tag", cms.CHROME_TAGS)
def test_chrome_tags_are_chrome_for_crawl_and_extraction(tag: str) -> None:
    el = _element(f"<{tag}><p class='probe'>x</p></{tag}>")
    assert _crawl_says_chrome(el)
    assert is_in_chrome(el)


@pytest.mark.parametrize("word", cms.CHROME_CLASS_WORDS)
def test_chrome_class_words_are_chrome_for_crawl_and_extraction(word: str) -> None:
    el = _element(f"<div class='site{word}'><p class='probe'>x</p></div>")
    assert _crawl_says_chrome(el)
    assert is_in_chrome(el)


@pytest.mark.parametrize("word", cms.CHROME_ID_WORDS)
def test_chrome_id_words_are_chrome_for_crawl_and_extraction(word: str) -> None:
    el = _element(f"<div id='site{word}'><p class='probe'>x</p></div>")
    assert _crawl_says_chrome(el)
    assert is_in_chrome(el)


def test_the_extractors_vocabulary_is_derived_from_cms() -> None:
    assert set(cms.CHROME_TAGS) <= vocabulary.CHROME_TAGS
    assert set(cms.WIDGET_TAGS) <= vocabulary.CHROME_TAGS  # an <aside> outside the article
    assert set(cms.CHROME_CLASS_WORDS) | set(cms.CHROME_ID_WORDS) <= set(vocabulary.CHROME_CLASS_TOKENS)


def test_the_xpath_names_exactly_the_cms_lists() -> None:
    tests = cms.CHROME_XPATH.removeprefix("ancestor-or-self::*[").removesuffix("]").split(" or ")
    expected = (
        [f"self::{t}" for t in cms.CHROME_TAGS]
        + [f"contains(@class, '{c}')" for c in cms.CHROME_CLASS_WORDS + cms.generic.CHROME_LINK_CLASS_WORDS]
        + [f"contains(@id, '{i}')" for i in cms.CHROME_ID_WORDS]
        + [f"@role='{r}'" for r in cms.CHROME_ROLES]
    )
    assert sorted(tests) == sorted(expected)


def test_article_content_is_chrome_for_neither() -> None:
    el = _element("<main><article><p class='probe'>x</p></article></main>")
    assert not _crawl_says_chrome(el)
    assert not is_in_chrome(el)
    assert not looks_like_chrome(el)
