"""The spider split by source, as the cluster's jobs run it (scraper/crawl/second_sources.py):
``press_room=KEY`` starts only that configured press room, ``press_rooms=apart`` the site without its
configured press rooms nor links to their hosts, while another press room it links is still followed."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from scraper.crawl.counters import Counter, get
from scraper.crawl.spiders.news import NewsSpider
from scraper.registry import Municipality, save_registry

HOME = "https://www.lindbacka.se/"
ROOM = {"kind": "mynewsdesk", "url": "https://press.lindbacka.example/se/lindbacka_kommun",
        "feed_url": "https://press.lindbacka.example/se/rss/source/812/pressrelease"}  # fmt: skip
FEED_ROOM = {"kind": "cision", "url": None,
             "feed_url": "https://news.cision.com/se/lindbacka-vatten/ListItems?format=rss"}  # fmt: skip
HOSTS = "press.lindbacka.example=mynewsdesk"


def spider_for(tmp_path: Path, **arguments: str) -> NewsSpider:
    registry = tmp_path / "registry.json"
    save_registry(
        [Municipality("lindbacka", "Lindbacka kommun", HOME, press_rooms=[ROOM, FEED_ROOM])], registry
    )
    settings = {"MUNINEWS_DB": str(tmp_path / "none.db"), "MUNINEWS_REGISTRY": str(registry),
                "MUNINEWS_PRESS_ROOM_HOSTS": HOSTS}  # fmt: skip
    crawler = get_crawler(NewsSpider, settings)
    return NewsSpider.from_crawler(crawler, municipalities="lindbacka", **arguments)


def started(spider: NewsSpider) -> list[Any]:
    async def collect() -> list[Any]:
        return [r async for r in spider.start()]

    return asyncio.run(collect())


def urls(requests: list[Any]) -> set[str]:
    return {r.url for r in requests if isinstance(r, Request)}


def test_a_press_room_alone_starts_with_its_newsroom_and_feed_and_nothing_of_the_site(tmp_path: Path) -> None:
    assert urls(started(spider_for(tmp_path, press_room=ROOM["url"]))) == {ROOM["url"], ROOM["feed_url"]}


def test_a_press_room_with_a_feed_alone_is_named_by_its_feed(tmp_path: Path) -> None:
    assert urls(started(spider_for(tmp_path, press_room=FEED_ROOM["feed_url"]))) == {FEED_ROOM["feed_url"]}


def test_the_whole_crawl_starts_the_site_and_every_configured_press_room(tmp_path: Path) -> None:
    asked = urls(started(spider_for(tmp_path)))
    assert {HOME, ROOM["url"], ROOM["feed_url"], FEED_ROOM["feed_url"]} <= asked


def test_press_rooms_apart_leave_the_configured_ones_and_their_hosts_to_their_own_crawls(
    tmp_path: Path,
) -> None:
    spider = spider_for(tmp_path, press_rooms="apart")
    asked = urls(started(spider))
    assert HOME in asked and not asked & {ROOM["url"], ROOM["feed_url"], FEED_ROOM["feed_url"]}
    home = (
        "<html><body><main><h1>Lindbacka</h1></main><footer>"
        '<a href="https://press.lindbacka.example/se/lindbacka_energi">Energibolagets pressrum</a>'
        '<a href="https://www.mynewsdesk.com/se/lindbacka_hamn">Hamnens pressrum</a></footer></body></html>'
    )
    request = Request(HOME, meta={"municipality_id": "lindbacka", "kind": "home"})
    response = HtmlResponse(HOME, body=home.encode(), request=request, encoding="utf-8")
    followed = urls(list(spider.parse_home(response)))
    assert "https://www.mynewsdesk.com/se/lindbacka_hamn" in followed  # another host: the site's job
    assert "https://press.lindbacka.example/se/lindbacka_energi" not in followed
    assert get(spider.crawler.stats, Counter.PRESS_ROOM_APART, "lindbacka") == 1


def test_an_unknown_press_rooms_value_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="apart"):
        spider_for(tmp_path, press_rooms="elsewhere")
