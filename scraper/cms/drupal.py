"""Drupal: regions marked with ARIA landmark roles rather than header/footer classes."""

from __future__ import annotations

# Olivero and other core themes: <div role="banner">, <div role="navigation">, <div role="contentinfo">.
CHROME_ROLES = ("navigation", "banner", "contentinfo")

# Platform detection (scraper.cms.detect): generator meta, its file and core paths, data-drupal-*.
LABEL = "Drupal"
GENERATOR = ("drupal",)
ASSET_PATHS = ("/sites/default/files/", "/core/misc/", "/core/themes/", "/modules/contrib/")
MARKUP = (r"data-drupal-", r"drupal-settings-json", r"\bDrupal\.settings")
