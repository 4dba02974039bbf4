"""Which platform (CMS) a site runs on, from one of its pages: a pure function of (markup, URL).

Three kinds of evidence, strongest first: the ``<meta name="generator">`` a platform writes
(decisive), the paths of the site's own assets (``/wp-content/``, ``/sitevision/``,
``/globalassets/``; links to other hosts do not count) and markup families (``sv-portlet``,
``data-drupal-``, ``wp-block-`` classes). Each platform module of this package says what it writes
(``LABEL``, ``GENERATOR``, ``ASSET_PATHS``, ``MARKUP``); a flavour (Municipio, a WordPress theme) names
its base in ``FLAVOUR_OF`` and wins over it when its own evidence is there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType
from urllib.parse import urlsplit

from . import drupal, episerver, govuk, joomla, municipio, polopoly, sitevision, umbraco, wordpress

#: The platforms detection knows, by the id stored in ``municipalities.platform``.
DETECTABLE: dict[str, ModuleType] = {
    "sitevision": sitevision,
    "episerver": episerver,
    "wordpress": wordpress,
    "municipio": municipio,
    "drupal": drupal,
    "umbraco": umbraco,
    "polopoly": polopoly,
    "joomla": joomla,
    "govuk": govuk,
}

GENERATOR_SCORE = 10  # a platform that names itself
ASSET_SCORE = 3  # per distinct asset path of the site's own
MARKUP_SCORE = 1  # per distinct markup family
MIN_SCORE = 3  # below this, no platform is named: one class word is not enough
MAX_CHARS = 500_000  # the head and the first half megabyte say enough

_GENERATOR = re.compile(
    r"<meta\b(?=[^>]*\bname=[\"']generator[\"'])[^>]*\bcontent=[\"']([^\"']*)[\"']", re.IGNORECASE
)
_ATTRIBUTE = re.compile(
    r"""\b(?:src|href|srcset|content|action|data-[\w-]+)=["']([^"']+)["']|url\(["']?([^"')]+)"""
)


@dataclass(frozen=True)
class Detection:
    """A platform named from a page: its id (``sitevision``), label, score and what showed it."""

    platform: str
    label: str
    score: int
    evidence: tuple[str, ...]


def label(platform: str | None) -> str:
    """ "sitevision" → "SiteVision"; an id detection does not know is shown as it is."""
    module = DETECTABLE.get(platform or "")
    return str(module.LABEL) if module else (platform or "unknown")


def _own_values(markup: str, host: str) -> list[str]:
    """Attribute and CSS url() values that point at the page's own host (or are relative)."""
    values = []
    for match in _ATTRIBUTE.finditer(markup):
        value = (match.group(1) or match.group(2) or "").strip().lower()
        if value.startswith(("http://", "https://", "//")):
            try:
                other = urlsplit(value if not value.startswith("//") else "http:" + value).hostname or ""
            except ValueError:  # "https://[not-an-address]/": no host to compare, no evidence
                continue
            if host and other.removeprefix("www.") != host.removeprefix("www."):
                continue
        values.append(value)
    return values


def _score(
    module: ModuleType, generators: list[str], values: list[str], markup: str
) -> tuple[int, list[str]]:
    score, evidence = 0, []
    for word in module.GENERATOR:
        hit = next((g for g in generators if word in g.lower()), None)
        if hit is not None:
            score += GENERATOR_SCORE
            evidence.append(f"generator {hit!r}")
            break
    for path in module.ASSET_PATHS:
        if any(path.lower() in v for v in values):
            score += ASSET_SCORE
            evidence.append(f"asset path {path}")
    for pattern in module.MARKUP:
        if re.search(pattern, markup, re.IGNORECASE):
            score += MARKUP_SCORE
            evidence.append(f"markup /{pattern}/")
    return score, evidence


def detect_platform(page: str | bytes, url: str = "") -> Detection | None:
    """The platform a page shows, or None when the evidence is too thin (or points nowhere)."""
    markup = page.decode("utf-8", "replace") if isinstance(page, bytes) else page
    markup = markup[:MAX_CHARS]
    generators = _GENERATOR.findall(markup)
    values = _own_values(markup, (urlsplit(url).hostname or "").lower())
    scored = {pid: _score(module, generators, values, markup) for pid, module in DETECTABLE.items()}
    for pid, module in DETECTABLE.items():  # a flavour's evidence adds to its base, not the reverse
        base = getattr(module, "FLAVOUR_OF", None)
        if base and scored[pid][0] >= MIN_SCORE:
            scored[pid] = (scored[pid][0] + scored[base][0], scored[pid][1] + scored[base][1])
    best = max(scored, key=lambda pid: scored[pid][0])
    score, evidence = scored[best]
    if score < MIN_SCORE:
        return None
    return Detection(best, label(best), score, tuple(evidence))
