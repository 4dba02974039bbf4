"""``bench speed``: the whole extraction against trafilatura alone, on the same real pages.

The corpus is ``../shared/corpora/web-eval`` (or ``--corpus``); without one the command refuses to
run (the 36 gold pages are short hand-made pages: their timing says nothing about real ones). Each
page is extracted, with its URL from ``evaldata.json`` when there is one, by trafilatura's default
``extract(with_metadata=True)``, by ``extract_article``
(body, metadata, quotes, contacts) and by quote+contact extraction alone, interleaved page by page
with the order rotated each round, after one warm-up round. The ratio is the median over rounds of
the two totals' ratio (the machine may be shared: both are measured in the same seconds); p50, p95
and max are per page, each page's time the median over rounds. When the corpus has
``evaldata.json``, the with/without scores of both (as ``bench body`` computes them) follow.

``--before-src DIR`` (a directory holding another commit's ``scraper/``, e.g. from ``git archive``) also
times that code's ``extract_article`` in the same rounds, page by page in the same rotation: it runs in a
worker process started in ``DIR`` that times each page it is sent and answers with the time, and this
checkout's runs in a worker of its own alike, so a change is measured against its parent under one machine
state (figures taken at different times move with the machine's load as much as with the code) and in the
same kind of process (the bench's own process holds every page's parsed tree, which slows its garbage
collections: a worker measured against it would look faster than it is).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .paths import DEFAULT_FETCHED_AT, ROOT, WEB_EVAL_DIR
from .scoring import TARGETS


def corpus_pages(corpus: Path | str | None = None, limit: int | None = None) -> tuple[Path, list[Path]]:
    """HTML pages of ``corpus`` (default: the web-eval corpus), sorted; none when it is absent."""
    corpus = Path(corpus) if corpus is not None else WEB_EVAL_DIR
    files = sorted(p for p in corpus.glob("*.htm*") if p.is_file()) if corpus.is_dir() else []
    return corpus, files[:limit] if limit else files


@dataclass
class MethodTimes:
    """One method's time per page (median over rounds, seconds) and its total per round."""

    per_page: list[float]
    per_round: list[float]

    def percentile_ms(self, share: float) -> float:
        ordered = sorted(self.per_page)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    @property
    def mean_ms(self) -> float:
        return statistics.median(self.per_round) * 1000 / max(len(self.per_page), 1)


@dataclass
class SpeedResult:
    pages: int
    rounds: int
    trafilatura: MethodTimes
    article: MethodTimes
    quotes_contacts: MethodTimes
    before: MethodTimes | None = None  # extract_article of --before-src, in its worker
    now: MethodTimes | None = None  # this checkout's extract_article in the same kind of worker

    def ratio(self, method: MethodTimes) -> float:
        """Median over rounds of the method's total over trafilatura's, in the same round."""
        pairs = zip(method.per_round, self.trafilatura.per_round, strict=True)
        return statistics.median(m / t for m, t in pairs)

    @property
    def article_ratio(self) -> float:
        return self.ratio(self.article)

    @property
    def quotes_contacts_ratio(self) -> float:
        return self.ratio(self.quotes_contacts)


def page_urls(files: Sequence[Path]) -> list[str]:
    """Each page's URL from its corpus's ``evaldata.json`` (as a crawl always knows it), else a placeholder."""
    from .body import load_web_eval

    known = {page.file: page.url for folder in {f.parent for f in files} for page in load_web_eval(folder)}
    return [known.get(f.name, "https://example.invalid/") for f in files]


def _methods(bodies: list[bytes], urls: list[str], country: str) -> list[Callable[[int], object]]:
    import trafilatura

    from scraper.extract import decode_html, extract_article, extract_contacts, extract_quotes
    from scraper.extract.tree import parse_html

    # Inputs for quote+contact extraction alone: the body paragraphs and the parsed tree.
    prepared = []
    for body, url in zip(bodies, urls, strict=True):
        article = extract_article(body, url, DEFAULT_FETCHED_AT, country=country)
        paragraphs = article.body.split("\n\n") if article.body else []
        prepared.append((paragraphs, article.language, parse_html(decode_html(body))))

    def run_trafilatura(i: int) -> object:
        return trafilatura.extract(bodies[i], url=urls[i], with_metadata=True, deduplicate=False)

    def run_article(i: int) -> object:
        return extract_article(bodies[i], urls[i], DEFAULT_FETCHED_AT, country=country)

    def run_quotes_contacts(i: int) -> object:
        paragraphs, language, tree = prepared[i]
        return extract_quotes(paragraphs, language), tree is not None and extract_contacts(
            tree, country=country
        )

    return [run_trafilatura, run_article, run_quotes_contacts]


# The worker for --before-src: that checkout's extract_article, timed per page on request.
_BEFORE_WORKER = """
import json, sys, time
import scraper
from scraper.extract import extract_article
files, urls, fetched_at, country = json.loads(sys.argv[1])
bodies = [open(f, "rb").read() for f in files]
print(scraper.__file__, flush=True)
for line in sys.stdin:
    i = int(line)
    start = time.perf_counter()
    extract_article(bodies[i], urls[i], fetched_at, country=country)
    print(time.perf_counter() - start, flush=True)
"""


class BeforeWorker:
    """Another checkout's ``extract_article`` in a process of its own (its ``scraper`` package, not this
    one: the worker runs in that directory, which comes first on its path, and says where it imported
    ``scraper`` from). :meth:`time` returns the seconds the page took there; the caller waits idle."""

    def __init__(self, src: Path, files: Sequence[Path], urls: list[str], country: str) -> None:
        src = src.resolve()
        payload = json.dumps([[str(f.resolve()) for f in files], urls, DEFAULT_FETCHED_AT, country])
        self.process = subprocess.Popen(
            [sys.executable, "-c", _BEFORE_WORKER, payload],
            cwd=src,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        imported = Path(self.stdout.readline().strip())
        if src not in imported.parents:
            self.close()
            raise RuntimeError(
                f"--before-src {src}: its worker imported scraper from {imported or 'nowhere'}"
            )

    def time(self, i: int) -> float:
        self.stdin.write(f"{i}\n")
        self.stdin.flush()
        return float(self.stdout.readline())

    def close(self) -> None:
        self.stdin.close()
        self.process.wait(timeout=60)


def measure_speed(
    files: Sequence[Path], rounds: int = 5, country: str = "SE", before_src: Path | None = None
) -> SpeedResult:
    """Time trafilatura alone, ``extract_article`` and quote+contact extraction on the same pages
    (and ``before_src``'s ``extract_article``, when given)."""
    bodies = [f.read_bytes() for f in files]
    urls = page_urls(files)
    methods = _methods(bodies, urls, country)
    workers = (
        [BeforeWorker(before_src, files, urls, country), BeforeWorker(ROOT, files, urls, country)]
        if before_src is not None
        else []
    )
    count = len(methods) + len(workers)
    spent = [[[0.0] * rounds for _ in bodies] for _ in range(count)]  # method, page, round
    try:
        for r in range(rounds + 1):  # round 0 warms caches and imports up
            for i in range(len(bodies)):
                for k in range(count):
                    m = (k + r) % count
                    if m >= len(methods):
                        took = workers[m - len(methods)].time(i)
                    else:
                        start = time.perf_counter()
                        methods[m](i)
                        took = time.perf_counter() - start
                    if r:
                        spent[m][i][r - 1] = took
    finally:
        for worker in workers:
            worker.close()
    times = [
        MethodTimes(
            [statistics.median(page) for page in pages],
            [sum(page[r] for page in pages) for r in range(rounds)],
        )
        for pages in spent
    ]
    return SpeedResult(len(bodies), rounds, *times)


def _row(label: str, times: MethodTimes, ratio: float) -> str:
    return (
        f"  {label:<40}{times.mean_ms:7.1f} ms/page  {ratio:5.2f} ×   p50 {times.percentile_ms(0.5):6.1f}"
        f"  p95 {times.percentile_ms(0.95):6.1f}  max {max(times.per_page, default=0) * 1000:6.1f} ms"
    )


def format_speed(result: SpeedResult, corpus: Path) -> str:
    target = TARGETS["quote_contact_overhead"]
    verdict = "ok" if result.quotes_contacts_ratio <= target else "ABOVE"
    return "\n".join(
        [
            f"corpus: {corpus} — {result.pages} pages, {result.rounds} rounds (+1 warm-up), interleaved",
            f"  {'':<40}{'mean':>7}           ratio to trafilatura (median of rounds)",
            _row("trafilatura.extract(with_metadata=True)", result.trafilatura, 1.0),
            _row("extract_article", result.article, result.article_ratio),
            _row("quotes + contacts alone", result.quotes_contacts, result.quotes_contacts_ratio),
            f"  quotes + contacts target ≤ {target:.2f} × trafilatura: {verdict}",
            *_before_rows(result),
        ]
    )


def _before_rows(result: SpeedResult) -> list[str]:
    if result.before is None:
        return []
    assert result.now is not None
    pairs = zip(result.now.per_round, result.before.per_round, strict=True)
    change = statistics.median(a / b for a, b in pairs)
    return [
        _row("extract_article at --before-src (worker)", result.before, result.ratio(result.before)),
        _row("extract_article now (worker)", result.now, result.ratio(result.now)),
        f"  extract_article now / at --before-src: {change:.2f} × (median of rounds, both in workers)",
    ]
