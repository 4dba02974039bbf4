"""Choosing municipalities on the command line: ``muninews municipalities`` and ``crawl``'s selection,
through the real CLI in subprocesses (the crawls are real, against ports nothing listens on)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from scraper import registry
from tests.helpers import free_port, run_cli


def test_municipalities_lists_all_290_kommuner():
    proc = run_cli("municipalities")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 290
    mariestad = next(line for line in lines if line.startswith("mariestad "))
    for part in (
        "1493",
        "Mariestads kommun",
        "Västra Götalands län",
        "https://mariestad.se/",
        "58.7097,13.8237",
    ):
        assert part in mariestad


@pytest.mark.parametrize("county", ["Västra Götaland", "14", "västra götalands län", "Vastra Gotaland"])
def test_municipalities_of_a_county(county):
    proc = run_cli("municipalities", "--county", county, "--json")
    assert proc.returncode == 0, proc.stderr
    entries = json.loads(proc.stdout)
    expected = [m.id for m in registry.load_registry() if m.county_code == "14"]
    assert [e["id"] for e in entries] == expected and len(expected) == 49
    assert {e["county"] for e in entries} == {"Västra Götalands län"}


def test_municipalities_by_platform_and_code():
    proc = run_cli("municipalities", "--platform", "SiteVision", "--county", "14")
    assert proc.returncode == 0, proc.stderr
    ids = sorted(line.split()[0] for line in proc.stdout.splitlines())
    assert ids == ["gullspang", "lidkoping", "mariestad", "skovde", "toreboda"]
    proc = run_cli("municipalities", "1493", "2584", "--json")
    assert [e["id"] for e in json.loads(proc.stdout)] == ["mariestad", "kiruna"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["Marestad"], "did you mean Mariestads kommun (mariestad)"),
        (["--county", "Västra Götlaand"], "did you mean Västra Götalands län"),
    ],
)
def test_typos_get_a_suggestion(args, words):
    for command in (["municipalities"], ["crawl", "--db", "/nonexistent/never-made.db"]):
        proc = run_cli(*command, *args)
        assert proc.returncode == 2, (command, proc.stdout, proc.stderr)
        assert words in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert "Traceback" not in proc.stderr


@pytest.fixture
def two_counties(tmp_path: Path) -> Path:
    """A registry of three kommuner in two län, each at a port nothing listens on."""
    entries = [
        registry.Municipality(
            id=i, name=n, homepage=f"http://127.0.0.1:{free_port()}/", code=c, county_code=c[:2], county=k
        )
        for i, n, c, k in (
            ("aspvik", "Aspviks kommun", "1471", "Västra Götalands län"),
            ("bergby", "Bergby kommun", "1472", "Västra Götalands län"),
            ("kvarnas", "Kvarnås kommun", "0380", "Uppsala län"),
        )
    ]
    path = tmp_path / "registry.json"
    registry.save_registry(entries, path)
    return path


def _crawled(tmp_path: Path, reg: Path, *args: str) -> list[str]:
    tmp_path.mkdir()
    db = tmp_path / "a.db"
    proc = run_cli("crawl", *args, "--db", str(db), "-s", f"MUNINEWS_REGISTRY={reg}", timeout=180)
    assert proc.returncode == 3, proc.stderr[-2000:]  # ran; every site failing (nothing listens)
    conn = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in conn.execute("SELECT municipality_id FROM crawls"))
    finally:
        conn.close()


def test_crawl_by_county_name_code_and_kommunkod(tmp_path, two_counties):
    assert _crawled(tmp_path / "1", two_counties, "--county", "Västra Götaland") == ["aspvik", "bergby"]
    assert _crawled(tmp_path / "2", two_counties, "--county", "3") == ["kvarnas"]
    assert _crawled(tmp_path / "3", two_counties, "1472") == ["bergby"]
    assert _crawled(tmp_path / "4", two_counties, "--all") == ["aspvik", "bergby", "kvarnas"]
