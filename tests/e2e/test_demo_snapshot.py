"""The demo archive does not change by accident: a crawl of the demo web equals the stored snapshot.

``demo_archive.json`` was written from ``muninews demo --no-serve`` before the code was reorganised
into crawl/, archive/, web/ and tools/, so this test is what "behaviour unchanged" means for the
whole article flow: every article, quote, contact, person, page record and crawl count, times and
row ids aside (:func:`tests.helpers.archive_snapshot`). A change that is *meant* to alter the
archive rewrites the snapshot in the same commit, and says why::

    python -m tests.e2e.test_demo_snapshot archive.db   # after muninews demo --no-serve
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.helpers import archive_snapshot

pytestmark = pytest.mark.e2e

SNAPSHOT = Path(__file__).with_name("demo_archive.json")


def _normalised(snapshot: dict) -> dict:
    return json.loads(json.dumps(snapshot, ensure_ascii=False))


@pytest.mark.parametrize("table", json.loads(SNAPSHOT.read_text(encoding="utf-8")).keys())
def test_demo_archive_equals_snapshot(demo_crawl, table: str) -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))[table]
    got = _normalised(archive_snapshot(demo_crawl.db))[table]
    missing = [row for row in expected if row not in got]
    extra = [row for row in got if row not in expected]
    assert not missing and not extra, f"{table}: missing {missing[:3]}, extra {extra[:3]}"


if __name__ == "__main__":
    SNAPSHOT.write_text(
        json.dumps(archive_snapshot(Path(sys.argv[1])), ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
