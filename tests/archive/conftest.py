"""The archive on a tmp_path file with one municipality (modules with other needs define their own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.archive import Archive


@pytest.fixture
def archive(tmp_path: Path):
    arch = Archive(tmp_path / "archive.db")
    arch.save_municipalities([{"id": "uppsala", "name": "Uppsala", "country": "SE"}])
    yield arch
    arch.close()
