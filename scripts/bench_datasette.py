#!/usr/bin/env python3
"""Benchmark the archive's web pages against plain Datasette on a synthetic archive.

    python scripts/bench_datasette.py --articles 1000000            # ~5 GB, generated on first use
    python scripts/bench_datasette.py --articles 20000 --runs 5      # a quick look

Two servers on the same immutable file, started the way they are deployed:

* **baseline** — plain ``datasette -i archive.db`` with its default settings, no metadata and no
  plugins: the table page's search (``/archive/articles?_search=…``), facet and sort.
* **muninews** — ``muninews serve --immutable`` (``scraper.web.serve.datasette_argv``): the search page
  ``/-/search`` and the article page.

Each URL is requested once to warm up, then ``--runs`` times; the script prints the median and the
ratio muninews / baseline, and checks that muninews' answers are exactly right (total, every
municipality's count, the newest-first page) against direct SQL. The first search after start
also builds the facet arrays; that one-off cost is printed separately. Not a test: figures depend
on the machine (they are quoted in the README with the machine they were measured on).
"""

from __future__ import annotations

import argparse
import json
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic_archive import COMMON_WORD, RARE_WORD, generate  # noqa: E402

from scraper.web.serve import datasette_argv  # noqa: E402

# Plain Datasette: drop every plugin that is not part of Datasette itself (atom, cluster-map, muninews).
PLAIN_DATASETTE = (
    "import sys; from datasette.plugins import pm; "
    "[pm.unregister(plugin) for name, plugin in list(pm.list_name_plugin()) "
    " if not name.startswith('datasette.')]; "
    "from datasette.cli import cli; sys.argv[0] = 'datasette'; cli()"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(argv: list[str], port: int) -> subprocess.Popen:
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=5)
            return proc
        except httpx.HTTPError:
            if proc.poll() is not None:
                raise SystemExit(
                    f"server did not start: {proc.stderr.read() if proc.stderr else ''}"
                ) from None
            time.sleep(0.5)
    raise SystemExit("server did not start in 10 minutes")


def timed(client: httpx.Client, url: str) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - started) * 1000, response


def median_ms(client: httpx.Client, url: str, runs: int) -> float:
    timed(client, url)  # warm-up
    return statistics.median(timed(client, url)[0] for _ in range(runs))


def check_exact(db: Path, client: httpx.Client) -> list[str]:
    """muninews' search page against direct SQL: total, municipality counts, first page newest first."""
    problems = []
    data = client.get("/-/search", params={"q": COMMON_WORD, "sort": "newest", "_format": "json"}).json()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    matches = "select rowid from articles_fts where articles_fts match ?"
    total = conn.execute(f"select count(*) from ({matches})", [COMMON_WORD]).fetchone()[0]
    if data["total"] != total:
        problems.append(f"total {data['total']} != {total}")
    counts = dict(
        conn.execute(
            f"select municipality_id, count(*) from articles where id in ({matches}) group by 1",
            [COMMON_WORD],
        ).fetchall()
    )
    got = {m: n for m, _name, n in data["facets"]["municipality"]}
    if got != counts:
        problems.append("municipality facet counts differ from SQL")
    newest = [
        r[0]
        for r in conn.execute(
            f"select id from articles where id in ({matches}) order by published desc, id desc limit 20",
            [COMMON_WORD],
        )
    ]
    if [h["id"] for h in data["hits"]] != newest:
        problems.append("newest-first page differs from SQL")
    conn.close()
    return problems


def bench_cases(article_id: int) -> list[tuple[str, str | None, str]]:
    """(label, plain Datasette URL or None, muninews URL) for each request in the table."""
    return [
        (
            f"common word ({COMMON_WORD}, 1/3 of articles): municipality facet, newest first",
            f"/archive/articles?_search={COMMON_WORD}&_facet=municipality_id&_sort_desc=published",
            f"/-/search?q={COMMON_WORD}&sort=newest",
        ),
        (
            "common word, default order (baseline unranked, muninews by relevance)",
            f"/archive/articles?_search={COMMON_WORD}",
            f"/-/search?q={COMMON_WORD}",
        ),
        (
            "common word, one municipality, newest first",
            f"/archive/articles?_search={COMMON_WORD}&municipality_id=kommun001&_sort_desc=published",
            f"/-/search?q={COMMON_WORD}&municipality=kommun001&sort=newest",
        ),
        (
            f"rare word ({RARE_WORD}), newest first",
            f"/archive/articles?_search={RARE_WORD}&_sort_desc=published",
            f"/-/search?q={RARE_WORD}&sort=newest",
        ),
        ("compound word (skola → förskola, …), newest first", None, "/-/search?q=skola&sort=newest"),
        ("article page", f"/archive/articles/{article_id}", f"/archive/articles/{article_id}"),
    ]


def print_table(b: httpx.Client, o: httpx.Client, cases: list, title: str, runs: int) -> None:
    """Each request's median against plain Datasette (the baseline, measured in the same run)."""
    print(f"\n{title}, median of {runs} runs (ms)\n")
    print(f"{'request':<78} {'baseline':>9} {'muninews':>9} {'ratio':>7}")
    for label, base_url, ours_url in cases:
        ours_ms = median_ms(o, ours_url, runs)
        base_ms = median_ms(b, base_url, runs) if base_url else None
        ratio = f"{ours_ms / base_ms:.2f}" if base_ms else "–"
        base_txt = f"{base_ms:9.0f}" if base_ms else f"{'–':>9}"
        print(f"{label:<78} {base_txt} {ours_ms:9.0f} {ratio:>7}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="archive to use (default /tmp/muninews-bench/<N>/archive.db)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    db = args.db or Path(f"/tmp/muninews-bench/{args.articles}/archive.db")
    if not db.exists():
        print(f"generating {args.articles:,} articles into {db} ...", flush=True)
        generate(db, args.articles)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    articles = conn.execute("select count(*) from articles").fetchone()[0]
    article_id = conn.execute("select max(id) from articles where quote_count > 0").fetchone()[0] // 2
    article_id = conn.execute(
        "select id from articles where id >= ? and quote_count > 0", [article_id]
    ).fetchone()[0]
    conn.close()

    base_port, ours_port = free_port(), free_port()
    baseline = start(
        [sys.executable, "-c", PLAIN_DATASETTE, "serve", "-i", str(db), "--port", str(base_port)], base_port
    )
    ours = start(datasette_argv(db, port=ours_port, immutable=True), ours_port)
    try:
        b = httpx.Client(base_url=f"http://127.0.0.1:{base_port}", timeout=120)
        o = httpx.Client(base_url=f"http://127.0.0.1:{ours_port}", timeout=120)
        first_ms, first = timed(o, f"/-/search?q={RARE_WORD}")
        assert first.status_code == 200, first.text[:500]
        plain_json = b.get(
            f"/archive/articles.json?_search={COMMON_WORD}&_facet=municipality_id&_sort_desc=published"
        ).json()
        cases = bench_cases(article_id)
        print_table(b, o, cases, f"{articles:,} articles, {db.stat().st_size / 1e9:.1f} GB", args.runs)
        print(f"\nfirst muninews search after start (builds the facet arrays): {first_ms:,.0f} ms")
        print(f"baseline facets timed out: {plain_json.get('facets_timed_out') or 'none'}")
        problems = check_exact(db, o)
        print("muninews results exact (total, municipality counts, newest page vs SQL):", problems or "yes")
        print(json.dumps({"articles": articles, "exact": not problems}))
        return 1 if problems else 0
    finally:
        for proc in (baseline, ours):
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
