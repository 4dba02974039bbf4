"""robots.txt fetched once per crawl, conditionally, and obeyed from the spider's own answer.

Scrapy's RobotsTxtMiddleware fetches robots.txt itself, and the spider fetched it a second time to
read the sitemaps it names. Here the middleware waits for the spider's own request instead
(conditional, so a re-crawl gets a 304 and the spider hands over the stored rules), and falls back
to Scrapy's own fetch for any other host or if the spider's answer never comes.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.robotstxt import RobotParser
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet import defer

from scraper.crawl.losses import error_words

logger = logging.getLogger(__name__)

DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


def robots_unavailable(failure: Any) -> str | None:
    """Why a failed robots.txt request means "unreachable" (a 5xx, a timeout, no connection), or None
    when it means "no robots.txt" (a 4xx)."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"robots.txt answered HTTP {status}" if status >= 500 else None
    if failure.check(IgnoreRequest):
        return None
    return f"robots.txt unreachable ({error_words(failure.type.__name__) if failure.type else 'error'})"


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware that reads the rules from the spider's robots.txt request (see the module).

    The spider announces, per host, a Deferred in ``spider.robots_waiting`` before it yields its
    robots.txt request (marked ``dont_obey_robotstxt``) and fires it with the body (``bytes``, the
    stored one after a 304) or ``None`` when there is no usable robots.txt (every URL allowed, as
    Scrapy does when the fetch fails).
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        waiting = getattr(self.crawler.spider, "robots_waiting", {}).get(netloc)
        if waiting is None or netloc in self._parsers:
            return await super().robot_parser(request)
        parsed: defer.Deferred[RobotParser | None] = defer.Deferred()
        self._parsers[netloc] = parsed
        # Retries and delays included, the spider's answer comes well within this; never hang on it.
        timeout = self.crawler.settings.getint("DOWNLOAD_TIMEOUT") * (
            self.crawler.settings.getint("RETRY_TIMES") + 2
        )
        from twisted.internet import reactor  # the one Scrapy installed; not at import time

        waiting.addTimeout(timeout, reactor)
        try:
            body = await maybe_deferred_to_future(waiting)
        except defer.TimeoutError:
            logger.warning("robots.txt of %s: no answer from the spider; fetching it again", netloc)
            del self._parsers[netloc]
            rp = await super().robot_parser(request)
        else:
            self._stats.inc_value("robotstxt/response_count")
            rp = None if body is None else build_from_crawler(self._parserimpl, self.crawler, body)
            self._parsers[netloc] = rp
        parsed.callback(rp)
        return rp
