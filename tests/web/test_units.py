"""Datasette's pint unit registry is built on first use, not when ``muninews serve`` imports Datasette."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import scraper.web
import datasette.app
from datasette.views.base import ureg
assert type(ureg).__name__ == "LazyUnitRegistry", type(ureg)
assert not ureg.built, "built at import"
assert ureg("3 m").to("cm").magnitude == 300
ureg.define("smoot = 1.7018 m")  # what Datasette does for a metadata unit
assert round(ureg("2 smoot").to("m").magnitude, 4) == 3.4036
assert ureg.built
"""


def test_the_unit_registry_is_built_on_first_use_and_then_works_as_pints() -> None:
    # A fresh interpreter: in this one Datasette may have been imported before the plugin.
    proc = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
