"""Second sources on a generated web: press rooms and PDF releases, crawled for real and scored.

``python -m scraper.tools.secondbench [--seeds 0-29] [--batch dev] [--all-on]`` generates the sites with
their second sources drawn (``generate(..., second_sources=True)``; ``--all-on``: a press room and two
PDF releases on every site), serves them (press rooms on 127.0.0.2), runs ONE crawl through the CLI
and prints, against the generator's ground truth:

* press releases: copies of a site article merged into it (one article, both URLs) or stored twice;
  press-only releases stored as articles of their own or wrongly merged into another; missed;
* PDFs: releases stored, agendas refused (stored is a mistake).
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from scraper.crawl.urls import canonical_url
from scraper.demo.sitegen import GeneratedSite, GeneratedWeb, generate, parse_seeds
from scraper.demo.sitegen.options import BATCHES
from scraper.demo.sitegen.serve import StrictServer
from scraper.registry import Municipality, save_registry


@dataclass
class SecondScore:
    copies: int = 0  # press releases that republish a site article
    merged: int = 0  # ... stored as that article's other URL
    stored_twice: int = 0  # ... stored as an article of their own
    only: int = 0  # releases only the press room has
    only_stored: int = 0  # ... stored as articles of their own
    only_merged: int = 0  # ... merged into another article (a wrong merge)
    missed: int = 0  # releases (copies or not) found nowhere
    pdf_releases: int = 0
    pdf_stored: int = 0
    pdf_agendas: int = 0
    pdf_agendas_stored: int = 0

    def add(self, other: SecondScore) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def _keys(conn: sqlite3.Connection, mid: str) -> tuple[dict[str, int], dict[str, int]]:
    """(canonical url → article id) of the stored articles, and of their other URLs."""
    articles = {
        canonical_url(url): aid
        for aid, url in conn.execute("SELECT id, url FROM articles WHERE municipality_id = ?", [mid])
    }
    others = {
        canonical_url(url): aid
        for aid, url in conn.execute(
            "SELECT u.article_id, u.url FROM article_urls u JOIN articles a ON a.id = u.article_id "
            "WHERE a.municipality_id = ?",
            [mid],
        )
    }
    return articles, others


def score_site(
    site: GeneratedSite, server: StrictServer, press: StrictServer | None, db: Path
) -> SecondScore:
    s = SecondScore()
    conn = sqlite3.connect(db)
    try:
        articles, others = _keys(conn, site.id)
    finally:
        conn.close()
    for path, kind in site.articles.items():
        if kind == "pdf":
            s.pdf_releases += 1
            s.pdf_stored += canonical_url(server.url(path)) in articles
    for path in site.non_news:
        if path.endswith(".pdf"):
            s.pdf_agendas += 1
            s.pdf_agendas_stored += canonical_url(server.url(path)) in articles
    if press is None or site.press_room is None:
        return s
    for path, site_path in site.press_copies.items():
        s.copies += 1
        key, own = canonical_url(press.url(path)), canonical_url(server.url(site_path))
        if key in articles and own in articles:
            s.stored_twice += 1
        elif (key in others and others[key] == articles.get(own)) or (
            own in others and others[own] == articles.get(key)
        ):
            s.merged += 1
        else:
            s.missed += 1
    for path in site.press_room.articles:
        s.only += 1
        key = canonical_url(press.url(path))
        s.only_stored += key in articles
        s.only_merged += key in others
        s.missed += key not in articles and key not in others
    return s


def run(
    seeds: list[int], batch: str, *, all_on: bool, timeout: int = 600
) -> tuple[SecondScore, float, int, str]:
    extra = {"press_room": True, "pdf_releases": 2} if all_on else {}
    sites = [generate(seed, batch, second_sources=True, **extra) for seed in seeds]  # type: ignore[arg-type]
    total = SecondScore()
    with tempfile.TemporaryDirectory() as tmp, GeneratedWeb(sites) as web:
        db, registry = Path(tmp) / "crawl.db", Path(tmp) / "registry.json"
        save_registry(
            [Municipality(id=s.id, name=s.name, homepage=srv.homepage, country=s.country)
             for s, srv in zip(sites, web.servers, strict=True)],
            registry,
        )  # fmt: skip
        hosts = ",".join(f"{h}={k}" for h, k in web.press_room_hosts().items())
        argv = [sys.executable, "-m", "scraper", "crawl", "--all", "--db", str(db),
                "-s", f"MUNINEWS_REGISTRY={registry}", "-s", "MUNINEWS_PROGRESS_INTERVAL=0",
                "-s", f"MUNINEWS_PRESS_ROOM_HOSTS={hosts}", "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
        start = time.monotonic()
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        seconds = time.monotonic() - start
        for site, server in zip(sites, web.servers, strict=True):
            total.add(score_site(site, server, web.press_servers.get(site.id), db))
    return total, seconds, proc.returncode, proc.stdout + proc.stderr


def containment_figures(seeds: list[int], batch: str = "dev") -> dict[str, list[float]]:
    """Body containment (:func:`~scraper.archive.sameness.body_containment`) of the extracted bodies of
    press copies and their site article, of press-only releases and site articles with the same
    headline, and of two different site articles: what the sameness threshold must separate."""
    from scraper.archive.sameness import TITLE_SIMILARITY, body_containment, title_similarity
    from scraper.extract import extract_article

    def read(body: str) -> tuple[str | None, str | None]:
        a = extract_article(
            body.replace("{{origin}}", "http://x").encode(), "http://x/", "2026-01-01T00:00:00Z"
        )
        return a.title, a.body

    out: dict[str, list[float]] = {"copies": [], "same headline": [], "different": []}
    for seed in seeds:
        site = generate(seed, batch, press_room=True)
        room = site.press_room
        assert room is not None
        own = {p: read(site.pages[p].body) for p, kind in site.articles.items() if kind != "pdf"}
        press = {p: read(room.pages[p].body) for p in [*room.articles, *site.press_copies]}
        out["copies"] += [body_containment(own[s][1], press[p][1]) for p, s in site.press_copies.items()]
        for p in room.articles:
            same = [s for s in own if title_similarity(own[s][0], press[p][0]) >= TITLE_SIMILARITY]
            out["same headline"] += [body_containment(own[s][1], press[p][1]) for s in same]
        keys = list(own)
        out["different"] += [
            body_containment(own[a][1], own[b][1]) for i, a in enumerate(keys) for b in keys[i + 1 :]
        ]
    return out


def format_containment(figures: dict[str, list[float]]) -> str:
    lines = []
    for name, values in figures.items():
        v = sorted(values)
        lines.append(
            f"  {name}: n={len(v)} min={v[0]:.2f} median={v[len(v) // 2]:.2f} "
            f"p99={v[min(len(v) - 1, int(len(v) * 0.99))]:.2f} max={v[-1]:.2f}"
        )
    return "body containment on generated sites\n" + "\n".join(lines)


def format_score(s: SecondScore, sites: int, seconds: float) -> str:
    return "\n".join(
        [
            f"second sources on {sites} generated sites, one crawl in {seconds:.1f} s (machine shared)",
            f"  press copies of site articles: {s.copies}; merged into the site article {s.merged}, "
            f"stored twice {s.stored_twice}",
            f"  press-only releases: {s.only}; stored as their own article {s.only_stored}, "
            f"wrongly merged {s.only_merged}",
            f"  releases missed: {s.missed}",
            f"  PDF releases: {s.pdf_releases}, stored {s.pdf_stored}; "
            f"PDF agendas: {s.pdf_agendas}, stored {s.pdf_agendas_stored}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scraper.tools.secondbench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--batch", choices=BATCHES, default="dev")
    parser.add_argument("--seeds", default="0-29")
    parser.add_argument(
        "--all-on", action="store_true", help="a press room and two PDF releases on every site"
    )
    parser.add_argument("--log", action="store_true", help="print the crawl's log")
    parser.add_argument("--containment", action="store_true", help="only the sameness figures, no crawl")
    args = parser.parse_args(argv)
    seeds = parse_seeds(args.seeds)
    if args.containment:
        print(format_containment(containment_figures(seeds, args.batch)))
        return 0
    score, seconds, code, log = run(seeds, args.batch, all_on=args.all_on)
    if args.log:
        print(log)
    print(format_score(score, len(seeds), seconds))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
