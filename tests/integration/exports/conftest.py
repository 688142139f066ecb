"""Integration tests of exports use the tiny hand-computed school of tests/unit/metrics."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "unit" / "metrics"))
sys.path.insert(0, str(Path(__file__).parents[2] / "unit" / "exports"))
