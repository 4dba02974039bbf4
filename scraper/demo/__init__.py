"""The bundled demo web: fictional municipal websites served on loopback.

``content/`` holds the articles and pages as data, ``render/`` turns them into each
site's markup (SiteVision, WordPress, a GOV.UK-like council CMS), :mod:`scraper.demo.build`
writes the static files under ``sites/<id>/`` (committed, byte-exact) together with
``expected.json``, the ground truth the end-to-end tests check the archive against, and
:mod:`scraper.demo.server` serves each site directory on its own port.
"""
