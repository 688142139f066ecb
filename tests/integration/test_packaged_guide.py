"""The user guide ships inside the wheel and Help → User guide finds it there (importlib.resources)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.slow
def test_the_wheel_carries_the_guide_and_the_installed_app_finds_it(tmp_path: Path) -> None:
    script = f"from hatchling.build import build_wheel; print(build_wheel({str(tmp_path)!r}))"
    built = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    wheel = tmp_path / built.stdout.strip().splitlines()[-1]
    installed = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert {"dlplanner/_docs/user-guide.md", "dlplanner/_docs/compare.md"} <= names
        archive.extractall(installed)  # what pip would put in site-packages
    probe = (
        "import dlplanner, dlplanner.qt.help as h; "
        "print(dlplanner.__file__); print(h.guide_path()); print(h.guide_path().read_text()[:200])"
    )
    env = {**os.environ, "PYTHONPATH": str(installed), "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    package, guide, text = run.stdout.split("\n", 2)
    assert package.startswith(str(installed))  # the installed copy, not this checkout
    assert guide == str(installed / "dlplanner" / "_docs" / "user-guide.md")
    assert "user guide" in text.lower()
