"""Dates: parsing, labelled lines, structured data, the fetch-date cap."""

from __future__ import annotations

import pytest

from scraper.extract.dates import extract_dates, parse_date
from scraper.extract.tree import parse_html

FETCHED_AT = "2026-03-20T08:00:00Z"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-05-30", "2018-05-30"),
        ("2018-05-30T10:15:00+02:00", "2018-05-30"),
        ("30 maj 2018", "2018-05-30"),
        ("3 juni 2018", "2018-06-03"),
        ("den 30 maj 2018 kl 10.15", "2018-05-30"),
        ("12 okt. 2025", "2025-10-12"),
        ("1 feb 2026", "2026-02-01"),
        ("12 March 2026", "2026-03-12"),
        ("12th March 2026", "2026-03-12"),
        ("March 12, 2026", "2026-03-12"),
        ("30.5.2018", "2018-05-30"),
        ("30/05/2018", "2018-05-30"),
        ("inget datum här", None),
        ("2018-02-30", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def _dates(body: str, head: str = "", fetched_at: str = FETCHED_AT, fallback: str | None = None):
    tree = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    return extract_dates(tree, fetched_at, fallback_published=fallback)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Publicerad 2018-05-30", ("2018-05-30", None)),
        ("Publicerad: 30 maj 2018", ("2018-05-30", None)),
        ("Publicerat den 30 maj 2018 kl 10.15", ("2018-05-30", None)),
        ("Sidan senast uppdaterad: 2018-05-30", (None, "2018-05-30")),
        ("Senast uppdaterad 3 juni 2018", (None, "2018-06-03")),
        ("Uppdaterad 3 juni 2018", (None, "2018-06-03")),
        ("Published 12 March 2026", ("2026-03-12", None)),
        ("Last updated: 14 March 2026", (None, "2026-03-14")),
        ("Posted on March 2, 2026", ("2026-03-02", None)),
        ("Publisert 02.03.2026", ("2026-03-02", None)),
    ],
)
def test_labelled_lines(line: str, expected: tuple) -> None:
    assert _dates(f"<main><p>Text.</p><p>{line}</p></main>") == expected


def test_label_and_date_in_separate_elements() -> None:
    assert _dates("<p><span>Publicerad</span> <time>2026-01-05</time></p>")[0] == "2026-01-05"


def test_published_and_updated_on_one_line() -> None:
    assert _dates("<p>Publicerad 2026-01-05, uppdaterad 2026-01-07</p>") == ("2026-01-05", "2026-01-07")


def test_meta_article_times() -> None:
    head = (
        '<meta property="article:published_time" content="2026-02-03T09:15:00+01:00">'
        '<meta property="article:modified_time" content="2026-02-05T14:02:11+01:00">'
    )
    assert _dates("<p>x</p>", head) == ("2026-02-03", "2026-02-05")


def test_time_elements_with_classes() -> None:
    body = (
        '<time class="entry-date published" datetime="2026-02-03">3 feb</time>'
        '<time class="updated" datetime="2026-02-04">'
    )
    assert _dates(body) == ("2026-02-03", "2026-02-04")


def test_json_ld() -> None:
    head = (
        '<script type="application/ld+json">'
        '{"datePublished": "2026-01-02", "dateModified": "2026-01-03T10:00"}</script>'
    )
    assert _dates("<p>x</p>", head) == ("2026-01-02", "2026-01-03")


def test_structured_beats_labelled() -> None:
    head = '<meta property="article:published_time" content="2026-02-03">'
    assert _dates("<p>Publicerad 2026-01-01</p>", head)[0] == "2026-02-03"


def test_dates_after_fetch_date_are_dropped() -> None:
    assert _dates("<p>Publicerad 2026-04-01</p>") == (None, None)


def test_cookie_expiry_in_script_is_ignored() -> None:
    body = (
        '<script>document.cookie="a=1; expires=Fri, 15 Jan 2027 00:00:00 GMT";'
        ' var d="Publicerad 2027-01-15";</script><p>x</p>'
    )
    assert _dates(body) == (None, None)


def test_fallback_capped_too() -> None:
    assert _dates("<p>x</p>", fallback="2027-01-15") == (None, None)
    assert _dates("<p>x</p>", fallback="2026-03-01") == ("2026-03-01", None)


def test_fallback_equal_to_updated_is_not_published() -> None:
    assert _dates("<p>Sidan senast uppdaterad: 2026-03-14</p>", fallback="2026-03-14") == (None, "2026-03-14")


def test_updated_before_published_is_dropped() -> None:
    assert _dates("<p>Publicerad 2026-03-10</p><p>Uppdaterad 2026-03-01</p>") == ("2026-03-10", None)


def test_dates_in_sidebar_widget_are_ignored() -> None:
    body = (
        "<aside><p>Publicerad 2026-03-01</p></aside>"
        '<div class="sv-archive-portlet"><p>Publicerad 2026-03-02</p></div>'
    )
    assert _dates(body) == (None, None)
