"""Everything in tests/faults/ is marked ``faults``: the crawl against what goes wrong in real life.

A hostile loopback web (tests/strict_server.py), kill -9 at random moments, a full or read-only disk,
a locked archive, two crawls at once, Ctrl-C and busy ports, always through the real CLI in a
subprocess. ``python3 run.py test`` runs them with the rest; ``-m faults`` runs only them.
``MUNINEWS_FAULT_ROUNDS`` sets how many random kill points each kill test tries (default 3; 2 when CI is set).
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.faults)
