"""Measure quote and contact extraction against the gold set, and its cost against trafilatura.

Two commands, the same figures the quality floors in ``tests/test_quality.py`` assert::

    python -m scraper.tools.bench quotes [--split dev|held_out|all] [--gold DIR] [--verbose]
    python -m scraper.tools.bench speed [--corpus DIR] [--rounds N] [--limit N]

The scoring functions are pure (predictions and labels in, counts out) so they can be unit-tested
on hand-made predictions.

Matching rules
--------------
Quote text
    Both texts are normalised: case-folded, typographic apostrophes unified, white space
    collapsed, punctuation and quotation marks stripped at both ends. A predicted quote matches a
    gold quote when the normalised texts are equal, or when the word tokens (``\\w+``) of one are
    a contiguous run inside the other's and the shorter covers at least
    ``QUOTE_MIN_OVERLAP`` (0.8) of the longer's tokens. Comparing tokens rather than characters
    makes the seam of a split quote ("bra, säger X. Nu" → "bra. Nu") and inner punctuation
    irrelevant, while a quote that swallowed its attribution clause or lost half its words does
    not match. Each gold and each predicted quote is used at most once (greedy one-to-one, best
    pairs first).
Speaker and role
    Among matched quotes: the speaker is right when the normalised names are equal; the role is
    right when both are empty, or the normalised roles are equal after dropping a trailing party
    mark such as "(S)" from both — "kommunstyrelsens ordförande (S)" and "kommunstyrelsens
    ordförande" are the same role. Role comparison is case-insensitive (a role written at the
    start of a sentence is capitalised).
Contacts
    A predicted contact matches a gold contact by e-mail when both have one, otherwise by
    normalised name (one-to-one). Among matched contacts, name, role, e-mail and phone are scored
    field by field (both empty counts as right). Every predicted phone is checked to be valid
    E.164 (``+`` and digits, and ``phonenumbers`` says it is a valid number).

Conventions: precision with no prediction at all is 1.0, recall with nothing to find is 1.0, an
accuracy over zero matched items is 1.0 — the counts are printed next to every ratio.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import phonenumbers

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "gold"
WEB_EVAL_DIR = ROOT.parent / "shared" / "corpora" / "web-eval"
SPLITS = ("dev", "held_out")
DEFAULT_FETCHED_AT = "2027-01-15T10:00:00Z"

# A contained quote must cover this share of the longer quote's tokens to match.
QUOTE_MIN_OVERLAP = 0.8

# The targets of issue 3 ("Quotes and contacts at measured quality"), printed next to the figures.
TARGETS = {
    "quote_precision": 0.95,
    "quote_recall": 0.90,
    "speaker_accuracy": 0.90,
    "contact_precision": 0.95,
    "contact_recall": 0.90,
    "phone_e164_share": 1.0,
    "quote_contact_overhead": 0.25,  # quote+contact time as a share of trafilatura alone
}

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")
_EDGE_PUNCT = "\"'”“„‘’»«›‹–—−-‒―.,;:!?…()[] "
_PARTY = re.compile(r"\s*\([^()]{1,12}\)\s*$")
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


# --- normalisation ---------------------------------------------------------------------------


def _get(item: Any, name: str) -> Any:
    """A field of a label dict or of an ``items.Quote``/``items.Contact``."""
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def normalise_text(text: str | None) -> str:
    """Case-folded, apostrophes unified, white space collapsed, punctuation stripped at the ends."""
    if not text:
        return ""
    text = text.replace("\xa0", " ").replace("’", "'").replace("‘", "'").casefold()
    return _SPACE.sub(" ", text).strip(_EDGE_PUNCT).strip()


def text_tokens(text: str | None) -> list[str]:
    """Word tokens of a text, case-folded; punctuation is not a token."""
    return _TOKEN.findall(normalise_text(text))


def normalise_name(name: str | None) -> str:
    return normalise_text(name)


def normalise_role(role: str | None) -> str:
    """A role without a trailing party mark: "Oppositionsrådet (M)" -> "oppositionsrådet"."""
    if not role:
        return ""
    text = _SPACE.sub(" ", role.replace("\xa0", " ").casefold()).strip(" ,.;:")
    while (m := _PARTY.search(text)) and m.start() > 0:
        text = text[: m.start()].rstrip(" ,")
    return normalise_text(text)


def _contains_run(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n = len(shorter)
    return any(list(longer[i : i + n]) == list(shorter) for i in range(len(longer) - n + 1))


def quote_match_score(predicted: str | None, gold: str | None) -> float:
    """1.0 for equal normalised texts, the token overlap for a qualifying containment, else 0."""
    a, b = normalise_text(predicted), normalise_text(gold)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    if ta == tb:
        return 1.0
    shorter, longer = sorted((ta, tb), key=len)
    if not shorter or not _contains_run(longer, shorter):
        return 0.0
    overlap = len(shorter) / len(longer)
    return overlap if overlap >= QUOTE_MIN_OVERLAP else 0.0


def quote_texts_match(predicted: str | None, gold: str | None) -> bool:
    return quote_match_score(predicted, gold) > 0


def is_e164(phone: str | None) -> bool:
    """True for a valid number written in E.164 ("+46501756000")."""
    if not phone or not _E164.match(phone):
        return False
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == phone
    )


def _normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def _same_field(a: str | None, b: str | None, normalise=normalise_text) -> bool:
    return normalise(a) == normalise(b)


# --- one-to-one matching ---------------------------------------------------------------------


def _one_to_one(scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Greedy assignment of (predicted, gold) pairs, best score first, then document order."""
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for (p, g), _score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])):
        if p in used_p or g in used_g:
            continue
        pairs.append((p, g))
        used_p.add(p)
        used_g.add(g)
    return sorted(pairs, key=lambda pg: pg[1])


def match_quotes(predicted: Sequence[Any], gold: Sequence[Any]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) of matching quotes, one-to-one."""
    scores = {}
    for p, pq in enumerate(predicted):
        for g, gq in enumerate(gold):
            if (s := quote_match_score(_get(pq, "text"), _get(gq, "text"))) > 0:
                scores[(p, g)] = s
    return _one_to_one(scores)


def contacts_match(predicted: Any, gold: Any) -> bool:
    """By e-mail when both have one, otherwise by normalised name."""
    pe, ge = _normalise_email(_get(predicted, "email")), _normalise_email(_get(gold, "email"))
    if pe and ge:
        return pe == ge
    pn, gn = normalise_name(_get(predicted, "name")), normalise_name(_get(gold, "name"))
    return bool(pn) and pn == gn


def match_contacts(predicted: Sequence[Any], gold: Sequence[Any]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) of matching contacts, one-to-one."""
    scores = {
        (p, g): 1.0 for p, pc in enumerate(predicted) for g, gc in enumerate(gold) if contacts_match(pc, gc)
    }
    return _one_to_one(scores)


# --- scores ----------------------------------------------------------------------------------


def _add(a, b):
    """Sum two scores field by field (counts add up, error lists concatenate)."""
    return type(a)(**{f.name: getattr(a, f.name) + getattr(b, f.name) for f in fields(a)})


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class QuoteScore:
    """Counts for quotes on one page or summed over many; errors kept for ``--verbose``."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    speaker_correct: int = 0
    role_correct: int = 0
    missed: list[dict] = field(default_factory=list)  # gold quotes not found
    spurious: list[dict] = field(default_factory=list)  # predicted quotes matching no gold quote
    wrong_speaker: list[tuple[dict, dict]] = field(default_factory=list)  # (gold, predicted)
    wrong_role: list[tuple[dict, dict]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self.speaker_correct, self.true_positives)

    @property
    def role_accuracy(self) -> float:
        return _ratio(self.role_correct, self.true_positives)

    def __add__(self, other: QuoteScore) -> QuoteScore:
        return _add(self, other)


@dataclass
class ContactScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    name_correct: int = 0
    role_correct: int = 0
    email_correct: int = 0
    phone_correct: int = 0
    phones_predicted: int = 0
    phones_e164: int = 0
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    wrong_fields: list[tuple[dict, dict, list[str]]] = field(default_factory=list)  # (gold, pred, fields)
    bad_phones: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def name_accuracy(self) -> float:
        return _ratio(self.name_correct, self.true_positives)

    @property
    def role_accuracy(self) -> float:
        return _ratio(self.role_correct, self.true_positives)

    @property
    def email_accuracy(self) -> float:
        return _ratio(self.email_correct, self.true_positives)

    @property
    def phone_accuracy(self) -> float:
        return _ratio(self.phone_correct, self.true_positives)

    @property
    def phone_e164_share(self) -> float:
        return _ratio(self.phones_e164, self.phones_predicted)

    def __add__(self, other: ContactScore) -> ContactScore:
        return _add(self, other)


def _as_dict(item: Any, names: Iterable[str]) -> dict:
    return {n: _get(item, n) for n in names}


def score_quotes(predicted: Sequence[Any], gold: Sequence[Any]) -> QuoteScore:
    """Score predicted quotes (``items.Quote`` or dicts) against gold quote labels."""
    names = ("text", "speaker", "role")
    pairs = match_quotes(predicted, gold)
    score = QuoteScore(true_positives=len(pairs))
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    score.false_positives = len(predicted) - len(matched_p)
    score.false_negatives = len(gold) - len(matched_g)
    score.missed = [_as_dict(g, names) for i, g in enumerate(gold) if i not in matched_g]
    score.spurious = [_as_dict(p, names) for i, p in enumerate(predicted) if i not in matched_p]
    for p, g in pairs:
        pq, gq = _as_dict(predicted[p], names), _as_dict(gold[g], names)
        if _same_field(pq["speaker"], gq["speaker"], normalise_name):
            score.speaker_correct += 1
        else:
            score.wrong_speaker.append((gq, pq))
        if _same_field(pq["role"], gq["role"], normalise_role):
            score.role_correct += 1
        else:
            score.wrong_role.append((gq, pq))
    return score


def score_contacts(predicted: Sequence[Any], gold: Sequence[Any]) -> ContactScore:
    """Score predicted contacts (``items.Contact`` or dicts) against gold contact labels."""
    names = ("name", "role", "email", "phone")
    pairs = match_contacts(predicted, gold)
    score = ContactScore(true_positives=len(pairs))
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    score.false_positives = len(predicted) - len(matched_p)
    score.false_negatives = len(gold) - len(matched_g)
    score.missed = [_as_dict(g, names) for i, g in enumerate(gold) if i not in matched_g]
    score.spurious = [_as_dict(p, names) for i, p in enumerate(predicted) if i not in matched_p]
    for p, g in pairs:
        pc, gc = _as_dict(predicted[p], names), _as_dict(gold[g], names)
        wrong = []
        for name, normalise in (
            ("name", normalise_name),
            ("role", normalise_role),
            ("email", _normalise_email),
            ("phone", lambda v: (v or "").strip()),
        ):
            if _same_field(pc[name], gc[name], normalise):
                setattr(score, f"{name}_correct", getattr(score, f"{name}_correct") + 1)
            else:
                wrong.append(name)
        if wrong:
            score.wrong_fields.append((gc, pc, wrong))
    for contact in predicted:
        if phone := _get(contact, "phone"):
            score.phones_predicted += 1
            if is_e164(phone):
                score.phones_e164 += 1
            else:
                score.bad_phones.append(phone)
    return score


# --- the gold set ----------------------------------------------------------------------------


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


def load_labels(gold_dir: Path | str = GOLD_DIR) -> dict[str, dict]:
    """``labels.json``: page file name -> url, country, language, split, quotes, contacts."""
    return json.loads((Path(gold_dir) / "labels.json").read_text(encoding="utf-8"))


def select(labels: Mapping[str, dict], split: str = "all") -> dict[str, dict]:
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


def site_roots() -> list[tuple[str, Path, dict]]:
    """(split, site folder, its ground truth) for the demo web and the held-out test sites.

    Their texts were written by other hands than the gold set's, for the crawl tests: a second,
    independent measure of the same extraction. Split ``demo`` is the bundled demo web,
    ``sites`` the held-out sites in tests/sites (present in a repository checkout only).
    """
    from scraper.demo.server import EXPECTED_PATH, SITES_ROOT

    roots = []
    demo = {site["id"]: site for site in json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))["sites"]}
    for folder in sorted(SITES_ROOT.iterdir()):
        if folder.name in demo:
            roots.append(("demo", folder, demo[folder.name]))
    for expected in sorted((ROOT / "tests" / "sites").glob("*/expected.json")):
        for site in json.loads(expected.read_text(encoding="utf-8"))["sites"]:
            roots.append(("sites", expected.parent, site))
    return roots


def score_sites() -> Report:
    """Run ``extract_article`` on every article page of the demo and held-out sites, as served."""
    from scraper.demo.server import SiteApp
    from scraper.extract import extract_article

    origin = "http://127.0.0.1:8000"
    pages = []
    for split, folder, site in site_roots():
        app = SiteApp(folder, origin)
        for article in site["articles"]:
            response = app.handle(article["path"], {})
            charset = re.search(r"charset=([\w-]+)", response.headers.get("Content-Type", ""))
            extracted = extract_article(
                response.body,
                origin + article["path"],
                DEFAULT_FETCHED_AT,
                municipality_id=site["id"],
                country=site["country"],
                encoding=charset.group(1) if charset else None,
            )
            pages.append(
                PageResult(
                    f"{site['id']}{article['path']}",
                    split,
                    score_quotes(extracted.quotes, article["quotes"]),
                    score_contacts(extracted.contacts, article["contacts"]),
                )
            )
    return Report(pages)


# --- printing --------------------------------------------------------------------------------


def _fmt(value: float, num: int, den: int) -> str:
    return f"{value:5.3f} ({num}/{den})"


def _mark(value: float, target: float) -> str:
    return "ok" if value >= target else "BELOW"


def format_table(report: Report, splits: Sequence[str]) -> str:
    lines = []
    for split in splits:
        pages = [p for p in report.pages if split in ("all", p.split)]
        q, c = report.total(split)
        lines.append(f"== split: {split} — {len(pages)} pages ==")
        rows = [
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
        lines.append(f"  {'measure':<24}{'value':>18}   {'target':>7}")
        for name, value, num, den, target in rows:
            shown = _fmt(value, num, den) if num is not None else f"{value:5.3f}"
            goal = f"≥ {target:.2f} {_mark(value, target)}" if target is not None else ""
            lines.append(f"  {name:<24}{shown:>18}   {goal}")
        lines.append("")
    return "\n".join(lines)


def _q(quote: Mapping) -> str:
    role = f", {quote['role']}" if quote.get("role") else ""
    return f"“{quote.get('text')}” — {quote.get('speaker')}{role}"


def _c(contact: Mapping) -> str:
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


def corpus_pages(corpus: Path | str | None = None, limit: int | None = None) -> tuple[Path, list[Path]]:
    """HTML pages to time: ``corpus``, else the web-eval corpus when present, else the gold pages."""
    if corpus is None:
        corpus = WEB_EVAL_DIR if WEB_EVAL_DIR.is_dir() else GOLD_DIR / "pages"
    corpus = Path(corpus)
    files = sorted(p for p in corpus.glob("*.htm*") if p.is_file())
    return corpus, files[:limit] if limit else files


@dataclass
class SpeedResult:
    pages: int
    rounds: int
    trafilatura_ms: float  # median over rounds of the per-page mean
    extract_article_ms: float
    quotes_contacts_ms: float

    @property
    def article_ratio(self) -> float:
        return self.extract_article_ms / self.trafilatura_ms

    @property
    def quotes_contacts_ratio(self) -> float:
        return self.quotes_contacts_ms / self.trafilatura_ms


def measure_speed(files: Sequence[Path], rounds: int = 5, country: str = "SE") -> SpeedResult:
    """Time trafilatura alone, ``extract_article`` and quote+contact extraction on the same pages.

    The three are interleaved page by page (their order rotated each round) after one warm-up
    round; the figure per method is the median over rounds of the total, per page.
    """
    import trafilatura

    from scraper.extract import decode_html, extract_article, extract_contacts, extract_quotes
    from scraper.extract.tree import parse_html

    bodies = [f.read_bytes() for f in files]
    # Inputs for quote+contact extraction alone: the body paragraphs and the parsed tree.
    prepared = []
    for body in bodies:
        article = extract_article(body, "https://example.invalid/", DEFAULT_FETCHED_AT, country=country)
        paragraphs = article.body.split("\n\n") if article.body else []
        prepared.append((paragraphs, article.language, parse_html(decode_html(body))))

    def run_trafilatura(i: int) -> None:
        trafilatura.extract(bodies[i], with_metadata=True, deduplicate=False)

    def run_article(i: int) -> None:
        extract_article(bodies[i], "https://example.invalid/", DEFAULT_FETCHED_AT, country=country)

    def run_quotes_contacts(i: int) -> None:
        paragraphs, language, tree = prepared[i]
        extract_quotes(paragraphs, language)
        if tree is not None:
            extract_contacts(tree, country=country)

    methods = (run_trafilatura, run_article, run_quotes_contacts)
    totals: list[list[float]] = [[] for _ in methods]
    for r in range(rounds + 1):  # round 0 warms caches and imports up
        spent = [0.0] * len(methods)
        for i in range(len(bodies)):
            for k in range(len(methods)):
                m = (k + r) % len(methods)
                start = time.perf_counter()
                methods[m](i)
                spent[m] += time.perf_counter() - start
        if r:
            for m, value in enumerate(spent):
                totals[m].append(value)
    n = max(len(bodies), 1)
    ms = [statistics.median(t) * 1000 / n for t in totals]
    return SpeedResult(len(bodies), rounds, *ms)


def format_speed(result: SpeedResult, corpus: Path) -> str:
    target = TARGETS["quote_contact_overhead"]
    return "\n".join(
        [
            f"corpus: {corpus} — {result.pages} pages, {result.rounds} rounds (+1 warm-up), median",
            f"  trafilatura.extract(with_metadata=True)  {result.trafilatura_ms:8.1f} ms/page   1.00",
            f"  extract_article                          {result.extract_article_ms:8.1f} ms/page"
            f"   {result.article_ratio:4.2f} × trafilatura",
            f"  quotes + contacts alone                  {result.quotes_contacts_ms:8.1f} ms/page"
            f"   {result.quotes_contacts_ratio:4.2f} × trafilatura"
            f"  (target ≤ {target:.2f}: {'ok' if result.quotes_contacts_ratio <= target else 'ABOVE'})",
        ]
    )


# --- command line ----------------------------------------------------------------------------


def _extract_file(path: Path) -> int:
    from scraper.extract import extract_article

    article = extract_article(path.read_bytes(), path.resolve().as_uri(), DEFAULT_FETCHED_AT)
    return len(article.body or "")


def measure_pool(files: Sequence[Path], workers: int) -> tuple[float, float]:
    """Pages per second extracting ``files`` in this process, then in a pool of ``workers``.

    What MUNINEWS_EXTRACT_WORKERS buys a crawl: both measured in the same run, pool start-up
    included, so the ratio is what a crawl of this many pages would see.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    inline = [_extract_file(f) for f in files]
    inline_rate = len(files) / (time.perf_counter() - start)
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pooled = list(pool.map(_extract_file, files, chunksize=4))
    pool_rate = len(files) / (time.perf_counter() - start)
    if pooled != inline:
        raise AssertionError("the pool extracted something else than the crawl process")
    return inline_rate, pool_rate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scraper.tools.bench", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    quotes = sub.add_parser("quotes", help="score quotes and contacts on the gold set")
    quotes.add_argument("--split", choices=("dev", "held_out", "all"), default="all")
    quotes.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder with labels.json and pages/")
    quotes.add_argument("--verbose", "-v", action="store_true", help="list the errors page by page")
    pool = sub.add_parser("pool", help="pages per second with MUNINEWS_EXTRACT_WORKERS")
    pool.add_argument("--corpus", type=Path, default=None, help="folder of .html pages")
    pool.add_argument("--workers", type=int, default=2)
    sites = sub.add_parser("sites", help="score quotes and contacts on the demo and held-out sites")
    sites.add_argument("--verbose", "-v", action="store_true", help="list the errors page by page")
    speed = sub.add_parser("speed", help="time extraction against trafilatura alone")
    speed.add_argument("--corpus", type=Path, default=None, help="folder of .html pages")
    speed.add_argument("--rounds", type=int, default=5)
    speed.add_argument("--limit", type=int, default=None, help="time only the first N pages")
    args = parser.parse_args(argv)

    if args.command == "quotes":
        report = score_gold(args.gold, args.split)
        splits = [*SPLITS, "all"] if args.split == "all" else [args.split]
        print(format_table(report, splits))
        if args.verbose:
            print(format_errors(report, args.split))
        return 0
    if args.command == "pool":
        corpus, files = corpus_pages(args.corpus)
        inline_rate, pool_rate = measure_pool(files, args.workers)
        print(f"corpus: {corpus} — {len(files)} pages")
        print(f"  extract in the crawl process      {inline_rate:6.1f} pages/s   1.00")
        ratio = pool_rate / inline_rate
        print(f"  extract in {args.workers} worker processes     {pool_rate:6.1f} pages/s   {ratio:.2f} ×")
        return 0
    if args.command == "sites":
        report = score_sites()
        print(format_table(report, ["demo", "sites", "all"]))
        if args.verbose:
            print(format_errors(report, "all"))
        return 0
    corpus, files = corpus_pages(args.corpus, args.limit)
    if not files:
        print(f"no .html pages in {corpus}", file=sys.stderr)
        return 1
    print(format_speed(measure_speed(files, rounds=args.rounds), corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
