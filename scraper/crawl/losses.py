"""Every loss visible: why a municipality's crawl kept less than its site offered, in words.

Read by the archive pipeline at the end of a crawl into ``crawls.note`` (and so the CLI summary):
a site not crawled because robots.txt was unavailable, news listings whose entries were fetched but
not stored, most candidate pages answering 404, a crawl stopped early, and — for a municipality whose
crawl stored nothing and has no other explanation — the failed requests (connection refused, DNS,
timeouts, HTTP 5xx) or that nothing fetched was news. Pure: a site's state and its counters in, text
out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scraper.crawl.counters import PREFIX, Counter
from scraper.crawl.frontier import SiteState

#: Stats key: how many municipalities of this crawl are ``failing`` (the CLI exits 3 when any are).
FAILING = "muninews/municipalities_failing"

#: Download exceptions (Twisted's and Scrapy's class names) in words; others are shown by name.
ERROR_WORDS = {
    "ConnectionRefusedError": "connection refused",
    "DownloadConnectionRefusedError": "connection refused",
    "DNSLookupError": "DNS lookup failed",
    "CannotResolveHostError": "DNS lookup failed",
    "DownloadDNSLookupError": "DNS lookup failed",
    "TimeoutError": "timed out",
    "TCPTimedOutError": "timed out",
    "DownloadTimeoutError": "timed out",
    "UserTimeoutError": "timed out",
    "ConnectError": "could not connect",
    "ConnectionLost": "connection lost",
    "ConnectionDone": "connection closed",
    "ResponseNeverReceived": "no response",
    "ResponseFailed": "response broken off",
    "PotentialDataLoss": "response shorter than announced",
    "DownloadFailedError": "download failed",
    "DownloadCancelledError": "download cancelled",
    "ResponseDataLossError": "response shorter than announced",
    "UnsupportedURLSchemeError": "unsupported URL scheme",
    "NotSupported": "unsupported URL",
}

#: How the crawl ended when not normally (Scrapy's ``finish_reason``), in words.
ENDINGS = {
    "shutdown": "crawl interrupted (Ctrl-C or SIGTERM)",
    "archive_unwritable": "crawl stopped: archive unwritable",
    "cancelled": "crawl cancelled",
}


def error_words(name: str) -> str:
    """A failed request's exception class name in words (``DNSLookupError`` → ``DNS lookup failed``)."""
    return ERROR_WORDS.get(name, name)


def ending_notes(reason: str, unwritable: str | None = None) -> list[str]:
    """How the crawl ended, if not normally (``finish_reason``; the storage cause when unwritable)."""
    if reason in ("finished", ""):
        return []
    words = ENDINGS.get(reason, f"crawl ended: {reason}")
    return [f"{words} ({unwritable})" if unwritable else words]


def failure_notes(mid: str, stats: Mapping[str, Any]) -> list[str]:
    """Why a municipality's crawl stored nothing, from its counters: its failed requests, else what
    was fetched (nothing at all, or pages none of which was news)."""
    prefix = f"{PREFIX}municipality/{mid}/"
    failed: dict[str, int] = {}
    for key, value in stats.items():
        if key.startswith(prefix + "error/"):
            words = error_words(key.removeprefix(prefix + "error/"))
        elif key.startswith(prefix + "http/"):
            words = f"HTTP {key.removeprefix(prefix + 'http/')}"
        else:
            continue
        failed[words] = failed.get(words, 0) + int(value)
    if failed:
        most = sorted(failed.items(), key=lambda kv: (-kv[1], kv[0]))
        return ["requests failed: " + ", ".join(f"{words} ×{n}" for words, n in most)]
    fetched = int(stats.get(prefix + Counter.PAGE_FETCHED, 0))
    found = int(stats.get(prefix + Counter.ARTICLE_FOUND, 0))
    if not fetched:
        return ["nothing fetched"]
    if not found:
        return [f"{fetched} pages fetched, none of them a news article"]
    return [f"{found} articles found, none stored"]


#: A note on 404s when at least this many candidates were asked and more than half answered 404/410.
MIN_CANDIDATES_FOR_GONE_NOTE = 4


def loss_notes(site: SiteState, known: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The reasons, in words, this site's crawl lost articles (empty: nothing to report)."""
    notes = []
    if site.robots_unavailable:
        notes.append(f"not crawled: {site.robots_unavailable}")
    lost = sorted(
        key
        for key in site.listed
        if key in site.requested
        and key not in site.stored_from
        and key not in site.articles
        and key not in site.not_due
        and key not in known
    )
    if lost:
        notes.append(
            f"{len(lost)} of {len(site.listed)} listed entries fetched but not stored (first: {lost[0]})"
        )
    if site.cut_short:
        first, reason = next(iter(site.cut_short.items()))
        notes.append(f"{len(site.cut_short)} responses cut short (first: {first}, {reason})")
    asked, gone = site.candidates_asked, site.candidates_gone
    if asked >= MIN_CANDIDATES_FOR_GONE_NOTE and gone * 2 > asked:
        notes.append(f"{gone} of {asked} candidate pages answered 404/410")
    return notes
