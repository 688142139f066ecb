"""Export tests use the tiny hand-computed school of tests/unit/metrics."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "metrics"))
