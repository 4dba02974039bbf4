"""Umbraco: detection only so far (its media and plugin paths); nothing in the crawl depends on it."""

from __future__ import annotations

LABEL = "Umbraco"
GENERATOR = ("umbraco",)
ASSET_PATHS = ("/umbraco/", "/app_plugins/")
MARKUP = (r"\bumbraco\b", r"/media/[0-9a-z]{8}/")
