"""Datasette's pint is imported and its unit registry built on first use, not when ``muninews serve``
imports Datasette."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import scraper.web
import datasette.app
from datasette.views.base import ureg
assert "datasette.vendored.pint.registry" not in sys.modules, "pint imported with Datasette"
assert type(ureg).__name__ == "LazyUnitRegistry", type(ureg)
assert not ureg.built, "built at import"
assert ureg("3 m").to("cm").magnitude == 300
ureg.define("smoot = 1.7018 m")  # what Datasette does for a metadata unit
assert round(ureg("2 smoot").to("m").magnitude, 4) == 3.4036
assert ureg.built
from datasette.vendored import pint  # any other name of the module is pint's own
assert pint.Quantity(2, "m").to("cm").magnitude == 200
assert type(sys.modules["datasette.vendored.pint"]).__name__ == "module"
"""


def test_pint_is_imported_and_the_registry_built_on_first_use_and_then_work_as_pints() -> None:
    # A fresh interpreter: in this one Datasette may have been imported before the plugin.
    proc = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
