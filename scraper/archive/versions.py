"""The SQL side of revisions: keeping the replaced version of an article, and re-reading old ones.

What counts as a revision, and how a change is measured, is pure and lives in
:mod:`scraper.archive.revisions`; this module stores the outcome in ``revisions`` and keeps
``articles.version`` and ``articles.revision_count`` in step.
"""

from __future__ import annotations

from typing import Any

from scraper.archive import revisions
from scraper.archive.connection import ArchiveBase

_REVISION_FIELDS = ("title", "lead", "body", "published", "updated")


class VersionsMixin(ArchiveBase):
    """Revisions of articles: written inside ``save_article``, rewritten by ``muninews reextract``."""

    def _same_payload(self, capture_a: int | None, capture_b: int) -> bool:
        """True when both captures hold byte-identical payloads (no change at the source)."""
        if capture_a is None:
            return False
        digests = {
            r[0]
            for r in self.db.execute(
                "SELECT payload_sha256 FROM captures WHERE id IN (?, ?)", [capture_a, capture_b]
            )
        }
        return len(digests) == 1

    def _new_version(
        self, existing: dict[str, Any], values: dict[str, Any], capture_id: int | None, seen: str
    ) -> dict[str, Any]:
        """Keep the stored version in ``revisions`` when a new capture reads differently.

        See the revision rule in :func:`scraper.archive.revisions.is_new_revision`. Returns the
        article columns to set (``version``, ``revision_count``), empty when nothing is kept.
        """
        old = {f: existing[f] for f in revisions.TEXT_FIELDS}
        if (
            capture_id is None
            or capture_id == existing["capture_id"]
            or not revisions.changed_fields(old, values)
        ):
            return {}  # the cheap half of the rule first: no look-up of the captures' digests
        same = self._same_payload(existing["capture_id"], capture_id)
        if not revisions.is_new_revision(old, values, new_capture=True, same_payload=same):
            return {}
        change = revisions.measure_change(old, values)
        captured = None
        if existing["capture_id"] is not None:
            captured = self.db.execute(
                "SELECT fetched_at FROM captures WHERE id = ?", [existing["capture_id"]]
            ).fetchone()[0]
        self.db.execute(
            "INSERT INTO revisions (article_id, version, title, lead, body, published, updated, captured_at, "
            "replaced_at, capture_id, trivial, changed_fields, words_removed, words_added) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                existing["id"],
                existing["version"],
                *(existing[f] for f in _REVISION_FIELDS),
                captured or existing["fetched_at"],
                seen,
                existing["capture_id"],
                int(change.trivial),
                ", ".join(change.fields),
                change.words_removed,
                change.words_added,
            ],
        )
        return {
            "version": existing["version"] + 1,
            "revision_count": existing["revision_count"] + (0 if change.trivial else 1),
        }

    def update_revision_text(self, revision_id: int, values: dict[str, Any]) -> bool:
        """Re-extracted text for a stored revision (``muninews reextract``); True if it changed.

        The trivial flag and word counts are recomputed against the version that replaced it, and the
        article's ``revision_count`` follows.
        """
        with self._transaction():
            row = self.db.execute(
                "SELECT article_id, version, title, lead, body, published, updated FROM revisions WHERE id = ?",
                [revision_id],
            ).fetchone()
            if row is None:
                return False
            article_id, version = row[0], row[1]
            old = dict(zip(_REVISION_FIELDS, row[2:], strict=True))
            new = {k: values.get(k) for k in old}
            if new == old:
                return False
            nxt = self.db.execute(
                "SELECT title, lead, body FROM revisions WHERE article_id = ? AND version = ? UNION ALL "
                "SELECT title, lead, body FROM articles WHERE id = ? AND version = ?",
                [article_id, version + 1, article_id, version + 1],
            ).fetchone()
            following = dict(zip(revisions.TEXT_FIELDS, nxt or (None, None, None), strict=True))
            change = revisions.measure_change(new, following)
            self.db.execute(
                "UPDATE revisions SET title = ?, lead = ?, body = ?, published = ?, updated = ?, trivial = ?, "
                "changed_fields = ?, words_removed = ?, words_added = ? WHERE id = ?",
                [
                    *(new[f] for f in _REVISION_FIELDS),
                    int(change.trivial),
                    ", ".join(change.fields),
                    change.words_removed,
                    change.words_added,
                    revision_id,
                ],
            )
            self.db.execute(
                "UPDATE articles SET revision_count = "
                "(SELECT count(*) FROM revisions WHERE article_id = :a AND trivial = 0) WHERE id = :a",
                {"a": article_id},
            )
            return True
