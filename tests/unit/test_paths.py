"""Per-user folders come from platformdirs (the platform's conventions), with environment overrides."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dlplanner import paths
from dlplanner.services import recovery


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG variables are the Linux convention")
def test_recovery_folder_is_in_the_xdg_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(recovery.RECOVERY_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert recovery.recovery_dir() == tmp_path / "data" / "dlplanner" / "recovery"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG variables are the Linux convention")
def test_log_folder_is_in_the_xdg_state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.LOG_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert paths.log_dir() == tmp_path / "state" / "dlplanner" / "log"


def test_log_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.LOG_DIR_ENV, str(tmp_path / "logs"))
    assert paths.log_dir() == tmp_path / "logs"
