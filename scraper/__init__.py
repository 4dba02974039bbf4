"""muninews: a scraper and archive of municipal news.

Data flows one way: spider (``scraper.crawl.spiders.news``) → page → ``scraper.extract.extract_article``
→ ``Article`` → ``scraper.archive`` (SQLite with full-text search) → Datasette.
"""

__version__ = "0.1.0"
