"""Docs that tests keep honest: every command option and every table is in the README."""

from __future__ import annotations

import argparse
import re
import sqlite3
from pathlib import Path

from scraper import cli
from scraper.archive import Archive

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _subparsers():
    parser = cli.build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def test_every_command_is_documented():
    for name in _subparsers():
        assert f"muninews {name}" in README, name


def test_every_crawl_option_is_documented():
    crawl = _subparsers()["crawl"]
    for action in crawl._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag not in ("--help", "--set"):
                assert flag in README, flag


def test_every_table_is_documented(tmp_path):
    Archive(tmp_path / "a.db").close()
    conn = sqlite3.connect(tmp_path / "a.db")
    tables = [
        r[0]
        for r in conn.execute("select name from sqlite_master where type='table' and name not like '%fts%'")
        if not r[0].startswith("sqlite_")
    ]
    for table in tables:
        assert f"`{table}`" in README, table


def test_every_muninews_setting_is_documented():
    from scraper import settings

    for name in dir(settings):
        if name.startswith("MUNINEWS_"):
            assert f"`{name}`" in README, name


def test_quick_start_commands():
    assert "python3 run.py demo" in README and "python3 run.py test" in README
    assert "python3 run.py test" in (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()


CONTRIBUTING = (Path(__file__).resolve().parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_names_only_files_that_exist():
    """Every concrete path CONTRIBUTING.md sends a newcomer to is there (placeholders like <page> aside)."""
    root = Path(__file__).resolve().parent.parent
    paths = set(re.findall(r"`((?:scraper|tests)/[^`\s]+)`", CONTRIBUTING))
    assert len(paths) > 20
    missing = [p for p in sorted(paths) if "<" not in p and "*" not in p and not (root / p).exists()]
    assert not missing, missing


def test_contributing_answers_each_change_in_three_files_or_fewer():
    sections = re.findall(r"\*\*A new ([^*]+?)\.?\*\*(.*?)(?=\n\*\*A new |\n## )", CONTRIBUTING, re.S)
    kinds = {kind.split(" (")[0] for kind, _ in sections}
    assert {"CMS", "extracted field", "page in the web interface", "source kind"} <= kinds
    for kind, text in sections:
        numbered = re.findall(r"^\d\. ", text, re.M)
        assert len(numbered) <= 3, kind
