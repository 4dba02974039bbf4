"""Full-text search: the FTS5 indexes of ``articles`` and ``quotes``, and the reversed vocabulary.

* The ``articles_au`` trigger fires only ``AFTER UPDATE OF title, lead, body``: bumping ``last_seen``
  must not delete and re-insert the article in the full-text index.
* ``articles_fts_terms`` holds the index's words spelt backwards so the Datasette search can find
  compounds ending in a word (skola -> förskola); :func:`refresh_terms` rebuilds it.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3

import sqlite_utils

from scraper.archive import inflection
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
WEIGHTS: dict[str, tuple[float, ...]] = {
    "articles": (3.0, 2.0, 1.0),  # title, lead, body
    "quotes": (1.0, 2.0),  # text, speaker
}
ARTICLES_RANK = f"bm25({', '.join(map(str, WEIGHTS['articles']))})"
QUOTES_RANK = f"bm25({', '.join(map(str, WEIGHTS['quotes']))})"

FTS_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("title", "lead", "body"),
    "quotes": ("text", "speaker"),
}
FTS_RANK = {"articles": ARTICLES_RANK, "quotes": QUOTES_RANK}


def score_sql(table: str) -> str:
    """``rank`` as an expression on ``<table>_fts`` rows: ``bm25(<table>_fts, <the weights>)``.

    FTS5 computes an ``ORDER BY rank`` for every match; this expression in a SELECT is computed only
    for the rows the WHERE clause keeps.
    """
    return f"bm25({table}_fts, {', '.join(map(str, WEIGHTS[table]))})"


def _update_trigger_sql(table: str, columns: tuple[str, ...]) -> str:
    """``<table>_au``, narrowed to the FTS columns: a ``last_seen`` bump must not re-index the row.

    sqlite-utils creates ``<table>_au`` as ``AFTER UPDATE``; we keep its name and narrow it.
    """
    cols = ", ".join(columns)
    old = ", ".join(f"old.{c}" for c in columns)
    new = ", ".join(f"new.{c}" for c in columns)
    return (
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON {table} BEGIN\n"
        f"  INSERT INTO {table}_fts ({table}_fts, rowid, {cols}) VALUES('delete', old.rowid, {old});\n"
        f"  INSERT INTO {table}_fts (rowid, {cols}) VALUES (new.rowid, {new});\n"
        "END"
    )


@functools.cache
def expected_fts(tables_sql: str) -> dict[str, dict[str, str]]:
    """Per indexed table, the SQL of its FTS table and three triggers, exactly as SQLite stores it.

    Made once per process by sqlite-utils on an empty in-memory copy of the schema, so a file
    whose index sqlite-utils created (every archive so far) compares equal, text for text.
    """
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(tables_sql)
        db = sqlite_utils.Database(conn)
        out: dict[str, dict[str, str]] = {}
        for table, columns in FTS_COLUMNS.items():
            db.table(table).enable_fts(columns, create_triggers=True, tokenize=FTS_TOKENIZE)
            names = [f"{table}_fts", f"{table}_ai", f"{table}_ad"]
            rows = dict(
                conn.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({_marks(names)})", names)
            )
            out[table] = {name: rows[name] for name in names} | {
                f"{table}_au": _update_trigger_sql(table, columns)
            }
        return out
    finally:
        conn.close()


def _marks(values: list[str]) -> str:
    return ",".join("?" * len(values))


def _stored_sql(conn: sqlite3.Connection, names: list[str]) -> dict[str, str]:
    return dict(conn.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({_marks(names)})", names))


def _rank(conn: sqlite3.Connection, table: str) -> str | None:
    try:
        row = conn.execute(f"SELECT v FROM {table}_fts_config WHERE k = 'rank'").fetchone()
    except sqlite3.OperationalError:  # no index yet
        return None
    return str(row[0]) if row else None


def fts_pending(conn: sqlite3.Connection, tables_sql: str) -> list[str]:
    """What the full-text set-up lacks (index, trigger, ranking), as readable notes; [] if nothing.

    Only reads: a reader (``muninews serve``) calls it to decide whether it must write at all.
    """
    notes = []
    for table, wanted in expected_fts(tables_sql).items():
        have = _stored_sql(conn, list(wanted))
        notes += [f"{name} missing" if name not in have else f"{name} differs"
                  for name, sql in wanted.items() if have.get(name) != sql]  # fmt: skip
        if _rank(conn, table) != FTS_RANK[table]:
            notes.append(f"{table}_fts ranking differs")
    return notes


def ensure_fts(db: sqlite_utils.Database, tables_sql: str) -> None:
    """Create or repair both indexes, their triggers and ranking, writing only what differs.

    Runs inside the caller's ``BEGIN IMMEDIATE`` transaction, after every table has its columns.
    An index created now, or one that lacked a trigger (so may have missed writes), is rebuilt
    from its table. The ``rank`` setting is written only when it differs: writing it, even
    unchanged, invalidates every other connection's prepared statements ("SQL logic error" in a
    Datasette serving the file) and changes the structure record :func:`refresh_terms` hashes.
    """
    conn = db.conn
    for table, wanted in expected_fts(tables_sql).items():
        have = _stored_sql(conn, list(wanted))
        rebuild = False
        if have.get(f"{table}_fts") != wanted[f"{table}_fts"]:
            for name in wanted:
                kind = "TABLE" if name.endswith("_fts") else "TRIGGER"
                conn.execute(f"DROP {kind} IF EXISTS {name}")
            have, rebuild = {}, True
        for name, sql in wanted.items():
            if have.get(name) == sql:
                continue
            if name in have:
                conn.execute(f"DROP TRIGGER {name}")
            elif not name.endswith("_fts"):
                rebuild = True  # a trigger was missing: writes may not have reached the index
            conn.execute(_if_not_exists(sql))
        if rebuild:
            conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
        if _rank(conn, table) != FTS_RANK[table]:
            conn.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('rank', ?)", [FTS_RANK[table]])


def _if_not_exists(sql: str) -> str:
    for kind in ("CREATE VIRTUAL TABLE ", "CREATE TRIGGER "):
        if sql.startswith(kind):
            return kind + "IF NOT EXISTS " + sql[len(kind) :]
    raise ValueError(f"unexpected FTS statement: {sql[:40]}")


def _terms_signature(conn: sqlite3.Connection) -> tuple[str, str | None]:
    """(hash of the index's structure record, the hash stored at the last refresh)."""
    block = conn.execute("SELECT block FROM articles_fts_data WHERE id = 10").fetchone()
    signature = hashlib.sha256(block[0] if block else b"").hexdigest()
    stored = conn.execute(
        "SELECT value FROM articles_fts_terms_state WHERE key = 'structure_sha256'"
    ).fetchone()
    return signature, (stored[0] if stored else None)


def terms_stale(conn: sqlite3.Connection) -> bool:
    """Whether ``articles_fts_terms`` may be out of date (reads only; see :func:`refresh_terms`)."""
    signature, stored = _terms_signature(conn)
    return signature != stored


def refresh_terms(db: sqlite_utils.Database) -> bool:
    """Rebuild ``articles_fts_terms`` if ``articles_fts`` changed since the last refresh.

    The full-text index's structure record (``articles_fts_data`` row 10) changes with every write
    to the index, so its hash tells whether the vocabulary can be stale. Reading the vocabulary
    walks the whole index (seconds per GB): ``muninews serve`` calls this before Datasette opens
    the file, not the crawler after every article. Returns True if the table was rebuilt.
    """
    signature, stored = _terms_signature(db.conn)
    if stored == signature:
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
        fill_stems(db.conn)
        db.execute(
            "INSERT OR REPLACE INTO articles_fts_terms_state (key, value) VALUES ('structure_sha256', ?)",
            [signature],
        )
    return True


def fill_stems(conn: sqlite3.Connection) -> None:
    """Rebuild ``articles_fts_stems`` from ``articles_fts_terms`` (inside the caller's transaction).

    Each word under its key in every language (:mod:`scraper.archive.inflection`). Words with a
    digit are left out: numbers do not inflect.
    """
    conn.execute("DELETE FROM articles_fts_stems")
    terms = [
        t for (t,) in conn.execute("SELECT term FROM articles_fts_terms") if not any(c.isdigit() for c in t)
    ]
    conn.executemany(
        "INSERT OR IGNORE INTO articles_fts_stems (key, term) VALUES (?, ?)",
        ((k, term) for term in terms for k in inflection.keys(term)),
    )


def integrity_check(db: sqlite_utils.Database) -> None:
    """Raise ``sqlite3.DatabaseError`` if a full-text index has drifted from its table.

    Catches missing triggers, double-populated indexes and ``INSERT OR REPLACE`` by a writer
    without ``recursive_triggers``. The ``rank`` argument 1 makes FTS5 compare against the
    content table, not only check its own structure.
    """
    for table in FTS_COLUMNS:
        db.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)")
    db.conn.commit()
