"""``muninews serve`` on an unchanged archive rebuilds nothing (issue 12 item 5).

The compound-word and lemma tables are derived from the full-text index; serve rebuilds them when
the index's fingerprint (the hash of its structure record) differs from the one stored at the last
rebuild. Opening the archive as a writer (a crawl starting), a re-crawl that only finds its articles
unchanged (``last_seen`` bumped) and pages and crawl records written must not change that
fingerprint: then serve writes nothing and starts without the rebuild (2.4 s at 100,000 articles).
"""

from __future__ import annotations

import hashlib
import random
import sqlite3

from scraper.archive import Archive, fts
from scraper.tools.servebench import synthetic_article
from scraper.web import serve


def _fingerprint(db) -> tuple[str, str | None]:
    conn = sqlite3.connect(db)
    try:
        return fts._terms_signature(conn)
    finally:
        conn.close()


def _derived(db) -> str:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT * FROM articles_fts_terms ORDER BY term").fetchall()
        rows += conn.execute("SELECT * FROM articles_fts_stems ORDER BY key, term").fetchall()
    finally:
        conn.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_serve_rebuilds_nothing_on_an_archive_a_crawl_found_unchanged(tmp_path, capsys) -> None:
    db = tmp_path / "archive.db"
    rng = random.Random(3)
    articles = [synthetic_article(rng, n, slug=str(n), published=f"2026-01-0{1 + n % 9}") for n in range(30)]
    with Archive(db) as archive:
        archive.save_municipalities(
            [{"id": f"m{i}", "name": f"Kommun {i}", "country": "SE"} for i in range(3)]
        )
        for article in articles:
            archive.save_article(article)
    serve.prepare(db)
    assert "rebuilt the compound-word list" in capsys.readouterr().err  # the first serve builds them
    signature, stored = _fingerprint(db)
    assert signature == stored
    derived = _derived(db)

    with Archive(db) as archive:  # the next crawl: opens the file, finds every article unchanged
        for article in articles:
            assert archive.touch_article(article.url, "2026-02-01T00:00:00Z")
        archive.record_crawl(
            "m0", started="2026-02-01T00:00:00Z", finished="2026-02-01T00:01:00Z", pages_fetched=30,
            articles_found=30, articles_new=0, articles_updated=0, articles_unchanged=30, errors=0,
        )  # fmt: skip
    assert _fingerprint(db) == (signature, stored)
    files = [db, db.with_name("archive.db-wal")]
    before = [f.read_bytes() if f.exists() else b"" for f in files]
    serve.prepare(db)
    assert "rebuilt" not in capsys.readouterr().err
    assert [f.read_bytes() if f.exists() else b"" for f in files] == before  # serve wrote nothing
    assert _derived(db) == derived

    with Archive(db) as archive:  # an edited article does change the index: rebuilt once
        archive.save_article(synthetic_article(rng, 0, slug="0", published="2026-01-01"))
    serve.prepare(db)
    assert "rebuilt the compound-word list" in capsys.readouterr().err
