"""EPiServer (Optimizely): nothing beyond the generic rules so far.

Its news pages carry a site-header/site-footer and a main-nav, which the generic chrome words
cover; the gold pages ``tests/gold/pages/episerver-*`` keep that true. Add what only EPiServer
writes here, with the page that shows it.
"""

from __future__ import annotations

# Platform detection (scraper.cms.detect): its asset folders and the data-epi-* editing attributes.
LABEL = "Episerver/Optimizely"
GENERATOR = ("episerver", "optimizely")
ASSET_PATHS = ("/globalassets/", "/contentassets/", "/siteassets/", "/episerver/", "/epiui/")
MARKUP = (r"data-epi-", r"\bepi-(?:contentfragment|editcontainer)", r"EPiServerForms")
