"""Write the demo web's static files and its ground truth from the content data.

``python -m scraper.demo.build`` regenerates ``scraper/demo/sites/<id>/``, ``scraper/demo/expected.json``
and the held-out test site ``tests/sites/aspvik/``. The output is deterministic (same bytes on every
run, gzip with mtime 0), so the committed files can be checked against a fresh build.
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scraper.demo.content import SiteContent
from scraper.demo.render.common import SiteOutput, article_truth

DEMO_ROOT = Path(__file__).parent
REPO_ROOT = DEMO_ROOT.parent.parent
TESTS_SITES = REPO_ROOT / "tests" / "sites"

Renderer = Callable[[SiteContent], SiteOutput]


def demo_sites() -> list[tuple[SiteContent, Renderer]]:
    from scraper.demo.content import ekeby, hemlunda, kestrelford
    from scraper.demo.render import govuk, sitevision, wordpress

    return [
        (hemlunda.SITE, sitevision.render),
        (ekeby.SITE, wordpress.render),
        (kestrelford.SITE, govuk.render),
    ]


def held_out_sites() -> list[tuple[SiteContent, Renderer]]:
    from scraper.demo.content import aspvik
    from scraper.demo.render import sitevision_classic

    return [(aspvik.SITE, sitevision_classic.render)]


def site_truth(site: SiteContent, out: SiteOutput) -> dict[str, Any]:
    articles = sorted(site.articles, key=lambda a: (a.published, a.slug))
    return {
        "id": site.id,
        "name": site.name,
        "country": site.country,
        "language": site.language,
        "articles": [article_truth(a, out.article_paths[a.slug], site) for a in articles],
        "non_news": out.non_news,
        "broken": out.broken,
    }


def dumps(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# Where the fictional municipalities would lie, for the archive's map: inland Svealand,
# Småland and East Anglia — plausible places, no real town's coordinates.
COORDINATES = {
    "hemlunda": (59.33, 15.21),
    "ekeby": (57.78, 14.16),
    "kestrelford": (52.20, 0.12),
    "aspvik": (62.39, 17.31),
}


def write_site(out: SiteOutput, root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    for rel, data in sorted(out.files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "_site.json").write_bytes(dumps(out.config))


def build_group(
    sites: list[tuple[SiteContent, Renderer]], sites_root: Path, expected: Path | None
) -> dict[str, Any]:
    truth = []
    for site, render in sites:
        out = render(site)
        if site.id in COORDINATES:
            out.config["latitude"], out.config["longitude"] = COORDINATES[site.id]
        root = sites_root / site.id
        write_site(out, root)
        truth.append(site_truth(site, out))
        if expected is None:  # a stand-alone site keeps its ground truth next to its files (not served)
            (root / "expected.json").write_bytes(dumps({"sites": [truth[-1]]}))
            out.config["private"] = ["expected.json"]
            (root / "_site.json").write_bytes(dumps(out.config))
    data = {"sites": truth}
    if expected is not None:
        expected.write_bytes(dumps(data))
    return data


def build(demo_root: Path = DEMO_ROOT, tests_sites: Path | None = TESTS_SITES) -> None:
    """Build the demo web into ``demo_root/sites`` (+ ``expected.json``) and the held-out sites."""
    build_group(demo_sites(), demo_root / "sites", demo_root / "expected.json")
    if tests_sites is not None:
        build_group(held_out_sites(), tests_sites, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scraper.demo.build", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEMO_ROOT, help="directory for sites/ and expected.json")
    parser.add_argument("--tests-out", type=Path, default=TESTS_SITES, help="directory for held-out sites")
    args = parser.parse_args(argv)
    build(args.out, args.tests_out)
    print(f"built demo web in {args.out / 'sites'} and held-out sites in {args.tests_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
