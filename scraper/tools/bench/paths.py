"""Where the bench finds its inputs: the gold set, the held-out sites, the real corpora beside the project."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GOLD_DIR = ROOT / "tests" / "gold"
WEB_EVAL_DIR = ROOT.parent / "shared" / "corpora" / "web-eval"
REAL_TEXTS_DIR = ROOT.parent / "shared" / "corpora" / "real-texts-dev"
SPLITS = ("dev", "held_out")
DEFAULT_FETCHED_AT = "2027-01-15T10:00:00Z"
