"""Crawl recall and precision on the generated test web.

``python -m scraper.tools.crawlbench [--seeds 0-59] [--batch dev|held_out]`` generates the sites
of the seeds (:mod:`scraper.demo.sitegen`), serves each on its own strict loopback port, crawls them
all in ONE run of the real CLI in a subprocess (one registry file), and compares the stored articles
with the generator's ground truth by canonical URL (:func:`scraper.crawl.urls.canonical_url`). It
also requests every stored ``url`` from its server: the archive's link must answer 200.

Figures are printed over all seeds, per CMS family and per URL style; every failing seed is printed
with its options and its missed, extra and dead URLs. Without options both batches run, each
against its floor in ``crawl_floors.json`` (the e2e test asserts the same floors).
"""

from __future__ import annotations

import argparse
import http.client
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from scraper.crawl.urls import canonical_url
from scraper.demo.sitegen import GeneratedSite, GeneratedWeb, Options, generate, parse_seeds
from scraper.demo.sitegen.options import BATCHES
from scraper.registry import Municipality, save_registry

FLOORS_PATH = Path(__file__).with_name("crawl_floors.json")


def load_floors(path: Path = FLOORS_PATH) -> dict[str, dict[str, object]]:
    """Per batch: its seeds and the recall, precision and url_ok floors (the "note" left out)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {batch: floors for batch, floors in data.items() if isinstance(floors, dict)}


@dataclass
class SiteScore:
    site: GeneratedSite
    found: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    dead: list[str] = field(default_factory=list)  # stored url not answering 200

    @property
    def truth(self) -> int:
        return self.found + len(self.missed)

    @property
    def ok(self) -> bool:
        return not (self.missed or self.extra or self.dead)


@dataclass
class Tally:
    found: int = 0
    truth: int = 0
    stored: int = 0
    dead: int = 0

    def add(self, s: SiteScore) -> None:
        self.found += s.found
        self.truth += s.truth
        self.stored += s.found + len(s.extra)
        self.dead += len(s.dead)

    @property
    def recall(self) -> float:
        return self.found / self.truth if self.truth else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.stored if self.stored else 1.0

    @property
    def url_ok(self) -> float:
        return 1 - self.dead / self.stored if self.stored else 1.0


@dataclass
class Result:
    batch: str
    scores: list[SiteScore]
    seconds: float
    returncode: int
    log: str = ""

    def total(self) -> Tally:
        t = Tally()
        for s in self.scores:
            t.add(s)
        return t

    def by(self, key: str) -> dict[str, Tally]:
        groups: dict[str, Tally] = defaultdict(Tally)
        for s in self.scores:
            o = s.site.options
            groups[o.url_style if key == "url_style" else str(getattr(o, key))].add(s)
        return dict(sorted(groups.items()))


def status_of(url: str) -> int:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=10)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        return conn.getresponse().status
    finally:
        conn.close()


def score(sites: Sequence[GeneratedSite], web: GeneratedWeb, db: Path) -> list[SiteScore]:
    stored: dict[str, list[str]] = defaultdict(list)
    if db.exists():
        conn = sqlite3.connect(db)
        try:
            for mid, url in conn.execute("SELECT municipality_id, url FROM articles"):
                stored[mid].append(url)
        finally:
            conn.close()
    scores = []
    for site, server in zip(sites, web.servers, strict=True):
        truth = {canonical_url(server.url(p)): p for p in site.articles}
        got = {canonical_url(u): u for u in stored[site.id]}
        s = SiteScore(site)
        s.found = len(truth.keys() & got.keys())
        s.missed = sorted(truth[k] for k in truth.keys() - got.keys())
        s.extra = sorted(got[k] for k in got.keys() - truth.keys())
        s.dead = sorted(u for u in stored[site.id] if status_of(u) != 200)
        scores.append(s)
    return scores


def run(batches: dict[str, list[int]], workdir: Path | None = None, timeout: int = 600) -> list[Result]:
    """Generate, serve, crawl and score the sites of every batch's seeds: ONE crawl, one registry."""
    sites = [generate(seed, batch) for batch, seeds in batches.items() for seed in seeds]
    with tempfile.TemporaryDirectory() as tmp, GeneratedWeb(sites) as web:
        work = Path(workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        db, registry = work / "crawl.db", work / "registry.json"
        db.unlink(missing_ok=True)
        save_registry(
            [Municipality(id=s.id, name=s.name, homepage=srv.homepage, country=s.country)
             for s, srv in zip(sites, web.servers, strict=True)],
            registry,
        )  # fmt: skip
        argv = [sys.executable, "-m", "scraper", "crawl", "--all", "--db", str(db),
                "-s", f"MUNINEWS_REGISTRY={registry}", "-s", "MUNINEWS_PROGRESS_INTERVAL=0",
                "-s", "MUNINEWS_CAPTURE=0", "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
        start = time.monotonic()
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        seconds = time.monotonic() - start
        scores = score(sites, web, db)
    return [
        Result(batch, [s for s in scores if s.site.options.batch == batch], seconds, proc.returncode,
               proc.stdout + proc.stderr)
        for batch in batches
    ]  # fmt: skip


def page_kind(site: GeneratedSite, url: str) -> str:
    """What a stored URL that is not an article is on its site: the home page, a listing, a
    non-news page, or unknown (a URL the site never linked)."""
    parts = urlsplit(url)
    key = (parts.path.rstrip("/") or "/") + (f"?{parts.query}" if parts.query else "")
    forms = {p: (p.rstrip("/") or "/") for p in site.pages}
    if key == "/":
        return "(home)"
    if key.split("?")[0] == forms.get(site.listing):
        return "(listing)"
    if key in {forms[p] for p in site.non_news if p in forms}:
        return "(non-news page)"
    return "(not on the site)" if key not in forms.values() else "(other page)"


def _extras(o: Options) -> str:
    """The second-generation choices that differ from their defaults (the first held-out batch has none)."""
    defaults = {f.name: f.default for f in fields(Options) if f.default is not MISSING}
    return "".join(f" {k}={v}" for k, v in o.to_dict().items() if k in defaults and v != defaults[k])


def _line(label: str, t: Tally) -> str:
    return (f"  {label:<18} recall {t.recall:6.3f} ({t.found}/{t.truth})  precision {t.precision:6.3f} "
            f"({t.found}/{t.stored})  url 200 {t.url_ok:6.3f}")  # fmt: skip


def format_result(r: Result, floors: dict[str, object] | None = None) -> str:
    t = r.total()
    lines = [f"{r.batch}: {len(r.scores)} sites (one crawl of all batches: {r.seconds:.1f} s, exit {r.returncode})",
             _line("all", t)]  # fmt: skip
    if floors:
        lines.append(f"  floors             recall {floors['recall']}  precision {floors['precision']}  "
                     f"url 200 {floors['url_ok']}")  # fmt: skip
    for key in ("family", "url_style", "links", "pager", "page_param", "canonical", "lang"):
        lines.append(f" by {key}:")
        lines += [_line(k, v) for k, v in r.by(key).items()]
    lines.append(" by kind of news:")
    for kind in ("article", "notice"):
        truth = sum(1 for s in r.scores for k in s.site.articles.values() if k == kind)
        missed = sum(1 for s in r.scores for u in s.missed if s.site.articles[u] == kind)
        lines.append(
            f"  {kind:<18} recall {(truth - missed) / truth if truth else 1.0:6.3f} ({truth - missed}/{truth})"
        )
    failing = [s for s in r.scores if not s.ok]
    lines.append(f" failing seeds ({len(failing)}): {' '.join(str(s.site.options.seed) for s in failing)}")
    for s in failing:
        o = s.site.options
        lines.append(f"  seed {o.seed} [{o.batch}] {o.family} {o.url_style} links={o.links} pager={o.pager}/"
                     f"{o.page_param} canonical={o.canonical} lang={o.lang} dates={o.date_style}"
                     f"{' time' if o.time_tag else ''} sitemap={o.sitemap} feed={o.feed} widget={o.widget} "
                     f"facets={o.facets} notices_in_news={o.notices_in_news}{_extras(o)}: "
                     f"found {s.found}/{s.truth}")  # fmt: skip
        for what, urls in (("missed", s.missed), ("extra", s.extra), ("dead", s.dead)):
            for u in urls:
                kind = s.site.articles.get(u) or page_kind(s.site, u)
                lines.append(f"    {what:<6} {u} {kind}")
    return "\n".join(lines)


def below_floor(r: Result, floors: dict[str, object]) -> list[str]:
    t = r.total()
    figures = {"recall": t.recall, "precision": t.precision, "url_ok": t.url_ok}
    return [f"{k} {v:.3f} < {floors[k]}" for k, v in figures.items() if v < float(str(floors[k]))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scraper.tools.crawlbench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--batch", choices=BATCHES, help="one batch (default: all)")
    parser.add_argument("--seeds", help="seeds, e.g. 0-59 or 3,7 (default: the batch's in crawl_floors.json)")
    parser.add_argument("--workdir", type=Path, help="keep the archive and registry here")
    parser.add_argument("--log", action="store_true", help="print the crawl's log")
    args = parser.parse_args(argv)
    floors = load_floors()
    names = [args.batch] if args.batch else list(floors)
    batches = {b: parse_seeds(args.seeds or str(floors[b]["seeds"])) for b in names}
    code = 0
    for result in run(batches, args.workdir):
        if args.log and result.batch == names[0]:
            print(result.log)
        print(format_result(result, floors[result.batch]))
        low = below_floor(result, floors[result.batch]) if not args.seeds else []
        if low:
            print(f" BELOW FLOOR: {'; '.join(low)}")
            code = 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
