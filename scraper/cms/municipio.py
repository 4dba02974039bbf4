"""Municipio: the open-source WordPress theme many Swedish kommuner share (Helsingborg's).

A flavour of WordPress: the crawl uses WordPress's data for it; detection names it on its own.
"""

from __future__ import annotations

LABEL = "Municipio"
FLAVOUR_OF = "wordpress"
GENERATOR = ("municipio",)
ASSET_PATHS = ("/wp-content/themes/municipio", "/wp-content/plugins/modularity")
MARKUP = (r"\bmunicipio\b", r"\bmodularity-mod-", r"\bs-post-")
