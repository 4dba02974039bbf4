"""Datasette's unit library, imported and its registry built when first used, not at import.

``datasette.views.base`` imports its vendored pint and builds ``pint.UnitRegistry()`` at import,
parsing pint's whole unit definition file: about 0.16 s of import and 0.3 s of building, of the
~1.2 s ``muninews serve`` takes to answer its first request. Both serve only column ``units`` in
metadata, which muninews' metadata never sets. :func:`install`, called before Datasette's views
are imported, puts a stand-in module in pint's place whose ``UnitRegistry`` is a proxy: the real
pint is imported and the real registry built on the registry's first use (a units filter, a
metadata ``units`` entry), and any other name asked of the module imports pint at once, so nothing
changes for a Datasette that does use units.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from typing import Any

PINT = "datasette.vendored.pint"


def _real_pint() -> Any:
    """The vendored pint, imported on first call: run from its own spec into ``sys.modules``
    (where the stand-in was), as the import system would, so pint's relative imports find it;
    from then on ``sys.modules`` holds the real module."""
    module = sys.modules.get(PINT)
    if not isinstance(module, _LazyPint):
        return importlib.import_module(PINT)
    spec: Any = module.__spec__  # install() set it, with a loader
    real = importlib.util.module_from_spec(spec)
    sys.modules[PINT] = real
    try:
        spec.loader.exec_module(real)
    except BaseException:
        sys.modules[PINT] = module
        raise
    return real


class LazyUnitRegistry:
    """Stands in for ``pint.UnitRegistry(...)``: the real one is built on first attribute or call."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._args, self._kwargs = args, kwargs
        self._real: Any = None

    @property
    def built(self) -> bool:
        return self._real is not None

    def _registry(self) -> Any:
        if self._real is None:
            self._real = _real_pint().UnitRegistry(*self._args, **self._kwargs)
        return self._real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._registry(), name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._registry()(*args, **kwargs)


class _LazyPint(types.ModuleType):
    """What ``from datasette.vendored import pint`` gets: ``UnitRegistry`` is the proxy class,
    every other name is the real module's (imported then)."""

    def __init__(self, spec: Any) -> None:
        super().__init__(PINT)
        self.__spec__ = spec

    def __getattr__(self, name: str) -> Any:
        if name == "UnitRegistry":
            return LazyUnitRegistry
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real_pint(), name)


def install() -> None:
    """Put the stand-in in pint's place; a no-op once Datasette's views or pint are imported."""
    if "datasette.views.base" in sys.modules or PINT in sys.modules:
        return
    spec = importlib.util.find_spec(PINT)
    if spec is None or spec.loader is None:  # a Datasette without vendored pint: nothing to defer
        return
    sys.modules[PINT] = _LazyPint(spec)
