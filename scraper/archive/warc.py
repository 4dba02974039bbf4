"""The reading half of captures: WARC records read back by file and offset, digest checked.

The crawl writes them (:mod:`scraper.crawl.capture`); ``muninews reextract``, ``export-wacz`` and
the Datasette capture view read them here. :func:`captures_dir` says where an archive's captures
live, :func:`read_capture` reads one response record back and :func:`read_record_bytes` returns a
record exactly as stored.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


def captures_dir(db: str | Path, setting: str | None = None) -> Path:
    """Where an archive's captures live: ``setting`` if given, else ``<db stem>.captures`` beside it."""
    if setting:
        return Path(setting)
    db = Path(db)
    return db.with_name(db.stem + ".captures")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def warc_digest(hex_digest: str) -> str:
    """The WARC spelling of a SHA-256 digest: ``sha256:`` + base32."""
    return "sha256:" + base64.b32encode(bytes.fromhex(hex_digest)).decode("ascii")


@dataclass
class CaptureRecord:
    """One response read back from a WARC file."""

    url: str
    date: str
    record_id: str
    status: int
    status_line: str
    headers: list[tuple[str, str]]
    payload: bytes  # the entity body as received (still gzip if the server sent gzip)
    body: bytes  # the body with Content-Encoding undone: what the extractor reads
    payload_digest: str

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


def read_capture(directory: str | Path, file: str, offset: int) -> CaptureRecord:
    """Read the WARC record at ``offset`` in ``directory/file`` and check its payload digest.

    Raises ``ValueError`` when the payload does not match the digest the record declares (the
    capture would no longer be evidence) or when the record is not a response.
    """
    path = Path(directory) / Path(file).name  # never leave the captures directory
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                raise ValueError(f"{file}@{offset} is a {record.rec_type} record, not a response")
            payload: bytes = record.raw_stream.read()
            declared: str = record.rec_headers.get_header("WARC-Payload-Digest") or ""
            if declared.startswith("sha256:") and warc_digest(sha256_hex(payload)) != declared:
                raise ValueError(f"{file}@{offset}: payload does not match its digest")
            http = record.http_headers
            return CaptureRecord(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                date=record.rec_headers.get_header("WARC-Date"),
                record_id=record.rec_headers.get_header("WARC-Record-ID"),
                status=int(http.get_statuscode() or 0),
                status_line=http.statusline,
                headers=list(http.headers),
                payload=payload,
                body=decode_content(payload, http.get_header("Content-Encoding")),
                payload_digest=declared,
            )
    raise ValueError(f"no WARC record at {file}@{offset}")


def read_record_bytes(directory: str | Path, file: str, offset: int, length: int) -> bytes:
    """The record exactly as stored (one gzip member): for downloading the evidence itself."""
    with open(Path(directory) / Path(file).name, "rb") as fh:
        fh.seek(offset)
        return fh.read(length)


def decode_content(payload: bytes, encoding: str | None) -> bytes:
    """Undo a ``Content-Encoding`` (gzip, deflate with or without zlib header, br)."""
    enc = (encoding or "").strip().lower()
    try:
        if enc in ("gzip", "x-gzip"):
            return gzip.decompress(payload)
        if enc == "deflate":
            try:
                return zlib.decompress(payload)
            except zlib.error:
                return zlib.decompress(payload, -zlib.MAX_WBITS)
        if enc == "br":
            import brotli  # type: ignore[import-not-found,unused-ignore]

            result: bytes = brotli.decompress(payload)
            return result
    except Exception as exc:
        raise ValueError(f"cannot undo Content-Encoding {enc}: {exc}") from exc
    return payload
