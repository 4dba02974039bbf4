"""The crawl's configuration, read once from Scrapy settings into frozen dataclasses.

Defaults are declared once, in :mod:`scraper.settings` (with the reason for each value). A setting
missing from the Scrapy settings object (a crawler built by a test with ``get_crawler()``, or the
``scrapy`` command outside the project) falls back to that module, never to a second literal here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from scraper import settings as defaults

#: Values of ``muninews crawl --revisit`` / ``MUNINEWS_REVISIT``.
REVISIT_MODES = ("due", "all", "none")


def _raw(settings: Any, name: str) -> Any:
    value = settings.get(name) if settings is not None else None
    return getattr(defaults, name) if value is None else value


def _float(settings: Any, name: str) -> float:
    return float(_raw(settings, name))


def _int(settings: Any, name: str) -> int:
    return int(_raw(settings, name) or 0)


def _bool(settings: Any, name: str) -> bool:
    value = _raw(settings, name)
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _pairs(settings: Any, name: str) -> tuple[tuple[str, str], ...]:
    """A mapping setting as sorted (key, value) pairs; ``-s NAME=a=x,b=y`` gives it as a string."""
    value = _raw(settings, name) or {}
    if isinstance(value, str):
        value = dict(part.strip().rsplit("=", 1) for part in value.split(",") if "=" in part)
    return tuple(sorted((str(k).lower(), str(v)) for k, v in dict(value).items()))


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says, else all)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def extract_workers(value: Any, cores: int | None = None) -> int:
    """``MUNINEWS_EXTRACT_WORKERS``: a number, or ``auto`` (cores - 1: 0 on one core)."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        return max(0, (cores or usable_cores()) - 1)
    workers = int(value or 0)
    if workers < 0:
        raise ValueError("MUNINEWS_EXTRACT_WORKERS must be auto or a number >= 0")
    return workers


def _str(settings: Any, name: str) -> str:
    return str(_raw(settings, name) or "")


@dataclass(frozen=True)
class RevisitConfig:
    """When known pages are asked again (see :mod:`scraper.crawl.revisit`)."""

    mode: str = "due"  # due | all | none
    age_factor: float = defaults.MUNINEWS_REVISIT_AGE_FACTOR
    min_days: float = defaults.MUNINEWS_REVISIT_MIN_DAYS
    max_days: float = defaults.MUNINEWS_REVISIT_MAX_DAYS
    conditional: bool = defaults.MUNINEWS_CONDITIONAL_REQUESTS
    recheck_days: float = defaults.MUNINEWS_PAGE_RECHECK_DAYS
    robots_max_age_hours: float = defaults.MUNINEWS_ROBOTS_MAX_AGE_HOURS
    stop_at_known: bool = defaults.MUNINEWS_STOP_AT_KNOWN

    @classmethod
    def from_settings(cls, settings: Any) -> RevisitConfig:
        mode = _str(settings, "MUNINEWS_REVISIT").lower() or "due"
        if mode not in REVISIT_MODES:
            raise ValueError(f"MUNINEWS_REVISIT must be one of {', '.join(REVISIT_MODES)}")
        return cls(
            mode=mode,
            age_factor=_float(settings, "MUNINEWS_REVISIT_AGE_FACTOR"),
            min_days=_float(settings, "MUNINEWS_REVISIT_MIN_DAYS"),
            max_days=_float(settings, "MUNINEWS_REVISIT_MAX_DAYS"),
            conditional=_bool(settings, "MUNINEWS_CONDITIONAL_REQUESTS"),
            recheck_days=_float(settings, "MUNINEWS_PAGE_RECHECK_DAYS"),
            robots_max_age_hours=_float(settings, "MUNINEWS_ROBOTS_MAX_AGE_HOURS"),
            stop_at_known=_bool(settings, "MUNINEWS_STOP_AT_KNOWN"),
        )


@dataclass(frozen=True)
class CrawlConfig:
    """Everything the spider and the pipelines read from settings, read once."""

    db_path: str = defaults.MUNINEWS_DB
    since: str = ""  # YYYY-MM-DD or empty
    max_pages: int = 0  # per municipality, 0 = no limit
    max_listing_pages: int = defaults.MUNINEWS_MAX_LISTING_PAGES
    registry: str | None = None  # an alternative registry file
    extract_workers: int = 0  # resolved: "auto" is a number here
    extract_max_pending: int = defaults.MUNINEWS_EXTRACT_MAX_PENDING
    fast_loopback: bool = True
    progress_interval: float = defaults.MUNINEWS_PROGRESS_INTERVAL
    download_maxsize: int = defaults.DOWNLOAD_MAXSIZE
    max_urls_per_template: int = defaults.MUNINEWS_MAX_URLS_PER_TEMPLATE
    retry_after_max: float = defaults.MUNINEWS_RETRY_AFTER_MAX
    retry_after_times: int = defaults.MUNINEWS_RETRY_AFTER_TIMES
    busy_timeout: float = defaults.MUNINEWS_BUSY_TIMEOUT
    disk_reserve: int = defaults.MUNINEWS_DISK_RESERVE
    stop_grace: float = defaults.MUNINEWS_STOP_GRACE
    revisit: RevisitConfig = RevisitConfig()
    press_room_hosts: tuple[tuple[str, str], ...] = ()  # (host[:port], kind) besides the services' own

    @classmethod
    def from_settings(
        cls, settings: Any, *, since: str | None = None, max_pages: str | None = None
    ) -> CrawlConfig:
        """``since`` and ``max_pages``: the spider's ``-a`` arguments, which win over settings."""
        return cls(
            db_path=_str(settings, "MUNINEWS_DB"),
            since=since or _str(settings, "MUNINEWS_SINCE"),
            max_pages=int(max_pages or _int(settings, "MUNINEWS_MAX_PAGES")),
            max_listing_pages=_int(settings, "MUNINEWS_MAX_LISTING_PAGES"),
            registry=_str(settings, "MUNINEWS_REGISTRY") or None,
            extract_workers=extract_workers(_raw(settings, "MUNINEWS_EXTRACT_WORKERS")),
            extract_max_pending=max(1, _int(settings, "MUNINEWS_EXTRACT_MAX_PENDING")),
            fast_loopback=_bool(settings, "MUNINEWS_FAST_LOOPBACK"),
            progress_interval=_float(settings, "MUNINEWS_PROGRESS_INTERVAL"),
            download_maxsize=_int(settings, "DOWNLOAD_MAXSIZE"),
            max_urls_per_template=_int(settings, "MUNINEWS_MAX_URLS_PER_TEMPLATE"),
            retry_after_max=_float(settings, "MUNINEWS_RETRY_AFTER_MAX"),
            retry_after_times=_int(settings, "MUNINEWS_RETRY_AFTER_TIMES"),
            busy_timeout=_float(settings, "MUNINEWS_BUSY_TIMEOUT"),
            disk_reserve=_int(settings, "MUNINEWS_DISK_RESERVE"),
            stop_grace=_float(settings, "MUNINEWS_STOP_GRACE"),
            revisit=RevisitConfig.from_settings(settings),
            press_room_hosts=_pairs(settings, "MUNINEWS_PRESS_ROOM_HOSTS"),
        )


@dataclass(frozen=True)
class CaptureConfig:
    """What :class:`~scraper.crawl.capture.CaptureMiddleware` keeps, and where."""

    enabled: bool = defaults.MUNINEWS_CAPTURE
    db_path: str = defaults.MUNINEWS_DB
    directory: str = defaults.MUNINEWS_CAPTURES_DIR  # empty: ``<archive stem>.captures`` beside it
    kinds: frozenset[str] = frozenset(defaults.MUNINEWS_CAPTURE_KINDS)
    max_bytes: int = defaults.MUNINEWS_CAPTURE_MAX_BYTES

    @classmethod
    def from_settings(cls, settings: Any) -> CaptureConfig:
        kinds = _raw(settings, "MUNINEWS_CAPTURE_KINDS")
        if isinstance(kinds, str):  # -s MUNINEWS_CAPTURE_KINDS=candidate,listing
            kinds = [k.strip() for k in kinds.split(",") if k.strip()]
        return cls(
            enabled=_bool(settings, "MUNINEWS_CAPTURE"),
            db_path=_str(settings, "MUNINEWS_DB"),
            directory=_str(settings, "MUNINEWS_CAPTURES_DIR"),
            kinds=frozenset(kinds),
            max_bytes=_int(settings, "MUNINEWS_CAPTURE_MAX_BYTES"),
        )
