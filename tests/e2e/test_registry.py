"""The bundled registry: all 290 Swedish kommuner, generated from the committed sources."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from scraper import registry
from scraper.tools import sweden_registry

SWEDEN = [m for m in registry.load_registry() if m.country == "SE"]


def test_290_kommuner_with_unique_ids_codes_and_domains():
    assert len(SWEDEN) == 290
    assert len({m.id for m in SWEDEN}) == 290
    assert len({m.code for m in SWEDEN}) == 290
    domains = {(urlsplit(m.homepage).hostname or "").removeprefix("www.") for m in SWEDEN}
    assert len(domains) == 290


def test_21_lan_and_codes_that_agree_with_them():
    assert len({m.county_code for m in SWEDEN}) == 21
    assert len({m.county for m in SWEDEN}) == 21
    for m in SWEDEN:
        assert m.code and len(m.code) == 4 and m.code.isdigit(), m
        assert m.code[:2] == m.county_code, m  # SCB: the kommunkod starts with the län code
        assert m.county and m.county.endswith(" län"), m


def test_every_entry_has_a_homepage_and_a_seat_in_sweden():
    for m in SWEDEN:
        assert m.homepage.startswith("https://") and m.homepage.endswith("/"), m
        assert m.latitude is not None and m.longitude is not None
        assert 55.0 <= m.latitude <= 69.1 and 10.9 <= m.longitude <= 24.2, m


@pytest.mark.parametrize(
    ("id_", "code", "county", "homepage"),
    [
        ("mariestad", "1493", "Västra Götalands län", "https://mariestad.se/"),
        ("stockholm", "0180", "Stockholms län", "https://www.stockholm.se/"),
        ("gotland", "0980", "Gotlands län", "https://www.gotland.se/"),
        ("falun", "2080", "Dalarnas län", "https://www.falun.se/"),
        ("haabo", "0305", "Uppsala län", "https://www.habo.se/"),
        ("habo", "0643", "Jönköpings län", "https://www.habokommun.se/"),
        ("kiruna", "2584", "Norrbottens län", "https://kiruna.se/"),
    ],
)
def test_known_entries(id_, code, county, homepage):
    m = {m.id: m for m in SWEDEN}[id_]
    assert (m.code, m.county, m.homepage) == (code, county, homepage)


def test_the_generated_file_is_what_the_sources_give():
    """Regenerating from the fact tables gives the committed file (skipped without ../shared)."""
    if not sweden_registry.SOURCE.exists():
        pytest.skip(f"no {sweden_registry.SOURCE}")
    source = json.loads(sweden_registry.SOURCE.read_text(encoding="utf-8"))
    text = sweden_registry.render(sweden_registry.build(source))
    assert text == sweden_registry.OUTPUT.read_text(encoding="utf-8")


def test_a_bare_list_registry_still_loads(tmp_path):
    """Demo and test registries are bare lists of entries with only some fields."""
    path = tmp_path / "r.json"
    path.write_text(
        json.dumps([{"id": "aspvik", "name": "Aspviks kommun", "homepage": "http://127.0.0.1:9/"}])
    )
    (m,) = registry.load_registry(path)
    assert (m.id, m.country, m.code, m.press_rooms) == ("aspvik", "SE", None, [])
