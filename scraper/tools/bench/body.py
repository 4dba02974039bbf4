"""``bench body``: body text on real pages, the project against trafilatura's default, in one run.

The corpus (``../shared/corpora/web-eval``; outside the repository, absent in a fresh clone) is a
folder of pages and ``evaldata.json``: per page URL, the saved ``file``, segments a good
extraction keeps (``with``) and boilerplate it drops (``without``). Pages are split by their
index in sorted URL order: even indexes are ``dev`` (tune on these), odd ``held_out``.

The project's text is what the archive stores and searches: title, lead and body of
``extract_article``. trafilatura's is ``trafilatura.extract(page, url=url)`` with its default
settings. Both are scored by :func:`scoring.score_segments`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .paths import DEFAULT_FETCHED_AT, SPLITS, WEB_EVAL_DIR
from .scoring import SegmentScore, score_segments

METHODS = ("muninews", "trafilatura")


@dataclass(frozen=True)
class EvalPage:
    url: str
    file: str
    split: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass
class BodyReport:
    """Per method and split: summed segment scores, and the pages whose text came out empty."""

    scores: dict[tuple[str, str], SegmentScore] = field(default_factory=dict)
    empty: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)  # split -> number of pages
    lost: list[tuple[EvalPage, str, list[str]]] = field(default_factory=list)  # page, method, missing

    def score(self, method: str, split: str) -> SegmentScore:
        if split == "all":
            total = SegmentScore()
            for s in SPLITS:
                total += self.scores.get((method, s), SegmentScore())
            return total
        return self.scores.get((method, split), SegmentScore())

    def empty_pages(self, method: str, split: str) -> list[str]:
        return [f for s in SPLITS if split in ("all", s) for f in self.empty.get((method, s), [])]


def load_web_eval(corpus: Path | str = WEB_EVAL_DIR) -> list[EvalPage]:
    """The labelled pages of ``corpus`` (empty when it has no ``evaldata.json``), with their split."""
    data_file = Path(corpus) / "evaldata.json"
    if not data_file.is_file():
        return []
    data: dict[str, dict[str, Any]] = json.loads(data_file.read_text(encoding="utf-8"))
    return [
        EvalPage(
            url,
            data[url]["file"],
            SPLITS[i % 2],
            tuple(data[url].get("with") or ()),
            tuple(data[url].get("without") or ()),
        )
        for i, url in enumerate(sorted(data))
    ]


# A method: page bytes and URL in; the text to score and the body alone (to count empty bodies) out.
Method = Callable[[bytes, str], tuple[str, str]]


def muninews_text(page: bytes, url: str) -> tuple[str, str]:
    """Title, lead and body as the archive stores them; the body."""
    from scraper.extract import extract_article

    article = extract_article(page, url, DEFAULT_FETCHED_AT)
    return "\n".join(part for part in (article.title, article.lead, article.body) if part), article.body or ""


def trafilatura_text(page: bytes, url: str) -> tuple[str, str]:
    """trafilatura's default extraction, which is its body too."""
    import trafilatura

    text = trafilatura.extract(page, url=url) or ""
    return text, text


def score_body(
    corpus: Path | str = WEB_EVAL_DIR,
    splits: Sequence[str] = SPLITS,
    methods: dict[str, Method] | None = None,
) -> BodyReport:
    """Extract every page of ``splits`` with each method and score its segments."""
    methods = methods or {"muninews": muninews_text, "trafilatura": trafilatura_text}
    report = BodyReport()
    for page in load_web_eval(corpus):
        if page.split not in splits:
            continue
        report.pages[page.split] = report.pages.get(page.split, 0) + 1
        html = (Path(corpus) / page.file).read_bytes()
        for name, extract in methods.items():
            text, body = extract(html, page.url)
            score = score_segments(text, page.with_, page.without)
            key = (name, page.split)
            report.scores[key] = report.scores.get(key, SegmentScore()) + score
            if not body.strip():
                report.empty.setdefault(key, []).append(page.file)
            if score.missing:
                report.lost.append((page, name, score.missing))
    return report


def format_body(report: BodyReport, splits: Sequence[str], corpus: Path | str) -> str:
    """A table per split: "with" kept and "without" dropped per method, the ratio to trafilatura, and
    the pages whose body came out empty."""
    base = METHODS[1]
    lines = [f"corpus: {corpus}"]
    for split in splits:
        n = sum(report.pages.values()) if split == "all" else report.pages.get(split, 0)
        lines.append(f"== split: {split} — {n} pages ==")
        lines.append(f"  {'method':<13}{'with kept':>20}{'without dropped':>22}{'empty body':>12}")
        ref = report.score(base, split)
        for method in sorted({m for m, _ in report.scores}, key=lambda m: (m != METHODS[0], m)):
            s = report.score(method, split)
            with_ = f"{s.with_share:.3f} ({s.with_kept}/{s.with_total})"
            without = f"{s.without_share:.3f} ({s.without_dropped}/{s.without_total})"
            lines.append(
                f"  {method:<13}{with_:>20}{without:>22}{len(report.empty_pages(method, split)):>12}"
            )
            if method != base and ref.with_share and ref.without_share:
                lines.append(
                    f"  {'':<13}{s.with_share / ref.with_share:>18.3f} ×"
                    f"{s.without_share / ref.without_share:>20.3f} ×   of {base}"
                )
        ours = set(report.empty_pages(METHODS[0], split)) - set(report.empty_pages(base, split))
        lines.append(
            f"  empty here, not in {base}: {len(ours)}" + (f" ({', '.join(sorted(ours))})" if ours else "")
        )
    return "\n".join(lines)


def format_lost(report: BodyReport, method: str = METHODS[0]) -> str:
    """The "with" segments a method lost, page by page."""
    lines = [
        f"{page.file} [{page.split}]: " + " | ".join(repr(seg[:50]) for seg in missing)
        for page, name, missing in report.lost
        if name == method
    ]
    return "\n".join(lines) if lines else "no lost segments"


@dataclass
class RuleEffect:
    """What one prune rule removes on a corpus: its elements, and the labelled segments inside them."""

    elements: int = 0
    with_inside: int = 0
    without_inside: int = 0
    with_pages: set[str] = field(default_factory=set)
    without_pages: set[str] = field(default_factory=set)


def rule_effects(corpus: Path | str = WEB_EVAL_DIR, splits: Sequence[str] = SPLITS) -> dict[str, RuleEffect]:
    """Per prune rule (:data:`vocabulary.PRUNE_RULES`), what it removes from the pages of ``splits``."""
    from scraper.extract import decode_html
    from scraper.extract.prune import prune_candidates
    from scraper.extract.tree import element_text, parse_html, strip_invisible

    from .scoring import score_segments

    effects: dict[str, RuleEffect] = {}
    for page in load_web_eval(corpus):
        tree = parse_html(strip_invisible(decode_html((Path(corpus) / page.file).read_bytes())))
        if page.split not in splits or tree is None:
            continue
        for el, rule in prune_candidates(tree):
            inside = score_segments(element_text(el), page.with_, page.without)
            effect = effects.setdefault(rule, RuleEffect())
            effect.elements += 1
            effect.with_inside += inside.with_kept
            effect.without_inside += inside.without_total - inside.without_dropped
            if inside.with_kept:
                effect.with_pages.add(page.file)
            if inside.without_dropped < inside.without_total:
                effect.without_pages.add(page.file)
    return effects


def format_rules(effects: dict[str, RuleEffect]) -> str:
    lines = [
        f"  {'prune rule':<16}{'elements':>9}{'wanted inside (pages)':>24}{'boilerplate inside (pages)':>29}"
    ]
    for rule, e in sorted(effects.items()):
        wanted = f"{e.with_inside} ({len(e.with_pages)})"
        unwanted = f"{e.without_inside} ({len(e.without_pages)})"
        lines.append(f"  {rule:<16}{e.elements:>9}{wanted:>24}{unwanted:>29}")
    return "\n".join(lines)
