"""Many readers on a served archive while a writer adds articles: no reader ever gets an error.

The bounded version of ``python -m scraper.tools.loadbench`` (50 clients × 30 s on 100,000 articles,
figures in the README): the real ``muninews serve`` in a subprocess, concurrent clients over the
pages visitors use, and articles written into the same file through the archive writer meanwhile.
It caught the search page's facet arrays read across a write (HTTP 500 on /-/search).
"""

from __future__ import annotations

from pathlib import Path

from scraper.tools import loadbench
from scraper.tools.servebench import build_archive, served
from scraper.tools.server import free_port


def test_readers_get_no_errors_while_a_writer_adds_articles(tmp_path: Path) -> None:
    db = build_archive(tmp_path / "archive.db", 300)
    port = free_port()
    with served(db, port):
        load = loadbench.run_load(db, port, clients=12, seconds=4, ids=300)
    assert load.written > 20, "the writer must really have written during the load"
    assert set(load.seconds) == {kind for kind, _ in loadbench.PAGES}
    assert load.requests > 50
    assert load.errors == [], loadbench.report(load, 4)
