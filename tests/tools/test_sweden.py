"""The generated Sweden (scraper.tools.sweden_web): its plan, its servers, and a 30-site crawl of it
with the real CLI (two crawls: all new, then quiet sites silent while the others publish)."""

from __future__ import annotations

import http.client
from collections import Counter

import pytest

from scraper.cms.detect import detect_platform
from scraper.registry import load_registry
from scraper.tools.bench.sweden import format_sweden, run_sweden
from scraper.tools.sweden_web import BROKEN_KINDS, SKINS, SwedenWeb, build_site, plan_sweden


def _get(url: str) -> int:
    host, port = url.split("//")[1].split("/")[0].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        path = "/" + url.split("//")[1].split("/", 1)[1]
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def test_the_plan_is_all_of_sweden_with_a_realistic_mix() -> None:
    plans = plan_sweden(load_registry())
    assert len(plans) == 290 and plans == plan_sweden(load_registry())  # same registry, same Sweden
    platforms = Counter(p.platform for p in plans)
    assert set(platforms) == set(SKINS) and platforms.most_common(1)[0][0] == "sitevision"
    assert platforms["sitevision"] > len(plans) / 2
    broken = Counter(p.broken for p in plans if p.broken)
    assert set(broken) == set(BROKEN_KINDS) and sum(broken.values()) <= 15
    assert 5 <= sum(p.quiet for p in plans) <= 20 and not any(p.quiet and p.broken for p in plans)
    assert len({p.host for p in plans}) == 290 and all(p.host.startswith("127.0.") for p in plans)
    assert all(18 <= p.articles <= 22 for p in plans)


def test_a_small_sweden_still_has_every_kind_of_broken_site_and_a_quiet_one() -> None:
    plans = plan_sweden(load_registry()[:30])
    assert {p.broken for p in plans if p.broken} == set(BROKEN_KINDS)
    assert any(p.quiet for p in plans)


def test_each_platforms_site_is_detected_as_it_and_named_as_the_kommun() -> None:
    plans = plan_sweden(load_registry())
    for platform in SKINS:
        plan = next(p for p in plans if p.platform == platform)
        site = build_site(plan)
        assert site.id == plan.municipality.id and plan.municipality.name in site.pages["/"].body
        assert 18 <= len(site.articles) <= 22
        for path in ("/", site.listing, next(iter(site.articles))):
            found = detect_platform(site.pages[path].body, "http://127.0.1.1/")
            assert found is not None and found.platform == platform, (platform, path)


def test_press_rooms_and_pdf_releases_are_on_for_a_share_of_the_working_sites_only() -> None:
    plans = plan_sweden(load_registry())
    rooms = [p for p in plans if p.options.get("press_room")]
    pdfs = [p for p in plans if p.options.get("pdf_releases")]
    assert 0.2 * len(plans) < len(rooms) < 0.4 * len(plans) and 0.1 * len(plans) < len(pdfs) < 0.3 * len(
        plans
    )
    assert not any(p.broken for p in [*rooms, *pdfs])
    # Drawn apart from the rest: without them every site is the same platform and size.
    bare = plan_sweden(load_registry(), shares={})
    assert [(p.platform, p.articles) for p in bare] == [(p.platform, p.articles) for p in plans]
    assert not any(p.options for p in bare)


def test_a_press_room_is_served_on_its_own_address_configured_or_linked_from_the_homepage() -> None:
    plans = [p for p in plan_sweden(load_registry()[:30]) if p.options.get("press_room")][:2]
    with SwedenWeb(plans) as web:
        registry = web.registry()
        for plan in plans:
            room, press = web.sites[plan.municipality.id].press_room, web.press_servers[plan.municipality.id]
            assert room is not None and press.origin.startswith(f"http://{plan.press_host}:")
            assert plan.press_host != plan.host and _get(press.url(room.listing)) == 200
        assert registry[0].press_rooms and registry[0].press_rooms[0]["kind"] == "mynewsdesk"
        feed = registry[0].press_rooms[0]["feed_url"]
        assert feed and "/se/rss/source/" in feed and _get(feed) == 200
        assert not registry[1].press_rooms  # found from the homepage's link
        home = web.sites[plans[1].municipality.id].pages["/"].body
        assert "{{press_origin}}" in home  # served as the press room's origin
        hosts = web.press_room_hosts_setting().split(",")
        assert sorted(hosts) == sorted(
            f"{s.origin.removeprefix('http://')}=mynewsdesk" for s in web.press_servers.values()
        )


def test_later_articles_are_added_to_active_sites_only() -> None:
    plans = plan_sweden(load_registry()[:30])
    active, quiet = next(p for p in plans if not p.quiet), next(p for p in plans if p.quiet)
    assert len(build_site(active, 3).articles) == len(build_site(active).articles) + 3
    with SwedenWeb([quiet], extra_articles=3) as web:
        assert len(web.sites[quiet.municipality.id].articles) == quiet.articles


def test_broken_sites_answer_as_planned() -> None:
    plans = plan_sweden(load_registry()[:30])
    chosen = [next(p for p in plans if p.broken == kind) for kind in BROKEN_KINDS] + [plans[0]]
    with SwedenWeb(chosen) as web:
        home = {p.broken: web.homepage(p) for p in chosen}
        assert _get(home["5xx"]) == 503 and _get(home["5xx"] + "robots.txt") == 503
        assert _get(home["robots5xx"] + "robots.txt") == 500 and _get(home["robots5xx"]) == 200
        assert _get(home[""]) == 200 and _get(home[""] + "robots.txt") == 200
        with pytest.raises(ConnectionRefusedError):
            _get(home["refused"])
        registry = web.registry()
    assert [m.homepage for m in registry] == [home[p.broken] for p in chosen]
    assert all(m.platform is None for m in registry)  # the crawl must see it
    assert all(
        not m.press_rooms for m, p in zip(registry, chosen, strict=True) if not p.options.get("press_room")
    )


@pytest.mark.e2e
def test_a_30_site_sweden_is_crawled_right(tmp_path) -> None:
    r = run_sweden(30, delay=0.25, workdir=tmp_path)
    report = format_sweden(r)
    assert r.first.returncode == 3, r.first.log[-3000:]  # the broken sites are failing
    assert r.tally.truth >= 400 and r.tally.recall >= 0.98 and r.tally.precision >= 0.99, report
    assert r.problems() == [], report  # broken failing with a reason, quiet quiet, platforms right
    assert r.duplicates == 0, report
    s = r.second_sources  # no release stored twice across site and press room, PDFs as releases
    assert s.copies > 0 and s.merged == s.copies and s.stored_twice == 0, report
    assert s.only > 0 and s.only_stored == s.only and s.only_merged == 0, report
    assert s.pdf_releases > 0 and s.pdf_stored == s.pdf_releases and s.pdf_agendas_stored == 0, report
    assert r.first.peak_rss_mb <= 1024, report
    assert all(r.notes[p.municipality.id] for p in r.plans if p.broken), report
