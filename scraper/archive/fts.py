"""Full-text search: the FTS5 indexes of ``articles`` and ``quotes``, and the reversed vocabulary.

* The ``articles_au`` trigger fires only ``AFTER UPDATE OF title, lead, body``: bumping ``last_seen``
  must not delete and re-insert the article in the full-text index.
* ``articles_fts_terms`` holds the index's words spelt backwards so the Datasette search can find
  compounds ending in a word (skola -> förskola); :func:`refresh_terms` rebuilds it.
"""

from __future__ import annotations

import hashlib

import sqlite_utils

from scraper.archive.connection import transaction

# Tokenizer for both full-text indexes. Swedish å, ä and ö are letters of their own, not accented
# a and o: "får" (gets / sheep) and "far" (father), "för" and "for", "äta" and "åta" are different words.
# The default unicode61 tokenizer (remove_diacritics 1) folds them together, so a search for "far"
# would drown in "får". "remove_diacritics 0" keeps them distinct while still folding case
# ("Förskola" is found by "förskola"). Porter stemming is English-only and would mangle Swedish;
# trigram would find "skola" inside "förskola" but costs ~5x the index size on article bodies.
# Prefix queries ("skol*") cover most of what journalists need from compounds' first parts.
FTS_TOKENIZE = "unicode61 remove_diacritics 0"

# Weights for bm25() used by "ORDER BY rank" everywhere (canned queries included): a word in the
# title says more about what an article is about than the same word deep in the body.
ARTICLES_RANK = "bm25(3.0, 2.0, 1.0)"  # title, lead, body
QUOTES_RANK = "bm25(1.0, 2.0)"  # text, speaker

FTS_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("title", "lead", "body"),
    "quotes": ("text", "speaker"),
}
FTS_RANK = {"articles": ARTICLES_RANK, "quotes": QUOTES_RANK}


def ensure_fts(db: sqlite_utils.Database) -> None:
    """Create (or repair) both indexes with their triggers and ranking.

    Runs after every table has its foreign keys (transform/add_foreign_key drop the triggers).
    ``replace=True`` is a no-op when the index and triggers are already right and rebuilds them
    when a tool dropped the triggers.
    """
    for table, columns in FTS_COLUMNS.items():
        db.table(table).enable_fts(columns, create_triggers=True, tokenize=FTS_TOKENIZE, replace=True)
        narrow_update_trigger(db, table, columns)
        db.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('rank', ?)", [FTS_RANK[table]])


def narrow_update_trigger(db: sqlite_utils.Database, table: str, columns: tuple[str, ...]) -> None:
    """Re-index a row only when an indexed column is written, not on every ``last_seen`` bump.

    sqlite-utils creates ``<table>_au`` as ``AFTER UPDATE``; we keep its name (so
    ``enable_fts(replace=True)`` still recognises the set-up) and narrow it to the FTS columns.
    """
    cols = ", ".join(columns)
    old = ", ".join(f"old.{c}" for c in columns)
    new = ", ".join(f"new.{c}" for c in columns)
    sql = (
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON {table} BEGIN\n"
        f"  INSERT INTO {table}_fts ({table}_fts, rowid, {cols}) VALUES('delete', old.rowid, {old});\n"
        f"  INSERT INTO {table}_fts (rowid, {cols}) VALUES (new.rowid, {new});\n"
        "END"
    )
    current = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [f"{table}_au"]
    ).fetchone()
    if current and current[0] == sql:
        return
    with transaction(db):
        db.execute(f"DROP TRIGGER IF EXISTS {table}_au")
        db.execute(sql)


def refresh_terms(db: sqlite_utils.Database) -> bool:
    """Rebuild ``articles_fts_terms`` if ``articles_fts`` changed since the last refresh.

    The full-text index's structure record (``articles_fts_data`` row 10) changes with every write
    to the index, so its hash tells whether the vocabulary can be stale. Reading the vocabulary
    walks the whole index (seconds per GB): ``muninews serve`` calls this before Datasette opens
    the file, not the crawler after every article. Returns True if the table was rebuilt.
    """
    block = db.execute("SELECT block FROM articles_fts_data WHERE id = 10").fetchone()
    signature = hashlib.sha256(block[0] if block else b"").hexdigest()
    stored = db.execute(
        "SELECT value FROM articles_fts_terms_state WHERE key = 'structure_sha256'"
    ).fetchone()
    if stored and stored[0] == signature:
        return False
    with transaction(db):
        db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_fts_vocab USING fts5vocab(main, articles_fts, row)"
        )
        db.execute("DELETE FROM articles_fts_terms")
        db.conn.executemany(
            "INSERT INTO articles_fts_terms (term, reversed, documents) VALUES (?, ?, ?)",
            (
                (term, term[::-1], docs)
                for term, docs in db.conn.execute("SELECT term, doc FROM temp.articles_fts_vocab")
            ),
        )
        db.execute(
            "INSERT OR REPLACE INTO articles_fts_terms_state (key, value) VALUES ('structure_sha256', ?)",
            [signature],
        )
    return True


def integrity_check(db: sqlite_utils.Database) -> None:
    """Raise ``sqlite3.DatabaseError`` if a full-text index has drifted from its table.

    Catches missing triggers, double-populated indexes and ``INSERT OR REPLACE`` by a writer
    without ``recursive_triggers``. The ``rank`` argument 1 makes FTS5 compare against the
    content table, not only check its own structure.
    """
    for table in FTS_COLUMNS:
        db.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)")
    db.conn.commit()
