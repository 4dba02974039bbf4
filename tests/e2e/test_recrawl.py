"""End to end, over loopback with the real CLI: an archive journalists can cite (issue 4).

A copy of one demo site is crawled; then one article is edited, another deleted, and the site is
crawled again on the same port (the port is part of every article URL). The second crawl must find
exactly one edit with a readable diff, one removed article, re-download only what changed, and
leave captures that replay; ``muninews reextract`` must reproduce the same rows.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from scraper.archive.warc import captures_dir, read_capture
from scraper.demo.server import SiteServer
from scraper.web.serve import make_datasette
from tests.helpers import (
    Crawl,
    article_requests,
    copy_site,
    crawl_site,
    free_port,
    rows,
    run_cli,
)

EDITED = "/nyheter/nyheter/2025-03-19-matsvinnet-i-skolorna-har-minskat.html"
DELETED = "/nyheter/nyheter/2026-08-17-fortidsrostningen-infor-valet-startar-den-26-augusti.html"
OLD_SENTENCE = "I genomsnitt blev det 31 gram per elev och dag"
NEW_SENTENCE = "I genomsnitt blev det 33 gram per elev och dag"
ARCHIVE_TABLES = ("articles", "quotes", "contacts", "people", "person_roles", "revisions", "captures")


def edit_article(root: Path, path: str, old: str, new: str) -> None:
    file = root / path.lstrip("/")
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_status(root: Path, path: str, status: int) -> None:
    config_path = root / "_site.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config.setdefault("status", {})[path] = status
    config_path.write_text(json.dumps(config, indent=1, ensure_ascii=False), encoding="utf-8")


def table_rows(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in ARCHIVE_TABLES}
    finally:
        conn.close()


@dataclass
class Recrawl:
    db: Path
    port: int
    first: Crawl
    second: Crawl
    third: Crawl  # right after, default --revisit due: nothing is due
    first_requests: list[tuple[str, int]]
    second_requests: list[tuple[str, int]]
    third_requests: list[tuple[str, int]]
    before_reextract: dict[str, list[tuple]]
    reextract_output: str


@pytest.fixture(scope="module")
def recrawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Recrawl]:
    tmp = tmp_path_factory.mktemp("recrawl")
    root = copy_site(tmp)
    db = tmp / "archive.db"
    port = free_port()
    with SiteServer(root, port=port) as server:
        first = crawl_site(db, port)
        first_requests = server.requests
    assert first.returncode == 0, first.log[-3000:]

    edit_article(root, EDITED, OLD_SENTENCE, NEW_SENTENCE)
    set_status(root, DELETED, 404)
    with SiteServer(root, port=port) as server:  # a fresh server reads the edited files
        second = crawl_site(db, port, "--revisit", "all")
        second_requests = server.requests
        third = crawl_site(db, port)
        third_requests = server.requests[len(second_requests) :]
    assert second.returncode == 0, second.log[-3000:]
    assert third.returncode == 0, third.log[-3000:]

    before = table_rows(db)
    proc = run_cli("reextract", "--db", str(db))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    yield Recrawl(
        db, port, first, second, third, first_requests, second_requests, third_requests, before, proc.stdout
    )


def test_first_crawl_captures_every_article(recrawl: Recrawl) -> None:
    missing = rows(recrawl.db, "SELECT url FROM articles WHERE capture_id IS NULL")
    assert not missing
    assert len(rows(recrawl.db, "SELECT id FROM articles")) >= 10


def test_exactly_one_revision(recrawl: Recrawl) -> None:
    revs = rows(recrawl.db, "SELECT r.*, a.url FROM revisions r JOIN articles a ON a.id = r.article_id")
    assert len(revs) == 1
    rev = revs[0]
    assert rev["url"].endswith(EDITED)
    assert rev["version"] == 1 and rev["trivial"] == 0 and rev["changed_fields"] == "body"
    assert OLD_SENTENCE in rev["body"]
    article = rows(recrawl.db, "SELECT * FROM articles WHERE id = ?", rev["article_id"])[0]
    assert NEW_SENTENCE in article["body"]
    assert (article["version"], article["revision_count"]) == (2, 1)
    assert article["capture_id"] != rev["capture_id"]


def test_one_removed_article(recrawl: Recrawl) -> None:
    removed = rows(
        recrawl.db, "SELECT url, removed, removed_reason, body FROM articles WHERE removed IS NOT NULL"
    )
    assert len(removed) == 1
    assert removed[0]["url"].endswith(DELETED)
    assert removed[0]["removed_reason"] == "HTTP 404"
    assert len(removed[0]["removed"]) == 10  # a date
    assert removed[0]["body"]  # never deleted from the archive


def test_second_crawl_downloads_only_what_changed(recrawl: Recrawl) -> None:
    first = article_requests(recrawl.first_requests)
    second = article_requests(recrawl.second_requests)
    assert [p for p, s in second if s == 200] == [EDITED]
    broken_before = {p for p, s in first if s == 404}  # the demo web's own broken links
    assert {p for p, s in second if s == 404} - broken_before == {DELETED}
    first_ok = {p for p, s in first if s == 200}
    assert {p for p, s in second if s == 304} == first_ok - {EDITED, DELETED}


def test_crawl_right_after_fetches_no_known_article(recrawl: Recrawl) -> None:
    # --revisit due (the default): everything was checked seconds ago, nothing is due.
    assert not [p for p, s in article_requests(recrawl.third_requests) if s in (200, 304)]
    assert "muninews/article/not_due" in recrawl.third.log


def test_captures_replay_with_warcio(recrawl: Recrawl) -> None:
    directory = captures_dir(recrawl.db)
    files = sorted(directory.glob("*.warc.gz"))
    assert len(files) >= 2  # one per crawl
    responses = {}
    for file in files:
        with open(file, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    responses[record.rec_headers.get_header("WARC-Target-URI")] = (
                        record.content_stream().read()
                    )
    edited_url = f"http://127.0.0.1:{recrawl.port}{EDITED}"
    assert NEW_SENTENCE.encode() in responses[edited_url]
    for cap in rows(recrawl.db, "SELECT c.*, a.title FROM articles a JOIN captures c ON c.id = a.capture_id"):
        record = read_capture(directory, cap["warc_file"], cap["warc_offset"])
        assert record.status == 200
        assert record.url == cap["url"]
        assert cap["title"].split()[0] in record.body.decode("utf-8", "replace")


def test_earlier_version_capture_still_says_the_old_text(recrawl: Recrawl) -> None:
    rev = rows(recrawl.db, "SELECT c.* FROM revisions r JOIN captures c ON c.id = r.capture_id")[0]
    record = read_capture(captures_dir(recrawl.db), rev["warc_file"], rev["warc_offset"])
    assert OLD_SENTENCE.encode() in record.body


def test_reextract_reproduces_the_same_rows(recrawl: Recrawl) -> None:
    assert "0 changed" in recrawl.reextract_output
    assert table_rows(recrawl.db) == recrawl.before_reextract


def test_reextract_is_idempotent(recrawl: Recrawl) -> None:
    proc = run_cli("reextract", "--db", str(recrawl.db))
    assert proc.returncode == 0
    assert table_rows(recrawl.db) == recrawl.before_reextract


def test_archive_consistent(recrawl: Recrawl) -> None:
    conn = sqlite3.connect(recrawl.db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def _get(db: Path, path: str):
    return asyncio.run(make_datasette(db).client.get(path))


def test_datasette_shows_the_diff(recrawl: Recrawl) -> None:
    rev_id = rows(recrawl.db, "SELECT id FROM revisions")[0]["id"]
    response = _get(recrawl.db, f"/-/diff/{rev_id}")
    assert response.status_code == 200
    assert "<del>31</del>" in response.text and "<ins>33</ins>" in response.text
    edited = _get(recrawl.db, "/archive/edited_articles.json?_shape=array").json()
    assert len(edited) == 1 and edited[0]["diff"] == f"/-/diff/{rev_id}"
    page = _get(recrawl.db, "/archive/edited_articles")
    assert f'href="/-/diff/{rev_id}"' in page.text


def test_datasette_lists_removed_articles(recrawl: Recrawl) -> None:
    removed = _get(recrawl.db, "/archive/removed_articles.json?_shape=array").json()
    assert [r["url"].endswith(DELETED) for r in removed] == [True]


def test_datasette_opens_archived_copies_sandboxed(recrawl: Recrawl) -> None:
    article = rows(recrawl.db, "SELECT id, version FROM articles WHERE revision_count = 1")[0]
    old = _get(recrawl.db, f"/-/capture/{article['id']}/1")
    new = _get(recrawl.db, f"/-/capture/{article['id']}")
    for response in (old, new):
        assert response.status_code == 200
        assert response.headers["content-security-policy"].startswith("sandbox")
        assert "script-src" not in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "memento-datetime" in response.headers
    assert OLD_SENTENCE in old.text and NEW_SENTENCE in new.text
    text = _get(recrawl.db, f"/-/capture/{article['id']}?format=text")
    assert text.headers["content-type"].startswith("text/plain")
    warc = _get(recrawl.db, f"/-/capture/{article['id']}?format=warc")
    assert warc.headers["content-type"] == "application/warc"
    assert warc.content[:2] == b"\x1f\x8b"  # one gzip member: the WARC record itself


def test_without_conditional_requests_the_digest_skips_extraction(recrawl: Recrawl, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    shutil.copy(recrawl.db, db)
    shutil.copytree(captures_dir(recrawl.db), captures_dir(db))
    before = table_rows(db)
    root = recrawl.db.parent / "site"
    with SiteServer(root, port=recrawl.port):
        again = crawl_site(db, recrawl.port, "--revisit", "all", "-s", "MUNINEWS_CONDITIONAL_REQUESTS=False")
    assert again.returncode == 0, again.log[-3000:]
    assert "'muninews/revisit/same_digest': " in again.log
    assert "muninews/capture/revisit" in again.log  # identical payloads become WARC revisit records
    after = table_rows(db)
    for table in ("revisions", "quotes", "contacts", "people"):
        assert after[table] == before[table], table


def test_export_wacz(recrawl: Recrawl, tmp_path: Path) -> None:
    out = tmp_path / "archive.wacz"
    proc = run_cli("export-wacz", "--db", str(recrawl.db), "-o", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert {
            "datapackage.json",
            "datapackage-digest.json",
            "indexes/index.cdx",
            "pages/pages.jsonl",
        } <= names
        package = json.loads(zf.read("datapackage.json"))
        digest = json.loads(zf.read("datapackage-digest.json"))
        assert digest["hash"] == "sha256:" + hashlib.sha256(zf.read("datapackage.json")).hexdigest()
        for resource in package["resources"]:
            assert resource["hash"] == "sha256:" + hashlib.sha256(zf.read(resource["path"])).hexdigest()
        edited_url = f"http://127.0.0.1:{recrawl.port}{EDITED}"
        index = zf.read("indexes/index.cdx").decode()
        assert edited_url in index
        pages = zf.read("pages/pages.jsonl").decode().splitlines()
        assert len(pages) == 1 + len(rows(recrawl.db, "SELECT id FROM articles"))
        found = False
        for name in (n for n in names if n.startswith("archive/")):
            assert zf.getinfo(name).compress_type == zipfile.ZIP_STORED
            for record in ArchiveIterator(io.BytesIO(zf.read(name))):
                if (
                    record.rec_type == "response"
                    and record.rec_headers.get_header("WARC-Target-URI") == edited_url
                ):
                    found = found or NEW_SENTENCE.encode() in record.content_stream().read()
        assert found
