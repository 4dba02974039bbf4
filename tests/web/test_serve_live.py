"""A crawl and a server on one archive: ``muninews serve`` answers every canned query, the search
page and every export correctly and completely while three crawls write into the file it serves."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from scraper.tools import servebench, server
from scraper.web.serve import load_metadata
from tests.helpers import ROOT, crawl_into, free_port

QUERIES = load_metadata()["databases"]["archive"]["queries"]
PARAM_NAMES = ("q", "municipality", "speaker", "name", "from_date", "to_date")


def choose_params(db: Path) -> dict[str, str]:
    """Values for the canned queries' parameters that find something in this archive."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        municipality = conn.execute(
            "SELECT municipality_id FROM articles GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        titles = [
            r[0] or ""
            for r in conn.execute("SELECT title FROM articles WHERE municipality_id = ?", [municipality])
        ]
        words = Counter(w.lower() for t in titles for w in re.findall(r"\w{6,}", t))
        speaker = conn.execute("SELECT speaker FROM quotes WHERE speaker IS NOT NULL LIMIT 1").fetchone()
        person = conn.execute("SELECT name FROM people LIMIT 1").fetchone()
    finally:
        conn.close()
    return {
        "q": words.most_common(1)[0][0],
        "municipality": municipality,
        "speaker": speaker[0].split()[-1] if speaker else "",
        "name": person[0] if person else "",
        "from_date": "1990-01-01",
        "to_date": "2100-12-31",
    }


def probes(params: dict[str, str]) -> dict[str, tuple[str, Callable[[httpx.Response], int]]]:
    """name -> (path, how many results the answer holds); raises AssertionError on a bad answer."""

    def json_rows(r: httpx.Response) -> int:
        data = r.json()
        assert data.get("ok", True) and not data.get("error"), data.get("error")
        return len(data["rows"])

    def csv_rows(r: httpx.Response) -> int:
        return len(list(csv.reader(io.StringIO(r.text)))) - 1  # without the header

    def atom_entries(r: httpx.Response) -> int:
        assert r.text.lstrip().startswith("<?xml") and "<feed" in r.text
        return r.text.count("<entry>")

    def search_page(r: httpx.Response) -> int:
        data = r.json()
        assert data["error"] is None, data["error"]
        return int(data["total"])

    def html(r: httpx.Response) -> int:
        assert "</html>" in r.text and "could not be completed" not in r.text
        return 1

    out: dict[str, tuple[str, Callable[[httpx.Response], int]]] = {}
    for name, query in QUERIES.items():
        qs = urlencode({p: params[p] for p in PARAM_NAMES if f":{p}" in query["sql"]})
        if name == "feed":
            out["feed.atom"] = (f"/archive/feed.atom?{qs}", atom_entries)
            continue
        out[f"{name}.json"] = (f"/archive/{name}.json?{qs}&_size=max", json_rows)
        out[f"{name}.csv"] = (f"/archive/{name}.csv?{qs}&_size=max", csv_rows)
    for table in ("articles", "quotes", "contacts", "municipalities"):
        out[f"{table}.json"] = (f"/archive/{table}.json?_size=max&_col=id", json_rows)
        out[f"{table}.csv"] = (f"/archive/{table}.csv?_size=max&_col=id", csv_rows)
    out["/-/search"] = (f"/-/search?{urlencode({'q': params['q']})}&_format=json", search_page)
    out["/-/search quotes"] = (
        f"/-/search?{urlencode({'q': params['q'], 'kind': 'quotes'})}&_format=json",
        search_page,
    )
    out["/-/search html"] = (f"/-/search?{urlencode({'q': params['q']})}", html)
    return out


def answers(
    client: httpx.Client, checks: dict[str, tuple[str, Callable[[httpx.Response], int]]]
) -> dict[str, object]:
    """One round: each probe's result count, or what was wrong with its answer."""
    out: dict[str, object] = {}
    for name, (path, count) in checks.items():
        response = client.get(path)
        try:
            assert response.status_code == 200, f"HTTP {response.status_code}: {response.text[:200]}"
            out[name] = count(response)
        except (AssertionError, ValueError, KeyError) as exc:
            out[name] = f"bad answer: {exc}"
    return out


@pytest.fixture(scope="module")
def first_crawl(demo_registry: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("live") / "archive.db"
    crawl = crawl_into(db, "--all", "-s", f"MUNINEWS_REGISTRY={demo_registry}")
    assert crawl.returncode == 0, crawl.log[-3000:]
    return db


def test_serve_answers_completely_while_three_crawls_write(
    first_crawl: Path, demo_registry: Path, tmp_path: Path
) -> None:
    db = first_crawl
    port = free_port()
    argv = servebench.serve_argv(db, port)
    with (
        server.served(argv, port, timeout=90, log=tmp_path / "serve.log", cwd=ROOT),
        httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client,
    ):
        checks = probes(choose_params(db))
        baseline = answers(client, checks)
        assert all(isinstance(v, int) for v in baseline.values()), baseline
        assert baseline["search.json"] and baseline["articles.json"] and baseline["feed.atom"]
        articles = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
        assert baseline["articles.json"] == baseline["articles.csv"] == articles
        assert baseline["/-/search"] >= 1 and baseline["search.json"] == baseline["search.csv"]
        problems: list[tuple[int, str, object, object]] = []
        rounds = [0]
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                rounds[0] += 1
                for name, got in answers(client, checks).items():
                    if got != baseline[name]:
                        problems.append((rounds[0], name, got, baseline[name]))

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        for revisit in ("due", "all", "none"):
            crawl = crawl_into(db, "--all", "--revisit", revisit, "-s", f"MUNINEWS_REGISTRY={demo_registry}")
            assert crawl.returncode == 0, crawl.log[-3000:]
        stop.set()
        watcher.join(timeout=120)
        for _ in range(2):  # after the last crawl: every SQL thread's connection asked again
            for name, got in answers(client, checks).items():
                if got != baseline[name]:
                    problems.append((-1, name, got, baseline[name]))
    assert rounds[0] >= 3
    assert problems == [], problems[:10]
