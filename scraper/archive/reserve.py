"""Room kept free on the archive's disk, so a crawl that fills it can still say so in ``crawls``.

When the disk fills mid-crawl, the first failed write stops the crawl (:mod:`scraper.crawl.stopping`)
and the crawl record is written last. On a full disk that last write would fail too, leaving no
trace of the crawl in the archive. So the crawl sets a small file of zeros aside beside the
archive when it starts (a "ballast" file) and deletes it just before writing the crawl record:
the space it frees is what the record needs. The file is removed at the end of every crawl.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

logger = logging.getLogger(__name__)


def reserve_path(db_path: str | Path) -> Path:
    """The reserve file of the archive at ``db_path`` (``archive.db`` → ``archive.db-reserve``)."""
    return Path(f"{db_path}-reserve")


def set_aside(db_path: str | Path, size: int) -> bool:
    """Write the reserve file of ``size`` bytes; ``False`` (and nothing left behind) when there is no room."""
    path = reserve_path(db_path)
    try:
        with open(path, "wb") as f:
            f.write(b"\0" * size)
            f.flush()
    except OSError as exc:
        logger.warning("archive: no room for the %d-byte reserve beside %s: %s", size, db_path, exc)
        release(db_path)
        return False
    return True


def release(db_path: str | Path) -> None:
    """Delete the reserve file, if there is one (its space is then free for the crawl record)."""
    with contextlib.suppress(FileNotFoundError):
        reserve_path(db_path).unlink()
