"""GOV.UK-style council CMSs: "What's on" listings and related-content boxes."""

from __future__ import annotations

EXCLUDED_SEGMENTS = frozenset({"whats-on"})

# "Related content" / "related news" asides beside every article.
WIDGET_CLASS_WORDS = ("related",)

# Platform detection (scraper.cms.detect): GOV.UK Frontend's assets and govuk-* classes.
LABEL = "GOV.UK Frontend"
GENERATOR = ()
ASSET_PATHS = ("/govuk-frontend", "/assets/govuk")
MARKUP = (
    r"class=\"[^\"]*\bgovuk-",
    r"\bgovuk-template\b",
    r"\bgovuk-(?:header|footer|width-container|main-wrapper|cookie-banner)\b",
)
