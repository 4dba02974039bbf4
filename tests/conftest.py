"""Shared fixtures: the demo web on loopback and one real crawl of it per session.

The crawl runs in a subprocess through the real CLI (a second in-process crawl would hit
Twisted's ReactorNotRestartable), against the same demo sites `muninews demo` serves.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scraper import registry
from scraper.demo.server import DemoWeb, load_expected
from tests.helpers import Crawl, crawl_into


@pytest.fixture(scope="session")
def crawl_cli():
    """``crawl_cli(db, *args)`` runs ``muninews crawl`` in a subprocess and returns a Crawl."""
    return crawl_into


@pytest.fixture(scope="session")
def demo_web():
    with DemoWeb(base_port=0) as web:
        yield web


@pytest.fixture(scope="session")
def expected():
    return load_expected()


@pytest.fixture(scope="session")
def demo_registry(demo_web, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "demo.json"
    registry.save_registry(
        [
            registry.Municipality(
                id=s.id,
                name=s.name,
                homepage=s.homepage,
                country=s.country,
                latitude=s.latitude,
                longitude=s.longitude,
            )
            for s in demo_web.sites
        ],
        path,
    )
    return path


@pytest.fixture(scope="session")
def demo_crawl(demo_registry, tmp_path_factory) -> Crawl:
    db = tmp_path_factory.mktemp("crawl") / "archive.db"
    crawl = crawl_into(db, "--all", "-s", f"MUNINEWS_REGISTRY={demo_registry}")
    assert crawl.returncode == 0, crawl.log[-4000:]
    return crawl


@pytest.fixture(scope="session")
def demo_recrawl(demo_crawl, demo_registry, tmp_path_factory) -> Crawl:
    """The same crawl again into a copy of the archive: must change nothing.

    A copy (database and captures), so tests of the first crawl see it as it was whatever order
    they run in.
    """
    copy = tmp_path_factory.mktemp("recrawl") / demo_crawl.db.name
    shutil.copy2(demo_crawl.db, copy)
    captures = demo_crawl.db.with_suffix(".captures")
    if captures.exists():
        shutil.copytree(captures, copy.with_suffix(".captures"))
    again = crawl_into(copy, "--all", "-s", f"MUNINEWS_REGISTRY={demo_registry}")
    assert again.returncode == 0, again.log[-4000:]
    return again
