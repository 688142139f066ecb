"""The default soft-rule weights of the solver and of the checker are the table of docs/rules.md."""

from __future__ import annotations

import re
from pathlib import Path

from dlplanner.domain import checker
from dlplanner.solver import SOFT_RULES
from dlplanner.solver.objective import DEFAULT_WEIGHTS

RULES_MD = Path(__file__).resolve().parents[3] / "docs" / "rules.md"


def documented_weights() -> dict[str, str]:
    """Rule id -> its "default weight" cell, from the soft rules' table."""
    text = RULES_MD.read_text(encoding="utf-8")
    table = text[text.index("| id | default weight |") :]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+?) \|", table, flags=re.M)
    return dict(rows)


def test_solver_and_checker_weights_are_the_documented_ones():
    documented = documented_weights()
    assert set(documented) == set(SOFT_RULES)
    numbers = {rule_id: int(cell) for rule_id, cell in documented.items() if cell.isdigit()}
    assert set(documented) - set(numbers) == {"looping_soft"}  # its own weight, per looping rule
    assert numbers == DEFAULT_WEIGHTS
    assert numbers == checker.DEFAULT_WEIGHTS
