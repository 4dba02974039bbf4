"""Datasette's unit registry, built when first used instead of when Datasette is imported.

``datasette.views.base`` builds pint's ``UnitRegistry()`` at import, parsing pint's whole unit
definition file: 0.3 s of the 1.2 s ``muninews serve`` takes to answer its first request. It is
only used for column ``units`` in metadata, which muninews' metadata never sets. :func:`install`,
called before Datasette's views are imported, swaps the class for a proxy that builds the real
registry on its first use (a units filter, a metadata ``units`` entry), so nothing changes for a
Datasette that does use units.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any


class LazyUnitRegistry:
    """Stands in for ``pint.UnitRegistry(...)``: the real one is built on first attribute or call."""

    _real_class: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._args, self._kwargs = args, kwargs
        self._real: Any = None

    @property
    def built(self) -> bool:
        return self._real is not None

    def _registry(self) -> Any:
        if self._real is None:
            self._real = self._real_class(*self._args, **self._kwargs)
        return self._real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._registry(), name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._registry()(*args, **kwargs)


def install() -> None:
    """Make Datasette's import-time registry lazy; a no-op once its views are imported."""
    if "datasette.views.base" in sys.modules:
        return
    # By name: the vendored pint is typed, and naming it here would make mypy read Datasette,
    # which is not.
    pint = importlib.import_module("datasette.vendored.pint")
    if LazyUnitRegistry._real_class is None:
        LazyUnitRegistry._real_class = getattr(pint, "UnitRegistry")  # noqa: B009
        setattr(pint, "UnitRegistry", LazyUnitRegistry)  # noqa: B010
