"""A generated test web, strict by default: fictional municipal sites built from a seed.

:func:`~scraper.demo.sitegen.options.choose` draws the independent choices a real site makes (CMS
markup family, URL shape and trailing-slash behaviour, link style, pager, canonical tags, sitemap and
feed, language and date format, short notices, widgets); :func:`~scraper.demo.sitegen.site.generate`
writes the pages and the ground truth (which URLs are news articles);
:class:`~scraper.demo.sitegen.serve.GeneratedWeb` serves each site on its own loopback port, as
strictly as a real server. Used by ``tests/sitegen`` and ``python -m scraper.tools.crawlbench``.
"""

from scraper.demo.sitegen.options import Options, choose, parse_seeds
from scraper.demo.sitegen.serve import GeneratedWeb, StrictServer
from scraper.demo.sitegen.site import GeneratedSite, generate

__all__ = ["GeneratedSite", "GeneratedWeb", "Options", "StrictServer", "choose", "generate", "parse_seeds"]
