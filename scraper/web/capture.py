"""The capture and diff pages: open an article's archived copy, and read what an edit changed.

Routes (registered by :mod:`scraper.web.plugin`):

``/-/capture/<article_id>``, ``/-/capture/<article_id>/<version>``
    The page as captured (current version, or an earlier version kept in ``revisions``).
    ``?format=text`` shows it as text/plain, ``?format=warc`` downloads the WARC record itself (the
    evidence, verifiable with its SHA-256 digest). HTML is served with
    ``Content-Security-Policy: sandbox`` and no script, frame, connect or remote image source: the
    scraped page runs in an opaque origin, cannot run scripts on the archive's origin and cannot
    load anything live from the municipality's site (a replay must not mix in today's web).
``/-/diff/<revision_id>``
    The word-level difference between that revision and the version that replaced it; every piece
    of text is HTML-escaped (:func:`scraper.archive.revisions.diff_html`).

Cells named ``archived_copy`` or ``diff`` whose value is such a path are shown as links (the canned
queries ``edited_articles`` and ``removed_articles`` return them); nothing else is rendered as HTML.
"""

from __future__ import annotations

import html
import re
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from datasette.utils.asgi import Response
from markupsafe import Markup

from scraper.archive import revisions
from scraper.archive.warc import captures_dir, read_capture, read_record_bytes
from scraper.clock import parse_time
from scraper.web.archive_db import DATABASE_NAME

#: The archived page runs in an opaque origin with nothing live: no scripts, no frames, no fetches,
#: only inline styles and data: images/fonts.
CAPTURE_CSP = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline' data:; img-src data:; font-src data:; "
    "form-action 'none'; frame-ancestors 'self'"
)
#: Our own diff page: inline style only.
PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
_LINK_VALUE = re.compile(r"^/-/(capture/\d+(/\d+)?|diff/\d+)$")


def _database(datasette: Any) -> Any:
    try:
        return datasette.get_database(DATABASE_NAME)
    except KeyError:
        return datasette.get_database()


def _captures_dir(datasette: Any, db: Any) -> Path:
    config = datasette.plugin_config("muninews") or {}
    if config.get("captures_dir"):
        return Path(config["captures_dir"])
    return captures_dir(Path(db.path).resolve())  # resolve: `muninews serve` may pass a symlink


def _not_found(message: str) -> Response:
    return Response.text(message + "\n", status=404)


def _capture_headers(cap: Any) -> dict[str, str]:
    """What a served capture says about itself: the original URL, its digest, record id and capture time."""
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Link": f'<{cap["url"]}>; rel="original"',
        "X-Archive-Payload-SHA256": cap["payload_sha256"],
        "X-Archive-WARC-Record-ID": cap["warc_record_id"],
    }
    captured = parse_time(cap["fetched_at"])
    if captured is not None:
        headers["Memento-Datetime"] = format_datetime(captured, usegmt=True)
    return headers


async def capture_view(datasette: Any, request: Any) -> Response:
    article_id = int(request.url_vars["article_id"])
    version = request.url_vars.get("version")
    db = _database(datasette)
    article = (
        await db.execute("SELECT url, version, capture_id FROM articles WHERE id = ?", [article_id])
    ).first()
    if article is None:
        return _not_found(f"no article {article_id}")
    capture_id = article["capture_id"]
    if version is not None and int(version) != article["version"]:
        row = (
            await db.execute(
                "SELECT capture_id FROM revisions WHERE article_id = ? AND version = ?",
                [article_id, int(version)],
            )
        ).first()
        if row is None:
            return _not_found(f"article {article_id} has no version {version}")
        capture_id = row["capture_id"]
    if capture_id is None:
        return _not_found("this version was archived before captures were kept")
    cap = (await db.execute("SELECT * FROM captures WHERE id = ?", [capture_id])).first()
    if cap is None:
        return _not_found(f"capture {capture_id} is missing")
    directory = _captures_dir(datasette, db)
    fmt = request.args.get("format", "html")
    try:
        if fmt == "warc":
            data = read_record_bytes(directory, cap["warc_file"], cap["warc_offset"], cap["warc_length"])
            return Response(
                data,
                content_type="application/warc",
                headers={
                    "Content-Disposition": f'attachment; filename="muninews-capture-{capture_id}.warc.gz"',
                    "X-Content-Type-Options": "nosniff",
                },
            )
        record = read_capture(directory, cap["warc_file"], cap["warc_offset"])
    except (OSError, ValueError) as exc:
        return Response.text(f"capture {capture_id} cannot be read: {exc}\n", status=500)
    headers = _capture_headers(cap)
    ctype = record.header("Content-Type") or "application/octet-stream"
    if fmt == "text" or not ctype.lower().startswith(("text/html", "application/xhtml")):
        charset = re.search(r"charset=([\w.-]+)", ctype, re.IGNORECASE)
        ctype = "text/plain; charset=" + (charset.group(1) if charset else "utf-8")
    headers["Content-Security-Policy"] = CAPTURE_CSP
    body = record.body
    if ctype.lower().startswith(("text/html", "application/xhtml")):
        banner = capture_banner(
            datasette.urls.path("").rstrip("/"), article_id, cap, version or article["version"]
        )
        body = with_banner(body, banner)
    return Response(body, content_type=ctype, headers=headers)


_BANNER_STYLE = (
    "all:initial;display:block;box-sizing:border-box;margin:0;padding:8px 12px;background:#fff8dc;"
    "color:#222;border-bottom:2px solid #8a6d00;font:14px/1.4 system-ui,sans-serif;overflow-wrap:anywhere"
)
_BANNER_LINK = "color:#0a3d7a;text-decoration:underline"


def capture_banner(base: str, article_id: int, cap: Any, version: Any) -> str:
    """The banner over an archived copy: what it is, when it was captured, from where, and the way back."""
    e = html.escape
    captured = e(cap["fetched_at"] or "?")
    return (
        f'<div role="note" aria-label="muninews archive" lang="en" style="{_BANNER_STYLE}">'
        f"<strong>Archived copy</strong> (version {e(str(version))}) captured {captured} by muninews from "
        f'<a style="{_BANNER_LINK}" href="{e(cap["url"])}" rel="nofollow noopener">{e(cap["url"])}</a>. '
        f'<a style="{_BANNER_LINK}" href="{e(base)}/{DATABASE_NAME}/articles/{article_id}">The article in the '
        f'archive</a> · <a style="{_BANNER_LINK}" href="?format=warc">WARC record</a> '
        f"(SHA-256 {e(cap['payload_sha256'][:12])}…). Below, the page as it was: links lead to today's site.</div>"
    )


_BODY_TAG = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def with_banner(body: bytes, banner: str) -> bytes:
    """``body`` with ``banner`` right after its ``<body>`` tag (or first, when it has none).

    The banner is ASCII (other characters as character references), so it reads the same in
    whatever ASCII-compatible charset the page is in; the WARC record keeps the exact bytes.
    """
    data = banner.encode("ascii", "xmlcharrefreplace")
    if body[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: leave the page as it is
        return body
    found = _BODY_TAG.search(body, 0, 65536)
    at = found.end() if found else 0
    return body[:at] + data + body[at:]


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;
overflow-wrap:anywhere}
.text{white-space:pre-wrap;border:1px solid #ccc;padding:1rem;border-radius:4px}
del{background:#fdd;color:#900;text-decoration:line-through}
ins{background:#dfd;color:#060;text-decoration:none}
.meta{color:#555}.trivial{background:#ffe;padding:.5rem;border:1px solid #cc8}
"""


async def diff_view(datasette: Any, request: Any) -> Response:
    revision_id = int(request.url_vars["revision_id"])
    db = _database(datasette)
    rev = (await db.execute("SELECT * FROM revisions WHERE id = ?", [revision_id])).first()
    if rev is None:
        return _not_found(f"no revision {revision_id}")
    article = (await db.execute("SELECT * FROM articles WHERE id = ?", [rev["article_id"]])).first()
    newer = (
        await db.execute(
            "SELECT version, title, lead, body, captured_at FROM revisions WHERE article_id = ? AND version = ?",
            [rev["article_id"], rev["version"] + 1],
        )
    ).first()
    if newer is not None:
        new = dict(newer)
        new_since = newer["captured_at"]
    else:
        new = {f: article[f] for f in ("version", *revisions.TEXT_FIELDS)}
        new_since = rev["replaced_at"]
    e = html.escape
    base = datasette.urls.path("").rstrip("/")  # "/" (or "/prefix/"): paths below add their own "/"
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Edit of {e(article['title'] or '')}</title><style>{_STYLE}</style></head><body>",
        f"<nav aria-label='Breadcrumbs'><p><a href='{e(base)}/{DATABASE_NAME}/edited_articles'>Edited articles</a>"
        f" · <a href='{e(base)}/{DATABASE_NAME}/articles/{rev['article_id']}'>article {rev['article_id']}</a>"
        "</p></nav>",
        "<main>",
        f"<h1>{e(article['title'] or '')}</h1>",
        f"<p class='meta'>{e(article['url'])}<br>Version {rev['version']} (captured {e(rev['captured_at'] or '?')})"
        f" → version {new['version']} (found {e(new_since or '?')}). Changed: {e(rev['changed_fields'] or '')};"
        f" {words(rev['words_removed'])} removed, {words(rev['words_added'])} added.</p>",
        f"<p>Archived copies: <a href='{e(base)}/-/capture/{rev['article_id']}/{rev['version']}'>"
        f"version {rev['version']}</a> · <a href='{e(base)}/-/capture/{rev['article_id']}/{new['version']}'>"
        f"version {new['version']}</a></p>",
    ]
    if rev["trivial"]:
        parts.append(
            "<p class='trivial'>Trivial change: only whitespace, punctuation or a “last updated” line differ.</p>"
        )
    lang = f" lang='{e(article['language'])}'" if article["language"] else ""
    for f in revisions.TEXT_FIELDS:
        old_text, new_text = rev[f], new[f]
        label = {"title": "Title", "lead": "Lead", "body": "Body"}[f]
        status = "changed" if (old_text or "") != (new_text or "") else "unchanged"
        parts.append(f"<h2>{label} <small class='meta'>({status})</small></h2>")
        parts.append(f"<div class='text'{lang}>{revisions.diff_html(old_text, new_text)}</div>")
    parts.append("</main></body></html>")
    return Response.html("".join(parts), headers={"Content-Security-Policy": PAGE_CSP})


def words(count: int | None) -> str:
    """``1 word``, ``2 words``, ``0 words``: the page's only counted noun, so the plural is written
    out here once (the UI is English; the article text keeps its own language) rather than as
    ``word(s)`` or "1 words", which readers of the diff page and the edits feed saw before."""
    count = count or 0
    return f"{count:,} word" + ("" if count == 1 else "s")


def archive_link(column: str, value: Any, datasette: Any) -> Markup | None:
    """A link for an ``archived_copy`` or ``diff`` cell holding one of our paths; None for any other cell."""
    if column not in ("archived_copy", "diff") or not isinstance(value, str) or not _LINK_VALUE.match(value):
        return None
    href = datasette.urls.path(value)
    text = "open archived copy" if column == "archived_copy" else "show the edit"
    return Markup(f'<a href="{html.escape(href)}">{html.escape(text)}</a>')
