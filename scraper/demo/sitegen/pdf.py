"""A small PDF writer for generated sites and tests: text in Helvetica, wrapped, on A4 pages.

Enough for a press release, an agenda or a form as a municipality publishes them (a PDF made from a
word processor: one text layer, WinAnsi encoding, so å, ä, ö, – and ” survive), and nothing more.
Deterministic: the same lines give the same bytes.
"""

from __future__ import annotations

import textwrap

WIDTH = 92  # characters per line at 10.5 pt Helvetica on A4 with 50 pt margins
LINES_PER_PAGE = 56
_ESCAPES = {ord("\\"): "\\\\", ord("("): "\\(", ord(")"): "\\)"}


def _content(lines: list[str]) -> bytes:
    ops = ["BT /F1 10.5 Tf 14 TL 50 800 Td"]
    for line in lines:
        ops.append(f"({line.translate(_ESCAPES)}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("cp1252", "replace")


def write_pdf(paragraphs: list[str], *, title: str | None = None) -> bytes:
    """A PDF of ``paragraphs`` (a blank line between them); ``title`` goes into the document info."""
    lines: list[str] = []
    for paragraph in paragraphs:
        for part in paragraph.split("\n"):
            lines += textwrap.wrap(part, WIDTH) or [""]
        lines.append("")
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, max(len(lines), 1), LINES_PER_PAGE)]
    n = len(pages)
    # Objects: 1 catalog, 2 pages, 3 font, 4 info, then a page and its content per page.
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + " ".join(f"{5 + 2 * i} 0 R" for i in range(n)).encode()
        + b"] /Count "
        + str(n).encode()
        + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Producer (muninews sitegen) /Title ("
        + (title or "").translate(_ESCAPES).encode("cp1252", "replace")
        + b") >>",
    ]
    for i, page in enumerate(pages):
        stream = _content(page)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents " + f"{6 + 2 * i} 0 R".encode() + b" >>"
        )
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
