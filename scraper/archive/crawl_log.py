"""The crawl log: ``municipalities`` (the registry and each one's crawl status) and ``crawls``.

The health policy — when a municipality's crawl is ``'failing'`` — is :func:`crawl_status`, a pure
function; a working crawl of a site silent for longer than its own rhythm allows is ``'quiet'``
(:mod:`scraper.archive.rhythm`). ``crawl_health`` in Datasette lists the failing ones first, then
the quiet ones.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from scraper.archive.connection import ArchiveBase
from scraper.archive.rhythm import quiet_note

logger = logging.getLogger(__name__)

#: Crawl statuses written to ``crawls.status`` and ``municipalities.last_status``.
STATUS_OK = "ok"
STATUS_FAILING = "failing"
STATUS_QUIET = "quiet"  # the crawl works, but the site has published nothing for unusually long

#: ``articles_changed`` entries kept (pruned at each crawl record): a reader that last looked further
#: back reads its per-article values anew, which is what it would cost without the log.
CHANGES_KEPT = 50_000

#: Columns ``save_municipalities`` accepts; the crawl-status columns are owned by ``record_crawl``.
MUNICIPALITY_COLUMNS = (
    "name",
    "country",
    "homepage",
    "news_url",
    "feed_url",
    "platform",
    "latitude",
    "longitude",
    "code",
    "county_code",
    "county",
)


def crawl_status(*, articles_new: int, articles_updated: int, articles_unchanged: int) -> str:
    """The health policy: a crawl that stored no article is ``'failing'``, whatever the reason.

    Errors, nothing fetched, or pages fetched but none recognised as news all count: a municipality
    whose site moved, or whose crawl silently yields nothing, must show up at the top of
    ``crawl_health``. An article seen again unchanged counts as stored: the site still works.
    """
    stored = articles_new + articles_updated + articles_unchanged
    return STATUS_OK if stored > 0 else STATUS_FAILING


def _upsert_municipality_sql(cols: list[str]) -> str:
    """INSERT ... ON CONFLICT that writes only ``cols`` (and never the crawl-status columns)."""
    names = ", ".join(["id", *cols])
    marks = ", ".join("?" * (len(cols) + 1))
    # The registry's platform is a hint: once a crawl has seen the platform on the pages, that stays.
    sets = ", ".join(
        f"{c} = CASE WHEN municipalities.platform_seen IS NULL THEN excluded.{c} ELSE municipalities.{c} END"
        if c == "platform"
        else f"{c} = excluded.{c}"
        for c in cols
    )
    conflict = f"DO UPDATE SET {sets}" if cols else "DO NOTHING"
    return f"INSERT INTO municipalities ({names}) VALUES ({marks}) ON CONFLICT(id) {conflict}"


class CrawlLogMixin(ArchiveBase):
    """Writes of ``municipalities`` and ``crawls``."""

    def save_municipalities(self, municipalities: Iterable[dict[str, Any]]) -> None:
        """Upsert municipalities by ``id``, writing only the keys each dict has.

        Each record is upserted on its own keys (not ``upsert_all``, which writes NULL into keys
        missing from some records, sqlite-utils#873), and the crawl-status columns are never
        touched, so re-loading the registry keeps ``last_status`` and ``article_count``. Unknown keys
        (registry fields that are not columns) are ignored with one log line each.
        """
        ignored: set[str] = set()
        with self._transaction():
            for record in municipalities:
                mid = record.get("id")
                if not mid:
                    raise ValueError(f"municipality without id: {record!r}")
                cols = [c for c in MUNICIPALITY_COLUMNS if c in record]
                ignored.update(k for k in record if k != "id" and k not in MUNICIPALITY_COLUMNS)
                self.db.execute(_upsert_municipality_sql(cols), [mid, *(record[c] for c in cols)])
        for key in sorted(ignored):
            logger.info("archive: municipality key %r is not a column; ignored", key)

    def record_platform(self, municipality_id: str, platform: str, seen: str) -> str | None:
        """Store the platform a crawl saw on the site's pages (``platform``, ``platform_seen``).

        Returns the platform seen before when it differs (a site that changed platform is when
        spiders break), None otherwise; the registry's hint alone does not count as seen.
        """
        with self._transaction():
            self.db.execute("INSERT OR IGNORE INTO municipalities (id) VALUES (?)", [municipality_id])
            before = self.db.execute(
                "SELECT platform FROM municipalities WHERE id = ? AND platform_seen IS NOT NULL",
                [municipality_id],
            ).fetchone()
            self.db.execute(
                "UPDATE municipalities SET platform = ?, platform_seen = ? WHERE id = ?",
                [platform, seen, municipality_id],
            )
        previous = before[0] if before else None
        return previous if previous and previous != platform else None

    def count_articles(self, municipality_id: str) -> int:
        """Set ``article_count`` again without a crawl record: the articles of one of the
        municipality's sources arrived after its crawl was recorded (a press room's own job)."""
        with self._transaction():
            self.db.execute(
                "UPDATE municipalities SET article_count = "
                "(SELECT count(*) FROM articles WHERE municipality_id = :id) WHERE id = :id",
                {"id": municipality_id},
            )
            row = self.db.execute("SELECT article_count FROM municipalities WHERE id = ?", [municipality_id])
            found = row.fetchone()
        return int(found[0]) if found else 0

    def _quiet(self, municipality_id: str, finished: str, articles_new: int) -> str | None:
        """Why a working crawl leaves the municipality quiet (its own rhythm), or None."""
        published = self.db.execute(
            "SELECT published FROM articles WHERE municipality_id = ? AND removed IS NULL", [municipality_id]
        )
        return quiet_note((row[0] for row in published), finished, articles_new)

    def record_crawl(
        self,
        municipality_id: str,
        *,
        started: str,
        finished: str,
        pages_fetched: int,
        articles_found: int,
        articles_new: int,
        articles_updated: int,
        articles_unchanged: int,
        errors: int,
        note: str | None = None,
    ) -> str:
        """Log one municipality's crawl and update its status columns; returns the status.

        The status is :func:`crawl_status`'s, or ``'quiet'`` for a working crawl that found nothing
        new after a silence unusual for this municipality (the reason is added to the note).
        ``last_success`` keeps the time of the last working crawl, so "failing since" is visible.
        """
        status = crawl_status(
            articles_new=articles_new,
            articles_updated=articles_updated,
            articles_unchanged=articles_unchanged,
        )
        quiet = self._quiet(municipality_id, finished, articles_new) if status == STATUS_OK else None
        if quiet:
            status, note = STATUS_QUIET, "; ".join(n for n in (note, quiet) if n)
        with self._transaction():
            self.db.execute("INSERT OR IGNORE INTO municipalities (id) VALUES (?)", [municipality_id])
            self.db.execute(
                "INSERT INTO crawls (municipality_id, started, finished, status, pages_fetched, "
                "articles_found, articles_new, articles_updated, articles_unchanged, errors, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    municipality_id,
                    started,
                    finished,
                    status,
                    pages_fetched,
                    articles_found,
                    articles_new,
                    articles_updated,
                    articles_unchanged,
                    errors,
                    note,
                ],
            )
            self.db.execute(
                "UPDATE municipalities SET last_crawled = :finished, last_status = :status, "
                "last_success = CASE WHEN :status IN ('ok', 'quiet') THEN :finished ELSE last_success END, "
                "article_count = (SELECT count(*) FROM articles WHERE municipality_id = :id) "
                "WHERE id = :id",
                {"finished": finished, "status": status, "id": municipality_id},
            )
            self.db.execute(
                "DELETE FROM articles_changed WHERE seq <= (SELECT max(seq) FROM articles_changed) - ?",
                [CHANGES_KEPT],
            )
        return status
