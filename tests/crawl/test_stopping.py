"""Units of the stop path: which errors mean an unwritable archive, the words of a crawl's ending,
and which homepages are refused before a crawl starts."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from scraper.crawl.losses import ending_notes, error_words
from scraper.crawl.stopping import storage_failure
from scraper.runner import url_problem


@pytest.mark.parametrize(
    ("exc", "cause"),
    [
        (sqlite3.OperationalError("database or disk is full"), "disk full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (sqlite3.OperationalError("database is locked"), "database is locked by another process"),
        (sqlite3.OperationalError("disk I/O error"), "disk I/O error"),
        (OSError(errno.ENOSPC, "No space left on device"), "disk full"),
        (OSError(errno.EROFS, "Read-only file system"), "read-only file system"),
        (sqlite3.OperationalError("no such table: articles"), None),  # a bug, not the disk
        (sqlite3.DatabaseError("file is not a database"), None),  # a foreign file: a usage error
        (OSError(errno.ECONNREFUSED, "Connection refused"), None),
        (ValueError("disk is full"), None),
    ],
)
def test_storage_failure_names_only_storage_causes(exc: BaseException, cause: str | None) -> None:
    assert storage_failure(exc) == cause


def test_ending_notes() -> None:
    assert ending_notes("finished") == []
    assert ending_notes("shutdown") == ["crawl interrupted (Ctrl-C or SIGTERM)"]
    assert ending_notes("archive_unwritable", "disk full") == [
        "crawl stopped: archive unwritable (disk full)"
    ]
    assert ending_notes("closespider_timeout") == ["crawl ended: closespider_timeout"]


def test_error_words() -> None:
    assert error_words("DownloadConnectionRefusedError") == "connection refused"
    assert error_words("CannotResolveHostError") == "DNS lookup failed"
    assert error_words("DownloadTimeoutError") == "timed out"
    assert error_words("SomethingNew") == "SomethingNew"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://www.example.se/", None),
        ("http://127.0.0.1:8080/nyheter/", None),
        ("htp://www.example.se/", "scheme 'htp'"),
        ("www.example.se", "no scheme"),
        ("ftp://example.se/", "scheme 'ftp'"),
        ("http:///nyheter/", "no host name"),
        ("http://example.se:http/", "not a URL"),
    ],
)
def test_url_problem(url: str, problem: str | None) -> None:
    found = url_problem(url)
    assert (found is None) if problem is None else (found is not None and problem in found)
