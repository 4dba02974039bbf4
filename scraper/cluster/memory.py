"""A municipality's crawl memory, read from the archive and shipped inside its job.

Workers never open the SQLite archive (it has one writer, on the archive machine): ``muninews
enqueue`` runs beside the archive, reads what :func:`scraper.crawl.memory.load_memory` would read
(``Archive.known_articles`` and ``Archive.known_pages``, read-only), adds the two facts the worker's
result pipeline needs to predict the archive's answers (each known article's ``content_hash`` and the
platform seen last), and packs it as compressed JSON into the job. A retried job carries the memory
of its first attempt, so it crawls the same way again and the writer absorbs what arrives twice.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scraper.archive import Archive
from scraper.archive.connection import connect_read_only

_HASHES_SQL = "SELECT coalesce(canonical_url, url), content_hash FROM articles WHERE municipality_id = ?"
_PLATFORM_SQL = "SELECT platform FROM municipalities WHERE id = ? AND platform_seen IS NOT NULL"


@dataclass
class ShippedMemory:
    """What the archive knows of one municipality, as rows (JSON-able)."""

    known: dict[str, dict[str, Any]] = field(default_factory=dict)
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)  # key -> articles.content_hash
    platform: str | None = None  # municipalities.platform, if a crawl saw it

    def pack(self) -> bytes:
        data = {"known": self.known, "pages": self.pages, "hashes": self.hashes, "platform": self.platform}
        return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 6)

    @classmethod
    def unpack(cls, blob: bytes | None) -> ShippedMemory:
        if not blob:
            return cls()
        data = json.loads(zlib.decompress(blob))
        return cls(data["known"], data["pages"], data["hashes"], data["platform"])


def read_memory(db: str | Path, municipality_id: str) -> ShippedMemory:
    """The archive's memory of one municipality (an archive that does not exist knows nothing)."""
    path = Path(db)
    if not path.exists() or not _has_articles(path):
        return ShippedMemory()
    memory = ShippedMemory(
        Archive.known_articles(path, [municipality_id]), Archive.known_pages(path, [municipality_id])
    )
    conn = connect_read_only(path)
    try:
        memory.hashes = {k: h for k, h in conn.execute(_HASHES_SQL, [municipality_id]) if h}
        row = conn.execute(_PLATFORM_SQL, [municipality_id]).fetchone()
        memory.platform = row[0] if row else None
    except sqlite3.OperationalError:  # an archive from before these columns
        pass
    finally:
        conn.close()
    return memory


def _has_articles(path: Path) -> bool:
    """False for a file the writer is creating right now (its first start): it knows nothing yet."""
    conn = connect_read_only(path)
    try:
        found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'")
        return found.fetchone() is not None
    finally:
        conn.close()
