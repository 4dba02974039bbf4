"""Serve the bundled demo web (or any site directory in the same format) on loopback.

Each site is a directory of static files written by :mod:`scraper.demo.build` plus a ``_site.json``
that says how a real server would behave for it (:mod:`scraper.demo.site_app` answers the requests);
:class:`SiteServer` serves one site on a loopback port, :class:`DemoWeb` all the bundled ones.

``python -m scraper.demo.server`` serves the demo web until Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import logging
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from scraper.demo.listener import LoopbackHTTPServer
from scraper.demo.site_app import Response, SiteApp, load_site_config

logger = logging.getLogger(__name__)

DEMO_ROOT = Path(__file__).parent
SITES_ROOT = DEMO_ROOT / "sites"
EXPECTED_PATH = DEMO_ROOT / "expected.json"


@dataclass
class DemoSite:
    id: str
    name: str
    country: str
    language: str
    homepage: str  # "http://127.0.0.1:PORT/"
    latitude: float | None = None
    longitude: float | None = None


def load_expected(path: Path | None = None) -> dict[str, Any]:
    """The ground truth of the bundled demo web (or another site's ``expected.json``)."""
    expected: dict[str, Any] = json.loads(Path(path or EXPECTED_PATH).read_text(encoding="utf-8"))
    return expected


class _Handler(BaseHTTPRequestHandler):
    server_version = "Apache"
    sys_version = ""
    app: SiteApp  # set on a per-server subclass

    def _answer(self, with_body: bool) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            resp = self.app.handle(self.path, headers)
        except Exception:  # a bug in the demo server must not hang the crawler
            logger.exception("demo server error on %s", self.path)
            resp = Response(
                500, {"Content-Type": "text/plain; charset=utf-8"}, b"500 Internal Server Error\n"
            )
        with self.app._lock:
            self.app.requests.append((self.path, resp.status))
        self.send_response(resp.status)
        for key, value in resp.headers.items():
            self.send_header(key, value)
        if resp.status != 304:
            self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        if with_body and resp.status != 304:
            self.wfile.write(resp.body)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)


class SiteServer:
    """Serves ONE site directory (``_site.json`` + files) on ``host:port`` in a thread."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = Path(root)
        self.host = host
        self.port = port
        self.config = load_site_config(self.root)
        self._httpd: LoopbackHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.app: SiteApp | None = None

    @property
    def requests(self) -> list[tuple[str, int]]:
        """(request target, status) of every request answered so far."""
        return list(self.app.requests) if self.app else []

    @property
    def url(self) -> str:
        """The origin, e.g. ``http://127.0.0.1:43123`` (no trailing slash)."""
        if self._httpd is None:
            raise RuntimeError("server not started")
        return f"http://{self.host}:{self._httpd.server_address[1]}"

    @property
    def site(self) -> DemoSite:
        c = self.config
        return DemoSite(
            id=c["id"],
            name=c["name"],
            country=c["country"],
            language=c["language"],
            homepage=self.url + "/",
            latitude=c.get("latitude"),
            longitude=c.get("longitude"),
        )

    def start(self) -> SiteServer:
        handler: Any = type("SiteHandler", (_Handler,), {})
        httpd = LoopbackHTTPServer((self.host, self.port), handler)
        self._httpd = httpd
        handler.app = self.app = SiteApp(self.root, self.url)
        self._thread = threading.Thread(
            target=httpd.serve_forever, name=f"demo-{self.config['id']}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def site_roots(sites_root: Path = SITES_ROOT) -> list[Path]:
    """The site directories of the demo web, in their configured order."""
    roots = [p.parent for p in sites_root.glob("*/_site.json")]
    return sorted(roots, key=lambda r: (load_site_config(r).get("order", 99), r.name))


class DemoWeb:
    """All bundled demo sites, each on its own port (``base_port + i``, or free ports if 0)."""

    def __init__(self, host: str = "127.0.0.1", base_port: int = 0, sites_root: Path = SITES_ROOT) -> None:
        self.servers = [
            SiteServer(root, host=host, port=base_port + i if base_port else 0)
            for i, root in enumerate(site_roots(sites_root))
        ]
        self.sites: list[DemoSite] = []

    def start(self) -> DemoWeb:
        try:
            for server in self.servers:
                server.start()
        except BaseException:
            self.stop()
            raise
        self.sites = [s.site for s in self.servers]
        return self

    def stop(self) -> None:
        for server in self.servers:
            server.stop()

    def __enter__(self) -> DemoWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scraper.demo.server", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--base-port", type=int, default=18401, help="port of the first site (0 = free ports)"
    )
    parser.add_argument("--root", type=Path, help="serve only this site directory")
    args = parser.parse_args(argv)
    if args.root:
        web: Any = SiteServer(args.root, host=args.host, port=args.base_port)
        web.start()
        sites = [web.site]
    else:
        web = DemoWeb(host=args.host, base_port=args.base_port).start()
        sites = web.sites
    for site in sites:
        print(f"{site.id:12} {site.name:32} {site.homepage}", flush=True)
    print("Serving until Ctrl-C", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        web.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
