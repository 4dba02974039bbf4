"""One crawl of a hostile loopback web: every trap at once, and the crawl neither stalls nor crashes.

Four municipalities in one run (a registry file): a site whose news listing links to every kind of
hostile page next to a few good articles, a site whose robots.txt answers 503, a port that refuses
connections and a host that accepts connections and never answers. The good articles are stored,
the traps are not (or are stored sanely), the run ends in bounded time with exit status 3 (some
municipalities failing) and each failing municipality's reason is in ``crawls.note`` and the summary.
"""

from __future__ import annotations

import gzip
import random
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper import registry
from tests.helpers import Crawl, assert_consistent, crawl_into, free_port
from tests.strict_server import HTML, Raw, StrictServer, article, home, listing

GOOD = [f"/nyheter/2026-02-{10 + i}-god-nyhet-{i}/" for i in range(3)]


def drip(wfile) -> None:
    """A page sent one byte at a time, slower than any timeout allows."""
    body = article("Droppande nyhet").encode()
    wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body))
    for byte in body:
        wfile.write(bytes([byte]))
        wfile.flush()
        time.sleep(0.1)


def never(wfile) -> None:
    time.sleep(20)


def lying_length(wfile) -> None:
    body = article("Kortare än utlovat").encode()
    wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
    wfile.write(body)
    wfile.flush()  # and the connection closes 98 KB short


def storm(count: int, origin: str):
    return 503, {"Content-Type": "text/html"}, "<h1>503 Service Unavailable</h1>"


def retry_after(count: int, origin: str):
    if count == 0:
        return 429, {"Retry-After": "1", "Content-Type": "text/html"}, "slow down"
    return 200, HTML, article("Tålamod lönar sig vid kommunhuset")


def hostile_pages() -> dict:
    rng = random.Random(11)
    bomb = gzip.compress(b"<html><body>" + b"<p>a</p>" * 12_000_000, compresslevel=9)  # ~96 MB unpacked
    nested = "<div>" * 20_000 + "<p>Djupt nästlad text om kommunen.</p>" + "</div>" * 20_000
    sitemap = "".join(f"<url><loc>{{{{origin}}}}/tjanster/sida-{i}/</loc></url>" for i in range(50_000))
    traps = {
        "/nyheter/droppande/": Raw(drip),
        "/nyheter/tyst/": Raw(never),
        "/nyheter/kort/": Raw(lying_length),
        "/nyheter/storm/": storm,
        "/nyheter/2026-02-20-vanta/": retry_after,
        "/nyheter/enorm/": article("Enorm sida", words=400_000),  # ~3 MB, over DOWNLOAD_MAXSIZE
        "/nyheter/bomb/": (200, {**HTML, "Content-Encoding": "gzip"}, bomb),
        "/nyheter/binar/": (200, HTML, bytes(rng.randrange(256) for _ in range(50_000))),
        # Says UTF-8, is windows-1252: the text must still read right.
        "/nyheter/2026-02-21-kodning/": (
            200,
            HTML,
            article("Vägarbetet på Storgatan är klart").encode("cp1252"),
        ),
        "/nyheter/slinga-a/": (302, {"Location": "/nyheter/slinga-b/"}, ""),
        "/nyheter/slinga-b/": (302, {"Location": "/nyheter/slinga-a/"}, ""),
        "/nyheter/kanon-a/": article(
            "Kanonslinga om badet", head='<link rel="canonical" href="/nyheter/kanon-b/">'
        ),
        "/nyheter/kanon-b/": article(
            "Kanonslinga om badet", head='<link rel="canonical" href="/nyheter/kanon-a/">'
        ),
        "/nyheter/2026-02-22-session/": article("Sessionen som aldrig tar slut"),
        "/nyheter/nastlad/": f"<html><head><title>Nästlad</title></head><body>{nested}</body></html>",
        "/nyheter/nul/": article("Noll\x00byte i texten").replace("Kommunen", "Kom\x00munen"),
        "/rss.xml": (200, {"Content-Type": "application/rss+xml"}, "<rss><channel><item><link>/nyheter/x"),
        "/sitemap.xml": (200, {"Content-Type": "application/xml"}, f"<urlset>{sitemap}</urlset>"),
        "/robots.txt": (
            200,
            {"Content-Type": "text/plain"},
            "User-agent: *\nAllow: /\nSitemap: {{origin}}/sitemap.xml\n",
        ),
    }
    links = [*GOOD, *(p for p in traps if p.startswith("/nyheter/"))]
    links.append("/nyheter/2026-02-22-session/;jsessionid=ABC123DEF456")
    pages: dict = {
        "/": home().replace(
            "</head>", '<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head>'
        ),
        "/nyheter/": listing(links),
        **{p: article(f"God nyhet nummer {i} om skolan") for i, p in enumerate(GOOD)},
        **traps,
    }
    return pages


@pytest.fixture(scope="module")
def silent_host() -> Iterator[int]:
    """A host that accepts connections (the kernel's backlog) and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture(scope="module")
def crawl(
    tmp_path_factory: pytest.TempPathFactory, silent_host: int
) -> Iterator[tuple[Crawl, float, set[str]]]:
    tmp = tmp_path_factory.mktemp("hostile")
    robots_down = {"/robots.txt": (503, {"Content-Type": "text/plain"}, "busy"), "/": home()}
    with (
        StrictServer(hostile_pages(), path_filter=lambda p: p.split(";")[0]) as hostile,
        StrictServer(robots_down) as down,
    ):
        reg = tmp / "registry.json"
        sites = [
            ("fientliga", "Fientliga kommun", hostile.origin + "/"),
            ("robotlosa", "Robotlösa kommun", down.origin + "/"),
            ("stangda", "Stängda kommun", f"http://127.0.0.1:{free_port()}/"),
            ("tysta", "Tysta kommun", f"http://127.0.0.1:{silent_host}/"),
        ]
        registry.save_registry([registry.Municipality(id=i, name=n, homepage=h) for i, n, h in sites], reg)
        started = time.monotonic()
        result = crawl_into(
            tmp / "a.db",
            "--all",
            "-s",
            f"MUNINEWS_REGISTRY={reg}",
            "-s",
            "DOWNLOAD_TIMEOUT=2",
            "-s",
            "RETRY_TIMES=1",
            "-s",
            "DOWNLOAD_MAXSIZE=1000000",
        )
        took = time.monotonic() - started
        yield result, took, {p.split(";")[0] for p, _ in hostile.requests}


def stored_paths(result: Crawl) -> dict[str, str]:
    rows = result.rows("select url, title, body from articles where municipality_id = 'fientliga'")
    return {"/" + r["url"].split("/", 3)[3]: r["title"] for r in rows}


def test_the_run_ends_in_bounded_time_without_a_traceback(crawl: tuple[Crawl, float, set[str]]) -> None:
    result, took, asked = crawl
    traps = [p for p in hostile_pages() if p.startswith("/nyheter/") and "kanon" not in p]
    assert set(traps) <= asked, sorted(set(traps) - asked)  # every trap was really met
    assert "Traceback" not in result.log, result.log[-5000:]
    assert result.returncode == 3, result.log[-3000:]
    assert took < 60, took
    assert_consistent(result.db)


def test_good_articles_are_stored_and_traps_are_not(crawl: tuple[Crawl, float, set[str]]) -> None:
    result, _, _ = crawl
    stored = stored_paths(result)
    for path in (
        *GOOD,
        "/nyheter/2026-02-20-vanta/",
        "/nyheter/2026-02-21-kodning/",
        "/nyheter/2026-02-22-session/",
    ):
        assert path in stored, sorted(stored)
    for trap in ("droppande", "tyst", "kort", "storm", "enorm", "bomb", "binar", "slinga-a", "slinga-b"):
        assert f"/nyheter/{trap}/" not in stored, trap
    assert stored["/nyheter/2026-02-21-kodning/"] == "Vägarbetet på Storgatan är klart"  # the encoding lie
    assert len([p for p in stored if "kanon" in p]) == 1  # a canonical loop is stored once
    assert len([p for p in stored if "session" in p]) == 1  # the session id is not a second article
    assert not [r for r in result.rows("select body from articles") if "\x00" in r["body"]]


def test_each_failing_municipality_says_why(crawl: tuple[Crawl, float, set[str]]) -> None:
    result, _, _ = crawl
    notes = {
        r["municipality_id"]: (r["status"], r["note"] or "") for r in result.rows("select * from crawls")
    }
    assert notes["fientliga"][0] == "ok"
    assert notes["robotlosa"] == ("failing", "not crawled: robots.txt answered HTTP 503")
    assert notes["stangda"][0] == "failing" and "connection refused" in notes["stangda"][1]
    assert notes["tysta"][0] == "failing" and "timed out" in notes["tysta"][1]
    for mid, (status, note) in notes.items():  # in the summary, under the municipality's line
        if status == "failing":
            assert f"note: {note}" in result.log, mid


def test_a_failing_site_with_no_other_explanation_names_its_failed_requests() -> None:
    from scraper.crawl.losses import failure_notes

    mid = "x"
    key = f"muninews/municipality/{mid}/"
    assert failure_notes(mid, {key + "error/CannotResolveHostError": 2}) == [
        "requests failed: DNS lookup failed ×2"
    ]
    assert failure_notes(mid, {key + "http/503": 5, key + "error/DownloadTimeoutError": 1}) == [
        "requests failed: HTTP 503 ×5, timed out ×1"
    ]
    assert failure_notes(mid, {}) == ["nothing fetched"]
    assert failure_notes(mid, {key + "page/fetched": 4}) == ["4 pages fetched, none of them a news article"]


def test_helpers_are_hostile_enough(tmp_path: Path) -> None:
    """The traps are what they claim: a bomb is small on the wire and huge unpacked."""
    pages = hostile_pages()
    bomb = pages["/nyheter/bomb/"][2]
    assert len(bomb) < 1_000_000 and len(gzip.decompress(bomb)) > 90_000_000
    assert pages["/sitemap.xml"][2].count("<url>") == 50_000
