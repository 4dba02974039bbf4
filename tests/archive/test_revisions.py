"""Revisions: trivial-change detection and the word-level diff (pure), the revisit schedule (pure),
and how the archive keeps earlier versions (on tmp_path databases)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.archive import NEW, UNCHANGED, UPDATED, Archive, revisions
from scraper.crawl.revisit import Schedule, is_due
from scraper.items import Article, Capture

# -- trivial changes ------------------------------------------------------------------------------

BODY = "Kommunen bygger en ny skola.\n\nDen ska stå klar 2027, säger kommunchef Anna Ek."


@pytest.mark.parametrize(
    "new_body",
    [
        BODY.replace("\n\n", "\n\n\n"),  # whitespace
        BODY.replace("skola.", "skola"),  # punctuation
        BODY.replace("Kommunen", "kommunen"),  # case
        BODY + "\n\nSidan senast uppdaterad: 2026-03-14",  # a "last updated" line
        BODY + "\n\nLast updated 14 March 2026",
    ],
)
def test_trivial_changes(new_body: str) -> None:
    assert revisions.is_trivial_change({"title": "T", "body": BODY}, {"title": "T", "body": new_body})


@pytest.mark.parametrize(
    "new_body",
    [
        BODY.replace("2027", "2028"),
        BODY.replace("en ny skola", "ingen ny skola"),
        BODY.replace("Anna Ek", "Bo Lind"),
    ],
)
def test_real_edits_are_not_trivial(new_body: str) -> None:
    assert not revisions.is_trivial_change({"title": "T", "body": BODY}, {"title": "T", "body": new_body})


def test_title_change_is_an_edit() -> None:
    assert not revisions.is_trivial_change({"title": "Ny skola"}, {"title": "Ny förskola"})


# -- the diff -------------------------------------------------------------------------------------


def test_diff_marks_words() -> None:
    html = revisions.diff_html("Den ska stå klar 2027.", "Den ska stå klar 2028.")
    assert html == "Den ska stå klar <del>2027.</del><ins>2028.</ins>"


def test_diff_escapes_everything() -> None:
    html = revisions.diff_html("<b>a</b> & b", "<script>alert(1)</script> & b")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html


def test_diff_keeps_paragraphs() -> None:
    assert "\n\n" in revisions.diff_html("a\n\nb", "a\n\nc")


def test_word_counts() -> None:
    assert revisions.word_counts("a b c", "a x c d") == (1, 2)


# -- the revisit schedule -------------------------------------------------------------------------

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("published", "last_seen", "due"),
    [
        ("2026-05-31", "2026-05-31T11:00:00Z", True),  # a day old, checked a day ago: daily
        ("2026-05-31", "2026-06-01T06:00:00Z", False),  # checked this morning
        ("2025-06-01", "2026-05-20T00:00:00Z", False),  # a year old, checked 12 days ago: monthly
        ("2025-06-01", "2026-04-30T00:00:00Z", True),  # a year old, checked a month ago
        ("2026-03-01", "2026-05-28T00:00:00Z", False),  # three months old: about weekly
        ("2026-03-01", "2026-05-24T00:00:00Z", True),
    ],
)
def test_schedule_slows_with_age(published: str, last_seen: str, due: bool) -> None:
    assert is_due({"published": published, "last_seen": last_seen}, NOW, Schedule()) is due


def test_sitemap_lastmod_makes_an_article_due() -> None:
    known = {"published": "2025-06-01", "last_seen": "2026-05-31T00:00:00Z"}
    assert not is_due(known, NOW, Schedule())
    assert is_due(known, NOW, Schedule(), hint="2026-06-01")
    assert not is_due(known, NOW, Schedule(), hint="2026-01-01")


# -- revisions in the archive ---------------------------------------------------------------------


def capture(n: int, digest: str | None = None) -> Capture:
    return Capture(
        url="https://www.ale.se/nyheter/skola",
        fetched_at=f"2026-0{n}-01T00:00:00Z",
        status=200,
        payload_sha256=digest or f"{n:064d}",
        warc_file="x.warc.gz",
        warc_offset=n * 100,
        warc_length=100,
        warc_record_id=f"<urn:uuid:{n}>",
    )


def version(n: int, body: str, digest: str | None = None) -> Article:
    return Article(
        url="https://www.ale.se/nyheter/skola",
        municipality_id="ale",
        title="Ny skola",
        body=body,
        published="2026-01-01",
        fetched_at=f"2026-0{n}-01T00:00:00Z",
        capture=capture(n, digest),
    )


@pytest.fixture
def archive(tmp_path: Path):
    arch = Archive(tmp_path / "archive.db")
    yield arch
    arch.close()


def rows(arch: Archive, sql: str) -> list[tuple]:
    return arch.db.execute(sql).fetchall()


def test_edit_keeps_the_earlier_version(archive: Archive) -> None:
    assert archive.save_article(version(1, BODY)) == NEW
    assert archive.save_article(version(2, BODY.replace("2027", "2028"))) == UPDATED
    revs = rows(
        archive, "SELECT version, body, trivial, changed_fields, captured_at, replaced_at FROM revisions"
    )
    assert revs == [(1, BODY, 0, "body", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")]
    assert rows(archive, "SELECT version, revision_count FROM articles") == [(2, 1)]
    archive.fts_integrity_check()


def test_unchanged_page_makes_no_revision(archive: Archive) -> None:
    archive.save_article(version(1, BODY))
    assert archive.save_article(version(2, BODY)) == UNCHANGED
    assert rows(archive, "SELECT count(*) FROM revisions") == [(0,)]
    # ... but the article now points at the newest capture
    assert rows(archive, "SELECT c.fetched_at FROM articles a JOIN captures c ON c.id = a.capture_id") == [
        ("2026-02-01T00:00:00Z",)
    ]


def test_trivial_change_is_flagged_not_counted(archive: Archive) -> None:
    archive.save_article(version(1, BODY))
    archive.save_article(version(2, BODY + "\n\nSidan senast uppdaterad: 2026-02-01"))
    assert rows(archive, "SELECT trivial FROM revisions") == [(1,)]
    assert rows(archive, "SELECT version, revision_count FROM articles") == [(2, 0)]


def test_same_capture_read_differently_is_no_revision(archive: Archive) -> None:
    # Re-extraction of the same capture (a newer extractor): update in place, no revision.
    archive.save_article(version(1, BODY))
    assert archive.save_article(version(1, BODY + " Mer text.")) == UPDATED
    assert rows(archive, "SELECT count(*) FROM revisions") == [(0,)]


def test_same_bytes_in_a_new_capture_is_no_revision(archive: Archive) -> None:
    archive.save_article(version(1, BODY, digest="a" * 64))
    archive.save_article(version(2, BODY + " Mer text.", digest="a" * 64))
    assert rows(archive, "SELECT count(*) FROM revisions") == [(0,)]


def test_removed_is_marked_never_deleted_and_can_come_back(archive: Archive) -> None:
    archive.save_article(version(1, BODY))
    url = "https://www.ale.se/nyheter/skola"
    assert archive.mark_removed(url, "2026-03-05T10:00:00Z", "HTTP 410")
    assert not archive.mark_removed(url, "2026-04-05T10:00:00Z", "HTTP 404")  # the first date is kept
    assert rows(archive, "SELECT removed, removed_reason, body IS NOT NULL FROM articles") == [
        ("2026-03-05", "HTTP 410", 1)
    ]
    assert archive.touch_article(url, "2026-05-01T00:00:00Z")
    assert rows(archive, "SELECT removed, last_seen FROM articles") == [(None, "2026-05-01T00:00:00Z")]


def test_known_articles_is_read_only_and_carries_validators(archive: Archive, tmp_path: Path) -> None:
    cap = replace(capture(1), etag='"abc"', last_modified="Wed, 01 Jan 2026 00:00:00 GMT")
    article = version(1, BODY)
    article.capture = cap
    archive.save_article(article)
    known = Archive.known_articles(tmp_path / "archive.db", ["ale"])
    facts = known["https://www.ale.se/nyheter/skola"]
    assert facts["etag"] == '"abc"' and facts["payload_sha256"] == cap.payload_sha256
    assert Archive.known_articles(tmp_path / "missing.db", ["ale"]) == {}
    assert not (tmp_path / "missing.db").exists()
