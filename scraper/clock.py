"""The one clock: every timestamp muninews writes is UTC ISO 8601 with a ``Z``, to the second.

Extraction never reads the clock (it takes ``fetched_at``); the crawl, the archive and the tools
take their "now" from here so a test can pin it in one place.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    """Now, as ``2026-12-01T21:55:43Z``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 date or datetime (``Z`` allowed) as an aware UTC datetime; None if unreadable."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
