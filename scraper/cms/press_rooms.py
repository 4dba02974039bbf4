"""The press-release services municipalities publish through, as data: where a newsroom lives, what
its release feed and its releases look like. Read by :mod:`scraper.crawl.press_rooms`.

URL shapes as the services serve them (2026):

* Mynewsdesk: newsroom ``https://www.mynewsdesk.com/se/<newsroom>``, releases
  ``/se/<newsroom>/pressreleases/<title>-<id>`` (and ``/news/...``), feeds
  ``/se/rss/source/<id>/pressrelease``, ``/se/rss/current_news/<id>``, ``/se/<newsroom>/pressreleases.rss``;
* Cision: newsroom ``https://news.cision.com/se/<company>``, releases ``/se/<company>/r/<title>,c<id>``,
  feed ``/se/<company>/ListItems?format=rss``;
* via TT: newsroom ``https://via.tt.se/pressrum/<publisher id>/<name>``, releases
  ``/pressmeddelande/<id>/<title>?publisherId=<publisher id>``, feed
  ``/rss/releases/latest?publisherId=<publisher id>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PressService:
    kind: str  # the ``source`` its releases are stored with
    hosts: tuple[str, ...]  # the service's hosts (a subdomain of one counts)
    newsroom: re.Pattern[str]  # path of a newsroom's front page
    feed: re.Pattern[str]  # path (and query) of a newsroom's release feed
    release: re.Pattern[str]  # path of one release


def _service(kind: str, host: str, newsroom: str, feed: str, release: str) -> PressService:
    return PressService(kind, (host,), re.compile(newsroom), re.compile(feed), re.compile(release))


MYNEWSDESK = _service(
    "mynewsdesk",
    "mynewsdesk.com",
    r"^/(?:[a-z]{2}/)?(?:pressroom/)?(?!rss/|search|view/)[\w.\-]+/?$",
    r"/rss/source/\d+/pressrelease|/rss/current_news/\d+|/pressreleases\.rss$",
    r"/(?:pressreleases|news|pressrelease/view)/[\w\-]+",
)
CISION = _service(
    "cision",
    "news.cision.com",
    r"^/(?:[a-z]{2}/)?[\w\-]+/?$",
    r"/ListItems\?(?:.*&)?format=rss",
    r"/r/[\w\-%]+,c\d+",
)
VIA_TT = _service(
    "via_tt",
    "via.tt.se",
    r"^/pressrum/\d+/[\w\-]+/?$",
    r"/rss/releases/latest\?(?:.*&)?publisherId=\d+",
    r"/pressmeddelande/(?:\d+/)?[\w\-]+",
)

#: Every service, in the order a link is tried against them.
SERVICES: tuple[PressService, ...] = (MYNEWSDESK, CISION, VIA_TT)
BY_KIND = {s.kind: s for s in SERVICES}
