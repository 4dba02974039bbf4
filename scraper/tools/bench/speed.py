"""``bench speed``: the cost of extraction against trafilatura alone, on the same pages."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .paths import DEFAULT_FETCHED_AT, GOLD_DIR, WEB_EVAL_DIR
from .scoring import TARGETS


def corpus_pages(corpus: Path | str | None = None, limit: int | None = None) -> tuple[Path, list[Path]]:
    """HTML pages to time: ``corpus``, else the web-eval corpus when present, else the gold pages."""
    if corpus is None:
        corpus = WEB_EVAL_DIR if WEB_EVAL_DIR.is_dir() else GOLD_DIR / "pages"
    corpus = Path(corpus)
    files = sorted(p for p in corpus.glob("*.htm*") if p.is_file())
    return corpus, files[:limit] if limit else files


@dataclass
class SpeedResult:
    pages: int
    rounds: int
    trafilatura_ms: float  # median over rounds of the per-page mean
    extract_article_ms: float
    quotes_contacts_ms: float

    @property
    def article_ratio(self) -> float:
        return self.extract_article_ms / self.trafilatura_ms

    @property
    def quotes_contacts_ratio(self) -> float:
        return self.quotes_contacts_ms / self.trafilatura_ms


def measure_speed(files: Sequence[Path], rounds: int = 5, country: str = "SE") -> SpeedResult:
    """Time trafilatura alone, ``extract_article`` and quote+contact extraction on the same pages.

    The three are interleaved page by page (their order rotated each round) after one warm-up
    round; the figure per method is the median over rounds of the total, per page.
    """
    import trafilatura

    from scraper.extract import decode_html, extract_article, extract_contacts, extract_quotes
    from scraper.extract.tree import parse_html

    bodies = [f.read_bytes() for f in files]
    # Inputs for quote+contact extraction alone: the body paragraphs and the parsed tree.
    prepared = []
    for body in bodies:
        article = extract_article(body, "https://example.invalid/", DEFAULT_FETCHED_AT, country=country)
        paragraphs = article.body.split("\n\n") if article.body else []
        prepared.append((paragraphs, article.language, parse_html(decode_html(body))))

    def run_trafilatura(i: int) -> None:
        trafilatura.extract(bodies[i], with_metadata=True, deduplicate=False)

    def run_article(i: int) -> None:
        extract_article(bodies[i], "https://example.invalid/", DEFAULT_FETCHED_AT, country=country)

    def run_quotes_contacts(i: int) -> None:
        paragraphs, language, tree = prepared[i]
        extract_quotes(paragraphs, language)
        if tree is not None:
            extract_contacts(tree, country=country)

    methods = (run_trafilatura, run_article, run_quotes_contacts)
    totals: list[list[float]] = [[] for _ in methods]
    for r in range(rounds + 1):  # round 0 warms caches and imports up
        spent = [0.0] * len(methods)
        for i in range(len(bodies)):
            for k in range(len(methods)):
                m = (k + r) % len(methods)
                start = time.perf_counter()
                methods[m](i)
                spent[m] += time.perf_counter() - start
        if r:
            for m, value in enumerate(spent):
                totals[m].append(value)
    n = max(len(bodies), 1)
    ms = [statistics.median(t) * 1000 / n for t in totals]
    return SpeedResult(len(bodies), rounds, *ms)


def format_speed(result: SpeedResult, corpus: Path) -> str:
    target = TARGETS["quote_contact_overhead"]
    return "\n".join(
        [
            f"corpus: {corpus} — {result.pages} pages, {result.rounds} rounds (+1 warm-up), median",
            f"  trafilatura.extract(with_metadata=True)  {result.trafilatura_ms:8.1f} ms/page   1.00",
            f"  extract_article                          {result.extract_article_ms:8.1f} ms/page"
            f"   {result.article_ratio:4.2f} × trafilatura",
            f"  quotes + contacts alone                  {result.quotes_contacts_ms:8.1f} ms/page"
            f"   {result.quotes_contacts_ratio:4.2f} × trafilatura"
            f"  (target ≤ {target:.2f}: {'ok' if result.quotes_contacts_ratio <= target else 'ABOVE'})",
        ]
    )
