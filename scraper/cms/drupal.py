"""Drupal: regions marked with ARIA landmark roles rather than header/footer classes."""

from __future__ import annotations

# Olivero and other core themes: <div role="banner">, <div role="navigation">, <div role="contentinfo">.
CHROME_ROLES = ("navigation", "banner", "contentinfo")
