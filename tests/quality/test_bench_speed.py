"""``bench speed`` refuses to run without real pages and prints what it measured, on a tiny corpus written
here (project pages and an ``evaldata.json`` in ``tmp_path``); the real corpus is never read by tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scraper.tools.bench.__main__ import main
from scraper.tools.bench.speed import format_speed, measure_speed

PAGES = Path(__file__).resolve().parents[1] / "pages"


def test_refuses_without_a_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speed", "--corpus", str(tmp_path / "absent")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("bench speed: no .html pages in") and "\n" not in err


def test_refuses_an_empty_folder(tmp_path: Path) -> None:
    assert main(["speed", "--corpus", str(tmp_path)]) == 2


def _corpus(tmp_path: Path) -> Path:
    names = ["sitevision-article.html", "wordpress-article.html"]
    tmp_path.mkdir(exist_ok=True)
    evaldata = {}
    for n, name in enumerate(names):
        shutil.copy(PAGES / name, tmp_path / name)
        evaldata[f"https://www.ekeby.example/nyheter/{n}"] = {
            "file": name,
            "with": ["kommun"],
            "without": ["x" * 40],
        }
    (tmp_path / "evaldata.json").write_text(json.dumps(evaldata), encoding="utf-8")
    return tmp_path


def test_prints_ratio_percentiles_and_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speed", "--corpus", str(_corpus(tmp_path)), "--rounds", "1"]) == 0
    out = capsys.readouterr().out
    article = next(line for line in out.splitlines() if "extract_article" in line)
    assert "×" in article and "p50" in article and "p95" in article and "max" in article
    assert "with kept" in out and "without dropped" in out
    assert "muninews" in out and "trafilatura" in out


def test_times_every_page_every_round(tmp_path: Path) -> None:
    files = sorted(_corpus(tmp_path).glob("*.html"))
    result = measure_speed(files, rounds=2)
    assert result.pages == 2
    for times in (result.trafilatura, result.article, result.quotes_contacts):
        assert len(times.per_page) == 2 and len(times.per_round) == 2
        assert all(t > 0 for t in times.per_page)
    assert result.article_ratio > 0


ROOT = Path(__file__).resolve().parents[2]


def test_times_another_checkout_in_the_same_rounds(tmp_path: Path) -> None:
    # A copy of this checkout's package stands for another commit's (as `git archive` would give).
    src = tmp_path / "before"
    shutil.copytree(ROOT / "scraper", src / "scraper", ignore=shutil.ignore_patterns("__pycache__"))
    files = sorted(_corpus(tmp_path / "corpus").glob("*.html"))
    result = measure_speed(files, rounds=1, before_src=src)
    assert result.before is not None and result.now is not None
    for times in (result.before, result.now):
        assert len(times.per_page) == 2 and all(t > 0 for t in times.per_page)
    out = format_speed(result, tmp_path)
    assert "extract_article at --before-src" in out and "extract_article now (worker)" in out
    assert "now / at --before-src" in out


def test_refuses_a_before_src_without_its_own_package(tmp_path: Path) -> None:
    # Without a scraper/ of its own the worker would import this checkout's: that is no comparison.
    files = sorted(_corpus(tmp_path / "corpus").glob("*.html"))
    with pytest.raises(RuntimeError, match="imported scraper from"):
        measure_speed(files, rounds=1, before_src=tmp_path)
