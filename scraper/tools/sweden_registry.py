"""Generate ``scraper/data/municipalities.json``: all 290 Swedish kommuner, from three sources.

* The SKR dataset of kommuner (name, domain, län code) as published in ``../shared/data/
  swedish-municipalities.json`` (MIT; attribution in ``scraper/data/README.md``);
* ``scraper/data/kommuner.tsv``: SCB's kommunkod, the seat and its coordinates (facts written for
  muninews), and ``scraper/data/lan.tsv``: the 21 län;
* ``scraper/data/sites.json``: what is known about single sites (a site at the bare domain, its
  platform, a news or feed URL, press rooms), by kommunkod.

Run ``python -m scraper.tools.sweden_registry [--source FILE] [--output FILE] [--check]``. The
generated file is committed: a clone of the project has no ``../shared``. ``--check`` exits 1 when the
committed file differs from what the sources give.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scraper.registry import Municipality, short_name, slugify

DATA = Path(__file__).resolve().parent.parent / "data"
PROJECT = DATA.parent.parent
SOURCE = PROJECT.parent / "shared" / "data" / "swedish-municipalities.json"
OUTPUT = DATA / "municipalities.json"
SOURCE_NOTE = (
    "Sveriges Kommuner och Regioner (SKR), catalog.skl.se dataset ed60ba69-f267-4b63-9f62-840342ba29f6, "
    "via github.com/Oddly-Even/kravla (MIT, swedish-municipalities.LICENSE); kommunkod, län and seat "
    "coordinates: kommuner.tsv, lan.tsv; site facts: sites.json. See README.md."
)


def read_tsv(path: Path) -> list[list[str]]:
    """The rows of a tab-separated fact table, comment lines (``#``) left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def transliterated(name: str) -> str:
    """ "Håbo" → "haabo": the Scandinavian spelling without diacritics, for ids that would collide."""
    table = str.maketrans({"å": "aa", "ä": "ae", "ö": "oe", "Å": "Aa", "Ä": "Ae", "Ö": "Oe"})
    return slugify(unicodedata.normalize("NFC", name).translate(table))


def _match(entry: dict[str, Any], facts: dict[str, list[str]]) -> str:
    """The kommunkod of an SKR entry: by its name without "kommun"/"stad" (and genitive s), else by
    its domain ("Falu kommun" is falun.se)."""
    short = short_name(entry["name"])
    by_name = {row[1]: code for code, row in facts.items()}
    for candidate in (short, short[:-1] if short.endswith("s") else None):
        if candidate and candidate in by_name:
            return by_name[candidate]
    stem = entry["domain"].split(".")[0]
    by_slug = {slugify(row[1]): code for code, row in facts.items()}
    if stem in by_slug:
        return by_slug[stem]
    raise ValueError(f"no kommunkod for {entry['name']!r} ({entry['domain']}) in kommuner.tsv")


def _ids(names: dict[str, str]) -> dict[str, str]:
    """kommunkod → id: the slug of the short name; two names folding to one slug (Habo, Håbo) keep
    it for the one without diacritics, the other is transliterated ("haabo")."""
    by_slug: dict[str, list[str]] = {}
    for code, name in names.items():
        by_slug.setdefault(slugify(name), []).append(code)
    ids = {}
    for slug, codes in by_slug.items():
        for code in codes:
            plain = len(codes) == 1 or names[code].isascii()
            ids[code] = slug if plain else transliterated(names[code])
    return ids


def build(source: dict[str, Any]) -> list[Municipality]:
    """The registry entries, ordered by kommunkod."""
    facts = {row[0]: row for row in read_tsv(DATA / "kommuner.tsv")}
    counties = dict((row[0], row[1]) for row in read_tsv(DATA / "lan.tsv"))
    sites: dict[str, dict[str, Any]] = json.loads((DATA / "sites.json").read_text("utf-8"))["sites"]
    ids = _ids({code: row[1] for code, row in facts.items()})
    out: dict[str, Municipality] = {}
    for entry in source["municipalities"]:
        code = _match(entry, facts)
        if code in out:
            raise ValueError(f"two SKR entries for kommunkod {code}: {out[code].name}, {entry['name']}")
        if code[:2] != entry["region"]:
            raise ValueError(f"{entry['name']}: kommunkod {code} is not in län {entry['region']}")
        site = sites.get(code, {})
        host = entry["domain"] if site.get("bare") else "www." + entry["domain"]
        out[code] = Municipality(
            id=ids[code],
            name=entry["name"].removesuffix(" (kommun)"),
            homepage=f"https://{host}/",
            country="SE",
            news_url=site.get("news_url"),
            feed_url=site.get("feed_url"),
            platform=site.get("platform"),
            latitude=float(facts[code][3]),
            longitude=float(facts[code][4]),
            code=code,
            county_code=entry["region"],
            county=counties[entry["region"]],
            press_rooms=list(site.get("press_rooms", [])),
        )
    missing = sorted(set(facts) - set(out))
    if missing:
        raise ValueError(f"kommuner.tsv has kommunkoder the SKR data lacks: {', '.join(missing)}")
    return [out[code] for code in sorted(out)]


def render(municipalities: Iterable[Municipality]) -> str:
    """The registry file: its source note, then one entry per line (diffs stay readable)."""
    rows = [json.dumps(m.to_dict(), ensure_ascii=False) for m in municipalities]
    head = json.dumps(SOURCE_NOTE, ensure_ascii=False)
    return f'{{"source": {head},\n "licence": "MIT (SKR data), see README.md",\n "municipalities": [\n  ' + (
        ",\n  ".join(rows) + "\n]}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"the SKR file (default {SOURCE})")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default {OUTPUT}")
    parser.add_argument("--check", action="store_true", help="compare with --output instead of writing it")
    args = parser.parse_args(argv)
    text = render(build(json.loads(args.source.read_text(encoding="utf-8"))))
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print(f"{args.output}: {'up to date' if same else 'differs from the sources'}")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {text.count(chr(10)) - 4} municipalities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
