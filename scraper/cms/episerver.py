"""EPiServer (Optimizely): nothing beyond the generic rules so far.

Its news pages carry a site-header/site-footer and a main-nav, which the generic chrome words
cover; the gold pages ``tests/gold/pages/episerver-*`` keep that true. Add what only EPiServer
writes here, with the page that shows it.
"""

from __future__ import annotations
