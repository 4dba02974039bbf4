"""Raw captures: every fetched article kept as received, in WARC records (ISO 28500, warcio).

:class:`CaptureMiddleware` is a downloader middleware placed on the downloader side of
``HttpCompressionMiddleware`` (590) and ``RedirectMiddleware`` (600), so it sees the bytes as they
came off the socket — gzip still gzip, a 301 still a 301 — before anything rewrites them. For each
request of the kinds it is told to keep (article candidates, by default) it appends two records to a
rotating ``.warc.gz`` file next to the archive: the ``response`` (status, headers, payload, fetch
time, target URL) and the ``request`` that asked for it (``WARC-Concurrent-To`` links them). Where
the payload is byte-identical to the one already archived for that URL, a ``revisit`` record
(profile *identical-payload-digest*) is written instead, as Heritrix and Browsertrix do.

Where the record landed (file, offset, length, record id, SHA-256 of the payload) goes into
``request.meta["capture"]``: the spider passes it on with the :class:`~scraper.items.Page`, and the
archive links the article version to it. The record is flushed before the item exists, so an
``articles`` row never points at bytes that are not on disk; a crawl killed mid-write leaves at
most one truncated record at the end of the last file, which nothing in the database refers to.

What is and is not "as received": status code, protocol version, header values, header order and
the payload are the downloader's. Scrapy's HTTP/1.1 handler does not keep the reason phrase nor
the capitalisation of header names, so those are reconstructed (reason phrase from the status code,
names in Scrapy's Title-Case); chunked transfer coding is already removed by Twisted, so a
``Transfer-Encoding`` header is kept as ``X-Archive-Orig-Transfer-Encoding`` (the pywb convention)
for the record to replay.

:func:`read_capture` reads one record back (by file and offset) for ``muninews reextract`` and the
Datasette archive view; :func:`captures_dir` says where an archive's captures live.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

from scrapy.http import Request, Response
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

#: ``WARC-Profile`` of a revisit record whose payload equals an earlier capture's.
REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
SOFTWARE = "muninews (warcio)"


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


class _Sha256WARCWriter(WARCWriter):
    """warcio's writer with SHA-256 block and payload digests (warcio defaults to SHA-1)."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


@dataclass
class StoredRecord:
    """Where one WARC record is: enough to read it back and to prove it is unchanged."""

    file: str  # file name inside the captures directory
    offset: int  # byte offset of the (gzip member of the) record
    length: int  # bytes of the record on disk
    record_id: str  # WARC-Record-ID, "<urn:uuid:...>"


def _utc_warc_date(iso: str) -> str:
    return iso if iso.endswith("Z") else iso + "Z"


class CaptureWriter:
    """Appends WARC records to rotating ``.warc.gz`` files in one directory (one writer per crawl)."""

    def __init__(self, directory: Path, max_bytes: int = 1_000_000_000, prefix: str = "muninews") -> None:
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self.prefix = prefix
        self._file: io.BufferedWriter | None = None
        self._name = ""
        self._seq = 0
        self._stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self._lock = threading.Lock()

    def _open_next(self) -> None:
        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        while True:
            self._seq += 1
            name = f"{self.prefix}-{self._stamp}-{os.getpid()}-{self._seq:05d}.warc.gz"
            if not (self.directory / name).exists():
                break
        self._name = name
        self._file = open(self.directory / name, "ab")  # noqa: SIM115 - kept open for the whole crawl
        self._write_raw(self._warcinfo())

    def _warcinfo(self) -> bytes:
        buf = io.BytesIO()
        writer = _Sha256WARCWriter(buf, gzip=True, warc_version="1.1")
        record = writer.create_warcinfo_record(
            self._name, {"software": SOFTWARE, "format": "WARC File Format 1.1", "isPartOf": "muninews"}
        )
        writer.write_record(record)
        return buf.getvalue()

    def _write_raw(self, data: bytes) -> int:
        assert self._file is not None
        offset = self._file.tell()
        self._file.write(data)
        self._file.flush()  # on disk (in the OS cache) before the database can refer to it
        return offset

    def write(self, records: list[Any], writer_buf: io.BytesIO, writer: WARCWriter) -> list[StoredRecord]:
        """Write warcio records, each as its own gzip member; returns where each landed."""
        with self._lock:
            if self._file is None or self._file.tell() >= self.max_bytes:
                self._open_next()
            stored = []
            for record in records:
                writer_buf.seek(0)
                writer_buf.truncate()
                writer.write_record(record)
                data = writer_buf.getvalue()
                offset = self._write_raw(data)
                stored.append(
                    StoredRecord(
                        self._name, offset, len(data), record.rec_headers.get_header("WARC-Record-ID")
                    )
                )
            return stored

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _http_headers(response: Response) -> list[tuple[str, str]]:
    headers = []
    for key, values in response.headers.items():
        name = key.decode("latin-1")
        if name.lower() == "transfer-encoding":
            name = "X-Archive-Orig-Transfer-Encoding"
        headers.extend((name, v.decode("latin-1")) for v in values)
    return headers


def _status_line(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return f"{status} {phrase}".strip()


class CaptureMiddleware:
    """Downloader middleware writing WARC records of the raw responses (see the module docstring).

    Settings: ``MUNINEWS_CAPTURE`` (on/off), ``MUNINEWS_CAPTURES_DIR`` (default beside the archive),
    ``MUNINEWS_CAPTURE_KINDS`` (request kinds to keep), ``MUNINEWS_CAPTURE_MAX_BYTES`` (rotation).
    """

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.enabled = settings.getbool("MUNINEWS_CAPTURE", True)
        self.kinds = set(settings.getlist("MUNINEWS_CAPTURE_KINDS", ["candidate"]))
        directory = captures_dir(
            settings.get("MUNINEWS_DB", "archive.db"), settings.get("MUNINEWS_CAPTURES_DIR")
        )
        self.writer = CaptureWriter(directory, settings.getint("MUNINEWS_CAPTURE_MAX_BYTES", 1_000_000_000))
        self._buf = io.BytesIO()
        self._warc = _Sha256WARCWriter(self._buf, gzip=True, warc_version="1.1")
        from scrapy import signals

        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CaptureMiddleware:
        return cls(crawler)

    def spider_closed(self) -> None:
        self.writer.close()

    def process_response(self, request: Request, response: Response) -> Response:
        if not self.enabled or request.meta.get("kind") not in self.kinds:
            return response
        try:
            request.meta["capture"] = self.capture(request, response)
            self.crawler.stats.inc_value("muninews/capture/" + request.meta["capture"]["record_type"])
        except Exception:  # a full disk must be seen, but one failed record must not stop the crawl
            self.crawler.stats.inc_value("muninews/capture/failed")
            logger.exception("capture: could not write a WARC record for %s", response.url)
            request.meta.pop("capture", None)
        return response

    def capture(self, request: Request, response: Response) -> dict[str, Any]:
        """Write the response (or revisit) and request records; returns the capture as stored in meta."""
        fetched_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        payload = response.body  # as received: this middleware sits before decompression
        digest = sha256_hex(payload)
        headers = _http_headers(response)
        protocol = response.protocol or "HTTP/1.1"
        http_headers = StatusAndHeaders(_status_line(response.status), headers, protocol=protocol)
        warc_headers = {
            "WARC-Date": _utc_warc_date(fetched_at),
            "WARC-Payload-Digest": warc_digest(digest),
        }
        if response.ip_address is not None:
            warc_headers["WARC-IP-Address"] = str(response.ip_address)
        known = request.meta.get("known_digest")
        revisit = bool(payload) and response.status == 200 and known == digest
        if revisit:
            record = self._warc.create_warc_record(
                response.url,
                "revisit",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=http_headers,
                warc_headers_dict={
                    **warc_headers,
                    "WARC-Profile": REVISIT_PROFILE,
                    "WARC-Refers-To-Target-URI": request.meta.get("known_url") or response.url,
                },
            )
        else:
            record = self._warc.create_warc_record(
                response.url,
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=http_headers,
                warc_headers_dict=warc_headers,
            )
        req_headers = [
            (k.decode("latin-1"), v.decode("latin-1")) for k, vs in request.headers.items() for v in vs
        ]
        target = request.url.split("#")[0]
        path = target.split("/", 3)[3] if target.count("/") >= 3 else ""
        req_record = self._warc.create_warc_record(
            response.url,
            "request",
            payload=io.BytesIO(request.body or b""),
            length=len(request.body or b""),
            http_headers=StatusAndHeaders(
                f"{request.method} /{path}", req_headers, protocol=protocol, is_http_request=True
            ),
            warc_headers_dict={
                "WARC-Date": _utc_warc_date(fetched_at),
                "WARC-Concurrent-To": record.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        stored, _req = self.writer.write([record, req_record], self._buf, self._warc)
        return {
            "url": response.url,
            "fetched_at": fetched_at,
            "status": response.status,
            "content_type": response.headers.get(b"Content-Type", b"").decode("latin-1") or None,
            "etag": (response.headers.get(b"ETag") or b"").decode("latin-1") or None,
            "last_modified": (response.headers.get(b"Last-Modified") or b"").decode("latin-1") or None,
            "payload_sha256": digest,
            "warc_file": stored.file,
            "warc_offset": stored.offset,
            "warc_length": stored.length,
            "warc_record_id": stored.record_id,
            "record_type": "revisit" if revisit else "response",
        }


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
            payload = record.raw_stream.read()
            declared = record.rec_headers.get_header("WARC-Payload-Digest") or ""
            if declared.startswith("sha256:") and warc_digest(sha256_hex(payload)) != declared:
                raise ValueError(f"{file}@{offset}: payload does not match its digest")
            http = record.http_headers
            body = _decode_content(payload, http.get_header("Content-Encoding"))
            return CaptureRecord(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                date=record.rec_headers.get_header("WARC-Date"),
                record_id=record.rec_headers.get_header("WARC-Record-ID"),
                status=int(http.get_statuscode() or 0),
                status_line=http.statusline,
                headers=list(http.headers),
                payload=payload,
                body=body,
                payload_digest=declared,
            )
    raise ValueError(f"no WARC record at {file}@{offset}")


def read_record_bytes(directory: str | Path, file: str, offset: int, length: int) -> bytes:
    """The record exactly as stored (one gzip member): for downloading the evidence itself."""
    with open(Path(directory) / Path(file).name, "rb") as fh:
        fh.seek(offset)
        return fh.read(length)


def _decode_content(payload: bytes, encoding: str | None) -> bytes:
    import gzip
    import zlib

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
            import brotli  # type: ignore[import-not-found]

            return brotli.decompress(payload)
    except Exception as exc:
        raise ValueError(f"cannot undo Content-Encoding {enc}: {exc}") from exc
    return payload
