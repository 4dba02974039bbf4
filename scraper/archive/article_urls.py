"""The other URLs of an article (``article_urls``): the same release found again in a press room.

When an article comes in under a URL the archive does not know, :meth:`ArticleUrlsMixin._merge_elsewhere`
looks for it first among the URLs already merged, then among the municipality's articles from another
source published around the same day (:func:`scraper.archive.sameness.same_release`). A match adds the
URL to that article instead of storing a second one: a reader finds it once, with "also published at".
"""

from __future__ import annotations

from typing import Any

from scraper.archive.sameness import Version, date_window, same_release
from scraper.cms.press_rooms import BY_KIND
from scraper.items import Article

#: Return value of ``save_article`` when the article was the same release as a stored one.
MERGED = "merged"


#: Where an article can come from: the municipality's site or one of the press services.
SOURCES = ("site", *BY_KIND)


class ArticleUrlsMixin:
    """Needs the archive's ``db`` (inside ``save_article``'s transaction)."""

    db: Any

    def _merge_elsewhere(
        self, article: Article, capture_id: int | None, seen: str
    ) -> tuple[int, bool] | None:
        """Record ``article`` as another URL of a stored article if it is one: (that article's id,
        whether ``article`` takes its place), or None. The municipality's own site wins: its copy of a
        release first stored from a press room becomes the article, the press room's URL moves here."""
        row = self.db.execute(
            "SELECT id, article_id FROM article_urls WHERE url IN (?, ?)",
            [article.url, article.canonical_url or article.url],
        ).fetchone()
        if row is not None:
            self.db.execute(
                "UPDATE article_urls SET last_seen = max(last_seen, ?), "
                "capture_id = coalesce(?, capture_id) WHERE id = ?",
                [seen, capture_id, row[0]],
            )
            return row[1], False
        found = self._same_release_stored(article)
        if found is None:
            return None
        article_id, stored_source = found
        if article.source == "site" and stored_source != "site":
            self.db.execute(
                "INSERT INTO article_urls (article_id, url, source, first_seen, last_seen, capture_id) "
                "SELECT id, url, source, first_seen, last_seen, capture_id FROM articles WHERE id = ?",
                [article_id],
            )
            return article_id, True
        self.db.execute(
            "INSERT INTO article_urls (article_id, url, source, first_seen, last_seen, capture_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [article_id, article.url, article.source, seen, seen, capture_id],
        )
        return article_id, False

    def _same_release_stored(self, article: Article) -> tuple[int, str] | None:
        """(id, source) of the municipality's article from another source that is this release, if any.

        Two indexed look-ups (the days around its date, and its headline), never a scan of the
        municipality's articles: every site article is checked against the press copies on save.
        """
        window = date_window(article.published)
        others = [s for s in SOURCES if s != article.source]
        marks = ",".join("?" * len(others))
        incoming = Version(article.title, article.published, article.body)
        columns = "SELECT id, source, title, published, body FROM articles WHERE municipality_id = ? "
        queries: list[tuple[str, list[Any]]] = []
        if window:  # dated: the articles of those days
            queries.append((f"{columns}AND source IN ({marks}) AND published >= ? AND published < ?",
                            [article.municipality_id, *others, *window]))  # fmt: skip
        # undated ones of the same headline (sameness.py then asks for almost the whole text)
        queries.append((f"{columns}AND title = ? AND source IN ({marks}) AND (published IS NULL OR ? IS NULL)",
                        [article.municipality_id, article.title, *others, article.published]))  # fmt: skip
        seen: set[int] = set()
        for sql, args in queries:
            for article_id, source, title, published, body in self.db.execute(f"{sql} ORDER BY id", args):
                if article_id not in seen and same_release(incoming, Version(title, published, body)):
                    return int(article_id), str(source)
                seen.add(article_id)
        return None

    def article_urls(self, article_id: int) -> list[tuple[str, str]]:
        """(url, source) of the other URLs of an article, in the order they were found."""
        return [
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT url, source FROM article_urls WHERE article_id = ? ORDER BY id", [article_id]
            )
        ]
