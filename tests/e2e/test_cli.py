"""The muninews command: argument handling and the registry (the crawls themselves are in test_crawl.py)."""

from __future__ import annotations

import pytest

from scraper import cli, registry
from tests.helpers import ROOT


def test_crawl_needs_a_target(capsys):
    assert cli.main(["crawl"]) == 2
    assert "--all" in capsys.readouterr().err


def test_url_needs_a_name(capsys):
    assert cli.main(["crawl", "--url", "http://127.0.0.1:9/"]) == 2
    assert "--name" in capsys.readouterr().err


def test_unknown_municipality_is_reported(capsys, tmp_path):
    assert cli.main(["crawl", "ingenstans", "--db", str(tmp_path / "a.db")]) == 2
    assert "ingenstans" in capsys.readouterr().err


def test_bad_setting_pair():
    with pytest.raises(SystemExit):
        cli.main(["crawl", "--all", "-s", "NOEQUALS"])


def test_serve_without_archive(capsys, tmp_path):
    assert cli.main(["serve", "--db", str(tmp_path / "missing.db")]) == 2


@pytest.mark.parametrize(
    "command",
    [["cluster", "status"], ["worker"], ["enqueue", "--all"], ["writer", "--db", "{tmp}/a.db"]],
)
def test_cluster_commands_say_in_one_line_that_redis_is_unreachable(capsys, tmp_path, command):
    from tests.helpers import free_port

    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    assert cli.main([*args, "--redis", url]) == 2
    err = capsys.readouterr().err
    assert f"cannot reach Redis at {url}" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_municipalities_lists_the_registry(capsys):
    assert cli.main(["municipalities"]) == 0
    assert "mariestad" in capsys.readouterr().out


def test_extract_prints_json(tmp_path, capsys):
    page = tmp_path / "p.html"
    page.write_text(
        "<html lang='sv'><body><main><h1>Ny förskola öppnar</h1><p class='normal'>"
        + "Kommunen öppnar en ny förskola i centrum. " * 10
        + "</p></main></body></html>",
        encoding="utf-8",
    )
    assert (
        cli.main(
            [
                "extract",
                str(page),
                "--url",
                "https://h.se/nyheter/a.html",
                "--fetched-at",
                "2026-03-01T00:00:00Z",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert '"title": "Ny förskola öppnar"' in out


def test_bundled_registry_is_valid():
    entries = registry.load_registry()
    assert any(m.id == "mariestad" and m.homepage.startswith("https://mariestad.se") for m in entries)
    assert len({m.id for m in entries}) == len(entries)
    for m in entries:
        assert m.country == "SE" and m.homepage.startswith("https://")
        assert m.latitude and m.longitude


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Mariestads kommun", "mariestads-kommun"),
        ("Örebro kommun", "orebro-kommun"),
        ("Borough of Kestrelford", "borough-of-kestrelford"),
    ],
)
def test_slugify(name, slug):
    assert registry.slugify(name) == slug


def test_adhoc_country_from_domain():
    assert registry.adhoc("https://www.example.gov.uk/", "Example Council").country == "GB"
    assert registry.adhoc("http://127.0.0.1:8000/", "Aspviks kommun").country == "SE"
    assert registry.adhoc("example.no", "Eksempel kommune").homepage == "https://example.no"


def test_select_by_id_and_name():
    entries = registry.load_registry()
    assert [m.id for m in registry.select(entries, ["Mariestads kommun", "skovde"])] == [
        "mariestad",
        "skovde",
    ]
    with pytest.raises(KeyError):
        registry.select(entries, ["nowhere"])


def _run(*args, cwd):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "scraper", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_site_is_recorded_as_failing(tmp_path):
    import sqlite3

    db = tmp_path / "a.db"
    proc = _run(
        "crawl",
        "--url",
        f"http://127.0.0.1:{_free_port()}/",
        "--name",
        "Tyst kommun",
        "--db",
        str(db),
        cwd=tmp_path,
    )
    assert proc.returncode == 3, proc.stderr[-2000:]  # 3: the crawl ran, a municipality is failing
    status, errors, note = sqlite3.connect(db).execute("select status, errors, note from crawls").fetchone()
    assert status == "failing" and errors >= 1
    assert "failing" in proc.stdout
    assert "connection refused" in note and f"note: {note}" in proc.stdout


def test_crawl_that_cannot_start_exits_non_zero(tmp_path):
    proc = _run(
        "crawl",
        "--url",
        "http://127.0.0.1:9/",
        "--name",
        "X",
        "--db",
        str(tmp_path / "a.db"),
        "-s",
        'ITEM_PIPELINES={"no.such.Pipeline": 1}',
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert "did not run" in proc.stderr


def test_scrapy_crawl_news_from_the_repo_root(tmp_path):
    """People who know Scrapy can run the same spider with `scrapy crawl news -a ...`."""
    import sqlite3
    import subprocess
    import sys

    from scraper.demo.server import SiteServer

    root = ROOT
    db = tmp_path / "s.db"
    with SiteServer(root / "tests" / "sites" / "aspvik") as server:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "news",
                "-a",
                f"url={server.url}/",
                "-a",
                "municipality=Aspviks kommun",
                "-s",
                f"MUNINEWS_DB={db}",
            ],
            capture_output=True,
            text=True,
            cwd=root,
            timeout=120,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (count,) = (
        sqlite3.connect(db)
        .execute("select count(*) from articles where municipality_id = 'aspviks-kommun'")
        .fetchone()
    )
    assert count == 8
