"""A strict loopback web server for crawl tests: it answers exactly the paths it was given.

Like a real server (Episerver, IIS, Django) and unlike the lenient demo web, ``/nyheter`` and
``/nyheter/`` are two different paths: the one not listed answers 404. A page is a body (200,
HTML), a ``(status, headers, body)`` tuple, or a function of how many times that path was asked
before (0 on the first request) returning such a tuple. ``{{origin}}`` in a body is the server's
origin. ``path_filter`` may rewrite each requested path first (say, drop a session id the site
mints, as a servlet container accepts any). A ``Content-Length`` in a page's headers is sent
instead of the true one, as a lying server does (the connection closes after each answer).
Requests are recorded as ``(path, status)``.

A body may also be ``bytes`` (sent as is: binary, compressed, broken encodings), and a page may be a
:class:`Raw` writer that gets the socket's file itself, for what a well-behaved server never does
(drip a page byte by byte, promise a Content-Length it does not send, never answer).
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

from scraper.demo.listener import LoopbackHTTPServer

Answer = tuple[int, dict[str, str], str | bytes]


class Raw:
    """A page written straight to the connection: ``write(wfile)`` sends status line, headers, body."""

    def __init__(self, write: Callable[[Any], None]) -> None:
        self.write = write


PageSpec = str | Answer | Raw | Callable[[int, str], Answer]

HTML = {"Content-Type": "text/html; charset=utf-8"}


class StrictServer:
    def __init__(
        self,
        pages: dict[str, PageSpec],
        path_filter: Callable[[str], str] | None = None,
        host: str = "127.0.0.1",
    ) -> None:
        """``host``: another loopback address (127.0.0.2, ...) is another host, as a press room is."""
        self.pages = pages
        self.host = host
        self.path_filter = path_filter or (lambda p: p)
        self.requests: list[tuple[str, int]] = []
        self.asked: Counter[str] = Counter()
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                raw = outer.pages.get(outer.path_filter(self.path))
                if isinstance(raw, Raw):
                    with outer._lock:
                        outer.requests.append((self.path, 0))
                    with contextlib.suppress(OSError):  # the crawler gave up on it: the point
                        raw.write(self.wfile)
                    self.close_connection = True
                    return
                status, headers, body = outer.answer(self.path)
                data = body if isinstance(body, bytes) else body.encode("utf-8")
                self.send_response(status)
                for key, value in headers.items():
                    if key != "Content-Length":
                        self.send_header(key, value)
                # A lying server's own figure when the page gives one (the body is sent whole).
                self.send_header("Content-Length", headers.get("Content-Length", str(len(data))))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        # daemon threads: a page that never answers must not hold the test's exit
        self.httpd = LoopbackHTTPServer((host, 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.httpd.server_address[1]}"

    def answer(self, raw_path: str) -> Answer:
        path = self.path_filter(raw_path)
        with self._lock:
            count = self.asked[path]
            self.asked[path] += 1
        spec = self.pages.get(path)
        if spec is None:
            result: Answer = (404, {"Content-Type": "text/html"}, "<h1>404 Not Found</h1>")
        elif callable(spec) and not isinstance(spec, Raw):
            result = spec(count, self.origin)
        elif isinstance(spec, tuple):
            result = spec
        else:
            result = (200, HTML, spec)
        status, headers, body = result
        with self._lock:
            self.requests.append((raw_path, status))
        if isinstance(body, bytes):
            return status, headers, body
        return status, headers, body.replace("{{origin}}", self.origin)

    def __enter__(self) -> StrictServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def home(news_href: str = "/nyheter/") -> str:
    return (
        "<html><head><title>Kommun</title></head><body><header><nav>"
        f'<a href="{news_href}">Nyheter</a> <a href="/kontakt/">Kontakt</a></nav></header>'
        "<main><h1>Välkommen till kommunen</h1><p>Här finns information om kommunens service.</p></main>"
        "</body></html>"
    )


def listing(hrefs: list[str], title: str = "Nyheter") -> str:
    items = "".join(
        f'<li><a href="{href}">Nyhet nummer {i} om kommunens arbete</a> <time datetime="2026-0{1 + i % 9}-1{i % 9}">'
        f"1{i % 9} januari 2026</time></li>"
        for i, href in enumerate(hrefs)
    )
    return f"<html><head><title>{title}</title></head><body><main><h1>{title}</h1><ul>{items}</ul></main></body></html>"


def article(title: str, *, words: int = 120, date: str = "2026-01-12", head: str = "") -> str:
    sentence = "Kommunen informerar invånarna om arbetet som pågår i centrum under våren. "
    body = " ".join([sentence] * max(1, words // 11))
    return (
        f"<html><head><title>{title}</title>{head}</head><body><main><article><h1>{title}</h1>"
        f'<p>Publicerad <time datetime="{date}">{date}</time></p><p>{body}</p>'
        "</article></main></body></html>"
    )
