"""People in use: the person canned query, index use, and archives written before the people table."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from scraper.archive import INDEXES_SQL, TABLES_SQL, Archive
from scraper.items import Article, Contact, Quote
from scraper.web.serve import make_datasette
from tests.helpers import numbered_article, people, person, roles, two_quotes

KRISTOFER = "kristofer.svensson@uppsala.se"


@pytest.fixture
def archive(tmp_path: Path):
    arch = Archive(tmp_path / "archive.db")
    arch.save_municipalities(
        [{"id": "uppsala", "name": "Uppsala kommun"}, {"id": "ale", "name": "Ale kommun"}]
    )
    yield arch
    arch.close()


def person_query(db: Path, name: str) -> list[dict[str, Any]]:
    ds = make_datasette(db)
    response = asyncio.run(ds.client.get(f"/archive/person.json?name={quote(name)}&_shape=array"))
    assert response.status_code == 200, response.text
    return response.json()


def test_person_query_role_at_the_time(archive: Archive) -> None:
    two_quotes(archive)  # kommunalråd in 2023, kommunstyrelsens ordförande in 2024
    archive.save_article(
        numbered_article(3, "2023-06-01", quotes=[Quote(0, "Utan roll", "Kristofer Svensson")])
    )  # no role given anywhere in the article: the role recorded around that date
    archive.save_article(
        numbered_article(
            4,
            "2024-10-01",
            quotes=[Quote(0, "Roll i kontaktrutan", "Kristofer Svensson")],
            contacts=[
                Contact(name="Kristofer Svensson", role="ordförande", email=KRISTOFER, phone="+4618727000")
            ],
        )
    )  # the role from this article's contact box
    hits = person_query(archive.path, "kristofer")
    assert [(h["published"], h["role_at_the_time"]) for h in hits] == [
        ("2023-02-01", "kommunalråd"),
        ("2023-06-01", "kommunalråd"),
        ("2024-09-15", "kommunstyrelsens ordförande"),
        ("2024-10-01", "ordförande"),
    ]
    assert {(h["email"], h["phone"], h["latest_role"]) for h in hits} == {
        (KRISTOFER, "+4618727000", "ordförande")
    }


def test_person_query_contact_only_and_swedish_letters(archive: Archive) -> None:
    archive.save_article(
        numbered_article(
            1, "2024-01-01", contacts=[Contact(name="Åsa Öberg", role="presskommunikatör", email="asa@u.se")]
        )
    )
    for typed in ("Åsa", "åsa öberg", "Öberg"):
        hits = person_query(archive.path, typed)
        assert [(h["name"], h["quote"], h["email"], h["latest_role"]) for h in hits] == [
            ("Åsa Öberg", None, "asa@u.se", "presskommunikatör")
        ], typed
    assert person_query(archive.path, "") == []


# -- performance: save_article looks people up through indexes ------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT id FROM people WHERE municipality_id = 'u' AND name_key = 'x'",
        "SELECT id, name_key FROM people WHERE municipality_id = 'u' AND email = 'x'",
        "SELECT 1 FROM quotes WHERE person_id = 1",
        "SELECT 1 FROM contacts WHERE person_id = 1",
        "SELECT p.id FROM contacts c JOIN articles a ON a.id = c.article_id JOIN people p ON p.id = c.person_id "
        "WHERE c.email = 'x' AND a.municipality_id = 'u'",
    ],
)
def test_lookups_use_indexes(archive: Archive, sql: str) -> None:
    plan = " ".join(r[3] for r in archive.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert "SEARCH" in plan and "SCAN" not in plan, plan


# -- an archive written before the people table ---------------------------------------------------


def old_schema() -> str:
    """The schema as it was before people: no people tables, no person_id columns or indexes."""
    tables = re.sub(
        r"CREATE TABLE IF NOT EXISTS (people|person_roles) \(.*?\n\);\n", "", TABLES_SQL, flags=re.S
    )
    tables = re.sub(r",\n\s*person_id [^\n]*", "", tables)
    indexes = "\n".join(
        line for line in INDEXES_SQL.splitlines() if "person" not in line and "people" not in line
    )
    assert "person" not in tables and "people" not in tables
    return tables + indexes


@pytest.fixture
def old_archive(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(old_schema())
    conn.executescript(
        """
        INSERT INTO municipalities (id, name) VALUES ('uppsala', 'Uppsala kommun'), ('ale', 'Ale kommun');
        INSERT INTO articles (id, municipality_id, url, title, published, first_seen, last_seen, content_hash)
        VALUES (1, 'uppsala', 'https://u.se/1', 'Ett', '2023-01-01', 'x', 'x', 'h1'),
               (2, 'uppsala', 'https://u.se/2', 'Två', '2024-01-01', 'x', 'x', 'h2'),
               (3, 'ale', 'https://a.se/3', 'Tre', '2024-02-01', 'x', 'x', 'h3');
        INSERT INTO quotes (article_id, position, text, speaker, role)
        VALUES (1, 0, 'Vi bygger', 'Kristofer Svensson', 'kommunalråd'),
               (2, 0, 'Vi sparar', 'Kristofer Svensson', 'ordförande'),
               (2, 1, 'Utan namn', NULL, NULL),
               (3, 0, 'Hej', 'Kristofer Svensson', NULL);
        INSERT INTO contacts (article_id, position, name, email)
        VALUES (2, 0, 'Kristoffer Svensson', 'kristofer.svensson@uppsala.se'),
               (1, 0, 'Kristofer Svensson', 'kristofer.svensson@uppsala.se');
        """
    )
    conn.commit()
    conn.close()
    return path


def test_migration_adds_columns_and_links_nothing(old_archive: Path) -> None:
    with Archive(old_archive) as arch:
        for table in ("quotes", "contacts"):
            assert "person_id" in arch.db[table].columns_dict
            fks = {(fk.column, fk.other_table) for fk in arch.db[table].foreign_keys}
            assert ("person_id", "people") in fks
            assert ["person_id"] in [i.columns for i in arch.db[table].indexes]
        assert people(arch) == []
        assert arch.db.execute("SELECT count(*) FROM quotes WHERE person_id IS NOT NULL").fetchone()[0] == 0
        assert arch.db.execute("SELECT count(*) FROM contacts WHERE person_id IS NOT NULL").fetchone()[0] == 0
        arch.fts_integrity_check()


def test_migration_then_link_people(old_archive: Path) -> None:
    with Archive(old_archive) as arch:
        assert arch.link_people(batch_size=1) == 5  # 3 + 1 speakers, 2 contacts; not the unnamed quote
        assert [
            (p["municipality_id"], p["name"], p["quote_count"], p["contact_count"]) for p in people(arch)
        ] == [
            ("uppsala", "Kristofer Svensson", 2, 2),  # Kristoffer joins by e-mail: article 1 is linked first
            ("ale", "Kristofer Svensson", 1, 0),
        ]
        kid = person(arch, "Kristofer Svensson")["id"]
        assert roles(arch, kid) == [
            ("kommunalråd", "2023-01-01", "2023-01-01", 1),
            ("ordförande", "2024-01-01", "2024-01-01", 1),
        ]
        assert arch.db.execute("SELECT person_id FROM quotes WHERE speaker IS NULL").fetchone()[0] is None
        assert arch.link_people() == 0  # idempotent
        assert arch.db.execute("PRAGMA foreign_key_check").fetchall() == []
        arch.fts_integrity_check()


def test_migration_links_on_recrawl(old_archive: Path) -> None:
    """An unchanged re-crawl of an old article links its rows without calling it an update."""
    with Archive(old_archive) as arch:
        conn = arch.db.conn
        conn.execute("UPDATE articles SET content_hash = ? WHERE id = 3", ["placeholder"])
        conn.commit()
        row = arch.db.execute("SELECT * FROM articles WHERE id = 3").fetchone()
        assert row is not None
        saved = arch.save_article(
            Article(
                url="https://a.se/3",
                municipality_id="ale",
                title="Tre",
                published="2024-02-01",
                quotes=[Quote(0, "Hej", "Kristofer Svensson")],
            )
        )
        assert saved == "updated"  # the hand-made hash differs; either way the quote is linked
        assert person(arch, "Kristofer Svensson", "ale")["quote_count"] == 1
