"""Bytes to text, without mojibake.

Order, as a browser does it: byte-order mark, the charset of the HTTP Content-Type header, the
``<meta charset>`` / ``http-equiv`` declaration, then a guess. Two deliberate departures from a
browser, both because municipal sites get their declarations wrong far more often than their
bytes:

* a page declared UTF-8 (or declaring nothing) whose bytes are not valid UTF-8 is decoded as
  windows-1252 — the real encoding of such Swedish and English pages — unless most of it *is*
  UTF-8: a UTF-8 page with a stray byte (a windows-1252 "é" pasted into one paragraph, a cut
  multi-byte sequence) stays UTF-8 and only the invalid bytes are read as windows-1252, so one bad
  byte cannot turn the whole article into mojibake ("VÃ¤garbetet");
* a page declared ISO-8859-1 / windows-1252 / ASCII whose bytes are valid UTF-8 *and* contain
  multi-byte sequences is decoded as UTF-8 (the chance that real Latin-1 text is also valid
  multi-byte UTF-8 is negligible, while a stale ``<meta charset=iso-8859-1>`` is common).

ISO-8859-1 is always read as windows-1252 (as WHATWG specifies), which puts typographic quotes
and dashes (bytes 0x80–0x9F) in the right place.
"""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

_UTF8 = "utf-8"
_CP1252 = "cp1252"
# Encodings whose bytes-to-text mapping is, for Latin text, "windows-1252 or a subset of it".
_LATIN = frozenset({"cp1252", "latin-1", "iso8859-1", "ascii", "iso8859-15"})


def _normalise(name: str | None) -> str | None:
    """Return Python's codec name for an encoding label, or None if Python does not know it."""
    if not name:
        return None
    resolved = resolve_encoding(name)  # applies WHATWG-ish aliases (latin1 -> cp1252, ...)
    if not resolved:
        return None
    try:
        return codecs.lookup(resolved).name
    except LookupError:
        return None


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode(_UTF8)
    except UnicodeDecodeError:
        return False
    return True


def _cp1252_bytes(error: UnicodeError) -> tuple[str | bytes, int]:
    """``codecs`` error handler: the bytes UTF-8 could not read, read as windows-1252 instead."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return _cp1252_lenient(bytes(bad)), error.end


codecs.register_error("muninews-cp1252", _cp1252_bytes)

_MULTIBYTE_UTF8 = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(body: bytes) -> bool:
    """True if valid multi-byte UTF-8 sequences outnumber the bytes UTF-8 cannot read.

    windows-1252 Swedish text almost never forms a valid multi-byte sequence ("ä" is one byte
    followed by a letter), while a UTF-8 page with one stray byte has hundreds of them.
    """
    valid = len(_MULTIBYTE_UTF8.findall(body))
    if not valid:
        return False
    invalid = len(body.decode(_UTF8, errors="replace")) - len(body.decode(_UTF8, errors="ignore"))
    return valid > invalid


def _utf8_or_cp1252(body: bytes) -> str:
    if _is_utf8(body):
        return body.decode(_UTF8)
    if _mostly_utf8(body):
        return body.decode(_UTF8, errors="muninews-cp1252")
    return _cp1252_lenient(body)


def _cp1252_lenient(body: bytes) -> str:
    """Decode as windows-1252; its five undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) become C1 controls."""
    try:
        return body.decode(_CP1252)
    except UnicodeDecodeError:
        # Rare slow path: only pages with undefined bytes take it.
        return "".join(bytes([b]).decode(_CP1252, errors="ignore") or chr(b) for b in body)


def decode_html(body: bytes | str, declared_encoding: str | None = None) -> str:
    """Decode an HTML response body to text.

    ``declared_encoding`` is the charset from the HTTP Content-Type header (or the full header
    value), if any. Text input is returned unchanged, so callers may pass either.
    """
    if isinstance(body, str):
        return body
    bom_encoding, bom = read_bom(body)
    if bom_encoding and bom:
        return body[len(bom) :].decode(bom_encoding, errors="replace")

    header = declared_encoding or ""
    from_header = _normalise(http_content_type_encoding(header) if "charset" in header.lower() else header)
    from_meta = _normalise(html_body_declared_encoding(body))
    declared = from_header or from_meta

    if declared is None or declared in {"utf-8", *_LATIN}:
        # Trust the bytes over the label for the UTF-8 / Latin families (see module docstring).
        return _utf8_or_cp1252(body)
    try:
        return body.decode(declared)
    except (UnicodeDecodeError, LookupError):
        return _utf8_or_cp1252(body)
