"""``bench real``: quotes and contacts on real municipal news texts, scored like the gold set.

The corpus (``../shared/corpora/real-texts-dev``, outside the repository and absent in a fresh
clone) is ``texts.jsonl``: one real text per line with quote and contact labels made under the
rules of ``tests/gold/README.md``. Each text becomes a page as the corpus README says (blank-line
blocks are ``<p>``, single newlines ``<br>``, the title the ``<h1>`` and ``<title>``) and goes
through ``extract_article`` as a crawled page would, with the text's country as the default region
for phone numbers. Even ids are ``dev`` (tune on these), odd ids ``held_out`` (scored at the end,
reported apart), unless a record carries its own ``split`` (``dev``/``held_out``): another corpus
in the same format, given with ``--corpus``, keeps the split it was made with. Labels marked
``uncertain`` are optional: finding one neither earns nor costs.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .paths import REAL_TEXTS_DIR, SPLITS
from .quotes import PageResult, Report
from .scoring import match_contacts, match_quotes, score_contacts, score_quotes, without_optional

# Every date in the texts is before this; extraction caps dates at the fetch time.
REAL_FETCHED_AT = "2026-12-01T00:00:00Z"


def load_real_texts(corpus: Path | str = REAL_TEXTS_DIR) -> list[dict[str, Any]]:
    """The records of ``texts.jsonl`` (empty when the corpus is absent), each with its ``split``."""
    data_file = Path(corpus) / "texts.jsonl"
    if not data_file.is_file():
        return []
    records = [
        json.loads(line) for line in data_file.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    for i, record in enumerate(records):
        if record.get("split") in SPLITS:  # a corpus that fixes its own split keeps it
            continue
        number = int(re.sub(r"\D", "", record["id"]) or i)
        record["split"] = SPLITS[number % 2]
    return records


def real_page(record: Mapping[str, Any]) -> bytes:
    """The record as a page: blank-line blocks are paragraphs, single newlines ``<br>``; the title
    (when there is one) is the ``<h1>`` and ``<title>``, and a first paragraph equal to it is dropped."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", record["text"]) if p.strip()]
    title = record.get("title")
    if title and paragraphs and " ".join(paragraphs[0].split()) == " ".join(title.split()):
        paragraphs = paragraphs[1:]
    body = "".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in p.splitlines()) + "</p>" for p in paragraphs
    )
    head = f"<title>{html.escape(title)}</title>" if title else ""
    h1 = f"<h1>{html.escape(title)}</h1>" if title else ""
    language = record.get("language", "sv")
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">{head}'
        f"</head><body><article>{h1}\n{body}</article></body></html>"
    ).encode()


Labels = list[dict[str, Any]]


def _labels(items: Sequence[Mapping[str, Any]], names: Sequence[str]) -> tuple[Labels, Labels]:
    """Labels in the gold set's shape, certain and uncertain apart; a contact's phone is its E.164 form."""
    certain: Labels = []
    optional: Labels = []
    for item in items:
        shaped = {n: item.get("phone_e164") if n == "phone" else item.get(n) for n in names}
        (optional if item.get("uncertain") else certain).append(shaped)
    return certain, optional


def score_real(corpus: Path | str = REAL_TEXTS_DIR, splits: Sequence[str] = SPLITS) -> Report:
    """Extract every text of ``splits`` and score its quotes and contacts against the labels."""
    from scraper.extract import extract_article

    pages = []
    for record in load_real_texts(corpus):
        if record["split"] not in splits:
            continue
        article = extract_article(
            real_page(record), record["url"], REAL_FETCHED_AT, country=record.get("country") or "SE"
        )
        quotes, optional_quotes = _labels(record.get("quotes") or [], ("text", "speaker", "role"))
        contacts, optional_contacts = _labels(
            record.get("contacts") or [], ("name", "role", "email", "phone")
        )
        found_quotes = without_optional(article.quotes, quotes, optional_quotes, match_quotes)
        found_contacts = without_optional(article.contacts, contacts, optional_contacts, match_contacts)
        pages.append(
            PageResult(
                record["id"],
                record["split"],
                score_quotes(found_quotes, quotes),
                score_contacts(found_contacts, contacts),
            )
        )
    return Report(pages)


def format_by_language(report: Report, split: str) -> str:
    """One line per language (the id's prefix: sv, nb, da, en) of a split: quotes and contacts."""
    lines = [f"  by language ({split}):"]
    for language in sorted({p.file.split("-")[0] for p in report.pages}):
        pages = [p for p in report.pages if p.file.split("-")[0] == language and split in ("all", p.split)]
        if not pages:
            continue
        q, c = Report(pages).total(split)
        lines.append(
            f"    {language:<3}{len(pages):>3} texts | quotes P {q.precision:.2f} R {q.recall:.2f}"
            f" speaker {q.speaker_accuracy:.2f} (n={q.true_positives + q.false_negatives})"
            f" | contacts P {c.precision:.2f} R {c.recall:.2f} (n={c.true_positives + c.false_negatives})"
        )
    return "\n".join(lines)
