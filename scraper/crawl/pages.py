"""What the spider tells the archive about the pages it fetched: items built from responses.

:class:`~scraper.items.PageState` for pages that are not articles (their validators and links, for
the next crawl's conditional requests), :class:`~scraper.items.Page` for articles. No decisions here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import cast

from parsel import Selector
from scrapy.http import Response, TextResponse

from scraper.clock import utc_now
from scraper.crawl import classify
from scraper.crawl.frontier import Outcome, RequestKind, SiteState
from scraper.crawl.urls import canonical_url, listing_base, looks_like_article_url, same_site
from scraper.items import Capture, Link, LinkKind, Page, PageState
from scraper.registry import Municipality

HEADERS_KEPT = ("content-type", "last-modified", "etag", "date", "content-language")


def _header(response: Response, name: bytes) -> str | None:
    return (response.headers.get(name) or b"").decode("latin-1") or None


def redirects(response: Response, site: SiteState) -> Iterator[PageState]:
    """Permanent redirects (301, 308) on the way to this response, remembered for the next crawl."""
    reasons = response.meta.get("redirect_reasons") or []
    if not reasons or not all(r in (301, 308) for r in reasons):
        return
    now = utc_now()
    for url, reason in zip(response.meta.get("redirect_urls", []), reasons, strict=False):
        if same_site(url, site.municipality.homepage):
            yield PageState(
                url=url,
                municipality_id=site.mid,
                kind=str(RequestKind.REDIRECT),
                fetched_at=now,
                status=int(reason),
                outcome=str(Outcome.REDIRECT),
                links=[Link(LinkKind.REDIRECT, response.url).to_dict()],
            )


def remember(
    response: Response,
    site: SiteState,
    kind: str,
    outcome: str | None,
    links: list[Link] | None = None,
    content: str | None = None,
) -> Iterator[PageState]:
    """The page's validators and what it yielded, for the archive's ``pages`` table."""
    yield from redirects(response, site)
    not_modified = response.status == 304
    yield PageState(
        url=cast(str, response.meta.get("page_url")) if not_modified else response.url,
        municipality_id=site.mid,
        kind=str(kind),
        fetched_at=utc_now(),
        status=response.status,
        outcome=None if outcome is None else str(outcome),
        etag=_header(response, b"ETag"),
        last_modified=_header(response, b"Last-Modified"),
        payload_sha256=None if not_modified else hashlib.sha256(response.body).hexdigest(),
        links=None if not_modified else [link.to_dict() for link in links or []],
        content=None if not_modified else content,
    )


#: How far from the end of a page ``</html>`` is looked for.
_TAIL_BYTES = 2048
#: The two reasons :func:`cut_short` gives.
DATALOSS = "fewer bytes than its Content-Length"
MID_DOCUMENT = "ends mid-document"


def cut_short(response: Response) -> str | None:
    """Why the response is shorter than the page its server meant to send, or None.

    Two tells: Scrapy's ``dataloss`` flag (the connection closed before the Content-Length was
    reached; ``DOWNLOAD_FAIL_ON_DATALOSS`` is off so that the response arrives flagged instead of
    failing), and an HTML page that ends mid-document — no ``</html>`` near the end and a last byte
    that closes no tag — as a Content-Length counted in characters instead of bytes leaves it:
    the client stops reading where the header says, silently.
    """
    if "dataloss" in response.flags:
        return DATALOSS
    if (
        not isinstance(response, TextResponse)
        or "html" not in (_header(response, b"Content-Type") or "").lower()
    ):
        return None
    tail = response.body[-_TAIL_BYTES:].rstrip()
    if tail and not tail.endswith(b">") and b"</html" not in tail.lower():
        return MID_DOCUMENT
    return None


def text_complete(response: Response, reason: str) -> bool:
    """True if a cut-short page still holds its whole article: it ended mid-document after
    ``</article>`` or ``</main>`` (in the footer, say). A response its own server says is short
    (dataloss) never is: what is missing may be more of the article."""
    body = response.body.lower()
    return reason == MID_DOCUMENT and (b"</article>" in body or b"</main>" in body)


def storage_url(sel: Selector, response: Response, site: SiteState) -> tuple[str, str | None]:
    """The key to store an article under, and why rel=canonical was not it (None: no objection).

    rel=canonical is the key only when it names another article on the same site: not the home
    page, not a listing or section page (a site whose every article says ``rel=canonical`` →
    ``/nyheter`` would else be one article), and an article-looking URL. Otherwise the fetched URL
    is the key. A loop (A says B, B says A) keeps the key the first of them was stored under.
    """
    fetched = canonical_url(response.url)
    canonical = classify.canonical_link(sel, response.url)
    if not canonical or canonical_url(canonical) == fetched:
        return fetched, None
    key = canonical_url(canonical)
    homepage = site.municipality.homepage
    if not same_site(canonical, homepage):
        return fetched, "ignored"
    if key == canonical_url(homepage) or listing_base(canonical) in site.listing_pages:
        return fetched, "ignored"
    if not looks_like_article_url(canonical):
        return fetched, "ignored"
    if site.canonical_of.get(key) == fetched:
        return fetched, "loop"  # the page it names said this one is canonical: stored under this key
    site.canonical_of[fetched] = key
    return key, None


def same_article(sel: Selector, known_title: str | None) -> bool:
    """A page reached by redirect is the known article if it carries the same headline."""
    title = (
        sel.xpath("normalize-space(//h1)").get() or sel.xpath("//meta[@property='og:title']/@content").get()
    )
    if not title or not known_title:
        return False
    return " ".join(title.split()).casefold() == " ".join(known_title.split()).casefold()


def article_page(response: Response, key: str, m: Municipality) -> Page:
    """The fetched article, bytes undecoded, for the extraction pipeline."""
    capture: Capture | None = response.meta.get("capture")
    return Page(
        url=key,
        fetched_url=response.url,
        body=response.body,
        # The capture's time when there is one, so `reextract` sees the very same fetch time.
        fetched_at=(capture.fetched_at if capture else None) or utc_now(),
        municipality_id=m.id,
        country=m.country,
        status=response.status,
        headers={h: value for h in HEADERS_KEPT if (value := _header(response, h.encode()))},
        # Article pages are TextResponses: the callback parsed them as HTML.
        encoding=response.encoding
        if isinstance(response, TextResponse) and _header(response, b"Content-Type")
        else None,
        capture=capture,
    )


def await_vouching(
    response: Response, signals: classify.PageSignals, site: SiteState, *, listed: bool
) -> None:
    """Remember a page turned down only for want of a listing's word (a sitemap entry fetched before
    the listing was read), so that a listing vouching for it later has it judged again."""
    if listed or classify.classify_page(signals, response.url, from_listing=True) != "article":
        return
    asked = [*(response.meta.get("redirect_urls") or []), response.url]
    site.unvouched |= {canonical_url(u) for u in asked}
