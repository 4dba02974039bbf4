"""What the tests share: paths, the CLI in a subprocess, crawls into a file, loopback ports.

Test modules import from here, never from each other; fixtures stay in ``conftest.py``.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scraper.archive import Archive, name_key
from scraper.archive.warc import captures_dir, read_capture
from scraper.demo.server import SITES_ROOT
from scraper.items import Article, Contact, Quote
from scraper.tools import server
from scraper.tools.server import free_port

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
PAGES = TESTS / "pages"
GOLD = TESTS / "gold"
SITES = TESTS / "sites"
SITE = "hemlunda"


@dataclass
class Crawl:
    db: Path
    log: str
    returncode: int

    def rows(self, sql: str, *params) -> list[sqlite3.Row]:
        conn = sqlite3.connect(self.db)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


def run_cli(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scraper", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def crawl_into(db: Path, *args: str) -> Crawl:
    proc = run_cli("crawl", "--db", str(db), "-s", "MUNINEWS_PROGRESS_INTERVAL=0", *args)
    return Crawl(db=db, log=proc.stdout + proc.stderr, returncode=proc.returncode)


def datasette_get(ds: Any, path: str) -> Any:
    """One GET through an in-process Datasette's test client (an ``httpx.Response``)."""
    import asyncio

    return asyncio.run(ds.client.get(path))


def searchable_copy(db: Path, directory: Path) -> Path:
    """A copy of the archive ``db`` in ``directory`` with its search vocabulary refreshed."""
    path = directory / "archive.db"
    shutil.copyfile(db, path)
    with Archive(path) as archive:
        archive.refresh_terms()
    return path


def copy_site(tmp: Path, site: str = SITE) -> Path:
    root = tmp / "site"
    shutil.copytree(SITES_ROOT / site, root)
    return root


def crawl_site(db: Path, port: int, *args: str) -> Crawl:
    return crawl_into(db, "--url", f"http://127.0.0.1:{port}/", "--name", "Hemlunda kommun", *args)


def article_requests(requests: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(p, s) for p, s in requests if p.startswith("/nyheter/nyheter/2")]


def assert_consistent(db: Path) -> None:
    """The archive after a crash or a fault: integrity, FTS, no orphans or half-written rows, captures replay."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in ("articles", "quotes"):
            conn.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)")
        orphans = conn.execute(
            "SELECT (SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)) + "
            "(SELECT count(*) FROM contacts WHERE article_id NOT IN (SELECT id FROM articles)) + "
            "(SELECT count(*) FROM articles WHERE capture_id IS NOT NULL AND capture_id NOT IN "
            "(SELECT id FROM captures))"
        ).fetchone()[0]
        assert orphans == 0
        # Counts on the article match its rows: nothing was half-written.
        assert (
            conn.execute(
                "SELECT count(*) FROM articles a WHERE quote_count != "
                "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) OR contact_count != "
                "(SELECT count(*) FROM contacts c WHERE c.article_id = a.id)"
            ).fetchone()[0]
            == 0
        )
        assert (
            conn.execute("SELECT count(*) FROM articles WHERE title IS NULL OR body IS NULL").fetchone()[0]
            == 0
        )
    finally:
        conn.close()
    # Every capture the database refers to is on disk and replays.
    conn = sqlite3.connect(db)
    try:
        caps = conn.execute("SELECT warc_file, warc_offset FROM captures").fetchall()
    finally:
        conn.close()
    for file, offset in caps:
        read_capture(captures_dir(db), file, offset)


def rows(db: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


#: Columns that hold a time or a row id: they differ from one crawl to the next by design.
VOLATILE_COLUMNS = {
    "id",
    "article_id",
    "person_id",
    "capture_id",
    "first_seen",
    "last_seen",
    "fetched_at",
    "started",
    "finished",
    "first_fetched",
    "last_fetched",
    "last_changed",
    "last_crawled",
    "last_success",
    "platform_seen",
    # A page's bytes hold the loopback port, so its validators and digest differ run to run.
    "etag",
    "payload_sha256",
    "warc_file",
    "warc_offset",
    "warc_length",
    "warc_record_id",
}
SNAPSHOT_TABLES = (
    "municipalities",
    "articles",
    "quotes",
    "contacts",
    "people",
    "person_roles",
    "pages",
    "article_urls",
    "crawls",
)


def _stable(value: object) -> object:
    """A cell with loopback ports made neutral (the tests' demo web listens on port 0)."""
    if isinstance(value, str):
        return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", value)
    return value


def archive_snapshot(db: Path) -> dict[str, list[list[object]]]:
    """Every row of the archive's tables that a crawl decides, without times and row ids, sorted.

    Rows that point at an article or a person by id point by its URL or name key instead, so two
    crawls of the same web compare equal whatever order their requests finished in.
    """
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        article_url = dict(conn.execute("SELECT id, url FROM articles").fetchall())
        person_key = {
            r[0]: f"{r[1]}/{r[2]}" for r in conn.execute("SELECT id, municipality_id, name_key FROM people")
        }
        snapshot: dict[str, list[list[object]]] = {}
        for table in SNAPSHOT_TABLES:
            rows_out = []
            for row in conn.execute(f"SELECT * FROM {table}"):
                cells: list[object] = []
                for column in row.keys():  # noqa: SIM118 - sqlite3.Row is not a mapping
                    if column == "article_id":
                        cells.append(_stable(article_url.get(row[column])))
                    elif column == "person_id":
                        cells.append(person_key.get(row[column]))
                    elif column not in VOLATILE_COLUMNS:
                        cells.append(_stable(row[column]))
                rows_out.append(cells)
            snapshot[table] = sorted(rows_out, key=repr)
        return snapshot
    finally:
        conn.close()


# -- articles and people for the archive's tests on tmp_path databases --------------------------


def sample_article(**overrides: object) -> Article:
    fields: dict = {
        "url": "https://www.uppsala.se/nyheter/forskola-oppnar",
        "municipality_id": "uppsala",
        "title": "Ny förskola öppnar i Gottsunda",
        "lead": "Barnen får flytta in i augusti.",
        "body": "Förskolan har sex avdelningar.\n\nDen ersätter två äldre skolor.",
        "published": "2024-03-01",
        "language": "sv",
        "author": "Kommunikationsavdelningen",
        "fetched_at": "2024-03-02T10:00:00Z",
        "extractor": "muninews-test",
        "quotes": [
            Quote(position=0, text="Vi är glada över lokalerna", speaker="Anna Ek", role="förskolechef"),
            Quote(position=1, text="Det blir bra", speaker="Bo Lind", role="kommunalråd"),
        ],
        "contacts": [Contact(name="Anna Ek", role="förskolechef", email="anna.ek@uppsala.se")],
    }
    fields.update(overrides)
    return Article(**fields)


def numbered_article(n: int, published: str, municipality_id: str = "uppsala", **fields: Any) -> Article:
    values: dict[str, Any] = {
        "title": f"Nyhet {n}",
        "body": f"Text {n}.",
        "fetched_at": "2024-06-01T00:00:00Z",
    }
    values.update(fields)
    return Article(
        url=f"https://www.{municipality_id}.se/nyheter/{n}",
        municipality_id=municipality_id,
        published=published,
        **values,
    )


def people(arch: Archive) -> list[dict[str, Any]]:
    return list(arch.db.query("SELECT * FROM people ORDER BY id"))


def person(arch: Archive, name: str, municipality_id: str = "uppsala") -> dict[str, Any]:
    rows = list(
        arch.db.query(
            "SELECT * FROM people WHERE municipality_id = ? AND name_key = ?",
            [municipality_id, name_key(name)],
        )
    )
    assert len(rows) == 1, rows
    return rows[0]


def roles(arch: Archive, person_id: int) -> list[tuple[Any, ...]]:
    return [
        tuple(r)
        for r in arch.db.execute(
            "SELECT role, first_seen_published, last_seen_published, article_count FROM person_roles "
            "WHERE person_id = ? ORDER BY first_seen_published, role",
            [person_id],
        )
    ]


def two_quotes(arch: Archive) -> None:
    arch.save_article(
        numbered_article(1, "2023-02-01", quotes=[Quote(0, "Vi bygger", "Kristofer Svensson", "kommunalråd")])
    )
    arch.save_article(
        numbered_article(
            2,
            "2024-09-15",
            quotes=[Quote(0, "Vi sparar", "Kristofer  Svensson", "kommunstyrelsens ordförande")],
        )
    )


#: Where browser tests save their screenshots (``shot``).
BROWSER_ARTIFACTS = ROOT / "test-artifacts" / "browser"


def shot(page: Any, name: str) -> Path:
    """A full-page screenshot of a Playwright ``page`` as ``test-artifacts/browser/<name>.png``."""
    BROWSER_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = BROWSER_ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@contextlib.contextmanager
def served_datasette(db: Path) -> Iterator[str]:
    """``db`` served immutable by a real Datasette process on a free port; yields its base URL."""
    from scraper.web.serve import datasette_argv

    port = free_port()
    with server.served(datasette_argv(db, port=port, immutable=True), port, timeout=60):
        yield f"http://127.0.0.1:{port}"


#: Debian's Chromium (Playwright's own browser download does not work here) and its flags for the
#: browser tests: headless, no network of its own.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Playwright's default is 30 s; on a 2-core CI machine busy with the rest of the suite the first
#: search of a freshly started Datasette (facet arrays being built) has taken longer than that.
BROWSER_TIMEOUT_MS = 60_000
