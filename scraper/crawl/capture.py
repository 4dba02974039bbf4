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
``request.meta["capture"]`` as a :class:`~scraper.items.Capture`: the spider passes it on with
the :class:`~scraper.items.Page`, and the archive links the article version to it. The record is
flushed before the item exists, so an ``articles`` row never points at bytes that are not on disk;
a crawl killed mid-write leaves at most one truncated record at the end of the last file, which
nothing in the database refers to.

What is and is not "as received": status code, protocol version, header values, header order and
the payload are the downloader's. Scrapy's HTTP/1.1 handler does not keep the reason phrase nor
the capitalisation of header names, so those are reconstructed (reason phrase from the status code,
names in Scrapy's Title-Case); chunked transfer coding is already removed by Twisted, so a
``Transfer-Encoding`` header is kept as ``X-Archive-Orig-Transfer-Encoding`` (the pywb convention)
for the record to replay.

The reading half (records read back by file and offset, where an archive's captures live) is
:mod:`scraper.archive.warc`.
"""

from __future__ import annotations

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
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from scraper.archive.warc import captures_dir, sha256_hex, warc_digest
from scraper.clock import utc_now
from scraper.config import CaptureConfig
from scraper.crawl.stopping import UNWRITABLE, stop_for_storage, storage_failure
from scraper.items import Capture

logger = logging.getLogger(__name__)

#: ``WARC-Profile`` of a revisit record whose payload equals an earlier capture's.
REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
SOFTWARE = "muninews (warcio)"


class _Sha256WARCWriter(WARCWriter):  # type: ignore[misc]  # warcio has no type hints
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
            file, self._file = self._file, None
            try:
                file.close()
            except OSError as exc:  # a full disk: the last flush fails, the file is closed anyway
                logger.warning("capture: closing %s: %s", self._name, exc)


def _http_headers(response: Response) -> list[tuple[str, str]]:
    headers: list[tuple[str, str]] = []
    for key, values in response.headers.items():
        name = key.decode("latin-1")
        if name.lower() == "transfer-encoding":
            name = "X-Archive-Orig-Transfer-Encoding"
        headers.extend((name, v.decode("latin-1")) for v in values)
    return headers


def _header(response: Response, name: bytes) -> str | None:
    """A response header's value as text, ``None`` when it is missing or empty."""
    return (response.headers.get(name) or b"").decode("latin-1") or None


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
        config = CaptureConfig.from_settings(crawler.settings)
        self.crawler = crawler
        self.enabled = config.enabled
        self.kinds = set(config.kinds)
        directory = captures_dir(config.db_path, config.directory or None)
        self.writer = CaptureWriter(directory, config.max_bytes)
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
        if self.crawler.stats.get_value(UNWRITABLE):
            return response  # the crawl is stopping: nothing more can be written

        try:
            capture = self.capture(request, response)
            request.meta["capture"] = capture
            self.crawler.stats.inc_value("muninews/capture/" + capture.record_type)
        except Exception as exc:  # one bad record must not stop the crawl; an unwritable disk does
            self.crawler.stats.inc_value("muninews/capture/failed")
            request.meta.pop("capture", None)
            cause = storage_failure(exc)
            if cause is None:
                logger.exception("capture: could not write a WARC record for %s", response.url)
            else:
                self.writer.close()  # a partly written file: a later record starts a new one
                stop_for_storage(self.crawler, f"{cause} (captures)")
        return response

    def capture(self, request: Request, response: Response) -> Capture:
        """Write the response (or revisit) and request records; returns the capture as stored in meta."""
        fetched_at = utc_now()
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
        req_record = self._request_record(request, response.url, protocol, fetched_at, record)
        stored, _req = self.writer.write([record, req_record], self._buf, self._warc)
        return Capture(
            url=response.url,
            fetched_at=fetched_at,
            status=response.status,
            content_type=_header(response, b"Content-Type"),
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            payload_sha256=digest,
            warc_file=stored.file,
            warc_offset=stored.offset,
            warc_length=stored.length,
            warc_record_id=stored.record_id,
            record_type="revisit" if revisit else "response",
        )

    def _request_record(
        self, request: Request, url: str, protocol: str, fetched_at: str, response: Any
    ) -> Any:
        """The ``request`` record that asked for ``response`` (``WARC-Concurrent-To`` links them)."""
        req_headers = [
            (k.decode("latin-1"), v.decode("latin-1")) for k, vs in request.headers.items() for v in vs
        ]
        target = request.url.split("#")[0]
        path = target.split("/", 3)[3] if target.count("/") >= 3 else ""
        return self._warc.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(request.body or b""),
            length=len(request.body or b""),
            http_headers=StatusAndHeaders(
                f"{request.method} /{path}", req_headers, protocol=protocol, is_http_request=True
            ),
            warc_headers_dict={
                "WARC-Date": _utc_warc_date(fetched_at),
                "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
            },
        )
