"""The independent choices a municipal site makes, drawn from a seed.

:func:`choose` turns ``(seed, batch)`` into :class:`Options`; the same pair always gives the same
options. The ``dev`` batch never draws the combinations in :data:`HELD_OUT_ONLY` nor the values in
:data:`HELD_OUT_VALUES`; the frozen ``held_out`` batch draws them for a third of its seeds, so its
figure is measured on site shapes the spider was not tuned on.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, replace

FAMILIES = ("sitevision", "wordpress", "episerver", "drupal", "govuk", "umbraco", "plain")
# Path shape of an article URL: /nyheter/slug/, /nyheter/slug.html, /nyheter/artikel?id=12,
# /2026/03/05/slug/ (WordPress permalinks).
SHAPES = ("dir", "html", "id", "dated")
# How the server treats the other slash form of a directory-shaped URL.
SLASHES = ("strict", "redirect", "both")
LINKS = ("relative", "root", "absolute")
PAGERS = ("numbers", "next", "more")
PAGE_PARAMS = ("page0", "page1", "path")  # ?page= from 0, ?page= from 1, /page/N/
CANONICALS = ("self", "missing", "listing")
LANGS = ("sv", "nb", "da", "en")
DATE_STYLES = ("iso", "long", "numeric", "us")
BATCHES = ("dev", "held_out", "held_out2")

# (option, value) pairs that together only the held-out batch draws.
HELD_OUT_ONLY = (
    (("family", "drupal"), ("shape", "dated")),
    (("family", "umbraco"), ("pager", "more")),
    (("family", "govuk"), ("slash", "redirect")),
)
# Option values only the held-out batch draws: ?start= offsets as the page parameter.
HELD_OUT_VALUES = {"page_param": ("offset",)}
# The second held-out batch, written and frozen after the second round of spider work, before any
# of its results were seen: combinations of the second-generation choices dev never draws, and
# values of them only it draws (its seed range is new as well).
HELD_OUT2_ONLY: tuple[tuple[tuple[str, object], ...], ...] = (
    (("family", "sitevision"), ("tabs", True)),
    (("family", "wordpress"), ("orphans", "sitemap")),
    (("shape", "html"), ("case_links", True)),
    (("family", "episerver"), ("link_form", "other")),
    (("family", "govuk"), ("session", True)),
    (("family", "umbraco"), ("hub", True)),
)
HELD_OUT2_VALUES = {"archive": ("query",), "page_param": ("offset",)}
# What a forced combination needs of the other choices to mean anything.
NEEDS: dict[tuple[str, object], dict[str, object]] = {
    ("orphans", "sitemap"): {"sitemap": True},
    ("link_form", "other"): {"shape": "dir", "slash": "redirect"},
}


@dataclass(frozen=True)
class Options:
    seed: int
    batch: str
    family: str
    shape: str
    slash: str
    links: str
    pager: str
    page_param: str
    canonical: str
    lang: str
    date_style: str
    time_tag: bool  # the date also in a <time datetime>
    sitemap: bool
    feed: bool
    widget: bool  # a "latest news" box listing other articles on every page
    short_share: float  # share of articles that are short dated notices (~30 words)
    articles: int
    page_size: int
    notices_in_news: bool  # the dated disruption notices page sits inside the news section
    facets: bool  # listing pages link filtered listings (?kategori=...)
    # Second-generation choices (see :func:`_extras`). The frozen ``held_out`` batch predates them
    # and always has these defaults: its sites stay byte for byte what was measured.
    sitemap_index: bool = False  # robots.txt names a sitemap index, which names the sitemaps
    orphans: str = "none"  # "feed" | "sitemap": the oldest news is linked only from there
    slugs: str = "ascii"  # "unicode": å/ä/ö kept in slugs, links percent-encoded or raw
    case_links: bool = False  # IIS: paths case-insensitive, teasers link /Nyheter/Slug/
    base_href: bool = False  # <base href="/"> and links relative to it
    link_form: str = "served"  # "other": links omit the trailing slash the server redirects to
    listing_canonical: str = "self"  # "first": every listing page says canonical = page 1
    archive: str = "pages"  # "years": the listing pages by year (/nyheter/2024/), "query": ?ar=2024
    tabs: bool = False  # news and press releases (a second section) in tabs of one listing
    pager_form: bool = False  # the pager is a GET form (<button name="page" value="2">)
    session: bool = False  # Java servlet: links carry ;jsessionid=..., different on every page
    tracking: bool = False  # teaser and feed links carry ?utm_source=...&utm_medium=...
    feed_format: str = "rss"  # "atom"
    hub: bool = False  # the menu's news link leads to an "Aktuellt" hub; "Alla nyheter" to the listing
    dated_in_section: bool = False  # dated paths under the news section: /nyheter/2025/10/05/slug/
    press_listing: bool = False  # press releases (a second section) on their own listing, own menu link
    visible_date: bool = True  # False: the article shows no date (only the listing and URL do)
    pager_js: bool = False  # "Visa fler" is a script button; only <link rel="next"> in <head> pages
    section_pages: bool = False  # undated "subscribe" and "press contact" pages inside the news section
    # Second sources (sitegen/second.py), off unless ``choose(..., second_sources=True)`` draws them
    # (from their own generator) or a caller sets them: every existing batch keeps its bytes.
    press_room: bool = False  # a Mynewsdesk-like press room on another host, linked from the footer
    pdf_releases: int = 0  # PDF press releases linked from the listing (and then one PDF agenda)

    @property
    def url_style(self) -> str:
        """``dir/strict``, ``html``, ``id/both``, ``dated/redirect``: the label the bench reports by
        (``.html`` sites have no directory URLs, so no slash behaviour)."""
        return self.shape if self.shape == "html" else f"{self.shape}/{self.slash}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _draw(rng: random.Random, seed: int, batch: str) -> Options:
    extra = HELD_OUT_VALUES if batch != "dev" else {}
    return Options(
        seed=seed,
        batch=batch,
        family=rng.choice(FAMILIES),
        shape=rng.choice(SHAPES),
        slash=rng.choice(SLASHES),
        links=rng.choice(LINKS),
        pager=rng.choice(PAGERS),
        page_param=rng.choice(PAGE_PARAMS + extra.get("page_param", ())),
        canonical=rng.choice(CANONICALS),
        lang=rng.choice(LANGS),
        date_style=rng.choice(DATE_STYLES),
        time_tag=rng.random() < 0.5,
        sitemap=rng.random() < 0.5,
        feed=rng.random() < 0.5,
        widget=rng.random() < 0.6,
        short_share=rng.choice((0.0, 0.2, 0.4)),
        articles=rng.randint(6, 13),
        page_size=rng.randint(3, 5),
        notices_in_news=rng.random() < 0.5,
        facets=rng.random() < 0.4,
    )


def _extras(rng: random.Random, o: Options) -> dict[str, object]:
    """The second-generation choices, drawn from their own generator so the first ones stay put;
    each only where the site's other choices make it meaningful."""
    dirs = o.shape in ("dir", "dated")
    held2 = o.batch == "held_out2"
    archive = rng.choice(("pages", "pages", "years") + (("query",) if held2 else ()))
    orphans = rng.choice(("none", "feed", "sitemap"))
    return {
        "sitemap_index": o.sitemap and rng.random() < 0.5,
        "orphans": orphans if {"feed": o.feed, "sitemap": o.sitemap}.get(orphans, True) else "none",
        "slugs": "unicode" if o.shape != "id" and rng.random() < 0.4 else "ascii",
        "case_links": rng.random() < 0.3,
        "base_href": o.links == "relative" and rng.random() < 0.5,
        "link_form": "other" if dirs and o.slash == "redirect" and rng.random() < 0.6 else "served",
        "listing_canonical": rng.choice(("self", "first", "missing")),
        "archive": archive if dirs or archive == "query" else "pages",
        "tabs": rng.random() < 0.3,
        "pager_form": o.pager == "more" and o.page_param in ("page0", "page1") and rng.random() < 0.6,
        "session": rng.random() < 0.2,
        "tracking": rng.random() < 0.3,
        "feed_format": "atom" if o.feed and rng.random() < 0.4 else "rss",
        "hub": rng.random() < 0.3,
        "dated_in_section": o.shape == "dated" and rng.random() < 0.5,
        "press_listing": rng.random() < 0.25,
        "visible_date": not (orphans == "none" and o.short_share == 0.0 and rng.random() < 0.4),
        "pager_js": o.pager == "more" and rng.random() < 0.4,
        "section_pages": rng.random() < 0.4,
    }


def _settle(extras: dict[str, object]) -> dict[str, object]:
    """Choices that exclude each other: tabs win over a press listing, a form pager over a script one."""
    if extras["tabs"]:
        extras["press_listing"] = False
    if extras["pager_form"]:
        extras["pager_js"] = False
    return extras


def held_out_only(o: Options) -> bool:
    d = o.to_dict()
    if any(d[key] in values for key, values in HELD_OUT_VALUES.items()):
        return True
    return any(all(d[k] == v for k, v in combo) for combo in HELD_OUT_ONLY)


def held_out2_only(o: Options) -> bool:
    d = o.to_dict()
    if any(d[key] in values for key, values in HELD_OUT2_VALUES.items()):
        return True
    return any(all(d[k] == v for k, v in combo) for combo in HELD_OUT2_ONLY)


def _second(seed: int, batch: str) -> dict[str, object]:
    """A press room for about a third of the sites, PDF releases for about a third (own generator)."""
    rng = random.Random(f"{batch}:{seed}:second")
    return {"press_room": rng.random() < 0.35, "pdf_releases": rng.choice((0, 0, 0, 1, 2, 3))}


def choose(seed: int, batch: str = "dev", *, second_sources: bool = False) -> Options:
    """The options of site ``seed`` in ``batch`` (deterministic); with ``second_sources``, the press
    room and PDF releases drawn too (:func:`second_sources`; the other options are the same)."""
    o = _choose(seed, batch)
    return replace(o, **_second(seed, batch)) if second_sources else o  # type: ignore[arg-type]


def _choose(seed: int, batch: str) -> Options:
    if batch not in BATCHES:
        raise ValueError(f"batch must be one of {BATCHES}, got {batch!r}")
    rng = random.Random(f"{batch}:{seed}")
    if batch == "held_out":
        o = _draw(rng, seed, batch)
        if seed % 3 == 0:
            # A third of the held-out sites are forced into a shape the dev batch never draws.
            combo = HELD_OUT_ONLY[(seed // 3) % len(HELD_OUT_ONLY)]
            o = Options(**{**o.to_dict(), **dict(combo)})  # type: ignore[arg-type]
        return o
    extras = random.Random(f"{batch}:{seed}:extras")
    while True:
        o = _draw(rng, seed, batch)
        if batch == "held_out2" and seed % 2 == 0:
            # Half of the second held-out batch is forced into a combination dev never draws.
            forced: dict[str, object] = dict(HELD_OUT2_ONLY[(seed // 2) % len(HELD_OUT2_ONLY)])
            for pair in HELD_OUT2_ONLY[(seed // 2) % len(HELD_OUT2_ONLY)]:
                forced.update(NEEDS.get(pair, {}))
            o = Options(**{**o.to_dict(), **forced})  # type: ignore[arg-type]
            return Options(**{**o.to_dict(), **_settle({**_extras(extras, o), **forced})})  # type: ignore[arg-type]
        o = Options(**{**o.to_dict(), **_settle(_extras(extras, o))})  # type: ignore[arg-type]
        if batch == "held_out2" or not (held_out_only(o) or held_out2_only(o)):
            return o


def parse_seeds(text: str) -> list[int]:
    """``"0-59"`` or ``"1,4,7-9"`` → seeds."""
    seeds: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        lo, _, hi = part.partition("-")
        seeds.extend(range(int(lo), int(hi or lo) + 1))
    return seeds
