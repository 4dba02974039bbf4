"""A strict loopback server for generated sites: it answers only what a strict real server would.

* a path the site has is 200, anything else 404 (with the site's own 404 page);
* the other slash form of a directory URL is 404, unless the seed says the server redirects it
  (301 to the slash form, query kept) or serves both;
* a query on a path whose query selects the page (``?id=``, ``?page=``) must name a page that
  exists, else 404; on other paths an unknown query is ignored, as real servers do; tracking
  parameters are dropped first;
* robots.txt, the sitemap and the feed exist only when the generator wrote them;
* paths are case-sensitive, unless the seed makes the server IIS-like (``case_links``): then
  ``/Nyheter/Slug/`` is the page ``/nyheter/slug/``, as IIS answers.

:class:`GeneratedWeb` serves many sites, each on its own 127.0.0.1 port (port 0: a free one).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Collection
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from scraper.demo.listener import LoopbackHTTPServer
from scraper.demo.sitegen.markup import ORIGIN
from scraper.demo.sitegen.second import PRESS_ORIGIN, RSS
from scraper.demo.sitegen.site import GeneratedSite
from scraper.registry import Municipality

logger = logging.getLogger(__name__)
TRACKING = ("utm_", "fbclid", "gclid")
SESSION = re.compile(r";jsessionid=[^/?;]*")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class StrictApp:
    """Request target in, :class:`Answer` out, for one generated site at ``origin``."""

    def __init__(self, site: GeneratedSite, origin: str, press_origin: str = "") -> None:
        self.site = site
        self.origin = origin
        self.press_origin = press_origin  # where the site's press room is served (sitegen/second.py)
        self.requests: list[tuple[str, int]] = []
        self.lock = threading.Lock()
        self.folded: dict[str, str] = {}
        if site.options.case_links:
            for key in [*site.pages, *site.redirects]:
                path = key.split("?")[0]
                self.folded.setdefault(path.casefold(), path)

    def handle(self, target: str) -> Answer:
        parts = urlsplit(target)
        path = unquote(parts.path) or "/"
        if self.site.options.session:  # the servlet container takes ;jsessionid= off any path
            path = SESSION.sub("", path)
        path = self.folded.get(path.casefold(), path) if self.folded else path
        kept = [
            (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith(TRACKING)
        ]
        query = urlencode(kept)
        pages = self.site.pages
        key = f"{path}?{query}" if query else path
        if key in pages:
            return self._ok(key)
        if path in self.site.redirects:
            return self._redirect(self.site.redirects[path] + (f"?{query}" if query else ""))
        if query:
            base = path + "/" if self.site.options.slash == "both" and path + "/" in pages else path
            if f"{base}?{query}" in pages:
                return self._ok(f"{base}?{query}")
            if base not in self.site.query_paths and path in pages:
                return self._ok(path)
        return self._not_found()

    def _ok(self, key: str) -> Answer:
        page = self.site.pages[key]
        if page.data is not None:
            return Answer(200, {"Content-Type": page.ctype}, page.data)
        body = page.body.replace(ORIGIN, self.origin).replace(PRESS_ORIGIN, self.press_origin).encode("utf-8")
        return Answer(200, {"Content-Type": page.ctype}, body)

    def _redirect(self, location: str) -> Answer:
        url = self.origin + quote(location, safe="/?=&;%")  # a real server sends the path percent-encoded
        body = f'<html><body><a href="{url}">{url}</a></body></html>'.encode()
        return Answer(301, {"Location": url, "Content-Type": "text/html; charset=utf-8"}, body)

    def _not_found(self) -> Answer:
        body = (
            f'<!DOCTYPE html><html lang="{self.site.language}"><head><meta charset="utf-8"><title>404</title>'
            "</head><body><h1>404</h1><p>Not found.</p></body></html>\n"
        ).encode()
        return Answer(404, {"Content-Type": "text/html; charset=utf-8"}, body)


class _Handler(BaseHTTPRequestHandler):
    server_version = "Microsoft-IIS/10.0"
    sys_version = ""
    app: StrictApp

    def _answer(self, with_body: bool) -> None:
        try:
            answer = self.app.handle(self.path)
        except Exception:  # a generator bug must not hang the crawler
            logger.exception("sitegen server error on %s", self.path)
            answer = Answer(500, {"Content-Type": "text/plain"}, b"500\n")
        with self.app.lock:
            self.app.requests.append((self.path, answer.status))
        self.send_response(answer.status)
        for k, v in answer.headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if with_body:
            self.wfile.write(answer.body)

    def do_GET(self) -> None:
        self._answer(True)

    def do_HEAD(self) -> None:
        self._answer(False)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)


class StrictServer:
    """One generated site on 127.0.0.1, in a thread."""

    def __init__(
        self,
        site: GeneratedSite,
        host: str = "127.0.0.1",
        port: int = 0,
        press_origin: str = "",
        app: type[StrictApp] = StrictApp,
    ) -> None:
        self.site = site
        handler: Any = type("StrictHandler", (_Handler,), {})
        self._httpd = LoopbackHTTPServer((host, port), handler)
        self.origin = f"http://{host}:{self._httpd.server_address[1]}"
        handler.app = self.app = app(site, self.origin, press_origin)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name=f"sitegen-{site.id}", daemon=True
        )

    @property
    def homepage(self) -> str:
        return self.origin + "/"

    def url(self, path: str) -> str:
        return self.origin + path

    def start(self) -> StrictServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    def __enter__(self) -> StrictServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class GeneratedWeb:
    """Many generated sites, each on its own port; a site's press room on ``press_host`` (another host)."""

    def __init__(self, sites: list[GeneratedSite], press_host: str = "127.0.0.2") -> None:
        self.sites = sites
        self.servers: list[StrictServer] = []
        self.press_servers: dict[str, StrictServer] = {}  # site id → its press room's server
        try:
            for site in sites:
                press = ""
                if site.press_room is not None:
                    room = self.press_servers[site.id] = StrictServer(site.press_room, host=press_host)
                    press = room.origin
                self.servers.append(StrictServer(site, press_origin=press))
        except BaseException:
            self.stop()
            raise

    def press_room_hosts(self) -> dict[str, str]:
        """``MUNINEWS_PRESS_ROOM_HOSTS`` for a crawl of this web: each press room's host:port → kind."""
        return {s.origin.removeprefix("http://"): "mynewsdesk" for s in self.press_servers.values()}

    def press_room_hosts_setting(self) -> str:
        """The same as ``-s MUNINEWS_PRESS_ROOM_HOSTS=...`` (empty without press rooms)."""
        return ",".join(f"{h}={k}" for h, k in self.press_room_hosts().items())

    def municipalities(
        self, configured: Collection[str] = (), feed_only: Collection[str] = ()
    ) -> list[Municipality]:
        """A registry entry per site; the sites in ``configured`` (ids) with their press room in
        ``press_rooms`` (its newsroom and feed; ``feed_only`` ids with the feed alone), the others'
        press rooms are only linked from their pages."""
        out = []
        for site, server in zip(self.sites, self.servers, strict=True):
            rooms: list[dict[str, str | None]] = []
            room, press = site.press_room, self.press_servers.get(site.id)
            if room is not None and press is not None and site.id in configured:
                feed = next(path for path, page in room.pages.items() if page.ctype == RSS)
                newsroom = None if site.id in feed_only else press.url(room.listing)
                rooms.append({"kind": "mynewsdesk", "url": newsroom, "feed_url": press.url(feed)})
            out.append(Municipality(id=site.id, name=site.name, homepage=server.homepage,
                                    country=site.country, press_rooms=rooms))  # fmt: skip
        return out

    def _all(self) -> list[StrictServer]:
        return [*self.press_servers.values(), *self.servers]

    def start(self) -> GeneratedWeb:
        for s in self._all():
            s.start()
        return self

    def stop(self) -> None:
        for s in self._all():
            s.stop()

    def __enter__(self) -> GeneratedWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
