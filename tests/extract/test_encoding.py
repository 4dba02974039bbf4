"""decode_html: never mojibake on Swedish legacy pages."""

from __future__ import annotations

import pytest

from scraper.extract.encoding import decode_html
from tests.helpers import PAGES

PAGE = PAGES / "legacy-cp1252.html"
SAMPLE = "<p>Räksmörgås ”citat” – Åsa Öberg</p>"


def test_fixture_is_really_cp1252() -> None:
    raw = PAGE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "”rätt från början”".encode("cp1252") in raw


@pytest.mark.parametrize(
    "header", [None, "text/html; charset=windows-1252", "text/html; charset=ISO-8859-1", "latin1"]
)
def test_cp1252_page_with_and_without_header(header: str | None) -> None:
    text = decode_html(PAGE.read_bytes(), header)
    assert "Höstens öppettider på återvinningscentralen" in text
    assert "”rätt från början”" in text
    assert "Ã" not in text and "\ufffd" not in text


def test_cp1252_without_any_declaration() -> None:
    raw = PAGE.read_bytes().replace(
        b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', b""
    )
    assert b"charset" not in raw
    assert "avfallschef Örjan Åkesson" in decode_html(raw)


def test_declared_utf8_but_really_cp1252() -> None:
    assert decode_html(SAMPLE.encode("cp1252"), "text/html; charset=utf-8") == SAMPLE
    assert decode_html(b'<meta charset="utf-8">' + SAMPLE.encode("cp1252")).endswith(SAMPLE)


def test_declared_latin1_but_really_utf8() -> None:
    assert decode_html(SAMPLE.encode("utf-8"), "text/html; charset=iso-8859-1") == SAMPLE


def test_utf8_bom() -> None:
    assert decode_html(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8")) == SAMPLE


def test_utf16_bom() -> None:
    assert decode_html(SAMPLE.encode("utf-16")) == SAMPLE


def test_other_declared_encoding_is_respected() -> None:
    text = "<p>Привет</p>"
    assert decode_html(text.encode("cp1251"), "text/html; charset=windows-1251") == text


def test_str_passes_through() -> None:
    assert decode_html(SAMPLE) == SAMPLE


STRAY_TEXT = (
    "<html><head><meta charset='utf-8'><title>Vägarbetet på Storgatan</title></head><body>"
    "<p>Vägarbetet på Storgatan börjar i maj. Åtgärden gäller även cykelbanan, säger Åsa Öberg.</p>"
    "<p>Café Linnéa har öppet som vanligt under arbetet.</p></body></html>"
)


def test_one_invalid_byte_in_a_utf8_page_does_not_garble_the_rest():
    # A windows-1252 "é" (0xE9) pasted into an otherwise UTF-8 page.
    body = STRAY_TEXT.encode("utf-8").replace("Café".encode(), b"Caf\xe9")
    text = decode_html(body, "text/html; charset=utf-8")
    assert "Vägarbetet på Storgatan börjar i maj" in text
    assert "Café Linnéa" in text  # the stray byte itself read as windows-1252
    assert "Ã" not in text and "\ufffd" not in text


def test_a_cut_multibyte_sequence_costs_one_character_not_the_page():
    body = STRAY_TEXT.encode("utf-8").replace("öppet".encode(), "öppet".encode()[:1] + b"ppet")
    text = decode_html(body)
    assert "Åtgärden gäller även cykelbanan" in text and "Ã¤" not in text


def test_a_windows_1252_page_with_no_utf8_sequences_is_still_windows_1252():
    assert decode_html(STRAY_TEXT.encode("cp1252")) == STRAY_TEXT
