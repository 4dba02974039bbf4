"""Opening an archive: nothing written when nothing differs, one opener at a time, foreign files."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils

from scraper.archive import Archive
from scraper.archive.connection import FileKind, inspect_file, refusal
from scraper.archive.schema import SCHEMA_VERSION, migrate
from scraper.archive.upgrade import pending
from tests.helpers import ROOT, numbered_article


def _archive(path: Path, n: int = 3) -> Path:
    with Archive(path) as archive:
        archive.save_municipalities([{"id": "uppsala", "name": "Uppsala", "country": "SE"}])
        for i in range(n):
            archive.save_article(numbered_article(i, f"2024-0{i + 1}-01"))
    return path


def test_opening_a_current_archive_writes_nothing(tmp_path: Path) -> None:
    """A reader's connection sees no commit and no schema change when a crawl opens the file."""
    path = _archive(tmp_path / "archive.db")
    watcher = sqlite3.connect(path)
    before = (
        watcher.execute("PRAGMA data_version").fetchone(),
        watcher.execute("PRAGMA schema_version").fetchone(),
    )
    archive = Archive(path)
    try:
        assert archive.schema_changes == []
        after = (
            watcher.execute("PRAGMA data_version").fetchone(),
            watcher.execute("PRAGMA schema_version").fetchone(),
        )
        assert after == before
    finally:
        archive.close()
        watcher.close()


def test_a_current_archive_has_nothing_pending(tmp_path: Path) -> None:
    path = _archive(tmp_path / "archive.db")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert pending(conn) == []
    finally:
        conn.close()


def test_an_old_archive_is_pending_and_upgraded_once(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrate(db, target=3)
    db.conn.commit()
    db.close()
    conn = sqlite3.connect(path)
    notes = pending(conn)
    conn.close()
    assert f"schema version 3 -> {SCHEMA_VERSION}" in notes and "table pages missing" in notes
    assert "articles_fts missing" in notes
    with Archive(path) as archive:
        assert archive.schema_changes == notes
    with Archive(path) as archive:
        assert archive.schema_changes == []


def test_a_dropped_trigger_is_restored_and_the_index_rebuilt(tmp_path: Path) -> None:
    path = _archive(tmp_path / "archive.db")
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER articles_ai")
    conn.execute(
        "INSERT INTO articles (municipality_id, url, title, first_seen, last_seen, content_hash) "
        "VALUES ('uppsala', 'https://x.se/n/9', 'Ensam rubrik', '2024-01-01', '2024-01-01', 'h')"
    )
    conn.commit()
    conn.close()
    with Archive(path) as archive:
        assert archive.schema_changes == ["articles_ai missing"]
        archive.fts_integrity_check()
        found = archive.db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'ensam'"
        ).fetchall()
        assert len(found) == 1


OPENER = """
import sys, time
from scraper.archive import Archive
start = float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
Archive(sys.argv[1]).close()
"""


def test_first_openers_of_a_new_file_take_turns(tmp_path: Path) -> None:
    """Two (here six) first crawls on a new archive: each creates or finds the schema, none fails
    with `trigger "articles_au" already exists`."""
    for round_ in range(5):
        path = tmp_path / f"new{round_}.db"
        start = time.time() + 1.5
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(path), str(start)],
                cwd=ROOT,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert [p.returncode for p in procs] == [0] * 6, [e.strip().splitlines()[-1:] for e in errors]
        with Archive(path) as archive:
            archive.fts_integrity_check()
            assert archive.schema_changes == []


def test_inspect_file_kinds(tmp_path: Path) -> None:
    assert inspect_file(tmp_path / "nope.db").kind is FileKind.MISSING
    (tmp_path / "zero.db").write_bytes(b"")
    assert inspect_file(tmp_path / "zero.db").kind is FileKind.EMPTY
    assert inspect_file(_archive(tmp_path / "archive.db")).kind is FileKind.ARCHIVE
    (tmp_path / "notes.txt").write_text("Mötesanteckningar från nämnden\n" * 50, encoding="utf-8")
    assert inspect_file(tmp_path / "notes.txt").kind is FileKind.NOT_SQLITE
    (tmp_path / "fake.db").write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    assert inspect_file(tmp_path / "fake.db").kind is FileKind.NOT_SQLITE
    assert inspect_file(tmp_path).kind in (FileKind.UNREADABLE, FileKind.NOT_SQLITE)


def test_a_foreign_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "inventory.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO items (name) VALUES ('spade')")
    conn.commit()
    conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    check = inspect_file(path)
    assert check.kind is FileKind.FOREIGN
    message = refusal(path)
    assert message and "not a muninews archive" in message and "--init" in message and "\n" not in message
    assert refusal(path, init=True) is None
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inventory.db"]
