"""Benchmark the archive's web pages against plain Datasette on a synthetic archive.

    python -m scraper.tools.datasettebench --articles 1000000         # ~7 GB, generated on first use
    python -m scraper.tools.datasettebench --articles 20000 --runs 5   # a quick look
    python -m scraper.tools.datasettebench --db /data/bench/archive.db # a file generated before
    python -m scraper.tools.datasettebench --db FILE --before-src DIR  # and another checkout's code

``--before-src`` (a directory holding another commit's ``scraper/``, e.g. from ``git archive``) also
serves that code's muninews on the same file and times the two side by side, each request
interleaved, so a change is measured under one machine state (figures taken at different times move with
the machine's load as much as with the code).

Two servers on the same immutable file, started the way they are deployed:

* **baseline** — plain ``datasette -i archive.db`` with its default settings, no metadata and no
  plugins: the table page's search (``/archive/articles?_search=…``), facet and sort.
* **muninews** — ``muninews serve --immutable`` (``scraper.web.serve.datasette_argv``): the search page
  ``/-/search`` and the article page.

Each URL is requested once to warm up, then ``--runs`` times; the script prints the median and the
ratio muninews / baseline, and checks that muninews' answers are exactly right (total, every
municipality's count, the newest-first page) against direct SQL of the page's own FTS expression,
and that the search is the inflection-aware one (the common word's expression holds its other
forms, which :mod:`.synthetic_archive` plants). The first search after start
also builds the facet arrays; that one-off cost is printed separately. Not a test: figures depend
on the machine (they are quoted in the README with the machine they were measured on).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import httpx

from scraper.tools.server import free_port, served
from scraper.tools.synthetic_archive import COMMON_FORMS, COMMON_WORD, RARE_WORD, generate
from scraper.web.serve import datasette_argv

# Plain Datasette: drop every plugin that is not part of Datasette itself (atom, cluster-map, muninews).
PLAIN_DATASETTE = (
    "import sys; from datasette.plugins import pm; "
    "[pm.unregister(plugin) for name, plugin in list(pm.list_name_plugin()) "
    " if not name.startswith('datasette.')]; "
    "from datasette.cli import cli; sys.argv[0] = 'datasette'; cli()"
)
#: Generating a million articles and building the facet arrays of a big file take a while.
START_TIMEOUT = 600
Case = tuple[str, str | None, str]


def timed(client: httpx.Client, url: str) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - started) * 1000, response


def median_ms(client: httpx.Client, url: str, runs: int) -> float:
    timed(client, url)  # warm-up
    return statistics.median(timed(client, url)[0] for _ in range(runs))


def check_exact(db: Path, client: httpx.Client) -> list[str]:
    """muninews' search page against direct SQL of its own FTS expression: the total, the municipality
    counts and the first page newest first; and the expression holds the common word's other forms."""
    problems = []
    data = client.get("/-/search", params={"q": COMMON_WORD, "sort": "newest", "_format": "json"}).json()
    expression = data["expression"]
    missing = [form for form in COMMON_FORMS if f'"{form}"' not in expression]
    if missing:
        problems.append(f"inflection is off: {expression} lacks {missing}")
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    matches = "select rowid from articles_fts where articles_fts match ?"
    total = conn.execute(f"select count(*) from ({matches})", [expression]).fetchone()[0]
    if data["total"] != total:
        problems.append(f"total {data['total']} != {total}")
    counts = dict(
        conn.execute(
            f"select municipality_id, count(*) from articles where id in ({matches}) group by 1",
            [expression],
        ).fetchall()
    )
    got = {m: n for m, _name, n in data["facets"]["municipality"]}
    if got != counts:
        problems.append("municipality facet counts differ from SQL")
    newest = [
        r[0]
        for r in conn.execute(
            f"select id from articles where id in ({matches}) order by published desc, id desc limit 20",
            [expression],
        )
    ]
    if [h["id"] for h in data["hits"]] != newest:
        problems.append("newest-first page differs from SQL")
    conn.close()
    return problems


def bench_cases(article_id: int) -> list[Case]:
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


def print_table(b: httpx.Client, o: httpx.Client, cases: list[Case], title: str, runs: int) -> None:
    """Each request's median against plain Datasette (the baseline, measured in the same run)."""
    print(f"\n{title}, median of {runs} runs (ms)\n")
    print(f"{'request':<78} {'baseline':>9} {'muninews':>9} {'ratio':>7}")
    for label, base_url, ours_url in cases:
        ours_ms = median_ms(o, ours_url, runs)
        base_ms = median_ms(b, base_url, runs) if base_url else None
        ratio = f"{ours_ms / base_ms:.2f}" if base_ms else "–"
        base_txt = f"{base_ms:9.0f}" if base_ms else f"{'–':>9}"
        print(f"{label:<78} {base_txt} {ours_ms:9.0f} {ratio:>7}", flush=True)


def paired_table(cases: list[Case], before: httpx.Client, after: httpx.Client, runs: int) -> None:
    """Each muninews request on the other code (before) and this one (after), interleaved run by run."""
    print(f"\npaired, median of {runs} interleaved runs (ms)\n")
    print(f"{'request':<78} {'before':>9} {'after':>9} {'ratio':>7}")
    for label, _base_url, url in cases:
        times: dict[str, list[float]] = {"before": [], "after": []}
        timed(before, url), timed(after, url)  # warm-up
        for _ in range(runs):
            times["before"].append(timed(before, url)[0])
            times["after"].append(timed(after, url)[0])
        b, a = statistics.median(times["before"]), statistics.median(times["after"])
        print(f"{label:<78} {b:9.0f} {a:9.0f} {a / b:7.2f}", flush=True)


def before_server(src: Path, db: Path, port: int) -> tuple[list[str], dict[str, str]]:
    """argv and environment of muninews served from the checkout ``src`` (its code and metadata)."""
    argv = datasette_argv(db, port=port, immutable=True)
    argv[argv.index("--metadata") + 1] = str(src / "scraper" / "web" / "datasette_metadata.json")
    return argv, {**os.environ, "PYTHONPATH": str(src)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scraper.tools.datasettebench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument(
        "--db",
        type=Path,
        help="archive to use, generated there if missing (default /tmp/muninews-bench/<N>/archive.db)",
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before-src", type=Path, help="another checkout to time side by side with this one")
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
    plain = [sys.executable, "-c", PLAIN_DATASETTE, "serve", "-i", str(db), "--port", str(base_port)]
    load_before = os.getloadavg()
    with (
        served(plain, base_port, timeout=START_TIMEOUT),
        served(datasette_argv(db, port=ours_port, immutable=True), ours_port, timeout=START_TIMEOUT),
        httpx.Client(base_url=f"http://127.0.0.1:{base_port}", timeout=120) as b,
        httpx.Client(base_url=f"http://127.0.0.1:{ours_port}", timeout=120) as o,
    ):
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
        expression = o.get("/-/search", params={"q": COMMON_WORD, "_format": "json"}).json()["expression"]
        if args.before_src:
            port = free_port()
            before_argv, env = before_server(args.before_src.resolve(), db, port)
            with (
                served(before_argv, port, timeout=START_TIMEOUT, env=env, cwd=args.before_src),
                httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as before,
            ):
                timed(before, f"/-/search?q={RARE_WORD}")  # builds its facet arrays
                paired_table(cases, before, o, args.runs)
    load = ", ".join(f"{a:.1f}-{b:.1f}" for a, b in zip(load_before, os.getloadavg(), strict=True))
    print(f"common word searched as: {expression}")
    print(f"load average (1, 5, 15 min) at start-end: {load}")
    print("muninews results exact (total, municipality counts, newest page vs SQL):", problems or "yes")
    print(json.dumps({"articles": articles, "exact": not problems}))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
