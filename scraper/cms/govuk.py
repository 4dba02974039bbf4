"""GOV.UK-style council CMSs: "What's on" listings and related-content boxes."""

from __future__ import annotations

EXCLUDED_SEGMENTS = frozenset({"whats-on"})

# "Related content" / "related news" asides beside every article.
WIDGET_CLASS_WORDS = ("related",)
