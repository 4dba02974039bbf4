"""``bench quotes``: score extraction on the gold set, and the tables it prints."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .paths import DEFAULT_FETCHED_AT, GOLD_DIR, SPLITS
from .scoring import TARGETS, ContactScore, QuoteScore, score_contacts, score_quotes


@dataclass
class PageResult:
    file: str
    split: str
    quotes: QuoteScore
    contacts: ContactScore


@dataclass
class Report:
    pages: list[PageResult]

    def total(self, split: str = "all") -> tuple[QuoteScore, ContactScore]:
        quotes, contacts = QuoteScore(), ContactScore()
        for page in self.pages:
            if split in ("all", page.split):
                quotes += page.quotes
                contacts += page.contacts
        return quotes, contacts


def load_labels(gold_dir: Path | str = GOLD_DIR) -> dict[str, dict[str, Any]]:
    """``labels.json``: page file name -> url, country, language, split, quotes, contacts."""
    labels: dict[str, dict[str, Any]] = json.loads(
        (Path(gold_dir) / "labels.json").read_text(encoding="utf-8")
    )
    return labels


def select(labels: Mapping[str, dict[str, Any]], split: str = "all") -> dict[str, dict[str, Any]]:
    if split not in ("all", *SPLITS):
        raise ValueError(f"unknown split {split!r}: use dev, held_out or all")
    return {f: lab for f, lab in labels.items() if split == "all" or lab["split"] == split}


def score_gold(gold_dir: Path | str = GOLD_DIR, split: str = "all") -> Report:
    """Run ``extract_article`` on every gold page of a split and score quotes and contacts."""
    from scraper.extract import extract_article

    gold_dir = Path(gold_dir)
    pages = []
    for file, label in sorted(select(load_labels(gold_dir), split).items()):
        body = (gold_dir / "pages" / file).read_bytes()
        article = extract_article(
            body,
            label["url"],
            label.get("fetched_at", DEFAULT_FETCHED_AT),
            municipality_id="gold",
            country=label["country"],
        )
        pages.append(
            PageResult(
                file,
                label["split"],
                score_quotes(article.quotes, label["quotes"]),
                score_contacts(article.contacts, label["contacts"]),
            )
        )
    return Report(pages)


# --- printing --------------------------------------------------------------------------------


def _fmt(value: float, num: int, den: int) -> str:
    return f"{value:5.3f} ({num}/{den})"


def _mark(value: float, target: float) -> str:
    return "ok" if value >= target else "BELOW"


# One row of the table: label, value, numerator, denominator (None: no counts), floor (None: none).
_Row = tuple[str, float, int | None, int | None, float | None]


def _rows(q: QuoteScore, c: ContactScore) -> list[_Row]:
    """The figures of one split, each with its counts and its floor from ``floors.json``."""
    return [
        (
            "quotes precision",
            q.precision,
            q.true_positives,
            q.true_positives + q.false_positives,
            TARGETS["quote_precision"],
        ),
        (
            "quotes recall",
            q.recall,
            q.true_positives,
            q.true_positives + q.false_negatives,
            TARGETS["quote_recall"],
        ),
        ("quotes F1", q.f1, None, None, None),
        (
            "speaker correct",
            q.speaker_accuracy,
            q.speaker_correct,
            q.true_positives,
            TARGETS["speaker_accuracy"],
        ),
        ("quote role correct", q.role_accuracy, q.role_correct, q.true_positives, None),
        (
            "contacts precision",
            c.precision,
            c.true_positives,
            c.true_positives + c.false_positives,
            TARGETS["contact_precision"],
        ),
        (
            "contacts recall",
            c.recall,
            c.true_positives,
            c.true_positives + c.false_negatives,
            TARGETS["contact_recall"],
        ),
        ("contacts F1", c.f1, None, None, None),
        ("contact name correct", c.name_accuracy, c.name_correct, c.true_positives, None),
        ("contact role correct", c.role_accuracy, c.role_correct, c.true_positives, None),
        ("contact email correct", c.email_accuracy, c.email_correct, c.true_positives, None),
        ("contact phone correct", c.phone_accuracy, c.phone_correct, c.true_positives, None),
        (
            "phones valid E.164",
            c.phone_e164_share,
            c.phones_e164,
            c.phones_predicted,
            TARGETS["phone_e164_share"],
        ),
    ]


def format_table(report: Report, splits: Sequence[str]) -> str:
    lines = []
    for split in splits:
        pages = [p for p in report.pages if split in ("all", p.split)]
        q, c = report.total(split)
        lines.append(f"== split: {split} — {len(pages)} pages ==")
        rows = _rows(q, c)
        lines.append(f"  {'measure':<24}{'value':>18}   {'target':>7}")
        for name, value, num, den, target in rows:
            shown = _fmt(value, num, den or 0) if num is not None else f"{value:5.3f}"
            goal = f"≥ {target:.2f} {_mark(value, target)}" if target is not None else ""
            lines.append(f"  {name:<24}{shown:>18}   {goal}")
        lines.append("")
    return "\n".join(lines)


def _q(quote: Mapping[str, Any]) -> str:
    role = f", {quote['role']}" if quote.get("role") else ""
    return f"“{quote.get('text')}” — {quote.get('speaker')}{role}"


def _c(contact: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={contact.get(k)!r}" for k in ("name", "role", "email", "phone"))


def format_errors(report: Report, split: str = "all") -> str:
    """Per page: missed and spurious quotes, wrong speakers and roles, contact errors."""
    lines = []
    for page in report.pages:
        if split not in ("all", page.split):
            continue
        q, c = page.quotes, page.contacts
        errors = []
        errors += [f"  missed quote     {_q(g)}" for g in q.missed]
        errors += [f"  spurious quote   {_q(p)}" for p in q.spurious]
        errors += [
            f"  wrong speaker    {_q(p)}\n                   gold: {g['speaker']!r}"
            for g, p in q.wrong_speaker
        ]
        errors += [
            f"  wrong role       {_q(p)}\n                   gold: {g['role']!r}" for g, p in q.wrong_role
        ]
        errors += [f"  missed contact   {_c(g)}" for g in c.missed]
        errors += [f"  spurious contact {_c(p)}" for p in c.spurious]
        errors += [
            f"  contact fields   {', '.join(wrong)} wrong: {_c(p)}\n                   gold: {_c(g)}"
            for g, p, wrong in c.wrong_fields
        ]
        errors += [f"  phone not E.164  {phone!r}" for phone in c.bad_phones]
        if errors:
            lines.append(f"{page.file} [{page.split}]")
            lines.extend(errors)
    return "\n".join(lines) if lines else "no errors"


# --- speed -----------------------------------------------------------------------------------
