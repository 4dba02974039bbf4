"""``bench pool``: pages per second in the crawl process and in a pool of extraction workers."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from .paths import DEFAULT_FETCHED_AT


def _extract_file(path: Path) -> int:
    from scraper.extract import extract_article

    article = extract_article(path.read_bytes(), path.resolve().as_uri(), DEFAULT_FETCHED_AT)
    return len(article.body or "")


def measure_pool(files: Sequence[Path], workers: int) -> tuple[float, float]:
    """Pages per second extracting ``files`` in this process, then in a pool of ``workers``.

    What MUNINEWS_EXTRACT_WORKERS buys a crawl: both measured in the same run, pool start-up
    included, so the ratio is what a crawl of this many pages would see.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    inline = [_extract_file(f) for f in files]
    inline_rate = len(files) / (time.perf_counter() - start)
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pooled = list(pool.map(_extract_file, files, chunksize=4))
    pool_rate = len(files) / (time.perf_counter() - start)
    if pooled != inline:
        raise AssertionError("the pool extracted something else than the crawl process")
    return inline_rate, pool_rate
