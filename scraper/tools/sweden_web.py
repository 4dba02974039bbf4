"""A generated Sweden: every kommun of the registry as a generated site on its own loopback address.

:func:`plan_sweden` decides, per kommun of ``scraper/data/municipalities.json`` (its real name, a
fictional site), the platform it runs on (a realistic mix, SiteVision the majority), about twenty
articles and whether it is broken (every page 5xx, robots.txt 5xx, nothing listening: the
connection is refused) or quiet (publishes nothing between the two crawls of the bench).
:func:`build_site` writes it with the site generator of ``scraper.demo.sitegen`` (the markup family
of the platform, the platform's own fingerprints in every page's ``<head>``: generator meta, asset
paths), and :class:`SwedenWeb` serves every site on its own 127.0.0.0/8 address (127.0.1.1,
127.0.1.2, ...), all in this process. ``python -m scraper.tools.bench sweden`` crawls it.

Switching on more of the generator for some sites is one line: a share in :data:`OPTION_SHARES`,
keyed by the :class:`Options` field. Press rooms and PDF releases are on for a share of the working
sites (``scraper.demo.sitegen.second``): a Mynewsdesk-like newsroom with its RSS feed on an address of
its own (127.0.3.1, ...: its own Scrapy slot, as each kommun's site), configured in the registry for
every other one and only linked from the kommun's homepage for the rest, so both ways of finding a
press room are crawled.
"""

from __future__ import annotations

import random
import socket
from dataclasses import dataclass, field, replace
from typing import Any

from scraper.demo.sitegen import GeneratedSite, StrictServer, choose, generate
from scraper.demo.sitegen.serve import Answer, StrictApp
from scraper.registry import Municipality

RSS_TYPE = "application/rss+xml"

#: Platforms and their weights, roughly as Swedish kommuner run them (SiteVision the large majority).
PLATFORM_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("sitevision", 58),
    ("episerver", 13),
    ("municipio", 9),
    ("wordpress", 5),
    ("drupal", 5),
    ("umbraco", 4),
    ("polopoly", 3),
    ("joomla", 3),
)
#: Broken sites: one in this many, in turn every page 5xx, robots.txt 5xx, connection refused.
BROKEN_EVERY = 29
BROKEN_KINDS = ("5xx", "robots5xx", "refused")
#: Quiet sites (nothing new between the bench's two crawls): one in this many of the working ones.
#: The others publish :data:`LATER_ARTICLES` more: the generator adds them as the oldest, the last two
#: only in the feed or the sitemap on a site with such orphans, so the first of three is listed.
QUIET_EVERY = 23
#: Options fields of the generator switched on for a share of the working sites, e.g. ``"tabs": 0.3``
#: (drawn from a random generator of their own, so the platforms and sizes stay what they were).
OPTION_SHARES: dict[str, float] = {"press_room": 0.3, "pdf_releases": 0.2}
#: The value an option switched on takes (True unless here): two PDF releases, and then an agenda.
OPTION_VALUES: dict[str, Any] = {"pdf_releases": 2}
#: Of the sites with a press room, every this many (the first, the third, ...) has it configured in the
#: registry (newsroom and feed); the others' press rooms are found from the homepage's link.
CONFIGURED_EVERY = 2
ARTICLES = (18, 22)  # articles per site, inclusive
LATER_ARTICLES = 3


@dataclass(frozen=True)
class Skin:
    """How a platform shows itself on top of a generator markup family: ``<head>`` fingerprints,
    one variant chosen per site (``{h}``: a per-site hex string)."""

    family: str
    heads: tuple[str, ...]


SKINS: dict[str, Skin] = {
    "sitevision": Skin("sitevision", (
        '<link rel="stylesheet" href="/sitevision/system-resource/{h}/css/portlets.css">'
        '<script src="/sitevision/system-resource/{h}/js/utils.js"></script>',
        '<link rel="stylesheet" href="/sitevision/system-resource/{h}/css/portlets.css">'
        '<link rel="icon" href="/webdav/files/System/resources/images/favicon.ico">',
    )),
    "episerver": Skin("episerver", (
        '<link rel="stylesheet" href="/globalassets/styles/main.{h}.css">'
        '<link rel="icon" href="/contentassets/{h}/favicon.png">',
        '<meta name="generator" content="EPiServer">'
        '<link rel="stylesheet" href="/siteassets/dist/site.{h}.css">',
    )),
    "municipio": Skin("wordpress", (
        '<meta name="generator" content="WordPress 6.5.3">'
        '<link rel="stylesheet" href="/wp-content/themes/municipio/assets/dist/css/app.{h}.css">'
        '<link rel="stylesheet" href="/wp-content/plugins/modularity/dist/css/modularity.css">',
    )),
    "wordpress": Skin("wordpress", (
        '<meta name="generator" content="WordPress 6.4.2">'
        '<link rel="stylesheet" href="/wp-content/themes/kommun/style.css?ver={h}">',
        '<link rel="stylesheet" href="/wp-content/themes/kommun/style.css?ver={h}">'
        '<script src="/wp-includes/js/jquery/jquery.min.js"></script>',
    )),
    "drupal": Skin("drupal", (
        '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">'
        '<link rel="stylesheet" href="/sites/default/files/css/css_{h}.css">',
    )),
    "umbraco": Skin("umbraco", (
        '<link rel="stylesheet" href="/App_Plugins/Forms/forms.{h}.css">'
        '<link rel="icon" href="/umbraco/assets/img/favicon.png">',
    )),
    "polopoly": Skin("plain", (
        '<link rel="stylesheet" href="/polopoly_fs/1.{h}!/menu/standard/file/site.css">'
        '<link rel="icon" href="/polopoly_fs/2.{h}!/favicon.ico">',
    )),
    "joomla": Skin("plain", (
        '<meta name="generator" content="Joomla! - Open Source Content Management">'
        '<script src="/media/jui/js/jquery.min.js?{h}"></script>',
    )),
}  # fmt: skip


@dataclass(frozen=True)
class SitePlan:
    """What one kommun's generated site is: its platform, size, and how it misbehaves."""

    municipality: Municipality
    index: int  # its place in the registry: the seed and the loopback address
    platform: str
    articles: int
    broken: str = ""  # "" | "5xx" | "robots5xx" | "refused"
    quiet: bool = False
    options: dict[str, Any] = field(default_factory=dict)  # Options fields from OPTION_SHARES

    @property
    def host(self) -> str:
        return f"127.0.{1 + self.index // 250}.{1 + self.index % 250}"

    @property
    def press_host(self) -> str:
        """Where its press room is served: an address of its own, as each site has."""
        return f"127.0.{3 + self.index // 250}.{1 + self.index % 250}"

    @property
    def seed(self) -> int:
        return 50_000 + self.index


def plan_sweden(municipalities: list[Municipality], shares: dict[str, float] | None = None) -> list[SitePlan]:
    """One plan per municipality, deterministic: same registry, same Sweden."""
    names, weights = zip(*PLATFORM_WEIGHTS, strict=True)
    plans, working = [], 0
    # A small Sweden (the test suite's 30) still has every kind of broken site and a few quiet ones.
    every = min(BROKEN_EVERY, max(len(municipalities) // 4, 2))
    quiet_every = min(QUIET_EVERY, max(len(municipalities) // 3, 2))
    for i, m in enumerate(municipalities):
        rng = random.Random(f"sweden:{m.id}")
        broken = BROKEN_KINDS[(i // every) % len(BROKEN_KINDS)] if i % every == every - 1 else ""
        quiet = not broken and working % quiet_every == quiet_every // 2
        working += not broken
        drawn = random.Random(f"sweden-options:{m.id}")
        options = {k: OPTION_VALUES.get(k, True)
                   for k, share in (shares if shares is not None else OPTION_SHARES).items()
                   if drawn.random() < share and not broken}  # fmt: skip
        platform = rng.choices(names, weights)[0]
        plans.append(SitePlan(m, i, platform, rng.randint(*ARTICLES), broken, quiet, options))
    return plans


def build_site(plan: SitePlan, extra_articles: int = 0) -> GeneratedSite:
    """The kommun's site; ``extra_articles`` more (older) ones, as a later crawl finds them."""
    skin = SKINS[plan.platform]
    drawn = choose(plan.seed, "dev")
    options = replace(
        drawn, family=skin.family, lang="sv", articles=plan.articles + extra_articles, **plan.options
    )
    site = generate(plan.seed, "dev", options=options, name=plan.municipality.name)
    site.id = plan.municipality.id
    rng = random.Random(f"skin:{plan.municipality.id}")
    head = rng.choice(skin.heads).replace("{h}", f"{rng.getrandbits(32):08x}")
    for page in site.pages.values():
        if page.ctype.startswith("text/html"):
            page.body = page.body.replace("</head>", head + "</head>", 1)
    return site


class ServerErrorApp(StrictApp):
    """A site whose server is down behind its load balancer: every answer is a 503."""

    def handle(self, target: str) -> Answer:
        return Answer(503, {"Content-Type": "text/html; charset=utf-8"}, b"<h1>503 Service Unavailable</h1>")


class RobotsErrorApp(StrictApp):
    """A site whose robots.txt answers 500 (RFC 9309: the whole site counts as disallowed)."""

    def handle(self, target: str) -> Answer:
        if target.split("?")[0] == "/robots.txt":
            return Answer(500, {"Content-Type": "text/plain"}, b"500 Internal Server Error\n")
        return super().handle(target)


APPS: dict[str, type[StrictApp]] = {"": StrictApp, "5xx": ServerErrorApp, "robots5xx": RobotsErrorApp}


def closed_port(host: str) -> int:
    """A port nothing listens on at ``host``: a connection to it is refused."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class SwedenWeb:
    """Every planned site served on its own loopback address, in threads of this process; a
    ``refused`` site gets an address and port nobody answers on."""

    def __init__(
        self, plans: list[SitePlan], extra_articles: int = 0, ports: dict[str, int] | None = None
    ) -> None:
        """``extra_articles``: more (older) articles on every site that is not quiet; ``ports``: the
        port of each site (a later round serves the same URLs), else free ones."""
        self.plans = plans
        self.sites: dict[str, GeneratedSite] = {}
        self.servers: dict[str, StrictServer] = {}
        self.press_servers: dict[str, StrictServer] = {}  # kommun id → its press room's server
        self.ports: dict[str, int] = {}  # kommun id (and press room id) → port
        try:
            for plan in plans:
                mid = plan.municipality.id
                site = self.sites[mid] = build_site(plan, 0 if plan.quiet else extra_articles)
                port = (ports or {}).get(mid, 0)
                if plan.broken == "refused":
                    self.ports[mid] = port or closed_port(plan.host)
                    continue
                press = ""
                if site.press_room is not None:
                    room = site.press_room
                    self.press_servers[mid] = StrictServer(
                        room, host=plan.press_host, port=(ports or {}).get(room.id, 0)
                    )
                    press = self.press_servers[mid].origin
                    self.ports[room.id] = int(press.rsplit(":", 1)[1])
                server = StrictServer(
                    site, host=plan.host, port=port, app=APPS[plan.broken], press_origin=press
                )
                self.servers[mid] = server
                self.ports[mid] = int(server.origin.rsplit(":", 1)[1])
        except BaseException:
            self.stop()
            raise

    def registry(self) -> list[Municipality]:
        """The registry pointing at the generated sites (no platform hint: the crawl must see it); the
        press rooms of every :data:`CONFIGURED_EVERY`-th site that has one, the others only linked."""
        out, rooms_seen = [], 0
        for p in self.plans:
            rooms: list[dict[str, str | None]] = []
            room, press = self.sites[p.municipality.id].press_room, self.press_servers.get(p.municipality.id)
            if room is not None and press is not None:
                if rooms_seen % CONFIGURED_EVERY == 0:
                    feed = next(path for path, page in room.pages.items() if page.ctype.startswith(RSS_TYPE))
                    rooms.append(
                        {"kind": "mynewsdesk", "url": press.url(room.listing), "feed_url": press.url(feed)}
                    )
                rooms_seen += 1
            out.append(replace(p.municipality, homepage=self.homepage(p), platform=None,
                               news_url=None, feed_url=None, press_rooms=rooms))  # fmt: skip
        return out

    def press_room_hosts_setting(self) -> str:
        """``MUNINEWS_PRESS_ROOM_HOSTS`` for a crawl of this Sweden: every press room's host:port is
        Mynewsdesk's (as ``www.mynewsdesk.com`` is on the real web)."""
        return ",".join(f"{s.origin.removeprefix('http://')}=mynewsdesk" for s in self.press_servers.values())

    def homepage(self, plan: SitePlan) -> str:
        return f"http://{plan.host}:{self.ports[plan.municipality.id]}/"

    def requests(self, mid: str) -> int:
        """Requests the kommun's site answered (its press room is another host: :meth:`press_requests`)."""
        server = self.servers.get(mid)
        return len(server.app.requests) if server else 0

    def press_requests(self, mid: str) -> int:
        server = self.press_servers.get(mid)
        return len(server.app.requests) if server else 0

    def _all(self) -> list[StrictServer]:
        return [*self.press_servers.values(), *self.servers.values()]

    def start(self) -> SwedenWeb:
        for s in self._all():
            s.start()
        return self

    def stop(self) -> None:
        for s in self._all():
            s.stop()

    def __enter__(self) -> SwedenWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
