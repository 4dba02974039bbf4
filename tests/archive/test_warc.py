"""Captures written by the crawl's middleware read back by scraper.archive.warc, digest checked."""

from __future__ import annotations

import gzip
import hashlib
import pickle
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from scraper.archive.warc import captures_dir, read_capture, read_record_bytes
from scraper.crawl.capture import CaptureMiddleware
from scraper.items import Capture

URL = "https://www.ale.se/nyheter/skola"
HTML = "<html><body><h1>Ny förskola</h1></body></html>".encode()
BODY = gzip.compress(HTML, mtime=0)  # as the server sent it


def captured(tmp_path: Path, known_digest: str | None = None) -> tuple[Capture, Path]:
    db = tmp_path / "archive.db"
    crawler = get_crawler(settings_dict={"MUNINEWS_DB": str(db)})
    middleware = CaptureMiddleware.from_crawler(crawler)
    request = Request(URL, meta={"kind": "candidate", "known_digest": known_digest})
    response = HtmlResponse(
        URL,
        body=BODY,
        headers={"Content-Encoding": "gzip", "Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'},
        request=request,
    )
    middleware.process_response(request, response)
    middleware.spider_closed()
    capture = request.meta["capture"]
    assert isinstance(capture, Capture)
    return capture, captures_dir(db)


def test_a_capture_reads_back_with_its_encoding_undone(tmp_path: Path) -> None:
    capture, directory = captured(tmp_path)
    assert (capture.record_type, capture.etag, capture.status) == ("response", '"v1"', 200)
    record = read_capture(directory, capture.warc_file, capture.warc_offset)
    assert record.body == HTML and record.payload == BODY
    assert record.record_id == capture.warc_record_id and record.header("etag") == '"v1"'
    raw = read_record_bytes(directory, capture.warc_file, capture.warc_offset, capture.warc_length)
    assert len(raw) == capture.warc_length and gzip.decompress(raw).startswith(b"WARC/1.1")


def test_a_tampered_payload_is_refused(tmp_path: Path) -> None:
    capture, directory = captured(tmp_path)
    path = directory / capture.warc_file
    data = path.read_bytes()
    record = gzip.decompress(data[capture.warc_offset : capture.warc_offset + capture.warc_length])
    end = len(record) - 4  # the payload ends just before the record's closing CRLF CRLF
    tampered = gzip.compress(record[: end - 1] + bytes([record[end - 1] ^ 0xFF]) + record[end:])
    path.write_bytes(data[: capture.warc_offset] + tampered)
    with pytest.raises(ValueError):
        read_capture(directory, capture.warc_file, capture.warc_offset)


def test_a_revisit_is_not_a_response(tmp_path: Path) -> None:
    capture, directory = captured(tmp_path, known_digest=hashlib.sha256(BODY).hexdigest())
    assert capture.record_type == "revisit"
    with pytest.raises(ValueError, match="revisit"):
        read_capture(directory, capture.warc_file, capture.warc_offset)


def test_a_capture_pickles() -> None:
    capture = Capture(URL, "2026-01-01T00:00:00Z", 200, "0" * 64, "x.warc.gz", 0, 10, "<urn:uuid:1>")
    assert pickle.loads(pickle.dumps(capture)) == capture
