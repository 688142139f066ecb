"""Fixtures of the school-data tests: the storage tests' rich project (every field of every record set)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "storage"))  # rich_project.py lives with the storage tests
