"""Property test (issue 10, item 5): extract_article on damaged pages never fails and never garbles.

A page written for the test (Tolvby kommun, fictional people, PTS fiction-range numbers) in UTF-8
and in windows-1252 is damaged the ways real responses are: cut short, bytes flipped, tags
duplicated or removed, an encoding declaration (in the page or the HTTP header) that lies, NUL
bytes, soft hyphens and zero-width spaces inserted. Whatever comes in:

- no exception escapes ``extract_article``;
- every stored e-mail and phone (as written, and E.164 as that number) occurs in the source text —
  the decoded bytes with entities resolved, invisible characters removed and white space collapsed;
- no stored text holds U+FFFD when the damaged bytes are still valid in the page's real encoding.

Runs derandomized with a fixed number of examples, so CI sees the same pages every run and the
test takes a few seconds.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import phonenumbers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.extract import decode_html, extract_article
from scraper.items import Article

PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="{charset}"><title>Ny idrottshall vid Tolvby skola – Tolvby kommun</title>
<meta property="article:published_time" content="2026-02-10T08:00:00+01:00"></head>
<body><header class="site-header"><a href="mailto:webb@tolvby.se">Webbredaktionen</a></header>
<article><h1>Ny idrottshall vid Tolvby skola</h1>
<p class="byline">Text: Linnea Skrivare, <a href="mailto:linnea@tolvby.se">linnea@tolvby.se</a></p>
<p class="lead">Kommunfullmäktige har beslutat att bygga en ny idrottshall vid Tolvby skola.</p>
<p>Bygget börjar i augusti och hallen ska stå klar till höstterminen nästa år, enligt beslutet som fattades i går.</p>
<p>– Äntligen får eleverna en hall som räcker till alla klasser, säger Åsa Ödmark, rektor på skolan.</p>
<p>Hallen får också läktare för föreningarnas matcher &amp; träningar på kvällarna.</p>
<h2>Kontakt</h2>
<p>Åsa Ödmark, rektor<br>Telefon: 031-390 06 41<br>asa.odmark@tolvby.se</p>
<p>Björn Ärlig, fastighetschef<br><a href="tel:+46701740642">070-174 06 42</a><br>
<a href="mailto:Bjorn.Arlig@Tolvby.se">Skicka e-post</a></p>
</article>
<footer><p>Tolvby kommun, växel 08-465 004 40, <a href="mailto:kommun@tolvby.se">kommun@tolvby.se</a></p></footer>
</body></html>"""

BASES = {
    encoding: PAGE.replace("{charset}", encoding).encode(encoding) for encoding in ("utf-8", "windows-1252")
}
_TAG = re.compile(rb"<[^<>]+>")
_CHARSET = re.compile(rb'charset="[^"]*"')
LIES = ["utf-8", "iso-8859-1", "windows-1252", "ascii", "utf-16", "koi8-r", "shift_jis", "bogus", ""]
INVISIBLE = dict.fromkeys(map(ord, "\x00\u00ad\u200b\u200e\u200f\u2060\ufeff"))


@dataclass
class Damaged:
    body: bytes
    real_encoding: str
    header: str | None = None


def _insertion(real: str) -> st.SearchStrategy[bytes]:
    return st.sampled_from([b"\x00", "\u00ad".encode(real), "\u200b".encode("utf-8")])


def _mutation() -> st.SearchStrategy[tuple]:
    index, unit = st.integers(0, 10**6), st.floats(0, 1)
    return st.one_of(
        st.tuples(st.just("cut"), unit),
        st.tuples(st.just("flip"), index, st.integers(0, 255)),
        st.tuples(st.sampled_from(["duplicate-tag", "remove-tag"]), index),
        st.tuples(st.sampled_from(["meta-charset", "header-charset"]), st.sampled_from(LIES)),
        st.tuples(st.just("insert"), index, st.sampled_from(["nul", "soft-hyphen", "zero-width"])),
    )


def _apply(page: Damaged, mutation: tuple) -> Damaged:
    kind, body = mutation[0], page.body
    if kind == "cut":
        page.body = body[: int(len(body) * mutation[1])]
    elif kind == "flip" and body:
        at = mutation[1] % len(body)
        page.body = body[:at] + bytes([mutation[2]]) + body[at + 1 :]
    elif kind in ("duplicate-tag", "remove-tag") and (tags := list(_TAG.finditer(body))):
        tag = tags[mutation[1] % len(tags)]
        copy = tag.group() * 2 if kind == "duplicate-tag" else b""
        page.body = body[: tag.start()] + copy + body[tag.end() :]
    elif kind == "meta-charset":
        page.body = _CHARSET.sub(f'charset="{mutation[1]}"'.encode(), body, count=1)
    elif kind == "header-charset":
        page.header = f"text/html; charset={mutation[1]}"
    elif kind == "insert":
        inserted = {"nul": b"\x00", "soft-hyphen": "\u00ad".encode(page.real_encoding)}.get(
            mutation[2], "\u200b".encode("utf-8")
        )
        at = mutation[1] % (len(body) + 1)
        page.body = body[:at] + inserted + body[at:]
    return page


@st.composite
def damaged_pages(draw: st.DrawFn) -> Damaged:
    real = draw(st.sampled_from(sorted(BASES)))
    page = Damaged(BASES[real], real)
    for mutation in draw(st.lists(_mutation(), min_size=1, max_size=3)):
        page = _apply(page, mutation)
    return page


def _source_text(page: Damaged) -> str:
    text = html.unescape(decode_html(page.body, page.header)).translate(INVISIBLE)
    return " ".join(text.split()).casefold()


def _valid_in_real_encoding(page: Damaged) -> bool:
    try:
        page.body.decode(page.real_encoding)
    except UnicodeDecodeError:
        return False
    return True


def _texts(article: Article) -> list[str]:
    values = [article.title, article.lead, article.body, article.author]
    values += [v for q in article.quotes for v in (q.text, q.speaker, q.role)]
    values += [v for c in article.contacts for v in (c.name, c.role, c.organisation, c.email, c.phone_raw)]
    return [v for v in values if v]


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(damaged_pages())
def test_damaged_pages_never_raise_and_never_garble(page: Damaged) -> None:
    article = extract_article(
        page.body, "https://www.tolvby.se/nyheter/idrottshall", "2026-03-01T10:00:00Z", encoding=page.header
    )
    source = _source_text(page)
    for contact in article.contacts:
        if contact.email:
            assert contact.email.casefold() in source, contact
        if contact.phone_raw:
            assert " ".join(contact.phone_raw.split()).casefold() in source, contact
        if contact.phone:
            national = str(phonenumbers.parse(contact.phone).national_number)
            assert national in re.sub(r"\D", "", contact.phone_raw or ""), contact
    if _valid_in_real_encoding(page):
        assert not [t for t in _texts(article) if "\ufffd" in t]


def test_the_undamaged_pages_give_their_contacts() -> None:
    for real, body in BASES.items():
        article = extract_article(body, "https://www.tolvby.se/nyheter/idrottshall", "2026-03-01T10:00:00Z")
        assert [(c.name, c.email, c.phone) for c in article.contacts] == [
            ("Åsa Ödmark", "asa.odmark@tolvby.se", "+46313900641"),
            ("Björn Ärlig", "bjorn.arlig@tolvby.se", "+46701740642"),
        ], real
        assert article.garbled == []
