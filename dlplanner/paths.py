"""Where the bundled resources (samples, icons, style sheets) live, installed or from a checkout."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: inside the installed package, or at the top of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("dlplanner's resources folder is missing; reinstall the package")


def samples_dir() -> Path:
    return resources_dir() / "samples"
