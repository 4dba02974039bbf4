"""A server that lies about Content-Length: the page it cuts is named, counted, never stored half.

Real crawls of a strict loopback site (tests/strict_server.py) whose answers carry a Content-Length
that is not the body's: counted in characters instead of bytes (the client stops early and sees
nothing wrong), or larger than what is sent (the connection closes first: Scrapy's dataloss flag).
"""

from __future__ import annotations

import re

from tests.helpers import Crawl, crawl_into
from tests.strict_server import HTML, StrictServer, home, listing

NAME = "Lögnby kommun"
TITLE = "Ny gång- och cykelväg längs Ängsvägen"
# Every sentence has several two-byte letters: a length counted in characters falls short by
# one byte for each of them.
SENTENCE = "Trafikförvaltningen bygger en ny gång- och cykelväg längs Ängsvägen under våren. "
LAST = "Sista meningen säger att vägen öppnar för trafik i början av juni."


def page(footer: str = "") -> str:
    return (
        f"<html><head><title>{TITLE}</title></head><body><main><article><h1>{TITLE}</h1>"
        f'<p>Publicerad <time datetime="2026-01-12">2026-01-12</time></p>'
        f"<p>{SENTENCE * 8}</p><p>{LAST}</p></article></main>{footer}</body></html>"
    )


def characters(body: str) -> dict[str, str]:
    """Headers of a server that counts the body in characters, not bytes."""
    return {**HTML, "Content-Length": str(len(body))}


def crawl(pages: dict, tmp_path) -> tuple[Crawl, list[str]]:
    with StrictServer(pages) as server:
        result = crawl_into(tmp_path / "a.db", "--url", server.origin + "/", "--name", NAME)
    # 3: a site whose only article was cut is a failing site (exit status 3), which is right.
    assert result.returncode in (0, 3), result.log[-3000:]
    return result, [row[0] for row in result.rows("select body from articles")]


def stat(result: Crawl, key: str) -> int:
    m = re.search(rf"'muninews/{re.escape(key)}': (\d+)", result.log)
    return int(m.group(1)) if m else 0


def note(result: Crawl) -> str:
    return result.rows("select note from crawls")[0][0] or ""


def test_a_length_counted_in_characters_cuts_the_article_and_it_is_not_stored(tmp_path) -> None:
    body = page()
    assert len(body.encode()) - len(body) > 60  # the cut falls inside the last paragraph
    pages = {
        "/": home(),
        "/nyheter/": listing(["/nyheter/cykelvag/"]),
        "/nyheter/cykelvag/": (200, characters(body), body),
    }
    result, bodies = crawl(pages, tmp_path)
    assert bodies == []  # never stored cut mid-sentence
    assert stat(result, "page/cut_short") == 1 and stat(result, "article/cut_short") == 1
    assert "1 responses cut short (first: " in note(
        result
    ) and "/nyheter/cykelvag/, ends mid-document" in note(result)
    assert "response cut short (ends mid-document)" in result.log


def test_a_page_cut_in_its_footer_is_stored_whole_and_still_counted(tmp_path) -> None:
    footer = "<footer><p>" + "Lögnby kommun, Storgatan 1, växel 0123-45 67 89. " * 8 + "</p></footer>"
    body = page(footer)
    pages = {
        "/": home(),
        "/nyheter/": listing(["/nyheter/cykelvag/"]),
        "/nyheter/cykelvag/": (200, characters(body), body),
    }
    result, bodies = crawl(pages, tmp_path)
    assert len(bodies) == 1 and bodies[0].endswith(LAST)
    assert stat(result, "page/cut_short") == 1 and stat(result, "article/cut_short") == 0
    assert "1 responses cut short" in note(result)


def test_a_connection_closed_before_its_content_length_is_flagged(tmp_path) -> None:
    body = page()
    lying = {**HTML, "Content-Length": str(len(body.encode()) + 500)}
    pages = {
        "/": home(),
        "/nyheter/": listing(["/nyheter/cykelvag/"]),
        "/nyheter/cykelvag/": (200, lying, body),
    }
    result, bodies = crawl(pages, tmp_path)
    # The server itself says the answer is short: what is missing may be more of the article.
    assert bodies == []
    assert stat(result, "page/cut_short") == 1 and stat(result, "article/cut_short") == 1
    assert "fewer bytes than its Content-Length" in note(result)


def test_an_honest_server_gives_no_cut_short_note(tmp_path) -> None:
    pages = {"/": home(), "/nyheter/": listing(["/nyheter/cykelvag/"]), "/nyheter/cykelvag/": page()}
    result, bodies = crawl(pages, tmp_path)
    assert len(bodies) == 1 and stat(result, "page/cut_short") == 0
    assert "cut short" not in note(result)


def test_a_cut_revisit_leaves_the_archived_version_alone(tmp_path) -> None:
    body = page()

    def answer(count: int, origin: str) -> tuple[int, dict[str, str], str]:
        # Whole on the first crawl; on the revisit the server counts characters.
        changed = body.replace(LAST, LAST + " Ängsvägen får också ny belysning.")
        return (200, HTML, body) if count == 0 else (200, characters(changed), changed)

    pages = {"/": home(), "/nyheter/": listing(["/nyheter/cykelvag/"]), "/nyheter/cykelvag/": answer}
    with StrictServer(pages) as server:
        args = ("--url", server.origin + "/", "--name", NAME)
        first = crawl_into(tmp_path / "a.db", *args)
        second = crawl_into(tmp_path / "a.db", *args, "--revisit", "all")
        asked = server.asked["/nyheter/cykelvag/"]
    assert first.returncode == 0 and second.returncode in (0, 3), second.log[-3000:]
    assert asked == 2
    (body_now,) = second.rows("select body from articles")[0]
    assert body_now.endswith(LAST)
    assert stat(second, "article/cut_short") == 1
    assert second.rows("select count(*) from revisions")[0][0] == 0
