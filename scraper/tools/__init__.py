"""Batch work on a finished archive: re-extraction, WACZ export, benchmarks."""
