"""Press rooms: a municipality's second source of news (Mynewsdesk, Cision, via TT). Pure link reading.

A press room is found two ways: configured in the registry (``press_rooms`` of an entry: ``kind``,
``url`` of the newsroom, ``feed_url``), or linked from the municipality's own pages ("Pressrum",
"Nyhetsrum", a footer link to a newsroom). A link is a press room when its host is a service's
(:mod:`scraper.cms.press_rooms`) and its path a newsroom's or a feed's; hosts configured in
``MUNINEWS_PRESS_ROOM_HOSTS`` (``host[:port]`` → kind) count as that service's, which is how a test or a
private mirror points at one on 127.0.0.x. From the newsroom page the release feed and the releases
it lists are read; from the feed, the releases.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from parsel import Selector

from scraper.cms.press_rooms import BY_KIND, SERVICES, PressService
from scraper.crawl import classify
from scraper.crawl.urls import same_site


@dataclass(frozen=True)
class PressRoom:
    """A newsroom of one service: its front page, its release feed, or both."""

    kind: str
    url: str | None = None
    feed_url: str | None = None

    @classmethod
    def from_registry(cls, entry: Mapping[str, str | None]) -> PressRoom | None:
        kind = entry.get("kind") or ""
        if kind not in BY_KIND or not (entry.get("url") or entry.get("feed_url")):
            return None
        return cls(kind, entry.get("url"), entry.get("feed_url"))

    @property
    def key(self) -> str:
        """What names this press room (a crawl of it alone, its cluster job): its newsroom or feed URL."""
        return self.url or self.feed_url or ""

    @property
    def host(self) -> str:
        """The ``host[:port]`` it is served from (its newsroom's, else its feed's), lower-cased."""
        return urlsplit(self.key).netloc.lower()


def service_of(url: str, hosts: Mapping[str, str]) -> PressService | None:
    """The service whose host ``url`` is on (a configured ``host[:port]`` first), or None."""
    parts = urlsplit(url)
    configured = hosts.get(parts.netloc.lower()) or hosts.get((parts.hostname or "").lower())
    if configured:
        return BY_KIND.get(configured)
    host = (parts.hostname or "").lower()
    for service in SERVICES:
        if any(host == h or host.endswith("." + h) for h in service.hosts):
            return service
    return None


def _target(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def press_room_links(sel: Selector, url: str, homepage: str, hosts: Mapping[str, str]) -> list[PressRoom]:
    """The press rooms a municipality's page links: off-site links to a service's newsroom or feed."""
    found: list[PressRoom] = []
    for feed in classify.feed_links(sel, url):
        service = service_of(feed, hosts)
        if service is not None and not same_site(feed, homepage):
            found.append(PressRoom(service.kind, feed_url=feed))
    for a in classify.extract_links(sel, url):
        if same_site(a.url, homepage):
            continue
        service = service_of(a.url, hosts)
        if service is None:
            continue
        if service.feed.search(_target(a.url)):
            found.append(PressRoom(service.kind, feed_url=a.url))
        elif service.newsroom.search(urlsplit(a.url).path):
            found.append(PressRoom(service.kind, url=a.url))
    return list(dict.fromkeys(found))


def newsroom_feeds(sel: Selector, url: str, service: PressService) -> list[str]:
    """The release feeds a newsroom page announces or links."""
    feeds = [f for f in classify.feed_links(sel, url) if service.feed.search(_target(f))]
    feeds += [a.url for a in classify.extract_links(sel, url) if service.feed.search(_target(a.url))]
    return list(dict.fromkeys(feeds))


def newsroom_releases(sel: Selector, url: str, service: PressService) -> list[str]:
    """The releases a newsroom page lists: links on its own host with a release's path."""
    host = urlsplit(url).netloc
    return list(
        dict.fromkeys(
            a.url
            for a in classify.extract_links(sel, url)
            if urlsplit(a.url).netloc == host and service.release.search(urlsplit(a.url).path)
        )
    )


def is_release(url: str, service: PressService, newsroom_host: str) -> bool:
    """A feed entry worth a fetch: a release of the same service (its host, a release's path)."""
    return urlsplit(url).netloc == newsroom_host and bool(service.release.search(urlsplit(url).path))
