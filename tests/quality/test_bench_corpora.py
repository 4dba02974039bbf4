"""The bench on the real corpora beside the project (``bench real``, ``bench body``), on tiny corpora
written here: fictional texts and pages in the corpora's formats, in ``tmp_path``. The real corpora are
never read by the tests (a fresh clone does not have them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.items import Quote
from scraper.tools import bench
from scraper.tools.bench.body import load_web_eval, rule_effects, score_body
from scraper.tools.bench.real import load_real_texts, real_page, score_real
from scraper.tools.bench.scoring import match_quotes, score_segments, without_optional

DEV_TEXT = {
    "id": "sv-002",
    "url": "https://www.ekeby.example/nyheter/ny-skola",
    "language": "sv",
    "country": "SE",
    "title": "Ny skola i Norrby",
    "text": (
        "Ny skola i Norrby\n\n"
        "Kommunfullmäktige i Ekeby beslutade på måndagen att bygga en ny grundskola i Norrby. "
        "Skolan ska stå klar till höstterminen 2029 och få plats för 450 elever.\n\n"
        "– Vi har väntat länge på det här beslutet och nu kan bygget äntligen börja, säger "
        "kommunstyrelsens ordförande Karin Berg (S).\n\n"
        "– Eleverna kommer att få en skolgård med mycket grönska, säger Berg.\n\n"
        "Kontakt:\nKarin Berg, kommunstyrelsens ordförande\nkarin.berg@ekeby.example"
    ),
    "quotes": [
        {
            "text": "Vi har väntat länge på det här beslutet och nu kan bygget äntligen börja",
            "speaker": "Karin Berg",
            "role": "kommunstyrelsens ordförande (S)",
        },
        {
            "text": "Eleverna kommer att få en skolgård med mycket grönska",
            "speaker": "Karin Berg",
            "role": "kommunstyrelsens ordförande (S)",
            "uncertain": True,
        },
    ],
    "contacts": [
        {
            "name": "Karin Berg",
            "role": "kommunstyrelsens ordförande",
            "organisation": None,
            "email": "karin.berg@ekeby.example",
            "phone": None,
            "phone_e164": None,
        }
    ],
}
HELD_OUT_TEXT = {
    "id": "sv-003",
    "url": "https://www.ekeby.example/nyheter/vatten",
    "language": "sv",
    "country": "SE",
    "title": None,
    "text": "Vattnet stängs av på Storgatan på tisdag mellan klockan 9 och 12 för en ventilbyte.",
    "quotes": [],
    "contacts": [],
}


@pytest.fixture
def real_corpus(tmp_path: Path) -> Path:
    lines = [json.dumps(t, ensure_ascii=False) for t in (DEV_TEXT, HELD_OUT_TEXT)]
    (tmp_path / "texts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


# --- bench real ------------------------------------------------------------------------------


def test_even_ids_are_dev_and_odd_ids_held_out(real_corpus: Path) -> None:
    assert [(t["id"], t["split"]) for t in load_real_texts(real_corpus)] == [
        ("sv-002", "dev"),
        ("sv-003", "held_out"),
    ]


def test_a_record_that_carries_its_own_split_keeps_it(tmp_path: Path) -> None:
    # another corpus in the same format (bench real --corpus) fixes its split when it is made
    texts = [
        {**DEV_TEXT, "split": "held_out"},
        {**HELD_OUT_TEXT, "split": "dev"},
        {**DEV_TEXT, "id": "da-e4"},
    ]
    (tmp_path / "texts.jsonl").write_text(
        "\n".join(json.dumps(t, ensure_ascii=False) for t in texts) + "\n", encoding="utf-8"
    )
    assert [t["split"] for t in load_real_texts(tmp_path)] == ["held_out", "dev", "dev"]


def test_a_text_becomes_a_page_as_the_corpus_readme_says() -> None:
    record = {"title": "Ny <skola>", "language": "sv", "text": "Ny <skola>\n\nEtt & två\ntre\n\n\nFyra"}
    page = real_page(record).decode()
    assert '<html lang="sv">' in page and "<title>Ny &lt;skola&gt;</title>" in page
    assert "<h1>Ny &lt;skola&gt;</h1>" in page
    assert page.count("Ny &lt;skola&gt;") == 2  # the first paragraph repeats the title: not kept
    assert "<p>Ett &amp; två<br>\ntre</p><p>Fyra</p>" in page
    assert "<h1>" not in real_page({"title": None, "text": "Bara text."}).decode()


def test_score_real_on_a_tiny_corpus(real_corpus: Path) -> None:
    report = score_real(real_corpus)
    quotes, contacts = report.total("dev")
    # The uncertain second quote is optional: found or not, it changes no count.
    assert (quotes.true_positives, quotes.false_positives, quotes.false_negatives) == (1, 0, 0)
    assert quotes.speaker_correct == 1
    assert (contacts.true_positives, contacts.false_positives, contacts.false_negatives) == (1, 0, 0)
    held_quotes, _ = report.total("held_out")
    assert held_quotes.true_positives + held_quotes.false_negatives == 0
    assert [p.split for p in score_real(real_corpus, ["dev"]).pages] == ["dev"]


def test_bench_real_prints_held_out_only_when_asked(real_corpus: Path, capsys) -> None:
    assert bench.main(["real", "--corpus", str(real_corpus), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "split: dev — 1 pages" in out and "quotes recall" in out and "held_out —" not in out
    assert "    sv   1 texts | quotes P 1.00 R 1.00 speaker 1.00 (n=1) | contacts P 1.00 R 1.00 (n=1)" in out
    assert bench.main(["real", "--corpus", str(real_corpus), "--held-out"]) == 0
    out = capsys.readouterr().out
    assert "split: held_out — 1 pages" in out and "split: all — 2 pages" in out


def test_bench_skips_absent_corpora_in_one_line(tmp_path: Path, capsys) -> None:
    for command in ("real", "body"):
        assert bench.main([command, "--corpus", str(tmp_path / "absent")]) == 0
        out = capsys.readouterr().out
        assert out.count("\n") == 1 and "skipped" in out


def test_a_prediction_matching_an_optional_label_is_set_aside() -> None:
    certain = [{"text": "Vi har väntat länge på det här beslutet", "speaker": "Karin Berg", "role": None}]
    optional = [
        {"text": "Eleverna får en skolgård med mycket grönska", "speaker": "Karin Berg", "role": None}
    ]
    found = [
        Quote(0, "Vi har väntat länge på det här beslutet", "Karin Berg", None),
        Quote(1, "Eleverna får en skolgård med mycket grönska", "Karin Berg", None),
        Quote(2, "Ställ soptunnan en bit in på tomten", None, None),
    ]
    kept = without_optional(found, certain, optional, match_quotes)
    assert [q.position for q in kept] == [0, 2]
    score = bench.score_quotes(kept, certain)
    assert (score.true_positives, score.false_positives, score.false_negatives) == (1, 1, 0)


# --- bench body ------------------------------------------------------------------------------


def test_segments_are_found_as_written_with_white_space_collapsed() -> None:
    score = score_segments("Vattnet  stängs av\npå Storgatan.", ["stängs av på", "Storgatan"], ["Dela sidan"])
    assert (score.with_kept, score.with_total, score.without_dropped, score.without_total) == (2, 2, 1, 1)
    score = score_segments("Dela sidan", ["stängs"], ["Dela sidan", "dela"])
    assert (score.with_share, score.without_share) == (0.0, 0.5)
    assert (score.missing, score.leaked) == (["stängs"], ["Dela sidan"])


ARTICLE = """<html><head><title>Vattnet stängs av</title></head><body>
<nav class="breadcrumbs"><a href="/">Start</a> / <a href="/nyheter">Nyheter</a></nav>
<main><article><h1>Vattnet stängs av på Storgatan</h1>
<p>Vattnet stängs av på Storgatan på tisdag mellan klockan nio och tolv, när en ventil byts ut
under gatan. Hushållen i kvarteren runt torget får ett brev om avstängningen under veckan.</p>
<p>En vattentank ställs upp vid korsningen mot Kyrkogatan, och den som behöver vatten kan hämta
där under hela förmiddagen.</p>
<div class="share-buttons">Dela sidan på Facebook</div>
</article></main></body></html>"""


@pytest.fixture
def web_eval(tmp_path: Path) -> Path:
    evaldata = {
        "https://www.ekeby.example/b": {
            "file": "b.html",
            "with": ["ventil byts ut"],
            "without": ["Dela sidan"],
        },
        "https://www.ekeby.example/a": {
            "file": "a.html",
            "with": ["en vattentank ställs upp", "Vattnet stängs av på Storgatan"],
            "without": ["Start / Nyheter"],
        },
    }
    (tmp_path / "evaldata.json").write_text(json.dumps(evaldata), encoding="utf-8")
    (tmp_path / "a.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.html").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_web_eval_split_by_index_in_sorted_url_order(web_eval: Path) -> None:
    assert [(p.file, p.split) for p in load_web_eval(web_eval)] == [("a.html", "dev"), ("b.html", "held_out")]


def test_score_body_counts_per_method_and_split(web_eval: Path) -> None:
    methods = {
        "muninews": lambda page, url: ("Vattnet stängs av på Storgatan", ""),
        "trafilatura": lambda page, url: (page.decode(), page.decode()),
    }
    report = score_body(web_eval, methods=methods)
    ours, theirs = report.score("muninews", "dev"), report.score("trafilatura", "dev")
    assert (ours.with_kept, ours.with_total, ours.without_dropped) == (1, 2, 1)
    assert theirs.with_kept == 1  # "en vattentank" is lower-case in the labels, capitalised in the page
    assert report.empty_pages("muninews", "all") == ["a.html", "b.html"]
    assert report.empty_pages("trafilatura", "all") == []
    assert report.score("muninews", "all").with_total == 3


def test_bench_body_scores_both_extractors_in_one_run(web_eval: Path, capsys) -> None:
    assert bench.main(["body", "--corpus", str(web_eval), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "split: dev — 1 pages" in out and "held_out" not in out
    assert "muninews" in out and "trafilatura" in out and "× " in out
    assert bench.main(["body", "--corpus", str(web_eval), "--held-out"]) == 0
    out = capsys.readouterr().out
    assert "split: held_out — 1 pages" in out and "split: all — 2 pages" in out


def test_rule_effects_count_what_each_prune_rule_removes(web_eval: Path, capsys) -> None:
    effects = rule_effects(web_eval)
    assert effects["breadcrumb"].elements == 2 and effects["breadcrumb"].without_inside == 1
    assert effects["breadcrumb"].without_pages == {"a.html"}
    assert effects["share"].without_inside == 1 and effects["share"].without_pages == {"b.html"}
    assert all(e.with_inside == 0 for e in effects.values())
    assert bench.main(["body", "--corpus", str(web_eval), "--rules"]) == 0
    assert "breadcrumb" in capsys.readouterr().out
