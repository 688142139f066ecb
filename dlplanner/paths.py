"""Where things live: the bundled resources (samples, icons, style sheets), installed or from a
checkout, and the per-user folders of each platform (data for recovery copies, logs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "dlplanner"
LOG_DIR_ENV = "DLPLANNER_LOG_DIR"


def resources_dir() -> Path:
    """The ``resources/`` folder: inside the installed package, or at the top of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("dlplanner's resources folder is missing; reinstall the package")


def samples_dir() -> Path:
    return resources_dir() / "samples"


def user_data_dir() -> Path:
    """The per-user data folder: ``~/.local/share/dlplanner``, ``%LOCALAPPDATA%\\dlplanner``,
    ``~/Library/Application Support/dlplanner`` (``$XDG_DATA_HOME`` honoured)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    """``$DLPLANNER_LOG_DIR``, or the platform's per-user log folder: ``~/.local/state/dlplanner/log``,
    ``%LOCALAPPDATA%\\dlplanner\\Logs``, ``~/Library/Logs/dlplanner``."""
    configured = os.environ.get(LOG_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_log_path(APP_NAME, appauthor=False)
