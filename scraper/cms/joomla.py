"""Joomla: detection only so far (generator meta, its media and component paths)."""

from __future__ import annotations

LABEL = "Joomla"
GENERATOR = ("joomla",)
ASSET_PATHS = ("/media/jui/", "/media/system/js/", "/components/com_")
MARKUP = (r"\bitem-page\b", r"\bcom-content-")
