"""Results on their way from a worker to the writer: one Redis Stream entry per archive call.

An entry is ``{"job": <job id>, "op": <Archive method>, "data": <JSON>}``: the call the single-process
:class:`~scraper.pipelines.ArchivePipeline` would have made on the archive, with plain-data
arguments. :func:`decode` turns an entry back into the call's arguments for the writer.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from redis import Redis

from scraper import cluster
from scraper.items import Article, Capture, Contact, PageState, Quote

#: The archive calls a result can carry (what ArchivePipeline calls, a failed job's record, and the
#: article count a press-room job leaves instead of a crawl record).
OPS = (
    "save_municipalities",
    "save_article",
    "touch_article",
    "mark_removed",
    "save_page",
    "record_platform",
    "record_crawl",
    "count_articles",
)


def article_from_dict(data: dict[str, Any]) -> Article:
    """The inverse of :meth:`Article.to_dict` (quotes, contacts and the capture as dataclasses)."""
    data = dict(data)
    data["quotes"] = [Quote(**q) for q in data.get("quotes") or []]
    data["contacts"] = [Contact(**c) for c in data.get("contacts") or []]
    data["capture"] = Capture(**data["capture"]) if data.get("capture") else None
    return Article(**data)


def encode(job: str, op: str, data: Any) -> dict[str, str]:
    if op not in OPS:
        raise ValueError(f"not an archive call: {op}")
    if isinstance(data, Article):
        data = data.to_dict()
    elif isinstance(data, PageState):
        data = asdict(data)
    return {"job": job, "op": op, "data": json.dumps(data, ensure_ascii=False, separators=(",", ":"))}


def decode(fields: dict[bytes, bytes]) -> tuple[str, str, Any]:
    """``(job, op, argument)`` of a stream entry; ValueError if it is not one of ours."""
    try:
        job, op = fields[b"job"].decode(), fields[b"op"].decode()
        data = json.loads(fields[b"data"])
    except (KeyError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a result entry: {exc}") from exc
    if op not in OPS:
        raise ValueError(f"not an archive call: {op}")
    if op == "save_article":
        return job, op, article_from_dict(data)
    if op == "save_page":
        return job, op, PageState(**data)
    return job, op, data


class ResultSender:
    """Sends a job's results to the stream (XADD; Redis keeps them until the writer acknowledges)."""

    def __init__(self, url: str, job: str, stream: str = cluster.STREAM) -> None:
        self.redis = Redis.from_url(url)
        self.job = job
        self.stream = stream

    def send(self, op: str, data: Any) -> None:
        self.redis.xadd(self.stream, encode(self.job, op, data))  # type: ignore[arg-type]

    def close(self) -> None:
        self.redis.close()
