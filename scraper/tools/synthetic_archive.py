"""Generate a synthetic muninews archive of N articles, for the Datasette benchmark.

    python -m scraper.tools.synthetic_archive /data/bench/archive.db --articles 1000000

The file has the real schema (``Archive`` creates it, so FTS triggers, indexes and the compound
vocabulary are the production ones) and articles shaped like the real ones: ~3 KB bodies of
Swedish-looking words drawn from a Zipf distribution, 290 municipalities of very different sizes,
dates over twelve years, 10 % English, a quote and a contact in every fourth article.

Two words are planted so the benchmark knows their answer exactly: ``upphandling`` in every third
article (the "common word" a journalist searches) and ``kvarnstensbrott`` in one article in 10,000
(the rare word). Other forms of the common word (*upphandlingen*, *upphandlingar*, the compound
*direktupphandlingen*) are planted only in articles that already have it, so the inflection-aware
search ORs several doclists, as it does on real text, and still has the same exact answer.
``skola``, its forms (*skolan*, *skolor*, *skolorna*) and compounds (*förskola*, *förskolorna*, …)
appear so compound and inflection search have work. Quotes and contacts are linked to people by the
archive's own linking (:meth:`Archive.link_people`), so the search page's people panel has work too.

One million articles take about 7 GB and 15–25 minutes on two cores (most of it FTS5 indexing).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from scraper.archive import Archive

COMMON_WORD = "upphandling"
RARE_WORD = "kvarnstensbrott"
COMMON_EVERY = 3
#: Other forms of the common word, each in every n-th article that has it (and only there).
COMMON_FORMS = {"upphandlingen": 2, "upphandlingar": 5, "direktupphandlingen": 11}
RARE_EVERY = 10_000
MUNICIPALITIES = 290
#: Words per body: ~470 words of ~6.5 characters is ~3 KB.
BODY_WORDS = 470

REAL_WORDS = [
    "kommunen",
    "skola",
    "förskola",
    "grundskola",
    "gymnasieskola",
    "skolskjuts",
    "förskolan",
    "förskolor",
    "förskolorna",
    "skolan",
    "skolor",
    "skolorna",
    "skolans",
    "barn",
    "elever",
    "budget",
    "beslut",
    "kommunfullmäktige",
    "kommunstyrelsen",
    "nämnden",
    "ordförande",
    "vägen",
    "trafik",
    "bygglov",
    "detaljplan",
    "bostäder",
    "äldreomsorg",
    "socialtjänst",
    "vatten",
    "avlopp",
    "avfall",
    "kultur",
    "bibliotek",
    "idrott",
    "simhall",
    "park",
    "miljö",
    "klimat",
    "energi",
    "näringsliv",
    "företag",
    "arbete",
    "samarbete",
    "medborgare",
    "invånare",
    "information",
    "e-tjänst",
    "tjänst",
    "ansökan",
    "möte",
    "samråd",
    "utställning",
    "granskning",
    "ekonomi",
    "skatt",
    "kommunalskatt",
    "investering",
    "renovering",
    "ombyggnad",
    "fastighet",
    "stadshuset",
    "torget",
    "centrum",
    "får",
    "far",
    "för",
]

SYLLABLES = [
    "an",
    "ar",
    "be",
    "bo",
    "da",
    "de",
    "di",
    "dra",
    "e",
    "ef",
    "ek",
    "en",
    "er",
    "fa",
    "fe",
    "fi",
    "fo",
    "fr",
    "gå",
    "gö",
    "ha",
    "he",
    "hi",
    "hå",
    "i",
    "il",
    "in",
    "ja",
    "jo",
    "ka",
    "ke",
    "ki",
    "ko",
    "kr",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ly",
    "lä",
    "lö",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nä",
    "ny",
    "o",
    "om",
    "or",
    "pa",
    "pe",
    "pi",
    "po",
    "pr",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "rä",
    "rö",
    "sa",
    "se",
    "si",
    "sk",
    "sl",
    "sm",
    "sn",
    "so",
    "st",
    "sv",
    "ta",
    "te",
    "ti",
    "to",
    "tr",
    "tu",
    "ty",
    "tä",
    "u",
    "ul",
    "un",
    "up",
    "va",
    "ve",
    "vi",
    "vå",
    "vä",
    "ä",
    "ö",
]

#: Rows for ``executemany``.
Rows = list[tuple[Any, ...]]

DAY0 = np.datetime64("2014-07-01")
LAST_DAY = np.datetime64("2026-06-30")


def make_vocabulary(size: int, rng: random.Random) -> list[str]:
    planted = {COMMON_WORD, RARE_WORD, *COMMON_FORMS}
    words = set(REAL_WORDS) - planted
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 3, 4)))))
    vocab = sorted(words)
    rng.shuffle(vocab)
    return [w for w in vocab if w not in planted]


@dataclass
class Corpus:
    """The random draws every batch of articles is made from (seeded: the same archive every run)."""

    rng: random.Random
    nprng: np.random.Generator
    vocab: np.ndarray
    cumulative: np.ndarray  # Zipf-like word frequencies: rank r has weight 1 / (r + 10)
    mun_ids: list[str]
    mun_cumulative: np.ndarray  # a few big cities, many small kommuner

    @classmethod
    def seeded(cls, seed: int) -> Corpus:
        rng = random.Random(seed)
        vocab = np.array(make_vocabulary(30_000, rng), dtype=object)
        weights = 1.0 / (np.arange(len(vocab)) + 10.0)
        mun_weights = 1.0 / (np.arange(MUNICIPALITIES) + 3.0)
        return cls(
            rng=rng,
            nprng=np.random.default_rng(seed),
            vocab=vocab,
            cumulative=np.cumsum(weights / weights.sum()),
            mun_ids=[f"kommun{i:03d}" for i in range(1, MUNICIPALITIES + 1)],
            mun_cumulative=np.cumsum(mun_weights / mun_weights.sum()),
        )


def insert_municipalities(conn: sqlite3.Connection, corpus: Corpus) -> None:
    conn.executemany(
        "INSERT INTO municipalities (id, name, country, homepage, platform, latitude, longitude, article_count) "
        "VALUES (?, ?, 'SE', ?, 'sitevision', ?, ?, 0)",
        [
            (
                mid,
                f"{mid.capitalize()} kommun",
                f"https://www.{mid}.se/",
                round(corpus.rng.uniform(55.4, 67.8), 4),
                round(corpus.rng.uniform(11.2, 23.5), 4),
            )
            for mid in corpus.mun_ids
        ],
    )
    conn.commit()


def article_row(article_id: int, w: list[str], published: str, mid: str, english: bool) -> tuple[Any, ...]:
    """One ``articles`` row from its words: 7 for the title, 33 for the lead, the rest the body."""
    if article_id % COMMON_EVERY == 0:
        w[40 + (article_id % 400)] = COMMON_WORD
        for k, (form, every) in enumerate(COMMON_FORMS.items()):
            if (article_id // COMMON_EVERY) % every == 0:
                w[450 + 5 * k] = form  # past the common word's positions (40-439)
    if article_id % RARE_EVERY == 7:
        w[45] = RARE_WORD
    body_words = w[40:]
    body = "\n\n".join(
        " ".join(body_words[i : i + 60]).capitalize() + "." for i in range(0, len(body_words), 60)
    )
    quoted = article_id % 4 == 0
    return (
        article_id,
        mid,
        f"https://www.{mid}.se/nyheter/{article_id}",
        " ".join(w[:7]).capitalize(),
        " ".join(w[7:40]).capitalize() + ".",
        body,
        published,
        int(published[:4]),
        "en" if english else "sv",
        "2026-07-01T00:00:00Z",
        "2026-07-01T00:00:00Z",
        "2026-07-01T00:00:00Z",
        "synthetic/1",
        f"{article_id:064x}",
        2 if quoted else 0,
        1 if quoted else 0,
    )


def people_rows(article_id: int, body_words: list[str], mid: str) -> tuple[Rows, Rows]:
    """Every fourth article quotes a councillor twice and lists them as the contact."""
    if article_id % 4:
        return [], []
    speaker = f"Person {article_id % 5000}"
    quotes = [
        (article_id, 0, " ".join(body_words[:18]), speaker, "kommunalråd"),
        (article_id, 1, " ".join(body_words[60:75]), speaker, "kommunalråd"),
    ]
    contact = (article_id, 0, speaker, "kommunalråd", f"person{article_id % 5000}@{mid}.se", "+46701234567")
    return quotes, [contact]


def make_batch(corpus: Corpus, ids: range) -> tuple[Rows, Rows, Rows]:
    n = len(ids)
    word_idx = np.searchsorted(corpus.cumulative, corpus.nprng.random((n, BODY_WORDS + 40)))
    words = corpus.vocab[np.minimum(word_idx, len(corpus.vocab) - 1)]
    munis = np.minimum(np.searchsorted(corpus.mun_cumulative, corpus.nprng.random(n)), MUNICIPALITIES - 1)
    dates = DAY0 + corpus.nprng.integers(0, (LAST_DAY - DAY0).astype(int), n)
    english = corpus.nprng.random(n) < 0.1
    rows, quotes, contacts = [], [], []
    for k, article_id in enumerate(ids):
        w, mid = list(words[k]), corpus.mun_ids[munis[k]]
        rows.append(article_row(article_id, w, str(dates[k]), mid, bool(english[k])))
        q, c = people_rows(article_id, w[40:], mid)
        quotes += q
        contacts += c
    return rows, quotes, contacts


def insert_batch(conn: sqlite3.Connection, rows: Rows, quotes: Rows, contacts: Rows) -> None:
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO articles (id, municipality_id, url, title, lead, body, published, year, language, "
        "first_seen, last_seen, fetched_at, extractor, content_hash, quote_count, contact_count) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO quotes (article_id, position, text, speaker, role) VALUES (?, ?, ?, ?, ?)", quotes
    )
    conn.executemany(
        "INSERT INTO contacts (article_id, position, name, role, email, phone) VALUES (?, ?, ?, ?, ?, ?)",
        contacts,
    )
    conn.execute("COMMIT")


def finish(conn: sqlite3.Connection, path: Path) -> None:
    """Counts and status per municipality, people, then what a real archive has: optimised FTS, statistics."""
    conn.execute(
        "UPDATE municipalities SET article_count = "
        "(SELECT count(*) FROM articles WHERE municipality_id = municipalities.id), "
        "last_status = 'ok', last_crawled = '2026-07-01T00:00:00Z', last_success = '2026-07-01T00:00:00Z'"
    )
    conn.commit()
    conn.close()
    with Archive(path) as archive:
        print("  linking people ...", file=sys.stderr, flush=True)
        archive.link_people(batch_size=5000)
    conn = sqlite3.connect(path)
    print("  optimize + analyze ...", file=sys.stderr, flush=True)
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    with Archive(path) as archive:
        archive.refresh_terms()
        archive.checkpoint()


def generate(path: Path, articles: int, seed: int = 1, batch: int = 5000) -> None:
    """Bulk rows straight into the production schema: the archive writer would take hours at 1 M."""
    started = time.monotonic()
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Archive(path).close()  # the production schema, triggers and indexes
    corpus = Corpus.seeded(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA recursive_triggers = on")  # as sqlite-utils does (TRAPS)
    conn.execute("PRAGMA synchronous = OFF")
    insert_municipalities(conn, corpus)
    for start in range(1, articles + 1, batch):
        ids = range(start, min(start + batch, articles + 1))
        insert_batch(conn, *make_batch(corpus, ids))
        done = ids[-1]
        if done % 50_000 < batch:
            rate = done / (time.monotonic() - started)
            print(f"  {done:,} articles ({rate:,.0f}/s)", file=sys.stderr, flush=True)
    finish(conn, path)
    size = path.stat().st_size / 1e9
    print(f"generated {articles:,} articles in {time.monotonic() - started:,.0f} s: {path} ({size:.1f} GB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", type=Path)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.db, args.articles, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
