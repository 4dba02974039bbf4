"""How one demo site answers, as a real server would: request path and headers in, a response out.

Each site is a directory of static files written by :mod:`scraper.demo.build`, plus a
``_site.json`` that says how a real server would behave for it::

    {
      "id": "hemlunda", "name": "Hemlunda kommun", "country": "SE", "language": "sv",
      "order": 1,                         # position in the demo web (port base_port + i)
      "trailing_slash_redirect": false,   # /dir -> 301 /dir/ (WordPress, Apache) or serve /dir/index.html
      "redirects": {"/old.html": "/new.html", "/?p=12": "/x/"},  # 301 (exact query or any query)
      "status": {"/gone.html": 410, "/broken.html": 500},   # answered with that status
      "aliases": {"/other/path.html": "real/file.html"},    # a second URL for the same file
      "queries": {"/nyheter.html?page=2": "_query/x.html"},  # a file written for one query string
      "encodings": {"file.html": "windows-1252"},           # charset in Content-Type (default utf-8)
      "types": {"feed/index.xml": "application/rss+xml"},   # Content-Type overrides
      "lastmod": {"file.html": "2026-03-14"},               # Last-Modified (default: "lastmod_default")
      "private": ["expected.json"],                         # files in the directory that are never served
      "calendar": {"path": "/evenemang/kalender.html", "param": "manad", "default": "2026-03",
                   "template": "_calendar.html"}              # generated for ANY month: a crawler trap
    }

Paths whose segments start with ``_`` are never served directly. The literal
``{{origin}}`` in text files (and inside ``.xml.gz`` files) is replaced with the
server's origin, e.g. ``http://127.0.0.1:43123``, so sitemaps, feeds and canonical
links carry absolute URLs as on a real site. Responses carry ``ETag`` and
``Last-Modified`` and answer conditional requests with ``304 Not Modified``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

ORIGIN_PLACEHOLDER = b"{{origin}}"

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".txt": "text/plain",
    ".json": "application/json",
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
    ".gz": "application/gzip",
}
TEXT_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml", "application/json")
INDEX_FILES = ("index.html", "index.xml", "index.rss", "index.atom")
TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid|_hsenc|_hsmi)$", re.IGNORECASE)
MONTHS = {
    "sv": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
STATUS_TEXT = {404: "Sidan finns inte", 410: "Sidan har tagits bort", 500: "Internt serverfel"}


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def load_site_config(root: Path) -> dict[str, Any]:
    config: dict[str, Any] = json.loads((root / "_site.json").read_text(encoding="utf-8"))
    return config


def http_date(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day).replace(tzinfo=UTC), usegmt=True)


class SiteApp:
    """The behaviour of one site: request path and headers in, :class:`Response` out."""

    def __init__(self, root: Path, origin: str) -> None:
        self.root = Path(root)
        self.origin = origin
        self.config = load_site_config(self.root)
        self._cache: dict[Path, bytes] = {}
        self._lock = threading.Lock()
        # Every request target answered, in order: tests read it to check what a crawl asked
        # for (robots.txt obeyed, traps left alone, 304s on a re-crawl).
        self.requests: list[tuple[str, int]] = []

    # -- resolving -------------------------------------------------------------

    def _file(self, rel: str) -> Path | None:
        path = (self.root / rel).resolve()
        if self.root.resolve() not in path.parents or not path.is_file():
            return None
        return path

    def _resolve_path(self, path: str) -> tuple[Path | None, str | None]:
        """(file, redirect target) for a URL path without query."""
        if any(seg.startswith("_") for seg in path.split("/")) or path.lstrip("/") in self.config.get(
            "private", []
        ):
            return None, None
        if path in self.config.get("aliases", {}):
            return self._file(self.config["aliases"][path]), None
        rel = path.lstrip("/")
        if path.endswith("/"):
            for index in INDEX_FILES:
                found = self._file(rel + index)
                if found:
                    return found, None
            return None, None
        found = self._file(rel)
        if found:
            return found, None
        for index in INDEX_FILES:
            found = self._file(f"{rel}/{index}")
            if found:
                if self.config.get("trailing_slash_redirect"):
                    return None, path + "/"
                return found, None
        return None, None

    def _body(self, file: Path) -> bytes:
        with self._lock:
            if file not in self._cache:
                data = file.read_bytes()
                origin = self.origin.encode("ascii")
                if file.suffix == ".gz":
                    data = gzip.compress(gzip.decompress(data).replace(ORIGIN_PLACEHOLDER, origin), mtime=0)
                elif self._content_type(file).startswith(TEXT_TYPES):
                    data = data.replace(ORIGIN_PLACEHOLDER, origin)
                self._cache[file] = data
            return self._cache[file]

    def _rel(self, file: Path) -> str:
        return file.resolve().relative_to(self.root.resolve()).as_posix()

    def _content_type(self, file: Path) -> str:
        rel = self._rel(file)
        ctype = self.config.get("types", {}).get(rel) or CONTENT_TYPES.get(
            file.suffix, "application/octet-stream"
        )
        if ctype.startswith(TEXT_TYPES) and "charset" not in ctype:
            ctype += "; charset=" + self.config.get("encodings", {}).get(rel, "utf-8")
        return ctype

    # -- answering -------------------------------------------------------------

    def handle(self, target: str, headers: dict[str, str]) -> Response:
        parts = urlsplit(target)
        path = unquote(parts.path) or "/"
        redirects = self.config.get("redirects", {})
        for key in (f"{path}?{parts.query}", path):
            if key in redirects:
                return self._redirect(redirects[key])
        if path in self.config.get("status", {}):
            return self._error(int(self.config["status"][path]))
        calendar = self.config.get("calendar")
        if calendar and path == calendar["path"]:
            return self._calendar(parts.query, headers)
        file = None
        if parts.query:
            kept = [
                (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)
            ]
            key = f"{path}?{urlencode(kept)}" if kept else path
            rel = self.config.get("queries", {}).get(key)
            if rel:
                file = self._file(rel)
        if file is None:
            file, redirect = self._resolve_path(path)
            if redirect:
                return self._redirect(redirect + (f"?{parts.query}" if parts.query else ""))
        if file is None:
            return self._error(404)
        rel = self._rel(file)
        lastmod = self.config.get("lastmod", {}).get(rel) or self.config.get("lastmod_default")
        return self._ok(self._body(file), self._content_type(file), headers, lastmod)

    def _ok(self, body: bytes, ctype: str, req: dict[str, str], lastmod: str | None) -> Response:
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        headers = {"Content-Type": ctype, "ETag": etag}
        if lastmod:
            headers["Last-Modified"] = http_date(lastmod)
        if _not_modified(req, etag, lastmod):
            return Response(304, headers, b"")
        return Response(200, headers, body)

    def _redirect(self, location: str) -> Response:
        if location.startswith("/"):
            location = self.origin + location
        body = f'<!DOCTYPE html><html><body><p>Moved to <a href="{location}">{location}</a></p></body></html>'
        return Response(
            301, {"Location": location, "Content-Type": "text/html; charset=utf-8"}, body.encode("utf-8")
        )

    def _error(self, status: int) -> Response:
        page = self._file("_404.html") if status == 404 else None
        if page:
            body = self._body(page)
        else:
            text = STATUS_TEXT.get(status, "Fel")
            body = (
                f'<!DOCTYPE html><html lang="{self.config.get("language", "sv")}"><head><meta charset="utf-8">'
                f"<title>{status} {text}</title></head><body><h1>{text}</h1><p>{status}</p></body></html>\n"
            ).encode()
        return Response(status, {"Content-Type": "text/html; charset=utf-8"}, body)

    def _calendar(self, query: str, req: dict[str, str]) -> Response:
        cal = self.config["calendar"]
        value = dict(parse_qsl(query)).get(cal["param"], cal["default"])
        m = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not m or not 1 <= int(m.group(2)) <= 12:
            m = re.fullmatch(r"(\d{4})-(\d{2})", cal["default"])
        assert m is not None
        year, month = int(m.group(1)), int(m.group(2))
        prev_y, prev_m = (year - 1, 12) if month == 1 else (year, month - 1)
        next_y, next_m = (year + 1, 1) if month == 12 else (year, month + 1)
        names = MONTHS.get(self.config.get("language", "sv"), MONTHS["en"])
        template = self._file(cal["template"])
        assert template is not None
        values = {
            "{{month}}": f"{year:04d}-{month:02d}",
            "{{month_name}}": f"{names[month - 1]} {year}",
            "{{prev}}": f"{prev_y:04d}-{prev_m:02d}",
            "{{next}}": f"{next_y:04d}-{next_m:02d}",
        }
        body = self._body(template)
        for key, val in values.items():
            body = body.replace(key.encode(), val.encode())
        return self._ok(body, "text/html; charset=utf-8", req, None)


def _not_modified(req: dict[str, str], etag: str, lastmod: str | None) -> bool:
    inm = req.get("if-none-match")
    if inm is not None:
        tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
        return "*" in tags or etag in tags
    ims = req.get("if-modified-since")
    if ims and lastmod:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return datetime.fromisoformat(lastmod).replace(tzinfo=UTC) <= since
    return False
