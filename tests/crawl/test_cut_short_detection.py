"""pages.cut_short: what tells a response was cut short, and what does not."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request, Response, TextResponse

from scraper.crawl.pages import cut_short, text_complete

URL = "https://lognby.example/nyheter/a"
WHOLE = b"<html><body><main><article><p>Hela texten.</p></article></main></body></html>\n"


def _html(body: bytes, flags: list[str] | None = None) -> HtmlResponse:
    headers = {"Content-Type": "text/html; charset=utf-8"}
    return HtmlResponse(URL, body=body, headers=headers, flags=flags, request=Request(URL))


def test_a_whole_page_is_not_cut_short() -> None:
    assert cut_short(_html(WHOLE)) is None
    # No </html>, but it ends on a tag, as many templates do: not evidence of a cut.
    assert cut_short(_html(WHOLE.replace(b"</body></html>", b"<script>x()</script>"))) is None


def test_a_page_ending_mid_text_is_cut_short() -> None:
    assert cut_short(_html(WHOLE[:45])) == "ends mid-document"
    assert not text_complete(_html(WHOLE[:45]), "ends mid-document")
    assert text_complete(_html(WHOLE[: WHOLE.index(b"</body>") + 3]), "ends mid-document")
    # A server-confirmed short answer (dataloss) is never taken as whole.
    assert not text_complete(_html(WHOLE), "fewer bytes than its Content-Length")


def test_the_dataloss_flag_is_cut_short() -> None:
    assert cut_short(_html(WHOLE, flags=["dataloss"])) == "fewer bytes than its Content-Length"


@pytest.mark.parametrize(
    "response",
    [
        TextResponse(URL, body=b"User-agent: *\nAllow: /", headers={"Content-Type": "text/plain"}),
        Response(URL, body=b"\x1f\x8b\x08 binary", headers={"Content-Type": "application/pdf"}),
    ],
)
def test_a_page_that_is_not_html_is_judged_by_the_flag_only(response: Response) -> None:
    assert cut_short(response) is None
