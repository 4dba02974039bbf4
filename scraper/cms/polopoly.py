"""Polopoly (Atex): detection only so far (its /polopoly_fs/ file store)."""

from __future__ import annotations

LABEL = "Polopoly"
GENERATOR = ("polopoly",)
ASSET_PATHS = ("/polopoly_fs/", "/polopoly/")
MARKUP = (r"\bpolopoly\b", r"/\d+\.\d+!/")
