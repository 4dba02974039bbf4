"""One vocabulary from HTML to SQL.

Data flows one way: the spider yields a :class:`Page` (raw bytes as fetched), the
extraction pipeline turns it into an :class:`Article` with :func:`scraper.extract.extract_article`
(a pure function, so it can move into a process pool or run again later on stored
captures), and the archive pipeline writes the article. Field names here are the
column names in ``archive.db`` and in ``datasette_metadata.json``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


@dataclass
class Quote:
    """A direct quote: what was said, by whom, in which role."""

    position: int  # 0-based order of the quote within the article
    text: str  # the words quoted, without dash, quotation marks or attribution clause
    speaker: str | None = None  # person's name as written, e.g. "Kristofer Svensson"
    role: str | None = None  # role as written, e.g. "kommunchef"


@dataclass
class Contact:
    """A person (or desk) named as the contact for an article."""

    name: str | None = None
    role: str | None = None
    organisation: str | None = None  # unit or organisation, where given
    email: str | None = None  # validated, lower-cased
    phone: str | None = None  # E.164, e.g. "+46501756000"
    phone_raw: str | None = None  # the number as written on the page


@dataclass(frozen=True)
class Capture:
    """Where a raw response was stored as WARC records (written by :mod:`scraper.crawl.capture`).

    Made by ``CaptureMiddleware`` into ``request.meta["capture"]``, carried on :attr:`Page.capture`
    and :attr:`Article.capture`, and stored by the archive as a ``captures`` row (the field names
    are its columns, except ``record_type``).
    """

    url: str  # the URL fetched
    fetched_at: str  # ISO 8601 UTC, also the WARC-Date
    status: int  # HTTP status as received
    payload_sha256: str  # hex digest of the payload as received (still gzip if the server sent gzip)
    warc_file: str  # file name inside the captures directory
    warc_offset: int  # byte offset of the record's gzip member
    warc_length: int  # bytes of the record on disk
    warc_record_id: str  # WARC-Record-ID, "<urn:uuid:...>"
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    record_type: str = "response"  # "response", or "revisit" when the payload equals the known one


@dataclass
class Page:
    """A fetched response the spider believes is a news article.

    Bytes are kept undecoded: the extractor decides the encoding from the HTTP
    header, the ``<meta charset>`` and the bytes themselves.
    """

    url: str  # the key the article is stored under (canonical, tracking parameters removed)
    fetched_url: str  # the URL that served it (after redirects): stored as ``articles.url``
    body: bytes
    fetched_at: str  # ISO 8601 UTC
    municipality_id: str
    country: str = "SE"  # ISO 3166-1 alpha-2, default region for phone numbers
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None  # charset declared in the Content-Type header, if any
    capture: Capture | None = None  # where the raw response is in the WARC files
    source: str = "site"  # where it was published: "site", or a press room ("mynewsdesk", "cision", "via_tt")


@dataclass
class Article:
    """An extracted news article, ready for the archive."""

    url: str  # the URL that served the page (after redirects): a link a reader can follow
    municipality_id: str
    title: str | None = None
    lead: str | None = None  # ingress / standfirst
    body: str | None = None  # main text, paragraphs separated by blank lines
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) or datetime
    updated: str | None = None
    language: str | None = None  # ISO 639-1, e.g. "sv", "en"
    author: str | None = None
    fetched_at: str | None = None
    extractor: str | None = None  # code and library versions that produced this row
    quotes: list[Quote] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    capture: Capture | None = None  # the raw capture this version was extracted from
    canonical_url: str | None = None  # the deduplication key (None: the same as ``url``)
    source: str = "site"  # where this version was published: "site", "mynewsdesk", "cision", "via_tt"
    # Values extraction dropped because the page does not contain them (extract/garbling.py): counted
    # as ``extract/garbled`` and logged by the crawl, never stored.
    garbled: list[str] = field(default_factory=list)
    # Why the document is no article although it was fetched as one (a PDF agenda, form or minutes:
    # extract/pdf.py): counted as ``extract/not_release`` and logged by the crawl, never stored.
    not_article: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PageSeen:
    """A known article fetched again and found unchanged: a 304, or the same bytes as archived.

    Nothing is extracted; the archive only moves ``last_seen`` (and clears ``removed``).
    """

    url: str  # storage key of the known article
    municipality_id: str
    fetched_at: str
    status: int = 304


@dataclass
class PageGone:
    """A known article that now answers 404/410, or redirects to a page that is not the article."""

    url: str  # storage key of the known article
    municipality_id: str
    found_at: str  # ISO 8601 UTC
    reason: str  # e.g. "HTTP 404", "redirected to https://..."


@dataclass
class PageState:
    """A fetched page that is not an article, as the spider found it: validators and what it yielded.

    The archive keeps one row per URL in ``pages``. The next crawl asks for the page conditionally
    (If-None-Match / If-Modified-Since) and, on a 304, follows ``links`` without downloading it.
    """

    url: str  # the URL fetched (after redirects), or the redirected URL for kind "redirect"
    municipality_id: str
    kind: str  # robots, home, sitemap, feed, listing, candidate, redirect
    fetched_at: str  # ISO 8601 UTC
    status: int  # HTTP status of the answer (304 = not modified: the stored row still holds)
    outcome: str | None = None  # read, listing, not_news, not_html, invalid, gone, error, redirect
    etag: str | None = None
    last_modified: str | None = None
    payload_sha256: str | None = None  # of the body as received
    links: list[dict[str, Any]] | None = None  # what the page yielded; None on a 304 (unchanged)
    content: str | None = None  # the text itself, kept only for robots.txt (its rules are needed on a 304)


class LinkKind(StrEnum):
    """What a link found on a source page leads to (``pages.links[].kind``)."""

    SITEMAP = "sitemap"
    FEED = "feed"
    LISTING = "listing"
    NAV_LISTING = "nav_listing"  # a navigation link into a news section: the fallback listing
    PAGE = "page"  # another page of the same listing (pagination)
    CANDIDATE = "candidate"
    REDIRECT = "redirect"
    PRESS_ROOM = "press_room"  # a newsroom of a press service (Mynewsdesk, Cision, via TT)
    PRESS_FEED = "press_feed"  # a press service's release feed
    PDF = "pdf"  # a PDF a listing links: a press release, or an agenda or form (judged when read)


# The optional keys a stored link may carry, in the order they are written to ``pages.links``.
LINK_EXTRAS = ("lastmod", "date", "listed", "number")


@dataclass(frozen=True)
class Link:
    """A link a source page (robots.txt, homepage, sitemap, feed, listing) yielded.

    ``extras`` names the optional fields this link carries, so the stored JSON keeps the exact
    shape each source writes (a sitemap entry has ``lastmod`` even when it is null).
    """

    kind: LinkKind
    url: str
    lastmod: str | None = None  # sitemap <lastmod>
    date: str | None = None  # feed date, or the date a listing shows beside the entry
    listed: bool | None = None  # a dated listing entry: vouches for its page being news
    number: int | None = None  # pagination: the page number the link asks for
    extras: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"kind": str(self.kind), "url": self.url}
        row.update((name, getattr(self, name)) for name in self.extras)
        return row

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Link:
        extras = tuple(name for name in LINK_EXTRAS if name in row)
        return cls(
            kind=LinkKind(row["kind"]),
            url=row["url"],
            lastmod=row.get("lastmod"),
            date=row.get("date"),
            listed=row.get("listed"),
            number=row.get("number"),
            extras=extras,
        )


@dataclass(frozen=True)
class KnownArticle:
    """An article the archive holds, as the next crawl needs it (``Archive.known_articles``)."""

    url: str
    municipality_id: str
    published: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    removed: str | None = None
    title: str | None = None
    etag: str | None = None  # validators of the current capture, for a conditional request
    last_modified: str | None = None
    payload_sha256: str | None = None
    fetched_url: str | None = None  # the URL that served it last (``articles.url``); ``url`` is the key
    also_at: bool = False  # another URL of an article (``article_urls``), stored by ``fetched_url``

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> KnownArticle:
        return cls(
            url=row["url"],
            municipality_id=row["municipality_id"],
            published=row.get("published"),
            first_seen=row.get("first_seen"),
            last_seen=row.get("last_seen"),
            removed=row.get("removed"),
            title=row.get("title"),
            etag=row.get("etag"),
            last_modified=row.get("last_modified"),
            payload_sha256=row.get("payload_sha256"),
            fetched_url=row.get("fetched_url"),
            also_at=bool(row.get("also_at")),
        )


@dataclass(frozen=True)
class PageRecord:
    """A page that is not an article, as the archive's ``pages`` table remembers it."""

    url: str
    municipality_id: str
    kind: str  # robots, home, sitemap, feed, listing, candidate, redirect
    outcome: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    payload_sha256: str | None = None
    last_status: int | None = None
    last_fetched: str | None = None
    links: tuple[Link, ...] = ()
    content: str | None = None  # robots.txt only

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PageRecord:
        return cls(
            url=row["url"],
            municipality_id=row["municipality_id"],
            kind=row["kind"],
            outcome=row.get("outcome"),
            etag=row.get("etag"),
            last_modified=row.get("last_modified"),
            payload_sha256=row.get("payload_sha256"),
            last_status=row.get("last_status"),
            last_fetched=row.get("last_fetched"),
            links=tuple(Link.from_dict(link) for link in row.get("links") or []),
            content=row.get("content"),
        )
