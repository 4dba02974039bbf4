"""Helpers every site renderer uses: escaping, sitemaps, feeds, ground truth."""

from __future__ import annotations

import gzip
import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scraper.demo.content import Article, Contact, H, Raw, SiteContent, e164

ORIGIN = "{{origin}}"
SV_MONTHS = [
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
]
EN_MONTHS = [
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
]
RFC822_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
RFC822_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass
class SiteOutput:
    """What a renderer produces: files (relative path → bytes), the server config, ground truth."""

    files: dict[str, bytes] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    article_paths: dict[str, str] = field(default_factory=dict)  # slug → path as served
    non_news: list[str] = field(default_factory=list)
    broken: list[dict[str, Any]] = field(default_factory=list)  # linked but not 200

    def text(self, rel: str, content: str, encoding: str = "utf-8") -> None:
        self.files[rel] = content.encode(encoding)

    def gz(self, rel: str, content: str) -> None:
        self.files[rel] = gzip.compress(content.encode("utf-8"), mtime=0)


def esc(text: str | None) -> str:
    """``text`` escaped for an element or a quoted attribute; None (a field the content left out) is ""."""
    return html.escape(text or "", quote=True)


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def sv_date(day: str) -> str:
    d = date.fromisoformat(day)
    return f"{d.day} {SV_MONTHS[d.month - 1]} {d.year}"


def en_date(day: str) -> str:
    d = date.fromisoformat(day)
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def rfc822(day: str, time: str = "09:00", tz: str = "+0100") -> str:
    d = date.fromisoformat(day)
    return f"{RFC822_DAYS[d.weekday()]}, {d.day:02d} {RFC822_MONTHS[d.month - 1]} {d.year} {time}:00 {tz}"


def sweden_offset(day: str) -> str:
    """+02:00 in summer time (roughly April–October), +01:00 otherwise; good enough for a demo."""
    return "+02:00" if 4 <= date.fromisoformat(day).month <= 10 else "+01:00"


def body_html(blocks: list[Any], p: str = "<p>", h: str = "<h2>") -> str:
    """Render body blocks with the given opening tags for paragraphs and headings."""
    p_close = "</" + p[1:].split()[0].rstrip(">") + ">"
    h_close = "</" + h[1:].split()[0].rstrip(">") + ">"
    out = []
    for block in blocks:
        if isinstance(block, H):
            out.append(f"{h}{esc(block.text)}{h_close}")
        elif isinstance(block, Raw):
            out.append(block.html)
        else:
            out.append(f"{p}{block}{p_close}")
    return "\n".join(out)


def plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def paragraphs(article: Article) -> list[str]:
    return [plain(b) for b in article.body if isinstance(b, str)]


def check_quotes(article: Article) -> None:
    text = " ".join(paragraphs(article))
    for quote in article.quotes:
        for part in quote.text.split("\n"):
            if part not in text:
                raise ValueError(f"{article.slug}: quote not in body: {part!r}")


SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÉ0-9])")


def must_contain(article: Article) -> list[str]:
    """Two distinctive body sentences: from the first and the last plain (non-quote) paragraph."""
    plain_paras = [p for p in paragraphs(article) if p and p[0] not in '–−—”"“' and len(p) > 40]
    if not plain_paras:
        raise ValueError(f"{article.slug}: no plain paragraph")
    first = SENTENCE.split(plain_paras[0])[0]
    last = SENTENCE.split(plain_paras[-1])[0]
    if last == first:
        sentences = SENTENCE.split(plain_paras[0])
        last = sentences[1] if len(sentences) > 1 else first
    return [first, last] if last != first else [first]


def quote_paragraphs(text: str, body: list[str]) -> list[str]:
    """A quote's parts grouped by the paragraph they stand in, one entry per paragraph.

    The labelling convention of tests/gold: a quote that runs over two paragraphs is two
    quotes by the same speaker; parts of one paragraph (an attribution in the middle) are
    one quote with the attribution cut out.
    """
    groups: list[tuple[int, list[str]]] = []
    for part in text.split("\n"):
        where = next((i for i, para in enumerate(body) if part in para), -1)
        if groups and groups[-1][0] == where:
            groups[-1][1].append(part)
        else:
            groups.append((where, [part]))
    return [" ".join(parts) for _, parts in groups]


def contact_truth(contact: Contact, country: str) -> dict[str, Any]:
    return {
        "name": contact.name,
        "role": contact.role,
        "email": contact.email.lower() if contact.email else None,
        "phone": e164(contact.phone, country) if contact.phone else None,
    }


def article_truth(article: Article, path: str, site: SiteContent) -> dict[str, Any]:
    check_quotes(article)
    return {
        "path": path,
        "title": article.title,
        "lead": plain(article.lead),
        "published": article.published,
        "updated": article.updated,
        "author": article.author,
        "quotes": [
            {"text": text, "speaker": q.speaker, "role": q.role}
            for q in article.quotes
            for text in quote_paragraphs(q.text, paragraphs(article))
        ],
        "contacts": [contact_truth(c, site.country) for c in article.contacts],
        "must_contain": must_contain(article),
        "must_not_contain": list(site.must_not_contain),
    }


def sitemap(entries: Sequence[tuple[str, str | None]]) -> str:
    rows = []
    for path, lastmod in entries:
        mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        rows.append(f"  <url><loc>{ORIGIN}{esc(path)}</loc>{mod}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(rows) + "\n</urlset>\n"
    )


def sitemap_index(entries: Sequence[tuple[str, str | None]]) -> str:
    rows = []
    for path, lastmod in entries:
        mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        rows.append(f"  <sitemap><loc>{ORIGIN}{esc(path)}</loc>{mod}</sitemap>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(rows)
        + "\n</sitemapindex>\n"
    )


def rss(
    title: str, link: str, description: str, language: str, items: list[dict[str, str]], self_path: str
) -> str:
    """RSS 2.0; items: title, path, description, date (RFC 822), optional creator/category/content."""
    rows = []
    for it in items:
        extra = ""
        if it.get("creator"):
            extra += f"\n    <dc:creator><![CDATA[{it['creator']}]]></dc:creator>"
        for cat in it.get("categories", []):
            extra += f"\n    <category><![CDATA[{cat}]]></category>"
        if it.get("content"):
            extra += f"\n    <content:encoded><![CDATA[{it['content']}]]></content:encoded>"
        guid = esc(it.get("guid", ORIGIN + it["path"]))
        rows.append(
            f"  <item>\n    <title>{esc(it['title'])}</title>\n    <link>{ORIGIN}{esc(it['path'])}</link>\n"
            f"    <pubDate>{it['date']}</pubDate>\n"
            f'    <guid isPermaLink="{it.get("guid_is_link", "true")}">{guid}</guid>'
            f"\n    <description>{esc(it['description'])}</description>{extra}\n  </item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        "<channel>\n"
        f"  <title>{esc(title)}</title>\n  <link>{ORIGIN}{esc(link)}</link>\n"
        f'  <atom:link href="{ORIGIN}{esc(self_path)}" rel="self" type="application/rss+xml"/>\n'
        f"  <description>{esc(description)}</description>\n  <language>{language}</language>\n"
        + "\n".join(rows)
        + "\n</channel>\n</rss>\n"
    )


def atom(
    title: str, self_path: str, alt_path: str, feed_id: str, updated: str, entries: list[dict[str, str]]
) -> str:
    """Atom 1.0; entries: title, path, id, published, updated (RFC 3339), summary, optional author."""
    rows = []
    for e in entries:
        author = f"\n    <author><name>{esc(e['author'])}</name></author>" if e.get("author") else ""
        rows.append(
            f'  <entry>\n    <title>{esc(e["title"])}</title>\n    <link href="{ORIGIN}{esc(e["path"])}"/>\n'
            f"    <id>{esc(e['id'])}</id>\n    <published>{e['published']}</published>\n"
            f"    <updated>{e['updated']}</updated>{author}\n    <summary>{esc(e['summary'])}</summary>\n  </entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f'  <title>{esc(title)}</title>\n  <link rel="self" href="{ORIGIN}{esc(self_path)}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{ORIGIN}{esc(alt_path)}"/>\n'
        f"  <id>{esc(feed_id)}</id>\n  <updated>{updated}</updated>\n" + "\n".join(rows) + "\n</feed>\n"
    )
