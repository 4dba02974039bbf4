"""Second sources of generated sites (sitegen/second.py): off by default (existing batches keep their
bytes), drawn or set on request, served strictly on another loopback host, and crawled for real."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import replace

import pytest

from scraper.demo.sitegen import GeneratedWeb, choose, generate
from scraper.tools.secondbench import run


def test_the_draw_adds_press_rooms_and_pdfs_and_changes_nothing_else():
    plain = [choose(s) for s in range(60)]
    drawn = [choose(s, second_sources=True) for s in range(60)]
    assert all(p == replace(d, press_room=False, pdf_releases=0) for p, d in zip(plain, drawn, strict=True))
    assert not any(p.press_room or p.pdf_releases for p in plain)
    assert 10 <= sum(d.press_room for d in drawn) <= 35
    assert 10 <= sum(d.pdf_releases > 0 for d in drawn) <= 40


def test_a_site_without_second_sources_is_byte_for_byte_the_same():
    seed = next(
        s for s in range(60) if not (o := choose(s, second_sources=True)).press_room and not o.pdf_releases
    )
    a, b = generate(seed), generate(seed, second_sources=True)
    assert {k: p.body for k, p in a.pages.items()} == {k: p.body for k, p in b.pages.items()}
    assert b.press_room is None


def test_press_copies_republish_site_articles_and_the_press_room_is_served_strictly():
    site = generate(3, press_room=True, pdf_releases=2)
    assert site.press_room is not None and site.press_copies
    assert set(site.press_copies.values()) <= set(site.articles)
    assert not set(site.press_copies) & set(site.press_room.articles)  # copies are no articles of their own
    assert sum(kind == "pdf" for kind in site.articles.values()) == 2
    with GeneratedWeb([site]) as web:
        press = web.press_servers[site.id]
        assert press.origin.startswith("http://127.0.0.2:")
        assert web.press_room_hosts() == {press.origin.removeprefix("http://"): "mynewsdesk"}
        home = urllib.request.urlopen(web.servers[0].homepage).read().decode()
        assert f'href="{press.origin}/se/' in home
        pdf = next(p for p, kind in site.articles.items() if kind == "pdf")
        with urllib.request.urlopen(web.servers[0].url(pdf)) as answer:
            assert answer.headers["Content-Type"] == "application/pdf" and answer.read(5) == b"%PDF-"
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(press.url(site.press_room.listing + "/pressreleases/nothing-1"))
        assert gone.value.code == 404


@pytest.mark.e2e
def test_a_crawl_merges_every_press_copy_and_keeps_the_rest_apart():
    score, _seconds, code, log = run([1, 2, 5], "dev", all_on=True)
    assert code == 0, log[-3000:]
    assert score.copies and score.merged == score.copies and score.stored_twice == 0
    assert score.only and score.only_stored == score.only and score.only_merged == 0
    assert score.missed == 0
    assert (
        score.pdf_stored == score.pdf_releases == 6
        and score.pdf_agendas == 3
        and score.pdf_agendas_stored == 0
    )
