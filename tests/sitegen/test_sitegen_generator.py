"""The site generator: deterministic per seed, every choice reachable, every article reachable."""

from __future__ import annotations

from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from parsel import Selector

from scraper.demo.sitegen import choose, generate, parse_seeds
from scraper.demo.sitegen.options import (
    CANONICALS,
    FAMILIES,
    HELD_OUT_ONLY,
    LANGS,
    LINKS,
    PAGE_PARAMS,
    PAGERS,
    SHAPES,
    SLASHES,
    held_out_only,
)
from scraper.demo.sitegen.serve import StrictApp
from scraper.tools.crawlbench import load_floors

FLOORS = load_floors()
DEV = parse_seeds(str(FLOORS["dev"]["seeds"]))
HELD_OUT = parse_seeds(str(FLOORS["held_out"]["seeds"]))
ORIGIN = "http://127.0.0.1:9"


def test_same_seed_same_site():
    a, b = generate(7), generate(7)
    assert a.options == b.options
    assert {k: p.body for k, p in a.pages.items()} == {k: p.body for k, p in b.pages.items()}
    assert a.articles == b.articles


def test_batches_differ():
    assert generate(7, "dev").pages["/"].body != generate(7, "held_out").pages["/"].body


def test_unknown_batch_refused():
    with pytest.raises(ValueError):
        choose(1, "test")


@pytest.mark.parametrize(
    "field, values",
    [
        ("family", FAMILIES),
        ("shape", SHAPES),
        ("slash", SLASHES),
        ("links", LINKS),
        ("pager", PAGERS),
        ("page_param", PAGE_PARAMS),
        ("canonical", CANONICALS),
        ("lang", LANGS),
    ],
)
def test_every_choice_drawn_in_dev(field, values):
    drawn = {getattr(choose(s), field) for s in DEV}
    assert drawn == set(values)


@pytest.mark.parametrize("flag", ["sitemap", "feed", "widget", "time_tag", "notices_in_news", "facets"])
def test_every_flag_both_ways_in_dev(flag):
    assert {getattr(choose(s), flag) for s in DEV} == {True, False}


def test_dev_has_short_notices():
    assert any(kind == "notice" for s in DEV for kind in generate(s).articles.values())


def test_held_out_shapes_never_in_dev():
    assert not any(held_out_only(choose(s)) for s in range(300))
    held = [choose(s, "held_out") for s in HELD_OUT]
    assert sum(held_out_only(o) for o in held) >= len(held) // 3
    for combo in HELD_OUT_ONLY:
        assert any(all(getattr(o, k) == v for k, v in combo) for o in held), combo


def test_seed_ranges_do_not_overlap():
    assert not set(DEV) & set(HELD_OUT)
    assert len(DEV) >= 60


def _links(body: str, base: str) -> list[str]:
    sel = Selector(text=body)
    hrefs = sel.xpath(
        "//a/@href | //link[@rel='alternate']/@href | //loc/text() | //item/link/text()"
    ).getall()
    return [urljoin(base, h.strip()) for h in hrefs]


def _walk(seed: int, batch: str) -> tuple[set[str], list[str]]:
    """Follow every link as written (resolved against the URL that served it): what answers 200,
    and which links are dead."""
    site = generate(seed, batch)
    app = StrictApp(site, ORIGIN)
    seen, ok, dead = {ORIGIN + "/"}, set(), []
    queue = deque([ORIGIN + "/"])
    while queue:
        url = queue.popleft()
        parts = urlsplit(url)
        answer = app.handle(parts.path + (f"?{parts.query}" if parts.query else ""))
        if answer.status == 301:
            url = answer.headers["Location"]
            parts = urlsplit(url)
            answer = app.handle(parts.path + (f"?{parts.query}" if parts.query else ""))
        if answer.status != 200:
            dead.append(url)
            continue
        ok.add(parts.path + (f"?{parts.query}" if parts.query else ""))
        for link in _links(answer.body.decode(), url):
            if link.startswith(ORIGIN) and link not in seen:
                seen.add(link)
                queue.append(link)
    return ok, dead


@pytest.mark.parametrize("seed", DEV[:60:3] + HELD_OUT[:30:5])
def test_every_article_reachable_and_no_dead_links(seed):
    batch = "dev" if seed in DEV else "held_out"
    ok, dead = _walk(seed, batch)
    assert dead == []
    site = generate(seed, batch)
    assert set(site.articles) <= ok
    assert not set(site.non_news) & set(site.articles)


def test_every_seed_has_articles_and_a_listing():
    for seed in DEV:
        site = generate(seed)
        assert len(site.articles) >= 6
        assert site.listing in site.pages
        assert "/robots.txt" in site.pages


def test_every_url_style_drawn_in_dev():
    styles = {choose(s).url_style for s in DEV}
    assert styles == {"html"} | {f"{shape}/{slash}" for shape in ("dir", "dated", "id") for slash in SLASHES}


def test_no_article_under_a_listing_or_home():
    for seed in DEV:
        site = generate(seed)
        assert "/" not in site.articles and site.listing not in site.articles
        assert not any("?page=" in p or "kategori=" in p for p in site.articles)
