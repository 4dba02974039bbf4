"""The municipality registry: which sites to crawl, as data.

What differs per municipality (homepage, a known news or feed URL, the country used
as default region for phone numbers) lives in ``scraper/data/municipalities.json``,
never in ``if domain == ...`` branches. A crawl can use another registry file with
the ``MUNINEWS_REGISTRY`` setting (the demo does, since its ports are chosen at run time).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

BUNDLED_REGISTRY = Path(__file__).parent / "data" / "municipalities.json"

# Country-code top-level domains of the countries muninews knows; anything else
# falls back to the --country option (default SE).
TLD_COUNTRIES = {"se": "SE", "no": "NO", "dk": "DK", "fi": "FI", "uk": "GB", "ie": "IE", "is": "IS"}


@dataclass
class Municipality:
    id: str  # slug, e.g. "mariestad"
    name: str  # display name, e.g. "Mariestads kommun"
    homepage: str
    country: str = "SE"  # ISO 3166-1 alpha-2
    news_url: str | None = None  # a known news listing, crawled in addition to what is discovered
    feed_url: str | None = None  # a known RSS/Atom feed
    platform: str | None = None  # CMS hint: "sitevision", "wordpress", ...
    latitude: float | None = None
    longitude: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def slugify(name: str) -> str:
    """ "Mariestads kommun" → "mariestads-kommun"; å/ä/ö folded to a/a/o like Swedish URLs do."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "site"


def country_from_url(url: str, default: str = "SE") -> str:
    host = urlsplit(url).hostname or ""
    return TLD_COUNTRIES.get(host.rsplit(".", 1)[-1], default)


def load_registry(path: str | Path | None = None) -> list[Municipality]:
    """Read a registry file (the bundled one by default)."""
    data = json.loads(Path(path or BUNDLED_REGISTRY).read_text(encoding="utf-8"))
    fields = Municipality.__dataclass_fields__
    return [Municipality(**{k: v for k, v in row.items() if k in fields}) for row in data]


def save_registry(municipalities: list[Municipality], path: str | Path) -> None:
    Path(path).write_text(
        json.dumps([m.to_dict() for m in municipalities], ensure_ascii=False, indent=1), encoding="utf-8"
    )


def adhoc(url: str, name: str, country: str | None = None, id: str | None = None) -> Municipality:
    """A site given on the command line by its homepage URL and display name."""
    if not urlsplit(url).scheme:
        url = "https://" + url
    return Municipality(
        id=id or slugify(name), name=name, homepage=url, country=(country or country_from_url(url)).upper()
    )


def select(
    registry: list[Municipality], names: list[str] | None = None, all_: bool = False
) -> list[Municipality]:
    """Pick municipalities by id or name (case-insensitive); unknown names raise KeyError."""
    if all_ or not names:
        return list(registry)
    by_key: dict[str, Municipality] = {}
    for m in registry:
        by_key[m.id.lower()] = m
        by_key[m.name.lower()] = m
        by_key[slugify(m.name)] = m
    chosen = []
    for n in names:
        found = by_key.get(n.lower()) or by_key.get(slugify(n))
        if found is None:
            raise KeyError(n)
        chosen.append(found)
    return chosen


@dataclass(frozen=True)
class Selection:
    """Which municipalities a crawl covers, as the spider's ``-a`` arguments name them."""

    names: tuple[str, ...] = ()  # ids or names from the registry
    all: bool = False
    url: str = ""  # a site not in the registry ...
    name: str = ""  # ... with its name, country and id
    country: str = ""
    id: str = ""

    @classmethod
    def from_arguments(
        cls, municipalities: str, all: str, url: str, name: str, country: str, id: str
    ) -> Selection:
        names = tuple(n.strip() for n in municipalities.split(",") if n.strip())
        return cls(names, str(all).lower() in ("1", "true", "yes"), url, name, country, id)

    def municipalities(self, registry_path: str | None) -> list[Municipality]:
        if self.url:
            return [adhoc(self.url, self.name or self.url, self.country or None, self.id or None)]
        entries = load_registry(registry_path)
        if not self.names and not self.all:
            raise ValueError(
                "name municipalities (-a municipalities=a,b), -a all=1, or -a url=... -a municipality=..."
            )
        return select(entries, list(self.names), self.all)
