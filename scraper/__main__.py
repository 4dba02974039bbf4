"""``python -m scraper`` is the ``muninews`` command."""

import sys

from scraper.cli import main

sys.exit(main())
