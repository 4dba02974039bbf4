"""SiteVision (most Swedish kommuner): the recent-news portlet and "puff" teasers on every page.

Its listings page with a portlet-scoped parameter ("sv.12.abc.page=2"), which the generic
PAGINATION_PARAM already accepts (a name ending in ".page").
"""

from __future__ import annotations

# sv-archive-portlet is shown on most pages of a kommun site, service pages included; a "puff"
# is a teaser box linking to another page.
WIDGET_CLASS_WORDS = ("sv-archive-portlet", "puff")
