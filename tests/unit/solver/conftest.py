"""Makes the tiny-school builders (solver_kit) importable from the solver tests."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
