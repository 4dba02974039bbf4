"""The article page: ``/archive/articles/<id>`` is Datasette's own row page, rendered by
``row-archive-articles.html`` with what :func:`article_page` reads (quotes marked in the text,
contacts, the archived capture, the edit history and the other URLs the same release was published at).

Everything scraped is text: it is escaped here (``markupsafe.escape``) before any markup of ours is
added around it, and the templates never use ``|safe`` on a raw column.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from markupsafe import Markup, escape

from scraper.web.archive_db import dicts, table_columns
from scraper.web.feeds import feed_url


def mark_quotes(text: str | None, quotes: list[dict[str, Any]]) -> Markup:
    """``text`` as escaped paragraphs, each quote's words wrapped in ``<mark class="quote">``.

    A quote is found in the text by its words, whatever the spacing or line breaks between them;
    a quote the extractor rewrote (pronoun resolved, say) and cannot be found is simply not marked.
    """
    if not text:
        return Markup("")
    spans: list[tuple[int, int, int]] = []  # start, end, quote number
    for number, quote in enumerate(quotes, start=1):
        words = (quote.get("text") or "").split()
        if not words:
            continue
        pattern = r"\s+".join(re.escape(w) for w in words)
        for match in re.finditer(pattern, text):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), number))
                break
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end, number in spans:
        out.append(str(escape(text[pos:start])))
        quote = quotes[number - 1]
        who = ", ".join(v for v in (quote.get("speaker"), quote.get("role")) if v)
        out.append(
            f'<mark class="quote" id="q{number}" title="{escape(who)}">{escape(text[start:end])}'
            f'<a class="quote-ref" href="#quote-{number}">[{number}]</a></mark>'
        )
        pos = end
    out.append(str(escape(text[pos:])))
    marked = "".join(out)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", marked) if p.strip()]
    return Markup("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs))


def article_page(conn: sqlite3.Connection, article_id: int) -> dict[str, Any] | None:
    """Everything the article page shows, or None if there is no such article."""
    rows = dicts(
        conn.execute(
            "SELECT a.*, m.name AS municipality_name, m.homepage AS municipality_homepage "
            "FROM articles a LEFT JOIN municipalities m ON m.id = a.municipality_id WHERE a.id = ?",
            [article_id],
        )
    )
    if not rows:
        return None
    article = rows[0]
    quotes = dicts(
        conn.execute(
            "SELECT q.*, p.name AS person_name FROM quotes q LEFT JOIN people p ON p.id = q.person_id "
            "WHERE q.article_id = ? ORDER BY q.position, q.id",
            [article_id],
        )
    )
    contacts = dicts(
        conn.execute("SELECT * FROM contacts WHERE article_id = ? ORDER BY position, id", [article_id])
    )
    page: dict[str, Any] = {
        "article": article,
        "quotes": quotes,
        "contacts": contacts,
        "lead_html": mark_quotes(article.get("lead"), quotes),
        "body_html": mark_quotes(article.get("body"), quotes),
        "capture": None,
        "revisions": [],
    }
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if article.get("capture_id") and "captures" in tables:
        found = dicts(conn.execute("SELECT * FROM captures WHERE id = ?", [article["capture_id"]]))
        page["capture"] = found[0] if found else None
    if "revisions" in tables:
        page["revisions"] = revision_history(conn, article)
    page["latest_edit"] = latest_edit(page["revisions"])
    page["feeds"] = {kind: feed_url(kind, article["municipality_id"]) for kind in ("edited", "removed")}
    # The same release found in a press room (or on the site, if the press room's came first).
    page["also_at"] = (
        dicts(
            conn.execute(
                "SELECT url, source FROM article_urls WHERE article_id = ? ORDER BY id", [article_id]
            )
        )
        if "article_urls" in tables
        else []
    )
    return page


def latest_edit(history: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The newest edit worth a banner (a trivial one only when there is no other), or None."""
    real = [h for h in history if not h["revision"].get("trivial")]
    chosen = (real or history)[:1]
    if not chosen:
        return None
    revision = chosen[0]["revision"]
    return {"id": revision["id"], "found": revision.get("replaced_at"), "version": revision.get("version"),
            "replaced_by": chosen[0]["replaced_by"], "trivial": bool(revision.get("trivial")),
            "count": len(history), "changed": revision.get("changed_fields")}  # fmt: skip


def revision_history(conn: sqlite3.Connection, article: dict[str, Any]) -> list[dict[str, Any]]:
    """Earlier versions, newest first, each with a word diff against the version that replaced it."""
    try:
        from scraper.archive.revisions import diff_html
    except ImportError:  # pragma: no cover - the revisions module arrived with the revisions table
        return []
    columns = table_columns(conn, "revisions")
    order = "version" if "version" in columns else "id"
    revisions = dicts(
        conn.execute(f"SELECT * FROM revisions WHERE article_id = ? ORDER BY {order}", [article["id"]])
    )
    if not revisions:
        return []
    following: list[dict[str, Any]] = [*revisions[1:], article]
    history = []
    for old, new in zip(revisions, following, strict=True):
        diffs = []
        for field in ("title", "lead", "body"):
            if (old.get(field) or "") != (new.get(field) or ""):
                diffs.append({"field": field, "html": Markup(diff_html(old.get(field), new.get(field)))})
        history.append({"revision": old, "replaced_by": new.get("version"), "diffs": diffs})
    return list(reversed(history))
